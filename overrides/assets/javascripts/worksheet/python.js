// @ts-check
// The page's side of Python's worker (py-worker.js): calls as {id, action, args}, each answered
// by a result; the start-up messages shown in the status line. The head's script
// (partials/py-start.html) has usually started the worker already and kept what it said
// meanwhile; otherwise it starts here.
import { HEAD, MSG, STATE } from "./protocol.js";

/**
 * @param {HTMLElement} root
 * @param {Record<string, any>} S
 * @param {{setStatus: (text: string, state: string) => void}} messages
 * @param {{letStart: () => void}} search
 */
export function createPython(root, S, messages, search) {
  const { worksheet, lang, codeVersion } = root.dataset;
  // The site's root (this file is assets/javascripts/worksheet/python.js), for links in exports.
  const siteRoot = new URL("../../../", import.meta.url).href;
  /** @type {{worker: Worker, heard: import("./protocol.js").Heard[]} | null} */
  const early = /** @type {any} */ (globalThis)[HEAD.global] || null;
  let worker = early ? early.worker : null;
  /** The status line for each step of start-up (protocol.js STEPS). */
  const steps = { runtime: S.status_step_runtime, start: S.status_step_start, code: S.status_step_code };
  /** @type {Map<number, {resolve: (value: any) => void, reject: (error: Error) => void}>} */
  const pending = new Map();
  let calls = 0;
  let isReady = false;
  let hasFailed = false;

  /** @param {import("./protocol.js").Action} action @param {Record<string, unknown>} args */
  function call(action, args) {
    if (hasFailed || !worker) return Promise.reject(new Error("Python is not running"));
    return new Promise((resolve, reject) => {
      calls += 1;
      pending.set(calls, { resolve, reject });
      worker.postMessage({ id: calls, action, args: { worksheet, lang, site: siteRoot, ...args } });
    });
  }

  /** @param {string} [detail] */
  function fail(detail) {
    search.letStart();
    if (hasFailed) return;
    hasFailed = true;
    messages.setStatus(S.status_failed, "failed");
    root.dataset[STATE.failed] = "true";
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
      if (navigator.serviceWorker?.controller) {
        const runtime = new URL("../../pyodide/pyodide.asm.mjs", import.meta.url).href;
        for (let i = 0; i < 60 && !(await caches.match(runtime)); i++) await new Promise((r) => setTimeout(r, 500));
      }
      const primer = new Worker(new URL("../py-prime.js", import.meta.url), { type: "module" });
      primer.onmessage = () => {
        root.dataset[STATE.runtimePrimed] = "true"; // for the benchmark and the tests: the next visit may come
        primer.terminate();
      };
      primer.onerror = () => primer.terminate();
    } catch {
      /* no Cache Storage or no workers here: the next visit compiles the script itself */
    }
  }

  /**
   * Listens, once everything on the page exists: what the worker said before (the head's script
   * kept it) is heard now, in order, and then as it comes.
   * @param {(from: string) => void} onReady
   */
  function listen(onReady) {
    /** @param {{data: import("./protocol.js").FromWorker}} event */
    const heard = (event) => {
      const msg = event.data;
      if (msg.type === MSG.progress) messages.setStatus(steps[msg.step], "loading");
      else if (msg.type === MSG.ready) {
        isReady = true;
        hasFailed = false;
        delete root.dataset[STATE.failed];
        root.dataset[STATE.pythonFrom] = msg.from; // "snapshot" on a repeat visit
        messages.setStatus(S.status_ready, "ready");
        onReady(msg.from);
      } else if (msg.type === MSG.kept) primeRuntime();
      else if (msg.type === MSG.failed) fail(msg.detail);
      else if (msg.type === MSG.result) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (p) msg.ok ? p.resolve(msg.value) : p.reject(new Error(msg.error));
      }
    };
    /** @param {{message?: string, preventDefault?: () => void}} event */
    const broke = (event) => {
      if (event.preventDefault) event.preventDefault();
      fail(event.message || "worker error");
    };
    if (!worker) {
      try {
        const url = new URL(`../py-worker.js?v=${codeVersion}`, import.meta.url);
        worker = new Worker(url, { type: "module", name: codeVersion });
      } catch (error) {
        return fail(String(error));
      }
    }
    worker.onmessage = heard;
    worker.onerror = broke;
    if (early) for (const { kind, event } of early.heard.splice(0)) (kind === "error" ? broke : heard)(event);
    // The page is up and its own start-up work done (Material's, once the document is parsed):
    // Python may now download and compile what a first visit needs (py-worker.js waits for this
    // unless it starts from a snapshot, whose files are already in this browser). Compiling
    // Python's 9.6 MB of WebAssembly takes every core the browser can use; started earlier, it
    // slowed the page's own start on a phone. The worksheet and language say what to get ready
    // before the snapshot is kept.
    const go = () => worker?.postMessage({ type: MSG.go, worksheet, lang });
    if (typeof requestIdleCallback === "function") requestIdleCallback(go, { timeout: 1500 });
    else setTimeout(go, 0);
  }

  return { call, listen, siteRoot, ready: () => isReady, failed: () => hasFailed };
}
