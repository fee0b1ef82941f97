// Runs the worksheets' Python (tools/, packed as assets/tools.zip) on Pyodide, off the page's
// main thread. Narrow interface, as in JupyterLite's kernel worker:
//   page -> worker: {id, action, args}  (action: "view" | "export" | "import" | "check-saved" | "attach")
//   worker -> page: {type: "progress", step} | {type: "ready"} | {type: "failed", detail}
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

async function boot() {
  post({ type: "progress", step: "runtime" });
  // The worksheet code downloads while Python starts, not after.
  const code = fetch(new URL(`tools.zip?v=${codeVersion}`, assets)).then((response) => {
    if (!response.ok) throw new Error(`tools.zip: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  code.catch(() => {}); // reported where it is awaited
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", assets).href);
  post({ type: "progress", step: "start" });
  const wasmProblem = checkWasm().then(() => new Promise(() => {})); // settles only on a problem
  const pyodide = await Promise.race([loadPyodide({ indexURL: new URL("pyodide/", assets).href }), wasmProblem]);
  post({ type: "progress", step: "code" });
  pyodide.unpackArchive(await code, "zip", { extractDir: "/home/pyodide/site" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/site')");
  bridge = pyodide.pyimport("tools.bridge");
  post({ type: "ready" });
}

const ready = boot().catch((error) => {
  post({ type: "failed", detail: String(error && error.message ? error.message : error) });
  throw error;
});

self.onmessage = async (event) => {
  const { id, action, args } = event.data;
  try {
    await ready;
    const value = JSON.parse(bridge.call(action, JSON.stringify(args)));
    post({ type: "result", id, ok: true, value });
  } catch (error) {
    post({ type: "result", id, ok: false, error: String(error && error.message ? error.message : error) });
  }
};
