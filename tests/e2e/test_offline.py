"""Offline use: a page or worksheet opened once opens again without a network, "Save for
offline use" keeps the whole site, and a new deployment replaces the old cache without
losing what a reader typed."""

import os
import shutil
import sys
import time
from urllib.parse import urlsplit

import pytest
from pages import LANG_PREFIX, PAGES, run_axe, search_hrefs, until
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from harness.site_server import SiteServer
from sitebuild import search

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "hooks"))
import offline

SAVE_TEXT = {"en": offline.STRINGS["en"], "no": offline.STRINGS["no"]}


def wait_until_kept(page, path=None):
    """Wait until the service worker controls the page and keeps it (and its stylesheet)."""
    until(
        page,
        """async (path) => {
        if (!navigator.serviceWorker.controller) return false;
        const url = path ? new URL(path, location.href).href : location.href.split('#')[0];
        const css = document.querySelector('link[rel=stylesheet]').href;
        return !!(await caches.match(url, {ignoreSearch: true})) && !!(await caches.match(css));
    }""",
        path,
    )


def looks_right(page):
    """Styles and the theme's scripts are there: Material's header is styled and its
    script has run."""
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("typeof document$ !== 'undefined'")


@pytest.mark.parametrize("lang", ["en", "no"])
def test_a_page_opened_once_opens_again_offline(sw_page, sw_context, site_url, lang):
    page = sw_page
    page.goto(site_url + LANG_PREFIX[lang] + "guide/principles/")
    wait_until_kept(page)
    sw_context.set_offline(True)
    page.reload()
    expect(page.locator("article h1")).to_be_visible()
    looks_right(page)
    # A page never opened is not there offline (nothing was fetched behind the reader's back).
    with pytest.raises(PlaywrightError):
        page.goto(site_url + LANG_PREFIX[lang] + "guide/dilemmas/")


@pytest.mark.parametrize(
    "lang, query, found",
    [
        ("no", "interessenter", "no/worksheets/stakeholder-matrix/"),
        ("en", "stakeholders", "worksheets/stakeholder-matrix/"),
    ],
)
def test_the_first_page_opened_searches_offline_in_its_language_even_if_its_index_came_late(
    sw_page, sw_context, site_url, lang, query, found
):
    """The search index of the page's language is kept with the page, even when Material was
    still downloading it when the page had loaded (a slow network): offline, search answers."""
    page = sw_page

    def late(route):
        page.wait_for_timeout(1500)
        route.continue_()

    page.route("**/search/search_index.json", late)
    page.goto(site_url + LANG_PREFIX[lang] + "guide/principles/")
    wait_until_kept(page)
    index = site_url + LANG_PREFIX[lang] + "search/search_index.json"
    until(page, "async url => !!(await caches.match(url))", index, timeout=30_000)
    for name in search.lunr_files([[lang]]):  # and what Material's search worker loads for it
        lunr = f"{site_url}{search.LUNR}/{name}"
        until(page, "async url => !!(await caches.match(url))", lunr, timeout=30_000)
    page.unroute_all(behavior="wait")  # the late answer has gone through
    sw_context.set_offline(True)
    page.reload()
    hrefs = search_hrefs(page, query, first_per_page=True)
    assert hrefs and urlsplit(hrefs[0]).path.endswith("/" + found)


def test_a_worksheet_ready_once_works_offline(sw_page, sw_context, site_url):
    page = sw_page
    url = site_url + PAGES["stakeholder-matrix"]
    page.goto(url)
    page.wait_for_selector('[data-worksheet][data-ready="true"]', timeout=60_000)
    until(
        page,
        "async () => !!(await caches.match(new URL('../../assets/pyodide/pyodide.asm.wasm', location.href).href))",
        timeout=60_000,
    )
    wait_until_kept(page)
    sw_context.set_offline(True)
    page.reload()
    page.wait_for_selector('[data-worksheet][data-ready="true"]', timeout=60_000)
    expect(page.locator("[data-status]")).not_to_contain_text("could not")


@pytest.mark.parametrize("lang", ["en", "no"])
def test_save_for_offline_use_keeps_the_whole_site(sw_page, sw_context, site_url, built_site, lang):
    page = sw_page
    s = SAVE_TEXT[lang]
    page.goto(site_url + LANG_PREFIX[lang])
    box = page.locator("[data-offline-save]")
    expect(box).to_be_visible()
    # The size is stated before anything is downloaded.
    expect(box.locator("[data-offline-size]")).to_contain_text(s["size"].split("{")[0])
    expect(box.locator("[data-offline-size]")).to_contain_text("MB")
    button = box.get_by_role("button", name=s["button"])
    assert run_axe(page) == []
    button.focus()
    page.keyboard.press("Enter")
    expect(box.locator("[data-offline-status]")).to_have_text(s["done"], timeout=120_000)
    assert box.get_attribute("data-saved") == "true"
    sw_context.set_offline(True)
    other = "no" if lang == "en" else "en"
    # A worksheet in the other language, never opened, reaches ready offline.
    page.goto(site_url + LANG_PREFIX[other] + PAGES["vi-worksheet"])
    page.wait_for_selector('[data-worksheet][data-ready="true"]', timeout=60_000)
    for path in ("glossary/", "no/foundations/drivers/", "workshop/activities/"):
        page.goto(site_url + path)
        looks_right(page)


