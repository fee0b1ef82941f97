// Runs the worksheets' Python (tools/, packed as assets/tools.zip) on Pyodide, off the page's
// main thread. Narrow interface, as in JupyterLite's kernel worker:
//   page -> worker: {id, action, args}            (action: "view" | "export" | "import")
//   worker -> page: {type: "progress", step} | {type: "ready"} | {type: "failed", detail}
//                   {type: "result", id, ok, value | error}
const assets = new URL("../", import.meta.url);
const codeVersion = new URL(self.location.href).searchParams.get("v") || "";
let bridge = null;

const post = (message) => self.postMessage(message);

async function boot() {
  post({ type: "progress", step: "runtime" });
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
