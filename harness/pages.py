"""The worksheet pages and what a page shows when Python is ready, for the tests and the benchmark."""

from pathlib import Path

from tools.i18n import LANG_FOLDER

ROOT = Path(__file__).resolve().parent.parent

# Every worksheet's page, by its id; a new worksheet is listed here and gets the shared tests
# (tests/e2e/test_worksheet_contract.py, with its description in tests/e2e/sheets.py) and the benchmark.
PAGES = {
    "stakeholder-matrix": "worksheets/stakeholder-matrix/",
    "vi-worksheet": "worksheets/vi-worksheet/",
    "competency-self-check": "worksheets/competency-self-check/",
}
LANG_PREFIX = LANG_FOLDER  # the folder of each language in the site (one source: tools/i18n.py)

# True once the worksheet's worker has kept its start-up snapshot whole: it is written just
# after Python is ready, and its key can be listed before its bytes are in.
SNAPSHOT_KEPT = """async () => {
    const cache = await caches.open('isp-python-snapshot');
    const keys = await cache.keys();
    if (keys.length !== 1) return false;
    const hit = await cache.match(keys[0]);
    return Boolean(hit) && (await hit.arrayBuffer()).byteLength > 1000000;
}"""

# True once a first visit has run Pyodide's runtime script once more (py-prime.js), so that the
# next visit finds it compiled.
RUNTIME_PRIMED = "Boolean(document.querySelector(\"[data-worksheet][data-runtime-primed='true']\"))"


def ready_selector(worksheet=None):
    """The worksheet element once Python has shown its first result."""
    which = f'="{worksheet}"' if worksheet else ""
    return f'[data-worksheet{which}][data-ready="true"]'


def until(page, script, arg=None, timeout=30_000):
    """Poll an async script in a Playwright page until it returns true (wait_for_function does
    not await a promise: it takes the promise itself for true)."""
    from playwright.sync_api import Error

    for _ in range(timeout // 250):
        try:
            if page.evaluate(script, arg):
                return
        except Error as error:  # the page reloaded meanwhile: ask the new one
            if "context was destroyed" not in str(error):
                raise
        page.wait_for_timeout(250)
    raise AssertionError(f"still false after {timeout} ms: {script}")
