// What Python shows: the results' regions (its own escaped markup), each list row's outputs, the
// problems it finds in what the form holds. Only the newest view is shown: typing fast must not
// show an older result last.
import { STATE } from "./protocol.js";

/** {root, sheet, messages, python} -> refresh(after): after, a promise the view is shown after */
export function createView({ root, sheet, messages, python }) {
  let seq = 0;
  return async function refresh(after = null) {
    if (!python.ready()) return;
    const mine = ++seq;
    let view;
    try {
      view = await python.call("view", { data: sheet.collect() });
      await after;
    } catch {
      return;
    }
    if (mine !== seq) return;
    // The first view fills the results above a section the page was opened at (a link to
    // #team-view): that section stays where the reader sees it.
    const anchor = root.dataset[STATE.ready] === "true" ? null : inView(linkedSection());
    const top = anchor?.getBoundingClientRect().top;
    messages.showProblems(view.errors);
    for (const [name, html] of Object.entries(view.regions)) {
      // Python built this markup and escaped every piece of user text in it.
      const region = root.querySelector(`[data-region="${name}"]`);
      if (region) region.innerHTML = html;
    }
    for (const [name, rows] of Object.entries(view.rows)) {
      const list = sheet.form.querySelector(`[data-list="${name}"]`);
      rows.forEach((row, i) => {
        const item = list.children[i];
        if (!item) return;
        for (const [key, text] of Object.entries(row)) {
          const out = item.querySelector(`[data-out="${key}"]`);
          if (out) out.textContent = text;
          else item.dataset[key] = text;
        }
      });
    }
    if (anchor) window.scrollBy(0, anchor.getBoundingClientRect().top - top);
    root.dataset[STATE.ready] = "true";
  };
}

function linkedSection() {
  try {
    return location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  } catch {
    return null; // a share link's data is not an id
  }
}

function inView(element) {
  const box = element?.getBoundingClientRect();
  return box && box.bottom > 0 && box.top < innerHeight ? element : null;
}
