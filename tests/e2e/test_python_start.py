"""Python starts sooner on a repeat visit: the first visit keeps a memory snapshot of Python with
the worksheets' code imported (Cache Storage, per code version), the next starts from it; a
damaged snapshot is dropped and Python starts as on a first visit. Speed itself is measured by
bench/run.py, not here."""

import pytest
from pages import LANG_PREFIX, PAGES, SNAPSHOT_KEPT, strings, until
from playwright.sync_api import expect

SNAPSHOTS = "isp-python-snapshot"
KEYS = f"async () => (await (await caches.open('{SNAPSHOTS}')).keys()).map(r => r.url)"


def open_ready(context, url, ws):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(f'[data-worksheet="{ws}"][data-ready="true"]', timeout=60_000)
    return page


def snapshot_keys(page):
    """The kept snapshot's key, once it is stored whole."""
    until(page, SNAPSHOT_KEPT)
    return page.evaluate(KEYS)


@pytest.mark.parametrize("ws", PAGES)
def test_a_repeat_visit_starts_python_from_the_snapshot_of_the_first(browser, site_url, ws):
    context = browser.new_context(service_workers="block")
    url = site_url + PAGES[ws]
    first = open_ready(context, url, ws)
    assert first.get_attribute("[data-worksheet]", "data-python-from") == "start"
    version = first.get_attribute("[data-worksheet]", "data-code-version")
    assert snapshot_keys(first) == [f"{site_url}assets/python-snapshot?v={version}"]
    first.close()
    again = open_ready(context, site_url + LANG_PREFIX["no"] + PAGES[ws], ws)
    assert again.get_attribute("[data-worksheet]", "data-python-from") == "snapshot"
    # It works as on a first visit: the worksheet's own code (imported after the snapshot) runs.
    again.locator(".ws-toolbar button[data-action='share-link']").click()
    expect(again.locator("[data-link-panel] textarea")).to_be_visible()
    context.close()


def test_a_damaged_or_old_snapshot_is_dropped_and_python_starts_as_on_a_first_visit(browser, site_url):
    ws = "stakeholder-matrix"
    context = browser.new_context(service_workers="block")
    page = open_ready(context, site_url + PAGES[ws], ws)
    [key] = snapshot_keys(page)
    # Damaged: the kept snapshot's bytes replaced; an old version's snapshot beside it.
    page.evaluate(
        f"""async key => {{
        const cache = await caches.open('{SNAPSHOTS}');
        await cache.put(key, new Response(new Uint8Array(5000).fill(7)));
        await cache.put(key.replace(/v=[^&]+/, 'v=older'), new Response(new Uint8Array(10)));
    }}""",
        key,
    )
    page.close()
    page = open_ready(context, site_url + PAGES[ws], ws)
    assert page.get_attribute("[data-worksheet]", "data-python-from") == "start"
    page.locator("[data-field='objective']").fill("Still works")
    expect(page.locator("[data-region='summary']")).not_to_be_empty()
    # A sound snapshot of this version took the damaged one's place; the old version's is gone.
    until(
        page,
        f"""async key => {{
        const cache = await caches.open('{SNAPSHOTS}');
        const keys = (await cache.keys()).map(r => r.url);
        const hit = await cache.match(key);
        return keys.length === 1 && keys[0] === key && hit && (await hit.arrayBuffer()).byteLength > 1000000;
    }}""",
        key,
    )
    page.close()
    page = open_ready(context, site_url + PAGES[ws], ws)
    assert page.get_attribute("[data-worksheet]", "data-python-from") == "snapshot"
    context.close()


def requests_in_order(context, page, url, ws, hold):
    """Open the page with worksheet.js held back `hold` ms, and return the order in which
    worksheet.js's response and Pyodide's first file arrived or were asked for."""
    events = []

    def slow(route):
        page.wait_for_timeout(hold)
        route.continue_()

    page.route("**/assets/javascripts/worksheet.js*", slow)
    context.on("request", lambda r: "/assets/pyodide/pyodide.mjs" in r.url and events.append("pyodide requested"))
    page.on("response", lambda r: "/assets/javascripts/worksheet.js" in r.url and events.append("worksheet.js arrived"))
    page.goto(url)
    page.wait_for_selector(f'[data-worksheet="{ws}"][data-ready="true"]', timeout=60_000)
    return events


