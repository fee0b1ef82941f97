"""A worksheet on a phone (390 px), in Chromium with the real Python: every picture's text stays
12 px or more and no picture or table widens the page; the profile and the VI picture read
without scrolling sideways; while editing, the save state and a way to the results stay in view
without covering the field in focus; an edit's effect shows under it; a reload says the work
was restored; a success is a polite status in its own style, an error still an alert."""

import re

import pytest
from pages import LANG_PREFIX, PAGES, import_file, open_page, wait_ready, wait_view
from pages import strings as t
from playwright.sync_api import expect
from sheets import SHEETS

from tools import share

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Every picture and table the reader sees (not the print-only report or blank form): its
# smallest text in CSS pixels, whether it sits in a box that scrolls sideways, and its right edge.
MEASURE = """() => {
    const shown = el => el.getClientRects().length && !el.closest('.ws-report, .ws-blank');
    const box = el => el.closest('.ws-figure:not(.ws-figure-fits), .isp-scroll, .cs-table-wrap');
    const pictures = [...document.querySelectorAll('.ws svg[viewBox]')].filter(shown).map(svg => {
        const r = svg.getBoundingClientRect();
        const scale = r.width / svg.viewBox.baseVal.width;
        const texts = [...svg.querySelectorAll('text')];
        return {
            name: (svg.getAttribute('class') || '') + ' in ' + (svg.closest('[data-region]')?.dataset.region || '?'),
            smallest: Math.min(...texts.map(el => parseFloat(getComputedStyle(el).fontSize) * scale)),
            textRight: Math.max(...texts.map(el => el.getBoundingClientRect().right)),
            right: r.right,
            scrolls: !!box(svg),
            boxRight: box(svg)?.getBoundingClientRect().right ?? null,
            focusable: box(svg)?.tabIndex === 0,
        };
    });
    const tables = [...document.querySelectorAll('.ws table')].filter(shown).map(table => ({
        name: table.className,
        right: table.getBoundingClientRect().right,
        scrolls: !!box(table),
        boxRight: box(table)?.getBoundingClientRect().right ?? null,
    }));
    return {pictures, tables, page: document.documentElement.scrollWidth};
}"""

# The pictures drawn for a narrow screen: read whole, without scrolling sideways.
FITS = {
    "stakeholder-matrix": (),
    "vi-worksheet": ("picture", "comparison"),
    "competency-self-check": ("profile",),
}


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", SHEETS)
def test_every_picture_and_table_reads_on_a_phone_without_widening_the_page(browser, site_url, ws, lang):
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=1, service_workers="block")
    page = open_page(context.new_page(), site_url, ws, lang)
    # Filled in on a wide screen (the phone folds parts of the form), with long names.
    SHEETS[ws].fill(page, lang, "Regionale fagkoordinatorer for habiliteringstjenestene i kommunene")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    found = page.evaluate(MEASURE)
    assert found["page"] <= PHONE["width"]
    regions = {p["name"].split(" in ")[1] for p in found["pictures"]}
    assert set(FITS[ws]) <= regions, regions
    for picture in found["pictures"]:
        assert picture["smallest"] >= 12, picture
        region = picture["name"].split(" in ")[1]
        if region in FITS[ws]:
            # Whole on the screen: no box to scroll, every label and value inside the width.
            assert not picture["scrolls"] and picture["right"] <= PHONE["width"], picture
            assert picture["textRight"] <= PHONE["width"], picture
        else:
            assert picture["scrolls"] and picture["focusable"] and picture["boxRight"] <= PHONE["width"], picture
    for table in found["tables"]:
        assert table["right"] <= PHONE["width"] or (table["scrolls"] and table["boxRight"] <= PHONE["width"]), table
    # No scroll cue where nothing scrolls.
    for region in FITS[ws]:
        box = page.locator(f"[data-region='{region}']")
        assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), region
    context.close()


