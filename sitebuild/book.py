"""The guide as a book: one page per language that holds the guide and its foundations in
reading order, the blank worksheets and the glossary and references, made from the pages as
built (no text is written twice), for the reader to print or save as PDF from their browser.

Plain functions over HTML strings: `make_book` takes the pages' content in the order of the
navigation and returns the book's HTML and its generated stylesheet; hooks/book.py feeds it
from MkDocs. What the generated stylesheet holds, and why it is generated: each chapter is a
named page (CSS `page:`), whose page-margin boxes print the chapter's number and title at the
top of each of its sheets. Chromium prints page-margin boxes and named pages but not
`string-set` (a running head taken from the text) nor `target-counter()` (a page number in the
contents), so the chapter heads are written out per chapter, and the contents list gives the
chapter numbers that every sheet carries at its top, with the page number at its foot.
"""

import json
import posixpath
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html import escape, unescape
from html.parser import HTMLParser
from os import environ
from pathlib import Path
from urllib.parse import urlsplit

from tools import worksheets
from tools.i18n import Strings

from . import content
from .site import DATA, write_if_changed
from .tables import in_scroll_boxes

SHEETS_FILE = DATA / "book_sheets.json"

# The parts made of pages, in order: (key, the pages' address within the language begins with).
PARTS = (("guide", "guide/"), ("foundations", "foundations/"))
BACK_MATTER = ("glossary/", "references/")
APPENDIX_LABELS = "ABCDEFGH"

# The book's own words, both languages (beside the build's other strings, where the term check reads them).
STRINGS = json.loads((DATA / "book.json").read_text(encoding="utf-8"))

HEADING = re.compile(r"^h([1-6])$")
# Attributes that hold an element's own id, or ids of other elements in the same page.
ID_REFS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "headers")
# The permalink sign, the heading's link button, and what a page says only for itself (`.book-omit`,
# such as its own link to the book).
DROP_CLASSES = {"headerlink", "share-toggle", "book-omit"}
DROP_ATTRS = ("data-share-address", "data-share-qr")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Page:
    """One page of the site as built: its address in the site (`guide/principles/`,
    `no/guide/principles/`) and its content (the HTML of its article)."""

    url: str
    html: str


@dataclass
class Blank:
    """A worksheet's blank form: its id and its HTML (the worksheet module's render_blank)."""

    id: str
    html: str


@dataclass
class Cover:
    site_name: str
    citation_html: str  # the source guide's citation, as markup
    built: date
    address: str | None = None  # the living version's full address, when the site has one
    home_href: str = "../"  # the home page, relative to the book
    logo_src: str | None = None
    contact: str | None = None


@dataclass
class Chapter:
    id: str
    part: str
    label: str  # "3", "A"; "" for the glossary and references
    title: str  # plain text
    page_url: str | None  # the page it was made from (None for a blank form)
    html: str = ""
    landscape: bool = False


@dataclass
class Book:
    cover: str  # the cover's HTML, the page's title in it
    body: str  # the contents list and the parts with their chapters
    css: str  # the running heads (see the module's docstring)
    chapters: list = field(default_factory=list)


def chapter_id(url):
    """The in-book id of a page's chapter: `guide/principles/` -> `guide-principles`."""
    return url.strip("/").replace("/", "-") or "home"


def anchor(chapter, fragment):
    """The in-book id of an element of a chapter: its own id, prefixed with its chapter's."""
    return f"{chapter}--{fragment}"


