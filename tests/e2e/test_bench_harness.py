"""The benchmark times Python's start in a Chromium driven through its DevTools protocol with
nothing tracked (harness/devtools.py), as a reader's browser runs. This checks that driver against
the real site: a first visit starts Python, and the next, in the same profile, starts it from the
first visit's snapshot, as the figures it prints assume."""

from pages import PAGES, RUNTIME_PRIMED, SNAPSHOT_KEPT

from harness.browser import executable_path, launch_args
from harness.devtools import Chromium

READY = "document.querySelector('[data-worksheet][data-ready=\"true\"]')?.dataset.pythonFrom"


def test_the_benchmarks_browser_opens_a_worksheet_and_its_repeat_visit_starts_from_the_snapshot(
    nginx_url, browser_type
):
    url = nginx_url + PAGES["vi-worksheet"]
    with Chromium(executable_path() or browser_type.executable_path, launch_args()["args"]) as chrome:
        context = chrome.new_context()
        first = chrome.open(context, url)
        assert first.wait_for(READY) == "start"
        first.wait_for(f"({SNAPSHOT_KEPT})()")
        first.wait_for(RUNTIME_PRIMED)
        first.close()
        again = chrome.open(context, url)
        assert again.wait_for(READY) == "snapshot"
        assert again.evaluate("navigator.serviceWorker.controller !== null")  # the site's own, as a reader has it
        chrome.close_context(context)
