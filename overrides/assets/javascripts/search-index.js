// @ts-check
// Every page: Material's search index, asked for once more after a failure on the way (a dropped
// connection, a busy server), as Python's files are (worksheet/retry.js); one that cannot be had
// (the network is gone, a portal's page came instead) is said in the search's own result line,
// in the page's language, where Material would show "Initializing search" for good and leave an
// uncaught error. Material asks for the index with XMLHttpRequest and listens for its "load" and
// "error"; this module runs before Material's script and listens first, and lets Material hear
// only an index it can read. Search itself is Material's, unchanged.
import { WAITS } from "./worksheet/retry.js";

const INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
/** The attribute of the result line that holds the message (partials/search.html). */
const MESSAGE = "data-search-unavailable";

/** @param {Blob} blob @returns {Promise<boolean>} whether it is the index Material can read */
async function readable(blob) {
  try {
    const index = JSON.parse(await blob.text());
    return Boolean(index && Array.isArray(index.docs));
  } catch {
    return false;
  }
}

function unavailable() {
  const line = document.querySelector(`[${MESSAGE}]`);
  if (line) line.textContent = line.getAttribute(MESSAGE) || "";
}

const { open } = XMLHttpRequest.prototype;
/** @this {XMLHttpRequest} @param {string} method @param {string | URL} url @param {any[]} rest */
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  open.call(this, method, url, ...rest);
  if (!INDEX.test(String(url))) return;
  let tries = 0;
  let checked = false;
  const again = () => {
    if (tries >= WAITS.length) return unavailable();
    setTimeout(() => {
      open.call(this, method, url, ...rest);
      this.send();
    }, WAITS[tries++]);
  };
  this.addEventListener("error", (event) => {
    event.stopImmediatePropagation(); // Material's handler would throw it, uncaught
    again();
  });
  this.addEventListener("load", (event) => {
    if (checked) return; // the event sent on below, once the index is known to be readable
    event.stopImmediatePropagation();
    if (this.status >= 500) return again();
    if (this.status < 200 || this.status >= 300) return unavailable();
    const body = this.response;
    (body instanceof Blob ? readable(body) : Promise.resolve(false)).then((ok) => {
      if (!ok) return unavailable(); // a page in its place, or a file cut short: another try gives the same
      checked = true;
      this.dispatchEvent(new ProgressEvent("load"));
    });
  });
};
