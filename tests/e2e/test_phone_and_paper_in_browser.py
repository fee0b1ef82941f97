"""Worksheets on a phone and on paper, in Chromium: results reachable from the form and back, in
the table of contents, nothing covering the form, one title per printed report (pictures and
tables at phone width: test_phone_results_in_browser.py), and the small faults that were found (the method's four steps, the
Norwegian home page's title)."""

import re

import pytest
from pages import LANG_PREFIX, PAGES, open_page
from pages import strings as t
from playwright.sync_api import expect
from sheets import SHEETS

from sitebuild import content
from tools import worksheets

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", PAGES)
def test_from_the_form_to_the_results_and_back(page, site_url, ws, lang):
    open_page(page, site_url, ws, lang)
    s = t(ws, lang)
    part_sel, heading = SHEETS[ws].part, SHEETS[ws].results_heading
    part = page.locator(part_sel).first
    if ws == "vi-worksheet":  # an element's heading, and the link at the end of its section
        link = page.locator("a[data-back-to='vi-context-heading']")
        name, came_from = part.text_content().strip(), part
    else:
        link = part.get_by_role("link", name=s("to_results"))
        name, came_from = part.locator("legend").first.text_content().strip(), part.locator("legend").first
    link.click()
    assert page.evaluate("location.hash") == f"#{heading}"
    expect(page.locator(f"#{heading}")).to_be_in_viewport()
    back = page.locator("a[data-back-link]").first
    expect(back).to_have_text(s("back_to_item", name=name))
    back.click()
    expect(came_from).to_be_in_viewport()
    # The results are in the page's table of contents, under the worksheet.
    toc = page.locator(".md-sidebar--secondary nav.md-nav--secondary")
    for hid, _title in worksheets.result_headings(ws, lang):
        expect(toc.locator(f"a[href='#{hid}']")).to_have_count(1)


@pytest.mark.parametrize("ws", PAGES)
def test_no_floating_button_covers_the_form_on_a_phone(browser, site_url, ws):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = open_page(context.new_page(), site_url, ws, "no")
    page.mouse.wheel(0, 2500)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)  # Material shows its back-to-top button when scrolling up
    page.wait_for_timeout(500)
    covered = page.evaluate("""() => {
        const top = document.querySelector('.md-top');
        if (!top || top.hidden || getComputedStyle(top).display === 'none') return [];
        const b = top.getBoundingClientRect();
        if (!b.width || !b.height) return [];
        return [...document.querySelectorAll('.ws input, .ws textarea, .ws select, .ws button, .ws label')]
          .filter(el => { const r = el.getBoundingClientRect();
                          return r.width && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top; })
          .map(el => el.id || el.textContent.slice(0, 30));
    }""")
    assert covered == []
    context.close()


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", PAGES)
def test_a_printed_report_has_one_title_in_black(page, site_url, ws, lang):
    open_page(page, site_url, ws, lang)
    page.emulate_media(media="print")
    expect(page.locator("article h1")).to_be_hidden()
    heading = page.locator(".ws-report h2")
    expect(heading).to_be_visible()
    assert heading.evaluate("el => getComputedStyle(el).color") == "rgb(0, 0, 0)"


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_stakeholder_method_has_four_steps_and_plan_is_the_fourth(page, site_url, lang):
    page.goto(site_url + LANG_PREFIX[lang] + PAGES["stakeholder-matrix"])
    steps = page.locator("#how-it-works ~ ol").first.locator(":scope > li")
    expect(steps).to_have_count(4)
    expect(steps.nth(3).locator("#plan")).to_have_count(1)


def test_the_norwegian_home_page_names_the_site_once(page, site_url):
    page.goto(site_url + "no/")
    assert page.title() == "Praksisguide for implementeringsstøtte"
    page.goto(site_url + "no/guide/")
    assert page.title().endswith(" - Praksisguide for implementeringsstøtte")
    assert page.title().count("Praksisguide for implementeringsstøtte") == 1


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def print_classes(page, button_name):
    """The body's classes while the page prints, after a click on one of its print buttons."""
    page.evaluate("window.print = () => { window.__printed = document.body.className; }")
    page.locator(".ws-toolbar").get_by_role("button", name=button_name, exact=True).click()
    page.wait_for_function("window.__printed !== undefined")
    printed = page.evaluate("window.__printed")
    page.evaluate("delete window.__printed")
    return printed


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", PAGES)
def test_blank_forms_print_on_the_sheets_the_workshop_page_states(page, site_url, ws, lang):
    """The self-check prints short (its key activities on request); every count matches
    tools/data/print_pages.json, which the workshop page shows."""
    open_page(page, site_url, ws, lang)
    s = t(ws, lang)
    buttons = {
        "blank": s("print_blank"),
        "blank-deeper": s("print_blank_deeper") if "print_blank_deeper" in s.table else None,
    }
    stated = content.print_pages()[ws]
    counts = {}
    for kind in stated:
        classes = print_classes(page, buttons[kind])
        assert "ws-printing-blank" in classes.split(), classes
        page.evaluate("c => { document.body.className = c; }", classes)
        page.emulate_media(media="print")
        # Let fonts and the print layout settle before the PDF is made.
        page.evaluate(
            "document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"
        )
        counts[kind] = pdf_pages(page.pdf(format="A4"))
        page.emulate_media(media="screen")
    assert counts == {kind: n[lang] for kind, n in stated.items()}
    if ws == "competency-self-check":
        assert counts["blank"] < counts["blank-deeper"]
    page.goto(site_url + LANG_PREFIX[lang] + "workshop/")
    for n in stated.values():
        expect(page.locator("ul.print-pages")).to_contain_text(str(n[lang]))


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", PAGES)
def test_start_here_takes_a_phone_reader_to_the_form_with_the_method_folded(browser, site_url, ws, lang):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = open_page(context.new_page(), site_url, ws, lang)
    s = t(ws, lang)
    start = page.get_by_role("link", name=s("start_here"))
    expect(start).to_be_in_viewport()  # at the top of the page
    start.click()
    expect(page.locator("#worksheet")).to_be_in_viewport()
    assert page.locator(".ws-form details[open]").count() == 0
    context.close()


