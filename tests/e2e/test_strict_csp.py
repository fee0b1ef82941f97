"""The site as an organisation hosts it: a real nginx, under a sub-path, sending the headers
the build ships (_deploy/nginx.conf) with a strict Content-Security-Policy."""

import urllib.request

import pytest
from pages import Problems, all_pages, search_hrefs


def test_nginx_sends_the_shipped_headers(nginx_url):
    page = urllib.request.urlopen(nginx_url)
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in csp
    assert "unsafe-inline" not in csp and "'unsafe-eval'" not in csp
    assert page.headers["Cache-Control"] == "no-cache"
    wasm = urllib.request.urlopen(nginx_url + "assets/pyodide/pyodide.asm.wasm")
    assert wasm.headers["Content-Type"] == "application/wasm"
    assert wasm.headers["Content-Security-Policy"] == csp


@pytest.mark.parametrize(
    "path",
    [
        "",
        "no/search/search_index.json",
        "assets/pyodide/pyodide.asm.wasm",
        "assets/pyodide/pyodide.asm.mjs",
        "assets/stylesheets/site.css",
    ],
)
def test_nginx_compresses_what_a_reader_downloads(nginx_url, path):
    """As a real host does: the page, the search index and Pyodide travel gzip-compressed, and
    arrive whole."""
    import gzip

    plain = urllib.request.urlopen(nginx_url + path).read()
    response = urllib.request.urlopen(urllib.request.Request(nginx_url + path, headers={"Accept-Encoding": "gzip"}))
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    body = response.read()
    assert len(body) < 0.6 * len(plain)
    assert gzip.decompress(body) == plain


def test_every_page_works_under_the_strict_policy(sw_page, nginx_url, built_site):
    page = sw_page
    problems = Problems(page)
    pages = all_pages(built_site)
    assert "no/" in pages and "worksheets/vi-worksheet/" in pages
    violations, worksheets = {}, []
    for path in pages:
        page.goto(nginx_url + path, wait_until="load")
        if page.locator("[data-worksheet]").count():
            page.wait_for_selector("[data-worksheet][data-ready='true']", timeout=60_000)
            worksheets.append(path)
        # The theme's scripts have run: the palette script set the colour scheme on <body>.
        assert page.locator("body").get_attribute("data-md-color-scheme"), path
        found = problems.csp_violations()
        if found:
            violations[path] = found
    assert violations == {}
    assert problems.summary() == {"console": [], "errors": [], "failed": []}
    assert len(worksheets) == 6
    # The service worker registered and took over under the same policy.
    assert page.evaluate("navigator.serviceWorker.controller !== null")


@pytest.mark.parametrize(
    "prefix, query, expected",
    [
        ("no/", "interessentmatr", "/no/worksheets/stakeholder-matrix/"),
        ("", "stakeholder matrix", "/worksheets/stakeholder-matrix/"),
    ],
)
def test_search_finds_pages_under_the_strict_policy(sw_page, nginx_url, prefix, query, expected):
    page = sw_page
    problems = Problems(page)
    page.goto(nginx_url + prefix)
    hrefs = search_hrefs(page, query)
    assert any(expected in h for h in hrefs), hrefs
    assert problems.csp_violations() == []
    assert problems.summary() == {"console": [], "errors": [], "failed": []}
