"""A reader whose browser holds unexpected saved data, or whose network or server fails, in a real
Chromium with the real Pyodide, in both languages: saved entries with values of the wrong type in
any field are kept, reported and downloadable, and the page stays usable; a repaired entry is
always reported with what was dropped; Python failing to load leaves no uncaught error behind;
one failed download of Python is retried; the service worker answers at once and keeps only
complete files."""

import contextlib
import itertools
import json
import re
import threading

import pytest
from pages import (
    DAMAGED_COPIES,
    LANG_PREFIX,
    PAGES,
    before,
    open_page,
    read_download,
    ready_selector,
    search_hrefs,
    storage_key,
    until,
)
from pages import strings as t
from playwright.sync_api import expect
from sheets import SHEETS

from harness.site_server import SUB_PATH, Handler, SiteServer
from tools import schema, worksheets
from tools.competency_self_check import competency_ids

LANGS = ("en", "no")

# Values of a wrong type, by what the schema expects there.
WRONG = {
    "text": [["a", "list"], {"an": "object"}, 42, None],  # a text or a choice
    "rating": [[3], {"level": 3}, "three", True],  # a number (the self-check's ratings)
    "list": ["a text", 7, {"0": {}}],
    "group": ["a text", 7, ["a", "list"]],
    "row": [3, "a row", None, ["a", "list"]],  # an item of a list
}


def nodes(field, path=(), depth=0):
    """(path, kind, depth) for every part of a worksheet's saved data, from its SCHEMA: groups,
    lists, a list's item (index 0) and the fields inside them, every key of a group keyed by ids."""
    if isinstance(field, schema.Items):
        yield path, "list", depth
        yield (*path, 0), "row", depth + 1
        for name, sub in field.record.fields.items():
            yield from nodes(sub, (*path, 0, name), depth + 2)
    elif isinstance(field, schema.Record):
        if path:
            yield path, "group", depth
        for name, sub in field.fields.items():
            yield from nodes(sub, (*path, name), depth + 1)
    else:
        yield path, "rating" if field.empty() is None else "text", depth


def put(data, path, value):
    """Set data at path, making the groups and lists on the way."""
    here = data
    for key, following in itertools.pairwise(path):
        empty = [] if isinstance(following, int) else {}
        if isinstance(key, int):
            while len(here) <= key:
                here.append(empty)
            here = here[key]
        else:
            here = here.setdefault(key, empty)
    if isinstance(path[-1], int):
        here.append(value)
    else:
        here[path[-1]] = value


# Entries per depth of the saved data: each reload starts Python, so not every part gets every
# wrong type; each gets TURNS of them, and at each depth every wrong type is used.
TURNS = 3


def wrong_entries(ws):
    """[(name, saved text)]: for each depth of the saved data, TURNS entries that put a wrong type
    for its kind into every part at that depth (parts at one depth never hold each other, so one
    entry can break them all), parts side by side getting different ones, in turn."""
    mod = worksheets.get(ws)
    by_depth = {}
    for path, kind, depth in nodes(mod.SCHEMA):
        by_depth.setdefault(depth, []).append((path, kind))
    entries = []
    for depth, parts in sorted(by_depth.items()):
        for turn in range(TURNS):
            data = {}
            for i, (path, kind) in enumerate(parts):
                put(data, path, WRONG[kind][(i + turn) % len(WRONG[kind])])
            doc = {"format": mod.FORMAT, "version": mod.VERSION, "data": data}
            entries.append((f"depth {depth}, turn {turn}", json.dumps(doc, ensure_ascii=False)))
    return entries


