// The page side of a worksheet. Python (tools/, in a Web Worker) decides: it validates,
// computes results, draws the pictures and writes the exports. This file only displays:
// it reads and fills the form, keeps it in localStorage, moves files in and out, and
// shows what Python returns. Nothing is ever sent to a server.

const root = document.querySelector("[data-worksheet]");
if (root) start(root);

function start(root) {
  const S = JSON.parse(root.querySelector("script[data-strings]").textContent);
  const form = root.querySelector("[data-form]");
  const statusBox = root.querySelector("[data-status]");
  const statusText = root.querySelector("[data-status-text]");
  const messageBox = root.querySelector("[data-message]");
  const { worksheet, lang, storageKey, format } = root.dataset;
  const version = Number(root.dataset.version);
  const maxImportBytes = Number(root.dataset.maxImportBytes);
  const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

  // ------------------------------------------------------------------ the form <-> data
  let uid = 0;
  const lists = () => [...form.querySelectorAll("[data-list]")].filter((el) => el.tagName !== "BUTTON");
  const ownFields = (scope) =>
    [...scope.querySelectorAll("[data-field]")].filter((el) => el.closest("[data-item]") === (scope.matches("[data-item]") ? scope : null));

  function collect() {
    const data = {};
    for (const el of ownFields(form)) data[el.dataset.field] = el.value;
    for (const list of lists()) {
      data[list.dataset.list] = [...list.children].map((item) => {
        const record = {};
        for (const el of ownFields(item)) record[el.dataset.field] = el.value;
        return record;
      });
    }
    return data;
  }

  function newItem(list) {
    const template = form.querySelector(`template[data-template="${list.dataset.list}"]`);
    const item = template.content.firstElementChild.cloneNode(true);
    uid += 1;
    for (const el of item.querySelectorAll("[id], [for], [aria-describedby]")) {
      for (const attr of ["id", "for", "aria-describedby"]) {
        if (el.hasAttribute(attr)) el.setAttribute(attr, el.getAttribute(attr).replaceAll("__i__", `n${uid}`));
      }
    }
    list.appendChild(item);
    return item;
  }

  function fill(data) {
    data = data || {};
    for (const el of ownFields(form)) el.value = data[el.dataset.field] ?? "";
    for (const list of lists()) {
      const records = Array.isArray(data[list.dataset.list]) && data[list.dataset.list].length ? data[list.dataset.list] : [{}];
      while (list.children.length > records.length) list.lastElementChild.remove();
      while (list.children.length < records.length) newItem(list);
      records.forEach((record, i) => {
        for (const el of ownFields(list.children[i])) el.value = record[el.dataset.field] ?? "";
      });
      renumber(list);
    }
  }

  function renumber(list) {
    const label = S.item_labels[list.dataset.list];
    [...list.children].forEach((item, i) => {
      const name = fmt(label, { n: i + 1 });
      item.querySelector("[data-out='legend']").textContent = name;
      for (const [action, key] of [["up", "move_up"], ["down", "move_down"], ["remove", "remove"]]) {
        const button = item.querySelector(`[data-action='${action}']`);
        if (button) button.setAttribute("aria-label", `${S[key]}: ${name}`);
      }
      const up = item.querySelector("[data-action='up']");
      const down = item.querySelector("[data-action='down']");
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === list.children.length - 1;
    });
  }

  // ------------------------------------------------------------------ messages
  function say(text, details) {
    messageBox.replaceChildren();
    if (!text) return;
    const p = document.createElement("p");
    p.textContent = text;
    messageBox.append(p);
    if (details && details.length) {
      const ul = document.createElement("ul");
      for (const d of details) {
        const li = document.createElement("li");
        li.textContent = d;
        ul.append(li);
      }
      messageBox.append(ul);
    }
  }

  // ------------------------------------------------------------------ storage
  // A storage warning stays until saving works again; other messages stay until the next one.
  let storageWarned = false;
  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ format, version, data: collect() }));
      if (storageWarned) say("");
      storageWarned = false;
    } catch (error) {
      storageWarned = true;
      say(S.storage_failed);
    }
  }

  function restore() {
    try {
      const doc = JSON.parse(localStorage.getItem(storageKey) || "null");
      if (doc && doc.format === format && doc.version === version) fill(doc.data);
      else lists().forEach(renumber);
    } catch (error) {
      lists().forEach(renumber);
    }
  }

  // ------------------------------------------------------------------ Python in a worker
  const worker = new Worker(new URL(`./py-worker.js?v=${root.dataset.codeVersion}`, import.meta.url), { type: "module" });
  const pending = new Map();
  let calls = 0;
  let pythonReady = false;
  let failed = false;

  function call(action, args) {
    return new Promise((resolve, reject) => {
      calls += 1;
      pending.set(calls, { resolve, reject });
      worker.postMessage({ id: calls, action, args: { worksheet, lang, ...args } });
    });
  }

  function setStatus(text, state) {
    statusText.textContent = text;
    statusBox.dataset.state = state;
  }

  function fail(detail) {
    if (failed) return;
    failed = true;
    setStatus(S.status_failed, "failed");
    root.dataset.failed = "true";
    if (detail) console.error("Worksheet runtime failed:", detail);
    for (const { reject } of pending.values()) reject(new Error(detail));
    pending.clear();
  }

  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.type === "progress") setStatus(S[`status_step_${msg.step}`], "loading");
    else if (msg.type === "ready") {
      pythonReady = true;
      failed = false;
      delete root.dataset.failed;
      setStatus(S.status_ready, "ready");
      refresh();
    } else if (msg.type === "failed") fail(msg.detail);
    else if (msg.type === "result") {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (p) (msg.ok ? p.resolve(msg.value) : p.reject(new Error(msg.error)));
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(event.message || "worker error");
  };

  // Only the newest view is shown: typing fast must not show an older result last.
  let viewSeq = 0;
  async function refresh() {
    if (!pythonReady) return;
    const seq = ++viewSeq;
    let view;
    try {
      view = await call("view", { data: collect() });
    } catch (error) {
      return;
    }
    if (seq !== viewSeq) return;
    for (const [name, html] of Object.entries(view.regions)) {
      // Python built this markup and escaped every piece of user text in it.
      const region = root.querySelector(`[data-region="${name}"]`);
      if (region) region.innerHTML = html;
    }
    for (const [name, rows] of Object.entries(view.rows)) {
      const list = form.querySelector(`[data-list="${name}"]`);
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
    root.dataset.ready = "true";
  }

  let refreshTimer = 0;
  function changed() {
    save();
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 60);
  }

  // ------------------------------------------------------------------ files
  function download({ filename, mime, text }) {
    const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    say(fmt(S.exported, { filename }));
  }

  async function importFile(file) {
    if (file.size > maxImportBytes) {
      say(fmt(S.import_too_large, { filename: file.name, size: Math.ceil(file.size / 1000), limit: maxImportBytes / 1000 }));
      return;
    }
    const text = await file.text();
    const result = await call("import", { text });
    if (!result.ok) {
      say(result.message, result.details);
      messageBox.focus();
      return;
    }
    const hasContent = [...form.querySelectorAll("[data-field]")].some((el) => el.value.trim());
    if (hasContent && !window.confirm(S.confirm_import)) return;
    fill(result.state);
    save();
    say(fmt(S.imported, { filename: file.name }));
    refresh();
  }

  // ------------------------------------------------------------------ events
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => event.preventDefault());

  root.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    const item = button.closest("[data-item]");
    const list = item ? item.parentElement : form.querySelector(`ol[data-list="${button.dataset.list}"]`);
    if (action === "add") {
      const added = newItem(list);
      renumber(list);
      added.querySelector("[data-field]").focus();
      changed();
    } else if (action === "remove") {
      const next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      if (!list.children.length) newItem(list);
      renumber(list);
      (next || list.firstElementChild).querySelector("[data-field]").focus();
      changed();
    } else if (action === "up" || action === "down") {
      const other = action === "up" ? item.previousElementSibling : item.nextElementSibling;
      if (!other) return;
      if (action === "up") list.insertBefore(item, other);
      else list.insertBefore(other, item);
      renumber(list);
      (button.disabled ? item.querySelector("[data-field]") : button).focus();
      changed();
    } else if (action.startsWith("export-")) {
      if (!pythonReady) return say(failed ? S.status_failed : S.not_ready);
      try {
        download(await call("export", { format: action.slice(7), data: collect() }));
      } catch (error) {
        say(S.status_failed);
      }
    } else if (action === "print") {
      window.print();
    } else if (action === "print-blank") {
      document.body.classList.add("ws-printing-blank");
      window.print();
      setTimeout(() => document.body.classList.remove("ws-printing-blank"), 0);
    } else if (action === "clear") {
      if (!window.confirm(S.confirm_clear)) return;
      fill({});
      try {
        localStorage.removeItem(storageKey);
      } catch (error) {
        /* nothing stored, nothing to remove */
      }
      say(S.cleared);
      refresh();
    }
  });

  root.querySelector("input[data-action='import']").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = "";
    if (!file) return;
    if (!pythonReady) return say(failed ? S.status_failed : S.not_ready);
    try {
      await importFile(file);
    } catch (error) {
      say(S.status_failed);
    }
  });

  restore();
}