def plain(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def _first_heading(html, level):
    found = re.search(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    if not found:
        return ""
    inner = re.sub(r'<(a|button) class="(?:headerlink|share-toggle)"[^>]*>.*?</\1>', "", found.group(1), flags=re.S)
    return plain(inner)


def chapters_in_order(pages, blanks=(), root=""):
    """The book's chapters: the guide's and the foundations' pages in the order given (the
    navigation's), numbered on; the blank forms as appendices; the glossary and references.
    `root` is the language's folder in the site ("" or "no/"): ids are the same in both."""
    chapters, number = [], 0
    for part, prefix in PARTS:
        for page in pages:
            if page.url.startswith(root + prefix):
                number += 1
                title = _first_heading(page.html, 1)
                chapters.append(Chapter(chapter_id(page.url[len(root) :]), part, str(number), title, page.url))
    for i, blank in enumerate(blanks):
        title = _first_heading(blank.html, 2)
        chapters.append(Chapter(f"appendix-{blank.id}", "appendix", APPENDIX_LABELS[i], title, None, landscape=True))
    for url in BACK_MATTER:
        for page in pages:
            if page.url == root + url:
                chapters.append(Chapter(chapter_id(url), "back", "", _first_heading(page.html, 1), page.url))
    return chapters


class _Rewriter(HTMLParser):
    """Copies HTML, changing start tags through `start(tag, attrs, raw)` (which returns the new
    tag's text, or None to leave the element out) and end tags through `end(tag)`."""

    def __init__(self, start, end):
        super().__init__(convert_charrefs=False)
        self.start, self.end, self.out, self.dropping = start, end, [], []

    def handle_starttag(self, tag, attrs):
        if self.dropping:
            if tag == self.dropping[0] and tag not in VOID:
                self.dropping.append(tag)
            return
        text = self.start(tag, dict(attrs), self.get_starttag_text())
        if text is None:
            if tag not in VOID:
                self.dropping.append(tag)
            return
        self.out.append(text)

    def handle_startendtag(self, tag, attrs):
        if not self.dropping:
            text = self.start(tag, dict(attrs), self.get_starttag_text())
            if text is not None:
                self.out.append(text)

    def handle_endtag(self, tag):
        if self.dropping:
            if tag == self.dropping[0]:
                self.dropping.pop()
            return
        self.out.append(self.end(tag))

    def _keep(self, text):
        if not self.dropping:
            self.out.append(text)

    def handle_data(self, data):
        self._keep(data)

    def handle_entityref(self, name):
        self._keep(f"&{name};")

    def handle_charref(self, name):
        self._keep(f"&#{name};")

    def handle_comment(self, data):
        self._keep(f"<!--{data}-->")

    def handle_decl(self, decl):
        self._keep(f"<!{decl}>")

    def unknown_decl(self, data):
        self._keep(f"<![{data}]>")

    def handle_pi(self, data):
        self._keep(f"<?{data}>")


def _set_attr(raw, name, value):
    """The start tag `raw` with attribute `name` set to `value` (None: removed); the rest of
    the tag is kept as written (SVG's attribute names keep their case)."""
    pattern = re.compile(rf"""\s{re.escape(name)}(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?(?=[\s/>])""", re.I)
    raw = pattern.sub("", raw, count=1)
    if value is None:
        return raw
    end = len(raw) - (2 if raw.endswith("/>") else 1)
    return f'{raw[:end]} {name}="{escape(value, quote=True)}"{raw[end:]}'


class _Links:
    """Where a chapter's links go in the book: a page in the book becomes an anchor in it, any
    other page or file of the site a link relative to the book, with its full address for
    print; a link to another host keeps its address, which print writes out."""

    def __init__(self, chapters, words, book_url, site_url):
        self.by_url = {c.page_url: c for c in chapters if c.page_url is not None}
        self.words, self.book_url, self.site_url = words, book_url, site_url

    def rewrite(self, href, chapter):
        """(href, print note or None, address to print or None)."""
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            return href, None, (None if parts.scheme in ("mailto", "tel") else href)
        if not parts.path:  # within the same page
            return "#" + (anchor(chapter.id, parts.fragment) if parts.fragment else chapter.id), None, None
        here = "/" + (chapter.page_url if chapter.page_url is not None else self.book_url)
        path = posixpath.normpath(posixpath.join(here, parts.path))
        if path.endswith("/index.html"):
            path = path[: -len("index.html")]
        key = path.strip("/")
        if key and (parts.path.endswith("/") or path.endswith("/")):
            key += "/"
        into = self.by_url.get(key)
        if into is not None:
            note = None
            if into.id != chapter.id and into.label:
                note = self.words["see_appendix" if into.part == "appendix" else "see_chapter"].format(label=into.label)
            return "#" + (anchor(into.id, parts.fragment) if parts.fragment else into.id), note, None
        rel = posixpath.relpath("/" + key, "/" + self.book_url)
        if key.endswith("/") or not key:
            rel += "/"
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return rel + fragment, None, (self.site_url + key + fragment if self.site_url else None)


def chapter_html(html, chapter, links, shift):
    """A page's content as a chapter: ids prefixed with the chapter's, links into the book,
    headings `shift` levels down, folded parts open, permalink signs and link buttons left out."""

    def level(tag):
        heading = HEADING.match(tag)
        return min(6, int(heading.group(1)) + shift) if heading else None

    def start(tag, attrs, raw):
        if DROP_CLASSES & set((attrs.get("class") or "").split()):
            return None
        if level(tag):
            raw = f"<h{level(tag)}" + raw[3:]
        for name in DROP_ATTRS:
            if name in attrs:
                raw = _set_attr(raw, name, None)
        if attrs.get("id"):
            raw = _set_attr(raw, "id", anchor(chapter.id, attrs["id"]))
        for name in ID_REFS:
            if attrs.get(name):
                raw = _set_attr(raw, name, " ".join(anchor(chapter.id, i) for i in attrs[name].split()))
        if tag == "a" and attrs.get("href"):
            href, note, address = links.rewrite(attrs["href"], chapter)
            raw = _set_attr(raw, "href", href)
            if note:
                raw = _set_attr(raw, "data-print-ref", note)
            if address:
                raw = _set_attr(raw, "data-print-href", address)
        elif tag in ("img", "source") and attrs.get("src"):
            raw = _set_attr(raw, "src", links.rewrite(attrs["src"], chapter)[0])
        if tag == "details" and "open" not in attrs:
            raw = _set_attr(raw, "open", "")
        return raw

    def end(tag):
        return f"</h{level(tag)}>" if level(tag) else f"</{tag}>"

    rewriter = _Rewriter(start, end)
    rewriter.feed(html)
    rewriter.close()
    # A link whose text is its own address needs it written out no more.
    return re.sub(
        r'(<a\b[^>]*?) data-print-href="([^"]*)"([^>]*>)\2</a>',
        lambda m: f"{m.group(1)}{m.group(3)}{m.group(2)}</a>",
        "".join(rewriter.out),
    )


def _label_span(label):
    return f'<span class="book-label">{escape(label)}</span> ' if label else ""


def _with_label(html, level, label):
    """The chapter's own heading (its first of `level`) with the chapter's number in front."""
    return re.sub(rf"(<h{level}\b[^>]*>)", lambda m: m.group(1) + _label_span(label), html, count=1)


def format_date(day, lang):
    words = STRINGS[lang]
    month = words["months"].split()[day.month - 1]
    return words["date"].format(day=day.day, month=month, year=day.year)


def cover_html(cover, lang):
    words = STRINGS[lang]
    logo = f'<img class="book-logo" src="{escape(cover.logo_src)}" alt="" height="64">' if cover.logo_src else ""
    if cover.address:
        living = (
            f"<p>{escape(words['living'])} "
            f'<a href="{escape(cover.home_href)}" class="book-address">{escape(cover.address)}</a></p>'
        )
    else:
        living = (
            f'<p>{escape(words["living_relative"])} <a href="{escape(cover.home_href)}">{escape(words["home"])}</a></p>'
        )
    contact = f'<p class="book-contact">{escape(cover.contact)}</p>' if cover.contact else ""
    return (
        '<header class="book-cover" id="book-cover">'
        f"{logo}"
        f'<h1 id="book">{escape(cover.site_name)}</h1>'
        f'<p class="book-subtitle">{escape(words["subtitle"])}</p>'
        f'<div class="book-source"><p>{escape(words["source"])}</p>'
        f'<p lang="en" class="book-citation">{cover.citation_html}</p></div>'
        f'<div class="book-made"><p>{escape(words["made"].format(date=format_date(cover.built, lang)))}</p>'
        f"{living}{contact}</div>"
        "</header>"
    )


def contents_html(chapters, lang):
    words = STRINGS[lang]
    parts = []
    for part in ("guide", "foundations", "appendix", "back"):
        items = [
            f'<li><a href="#{c.id}">{_label_span(c.label)}{escape(c.title)}</a></li>'
            for c in chapters
            if c.part == part
        ]
        if items:
            parts.append(
                f'<li><a href="#part-{part}">{escape(words["part_" + part])}</a><ol>{"".join(items)}</ol></li>'
            )
    return (
        '<nav class="book-contents" id="book-contents" aria-labelledby="book-contents-title">'
        f'<h2 id="book-contents-title">{escape(words["contents"])}</h2><ol>{"".join(parts)}</ol></nav>'
    )


def _css_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def stylesheet(chapters, lang, site_name):
    """The book's running heads and page numbers: a named page per chapter."""
    words = STRINGS[lang]
    page = words["page"].format(page='" counter(page) "', pages='" counter(pages) "')
    lines = [
        "/* Generated by sitebuild/book.py: the running head of each chapter's sheets. */",
        "@media print {",
        f'  @page {{ @top-right {{ content: {_css_string(site_name)}; }} @bottom-center {{ content: "{page}"; }} }}',
        "  @page book-cover { @top-right { content: none; } @bottom-center { content: none; } }",
        f"  @page book-contents {{ @top-left {{ content: {_css_string(words['contents'])}; }} }}",
        # The sheet before the first named one is the cover's (else the theme's hidden parts
        # would print as an empty first sheet).
        "  body, .book-cover { page: book-cover; }",
        "  .book-contents { page: book-contents; }",
    ]
    first_of_part = {}
    for i, chapter in enumerate(chapters):
        name = f"book-chapter-{i + 1}"
        head = f"{chapter.label} · {chapter.title}" if chapter.label else chapter.title
        size = " size: landscape; margin: 16mm 12mm 12mm;" if chapter.landscape else ""
        lines.append(f"  @page {name} {{{size} @top-left {{ content: {_css_string(head)}; }} }}")
        lines.append(f"  #{chapter.id} {{ page: {name}; }}")
        first_of_part.setdefault(chapter.part, name)
    # A part's title shares the sheet of its first chapter.
    lines += [f"  #part-{part} {{ page: {name}; }}" for part, name in first_of_part.items()]
    lines.append("}")
    return "\n".join(lines) + "\n"


def make_book(pages, lang, cover, *, blanks=(), root="", book_url="book/", site_url=None):
    """The book of one language.

    pages: the site's pages (`Page`: site-relative address and content) in the order of the
    navigation; blanks: the worksheets' blank forms (`Blank`); root: the language's folder
    ("" or "no/"); book_url: the book's own address; site_url: the site's full address
    (ending in `/`), or None."""
    chapters = chapters_in_order(pages, blanks, root)
    content = {p.url: p.html for p in pages}
    content.update({f"appendix-{b.id}": b.html for b in blanks})
    links = _Links(chapters, STRINGS[lang], book_url, site_url)
    words = STRINGS[lang]
    body, current = [contents_html(chapters, lang)], None
    for chapter in chapters:
        if chapter.part != current:
            if current is not None:
                body.append("</section>")
            current = chapter.part
            body.append(
                f'<section class="book-part" id="part-{current}" aria-labelledby="part-{current}-title">'
                f'<h2 class="book-part-title" id="part-{current}-title">{escape(words["part_" + current])}</h2>'
            )
        if chapter.page_url is not None:
            chapter.html = _with_label(chapter_html(content[chapter.page_url], chapter, links, 2), 3, chapter.label)
            body.append(f'<section class="book-chapter" id="{chapter.id}">{chapter.html}</section>')
        else:  # a blank form, shown as it prints from its worksheet (site.css styles .ws-blank)
            chapter.html = _with_label(chapter_html(content[chapter.id], chapter, links, 1), 3, chapter.label)
            # Its tables scroll in boxes of their own on a phone, as the pages' tables do (print shows them whole).
            chapter.html = in_scroll_boxes(chapter.html, chapter.title, lang)
            body.append(
                f'<section class="book-chapter book-blank" id="{chapter.id}">'
                f'<div class="ws-blank">{chapter.html}</div></section>'
            )
    if current is not None:
        body.append("</section>")
    return Book(cover_html(cover, lang), "".join(body), stylesheet(chapters, lang, cover.site_name), chapters)


def sheets(lang):
    """The A4 sheets the book prints on, as measured (book_sheets.json; tests/e2e/test_book.py)."""
    return json.loads(SHEETS_FILE.read_text(encoding="utf-8"))[lang]


def sheets_text(lang):
    return STRINGS[lang]["sheets"].format(n=sheets(lang))


SOURCE_GUIDE = "metz-2021"  # the reference entry of the source guide (sitebuild/data/references/)


def source_citation_html():
    """The source guide's citation as markup, from the reference list (its *italics* as <em>)."""
    entry = next(r for r in content.references() if r["id"] == SOURCE_GUIDE)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", escape(entry["citation"], quote=False))


def blank_forms(lang):
    """Each worksheet's blank form in `lang`, in the order of tools.worksheets.MODULES."""
    forms = []
    for worksheet_id in worksheets.MODULES:
        module = worksheets.get(worksheet_id)
        forms.append(Blank(worksheet_id, str(module.render_blank(Strings(module.STRINGS, lang)))))
    return forms


COVER_MARKER, BODY_MARKER, SHEETS_MARKER = "<!-- book-cover -->", "<!-- book -->", "<!-- book-sheets -->"
STYLESHEET = "assets/stylesheets/book.css"
RUNNING_HEADS = "running-heads.css"  # written beside the book page


def built_on():
    """The build's date; a reproducible build may fix it (SOURCE_DATE_EPOCH, as other build tools do)."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()


def fill_sheets(html, lang):
    """`<!-- book-sheets -->` in any page becomes the number of sheets the book prints on."""
    return html.replace(SHEETS_MARKER, sheets_text(lang)) if SHEETS_MARKER in html else html


def fill_book_page(content, lang, *, pages, page_url, site_dir, site_url, site_name, contact, logo, relative):
    """The book page's content with its cover and chapters, its running heads written beside it;
    (content, the stylesheets the page links). `relative(path, page_url)` is the engine's."""
    root = "" if lang == "en" else f"{lang}/"
    site_url = site_url and site_url.rstrip("/") + "/"
    cover = Cover(
        site_name=site_name,
        citation_html=source_citation_html(),
        built=built_on(),
        address=site_url + root if site_url else None,
        home_href=relative(root or ".", page_url).rstrip("/") + "/",
        logo_src=relative(logo, page_url) if logo else None,
        contact=contact and plain(contact),
    )
    made = make_book(pages, lang, cover, blanks=blank_forms(lang), root=root, book_url=page_url, site_url=site_url)
    target = Path(site_dir) / page_url / RUNNING_HEADS
    target.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(target, made.css)
    content = content.replace(COVER_MARKER, made.cover).replace(BODY_MARKER, made.body)
    return content, [relative(STYLESHEET, page_url), RUNNING_HEADS]


def link_stylesheets(output, hrefs):
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in hrefs)
    return output.replace("</head>", links + "</head>", 1) if links else output
