"""The team views on the worksheet pages (tools/team.py render_region and page_view), the team
file's size limit, counts of one, and the stakeholder view's corrections carried by its file."""

import html as html_module
import json
import re

import pytest
from test_team_collect import a_file

from tools import bridge, team, worksheets
from tools import vi_worksheet as vi
from tools.i18n import Strings

WORKSHEETS = list(team.KINDS)
HOSTILE = "<img src=x onerror=alert(1)>"


def vi_file(research):
    data = {"assessments": [{"id": "a", "name": "Before", "evidence": {"research": {"level": research}}}]}
    return worksheets.export("vi-worksheet", "json", data, "en")["text"]


def collected(worksheet_id, files, lang="en"):
    result = team.collect(worksheet_id, None, files, lang)
    assert not result["refused"], result["refused"]
    return result["team"]


@pytest.mark.parametrize("worksheet_id", WORKSHEETS)
def test_the_page_region_states_its_limits_and_is_the_same_in_both_languages(worksheet_id):
    shapes = {}
    for lang in ("en", "no"):
        html = str(team.render_region(worksheet_id, lang))
        t = worksheets.strings(team.get(worksheet_id), lang)
        size = worksheets.number(round(team.file_limit(worksheet_id) / 1e6, 1), lang)
        text = html_module.unescape(html)
        assert t("tv_limits", limit=team.get(worksheet_id).LIMIT, size=size) in text
        assert t("tv_kept") in text
        # The same controls and anchors in both languages (only the words differ).
        shapes[lang] = re.findall(r' (?:id|data-[a-z-]+|for|aria-labelledby)="[^"]*"', html)
    assert shapes["en"] == shapes["no"]
    assert ' data-team-files=""' in shapes["en"] and ' data-action="team-links"' in shapes["en"]


def test_a_team_file_is_held_to_a_size_a_browser_reads_and_a_larger_one_is_refused_with_the_reason():
    for worksheet_id in WORKSHEETS:
        assert worksheets.max_file_bytes(team.get(worksheet_id)) <= team.MAX_FILE_BYTES
    doc = team.document("stakeholder-matrix", team.empty("stakeholder-matrix"))
    text = json.dumps(doc)[:-1] + ', "pad": "' + "x" * team.MAX_FILE_BYTES + '"}'
    result = team.collect("stakeholder-matrix", None, [{"name": "huge.json", "text": text}], "en")
    assert result["added"] == [] and result["refused"][0]["name"] == "huge.json"
    assert "huge.json" in result["refused"][0]["message"]
    assert str(team.MAX_FILE_BYTES // 1000) in result["refused"][0]["message"].replace(",", "")


def test_a_count_of_one_is_said_in_the_singular():
    en, no = Strings(vi.STRINGS, "en"), Strings(vi.STRINGS, "no")
    assert en("limit_entries", n="1") == "1 entry" and en("limit_entries", n="2") == "2 entries"
    assert no("limit_entries", n="1") == "1 oppføring"
    assert not re.search(r"\b1 entries\b", str(worksheets.limits_html("vi-worksheet", "en")))
    # Two raters one step apart: "1 step", in the view and the exports.
    files = [{"name": f"{level}.json", "text": vi_file(level)} for level in ("low", "low-mid")]
    data = collected("vi-worksheet", files)
    html = team.view("vi-worksheet", data, "en")["regions"]["talk"]
    assert "1 step, from" in html and "1 steps" not in html
    assert "1 steps" not in team.export("vi-worksheet", "markdown", data, "en")["text"]
    one = collected("stakeholder-matrix", [{"name": "a.json", "text": a_file("stakeholder-matrix", 1)}])
    summary = team.view("stakeholder-matrix", one, "en")["regions"]
    assert "1 groups" not in "".join(summary.values()) and "One group" in summary["matrix"]


@pytest.mark.parametrize("worksheet_id", ["vi-worksheet", "stakeholder-matrix"])
def test_the_page_view_lists_the_people_with_their_labels_as_text_and_the_differences_before_the_picture(
    worksheet_id,
):
    data = collected(
        worksheet_id,
        [
            {"name": f"{HOSTILE}.json", "text": a_file(worksheet_id, 0)},
            {"name": "b.json", "text": a_file(worksheet_id, 1)},
        ],
    )
    result = json.loads(
        bridge.call("team-view", json.dumps({"worksheet": worksheet_id, "lang": "no", "team": data, "options": {}}))
    )
    members, results = result["html"]["members"], result["html"]["results"]
    assert "<img" not in members + results and "&lt;img src=x onerror=alert(1)&gt;" in members
    # Each label is an input holding the reader's label, keyed by the result's fingerprint.
    hashes = [m["hash"] for m in data["members"]]
    for h in hashes:
        assert f'data-team-label="{h}"' in members and f'data-hash="{h}"' in members
    assert "(2 av 60)" in members
    # The list of differences comes before the picture, in a box that says it scrolls.
    assert results.index("<table") < results.index("<svg") and results.index("ws-scroll-cue") < results.index("<table")


def test_the_stakeholder_corrections_travel_with_the_team_file_and_undo_by_index():
    files = [
        {"name": "a.json", "text": a_file("stakeholder-matrix", 1)},
        {"name": "b.json", "text": a_file("stakeholder-matrix", 2)},
    ]
    data = collected("stakeholder-matrix", files)
    names = {s["name"] for s in team.view("stakeholder-matrix", data, "en")["names"]}
    assert names == {"Group 1", "Group 2"}
    data["merges"] = [{"name": "Group 2", "canonical": "Group 1"}]
    view = team.page_view("stakeholder-matrix", data, "en")
    assert [s["name"] for s in view["names"]] == ["Group 1"]
    assert 'data-action="team-undo" data-list="merges" data-index="0"' in view["regions"]["matching"]
    text = team.export("stakeholder-matrix", "json", data, "en")["text"]
    back = team.collect("stakeholder-matrix", None, [{"name": "team.json", "text": text}], "no")["team"]
    assert back["merges"] == data["merges"] and back["members"] == data["members"]
    # Brought in twice, the corrections are not doubled.
    twice = team.collect("stakeholder-matrix", back, [{"name": "team.json", "text": text}], "no")
    assert twice["team"]["merges"] == data["merges"] and len(twice["duplicates"]) == 2


def test_collecting_says_each_refusal_and_repeat_in_a_line_of_its_own():
    good = a_file("vi-worksheet", 1)
    result = team.collect(
        "vi-worksheet",
        None,
        [{"name": "a.json", "text": good}, {"name": "b.json", "text": good}, {"name": "c.json", "text": "[]"}],
        "en",
    )
    assert result["added"] == ["a"]
    assert result["notes"][0].startswith("c.json")
    assert result["notes"][-1] == "b.json: the same result as a, so it was not added again."
