"""The team views of the VI worksheet and the stakeholder matrix in a real Chromium, on the built
site, with the real Pyodide: people's results added from chosen files, a dropped file and pasted
share links (a bad one among good ones refused by name, the same result twice noticed), labels
changed by keyboard, the team file exported, cleared and imported back the same, kept across a
reload, printed, axe clean, and readable at phone width. One page load per worksheet and
language; each step checks what a trainer would see."""

import json

import pytest
from pages import read_download, run_axe, tab_to
from pages import strings as strings_of
from playwright.sync_api import expect
from sheets import sm_group_file, vi_rater_file

from tools import share
from tools import vi_worksheet as vi

PHONE = {"width": 390, "height": 844}
BASE = "https://guide.example.org/practice-guide/worksheets/page/"
R = ("evidence", "research")
L = ("context", "leadership")

# Per worksheet: the files chosen at once (two good, one bad), the file dropped (a repeat of the
# first, and a new one), the result sent as a link, and what the view must put first.
CASES = {
    "vi-worksheet": {
        "files": [
            ("ann.json", vi_rater_file({R: "high", L: "mid"})),
            ("bo.json", vi_rater_file({R: "low", L: "mid"})),
        ],
        "dropped": ("cai.json", vi_rater_file({R: "mid", L: "mid-high"})),
        "link": {"assessments": [{**vi.empty_assessment("a1"), "name": "before"}]},
        "link_levels": {R: "mid", L: "mid"},
    },
    "stakeholder-matrix": {
        "files": [
            ("group-a.json", sm_group_file([("GPs", "high", "high", "collaborate"), ("Parents", "high", "low", "")])),
            ("group-b.json", sm_group_file([("G.P.s", "low", "low", "inform"), ("Parents", "high", "low", "")])),
        ],
        "dropped": ("group-c.json", sm_group_file([("Family doctors", "low", "low", "inform")])),
        "link": {"objective": "Two family centres", "stakeholders": [{"name": "Parents", "importance": "high"}]},
    },
}


def link_for(ws, lang):
    data = CASES[ws]["link"]
    if ws == "vi-worksheet":
        for (element, sub), level in CASES[ws]["link_levels"].items():
            data["assessments"][0][element][sub]["level"] = level
    return share.make_link(ws, data, lang, BASE)["link"]


def as_files(files):
    return [{"name": n, "mimeType": "application/json", "buffer": text.encode("utf-8")} for n, text in files]


def drop(page, name, text):
    page.locator("[data-team]").evaluate(
        """(box, [name, text]) => {
            const data = new DataTransfer();
            data.items.add(new File([text], name, {type: "application/json"}));
            box.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        }""",
        [name, text],
    )


