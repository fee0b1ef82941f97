"""Each language's search index holds only its own pages and stays small to download."""

import gzip
import html
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
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
    # The button comes just before the heading, outside it: its words are no part of the heading's name.
    assert f">{label}</button><h1 " in page and f">{label}</button></h1>" not in page


WORKSHEETS = ("competency-self-check", "stakeholder-matrix", "vi-worksheet")
SELECT = re.compile(r"<select\b.*?</select>", re.S)
BUTTON = re.compile(r"<button\b[^>]*>(.*?)</button>", re.S)


def words(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.parametrize("lang", INDEXES)
def test_worksheet_pages_are_indexed_by_their_prose_not_their_form(built_site, lang):
    """A search for a competency or a stakeholder found the worksheets' option lists and buttons
    ("Your level: FacilitationNot rated1 – Not yet familiar2 – …"): no entry holds them now, and
    the worksheets' headings and help text are still found."""
    index = json.loads((Path(built_site) / INDEXES[lang]).read_text(encoding="utf-8"))
    texts = [d["text"] for d in index["docs"]]
    form_words = set()
    for worksheet in WORKSHEETS:
        page = (Path(built_site) / ("no/" if lang == "no" else "") / "worksheets" / worksheet / "index.html").read_text(
            encoding="utf-8"
        )
        form = page[page.index('<div class="ws"') :]
        form_words |= {words(s) for s in SELECT.findall(form)}  # an option list, as the index joins it
        form_words |= {words(b) + words(c) for b, c in zip(BUTTON.findall(form), BUTTON.findall(form)[1:])}
    assert len(form_words) > 20
    assert [(w, t[:80]) for w in form_words for t in texts if w in t] == []
    summary = {"en": "Help groups solve implementation problems together", "no": "Hjelp grupper med å løse"}[lang]
    [entry] = [d for d in index["docs"] if d["location"] == "worksheets/competency-self-check/#cs-facilitation-name"]
    assert summary in entry["text"] and entry["title"] == {"en": "Facilitation", "no": "Fasilitering"}[lang]


@pytest.mark.parametrize("lang", INDEXES)
def test_synonyms_are_indexed_unseen_on_the_sections_named_for_them(built_site, lang):
    synonyms = json.loads((ROOT / "sitebuild" / "data" / "search_synonyms.json").read_text(encoding="utf-8"))[lang]
    index = json.loads((Path(built_site) / INDEXES[lang]).read_text(encoding="utf-8"))
    assert "keywords" in index["config"]["fields"]
    for word in synonyms:
        holders = [d for d in index["docs"] if word in d.get("keywords", "").split()]
        # Each synonym names a few sections: a keyword on every page would rank nothing.
        assert 1 <= len(holders) <= 8, (word, [d["location"] for d in holders])


def test_the_site_ships_only_the_lunr_files_its_indexes_load(built_site):
    """Norwegian's stemmer and its support (English is lunr's own), not the theme's 30-odd other
    languages: a first visit's service worker keeps every lunr file the site has, and saving the
    site for offline use downloads them."""
    lunr = Path(built_site) / "assets" / "javascripts" / "lunr"
    shipped = {p.relative_to(lunr).as_posix() for p in lunr.rglob("*.js")}
    assert shipped == {"min/lunr.no.min.js", "min/lunr.stemmer.support.min.js"}
    manifest = json.loads((Path(built_site) / "offline-manifest.json").read_text(encoding="utf-8"))
    listed = {f["url"] for f in manifest["files"] if "/lunr/" in f["url"]}
    assert listed == {f"assets/javascripts/lunr/{name}" for name in shipped}
