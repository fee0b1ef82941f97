"""The competency self-check: its rules (deeper mode, strengths and growth, comparison, team
view), validation of files, exports, the command line and the form."""

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitebuild import team_summary
from tools import bridge, guide, team, worksheets
from tools import competency_self_check as cs
from tools.i18n import Strings
from tools.schema import Items, Record

ROOT = Path(__file__).resolve().parents[2]
NR = cs.NOT_RELEVANT
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(params=["en", "no"])
def lang(request):
    return request.param


def t_for(lang):
    return Strings(cs.STRINGS, lang)


def ids():
    return cs.competency_ids()


def state_with(levels=None, mode="quick", **extra):
    """Validated data with the given overall levels ({id: level})."""
    data = {"mode": mode, "competencies": {cid: {"level": v} for cid, v in (levels or {}).items()}, **extra}
    state, errors = worksheets.clean(cs, data, t_for("en"))
    assert errors == []
    return state


def file_text(data, fmt=cs.FORMAT, version=cs.VERSION):
    return json.dumps({"format": fmt, "version": version, "data": data})


# ---------------------------------------------------------------- the guide's data is used, not copied


def test_fifteen_competencies_in_three_domains_and_six_principles():
    assert len(ids()) == 15 and len(set(ids())) == 15
    assert len(cs.domains()) == 3 and len(cs.principles()) == 6
    assert sum(len(comps) for _, comps in cs.by_domain()) == 15
    for c in cs.competencies():
        assert c["activities"], c["id"]
        assert len({a["id"] for a in c["activities"]}) == len(c["activities"])


def test_links_go_to_the_competency_on_its_domain_page():
    for d, comps in cs.by_domain():
        stem = Path(d["page"]).stem
        for c in comps:
            assert cs.competency_href(c) == f"../../guide/{stem}/#{c['id']}"


# ---------------------------------------------------------------- the deeper mode's rule


@pytest.mark.parametrize(
    "ratings, expected",
    [
        ([], None),
        ([None, None], None),
        ([NR], NR),
        ([NR, None, NR], NR),
        ([3], 3),
        ([2, 3, 3, 4], 3),
        ([2, 3], 2),  # the middle falls between two levels: the lower counts
        ([1, 4], 1),
        ([4, 4, 1], 4),
        ([1, NR, 4, None], 1),  # not relevant and unrated are left out
        ([NR, None, 2], 2),
        ([4, 3, 2, 1, 4], 3),
    ],
)
def test_activity_level(ratings, expected):
    assert cs.activity_level(ratings) == expected


def test_quick_mode_uses_the_overall_rating_and_ignores_activities():
    c = cs.competencies()[0]
    entry = {"level": 2, "activities": {a["id"]: 4 for a in c["activities"]}, "notes": ""}
    assert cs.competency_level(entry, "quick") == (2, "overall")
    assert cs.competency_level(entry, "") == (2, "overall")


def test_deeper_mode_takes_the_level_from_the_activities_or_keeps_the_overall_rating():
    c = cs.competencies()[0]
    acts = [a["id"] for a in c["activities"]]
    entry = {"level": 1, "activities": {a: None for a in acts}, "notes": ""}
    assert cs.competency_level(entry, "deeper") == (1, "overall")
    entry["activities"][acts[0]] = 3
    entry["activities"][acts[1]] = 4
    assert cs.competency_level(entry, "deeper") == (3, "activities")
    entry["level"] = None
    entry["activities"] = {a: None for a in acts}
    assert cs.competency_level(entry, "deeper") == (None, "")


def test_levels_apply_the_rule_to_the_whole_state():
    c = cs.competencies()[0]
    acts = [a["id"] for a in c["activities"]]
    state = state_with({c["id"]: "1", ids()[1]: "4"}, mode="deeper")
    state["competencies"][c["id"]]["activities"].update({acts[0]: 2, acts[1]: 2, acts[2]: NR})
    lv = cs.levels(state)
    assert lv[c["id"]] == 2 and lv[ids()[1]] == 4 and lv[ids()[2]] is None
    state["mode"] = "quick"
    assert cs.levels(state)[c["id"]] == 1


