// The page side of a worksheet. Python (tools/, in a Web Worker) decides: it validates,
// computes results, draws the pictures and writes the exports. The modules in worksheet/ only
// display: they read and fill the form, keep it in localStorage, move files in and out, and
// show what Python returns. Nothing is ever sent to a server. This module wires them.
import { createActions } from "./worksheet/actions.js";
import { createCounters } from "./worksheet/counters.js";
import { createFiles } from "./worksheet/files.js";
import { createForm, newUid } from "./worksheet/form.js";
import { createMessages } from "./worksheet/messages.js";
import { fmt } from "./worksheet/paths.js";
import { foldOnPhone } from "./worksheet/print.js";
import { ROOT_SELECTOR } from "./worksheet/protocol.js";
import { createPython } from "./worksheet/python.js";
import { createSearchHold } from "./worksheet/search.js";
import { createLinks } from "./worksheet/share-link.js";
import { createStorage } from "./worksheet/storage.js";
import { createTeam } from "./worksheet/team.js";
import { createView } from "./worksheet/view.js";

const root = document.querySelector(ROOT_SELECTOR);
if (root) start(root);

function start(root) {
  const S = JSON.parse(root.querySelector("script[data-strings]").textContent);
  const form = root.querySelector("[data-form]");
  const messages = createMessages(root, S);
  const counters = createCounters(form, S, messages.say);
  const search = createSearchHold();
  const page = { root, S, messages, search };
  page.sheet = createForm(form, S, counters.countAll);
  page.python = createPython(root, S, messages, search);
  page.refresh = createView(page);
  page.store = createStorage(page);

  // Whatever replaces the form's data from Python's answer (an import, files brought in, a link)
  // runs one after another: each starts from what the one before left.
  let busy = Promise.resolve();
  page.serially = (task) => {
    const run = busy.then(task);
    busy = run.catch(() => {});
    return run;
  };
  let refreshTimer = 0;
  page.changed = () => {
    page.store.save();
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(page.refresh, 60);
  };
  page.links = createLinks(page);
  const team = createTeam(page, createActions(page));
  createFiles(page);

  form.addEventListener("input", page.changed);
  form.addEventListener("change", page.changed);
  form.addEventListener("submit", (event) => event.preventDefault());
  backLinks(root, S);
  foldOnPhone(form);
  page.store.restore();

  // Python's first view is shown once its check of the saved entry has been reported, so a page
  // that says it is ready has said what that check found. Both are asked for at once (with a
  // link's contents): Python answers in turn, with no wait between.
  page.python.listen(async () => {
    const checked = page.store.checkSaved();
    const shown = page.refresh(checked);
    page.links.open();
    await shown;
    team?.show().catch(() => {});
    search.letStart();
  });
}

// A link to the results remembers where the reader was: the results' back link returns there
// (from the bar at the foot of the screen: the part holding the field last edited).
function backLinks(root, S) {
  let lastField = null;
  root.addEventListener("focusin", (event) => {
    if (event.target.matches?.("[data-form] [data-field]")) lastField = event.target;
  });
  root.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-to-results]");
    if (!link) return;
    const edited = link.hasAttribute("data-dock-link") && lastField;
    const from =
      (edited && (lastField.closest("[data-item], fieldset") || lastField)) ||
      (link.dataset.backTo && document.getElementById(link.dataset.backTo)) ||
      link.closest("[data-item], fieldset") ||
      link;
    if (!from.id) from.id = newUid("ws-from-");
    const legend = from.querySelector("legend");
    const name = link.dataset.backName || (legend ? legend.textContent.trim() : "");
    for (const back of root.querySelectorAll("a[data-back-link]")) {
      back.href = `#${from.id}`;
      back.textContent = name ? fmt(S.back_to_item, { name }) : back.textContent;
    }
  });
}
