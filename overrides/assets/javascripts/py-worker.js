// Runs the worksheets' Python (tools/, packed as assets/tools.zip) on Pyodide, off the page's
// main thread. Narrow interface, as in JupyterLite's kernel worker:
//   page -> worker: {id, action, args}  (action: "view" | "export" | "import" | "check-saved" | "attach"
//                   | "share-link" | "open-link")
//   worker -> page: {type: "progress", step} | {type: "ready", from: "start" | "snapshot"}
//                   | {type: "failed", detail}
//                   {type: "result", id, ok, value | error}
const assets = new URL("../", import.meta.url);
const codeVersion = new URL(self.location.href).searchParams.get("v") || "";
let bridge = null;

const post = (message) => self.postMessage(message);

// Pyodide waits forever when its .wasm is blocked or served with the wrong type, so the .wasm's
// headers are asked for alongside (not before) its start: a host or firewall that blocks it is
// reported at once. Offline, a failed request proves nothing (the file may be in a cache).
async function checkWasm() {
  const url = new URL("pyodide/pyodide.asm.wasm", assets);
  let response;
  try {
    response = await fetch(url, { method: "HEAD" });
  } catch (error) {
    if (self.navigator && self.navigator.onLine === false) return;
    throw error;
  }
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const type = response.headers.get("content-type") || "";
  if (!type.startsWith("application/wasm")) throw new Error(`${url.pathname} is served as "${type}", not application/wasm`);
}

// A repeat visit starts from a memory snapshot of Python taken on the first, with the worksheets'
// code already imported: kept in this browser's Cache Storage, one per code version (the key
// names it), never sent anywhere. A snapshot that cannot be read or used is dropped, and Python
// starts as on a first visit.
const SNAPSHOTS = "isp-python-snapshot";
const snapshotKey = new URL(`python-snapshot?v=${codeVersion}`, assets).href;

async function savedSnapshot() {
  try {
    const hit = await (await caches.open(SNAPSHOTS)).match(snapshotKey);
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  } catch (error) {
    return null; // no Cache Storage here (a private window may have none)
  }
}

async function keepSnapshot(bytes) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    for (const request of await cache.keys()) if (request.url !== snapshotKey) await cache.delete(request);
    await cache.put(snapshotKey, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
  } catch (error) {
    // Storage full or blocked: the next visit starts as this one did.
  }
}

async function dropSnapshot() {
  try {
    await (await caches.open(SNAPSHOTS)).delete(snapshotKey);
  } catch (error) {
    /* nothing kept, nothing to drop */
  }
}

const SITE = "/home/pyodide/site";
const IMPORT = `import sys; sys.path.insert(0, '${SITE}'); import tools.bridge`;

async function start(loadPyodide, snapshot) {
  const wasmProblem = checkWasm().then(() => new Promise(() => {})); // settles only on a problem
  const options = { indexURL: new URL("pyodide/", assets).href };
  return Promise.race([
    loadPyodide(snapshot ? { ...options, _loadSnapshot: snapshot } : { ...options, _makeSnapshot: true }),
    wasmProblem,
  ]);
}

// The page says "go" once it has painted (worksheet.js). A first visit waits for it, so Python's
// downloads never compete with the page's own; a repeat visit with a snapshot does not wait.
let go;
const painted = new Promise((resolve) => (go = resolve));

async function boot() {
  const snapshot = await savedSnapshot();
  if (!snapshot) await painted;
  post({ type: "progress", step: "runtime" });
  // The worksheet code downloads while Python starts, not after.
  const code = fetch(new URL(`tools.zip?v=${codeVersion}`, assets)).then((response) => {
    if (!response.ok) throw new Error(`tools.zip: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  code.catch(() => {}); // reported where it is awaited
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", assets).href);
  post({ type: "progress", step: "start" });
  let pyodide = null;
  let from = "start";
  if (snapshot) {
    try {
      pyodide = await start(loadPyodide, snapshot);
      from = "snapshot";
    } catch (error) {
      console.warn("Python's start-up snapshot could not be used; starting afresh:", error);
      await dropSnapshot();
    }
  }
  if (!pyodide) pyodide = await start(loadPyodide, null);
  post({ type: "progress", step: "code" });
  // The files, for what is imported later (each worksheet's own module, on its first use).
  pyodide.unpackArchive(await code, "zip", { extractDir: SITE });
  let fresh = null;
  if (from === "start") {
    pyodide.runPython(IMPORT);
    // Taken before any Python object is handed to JavaScript, as a snapshot must be.
    try {
      fresh = pyodide.makeMemorySnapshot();
    } catch (error) {
      fresh = null;
    }
  }
  bridge = pyodide.pyimport("tools.bridge");
  post({ type: "ready", from });
  if (fresh) keepSnapshot(fresh);
}

const ready = boot().catch((error) => {
  post({ type: "failed", detail: String(error && error.message ? error.message : error) });
  throw error;
});

self.onmessage = async (event) => {
  if (event.data && event.data.type === "go") return go();
  const { id, action, args } = event.data;
  try {
    await ready;
    const value = JSON.parse(bridge.call(action, JSON.stringify(args)));
    post({ type: "result", id, ok: true, value });
  } catch (error) {
    post({ type: "result", id, ok: false, error: String(error && error.message ? error.message : error) });
  }
};
