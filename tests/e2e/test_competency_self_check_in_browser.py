"""The competency self-check in a real Chromium, on the real built site, with the real Pyodide: what
only this worksheet does (what every worksheet does is in test_worksheet_contract.py)."""

import json
import re

import pytest
from pages import form_values, read_download, wait_view
from playwright.sync_api import expect
from sheets import choose_files, cs_rate, self_check_file

from sitebuild import content
from tools import competency_self_check as cs
from tools.i18n import Strings

WS = "competency-self-check"
HOSTILE = "<img src=x onerror=alert(1)>"
S = {lang: Strings(cs.STRINGS, lang) for lang in ("en", "no")}
IDS = cs.competency_ids()
FIRST = cs.competencies()[0]  # co-learning, in the first domain
ACTS = [a["id"] for a in FIRST["activities"]]
# Words that must appear in each language whatever the strings file says (a translation check).
WORDS = {
    "en": {"confident": "Confident", "developing": "Developing"},
    "no": {"confident": "Trygg", "developing": "Under utvikling"},
}


def name(cid, lang):
    return cs.name_of(cs.competency_by_id(cid), S[lang])


def download(page, action, fmt=""):
    with page.expect_download() as info:
        page.locator(f"button[data-action='{action}']" + (f"[data-format='{fmt}']" if fmt else "")).click()
    return info.value.suggested_filename, read_download(info.value)


def desc(page, region, index=0):
    return page.locator(f"[data-region='{region}'] svg").nth(index).locator("desc").text_content()


# ---------------------------------------------------------------- rating and the picture


def test_rating_shows_the_profile_and_names_strengths_and_growth(open_worksheet, page, lang):
    t = S[lang]
    open_worksheet(WS, lang)
    expect(page.locator("html")).to_have_attribute("lang", "en" if lang == "en" else "nb")
    # The form is usable with the scale described and each competency linked to its page.
    expect(page.locator(f"#cs-competency-{FIRST['id']} h4 a")).to_have_attribute(
        "href", f"../../guide/co-creation-and-engagement/#{FIRST['id']}"
    )
    expect(page.locator("#cs-scale")).to_contain_text(WORDS[lang]["confident"])
    cs_rate(page, IDS[0], "3")
    cs_rate(page, IDS[1], "4")
    cs_rate(page, IDS[5], "1")
    cs_rate(page, IDS[6], "not-relevant")
    cs_rate(page, IDS[7], "2")
    wait_view(page)
    profile = page.locator("[data-region='profile'] svg")
    expect(profile).to_have_count(2)
    expect(profile.nth(0).locator("title")).to_have_text(t("profile_domains_title"))
    by_comp = desc(page, "profile", 1)
    assert f"{name(IDS[0], lang)}: 3 – {WORDS[lang]['confident']}." in by_comp
    assert f"{name(IDS[6], lang)}: {t('level_not_relevant')}." in by_comp
    by_domain = desc(page, "profile", 0)
    avg = "3.5" if lang == "en" else "3,5"
    assert avg in by_domain  # the first domain: levels 3 and 4
    summary = page.locator("[data-region='summary']")
    strengths, growth = summary.inner_text().split(t("growth_heading"))
    assert name(IDS[1], lang) in strengths and name(IDS[0], lang) not in strengths
    assert name(IDS[5], lang) in growth
    # The table alternative of the picture.
    page.locator("[data-region='profile'] details summary").click()
    expect(page.locator("[data-region='profile'] table")).to_contain_text(name(IDS[7], lang))


