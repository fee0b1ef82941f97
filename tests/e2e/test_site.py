"""The whole site in Chromium: both languages, navigation, search, accessibility, no other hosts."""
import pytest
from playwright.sync_api import expect

from pages import outside_hosts, run_axe


def all_pages(built_site):
    """Every page of the built site, as a URL path relative to the site root."""
    paths = []
    for index in sorted(built_site.rglob("index.html")):
        rel = index.parent.relative_to(built_site).as_posix()
        if rel.startswith(("assets", "search")):
            continue
        paths.append("" if rel == "." else rel + "/")
    return paths


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


@pytest.mark.parametrize("prefix, query, expected", [
    # The beginning of a Norwegian compound finds its inflected forms ("interessentmatrisen").
    ("no/", "interessentmatr", "/no/worksheets/stakeholder-matrix/"),
    ("", "stakeholder matrix", "/worksheets/stakeholder-matrix/"),
])
def test_search_finds_pages_in_each_language(page, site_url, prefix, query, expected):
    page.goto(site_url + prefix)
    search = page.locator("input.md-search__input")
    search.click()
    results = page.locator(".md-search-result__link")
    # Material's search worker builds its index after the page loads; a query typed before
    # that is not run again, so type it again until results show (bounded).
    for _ in range(30):
        search.fill("")
        search.type(query)
        try:
            results.first.wait_for(state="visible", timeout=1_000)
            break
        except Exception:
            continue
    expect(results.first).to_be_visible()
    hrefs = [h for h in results.evaluate_all("els => els.map(e => e.href)")]
    assert any(expected in h for h in hrefs), hrefs


def test_every_page_is_accessible_and_stays_on_this_site(page, site_url, built_site):
    requests, problems = [], {}
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
