"""The VI = f(E, K, F) worksheet: element model, diagnosis rules, pointers, comparison, validation
and exports, on CPython."""

import copy
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_form import Collect  # the parser of the built form that the stakeholder tests use

from tools import bridge, worksheets
from tools import vi_worksheet as vi
from tools.i18n import LANGS, Strings

ROOT = Path(__file__).resolve().parents[2]
WS = vi.ID
HOSTILE = "<img src=x onerror=alert(1)>"
SVG = "{http://www.w3.org/2000/svg}"


def assessment(id_="a1", name="Fall prevention", **levels):
    """levels: research="high", leadership="low", ... (sub-element id with _ for -)."""
    a = vi.empty_assessment(id_)
    a["name"] = name
    for key, value in levels.items():
        sub = key.replace("_", "-")
        element = next(e for e, subs in vi.ELEMENTS.items() if sub in subs)
        a[element][sub]["level"] = value
    return a


def doc(*items, open_="", first="", second=""):
    return {"open": open_, "compare": {"first": first, "second": second}, "assessments": list(items)}


def file_text(data):
    return json.dumps({"format": vi.FORMAT, "version": vi.VERSION, "data": data})


ALL_STRONG = {s.replace("-", "_"): "high" for _, s in vi.SUB_ELEMENTS}


# ---------------------------------------------------------------- the element model


def test_the_model_has_the_parihs_elements_and_sub_elements():
    assert vi.ELEMENTS == {
        "evidence": ("research", "professional-experience", "client-experience", "local-data"),
        "context": ("culture", "leadership", "evaluation"),
        "facilitation": ("purpose", "role", "skills-and-attributes"),
    }
    assert vi.LEVELS == ("low", "low-mid", "mid", "mid-high", "high")


@pytest.mark.parametrize("lang", LANGS)
def test_every_sub_element_has_a_name_and_two_described_ends(lang):
    t = Strings(vi.STRINGS, lang)
    for _, s in vi.SUB_ELEMENTS:
        low, high = t(f"sub_{s}_low"), t(f"sub_{s}_high")
        assert t(f"sub_{s}") and len(low) > 20 and len(high) > 20 and low != high
    for e in vi.ELEMENTS:
        assert t(f"el_{e}") and t(f"el_{e}_intro")


def test_the_empty_assessment_matches_the_schema():
    a = vi.empty_assessment("x")
    assert set(a) == set(vi.ASSESSMENT.fields)
    assert all(a[e][s] == {"level": "", "signs": "", "notes": ""} for e, s in vi.SUB_ELEMENTS)


# ---------------------------------------------------------------- diagnosis rules


@pytest.mark.parametrize(
    "levels, expected",
    [
        (["", "", "", ""], "unrated"),
        (["high", "mid-high", "high", "high"], "strong"),
        (["high", "", "", ""], "strong"),
        (["high", "mid-high", "high", "mid"], "mixed"),
        (["low", "low-mid", "high"], "weak"),
        (["low", "high", "low-mid", "high"], "mixed"),  # exactly half weak is not "more than half"
        (["low", "low", "low", "high"], "weak"),
        (["mid", "mid", "mid"], "mixed"),
        (["low", "", ""], "weak"),
    ],
)
def test_element_status_rules(levels, expected):
    assert vi.element_status(levels) == expected


@pytest.mark.parametrize(
    "evidence, context, expected",
    [
        ("strong", "strong", "task"),
        ("strong", "mixed", "blend"),
        ("mixed", "mixed", "blend"),
        ("weak", "strong", "enabling"),
        ("mixed", "weak", "enabling"),
        ("weak", "weak", "enabling"),
        ("unrated", "strong", None),
        ("strong", "unrated", None),
    ],
)
def test_facilitation_approach_follows_evidence_and_context(evidence, context, expected):
    assert vi.facilitation_approach(evidence, context) == expected


@pytest.mark.parametrize(
    "approach, facilitation, expected",
    [
        (None, "strong", None),
        ("task", "unrated", "unrated"),
        ("task", "weak", "fits"),
        ("task", "mixed", "more"),
        ("blend", "weak", "lighter"),
        ("blend", "mixed", "fits"),
        ("blend", "strong", "more"),
        ("enabling", "weak", "lighter"),
        ("enabling", "mixed", "lighter"),
        ("enabling", "strong", "fits"),
    ],
)
def test_facilitation_fit(approach, facilitation, expected):
    assert vi.facilitation_fit(approach, facilitation) == expected


