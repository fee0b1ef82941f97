"""What every worksheet does, in a real Chromium on the real built site with the real Pyodide, in
both languages: the work is saved as it is typed and is there after a reload; a file exported in
one language imports in the other with the same data; bad files are refused with the reason and
nothing changed; text that looks like markup stays text; the report and the blank form print;
the form works by keyboard alone; axe finds nothing; no request leaves the site.

Each worksheet in PAGES (harness/pages.py) runs all of it, filled in as its description in
sheets.py says; what only one worksheet does is tested in its own file."""

import json
import re

import pytest
from pages import (
    LANG_PREFIX,
    PAGES,
    before,
    export_file,
    form_values,
    import_file,
    open_page,
    other_lang,
    outside_hosts,
    read_download,
    run_axe,
    tab_to,
    wait_ready,
    wait_view,
)
from pages import strings as t
from playwright.sync_api import expect
from sheets import SHEETS

from tools import worksheets

HOSTILE = "<img src=x onerror=alert(1)>"
# Every "<" of the reader's text is escaped in Markdown, so no renderer turns it into a tag.
UNESCAPED_TAG = re.compile(r"(?<!\\)<(?!br>)")

each_worksheet = pytest.mark.parametrize("ws", PAGES)
each_lang = pytest.mark.parametrize("lang", ["en", "no"])


def toolbar(page, ws, lang, key):
    return page.locator(".ws-toolbar").get_by_role("button", name=t(ws, lang)(key), exact=True)


def clear_all(page, ws, lang):
    page.once("dialog", lambda d: d.accept())
    toolbar(page, ws, lang, "clear_all").click()
    expect(page.locator(SHEETS[ws].text).first).to_have_value("")


def without_local(values, ws):
    """The form's values without the lists that stay in this browser."""
    lists = {k: v for k, v in values["lists"].items() if k not in SHEETS[ws].local_lists}
    return {**values, "lists": lists}


@each_lang
@each_worksheet
def test_the_work_is_saved_as_it_is_typed_and_restored_on_reload(page, site_url, ws, lang):
    open_page(page, site_url, ws, lang)
    SHEETS[ws].fill(page, lang, "Åse Ødegård «æøå»")
    saved = form_values(page)
    page.reload()
    wait_ready(page)
    assert form_values(page) == saved
    assert "Åse Ødegård «æøå»" in page.evaluate(f"localStorage.getItem('isp:{ws}')")
    for region in SHEETS[ws].shows:
        expect(page.locator(f"[data-region='{region}']")).to_contain_text("Åse Ødegård «æøå»")


@each_lang
@each_worksheet
def test_export_then_import_in_the_other_language_gives_the_same_data(page, site_url, ws, lang):
    mod = worksheets.get(ws)
    open_page(page, site_url, ws, lang)
    SHEETS[ws].fill(page, lang, "Shared text")
    filled = form_values(page)
    filename, exported = export_file(page, ws, lang)
    assert filename == f"{t(ws, lang)('file_stem')}.json"
    doc = json.loads(exported)
    assert doc["format"] == mod.FORMAT and doc["version"] == mod.VERSION
    assert "Shared text" in exported
    for name in SHEETS[ws].local_lists:
        assert name not in doc["data"]  # kept in this browser only
    clear_all(page, ws, lang)

    other = other_lang(lang)
    page.goto(page.url.replace(LANG_PREFIX[lang] + PAGES[ws], LANG_PREFIX[other] + PAGES[ws]))
    wait_ready(page)
    # Should the page ask before it replaces what the form holds, the reader agrees.
    page.once("dialog", lambda d: d.accept())
    import_file(page, "worksheet.json", exported)
    expect(page.locator("[data-message]")).to_contain_text(before(t(ws, other)("imported")))
    wait_view(page)
    after = form_values(page)
    assert without_local(after, ws) == without_local(filled, ws)
    assert all(after["lists"][name] == [] for name in SHEETS[ws].local_lists)
    assert json.loads(export_file(page, ws, other)[1]) == doc
    # The other exports, in the other language.
    filename, csv_text = export_file(page, ws, other, "csv")
    assert filename == f"{t(ws, other)('file_stem')}.csv" and "Shared text" in csv_text
    _, markdown = export_file(page, ws, other, "markdown")
    assert markdown.startswith("# ") and "Shared text" in markdown


def bad_files(ws, lang):
    """(name, file text, what the message says)."""
    mod, s = worksheets.get(ws), t(ws, lang)
    too_large = worksheets.max_file_bytes(mod) + 1
    invalid = json.dumps({"format": mod.FORMAT, "version": mod.VERSION, "data": {"no-such-part": 1}})
    return [
        ("not JSON", "this is { not json", s("import_not_json")),
        (
            "other worksheet",
            json.dumps({"format": "isp-other-worksheet", "version": 1, "data": {}}),
            s("import_wrong_format", expected=s("format_label"), found="isp-other-worksheet"),
        ),
        # What Python says of the file, as the page shows it.
        ("invalid", invalid, worksheets.load(ws, invalid, lang, filename="bad.json")["message"]),
        (
            "too large",
            json.dumps({"format": mod.FORMAT, "version": 1, "data": {"x": "x" * too_large}}),
            s("import_too_large").split("{filename}")[1].split("(")[0].strip(),
        ),
    ]


