"""The guide as a book in the built site, both languages: every guide and foundations page is
a chapter, in the order of the navigation, with the same headings and the same text as the
page itself (made from it, not retyped); it is linked, with its sheet count, from the pages
that offer it; it is saved for offline use; the search index does not hold it twice."""

import json
import re
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sitebuild import book  # noqa: E402

PREFIX = {"en": "", "no": "no/"}
# Not part of a page's text: the permalink sign, the heading's link button, the theme's print
# button, what a page says only for itself, and the chapter number the book adds.
SKIP_CLASSES = {"headerlink", "share-toggle", "md-content__button", "book-omit", "book-label"}
SKIP_TAGS = {"script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Outline(HTMLParser):
    """The text and the headings (level, text) inside each container: the page's article, or
    each chapter of the book (keyed by its id)."""

    def __init__(self, html, container):
        super().__init__(convert_charrefs=True)
        self.container = container
        self.text, self.headings, self.ids = defaultdict(list), defaultdict(list), []
        self._stack = []  # (tag, key, skip)
        self._heading = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        _, key, skip = self._stack[-1] if self._stack else ("", None, False)
        if a.get("id"):
            self.ids.append(a["id"])
        key = self.container(tag, a) or key
        skip = skip or tag in SKIP_TAGS or bool(SKIP_CLASSES & set((a.get("class") or "").split()))
        if re.fullmatch(r"h[1-6]", tag) and key and not skip:
            self._heading = (key, tag, [])
        if tag not in VOID:
            self._stack.append((tag, key, skip))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break
        if self._heading and tag == self._heading[1]:
            key, _, words = self._heading
            self.headings[key].append(" ".join("".join(words).split()))
            self._heading = None

    def handle_data(self, data):
        _, key, skip = self._stack[-1] if self._stack else ("", None, False)
        if key and not skip:
            self.text[key].append(data)
            if self._heading:
                self._heading[2].append(data)

    def words(self, key):
        return " ".join("".join(self.text[key]).split())


def article(site, url):
    html = (Path(site) / url / "index.html").read_text(encoding="utf-8")
    return Outline(html, lambda tag, a: "article" if tag == "article" else None)


def the_book(site, lang):
    def chapter(tag, a):
        return a["id"] if tag == "section" and "book-chapter" in (a.get("class") or "") else None

    return Outline((Path(site) / PREFIX[lang] / "book" / "index.html").read_text(encoding="utf-8"), chapter)


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)


def nav_pages():
    """The English source paths in `nav` (mkdocs.yml), in order."""

    def walk(items):
        for item in items:
            if isinstance(item, str):
                yield item
            else:
                for value in item.values():
                    yield from [value] if isinstance(value, str) else walk(value)

    return list(walk(yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["nav"]))


def url_of(src):
    return src.removesuffix("index.md").removesuffix(".md") + ("" if src.endswith("index.md") else "/")


def book_pages():
    """The addresses (within a language) of the pages the book is made of, in nav order."""
    urls = [url_of(src) for src in nav_pages()]
    chapters = [u for u in urls if u.startswith("guide/")] + [u for u in urls if u.startswith("foundations/")]
    return chapters + ["glossary/", "references/"]


@pytest.mark.parametrize("lang", PREFIX)
def test_the_book_holds_every_guide_and_foundations_page_in_nav_order_with_its_headings(built_site, lang):
    made = the_book(built_site, lang)
    chapters = [k for k in made.headings if not k.startswith("appendix-")]
    assert chapters == [book.chapter_id(u) for u in book_pages()]
    assert len(chapters) == 22
    for url in book_pages():
        page = article(built_site, PREFIX[lang] + url)
        assert made.headings[book.chapter_id(url)] == page.headings["article"], url


@pytest.mark.parametrize("lang", PREFIX)
def test_each_chapter_is_its_page_as_built_word_for_word(built_site, lang):
    made = the_book(built_site, lang)
    for url in book_pages():
        assert made.words(book.chapter_id(url)) == article(built_site, PREFIX[lang] + url).words("article"), url


@pytest.mark.parametrize("lang", PREFIX)
def test_the_appendix_holds_each_worksheets_blank_form(built_site, lang):
    from tools import worksheets

    made = the_book(built_site, lang)
    forms = [k for k in made.headings if k.startswith("appendix-")]
    assert forms == [f"appendix-{w}" for w in worksheets.MODULES]
    for form, blank in zip(forms, book.blank_forms(lang), strict=True):
        expected = Outline(blank.html, lambda tag, a: "form")
        assert made.headings[form] == expected.headings["form"]


@pytest.mark.parametrize("lang", PREFIX)
def test_every_id_in_the_book_page_is_unique(built_site, lang):
    ids = the_book(built_site, lang).ids
    assert [i for i in set(ids) if ids.count(i) > 1] == []


@pytest.mark.parametrize("lang", PREFIX)
def test_the_search_index_holds_the_book_by_its_introduction_not_a_second_copy_of_every_page(built_site, lang):
    index = json.loads((Path(built_site) / PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"] if d["location"].startswith("book/"))
    assert text, "the book is not findable at all"
    principle = article(built_site, PREFIX[lang] + "guide/principles/").headings["article"][1]
    assert principle not in text
    assert len(text) < 3000


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("url", ["", "guide/", "workshop/kit/"])
def test_the_home_page_guide_and_workshop_kit_link_to_the_book_with_its_sheet_count(built_site, lang, url):
    path = Path(built_site) / PREFIX[lang] / url / "index.html"
    html = path.read_text(encoding="utf-8")
    here = "https://h/" + PREFIX[lang] + url
    found = [
        after
        for href, after in re.findall(r'<a href="([^"]+)">[^<]*</a>(?:</strong>)?([^<]*)', html)
        if urljoin(here, href) == "https://h/" + PREFIX[lang] + "book/"
    ]
    assert found, "no link to the book"
    assert any(book.sheets_text(lang) in after for after in found), found


def test_the_book_is_saved_for_offline_use(built_site):
    urls = {f["url"] for f in json.loads((Path(built_site) / "offline-manifest.json").read_text())["files"]}
    assert {"book/", "no/book/", "book/running-heads.css", "no/book/running-heads.css"} <= urls
    assert "assets/stylesheets/book.css" in urls
