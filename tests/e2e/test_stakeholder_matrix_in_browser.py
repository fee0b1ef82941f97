"""The stakeholder matrix in a real Chromium, on the real built site, with the real Pyodide."""

import json
import re

import pytest
from pages import LANG_PREFIX, PAGES, import_file, outside_hosts, read_download, run_axe
from playwright.sync_api import expect

from tools import worksheets

WS = "stakeholder-matrix"
HOSTILE = "<img src=x onerror=alert(1)>"
T = {
    "en": {
        "add": "Add stakeholder",
        "inform_consult": "Inform or Consult",
        "collab": "Collaborate or Co-create",
        "none": "Set importance and influence",
        "not_json": "The file is not valid JSON",
        "wrong_format": "The file is not a stakeholder matrix file",
        "too_large": "is too large",
        "invalid": "some fields are not valid",
        "failed": "could not start",
        "high": "High",
        "export_json": "Export JSON",
        "import": "Import JSON",
        "clear": "Clear all",
        "ready": "Ready.",
        "differs": "differs from the matrix suggestion",
    },
    "no": {
        "add": "Legg til interessent",
        "inform_consult": "Informere eller konsultere",
        "collab": "Samarbeide eller samskape",
        "none": "Velg viktighet og innflytelse",
        "not_json": "Filen er ikke gyldig JSON",
        "wrong_format": "Filen er ikke en fil for dette arbeidsarket (interessentmatrise)",
        "too_large": "er for stor",
        "invalid": "noen felt ikke er gyldige",
        "failed": "kunne ikke starte",
        "high": "Høy",
        "export_json": "Eksporter JSON",
        "import": "Importer JSON",
        "clear": "Tøm alt",
        "ready": "Klar.",
        "differs": "avviker fra forslaget",
    },
}


def row(page, n):
    return page.locator("ol[data-list='stakeholders'] > li").nth(n)


def fill_row(page, n, name, importance="", influence="", level="", **text):
    r = row(page, n)
    r.locator("[data-field='name']").fill(name)
    for field, value in text.items():
        r.locator(f"[data-field='{field}']").fill(value)
    for field, value in (("importance", importance), ("influence", influence), ("level", level)):
        if value:
            r.locator(f"[data-field='{field}']").select_option(value)


def values(page):
    return page.evaluate("""() => [...document.querySelectorAll("ol[data-list='stakeholders'] > li")].map(li =>
        Object.fromEntries([...li.querySelectorAll('[data-field]')].map(el => [el.dataset.field, el.value])))""")


def export_json(page, lang):
    with page.expect_download() as info:
        page.get_by_role("button", name=T[lang]["export_json"]).click()
    return read_download(info.value)


def test_filling_in_shows_suggestions_and_the_picture(open_worksheet, lang):
    page = open_worksheet(WS, lang)
    suggestion = row(page, 0).locator("[data-out='suggested']")
    expect(suggestion).to_contain_text(T[lang]["none"])
    page.locator("[data-field='objective']").fill("Two family centres run the parenting programme")
    fill_row(page, 0, "Centre managers", "high", "low")
    expect(suggestion).to_have_text(T[lang]["inform_consult"])
    row(page, 0).locator("[data-field='influence']").select_option("high")
    expect(suggestion).to_have_text(T[lang]["collab"])
    row(page, 0).locator("[data-field='level']").select_option("inform")
    expect(row(page, 0).locator("[data-out='note']")).to_contain_text(T[lang]["differs"])

    page.get_by_role("button", name=T[lang]["add"]).click()
    expect(page.locator("ol[data-list='stakeholders'] > li")).to_have_count(2)
    fill_row(page, 1, "Parents", "high", "low")
    matrix = page.locator("[data-region='matrix'] svg")
    expect(matrix.locator("text", has_text="1. Centre managers")).to_have_count(1)
    expect(matrix.locator("text", has_text="2. Parents")).to_have_count(1)
    expect(matrix.locator("title")).to_have_count(1)
    assert "2. Parents" in matrix.locator("desc").text_content()


