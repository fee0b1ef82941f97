// @ts-check
// Pyodide waits forever when its .wasm cannot be compiled (blocked by a host or firewall, served
// with the wrong type, refused by a Content-Security-Policy): it only logs the failure. So the
// worker hears of that failure itself, from WebAssembly.instantiateStreaming, which Pyodide
// calls once, and stops waiting. No request is made to check the file beforehand. The failed
// compile is answered with a promise that never settles: Pyodide's fallback (a second download
// of the file) would only fail again, and leave its rejections uncaught in the page. It also
// counts the worker's downloads that failed on the way, so that a start that lost one can be
// told from one that failed otherwise (py-worker.js makes only the first kind again).

/** @type {(error: Error) => void} */
let failed = () => {};
let lost = 0;

/** How many of the worker's downloads have failed on the way so far (a start that lost one may be made again). */
export const failedDownloads = () => lost;

/** A promise rejected when the next compile fails; one start-up's own. @returns {Promise<never>} */
export function wasmFailure() {
  const failure = new Promise((_resolve, reject) => (failed = reject));
  failure.catch(() => {}); // heard where it is raced
  return failure;
}

export function watchWasm() {
  // Pyodide starts the .wasm's download early and awaits it only later: a download that fails
  // meanwhile would count as an uncaught rejection, though Pyodide (and wasmFailure) hear of it.
  const fetch = self.fetch;
  self.fetch = (...args) => {
    const response = fetch(...args);
    response.catch(() => (lost += 1));
    return response;
  };
  if (typeof WebAssembly.instantiateStreaming !== "function") return;
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = (source, imports) =>
    instantiateStreaming.call(WebAssembly, source, imports).catch((error) => {
      failed(new Error(`pyodide.asm.wasm: ${error?.message ? error.message : error}`));
      return new Promise(() => {});
    });
}
