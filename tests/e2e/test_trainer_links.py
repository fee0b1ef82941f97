"""Links and QR codes for trainers: the trainer links page in both languages and the
"Link and QR code" action beside every heading. QR codes are read back with zxing-cpp from
the images as Chromium draws them; copy buttons are checked on the real clipboard."""

import base64

import pytest
import zxingcpp
from pages import LANG_PREFIX, run_axe
from playwright.sync_api import expect

from harness.site_server import PUBLIC_URL
from sitebuild import content

COPIED = {"en": "Link copied: ", "no": "Lenken er kopiert: "}
FAILED = {"en": "Could not copy.", "no": "Kunne ikke kopiere."}
ACTION = {"en": "Link and QR code", "no": "Lenke og QR-kode"}

# Draws an image as the browser shows it onto white, twice its size, and returns its grey levels.
PIXELS = """async img => {
    await img.decode();
    const w = img.width * 2, h = img.height * 2, canvas = document.createElement('canvas');
    canvas.width = w; canvas.height = h;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, w, h);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, 0, 0, w, h);
    const rgba = ctx.getImageData(0, 0, w, h).data, grey = new Uint8Array(w * h);
    for (let i = 0; i < w * h; i++) grey[i] = rgba[4 * i];
    let s = ''; for (const b of grey) s += String.fromCharCode(b);
    return [w, h, btoa(s)];
}"""


def decode_qr(img):
    w, h, data = img.evaluate(PIXELS)
    pixels = memoryview(base64.b64decode(data)).cast("B", (h, w))
    return [b.text for b in zxingcpp.read_barcodes(pixels)]


@pytest.fixture
def clipboard(context, site_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.split("/practice-guide")[0])


@pytest.mark.parametrize("lang", ["en", "no"])
def test_trainer_links_list_everything_with_qr_codes_that_read_as_the_address(page, site_url, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "trainer-links/")
    data = content.guide()
    rows = {}
    for group in ("pages", "principles", "domains", "competencies", "worksheets"):
        table = page.locator(f"h2#{group} + .isp-scroll table.trainer-links")
        rows[group] = table.locator("tbody tr")
    assert rows["principles"].count() == len(data["principles"]) == 6
    assert rows["domains"].count() == 3
    assert rows["competencies"].count() == 15
    assert rows["worksheets"].count() == 3
    assert rows["pages"].count() >= 28
    competency = rows["competencies"].filter(has_text=data["competencies"][0]["name"][lang])
    expected = PUBLIC_URL + LANG_PREFIX[lang] + "guide/co-creation-and-engagement/#" + data["competencies"][0]["id"]
    expect(competency.locator("code")).to_have_text(expected)
    problems = {}
    for group_rows in rows.values():
        for i in range(group_rows.count()):
            row = group_rows.nth(i)
            address = row.locator("code").inner_text()
            # The link goes to the page on this copy of the site, at the address's path.
            href = row.locator("a").evaluate("a => a.href")
            assert href == site_url + address.removeprefix(PUBLIC_URL), (href, address)
            decoded = decode_qr(row.locator("img.trainer-qr"))
            if decoded != [address]:
                problems[address] = decoded
    assert problems == {}


@pytest.mark.parametrize("lang", ["en", "no"])
def test_a_copy_button_puts_the_address_on_the_clipboard(page, site_url, clipboard, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "trainer-links/")
    row = page.locator("h2#worksheets + .isp-scroll table tbody tr").first
    address = row.locator("code").inner_text()
    row.locator("button.share-copy").click()
    expect(row.locator(".share-status")).to_have_text(COPIED[lang] + address)
    assert page.evaluate("() => navigator.clipboard.readText()") == address


@pytest.mark.parametrize("lang", ["en", "no"])
def test_each_heading_offers_its_link_and_qr_code_by_keyboard(page, site_url, clipboard, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "guide/co-creation-and-engagement/")
    heading = page.locator("article h2#co-learning")
    toggle = page.locator("button.share-toggle:has(+ h2#co-learning)")
    expect(toggle).to_have_text(ACTION[lang])
    # The button is beside the heading, not in it: a screen reader moving by headings hears the
    # title alone (it heard "Co-learning¶Link and QR code").
    title = {"en": "Co-learning", "no": "Samlæring"}[lang]
    assert heading.aria_snapshot().splitlines()[0] == f'- heading "{title} ¶" [level=2]:'
    expect(page.get_by_role("heading", name=ACTION[lang])).to_have_count(0)
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    panel = page.locator("#" + toggle.get_attribute("aria-controls"))
    expect(panel).to_be_visible()
    address = PUBLIC_URL + LANG_PREFIX[lang] + "guide/co-creation-and-engagement/#co-learning"
    expect(panel.locator("input.share-address")).to_have_value(address)
    assert decode_qr(panel.locator("img.share-qr")) == [address]
    assert run_axe(page) == []
    # Tab to the copy button and press it.
    panel.locator("button.share-copy-button").focus()
    page.keyboard.press("Enter")
    expect(panel.locator(".share-status")).to_have_text(COPIED[lang] + address)
    assert page.evaluate("() => navigator.clipboard.readText()") == address
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()


