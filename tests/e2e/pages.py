"""Shared helpers for the end-to-end tests (fixtures are in conftest.py)."""

import json
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from harness.pages import LANG_PREFIX, PAGES, ROOT, RUNTIME_PRIMED, SNAPSHOT_KEPT, ready_selector, until
from tools import worksheets
from tools.i18n import Strings

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

__all__ = ["LANG_PREFIX", "PAGES", "ROOT", "RUNTIME_PRIMED", "SNAPSHOT_KEPT", "ready_selector", "until"]


def strings(ws, lang):
    """A worksheet's strings in one language, as the page has them."""
    return Strings(worksheets.get(ws).STRINGS, lang)


def before(text):
    """The fixed part of a message, up to its first placeholder."""
    return text.split("{")[0]


def run_axe(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return result


def outside_hosts(urls, site_url):
    host = urlsplit(site_url).netloc
    return sorted(
        {u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != host}
    )


def read_download(download):
    return Path(download.path()).read_text(encoding="utf-8")


def load_json(text):
    return json.loads(text)


def all_pages(built_site):
    """Every page of the built site, as a URL path relative to the site root."""
    paths = []
    for index in sorted(built_site.rglob("index.html")):
        rel = index.parent.relative_to(built_site).as_posix()
        if rel.startswith(("assets", "search")):
            continue
        paths.append("" if rel == "." else rel + "/")
    return paths


def search_hrefs(page, query, first_per_page=False):
    """Type a query into Material's search and return the result links' addresses, best first
    (first_per_page: only each result page's own link, not its sections')."""
    box = page.locator("input.md-search__input")
    box.click()
    results = page.locator(
        ".md-search-result__item > a.md-search-result__link:first-child"
        if first_per_page
        else ".md-search-result__link"
    )
    # The search worker builds its index after the page loads, and a query typed before that
    # is not run again: clear and type again until results show (bounded). Material reads the
    # query on key up, so one key press after filling runs exactly this query.
    for _ in range(30):
        box.fill("")
        box.press("End")
        expect(results).to_have_count(0)
        box.fill(query)
        box.press("End")
        try:
            results.first.wait_for(state="visible", timeout=1_000)
            break
        except Exception:
            continue
    return results.evaluate_all("els => els.map(e => e.href)")


class Problems:
    """What a reader's browser would complain about on a page: Content-Security-Policy
    violations (reported by the page, its workers and the console), console errors,
    uncaught exceptions and failed responses (404s and the like)."""

    INIT = """document.addEventListener('securitypolicyviolation', e =>
        (window.__cspViolations = window.__cspViolations || []).push(
            e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"""

    def __init__(self, page):
        self.page = page
        self.console, self.errors, self.failed = [], [], []
        page.add_init_script(self.INIT)
        page.on("console", lambda m: m.type == "error" and self.console.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        # ERR_ABORTED: a request cut short because the test moved on to the next page.
        page.on(
            "requestfailed",
            lambda r: "ERR_ABORTED" not in (r.failure or "") and self.failed.append(f"failed {r.url} {r.failure}"),
        )
        page.on("worker", self._watch_worker)

    def _watch_worker(self, worker):
        worker.on("console", lambda m: m.type == "error" and self.console.append(f"worker {worker.url}: {m.text}"))

    def csp_violations(self):
        return self.page.evaluate("window.__cspViolations || []")

    def summary(self):
        return {"console": self.console, "errors": self.errors, "failed": self.failed}


def import_file(page, name, text, folder=None):
    """folder: write the file there and hand the browser its path (quicker for large files)."""
    if folder is not None:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        page.locator("input[data-action='import']").set_input_files(str(path))
        return
    page.locator("input[data-action='import']").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}]
    )


def open_page(page, site_url, ws, lang, ready=True):
    """A worksheet's page in one language; ready: wait until Python has shown the first result."""
    page.goto(site_url + LANG_PREFIX[lang] + PAGES[ws])
    if ready:
        page.wait_for_selector(ready_selector(ws), timeout=60_000)
    return page


def wait_ready(page):
    """After a reload: wait until Python has shown the first result again."""
    page.wait_for_selector(ready_selector(), timeout=60_000)
    return page


def other_lang(lang):
    return "no" if lang == "en" else "en"


def storage_key(ws):
    """Where the page keeps a worksheet's entry in localStorage (its data-storage-key)."""
    return f"isp:{ws}"


# The damaged copies a page has kept aside of a worksheet's saved entry, as they are stored.
DAMAGED_COPIES = """k => Object.keys(localStorage).filter(x => x.startsWith(k + ':damaged:'))
    .map(x => localStorage.getItem(x))"""


def wait_view(page):
    """Wait until Python has shown the view for the form as it is now."""
    page.wait_for_timeout(200)
    page.wait_for_function("() => document.querySelector('[data-worksheet]').dataset.ready === 'true'")


# Every field of a worksheet's form as shown: those outside lists by their data-field, each
# list's items, and a collection's records (their names and the one shown).
FORM_VALUES = """() => {
    const form = document.querySelector('[data-form]');
    const fields = scope => Object.fromEntries([...scope.querySelectorAll('[data-field]')]
        .filter(el => el.closest('[data-item], ol[data-list] > li') === (scope === form ? null : scope))
        .map(el => [el.dataset.field, el.value]));
    const lists = Object.fromEntries([...form.querySelectorAll('ol[data-list]')]
        .map(ol => [ol.dataset.list, [...ol.children].map(fields)]));
    const select = form.querySelector('[data-collection-select]');
    const collection = select && {open: select.value, names: [...select.options].map(o => o.text)};
    return {top: fields(form), lists, collection};
}"""


def form_values(page):
    return page.evaluate(FORM_VALUES)


def export_file(page, ws, lang, kind="json"):
    """Click the toolbar's export button of a kind (json, csv, markdown): (file name, text)."""
    with page.expect_download() as info:
        page.locator(".ws-toolbar").get_by_role("button", name=strings(ws, lang)(f"export_{kind}"), exact=True).click()
    return info.value.suggested_filename, read_download(info.value)


def tab_to(page, selector, limit=400):
    """Press Tab until the element matching selector has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
