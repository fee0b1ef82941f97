"""How to fill in each worksheet, for the tests every worksheet shares
(test_worksheet_contract.py, test_data_safety_in_browser.py, test_share_links_in_browser.py,
test_phone_and_paper_in_browser.py, test_reliability.py). A worksheet listed in PAGES
(harness/pages.py) and described here gets all of them."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from pages import strings as t
from pages import wait_view
from playwright.sync_api import expect

from tools import competency_self_check as cs
from tools import vi_worksheet as vi
from tools import worksheets


@dataclass(frozen=True)
class Sheet:
    """short, text: a one-line text input and a textarea on the form as it first shows (the first
    match is used). fill(page, lang, text): fills in much of the form, `text` in the short and
    text fields and in a list item, so that every result region has something to show; shows:
    the regions where `text` then appears. choice: a select reached by keyboard; add: the button
    that adds an item, and added: the field that has the focus after it. local_lists: lists that
    stay in this browser (never in a file). part, results_heading, picture: a part of the form, the
    heading of its results and their picture; wide_part: a part deep in the form, for wide screens.
    """

    short: str
    text: str
    fill: Callable
    shows: tuple
    choice: str
    add: str
    added: str
    part: str
    results_heading: str
    picture: str
    wide_part: str
    local_lists: tuple = field(default=())


# ---------------------------------------------------------------- the stakeholder matrix


def sm_row(page, n):
    return page.locator("ol[data-list='stakeholders'] > li").nth(n)


def fill_stakeholder(page, n, name, importance="", influence="", level="", **text):
    row = sm_row(page, n)
    row.locator("[data-field='name']").fill(name)
    for name_, value in text.items():
        row.locator(f"[data-field='{name_}']").fill(value)
    for name_, value in (("importance", importance), ("influence", influence), ("level", level)):
        if value:
            row.locator(f"[data-field='{name_}']").select_option(value)


def fill_matrix(page, lang, text):
    page.locator("[data-field='objective']").fill(text)
    fill_stakeholder(page, 0, text, "low", "high", "involve", stake=text, activities="Meetings")
    page.locator(".ws-form button[data-action='add']").click()
    fill_stakeholder(page, 1, "Parents", "high", "low", timing="Spring")
    wait_view(page)


# ---------------------------------------------------------------- the VI worksheet


def vi_rate(page, element, sub, level):
    page.select_option(f"#vi-{element}-{sub}-level", level)


def fill_vi(page, lang, text):
    """Two assessments: the first with weak leadership, then a copy where it has become high."""
    s = t("vi-worksheet", lang)
    page.fill("#vi-name", text)
    page.fill("#vi-what", text)
    vi_rate(page, "evidence", "research", "high")
    vi_rate(page, "context", "leadership", "low")
    page.fill("#vi-context-leadership-notes", text)
    page.get_by_role("button", name=s("collection_copy")).click()
    expect(page.locator("#vi-name")).to_have_value(s("copy_name", name=text))
    page.fill("#vi-name", "Autumn")
    vi_rate(page, "context", "leadership", "high")
    page.select_option("#vi-compare-first", index=1)
    page.select_option("#vi-compare-second", index=2)
    page.fill("#vi-actions", "Meet the manager\nin May")
    wait_view(page)


# ---------------------------------------------------------------- the competency self-check

CS_IDS = cs.competency_ids()
CS_FIRST = cs.competencies()[0]


def self_check_file(levels, name="", mode="quick", activities=None, date="2024-03-01"):
    """A self-check's file as this site exports it."""
    comps = {cid: {"level": v} for cid, v in levels.items()}
    for cid, acts in (activities or {}).items():
        comps.setdefault(cid, {})["activities"] = acts
    data = {"name": name, "date": date, "mode": mode, "competencies": comps}
    return worksheets.export("competency-self-check", "json", data, "en")["text"]


def choose_files(page, into, files):
    """Bring files into the self-check (into: "earlier", or "team": its team view); files:
    [(name, text)]."""
    chooser = "[data-team-files]" if into == "team" else f"input[data-action='attach'][data-into='{into}']"
    page.locator(chooser).set_input_files(
        files=[{"name": n, "mimeType": "application/json", "buffer": text.encode("utf-8")} for n, text in files]
    )


