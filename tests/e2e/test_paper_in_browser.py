"""Worksheets on paper, printed by Chromium (page.pdf) and read back with pypdf: each part keeps
its heading and what belongs with it, and no sheet holds only a scrap. The VI report's first
sheet holds its details and its picture, its chosen actions stay with the diagnosis; the blank
VI form's actions box is whole on one sheet; the blank stakeholder form's headings break between
words and its levels of engagement print as a key beside the matrix; the matrix wraps long names
on paper rather than cutting them."""

import io
import re

import pytest
from pages import open_page, wait_view
from pages import strings as t
from pypdf import PdfReader
from sheets import SHEETS, fill_stakeholder

LONG = "Regionale fagkoordinatorer for habiliteringstjenestene i kommunene"


def sheets(page, blank=False):
    """The text of each A4 sheet the worksheet prints on, and each sheet's page content."""
    if blank:
        page.evaluate("document.body.classList.add('ws-printing-blank')")
    page.emulate_media(media="print")
    page.evaluate(
        "document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"
    )
    pdf = page.pdf(format="A4")
    page.emulate_media(media="screen")
    page.evaluate("document.body.classList.remove('ws-printing-blank')")
    pages = PdfReader(io.BytesIO(pdf)).pages
    return [" ".join(p.extract_text().split()) for p in pages], [p.get_contents().get_data() for p in pages]


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_vi_report_keeps_its_parts_together_on_paper(page, site_url, lang):
    ws = "vi-worksheet"
    open_page(page, site_url, ws, lang)
    s = t(ws, lang)
    SHEETS[ws].fill(page, lang, LONG)
    details = {"#vi-where": "Four municipal health centres in the north", "#vi-when": "Spring 2026"}
    details["#vi-who"] = "The implementation team with two service users"
    for selector, value in details.items():
        page.fill(selector, value)
    page.fill("#vi-actions", "")  # none chosen yet: the report says "–"
    wait_view(page)
    texts, _ = sheets(page)
    first = texts[0]
    assert all(value in first for value in details.values()), first
    # The picture is on the first sheet with them: its scale and each element's line.
    assert s("lvl_mid") in first and all(f"{s(f'el_{e}')}:" in first for e in ("evidence", "context")), first
    actions = next(i for i, text in enumerate(texts) if s("actions") in text)
    assert s("diagnosis_heading") in texts[actions] and s("step_one") in texts[actions]
    foot = s("report_generated")
    for i, text in enumerate(texts):
        assert len(text.replace(foot, "").strip()) > 200, (i, text)


def full_height_boxes(content, height_px):
    """Stroked rectangles in a sheet's content as tall as height_px (Chromium draws in CSS px)."""
    found = re.findall(rb"(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re\s+S", content)
    return [b for b in found if abs(float(b[3]) - height_px) < 4]


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_blank_vi_form_prints_its_actions_box_whole(page, site_url, lang):
    ws = "vi-worksheet"
    open_page(page, site_url, ws, lang)
    texts, contents = sheets(page, blank=True)
    box_px = page.locator(".vi-blank-lines").evaluate(
        "el => { document.body.classList.add('ws-printing-blank'); return 45 * 96 / 25.4; }"
    )
    holding = [i for i, c in enumerate(contents) if full_height_boxes(c, box_px)]
    heading = [i for i, text in enumerate(texts) if t(ws, lang)("actions") in text]
    assert len(holding) == 1 and holding == heading, (holding, heading)


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_blank_stakeholder_form_prints_as_a_form(page, site_url, lang):
    ws = "stakeholder-matrix"
    open_page(page, site_url, ws, lang)
    s = t(ws, lang)
    texts, _ = sheets(page, blank=True)
    # Each column heading whole, never broken inside a word.
    headings = " ".join(texts)
    for key in ("col_importance", "col_influence", "col_name", "col_stake"):
        for word in s(key).split():
            assert re.search(rf"(^|\s){re.escape(word)}(\s|$)", headings), (word, headings)
    # The levels of engagement are a key beside the matrix on the first sheet, not a sheet of
    # their own, and not the screen's folding box.
    assert s("levels_heading") in texts[0] and s("axis_influence") in texts[0]
    assert all(s(f"level_{lv}_help") in " ".join(texts[:1]) for lv in ("inform", "co-create"))
    assert page.locator(".ws-blank details, .ws-blank summary").count() == 0


@pytest.mark.parametrize("lang", ["en", "no"])
def test_the_matrix_wraps_long_names_on_paper(page, site_url, lang):
    ws = "stakeholder-matrix"
    open_page(page, site_url, ws, lang)
    fill_stakeholder(page, 0, LONG, "high", "high")
    wait_view(page)
    texts, _ = sheets(page)
    assert LONG in texts[0] and "…" not in texts[0], texts[0]
