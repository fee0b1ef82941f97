"""The VI worksheet's team view (tools/vi_team.py): each rater's place, the middle and the
spread per sub-element, the furthest apart first, and the diagnosis from the team's middle."""

import random
import statistics

import pytest

from tools import team, worksheets
from tools import vi_team as vt
from tools import vi_worksheet as vi
from tools.i18n import Strings

WS = vi.ID


def t_for(lang):
    return Strings(vi.STRINGS, lang)


def vi_text(assessments, lang="en"):
    """A VI worksheet file with the given [(name, {(element, sub): level})]."""
    data = {"assessments": []}
    for i, (name, levels) in enumerate(assessments):
        a = vi.empty_assessment(f"a{i}")
        a["name"] = name
        for (e, s), lv in levels.items():
            a[e][s]["level"] = lv
        data["assessments"].append(a)
    return worksheets.export(WS, "json", data, lang)["text"]


def generated(seed, raters=7):
    rng = random.Random(seed)
    files = []
    for r in range(raters):
        before = {(e, s): rng.choice(("", *vi.LEVELS)) for e, s in vi.SUB_ELEMENTS}
        after = {(e, s): rng.choice(vi.LEVELS) for e, s in vi.SUB_ELEMENTS}
        files.append({"name": f"rater-{r}.json", "text": vi_text([("Before", before), ("After", after)])})
    return files


def collected(files, lang="en"):
    result = team.collect(WS, None, files, lang)
    assert not result["refused"], result["refused"]
    return result["team"]


def test_any_order_of_files_gives_the_same_view_and_exports():
    files = generated(27)
    first = collected(files)
    expected = (
        team.view(WS, first, "en", {"assessment": "before"}),
        team.export(WS, "markdown", first, "no")["text"],
        team.export(WS, "csv", first, "en")["text"],
    )
    rng = random.Random(1)
    for _ in range(5):
        shuffled = files[:]
        rng.shuffle(shuffled)
        other = collected(shuffled)
        assert (
            team.view(WS, other, "en", {"assessment": "before"}),
            team.export(WS, "markdown", other, "no")["text"],
            team.export(WS, "csv", other, "en")["text"],
        ) == expected


def test_middle_and_spread_per_sub_element_agree_with_the_raters():
    files = generated(5, raters=6)
    data = collected(files)
    t = t_for("en")
    s = vt.summarise(data, t, "after")
    assert len(s["raters"]) == 6
    for row in s["rows"]:
        positions = [vi.LEVELS.index(lv) for _, lv in row["levels"]]
        assert row["median"] == statistics.median(positions)
        assert row["range"] == max(positions) - min(positions)
        assert row["split"] == (min(positions) <= 1 and max(positions) >= 3)
    ranges = [r["range"] for r in s["rows"]]
    assert ranges == sorted(ranges, reverse=True)


def test_before_and_after_stay_apart_by_name_matched_across_raters():
    files = [
        {"name": "ann.json", "text": vi_text([("Before", {("evidence", "research"): "low"}), ("After", {})])},
        {"name": "bo.json", "text": vi_text([(" before!", {("evidence", "research"): "high"})])},
    ]
    files[0]["text"] = vi_text(
        [("Before", {("evidence", "research"): "low"}), ("After", {("evidence", "research"): "mid"})]
    )
    data = collected(files)
    view = team.view(WS, data, "en", {"assessment": "before"})
    assert [a["key"] for a in view["assessments"]] == ["after", "before"]
    t = t_for("en")
    before = vt.summarise(data, t, "before")
    after = vt.summarise(data, t, "after")
    assert before["raters"] == ["ann", "bo"] and after["raters"] == ["ann"]
    research = next(r for r in before["rows"] if r["sub"] == "research")
    assert research["range"] == 4 and research["split"] and before["rows"][0] is research


def test_diagnosis_and_pointers_come_from_the_middle_with_a_note_where_the_raters_split():
    weak = dict.fromkeys((("context", s) for s in vi.ELEMENTS["context"]), "low")
    strong = {**dict.fromkeys((("evidence", s) for s in vi.ELEMENTS["evidence"]), "high")}
    files = [
        {"name": "a.json", "text": vi_text([("", {**strong, **weak})])},
        {"name": "b.json", "text": vi_text([("", {**strong, **weak})])},
        {"name": "c.json", "text": vi_text([("", {**strong, **weak, ("context", "culture"): "high"})])},
    ]
    data = collected(files)
    t = t_for("en")
    s = vt.summarise(data, t)
    d = s["diagnosis"]
    assert d["elements"]["evidence"]["status"] == "strong" and d["elements"]["context"]["status"] == "weak"
    assert d["approach"] == "enabling"
    assert s["split"] == {"context": ["culture"]} and s["approach_uncertain"]
    view = team.view(WS, data, "en")
    assert "Culture" in view["regions"]["summary"] and "uncertain" in view["regions"]["summary"]
    # The pointers name the weak sub-elements of the team's middle, as the worksheet's own do.
    assert view["regions"]["pointers"] == vi.pointers_html(s["team_assessment"], d, t)
    assert "Leadership" in view["regions"]["pointers"]
    # The unanimous ones raise no note.
    assert "Research" not in view["regions"]["summary"]


@pytest.mark.parametrize(
    ("levels", "middle"),
    [
        (("low", "low-mid"), "low-mid"),  # 0.5: towards the centre
        (("low-mid", "mid"), "mid"),
        (("mid", "mid-high"), "mid"),
        (("mid-high", "high"), "mid-high"),
        (("low", "high", "high"), "high"),
    ],
)
def test_a_middle_between_two_levels_counts_as_the_one_nearer_the_centre(levels, middle):
    assert vi.LEVELS[vt.middle_position([vi.LEVELS.index(lv) for lv in levels])] == middle


def test_the_picture_counts_the_raters_at_each_level_and_keeps_names_as_text():
    files = [
        {
            "name": "<img src=x onerror=alert(1)>.json",
            "text": vi_text([("<script>", {("evidence", "research"): "mid"})]),
        },
        {"name": "y.json", "text": vi_text([("<script>", {("evidence", "research"): "mid"})])},
    ]
    result = team.collect(WS, None, files, "en")
    # The same content twice is noticed, whatever the file is called.
    assert len(result["team"]["members"]) == 1 and result["duplicates"][0]["name"] == "y.json"
    view = team.view(WS, result["team"], "en")
    assert "<script>" not in str(view["regions"]) and "&lt;script&gt;" in view["regions"]["summary"]
    assert view["members"][0]["label"] == "<img src=x onerror=alert(1)>"  # the label is data; the page shows it as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in view["regions"]["talk"]
    assert "Research: Middle: 1; the team's middle: Middle." in view["regions"]["picture"].replace("&#x27;", "'")
