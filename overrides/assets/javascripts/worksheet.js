// The page side of a worksheet. Python (tools/, in a Web Worker) decides: it validates,
// computes results, draws the pictures and writes the exports. This file only displays:
// it reads and fills the form, keeps it in localStorage, moves files in and out, and
// shows what Python returns. Nothing is ever sent to a server.

import { worksheetLinks } from "./worksheet-link.js";

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
  // A field's data-field is a path: "evidence.research.level" is data.evidence.research.level.
  // A scope (the form, a list item, the collection's item) owns the fields not inside another.
  let uid = 0;
  const lists = () => [...form.querySelectorAll("[data-list]")].filter((el) => el.tagName !== "BUTTON");
  // A list keeps at least one (empty) item unless it says data-list-min="0"; it holds at most
  // data-max (the schema's limit, written into the form by Python).
  const minItems = (list) => Number(list.dataset.listMin ?? 1);
  const maxOf = (el) => Number(el.dataset.max) || Infinity;
  const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const ownFields = (scope) =>
    [...scope.querySelectorAll("[data-field]")].filter((el) => (el.closest("[data-item], [data-collection-item]") || form) === scope);
  const getPath = (obj, path) => path.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), obj);
  function setPath(obj, path, value) {
    const keys = path.split(".");
    const last = keys.pop();
    let o = obj;
    for (const k of keys) o = o[k] && typeof o[k] === "object" ? o[k] : (o[k] = {});
    o[last] = value;
  }
  function read(scope) {
    const record = {};
    for (const el of ownFields(scope)) setPath(record, el.dataset.field, el.value);
    return record;
  }
  function write(scope, record) {
    for (const el of ownFields(scope)) {
      // Saved data may be damaged: only text and numbers ever reach a control.
      const value = getPath(record, el.dataset.field);
      const text = typeof value === "string" || typeof value === "number" ? String(value) : "";
      if (el.value !== text) el.value = text;
      // A select without an option for the value shows its first option, never a blank.
      if (el.tagName === "SELECT" && el.selectedIndex < 0) el.selectedIndex = 0;
    }
  }

  // A collection: several whole records of the same form (e.g. named assessments), one shown
  // at a time. The element with data-collection-item="<name>" holds the shown record's fields;
  // the data gets <name>: [records] and, under data-collection-open, the shown record's id.
  // A <select data-collection-select> switches; <select data-collection-options> lists the
  // records to choose from; buttons collection-add, -copy and -remove manage them.
  const box = form.querySelector("[data-collection-item]");
  const coll = box && {
    name: box.dataset.collectionItem,
    label: box.dataset.collectionLabel,
    openKey: box.dataset.collectionOpen,
    items: [],
    current: 0,
  };
  const collSelect = coll && form.querySelector("select[data-collection-select]");

  function newId() {
    const ids = new Set(coll.items.map((item) => item.id));
    let n = coll.items.length + 1;
    while (ids.has(`a${n}`)) n += 1;
    return `a${n}`;
  }
  const itemName = (item, i) => (item[coll.label] || "").trim() || fmt(S.item_labels[coll.name], { n: i + 1 });
  function sync() {
    coll.items[coll.current] = read(box);
  }
  function showItem(index) {
    coll.current = index;
    write(box, coll.items[index]);
    updateCollection();
  }
  function updateCollection() {
    const options = () => coll.items.map((item, i) => new Option(itemName(item, i), item.id));
    collSelect.replaceChildren(...options());
    collSelect.value = coll.items[coll.current].id;
    for (const select of form.querySelectorAll(`select[data-collection-options="${coll.name}"]`)) {
      const value = select.value;
      select.replaceChildren(select.options[0], ...options());
      select.value = coll.items.some((item) => item.id === value) ? value : "";
    }
  }
  function fillCollection(data) {
    const saved = Array.isArray(data[coll.name]) ? data[coll.name].filter(isRecord).slice(0, maxOf(box)) : [];
    const records = saved.length ? saved : [{}];
    coll.items = [];
    for (const record of records) coll.items.push({ ...record, id: typeof record.id === "string" && record.id ? record.id : newId() });
    const open = coll.items.findIndex((item) => item.id === data[coll.openKey]);
    showItem(Math.max(open, 0));
  }
  if (coll) {
    coll.items = [read(box)];
    if (!coll.items[0].id) coll.items[0].id = newId();
    showItem(0);
  }

  function collect() {
    const data = read(form);
    for (const list of lists()) data[list.dataset.list] = [...list.children].map(read);
    if (coll) {
      sync();
      data[coll.name] = coll.items.map((item) => ({ ...item }));
      data[coll.openKey] = coll.items[coll.current].id;
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
    data = isRecord(data) ? data : {};
    if (coll) fillCollection(data);
    write(form, data);
    for (const list of lists()) {
      const saved = Array.isArray(data[list.dataset.list])
        ? data[list.dataset.list].slice(0, maxOf(list)).map((r) => (isRecord(r) ? r : {})) : [];
      const records = saved.concat(Array(Math.max(minItems(list) - saved.length, 0)).fill({}));
      while (list.children.length > records.length) list.lastElementChild.remove();
      while (list.children.length < records.length) newItem(list);
      records.forEach((record, i) => write(list.children[i], record));
      renumber(list);
    }
    for (const el of form.querySelectorAll("[maxlength]")) count(el);
  }

  function renumber(list) {
    const label = S.item_labels[list.dataset.list];
    [...list.children].forEach((item, i) => {
      const name = fmt(label, { n: i + 1 });
      const legend = item.querySelector("[data-out='legend']");
      if (legend) legend.textContent = name;
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
  // actions: [{label, run}] shown as buttons under the message (e.g. download a kept copy).
  function say(text, details, actions) {
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
    for (const { label, run } of actions || []) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = label;
      button.addEventListener("click", run);
      messageBox.append(button);
    }
  }

  // Problems Python found in what the form holds now (text over a limit, saved by an older
  // version): shown until they are fixed, apart from the other messages.
  const problemsBox = root.querySelector("[data-problems]");
  function showProblems(errors) {
    problemsBox.replaceChildren();
    if (!errors || !errors.length) return;
    const p = document.createElement("p");
    p.textContent = S.saved_over_limits;
    const ul = document.createElement("ul");
    for (const e of errors.slice(0, 20)) {
      const li = document.createElement("li");
      li.textContent = e;
      ul.append(li);
    }
    problemsBox.append(p, ul);
  }

  // ------------------------------------------------------------------ limits where the reader types
  // Each text control has the schema's limit as maxlength, so the browser stops typing and
  // pasting at it; this shows how near a field is, and says when a paste was cut short.
  const NEAR = 0.8;
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
      counter.id = `${el.id || `ws-f${(uid += 1)}`}-count`;
      el.after(counter);
      el.setAttribute("aria-describedby", `${el.getAttribute("aria-describedby") || ""} ${counter.id}`.trim());
    }
    counter.hidden = false;
    counter.dataset.state = used > limit ? "over" : used === limit ? "full" : "near";
    counter.textContent = used > limit ? fmt(S.count_over, { used, over: used - limit, limit })
      : used === limit ? fmt(S.count_full, { limit }) : fmt(S.count_near, { used, limit });
  }
  form.addEventListener("input", (event) => count(event.target));
  form.addEventListener("paste", (event) => {
    const el = event.target;
    if (!(el.maxLength > 0) || !event.clipboardData) return;
    const pasted = event.clipboardData.getData("text/plain").replace(/\r\n?/g, "\n");
    const room = el.maxLength - (el.value.length - Math.abs((el.selectionEnd ?? 0) - (el.selectionStart ?? 0)));
    if (pasted.length > room) {
      say(fmt(S.paste_cut, { total: pasted.length, kept: Math.max(room, 0), limit: el.maxLength }));
    }
  });

  // ------------------------------------------------------------------ storage
  // Saving never loses anything: a failed save is retried until it works (the text stays in the
  // form, and can be exported meanwhile); a saved entry that cannot be read is kept aside before
  // anything is saved over it; another tab's changes are taken in, not overwritten.
  const copyPrefix = `${storageKey}:damaged:`;
  const checkKey = `${storageKey}:before-check`;
  let storageWarned = false;
  let retryTimer = 0;
  let holdSaving = false; // an unreadable entry that could not be copied is not saved over
  let unsaved = false;
  let lastSaved = null; // what this tab last wrote or read: another tab's change differs
  let unchecked = null; // the saved entry as found, until Python has checked it
  let copiedUnchecked = false;

  function storageGet(key) {
    try {
      return localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }
  function storageSet(key, value) {
    try {
      localStorage.setItem(key, value);
      return true;
    } catch (error) {
      return false;
    }
  }
  function storageRemove(key) {
    try {
      localStorage.removeItem(key);
    } catch (error) {
      /* nothing stored, nothing to remove */
    }
  }

  function save() {
    if (holdSaving) {
      unsaved = true;
      return;
    }
    // Until Python has confirmed the entry found at load is sound, a copy of it is kept first.
    if (unchecked !== null && !copiedUnchecked) {
      if (!storageSet(checkKey, unchecked)) return saveFailed();
      copiedUnchecked = true;
    }
    const text = JSON.stringify({ format, version, data: collect() });
    if (!storageSet(storageKey, text)) return saveFailed();
    lastSaved = text;
    unsaved = false;
    showSaved();
    if (storageWarned) {
      storageWarned = false;
      clearInterval(retryTimer);
      say(S.storage_resumed);
    }
  }
  // "Saved at 14:02" beside the status, once typing pauses: it never moves the page or takes
  // focus, and a screen reader hears it once (the status line is a polite live region).
  const savedText = root.querySelector("[data-saved]");
  const clock = new Intl.DateTimeFormat(lang === "no" ? "nb-NO" : "en-GB", { hour: "2-digit", minute: "2-digit" });
  let savedTimer = 0;
  function showSaved() {
    clearTimeout(savedTimer);
    savedTimer = setTimeout(() => {
      savedText.textContent = fmt(S.saved, { time: clock.format(new Date()) });
    }, 800);
  }
  function saveFailed() {
    clearTimeout(savedTimer);
    savedText.textContent = "";
    unsaved = true;
    if (!storageWarned) {
      storageWarned = true;
      say(S.storage_failed);
      retryTimer = setInterval(save, 3000);
    }
  }
  // Leaving with changes that are not saved asks first (the browser shows its own words).
  window.addEventListener("beforeunload", (event) => {
    if (unsaved) event.preventDefault();
  });

  function download({ filename, mime, text }) {
    const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // An unreadable saved entry: kept under its own key, offered as a download, deletable.
  function keepCopy(text) {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key.startsWith(copyPrefix) && storageGet(key) === text) return key;
    }
    const key = `${copyPrefix}${new Date().toISOString()}`;
    return storageSet(key, text) ? key : null;
  }
  function reportDamaged(text, reason, details) {
    let key = null;
    try {
      key = keepCopy(text);
    } catch (error) {
      key = null;
    }
    if (!key) holdSaving = true;
    const stamp = new Date().toISOString().slice(0, 10);
    const actions = [{
      label: S.download_damaged,
      run: () => {
        download({ filename: `${worksheet}-saved-${stamp}.txt`, mime: "text/plain", text });
        if (holdSaving) {
          holdSaving = false;
          save();
        }
      },
    }];
    if (key) {
      actions.push({
        label: S.discard_damaged,
        run: () => {
          if (!window.confirm(S.confirm_discard_damaged)) return;
          storageRemove(key);
          say(S.damaged_discarded);
        },
      });
    }
    const lines = [];
    if (details && details.length) lines.push(S.saved_damaged_checked, ...details);
    lines.push(key ? S.saved_damaged_kept : S.saved_damaged_not_kept);
    say(fmt(S.saved_damaged, { reason }), lines, actions);
    root.dataset.savedDamaged = "true";
  }

  function readSaved(text) {
    // -> {data} for an entry of this worksheet, or {reason} for one that cannot be read.
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      return { reason: S.damaged_not_json };
    }
    if (!isRecord(doc) || doc.format !== format || doc.version !== version || !isRecord(doc.data)) {
      return { reason: S.damaged_not_worksheet };
    }
    return { data: doc.data };
  }

  function restore() {
    const text = storageGet(storageKey);
    lastSaved = text;
    if (text === null) return lists().forEach(renumber);
    const { data, reason } = readSaved(text);
    if (reason) {
      lists().forEach(renumber);
      reportDamaged(text, reason);
      return;
    }
    fill(data);
    unchecked = text;
  }

  // Python checks the saved entry as it checks a file; one it refuses is kept aside and reported.
  async function checkSaved() {
    if (unchecked === null) return;
    const text = unchecked;
    let result;
    try {
      result = await call("check-saved", { text });
    } catch (error) {
      return;
    }
    if (result.ok) {
      unchecked = null;
      storageRemove(checkKey);
    } else {
      reportDamaged(text, result.message, result.details);
      unchecked = null;
      storageRemove(checkKey);
    }
  }

  // Another tab or window saved this worksheet: take its version in, as this tab's own state
  // was saved (and so seen by the other tab) before that change.
  window.addEventListener("storage", (event) => {
    if (event.key !== storageKey || event.newValue === lastSaved || unsaved) return;
    lastSaved = event.newValue;
    if (event.newValue === null) {
      fill({});
      say(S.other_tab_cleared);
    } else {
      const { data } = readSaved(event.newValue);
      if (!data) return;
      fill(data);
      say(S.other_tab);
    }
    refresh();
  });

  // ------------------------------------------------------------------ Python in a worker
  // The site's root (this file is assets/javascripts/worksheet.js), for links in exports.
  const siteRoot = new URL("../../", import.meta.url).href;
  // The page's head (partials/py-start.html) has usually started the worker already, and kept
  // what it said meanwhile; otherwise it starts here.
  const early = globalThis.ispPython || null;
  const codeVersion = root.dataset.codeVersion;
  const worker = early ? early.worker
    : new Worker(new URL(`./py-worker.js?v=${codeVersion}`, import.meta.url), { type: "module", name: codeVersion });
  const pending = new Map();
  let calls = 0;
  let pythonReady = false;
  let failed = false;

  function call(action, args) {
    return new Promise((resolve, reject) => {
      calls += 1;
      pending.set(calls, { resolve, reject });
      worker.postMessage({ id: calls, action, args: { worksheet, lang, site: siteRoot, ...args } });
    });
  }

  function setStatus(text, state) {
    statusText.textContent = text;
    statusBox.dataset.state = state;
  }

  // Material's search worker builds its index once Python no longer needs the processor
  // (workers/search-later.js waits for this "now"), or as soon as the reader turns to search.
  const searchChannel = typeof BroadcastChannel === "function" ? new BroadcastChannel("isp-search") : null;
  let searchMayStart = false;
  function letSearchStart() {
    searchMayStart = true;
    if (searchChannel) searchChannel.postMessage("now");
  }
  if (searchChannel) searchChannel.onmessage = (event) => event.data === "ask" && searchMayStart && letSearchStart();
  document.addEventListener("focusin", (event) => {
    if (!searchMayStart && event.target instanceof Element && event.target.closest(".md-search")) letSearchStart();
  });
  document.addEventListener("change", (event) => {
    if (!searchMayStart && event.target instanceof Element && event.target.id === "__search") letSearchStart();
  });

  function fail(detail) {
    if (!searchMayStart) letSearchStart();
    if (failed) return;
    failed = true;
    setStatus(S.status_failed, "failed");
    root.dataset.failed = "true";
    if (detail) console.error("Worksheet runtime failed:", detail);
    for (const { reject } of pending.values()) reject(new Error(detail));
    pending.clear();
  }

  // The first visit's last step, once its snapshot is kept: Pyodide's runtime script is compiled
  // once more in a throwaway worker (py-prime.js), from where the next visit takes it: the
  // service worker's cache, once it holds the file (offline.js has it kept once Python is
  // ready), or else the browser's own. Only speed depends on it; nothing is reported.
  async function primeRuntime() {
    try {
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        const runtime = new URL("../pyodide/pyodide.asm.mjs", import.meta.url).href;
        for (let i = 0; i < 60 && !(await caches.match(runtime)); i++) await new Promise((r) => setTimeout(r, 500));
      }
      const primer = new Worker(new URL("./py-prime.js", import.meta.url), { type: "module" });
      primer.onmessage = () => {
        root.dataset.runtimePrimed = "true"; // for the benchmark and the tests: the next visit may come
        primer.terminate();
      };
      primer.onerror = () => primer.terminate();
    } catch (error) {
      /* no Cache Storage or no workers here: the next visit compiles the script itself */
    }
  }

  function heard(event) {
    const msg = event.data;
    if (msg.type === "progress") setStatus(S[`status_step_${msg.step}`], "loading");
    else if (msg.type === "ready") {
      pythonReady = true;
      root.dataset.pythonFrom = msg.from; // "snapshot" on a repeat visit (py-worker.js)
      failed = false;
      delete root.dataset.failed;
      setStatus(S.status_ready, "ready");
      refresh().finally(letSearchStart);
      checkSaved();
      links.open();
    } else if (msg.type === "kept") primeRuntime();
    else if (msg.type === "failed") fail(msg.detail);
    else if (msg.type === "result") {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (p) (msg.ok ? p.resolve(msg.value) : p.reject(new Error(msg.error)));
    }
  }
  function broke(event) {
    if (event.preventDefault) event.preventDefault();
    fail(event.message || "worker error");
  }

  // Share links: made and opened by Python (tools/share.py), shown by worksheet-link.js.
  const links = worksheetLinks({
    root, S, fmt, call, collect, fill, save, refresh, say, hasContent, siteRoot, serially, ready: () => pythonReady,
  });

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
    showProblems(view.errors);
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

  // Anything the reader has put in the form (a select still at its first option, its default,
  // is not content).
  function hasContent() {
    return [...form.querySelectorAll("[data-field]")]
      .some((el) => el.type !== "hidden" && el.value.trim() && !(el.tagName === "SELECT" && el.selectedIndex === 0))
      || Boolean(coll && coll.items.length > 1);
  }

  // Whatever replaces the form's data from Python's answer (an import, files brought in, a link)
  // runs one after another: each starts from what the one before left, so choosing two files in
  // quick succession cannot lose the first.
  let busy = Promise.resolve();
  function serially(task) {
    const run = busy.then(task);
    busy = run.catch(() => {});
    return run;
  }

  // ------------------------------------------------------------------ files
  // A file as UTF-8 text, or null with the reader told why not (bytes that are not UTF-8 are
  // refused, never replaced).
  async function readText(file) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch (error) {
      return null;
    }
  }

  async function importFile(file) {
    if (file.size > maxImportBytes) {
      say(fmt(S.import_too_large, { filename: file.name, size: Math.ceil(file.size / 1000), limit: maxImportBytes / 1000 }));
      messageBox.focus();
      return;
    }
    const text = await readText(file);
    if (text === null) {
      say(S.import_not_utf8);
      messageBox.focus();
      return;
    }
    const result = await call("import", { text, data: collect() });
    if (!result.ok) {
      say(result.message, result.details);
      messageBox.focus();
      return;
    }
    if (hasContent() && !window.confirm(S.confirm_import)) return;
    fill(result.state);
    save();
    say(fmt(S.imported, { filename: file.name }));
    refresh();
  }

  // ------------------------------------------------------------------ events
  if (coll) {
    // Runs before the form's own change listener, which then saves the newly shown record.
    collSelect.addEventListener("change", () => {
      sync();
      showItem(Math.max(coll.items.findIndex((item) => item.id === collSelect.value), 0));
    });
    box.addEventListener("input", (event) => {
      if (event.target.dataset.field === coll.label) {
        sync();
        updateCollection();
      }
    });
  }
  // A link to the results remembers where the reader was: the results' back link returns there.
  root.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-to-results]");
    if (!link) return;
    const from = (link.dataset.backTo && document.getElementById(link.dataset.backTo))
      || link.closest("[data-item], fieldset") || link;
    if (!from.id) from.id = `ws-from-${(uid += 1)}`;
    const legend = from.querySelector("legend");
    const name = link.dataset.backName || (legend ? legend.textContent.trim() : "");
    for (const back of root.querySelectorAll("a[data-back-link]")) {
      back.href = `#${from.id}`;
      back.textContent = name ? fmt(S.back_to_item, { name }) : back.textContent;
    }
  });
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => event.preventDefault());

  root.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    const item = button.closest("[data-item]");
    const list = item ? item.parentElement : form.querySelector(`ol[data-list="${button.dataset.list}"]`);
    if (action.startsWith("collection-")) {
      sync();
      const name = itemName(coll.items[coll.current], coll.current);
      if (action === "collection-remove") {
        if (!window.confirm(fmt(S.confirm_remove_item, { name }))) return;
        coll.items.splice(coll.current, 1);
        if (!coll.items.length) coll.items.push({ id: newId() });
        showItem(Math.min(coll.current, coll.items.length - 1));
        collSelect.focus();
        say(fmt(S.removed_item, { name }));
      } else {
        if (coll.items.length >= maxOf(box)) {
          say(fmt(S.list_full, { limit: maxOf(box) }));
          return;
        }
        const record = action === "collection-copy"
          ? { ...structuredClone(coll.items[coll.current]), [coll.label]: fmt(S.copy_name, { name }) }
          : {};
        record.id = newId();
        coll.items.push(record);
        showItem(coll.items.length - 1);
        box.querySelector(`[data-field="${coll.label}"]`).focus();
      }
      changed();
    } else if (action === "add") {
      if (list.children.length >= maxOf(list)) {
        say(fmt(S.list_full, { limit: maxOf(list) }));
        return;
      }
      const added = newItem(list);
      renumber(list);
      added.querySelector("[data-field]").focus();
      changed();
    } else if (action === "remove") {
      const next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      if (list.children.length < minItems(list)) newItem(list);
      renumber(list);
      const target = next || list.firstElementChild;
      (target ? target.querySelector("[data-field]:not([type='hidden'])") : list).focus();
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
        const file = await call("export", { format: action.slice(7), data: collect() });
        download(file);
        if (file.warning) say(file.warning, file.details);
        else say(fmt(S.exported, { filename: file.filename }));
      } catch (error) {
        say(S.status_failed);
      }
    } else if (action === "share-link") {
      if (!pythonReady) return say(failed ? S.status_failed : S.not_ready);
      try {
        await links.share();
      } catch (error) {
        say(S.status_failed);
      }
    } else if (action === "clear-part") {
      // Empties one part of the data: the fields under data-part (a path) or the list of that name.
      const part = button.dataset.part;
      for (const el of ownFields(form)) {
        if (el.dataset.field === part || el.dataset.field.startsWith(`${part}.`)) el.value = "";
      }
      for (const l of lists().filter((l) => l.dataset.list === part)) {
        while (l.children.length > minItems(l)) l.lastElementChild.remove();
        [...l.children].forEach((i) => write(i, {}));
        renumber(l);
      }
      say(button.dataset.done || "");
      changed();
    } else if (action === "print") {
      // Without Python there is no report: the form itself prints, with everything typed in it.
      printWith(pythonReady && root.dataset.ready === "true" ? null : "ws-printing-form");
    } else if (action === "print-blank") {
      printWith("ws-printing-blank");
    } else if (action === "print-blank-deeper") {
      printWith("ws-printing-blank", "ws-printing-deeper");
    } else if (action === "clear") {
      if (!window.confirm(S.confirm_clear)) return;
      fill({});
      storageRemove(storageKey);
      lastSaved = null;
      unsaved = false;
      savedText.textContent = "";
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
      await serially(() => importFile(file));
    } catch (error) {
      say(S.status_failed);
    }
  });

  // Files brought into the data rather than replacing it (an earlier version to compare with,
  // several people's files for a team view): <input type="file" data-action="attach"
  // data-into="<name>">. Python checks every file and returns the new data, or says why not.
  async function attachFiles(into, files) {
    const big = files.find((file) => file.size > maxImportBytes);
    if (big) {
      say(fmt(S.import_too_large, { filename: big.name, size: Math.ceil(big.size / 1000), limit: maxImportBytes / 1000 }));
      messageBox.focus();
      return;
    }
    const texts = await Promise.all(files.map(async (file) => ({ name: file.name, text: await readText(file) })));
    const notText = texts.find((f) => f.text === null);
    if (notText) {
      say(`${notText.name}: ${S.import_not_utf8}`);
      messageBox.focus();
      return;
    }
    const result = await call("attach", { into, files: texts, data: collect() });
    if (!result.ok) {
      say(result.message, result.details);
      messageBox.focus();
      return;
    }
    fill(result.state);
    save();
    say(result.message);
    refresh();
  }
  for (const input of root.querySelectorAll("input[data-action='attach']")) {
    input.addEventListener("change", async (event) => {
      event.stopPropagation();
      const files = [...input.files];
      input.value = "";
      if (!files.length) return;
      if (!pythonReady) return say(failed ? S.status_failed : S.not_ready);
      try {
        await serially(() => attachFiles(input.dataset.into, files));
      } catch (error) {
        say(S.status_failed);
      }
    });
  }

  function printWith(...classes) {
    // The printed form shows every part, including those folded away on screen.
    const folded = classes.includes("ws-printing-form") ? [...form.querySelectorAll("details:not([open])")] : [];
    folded.forEach((d) => (d.open = true));
    classes = classes.filter(Boolean);
    document.body.classList.add(...classes);
    window.print();
    setTimeout(() => {
      document.body.classList.remove(...classes);
      folded.forEach((d) => (d.open = false));
    }, 0);
  }

  // On a phone, boxes that explain the method start folded, so the first field is near the top.
  if (window.matchMedia("(max-width: 44.984375em)").matches) {
    for (const details of form.querySelectorAll("details[open]")) details.open = false;
  }

  restore();

  // Last, once everything above exists: what the worker said before this page listened (the
  // head's script kept it) is heard now, in order, and then as it comes.
  worker.onmessage = heard;
  worker.onerror = broke;
  if (early) {
    for (const { kind, event } of early.heard.splice(0)) (kind === "error" ? broke : heard)(event);
  }
  // The page is up and its own start-up work done (Material's, once the document is parsed):
  // Python may now download and compile what a first visit needs (py-worker.js waits for this
  // unless it starts from a snapshot, whose files are already in this browser). Compiling
  // Python's 9.6 MB of WebAssembly takes every core the browser can use; started earlier, it
  // slowed the page's own start on a phone. The worksheet and language say what to get ready
  // before the snapshot is kept.
  const go = () => worker.postMessage({ type: "go", worksheet, lang });
  if (typeof requestIdleCallback === "function") requestIdleCallback(go, { timeout: 1500 });
  else setTimeout(go, 0);
}
