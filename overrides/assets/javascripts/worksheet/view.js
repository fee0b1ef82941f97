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
    root.dataset[STATE.ready] = "true";
  };
}
