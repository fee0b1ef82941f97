"""Links and QR codes for trainers.

- The "Links for trainers" page (`<!-- trainer-links: <group> -->` markers) gets every page,
  principle, domain, competency and worksheet with its address, a copy button and a QR code.
- Every heading with a permalink gets, when the public address is known, its full address
  and its QR code's file (`data-share-address`, `data-share-qr`), which
  `assets/javascripts/share-links.js` offers in a small "link and QR code" panel.
- Every such heading gets its "Link and QR code" button beside it (just before it, not inside:
  the heading's name is its title alone) in the page as served (after the search index has read the page, so
  the button's words are not indexed), rather than from the script: added by the script, it pushed the page down once it ran (a short title wrapped to a
  second line on a phone). Without scripts the button keeps its place, unseen (site.css).

Addresses come from the site's public address (mkdocs `site_url`, or ISP_SITE_URL). QR codes are
then SVG files made by segno, one per address, in `assets/qr/` (named by a hash of the address,
so the same address always gives the same file and the i18n plugin's second build rewrites
nothing). Without it the pages hold relative links, and the reader's browser makes the full
addresses and the QR codes from the address the page is served at (`qr-code.js`, with the `qr`
encoder pinned in package.json, which write_qr_codes() copies into the site as Pyodide's files
are), and the page says so.
"""

import hashlib
import html
import io
import json
import posixpath
import re
from pathlib import Path

import segno

from tools.guide import guide
from tools.html import Raw, el, esc, void

from .site import DATA, DOCS, LANG_FOLDER, ROOT, BuildError, write_if_changed

MARKER = re.compile(r"<!-- trainer-links: (pages|principles|domains|competencies|worksheets) -->")
HEADING = re.compile(r"<h([1-6])(\s[^>]*)>(.*?)</h\1>", re.S)
HEADING_ID = re.compile(r'\sid="([^"]+)"')
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
STRINGS = json.loads((DATA / "trainer_links.json").read_text(encoding="utf-8"))
# What share-links.js shows in the panel (sitebuild/data/heading_links.json), sent once per page.
PANEL_STRINGS = json.loads((DATA / "heading_links.json").read_text(encoding="utf-8"))

_qr_files = {}  # site-relative path -> SVG bytes, written after the build
# The QR encoder the browser runs when the build had no public address (npm package `qr`).
QR_LIBRARY = ROOT / "node_modules" / "qr"
QR_LIBRARY_TARGET = "assets/javascripts/vendor/qr.js"


def public_url(site_url):
    return None if not site_url else site_url if site_url.endswith("/") else site_url + "/"


def qr_file(address):
    """The site-relative path of the QR code for this address, made once per build."""
    path = f"assets/qr/{hashlib.sha256(address.encode()).hexdigest()[:16]}.svg"
    if path not in _qr_files:
        buf = io.BytesIO()
        # Error correction M and a four-module quiet zone: reads from a projected slide or paper.
        segno.make(address, error="m").save(
            buf, kind="svg", scale=4, border=4, dark="#000", light="#fff", omitsize=True
        )
        _qr_files[path] = buf.getvalue()
    return path


def _relative(target, page_url):
    here = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    rel = posixpath.relpath("/" + target, "/" + here) if target else posixpath.relpath("/", "/" + here) + "/"
    return rel + ("/" if target.endswith("/") and not rel.endswith("/") else "")


def _page_title(lang, src):
    """A page's title: its first level-one heading, without the anchor."""
    text = (DOCS / LANG_FOLDER[lang] / src).read_text(encoding="utf-8")
    match = re.search(r"^# (.+?)(?:\s*\{#[^}]*\})?\s*$", text, re.M)
    return match.group(1) if match else src


def _nav_pages(nav):
    for item in nav:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from ([value] if isinstance(value, str) else _nav_pages(value))


def _url(src):
    return (
        ""
        if src == "index.md"
        else src.removesuffix("index.md").removesuffix(".md") + ("" if src.endswith("index.md") else "/")
    )


def entries(group, lang, nav):
    """(name, site-relative path within the language, anchor or None) for each item of a group;
    nav: the site's navigation as configured (a list of pages and sections)."""
    data = guide()
    pages = list(_nav_pages(nav))
    domain_page = {d["id"]: d["page"] for d in data["domains"]}
    if group == "pages":
        return [(_page_title(lang, src), _url(src), None) for src in pages]
    if group == "worksheets":
        return [(_page_title(lang, src), _url(src), None) for src in pages if src.startswith("worksheets/")]
    if group == "principles":
        return [(p["name"][lang], "guide/principles/", p["id"]) for p in data["principles"]]
    if group == "domains":
        return [(d["name"][lang], _url(d["page"]), None) for d in data["domains"]]
    return [(c["name"][lang], _url(domain_page[c["domain"]]), c["id"]) for c in data["competencies"]]


