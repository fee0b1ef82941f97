// Runs the worksheets' Python (tools/, packed as assets/tools.zip) on Pyodide, off the page's
// main thread: the start-up, then one answer per call. The interface (messages, actions) is
// declared in worksheet/protocol.js; its parts: worksheet/snapshot.js (the kept snapshot's
// format), worksheet/snapshot-store.js (Cache Storage), worksheet/zip.js (tools.zip),
// worksheet/wasm-watch.js (a .wasm that cannot be compiled; downloads that failed),
// worksheet/retry.js (a download that failed on the way).
import { MSG } from "./worksheet/protocol.js";
import { retried, transient } from "./worksheet/retry.js";
import { snapshotStore } from "./worksheet/snapshot-store.js";
import { unpack } from "./worksheet/snapshot.js";
import { failedDownloads, wasmFailure, watchWasm } from "./worksheet/wasm-watch.js";
import { readZip, writeFiles } from "./worksheet/zip.js";

const assets = new URL("../", import.meta.url);
// The page names its code version as the worker's name, readable at once. The worker's own
// address (py-worker.js?v=...) cannot be relied on for it: a service worker may answer with a
// copy kept under the address without the query, and a worker's location is its response's
// address. A message would do, but it reaches the worker only once the page's busy main thread
// passes it on (50-120 ms on a repeat visit).
const codeVersion = String(self.name || "");
const snapshots = snapshotStore(new URL(`python-snapshot?v=${codeVersion}`, assets).href);
const SITE = "/home/pyodide/site";
const IMPORT = `import sys; sys.path.insert(0, '${SITE}'); import tools.bridge`;
let bridge = null;

/** @param {import("./worksheet/protocol.js").FromWorker} message */
const post = (message) => self.postMessage(message);
const said = (error) => String(error?.message ? error.message : error);
watchWasm();
// Pyodide starts its work early (its downloads, the package index it makes of its lock file) and
// awaits it only later, in its start: one that fails meanwhile counts as an unhandled rejection,
// though the start hears of it, fails, and is tried again (below) or said. Until Python is ready
// no promise of this worker's own is left unhandled, so any such rejection is Pyodide's, and its
// start's outcome speaks for it. (Chrome does not raise this event for a rejection of
// Response.json(), so the lock file is read here, not by Pyodide: see boot.)
self.addEventListener("unhandledrejection", (event) => {
  if (!bridge) event.preventDefault();
});

// Which addresses the worker's Content-Security-Policy refused: never tried again (retry.js).
const refused = new Set();
self.addEventListener("securitypolicyviolation", (event) => refused.add(event.blockedURI));
const download = (url, attempt) => retried(attempt, () => transient(url, fetch, refused));
// A module whose download failed may stay failed under its address: a retry asks under another.
const importModule = (url) => download(url, (i) => import(i ? `${url}?retry=${i}` : url));
/** A file of the worker's own, its body read by `read` (one that cannot be read fails, plainly). */
const fetchFile = (url, name, read) =>
  download(url, async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    return read(response).catch((error) => {
      throw new Error(`${name} cannot be read: ${said(error)}`);
    });
  });

function start(loadPyodide, snapshot, createPyodideModule, lockFileContents) {
  const indexURL = new URL("pyodide/", assets).href;
  const options = { indexURL, packageBaseUrl: indexURL, lockFileContents, createPyodideModule };
  return Promise.race([
    loadPyodide(snapshot ? { ...options, _loadSnapshot: snapshot } : { ...options, _makeSnapshot: true }),
    wasmFailure(), // this start's own
  ]);
}

// A start that failed because one of Pyodide's own downloads (the .wasm, the standard library)
// failed on the way is made again, as the worker's own downloads are; Pyodide itself gives up.
// One that failed otherwise (a .wasm the policy does not let compile) is not.
function startAfresh(loadPyodide, createPyodideModule, lockFileContents) {
  const wasm = new URL("pyodide/pyodide.asm.wasm", assets).href;
  let lost = false;
  const attempt = async () => {
    const before = failedDownloads();
    try {
      return await start(loadPyodide, null, createPyodideModule, lockFileContents);
    } catch (error) {
      lost = failedDownloads() > before;
      throw error;
    }
  };
  return retried(attempt, async () => lost && transient(wasm, fetch, refused));
}

// The page says "go" once it has painted (worksheet.js). A first visit waits for it, so Python's
// downloads never compete with the page's own; a repeat visit with a snapshot does not wait.
let go;
let page = { worksheet: "", lang: "" };
const painted = new Promise((resolve) => (go = resolve));