def test_deeper_mode_takes_the_level_from_the_key_activities(open_worksheet, page, lang):
    t = S[lang]
    open_worksheet(WS, lang)
    cs_rate(page, FIRST["id"], "1")
    activities = page.locator(f"#cs-competency-{FIRST['id']} .cs-activities")
    expect(activities).to_be_hidden()
    page.select_option("#cs-mode", "deeper")
    expect(activities).to_be_visible()
    expect(page.locator(f"#cs-{FIRST['id']}-level")).to_be_hidden()
    # The rule's note, beside the rating's effect on the profile (its domain's average).
    note = page.locator(f"[data-region='level-{FIRST['id']}'] p:not(.ws-effect)")
    expect(note).to_have_text(t("level_from_overall", level=cs.level_text(1, t)))
    page.select_option(f"#cs-{FIRST['id']}-a1", "2")
    page.select_option(f"#cs-{FIRST['id']}-a2", "3")
    page.select_option(f"#cs-{FIRST['id']}-a3", "not-relevant")
    expect(note).to_have_text(t("level_from_activities", level=cs.level_text(2, t), rated=3, total=len(ACTS)))
    assert f"{name(FIRST['id'], lang)}: 2 – {WORDS[lang]['developing']}." in desc(page, "profile", 1)
    page.select_option(f"#cs-{FIRST['id']}-a4", "4")
    page.select_option(f"#cs-{FIRST['id']}-a5", "4")
    expect(note).to_contain_text(cs.level_text(3, t))
    # Back to one rating per competency: the overall rating counts again, the activities are kept.
    page.select_option("#cs-mode", "quick")
    expect(activities).to_be_hidden()
    expect(note).to_have_count(0)
    expect(page.locator(f"[data-region='level-{FIRST['id']}'] .ws-effect")).to_be_visible()
    wait_view(page)
    assert f"{name(FIRST['id'], lang)}: 1 – " in desc(page, "profile", 1)
    assert page.locator(f"#cs-{FIRST['id']}-a2").input_value() == "3"


def test_principles_and_the_development_plan(open_worksheet, page, lang):
    t = S[lang]
    open_worksheet(WS, lang)
    cs_rate(page, IDS[3], "2")
    p0 = cs.principles()[0]["id"]
    page.select_option(f"#cs-principle-{p0}-stance", "hard")
    page.fill(f"#cs-principle-{p0}-notes", "With managers")
    plan = page.locator("ol[data-list='plan'] > li")
    plan.nth(0).locator("[data-field='competency']").select_option(IDS[3])
    expect(plan.nth(0).locator("[data-out='current']")).to_have_text(t("plan_current", level=cs.level_text(2, t)))
    plan.nth(0).locator("[data-field='resources']").fill("The regional course")
    plan.nth(0).locator("[data-field='learn_from']").fill("Kari in the quality team")
    plan.nth(0).locator("[data-field='next_steps']").fill("Join one improvement cycle")
    plan.nth(0).locator("[data-field='date']").fill("2026-06-30")
    page.get_by_role("button", name=t("add_plan")).click()
    expect(plan).to_have_count(2)
    expect(plan.nth(1).locator("legend")).to_have_text(t("plan_n", n=2))
    plan.nth(1).locator("[data-field='competency']").select_option(IDS[3])
    expect(plan.nth(1).locator("[data-out='current']")).to_contain_text(t("plan_duplicate"))
    for i in range(3):
        page.get_by_role("button", name=t("add_plan")).click()
        plan.nth(2 + i).locator("[data-field='competency']").select_option(IDS[4 + i])
    expect(page.locator("[data-region='plan-hints']")).to_contain_text(t("plan_too_many", count=4))
    expect(page.locator("[data-region='summary']")).to_contain_text(
        t("principles_hard", names=cs.name_of(cs.principles()[0], t))
    )
    report = page.locator("[data-region='report']")
    expect(report).to_contain_text("Kari in the quality team")
    expect(report).to_contain_text("2026-06-30")


# ---------------------------------------------------------------- files


