"""sitebuild/book.py in-process, on a small made-up site: which pages become chapters and in
what order, how their ids, headings and links change inside the book, the cover and the
running heads. (The real book is checked in tests/content/test_book_pages.py and, printed by
Chromium, in tests/e2e/test_book_in_browser.py.)"""

import re
from datetime import date

import pytest

from sitebuild import book

PRINCIPLES = (
    '<h1 id="principles" data-share-address="https://x.org/guide/principles/" data-share-qr="q.svg">'
    'The six principles<a class="headerlink" href="#principles" title="Permanent link">&para;</a></h1>'
    '<p class="book-omit">Print <a href="../../book/">the book</a>.</p>'
    '<p>See <a href="#be-curious">below</a>, the <a href="../competencies/#co-learning">co-learning</a> '
    'competency, a <a href="../../glossary/#principle">term</a>, the '
    '<a href="../../worksheets/stakeholder-matrix/">stakeholder matrix</a>, '
    '<a href="https://example.org/paper">a paper</a> and <a href="https://example.org/">https://example.org/</a>.</p>'
    '<h2 id="be-curious">Be curious &amp; open</h2><details><summary>More</summary><p>Folded.</p></details>'
    '<figure><svg viewBox="0 0 10 10" role="img" aria-labelledby="fig-title"><title id="fig-title">A</title></svg>'
    "</figure>"
)
COMPETENCIES = '<h1 id="competencies">The fifteen competencies</h1><h2 id="co-learning">Co-learning</h2><p>Text.</p>'
FOUNDATIONS = '<h1 id="foundations">Foundations</h1><h2 id="be-curious">Same id, other chapter</h2>'
GLOSSARY = '<h1 id="glossary">Glossary</h1><table><tr id="principle"><th>Principle</th></tr></table>'
REFERENCES = '<h1 id="references">References</h1><ul><li id="metz-2021">Metz</li></ul>'
BLANK = book.Blank(
    "stakeholder-matrix", "<h2>Stakeholder matrix</h2><h3>Analysis</h3><table><tr><td></td></tr></table>"
)


def site(root=""):
    """The pages in nav order, as the hook passes them: some are not in the book."""
    return [
        book.Page(root, "<h1>Home</h1>"),
        book.Page(root + "guide/principles/", PRINCIPLES),
        book.Page(root + "guide/competencies/", COMPETENCIES),
        book.Page(root + "worksheets/stakeholder-matrix/", "<h1>Stakeholder matrix</h1><form></form>"),
        book.Page(root + "foundations/", FOUNDATIONS),
        book.Page(root + "glossary/", GLOSSARY),
        book.Page(root + "references/", REFERENCES),
    ]


def cover(address="https://x.org/"):
    return book.Cover("Practice Guide", "Metz, A. (2021). <em>A guide</em>.", date(2026, 3, 5), address=address)


@pytest.fixture
def made():
    return book.make_book(site(), "en", cover(), blanks=[BLANK], site_url="https://x.org/")


def ids(html):
    return re.findall(r'\sid="([^"]+)"', html)


def test_chapters_follow_the_navigation_guide_then_foundations_then_forms_then_glossary_and_references(made):
    assert [(c.id, c.part, c.label, c.title) for c in made.chapters] == [
        ("guide-principles", "guide", "1", "The six principles"),
        ("guide-competencies", "guide", "2", "The fifteen competencies"),
        ("foundations", "foundations", "3", "Foundations"),
        ("appendix-stakeholder-matrix", "appendix", "A", "Stakeholder matrix"),
        ("glossary", "back", "", "Glossary"),
        ("references", "back", "", "References"),
    ]
    assert "<form>" not in made.body and "Home" not in made.body
    # The contents list names every chapter, in that order, linked to it.
    contents = re.findall(r'<a href="#([^"]+)">(?:<span class="book-label">[^<]*</span> )?([^<]+)</a>', made.body)
    assert [c for c in contents if not c[0].startswith("part-")][:6] == [(c.id, c.title) for c in made.chapters]


def test_ids_are_prefixed_per_chapter_so_the_same_id_in_two_pages_stays_unique(made):
    found = ids(made.cover + made.body)
    assert len(found) == len(set(found))
    assert "guide-principles--be-curious" in found and "foundations--be-curious" in found
    assert 'aria-labelledby="guide-principles--fig-title"' in made.body
    assert all(re.fullmatch(r"[A-Za-z][\w-]*", i) for i in found)