def test_reload_restores_the_work(open_worksheet, page, lang):
    open_worksheet(WS, lang)
    page.locator("[data-field='objective']").fill("Objective æøå")
    fill_row(page, 0, "Managers", "high", "high", "co-create", barriers="Little time")
    page.get_by_role("button", name=T[lang]["add"]).click()
    fill_row(page, 1, "Parents", "high", "low", timing="Spring")
    before = values(page)
    page.reload()
    page.wait_for_selector('[data-ready="true"]')
    assert values(page) == before
    assert page.locator("[data-field='objective']").input_value() == "Objective æøå"
    expect(row(page, 1).locator("[data-out='suggested']")).to_have_text(T[lang]["inform_consult"])


def test_reorder_and_remove_rows(open_worksheet, page, lang):
    open_worksheet(WS, lang)
    fill_row(page, 0, "A")
    for name in ("B", "C"):
        page.get_by_role("button", name=T[lang]["add"]).click()
        page.keyboard.type(name)
    row(page, 2).locator("[data-action='up']").click()
    assert [v["name"] for v in values(page)] == ["A", "C", "B"]
    row(page, 0).locator("[data-action='remove']").click()
    assert [v["name"] for v in values(page)] == ["C", "B"]
    expect(row(page, 0).locator("legend")).to_contain_text("1")
    page.reload()
    assert [v["name"] for v in values(page)] == ["C", "B"]


def test_export_then_import_in_the_other_language_gives_the_same_data(open_worksheet, page, lang):
    open_worksheet(WS, lang)
    page.locator("[data-field='objective']").fill("Shared objective")
    fill_row(page, 0, "Managers", "low", "high", "involve", stake="Staff time", activities="Meetings")
    page.get_by_role("button", name=T[lang]["add"]).click()
    fill_row(page, 1, "Parents", "high", "low")
    before = values(page)
    exported = export_json(page, lang)
    doc = json.loads(exported)
    assert doc["format"] == "isp-stakeholder-matrix" and doc["version"] == 1
    assert doc["data"]["stakeholders"][0]["level"] == "involve"

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=T[lang]["clear"]).click()
    expect(page.locator("[data-field='objective']")).to_have_value("")
    assert [v["name"] for v in values(page)] == [""]

    other = "no" if lang == "en" else "en"
    page.goto(page.url.replace(LANG_PREFIX[lang] + PAGES[WS], LANG_PREFIX[other] + PAGES[WS]))
    page.wait_for_selector('[data-ready="true"]')
    import_file(page, "matrix.json", exported)
    expect(page.locator("[data-field='objective']")).to_have_value("Shared objective")
    assert values(page) == before
    expect(row(page, 1).locator("[data-out='suggested']")).to_have_text(T[other]["inform_consult"])


@pytest.mark.parametrize("case", ["not_json", "wrong_format", "invalid", "too_large"])
def test_a_bad_import_says_why_and_changes_nothing(open_worksheet, page, lang, case, tmp_path):
    open_worksheet(WS, lang)
    fill_row(page, 0, "Keep me", "high", "high", "collaborate")
    before = values(page)
    text = {
        "not_json": "this is { not json",
        "wrong_format": json.dumps({"format": "something-else", "version": 1, "data": {}}),
        "invalid": json.dumps(
            {
                "format": "isp-stakeholder-matrix",
                "version": 1,
                "data": {"stakeholders": [{"name": "X", "importance": "enormous"}]},
            }
        ),
        "too_large": json.dumps(
            {
                "format": "isp-stakeholder-matrix",
                "version": 1,
                "data": {"objective": "x" * (worksheets.max_file_bytes(worksheets.get(WS)) + 1)},
            }
        ),
    }[case]
    import_file(page, "bad.json", text, tmp_path)
    message = page.locator("[data-message]")
    expect(message).to_contain_text(T[lang][case])
    assert values(page) == before
    page.reload()
    page.wait_for_selector('[data-ready="true"]')
    assert values(page) == before


def test_hostile_text_stays_text_everywhere(open_worksheet, page, lang, no_dialogs_expected):
    open_worksheet(WS, lang)
    page.locator("[data-field='objective']").fill(HOSTILE)
    fill_row(page, 0, HOSTILE, "high", "high", activities=HOSTILE)
    matrix = page.locator("[data-region='matrix'] svg")
    expect(matrix.locator("text", has_text="1. <img src=x")).to_have_count(1)
    expect(page.locator("[data-region='summary']")).to_contain_text(HOSTILE)
    expect(page.locator("[data-region='report']")).to_contain_text(HOSTILE)
    assert page.locator("img[src='x']").count() == 0
    with page.expect_download() as info:
        page.locator("[data-action='export-markdown']").click()
    markdown = read_download(info.value)
    # Every "<" of the user's text is escaped, so no Markdown renderer turns it into a tag.
    assert re.search(r"(?<!\\)<(?!br>)", markdown) is None, markdown
    page.reload()
    page.wait_for_selector('[data-ready="true"]')
    assert page.locator("img[src='x']").count() == 0