def covered(field, dock):
    f, d = field.bounding_box(), dock.bounding_box()
    return f["y"] + f["height"] > d["y"] + 1


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", SHEETS)
def test_on_a_phone_the_save_state_and_the_results_stay_near_the_edit(browser, site_url, ws, lang):
    context = browser.new_context(viewport=PHONE, service_workers="block", accept_downloads=True)
    page = open_page(context.new_page(), site_url, ws, lang)
    s = t(ws, lang)
    dock = page.locator(".ws-dock")
    link = dock.get_by_role("link", name=s("to_results"))
    choice = page.locator(SHEETS[ws].choice).first
    choice.scroll_into_view_if_needed()
    choice.select_option(index=2)
    saved = re.compile(re.escape(s("saved", time="HH_MM")).replace("HH_MM", r"\d\d[:.]\d\d"))
    # The bar at the foot of the screen: the save state and the link, in view while editing.
    expect(dock).to_be_in_viewport()
    expect(dock.locator("[data-dock-saved]")).to_have_text(saved)
    expect(link).to_be_in_viewport()
    # The edit's effect, under the edit (the matrix's suggestion, a domain's average, an element's status).
    wait_view(page)
    part = choice.locator("xpath=ancestor::*[self::li or self::fieldset or contains(@class,'cs-competency')][1]")
    effect = part.locator(".ws-effect, .ws-suggested output").first
    expect(effect).to_be_visible()
    expect(effect).not_to_have_text("")
    below = effect.bounding_box()["y"] - (choice.bounding_box()["y"] + choice.bounding_box()["height"])
    assert 0 <= below < 250, below
    # A field reached by keyboard is not left under the bar: the one after a text field in the
    # form's tab order, first scrolled to just above the screen's foot.
    start = page.locator(".ws-form input[type='text']:visible, .ws-form textarea:visible").nth(1)
    start.evaluate("el => el.focus({preventScroll: true})")
    page.keyboard.press("Tab")
    page.evaluate("document.activeElement.dataset.next = ''")
    target = page.locator("[data-next]")
    top = target.evaluate("el => el.getBoundingClientRect().top + scrollY")
    page.evaluate("y => window.scrollTo(0, y)", top - PHONE["height"] + 20)
    start.evaluate("el => el.focus({preventScroll: true})")
    page.keyboard.press("Tab")
    expect(target).to_be_focused()
    assert not covered(target, dock)
    # The link is reached by keyboard and takes the reader to the results.
    link.focus()
    expect(link).to_be_focused()
    link.press("Enter")
    expect(page.locator(f"#{SHEETS[ws].results_heading}")).to_be_in_viewport()
    # Export: a success, told politely in its own style; a refused file is still an alert, in red.
    message = page.locator("[data-message]")
    with page.expect_download():
        page.locator("button[data-action='export-json']").click()
    expect(message).to_have_attribute("role", "status")
    expect(message).to_have_attribute("data-kind", "done")
    assert message.evaluate("el => getComputedStyle(el).borderTopColor") != "rgb(176, 0, 32)"
    assert message.evaluate("el => getComputedStyle(el).borderLeftColor") != "rgb(176, 0, 32)"
    import_file(page, "broken.json", "{not json")
    expect(message).to_have_attribute("role", "alert")
    assert message.evaluate("el => getComputedStyle(el).borderTopColor") == "rgb(176, 0, 32)"
    # After a reload the page says the work was restored, in the status line and the bar.
    page.reload()
    wait_ready(page)
    expect(page.locator("[data-saved]")).to_have_text(s("restored"))
    expect(dock.locator("[data-dock-saved]")).to_have_text(s("restored"))
    expect(page.locator(SHEETS[ws].choice).first).not_to_have_value("")
    context.close()


@pytest.mark.parametrize("lang", ["en", "no"])
def test_a_file_imported_and_a_link_loaded_are_told_as_successes(page, site_url, lang):
    ws = "stakeholder-matrix"
    open_page(page, site_url, ws, lang)
    s = t(ws, lang)
    message = page.locator("[data-message]")
    import_file(page, "mine.json", '{"format": "isp-stakeholder-matrix", "version": 1, "data": {"objective": "A"}}')
    expect(message).to_contain_text(s("imported", filename="mine.json"))
    expect(message).to_have_attribute("role", "status")
    expect(message).to_have_attribute("data-kind", "done")
    address = site_url + LANG_PREFIX[lang] + PAGES[ws]
    page.goto(share.make_link(ws, {"objective": "B"}, lang, address)["link"])
    wait_ready(page)
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-link-panel]").get_by_role("button", name=s("offer_load")).click()
    expect(message).to_contain_text(s("offer_loaded"))
    expect(message).to_have_attribute("role", "status")
    expect(message).to_have_attribute("data-kind", "done")
