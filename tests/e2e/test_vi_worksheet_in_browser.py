"""The VI = f(E, K, F) worksheet in a real Chromium, on the real built site, with the real Pyodide: what
only this worksheet does (what every worksheet does is in test_worksheet_contract.py)."""

import re
from urllib.parse import urlsplit

from pages import LANG_PREFIX, export_file, form_values, strings, wait_view
from playwright.sync_api import expect
from sheets import vi_rate

WS = "vi-worksheet"
ELEMENTS = {
    "evidence": ("research", "professional-experience", "client-experience", "local-data"),
    "context": ("culture", "leadership", "evaluation"),
    "facilitation": ("purpose", "role", "skills-and-attributes"),
}
SUBS = [(e, s) for e, subs in ELEMENTS.items() for s in subs]


def _strings():
    """Every string the VI page has, as the page has them (common, the page's scripts', its own)."""
    return {lang: strings(WS, lang).table for lang in ("en", "no")}


S = _strings()


def two_assessments(page, lang):
    """Spring with weak leadership, then a copy, Autumn, where leadership has become high."""
    page.fill("#vi-name", "Spring")
    page.fill("#vi-what", "Fall prevention routine")
    vi_rate(page, "evidence", "research", "high")
    vi_rate(page, "context", "leadership", "low")
    page.fill("#vi-context-leadership-notes", "Manager on leave")
    page.get_by_role("button", name=S[lang]["collection_copy"]).click()
    expect(page.locator("#vi-name")).to_have_value(S[lang]["copy_name"].format(name="Spring"))
    page.fill("#vi-name", "Autumn")
    vi_rate(page, "context", "leadership", "high")


def test_rating_every_sub_element_shows_the_picture_and_the_diagnosis(open_worksheet, page, lang):
    open_worksheet(WS, lang)
    t = S[lang]
    expect(page.locator("[data-region='diagnosis']")).to_contain_text(t["ek_unrated"])
    for e, s in SUBS:
        # Both described ends are shown beside each control, and the control points to them.
        expect(page.locator(f"#vi-{e}-{s}-low")).to_contain_text(t[f"sub_{s}_low"])
        expect(page.locator(f"#vi-{e}-{s}-high")).to_contain_text(t[f"sub_{s}_high"])
        vi_rate(page, e, s, "high" if e != "context" else "low-mid")
    picture = page.locator("[data-region='picture'] svg")
    expect(picture.locator("circle")).to_have_count(len(SUBS))
    diagnosis = page.locator("[data-region='diagnosis']")
    expect(diagnosis).to_contain_text(f"{t['el_evidence']}{t['status_strong']}")
    expect(diagnosis).to_contain_text(f"{t['el_context']}{t['status_weak']}")
    expect(diagnosis).to_contain_text(t["approach_enabling"])
    expect(diagnosis).to_contain_text(t["fit_fits"])
    assert t["not_rated"] not in picture.locator("desc").text_content()
    # Context now strong as well: task-focused help is enough, and enabling goes further than needed.
    for s in ELEMENTS["context"]:
        vi_rate(page, "context", s, "mid-high")
    expect(diagnosis).to_contain_text(t["approach_task"])
    expect(diagnosis).to_contain_text(t["fit_more"])
    expect(page.locator("[data-region='pointers']")).to_contain_text(t["pointers_none"])


def test_pointers_for_weak_spots_link_to_pages_that_exist(open_worksheet, page, lang):
    open_worksheet(WS, lang)
    for e, s in SUBS:
        vi_rate(page, e, s, "low")
    pointers = page.locator("[data-region='pointers']")
    expect(pointers.locator("section")).to_have_count(len(SUBS))
    expect(pointers).to_contain_text(S[lang]["kind_competency"])
    hrefs = pointers.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert len(set(hrefs)) >= 20
    by_page = {}
    for href in hrefs:
        assert urlsplit(href).netloc == urlsplit(page.url).netloc
        assert ("/no/" in href) == (lang == "no"), href
        address, _, anchor = href.partition("#")
        by_page.setdefault(address, set()).add(anchor)
    for address, anchors in sorted(by_page.items()):
        response = page.goto(address)
        assert response.ok, address
        for anchor in anchors:
            assert page.locator(f"[id='{anchor}']").count() == 1, f"{address}#{anchor}"