def watch_errors(page):
    """Uncaught errors and unhandled rejections in the page and its workers (Playwright reports a
    worker's as the page's), as a list that fills as they come."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(
        "window.addEventListener('unhandledrejection', e => "
        "(window.__rejections = window.__rejections || []).push(String(e.reason)));"
    )
    return errors


def rejections(page):
    return page.evaluate("window.__rejections || []")


def reload_with(page, ws, text, errors, timeout=90_000):
    """Put text in the worksheet's storage key (nothing else stored), reload, and wait until
    Python is ready or the page has thrown; True once ready."""
    page.evaluate(
        "([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }",
        [storage_key(ws), text],
    )
    errors.clear()
    page.reload()
    for _ in range(timeout // 250):
        if errors:
            return False
        if page.locator(ready_selector(ws)).count():
            return True
        page.wait_for_timeout(250)
    return False


def kept_and_reported(page, ws, lang, text, errors):
    """What goes wrong with a damaged saved entry on the page now showing it: [] when it is
    reported in the page's language, kept aside, downloadable, not overwritten when the reader
    types, and the page stays usable."""
    s = t(ws, lang)
    key = storage_key(ws)
    problems = []
    message = page.locator("[data-message]")
    try:
        expect(message).to_contain_text(before(s("saved_damaged")), timeout=10_000)
        expect(message).to_contain_text(s("saved_damaged_kept"))
    except AssertionError:
        problems.append(f"not reported: {message.inner_text()!r}")
    if page.evaluate(DAMAGED_COPIES, key) != [text]:
        problems.append("no copy kept")
    # The reader types: the form saves, and the copy of what was there stays as it was.
    typed = "Typed after the report"
    page.locator(SHEETS[ws].text).first.fill(typed)
    page.wait_for_timeout(300)
    if page.evaluate(DAMAGED_COPIES, key) != [text]:
        problems.append("the copy did not stay as it was once the reader typed")
    if typed not in (page.evaluate("k => localStorage.getItem(k)", key) or ""):
        problems.append("what the reader typed was not saved")
    download = message.get_by_role("button", name=s("download_damaged"))
    if download.count():
        with page.expect_download() as info:
            download.click()
        if read_download(info.value) != text:
            problems.append("the download is not the entry as it was")
    else:
        problems.append("no download button")
    if errors or rejections(page):
        problems.append(f"uncaught: {errors + rejections(page)}")
    return problems


def check(page, ws, lang, text, errors):
    """Reload with text saved; [] when the page handles it as a reader needs."""
    if not reload_with(page, ws, text, errors):
        return [f"Python never became ready; uncaught: {errors}"]
    if not worksheets.load(ws, text, lang, saved=True)["ok"]:
        return kept_and_reported(page, ws, lang, text, errors)
    # Sound by the worksheet's own check (a null is an empty field): shown, nothing set aside.
    problems = []
    if page.evaluate(DAMAGED_COPIES, storage_key(ws)):
        problems.append("a sound entry was set aside as damaged")
    page.locator(SHEETS[ws].text).first.fill("Typed")
    if errors or rejections(page):
        problems.append(f"uncaught: {errors + rejections(page)}")
    return problems


# ---------------------------------------------------------------- saved entries of the wrong types


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ws", PAGES)
def test_saved_values_of_the_wrong_type_in_any_field_are_kept_reported_and_the_page_works(page, site_url, ws, lang):
    errors = watch_errors(page)
    open_page(page, site_url, ws, lang, ready=False)
    failed = {}
    for name, text in wrong_entries(ws):
        problems = check(page, ws, lang, text, errors)
        if problems:
            failed[name] = (problems, text[:300])
    assert failed == {}


VI_ENTRY = {"format": "isp-vi-worksheet", "version": 1, "data": {"assessments": [{"id": 5, "name": []}], "open": {}}}


@pytest.mark.parametrize("lang", LANGS)
def test_a_vi_entry_with_a_list_for_a_name_is_kept_reported_and_the_page_works(page, site_url, lang):
    ws = "vi-worksheet"
    errors = watch_errors(page)
    open_page(page, site_url, ws, lang, ready=False)
    text = json.dumps(VI_ENTRY)
    assert check(page, ws, lang, text, errors) == []
    # The rest of the page works: a new assessment can be added and named.
    page.get_by_role("button", name=t(ws, lang)("collection_add")).click()
    expect(page.locator("#vi-name")).to_be_focused()
    page.keyboard.type("Named by hand")
    expect(page.locator("[data-collection-select] option", has_text="Named by hand")).to_have_count(1)


@pytest.mark.parametrize("lang", LANGS)
def test_a_repaired_self_check_always_says_what_was_dropped(page, site_url, lang):
    """Plan and team lists holding null and numbers: every time the page opens, the reader is
    told, with each item that was dropped (a race once left the message out)."""
    ws = "competency-self-check"
    s = t(ws, lang)
    first = competency_ids()[0]
    data = {
        "name": "Kept name",
        "plan": [None, 3, {"competency": first, "resources": "A course"}, 7],
        "team": [None, 5, {"label": "Ann", "levels": {first: "2"}}],
    }
    text = json.dumps({"format": "isp-competency-self-check", "version": 1, "data": data})
    result = worksheets.load(ws, text, lang, saved=True)
    assert not result["ok"] and len(result["details"]) >= 3  # the numbers are named, item by item
    errors = watch_errors(page)
    open_page(page, site_url, ws, lang, ready=False)
    message = page.locator("[data-message]")
    for attempt in range(5):
        assert reload_with(page, ws, text, errors), (attempt, errors)
        expect(message).to_contain_text(before(s("saved_damaged")), timeout=10_000)
        for line in result["details"]:
            expect(message).to_contain_text(line)
        page.wait_for_timeout(500)  # the message stays: nothing shown later replaces it
        for line in result["details"]:
            expect(message).to_contain_text(line)
        expect(page.locator("#cs-name")).to_have_value("Kept name")
        assert page.evaluate(DAMAGED_COPIES, storage_key(ws)) == [text], attempt
        assert errors == [] and rejections(page) == [], attempt


# ---------------------------------------------------------------- Python's files fail to load

WASM = re.compile(r".*\.wasm(\?.*)?$")
LOADER = re.compile(r".*/pyodide\.mjs(\?.*)?$")
RUNTIME = re.compile(r".*/pyodide\.asm\.mjs(\?.*)?$")
# Every file a start downloads: the worker imports the loader and the runtime script and reads
# the lock file and the worksheets' code (tools.zip); Pyodide fetches the rest.
PYTHONS_FILES = {
    "loader": LOADER,
    "runtime": RUNTIME,
    "wasm": WASM,
    "stdlib": re.compile(r".*/python_stdlib\.zip(\?.*)?$"),
    "lock": re.compile(r".*/pyodide-lock\.json(\?.*)?$"),
    "tools": re.compile(r".*/tools\.zip(\?.*)?$"),
}


# Each of Python's files refused every time, or answered by something else (a portal's page),
# and the .wasm cut short on the way and kept by a proxy: the same worker starts every worksheet,
# so the worksheets take turns over the cases.
CANNOT_LOAD = [f"{name} {how}" for name in PYTHONS_FILES for how in ("refused", "as a web page")] + ["wasm broken"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("blocked", "ws"), [(case, list(PAGES)[i % len(PAGES)]) for i, case in enumerate(CANNOT_LOAD)], ids=CANNOT_LOAD
)
def test_python_that_cannot_load_is_said_and_leaves_no_uncaught_error(page, site_url, ws, lang, blocked):
    asked = []
    arrives = not blocked.endswith("refused")

    def block(route):
        asked.append(route.request.url)
        # It arrives, cannot run, and no retry helps.
        if blocked.endswith("as a web page"):
            route.fulfill(status=200, body="<html>blocked</html>", content_type="text/html")
        elif blocked == "wasm broken":
            route.fulfill(status=200, body=b"\0asm\x01\0\0\0\x01", content_type="application/wasm")
        else:
            route.abort()

    page.route(PYTHONS_FILES[blocked.split()[0]], block)
    errors = watch_errors(page)
    open_page(page, site_url, ws, lang, ready=False)
    status = page.locator("[data-status]")
    expect(status).to_contain_text(t(ws, lang)("status_failed"), timeout=90_000)
    assert page.locator("[data-worksheet]").get_attribute("data-ready") == "false"
    if arrives:
        # A file that arrived but cannot run is not tried again: it is asked for once, and at
        # most once more to see whether another try could work.
        assert len(asked) <= 2, asked
    page.locator(SHEETS[ws].text).first.fill("Still saved")
    page.wait_for_timeout(1_000)  # anything left unhandled shows by now
    assert errors == [] and rejections(page) == []
    assert "Still saved" in page.evaluate("k => localStorage.getItem(k)", storage_key(ws))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("file", list(PYTHONS_FILES.values()), ids=list(PYTHONS_FILES))
def test_one_failed_download_of_python_is_retried_without_a_reload(page, site_url, lang, file):
    ws = "stakeholder-matrix" if lang == "en" else "vi-worksheet"
    asked = []

    def first_fails(route):
        asked.append(route.request.url)
        if len(asked) == 1:
            route.abort("connectionreset")
        else:
            route.continue_()

    # The page's routes see a dedicated worker's requests.
    page.route(file, first_fails)
    loads = []
    page.on("load", lambda: loads.append(page.url))
    errors = watch_errors(page)
    open_page(page, site_url, ws, lang, ready=False)
    page.wait_for_selector(f"{ready_selector(ws)}, [data-worksheet][data-failed='true']", timeout=90_000)
    assert page.locator("[data-worksheet]").get_attribute("data-ready") == "true"
    assert len(asked) >= 2
    assert len(loads) == 1  # no reload
    expect(page.locator("[data-status]")).to_contain_text(t(ws, lang)("status_ready"))
    page.locator(SHEETS[ws].text).first.fill("Python answers")
    expect(page.locator("[data-region='report']")).to_contain_text("Python answers")
    assert errors == [] and rejections(page) == []


# ---------------------------------------------------------------- the search index fails to load

SEARCH_INDEX = re.compile(r".*/search/search_index\.json(\?.*)?$")
QUERY = {"en": "stakeholder", "no": "interessent"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("how", ["lost once", "refused", "as a web page", "cut short"])
def test_a_search_index_lost_once_is_asked_for_again_and_one_that_cannot_be_had_is_said(page, site_url, lang, how):
    asked = []

    def answer(route):
        asked.append(route.request.url)
        if how == "lost once" and len(asked) > 1:
            route.continue_()
        elif how == "as a web page":
            route.fulfill(status=200, body="<html>Log in to the network</html>", content_type="text/html")
        elif how == "cut short":
            route.fulfill(
                status=200, body='{"config": {"lang": ["en"]}, "docs": [{"loc', content_type="application/json"
            )
        else:
            route.abort("connectionreset")

    page.route(SEARCH_INDEX, answer)
    errors = watch_errors(page)
    page.goto(site_url + LANG_PREFIX[lang] + "glossary/")
    line = page.locator(".md-search-result__meta")
    said = line.get_attribute("data-search-unavailable")
    if how == "lost once":
        assert search_hrefs(page, QUERY[lang])
        assert len(asked) == 2
    else:
        page.locator("input.md-search__input").click()
        expect(line).to_have_text(said, timeout=10_000)
        # A file that arrived is not asked for again: another try would bring the same.
        assert len(asked) == (3 if how == "refused" else 1), asked
    other = page.evaluate(
        "async (url) => new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html')"
        ".querySelector('[data-search-unavailable]').getAttribute('data-search-unavailable')",
        site_url + LANG_PREFIX[{"en": "no", "no": "en"}[lang]] + "glossary/",
    )
    assert said and other and said != other  # in the page's own language
    page.wait_for_timeout(500)  # anything left unhandled shows by now
    assert errors == [] and rejections(page) == []


# ---------------------------------------------------------------- the service worker

LARGE = 3_000_000
HEAD = 65_536
LARGE_BODY = bytes(range(256)) * (LARGE // 256) + bytes(LARGE % 256)


class SlowLargeFile(Handler):
    """The built site, and two files that are not in it: large.bin (answers Range requests with
    206) and slow.bin, which sends its headers and first part, then the rest only once the test
    sets `release`."""

    release = threading.Event()

    def do_GET(self):
        name = self.path.split("?", 1)[0].removeprefix(SUB_PATH)
        if name not in ("test/large.bin", "test/slow.bin"):
            return super().do_GET()
        start, end = 0, LARGE - 1
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if match and name == "test/large.bin":
            start, end = int(match[1]), int(match[2] or LARGE - 1)
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{end}/{LARGE}")
        else:
            self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        body = LARGE_BODY[start : end + 1]
        if name == "test/slow.bin":
            self.wfile.write(body[:HEAD])
            self.wfile.flush()
            self.release.wait(timeout=60)
            body = body[HEAD:]
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@pytest.fixture
def slow_server(built_site):
    SlowLargeFile.release = threading.Event()
    with SiteServer(built_site, handler=SlowLargeFile) as server:
        yield server
        SlowLargeFile.release.set()


def controlled(page, url):
    """Open url and wait until the site's service worker controls the page."""
    page.goto(url)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)


