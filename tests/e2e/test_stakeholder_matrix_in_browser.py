"""The stakeholder matrix in a real Chromium, on the real built site, with the real Pyodide: what only
this worksheet does (what every worksheet does is in test_worksheet_contract.py)."""

import json
import re

import pytest
from pages import LANG_PREFIX, form_values, import_file
from playwright.sync_api import expect
from sheets import fill_stakeholder, sm_row

WS = "stakeholder-matrix"
T = {
    "en": {
        "add": "Add stakeholder",
        "inform_consult": "Inform or Consult",
        "collab": "Collaborate or Co-create",
        "none": "Set importance and influence",
        "failed": "could not start",
        "differs": "differs from the matrix suggestion",
    },
    "no": {
        "add": "Legg til interessent",
        "inform_consult": "Informere eller konsultere",
        "collab": "Samarbeide eller samskape",
        "none": "Velg viktighet og innflytelse",
        "failed": "kunne ikke starte",
        "differs": "avviker fra forslaget",
    },
}


def stakeholders(page):
    return form_values(page)["lists"]["stakeholders"]


def test_filling_in_shows_suggestions_and_the_picture(open_worksheet, lang):
    page = open_worksheet(WS, lang)
    suggestion = sm_row(page, 0).locator("[data-out='suggested']")
    expect(suggestion).to_contain_text(T[lang]["none"])
    page.locator("[data-field='objective']").fill("Two family centres run the parenting programme")
    fill_stakeholder(page, 0, "Centre managers", "high", "low")
    expect(suggestion).to_have_text(T[lang]["inform_consult"])
    sm_row(page, 0).locator("[data-field='influence']").select_option("high")
    expect(suggestion).to_have_text(T[lang]["collab"])
    sm_row(page, 0).locator("[data-field='level']").select_option("inform")
    expect(sm_row(page, 0).locator("[data-out='note']")).to_contain_text(T[lang]["differs"])

    page.get_by_role("button", name=T[lang]["add"]).click()
    expect(page.locator("ol[data-list='stakeholders'] > li")).to_have_count(2)
    fill_stakeholder(page, 1, "Parents", "high", "low")
    matrix = page.locator("[data-region='matrix'] svg")
    expect(matrix.locator("text", has_text="1. Centre managers")).to_have_count(1)
    expect(matrix.locator("text", has_text="2. Parents")).to_have_count(1)
    expect(matrix.locator("title")).to_have_count(1)
    assert "2. Parents" in matrix.locator("desc").text_content()


def test_reorder_and_remove_rows(open_worksheet, page, lang):
    open_worksheet(WS, lang)
    fill_stakeholder(page, 0, "A")
    for name in ("B", "C"):
        page.get_by_role("button", name=T[lang]["add"]).click()
        page.keyboard.type(name)
    sm_row(page, 2).locator("[data-action='up']").click()
    assert [v["name"] for v in stakeholders(page)] == ["A", "C", "B"]
    sm_row(page, 0).locator("[data-action='remove']").click()
    assert [v["name"] for v in stakeholders(page)] == ["C", "B"]
    expect(sm_row(page, 0).locator("legend")).to_contain_text("1")
    page.reload()
    assert [v["name"] for v in stakeholders(page)] == ["C", "B"]


def test_language_switch_keeps_the_work(open_worksheet, page):
    open_worksheet(WS, "en")
    fill_stakeholder(page, 0, "Municipal leaders", "low", "high", "consult")
    page.locator("[data-field='objective']").fill("Same work")
    # Material's language selector: the link to Norwegian lands on this page's twin.
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link[hreflang='no']").click()
    page.wait_for_selector('[data-ready="true"]')
    assert "/no/worksheets/stakeholder-matrix/" in page.url
    assert page.locator("html").get_attribute("lang") == "nb"
    expect(page.locator("[data-field='objective']")).to_have_value("Same work")
    expect(sm_row(page, 0).locator("[data-out='suggested']")).to_have_text("Konsultere eller involvere")
    assert stakeholders(page)[0]["level"] == "consult"


def test_fifty_rows_import_and_update(open_worksheet, page, lang):
    open_worksheet(WS, lang)
    people = [{"name": f"Stakeholder {i}", "importance": "low", "influence": "low"} for i in range(50)]
    import_file(
        page,
        "many.json",
        json.dumps(
            {"format": "isp-stakeholder-matrix", "version": 1, "data": {"objective": "", "stakeholders": people}}
        ),
    )
    expect(page.locator("ol[data-list='stakeholders'] > li")).to_have_count(50)
    last = sm_row(page, 49)
    last.locator("[data-field='importance']").select_option("high")
    expect(last.locator("[data-out='suggested']")).to_have_text(T[lang]["inform_consult"])
    assert "50. Stakeholder 49" in page.locator("[data-region='matrix'] svg desc").text_content()


def test_keyboard_alone_fills_in_adds_and_removes(open_worksheet, page, lang):
    open_worksheet(WS, lang)

    def tab_to(selector, limit=250):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("[data-field='objective']")
    page.keyboard.type("Keyboard objective")
    tab_to("li [data-field='name']")
    page.keyboard.type("Typed name")
    tab_to("li [data-field='importance']")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to("li [data-field='influence']")
    page.keyboard.press("ArrowDown")
    expect(sm_row(page, 0).locator("[data-out='suggested']")).to_have_text(T[lang]["inform_consult"])
    tab_to("button[data-action='add']")
    page.keyboard.press("Enter")
    page.keyboard.type("Second")
    assert [v["name"] for v in stakeholders(page)] == ["Typed name", "Second"]
    # Shift+Tab back to the first row's Remove button and press it with the space bar.
    for _ in range(250):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.matches(\"li:first-child [data-action='remove']\")"):
            break
    page.keyboard.press(" ")
    assert [v["name"] for v in stakeholders(page)] == ["Second"]
    assert page.evaluate("() => document.activeElement.dataset.field") == "name"


@pytest.mark.parametrize("blocked", ["aborted", "wrong-type"])
def test_failure_to_load_python_is_said_and_typing_is_kept(open_worksheet, page, lang, blocked):
    def block(route):
        if blocked == "aborted":
            route.abort()  # as a firewall that drops .wasm downloads
        else:
            route.fulfill(status=200, body="<html>blocked</html>", content_type="text/html")

    page.route(re.compile(r".*\.wasm(\?.*)?$"), block)
    open_worksheet(WS, lang, wait_ready=False)
    status = page.locator("[data-status]")
    expect(status).to_contain_text(T[lang]["failed"], timeout=60_000)
    assert page.locator("[data-worksheet]").get_attribute("data-ready") == "false"
    fill_stakeholder(page, 0, "Typed while broken")
    page.unroute(re.compile(r".*\.wasm(\?.*)?$"))
    page.reload()
    page.wait_for_selector('[data-ready="true"]')
    assert stakeholders(page)[0]["name"] == "Typed while broken"


def test_pages_without_a_worksheet_load_no_python(page, site_url, lang):
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(site_url + LANG_PREFIX[lang])
    page.wait_for_load_state("networkidle")
    assert not [u for u in urls if "pyodide" in u or "tools.zip" in u or "worksheet.js" in u]
