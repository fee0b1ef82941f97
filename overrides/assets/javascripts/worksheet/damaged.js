// A saved entry that cannot be read in full: kept under <storage key>:damaged:<time>, reported in
// the reader's language with a download and a delete button. Where no copy can be kept, nothing
// is saved over the entry until the reader has downloaded it.
import { download } from "./files.js";
import { KEPT, STATE } from "./protocol.js";
import { fmt } from "./paths.js";

/** @param {{root: HTMLElement, S: Record<string, any>, messages: any}} page @param {() => void} save */
export function createDamaged({ root, S, messages }, save) {
  const { storageKey, worksheet } = root.dataset;
  const prefix = storageKey + KEPT.damaged;
  let hold = false;

  function keepCopy(text) {
    try {
      for (let i = 0; i < localStorage.length; i += 1) {
        const key = localStorage.key(i);
        if (key.startsWith(prefix) && localStorage.getItem(key) === text) return key;
      }
      const key = `${prefix}${new Date().toISOString()}`;
      localStorage.setItem(key, text);
      return key;
    } catch {
      return null;
    }
  }

  function report(text, reason, details) {
    const key = keepCopy(text);
    if (!key) hold = true;
    const stamp = new Date().toISOString().slice(0, 10);
    const actions = [
      {
        label: S.download_damaged,
        run: () => {
          download({ filename: `${worksheet}-saved-${stamp}.txt`, mime: "text/plain", text });
          if (hold) {
            hold = false;
            save();
          }
        },
      },
    ];
    if (key) {
      actions.push({
        label: S.discard_damaged,
        run: () => {
          if (!window.confirm(S.confirm_discard_damaged)) return;
          try {
            localStorage.removeItem(key);
          } catch {
            /* already gone */
          }
          messages.say(S.damaged_discarded);
        },
      });
    }
    const lines = [];
    if (details?.length) lines.push(S.saved_damaged_checked, ...details);
    lines.push(key ? S.saved_damaged_kept : S.saved_damaged_not_kept);
    messages.say(fmt(S.saved_damaged, { reason }), lines, actions);
    root.dataset[STATE.savedDamaged] = "true";
  }

  return { report, holding: () => hold };
}
