// Runs the worksheets' Python (tools/, packed as assets/tools.zip) on Pyodide, off the page's
// main thread. Narrow interface, as in JupyterLite's kernel worker:
//   page -> worker: the worker's name is the code version the page was built with;
//                   {type: "go", worksheet, lang} once the page is up,
//                   {id, action, args}  (action: "view" | "export" | "import" | "check-saved" | "attach"
//                   | "share-link" | "open-link")
//   worker -> page: {type: "progress", step} | {type: "ready", from: "start" | "snapshot"}
//                   | {type: "kept"} (a first visit's snapshot is stored) | {type: "failed", detail}
//                   {type: "result", id, ok, value | error}
const assets = new URL("../", import.meta.url);
// The page names its code version as the worker's name, readable at once. The worker's own
// address (py-worker.js?v=...) cannot be relied on for it: a service worker may answer with a
// copy kept under the address without the query, and a worker's location is its response's
// address. A message would do, but it reaches the worker only once the page's busy main thread
// passes it on (50-120 ms on a repeat visit).
const codeVersion = String(self.name || "");
let bridge = null;

const post = (message) => self.postMessage(message);

// Pyodide waits forever when its .wasm cannot be compiled (blocked by a host or firewall, served
// with the wrong type, refused by a Content-Security-Policy): it only logs the failure. So the
// worker hears of that failure itself, from WebAssembly.instantiateStreaming, which Pyodide
// calls once, and stops waiting. No request is made to check the file beforehand.
let wasmFailed = () => {};
if (typeof WebAssembly.instantiateStreaming === "function") {
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = (source, imports) => {
    const result = instantiateStreaming.call(WebAssembly, source, imports);
    result.catch((error) => wasmFailed(new Error(`pyodide.asm.wasm: ${error && error.message ? error.message : error}`)));
    return result;
  };
}

// A repeat visit starts from a memory snapshot of Python taken on the first, with the page's
// worksheet already imported: kept in this browser's Cache Storage, one per code version (the key
// names it), never sent anywhere. A snapshot that cannot be read or used is dropped, and Python
// starts as on a first visit.
const SNAPSHOTS = "isp-python-snapshot";
const snapshotKey = new URL(`python-snapshot?v=${codeVersion}`, assets).href;

// Python's memory is 31 MB, of which some 19 MB are pages of zeros. It is kept without them: a
// map of the pages in front, then the pages that are not all zero. That is a third of the bytes
// to store and to read back, and faster to read than any compression (gzip took 0.33 s).
const PAGE = 4096;
const MAGIC = 0x31505349; // "ISP1"

function pack(bytes) {
  const pages = Math.ceil(bytes.length / PAGE);
  const used = new Uint8Array(pages);
  const words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2) : null;
  let kept = 0;
  for (let p = 0; p < pages; p++) {
    const start = p * PAGE;
    const end = Math.min(start + PAGE, bytes.length);
    let zero = true;
    if (words && end % 4 === 0) {
      for (let w = start >> 2; w < end >> 2 && zero; w++) zero = words[w] === 0;
    } else {
      for (let b = start; b < end && zero; b++) zero = bytes[b] === 0;
    }
    if (!zero) {
      used[p] = 1;
      kept += end - start;
    }
  }
  const head = 12 + pages;
  const out = new Uint8Array(head + kept);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, bytes.length, true);
  view.setUint32(8, pages, true);
  out.set(used, 12);
  let at = head;
  for (let p = 0; p < pages; p++) {
    if (!used[p]) continue;
    const page = bytes.subarray(p * PAGE, Math.min((p + 1) * PAGE, bytes.length));
    out.set(page, at);
    at += page.length;
  }
  return out;
}

function unpack(stored) {
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  if (stored.length < 12 || view.getUint32(0, true) !== MAGIC) throw new Error("the kept snapshot is not in this format");
  const length = view.getUint32(4, true);
  const pages = view.getUint32(8, true);
  if (pages !== Math.ceil(length / PAGE) || stored.length < 12 + pages) throw new Error("the kept snapshot is damaged");
  const used = stored.subarray(12, 12 + pages);
  const bytes = new Uint8Array(length);
  let at = 12 + pages;
  for (let p = 0; p < pages; ) {
    if (!used[p]) {
      p++;
      continue;
    }
    let q = p;
    while (q < pages && used[q]) q++; // a run of kept pages, copied at once
    const size = Math.min(q * PAGE, length) - p * PAGE;
    if (at + size > stored.length) throw new Error("the kept snapshot is cut short");
    bytes.set(stored.subarray(at, at + size), p * PAGE);
    at += size;
    p = q;
  }
  if (at !== stored.length) throw new Error("the kept snapshot is damaged");
  return bytes;
}

// The kept snapshot's response, or null. Its body is read while Pyodide's own files load.
async function savedSnapshot() {
  try {
    return (await (await caches.open(SNAPSHOTS)).match(snapshotKey)) || null;
  } catch (error) {
    return null; // no Cache Storage here (a private window may have none)
  }
}

