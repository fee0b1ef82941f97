// Links for trainers: the "Link and QR code" button beside every heading of a page (the level-one
// heading stands for the page; the build puts the button just before the heading, outside it), and the copy buttons of the
// trainer links page.
//
// The build (sitebuild/trainer_links.py) gives each heading its full public address and its QR
// code's file, and the page its strings (sitebuild/data/heading_links.json); without a public
// address the link is the one the browser shows, and its QR code is made here (qr-code.js).
// Every address copied or shown is a full one: a relative link is no use on a slide or in an e-mail.
// Copying uses the Clipboard API; where it is refused, the address is selected in its text
// field for the reader to copy. No inline styles or scripts: the site runs under a
// Content-Security-Policy of 'self'.

import { qrImage } from "./qr-code.js";

const source = document.querySelector("script[data-heading-link-strings]");
const STRINGS = source ? JSON.parse(source.textContent) : null;
const t = (key, values = {}) => STRINGS[key].replace(/\{(\w+)\}/g, (_, name) => values[name]);
let counter = 0;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// Copies the address; on failure selects it in the field so the reader can copy it.
function copy(address, field, status) {
  const done = () => {
    status.textContent = t("copied", { address });
  };
  const fail = () => {
    field.hidden = false;
    field.focus();
    field.select();
    status.textContent = t("copy_failed");
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(address).then(done, fail);
  else fail();
}

function headingTitle(heading) {
  const clone = heading.cloneNode(true);
  for (const node of clone.querySelectorAll(".headerlink, .share-toggle")) node.remove();
  return clone.textContent.trim();
}

function panelFor(heading, title) {
  const id = `share-panel-${++counter}`;
  const here = location.href.split("#")[0];
  const address = (heading.dataset.shareAddress || (heading.tagName === "H1" ? here : `${here}#${heading.id}`)).replace(
    /\?[^#]*/,
    "",
  );
  const panel = element("div", "share-panel");
  panel.id = id;
  panel.hidden = true;
  const label = element("label", "share-label", t("address"));
  const field = element("input", "share-address");
  field.id = `${id}-address`;
  field.type = "text";
  field.readOnly = true;
  field.value = address;
  label.htmlFor = field.id;
  field.addEventListener("focus", () => field.select());
  const button = element("button", "md-button share-copy-button", t("copy"));
  button.type = "button";
  const status = element("p", "share-status");
  status.setAttribute("role", "status");
  button.addEventListener("click", () => copy(address, field, status));
  panel.append(label, field, button, status);
  if (heading.dataset.shareQr) {
    const img = element("img", "share-qr");
    img.alt = t("qr", { title });
    img.width = 164;
    img.height = 164;
    img.src = heading.dataset.shareQr;
    panel.append(img);
  } else {
    qrImage(address, t("qr", { title }), "share-qr").then(
      (img) => panel.append(img),
      () => panel.append(element("p", "share-no-qr", t("no_qr"))),
    );
  }
  return panel;
}

// The button is in the page as served (sitebuild/trainer_links.py), so nothing moves when this runs.
function addAction(heading, toggle) {
  let panel = null;
  toggle.addEventListener("click", () => {
    if (!panel) {
      panel = panelFor(heading, headingTitle(heading)); // made on first use, not for every heading at load
      heading.after(panel);
      toggle.setAttribute("aria-controls", panel.id);
      panel.addEventListener("keydown", (event) => {
        if (event.key === "Escape") {
          panel.hidden = true;
          toggle.setAttribute("aria-expanded", "false");
          toggle.focus();
        }
      });
    }
    const open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
  });
}

function init() {
  // Each button comes just before its heading (outside it, so it is no part of the heading's name).
  const toggles = "article.md-content__inner button.share-toggle:has(+ :is(h1, h2, h3, h4, h5, h6)[id])";
  for (const toggle of document.querySelectorAll(toggles)) addAction(toggle.nextElementSibling, toggle);
  // The trainer links page: each row's copy button, with a field and a status of its own. Built
  // without the public address, a row holds the relative link: the full address is the link as
  // the browser resolves it, and the row's QR code is made from it.
  for (const button of document.querySelectorAll("button.share-copy[data-copy]")) {
    const row = button.closest("tr");
    const given = button.dataset.copy;
    const address = new URL(given, location.href).href; // a full address stays as it is
    const shown = row?.querySelector("a[href] code");
    if (address !== given && shown) shown.textContent = address;
    button.dataset.copy = address;
    const field = element("input", "share-address");
    field.type = "text";
    field.readOnly = true;
    field.hidden = true;
    field.value = address;
    field.setAttribute("aria-label", t("address"));
    const status = element("span", "share-status");
    status.setAttribute("role", "status");
    button.after(field, status);
    button.addEventListener("click", () => copy(address, field, status));
    const later = row?.querySelector(".trainer-qr-later");
    if (later)
      qrImage(address, later.dataset.qrAlt, "trainer-qr").then(
        (img) => later.replaceWith(img),
        () => {},
      );
  }
}

// Printed, the workshop kit gives the full address of each page to print and of its own cases:
// on paper a link's words alone lead nowhere (site.css shows them only in print).
function printAddresses() {
  for (const link of document.querySelectorAll(".workshop-kit-print a[href]")) link.dataset.printAddress = link.href;
  for (const here of document.querySelectorAll(".workshop-kit-here")) {
    here.textContent = `${location.href.split(/[?#]/)[0]}#${here.dataset.anchor}`;
  }
}

// A module runs once the document is parsed.
if (STRINGS) init();
printAddresses();