def test_compare_with_an_earlier_self_check(open_worksheet, page, lang):
    t = S[lang]
    open_worksheet(WS, lang)
    cs_rate(page, IDS[0], "3")
    cs_rate(page, IDS[1], "2")
    cs_rate(page, IDS[2], "4")
    # Made in the other mode: its level follows the deeper rule (median of 1, 2 → 1).
    earlier = self_check_file(
        {IDS[0]: 2, IDS[1]: 3, IDS[2]: 4},
        mode="deeper",
        date="2024-05-06",
        activities={FIRST["id"]: {ACTS[0]: 1, ACTS[1]: 2}},
    )
    choose_files(page, "earlier", [("earlier.json", earlier)])
    message = page.locator("[data-message]")
    expect(message).to_have_text(t("earlier_added", filename="earlier.json"))
    region = page.locator("[data-region='comparison']")
    expect(region.locator("svg")).to_have_count(1)
    expect(region).to_contain_text(
        t("compare_intro", earlier=t("earlier_dated", date="2024-05-06"), source="earlier.json")
    )
    expect(region).to_contain_text(f"{name(IDS[0], lang)}: 1 → 3 (+2)")
    expect(region).to_contain_text(f"{name(IDS[1], lang)}: 3 → 2 (−1)")
    expect(region).to_contain_text(t("compare_group_same"))
    svg_desc = region.locator("svg desc").text_content()
    assert f"{name(IDS[2], lang)}: {t('change_same', level=cs.level_text(4, t))}." in svg_desc
    domain = cs.domains()[0]
    expected = "2.7 → 3 (+0.3)" if lang == "en" else "2,7 → 3 (+0,3)"
    expect(region).to_contain_text(f"{cs.name_of(domain, t)}: {expected}")
    page.get_by_role("button", name=t("compare_remove")).click()
    expect(region).to_have_text(t("compare_empty"))
    expect(message).to_have_text(t("compare_removed"))


def test_team_view_with_several_files(open_worksheet, page, lang):
    """The self-check's team view behaves as the other worksheets' (tools/team.py): several
    files at once, a bad one refused by name, labels from the files, exports and clearing."""
    t = S[lang]
    open_worksheet(WS, lang)
    files = [
        ("anna.json", self_check_file({IDS[0]: 4, IDS[1]: 3}, name="Anna")),
        ("bjorn.json", self_check_file({IDS[0]: 2, IDS[1]: "not-relevant"}, name="Bjørn")),
        ("c.json", self_check_file({IDS[0]: 3})),
        ("d.json", self_check_file({IDS[0]: 4, IDS[1]: 1}, name="Dag")),
    ]
    box = page.locator("[data-team]")
    people = box.locator("[data-team-label]")
    choose_files(page, "team", [*files[:3], ("bad.json", "{ not json")])
    expect(people).to_have_count(3)
    expect(box.locator("[data-team-message] li").first).to_contain_text("bad.json")
    choose_files(page, "team", files[3:])
    expect(people).to_have_count(4)
    expect(box.locator("[data-team-message]")).to_have_text(t("tv_added", count=1, total=4))
    # In the view's order (by label): Anna, Bjørn, c, Dag; a file without a name is its file's.
    expect(people.nth(2)).to_have_value("c")
    region = box.locator("[data-team-region='results']")
    expect(region.locator("svg")).to_have_count(1)
    median = "3.5" if lang == "en" else "3,5"
    expect(region.locator("svg desc")).to_contain_text(t("median_range_value", median=median, range="2–4"))
    assert f"{name(IDS[0], lang)}: " in region.locator("svg desc").text_content()
    row = region.locator("table").first.locator("tbody tr").first
    expect(row).to_contain_text(t("who_at", level="4", names="Anna, Dag"))
    # The labels are the user's to choose.
    people.nth(0).fill("A")
    people.nth(0).press("Tab")
    expect(row).to_contain_text(t("who_at", level="4", names="A, Dag"))
    box.locator("[data-action='team-remove']").nth(3).click()
    expect(people).to_have_count(3)
    expect(row).to_contain_text(t("who_at", level="4", names="A"))
    filename, md = download(page, "team-export", "markdown")
    assert filename == f"{t('tv_file_stem')}.md" and md.startswith(f"# {t('team_title')}")
    assert t("who_at", level="4", names="A") in md and "Dag" not in md
    filename, csv_text = download(page, "team-export", "csv")
    assert filename.endswith(".csv") and "Bjørn" in csv_text
    page.once("dialog", lambda d: d.accept())
    box.get_by_role("button", name=t("tv_clear")).click()
    expect(people).to_have_count(0)
    expect(region).to_contain_text(t("tv_empty"))