@each_lang
@each_worksheet
def test_a_bad_file_is_refused_with_the_reason_and_nothing_changes(page, site_url, ws, lang, tmp_path):
    open_page(page, site_url, ws, lang)
    SHEETS[ws].fill(page, lang, "Keep me")
    kept = form_values(page)
    message = page.locator("[data-message]")
    for name, text, says in bad_files(ws, lang):
        page.evaluate("() => document.querySelector('[data-message]').replaceChildren()")
        import_file(page, "bad.json", text, tmp_path)
        expect(message, name).to_contain_text(says)
        expect(message, name).to_be_focused()
        assert form_values(page) == kept, name
    page.reload()
    wait_ready(page)
    assert form_values(page) == kept


@each_lang
@each_worksheet
def test_text_that_looks_like_markup_stays_text_everywhere(page, site_url, ws, lang, no_dialogs_expected):
    open_page(page, site_url, ws, lang)
    SHEETS[ws].fill(page, lang, HOSTILE)
    for region in SHEETS[ws].shows:
        expect(page.locator(f"[data-region='{region}']")).to_contain_text(HOSTILE)
    assert page.locator("img[src='x']").count() == 0
    _, markdown = export_file(page, ws, lang, "markdown")
    assert UNESCAPED_TAG.search(markdown) is None, markdown
    page.reload()
    wait_ready(page)
    expect(page.locator(SHEETS[ws].text).first).to_have_value(HOSTILE)
    assert page.locator("img[src='x']").count() == 0


@each_lang
@each_worksheet
def test_print_shows_the_report_and_the_blank_form(page, site_url, ws, lang):
    page.add_init_script(
        "window.print = () => { window.__printed = (window.__printed || []).concat("
        "[document.body.classList.contains('ws-printing-blank') ? 'blank' : 'filled']); }"
    )
    open_page(page, site_url, ws, lang)
    SHEETS[ws].fill(page, lang, "Printed text")
    page.emulate_media(media="print")
    report = page.locator(".ws-report")
    expect(report).to_be_visible()
    expect(report).to_contain_text("Printed text")
    expect(report.locator("svg").first).to_be_visible()
    expect(page.locator(".ws-form")).to_be_hidden()
    expect(page.locator(".ws-blank")).to_be_hidden()
    page.evaluate("() => document.body.classList.add('ws-printing-blank')")
    expect(page.locator(".ws-blank")).to_be_visible()
    expect(report).to_be_hidden()
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.evaluate("() => document.body.classList.remove('ws-printing-blank')")
    page.emulate_media(media="screen")
    toolbar(page, ws, lang, "print_filled").click()
    toolbar(page, ws, lang, "print_blank").click()
    assert page.evaluate("() => window.__printed") == ["filled", "blank"]


@each_lang
@each_worksheet
def test_the_keyboard_alone_types_chooses_adds_and_exports(page, site_url, ws, lang):
    sheet = SHEETS[ws]
    open_page(page, site_url, ws, lang)
    page.locator(".ws-privacy").click()  # from the top of the worksheet
    tab_to(page, sheet.short)
    page.keyboard.type("Typed short")
    tab_to(page, sheet.text)
    page.keyboard.type("Typed text")
    tab_to(page, sheet.choice)
    first = page.locator(sheet.choice).first.input_value()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator(sheet.choice).first.input_value() != first
    wait_view(page)
    page.locator(".ws-privacy").click()
    tab_to(page, sheet.add)
    page.keyboard.press("Enter")
    assert page.evaluate("s => document.activeElement.matches(s)", sheet.added)
    tab_to(page, "button[data-action='export-json']")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    text = read_download(info.value)
    assert "Typed short" in text and "Typed text" in text


@each_lang
@each_worksheet
def test_axe_finds_nothing_on_the_filled_worksheet(page, site_url, ws, lang):
    open_page(page, site_url, ws, lang)
    SHEETS[ws].fill(page, lang, "Checked by axe")
    for summary in page.locator("[data-region] details:not([open]) > summary").all():
        summary.click()  # the tables beside the pictures
    assert run_axe(page) == []


@each_lang
@each_worksheet
def test_no_request_leaves_the_site(page, site_url, ws, lang):
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(site_url + LANG_PREFIX[lang])
    page.goto(site_url + LANG_PREFIX[lang] + PAGES[ws])
    wait_ready(page)
    SHEETS[ws].fill(page, lang, "Stays here")
    export_file(page, ws, lang, "markdown")
    assert any(u.endswith(".wasm") for u in urls)
    assert outside_hosts(urls, site_url) == []
