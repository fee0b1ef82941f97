"""The stakeholder matrix's team view (tools/stakeholder_team.py): names matched across groups,
merges and splits, the differences first, the combined plan and the picture."""

import random

from tools import stakeholder_team as st
from tools import team, worksheets
from tools.i18n import Strings

WS = "stakeholder-matrix"
FIELDS = ("name", "importance", "influence", "level", "activities", "timing", "responsible")


def t_for(lang):
    return Strings("stakeholder_matrix", lang)


def sm_text(rows, objective="Parenting programme", lang="en"):
    rows = [dict(zip(FIELDS, r, strict=False)) for r in rows]
    return worksheets.export(WS, "json", {"objective": objective, "stakeholders": rows}, lang)["text"]


def collected(files, data=None):
    result = team.collect(WS, data, files, "en")
    assert not result["refused"], result["refused"]
    return result["team"]


def test_names_match_across_case_spacing_punctuation_and_unicode_forms():
    assert len({team.normalise(n) for n in ("G.P.s", "gps", " G P s ", "ＧＰｓ", "GPS!")}) == 1
    assert team.normalise("Straße") == team.normalise("STRASSE")
    assert team.normalise("Helsesykepleiere") != team.normalise("Helsesøstre")
    files = [
        {"name": "table 1.json", "text": sm_text([("GPs", "high", "high", "collaborate")])},
        {"name": "table 2.json", "text": sm_text([("g.p.s", "high", "low", "collaborate")])},
    ]
    found = st.match(collected(files), t_for("en"))
    assert len(found) == 1 and found[0]["spellings"] == ["GPs", "g.p.s"]
    # Shown as most groups wrote it; a tie goes to the first group's spelling.
    assert found[0]["name"] == "GPs"
    assert found[0]["differs_quadrant"] and not found[0]["differs_level"]


def test_the_reader_merges_and_splits_names_the_matching_got_wrong():
    files = [
        {"name": "a.json", "text": sm_text([("GPs", "high", "high"), ("Family doctors", "high", "high")])},
        {"name": "b.json", "text": sm_text([("G.P.s", "low", "low"), ("Parents", "high", "low")])},
    ]
    data = collected(files)
    t = t_for("en")
    assert sorted(s["spellings"] for s in st.match(data, t)) == [["Family doctors"], ["G.P.s", "GPs"], ["Parents"]]
    merged = {**data, "merges": [{"name": "family  doctors", "canonical": "GPs"}]}
    assert sorted(s["spellings"] for s in st.match(merged, t)) == [["Family doctors", "G.P.s", "GPs"], ["Parents"]]
    split = {**data, "splits": [{"name": "G.P.s"}]}
    names = [s["spellings"] for s in st.match(split, t)]
    assert ["G.P.s"] in names and ["GPs"] in names
    # Merges that loop stop where they would come back.
    looped = {**data, "merges": [{"name": "GPs", "canonical": "Parents"}, {"name": "Parents", "canonical": "GPs"}]}
    assert st.match(looped, t)


def test_differences_come_first_and_any_order_of_groups_gives_the_same_view():
    rng = random.Random(27)
    names = ["GPs", "Parents", "Head teachers", "Youth council", "Municipal board", "Nurses"]
    files = []
    for g in range(8):
        rows = [
            (n, rng.choice(("low", "high")), rng.choice(("low", "high")), rng.choice(("inform", "consult")), f"act {g}")
            for n in names
            if rng.random() < 0.8
        ]
        files.append({"name": f"group {g}.json", "text": sm_text(rows)})
    data = collected(files)
    t = t_for("en")
    found = st.match(data, t)
    flags = [s["differs_quadrant"] or s["differs_level"] for s in found]
    assert flags == sorted(flags, reverse=True) and any(flags)
    expected = (team.view(WS, data, "en"), team.export(WS, "csv", data, "no")["text"])
    for _ in range(5):
        shuffled = files[:]
        rng.shuffle(shuffled)
        other = collected(shuffled)
        assert (team.view(WS, other, "en"), team.export(WS, "csv", other, "no")["text"]) == expected


def test_combined_plan_has_one_row_per_stakeholder_with_each_groups_plan():
    files = [
        {"name": "A.json", "text": sm_text([("GPs", "high", "high", "collaborate", "Monthly meeting", "May", "Kari")])},
        {"name": "B.json", "text": sm_text([("gps", "high", "high", "involve", "Newsletter", "June", "Ola")])},
    ]
    _, _, rows = st.plan_table(collected(files), t_for("en"))
    assert len(rows) == 1
    assert rows[0] == [
        "GPs",
        "A: Collaborate\nB: Involve",
        "A: Monthly meeting\nB: Newsletter",
        "A: May\nB: June",
        "A: Kari\nB: Ola",
    ]


def test_the_matrix_shows_every_group_and_hostile_names_stay_text():
    hostile = '<img src=x onerror="alert(1)">'
    files = [
        {"name": "a.json", "text": sm_text([(hostile, "high", "high", "inform", "=HYPERLINK(1)")])},
        {"name": "b.json", "text": sm_text([(hostile, "low", "high", "inform")])},
    ]
    data = collected(files)
    view = team.view(WS, data, "en")
    html = "".join(view["regions"].values())
    assert "<img" not in html and "&lt;img src=x" in html
    svg = view["regions"]["matrix"]
    assert "(1) ≠" in svg and "(2) ≠" in svg and "1: a" in svg and "2: b" in svg
    md = team.export(WS, "markdown", data, "en")["text"]
    assert "<img" not in md and "&lt;img" in md
    csv = team.export(WS, "csv", data, "en")["text"]
    assert "\n'=HYPERLINK" not in csv and "a: =HYPERLINK(1)" in csv
    # A name or a label that a spreadsheet would run as a formula stays text there.
    formula = [{"name": "=cmd.json", "text": sm_text([("=1+1", "low", "low")])}]
    csv = team.export(WS, "csv", collected(formula), "en")["text"]
    assert "\r\n'=1+1," in csv and ",'=cmd\r\n" in csv
