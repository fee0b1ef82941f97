import json

import pytest
from pages import PAGES, open_page
from sheets import SHEETS

MEASURE = """() => {
  const out = {page: document.documentElement.scrollWidth, svgs: [], tables: []};
  for (const svg of document.querySelectorAll('.ws svg')) {
    const r = svg.getBoundingClientRect();
    if (!r.width || svg.closest('.ws-report, .ws-blank')) continue;
    const scale = r.width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('text')].map(el => parseFloat(getComputedStyle(el).fontSize) * scale);
    const box = svg.closest('.ws-figure, .isp-scroll');
    out.svgs.push({cls: svg.getAttribute('class'), w: Math.round(r.width), min: Math.round(Math.min(...sizes)*10)/10,
       region: svg.closest('[data-region]')?.dataset.region, box: box ? box.className : null});
  }
  for (const t of document.querySelectorAll('.ws table')) {
    const r = t.getBoundingClientRect();
    if (!r.width || t.closest('.ws-report, .ws-blank')) continue;
    const box = t.closest('.ws-figure, .isp-scroll');
    out.tables.push({cls: t.className, w: Math.round(r.width), right: Math.round(r.right), box: box ? box.className : null});
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["en", "no"])
@pytest.mark.parametrize("ws", PAGES)
def test_measure(browser, site_url, ws, lang):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, device_scale_factor=1, service_workers="block"
    )
    page = open_page(context.new_page(), site_url, ws, lang)
    SHEETS[ws].fill(page, lang, "Ein lang namn for ein gruppe med mykje tekst")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)
    print("\n", ws, lang, json.dumps(page.evaluate(MEASURE)))
    context.close()
