// A worksheet in a link (tools/share.py decides what a link holds and whether it may be used):
// "Share as link" shows the link Python made; a page opened with #share=... shows what the link
// holds and lets the reader load it, load it beside their own records, or ignore it. Nothing
// the reader has is replaced without that choice, and the fragment leaves the address bar.

import { fmt } from "./paths.js";

export const KEY = "#share=";

/** The link's payload in an address's fragment (#share=<payload>), or null. @param {string} hash */
export const payloadOf = (hash) => (typeof hash === "string" && hash.startsWith(KEY) ? hash.slice(KEY.length) : null);

/** The page's address without its fragment: what a link made here points to. @param {string} href */
export const pageAddress = (href) => href.split("#")[0];

/** The address of a link opened on another worksheet's page (Python names that page's path). */
export const linkOn = (path, siteRoot, payload) => new URL(path, siteRoot).href + KEY + payload;

/** {root, S, python, sheet, store, messages, serially, refresh} */
export function createLinks(page) {
  const { root, S, python, sheet, messages } = page;
  const call = python.call;
  const say = messages.say;
  const panel = root.querySelector("[data-link-panel]");
  let shown = 0;

  const payload = () => payloadOf(location.hash);
  function dropFragment() {
    if (payload() !== null) history.replaceState(history.state, "", location.pathname + location.search);
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
    const result = await call("share-link", { data: sheet.collect(), page: pageAddress(location.href) });
    if (!result.ok) {
      close();
      say(result.message, result.details);
      root.querySelector("[data-message]").focus();
      return;
    }
    const box = element("textarea", "", {
      readonly: "",
      rows: "3",
      class: "ws-link-address",
      "aria-label": S.share_heading,
      spellcheck: "false",
    });
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
    show(
      S.share_heading,
      element("p", S.share_about),
      box,
      element("p", result.message, { "data-link-length": String(result.chars) }),
      element("div", "", { class: "ws-link-actions" }),
      status,
    );
    panel.querySelector(".ws-link-actions").append(
      copy,
      button(S.close, () => {
        close();
        root.querySelector("button[data-action='share-link']").focus();
      }),
    );
  }

  // ---------------------------------------------------------------- opening a link
  async function open() {
    const text = payload();
    if (text === null) return;
    let result;
    try {
      result = await call("open-link", { payload: text, data: sheet.collect() });
    } catch {
      say(S.status_failed);
      return;
    }
    if (!result.ok) {
      dropFragment();
      const actions = result.open_on
        ? [{ label: result.open_on.label, run: () => location.assign(linkOn(result.open_on.path, python.siteRoot, text)) }]
        : [];
      say(result.message, result.details, actions);
      root.querySelector("[data-message]").focus();
      return;
    }
    const list = element("ul", "", { class: "ws-link-summary" });
    for (const line of result.summary) list.append(element("li", line));
    const parts = [element("p", S.offer_about), list];
    if (sheet.hasContent()) parts.push(element("p", S.offer_replace_warning, { class: "ws-link-warning" }));
    if (result.added_problem) parts.push(element("p", result.added_problem));
    const actions = element("div", "", { class: "ws-link-actions" });
    parts.push(actions);
    const done = (state, message, ok = true) => {
      dropFragment();
      close();
      if (state) {
        sheet.fill(state);
        page.store.save();
        page.refresh();
      }
      if (ok) messages.done(message);
      else say(message);
      root.querySelector("[data-message]").focus();
    };
    actions.append(
      button(S.offer_load, () =>
        page.serially(async () => {
          // Asked again with the form as it is now: its browser-only parts are kept as they are now.
          const now = await call("open-link", { payload: text, data: sheet.collect() });
          done(now.ok ? now.state : null, now.ok ? S.offer_loaded : now.message, now.ok);
        }),
      ),
    );
    if (result.added) {
      // Added to the reader's records as they are when they choose, not when the link opened.
      actions.append(
        button(S.offer_add, () =>
          page.serially(async () => {
            const now = await call("open-link", { payload: text, data: sheet.collect() });
            if (now.ok && now.added) done(now.added, fmt(S.offer_added, { names: now.added_names.join(", ") }));
            else done(null, now.added_problem || now.message, false);
          }),
        ),
      );
    }
    actions.append(button(S.offer_ignore, () => done(null, S.offer_ignored)));
    show(S.offer_heading, ...parts);
  }

  // A share link pasted into the address bar of this same page arrives as a new fragment.
  window.addEventListener("hashchange", () => {
    if (payload() !== null && python.ready()) open();
  });
  return { share, open };
}