def test_diagnosis_lists_weak_spots_in_model_order():
    a = assessment(research="high", local_data="low", leadership="low-mid", evaluation="mid", role="low")
    d = vi.diagnose(a)
    assert d["weak_spots"] == [("evidence", "local-data"), ("context", "leadership"), ("facilitation", "role")]
    assert d["elements"]["evidence"] == {"status": "mixed", "rated": 2, "total": 4}
    assert d["elements"]["context"]["status"] == "mixed"
    assert d["approach"] == "blend" and d["fit"] == "lighter"


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", ["Strong", "Task-focused help may be enough", "most likely to succeed"]),
        ("no", ["Sterk", "Oppgaveorientert hjelp kan være nok", "størst sjanse"]),
    ],
)
def test_diagnosis_is_said_in_words_in_the_page_language(lang, words):
    html = worksheets.view(WS, doc(assessment(**ALL_STRONG)), lang)["regions"]["diagnosis"]
    for word in words:
        assert word in html


def test_diagnosis_waits_for_evidence_and_context_and_says_so_far():
    html = worksheets.view(WS, doc(assessment(research="high")), "en")["regions"]["diagnosis"]
    assert "so far (1 of 4 rated)" in html
    assert "Rate the sub-elements of evidence and of context first" in html


def test_no_numeric_total_is_shown():
    view = worksheets.view(WS, doc(assessment(**ALL_STRONG)), "en")
    text = re.sub(r"<[^>]+>", " ", view["regions"]["diagnosis"] + view["regions"]["picture"])
    assert not re.search(r"\b\d+\s*/\s*\d+\b|\bscore:|\bpoints\b", text)


# ---------------------------------------------------------------- pointers


def anchors(path):
    return set(re.findall(r"\{#([a-z0-9-]+)\}", path.read_text(encoding="utf-8")))


def test_every_sub_element_has_pointers_with_reasons_in_both_languages():
    data = vi.pointer_data()
    assert set(data["pointers"]) == {f"{e}.{s}" for e, s in vi.SUB_ELEMENTS}
    for key, pointers in data["pointers"].items():
        assert len(pointers) >= 2, key
        assert len({p["target"] for p in pointers}) == len(pointers), key
        for p in pointers:
            assert p["target"] in data["targets"], (key, p["target"])
            assert len(p["en"]) > 20 and len(p["no"]) > 20 and p["en"] != p["no"], (key, p["target"])


def test_every_target_is_used_and_well_formed():
    data = vi.pointer_data()
    used = {p["target"] for ps in data["pointers"].values() for p in ps}
    assert used == set(data["targets"])
    for tid, target in data["targets"].items():
        assert target["kind"] in ("competency", "driver", "page"), tid
        assert target["page"].endswith(".md") and not target["page"].startswith(("/", "."))
        assert target["en"] and target["no"]


def test_the_examples_from_the_issue_are_mapped():
    targets = lambda key: {p["target"] for p in vi.pointer_data()["pointers"][key]}  # noqa: E731
    assert "cultivating-leaders-and-champions" in targets("context.leadership")
    assert "conducting-improvement-cycles" in targets("context.evaluation")
    assert {"co-design", "addressing-power-differentials"} <= targets("evidence.client-experience")


@pytest.mark.parametrize("tid", sorted(vi.pointer_data()["targets"]))
def test_every_target_exists_in_both_languages(tid):
    target = vi.pointer_data()["targets"][tid]
    for root in (ROOT / "docs", ROOT / "docs" / "no"):
        page = root / target["page"]
        assert page.is_file(), f"{tid}: {page.relative_to(ROOT)} does not exist"
        assert target["anchor"] in anchors(page), f"{tid}: no {{#{target['anchor']}}} in {page.relative_to(ROOT)}"


def test_pointer_links_are_relative_to_the_worksheet_page():
    target = vi.pointer_data()["targets"]["cultivating-leaders-and-champions"]
    assert vi.page_href(target) == "../../guide/sustaining-change/#cultivating-leaders-and-champions"


@pytest.mark.parametrize("lang", LANGS)
def test_weak_spots_get_their_pointers_and_reasons(lang):
    html = worksheets.view(WS, doc(assessment(leadership="low")), lang)["regions"]["pointers"]
    for p in vi.pointers_for("context", "leadership"):
        assert f'href="{vi.page_href(p)}"' in html
        assert p["why"][lang] in html
    assert "#co-design" not in html


