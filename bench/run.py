"""The benchmark, one command: every figure the speed goals name, side by side in one run.

    .venv/bin/python bench/run.py [--runs 3] [--site site] [--skip-lighthouse] [--skip-startup] [--playwright]
                                 [--skip-side-by-side] [--skip-throttled] [--page vi-worksheet] [--lang en]

The built site is served as an organisation would serve it: the real nginx with the build's own
`_deploy/nginx.conf` (its headers and compression), under a sub-path. It prints:

1. Lighthouse (bench/package.json pins it; installed into bench/node_modules on first use) with
   its default mobile settings, for content and worksheet pages in both languages: the four
   category scores, largest contentful paint, bytes transferred, and any request for Pyodide.
2. Search: each language's index, raw and gzip-compressed.
3. Python ready, for each worksheet in both languages: cold (a new browser profile) and repeat
   (the same profile, opened again once the first visit has finished its work; with the site's
   service worker, and again with the site served without it), against a bare page that only
   calls `loadPyodide` with the same files on the same server, cold and repeat, taking turns
   (worksheet, bare, worksheet ...) so drift in the machine's speed hits both alike. Ratios per
   pair; medians of the runs. Chromium is driven with nothing tracked in it (harness/devtools.py);
   --playwright drives it as the tests do instead.

4. Every method side by side, one table, for one worksheet page (--page, --lang) against the bare
   page with Pyodide's files as shipped upstream and with the site's own (`?files=site`: its
   trimmed standard library and precompressed copies): bytes on the wire before Python is ready on
   a first visit, cold, a repeat in a new browser process on the same profile, a repeat in the
   same browser, and the issue's ratios. One row per method: the DevTools protocol (and Playwright
   with --playwright); no driver at all (harness/plain_chromium.py: a plain Chromium process per
   visit, the page reporting its own performance.now() at ready to the benchmark's own server,
   harness/bench_proxy.py, which adds the reporting script to pages on the way, under the site's
   unchanged policy, and counts the bytes); and no driver at 1.6 Mbit/s, held there by that same
   server for all connections together (not DevTools throttling; --skip-throttled leaves it out).

Not a test: it prints figures and exits 0. Compare runs made on the same machine, at the same
load (`uptime` is printed first).
"""

import argparse
import contextlib
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from harness.bench_proxy import BenchProxy  # noqa: E402
from harness.browser import executable_path, launch_args  # noqa: E402
from harness.devtools import Chromium  # noqa: E402
from harness.nginx_server import NginxServer  # noqa: E402
from harness.pages import LANG_PREFIX, PAGES, RUNTIME_PRIMED, SNAPSHOT_KEPT, until  # noqa: E402
from harness.plain_chromium import PlainChromium  # noqa: E402

