"""Worked examples on the worksheet pages, computed by the worksheets' own rules at build time.

A page holds `<!-- worksheet-example: <worksheet id>/<example id> -->`; the build replaces it
with the example from sitebuild/data/worksheet_examples.json, rendered by the worksheet module's
example_html(example, t). The data file holds only the story; results come from the code.
"""

import json
from functools import cache
from pathlib import Path

from tools import share, worksheets
from tools.i18n import Strings, check_lang

EXAMPLES_FILE = Path(__file__).parent / "data" / "worksheet_examples.json"


@cache
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


# ---------------------------------------------------------------- pre-filled cases for workshops
# sitebuild/data/example_cases.json: one case per worksheet and language (a title, a line for the
# trainer, and the worksheet's data), handed out as a share link and as a file (workshop kit).
CASES_FILE = Path(__file__).parent / "data" / "example_cases.json"


@cache
def cases():
    return json.loads(CASES_FILE.read_text(encoding="utf-8"))


def case(worksheet_id, lang):
    check_lang(lang)
    return cases()[worksheet_id][lang]


def case_document(worksheet_id, lang):
    """The case as the worksheet's saved file: checked by the worksheet's own import, so a case
    that the worksheet would refuse fails the build."""
    mod = worksheets.get(worksheet_id)
    text = (
        json.dumps(
            {"format": mod.FORMAT, "version": mod.VERSION, "data": case(worksheet_id, lang)["data"]},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    loaded = worksheets.load(worksheet_id, text, lang)
    if not loaded["ok"]:
        raise ValueError(f"example case {worksheet_id}/{lang}: {loaded['message']} {loaded.get('details', '')}")
    return text


def case_filename(worksheet_id, lang):
    """The case's file name, in the reader's language: "interessentmatrise-case.json"."""
    t = worksheets.strings(worksheets.get(worksheet_id), lang)
    return f"{t('file_stem')}-case.json"


def case_fragment(worksheet_id, lang):
    """The share link's fragment for the case: "share=..." (tools/share.py)."""
    return f"{share.FRAGMENT_KEY}={share.encode(json.loads(case_document(worksheet_id, lang)))}"