def test_no_weak_spot_no_pointers():
    html = worksheets.view(WS, doc(assessment(**ALL_STRONG)), "en")["regions"]["pointers"]
    assert "<a " not in html and "no weak spots" in html


# ---------------------------------------------------------------- several assessments and comparison


def test_the_open_assessment_is_the_one_shown():
    state = doc(assessment("a1", "Spring"), assessment("a2", "Autumn", research="low"), open_="a2")
    view = worksheets.view(WS, state, "en")
    assert "Research" in view["regions"]["pointers"]
    assert "Autumn" in view["regions"]["report"] and "Spring" not in view["regions"]["report"]


def test_changes_between_two_assessments():
    a = assessment("a1", research="low", culture="high", role="mid")
    b = assessment("a2", research="mid", culture="mid-high", role="mid", leadership="high")
    rows = {(e, s): (la, lb, c) for e, s, la, lb, c in vi.changes(a, b)}
    assert rows[("evidence", "research")] == ("low", "mid", "up")
    assert rows[("context", "culture")] == ("high", "mid-high", "down")
    assert rows[("facilitation", "role")] == ("mid", "mid", "same")
    assert rows[("context", "leadership")] == ("", "high", "none")
    assert len(rows) == len(vi.SUB_ELEMENTS)


def test_comparison_shows_both_side_by_side():
    state = doc(
        assessment("a1", "Spring", research="low"), assessment("a2", "Autumn", research="high"), first="a1", second="a2"
    )
    html = worksheets.view(WS, state, "en")["regions"]["comparison"]
    assert "Spring compared with Autumn" in html and "Higher" in html
    svg = ET.fromstring(html[: html.index("</svg>") + 6])
    # One marker of each shape in the legend, one for each assessment's rating of research.
    assert len(svg.findall(f"{SVG}circle")) == 2 and len(svg.findall(f"{SVG}polygon")) == 2
    assert "Spring: Evidence (E)" in svg.find(f"{SVG}desc").text


@pytest.mark.parametrize(
    "first, second, says",
    [("", "", "Choose two assessments"), ("a1", "a1", "two different"), ("a1", "zz", "Choose two")],
)
def test_comparison_needs_two_different_assessments(first, second, says):
    state = doc(assessment("a1"), assessment("a2"), first=first, second=second)
    assert says in worksheets.view(WS, state, "en")["regions"]["comparison"]


# ---------------------------------------------------------------- the picture


@pytest.mark.parametrize("lang", LANGS)
def test_picture_is_labelled_and_places_each_rated_sub_element(lang):
    state = doc(assessment(name=HOSTILE, research="high", local_data="low"))
    svg = ET.fromstring(worksheets.view(WS, state, lang)["regions"]["picture"])
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text
    desc = svg.find(f"{SVG}desc").text
    t = Strings(vi.STRINGS, lang)
    assert f"{t('sub_research')} {t('lvl_high')}" in desc
    assert f"{t('sub_culture')} {t('not_rated')}" in desc
    circles = svg.findall(f"{SVG}circle")
    assert len(circles) == 2
    xs = sorted(float(c.get("cx")) for c in circles)
    assert xs[0] < xs[1]  # low sits left of high


# ---------------------------------------------------------------- validation and import


def test_export_then_import_gives_the_same_data_in_either_language():
    a = assessment("a1", "Spring æøå", research="high", culture="low-mid")
    a["actions"] = "Count falls\nmonthly"
    a["evidence"]["research"]["signs"] = "Two reviews"
    state = doc(a, assessment("b-2", "Autumn"), open_="b-2", first="a1", second="b-2")
    exported = worksheets.export(WS, "json", state, "no")["text"]
    loaded = worksheets.load(WS, exported, "en")
    assert loaded["ok"] and loaded["state"] == state
    assert json.loads(exported)["format"] == "isp-vi-worksheet" and json.loads(exported)["version"] == 1


def test_left_out_fields_and_groups_count_as_empty():
    loaded = worksheets.load(WS, file_text({"assessments": [{"id": "a1", "name": "Only a name"}]}), "en")
    assert loaded["ok"]
    item = loaded["state"]["assessments"][0]
    assert item["evidence"]["research"] == {"level": "", "signs": "", "notes": ""}
    assert loaded["state"]["compare"] == {"first": "", "second": ""}