async function boot() {
  // Without a code version (a page that named none), no snapshot is read or kept: it could not be
  // told apart from another version's.
  const saved = codeVersion ? await snapshots.saved() : null;
  const snapshot = saved?.arrayBuffer().then((buffer) => unpack(new Uint8Array(buffer)));
  if (snapshot) snapshot.catch(() => {}); // reported where it is awaited
  if (!saved) await painted;
  post({ type: MSG.progress, step: "runtime" });
  // The worksheet code downloads while Python starts, not after.
  const zipUrl = new URL(`tools.zip?v=${codeVersion}`, assets).href;
  const code = fetchFile(zipUrl, "tools.zip", (response) => response.arrayBuffer());
  code.catch(() => {}); // reported where it is awaited
  const files = code.then(readZip);
  files.catch(() => {}); // Pyodide unpacks it then
  // The runtime script is imported alongside its loader, not after it (Pyodide's own order):
  // 1 MB of JavaScript compiles while the loader arrives, and a download of it that fails on the
  // way is tried again, as the loader's is (Pyodide's own import is not).
  const runtime = importModule(new URL("pyodide/pyodide.asm.mjs", assets).href).then((m) => m.default);
  runtime.catch(() => {}); // reported where it is awaited
  // Pyodide's lock file (its package index; 0.1 kB), read here beside the modules and handed to
  // it, so that one which cannot be read (a portal's page in its place) fails the start with a
  // plain reason, and one lost on the way is asked for again on its own.
  const lockUrl = new URL("pyodide/pyodide-lock.json", assets).href;
  const lock = fetchFile(lockUrl, "pyodide-lock.json", (response) => response.json());
  lock.catch(() => {}); // reported where it is awaited
  const { loadPyodide } = await importModule(new URL("pyodide/pyodide.mjs", assets).href);
  const createPyodideModule = await runtime;
  const lockFileContents = await lock;
  post({ type: MSG.progress, step: "start" });
  let pyodide = null;
  let from = "start";
  if (snapshot) {
    try {
      pyodide = await start(loadPyodide, snapshot, createPyodideModule, lockFileContents);
      from = "snapshot";
    } catch (error) {
      console.warn("Python's start-up snapshot could not be used; starting afresh:", error);
      await snapshots.drop();
    }
  }
  if (!pyodide) pyodide = await startAfresh(loadPyodide, createPyodideModule, lockFileContents);
  post({ type: MSG.progress, step: "code" });
  // The files, for what is imported later (each worksheet's own module, on its first use).
  const unpacked = await files.catch(() => null);
  if (unpacked) writeFiles(pyodide.FS, unpacked, SITE);
  else pyodide.unpackArchive(await code, "zip", { extractDir: SITE });
  let fresh = null;
  if (from === "start" && codeVersion) {
    // The page's own worksheet is made ready too (its module and data, on an empty form), so
    // that a repeat visit finds it in the snapshot; its first view costs no more than before.
    pyodide.runPython(`${IMPORT}; tools.bridge.warm(${JSON.stringify(page.worksheet)}, ${JSON.stringify(page.lang)})`);
    // Taken before any Python object is handed to JavaScript, as a snapshot must be.
    try {
      fresh = pyodide.makeMemorySnapshot();
    } catch {
      fresh = null;
    }
  }
  bridge = pyodide.pyimport("tools.bridge");
  post({ type: MSG.ready, from });
  if (fresh) {
    unkept = fresh;
    setTimeout(keepNow, 2000); // if the page asks for nothing meanwhile
  }
}

// A first visit's snapshot is stored once the page's first view is made: packing it holds this
// thread for 20-40 ms, which the reader would otherwise wait for.
let unkept = null;
async function keepNow() {
  const bytes = unkept;
  unkept = null;
  if (bytes && (await snapshots.keep(bytes))) post({ type: MSG.kept });
}

// A failed start is said once, here; each call then answers with it.
const ready = boot();
ready.catch((error) => post({ type: MSG.failed, detail: said(error) }));

self.onmessage = async (event) => {
  if (event.data && event.data.type === MSG.go) {
    page = { worksheet: String(event.data.worksheet || ""), lang: String(event.data.lang || "") };
    return go();
  }
  const { id, action, args } = event.data;
  try {
    await ready;
    const value = JSON.parse(bridge.call(action, JSON.stringify(args)));
    post({ type: MSG.result, id, ok: true, value });
  } catch (error) {
    post({ type: MSG.result, id, ok: false, error: said(error) });
  }
  if (unkept) keepNow();
};
