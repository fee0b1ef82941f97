"""Collecting people's results into a team view (tools/team.py), the team file and the command
line (sitebuild/team_summary.py), for all three worksheets alike."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import team_summary
from tools import bridge, share, team, worksheets

ROOT = Path(__file__).resolve().parents[2]


def first_competency():
    from tools import competency_self_check as cs

    return cs.competency_ids()[0]


def a_file(worksheet_id, n, lang="en"):
    """A valid exported file of the worksheet whose content depends on n."""
    if worksheet_id == "vi-worksheet":
        data = {"assessments": [{"id": "a", "name": "Before", "what": f"case {n}"}]}
        data["assessments"][0]["evidence"] = {"research": {"level": ("low", "mid", "high")[n % 3]}}
    elif worksheet_id == "stakeholder-matrix":
        data = {"stakeholders": [{"name": f"Group {n}", "importance": "high", "influence": "low"}]}
    else:
        data = {"name": "", "role": f"role {n}", "competencies": {first_competency(): {"level": n % 4 + 1}}}
    return worksheets.export(worksheet_id, "json", data, lang)["text"]


WORKSHEETS = list(team.KINDS)


@pytest.mark.parametrize("worksheet_id", WORKSHEETS)
def test_a_bad_file_among_good_ones_is_refused_by_name_and_the_others_are_taken_in(worksheet_id):
    other = next(w for w in WORKSHEETS if w != worksheet_id)
    files = [
        {"name": "one.json", "text": a_file(worksheet_id, 1)},
        {"name": "broken.json", "text": "{ not json"},
        {"name": "other-worksheet.json", "text": a_file(other, 1)},
        {"name": "two.json", "text": a_file(worksheet_id, 2, "no")},
    ]
    result = team.collect(worksheet_id, None, files, "en")
    assert result["ok"] and result["added"] == ["one", "two"]
    assert [r["name"] for r in result["refused"]] == ["broken.json", "other-worksheet.json"]
    assert "not valid JSON" in result["refused"][0]["message"]
    assert "Not added: 2" in result["message"]
    view = team.view(worksheet_id, result["team"], "no")
    assert [m["label"] for m in view["members"]] == ["one", "two"]


@pytest.mark.parametrize("worksheet_id", WORKSHEETS)
def test_the_same_result_twice_is_noticed_even_from_another_file_or_a_team_file(worksheet_id):
    first = team.collect(worksheet_id, None, [{"name": "a.json", "text": a_file(worksheet_id, 1)}], "en")
    again = team.collect(
        worksheet_id,
        first["team"],
        [
            {"name": "copy.json", "text": a_file(worksheet_id, 1, "no")},
            {"name": "b.json", "text": a_file(worksheet_id, 2)},
        ],
        "en",
    )
    assert again["duplicates"] == [{"name": "copy.json", "same_as": "a"}]
    assert again["added"] == ["b"] and len(again["team"]["members"]) == 2
    exported = team.export(worksheet_id, "json", again["team"], "en")
    back = team.collect(worksheet_id, again["team"], [{"name": "team.json", "text": exported["text"]}], "en")
    assert len(back["duplicates"]) == 2 and back["added"] == []


@pytest.mark.parametrize("worksheet_id", ["vi-worksheet", "stakeholder-matrix"])
def test_the_limit_is_held_and_the_ones_past_it_named(worksheet_id):
    files = [{"name": f"p{n}.json", "text": a_file(worksheet_id, n)} for n in range(team.LIMIT + 2)]
    # Make every file different (the VI and stakeholder contents above repeat).
    files = [
        {"name": f["name"], "text": f["text"].replace('"Before"', f'"Before {n}"').replace("Group", f"Group {n}")}
        for n, f in enumerate(files)
    ]
    result = team.collect(worksheet_id, None, files, "en")
    assert len(result["team"]["members"]) == team.LIMIT == 60
    assert [r["name"] for r in result["refused"]] == ["p60.json", "p61.json"]
    assert "at most 60" in result["refused"][0]["message"]
    # A team file holding more than the limit is refused whole, as any invalid file is.
    doc = team.document(worksheet_id, {**result["team"], "members": result["team"]["members"] * 2})
    loaded = team.load(worksheet_id, json.dumps(doc), "en")
    assert not loaded["ok"] and any("60" in d for d in loaded["details"])


@pytest.mark.parametrize("worksheet_id", WORKSHEETS)
def test_json_export_imports_back_identical(worksheet_id):
    files = [{"name": f"person {n}.json", "text": a_file(worksheet_id, n)} for n in range(3)]
    data = team.collect(worksheet_id, None, files, "en")["team"]
    data["members"][0]["label"] = "Renamed <b>"
    exported = team.export(worksheet_id, "json", data, "no")
    assert exported["filename"].endswith(".json")
    loaded = team.load(worksheet_id, exported["text"], "en")
    assert loaded["ok"] and loaded["team"] == data
    assert team.export(worksheet_id, "json", loaded["team"], "en")["text"] == exported["text"]
    assert json.loads(exported["text"])["format"] == team.get(worksheet_id).FORMAT


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(version=2), "version 2"),
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d["data"]["members"][0].update(label=5), "expected text"),
        (lambda d: d["data"]["members"][0].update(secret="x"), "secret"),
        (lambda d: d["data"]["members"][0].update(label="x" * 101), "100 characters"),
    ],
)
def test_team_files_are_checked_strictly(change, reason):
    data = team.collect("vi-worksheet", None, [{"name": "a.json", "text": a_file("vi-worksheet", 1)}], "en")["team"]
    doc = team.document("vi-worksheet", data)
    change(doc)
    result = team.collect("vi-worksheet", None, [{"name": "bad-team.json", "text": json.dumps(doc)}], "en")
    assert result["added"] == [] and result["refused"][0]["name"] == "bad-team.json"
    said = result["refused"][0]["message"] + " ".join(result["refused"][0]["details"])
    assert reason in said


def test_share_links_are_taken_in_and_a_damaged_one_refused():
    data = json.loads(a_file("stakeholder-matrix", 3))["data"]
    link = share.make_link("stakeholder-matrix", data, "en", "https://example.org/worksheets/stakeholder-matrix/")
    out = json.loads(
        bridge.call(
            "team-add",
            json.dumps(
                {
                    "worksheet": "stakeholder-matrix",
                    "lang": "no",
                    "team": None,
                    "links": link["link"] + "\n\nhttps://example.org/#share=AAAA\n",
                }
            ),
        )
    )
    assert out["added"] == ["Lenke 1"] and [r["name"] for r in out["refused"]] == ["Lenke 2"]
    view = json.loads(
        bridge.call("team-view", json.dumps({"worksheet": "stakeholder-matrix", "lang": "no", "team": out["team"]}))
    )
    assert "Group 3" in view["regions"]["matrix"]


# ---------------------------------------------------------------- the command line


def write(tmp_path, worksheet_id, count):
    paths = []
    for n in range(count):
        path = tmp_path / f"{worksheet_id}-{n}.json"
        path.write_text(a_file(worksheet_id, n), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize(
    ("worksheet_id", "heading"),
    [
        ("vi-worksheet", "# VI worksheet: team view"),
        ("stakeholder-matrix", "# Stakeholder matrix: team view"),
        ("competency-self-check", "# Team summary"),
    ],
)
def test_command_line_works_for_each_worksheet(tmp_path, capsys, worksheet_id, heading):
    paths = write(tmp_path, worksheet_id, 3)
    assert team_summary.main([str(p) for p in paths]) == 0
    assert capsys.readouterr().out.startswith(heading)
    target = tmp_path / "team.json"
    assert team_summary.main([*map(str, paths), "--format", "json", "--labels", "A,B,C", "-o", str(target)]) == 0
    loaded = team.load(worksheet_id, target.read_text(encoding="utf-8"), "en")
    assert loaded["ok"] and sorted(m["label"] for m in loaded["team"]["members"]) == ["A", "B", "C"]
    # The team file goes back in, with a new file; the people it already holds are noticed.
    (tmp_path / "later").mkdir()
    extra = write(tmp_path / "later", worksheet_id, 4)[3]
    assert team_summary.main([str(target), str(extra), str(paths[0]), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("\ufeff") and "A" in captured.out
    assert "the same result as A" in captured.err


def test_command_line_refuses_files_of_different_worksheets(tmp_path, capsys):
    paths = write(tmp_path, "vi-worksheet", 1) + write(tmp_path, "stakeholder-matrix", 1)
    target = tmp_path / "out.md"
    assert team_summary.main([*map(str, paths), "-o", str(target), "--lang", "no"]) == 2
    assert not target.exists() and "ulike arbeidsark" in capsys.readouterr().err


def test_command_line_runs_as_a_module_for_the_vi_worksheet(tmp_path):
    paths = write(tmp_path, "vi-worksheet", 2)
    result = subprocess.run(
        [sys.executable, "-m", "sitebuild.team_summary", *map(str, paths), "--lang", "no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# VI-arbeidsark: teamoversikt") and "Midtverdi" in result.stdout


@pytest.mark.parametrize("worksheet_id", WORKSHEETS)
def test_a_blank_file_is_refused_as_holding_nothing_to_show(worksheet_id):
    blank = worksheets.export(worksheet_id, "json", None, "en")["text"]
    result = team.collect(worksheet_id, None, [{"name": "blank.json", "text": blank}], "no")
    assert result["added"] == [] and result["refused"][0]["message"].startswith("blank.json: den inneholder ingenting")


def test_view_choices_it_does_not_know_are_ignored():
    data = team.collect("vi-worksheet", None, [{"name": "a.json", "text": a_file("vi-worksheet", 1)}], "en")["team"]
    shown = team.view("vi-worksheet", data, "en", {"assessment": "before", "unknown": 1})
    assert shown["open"] == "before"
    assert team.view("stakeholder-matrix", None, "en", {"assessment": "x"})["members"] == []
