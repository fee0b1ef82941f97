"""Each language's search index holds only its own pages and stays small to download."""

import gzip
import json
from pathlib import Path

import pytest

INDEXES = {"en": "search/search_index.json", "no": "no/search/search_index.json"}
MAX_COMPRESSED = 150_000  # bytes, gzip: what a reader on a slow connection downloads


def pages_of(site, lang):
    root = Path(site) / ("no" if lang == "no" else "")
    return {
        p.parent.relative_to(root).as_posix() + "/"
        for p in root.rglob("index.html")
        if p.parent.relative_to(root).parts[:1] not in (("no",), ("search",), ("assets",))
    }


@pytest.mark.parametrize("lang", INDEXES)
def test_each_language_has_its_own_small_index_of_its_own_pages(built_site, lang):
    raw = (Path(built_site) / INDEXES[lang]).read_bytes()
    index = json.loads(raw)
    assert index["config"]["lang"] == [lang]
    located = {d["location"].split("#")[0] or "./" for d in index["docs"]}
    assert located == pages_of(built_site, lang)
    assert len(gzip.compress(raw)) <= MAX_COMPRESSED


@pytest.mark.parametrize("lang", INDEXES)
def test_the_headings_link_buttons_are_not_in_the_index(built_site, lang):
    """Each heading's "Link and QR code" button is in the page as served, but is added after the
    index has read the page: a search finds section titles, not the button's words."""
    labels = json.loads(
        (Path(__file__).resolve().parents[2] / "sitebuild" / "data" / "trainer_links.json").read_text(encoding="utf-8")
    )
    label = labels[lang]["share_action"]
    index = json.loads((Path(built_site) / INDEXES[lang]).read_text(encoding="utf-8"))
    assert index["docs"] and not [d["location"] for d in index["docs"] if label in d["title"]]
    page = (
        Path(built_site) / ("no/" if lang == "no" else "") / "worksheets" / "vi-worksheet" / "index.html"
    ).read_text(encoding="utf-8")
    assert f">{label}</button></h1>" in page
