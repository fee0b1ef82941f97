"""Search in the reader's language, and a 404 page per language.

mkdocs-static-i18n builds each language into the same site folder and gives Material's search
plugin one index holding every language. split() divides it once the last language is built:
`search/search_index.json` keeps the default language's pages, `<lang>/search/search_index.json`
each other language's (locations relative to that folder, with that language's lunr settings),
and the pages of a language point Material's `base` (used only for the search index and the
result links) at their language's folder (page()).

Norwegian words inflect and compound ("interessentene", "implementeringsdriverne"). Material
ends every query term with a wildcard and lunr does not stem wildcard terms, so the lunr
stemmer would never meet the query. `lunr_no_prefix.js`, appended to the theme's Norwegian
lunr file (which only the Norwegian index loads), searches for the stem of each term as a
prefix instead: the stem is a beginning of the word, so all its forms match.

The theme writes `404.html` once per language build, each over the last; not_found() keeps each
language's, and split() writes it to `404.html` (default language) and `<lang>/404.html`, with
links from the site's public path (mkdocs `site_url`), since a 404 page is served at any address.

On worksheet pages Material's search worker is started through `workers/search-later.js`,
which holds back building the index while the worksheet's Python starts: page() points those
pages' search at it and split() writes Material's worker's file name into it (a query on its
address would not do: a worker's location is that of the response a service worker gives it).

Every step is idempotent: the i18n plugin builds once per language.
"""

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from .site import write_if_changed

HERE = Path(__file__).resolve().parent
PREFIX_STEMMING = HERE / "lunr_no_prefix.js"
# lunr-languages' code for each language patched here, from the theme, as shipped.
LUNR_PATCHES = {"no": PREFIX_STEMMING}
SEARCH_LATER = "assets/javascripts/workers/search-later.js"
# Material's configuration in each page (upstream register: sitebuild/upstream.py).
SEARCH_WORKER = re.compile(r'("search": "[^"]*/workers/)(search\.[0-9a-f]+\.min\.js)(")')
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">.*?"base": ")([^"]*)(")', re.S)

_not_found = {}  # language -> the 404 page as rendered in that language's build


def _page_dir(url):
    return "/" + url if url.endswith("/") or not url else "/" + posixpath.dirname(url) + "/"


def page(output, url, worksheet, others):
    """A page's search: a worksheet page starts the search worker later; a page of another
    language than the default gets its language folder as search base."""
    if worksheet:
        output = SEARCH_WORKER.sub(lambda m: m.group(1) + "search-later.js" + m.group(3), output, count=1)
    lang = next((code for code in others if url.startswith(code + "/")), None)
    if lang is None:
        return output
    base = posixpath.relpath(f"/{lang}/", _page_dir(url))
    return CONFIG_BASE.sub(lambda m: m.group(1) + base + m.group(3), output, count=1)


def not_found(output, lang, default, site_url):
    """A language's 404 page, its search base from the site's public path; kept for split()."""
    if lang != default:
        root = urlsplit(site_url or "/").path.rstrip("/") + f"/{lang}/"
        output = CONFIG_BASE.sub(lambda m: m.group(1) + root + m.group(3), output, count=1)
    _not_found[lang] = output
    return output


def theme_file(theme_dirs, name):
    """A theme file as shipped (ours in overrides/ first, then Material's), not as last written."""
    return next(Path(d, name) for d in theme_dirs if Path(d, name).exists()).read_bytes()


def split_index(site_dir, default, others):
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = {lang: [] for lang in [default, *others]}
    for doc in index["docs"]:
        lang = next((code for code in others if doc["location"].startswith(code + "/")), default)
        if lang != default:
            doc = {**doc, "location": doc["location"][len(lang) + 1 :]}
        docs[lang].append(doc)
    for lang, entries in docs.items():
        target = path if lang == default else Path(site_dir) / lang / "search" / "search_index.json"
        data = {"config": {**index["config"], "lang": [lang]}, "docs": entries}
        write_if_changed(target, json.dumps(data, separators=(",", ":"), ensure_ascii=False))


def split(site):
    """The index per language, the Norwegian prefix stemming, the later search worker, and the
    404 page of each language."""
    site_dir = Path(site.dir)
    split_index(site_dir, site.default_lang, site.other_langs)
    for lang, patch in LUNR_PATCHES.items():
        if lang in site.other_langs:
            name = f"assets/javascripts/lunr/min/lunr.{lang}.min.js"
            write_if_changed(site_dir / name, theme_file(site.theme_dirs, name) + b"\n" + patch.read_bytes())
    [worker] = (site_dir / "assets/javascripts/workers").glob("search.*.min.js")
    later = theme_file(site.theme_dirs, SEARCH_LATER).replace(b"__MATERIAL_SEARCH_WORKER__", worker.name.encode())
    write_if_changed(site_dir / SEARCH_LATER, later)
    for lang, html in _not_found.items():
        write_if_changed(site_dir / ("404.html" if lang == site.default_lang else f"{lang}/404.html"), html)
