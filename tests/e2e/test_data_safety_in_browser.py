"""A reader's work is never lost, in a real Chromium with the real Pyodide, for every worksheet in
both languages: limits hold where the text is typed or pasted, bad files are refused with the
calculator still running, damaged saved state is kept and reported, another tab's changes are
taken in, a full storage is reported and saving resumes, the form prints without Python, and
every control shows keyboard focus."""

import json
import re

import pytest
from pages import PAGES, before, open_page, read_download
from pages import strings as t
from playwright.sync_api import expect
from sheets import SHEETS

from tools import schema, worksheets

WS = tuple(PAGES)


def button(page, ws, lang, key):
    return page.locator(".ws-toolbar").get_by_role("button", name=t(ws, lang)(key), exact=True)


def export_json(page, ws, lang):
    with page.expect_download() as info:
        button(page, ws, lang, "export_json").click()
    return read_download(info.value)


def import_bytes(page, data, name="file.json"):
    page.locator("input[data-action='import']").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": data}]
    )


def limit_of(ws, selector, page):
    name = page.locator(selector).first.get_attribute("data-field")
    return schema.form_limits(worksheets.get(ws).SCHEMA)[(name, "text")]


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", WS)
def test_limits_hold_where_the_text_is_typed_and_pasted_and_the_export_imports_again(
    clipboard_context, site_url, ws, lang
):
    page = open_page(clipboard_context.new_page(), site_url, ws, lang)
    s = t(ws, lang)
    short, long_ = SHEETS[ws].short, SHEETS[ws].text
    field = page.locator(short).first
    limit = limit_of(ws, short, page)
    assert field.get_attribute("maxlength") == str(limit)
    field.fill("a" * (limit - 5))
    counter = page.locator(".ws-count:not([hidden])")
    expect(counter).to_have_text(s("count_near", used=limit - 5, limit=limit))
    field.press("End")
    page.keyboard.type("bcdefghij")
    assert len(field.input_value()) == limit
    expect(counter).to_have_text(s("count_full", limit=limit))

    area = page.locator(long_).first
    area_limit = limit_of(ws, long_, page)
    pasted = "ø" * (area_limit + 300)
    page.evaluate("text => navigator.clipboard.writeText(text)", pasted)
    area.focus()
    page.keyboard.press("Control+V")
    expect(page.locator("[data-message]")).to_contain_text(
        s("paste_cut", total=len(pasted), kept=area_limit, limit=area_limit)
    )
    assert area.input_value() == "ø" * area_limit

    page.wait_for_timeout(300)
    exported = export_json(page, ws, lang)
    page.once("dialog", lambda d: d.accept())
    button(page, ws, lang, "clear_all").click()
    assert area.input_value() == ""
    import_bytes(page, exported.encode("utf-8"))
    expect(page.locator("[data-message]")).to_contain_text(before(s("imported")))
    assert area.input_value() == "ø" * area_limit and len(field.input_value()) == limit


BAD_FILES = [
    (
        "deep",
        lambda mod: (
            '{{"format": "{}", "version": 1, "data": {{"x": {}}}}}'.format(mod.FORMAT, "[" * 10_000 + "]" * 10_000)
        ).encode(),
        "import_too_deep",
    ),
    (
        "version true",
        lambda mod: json.dumps({"format": mod.FORMAT, "version": True, "data": {}}).encode(),
        "import_wrong_version",
    ),
    ("no data", lambda mod: json.dumps({"format": mod.FORMAT, "version": 1}).encode(), "import_no_data"),
    (
        "not UTF-8",
        lambda mod: b'{"format": "' + mod.FORMAT.encode() + b'", "version": 1, "data": {"x": "\xff\xfe"}}',
        "import_not_utf8",
    ),
]


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", WS)
def test_bad_files_are_refused_and_the_calculator_keeps_running(clipboard_context, site_url, ws, lang):
    page = open_page(clipboard_context.new_page(), site_url, ws, lang)
    mod, s = worksheets.get(ws), t(ws, lang)
    short = page.locator(SHEETS[ws].short).first
    short.fill("Mine")
    message = page.locator("[data-message]")
    for name, make, key in BAD_FILES:
        import_bytes(page, make(mod))
        expect(message).to_contain_text(before(s(key)))
        assert short.input_value() == "Mine", name
        assert page.locator("[data-status]").get_attribute("data-state") == "ready", name
    # Python still answers: a good file imports.
    good = {"format": mod.FORMAT, "version": mod.VERSION, "data": {}}
    page.once("dialog", lambda d: d.accept())
    import_bytes(page, json.dumps(good).encode())
    expect(message).to_contain_text(before(s("imported")))
    assert short.input_value() == ""


