"""Every string the page's scripts show comes from a translated strings file, and every key such a
file sends to the page is used there: nothing hand-kept, nothing sent in vain, nothing missing."""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools import i18n, worksheets  # noqa: E402

JS = ROOT / "overrides" / "assets" / "javascripts"
SENT = re.compile(r'<script type="application/json" data-strings="">(.*?)</script>', re.S)


def used(files, name):
    """Keys read as <name>.key (or t("key") for share-links.js) in the given scripts."""
    keys = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(rf"\b{name}\.([a-z][a-z0-9_]*)\b", text))
        # Any other way of reading a string (S[key], S[`...`]) could not be checked.
        assert not re.search(rf"\b{name}\[", text), f"{path.name}: read strings as {name}.key"
    return keys


def test_the_worksheet_page_is_sent_exactly_the_strings_its_scripts_use():
    scripts = [JS / "worksheet.js", *sorted((JS / "worksheet").glob("*.js"))]
    sent = set()
    for ws in worksheets.MODULES:
        for lang in i18n.LANGS:
            sent |= set(json.loads(SENT.search(str(worksheets.render_page(ws, lang))).group(1)))
    read = used(scripts, "S")
    assert sorted(sent - read) == [], "sent to the page but never used"
    assert sorted(read - sent) == [], "used by the page's scripts but never sent"


def test_the_offline_control_has_every_string_it_shows():
    table = json.loads((ROOT / "sitebuild" / "data" / "offline.json").read_text(encoding="utf-8"))["en"]
    build = set(re.findall(r"""s\[['"](\w+)['"]\]""", (ROOT / "sitebuild" / "offline.py").read_text(encoding="utf-8")))
    read = used([JS / "offline.js"], "s")
    assert sorted(read - set(table)) == []
    assert sorted(set(table) - read - build) == [], "in offline.json but shown by nothing"


def test_the_heading_links_panel_has_every_string_it_shows():
    table = json.loads((ROOT / "sitebuild" / "data" / "heading_links.json").read_text(encoding="utf-8"))["en"]
    read = set(re.findall(r'\bt\("(\w+)"', (JS / "share-links.js").read_text(encoding="utf-8")))
    assert sorted(read ^ set(table)) == []


def test_no_script_holds_words_of_its_own():
    for path in [*JS.glob("*.js"), *(JS / "worksheet").glob("*.js")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(en|no): \{", text), f"{path.name} holds a table of strings"