def export(page, fmt):
    with page.expect_download() as info:
        page.locator(f"[data-team] button[data-action='team-export'][data-format='{fmt}']").click()
    return info.value.suggested_filename, read_download(info.value)


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", CASES)
def test_a_team_view_from_files_and_links(open_worksheet, page, ws, lang):
    t = strings_of(ws, lang)
    case = CASES[ws]
    open_worksheet(ws, lang)
    box = page.locator("[data-team]")
    members = box.locator("[data-team-region='members'] li")
    message = box.locator("[data-team-message]")
    results = box.locator("[data-team-region='results']")
    expect(box.locator("legend").first).to_have_text(t("tv_people_legend", count=0, limit=60))
    expect(box.locator(".tv-kept")).to_have_text(t("tv_kept"))
    expect(box.locator(".tv-limits")).to_contain_text("60")

    # Several files at once: the bad one is named with its reason, the good ones are taken in.
    box.locator("[data-team-files]").set_input_files(as_files([*case["files"], ("broken.json", "{ not json")]))
    expect(message.locator("p")).to_have_text(f"{t('tv_added', count=2, total=2)} {t('tv_refused', count=1)}")
    expect(message.locator("li").first).to_contain_text("broken.json")
    expect(members).to_have_count(2)

    # A dropped file that repeats one already in is noticed; the new one beside it is added.
    drop(page, "ann-again.json", case["files"][0][1])
    drop(page, *case["dropped"])
    expect(members).to_have_count(3)
    drop(page, "ann-again.json", case["files"][0][1])
    expect(message).to_contain_text(t("tv_duplicate_of", name="ann-again.json", same_as=case["files"][0][0][:-5]))
    expect(members).to_have_count(3)

    # Pasted links, by keyboard alone: a good one and a bad one.
    box.locator("[data-team-files]").focus()
    tab_to(page, "[data-team-links]")
    page.keyboard.insert_text(f"{link_for(ws, lang)}\n{BASE}#share=not-a-link")
    tab_to(page, "button[data-action='team-links']")
    page.keyboard.press("Enter")
    expect(members).to_have_count(4)
    expect(message.locator("li").first).to_contain_text(t("tv_link_n", n=2))
    expect(box.locator("[data-team-links]")).to_have_value("")

    # The label is the reader's: changed by keyboard, shown in the results.
    tab_to(page, "[data-team-label]")
    page.keyboard.press("Control+A")
    page.keyboard.type("Team lead")
    page.keyboard.press("Tab")
    expect(results).to_contain_text("Team lead")
    first_row = results.locator("table").first.locator("tbody tr").first
    if ws == "vi-worksheet":
        # Research, rated from low to high, is where the raters are furthest apart: named first.
        expect(first_row.locator("th")).to_have_text(vi.sub_name("research", t))
        expect(first_row).to_contain_text(t("tv_vi_range", steps=4, low=t("lvl_low"), high=t("lvl_high")).split(":")[0])
        expect(results.locator("svg.vi-picture")).to_have_count(1)
    else:
        # The GPs, matched across two spellings and placed apart, come first (named as the first
        # group in the view's order wrote it: "Team lead" now sorts last).
        expect(first_row.locator("th")).to_have_text("G.P.s")
        expect(first_row).to_contain_text(t("tv_sm_differs_quadrant"))
        # The matching missed "Family doctors": the reader joins it to the GPs.
        box.locator("[data-team-pick='merge-from']").select_option("Family doctors")
        box.locator("[data-team-pick='merge-to']").select_option("G.P.s")
        box.get_by_role("button", name=t("tv_sm_merge")).click()
        expect(results.locator(".tv-corrections li")).to_contain_text(
            t("tv_sm_merged_item", name="Family doctors", canonical="G.P.s")
        )
        expect(results.locator("table").first.locator("tbody th", has_text="Family doctors")).to_have_count(0)

    # Exported, cleared, imported back: the same team file.
    name, saved = export(page, "json")
    assert name == f"{t('tv_file_stem')}.json"
    doc = json.loads(saved)
    assert doc["version"] == 1 and len(doc["data"]["members"]) == 4
    assert "Team lead" in [m["label"] for m in doc["data"]["members"]]
    _, csv_text = export(page, "csv")
    _, md = export(page, "markdown")
    assert "Team lead" in csv_text and "Team lead" in md
    page.once("dialog", lambda d: d.accept())
    box.get_by_role("button", name=t("tv_clear")).click()
    expect(message).to_have_text(strings_of(ws, lang)("team_cleared"))
    expect(members).to_have_count(0)
    assert page.evaluate(f"localStorage.getItem('isp:{ws}:team')") is None
    box.locator("[data-team-files]").set_input_files(as_files([(name, saved)]))
    expect(message.locator("p")).to_have_text(t("tv_added", count=4, total=4))
    expect(members).to_have_count(4)
    page.reload()
    expect(members).to_have_count(4)  # kept in this browser
    _, again = export(page, "json")
    assert json.loads(again) == doc

    # On screen, axe finds nothing in the filled team view.
    assert run_axe(page) == []

    # Printed: the button prints the team view alone, with its picture and lists.
    page.evaluate("window.print = () => { window.__printed = document.body.className; }")
    box.get_by_role("button", name=t("tv_print")).click()
    assert "ws-printing-team" in page.evaluate("window.__printed")
    page.evaluate("document.body.classList.add('ws-printing-team')")
    page.emulate_media(media="print")
    expect(results.locator("svg")).to_be_visible()
    expect(results.locator("table").first).to_be_visible()
    expect(page.locator("[data-worksheet]")).to_be_hidden()
    expect(box.locator(".tv-add")).to_be_hidden()
    page.emulate_media(media="screen")
    page.evaluate("document.body.classList.remove('ws-printing-team')")

    # At 390 px: the picture's text 12 px or more, no sideways page scroll, and the list of
    # differences within the first screen of the team's results.
    page.set_viewport_size(PHONE)
    svg = results.locator("svg").first
    svg.scroll_into_view_if_needed()
    smallest = svg.evaluate("""svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll('text')].map(el => parseFloat(getComputedStyle(el).fontSize) * scale));
    }""")
    assert smallest >= 12, smallest
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    heading = results.locator("h3")
    heading.evaluate("h => h.scrollIntoView({block: 'start'})")
    table_top = results.locator("table").first.evaluate("t => t.getBoundingClientRect().top")
    assert table_top < PHONE["height"] * 0.75, table_top


@pytest.mark.parametrize(("ws", "lang"), [("vi-worksheet", "no"), ("stakeholder-matrix", "en")])
def test_the_kits_example_team_file_opens_in_the_team_view(page, site_url, ws, lang):
    """A trainer's rehearsal: the kit's example team file, downloaded and chosen in the team view
    the kit links to, shows every member it was made with."""
    from pages import LANG_PREFIX

    from sitebuild import workshop_kit

    page.goto(site_url + LANG_PREFIX[lang] + "workshop/kit/")
    row = page.locator("table.workshop-kit-team tr", has=page.locator(f"a[href$='{ws}/#team-view']"))
    with page.expect_download() as info:
        row.locator("a[download]").click()
    name, text = info.value.suggested_filename, read_download(info.value)
    assert name == workshop_kit.team_example_filename(ws, lang)
    row.locator(f"a[href$='{ws}/#team-view']").click()
    page.wait_for_selector(f'[data-worksheet="{ws}"][data-ready="true"]', timeout=60_000)
    box = page.locator("[data-team]")
    expect(box).to_be_in_viewport()
    box.locator("[data-team-files]").set_input_files(as_files([(name, text)]))
    labels = [r["label"][lang] for r in workshop_kit.DATA["team_examples"][ws]]
    expect(box.locator("[data-team-label]")).to_have_count(len(labels))
    expect(box.locator("[data-team-region='results'] table").first).to_contain_text(labels[-1])