def damaged_entries(ws):
    mod = worksheets.get(ws)
    field = SHEETS[ws].short
    return [
        ("not JSON", '{"format": "' + mod.FORMAT + '", "data": {', "damaged_not_json", None),
        ("not an object", "[1, 2, 3]", "damaged_not_worksheet", None),
        # The right worksheet, but a part of the wrong shape: what is sound is recovered.
        (
            "wrong shape",
            json.dumps(
                {
                    "format": mod.FORMAT,
                    "version": mod.VERSION,
                    "data": {
                        "name": "Recovered",
                        "role": "Recovered",
                        "objective": "Recovered",
                        "assessments": [{"id": "a1", "name": "Recovered", "what": 5}],
                        "stakeholders": [{"name": "Recovered", "stake": {"x": 1}}],
                        "competencies": "not a group",
                    },
                }
            ),
            "damaged_invalid",
            field,
        ),
    ]


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", WS)
def test_damaged_saved_state_is_kept_reported_and_offered_for_download(clipboard_context, site_url, ws, lang):
    page = open_page(clipboard_context.new_page(), site_url, ws, lang, ready=False)
    key = page.locator("[data-worksheet]").get_attribute("data-storage-key")
    s = t(ws, lang)
    for name, text, reason, recovered in damaged_entries(ws):
        page.evaluate(
            "([k, v]) => { for (const x of Object.keys(localStorage)) localStorage.removeItem(x); "
            "localStorage.setItem(k, v); }",
            [key, text],
        )
        page.reload()
        page.wait_for_selector(f'[data-worksheet="{ws}"][data-ready="true"]', timeout=60_000)
        message = page.locator("[data-message]")
        expect(message).to_contain_text(before(s("saved_damaged", reason=s(reason))))
        expect(message).to_contain_text(s("saved_damaged_kept"))
        if recovered:
            assert page.locator(recovered).first.input_value() == "Recovered", name
        # Typing saves over the entry, but the copy stays, and downloads as it was.
        page.locator(SHEETS[ws].text).first.fill("New text")
        page.wait_for_timeout(200)
        copies = page.evaluate(
            "k => Object.keys(localStorage).filter(x => x.startsWith(k + ':damaged:'))"
            ".map(x => localStorage.getItem(x))",
            key,
        )
        assert copies == [text], name
        with page.expect_download() as info:
            message.get_by_role("button", name=s("download_damaged")).click()
        assert read_download(info.value) == text, name
        page.once("dialog", lambda d: d.accept())
        message.get_by_role("button", name=s("discard_damaged")).click()
        expect(message).to_have_text(s("damaged_discarded"))
        assert page.evaluate("k => Object.keys(localStorage).filter(x => x.startsWith(k + ':damaged:'))", key) == []


@pytest.mark.parametrize("lang", ["en", "no"])
def test_text_over_a_limit_saved_by_an_older_version_is_kept_and_named(clipboard_context, site_url, lang):
    ws = "stakeholder-matrix"
    mod, s = worksheets.get(ws), t(ws, lang)
    page = open_page(clipboard_context.new_page(), site_url, ws, lang, ready=False)
    long_text = "x" * 2100
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        ["isp:" + ws, json.dumps({"format": mod.FORMAT, "version": 1, "data": {"objective": long_text}})],
    )
    page.reload()
    page.wait_for_selector('[data-ready="true"]', timeout=60_000)
    assert page.locator("[data-field='objective']").input_value() == long_text
    expect(page.locator(".ws-count[data-state='over']")).to_have_text(s("count_over", used=2100, over=100, limit=2000))
    expect(page.locator("[data-problems]")).to_contain_text(s("saved_over_limits"))
    exported = export_json(page, ws, lang)
    assert json.loads(exported)["data"]["objective"] == long_text
    expect(page.locator("[data-message]")).to_contain_text(s("export_needs_fixing"))


@pytest.mark.parametrize("lang", ["en", "no"])
def test_two_tabs_take_in_each_others_changes(clipboard_context, site_url, lang):
    ws = "stakeholder-matrix"
    s = t(ws, lang)
    first = open_page(clipboard_context.new_page(), site_url, ws, lang)
    second = open_page(clipboard_context.new_page(), site_url, ws, lang)
    first.locator("[data-field='objective']").fill("Typed in the first tab")
    expect(second.locator("[data-field='objective']")).to_have_value("Typed in the first tab")
    expect(second.locator("[data-message]")).to_have_text(s("other_tab"))
    second.locator("ol[data-list='stakeholders'] > li [data-field='name']").first.fill("Typed in the second")
    expect(first.locator("ol[data-list='stakeholders'] > li [data-field='name']").first).to_have_value(
        "Typed in the second"
    )
    assert first.locator("[data-field='objective']").input_value() == "Typed in the first tab"
    first.reload()
    first.wait_for_selector('[data-ready="true"]', timeout=60_000)
    assert first.locator("[data-field='objective']").input_value() == "Typed in the first tab"
    assert (
        first.locator("ol[data-list='stakeholders'] > li [data-field='name']").first.input_value()
        == "Typed in the second"
    )


