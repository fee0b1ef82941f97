// Material's search index is downloaded (search-hold.js) and built (workers/search-later.js)
// once Python no longer needs the link and the processor: both wait for this "now", which comes
// when Python is ready or has failed, or as soon as the reader turns to search.
import { KEPT } from "./protocol.js";

export function createSearchHold() {
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(KEPT.searchChannel) : null;
  let mayStart = false;
  function letStart() {
    mayStart = true;
    if (channel) channel.postMessage("now");
  }
  if (channel) channel.onmessage = (event) => event.data === "ask" && mayStart && letStart();
  // This page will say "now": search-hold.js need not let the index come after ten seconds (on a
  // slow link Python takes longer, and the index would come before it).
  if (channel) channel.postMessage("later");
  document.addEventListener("focusin", (event) => {
    if (!mayStart && event.target instanceof Element && event.target.closest(".md-search")) letStart();
  });
  document.addEventListener("change", (event) => {
    if (!mayStart && event.target instanceof Element && event.target.id === "__search") letStart();
  });
  return {
    letStart: () => {
      if (!mayStart) letStart();
    },
  };
}
