"""Pre-filled worksheets as links, in a real Chromium with the real Pyodide: a trainer shares a
worksheet as a link, a reader opens it, sees what it holds and chooses; nothing the reader has is
replaced without that choice; damaged, tampered, too long and other worksheets' links are refused
in the reader's language with nothing changed; the fragment leaves the address bar."""

import json
import random
import string

import pytest
from pages import LANG_PREFIX, PAGES, before, read_download, run_axe
from pages import strings as t
from playwright.sync_api import expect
from sheets import SHEETS

from tools import share, worksheets

WS = tuple(PAGES)
# What the "trainer" types, into each worksheet's short and text fields.
TYPED = ("Fewer falls at home: «ÆØÅ» & <b>", "Kari <script>")


def typed(ws):
    return [(SHEETS[ws].short, TYPED[0]), (SHEETS[ws].text, TYPED[1])]


def address(site_url, ws, lang):
    return site_url + LANG_PREFIX[lang] + PAGES[ws]


def ready(page, ws):
    page.wait_for_selector(f'[data-worksheet="{ws}"][data-ready="true"]', timeout=60_000)
    return page


def open_ws(page, url, ws):
    page.goto(url)
    return ready(page, ws)


def toolbar(page, ws, lang, key):
    return page.locator(".ws-toolbar").get_by_role("button", name=t(ws, lang)(key), exact=True)


def export_doc(page, ws, lang):
    with page.expect_download() as info:
        toolbar(page, ws, lang, "export_json").click()
    return json.loads(read_download(info.value))


def saved(page, ws):
    return page.evaluate(f"localStorage.getItem('isp:{ws}')")


def reader_with_own_work(context, url, ws, field, text):
    """A reader's page with something typed and saved: (page, the saved entry)."""
    page = open_ws(context.new_page(), url, ws)
    page.locator(field).first.fill(text)
    expect(page.locator("[data-saved]")).not_to_be_empty()
    return page, saved(page, ws)


def panel(page):
    return page.locator("[data-link-panel]")


def link_for(ws, data, url):
    mod = worksheets.get(ws)
    return f"{url}#share={share.encode({'format': mod.FORMAT, 'version': mod.VERSION, 'data': data})}"


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", WS)
def test_a_shared_worksheet_opens_as_it_was_after_the_reader_chooses_to_load_it(browser, site_url, ws, lang):
    s = t(ws, lang)
    url = address(site_url, ws, lang)
    trainer = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], accept_downloads=True, service_workers="block"
    )
    page = open_ws(trainer.new_page(), url, ws)
    for selector, text in typed(ws):
        page.locator(selector).first.fill(text)
    original = export_doc(page, ws, lang)
    toolbar(page, ws, lang, "share_link").click()
    box = panel(page).locator("textarea")
    expect(box).to_be_visible()
    expect(panel(page).get_by_role("heading", name=s("share_heading"))).to_be_focused()
    link = box.input_value()
    assert run_axe(page) == []
    assert link.startswith(url + "#share=")
    # The page says how long the link is, in the reader's language.
    length = worksheets.number(len(link), lang)
    expect(panel(page)).to_contain_text(s("share_length", chars=length))
    panel(page).get_by_role("button", name=s("copy_link")).click()
    expect(panel(page).locator("[role=status]")).to_have_text(s("link_copied"))
    assert page.evaluate("navigator.clipboard.readText()") == link
    trainer.close()

    reader = browser.new_context(accept_downloads=True, service_workers="block")
    page = reader.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(link)
    ready(page, ws)
    offer = panel(page)
    expect(offer.get_by_role("heading", name=s("offer_heading"))).to_be_focused()
    # The summary is Python's, in the reader's language, and nothing is loaded yet.
    mod = worksheets.get(ws)
    state = worksheets.load(ws, json.dumps(original), lang)["state"]
    for line in mod.summary(state, s):
        expect(offer.locator("li", has_text=line)).to_have_count(1)
    assert saved(page, ws) is None
    assert page.locator(SHEETS[ws].short).first.input_value() == ""
    expect(offer).not_to_contain_text(s("offer_replace_warning"))  # nothing of the reader's to replace
    offer.get_by_role("button", name=s("offer_load")).click()
    expect(page.locator("[data-message]")).to_contain_text(s("offer_loaded"))
    expect(offer).to_be_hidden()
    assert page.evaluate("location.hash") == ""
    assert page.url == url
    for selector, text in typed(ws):
        expect(page.locator(selector).first).to_have_value(text)
    assert export_doc(page, ws, lang) == original
    assert json.loads(saved(page, ws))["data"]  # now the reader's own copy
    # Reloading the page does not offer the link again.
    page.reload()
    ready(page, ws)
    expect(offer).to_be_hidden()
    assert dialogs == []
    reader.close()


