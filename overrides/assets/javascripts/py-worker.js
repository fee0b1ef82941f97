// Runs the worksheets' Python (tools/, packed as assets/tools.zip) on Pyodide, off the page's
// main thread. Narrow interface, as in JupyterLite's kernel worker:
//   page -> worker: {id, action, args}  (action: "view" | "export" | "import" | "check-saved" | "attach")
//   worker -> page: {type: "progress", step} | {type: "ready"} | {type: "failed", detail}
//                   {type: "result", id, ok, value | error}
const assets = new URL("../", import.meta.url);
const codeVersion = new URL(self.location.href).searchParams.get("v") || "";
let bridge = null;

const post = (message) => self.postMessage(message);

// Ask for the .wasm's headers first: a host or firewall that blocks it, or serves it with the
// wrong type, is then reported at once instead of leaving Pyodide waiting.
async function checkWasm() {
  const url = new URL("pyodide/pyodide.asm.wasm", assets);
  const response = await fetch(url, { method: "HEAD" });
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const type = response.headers.get("content-type") || "";
  if (!type.startsWith("application/wasm")) throw new Error(`${url.pathname} is served as "${type}", not application/wasm`);
}

async function boot() {
  post({ type: "progress", step: "runtime" });
  await checkWasm();
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", assets).href);
  post({ type: "progress", step: "start" });
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", assets).href });
  post({ type: "progress", step: "code" });
  const response = await fetch(new URL(`tools.zip?v=${codeVersion}`, assets));
  if (!response.ok) throw new Error(`tools.zip: HTTP ${response.status}`);
  pyodide.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: "/home/pyodide/site" });
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