def group_html(group, lang, page_url, site_url, nav):
    words = STRINGS[lang]
    base = public_url(site_url)
    rows = []
    for name, path, anchor in entries(group, lang, nav):
        target = LANG_FOLDER[lang] + path
        fragment = f"#{anchor}" if anchor else ""
        href = _relative(target, page_url) + fragment
        address = (base + target + fragment) if base else href
        # Without the public address the browser makes the code (share-links.js).
        qr = el("span", words["no_qr"], class_="trainer-qr-later", data_qr_alt=words["qr_alt"].format(name=name))
        if base:
            qr = void(
                "img",
                src=_relative(qr_file(address), page_url),
                class_="trainer-qr",
                alt=words["qr_alt"].format(name=name),
                width="164",
                height="164",
            )
        rows.append(
            el(
                "tr",
                el("th", name, scope="row"),
                el(
                    "td",
                    el("a", el("code", address), href=href),
                    " ",
                    el("button", words["copy"], type="button", class_="md-button share-copy", data_copy=address),
                ),
                el("td", qr),
            )
        )
    head = el("thead", el("tr", *[el("th", words[k], scope="col") for k in ("name", "address", "qr")]))
    table = el("table", head, el("tbody", Raw("".join(rows))), class_="trainer-links")
    note = ""
    if not base:
        code = {
            key: el("code", text)
            for key, text in (("site_url", "site_url"), ("config", "mkdocs.yml"), ("env", "ISP_SITE_URL"))
        }
        note = el("p", Raw(esc(words["missing_public_url"]).format(**code)), class_="trainer-links-missing")
    return str(note) + str(table)


def fill_page(html, lang, page_url, site_url, nav, src_uri):
    """The trainers' tables for the markers, and each shared heading's address and QR code."""
    if lang not in STRINGS:
        raise BuildError(f"{src_uri}: no trainer-link strings for language {lang!r}")
    html = MARKER.sub(lambda m: group_html(m.group(1), lang, page_url, site_url, nav), html)
    base = public_url(site_url)
    if not base:
        return html

    def annotate(match):
        level, attrs, inner = match.groups()
        anchor = _shared_anchor(attrs, inner)
        if not anchor or "data-share-address" in attrs:
            return match.group(0)
        address = base + page_url + ("" if level == "1" else f"#{anchor}")
        qr = _relative(qr_file(address), page_url)
        return f'<h{level}{attrs} data-share-address="{esc(address)}" data-share-qr="{esc(qr)}">{inner}</h{level}>'

    return HEADING.sub(annotate, html)


def write_qr_codes(site):
    """Every QR code the pages of the build so far point at, and the encoder for the browser."""
    for path, data in _qr_files.items():
        write_if_changed(Path(site.dir) / path, data)
    if not (QR_LIBRARY / "index.js").is_file():
        raise BuildError("node_modules/qr is missing: run `npm ci` first (the README's commands do).")
    write_if_changed(Path(site.dir) / QR_LIBRARY_TARGET, (QR_LIBRARY / "index.js").read_bytes())
    write_if_changed(Path(site.dir) / (QR_LIBRARY_TARGET + ".LICENSE"), (QR_LIBRARY / "LICENSE").read_bytes())


def _shared_anchor(attrs, inner):
    """The id of a heading that offers its link (it has a permalink), or None."""
    anchor = HEADING_ID.search(attrs)
    return anchor.group(1) if anchor and 'class="headerlink"' in inner else None


def share_button(inner, lang):
    """The "Link and QR code" button for a heading whose HTML is `inner`, named for its title."""
    words = STRINGS[lang]
    title = html.unescape(re.sub(r"<[^>]+>", "", HEADERLINK.sub("", inner))).strip()
    return (
        f'<button type="button" class="share-toggle" aria-expanded="false" '
        f'aria-label="{esc(words["share_action_for"].format(title=title))}">{esc(words["share_action"])}</button>'
    )


def add_share_buttons(output, lang):
    """Each shared heading's button, in the page as served (after the search index read it), next
    to the heading rather than in it: inside, its words were part of the heading's name, which a
    screen reader lists when moving by headings ("Co-learning¶Link and QR code"). It comes just
    before its heading, so the heading keeps its place among its siblings, and site.css lays it
    out at the end of the heading's first line."""

    def add(match):
        _, attrs, inner = match.groups()
        if not _shared_anchor(attrs, inner):
            return match.group(0)
        return share_button(inner, lang) + match.group(0)

    start, end = output.find('<article class="md-content__inner'), output.find("</article>")
    if start < 0 or end < 0:
        return output
    article = output[start:end]
    if 'class="share-toggle"' not in article:  # once per page
        article = HEADING.sub(add, article)
    if "share-toggle" in article or "share-copy" in article:
        # "</" cannot end the JSON script element early, whatever the strings say.
        panel = json.dumps(PANEL_STRINGS[lang], ensure_ascii=False).replace("</", "<\\/")
        article += f'<script type="application/json" data-heading-link-strings>{panel}</script>'
    return output[:start] + article + output[end:]