def test_a_worksheet_saved_for_offline_keeps_python_under_its_own_code_version(sw_page, sw_context, site_url):
    """After "Save for offline use" the service worker keeps py-worker.js under its plain
    address and answers the worksheet's py-worker.js?v=<version> with that copy. A worker's
    location is its response's address, so the worker takes its code version from the page:
    its snapshot is kept and found under that version, never under an empty one that a later
    version of the site would take for its own."""
    page = sw_page
    page.goto(site_url)
    box = page.locator("[data-offline-save]")
    box.get_by_role("button", name=SAVE_TEXT["en"]["button"]).click()
    expect(box.locator("[data-offline-status]")).to_have_text(SAVE_TEXT["en"]["done"], timeout=120_000)
    ws = "stakeholder-matrix"
    page.goto(site_url + PAGES[ws])
    page.wait_for_selector('[data-worksheet][data-ready="true"]', timeout=60_000)
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    version = page.get_attribute("[data-worksheet]", "data-code-version")
    key = f"{site_url}assets/python-snapshot?v={version}"
    until(
        page,
        """async key => {
        const keys = (await (await caches.open('isp-python-snapshot')).keys()).map(r => r.url);
        return keys.length === 1 && keys[0] === key;
    }""",
        key,
        timeout=60_000,
    )
    page.reload()
    page.wait_for_selector('[data-worksheet][data-ready="true"]', timeout=60_000)
    assert page.get_attribute("[data-worksheet]", "data-python-from") == "snapshot"


def test_with_save_data_on_nothing_large_is_fetched_without_the_readers_choice(sw_page, sw_context, site_url):
    page = sw_page
    page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    requests = []  # the page's and the service worker's
    sw_context.on("request", lambda r: requests.append(r.url))
    page.goto(site_url)
    box = page.locator("[data-offline-save]")
    expect(box.locator("[data-offline-save-data]")).to_have_text(SAVE_TEXT["en"]["save_data"])
    expect(box.get_by_role("button", name=SAVE_TEXT["en"]["button"])).to_be_visible()
    wait_until_kept(page)
    page.wait_for_timeout(1_000)
    assert [u for u in requests if "/assets/pyodide/" in u or u.endswith("tools.zip")] == []


def test_where_service_workers_are_blocked_the_control_says_it_cannot_save(page, site_url):
    page.goto(site_url + "no/")
    box = page.locator("[data-offline-save]")
    expect(box.locator("[data-offline-status]")).to_have_text(SAVE_TEXT["no"]["unavailable"])
    expect(box.get_by_role("button", name=SAVE_TEXT["no"]["button"])).to_be_hidden()


@pytest.fixture
def two_versions(built_site, tmp_path):
    """The built site as version 1 and, beside it, version 2 with one page changed, served
    from one address whose files are swapped as a new deployment would."""
    v1, v2 = tmp_path / "v1", tmp_path / "v2"
    shutil.copytree(built_site, v1)
    shutil.copytree(built_site, v2)
    page = v2 / "guide" / "principles" / "index.html"
    page.write_text(page.read_text().replace("<h1", '<p id="new-in-v2">New in version 2</p><h1', 1))
    versions = (offline.write_offline_files(v1), offline.write_offline_files(v2))
    # Deployed a minute later: a host's conditional requests compare modification times.
    later = time.time() + 60
    for changed in (page, v2 / "sw.js", v2 / offline.MANIFEST):
        os.utime(changed, (later, later))
    current = tmp_path / "current"
    current.symlink_to(v1)

    def deploy_v2():
        swap = tmp_path / "swap"
        swap.symlink_to(v2)
        os.replace(swap, current)

    with SiteServer(current) as server:
        yield server.url, versions, deploy_v2


def test_a_new_version_is_announced_replaces_the_old_cache_and_keeps_worksheet_data(sw_page, two_versions):
    page = sw_page
    url, (v1, v2), deploy_v2 = two_versions
    assert v1 != v2
    page.goto(url + PAGES["stakeholder-matrix"])
    page.wait_for_selector('[data-worksheet][data-ready="true"]', timeout=60_000)
    page.locator("[data-field='name']").first.fill("Kept across versions")
    page.wait_for_function("Object.values(localStorage).some(v => v.includes('Kept across versions'))")
    page.goto(url)
    wait_until_kept(page)
    # The site's offline cache, one per version (Python's start-up snapshot is kept apart).
    assert page.evaluate("(async () => (await caches.keys()).filter(k => k.startsWith('isp-offline-')))()") == [
        f"isp-offline-{v1}"
    ]
    notice = page.locator("[data-offline-update]")
    expect(notice).to_be_hidden()

    deploy_v2()
    page.reload()
    expect(notice).to_be_visible(timeout=30_000)
    expect(notice).to_contain_text(offline.STRINGS["en"]["update"])
    assert run_axe(page) == []
    with page.expect_navigation():
        notice.get_by_role("button", name=offline.STRINGS["en"]["reload"]).click()
    until(
        page,
        "async () => JSON.stringify((await caches.keys()).filter(k => k.startsWith('isp-offline-')))"
        f" === '[\"isp-offline-{v2}\"]'",
    )
    page.goto(url + "guide/principles/")
    expect(page.locator("#new-in-v2")).to_be_visible()
    page.goto(url + PAGES["stakeholder-matrix"])
    page.wait_for_selector('[data-worksheet][data-ready="true"]', timeout=60_000)
    expect(page.locator("[data-field='name']").first).to_have_value("Kept across versions")
