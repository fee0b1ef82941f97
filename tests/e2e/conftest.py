"""Fixtures for the end-to-end tests: a worksheet page opened in Chromium, a no-alert guard."""

import pytest
from pages import LANG_PREFIX, PAGES


@pytest.fixture(params=["en", "no"])
def lang(request):
    return request.param


@pytest.fixture
def open_worksheet(page, site_url):
    """Open a worksheet page and wait until Python has shown the first result."""

    def go(worksheet, lang, wait_ready=True):
        page.goto(site_url + LANG_PREFIX[lang] + PAGES[worksheet])
        if wait_ready:
            page.wait_for_selector(f'[data-worksheet="{worksheet}"][data-ready="true"]', timeout=60_000)
        return page

    return go


@pytest.fixture
def no_dialogs_expected(page):
    """Fails the test if the page ever opens an alert (an injected script would)."""
    seen = []
    page.on("dialog", lambda d: (seen.append(d.message), d.dismiss()))
    yield seen
    assert seen == []


@pytest.fixture
def clipboard_context(browser):
    """A browser context that may use the clipboard and download files (service workers blocked,
    as for the other tests: routes see every request)."""
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], accept_downloads=True, service_workers="block"
    )
    yield context
    context.close()


@pytest.fixture
def sw_context(browser, browser_context_args):
    """A browser context where the site's service worker may run (blocked elsewhere)."""
    context = browser.new_context(**{**browser_context_args, "service_workers": "allow"})
    yield context
    context.close()


@pytest.fixture
def sw_page(sw_context):
    return sw_context.new_page()