def test_bad_files_brought_in_say_why_and_change_nothing(open_worksheet, page, lang):
    t = S[lang]
    open_worksheet(WS, lang)
    cs_rate(page, IDS[0], "3")
    page.fill("#cs-name", "Keep me")
    wait_view(page)
    before = form_values(page)
    message = page.locator("[data-message]")
    cases = {
        "not json": ("this is { not json", t("import_not_json")),
        "wrong format": (
            json.dumps({"format": "isp-stakeholder-matrix", "version": 1, "data": {}}),
            t("import_wrong_format", expected=t("format_label"), found="isp-stakeholder-matrix"),
        ),
        "unknown id": (
            json.dumps({"format": cs.FORMAT, "version": 1, "data": {"competencies": {"co-juggling": {"level": 2}}}}),
            "co-juggling",
        ),
        "out of range": (
            json.dumps({"format": cs.FORMAT, "version": 1, "data": {"competencies": {IDS[0]: {"level": 7}}}}),
            "7",
        ),
        "too large": (
            json.dumps({"format": cs.FORMAT, "version": 1, "data": {"name": "x" * 1_200_000}}),
            t("import_too_large", filename="bad.json", size=1200, limit=1000).split("(")[0],
        ),
    }
    for case, (text, expected) in cases.items():
        choose_files(page, "earlier", [("bad.json", text)])
        expect(message).to_contain_text(expected)
        if case != "too large":
            expect(message).to_contain_text(t("attach_failed"))
            expect(message).to_contain_text("bad.json")
        assert form_values(page) == before, case
        page.evaluate("() => document.querySelector('[data-message]').replaceChildren()")
    page.reload()
    page.wait_for_selector('[data-ready="true"]')
    assert form_values(page) == before


def test_markup_in_files_brought_in_stays_text_in_the_comparison_and_the_team_view(
    open_worksheet, page, lang, no_dialogs_expected
):
    open_worksheet(WS, lang)
    cs_rate(page, IDS[0], "4")
    choose_files(page, "earlier", [(HOSTILE + ".json", self_check_file({IDS[0]: 2}, name=HOSTILE))])
    choose_files(page, "team", [(HOSTILE + ".json", self_check_file({IDS[0]: 2}, name=HOSTILE))])
    expect(page.locator("[data-team-region='results'] table").first).to_contain_text(HOSTILE)
    expect(page.locator("[data-region='comparison']")).to_contain_text(HOSTILE)
    assert page.locator("img[src='x']").count() == 0
    _, markdown = download(page, "team-export", "markdown")
    assert re.search(r"(?<!\\)<(?!br>)", markdown) is None, markdown
    page.reload()
    wait_view(page)
    expect(page.locator("[data-team-label]")).to_have_value(HOSTILE)
    assert page.locator("img[src='x']").count() == 0


# ---------------------------------------------------------------- keyboard, print, accessibility