@pytest.mark.parametrize(
    "data, says",
    [
        (
            {"assessments": [{"id": "a1", "evidence": {"research": {"level": "very high"}}}]},
            "Assessment 1 › Evidence (E) › Research › Where we stand",
        ),
        ({"assessments": [{"id": "a1"}, {"id": "a1"}]}, "is used twice"),
        ({"assessments": [{"id": "a b"}]}, "identifier must be"),
        ({"assessments": [{"name": "no id"}]}, "identifier must be"),
        ({"open": "zz", "assessments": [{"id": "a1"}]}, "no assessment has the identifier"),
        ({"compare": {"first": "a1", "second": "zz"}, "assessments": [{"id": "a1"}]}, "Second assessment"),
        ({"assessments": [{"id": "a1", "score": 7}]}, "Unknown field"),
        ({"assessments": [{"id": f"a{i}"} for i in range(51)]}, "at most 50"),
        ({"assessments": [{"id": "a1", "context": "weak"}]}, "expected a group of fields"),
        ({"assessments": "a1"}, "expected a list"),
    ],
)
def test_invalid_files_are_refused_with_a_reason(data, says):
    loaded = worksheets.load(WS, file_text(data), "en")
    assert not loaded["ok"]
    assert any(says in d for d in loaded["details"]), loaded["details"]


def test_invalid_file_messages_are_translated():
    data = {"assessments": [{"id": "a1"}, {"id": "a1"}]}
    loaded = worksheets.load(WS, file_text(data), "no")
    assert "ikke er gyldige" in loaded["message"] and "brukt to ganger" in loaded["details"][0]


@pytest.mark.parametrize(
    "text, says",
    [
        ("{ not json", "not valid JSON"),
        (json.dumps({"format": "isp-stakeholder-matrix", "version": 1, "data": {}}), "is not a VI = f(E, K, F)"),
        (json.dumps({"format": vi.FORMAT, "version": 2, "data": {}}), "uses version 2"),
        (file_text({"assessments": [{"id": "a1", "notes": "x" * (worksheets.max_file_bytes(vi) + 1)}]}), "too large"),
    ],
)
def test_wrong_files_are_refused(text, says):
    loaded = worksheets.load(WS, text, "en")
    assert not loaded["ok"] and says in loaded["message"]


def test_view_survives_damaged_browser_state():
    view = worksheets.view(WS, {"assessments": [{"id": "a1", "evidence": 5}], "open": 3}, "en")
    assert view["errors"] and "picture" in view["regions"]


# ---------------------------------------------------------------- exports


def test_csv_has_every_assessment_and_neutralises_formulas():
    a = assessment("a1", '=HYPERLINK("x")', research="high")
    a["evidence"]["research"]["notes"] = "+1 and more"
    text = worksheets.export(WS, "csv", doc(a, assessment("a2", "Second")), "en")["text"]
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    cells = [c for r in rows for c in r]
    assert '\'=HYPERLINK("x")' in cells and "'+1 and more" in cells
    assert sum(1 for r in rows if r and r[0] == "Second") == len(vi.SUB_ELEMENTS) + 1


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_summary_has_ratings_diagnosis_notes_pointers_and_actions(lang):
    a = assessment("a1", "Spring", leadership="low", research="high")
    a["context"]["leadership"]["notes"] = "Manager on leave"
    a["actions"] = "Meet the manager in May"
    state = doc(a, assessment("a2", "Autumn", leadership="mid"), first="a1", second="a2")
    md = worksheets.export(WS, "markdown", state, lang, "http://127.0.0.1:8000/practice-guide/")["text"]
    t = Strings(vi.STRINGS, lang)
    for text in (
        "Manager on leave",
        "Meet the manager in May",
        t("md_ratings"),
        t("diagnosis_heading"),
        t("pointers_heading"),
        t("approach_enabling"),
        t("actions"),
    ):
        assert vi.exports.md_text(text) in md, text
    prefix = "no/" if lang == "no" else ""
    assert (
        f"(http://127.0.0.1:8000/practice-guide/{prefix}guide/sustaining-change/#cultivating-leaders-and-champions)"
    ) in md
    assert vi.exports.md_text(t("compare_caption", first="Spring", second="Autumn")) in md


