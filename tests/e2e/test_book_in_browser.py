"""The guide as a book in Chromium, both languages: printed to PDF (as a reader's "Save as PDF"
does) on A4 and on US Letter it has its cover, its contents, each chapter from a new sheet
with its running head, a page number on every sheet, link addresses written out, nothing of
the site's navigation, and no sheet with only a heading on it; on A4 it takes the sheets the
linking pages state. On screen axe finds nothing, under the strict policy nothing is blocked,
and after "Save for offline use" it opens without a network."""

import io
import re

import pytest
from pages import LANG_PREFIX, Problems, run_axe
from playwright.sync_api import expect
from pypdf import PdfReader

from sitebuild import book, offline, trainer_links

MM = 72 / 25.4
SIZES = {"A4": (595, 842), "Letter": (612, 792)}  # portrait, in points
SHARE = trainer_links.STRINGS


class Sheet:
    """A printed sheet's text: its running head, its foot and its body, told apart by where
    they stand (the head and foot are in the page margins)."""

    def __init__(self, pdf_page):
        self.width, self.height = round(float(pdf_page.mediabox.width)), round(float(pdf_page.mediabox.height))
        head, body, foot = [], [], []

        def visit(text, cm, tm, font, size):
            if not text.strip():
                return
            y = cm[3] * tm[5] + cm[5] if cm else tm[5]
            (head if y > self.height - 13 * MM else foot if y < 10 * MM else body).append(text)

        pdf_page.extract_text(visitor_text=visit)
        self.head, self.body, self.foot = (" ".join(" ".join(p).split()) for p in (head, body, foot))

    @property
    def landscape(self):
        return self.width > self.height


def squeeze(text):
    """Text without any whitespace: an address broken over lines in print reads whole."""
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def printed(browser, site_url):
    """print(lang, paper) -> (sheets, and the book's headings, chapters and link addresses as
    the page has them)."""
    done = {}

    def make(lang, paper):
        if (lang, paper) not in done:
            page = browser.new_page()
            page.goto(site_url + LANG_PREFIX[lang] + "book/")
            headings = page.locator("article :is(h1, h2, h3, h4, h5, h6)").evaluate_all(
                "els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim())"
            )
            # Every address a link gives in print: another host's (its own), or a page's
            # outside the book (written into the page for print).
            addresses = page.locator("article a[href^='http'], article a[data-print-href]").evaluate_all(
                "els => els.map(e => e.dataset.printHref || e.getAttribute('href'))"
            )
            chapters = page.locator("section.book-chapter").evaluate_all(
                """els => els.map(e => ({id: e.id,
                    label: (e.querySelector('.book-label') || {}).textContent || '',
                    title: e.querySelector('h3').textContent.replace(/\\s+/g, ' ').trim()}))"""
            )
            page.emulate_media(media="print")
            page.evaluate(
                "document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"
            )
            pdf = page.pdf(format=paper)
            page.close()
            sheets = [Sheet(p) for p in PdfReader(io.BytesIO(pdf)).pages]
            done[lang, paper] = (sheets, headings, chapters, addresses)
        return done[lang, paper]

    return make


def chapter_head(chapter):
    """The running head the chapter's sheets carry: its number and title."""
    title = chapter["title"][len(chapter["label"]) :].strip()
    return f"{chapter['label']} · {title}" if chapter["label"] else title


@pytest.mark.parametrize("paper", SIZES)
@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_the_printed_book_has_a_cover_contents_chapters_on_new_sheets_and_page_numbers(printed, lang, paper):
    sheets, _, chapters, _ = printed(lang, paper)
    words = book.STRINGS[lang]
    total = len(sheets)
    cover, contents = sheets[0], sheets[1]
    # The cover: title, source guide, no running head or number.
    assert "Metz, A., Burke, K., Albers, B., Louison, L., & Bartley, L. (2021)" in cover.body
    assert "https://guide.example.org/practice-guide/" + LANG_PREFIX[lang] in squeeze(cover.body)
    assert cover.head == "" and cover.foot == ""
    # The contents, on its own sheet, name every chapter in order.
    assert contents.head.startswith(words["contents"])
    at = 0
    for chapter in chapters:
        at = contents.body.find(chapter["title"][len(chapter["label"]) :].strip(), at)
        assert at >= 0, chapter
    # Every other sheet: its number at the foot, the chapter at the top.
    for n, sheet in enumerate(sheets[1:], start=2):
        assert sheet.foot == words["page"].format(page=n, pages=total), n
    heads = [chapter_head(c) for c in chapters]
    firsts = []
    for chapter, head in zip(chapters, heads, strict=True):
        mine = [n for n, s in enumerate(sheets) if s.head.startswith(head + " ") or s.head == head]
        assert mine, head
        firsts.append(mine[0])
        # Its first sheet starts with it: the sheet before belongs to the chapter before.
        assert not sheets[mine[0] - 1].head.startswith(head + " ")
        assert chapter["title"].split(" ", 1)[-1] in sheets[mine[0]].body
        assert mine == list(range(mine[0], mine[-1] + 1))
    assert firsts == sorted(firsts) and firsts[0] == 2
    # Portrait sheets of the chosen paper; the blank forms turn to landscape, as they print alone.
    width, height = SIZES[paper]
    for chapter, first in zip(chapters, firsts, strict=True):
        sheet = sheets[first]
        expected = (height, width) if chapter["id"].startswith("appendix-") else (width, height)
        assert abs(sheet.width - expected[0]) <= 2 and abs(sheet.height - expected[1]) <= 2, chapter["id"]


