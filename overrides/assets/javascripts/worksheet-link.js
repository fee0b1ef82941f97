// A worksheet in a link (tools/share.py decides what a link holds and whether it may be used):
// "Share as link" shows the link Python made; a page opened with #share=... shows what the link
// holds and lets the reader load it, load it beside their own records, or ignore it. Nothing
// the reader has is replaced without that choice, and the fragment leaves the address bar.

const KEY = "#share=";

// page: {root, S, fmt, call, collect, fill, save, refresh, say, hasContent, siteRoot, serially, ready}
export function worksheetLinks(page) {
  const { root, S, fmt, call, say } = page;
  const panel = root.querySelector("[data-link-panel]");
  let shown = 0;

  const payload = () => (location.hash.startsWith(KEY) ? location.hash.slice(KEY.length) : null);
  function dropFragment() {
    if (location.hash.startsWith(KEY)) history.replaceState(history.state, "", location.pathname + location.search);
  }

  function element(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    return node;
  }
  function button(label, run) {
    const b = element("button", label, { type: "button", class: "md-button" });
    b.addEventListener("click", run);
    return b;
  }
  function show(heading, ...children) {
    shown += 1;
    const h = element("h3", heading, { id: `ws-link-heading-${shown}`, tabindex: "-1" });
    panel.replaceChildren(h, ...children);
    panel.setAttribute("aria-labelledby", h.id);
    panel.hidden = false;
    h.focus();
  }
  function close() {
    panel.hidden = true;
    panel.replaceChildren();
  }

  // ---------------------------------------------------------------- sharing
  async function share() {
    const result = await call("share-link", { data: page.collect(), page: location.href.split("#")[0] });
    if (!result.ok) {
      close();
      say(result.message, result.details);
      root.querySelector("[data-message]").focus();
      return;
    }
    const box = element("textarea", "", { readonly: "", rows: "3", class: "ws-link-address", "aria-label": S.share_heading, spellcheck: "false" });
    box.value = result.link;
    const status = element("p", "", { role: "status", class: "ws-link-status" });
    const copy = button(S.copy_link, () => {
      const failed = () => {
        box.focus();
        box.select();
        status.textContent = S.copy_failed;
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(result.link).then(() => (status.textContent = S.link_copied), failed);
      } else failed();
    });
    show(S.share_heading, element("p", S.share_about), box, element("p", result.message, { "data-link-length": String(result.chars) }),
      element("div", "", { class: "ws-link-actions" }), status);
    panel.querySelector(".ws-link-actions").append(copy, button(S.close, () => {
      close();
      root.querySelector("button[data-action='share-link']").focus();
    }));
  }

  // ---------------------------------------------------------------- opening a link
  async function open() {
    const text = payload();
    if (text === null) return;
    let result;
    try {
      result = await call("open-link", { payload: text, data: page.collect() });
    } catch (error) {
      say(S.status_failed);
      return;
    }
    if (!result.ok) {
      dropFragment();
      const actions = result.open_on
        ? [{ label: result.open_on.label, run: () => location.assign(new URL(result.open_on.path, page.siteRoot).href + KEY + text) }]
        : [];
      say(result.message, result.details, actions);
      root.querySelector("[data-message]").focus();
      return;
    }
    const list = element("ul", "", { class: "ws-link-summary" });
    for (const line of result.summary) list.append(element("li", line));
    const parts = [element("p", S.offer_about), list];
    if (page.hasContent()) parts.push(element("p", S.offer_replace_warning, { class: "ws-link-warning" }));
    if (result.added_problem) parts.push(element("p", result.added_problem));
    const actions = element("div", "", { class: "ws-link-actions" });
    parts.push(actions);
    const done = (state, message) => {
      dropFragment();
      close();
      if (state) {
        page.fill(state);
        page.save();
        page.refresh();
      }
      say(message);
      root.querySelector("[data-message]").focus();
    };
    actions.append(button(S.offer_load, () => page.serially(async () => {
      // Asked again with the form as it is now: its browser-only parts are kept as they are now.
      const now = await call("open-link", { payload: text, data: page.collect() });
      done(now.ok ? now.state : null, now.ok ? S.offer_loaded : now.message);
    })));
    if (result.added) {
      // Added to the reader's records as they are when they choose, not when the link opened.
      actions.append(button(S.offer_add, () => page.serially(async () => {
        const now = await call("open-link", { payload: text, data: page.collect() });
        if (now.ok && now.added) done(now.added, fmt(S.offer_added, { names: now.added_names.join(", ") }));
        else done(null, now.added_problem || now.message);
      })));
    }
    actions.append(button(S.offer_ignore, () => done(null, S.offer_ignored)));
    show(S.offer_heading, ...parts);
  }

  // A share link pasted into the address bar of this same page arrives as a new fragment.
  window.addEventListener("hashchange", () => {
    if (payload() !== null && page.ready()) open();
  });
  return { share, open };
}
