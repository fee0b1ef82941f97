"""Reflow (WCAG 2.1, 1.4.10 and 1.4.4) in Chromium: at 320 CSS px every page of the built site,
in both languages, reads without scrolling sideways, and so do the worksheets filled with the
workshop kit's example cases, every folded part open; a table or a picture may scroll, but only
inside a box of its own. The same pages with the text at twice its size (text-only zoom, as the
browser's font-size setting does it) at a desktop width: nothing wider than the window and no
text cut off by its box."""

import pytest
from pages import LANG_PREFIX, PAGES, all_pages
from pages import strings as t
from playwright.sync_api import expect

from sitebuild import examples

NARROW = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
TEXT_ZOOM = 2  # times the browser's default font size (16 px standard, 13 px fixed)

# What sticks out of the window to the right, outside any box that scrolls or clips it (such a
# box holds it by itself): the outermost such elements, named with a little of their text.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const held = el => { for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false; };
  const out = el => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > width + 0.5 && getComputedStyle(el).position !== 'fixed' && !held(el); };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map(c => '.' + c).join('') + ` (right edge ${Math.round(el.getBoundingClientRect().right)} px: `
    + JSON.stringify((el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40)) + ')';
  const names = [...document.body.querySelectorAll('*')]
    .filter(el => out(el) && !(el.parentElement && out(el.parentElement))).map(name);
  return {width, document: document.documentElement.scrollWidth, names};
}"""

# What scrolls sideways without a way to it by keyboard: a box that scrolls (a table, a picture,
# a code sample) takes keyboard focus, and one that is a region has a name to know it by.
SCROLLS_UNREACHABLY = """() => [...document.body.querySelectorAll('*')].filter(el => {
    const o = getComputedStyle(el).overflowX;
    if (!(o === 'auto' || o === 'scroll') || el.scrollWidth <= el.clientWidth + 1) return false;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) return false;
    const named = Boolean(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'));
    return el.tabIndex < 0 || (el.getAttribute('role') === 'region' && !named);
  }).map(el => el.tagName.toLowerCase() + [...el.classList].map(c => '.' + c).join('')
    + ' ' + JSON.stringify((el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40)))"""

# Text its box cuts off: a line of text partly inside and partly outside the nearest box around
# it that does not let it overflow, when that box hides what overflows (an ellipsis, a clipped
# line) rather than scrolling to it. Not text moved wholly out of view (the side menu's closed
# levels), nor the one-pixel boxes that hide text from the eye but not from screen readers.
# Left out: the header's title, which repeats the site's name (whole in the side menu's title)
# and the page's own heading, and has room for a word or two at 320 px.
TEXT_CUT_OFF = """() => {
  const hides = o => o === 'hidden' || o === 'clip';
  const cut = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.data.trim() || !parent || parent.closest('.md-header__title')) continue;
    let box = parent, s = getComputedStyle(box);
    while (box !== document.body && s.overflowX === 'visible' && s.overflowY === 'visible') {
      box = box.parentElement;
      s = getComputedStyle(box);
    }
    const [x, y] = [hides(s.overflowX), hides(s.overflowY)];
    if (!(x || y) || box.clientWidth <= 1 || box.clientHeight <= 1) continue;
    if (!parent.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const b = box.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(node);
    const partly = [...range.getClientRects()].some(r => r.width > 0 && r.right > b.left && r.left < b.right
      && r.bottom > b.top && r.top < b.bottom
      && ((x && (r.left < b.left - 1 || r.right > b.right + 1)) || (y && (r.top < b.top - 1 || r.bottom > b.bottom + 1))));
    if (partly) cut.add(box.tagName.toLowerCase() + [...box.classList].map(c => '.' + c).join('')
      + ' ' + JSON.stringify(node.data.trim().replace(/\\s+/g, ' ').slice(0, 40)));
  }
  return [...cut];
}"""


def site_pages(built_site):
    """Every page the build wrote (each index.html but the search's and the assets' folders, which
    hold no pages), in both languages (the Norwegian ones under no/), and the two pages a server
    sends for an address that does not exist."""
    pages = all_pages(built_site)
    assert any(p.startswith("no/") for p in pages) and "glossary/" in pages  # the walk found the site
    return [*pages, "404.html", "no/404.html"]


def wait_for_results(page, ws):
    """Let Python draw the results of the form as it is now: the next view sets data-ready again."""
    root = page.locator(f'[data-worksheet="{ws}"]')
    root.evaluate("el => el.removeAttribute('data-ready')")
    page.locator("form [data-field]").first.dispatch_event("change")
    page.wait_for_selector(f'[data-worksheet="{ws}"][data-ready="true"]', timeout=60_000)


def open_everything(page):
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def settle(page):
    """Let the page lay itself out anew and finish what moves (the side menu slides when the
    layout changes), so that nothing is measured on its way."""
    page.evaluate("""() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))""")
    page.evaluate("""() => Promise.all(document.getAnimations()
        .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
        .map(a => a.finished.catch(() => null)))""")


def problems_here(page, text_zoom):
    """What fails reflow on the page as it is shown now: at 320 px, at 200 % text on a desktop."""
    found = []
    page.set_viewport_size(NARROW)
    settle(page)
    seen = page.evaluate(STICKING_OUT)
    if seen["document"] > seen["width"] or seen["names"]:
        found.append(f"at {NARROW['width']} px the page is {seen['document']} px wide: {seen['names']}")
    if cut := page.evaluate(TEXT_CUT_OFF):
        found.append(f"at {NARROW['width']} px, text is cut off: {cut}")
    if unreachable := page.evaluate(SCROLLS_UNREACHABLY):
        found.append(
            f"at {NARROW['width']} px, a box scrolls but cannot be reached by keyboard or has no name: {unreachable}"
        )
    page.set_viewport_size(DESKTOP)
    text_zoom(TEXT_ZOOM)
    seen = page.evaluate(STICKING_OUT)
    if seen["document"] > seen["width"] or seen["names"]:
        found.append(f"at 200 % text the page is {seen['document']} px wide: {seen['names']}")
    if cut := page.evaluate(TEXT_CUT_OFF):
        found.append(f"at 200 % text, text is cut off: {cut}")
    text_zoom(1)
    page.set_viewport_size(NARROW)
    return found


@pytest.fixture
def narrow_page(browser):
    context = browser.new_context(viewport=NARROW, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)

    def text_zoom(factor):
        # Text-only zoom: the browser's default font sizes, which rem and em sizes follow.
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 16 * factor, "fixed": 13 * factor}})
        settle(page)

    yield page, text_zoom
    context.close()


def test_every_page_reflows_at_320_px_and_at_200_percent_text(narrow_page, built_site, site_url):
    page, text_zoom = narrow_page
    failures = {}
    for path in site_pages(built_site):
        page.goto(site_url + path)
        worksheet = page.locator("[data-worksheet]")
        if worksheet.count():  # the results are part of the page: wait until Python has drawn them
            page.wait_for_selector("[data-worksheet][data-ready='true']", timeout=60_000)
        open_everything(page)
        if found := problems_here(page, text_zoom):
            failures[path] = found
    assert failures == {}


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", PAGES)
def test_each_worksheet_filled_with_the_kits_case_reflows(narrow_page, site_url, ws, lang):
    """The kit's share link (the same address the kit's page links to), loaded; each record of a worksheet that shows one at a time, and
    each mode of one that has two (the self-check's deeper mode shows the key activities)."""
    page, text_zoom = narrow_page
    s = t(ws, lang)
    page.goto(site_url + LANG_PREFIX[lang] + PAGES[ws] + "#" + examples.case_fragment(ws, lang))
    page.wait_for_selector(f'[data-worksheet="{ws}"][data-ready="true"]', timeout=60_000)
    page.locator("[data-link-panel]").get_by_role("button", name=s("offer_load")).click()
    expect(page.locator("[data-message]")).to_contain_text(s("offer_loaded"))
    failures = {}
    switches = page.locator("select[data-collection-select], select#cs-mode")
    views = [(None, "as loaded")] + [
        (i, value)
        for i in range(switches.count())
        for value in switches.nth(i).evaluate("s => [...s.options].map(o => o.value)")
    ]
    for which, value in views:
        if which is not None:
            switches.nth(which).select_option(value)
        wait_for_results(page, ws)
        open_everything(page)
        if found := problems_here(page, text_zoom):
            failures[value if which is None else f"{switches.nth(which).get_attribute('id')}={value}"] = found
    assert failures == {}