@pytest.mark.parametrize("paper", SIZES)
@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_no_printed_sheet_holds_only_a_heading(printed, lang, paper):
    sheets, headings, _, _ = printed(lang, paper)
    alone = []
    for n, sheet in enumerate(sheets[2:], start=3):  # after the cover and the contents
        rest = sheet.body
        for heading in sorted(headings, key=len, reverse=True):
            rest = rest.replace(heading, "")
        if not rest.strip():
            alone.append((n, sheet.body))
    assert alone == []


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_print_writes_out_link_addresses_and_leaves_out_the_sites_navigation_and_buttons(printed, page, site_url, lang):
    sheets, _, _, addresses = printed(lang, "A4")
    text = " ".join(s.body for s in sheets)
    flat = squeeze(text)
    # A page outside the book by its full address, beside the link.
    assert f"(https://guide.example.org/practice-guide/{LANG_PREFIX[lang]}worksheets/stakeholder-matrix/)" in flat
    # Every link's address is on paper (one that a sheet break cuts in two is still there up to
    # its fragment: the rest starts the next sheet, after the running head).
    assert len(addresses) > 50
    assert [a for a in addresses if squeeze(a) not in flat and squeeze(a).split("#")[0] not in flat] == []
    # A reference to another chapter by its number.
    assert re.search(book.STRINGS[lang]["see_chapter"].format(label=r"\d+"), text)
    for chrome in (
        SHARE[lang]["share_action"],
        offline.STRINGS[lang]["button"],
        "Skip to content",
        "Hopp til innhold",
    ):
        assert chrome not in text, chrome
    # The header with its search, the side panels, the footer and every button stay off paper.
    page.goto(site_url + LANG_PREFIX[lang] + "book/")
    page.emulate_media(media="print")
    chrome = page.locator(".md-header, .md-tabs, .md-sidebar, .md-search, .md-footer, .md-top, button")
    assert chrome.count() > 5
    assert chrome.evaluate_all("els => els.filter(e => e.checkVisibility()).map(e => e.className)") == []


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_the_book_takes_the_a4_sheets_the_linking_pages_state(printed, lang):
    sheets, _, _, _ = printed(lang, "A4")
    assert len(sheets) == book.sheets(lang), (
        f"the {lang} book prints on {len(sheets)} A4 sheets: write that in sitebuild/data/book_sheets.json"
    )


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_the_book_on_screen_passes_axe(page, site_url, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "book/")
    expect(page.locator(".book-blank .ws-blank").first).to_be_visible()
    assert run_axe(page) == []


def test_the_book_loads_under_the_strict_policy(sw_page, nginx_url):
    problems = Problems(sw_page)
    for lang in LANG_PREFIX:
        sw_page.goto(nginx_url + LANG_PREFIX[lang] + "book/", wait_until="load")
        # Both of its stylesheets applied: the blank forms show, and print has its named pages.
        expect(sw_page.locator(".book-blank .ws-blank").first).to_be_visible()
        sw_page.emulate_media(media="print")
        assert sw_page.locator("#guide-principles").evaluate("e => getComputedStyle(e).page") == "book-chapter-2"
        sw_page.emulate_media(media="screen")
        assert problems.csp_violations() == []
    assert problems.summary() == {"console": [], "errors": [], "failed": []}


def test_the_book_opens_without_a_network_after_save_for_offline_use(sw_page, sw_context, site_url):
    page = sw_page
    page.goto(site_url)
    box = page.locator("[data-offline-save]")
    box.get_by_role("button", name=offline.STRINGS["en"]["button"]).click()
    expect(box.locator("[data-offline-status]")).to_have_text(offline.STRINGS["en"]["done"], timeout=120_000)
    sw_context.set_offline(True)
    for lang in LANG_PREFIX:
        page.goto(site_url + LANG_PREFIX[lang] + "book/")
        expect(page.locator(".book-blank .ws-blank").first).to_be_visible()
        page.emulate_media(media="print")
        assert page.locator("#guide-principles").evaluate("e => getComputedStyle(e).page") == "book-chapter-2"
        page.emulate_media(media="screen")
