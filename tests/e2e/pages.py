"""Shared helpers for the end-to-end tests (fixtures are in conftest.py)."""
import json
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

PAGES = {"stakeholder-matrix": "worksheets/stakeholder-matrix/", "vi-worksheet": "worksheets/vi-worksheet/",
         "competency-self-check": "worksheets/competency-self-check/"}
LANG_PREFIX = {"en": "", "no": "no/"}


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
    return sorted({u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                   and urlsplit(u).netloc != host})


def read_download(download):
    return Path(download.path()).read_text(encoding="utf-8")


def load_json(text):
    return json.loads(text)
