// The language selector keeps the reader's place: both languages share every anchor, so the
// part of the page in view (#co-learning, #worksheet ...) opens in the other language too.
// Material's own handler for these links drops the anchor, so a plain click is handled here
// first; other clicks (a new tab) just get the anchor in the link.
window.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest?.("a.md-select__link[hreflang]");
    if (!link || !location.hash) return;
    const url = new URL(link.getAttribute("href"), location.href);
    if (url.origin !== location.origin) return;
    url.hash = location.hash;
    link.href = url.href;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    location.href = url.href;
  },
  true,
);