# Every entry the site's caches hold for a URL: (status, bytes).
CACHED = """async url => {
    const found = [];
    for (const name of await caches.keys()) {
        const hit = await (await caches.open(name)).match(url);
        if (hit) found.push([hit.status, (await hit.arrayBuffer()).byteLength]);
    }
    return found;
}"""


KEPT_WHOLE = f"""async url => {{ const f = await ({CACHED})(url); return f.length === 1 && f[0][1] === {LARGE}; }}"""


def test_the_service_worker_answers_a_range_request_and_keeps_no_partial_file(sw_page, slow_server):
    page = sw_page
    controlled(page, slow_server.url)
    url = slow_server.url + "test/large.bin"
    got = page.evaluate(
        """async url => {
        try {
            const r = await fetch(url, {headers: {Range: 'bytes=100-199'}});
            const bytes = new Uint8Array(await r.arrayBuffer());
            return {status: r.status, length: bytes.length, first: bytes[0]};
        } catch (error) { return {error: String(error)}; }
    }""",
        url,
    )
    assert got == {"status": 206, "length": 100, "first": 100}
    page.wait_for_timeout(1_000)  # a copy stored in the background would be in by now
    assert all(entry == [200, LARGE] for entry in page.evaluate(CACHED, url))
    # A whole file is still kept, for use offline.
    whole = page.evaluate("async url => (await (await fetch(url)).arrayBuffer()).byteLength", url)
    assert whole == LARGE
    until(page, KEPT_WHOLE, url, timeout=15_000)
    assert page.evaluate(CACHED, url) == [[200, LARGE]]


def test_the_service_worker_answers_a_large_file_before_it_has_stored_it(sw_page, slow_server):
    """The server holds back the rest of the file: the page has its answer (status and first
    bytes) while the rest, and so the stored copy, cannot have arrived."""
    page = sw_page
    controlled(page, slow_server.url)
    url = slow_server.url + "test/slow.bin"
    page.evaluate(
        """url => { window.__slow = {};
        fetch(url).then(async r => {
            window.__slow.status = r.status;
            const reader = r.body.getReader();
            let length = 0;
            for (;;) { const {done, value} = await reader.read(); if (done) break;
                       length += value.length; window.__slow.length = length; }
            window.__slow.done = true;
        }).catch(e => { window.__slow.error = String(e); });
    }""",
        url,
    )
    try:
        page.wait_for_function("window.__slow.length >= 1", timeout=15_000)
    finally:
        SlowLargeFile.release.set()
    assert page.evaluate("window.__slow.status") == 200
    page.wait_for_function("window.__slow.done === true", timeout=30_000)
    assert page.evaluate("window.__slow.length") == LARGE
    # Stored in the background once whole, for use offline.
    until(page, KEPT_WHOLE, url, timeout=15_000)