def test_the_scale_stays_open_on_a_wide_screen(page, site_url):
    open_page(page, site_url, "competency-self-check", "en")
    expect(page.locator(".ws-form details.cs-scale-help")).to_have_attribute("open", "")


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_blank_stakeholder_form_has_room_for_handwriting(page, site_url, lang):
    ws = "stakeholder-matrix"
    open_page(page, site_url, ws, lang)
    page.evaluate("document.body.classList.add('ws-printing-blank')")
    page.emulate_media(media="print")
    mm = 96 / 25.4
    objective = page.locator(".ws-blank .ws-blank-line").first.bounding_box()
    assert objective["height"] >= 20 * mm
    widths = page.locator(".ws-blank .sm-blank-analysis th").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)"
    )
    name, importance = widths[0], widths[3]
    assert name > 1.5 * importance and name >= 30 * mm, widths
    cell = page.locator(".ws-blank .sm-blank-plan td").first.bounding_box()
    assert cell["height"] >= 15 * mm


@pytest.mark.parametrize("start, other, hreflang", [("", "no/", "no"), ("no/", "", "en")])
def test_the_language_switcher_keeps_the_anchor(page, site_url, start, other, hreflang):
    page.goto(site_url + start + "guide/co-creation-and-engagement/#co-learning")
    page.locator(f"a.md-select__link[hreflang='{hreflang}']").first.dispatch_event("click")
    page.wait_for_url(f"**/practice-guide/{other}guide/co-creation-and-engagement/#co-learning")
    assert page.evaluate("location.hash") == "#co-learning"


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", PAGES)
def test_on_a_wide_screen_the_results_stay_in_view_beside_the_form(browser, site_url, ws, lang):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, service_workers="block")
    page = open_page(context.new_page(), site_url, ws, lang)
    part = page.locator(SHEETS[ws].wide_part).first
    part.scroll_into_view_if_needed()
    page.mouse.wheel(0, 200)
    page.wait_for_timeout(300)
    expect(part).to_be_in_viewport()
    figure = page.locator(SHEETS[ws].picture).first
    expect(figure).to_be_in_viewport()
    assert figure.bounding_box()["x"] > part.bounding_box()["x"] + part.bounding_box()["width"] - 1  # beside it
    context.close()


# Each side navigation link the reader moves to by keyboard, upwards from the end (so the
# sidebar scrolls the link in from above): its top is not under the sticky title.
HIDDEN_UNDER_TITLE = """async () => {
    const hidden = [];
    for (const wrap of document.querySelectorAll('.md-sidebar__scrollwrap')) {
        if (!wrap.offsetParent) continue;
        const links = [...wrap.querySelectorAll('a.md-nav__link')].filter(a => a.getClientRects().length);
        wrap.scrollTop = wrap.scrollHeight;
        for (const a of links.reverse()) {
            a.focus();
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            const r = a.getBoundingClientRect();
            const e = document.elementFromPoint(r.left + 10, r.top + 2);
            if (e && !a.contains(e) && wrap.contains(e)) hidden.push(a.textContent.trim());
        }
        if (!links.length) hidden.push('no links in a visible sidebar');
    }
    return hidden;
}"""


@pytest.mark.parametrize("size", [(1300, 600), (1000, 700)])
@pytest.mark.parametrize("path", ["guide/co-creation-and-engagement/", "no/guide/ongoing-improvement/"])
def test_a_side_navigation_link_in_focus_is_not_hidden_under_the_sticky_title(browser, site_url, path, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(site_url + path)
    assert page.evaluate(HIDDEN_UNDER_TITLE) == []
    page.close()