async function keepSnapshot(bytes) {
  try {
    const packed = pack(bytes);
    const cache = await caches.open(SNAPSHOTS);
    for (const request of await cache.keys()) if (request.url !== snapshotKey) await cache.delete(request);
    await cache.put(snapshotKey, new Response(packed, { headers: { "Content-Type": "application/octet-stream" } }));
    return true;
  } catch (error) {
    return false; // storage full or blocked: the next visit starts as this one did
  }
}

async function dropSnapshot() {
  try {
    await (await caches.open(SNAPSHOTS)).delete(snapshotKey);
  } catch (error) {
    /* nothing kept, nothing to drop */
  }
}

// tools.zip, read here rather than by Pyodide's unpackArchive, which writes it to a temporary file
// and unpacks it with Python's zipfile once Python has started (40-120 ms of a repeat visit's
// ~900). Its entries are inflated by the browser (DecompressionStream) while Python starts; only
// writing them into Python's file system waits for it.
const inflate = async (data) =>
  new Uint8Array(await new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer());

async function readZip(buffer) {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  let end = bytes.length - 22; // the end-of-directory record, after any comment
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("tools.zip: not a zip file");
  const names = new TextDecoder();
  const files = [];
  let at = view.getUint32(end + 16, true);
  for (let i = view.getUint16(end + 10, true); i > 0; i--) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("tools.zip: damaged");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (name.endsWith("/")) continue;
    if (name.startsWith("/") || name.split("/").includes("..")) throw new Error(`tools.zip: ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`tools.zip: ${name}: compression ${method}`);
    files.push({ name, content: method === 8 ? inflate(data) : Promise.resolve(data) });
  }
  return Promise.all(files.map(async ({ name, content }) => ({ name, content: await content })));
}

function writeFiles(FS, files, dir) {
  for (const { name, content } of files) {
    const path = `${dir}/${name}`;
    FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    FS.writeFile(path, content);
  }
}

const SITE = "/home/pyodide/site";
const IMPORT = `import sys; sys.path.insert(0, '${SITE}'); import tools.bridge`;

function start(loadPyodide, snapshot, createPyodideModule) {
  const options = { indexURL: new URL("pyodide/", assets).href };
  if (createPyodideModule) options.createPyodideModule = createPyodideModule;
  const wasmProblem = new Promise((resolve, reject) => (wasmFailed = reject)); // this start's own
  return Promise.race([
    loadPyodide(snapshot ? { ...options, _loadSnapshot: snapshot } : { ...options, _makeSnapshot: true }),
    wasmProblem,
  ]);
}

// The page says "go" once it has painted (worksheet.js). A first visit waits for it, so Python's
// downloads never compete with the page's own; a repeat visit with a snapshot does not wait.
let go;
let page = { worksheet: "", lang: "" };
const painted = new Promise((resolve) => (go = resolve));

async function boot() {
  // Without a code version (a page that named none), no snapshot is read or kept: it could not be
  // told apart from another version's.
  const saved = codeVersion ? await savedSnapshot() : null;
  const snapshot = saved && saved.arrayBuffer().then((buffer) => unpack(new Uint8Array(buffer)));
  if (snapshot) snapshot.catch(() => {}); // reported where it is awaited
  if (!saved) await painted;
  post({ type: "progress", step: "runtime" });
  // The worksheet code downloads while Python starts, not after.
  const code = fetch(new URL(`tools.zip?v=${codeVersion}`, assets)).then((response) => {
    if (!response.ok) throw new Error(`tools.zip: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  code.catch(() => {}); // reported where it is awaited
  const files = code.then(readZip);
  files.catch(() => {}); // Pyodide unpacks it then
  // A repeat visit imports the runtime script alongside its loader, not after it (Pyodide's own
  // order); both come from this browser's caches.
  const runtime = saved ? import(new URL("pyodide/pyodide.asm.mjs", assets).href).then((m) => m.default) : null;
  if (runtime) runtime.catch(() => {}); // Pyodide imports it itself then
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", assets).href);
  post({ type: "progress", step: "start" });
  let pyodide = null;
  let from = "start";
  if (snapshot) {
    try {
      pyodide = await start(loadPyodide, snapshot, await runtime.catch(() => null));
      from = "snapshot";
    } catch (error) {
      console.warn("Python's start-up snapshot could not be used; starting afresh:", error);
      await dropSnapshot();
    }
  }
  if (!pyodide) pyodide = await start(loadPyodide, null);
  post({ type: "progress", step: "code" });
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
    } catch (error) {
      fresh = null;
    }
  }
  bridge = pyodide.pyimport("tools.bridge");
  post({ type: "ready", from });
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
  if (bytes && (await keepSnapshot(bytes))) post({ type: "kept" });
}

const ready = boot().catch((error) => {
  post({ type: "failed", detail: String(error && error.message ? error.message : error) });
  throw error;
});

self.onmessage = async (event) => {
  if (event.data && event.data.type === "go") {
    page = { worksheet: String(event.data.worksheet || ""), lang: String(event.data.lang || "") };
    return go();
  }
  const { id, action, args } = event.data;
  try {
    await ready;
    const value = JSON.parse(bridge.call(action, JSON.stringify(args)));
    post({ type: "result", id, ok: true, value });
  } catch (error) {
    post({ type: "result", id, ok: false, error: String(error && error.message ? error.message : error) });
  }
  if (unkept) keepNow();
};