@pytest.mark.parametrize("lang", ["en", "no"])
def test_a_reader_who_ignores_the_link_keeps_their_own_worksheet(clipboard_context, site_url, lang):
    ws = "stakeholder-matrix"
    s = t(ws, lang)
    url = address(site_url, ws, lang)
    page, mine = reader_with_own_work(clipboard_context, url, ws, "[data-field='objective']", "My own objective")
    page.goto(link_for(ws, {"objective": "The trainer's case", "stakeholders": [{"name": "Parents"}]}, url))
    ready(page, ws)
    offer = panel(page)
    expect(offer).to_contain_text(s("link_summary_objective", text="The trainer's case"))
    expect(offer).to_contain_text(s("offer_replace_warning"))
    assert run_axe(page) == []  # the offer, as every page, passes axe
    # Until the reader chooses, the page shows and keeps their own work.
    expect(page.locator("[data-field='objective']")).to_have_value("My own objective")
    assert saved(page, ws) == mine
    offer.get_by_role("button", name=s("offer_ignore")).click()
    expect(page.locator("[data-message]")).to_have_text(s("offer_ignored"))
    assert page.evaluate("location.hash") == ""
    assert saved(page, ws) == mine
    expect(page.locator("[data-field='objective']")).to_have_value("My own objective")


@pytest.mark.parametrize("lang", ["en", "no"])
def test_a_link_with_assessments_can_be_added_beside_the_readers_own(clipboard_context, site_url, lang):
    ws = "vi-worksheet"
    s = t(ws, lang)
    url = address(site_url, ws, lang)
    page, _ = reader_with_own_work(clipboard_context, url, ws, "#vi-name", "Mine")
    case = {"open": "a1", "assessments": [{"id": "a1", "name": "Case: before"}, {"id": "a2", "name": "Case: after"}]}
    page.goto(link_for(ws, case, url))
    ready(page, ws)
    panel(page).get_by_role("button", name=s("offer_add")).click()
    expect(page.locator("[data-message]")).to_have_text(s("offer_added", names="Case: before, Case: after"))
    names = page.locator("select[data-collection-select] option").all_text_contents()
    assert names == ["Mine", "Case: before", "Case: after"]
    expect(page.locator("#vi-name")).to_have_value("Case: before")
    doc = json.loads(saved(page, ws))["data"]
    assert [a["name"] for a in doc["assessments"]] == names
    assert len({a["id"] for a in doc["assessments"]}) == 3


def bad_links(ws, url):
    """(name, link, message key or None for the invalid-field message) for the worksheet page."""
    mod = worksheets.get(ws)
    good = link_for(ws, {"objective": "x"}, url)
    rng = random.Random(7)
    noise = "".join(rng.choice(string.ascii_letters) for _ in range(20_000))
    return [
        ("cut short", good[:-12], "link_damaged"),
        ("not base64", url + "#share=%%%%", "link_damaged"),
        ("tampered field", link_for(ws, {"objective": 5}, url), "link_invalid"),
        (
            "unknown part",
            f"{url}#share=" + share.encode({"format": mod.FORMAT, "version": 1, "data": {}, "x": 1}),
            "link_invalid",
        ),
        (
            "newer version",
            f"{url}#share=" + share.encode({"format": mod.FORMAT, "version": 2, "data": {}}),
            "link_wrong_version",
        ),
        ("not JSON", f"{url}#share=" + share.encode_text("{not json"), "link_not_json"),
        (
            "too long",
            link_for(
                ws,
                {
                    "objective": noise[:2000],
                    "stakeholders": [{"stake": noise[i : i + 2000]} for i in range(0, 20_000, 2000)],
                },
                url,
            ),
            "link_too_long",
        ),
        (
            "other worksheet",
            link_for("vi-worksheet", {"open": "", "assessments": [{"id": "a1", "name": "VI case"}]}, url),
            "link_other_worksheet",
        ),
    ]


