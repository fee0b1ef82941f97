// Limits where the reader types. Each text control has the schema's limit as maxlength, so the
// browser stops typing and pasting at it; this shows how near a field is, from 80 %, and says
// when a paste was cut short.
import { fmt } from "./paths.js";

const NEAR = 0.8;
let made = 0;

/** @param {HTMLFormElement} form @param {Record<string, any>} S @param {(text: string) => void} say */
export function createCounters(form, S, say) {
  function count(el) {
    const limit = el.maxLength;
    if (!(limit > 0) || el.type === "hidden") return;
    const used = el.value.length;
    let counter = el.counter;
    if (used < limit * NEAR) {
      if (counter) counter.hidden = true;
      return;
    }
    if (!counter) {
      counter = el.counter = document.createElement("p");
      counter.className = "ws-count";
      counter.id = `${el.id || `ws-c${(made += 1)}`}-count`;
      el.after(counter);
      el.setAttribute("aria-describedby", `${el.getAttribute("aria-describedby") || ""} ${counter.id}`.trim());
    }
    counter.hidden = false;
    counter.dataset.state = used > limit ? "over" : used === limit ? "full" : "near";
    counter.textContent =
      used > limit
        ? fmt(S.count_over, { used, over: used - limit, limit })
        : used === limit
          ? fmt(S.count_full, { limit })
          : fmt(S.count_near, { used, limit });
  }

  form.addEventListener("input", (event) => count(event.target));
  form.addEventListener("paste", (event) => {
    const el = event.target;
    if (!(el.maxLength > 0) || !event.clipboardData) return;
    const pasted = event.clipboardData.getData("text/plain").replace(/\r\n?/g, "\n");
    const room = el.maxLength - (el.value.length - Math.abs((el.selectionEnd ?? 0) - (el.selectionStart ?? 0)));
    if (pasted.length > room) say(fmt(S.paste_cut, { total: pasted.length, kept: Math.max(room, 0), limit: el.maxLength }));
  });

  const countAll = () => {
    for (const el of form.querySelectorAll("[maxlength]")) count(el);
  };
  return { count, countAll };
}
