"""Worked examples on the worksheet pages, computed by the worksheets' own rules at build time.

A page holds `<!-- worksheet-example: <worksheet id>/<example id> -->`; the build replaces it
with the example from tools/data/worksheet_examples.json, rendered by the worksheet module's
example_html(example, t). The data file holds only the story; results come from the code.
"""
import json
from functools import lru_cache
from pathlib import Path

from . import worksheets
from .i18n import Strings, check_lang

EXAMPLES_FILE = Path(__file__).parent / "data" / "worksheet_examples.json"


@lru_cache(maxsize=None)
def examples():
    return json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))


def example(worksheet_id, example_id):
    try:
        return examples()[worksheet_id][example_id]
    except KeyError:
        raise KeyError(f"no worked example {worksheet_id}/{example_id} in {EXAMPLES_FILE.name}") from None


def example_html(worksheet_id, example_id, lang):
    check_lang(lang)
    mod = worksheets.get(worksheet_id)
    return mod.example_html(example(worksheet_id, example_id), Strings(mod.STRINGS, lang))


def list_words(items, and_word):
    """"2, 3, 3 and 4" (English and Norwegian write lists the same way)."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {and_word} " + items[-1]
