"""Translated strings for the worksheets: one JSON file per worksheet, both languages side by side."""

import json
from functools import cache
from pathlib import Path

LANGS = ("en", "no")
# Where each language's pages are, under the site's root (the i18n plugin's folder layout).
LANG_FOLDER = {"en": "", "no": "no/"}
# The values a string's "_one" form is chosen by (Strings.__call__).
PLURAL_BY = ("n", "count", "steps", "groups")
STRINGS_DIR = Path(__file__).parent / "strings"


@cache
def _load(name):
    return json.loads((STRINGS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def check_lang(lang):
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    return lang


def keys(name):
    """The keys of one strings file (the same in both languages)."""
    return tuple(_load(name)["en"])


class Strings:
    """The common strings, the page's (what its scripts show) and one worksheet's, in one language.

    site: the site's root address as the reader's browser sees it (for absolute links in
    exports); empty when unknown.
    """

    def __init__(self, worksheet, lang, site=""):
        self.lang = check_lang(lang)
        self.site = site if isinstance(site, str) else ""
        self.table = dict(_load("common")[lang])
        self.table.update(_load("page")[lang])
        if worksheet:
            self.table.update(_load(worksheet)[lang])

    def __call__(self, key, **values):
        # A count of one reads "1 entry", not "1 entries": a key may have a "<key>_one" twin,
        # used when the value it counts (n, count, steps or groups, the first given) is 1.
        counted = next((values[k] for k in PLURAL_BY if k in values), None)
        if str(counted) == "1" and f"{key}_one" in self.table:
            key = f"{key}_one"
        text = self.table[key]
        return text.format(**values) if values else text

    def subset(self, keys):
        return {k: self.table[k] for k in keys}


def list_words(items, and_word):
    """ "2, 3, 3 and 4" (English and Norwegian write lists the same way)."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {and_word} " + items[-1]
