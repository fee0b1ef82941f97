// Every button of the worksheet, by its data-action: one table. A handler gets the button, the
// list item it sits in (if any) and that item's list. "export-*" stands for every export format
// (export-json, export-team-csv, ...). Python's answers wait until it is ready; the rest is the
// page's own work.
import { download } from "./files.js";
import { fmt } from "./paths.js";
import { print } from "./print.js";

/** {root, S, sheet, messages, python, store, links, refresh, changed} */
export function createActions(page) {
  const { root, S, sheet, messages, python } = page;
  const { form, coll } = sheet;
  const say = messages.say;
  const notReady = () => (python.ready() ? null : say(python.failed() ? S.status_failed : S.not_ready) || true);

  // The collection's add and copy: a new record, shown and named.
  function addRecord(copy) {
    sheet.coll.sync();
    const limit = sheet.maxOf(coll.box);
    if (coll.items.length >= limit) return say(fmt(S.list_full, { limit }));
    const name = coll.itemName(coll.items[coll.current], coll.current);
    const record = copy ? { ...structuredClone(coll.items[coll.current]), [coll.label]: fmt(S.copy_name, { name }) } : {};
    record.id = coll.newId();
    coll.items.push(record);
    coll.show(coll.items.length - 1);
    coll.box.querySelector(`[data-field="${coll.label}"]`).focus();
    page.changed();
  }

  function move({ button, item, list }, up) {
    const other = up ? item.previousElementSibling : item.nextElementSibling;
    if (!other) return;
    if (up) list.insertBefore(item, other);
    else list.insertBefore(other, item);
    sheet.renumber(list);
    (button.disabled ? item.querySelector("[data-field]") : button).focus();
    page.changed();
  }

  const table = {
    "collection-add": () => addRecord(false),
    "collection-copy": () => addRecord(true),
    "collection-remove": () => {
      coll.sync();
      const name = coll.itemName(coll.items[coll.current], coll.current);
      if (!window.confirm(fmt(S.confirm_remove_item, { name }))) return;
      coll.items.splice(coll.current, 1);
      if (!coll.items.length) coll.items.push({ id: coll.newId() });
      coll.show(Math.min(coll.current, coll.items.length - 1));
      coll.select.focus();
      messages.done(fmt(S.removed_item, { name }));
      page.changed();
    },
    add: ({ list }) => {
      if (list.children.length >= sheet.maxOf(list)) return say(fmt(S.list_full, { limit: sheet.maxOf(list) }));
      const added = sheet.newItem(list);
      sheet.renumber(list);
      added.querySelector("[data-field]").focus();
      page.changed();
    },
    remove: ({ item, list }) => {
      const next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      if (list.children.length < sheet.minItems(list)) sheet.newItem(list);
      sheet.renumber(list);
      const target = next || list.firstElementChild;
      (target ? target.querySelector("[data-field]:not([type='hidden'])") : list).focus();
      page.changed();
    },
    up: (where) => move(where, true),
    down: (where) => move(where, false),
    "export-*": async ({ button }) => {
      if (notReady()) return;
      try {
        const file = await python.call("export", { format: button.dataset.action.slice(7), data: sheet.collect() });
        download(file);
        if (file.warning) say(file.warning, file.details);
        else messages.done(fmt(S.exported, { filename: file.filename }));
      } catch {
        say(S.status_failed);
      }
    },
    "share-link": async () => {
      if (notReady()) return;
      try {
        await page.links.share();
      } catch {
        say(S.status_failed);
      }
    },
    "clear-part": ({ button }) => {
      sheet.clearPart(button.dataset.part);
      say(button.dataset.done || "");
      page.changed();
    },
    // Without Python there is no report: the form itself prints, with everything typed in it.
    print: () => print(form, python.ready() && root.dataset.ready === "true" ? null : "ws-printing-form"),
    "print-blank": () => print(form, "ws-printing-blank"),
    "print-blank-deeper": () => print(form, "ws-printing-blank", "ws-printing-deeper"),
    clear: () => {
      if (!window.confirm(S.confirm_clear)) return;
      sheet.fill({});
      page.store.clear();
      messages.done(S.cleared);
      page.refresh();
    },
  };

  // The worksheet's buttons, and the team view's under it (worksheet/team.js adds its own).
  const onClick = (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    const run = table[action] || table[`${action.split("-")[0]}-*`];
    if (!run) return;
    const item = button.closest("[data-item]");
    const list = item ? item.parentElement : form.querySelector(`ol[data-list="${button.dataset.list}"]`);
    run({ button, item, list });
  };
  for (const box of [root, ...document.querySelectorAll("[data-team]")]) box.addEventListener("click", onClick);
  return table;
}