# The bare page: loadPyodide on the main thread, with Pyodide's files as its npm package ships
# them (bench-pyodide/: its all-source standard library, not the site's compiled one, and its
# runtime script without the site's compile hint). Its script is a file, not inline, as the
# site's Content-Security-Policy (sent by nginx) requires.
BASELINE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>baseline</title></head>
<body><p>Baseline: loadPyodide on the main thread.</p>
<script type="module" src="bench-baseline.js"></script></body></html>
"""
# ?files=site: the site's own Pyodide folder instead (its compiled, trimmed standard library and
# its precompressed copies), so the page's own cost can be told from Python's.
BASELINE_JS = """const folder = new URLSearchParams(location.search).get("files") === "site" ? "./assets/pyodide/" : "./bench-pyodide/";
const { loadPyodide } = await import(folder + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: new URL(folder, location.href).href });
pyodide.runPython("1 + 1");
window.__ready = performance.now();
document.dispatchEvent(new Event("bench-ready"));
"""
WATCH_READY = """
new MutationObserver((_, observer) => {
  const root = document.querySelector('[data-worksheet][data-ready="true"]');
  if (root) { window.__ready = performance.now(); observer.disconnect(); }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
"""

CONTENT_PAGES = ("", "guide/co-creation-and-engagement/", "foundations/context/")
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"


def build(site):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True, env=env)


# ---------------------------------------------------------------- Lighthouse


def lighthouse_installed():
    lock = BENCH / "package-lock.json"
    stamp = BENCH / "node_modules" / ".installed-lock.json"
    if not LIGHTHOUSE.exists() or not stamp.exists() or stamp.read_bytes() != lock.read_bytes():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH, check=True)
        shutil.copyfile(lock, stamp)
    return LIGHTHOUSE


def lighthouse(url, out_dir):
    chrome = executable_path()
    env = dict(os.environ)
    if chrome:
        env["CHROME_PATH"] = chrome
    flags = " ".join(["--headless=new", *launch_args()["args"]])
    report = out_dir / "report.json"
    subprocess.run(
        [
            str(lighthouse_installed()),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={flags}",
            "--max-wait-for-load=90000",
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    lcp_node = _first_node(audits.get("lcp-breakdown-insight", {}).get("details", {}))
    return {
        "lcp_element": lcp_node,
        "scores": {
            k: data["categories"][k]["score"] for k in ("performance", "accessibility", "best-practices", "seo")
        },
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "bytes": audits["total-byte-weight"]["numericValue"],
        "pyodide": sum(1 for r in requests if "/pyodide/" in r.get("url", "")),
        "failed": [
            a
            for a, v in audits.items()
            if v.get("score") is not None
            and v["score"] < 1
            and v.get("scoreDisplayMode") in ("binary", "metricSavings")
        ][:8],
    }


def _first_node(details):
    """The selector of the first element (a "node" item) anywhere in an audit's details."""
    if isinstance(details, dict):
        if details.get("type") == "node":
            return details.get("selector", "")
        values = details.values()
    elif isinstance(details, list):
        values = details
    else:
        return ""
    for value in values:
        found = _first_node(value)
        if found:
            return found
    return ""


def print_lighthouse(server, tmp):
    print("\nLighthouse (default mobile settings; nginx with the build's _deploy/nginx.conf)")
    print(f"{'page':48} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5} {'LCP s':>6} {'kB':>7} {'pyodide':>7}")
    pages = [(lang, p) for p in CONTENT_PAGES for lang in ("en", "no")]
    pages += [(lang, p) for p in PAGES.values() for lang in ("en", "no")]
    for lang, path in pages:
        url = server.url + LANG_PREFIX[lang] + path
        try:
            r = lighthouse(url, tmp)
        except subprocess.CalledProcessError as error:
            print(f"{LANG_PREFIX[lang] + path or '/':48} failed: {error.stderr.decode()[-300:]}")
            continue
        s = r["scores"]
        print(
            f"{(LANG_PREFIX[lang] + path) or '(home)':48} {s['performance']:5.2f} {s['accessibility']:5.2f} "
            f"{s['best-practices']:5.2f} {s['seo']:5.2f} {r['lcp']:6.1f} {r['bytes'] / 1000:7.0f} {r['pyodide']:7d}"
            + f"   LCP element: {r['lcp_element'][-60:]}"
            + (f"   not passed: {', '.join(r['failed'])}" if r["failed"] else "")
        )


# ---------------------------------------------------------------- search


def print_search(site):
    print("\nSearch index per language")
    for lang in ("en", "no"):
        index = site / LANG_PREFIX[lang] / "search" / "search_index.json"
        raw = index.read_bytes()
        print(f"  {lang}: {len(raw) / 1000:7.0f} kB, gzip {len(gzip.compress(raw, 9)) / 1000:6.0f} kB")


# ---------------------------------------------------------------- Python ready, cold and repeat

FIGURES = """(() => ({
    dom: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    ready: window.__ready,
    from: (document.querySelector('[data-worksheet]') || document.body).dataset.pythonFrom || '' }))()"""


def visit(open_tab, url, watch):
    """One visit's figures; `open_tab(url, init_script)` opens the page in a driver's tab."""
    tab = open_tab(url, WATCH_READY if watch else None)
    tab.wait_for("window.__ready", timeout=180)
    figures = tab.evaluate(FIGURES)
    # Let the page finish what it does after it is ready: the service worker keeping the files
    # and, on a worksheet page's first visit, the worker keeping Python's snapshot and the runtime
    # script run once more (a reader's next visit comes later than this one's does).
    time.sleep(1.5)
    if watch:
        tab.wait_for(f"({SNAPSHOT_KEPT})()", timeout=60)
        if figures["from"] == "start":
            tab.wait_for(RUNTIME_PRIMED, timeout=60)
            time.sleep(1)  # Chromium stores a script's compiled code a moment after it has run
    tab.close()
    return figures


def playwright_chromium():
    """Playwright's own Chromium, where the machine has none (harness/browser.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        return p.chromium.executable_path


class DevToolsHarness:
    """The default: Chromium through its DevTools protocol, nothing tracked (harness/devtools.py)."""

    name = "DevTools protocol, nothing tracked"

    def __init__(self, no_sw_url):
        self.chrome = Chromium(executable_path() or playwright_chromium(), launch_args()["args"])
        self.swap = no_sw_url  # (site's address, the same site's without sw.js, as where they are blocked)

    def cold_and_repeat(self, url, watch, service_workers="allow"):
        if service_workers == "block":
            url = url.replace(*self.swap)
        context = self.chrome.new_context()
        try:
            return tuple(visit(lambda u, script: self.chrome.open(context, u, script), url, watch) for _ in range(2))
        finally:
            self.chrome.close_context(context)

    def close(self):
        self.chrome.close()


class PlaywrightTab:
    def __init__(self, page):
        self.page = page

    def evaluate(self, expression):
        return self.page.evaluate(expression)

    def wait_for(self, expression, timeout):
        until(self.page, f"async () => {expression}", timeout=timeout * 1000)

    def close(self):
        self.page.close()


class PlaywrightHarness:
    """--playwright: as the tests drive Chromium, with Playwright's tracking of every page and
    worker switched on (slower on a repeat visit than a reader's browser; see harness/devtools.py)."""

    name = "Playwright"

    def __init__(self, playwright):
        self.browser = playwright.chromium.launch(**launch_args())

    def cold_and_repeat(self, url, watch, service_workers="allow"):
        context = self.browser.new_context(service_workers=service_workers)

        def open_tab(u, script):
            page = context.new_page()
            if script:
                page.add_init_script(script)
            page.goto(u)
            return PlaywrightTab(page)

        try:
            return tuple(visit(open_tab, url, watch) for _ in range(2))
        finally:
            context.close()

    def close(self):
        self.browser.close()


def med(values):
    return statistics.median(values)


def print_startup(harness, server, runs):
    print(f"\nPython ready: {runs} runs, taking turns with the bare loadPyodide page (ms, medians; {harness.name})")
    print("  repeat: the same browser profile, its service worker on; no SW: without the service worker,")
    print("  so files come from the HTTP cache (revalidated); snap: repeats that started from the snapshot")
    print(
        f"{'worksheet':28} {'lang':4} {'form':>6} {'cold':>6} {'repeat':>6} {'no SW':>6} {'bare':>6} {'bare rep':>8}"
        f" {'cold/bare':>9} {'rep/cold':>8} {'noSW/cold':>9} {'bare rep/cold':>13} {'snap':>5}"
    )
    baseline = server.url + "bench-baseline.html"
    for ws, path in PAGES.items():
        for lang in ("en", "no"):
            url = server.url + LANG_PREFIX[lang] + path
            harness.cold_and_repeat(url, True)  # warm-up: the machine's disk cache, not the browser's
            rows = []
            snap = 0
            for _ in range(runs):
                w_cold, w_rep = harness.cold_and_repeat(url, True)
                _, n_rep = harness.cold_and_repeat(url, True, service_workers="block")
                b_cold, b_rep = harness.cold_and_repeat(baseline, False)
                snap += (w_rep["from"] == "snapshot") + (n_rep["from"] == "snapshot")
                rows.append(
                    (w_cold["dom"], w_cold["ready"], w_rep["ready"], n_rep["ready"], b_cold["ready"], b_rep["ready"])
                )
            form, cold, rep, no_sw, bare, bare_rep = (med(c) for c in zip(*rows))
            ratio = med([r[1] / r[4] for r in rows])
            rep_ratio = med([r[2] / r[1] for r in rows])
            no_sw_ratio = med([r[3] / r[1] for r in rows])
            bare_rep_ratio = med([r[5] / r[4] for r in rows])
            print(
                f"{ws:28} {lang:4} {form:6.0f} {cold:6.0f} {rep:6.0f} {no_sw:6.0f} {bare:6.0f} {bare_rep:8.0f}"
                f" {ratio:9.2f} {rep_ratio:8.2f} {no_sw_ratio:9.2f} {bare_rep_ratio:13.2f} {snap:>3}/{2 * runs}"
            )


# ---------------------------------------------------------------- side by side: every method, one table

THROTTLE = 200_000  # bytes a second: 1.6 Mbit/s, the slow 4G link Lighthouse simulates
BARE = {"bare, site's files": "bench-baseline.html?files=site", "bare, upstream files": "bench-baseline.html"}


class DriverHarnessVisits:
    """The DevTools (or Playwright) harness as a side-by-side method: cold and a repeat in the same
    browser; it cannot restart the browser on the same profile, nor count bytes."""

    def __init__(self, harness):
        self.harness, self.name = harness, harness.name

    def round(self, url):
        cold, same = self.harness.cold_and_repeat(url, "bench-baseline" not in url)
        return cold, same, None


class ProxiedVisits:
    """No driver, through the benchmark's own server in front of nginx (optionally held to a
    bandwidth): the address on nginx is asked for on the proxy instead."""

    def __init__(self, proxy, nginx_url, name):
        self.proxy, self.nginx_url, self.name = proxy, nginx_url, name
        self.chrome = PlainChromium(proxy, executable_path() or playwright_chromium())

    def round(self, url):
        return self.chrome.round(url.replace(self.nginx_url, self.proxy.url))


def side_by_side(methods, server, page, runs):
    """{method: {page kind: [(bytes, cold, new process, same browser, repeats from the snapshot), ...]}},
    taking turns."""
    kinds = {"worksheet": page, **BARE}
    out = {m.name: {k: [] for k in kinds} for m in methods}
    for _ in range(runs):
        for method in methods:
            for kind, path in kinds.items():
                cold, same, new = method.round(server.url + path)
                snap = sum(v.get("from") == "snapshot" for v in (same, new) if v)
                out[method.name][kind].append(
                    (cold.get("bytes"), cold["ready"], new["ready"] if new else None, same["ready"], snap)
                )
    return out


def _med(values):
    values = [v for v in values if v is not None]
    return med(values) if values else None


def _cell(value, fmt, width):
    return f"{'-':>{width}}" if value is None else f"{value:{width}{fmt}}"


def print_side_by_side(results, page, runs):
    print(f"\nPython ready, every method side by side: {page}, {runs} run(s), medians")
    print("  kB: bytes on the wire before Python is ready, first visit (headers included); ms from navigation;")
    print("  new proc: repeat in a new browser process on the same profile; same: repeat in the same browser;")
    print("  snap: repeats that started from Python's snapshot.")
    print(
        "  Goals (issue): kB <= 4000; cold / bare with the site's files <= 1.2; new / cold <= 0.4; same / cold <= 0.3"
    )
    print(
        f"{'method':34} {'page':22} {'kB':>7} {'cold':>6} {'new proc':>8} {'same':>6}"
        f" {'cold/bare site':>14} {'cold/bare upstr':>15} {'new/cold':>8} {'same/cold':>9} {'snap':>5}"
    )
    for method, kinds in results.items():
        site_bare = kinds["bare, site's files"]
        upstream = kinds["bare, upstream files"]
        for kind, rows in kinds.items():
            sent, cold, new, same = (_med(c) for c in list(zip(*rows))[:4])
            snaps = sum(r[4] for r in rows)
            repeats = sum(1 + (r[2] is not None) for r in rows)
            ratio = lambda num, den: _med([(a / b) if a and b else None for a, b in zip(num, den)])  # noqa: E731
            colds = [r[1] for r in rows]
            on_site = ratio(colds, [r[1] for r in site_bare]) if kind == "worksheet" else None
            on_upstream = ratio(colds, [r[1] for r in upstream]) if kind != "bare, upstream files" else None
            print(
                f"{method:34} {kind:22} {_cell(sent and sent / 1000, '.0f', 7)} {_cell(cold, '.0f', 6)}"
                f" {_cell(new, '.0f', 8)} {_cell(same, '.0f', 6)} {_cell(on_site, '.2f', 14)}"
                f" {_cell(on_upstream, '.2f', 15)} {_cell(ratio([r[2] for r in rows], colds), '.2f', 8)}"
                f" {_cell(ratio([r[3] for r in rows], colds), '.2f', 9)}"
                f" {f'{snaps}/{repeats}' if kind == 'worksheet' else '':>5}"
            )
    # The medians hide how far one build's figures move from round to round on a busy machine:
    # each round's own ratios, so that a difference between two builds can be told from noise.
    print("  each round's ratios for the worksheet (cold/bare site; new/cold; same/cold):")
    for method, kinds in results.items():
        rounds = zip(kinds["worksheet"], kinds["bare, site's files"])
        shown = [
            "; ".join(
                "-" if not (a and b) else f"{a / b:.2f}" for a, b in ((w[1], bare[1]), (w[2], w[1]), (w[3], w[1]))
            )
            for w, bare in rounds
        ]
        print(f"    {method:32} " + " | ".join(shown))


def run_side_by_side(args, server):
    page = LANG_PREFIX[args.lang] + PAGES[args.page]
    with contextlib.ExitStack() as stack:
        devtools = DevToolsHarness((server.url, server.url))
        stack.callback(devtools.close)
        methods = [DriverHarnessVisits(devtools)]
        if args.playwright:
            from playwright.sync_api import sync_playwright

            playwright = stack.enter_context(sync_playwright())
            harness = PlaywrightHarness(playwright)
            stack.callback(harness.close)
            methods.append(DriverHarnessVisits(harness))
        proxy = stack.enter_context(BenchProxy(server.url))
        methods.append(ProxiedVisits(proxy, server.url, "no driver"))
        if not args.skip_throttled:
            slow = stack.enter_context(BenchProxy(server.url, rate=THROTTLE))
            methods.append(ProxiedVisits(slow, server.url, f"no driver, {THROTTLE * 8 / 1e6:.1f} Mbit/s"))
        methods[0].round(server.url + page)  # warm-up: the machine's disk cache, not the browser's
        print_side_by_side(side_by_side(methods, server, page, args.runs), page, args.runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", default=None, help="a built site (default: build one now)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-startup", action="store_true", help="leave out the per-worksheet table")
    parser.add_argument("--skip-side-by-side", action="store_true", help="leave out the every-method table")
    parser.add_argument("--skip-throttled", action="store_true", help="no 1.6 Mbit/s row in it")
    parser.add_argument("--page", default="vi-worksheet", choices=sorted(PAGES), help="the side-by-side page")
    parser.add_argument("--lang", default="en", choices=sorted(LANG_PREFIX))
    parser.add_argument(
        "--playwright",
        action="store_true",
        help="time Python's start through Playwright, as the tests drive Chromium (see harness/devtools.py)",
    )
    args = parser.parse_args()

    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        if args.site:
            shutil.copytree(args.site, site)
        else:
            build(site)
        (site / "bench-baseline.html").write_text(BASELINE_HTML, encoding="utf-8")
        (site / "bench-baseline.js").write_text(BASELINE_JS, encoding="utf-8")
        (site / "bench-pyodide").mkdir()
        for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json", "python_stdlib.zip"):
            shutil.copyfile(ROOT / "node_modules" / "pyodide" / name, site / "bench-pyodide" / name)
        # The same site without its service worker: what a browser that blocks them gets.
        no_sw = tmp / "site-without-sw"
        shutil.copytree(site, no_sw)
        (no_sw / "sw.js").unlink()
        for name in ("nginx", "nginx-no-sw"):
            (tmp / name).mkdir()
        with NginxServer(site, tmp / "nginx") as server, NginxServer(no_sw, tmp / "nginx-no-sw") as no_sw_server:
            print_search(site)
            if not args.skip_lighthouse:
                print_lighthouse(server, tmp)
            if not args.skip_side_by_side:
                run_side_by_side(args, server)
            if args.skip_startup:
                return
            if args.playwright:
                from playwright.sync_api import sync_playwright

                with sync_playwright() as p:
                    harness = PlaywrightHarness(p)
                    try:
                        print_startup(harness, server, args.runs)
                    finally:
                        harness.close()
            else:
                harness = DevToolsHarness((server.url, no_sw_server.url))
                try:
                    print_startup(harness, server, args.runs)
                finally:
                    harness.close()


if __name__ == "__main__":
    main()
