"""The whole site in Chromium: both languages, navigation, search, accessibility, no other hosts,
printing."""

import re

import pytest
from pages import Problems, all_pages, outside_hosts, run_axe, search_hrefs
from playwright.sync_api import expect


def test_norwegian_site_has_its_own_name_navigation_and_language(page, site_url):
    page.goto(site_url + "no/")
    assert page.locator("html").get_attribute("lang") == "nb"
    expect(page.locator(".md-header__topic").first).to_contain_text("Praksisguide for implementeringsstøtte")
    nav = page.locator("nav.md-nav--primary")
    expect(nav).to_contain_text("Arbeidsark")
    expect(nav).to_contain_text("Interessentmatrise")
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("nav.md-nav--primary")).to_contain_text("Worksheets")


@pytest.mark.parametrize(
    "prefix, query, expected",
    [
        # The beginning of a Norwegian compound finds its inflected forms ("interessentmatrisen").
        ("no/", "interessentmatr", "/no/worksheets/stakeholder-matrix/"),
        ("", "stakeholder matrix", "/worksheets/stakeholder-matrix/"),
    ],
)
def test_search_finds_pages_in_each_language(page, site_url, prefix, query, expected):
    page.goto(site_url + prefix)
    hrefs = search_hrefs(page, query)
    assert any(expected in h for h in hrefs), hrefs


def test_every_page_is_accessible_and_stays_on_this_site(page, site_url, built_site):
    requests, problems = [], {}
    failures = Problems(page)
    page.on("request", lambda r: requests.append(r.url))
    pages = all_pages(built_site)
    assert len(pages) >= 4 and "no/" in pages
    for path in pages:
        page.goto(site_url + path)
        if page.locator("[data-worksheet]").count():
            page.wait_for_selector('[data-ready="true"]', timeout=60_000)
        violations = run_axe(page)
        if violations:
            problems[path] = violations
    assert problems == {}
    assert outside_hosts(requests, site_url) == []
    # No 404s: the language selector fetched a sitemap beside every page and its twin.
    assert failures.failed == []


@pytest.mark.parametrize(
    "start, twin",
    [
        ("guide/principles/", "no/guide/principles/"),
        ("no/worksheets/vi-worksheet/", "worksheets/vi-worksheet/"),
        ("", "no/"),
    ],
)
def test_language_selector_opens_the_same_page_in_the_other_language(page, site_url, start, twin):
    page.goto(site_url + start)
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'.md-select__link[hreflang="{"no" if twin.startswith("no/") else "en"}"]').click()
    page.wait_for_url(site_url + twin)


def printed_sheets(page):
    """(width, height) in points of each sheet of the page printed to PDF with its own @page size."""
    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    return [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)]


@pytest.mark.parametrize("prefix", ["", "no/"])
def test_each_workshop_activity_prints_on_its_own_portrait_sheets(page, site_url, prefix):
    page.goto(site_url + prefix + "workshop/activities/")
    page.emulate_media(media="print")
    headings = page.locator("article h2.handout")
    expect(headings).to_have_count(5)
    # The first activity follows the introduction; every later one starts a new sheet.
    breaks = headings.evaluate_all("hs => hs.map(h => getComputedStyle(h).breakBefore)")
    assert breaks == ["auto"] + ["page"] * 4
    sheets = printed_sheets(page)
    assert len(sheets) >= 5
    assert all(w < h for w, h in sheets), sheets


@pytest.mark.parametrize("path", ["guide/principles/", "worksheets/stakeholder-matrix/", "worksheets/vi-worksheet/"])
def test_reading_pages_print_portrait_and_wide_worksheets_landscape(page, site_url, path):
    page.goto(site_url + path)
    page.emulate_media(media="print")
    sheets = printed_sheets(page)
    landscape = path.startswith("worksheets/")
    assert sheets and all((w > h) == landscape for w, h in sheets), sheets
