"""The site as an organisation hosts it: a real nginx, under a sub-path, sending the headers
the build ships (_deploy/nginx.conf) with a strict Content-Security-Policy."""

import gzip
import subprocess
import urllib.request

import pytest
from pages import LANG_PREFIX, Problems, all_pages, search_hrefs
from playwright.sync_api import expect

from harness.nginx_server import NginxServer


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


PRECOMPRESSED = {
    "assets/pyodide/pyodide.asm.wasm": "application/wasm",
    "assets/pyodide/pyodide.asm.mjs": "text/javascript; charset=utf-8",
    "assets/pyodide/python_stdlib.zip": "application/zip",
    "offline-manifest.json": "application/json; charset=utf-8",
    "assets/tools.zip?v=1": "application/zip",
    "no/search/search_index.json": "application/json; charset=utf-8",
}


def _brotli_decompressed(data):
    script = "process.stdout.write(require('zlib').brotliDecompressSync(require('fs').readFileSync(0)))"
    return subprocess.run(["node", "-e", script], input=data, capture_output=True, check=True).stdout


@pytest.mark.parametrize("path", PRECOMPRESSED)
def test_nginx_sends_the_copies_compressed_at_build_time_as_the_file_they_stand_for(nginx_url, built_site, path):
    """Brotli where the browser accepts it, else gzip, else the file itself: each the bytes the
    build wrote beside the file (not compressed again on the way), with the file's own type and
    caching, marked as varying by Accept-Encoding, and each decompressing to the file."""
    file = built_site / path.split("?")[0]
    plain = urllib.request.urlopen(nginx_url + path)
    assert plain.read() == file.read_bytes()
    sent = {}
    for accepts, encoding in (("gzip, deflate, br, zstd", "br"), ("gzip, deflate", "gzip")):
        response = urllib.request.urlopen(
            urllib.request.Request(nginx_url + path, headers={"Accept-Encoding": accepts})
        )
        body = response.read()
        assert response.headers["Content-Encoding"] == encoding, accepts
        assert response.headers["Content-Type"] == plain.headers["Content-Type"] == PRECOMPRESSED[path]
        assert response.headers["Cache-Control"] == plain.headers["Cache-Control"]
        assert response.headers["Content-Security-Policy"] == plain.headers["Content-Security-Policy"]
        assert "Accept-Encoding" in response.headers["Vary"]
        assert body == file.with_name(file.name + (".br" if encoding == "br" else ".gz")).read_bytes()
        sent[encoding] = body
    assert _brotli_decompressed(sent["br"]) == file.read_bytes()
    assert gzip.decompress(sent["gzip"]) == file.read_bytes()
    assert len(sent["br"]) < len(sent["gzip"]) < 0.8 * file.stat().st_size


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


# A path other than the test build's, and a build without its public address: the 404 pages and
# the redirect must come from the shipped snippet alone (the self-hosting page's block).
OTHER_PATH = "/team/guide/"
NOT_FOUND = {
    "en": ("Page not found", "Implementation Support Practice Guide", "en"),
    "no": ("Fant ikke siden", "Praksisguide for implementeringsstøtte", "nb"),
}


@pytest.fixture(scope="module")
def nginx_without_address(built_site_without_address, tmp_path_factory):
    with NginxServer(built_site_without_address, tmp_path_factory.mktemp("nginx-other"), sub_path=OTHER_PATH) as server:
        yield server.url


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_404_page_works_under_any_path_through_the_shipped_snippet_alone(
    browser, nginx_without_address, lang, width
):
    """Built without a public address, served under /team/guide/ by the self-hosting page's
    nginx block: a missing address, however deep, gets its language's 404 page with status 404,
    styled (it loaded /assets/ from the host's root: 10 failed requests), a home link to the
    site, and nothing failing; the path without its slash redirects to the site."""
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    page = context.new_page()
    problems = Problems(page)
    heading, home, html_lang = NOT_FOUND[lang]
    response = page.goto(nginx_without_address + LANG_PREFIX[lang] + "missing/deeper/still", wait_until="load")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == html_lang
    expect(page.locator("article h1")).to_have_text(heading)
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") != "static"
    assert page.locator("body").get_attribute("data-md-color-scheme")  # the theme's scripts ran
    assert problems.failed == [u for u in problems.failed if u.endswith("/missing/deeper/still")]
    assert problems.errors == [] and problems.csp_violations() == []
    assert [m for m in problems.console if "404" not in m] == []
    page.locator("a.not-found-home").click()
    expect(page).to_have_url(nginx_without_address + LANG_PREFIX[lang])
    expect(page.locator("article h1")).to_contain_text(home)
    context.close()
    redirected = urllib.request.urlopen(nginx_without_address.rstrip("/"))
    assert redirected.url == nginx_without_address and redirected.status == 200
