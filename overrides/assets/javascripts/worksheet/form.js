// The form <-> the worksheet's data. A scope (the form, a list item, the collection's item)
// owns the fields not inside another; repeatable rows are a data-list with a
// <template data-template>; a list keeps at least one (empty) item unless it says
// data-list-min="0", and holds at most data-max (the schema's limit, written by Python).
import { createCollection } from "./collection.js";
import { fmt, getPath, isRecord, setPath } from "./paths.js";

let uid = 0;
/** A new id for an element of the page. */
export const newUid = (prefix) => `${prefix}${(uid += 1)}`;

/** @param {HTMLFormElement} form @param {Record<string, any>} S @param {() => void} countAll */
export function createForm(form, S, countAll) {
  const lists = () => [...form.querySelectorAll("[data-list]")].filter((el) => el.tagName !== "BUTTON");
  const minItems = (list) => Number(list.dataset.listMin ?? 1);
  const maxOf = (el) => Number(el.dataset.max) || Infinity;
  const ownFields = (scope) =>
    [...scope.querySelectorAll("[data-field]")].filter(
      (el) => (el.closest("[data-item], [data-collection-item]") || form) === scope,
    );

  function read(scope) {
    const record = {};
    for (const el of ownFields(scope)) setPath(record, el.dataset.field, el.value);
    return record;
  }
  function write(scope, record) {
    for (const el of ownFields(scope)) {
      // Only text ever reaches a control (saved data passed shape.js's check; Python's is text).
      const value = getPath(record, el.dataset.field);
      const text = typeof value === "string" || typeof value === "number" ? String(value) : "";
      if (el.value !== text) el.value = text;
      // A select without an option for the value shows its first option, never a blank.
      if (el.tagName === "SELECT" && el.selectedIndex < 0) el.selectedIndex = 0;
    }
  }
  const coll = createCollection(form, S, { read, write, maxOf });

  function newItem(list) {
    const template = form.querySelector(`template[data-template="${list.dataset.list}"]`);
    const item = template.content.firstElementChild.cloneNode(true);
    const n = newUid("n");
    for (const el of item.querySelectorAll("[id], [for], [aria-describedby]")) {
      for (const attr of ["id", "for", "aria-describedby"]) {
        if (el.hasAttribute(attr)) el.setAttribute(attr, el.getAttribute(attr).replaceAll("__i__", n));
      }
    }
    list.appendChild(item);
    return item;
  }

  function renumber(list) {
    const label = S.item_labels[list.dataset.list];
    [...list.children].forEach((item, i) => {
      const name = fmt(label, { n: i + 1 });
      const legend = item.querySelector("[data-out='legend']");
      if (legend) legend.textContent = name;
      for (const [action, text] of [
        ["up", S.move_up],
        ["down", S.move_down],
        ["remove", S.remove],
      ]) {
        const button = item.querySelector(`[data-action='${action}']`);
        if (button) button.setAttribute("aria-label", `${text}: ${name}`);
      }
      const up = item.querySelector("[data-action='up']");
      const down = item.querySelector("[data-action='down']");
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === list.children.length - 1;
    });
  }

  function collect() {
    const data = read(form);
    for (const list of lists()) data[list.dataset.list] = [...list.children].map(read);
    if (coll) coll.collect(data);
    return data;
  }

  function fill(data) {
    data = isRecord(data) ? data : {};
    if (coll) coll.fill(data);
    write(form, data);
    for (const list of lists()) {
      const value = data[list.dataset.list];
      const saved = Array.isArray(value) ? value.slice(0, maxOf(list)).map((r) => (isRecord(r) ? r : {})) : [];
      const records = saved.concat(Array(Math.max(minItems(list) - saved.length, 0)).fill({}));
      while (list.children.length > records.length) list.lastElementChild.remove();
      while (list.children.length < records.length) newItem(list);
      records.forEach((record, i) => {
        write(list.children[i], record);
      });
      renumber(list);
    }
    countAll();
  }

  // Empties one part of the data: the fields under a path or the list of that name.
  function clearPart(part) {
    for (const el of ownFields(form)) {
      if (el.dataset.field === part || el.dataset.field.startsWith(`${part}.`)) el.value = "";
    }
    for (const list of lists().filter((l) => l.dataset.list === part)) {
      while (list.children.length > minItems(list)) list.lastElementChild.remove();
      for (const item of list.children) write(item, {});
      renumber(list);
    }
  }

  // Anything the reader has put in the form (a select still at its first option, its default,
  // is not content).
  function hasContent() {
    return (
      [...form.querySelectorAll("[data-field]")].some(
        (el) => el.type !== "hidden" && el.value.trim() && !(el.tagName === "SELECT" && el.selectedIndex === 0),
      ) || Boolean(coll && coll.items.length > 1)
    );
  }

  return { form, coll, lists, minItems, maxOf, newItem, renumber, collect, fill, clearPart, hasContent, write };
}
