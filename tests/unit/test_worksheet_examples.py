"""Worked examples on the worksheet pages come from the worksheets' own rules at build time, so
an example can never disagree with what the worksheet does."""

import copy
import re
from pathlib import Path

import pytest

from sitebuild import content, examples
from tools import competency_self_check as cs
from tools import vi_worksheet as vi
from tools.i18n import LANGS, Strings

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"<!-- worksheet-example: ([a-z0-9-]+)/([a-z0-9-]+) -->")


def markers(lang):
    docs = ROOT / "docs" / ("no" if lang == "no" else "")
    found = set()
    for page in (docs / "worksheets").glob("*.md"):
        for wid, eid in MARKER.findall(page.read_text(encoding="utf-8")):
            assert page.stem == wid, f"{page}: an example of {wid} belongs on its own page"
            found.add((wid, eid))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_example_is_on_its_worksheet_page_in_both_languages(lang):
    data = examples.examples()
    defined = {(wid, eid) for wid, items in data.items() if isinstance(items, dict) for eid in items}
    assert markers(lang) == defined


def test_the_pages_have_no_hand_written_worked_example_left():
    for page in ("worksheets/vi-worksheet.md", "no/worksheets/vi-worksheet.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert "!!! example" not in text, page


@pytest.mark.parametrize("lang", LANGS)
def test_the_vi_example_shows_the_facilitation_the_rules_give(lang):
    t = Strings(vi.STRINGS, lang)
    example = examples.example("vi-worksheet", "fall-prevention")
    d = vi.diagnose(vi.example_assessment(example["levels"]))
    html = content.fill_markers("<!-- worksheet-example: vi-worksheet/fall-prevention -->", lang)
    assert d["approach"] == "blend"  # leadership middling, evaluation fairly low: a mixed context
    assert t("approach_blend").replace("'", "&#x27;") in html
    for other in ("task", "enabling"):
        assert t(f"approach_{other}") not in html
    for e, s in d["weak_spots"]:
        for p in vi.pointers_for(e, s):
            assert f'href="{vi.page_href(p)}"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_changing_a_rating_in_the_example_changes_what_the_page_says(lang, monkeypatch):
    t = Strings(vi.STRINGS, lang)
    example = copy.deepcopy(examples.example("vi-worksheet", "fall-prevention"))
    example["levels"]["context"].update({"leadership": "low", "culture": "low-mid"})
    html = vi.example_html(example, t)
    assert t("approach_enabling") in html and t("approach_blend").replace("'", "&#x27;") not in html


def test_the_example_stories_do_not_state_a_result_themselves():
    example = examples.example("vi-worksheet", "fall-prevention")
    for lang in LANGS:
        t = Strings(vi.STRINGS, lang)
        story = (example[lang]["setting"] + " " + example[lang]["after"]).casefold()
        for key in (
            "approach_short_task",
            "approach_short_blend",
            "approach_short_enabling",
            "status_weak",
            "status_mixed",
            "status_strong",
        ):
            assert not re.search(r"\b" + re.escape(t(key).casefold()) + r"\b", story), (lang, key)


def test_a_bad_level_in_the_example_data_stops_the_build():
    with pytest.raises(ValueError):
        vi.example_assessment({"context": {"leadership": "middling"}})


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "For example, activities rated 2, 3, 3 and 4 give 3; activities rated 2 and 3 give 2."),
        ("no", "To eksempler: aktiviteter vurdert til 2, 3, 3 og 4 gir 3; aktiviteter vurdert til 2 og 3 gir 2."),
    ],
)
def test_the_self_check_example_gives_the_levels_the_rule_gives(lang, expected):
    html = content.fill_markers("<!-- worksheet-example: competency-self-check/median -->", lang)
    assert expected in html
    for ratings in examples.example("competency-self-check", "median")["cases"]:
        assert cs.activity_level(ratings) == sorted(ratings)[(len(ratings) - 1) // 2]


def test_an_unknown_example_is_an_error():
    with pytest.raises(KeyError):
        content.fill_markers("<!-- worksheet-example: vi-worksheet/nothing-here -->", "en")
