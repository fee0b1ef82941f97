// The side navigation keeps a link the reader moves to out from under its sticky title (the
// site name, "Table of contents"): the browser scrolls a focused link into view below the
// scroll padding, which is the title's height, measured because it wraps with the name's length.
for (const wrap of document.querySelectorAll(".md-sidebar__scrollwrap")) {
  const title = wrap.querySelector(".md-nav__title");
  if (!title) continue;
  const pad = () => {
    // The title's own shadow reaches 0.4rem below it.
    wrap.style.scrollPaddingTop = `calc(${title.getBoundingClientRect().height}px + 0.6rem)`;
  };
  new ResizeObserver(pad).observe(title);
}
