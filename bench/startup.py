"""Benchmark: how long a worksheet page takes to become usable and to have Python ready,
against a bare page that loads the same Pyodide files on the main thread.

Not a test: it prints figures. Each run is cold (a new browser context, so an empty cache),
and the two pages take turns (A B A B ...) so drift in the machine's speed hits both alike.

    .venv/bin/python bench/startup.py [--runs 7] [--site site] [--lang en]
                                      [--worksheet stakeholder-matrix|competency-self-check|vi-worksheet]

Figures, in milliseconds from navigation start (the page's own performance clock):
  form usable   DOMContentLoaded of the worksheet page (the form is plain HTML, usable then)
  python ready  the worksheet's root gets data-ready="true" (Python loaded, first result shown)
  baseline      the bare page's `await loadPyodide()` resolves and runs one line of Python
The ratio python ready / baseline, per pair, is the runtime's own overhead (worker start,
tools.zip, imports, first result, and the theme's page weight).
"""
import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch_args  # noqa: E402
from e2e.pages import PAGES  # noqa: E402
from site_server import SiteServer  # noqa: E402

BASELINE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>baseline</title></head>
<body><p>Baseline: loadPyodide on the main thread.</p>
<script type="module">
  import { loadPyodide } from "./assets/pyodide/pyodide.mjs";
  const pyodide = await loadPyodide({ indexURL: new URL("./assets/pyodide/", location.href).href });
  pyodide.runPython("1 + 1");
  window.__ready = performance.now();
</script></body></html>
"""

WATCH_READY = """
new MutationObserver((_, observer) => {
  const root = document.querySelector('[data-worksheet][data-ready="true"]');
  if (root) { window.__ready = performance.now(); observer.disconnect(); }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
"""


def run_once(browser, url, watch):
    context = browser.new_context()
    page = context.new_page()
    if watch:
        page.add_init_script(WATCH_READY)
    page.goto(url)
    page.wait_for_function("() => window.__ready !== undefined", timeout=120_000)
    figures = page.evaluate("""() => ({
        dom: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
        ready: window.__ready })""")
    context.close()
    return figures


def summary(values):
    return f"median {statistics.median(values):8.0f}   min {min(values):8.0f}   max {max(values):8.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--site", default=None, help="a built site (default: build one now)")
    parser.add_argument("--lang", choices=["en", "no"], default="en")
    parser.add_argument("--worksheet", choices=sorted(PAGES), default="stakeholder-matrix")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if args.site:
            shutil.copytree(args.site, site)
        else:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True)
        (site / "bench-baseline.html").write_text(BASELINE, encoding="utf-8")
        prefix = "" if args.lang == "en" else "no/"
        with SiteServer(site) as server, sync_playwright() as p:
            browser = p.chromium.launch(**launch_args())
            worksheet_url = server.url + prefix + PAGES[args.worksheet]
            baseline_url = server.url + "bench-baseline.html"
            run_once(browser, worksheet_url, True)  # warm-up: disk cache of the OS, not the browser
            run_once(browser, baseline_url, False)
            form, ready, base, ratios = [], [], [], []
            for _ in range(args.runs):
                w = run_once(browser, worksheet_url, True)
                b = run_once(browser, baseline_url, False)
                form.append(w["dom"])
                ready.append(w["ready"])
                base.append(b["ready"])
                ratios.append(w["ready"] / b["ready"])
            browser.close()
    print(f"{args.worksheet}: {args.runs} cold runs each, alternating, Chromium headless, "
          f"page language {args.lang} (ms)")
    print(f"worksheet form usable   {summary(form)}")
    print(f"worksheet python ready  {summary(ready)}")
    print(f"baseline loadPyodide    {summary(base)}")
    print(f"ratio ready / baseline  median {statistics.median(ratios):.2f}   "
          f"min {min(ratios):.2f}   max {max(ratios):.2f}")


if __name__ == "__main__":
    main()
