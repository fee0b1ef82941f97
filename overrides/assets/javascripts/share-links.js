// Links for trainers: the "Link and QR code" button beside every heading of a page (the level-one
// heading stands for the page; the build puts the button after the heading, in a row with it), and the copy buttons of the
// trainer links page.
//
// The build (sitebuild/trainer_links.py) gives each heading its full public address and its QR
// code's file, and the page its strings (sitebuild/data/heading_links.json); without a public
// address the link is the one the browser shows, and the panel says why there is no QR code.
// Copying uses the Clipboard API; where it is refused, the address is selected in its text
// field for the reader to copy. No inline styles or scripts: the site runs under a
// Content-Security-Policy of 'self'.

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
    panel.append(element("p", "share-no-qr", t("no_qr")));
  }
  return panel;
}

// The button is in the page as served (sitebuild/trainer_links.py), so nothing moves when this runs.
function addAction(heading, toggle) {
  let panel = null;
  toggle.addEventListener("click", () => {
    if (!panel) {
      panel = panelFor(heading, headingTitle(heading)); // made on first use, not for every heading at load
      toggle.parentElement.after(panel);
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
  // Each button follows its heading in a row of their own (outside it, so it is no part of the heading's name).
  const toggles = "article.md-content__inner .isp-heading > :is(h1, h2, h3, h4, h5, h6)[id] + button.share-toggle";
  for (const toggle of document.querySelectorAll(toggles)) addAction(toggle.previousElementSibling, toggle);
  // The trainer links page: each row's copy button, with a field and a status of its own.
  for (const button of document.querySelectorAll("button.share-copy[data-copy]")) {
    const field = element("input", "share-address");
    field.type = "text";
    field.readOnly = true;
    field.hidden = true;
    field.value = button.dataset.copy;
    field.setAttribute("aria-label", t("address"));
    const status = element("span", "share-status");
    status.setAttribute("role", "status");
    button.after(field, status);
    button.addEventListener("click", () => copy(button.dataset.copy, field, status));
  }
}

// A module runs once the document is parsed.
if (STRINGS) init();
