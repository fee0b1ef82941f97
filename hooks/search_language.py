"""Build hook: search in the reader's language, and a 404 page per language.

mkdocs-static-i18n builds each language into the same site folder and gives Material's search
plugin one index holding every language. This hook splits it after the last language is built:
`search/search_index.json` keeps the default language's pages, `<lang>/search/search_index.json`
each other language's (locations relative to that folder, with that language's lunr settings),
and the pages of a language point Material's `base` (used only for the search index and the
result links) at their language's folder.

Norwegian words inflect and compound ("interessentene", "implementeringsdriverne"). Material
ends every query term with a wildcard and lunr does not stem wildcard terms, so the lunr
stemmer would never meet the query. `lunr_no_prefix.js`, appended to the theme's Norwegian
lunr file (which only the Norwegian index loads), searches for the stem of each term as a
prefix instead: the stem is a beginning of the word, so all its forms match.

Material writes `404.html` once per language build, each over the last; this hook keeps each
language's and writes it to `404.html` (default language) and `<lang>/404.html`, with links
from the site's public path (mkdocs `site_url`), since a 404 page is served at any address.

On worksheet pages Material's search worker is started through `workers/search-later.js`,
which holds back building the index while the worksheet's Python starts: this hook points those
pages' search at it and writes Material's worker's file name into it (a query on its address
would not do: a worker's location is that of the response a service worker gives it).

Every step is idempotent: the i18n plugin runs this hook once per language build.
"""

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

HERE = Path(__file__).resolve().parent
PREFIX_STEMMING = HERE / "lunr_no_prefix.js"
# lunr-languages' code for each language this hook patches, from the theme, as shipped.
LUNR_PATCHES = {"no": PREFIX_STEMMING}
SEARCH_LATER = "assets/javascripts/workers/search-later.js"
SEARCH_WORKER = re.compile(r'("search": "[^"]*/workers/)(search\.[0-9a-f]+\.min\.js)(")')
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">.*?"base": ")([^"]*)(")', re.S)

_not_found = {}  # language -> the 404 page as rendered in that language's build


def _languages(config):
    """(default locale, [other locales]) as the i18n plugin builds them."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return "en", []
    built = [lang for lang in i18n.config.languages if lang.build]
    default = next((lang.locale for lang in built if lang.default), built[0].locale)
    return default, [lang.locale for lang in built if lang.locale != default]


def _current_language(config):
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or _languages(config)[0]


def _page_dir(url):
    return "/" + url if url.endswith("/") or not url else "/" + posixpath.dirname(url) + "/"


@event_priority(-100)
def on_post_page(output, page, config):
    """A page of another language than the default gets its language folder as search base."""
    if page.meta.get("worksheet"):
        output = SEARCH_WORKER.sub(lambda m: m.group(1) + "search-later.js" + m.group(3), output, count=1)
    _, others = _languages(config)
    lang = next((code for code in others if page.url.startswith(code + "/")), None)
    if lang is None:
        return output
    base = posixpath.relpath(f"/{lang}/", _page_dir(page.url))
    return CONFIG_BASE.sub(lambda m: m.group(1) + base + m.group(3), output, count=1)


def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    lang = _current_language(config)
    default, _ = _languages(config)
    if lang != default:
        root = urlsplit(config.site_url or "/").path.rstrip("/") + f"/{lang}/"
        output = CONFIG_BASE.sub(lambda m: m.group(1) + root + m.group(3), output, count=1)
    _not_found[lang] = output
    return output


def _theme_file(config, name):
    """A theme file as shipped (ours in overrides/ first, then Material's), not as last written."""
    return next(Path(d, name) for d in config.theme.dirs if Path(d, name).exists()).read_bytes()


def _write_if_changed(path, data):
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _split_search_index(site, default, others):
    path = site / "search" / "search_index.json"
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
        target = path if lang == default else site / lang / "search" / "search_index.json"
        data = {"config": {**index["config"], "lang": [lang]}, "docs": entries}
        _write_if_changed(target, json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


@event_priority(-200)  # after the i18n plugin has built every language and written the whole index
def on_post_build(config):
    site = Path(config.site_dir)
    default, others = _languages(config)
    _split_search_index(site, default, others)
    for lang, patch in LUNR_PATCHES.items():
        if lang in others:
            name = f"assets/javascripts/lunr/min/lunr.{lang}.min.js"
            _write_if_changed(site / name, _theme_file(config, name) + b"\n" + patch.read_bytes())
    [worker] = (site / "assets/javascripts/workers").glob("search.*.min.js")
    later = _theme_file(config, SEARCH_LATER).replace(b"__MATERIAL_SEARCH_WORKER__", worker.name.encode())
    _write_if_changed(site / SEARCH_LATER, later)
    for lang, html in _not_found.items():
        _write_if_changed(site / ("404.html" if lang == default else f"{lang}/404.html"), html.encode("utf-8"))
