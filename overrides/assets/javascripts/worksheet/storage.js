// The worksheet kept in localStorage as the reader types. Saving never loses anything: a failed
// save is retried until it works (the text stays in the form, and can be exported meanwhile); a
// saved entry that cannot be read in full is kept aside before anything is saved over it
// (damaged.js); another tab's changes are taken in, not overwritten.
import { KEPT } from "./protocol.js";
import { createDamaged } from "./damaged.js";
import { fmt, isRecord } from "./paths.js";
import { conform, shapeOf } from "./shape.js";

export const storageGet = (key) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
export const storageSet = (key, value) => {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
};
export const storageRemove = (key) => {
  try {
    localStorage.removeItem(key);
  } catch {
    /* nothing stored, nothing to remove */
  }
};

/** {root, S, sheet, messages, python, refresh} */
export function createStorage(page) {
  const { root, S, sheet, messages } = page;
  const { storageKey, format, lang } = root.dataset;
  const version = Number(root.dataset.version);
  const checkKey = storageKey + KEPT.beforeCheck;
  const shape = shapeOf(sheet.form);
  const savedTexts = root.querySelectorAll("[data-saved], [data-dock-saved]");
  // The status line (announced) and the bar at the foot of the screen (seen while editing).
  const showState = (text) => {
    for (const el of savedTexts) el.textContent = text;
  };
  const clock = new Intl.DateTimeFormat(lang === "no" ? "nb-NO" : "en-GB", { hour: "2-digit", minute: "2-digit" });
  let storageWarned = false;
  let retryTimer = 0;
  let savedTimer = 0;
  let unsaved = false;
  let lastSaved = null; // what this tab last wrote or read: another tab's change differs
  let unchecked = null; // the saved entry as found, until Python has checked it
  let copiedUnchecked = false;
  const damaged = createDamaged(page, () => save());

  function save() {
    if (damaged.holding()) {
      unsaved = true;
      return;
    }
    // Until Python has confirmed the entry found at load is sound, a copy of it is kept first.
    if (unchecked !== null && !copiedUnchecked) {
      if (!storageSet(checkKey, unchecked)) return saveFailed();
      copiedUnchecked = true;
    }
    const text = JSON.stringify({ format, version, data: sheet.collect() });
    if (!storageSet(storageKey, text)) return saveFailed();
    lastSaved = text;
    unsaved = false;
    showSaved();
    if (storageWarned) {
      storageWarned = false;
      clearInterval(retryTimer);
      messages.done(S.storage_resumed);
    }
  }
  // "Saved at 14:02" beside the status, once typing pauses: it never moves the page or takes
  // focus, and a screen reader hears it once (the status line is a polite live region).
  function showSaved() {
    clearTimeout(savedTimer);
    savedTimer = setTimeout(() => {
      showState(fmt(S.saved, { time: clock.format(new Date()) }));
    }, 800);
  }
  function saveFailed() {
    clearTimeout(savedTimer);
    showState("");
    unsaved = true;
    if (!storageWarned) {
      storageWarned = true;
      messages.say(S.storage_failed);
      retryTimer = setInterval(save, 3000);
    }
  }
  // Leaving with changes that are not saved asks first (the browser shows its own words).
  window.addEventListener("beforeunload", (event) => {
    if (unsaved) event.preventDefault();
  });

  function clear() {
    storageRemove(storageKey);
    lastSaved = null;
    unsaved = false;
    showState("");
  }

  // -> {data, dropped} for an entry of this worksheet (dropped: what did not fit the form's
  // shape), or {reason} for one that cannot be read at all.
  function readSaved(text) {
    let doc;
    try {
      doc = JSON.parse(text);
    } catch {
      return { reason: S.damaged_not_json };
    }
    if (!isRecord(doc) || doc.format !== format || doc.version !== version || !isRecord(doc.data)) {
      return { reason: S.damaged_not_worksheet };
    }
    return conform(doc.data, shape);
  }
  const droppedLines = (dropped) => dropped.map(({ path }) => fmt(S.damaged_wrong_kind, { field: path }));

  /** The saved entry into the form; one that does not fit is kept aside and reported first. */
  function restore() {
    const text = storageGet(storageKey);
    lastSaved = text;
    if (text === null) return sheet.lists().forEach(sheet.renumber);
    const { data, dropped, reason } = readSaved(text);
    if (reason) {
      sheet.lists().forEach(sheet.renumber);
      damaged.report(text, reason);
      return;
    }
    if (dropped.length) damaged.report(text, S.damaged_invalid, droppedLines(dropped));
    sheet.fill(data);
    unchecked = text;
    if (!dropped.length) showState(S.restored);
  }

  // Python checks the saved entry as it checks a file; one it refuses is kept aside and reported.
  // Awaited before the first view is shown, so a page that says it is ready has said this too.
  async function checkSaved() {
    if (unchecked === null) return;
    const text = unchecked;
    let result;
    try {
      result = await page.python.call("check-saved", { text });
    } catch {
      return;
    }
    if (!result.ok) damaged.report(text, result.message, result.details);
    unchecked = null;
    storageRemove(checkKey);
  }

  // Another tab or window saved this worksheet: take its version in, as this tab's own state
  // was saved (and so seen by the other tab) before that change.
  window.addEventListener("storage", (event) => {
    if (event.key !== storageKey || event.newValue === lastSaved || unsaved) return;
    lastSaved = event.newValue;
    if (event.newValue === null) {
      sheet.fill({});
      messages.say(S.other_tab_cleared);
    } else {
      const { data, dropped } = readSaved(event.newValue);
      if (!data || dropped.length) return; // read as this tab's own entry is, on the next load
      sheet.fill(data);
      messages.say(S.other_tab);
    }
    page.refresh();
  });

  return { save, clear, restore, checkSaved, unsaved: () => unsaved };
}