def test_language_switch_keeps_the_work(open_worksheet, page):
    open_worksheet(WS, "en")
    fill_row(page, 0, "Municipal leaders", "low", "high", "consult")
    page.locator("[data-field='objective']").fill("Same work")
    # Material's language selector: the link to Norwegian lands on this page's twin.
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link[hreflang='no']").click()
    page.wait_for_selector('[data-ready="true"]')
    assert "/no/worksheets/stakeholder-matrix/" in page.url
    assert page.locator("html").get_attribute("lang") == "nb"
    expect(page.locator("[data-field='objective']")).to_have_value("Same work")
    expect(row(page, 0).locator("[data-out='suggested']")).to_have_text("Konsultere eller involvere")
    assert values(page)[0]["level"] == "consult"


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
    last = row(page, 49)
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
    expect(row(page, 0).locator("[data-out='suggested']")).to_have_text(T[lang]["inform_consult"])
    tab_to("button[data-action='add']")
    page.keyboard.press("Enter")
    page.keyboard.type("Second")
    assert [v["name"] for v in values(page)] == ["Typed name", "Second"]
    # Shift+Tab back to the first row's Remove button and press it with the space bar.
    for _ in range(250):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.matches(\"li:first-child [data-action='remove']\")"):
            break
    page.keyboard.press(" ")
    assert [v["name"] for v in values(page)] == ["Second"]
    assert page.evaluate("() => document.activeElement.dataset.field") == "name"


def test_print_shows_the_report_and_the_blank_form(open_worksheet, page, lang):
    page.add_init_script(
        "window.print = () => { window.__printed = (window.__printed || []).concat("
        "[document.body.classList.contains('ws-printing-blank') ? 'blank' : 'filled']); }"
    )
    open_worksheet(WS, lang)
    fill_row(page, 0, "Printed name", "high", "high")
    page.emulate_media(media="print")
    expect(page.locator(".ws-report")).to_be_visible()
    expect(page.locator(".ws-report")).to_contain_text("Printed name")
    expect(page.locator(".ws-form")).to_be_hidden()
    expect(page.locator(".ws-blank")).to_be_hidden()
    page.evaluate("() => document.body.classList.add('ws-printing-blank')")
    expect(page.locator(".ws-blank")).to_be_visible()
    expect(page.locator(".ws-report")).to_be_hidden()
    page.evaluate("() => document.body.classList.remove('ws-printing-blank')")
    page.emulate_media(media="screen")
    page.locator("[data-action='print']").click()
    page.locator("[data-action='print-blank']").click()
    assert page.evaluate("() => window.__printed") == ["filled", "blank"]


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
    fill_row(page, 0, "Typed while broken")
    page.unroute(re.compile(r".*\.wasm(\?.*)?$"))
    page.reload()
    page.wait_for_selector('[data-ready="true"]')
    assert values(page)[0]["name"] == "Typed while broken"


def test_no_request_leaves_the_site(page, site_url, lang):
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    prefix = site_url + LANG_PREFIX[lang]
    page.goto(prefix)
    page.goto(prefix + "worksheets/stakeholder-matrix/")
    page.wait_for_selector('[data-ready="true"]', timeout=60_000)
    page.locator("[data-field='name']").first.fill("x")
    page.wait_for_timeout(300)
    assert any(u.endswith(".wasm") for u in urls)
    assert outside_hosts(urls, site_url) == []


def test_pages_without_a_worksheet_load_no_python(page, site_url, lang):
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(site_url + LANG_PREFIX[lang])
    page.wait_for_load_state("networkidle")
    assert not [u for u in urls if "pyodide" in u or "tools.zip" in u or "worksheet.js" in u]


def test_axe_finds_nothing_on_the_worksheet(open_worksheet, page, lang):
    open_worksheet(WS, lang)
    fill_row(page, 0, "Managers", "high", "low", "consult")
    expect(page.locator("[data-region='matrix'] svg")).to_have_count(1)
    assert run_axe(page) == []