def test_markdown_without_a_usable_site_address_names_the_page_instead():
    state = doc(assessment(leadership="low"))
    for site in ("", "javascript:alert(1)", "file:///tmp/x"):
        md = worksheets.export(WS, "markdown", state, "en", site)["text"]
        assert "](" not in md
        assert "`guide/sustaining-change/#cultivating-leaders-and-champions`" in md
        assert "javascript:" not in md


def test_bridge_passes_the_site_address_to_exports():
    args = {
        "worksheet": WS,
        "lang": "en",
        "format": "markdown",
        "site": "https://example.org/guide/",
        "data": doc(assessment(evaluation="low")),
    }
    text = json.loads(bridge.call("export", json.dumps(args)))["text"]
    assert "https://example.org/guide/guide/ongoing-improvement/#conducting-improvement-cycles" in text


def test_hostile_text_is_inert_in_every_output():
    a = assessment("a1", HOSTILE, research="low")
    for f in ("what", "where", "when", "who", "actions"):
        a[f] = HOSTILE
    a["evidence"]["research"]["notes"] = HOSTILE
    state = doc(a, assessment("a2", HOSTILE), first="a1", second="a2")
    view = worksheets.view(WS, state, "en")
    for name, html in view["regions"].items():
        assert "<img" not in html, name
    assert "&lt;img src=x" in view["regions"]["report"]
    md = worksheets.export(WS, "markdown", state, "en")["text"]
    assert re.search(r"(?<!\\)<(?!br>)", md) is None


# ---------------------------------------------------------------- the form built into the page


def schema_paths(record, prefix=""):
    for name, field in record.fields.items():
        if hasattr(field, "fields"):
            yield from schema_paths(field, f"{prefix}{name}.")
        else:
            yield prefix + name


@pytest.fixture(params=LANGS)
def page(request):
    p = Collect()
    p.feed(worksheets.render_page(WS, request.param, "v1"))
    return p


def test_every_control_is_labelled_and_ids_are_unique(page):
    for control in page.controls:
        if control.get("type") in ("file", "hidden"):
            continue
        assert control["id"] in page.labels, control
    assert len(page.ids) == len(set(page.ids))


def test_the_form_has_every_field_of_the_saved_format(page):
    item = set(schema_paths(vi.ASSESSMENT))
    top = {"compare.first", "compare.second"}
    assert set(page.fields) == item | top


def test_each_rating_offers_five_points_and_describes_both_ends():
    html = worksheets.render_page(WS, "en")
    select = re.search(r'<select id="vi-context-leadership-level"[^>]*>(.*?)</select>', html)
    assert re.findall(r'value="([^"]*)"', select.group(1)) == ["", *vi.LEVELS]
    assert 'aria-describedby="vi-context-leadership-low vi-context-leadership-high"' in select.group(0)
    assert 'id="vi-context-leadership-low"' in html and 'id="vi-context-leadership-high"' in html


def test_test_contract_and_collection_markers():
    html = worksheets.render_page(WS, "no", "abc")
    assert 'data-worksheet="vi-worksheet"' in html and 'data-ready="false"' in html
    assert 'data-collection-item="assessments"' in html and "data-collection-select" in html


@pytest.mark.parametrize("lang", LANGS)
def test_blank_form_has_every_scale_with_both_ends(lang):
    t = Strings(vi.STRINGS, lang)
    html = vi.render_blank(t)
    for _e, s in vi.SUB_ELEMENTS:
        assert vi.esc(t(f"sub_{s}_low")) in html and vi.esc(t(f"sub_{s}_high")) in html
    assert html.count("☐") == len(vi.SUB_ELEMENTS) * len(vi.LEVELS)


def test_view_and_exports_leave_the_state_untouched():
    state = doc(assessment("a1", research="high"))
    before = copy.deepcopy(state)
    worksheets.view(WS, state, "en")
    worksheets.export(WS, "csv", state, "en")
    assert state == before


@pytest.mark.parametrize("lang", LANGS)
def test_printed_pointers_give_their_full_address_to_follow_from_paper(lang):
    data = doc(assessment(research="low"), open_="a1")
    site = "https://guide.example.org/practice-guide/"
    report = worksheets.view(WS, data, lang, site)["regions"]["report"]
    prefix = "no/" if lang == "no" else ""
    addresses = re.findall(r'class="vi-address"> &lt;([^&]+)&gt;', report)
    assert addresses and all(a.startswith(site + prefix) for a in addresses)
    # On screen the pointers stay plain links.
    assert "vi-address" not in worksheets.view(WS, data, lang, site)["regions"].get("pointers", "")
