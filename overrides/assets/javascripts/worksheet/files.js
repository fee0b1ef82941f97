// Files in and out: exports downloaded, a file imported in place of the form's data, files
// brought into the data (an earlier self-check to compare with, a team's files). Python checks
// every file and returns the new data, or says why not.
import { fmt } from "./paths.js";

export function download({ filename, mime, text }) {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A file as UTF-8 text, or null (bytes that are not UTF-8 are refused, never replaced).
export async function readText(file) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return null;
  }
}

/** {root, S, sheet, messages, python, store, refresh, serially} */
export function createFiles(page) {
  const { root, S, sheet, messages, python } = page;
  const maxBytes = Number(root.dataset.maxImportBytes);
  const tooLarge = (file) =>
    fmt(S.import_too_large, { filename: file.name, size: Math.ceil(file.size / 1000), limit: maxBytes / 1000 });

  function take(state, message) {
    sheet.fill(state);
    page.store.save();
    messages.done(message);
    page.refresh();
  }

  async function importFile(file) {
    if (file.size > maxBytes) return messages.alert(tooLarge(file));
    const text = await readText(file);
    if (text === null) return messages.alert(S.import_not_utf8);
    const result = await python.call("import", { text, data: sheet.collect() });
    if (!result.ok) return messages.alert(result.message, result.details);
    if (sheet.hasContent() && !window.confirm(S.confirm_import)) return;
    take(result.state, fmt(S.imported, { filename: file.name }));
  }

  async function attachFiles(into, files) {
    const big = files.find((file) => file.size > maxBytes);
    if (big) return messages.alert(tooLarge(big));
    const texts = await Promise.all(files.map(async (file) => ({ name: file.name, text: await readText(file) })));
    const notText = texts.find((f) => f.text === null);
    if (notText) return messages.alert(`${notText.name}: ${S.import_not_utf8}`);
    const result = await python.call("attach", { into, files: texts, data: sheet.collect() });
    if (!result.ok) return messages.alert(result.message, result.details);
    take(result.state, result.message);
  }

  // Both run one after another with the link's choices (page.serially): each starts from what
  // the one before left, so choosing two files in quick succession cannot lose the first.
  const whenReady = async (task) => {
    if (!python.ready()) return messages.say(python.failed() ? S.status_failed : S.not_ready);
    try {
      await page.serially(task);
    } catch {
      messages.say(S.status_failed);
    }
  };

  root.querySelector("input[data-action='import']").addEventListener("change", (event) => {
    const file = event.target.files[0];
    event.target.value = "";
    if (file) whenReady(() => importFile(file));
  });
  // <input type="file" data-action="attach" data-into="<name>">
  for (const input of root.querySelectorAll("input[data-action='attach']")) {
    input.addEventListener("change", (event) => {
      event.stopPropagation();
      const files = [...input.files];
      input.value = "";
      if (files.length) whenReady(() => attachFiles(input.dataset.into, files));
    });
  }
}
