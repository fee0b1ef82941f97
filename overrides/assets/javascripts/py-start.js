// Starts the worksheet's Python worker (py-worker.js) as early as the page allows: loaded async
// from the head of worksheet pages only. On a repeat visit the worker starts from its snapshot
// at once; on a first visit it waits for worksheet.js's "go" (the page has painted) before it
// downloads Python. What the worker says before worksheet.js listens is kept for it.
const meta = document.querySelector('meta[name="isp-code-version"]');
// worksheet.js may have run first (this file came late) and started the worker itself.
if (meta && typeof Worker === "function" && !globalThis.ispPython) {
  const version = meta.content;
  const worker = new Worker(new URL(`./py-worker.js?v=${version}`, import.meta.url), { type: "module" });
  const heard = [];
  worker.onmessage = (event) => heard.push({ kind: "message", event });
  worker.onerror = (event) => {
    event.preventDefault();
    heard.push({ kind: "error", event: { message: event.message } });
  };
  globalThis.ispPython = { version, worker, heard };
}