def test_keyboard_alone_rates_switches_mode_and_plans(open_worksheet, page, lang):
    t = S[lang]
    open_worksheet(WS, lang)

    def tab_to(selector, limit=400, back=False):
        for _ in range(limit):
            page.keyboard.press("Shift+Tab" if back else "Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#cs-name")
    page.keyboard.type("Keyboard user")
    tab_to(f"#cs-{FIRST['id']}-level")
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # not rated -> 1 -> 2 -> 3
    assert page.locator(f"#cs-{FIRST['id']}-level").input_value() == "3"
    tab_to("#cs-mode", back=True)
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#cs-competency-{FIRST['id']} .cs-activities")).to_be_visible()
    tab_to(f"#cs-{FIRST['id']}-a1")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"[data-region='level-{FIRST['id']}']")).to_contain_text(cs.level_text(2, t))
    tab_to("li [data-field='competency']")
    page.keyboard.press("ArrowDown")
    expect(page.locator("ol[data-list='plan'] > li [data-out='current']")).to_contain_text(cs.level_text(2, t))
    tab_to("button[data-action='add'][data-list='plan']")
    page.keyboard.press("Enter")
    expect(page.locator("ol[data-list='plan'] > li")).to_have_count(2)
    assert page.evaluate("() => document.activeElement.dataset.field") == "competency"
    # The file choosers and their buttons are reachable too.
    tab_to("input[data-into='earlier']")
    tab_to("[data-team-files]")
    tab_to("button[data-action='team-export'][data-format='csv']")


@pytest.mark.parametrize("lang", ["en", "no"])
def test_deeper_mode_opens_one_competency_at_a_time(open_worksheet, page, lang):
    open_worksheet(WS, lang)
    page.select_option("#cs-mode", "deeper")
    visible = "els => els.filter(e => e.checkVisibility()).length"
    selects = page.locator(".cs-activities select")
    first = selects.evaluate_all(visible)
    assert 0 < first <= max(len(c["activities"]) for c in content.guide()["competencies"])
    second = page.locator(f"#cs-competency-{IDS[1]} .cs-activities > summary")
    second.click()
    expect(page.locator(f"#cs-competency-{IDS[1]} .cs-activities")).to_have_attribute("open", "")
    expect(page.locator(f"#cs-competency-{FIRST['id']} .cs-activities")).not_to_have_attribute("open", "")
    assert selects.evaluate_all(visible) == len(content.guide()["competencies"][1]["activities"])


@pytest.mark.parametrize("lang", ["en", "no"])
def test_files_chosen_in_quick_succession_are_all_taken_in(page, open_worksheet, lang):
    """Each file brought in starts from what the one before left: an earlier self-check and a
    team's files chosen one right after the other are both kept, whichever answer comes first."""
    open_worksheet("competency-self-check", lang)
    page.fill("#cs-name", "Ingrid")
    # Both choices in the same moment, as two quick clicks can be: the second is made before
    # Python has answered the first.
    page.evaluate(
        """files => {
        for (const [into, list] of files) {
            const input = document.querySelector(
                into === "team" ? "[data-team-files]" : `input[data-action='attach'][data-into='${into}']`,
            );
            const chosen = new DataTransfer();
            for (const [name, text] of list) chosen.items.add(new File([text], name, {type: "application/json"}));
            input.files = chosen.files;
            input.dispatchEvent(new Event("change", {bubbles: true}));
        }
    }""",
        [
            ["earlier", [["earlier.json", self_check_file({IDS[0]: 2}, name="Before")]]],
            [
                "team",
                [
                    ["a.json", self_check_file({IDS[0]: 3}, name="A")],
                    ["b.json", self_check_file({IDS[0]: 4}, name="B")],
                ],
            ],
        ],
    )
    expect(page.locator("[data-team-region='results'] table").first).to_be_visible()
    expect(page.locator("[data-region='comparison']")).to_contain_text("earlier.json")
    saved = page.evaluate("JSON.parse(localStorage.getItem('isp:competency-self-check')).data")
    assert saved["earlier"]["name"] == "Before" and saved["name"] == "Ingrid"
    team = page.evaluate("JSON.parse(localStorage.getItem('isp:competency-self-check:team')).team")
    assert [m["label"] for m in team["members"]] == ["A", "B"]
