"""The benchmark times Python's start in a Chromium driven through its DevTools protocol with
nothing tracked (harness/devtools.py), as a reader's browser runs, and with no driver at all (a
plain Chromium process per visit, harness/plain_chromium.py, through the benchmark's own server,
harness/bench_proxy.py). This checks both against the real site: a first visit starts Python, and
the next, in the same profile, starts it from the first visit's snapshot, as the figures it
prints assume."""

import io
import urllib.request

import pytest
from pages import PAGES, RUNTIME_PRIMED, SNAPSHOT_KEPT

from harness.bench_proxy import BenchProxy, Link
from harness.browser import executable_path, launch_args
from harness.devtools import Chromium
from harness.plain_chromium import PlainChromium

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


def test_a_plain_chromium_process_reports_each_visit_and_the_first_takes_at_most_four_megabytes(
    nginx_url, browser_type
):
    """The driver-free method (harness/plain_chromium.py): no DevTools at all; the page reports its
    own ready time to the benchmark's server, which injects the reporting script under the site's
    own policy. A first visit starts Python, a repeat in the same browser and one in a new browser
    process on the same profile start from the snapshot, and the bytes sent before the first
    visit's Python is ready (what a reader on a slow link waits for) are at most 4.0 MB."""
    with BenchProxy(nginx_url) as proxy:
        chrome = PlainChromium(proxy, executable_path() or browser_type.executable_path)
        cold, same, new = chrome.round(proxy.url + PAGES["vi-worksheet"])
    assert (cold["from"], same["from"], new["from"]) == ("start", "snapshot", "snapshot")
    # The goal is 4.0 MB (6.0 MB before the precompressed copies, the trimmed runtime and the
    # search index held back until Python is ready; about 3.93 MB now).
    assert 2_000_000 < cold["bytes"] <= 4_000_000
    assert same["bytes"] < cold["bytes"] / 4 and new["bytes"] < cold["bytes"] / 4
    assert all(v["ready"] > 0 and v["url"].endswith(PAGES["vi-worksheet"]) for v in (cold, same, new))


def test_the_benchmarks_reporting_script_is_added_on_the_way_and_never_part_of_the_site(nginx_url, built_site):
    page = PAGES["vi-worksheet"]
    with BenchProxy(nginx_url) as proxy:
        proxied = urllib.request.urlopen(proxy.url + page)
        body = proxied.read().decode()
    direct = urllib.request.urlopen(nginx_url + page)
    assert proxied.headers["Content-Security-Policy"] == direct.headers["Content-Security-Policy"]
    assert body.count("__bench/report.js") == 1 and "__bench" not in direct.read().decode()
    assert not [p for p in built_site.rglob("*") if p.is_file() and b"__bench" in p.read_bytes()]


def test_the_throttled_link_spaces_its_chunks_by_one_shared_budget():
    """The benchmark's 1.6 Mbit/s link: every chunk, of any connection, waits for the time the
    bytes before it took at the link's rate (a fake clock: nothing here is timed)."""
    clock = {"now": 100.0}
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        clock["now"] += seconds

    link = Link(200_000, monotonic=lambda: clock["now"], sleep=sleep)
    out = io.BytesIO()
    link.send(out, b"x" * 50_000, chunk=10_000)
    link.send(out, b"y" * 20_000, chunk=10_000)  # another download, after the first
    assert out.getvalue() == b"x" * 50_000 + b"y" * 20_000
    assert sum(slept) == pytest.approx(70_000 / 200_000)
    assert len(slept) == 7
