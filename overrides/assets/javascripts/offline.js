// Offline use, on every page: registers the service worker (sw.js at the site root, wherever
// the site is hosted), drives the "Save for offline use" control and shows the notice when a
// new version is available. Where service workers are unavailable (file://, blocked by a
// policy) the site works as before and the control says it cannot save.
const root = new URL("../../", import.meta.url);
const supported = "serviceWorker" in navigator && window.isSecureContext && /^https?:$/.test(location.protocol);
const lang = document.documentElement.lang || "en";

const format = (template, values) => template.replace(/\{(\w+)\}/g, (m, key) => (key in values ? values[key] : m));
const megabytes = (bytes) => `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / 1e6)} MB`;

let manifestPromise = null;
function manifest() {
  manifestPromise =
    manifestPromise ||
    fetch(new URL("offline-manifest.json", root)).then((r) => {
      if (!r.ok) throw new Error(`offline-manifest.json: HTTP ${r.status}`);
      return r.json();
    });
  return manifestPromise;
}

async function remember(urls) {
  const registration = await navigator.serviceWorker.ready;
  if (registration.active) registration.active.postMessage({ type: "remember", urls });
}

// The search index of this page's language: Material reads it from search/ under the base its
// configuration names (the language's folder, sitebuild/search.py).
function searchIndex() {
  const config = document.getElementById("__config");
  try {
    const { base } = JSON.parse(config.textContent);
    return new URL("search/search_index.json", new URL(base.endsWith("/") ? base : `${base}/`, location.href)).href;
  } catch {
    return null; // no search on this page
  }
}

// What this page loaded (some of it perhaps before the service worker controlled it), and
// the search files its search worker loads, so the page opens again offline with search. The
// index is named outright: Material may still be downloading it when this runs.
async function rememberThisPage() {
  const urls = [location.href.split("#")[0]];
  for (const entry of performance.getEntriesByType("resource")) urls.push(entry.name);
  const icon = document.querySelector("link[rel~='icon']");
  if (icon) urls.push(icon.href);
  const index = searchIndex();
  if (index) urls.push(index);
  const { files } = await manifest();
  for (const file of files) {
    if (/^assets\/javascripts\/(workers|lunr)\//.test(file.url)) urls.push(new URL(file.url, root).href);
  }
  await remember(urls);
}

// Resolves once the page's worksheet has reached ready, with it, or null when Python could not
// start (at once, null, on a page without a worksheet).
function worksheetSettled() {
  const sheet = document.querySelector("[data-worksheet]");
  const state = () => (sheet.dataset.ready === "true" ? sheet : sheet.dataset.failed === "true" ? null : undefined);
  if (!sheet) return Promise.resolve(null);
  if (state() !== undefined) return Promise.resolve(state());
  return new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (state() === undefined) return;
      watch.disconnect();
      resolve(state());
    });
    watch.observe(sheet, { attributes: true, attributeFilter: ["data-ready", "data-failed"] });
  });
}

// A worksheet that has reached ready once works offline: Python and its files are kept.
async function rememberWorksheet() {
  const { files } = await manifest();
  // The worker's own modules too: the page never loads them itself.
  const urls = files
    .filter((f) => f.url.startsWith("assets/pyodide/") || f.url.startsWith("assets/javascripts/worksheet/"))
    .map((f) => new URL(f.url, root).href);
  urls.push(new URL("assets/tools.zip", root).href, new URL("assets/javascripts/py-worker.js", root).href);
  await remember(urls);
}

function watchForUpdates(registration) {
  const notice = document.querySelector("[data-offline-update]");
  if (!notice) return;
  let reloadWanted = false;
  const show = (worker) => {
    notice.hidden = false;
    notice.querySelector("[data-offline-reload]").onclick = () => {
      reloadWanted = true;
      worker.postMessage({ type: "activate" });
    };
  };
  // Only a worker replacing another is an update; the very first one is not announced.
  // The browser may have found the new worker before this script ran, so look at all three.
  const track = (worker) => {
    if (!worker) return;
    const check = () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) show(worker);
    };
    check();
    worker.addEventListener("statechange", check);
  };
  track(registration.waiting);
  track(registration.installing);
  registration.addEventListener("updatefound", () => track(registration.installing));
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloadWanted) location.reload();
  });
}

async function controlled() {
  await navigator.serviceWorker.ready;
  if (navigator.serviceWorker.controller) return;
  await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
}

async function saveEverything(box, s) {
  const button = box.querySelector("[data-offline-start]");
  const progress = box.querySelector("[data-offline-progress]");
  const status = box.querySelector("[data-offline-status]");
  button.disabled = true;
  try {
    const { files, total } = await manifest();
    await controlled();
    progress.max = total;
    progress.value = 0;
    progress.hidden = false;
    let done = 0;
    let failed = 0;
    const queue = files.slice();
    // Through the service worker, which keeps each file; a few at a time.
    const next = async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        try {
          const response = await fetch(new URL(file.url, root));
          if (!response.ok) throw new Error(String(response.status));
          await response.arrayBuffer();
        } catch {
          failed += 1;
        }
        done += file.size;
        progress.value = done;
        status.textContent = format(s.progress, { done: megabytes(done), total: megabytes(total) });
      }
    };
    await Promise.all([next(), next(), next(), next()]);
    if (navigator.storage?.persist) navigator.storage.persist().catch(() => {});
    status.textContent = failed ? format(s.failed, { count: failed }) : s.done;
    box.dataset.saved = failed ? "false" : "true";
  } catch {
    status.textContent = s.unavailable;
  } finally {
    button.disabled = false;
  }
}

async function setUpControl(box, available) {
  const s = JSON.parse(box.dataset.strings);
  const status = box.querySelector("[data-offline-status]");
  box.hidden = false;
  if (!available) {
    status.textContent = s.unavailable;
    return;
  }
  if (navigator.connection?.saveData) box.querySelector("[data-offline-save-data]").hidden = false;
  try {
    const { total } = await manifest();
    const size = box.querySelector("[data-offline-size]");
    size.textContent = format(s.size, { size: megabytes(total) });
    size.hidden = false;
  } catch {
    status.textContent = s.unavailable;
    return;
  }
  const button = box.querySelector("[data-offline-start]");
  button.hidden = false;
  button.addEventListener("click", () => saveEverything(box, s));
}

async function register() {
  try {
    const registration = await navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.href });
    return registration || null;
  } catch {
    return null; // blocked by the browser or a policy: the site works without offline use
  }
}

async function start() {
  const box = document.querySelector("[data-offline-save]");
  const registration = supported ? await register() : null;
  if (box) setUpControl(box, Boolean(registration));
  if (!registration) return;
  watchForUpdates(registration);
  if (document.readyState !== "complete") await new Promise((resolve) => addEventListener("load", resolve, { once: true }));
  // Ask for sw.js on each page: a new deployment is found at once, not a day later (offline
  // or unchanged, this does nothing).
  registration.update().catch(() => {});
  // On a worksheet page, only once Python is ready (or has failed): the manifest, the search files
  // and the copies the worker keeps would share a slow link with Python's download (300 kB).
  const ready = await worksheetSettled();
  rememberThisPage().catch(() => {});
  if (ready) rememberWorksheet().catch(() => {});
}

start();
