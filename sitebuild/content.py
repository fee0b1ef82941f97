"""The generated parts of the guide's pages: the glossary, the reference list, a competency's
key activities, the printed forms and the worked examples, filled in for the content markers a
page holds (`<!-- glossary -->` and so on).

Each fact lives once: the guide's principles, domains and competencies in tools/data/guide.json
(tools/guide.py, which the worksheets read too), the glossary and references in
sitebuild/data/, read only here and by the tests.
"""

import json
import re
from functools import cache

from tools.guide import DataError, competency, guide
from tools.html import Raw, el, esc
from tools.i18n import Strings, check_lang

from . import examples
from .site import DATA, BuildError

__all__ = ["DataError", "competency", "guide"]  # the guide's facts, for the build and the tests
HTML_LANG = {"en": "en", "no": "nb"}


def _merged(folder):
    entries, seen = [], {}
    for path in sorted((DATA / folder).glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            if entry["id"] in seen:
                raise DataError(f"{folder} id {entry['id']!r} is in both {seen[entry['id']]} and {path.name}")
            seen[entry["id"]] = path.name
            entries.append(entry)
    return entries


@cache
def glossary():
    return _merged("glossary")


@cache
def references():
    return _merged("references")


# Norwegian alphabetical order puts æ, ø and å after z.
_SORT = str.maketrans({"æ": "z{", "ø": "z|", "å": "z}"})


def sort_key(text):
    return text.casefold().translate(_SORT)


def _inline(text):
    """Escape, then turn the data files' *italics* into <em>."""
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", esc(text))


def glossary_html(lang):
    check_lang(lang)
    other = "no" if lang == "en" else "en"
    names = {"en": ("English", "Norwegian", "Definition"), "no": ("Norsk", "Engelsk", "Definisjon")}[lang]
    rows = []
    for entry in sorted(glossary(), key=lambda e: sort_key(e[lang]["term"])):
        rows.append(
            el(
                "tr",
                el("th", entry[lang]["term"], scope="row"),
                el("td", entry[other]["term"], lang=HTML_LANG[other]),
                el("td", entry[lang]["definition"]),
                id=entry["id"],
            )
        )
    head = el("thead", el("tr", *[el("th", n, scope="col") for n in names]))
    return el("table", head, el("tbody", Raw("".join(rows))), class_="glossary")


def references_html():
    items = []
    for ref in sorted(references(), key=lambda r: sort_key(r["citation"])):
        link = el("a", ref["url"], href=ref["url"]) if ref.get("url") else None
        items.append(el("li", Raw(_inline(ref["citation"])), " " if link else None, link, id=ref["id"]))
    return el("ul", Raw("".join(items)), class_="references")


def activities_html(competency_id, lang):
    check_lang(lang)
    items = [el("li", a[lang]) for a in competency(competency_id)["activities"]]
    return el("ul", Raw("".join(items)), class_="competency-activities")


@cache
def print_pages():
    data = json.loads((DATA / "print_pages.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


# How each printed blank form is named on the workshop page (the worksheets' own titles).
_PRINT_WORDS = {
    "en": {
        "blank": "blank form",
        "blank-deeper": "blank form with key activities",
        "sheets": "{n} A4 sheets",
        "sheet": "1 A4 sheet",
    },
    "no": {
        "blank": "tomt skjema",
        "blank-deeper": "tomt skjema med nøkkelaktiviteter",
        "sheets": "{n} A4-ark",
        "sheet": "1 A4-ark",
    },
}


def print_pages_html(lang):
    """The list of blank forms and the sheets each prints on (sitebuild/data/print_pages.json)."""
    check_lang(lang)
    words = _PRINT_WORDS[lang]
    items = []
    for worksheet, kinds in print_pages().items():
        title = Strings(worksheet.replace("-", "_"), lang)("title")
        for kind, counts in kinds.items():
            n = counts[lang]
            sheets = words["sheet"] if n == 1 else words["sheets"].format(n=n)
            items.append(el("li", el("strong", f"{title}, {words[kind]}"), f": {sheets}"))
    return el("ul", Raw("".join(items)), class_="print-pages")


MARKERS = re.compile(
    r"<!-- (glossary|references|print-pages|competency-activities: ([a-z0-9-]+)"
    r"|worksheet-example: ([a-z0-9-]+)/([a-z0-9-]+)) -->"
)


def fill_markers(html, lang):
    """Replace the content markers a page may hold with the generated HTML."""

    def replace(match):
        if match.group(1) == "glossary":
            return glossary_html(lang)
        if match.group(1) == "references":
            return references_html()
        if match.group(1) == "print-pages":
            return print_pages_html(lang)
        if match.group(3):
            return examples.example_html(match.group(3), match.group(4), lang)
        return activities_html(match.group(2), lang)

    return MARKERS.sub(replace, html)


def fill_page(html, lang, src_uri):
    """fill_markers, with a fault in the data named by the page that asked for it."""
    try:
        return fill_markers(html, lang)
    except (DataError, KeyError, FileNotFoundError) as error:
        raise BuildError(f"{src_uri}: {error}") from error


# The heading anchors' tooltip comes from the toc extension, which has one setting for all
# languages; the Norwegian pages get theirs here.
PERMALINK_TITLE = {"no": "Lenke til denne delen"}


def permalink_titles(html, lang, configured):
    """The heading links' title in the page's language, in place of the configured one."""
    if lang not in PERMALINK_TITLE:
        return html
    return re.sub(
        r'(<a class="headerlink" href="#[^"]*" title=")' + re.escape(configured) + '"',
        lambda m: m.group(1) + PERMALINK_TITLE[lang] + '"',
        html,
    )
