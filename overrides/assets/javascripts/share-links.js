/* Links for trainers: the "Link and QR code" button beside every heading of a page (the level-one
   heading stands for the page; the build puts the button there), and the copy buttons of the
   trainer links page.

   The build (hooks/trainer_links.py) gives each heading its full public address and its QR
   code's file; without a public address the link is the one the browser shows, and the panel
   says why there is no QR code. Copying uses the Clipboard API; where it is refused, the
   address is selected in its text field for the reader to copy. No inline styles or scripts:
   the site runs under a Content-Security-Policy of 'self'. */
(function () {
  "use strict"

  var STRINGS = {
    en: {
      address: "Address",
      copy: "Copy link",
      copied: "Link copied: {address}",
      failed: "Could not copy. The address is selected: copy it with Ctrl+C (Cmd+C on a Mac).",
      qr: "QR code for {title}",
      noQr: "No QR code: this copy of the site was built without its public address, which a QR code must hold."
    },
    no: {
      address: "Adresse",
      copy: "Kopier lenken",
      copied: "Lenken er kopiert: {address}",
      failed: "Kunne ikke kopiere. Adressen er merket: kopier den med Ctrl+C (Cmd+C på Mac).",
      qr: "QR-kode for {title}",
      noQr: "Ingen QR-kode: denne kopien av nettstedet ble bygd uten den offentlige adressen, som en QR-kode må inneholde."
    }
  }
  var lang = (document.documentElement.lang || "en").slice(0, 2) === "nb" ? "no" : "en"
  var t = function (key, values) {
    return STRINGS[lang][key].replace(/\{(\w+)\}/g, function (_, name) { return values[name] })
  }
  var counter = 0

  function element(tag, className, text) {
    var node = document.createElement(tag)
    if (className) node.className = className
    if (text) node.textContent = text
    return node
  }

  /* Copies the address; on failure selects it in the field so the reader can copy it. */
  function copy(address, field, status) {
    var done = function () { status.textContent = t("copied", { address: address }) }
    var fail = function () {
      field.hidden = false
      field.focus()
      field.select()
      status.textContent = t("failed", {})
    }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(address).then(done, fail)
    else fail()
  }

  function headingTitle(heading) {
    var clone = heading.cloneNode(true)
    clone.querySelectorAll(".headerlink, .share-toggle").forEach(function (n) { n.remove() })
    return clone.textContent.trim()
  }

  function panelFor(heading, title) {
    var id = "share-panel-" + (++counter)
    var address = heading.dataset.shareAddress ||
      (heading.tagName === "H1" ? location.href.split("#")[0] : location.href.split("#")[0] + "#" + heading.id)
    address = address.replace(/\?[^#]*/, "")
    var panel = element("div", "share-panel")
    panel.id = id
    panel.hidden = true
    var label = element("label", "share-label", t("address", {}))
    var field = element("input", "share-address")
    field.id = id + "-address"
    field.type = "text"
    field.readOnly = true
    field.value = address
    label.htmlFor = field.id
    field.addEventListener("focus", function () { field.select() })
    var button = element("button", "md-button share-copy-button", t("copy", {}))
    button.type = "button"
    var status = element("p", "share-status")
    status.setAttribute("role", "status")
    button.addEventListener("click", function () { copy(address, field, status) })
    panel.append(label, field, button, status)
    if (heading.dataset.shareQr) {
      var img = element("img", "share-qr")
      img.alt = t("qr", { title: title })
      img.width = 164
      img.height = 164
      img.src = heading.dataset.shareQr
      panel.append(img)
    } else {
      panel.append(element("p", "share-no-qr", t("noQr", {})))
    }
    return panel
  }

  /* The button is in the page as served (hooks/trainer_links.py), so nothing moves when this runs. */
  function addAction(heading, toggle) {
    var panel = null
    toggle.addEventListener("click", function () {
      if (!panel) {
        panel = panelFor(heading, headingTitle(heading)) // made on first use, not for every heading at load
        heading.after(panel)
        toggle.setAttribute("aria-controls", panel.id)
        panel.addEventListener("keydown", function (event) {
          if (event.key === "Escape") { panel.hidden = true; toggle.setAttribute("aria-expanded", "false"); toggle.focus() }
        })
      }
      var open = panel.hidden
      panel.hidden = !open
      toggle.setAttribute("aria-expanded", String(open))
    })
  }

  function init() {
    document.querySelectorAll("article.md-content__inner :is(h1, h2, h3, h4, h5, h6)[id] > button.share-toggle").forEach(function (toggle) {
      addAction(toggle.parentElement, toggle)
    })
    /* The trainer links page: each row's copy button, with a field and a status of its own. */
    document.querySelectorAll("button.share-copy[data-copy]").forEach(function (button) {
      var field = element("input", "share-address")
      field.type = "text"
      field.readOnly = true
      field.hidden = true
      field.value = button.dataset.copy
      field.setAttribute("aria-label", t("address", {}))
      var status = element("span", "share-status")
      status.setAttribute("role", "status")
      button.after(field, status)
      button.addEventListener("click", function () { copy(button.dataset.copy, field, status) })
    })
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init)
  else init()
})()