FULL_STORAGE = """
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (window.__storageFull) throw new DOMException("full", "QuotaExceededError");
  return setItem.call(this, key, value);
};
"""


@pytest.mark.parametrize("lang", ["en", "no"])
def test_full_storage_is_reported_the_text_stays_and_saving_resumes(clipboard_context, site_url, lang):
    ws = "vi-worksheet"
    s = t(ws, lang)
    clipboard_context.add_init_script(FULL_STORAGE)
    page = open_page(clipboard_context.new_page(), site_url, ws, lang)
    page.evaluate("window.__storageFull = true")
    page.locator("#vi-what").fill("Not saved yet")
    expect(page.locator("[data-message]")).to_have_text(s("storage_failed"))
    assert page.locator("#vi-what").input_value() == "Not saved yet"
    assert "Not saved yet" in export_json(page, ws, lang)
    page.evaluate("window.__storageFull = false")
    expect(page.locator("[data-message]")).to_have_text(s("storage_resumed"), timeout=10_000)
    assert "Not saved yet" in page.evaluate("localStorage.getItem('isp:vi-worksheet')")


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", WS)
def test_print_without_python_gives_the_readers_answers(clipboard_context, site_url, ws, lang):
    clipboard_context.route("**/*.wasm", lambda route: route.abort())
    clipboard_context.add_init_script("window.print = () => { window.__printed = document.body.className; };")
    page = open_page(clipboard_context.new_page(), site_url, ws, lang, ready=False)
    page.wait_for_selector("[data-worksheet][data-failed='true']", timeout=60_000)
    page.locator(SHEETS[ws].text).first.fill("My answer on paper")
    button(page, ws, lang, "print_filled").click()
    assert "ws-printing-form" in page.evaluate("window.__printed")
    page.evaluate("document.body.classList.add('ws-printing-form')")
    page.emulate_media(media="print")
    expect(page.locator(SHEETS[ws].text).first).to_be_visible()
    expect(page.locator(SHEETS[ws].text).first).to_have_value("My answer on paper")
    toolbars = page.locator("[role=toolbar]")  # the worksheet's and its team view's
    assert toolbars.count() >= 1
    for toolbar in toolbars.all():
        expect(toolbar).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName, type: el.type || "", field: el.dataset.field || el.textContent.slice(0, 30),
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth), inWs: !!el.closest('.ws')};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("ws", WS)
def test_every_control_shows_keyboard_focus(clipboard_context, site_url, ws, scheme):
    page = clipboard_context.new_page()
    page.emulate_media(color_scheme=scheme)
    lang = "en" if scheme == "light" else "no"
    open_page(page, site_url, ws, lang)
    page.locator(".ws-privacy").click()  # start tabbing from the top of the worksheet
    seen, missing = set(), []
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS)
        if not info["inWs"]:
            continue
        seen.add((info["tag"], info["type"]))
        if info["outline"] == "none" or info["width"] < 2:
            missing.append(info)
    assert ("INPUT", "text") in seen and ("TEXTAREA", "textarea") in seen
    assert missing == []


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", WS)
def test_saving_shows_the_time_without_moving_the_page_or_taking_focus(clipboard_context, site_url, ws, lang):
    page = open_page(clipboard_context.new_page(), site_url, ws, lang)
    s = t(ws, lang)
    saved = page.locator("[data-saved]")
    expect(saved).to_have_text("")
    area = page.locator(SHEETS[ws].text).first
    area.scroll_into_view_if_needed()
    area.click()
    scrolled = page.evaluate("window.scrollY")
    page.keyboard.type("Saved as I type")
    pattern = re.escape(s("saved", time="HH:MM")).replace("HH\\:MM", r"\d\d[:.]\d\d").replace("HH:MM", r"\d\d[:.]\d\d")
    expect(saved).to_have_text(re.compile(pattern))
    assert page.evaluate("document.activeElement.dataset.field") == area.get_attribute("data-field")
    assert page.evaluate("window.scrollY") == scrolled
    # It is in the worksheet's status line, which screen readers announce politely.
    assert saved.evaluate("el => el.closest('[role=status]') !== null")