def test_headings_move_under_the_parts_with_the_chapter_number_and_without_permalinks_or_share_data(made):
    chapter = made.chapters[0].html
    assert re.search(
        r'<h3 id="guide-principles--principles"><span class="book-label">1</span> The six principles</h3>', chapter
    )
    assert '<h4 id="guide-principles--be-curious">Be curious &amp; open</h4>' in chapter
    assert "headerlink" not in chapter and "data-share" not in chapter and "&para;" not in chapter
    assert '<h2 class="book-part-title" id="part-guide-title">Part 1: The guide</h2>' in made.body
    # A blank form's own heading is one level down too, under the appendix.
    assert re.search(r"<h3><span class=\"book-label\">A</span> Stakeholder matrix</h3><h4>Analysis</h4>", made.body)


def test_what_a_page_says_only_for_itself_is_left_out_and_folded_parts_are_open(made):
    assert "the book</a>" not in made.body
    assert "<details open" in made.body


def test_links_become_references_in_the_book_or_addresses_for_print(made):
    chapter = made.chapters[0].html
    assert '<a href="#guide-principles--be-curious">below</a>' in chapter  # same chapter: no note
    assert '<a href="#guide-competencies--co-learning" data-print-ref="see chapter 2">' in chapter
    assert '<a href="#glossary--principle">term</a>' in chapter  # back matter: found by its term
    assert (
        '<a href="../worksheets/stakeholder-matrix/" '
        'data-print-href="https://x.org/worksheets/stakeholder-matrix/">stakeholder matrix</a>'
    ) in chapter
    assert '<a href="https://example.org/paper" data-print-href="https://example.org/paper">' in chapter
    # A link that shows its own address is not written out twice.
    assert '<a href="https://example.org/">https://example.org/</a>' in chapter


def test_every_in_book_link_has_its_target_in_the_book(made):
    found = set(ids(made.cover + made.body))
    targets = re.findall(r'href="#([^"]+)"', made.body)
    assert targets and [t for t in targets if t not in found] == []


def test_the_norwegian_book_has_the_same_ids_and_links_relative_to_its_own_folder():
    en = book.make_book(site(), "en", cover(), blanks=[BLANK], site_url="https://x.org/")
    no = book.make_book(
        site("no/"),
        "no",
        cover("https://x.org/no/"),
        blanks=[BLANK],
        root="no/",
        book_url="no/book/",
        site_url="https://x.org/",
    )
    assert ids(no.body) == ids(en.body)
    assert 'data-print-ref="se kapittel 2"' in no.body
    assert (
        'href="../worksheets/stakeholder-matrix/" data-print-href="https://x.org/no/worksheets/stakeholder-matrix/"'
        in no.body
    )
    assert "Del 1: Guiden" in no.body and "Innhold" in no.body


def test_without_a_public_address_links_stay_relative_and_the_cover_says_where_the_book_came_from():
    made = book.make_book(site(), "en", cover(address=None), blanks=[BLANK])
    assert '<a href="../worksheets/stakeholder-matrix/">stakeholder matrix</a>' in made.body
    assert "printed from" in made.cover and 'href="../"' in made.cover
    assert "https://" not in made.cover


def test_the_cover_holds_the_title_source_date_and_address_in_the_language(made):
    assert '<h1 id="book">Practice Guide</h1>' in made.cover
    assert "Metz, A. (2021). <em>A guide</em>." in made.cover
    assert "5 March 2026" in made.cover and "https://x.org/</a>" in made.cover
    no = book.make_book(site("no/"), "no", cover("https://x.org/no/"), root="no/", book_url="no/book/")
    assert "5. mars 2026" in no.cover


def test_each_chapter_prints_on_its_own_named_page_with_its_running_head(made):
    css = made.css
    assert '@page book-chapter-1 { @top-left { content: "1 · The six principles"; } }' in css
    assert "#guide-principles { page: book-chapter-1; }" in css
    assert re.search(
        r"@page book-chapter-4 \{ size: landscape;[^}]*@top-left \{ content: \"A · Stakeholder matrix\"", css
    )
    assert '@top-left { content: "Glossary"; }' in css
    assert 'content: "Page " counter(page) " of " counter(pages) ""' in css
    # A part's title shares the first sheet of its first chapter.
    assert "#part-guide { page: book-chapter-1; }" in css and "#part-back { page: book-chapter-5; }" in css


def test_running_heads_escape_quotes_and_backslashes():
    page = book.Page("guide/x/", '<h1 id="x">Say "yes" \\ no</h1>')
    css = book.make_book([page], "en", cover()).css
    assert 'content: "1 · Say \\"yes\\" \\\\ no";' in css


def test_the_stated_sheet_count_reads_the_measured_file():
    assert book.sheets_text("en") == f"{book.sheets('en')} A4 sheets"
    assert book.sheets_text("no") == f"{book.sheets('no')} A4-ark"
