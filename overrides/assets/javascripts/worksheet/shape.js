// @ts-check
// The one check saved data from this browser passes before any code reads it as a given shape.
// The form declares the shape: each data-field holds text, each data-list a list of records
// with its template's fields, the collection a list of records with its own fields. What does
// not fit is left out and named, so the reader is told and the entry as it was is kept aside
// (storage.js); what fits goes into the form. Python checks the rest (limits, choices) once it
// has started.

import { getPath, isRecord } from "./paths.js";

/**
 * @typedef {{fields: string[]}} RecordShape
 * @typedef {{fields: string[], lists: Record<string, RecordShape>,
 *   collection: null | (RecordShape & {name: string, openKey: string})}} Shape
 */

const own = (scope, form) =>
  [...scope.querySelectorAll("[data-field]")]
    .filter((el) => (el.closest("[data-item], [data-collection-item]") || form) === scope)
    .map((el) => el.dataset.field);

/** The shape the form declares. @param {HTMLElement} form @returns {Shape} */
export function shapeOf(form) {
  /** @type {Shape} */
  const shape = { fields: own(form, form), lists: {}, collection: null };
  for (const template of form.querySelectorAll("template[data-template]")) {
    const item = template.content.firstElementChild;
    shape.lists[template.dataset.template] = {
      fields: [...item.querySelectorAll("[data-field]")].map((el) => el.dataset.field),
    };
  }
  const box = form.querySelector("[data-collection-item]");
  if (box) {
    shape.collection = { name: box.dataset.collectionItem, openKey: box.dataset.collectionOpen, fields: own(box, form) };
  }
  return shape;
}

// A form's control shows text; numbers were never saved by this page, so they too are left out.
// null is read as Python's check reads it: nothing there (an empty field, group, list or record).
const kind = (value) => (value === null ? "null" : Array.isArray(value) ? "list" : typeof value);

/** The record's fields that fit, and the paths of those that do not, under `where`. */
function conformRecord(record, fields, where, dropped) {
  const out = {};
  for (const path of fields) {
    const keys = path.split(".");
    // A group on the way that is not a group (text where evidence.research should be) is named once.
    let at = record;
    let broken = false;
    for (let i = 0; i < keys.length - 1; i++) {
      at = at[keys[i]];
      if (at === undefined || at === null) break;
      if (!isRecord(at)) {
        const name = where + keys.slice(0, i + 1).join(".");
        if (!dropped.some((d) => d.path === name)) dropped.push({ path: name, found: kind(at) });
        broken = true;
        break;
      }
    }
    if (broken) continue;
    const value = getPath(record, path);
    if (value === undefined || value === null) continue;
    if (typeof value === "string") setOut(out, keys, value);
    else dropped.push({ path: where + path, found: kind(value) });
  }
  return out;
}

function setOut(out, keys, value) {
  let o = out;
  for (const k of keys.slice(0, -1)) o = o[k] || (o[k] = {});
  o[keys[keys.length - 1]] = value;
}

function conformList(value, shape, name, dropped) {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    dropped.push({ path: name, found: kind(value) });
    return undefined;
  }
  const out = [];
  value.forEach((item, i) => {
    if (item === null) out.push({});
    else if (isRecord(item)) out.push(conformRecord(item, shape.fields, `${name}[${i + 1}].`, dropped));
    else dropped.push({ path: `${name}[${i + 1}]`, found: kind(item) });
  });
  return out;
}

/**
 * Saved data in the form's shape: {data, dropped}, dropped naming each path left out and what
 * was found there. Keys the form does not know are left as they are (nothing reads them).
 * @param {Record<string, any>} data @param {Shape} shape
 * @returns {{data: Record<string, any>, dropped: {path: string, found: string}[]}}
 */
export function conform(data, shape) {
  /** @type {{path: string, found: string}[]} */
  const dropped = [];
  const fitting = conformRecord(data, shape.fields, "", dropped);
  const out = { ...data };
  for (const top of new Set(shape.fields.map((path) => path.split(".")[0]))) {
    if (top in fitting) out[top] = fitting[top];
    else delete out[top];
  }
  for (const [name, list] of Object.entries(shape.lists)) {
    const value = conformList(data[name], list, name, dropped);
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  const c = shape.collection;
  if (c) {
    const value = conformList(data[c.name], c, c.name, dropped);
    if (value === undefined) delete out[c.name];
    else out[c.name] = value;
    if (c.openKey in data && data[c.openKey] !== null && typeof data[c.openKey] !== "string") {
      dropped.push({ path: c.openKey, found: kind(data[c.openKey]) });
      delete out[c.openKey];
    }
  }
  return { data: out, dropped };
}