def test_the_level_note_says_which_rule_was_used(lang):
    t = t_for(lang)
    c = cs.competencies()[0]
    state = state_with({c["id"]: "2"}, mode="deeper")
    assert t("level_from_overall", level=cs.level_text(2, t)) in cs.level_note(state, c["id"], t)
    state["competencies"][c["id"]]["activities"][c["activities"][0]["id"]] = 4
    note = cs.level_note(state, c["id"], t)
    assert cs.level_text(4, t) in note and f"1 {'of' if lang == 'en' else 'av'} {len(c['activities'])}" in note
    state["mode"] = "quick"
    assert cs.level_note(state, c["id"], t) == ""


# ---------------------------------------------------------------- strengths and growth areas


def test_strengths_are_the_highest_level_given_when_it_is_3_or_4():
    a, b, c, d = ids()[:4]
    assert cs.strengths_and_growth({a: 4, b: 3, c: 4, d: 1}) == ([a, c], [d])
    assert cs.strengths_and_growth({a: 3, b: 3, c: 2}) == ([a, b], [c])


def test_growth_areas_are_the_lowest_level_given_when_it_is_1_or_2():
    a, b, c = ids()[:3]
    assert cs.strengths_and_growth({a: 2, b: 2, c: 2}) == ([], [a, b, c])
    assert cs.strengths_and_growth({a: 2, b: 1, c: 1}) == ([], [b, c])


def test_all_at_three_are_all_strengths_and_no_growth_area():
    assert cs.strengths_and_growth({cid: 3 for cid in ids()}) == (list(ids()), [])


def test_not_relevant_and_unrated_are_neither():
    a, b, c = ids()[:3]
    assert cs.strengths_and_growth({a: NR, b: None, c: NR}) == ([], [])
    assert cs.strengths_and_growth({a: NR, b: 4}) == ([b], [])
    assert cs.strengths_and_growth({}) == ([], [])


def test_strengths_come_in_the_guides_order():
    reversed_ids = list(reversed(ids()))
    assert cs.strengths_and_growth({cid: 4 for cid in reversed_ids})[0] == list(ids())


def test_domain_summary_averages_the_levels_1_to_4():
    d, comps = cs.by_domain()[0]
    lv = {comps[0]["id"]: 1, comps[1]["id"]: 4, comps[2]["id"]: NR}
    s = cs.domain_summary(lv)[d["id"]]
    assert s == {"rated": 2, "total": len(comps), "average": 2.5, "not_relevant": 1}
    assert cs.domain_summary({})[d["id"]]["average"] is None


# ---------------------------------------------------------------- comparison


def test_compare_per_competency():
    a, b, c, d, e, f = ids()[:6]
    rows, _ = cs.compare({a: 2, b: 3, c: 3, d: None, e: 2, f: NR}, {a: 3, b: 2, c: 3, d: 1, e: None, f: 2})
    assert rows[a] == (2, 3, 1, "up")
    assert rows[b] == (3, 2, -1, "down")
    assert rows[c] == (3, 3, 0, "same")
    assert rows[d] == (None, 1, None, "newly-rated")
    assert rows[e] == (2, None, None, "no-longer-rated")
    assert rows[f] == (NR, 2, None, "relevance")
    assert rows[ids()[6]] == (None, None, None, "")


def test_compare_per_domain_uses_only_competencies_rated_1_to_4_both_times():
    d, comps = cs.by_domain()[0]
    x, y, z = (c["id"] for c in comps[:3])
    _, per_domain = cs.compare({x: 1, y: 3, z: 4}, {x: 2, y: 4, z: None})
    before, after, change, count = per_domain[d["id"]]
    assert (before, after, change, count) == (2.0, 3.0, 1.0, 2)
    other = cs.by_domain()[1][0]["id"]
    assert per_domain[other] == (None, None, None, 0)


