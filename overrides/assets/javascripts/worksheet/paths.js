// @ts-check
// A field's data-field is a path: "evidence.research.level" is data.evidence.research.level.

/** @param {unknown} value @returns {value is Record<string, any>} */
export const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** The value at a dotted path, or undefined where the path leads through something that is not an object. */
export function getPath(obj, path) {
  return path.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), obj);
}

/** Sets the value at a dotted path, making the groups on the way. */
export function setPath(obj, path, value) {
  const keys = path.split(".");
  const last = keys.pop();
  let o = obj;
  for (const k of keys) o = isRecord(o[k]) ? o[k] : (o[k] = {});
  o[last] = value;
}

/** "{n}. item" with {n} from values; a placeholder without a value stays as it is. */
export const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