def test_the_page_heading_gives_the_pages_own_address(page, site_url):
    page.goto(site_url + "no/guide/principles/")
    page.locator("article button.share-toggle:has(+ h1)").click()
    panel = page.locator(".share-panel")
    address = PUBLIC_URL + "no/guide/principles/"
    expect(panel.locator("input.share-address")).to_have_value(address)
    assert decode_qr(panel.locator("img.share-qr")) == [address]


@pytest.mark.parametrize("lang", ["en", "no"])
def test_when_the_clipboard_is_refused_the_address_is_selected_to_copy_by_hand(page, site_url, lang):
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'))")
    page.goto(site_url + LANG_PREFIX[lang] + "trainer-links/")
    row = page.locator("h2#principles + .isp-scroll table tbody tr").first
    address = row.locator("code").inner_text()
    row.locator("button.share-copy").click()
    expect(row.locator(".share-status")).to_contain_text(FAILED[lang])
    field = row.locator("input.share-address")
    expect(field).to_be_visible()
    expect(field).to_be_focused()
    assert field.evaluate("f => f.value.substring(f.selectionStart, f.selectionEnd)") == address


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_link_button_is_in_the_page_as_served_so_nothing_moves_when_scripts_start(browser, site_url, lang):
    """On a phone, a short page title and its "Link and QR code" button take two lines. Added by
    the script, the button pushed the page down once it ran; it now comes with the page, unseen
    where scripts do not run, and the title takes the same room either way."""
    url = site_url + LANG_PREFIX[lang] + "worksheets/vi-worksheet/"
    heights = {}
    for scripts in (False, True):
        context = browser.new_context(
            viewport={"width": 412, "height": 823}, java_script_enabled=scripts, service_workers="block"
        )
        page = context.new_page()
        page.goto(url)
        toggle = page.locator("article button.share-toggle:has(+ h1)")
        if scripts:
            expect(toggle).to_be_visible()
            expect(toggle).to_have_text(ACTION[lang])
            page.wait_for_load_state("load")
        else:
            expect(toggle).to_be_hidden()
        heights[scripts] = page.locator("article h1").bounding_box()["height"]
        context.close()
    assert heights[False] == heights[True]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "no"])
def test_built_without_its_address_the_page_gives_full_addresses_and_qr_codes_of_where_it_is_served(
    browser, url_without_address, lang, width
):
    """A copy built without its public address copied "../guide/principles/" and had no QR code
    at all. The browser now makes both from the address the page is served at: what is shown,
    copied and encoded is the full address, on a phone as on a desktop."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
        service_workers="block",
    )
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url_without_address + LANG_PREFIX[lang] + "trainer-links/")
    for group in ("pages", "principles", "competencies", "worksheets"):
        table = page.locator(f"h2#{group} ~ .isp-scroll").first.locator("table.trainer-links")
        row = table.locator("tbody tr").last
        address = row.locator("a").evaluate("a => a.href")
        assert address.startswith(url_without_address + LANG_PREFIX[lang]), address
        expect(row.locator("code")).to_have_text(address)
        row.locator("button.share-copy").click()
        expect(row.locator(".share-status")).to_have_text(COPIED[lang] + address)
        assert page.evaluate("() => navigator.clipboard.readText()") == address
        qr = row.locator("img.trainer-qr")
        assert qr.evaluate("i => i.getBoundingClientRect().width") >= 164  # never squeezed to unreadable
        assert decode_qr(qr) == [address]
    # A heading's panel: its address and a QR code made here.
    page.locator("article button.share-toggle:has(+ h1)").click()
    panel = page.locator(".share-panel")
    here = url_without_address + LANG_PREFIX[lang] + "trainer-links/"
    expect(panel.locator("input.share-address")).to_have_value(here)
    assert decode_qr(panel.locator("img.share-qr")) == [here]
    assert run_axe(page) == []
    assert [u for u in requests if not u.startswith(url_without_address) and not u.startswith("data:")] == []
    context.close()