def test_comparison_region_lists_the_changes(lang):
    t = t_for(lang)
    a, b = ids()[:2]
    state = state_with({a: "3", b: "1"}, earlier={"date": "2024-05-01", "levels": {a: 2, b: 1}})
    html = cs.view(state, t)["regions"]["comparison"]
    name_a = cs.name_of(guide.competency(a), t)
    assert f"{name_a}: 2 → 3 (+1)" in html
    assert t("compare_group_up") in html and t("compare_group_same") in html
    assert "2024-05-01" in html and 'role="img"' in html
    assert cs.view(state_with({a: "3"}), t)["regions"]["comparison"] == f"<p>{t('compare_empty')}</p>"


# ---------------------------------------------------------------- team aggregation


def test_team_summary_counts_median_range_and_who():
    a, b = ids()[:2]
    people = [("Ann", {a: 4, b: NR}), ("Bo", {a: 2, b: None}), ("Cy", {a: 3, b: None}), ("Di", {a: 4, b: 1})]
    per, per_domain = cs.team_summary(people)
    assert per[a]["counts"] == {1: 0, 2: 1, 3: 1, 4: 2, NR: 0, None: 0}
    assert per[a]["median"] == 3.5 and (per[a]["min"], per[a]["max"]) == (2, 4)
    assert per[a]["by_level"][4] == ["Ann", "Di"]
    assert per[b]["counts"] == {1: 1, 2: 0, 3: 0, 4: 0, NR: 1, None: 2}
    assert per[b]["median"] == 1
    assert per[ids()[2]]["median"] is None and per[ids()[2]]["counts"][None] == 4
    d = cs.by_domain()[0][0]["id"]
    # Each person's domain average: Ann 4, Bo 2, Cy 3, Di 2.5.
    assert per_domain[d] == {"people": 4, "median": 2.75, "min": 2, "max": 4}


def test_team_tables_in_both_languages(lang):
    t = t_for(lang)
    a = ids()[0]
    people = [("Ann", {a: 4}), ("Bo", {a: 2})]
    _, head, rows = cs.team_table(people, t)
    first = dict(zip(head, rows[0]))
    assert first[t("col_median")] == "3"
    assert first[t("col_range")] == "2–4"
    assert first[t("col_who")] == t("who_at", level="4", names="Ann") + "; " + t("who_at", level="2", names="Bo")
    people = [("Ann", {a: 4}), ("Bo", {a: 3})]
    first = dict(zip(head, cs.team_table(people, t)[2][0]))
    assert first[t("col_median")] == ("3.5" if lang == "en" else "3,5")


def test_team_people_get_the_label_or_a_number():
    state = state_with(team=[{"label": "Ann", "levels": {}}, {"label": "  ", "levels": {}}])
    assert [label for label, _ in cs.team_people(state, t_for("en"))] == ["Ann", "Person 2"]


