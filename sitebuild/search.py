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
language's, and split() writes it to `404.html` (default language) and `<lang>/404.html`. A 404
page is served at any address, so its links start from the site's root and a `<base>` element
says where that is: the server's, when it has one (the nginx snippet works out the site's path
and writes it in with SSI, sitebuild/headers.py), else the public address's path (mkdocs
`site_url`), else `/`. `not-found.js` gives Material its base from it (Material reads its own
from the page's address).

On worksheet pages Material's search worker is started through `workers/search-later.js`,
which holds back building the index while the worksheet's Python starts: page() points those
pages' search at it and split() writes Material's worker's file name into it (a query on its
address would not do: a worker's location is that of the response a service worker gives it).

A worksheet page is indexed by its prose and headings, not by its form: prose_only() marks
what a reader operates rather than reads (lists of options, labels, buttons, status lines, the
blank form for print) with Material's `data-search-exclude` before the index reads the page.
Material's parser matches an excluded element's end by its tag name alone, so only elements that
never hold another of their own kind are marked (never a div or a section).

Ranking: a competency's name is also a heading in the self-check's form and is mentioned on many
pages; the guide's section on it is where a reader wants to land. Its index entry gets a higher
boost (lunr multiplies the entry's score by it), and the self-check's heading of the same name a
lower one.

Words a reader types that the pages say otherwise (sitebuild/data/search_synonyms.json) go into
a field of their own, `keywords`, which the search worker indexes (Material indexes every field
the index's configuration names) but never shows: a result's snippet stays the page's own text.

Every step is idempotent: the i18n plugin builds once per language.
"""

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from tools.guide import guide

from .language_links import HEAD_ALTERNATE
from .site import DATA, LANG_FOLDER, write_if_changed

HERE = Path(__file__).resolve().parent
PREFIX_STEMMING = HERE / "lunr_no_prefix.js"
# lunr-languages' code for each language patched here, from the theme, as shipped.
LUNR_PATCHES = {"no": PREFIX_STEMMING}
LUNR = "assets/javascripts/lunr"  # the theme's lunr-languages files
SEARCH_LATER = "assets/javascripts/workers/search-later.js"
# Material's configuration in each page (upstream register: sitebuild/upstream.py).
SEARCH_WORKER = re.compile(r'("search": "[^"]*/workers/)(search\.[0-9a-f]+\.min\.js)(")')
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">.*?"base": ")([^"]*)(")', re.S)

_not_found = {}  # language -> the 404 page as rendered in that language's build

SYNONYMS = {
    lang: words
    for lang, words in json.loads((DATA / "search_synonyms.json").read_text(encoding="utf-8")).items()
    if lang != "about"
}
KEYWORDS_FIELD = {"keywords": {"boost": 1.0}}
# lunr's document boost: the guide's section on a competency, and a heading in a worksheet's form
# that has a competency's name.
COMPETENCY_BOOST = 2.5
FORM_HEADING_BOOST = 0.5
_form_sections = set()  # "<page url>#<id>" of every heading in a worksheet's form

# The worksheet's root; its end is found by counting divs.
# A worksheet's form, and its team view's controls (tools/team.py) where the page has one.
WORKSHEET_ROOT = re.compile(r'<(div) class="ws"[\s>]|<(section) class="tv"[\s>]')
TOKEN = re.compile(r"<script\b.*?</script>|<!--.*?-->|<(/?)([a-zA-Z][\w-]*)([^>]*)>", re.S | re.I)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# What a reader operates rather than reads; none of these holds another of its kind.
CONTROLS = {"select", "textarea", "button", "label", "legend", "summary", "output", "progress", "template", "svg"}
# Containers whose words are the form's, not prose: status lines, toolbars, the print-only blank form.
# (a data-region is filled by Python; what it holds at build time is a placeholder.)
QUIET = re.compile(r'\brole="(?:status|alert|toolbar)"|\baria-hidden="true"|\baria-live=|\bdata-region=')
# Paragraphs that only point the way or report a state.
UI_TEXT = re.compile(r'\bclass="[^"]*\bws-(?:saved|to-results|scroll-cue|back-link|blank-line)\b')
HEADING_TAG = re.compile(r"h[1-6]$")
CONTAINERS = {"div", "section"}
EXCLUDE = " data-search-exclude"


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


def _worksheet_end(html, start, tag="div"):
    depth = 0
    for match in re.finditer(rf"<(/?){tag}\b", html[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return start + match.start()
    return len(html)


def prose_only(html, url=""):
    """A worksheet page's content with its form's controls and status text marked for the search
    index to leave out (Material's data-search-exclude); headings with an id and prose stay (and
    are noted, to rank below the guide's own sections)."""
    roots = list(WORKSHEET_ROOT.finditer(html))
    if not roots:
        return html
    for root in reversed(roots):  # from the last, so the earlier roots' offsets hold
        start = root.start()
        html = html[:start] + _marked(html, start, _worksheet_end(html, start, root.group(1) or root.group(2)), url)
    return html


def _marked(html, start, end, url):
    """The part of html from start (a form's root) on, with the form's controls marked."""
    out, pos = [], start
    stack = []  # (tag, quiet container, excluded)
    for match in TOKEN.finditer(html, start, end):
        closing, tag, attrs = match.group(1), (match.group(2) or "").lower(), match.group(3) or ""
        if not tag:  # a script or a comment
            continue
        if closing:
            while stack and stack.pop()[0] != tag:
                pass
            continue
        if tag in VOID or attrs.rstrip().endswith("/"):
            continue
        excluded_above = any(e for _, _, e in stack)
        quiet_above = any(q for _, q, _ in stack)
        exclude = not excluded_above and (
            tag in CONTROLS
            or (HEADING_TAG.match(tag) and ' id="' not in attrs)
            or (quiet_above and tag not in CONTAINERS)
            or (tag not in CONTAINERS and (QUIET.search(attrs) or UI_TEXT.search(attrs)))
        )
        stack.append((tag, bool(QUIET.search(attrs) or 'class="ws-blank"' in attrs), exclude))
        heading_id = HEADING_TAG.match(tag) and re.search(r'\sid="([^"]+)"', attrs)
        if heading_id and not exclude and not excluded_above:
            _form_sections.add(f"{url}#{heading_id.group(1)}")
        if exclude:
            at = match.start(3)
            out += [html[pos:at], EXCLUDE]
            pos = at
    out.append(html[pos:])
    return "".join(out)


def keywords(entry, lang):
    """The synonyms (sitebuild/data/search_synonyms.json) that fit an index entry's title: the
    sections named for the subject, not every passage that mentions it."""
    words = re.sub(r"<[^>]+>", " ", entry["title"]).lower()
    return [
        key
        for key, phrases in SYNONYMS.get(lang, {}).items()
        if any(re.search(r"(?<!\w)" + re.escape(phrase), words) for phrase in phrases)
    ]


def competency_sections():
    """Each competency's section in the guide, as index locations within a language's folder,
    and the competencies' names."""
    data = guide()
    page = {d["id"]: d["page"].removesuffix(".md") + "/" for d in data["domains"]}
    names = {name for c in data["competencies"] for name in c["name"].values()}
    return {f"{page[c['domain']]}#{c['id']}" for c in data["competencies"]}, names


# The server's <base> for a 404 page (nginx's SSI, sitebuild/headers.py); a server without SSI
# leaves the comment, and the next <base> holds.
SSI_BASE = '<!--#echo var="isp_base_tag" encoding="none" -->'
CONFIG_SEARCH = re.compile(r'(<script id="__config" type="application/json">.*?"search": ")([^"]*)(")', re.S)


def site_path(site_url):
    """The path of the site's public address ("/" without one), ending with "/"."""
    return urlsplit(site_url or "/").path.rstrip("/") + "/"


def from_site_root(html, root):
    """A page's links from the site's path (`root`), made relative to the site's root."""
    rest = lambda m: m.group(2) if m.group(2) not in ("", ".") else "./"  # noqa: E731
    html = re.sub(r'(\b(?:href|src)=")' + re.escape(root) + r'([^"]*)"', lambda m: f'{m.group(1)}{rest(m)}"', html)
    for pattern in (CONFIG_BASE, CONFIG_SEARCH):
        html = pattern.sub(lambda m: m.group(1) + (m.group(2).removeprefix(root) or "./") + m.group(3), html, count=1)
    return html


def not_found(output, lang, default, site_url):
    """A language's 404 page, for any address it is served at; kept for split()."""
    root = site_path(site_url)
    if lang != default:
        output = CONFIG_BASE.sub(lambda m: m.group(1) + root + f"{lang}/" + m.group(3), output, count=1)
    output = from_site_root(output, root)
    # No head alternates (Material would fetch a sitemap.xml beside each), and the language
    # selector leads to each language's home: a missing page has no twin.
    head, sep, body = output.partition("</head>")
    output = HEAD_ALTERNATE.sub("", head) + sep + body
    output = re.sub(
        r'href="[^"]*"(?= hreflang="([^"]+)")', lambda m: f'href="{LANG_FOLDER.get(m.group(1)) or "./"}"', output
    )
    # The server's base first (the first <base> counts), then the public address's path.
    output = re.sub(
        r'(<meta charset="[^"]*">)', lambda m: f'{m.group(1)}{SSI_BASE}<base href="{root}">', output, count=1
    )
    _not_found[lang] = output
    return output


def theme_file(theme_dirs, name):
    """A theme file as shipped (ours in overrides/ first, then Material's), not as last written."""
    return next(Path(d, name) for d in theme_dirs if Path(d, name).exists()).read_bytes()


def split_index(site_dir, default, others):
    """Writes each language's index; returns each index's languages (none without search)."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.exists():
        return []
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = {lang: [] for lang in [default, *others]}
    competencies, names = competency_sections()
    for doc in index["docs"]:
        lang = next((code for code in others if doc["location"].startswith(code + "/")), default)
        location = doc["location"][len(lang) + 1 :] if lang != default else doc["location"]
        boost = FORM_HEADING_BOOST if doc["location"] in _form_sections and doc["title"] in names else None
        boost = COMPETENCY_BOOST if location in competencies else boost
        # A second split (after the i18n plugin's next build) starts afresh.
        doc = {k: v for k, v in doc.items() if k not in ("boost", "keywords")} | {"location": location}
        found = keywords(doc, lang)
        docs[lang].append(doc | ({"boost": boost} if boost else {}) | ({"keywords": " ".join(found)} if found else {}))
    written = []
    for lang, entries in docs.items():
        target = path if lang == default else Path(site_dir) / lang / "search" / "search_index.json"
        config = {**index["config"], "lang": [lang]}
        config["fields"] = {**config.get("fields", {}), **KEYWORDS_FIELD}
        data = {"config": config, "docs": entries}
        write_if_changed(target, json.dumps(data, separators=(",", ":"), ensure_ascii=False))
        written.append(config["lang"])
    return written


def lunr_files(index_langs):
    """The files under assets/javascripts/lunr/ that Material's search worker loads for indexes
    whose configurations name these lists of languages (its own rule, upstream register:
    material-search-languages): the stemmer support, each language but English, a segmenter for
    Japanese, Hindi and Thai, and the multi-language file for an index of several languages."""
    needed = set()
    for langs in index_langs:
        scripts = {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
        scripts |= {"tinyseg.js" for lang in langs if lang == "ja"}
        scripts |= {"wordcut.js" for lang in langs if lang in ("hi", "th")}
        scripts |= {"min/lunr.multi.min.js"} if len(langs) > 1 else set()
        needed |= scripts | ({"min/lunr.stemmer.support.min.js"} if scripts else set())
    return needed


def prune_lunr(site_dir, index_langs):
    """Removes the theme's lunr files for languages no index of this site has (Material ships
    all 30-odd, 0.9 MB): a first visit's service worker would keep them all in the background,
    and saving the site for offline use would download them."""
    folder = Path(site_dir) / LUNR
    keep = lunr_files(index_langs)
    for path in list(folder.rglob("*")) if folder.is_dir() else ():
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name.removesuffix(".gz").removesuffix(".br") not in keep:
            path.unlink()


def split(site):
    """The index per language, the Norwegian prefix stemming, the later search worker, the 404
    page of each language, and only the lunr files those indexes load."""
    site_dir = Path(site.dir)
    prune_lunr(site_dir, split_index(site_dir, site.default_lang, site.other_langs))
    for lang, patch in LUNR_PATCHES.items():
        if lang in site.other_langs:
            name = f"{LUNR}/min/lunr.{lang}.min.js"
            write_if_changed(site_dir / name, theme_file(site.theme_dirs, name) + b"\n" + patch.read_bytes())
    [worker] = (site_dir / "assets/javascripts/workers").glob("search.*.min.js")
    later = theme_file(site.theme_dirs, SEARCH_LATER).replace(b"__MATERIAL_SEARCH_WORKER__", worker.name.encode())
    write_if_changed(site_dir / SEARCH_LATER, later)
    for lang, html in _not_found.items():
        write_if_changed(site_dir / ("404.html" if lang == site.default_lang else f"{lang}/404.html"), html)
