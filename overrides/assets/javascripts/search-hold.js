// @ts-check
// Worksheet pages: Material's search index (some 100 kB) is downloaded once Python no longer
// needs the link, not as the page starts: on a first visit over a slow link it would come before
// Python's own files. The page says "now" on the search channel (worksheet/search.js: Python is
// ready or has failed, or the reader has turned to search); after ten seconds it comes anyway,
// unless the page's script has said it runs ("later"), which then says "now" in any case.
// Material asks for the index with XMLHttpRequest as its script starts, so this module, which
// runs before that script, holds that one request back. Search itself is Material's, unchanged.
import { KEPT } from "./worksheet/protocol.js";

const INDEX = /\/search\/search_index\.json(?:[?#]|$)/;

if (typeof BroadcastChannel === "function") {
  const channel = new BroadcastChannel(KEPT.searchChannel);
  /** @type {() => void} */
  let release = () => {};
  const opened = new Promise((resolve) => (release = () => resolve(undefined)));
  const timer = setTimeout(release, 10000);
  channel.onmessage = (event) => {
    if (event.data === "now") release();
    else if (event.data === "later") clearTimeout(timer); // the page's script runs, and will say it
  };
  opened.then(() => {
    clearTimeout(timer);
    channel.close();
  });

  const held = new WeakSet();
  const { open, send } = XMLHttpRequest.prototype;
  /** @this {XMLHttpRequest} @param {string} method @param {string | URL} url @param {any[]} rest */
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (INDEX.test(String(url))) held.add(this);
    return /** @type {any} */ (open).call(this, method, url, ...rest);
  };
  /** @this {XMLHttpRequest} @param {any[]} args */
  XMLHttpRequest.prototype.send = function (...args) {
    if (!held.has(this)) return send.apply(this, /** @type {any} */ (args));
    held.delete(this);
    opened.then(() => send.apply(this, /** @type {any} */ (args)));
  };
}
