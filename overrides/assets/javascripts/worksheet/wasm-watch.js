// @ts-check
// Pyodide waits forever when its .wasm cannot be compiled (blocked by a host or firewall, served
// with the wrong type, refused by a Content-Security-Policy): it only logs the failure. So the
// worker hears of that failure itself, from WebAssembly.instantiateStreaming, which Pyodide
// calls once, and stops waiting. No request is made to check the file beforehand. The failed
// compile is answered with a promise that never settles: Pyodide's fallback (a second download
// of the file) would only fail again, and leave its rejections uncaught in the page.

/** @type {(error: Error) => void} */
let failed = () => {};

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
    response.catch(() => {});
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
