"""The workshop kit page: the activities with their times as the activities page gives them,
agendas whose clock times add up, and a clean facilitator pack when printed."""

import io
import json
import re

import pypdf
import pytest
from pages import LANG_PREFIX
from playwright.sync_api import expect

from tools import worksheets

MINUTES = {"en": "{} minutes", "no": "{} minutter"}


def minutes_of(text):
    return int(re.match(r"\d+", text).group())


# Each handout's name, anchor and minutes, from its heading and its "Time." line.
HANDOUTS = """() => [...document.querySelectorAll('article h2.handout')].map(h => {
    let time = h.nextElementSibling;
    while (time && !/^(Time|Tid)\\./.test(time.textContent.trim())) time = time.nextElementSibling;
    const name = [...h.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    return [name, h.id, parseInt(time.textContent.trim().split(' ')[1], 10)];
})"""


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_kit_lists_each_activity_with_its_time_and_link(page, site_url, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "workshop/activities/")
    handouts = page.evaluate(HANDOUTS)
    assert len(handouts) == 5
    page.goto(site_url + LANG_PREFIX[lang] + "workshop/kit/")
    rows = page.locator("table.workshop-kit-activities tbody tr")
    listed = rows.evaluate_all("""rs => rs.map(r => [r.cells[0].innerText.trim(),
        new URL(r.querySelector('a').href).hash.slice(1), parseInt(r.cells[1].innerText, 10)])""")
    assert listed == handouts
    assert all(
        t.endswith(MINUTES[lang].format(m))
        for t, (_, _, m) in zip(rows.locator("td:nth-child(2)").all_inner_texts(), handouts)
    )


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_agendas_clock_times_follow_from_each_items_time(page, site_url, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "workshop/kit/")
    sep = {"en": ":", "no": "."}[lang]  # Norwegian writes clock times 09.00
    for agenda, end in (("half-day", "12:10"), ("full-day", "15:20")):
        end = end.replace(":", sep)
        rows = page.locator(f"h2#{agenda} ~ .isp-scroll table.workshop-kit-agenda").first.locator("tbody tr")
        cells = rows.evaluate_all("rs => rs.map(r => [...r.cells].map(c => c.innerText.trim()))")
        clock = 9 * 60
        for start, _, duration in cells:
            assert start == f"{clock // 60:02d}{sep}{clock % 60:02d}", (agenda, cells)
            clock += minutes_of(duration)
        assert f"{clock // 60:02d}{sep}{clock % 60:02d}" == end
        expect(page.locator(f"h2#{agenda} ~ p.workshop-kit-end").first).to_contain_text(end)
        assert sum(1 for _, what, _ in cells if what.startswith(("Activity:", "Aktivitet:"))) >= 4


LEFT_OUT = {"en": ("Open in the worksheet", "Download"), "no": ("Åpne i arbeidsarket", "Last ned")}


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_kit_prints_what_to_print_and_where_with_full_addresses(page, site_url, lang):
    """The kit's printout printed "Open in the worksheet" and "Download" with no address, and
    promised blank forms it did not hold: on paper it now gives each page to print (the
    handouts, the three blank forms, the book) by its full address, and where the cases are."""
    kit = site_url + LANG_PREFIX[lang] + "workshop/kit/"
    page.goto(kit)
    expect(page.locator("[data-offline-save]")).to_have_count(1)  # "Save for offline use", as on the workshop page
    page.emulate_media(media="print")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    text = "".join(page_.extract_text() for page_ in pdf.pages)
    flat = "".join(text.split())
    wanted = ["workshop/activities/", "book/"] + [f"worksheets/{w}/#worksheet" for w in worksheets.MODULES]
    assert [w for w in wanted if site_url + LANG_PREFIX[lang] + w not in flat] == []
    assert kit + "#cases" in flat
    assert [w for w in LEFT_OUT[lang] if w in text] == []


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_kit_prints_as_a_facilitator_pack(page, site_url, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "workshop/kit/")
    page.emulate_media(media="print")
    for selector in (".md-sidebar", ".md-header", "button.share-toggle"):
        assert page.locator(selector).evaluate_all("els => els.every(e => !e.checkVisibility())"), selector
    breaks = page.locator("h2#half-day, h2#full-day").evaluate_all("hs => hs.map(h => getComputedStyle(h).breakBefore)")
    assert breaks == ["page", "page"]
    pdf = page.pdf(prefer_css_page_size=True)
    sheets = re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(sheets) >= 3 and all(float(w) < float(h) for w, h in sheets)


@pytest.mark.parametrize("lang", ["en", "no"])
def test_each_pre_filled_case_opens_from_its_link_and_imports_from_its_file(browser, site_url, lang):
    """The kit's cases: the link opens the worksheet with the case offered; loaded, it is the same
    data as the case's file imported on the same page."""
    from sitebuild import examples
    from tools import worksheets
    from tools.i18n import Strings

    context = browser.new_context(accept_downloads=True, service_workers="block")
    page = context.new_page()
    kit = site_url + LANG_PREFIX[lang] + "workshop/kit/"
    for ws in worksheets.MODULES:
        s = Strings(worksheets.get(ws).STRINGS, lang)
        page.goto(kit)
        row = page.locator("table.workshop-kit-cases tr", has=page.locator(f"a[data-case='{ws}']"))
        expect(row).to_contain_text(examples.case(ws, lang)["title"])
        with page.expect_download() as info:
            row.locator("a[download]").click()
        case_file = info.value.path().read_text(encoding="utf-8")
        row.locator(f"a[data-case='{ws}']").click()
        page.wait_for_selector(f'[data-worksheet="{ws}"][data-ready="true"]', timeout=60_000)
        offer = page.locator("[data-link-panel]")
        expect(offer.get_by_role("heading", name=s("offer_heading"))).to_be_visible()
        offer.get_by_role("button", name=s("offer_load")).click()
        expect(page.locator("[data-message]")).to_contain_text(s("offer_loaded"))
        from_link = page.evaluate(f"JSON.parse(localStorage.getItem('isp:{ws}')).data")
        page.evaluate(f"localStorage.removeItem('isp:{ws}')")
        page.reload()
        page.wait_for_selector(f'[data-worksheet="{ws}"][data-ready="true"]', timeout=60_000)
        page.locator("input[data-action='import']").set_input_files(
            files=[{"name": "case.json", "mimeType": "application/json", "buffer": case_file.encode("utf-8")}]
        )
        expect(page.locator("[data-message]")).to_contain_text(s("imported", filename="case.json"))
        from_file = page.evaluate(f"JSON.parse(localStorage.getItem('isp:{ws}')).data")
        assert from_link == from_file
        assert json.loads(case_file)["data"] == examples.case(ws, lang)["data"]
        # The results show, without problems.
        expect(page.locator("[data-problems]")).to_be_empty()
    context.close()