def test_a_first_visit_downloads_python_only_once_the_page_is_up_and_a_repeat_visit_at_once(browser, site_url):
    ws = "stakeholder-matrix"
    context = browser.new_context(service_workers="block")
    first = context.new_page()
    order = requests_in_order(context, first, site_url + PAGES[ws], ws, hold=1500)
    assert order[:2] == ["worksheet.js arrived", "pyodide requested"]
    snapshot_keys(first)
    first.close()
    again = context.new_page()
    order = requests_in_order(context, again, site_url + PAGES[ws], ws, hold=1500)
    assert again.get_attribute("[data-worksheet]", "data-python-from") == "snapshot"
    assert order.index("pyodide requested") < order.index("worksheet.js arrived")
    context.close()


def test_the_wasm_is_asked_for_once_and_never_checked_beforehand(browser, site_url):
    """Pyodide's own request is the only one for the .wasm: no HEAD request checks it first (a
    round trip on every visit, and wrong when offline with the file in a cache)."""
    ws = "vi-worksheet"
    context = browser.new_context(service_workers="block")
    asked = []
    context.on("request", lambda r: "pyodide.asm.wasm" in r.url and asked.append(r.method))
    page = open_ready(context, site_url + PAGES[ws], ws)
    snapshot_keys(page)
    page.close()
    open_ready(context, site_url + PAGES[ws], ws)
    assert asked == ["GET", "GET"]
    context.close()


@pytest.mark.parametrize("lang", ["en", "no"])
def test_a_wasm_refused_by_the_security_policy_is_said_at_once_and_typing_is_kept(browser, site_url, lang):
    """A host whose Content-Security-Policy lacks 'wasm-unsafe-eval' refuses to compile Python.
    Pyodide only logs that and waits for ever; the page says Python could not start."""
    ws = "stakeholder-matrix"
    context = browser.new_context(service_workers="block")

    def strict(route):
        response = route.fetch()
        route.fulfill(
            response=response,
            headers={**response.headers, "content-security-policy": "default-src 'self'; script-src 'self'"},
        )

    context.route("**/assets/javascripts/py-worker.js*", strict)
    page = context.new_page()
    page.goto(site_url + LANG_PREFIX[lang] + PAGES[ws])
    page.wait_for_selector("[data-worksheet][data-failed='true']", timeout=30_000)
    expect(page.locator("[data-status]")).to_contain_text(strings(ws, lang)("status_failed"))
    page.locator("[data-field='name']").first.fill("Kept while Python is refused")
    page.reload()
    assert page.locator("[data-field='name']").first.input_value() == "Kept while Python is refused"
    context.close()


def test_the_kept_snapshot_is_python_without_its_empty_pages(browser, site_url):
    """The snapshot is stored without the pages of Python's memory that are all zeros (about
    two thirds), and a repeat visit starts from it."""
    ws = "competency-self-check"
    context = browser.new_context(service_workers="block")
    page = open_ready(context, site_url + PAGES[ws], ws)
    [key] = snapshot_keys(page)
    stored, length = page.evaluate(
        """async key => {
        const bytes = new Uint8Array(await (await (await caches.open('isp-python-snapshot')).match(key)).arrayBuffer());
        const view = new DataView(bytes.buffer);
        return [bytes.length, view.getUint32(4, true)];
    }""",
        key,
    )
    assert length > 16_000_000 and stored < length * 0.6
    page.close()
    again = open_ready(context, site_url + PAGES[ws], ws)
    assert again.get_attribute("[data-worksheet]", "data-python-from") == "snapshot"
    context.close()


def test_a_first_visit_ends_by_running_pythons_runtime_again_from_the_service_workers_copy(sw_context, site_url):
    """Chrome keeps a script's compiled code on its second run, or on its first from a service
    worker's cache. Once its snapshot is kept, a first visit runs Pyodide's runtime script once
    more, from the copy the service worker keeps for offline use, so that the next visit finds it
    compiled. That copy is what the next visit gets, and nothing is downloaded for it."""
    ws = "vi-worksheet"
    runtime = []
    sw_context.on("request", lambda r: r.url.endswith("/assets/pyodide/pyodide.asm.mjs") and runtime.append(r))
    page = open_ready(sw_context, site_url + PAGES[ws], ws)
    snapshot_keys(page)
    primed = page.locator("[data-worksheet][data-runtime-primed='true']")
    primed.wait_for(state="attached", timeout=40_000)
    assert page.evaluate("Boolean(navigator.serviceWorker.controller)")
    assert len(runtime) >= 2  # Pyodide's own import, then the second run's
    assert runtime[-1].response().from_service_worker  # from the service worker's cache
    page.close()
    runtime.clear()
    again = open_ready(sw_context, site_url + PAGES[ws], ws)
    assert again.get_attribute("[data-worksheet]", "data-python-from") == "snapshot"
    assert runtime and all(r.response().from_service_worker for r in runtime)
    assert again.locator("[data-worksheet][data-runtime-primed]").count() == 0  # done once, on the first visit
