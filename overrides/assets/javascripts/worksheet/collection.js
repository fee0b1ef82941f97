// A collection: several whole records of the same form (e.g. named assessments), one shown at a
// time. The element with data-collection-item="<name>" holds the shown record's fields; the
// data gets <name>: [records] and, under data-collection-open, the shown record's id. A
// <select data-collection-select> switches; <select data-collection-options> lists the records
// to choose from; buttons collection-add, -copy and -remove manage them (actions.js).
import { fmt, isRecord } from "./paths.js";

/** @returns {null | ReturnType<typeof make>} */
export function createCollection(form, S, scopes) {
  const box = form.querySelector("[data-collection-item]");
  return box ? make(form, S, scopes, box) : null;
}

function make(form, S, { read, write, maxOf }, box) {
  const select = form.querySelector("select[data-collection-select]");
  const c = {
    box,
    select,
    name: box.dataset.collectionItem,
    label: box.dataset.collectionLabel,
    openKey: box.dataset.collectionOpen,
    items: [],
    current: 0,
  };

  c.newId = () => {
    const ids = new Set(c.items.map((item) => item.id));
    let n = c.items.length + 1;
    while (ids.has(`a${n}`)) n += 1;
    return `a${n}`;
  };
  c.itemName = (item, i) => {
    const name = typeof item[c.label] === "string" ? item[c.label].trim() : "";
    return name || fmt(S.item_labels[c.name], { n: i + 1 });
  };
  c.sync = () => {
    c.items[c.current] = read(box);
  };
  c.update = () => {
    const options = () => c.items.map((item, i) => new Option(c.itemName(item, i), item.id));
    select.replaceChildren(...options());
    select.value = c.items[c.current].id;
    for (const other of form.querySelectorAll(`select[data-collection-options="${c.name}"]`)) {
      const value = other.value;
      other.replaceChildren(other.options[0], ...options());
      other.value = c.items.some((item) => item.id === value) ? value : "";
    }
  };
  c.show = (index) => {
    c.current = index;
    write(box, c.items[index]);
    c.update();
  };
  c.fill = (data) => {
    const saved = Array.isArray(data[c.name]) ? data[c.name].filter(isRecord).slice(0, maxOf(box)) : [];
    c.items = [];
    for (const record of saved.length ? saved : [{}]) {
      c.items.push({ ...record, id: typeof record.id === "string" && record.id ? record.id : c.newId() });
    }
    c.show(
      Math.max(
        c.items.findIndex((item) => item.id === data[c.openKey]),
        0,
      ),
    );
  };
  c.collect = (data) => {
    c.sync();
    data[c.name] = c.items.map((item) => ({ ...item }));
    data[c.openKey] = c.items[c.current].id;
  };

  c.items = [read(box)];
  if (!c.items[0].id) c.items[0].id = c.newId();
  c.show(0);

  // Runs before the form's own change listener, which then saves the newly shown record.
  select.addEventListener("change", () => {
    c.sync();
    c.show(
      Math.max(
        c.items.findIndex((item) => item.id === select.value),
        0,
      ),
    );
  });
  box.addEventListener("input", (event) => {
    if (event.target.dataset.field === c.label) {
      c.sync();
      c.update();
    }
  });
  return c;
}