def test_several_named_assessments_switch_compare_and_survive_a_reload(open_worksheet, page, lang):
    open_worksheet(WS, lang)
    t = S[lang]
    two_assessments(page, lang)
    expect(page.locator("[data-collection-select] option")).to_have_count(2)
    expect(page.locator("[data-collection-select] option").nth(1)).to_have_text("Autumn")
    # The copy kept the rest of the first assessment.
    expect(page.locator("#vi-what")).to_have_value("Fall prevention routine")
    expect(page.locator("#vi-context-leadership-notes")).to_have_value("Manager on leave")

    page.select_option("[data-collection-select]", label="Spring")
    expect(page.locator("#vi-name")).to_have_value("Spring")
    expect(page.locator("#vi-context-leadership-level")).to_have_value("low")
    expect(page.locator("[data-region='pointers']")).to_contain_text(t["sub_leadership"])

    page.select_option("#vi-compare-first", label="Spring")
    page.select_option("#vi-compare-second", label="Autumn")
    comparison = page.locator("[data-region='comparison']")
    expect(comparison.locator("table caption")).to_have_text(
        t["compare_caption"].format(first="Spring", second="Autumn")
    )
    row = comparison.locator("tr", has=page.locator("th", has_text=re.compile(f"^{t['sub_leadership']}$")))
    expect(row.locator("td").nth(2)).to_have_text(t["change_up"])
    expect(comparison.locator("svg polygon")).to_have_count(3)  # legend, research, leadership

    before = form_values(page)
    page.reload()
    page.wait_for_selector('[data-ready="true"]')
    assert form_values(page) == before
    expect(comparison.locator("table")).to_have_count(1)

    # Delete the one shown (Spring): Autumn remains, and the comparison is no longer possible.
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=t["collection_remove"]).click()
    expect(page.locator("[data-collection-select] option")).to_have_count(1)
    expect(page.locator("#vi-name")).to_have_value("Autumn")
    expect(page.locator("[data-message]")).to_contain_text("Spring")
    expect(comparison).to_contain_text(t["compare_choose"])
    page.get_by_role("button", name=t["collection_add"]).click()
    expect(page.locator("#vi-name")).to_be_focused()
    expect(page.locator("#vi-name")).to_have_value("")
    expect(page.locator("#vi-context-leadership-level")).to_have_value("")
    expect(page.locator("[data-collection-select] option")).to_have_count(2)


def test_markdown_links_point_into_this_site(open_worksheet, page, site_url, lang):
    open_worksheet(WS, lang)
    vi_rate(page, "context", "evaluation", "low")
    wait_view(page)
    _, markdown = export_file(page, WS, lang, "markdown")
    prefix = site_url + LANG_PREFIX[lang]
    assert f"({prefix}guide/ongoing-improvement/#conducting-improvement-cycles)" in markdown


def test_keyboard_alone_rates_adds_and_switches(open_worksheet, page, lang):
    open_worksheet(WS, lang)
    t = S[lang]

    def tab_to(selector, back=False, limit=300):
        for _ in range(limit):
            page.keyboard.press("Shift+Tab" if back else "Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#vi-name")
    page.keyboard.type("By keyboard")
    tab_to("#vi-evidence-research-level")
    page.keyboard.press("ArrowDown")  # Low
    page.keyboard.press("ArrowDown")  # Fairly low
    expect(page.locator("#vi-evidence-research-level")).to_have_value("low-mid")
    expect(page.locator("[data-region='pointers']")).to_contain_text(t["sub_research"])
    tab_to("#vi-evidence-research-signs")
    page.keyboard.type("Only one small study")
    # Back up to the assessment buttons: a new assessment takes the focus to its name.
    tab_to("[data-action='collection-add']", back=True)
    page.keyboard.press("Enter")
    expect(page.locator("#vi-name")).to_be_focused()
    page.keyboard.type("Second")
    tab_to("[data-collection-select]", back=True)
    page.keyboard.press("ArrowUp")
    expect(page.locator("#vi-name")).to_have_value("By keyboard")
    expect(page.locator("#vi-evidence-research-signs")).to_have_value("Only one small study")
    assert form_values(page)["collection"]["names"] == ["By keyboard", "Second"]


def test_the_foundations_page_links_to_the_worksheet(page, site_url, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "foundations/models/")
    link = page.locator("#vi-formula ~ p a[href*='worksheets/vi-worksheet/']")
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_selector('[data-worksheet="vi-worksheet"][data-ready="true"]', timeout=60_000)


def test_language_switch_keeps_every_assessment(open_worksheet, page):
    open_worksheet(WS, "en")
    two_assessments(page, "en")
    wait_view(page)
    before = form_values(page)
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link[hreflang='no']").click()
    page.wait_for_selector('[data-ready="true"]')
    assert "/no/worksheets/vi-worksheet/" in page.url
    assert form_values(page) == before
    expect(page.locator("[data-region='diagnosis']")).to_contain_text(S["no"]["el_context"])
