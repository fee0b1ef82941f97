"""Each language's search index holds only its own pages and stays small to download."""
import gzip
import json
from pathlib import Path

import pytest

INDEXES = {"en": "search/search_index.json", "no": "no/search/search_index.json"}
MAX_COMPRESSED = 150_000  # bytes, gzip: what a reader on a slow connection downloads


def pages_of(site, lang):
    root = Path(site) / ("no" if lang == "no" else "")
    return {p.parent.relative_to(root).as_posix() + "/" for p in root.rglob("index.html")
            if p.parent.relative_to(root).parts[:1] not in (("no",), ("search",), ("assets",))}


@pytest.mark.parametrize("lang", INDEXES)
def test_each_language_has_its_own_small_index_of_its_own_pages(built_site, lang):
    raw = (Path(built_site) / INDEXES[lang]).read_bytes()
    index = json.loads(raw)
    assert index["config"]["lang"] == [lang]
    located = {d["location"].split("#")[0] or "./" for d in index["docs"]}
    assert located == pages_of(built_site, lang)
    assert len(gzip.compress(raw)) <= MAX_COMPRESSED