def cs_rate(page, cid, value):
    page.select_option(f"#cs-{cid}-level", value)


def fill_self_check(page, lang, text):
    page.fill("#cs-name", text)
    page.fill("#cs-role", text)
    page.fill("#cs-date", "2025-03-01")
    cs_rate(page, CS_IDS[0], "3")
    cs_rate(page, CS_IDS[1], "4")
    cs_rate(page, CS_IDS[4], "not-relevant")
    page.fill(f"#cs-{CS_IDS[0]}-notes", text)
    page.select_option("#cs-mode", "deeper")
    page.select_option(f"#cs-{CS_FIRST['id']}-a1", "2")
    page.select_option(f"#cs-principle-{cs.principles()[2]['id']}-stance", "both")
    page.fill("[data-field='reflection.strengths']", text)
    plan = page.locator("ol[data-list='plan'] > li").first
    plan.locator("[data-field='competency']").select_option(CS_IDS[12])
    plan.locator("[data-field='next_steps']").fill(text)
    choose_files(page, "earlier", [(f"{text}.json", self_check_file({CS_IDS[0]: 1}, name=text))])
    expect(page.locator("[data-region='comparison'] svg")).to_have_count(1)
    wait_view(page)


SHEETS = {
    "stakeholder-matrix": Sheet(
        short="ol[data-list='stakeholders'] > li [data-field='name']",
        text="[data-field='objective']",
        fill=fill_matrix,
        shows=("summary", "report"),
        choice="ol[data-list='stakeholders'] > li [data-field='importance']",
        add=".ws-form button[data-action='add']",
        added="ol[data-list='stakeholders'] > li:last-child [data-field='name']",
        part="ol[data-list='stakeholders'] > li",
        results_heading="sm-matrix-heading",
        picture="[data-region='matrix'] svg",
        wide_part="ol[data-list='stakeholders'] > li [data-field='activities']",
    ),
    "vi-worksheet": Sheet(
        short="#vi-name",
        text="#vi-what",
        fill=fill_vi,
        shows=("report",),
        choice="#vi-evidence-research-level",
        add="[data-action='collection-add']",
        added="#vi-name",
        part="#vi-context-heading",
        results_heading="vi-picture-heading",
        picture="[data-region='picture'] svg",
        wide_part="#vi-context-heading",
    ),
    "competency-self-check": Sheet(
        short="#cs-role",
        text="[data-field='reflection.strengths']",
        fill=fill_self_check,
        shows=("report", "comparison"),
        choice=f"#cs-{CS_FIRST['id']}-level",
        add="button[data-action='add'][data-list='plan']",
        added="ol[data-list='plan'] > li:last-child [data-field='competency']",
        part="fieldset.cs-domain",
        results_heading="cs-profile-heading",
        picture="[data-region='profile'] svg",
        wide_part="fieldset.cs-domain >> nth=2",
    ),
}


def load_doc(ws, data):
    """A worksheet's file holding data, as text."""
    mod = worksheets.get(ws)
    return json.dumps({"format": mod.FORMAT, "version": mod.VERSION, "data": data})


# ---------------------------------------------------------------- team views


def vi_rater_file(levels, name="Before"):
    """A VI worksheet file, as this site exports it, with one assessment: {(element, sub): level}."""
    a = vi.empty_assessment("a1")
    a["name"] = name
    for (element, sub), level in levels.items():
        a[element][sub]["level"] = level
    return worksheets.export("vi-worksheet", "json", {"assessments": [a]}, "en")["text"]


def sm_group_file(rows, objective="Two family centres run the parenting programme"):
    """A stakeholder matrix file: rows of (name, importance, influence, level)."""
    keys = ("name", "importance", "influence", "level")
    data = {"objective": objective, "stakeholders": [dict(zip(keys, row, strict=True)) for row in rows]}
    return worksheets.export("stakeholder-matrix", "json", data, "en")["text"]