@pytest.mark.parametrize("lang", ["en", "no"])
def test_bad_links_are_refused_in_the_readers_language_and_change_nothing(clipboard_context, site_url, lang):
    ws = "stakeholder-matrix"
    s = t(ws, lang)
    url = address(site_url, ws, lang)
    page, mine = reader_with_own_work(clipboard_context, url, ws, "[data-field='objective']", "Keep me")
    message = page.locator("[data-message]")
    for name, link, key in bad_links(ws, url):
        page.evaluate("m => m.replaceChildren()", message.element_handle())
        # A link pasted into the address bar of the same page arrives as a new fragment.
        page.evaluate("href => { location.hash = new URL(href).hash }", link)
        expect(message, name).to_contain_text(before(s(key)))
        expect(message, name).to_be_focused()
        assert page.evaluate("location.hash") == "", name
        expect(panel(page), name).to_be_hidden()
        assert saved(page, ws) == mine, name
        expect(page.locator("[data-field='objective']"), name).to_have_value("Keep me")
    # The calculator still runs.
    page.locator("[data-field='objective']").fill("Still running")
    toolbar(page, ws, lang, "share_link").click()
    expect(panel(page).locator("textarea")).to_be_visible()


@pytest.mark.parametrize("lang", ["en", "no"])
def test_a_link_to_another_worksheet_offers_its_page_where_it_opens(clipboard_context, site_url, lang):
    url = address(site_url, "stakeholder-matrix", lang)
    link = link_for("vi-worksheet", {"open": "", "assessments": [{"id": "a1", "name": "VI case"}]}, url)
    page = clipboard_context.new_page()
    page.goto(link)
    ready(page, "stakeholder-matrix")
    vi = t("vi-worksheet", lang)
    page.get_by_role("button", name=t("stakeholder-matrix", lang)("link_open_on", name=vi("format_label"))).click()
    ready(page, "vi-worksheet")
    assert page.url.startswith(address(site_url, "vi-worksheet", lang) + "#share=")
    expect(panel(page)).to_contain_text(vi("link_summary_assessment", name="VI case", rated=0, total=10))


@pytest.mark.parametrize("lang", ["en", "no"])
def test_a_worksheet_too_large_for_a_link_points_to_the_file(clipboard_context, site_url, lang):
    ws = "stakeholder-matrix"
    s = t(ws, lang)
    page = open_ws(clipboard_context.new_page(), address(site_url, ws, lang), ws)
    rng = random.Random(3)
    page.locator("[data-field='objective']").fill("".join(rng.choice(string.ascii_letters) for _ in range(2000)))
    page.locator("ol[data-list='stakeholders'] > li [data-field='stake']").first.fill(
        "".join(rng.choice(string.ascii_letters) for _ in range(2000))
    )
    page.locator("ol[data-list='stakeholders'] > li [data-field='input']").first.fill(
        "".join(rng.choice(string.ascii_letters) for _ in range(2000))
    )
    page.locator("ol[data-list='stakeholders'] > li [data-field='barriers']").first.fill(
        "".join(rng.choice(string.ascii_letters) for _ in range(2000))
    )
    page.locator("ol[data-list='stakeholders'] > li [data-field='enablers']").first.fill(
        "".join(rng.choice(string.ascii_letters) for _ in range(2000))
    )
    toolbar(page, ws, lang, "share_link").click()
    expect(page.locator("[data-message]")).to_contain_text(before(s("share_too_long")))
    expect(page.locator("[data-message]")).to_contain_text(s("import_json"))
    expect(panel(page)).to_be_hidden()