def write_files(tmp_path, *people):
    paths = []
    for i, (name, levels) in enumerate(people):
        data = {"name": name, "competencies": {cid: {"level": v} for cid, v in levels.items()}}
        text = worksheets.export(cs.ID, "json", data, "no" if i % 2 else "en")["text"]
        path = tmp_path / f"person{i}.json"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_command_line_markdown_and_csv(tmp_path, capsys):
    a = ids()[0]
    paths = write_files(tmp_path, ("Ann", {a: 4}), ("", {a: 2}), ("Cy", {a: NR}))
    assert team_summary.main([str(p) for p in paths]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Team summary")
    # A file with no name in it is labelled by its file name.
    assert "4: Ann; 2: person1; Not relevant: Cy" in out
    assert team_summary.main([str(p) for p in paths] + ["--format", "csv", "--lang", "no", "--labels", "A,B,C"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffPer kompetanse") and "4: A; 2: B; Ikke relevant: C" in out


def test_command_line_writes_to_a_file(tmp_path):
    paths = write_files(tmp_path, ("Ann", {ids()[0]: 3}))
    target = tmp_path / "out.md"
    assert team_summary.main([str(paths[0]), "-o", str(target)]) == 0
    assert "Ann" in target.read_text(encoding="utf-8")


def test_command_line_refuses_bad_files_and_writes_nothing(tmp_path, capsys):
    good = write_files(tmp_path, ("Ann", {ids()[0]: 3}))[0]
    bad = tmp_path / "bad.json"
    bad.write_text(file_text({"competencies": {"no-such-competency": {"level": 2}}}), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    target = tmp_path / "out.csv"
    code = team_summary.main(
        [str(good), str(bad), str(broken), str(tmp_path / "missing.json"), "-o", str(target), "--lang", "no"]
    )
    assert code == 2 and not target.exists()
    err = capsys.readouterr().err
    assert "bad.json" in err and "no-such-competency" in err and "broken.json" in err and "missing.json" in err
    assert "ikke gyldig JSON" in err


def test_command_line_labels_must_match_the_files(tmp_path, capsys):
    paths = write_files(tmp_path, ("Ann", {}), ("Bo", {}))
    assert team_summary.main([str(p) for p in paths] + ["--labels", "A"]) == 2
    assert "2" in capsys.readouterr().err


def test_command_line_runs_as_a_module(tmp_path):
    paths = write_files(tmp_path, ("Ann", {ids()[0]: 4}), ("Bo", {ids()[0]: 1}))
    result = subprocess.run(
        [sys.executable, "-m", "sitebuild.team_summary", *map(str, paths), "--format", "csv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    assert "4: Ann; 1: Bo" in result.stdout


# ---------------------------------------------------------------- files: validation and round trips


def full_data():
    c0, c1 = cs.competencies()[:2]
    return {
        "name": "Åse Ødegård",
        "role": "Rådgiver",
        "date": "2025-03-01",
        "mode": "deeper",
        "competencies": {
            c0["id"]: {
                "level": 3,
                "activities": {c0["activities"][0]["id"]: 4, c0["activities"][1]["id"]: NR},
                "notes": "Two workshops",
            },
            c1["id"]: {"level": NR},
        },
        "principles": {cs.principles()[0]["id"]: {"stance": "hard", "notes": "Hard with managers"}},
        "reflection": {"strengths": "Feedback", "practice": "Peer group"},
        "plan": [
            {
                "competency": ids()[3],
                "resources": "Course",
                "learn_from": "Kari",
                "next_steps": "Ask",
                "date": "2025-12-31",
            }
        ],
        "earlier": {"source": "old.json", "name": "Å", "date": "2024-03-01", "levels": {ids()[0]: 2}},
    }


def test_round_trip_is_the_same_in_both_languages():
    exported = {lang: worksheets.export(cs.ID, "json", full_data(), lang)["text"] for lang in ("en", "no")}
    assert exported["en"] == exported["no"]
    doc = json.loads(exported["en"])
    assert doc["format"] == "isp-competency-self-check" and doc["version"] == 1
    assert doc["data"]["competencies"][ids()[0]]["level"] == 3
    assert doc["data"]["competencies"][ids()[1]]["level"] == NR
    assert doc["data"]["competencies"][ids()[2]]["level"] is None
    for lang in ("en", "no"):
        result = worksheets.load(cs.ID, exported["en"], lang)
        assert result["ok"], result
        assert result["state"] == json.loads(exported["no"])["data"] | {"team": []}


def test_form_values_arrive_as_text_and_are_saved_as_numbers():
    state, errors = worksheets.clean(cs, {"competencies": {ids()[0]: {"level": "4"}}}, t_for("en"))
    assert errors == [] and state["competencies"][ids()[0]]["level"] == 4


@pytest.mark.parametrize(
    "case, data, needle",
    [
        ("unknown competency", {"competencies": {"co-dancing": {"level": 2}}}, "co-dancing"),
        ("unknown activity", {"competencies": {"co-learning": {"activities": {"juggling": 2}}}}, "juggling"),
        ("unknown principle", {"principles": {"be-loud": {"stance": "hard"}}}, "be-loud"),
        ("rating too high", {"competencies": {"co-learning": {"level": 5}}}, "5"),
        ("rating zero", {"competencies": {"co-learning": {"level": 0}}}, "0"),
        ("rating fraction", {"competencies": {"co-learning": {"level": 2.5}}}, "2.5"),
        ("rating word", {"competencies": {"co-learning": {"level": "high"}}}, "high"),
        ("rating boolean", {"competencies": {"co-learning": {"level": True}}}, "True"),
        ("earlier out of range", {"earlier": {"levels": {"co-learning": 9}}}, "9"),
        # The team view is kept in the browser only: a file that carries one is not one this site wrote.
        ("team in a file", {"team": [{"label": "A", "levels": {"nope": 1}}]}, "team"),
        ("bad stance", {"principles": {"be-curious": {"stance": "meh"}}}, "meh"),
        ("bad mode", {"mode": "turbo"}, "turbo"),
        ("bad date", {"date": "01.02.2025"}, "01.02.2025"),
        ("impossible date", {"plan": [{"date": "2025-02-30"}]}, "2025-02-30"),
        ("unknown plan competency", {"plan": [{"competency": "co-dancing"}]}, "co-dancing"),
        ("not a group", {"competencies": []}, ""),
        ("too long", {"name": "x" * 201}, "200"),
    ],
)
def test_invalid_files_are_refused_with_a_translated_reason(lang, case, data, needle):
    result = worksheets.load(cs.ID, file_text(data), lang)
    assert not result["ok"], case
    t = t_for(lang)
    assert result["message"] == t("import_invalid")
    assert result["details"] and needle in " ".join(result["details"])


def test_unknown_ids_are_named_in_the_readers_language():
    result = worksheets.load(cs.ID, file_text({"competencies": {"co-learning": {"level": 7}}}), "no")
    assert result["details"] == [
        "Kompetanser › Samlæring › Nivå: «7» er ikke en vurdering (1 til 4, eller «not-relevant»)."
    ]


@pytest.mark.parametrize(
    "text, key, values",
    [
        ("{ nope", "import_not_json", {}),
        (
            json.dumps({"format": "isp-stakeholder-matrix", "version": 1, "data": {}}),
            "import_wrong_format",
            {"found": "isp-stakeholder-matrix"},
        ),
        (json.dumps([1, 2]), "import_wrong_format", {"found": "–"}),
        (
            json.dumps({"format": cs.FORMAT, "version": 2, "data": {}}),
            "import_wrong_version",
            {"found": "2", "expected": 1},
        ),
    ],
)
def test_wrong_files_are_refused(lang, text, key, values):
    t = t_for(lang)
    if key == "import_wrong_format":
        values["expected"] = t("format_label")
    result = worksheets.load(cs.ID, text, lang)
    assert result == {"ok": False, "message": t(key, **values)}


def test_too_large_files_are_refused():
    result = worksheets.load(cs.ID, file_text({"name": "x" * 1_100_000}), "en")
    assert not result["ok"] and "too large" in result["message"]


def test_the_team_view_is_never_written_into_the_file_and_survives_an_import():
    team = [{"label": "Ann", "source": "a.json", "levels": {ids()[0]: 4}}]
    data = full_data() | {"team": team}
    doc = json.loads(worksheets.export(cs.ID, "json", data, "en")["text"])
    assert "team" not in doc["data"]
    result = worksheets.load(cs.ID, json.dumps(doc), "en", current={"team": team})
    assert result["ok"] and result["state"]["team"][0]["label"] == "Ann"
    assert worksheets.load(cs.ID, json.dumps(doc), "en")["state"]["team"] == []


# ---------------------------------------------------------------- files brought in: earlier and team


def exported(levels, name="", mode="quick", activities=None):
    comps = {cid: {"level": v} for cid, v in levels.items()}
    for cid, acts in (activities or {}).items():
        comps.setdefault(cid, {})["activities"] = acts
    return worksheets.export(
        cs.ID, "json", {"name": name, "date": "2024-02-03", "mode": mode, "competencies": comps}, "en"
    )["text"]


def test_attach_an_earlier_self_check_keeps_its_levels_after_the_deeper_rule():
    c = cs.competencies()[0]
    acts = {c["activities"][0]["id"]: 1, c["activities"][1]["id"]: 1}
    text = exported({c["id"]: 4, ids()[1]: 2}, name="Me", mode="deeper", activities={c["id"]: acts})
    result = worksheets.attach(cs.ID, "earlier", [{"name": "old.json", "text": text}], {}, "en")
    assert result["ok"] and result["message"] == "Comparing with old.json."
    earlier = result["state"]["earlier"]
    assert earlier["source"] == "old.json" and earlier["date"] == "2024-02-03" and earlier["name"] == "Me"
    assert earlier["levels"][c["id"]] == 1 and earlier["levels"][ids()[1]] == 2


def test_attach_an_earlier_self_check_needs_exactly_one_file():
    text = exported({})
    result = worksheets.attach(cs.ID, "earlier", [{"name": "a.json", "text": text}] * 2, {}, "no")
    assert not result["ok"] and "Velg én" in result["message"]


def test_a_team_kept_by_the_earlier_page_moves_into_the_team_view_once():
    """The page once kept its team inside the self-check's own entry; the team view takes those
    people over (labels, sources and levels), and a second time adds no one."""
    saved = {"team": [{"label": "Ann", "source": "a.json", "levels": {ids()[0]: 3}}, {"label": "Bo", "levels": {}}]}
    args = {"worksheet": cs.ID, "lang": "en", "team": None, "saved": saved}
    result = json.loads(bridge.call("team-adopt", json.dumps(args)))
    assert result["added"] == ["Ann", "Bo"]
    members = result["team"]["members"]
    assert members[0]["source"] == "a.json" and members[0]["levels"][ids()[0]] == 3
    again = json.loads(bridge.call("team-adopt", json.dumps({**args, "team": result["team"]})))
    assert again["added"] == [] and again["team"] == result["team"]
    view = team.view(cs.ID, result["team"], "en")
    assert [m["label"] for m in view["members"]] == ["Ann", "Bo"]


def test_attach_refuses_too_many_files_at_once():
    files = [{"name": "a.json", "text": "{}"}] * (worksheets.MAX_ATTACH_FILES + 1)
    assert not worksheets.attach(cs.ID, "earlier", files, {}, "en")["ok"]


# ---------------------------------------------------------------- what the page shows


def test_view_regions_and_rows(lang):
    t = t_for(lang)
    data = full_data() | {"team": [{"label": "Ann", "source": "a.json", "levels": {ids()[0]: 4}}]}
    view = worksheets.view(cs.ID, data, lang)
    assert view["errors"] == []
    assert {f"level-{cid}" for cid in ids()} <= set(view["regions"])
    for name in ("profile", "summary", "plan-hints", "comparison", "report"):
        assert view["regions"][name], name
    assert view["rows"]["plan"][0]["current"].startswith(t("plan_current", level="").split(":")[0])
    # The team is the team view's (tools/team.py), under the worksheet, no longer in its form.
    assert "team" not in view["regions"] and set(view["rows"]) == {"plan"}


def test_pictures_have_a_title_and_a_text_alternative_in_the_pages_language(lang):
    t = t_for(lang)
    state = state_with({ids()[0]: "3", ids()[1]: NR})
    html = cs.profile_html(state, cs.levels(state), t)
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svgs[1], re.S).group(1)
    for c in cs.competencies():
        assert cs.name_of(c, t).replace("&", "&amp;") in desc
    assert cs.level_text(3, t) in desc and t("level_not_relevant") in desc


def test_plan_hints_warn_beyond_three_and_about_duplicates(lang):
    t = t_for(lang)
    plan = [{"competency": cid} for cid in ids()[:4]] + [{"competency": ids()[0]}]
    view = worksheets.view(cs.ID, {"plan": plan}, lang)
    assert t("plan_too_many", count=4) in view["regions"]["plan-hints"]
    assert t("plan_duplicate") in view["rows"]["plan"][0]["current"]
    assert t("plan_duplicate") not in view["rows"]["plan"][1]["current"]


def test_summary_names_strengths_growth_and_principles(lang):
    t = t_for(lang)
    p = cs.principles()[0]
    data = {
        "competencies": {ids()[0]: {"level": 4}, ids()[1]: {"level": 1}},
        "principles": {p["id"]: {"stance": "resonates"}},
    }
    html = worksheets.view(cs.ID, data, lang)["regions"]["summary"]
    assert cs.name_of(guide.competency(ids()[0]), t) in html.split(t("growth_heading"))[0]
    assert cs.name_of(guide.competency(ids()[1]), t) in html.split(t("growth_heading"))[1]
    assert t("principles_resonates", names=cs.name_of(p, t)) in html


def test_numbers_follow_the_pages_language():
    assert cs.number(2.5, t_for("en")) == "2.5" and cs.number(2.5, t_for("no")) == "2,5"
    assert cs.number(3.0, t_for("no")) == "3" and cs.number(None, t_for("en")) == "–"
    assert cs.signed(-1, t_for("en")) == "−1" and cs.signed(0.25, t_for("no")) == "+0,2"


def test_hostile_text_is_escaped_in_every_region_and_export(lang):
    data = full_data()
    data["name"] = data["role"] = HOSTILE
    data["competencies"][ids()[0]]["notes"] = HOSTILE
    data["plan"][0]["next_steps"] = HOSTILE
    data["reflection"]["practice"] = HOSTILE
    data["earlier"]["source"] = HOSTILE
    data["team"] = [{"label": HOSTILE, "source": HOSTILE, "levels": {ids()[0]: 4}}]
    view = worksheets.view(cs.ID, data, lang)
    for name, region in view["regions"].items():
        assert "<img" not in region, name
    assert "&lt;img src=x" in view["regions"]["report"]
    for fmt in ("markdown",):
        text = worksheets.export(cs.ID, fmt, data, lang)["text"]
        assert re.search(r"(?<!\\)<(?!br>)", text) is None, fmt


def test_csv_exports_are_formula_safe(lang):
    data = full_data()
    data["competencies"][ids()[0]]["notes"] = '=HYPERLINK("http://x")'
    data["plan"][0]["resources"] = "+1+1"
    text = worksheets.export(cs.ID, "csv", data, lang)["text"]
    assert "'=HYPERLINK" in text and "'+1+1" in text
    assert not re.search(r"(^|,)[=+@]", text, re.M)


def test_csv_and_markdown_hold_every_section(lang):
    t = t_for(lang)
    for fmt in ("csv", "markdown"):
        text = worksheets.export(cs.ID, fmt, full_data(), lang)["text"]
        for key in ("md_ratings", "md_activities", "md_principles", "md_plan", "md_comparison"):
            assert t(key) in text, (fmt, key)
        assert "Åse Ødegård" in text


# ---------------------------------------------------------------- the form built into the page


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.controls, self.labels, self.ids, self.fields, self.template_fields = [], set(), [], [], []
        self.in_template, self.label_depth, self.links, self.regions = 0, 0, [], []
        self.in_item, self.item_fields = False, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self.in_template += 1
        if tag == "label":
            self.label_depth += 1
            if "for" in a:
                self.labels.add(a["for"])
        if self.in_template:
            if "data-field" in a:
                self.template_fields.append(a["data-field"])
            return
        if "id" in a:
            self.ids.append(a["id"])
        if tag in ("input", "select", "textarea"):
            self.controls.append((a, self.label_depth > 0))
        if tag == "li" and "data-item" in a:
            self.in_item = True
        if "data-field" in a:
            (self.item_fields if self.in_item else self.fields).append(a["data-field"])
        if tag == "a":
            self.links.append(a.get("href"))
        if "data-region" in a:
            self.regions.append(a["data-region"])

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        if tag == "label":
            self.label_depth -= 1
        if tag == "li":
            self.in_item = False


@pytest.fixture
def page(lang):
    p = Collect()
    p.feed(worksheets.render_page(cs.ID, lang, "v1"))
    return p


def paths(schema, prefix=""):
    """Every field path of a schema, with list items' paths under their list's name."""
    out = {}
    for name, field in schema.fields.items():
        path = f"{prefix}{name}"
        if isinstance(field, Items):
            out[path] = set(paths(field.record))
        elif isinstance(field, Record):
            out.update(paths(field, path + "."))
        else:
            out[path] = None
    return out


def test_the_form_has_every_field_of_the_saved_format(page):
    expected = paths(cs.SCHEMA)
    top = {p for p, v in expected.items() if v is None}
    lists = {p: v for p, v in expected.items() if v is not None}
    assert set(page.fields) == top
    assert set(page.item_fields) == lists["plan"]  # the first plan, ready to fill in
    # "team" is only what an earlier page kept, for the team view to take over (LOCAL_ONLY).
    assert set(page.template_fields) == lists["plan"] and set(lists) == {"plan", "team"}


def test_every_control_has_a_label(page):
    for control, wrapped in page.controls:
        if control.get("type") == "hidden":
            continue
        if control.get("type") == "file":
            assert wrapped, control
            continue
        assert control["id"] in page.labels, control


def test_ids_are_unique_and_the_same_in_both_languages():
    seen = {}
    for lang in ("en", "no"):
        p = Collect()
        p.feed(worksheets.render_page(cs.ID, lang, "v1"))
        assert len(p.ids) == len(set(p.ids))
        seen[lang] = p.ids
    assert seen["en"] == seen["no"]


def test_each_competency_links_to_its_page_and_has_a_level_region(page):
    for c in cs.competencies():
        assert cs.competency_href(c) in page.links
        assert f"level-{c['id']}" in page.regions
    for p in cs.principles():
        assert f"../../guide/principles/#{p['id']}" in page.links


def test_test_contract_and_the_file_inputs():
    html = worksheets.render_page(cs.ID, "no", "abc")
    assert 'data-worksheet="competency-self-check"' in html and 'data-ready="false"' in html
    assert 'data-format="isp-competency-self-check"' in html
    assert 'data-action="attach" data-into="earlier"' in html
    assert 'data-into="team"' not in html and 'data-list="team"' not in html


def test_the_blank_form_and_the_report(lang):
    t = t_for(lang)
    blank = cs.render_blank(t)
    for c in cs.competencies():
        assert cs.name_of(c, t).replace("&", "&amp;") in blank
        assert c["activities"][0][lang].replace("&", "&amp;").replace("'", "&#x27;") in blank
    assert t("plan_heading") in blank and "☐" in blank
    report = cs.report_html(state_with({ids()[0]: "2"}), t)
    assert "ISCA" in report and cs.level_text(2, t) in report


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_profile_shows_every_competency_and_domain_name_in_full(lang):
    svgs = worksheets.view(cs.ID, {}, lang)["regions"]["profile"]
    shown = " ".join(
        re.sub(r"<[^>]+>", " ", m) for m in re.findall(r'<text class="cs-(?:comp|domain)-name".*?</text>', svgs)
    )
    shown = " ".join(html.unescape(shown).split())
    assert "…" not in shown
    for c in guide.guide()["competencies"]:
        assert all(word in shown.split() for word in c["name"][lang].split()), c["name"][lang]
