"""Search in the reader's language, and the 404 page in the reader's language.

Each language has its own search index, and Norwegian search finds inflected forms and
compounds (hooks/search_language.py, hooks/lunr_no_prefix.js). Real queries a reader types,
each with the page it must find first.
"""

from urllib.parse import urlsplit

import pytest
from pages import LANG_PREFIX, run_axe, search_hrefs
from playwright.sync_api import expect

from sitebuild import content

ENGLISH = {
    "stakeholders": "worksheets/stakeholder-matrix/",
    "stakeholder matrix": "worksheets/stakeholder-matrix/",
    "drivers": "foundations/drivers/",
    "scaling up": "foundations/models/",
    "coaching": "foundations/drivers/",
    "fidelity": "foundations/drivers/",
    "principles": "guide/principles/",
    "competencies": "guide/competencies/",
    "self-check": "worksheets/competency-self-check/",
    "evidence": "worksheets/vi-worksheet/",
    "dilemmas": "guide/dilemmas/",
    "reflective questions": "guide/reflective-questions/",
    "glossary": "glossary/",
    "references": "references/",
    "context": "foundations/context/",
    "barriers": "foundations/barriers-and-prerequisites/",
    "prerequisites": "foundations/barriers-and-prerequisites/",
    "co-creation": "guide/co-creation-and-engagement/",
    "implegration": "foundations/implegration/",
    "models": "foundations/models/",
    "RE-AIM": "foundations/models/",
    "Norwegian study": "foundations/norwegian-study/",
    "workshop activities": "workshop/activities/",
}

NORWEGIAN = {
    # Inflected forms that the pages hold in other forms.
    "interessentene": "worksheets/stakeholder-matrix/",
    "interessentmatrisen": "worksheets/stakeholder-matrix/",
    "egenvurderingen": "worksheets/competency-self-check/",
    "prinsippene": "guide/principles/",
    "femten kompetansene": "guide/competencies/",
    "dilemmaene": "guide/dilemmas/",
    "refleksjonsspørsmålene": "guide/reflective-questions/",
    "ordlisten": "glossary/",
    "referansene": "references/",
    "kontekstene": "foundations/context/",
    "barrierene": "foundations/barriers-and-prerequisites/",
    "forutsetningene": "foundations/barriers-and-prerequisites/",
    "samskapingen": "guide/co-creation-and-engagement/",
    "modellene": "foundations/models/",
    "studien": "foundations/norwegian-study/",
    "aktivitetene": "workshop/activities/",
    "veiledningen": "foundations/drivers/",
    "tillit": "guide/sustaining-change/",
    "implegration": "foundations/implegration/",
    # Compounds: as the pages have them inflected, inside a longer word, or in two parts.
    "implementeringsdrivere": "foundations/drivers/",
    "kompetansedriverne": "foundations/drivers/",
    "implementeringsteamet": "foundations/drivers/",
    "skalering": "foundations/models/",
    "workshopaktivitetene": "workshop/activities/",
}


def search(page, query):
    """The result pages' paths for a query on the site's search, best first."""
    return [urlsplit(href).path for href in search_hrefs(page, query, first_per_page=True)]


def first_results(page, site_url, lang, queries):
    page.goto(site_url + LANG_PREFIX[lang])
    root = urlsplit(site_url).path
    found = {}
    for query in queries:
        paths = search(page, query)
        found[query] = paths[0].removeprefix(root) if paths else None
    return found


@pytest.mark.parametrize("lang, queries", [("en", ENGLISH), ("no", NORWEGIAN)])
def test_each_query_finds_its_page_first(page, site_url, lang, queries):
    assert len(queries) >= 20
    found = first_results(page, site_url, lang, queries)
    expected = {q: LANG_PREFIX[lang] + path for q, path in queries.items()}
    assert found == expected


@pytest.mark.parametrize("lang", ["en", "no"])
def test_search_finds_only_pages_in_the_readers_language(page, site_url, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "guide/")
    # Words both languages' pages hold: each language finds only its own pages.
    for query in ("implegration", "RE-AIM", "PARIHS"):
        paths = search(page, query)
        assert paths, query
        norwegian = [p for p in paths if p.startswith(urlsplit(site_url).path + "no/")]
        assert norwegian == (paths if lang == "no" else []), (query, paths)


def test_a_norwegian_inflection_finds_nothing_on_an_english_page(page, site_url):
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    search(page, "stakeholder")  # the index is ready once this shows results
    box.fill("interessentene")
    box.press("End")
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")


@pytest.mark.parametrize(
    "lang, heading, home_heading",
    [
        ("en", "Page not found", "Implementation Support Practice Guide"),
        ("no", "Fant ikke siden", "Praksisguide for implementeringsstøtte"),
    ],
)
def test_a_missing_address_gets_a_404_page_in_its_language(page, site_url, lang, heading, home_heading):
    response = page.goto(site_url + LANG_PREFIX[lang] + "does-not-exist/at/all")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == {"en": "en", "no": "nb"}[lang]
    expect(page.locator("article h1")).to_have_text(heading)
    # The theme's styles load from the site's path, and axe finds nothing.
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") != "static"
    assert run_axe(page) == []
    page.locator("a.not-found-home").click()
    expect(page).to_have_url(site_url + LANG_PREFIX[lang])
    expect(page.locator("article h1")).to_contain_text(home_heading)


@pytest.mark.parametrize("lang", ["en", "no"])
def test_search_on_a_worksheet_page_works_before_python_is_ready(browser, site_url, lang):
    """On worksheet pages the search index is built once Python is ready; a reader who turns to
    search sooner is not kept waiting for that: with Python held back, search still answers."""
    context = browser.new_context(service_workers="block")
    context.route("**/assets/pyodide/pyodide.asm.wasm", lambda route: None)  # never answered
    page = context.new_page()
    page.goto(site_url + LANG_PREFIX[lang] + "worksheets/vi-worksheet/")
    query, found = (
        ("stakeholders", "worksheets/stakeholder-matrix/")
        if lang == "en"
        else ("interessenter", "no/worksheets/stakeholder-matrix/")
    )
    hrefs = search_hrefs(page, query, first_per_page=True)
    assert page.get_attribute("[data-worksheet]", "data-ready") != "true"
    assert urlsplit(hrefs[0]).path.endswith("/" + found)
    context.close()


def note_python_ready(page, events):
    """Append "python" to `events` the moment the worksheet says Python is ready."""
    page.expose_function("pythonReady", lambda: events.append("python"))
    page.add_init_script("""new MutationObserver((_, o) => {
        if (document.querySelector('[data-worksheet][data-ready="true"]')) { o.disconnect(); window.pythonReady(); }
    }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-ready']});""")


def test_a_worksheet_page_downloads_and_builds_its_search_index_after_python_is_ready(browser, site_url):
    """The search index (some 100 kB) and the Norwegian language files the search worker loads
    when it builds the index: on a worksheet page they are asked for only once Python is ready
    (on a first visit over a slow link they came before Python's own files, and building the
    index takes the processor Python needs while it starts); on other pages at once."""

    def watch(context, suffix=""):
        def seen(request):
            if request.url.endswith("/search/search_index.json"):
                events.append("index file" + suffix)
            elif "/lunr/min/lunr.no" in request.url:
                events.append("language files" + suffix)

        context.on("request", seen)

    context = browser.new_context(service_workers="block")
    events = []
    watch(context)
    page = context.new_page()
    note_python_ready(page, events)
    page.goto(site_url + "no/worksheets/stakeholder-matrix/")
    page.wait_for_selector('[data-worksheet][data-ready="true"]', timeout=60_000)
    page.wait_for_timeout(1500)
    assert events == ["python", "index file", "language files"]
    context.close()
    context = browser.new_context(service_workers="block")
    watch(context, " at once")
    page = context.new_page()
    page.goto(site_url + "no/guide/principles/")
    page.wait_for_timeout(3000)
    assert events[3:] == ["index file at once", "language files at once"]
    context.close()


def test_on_a_slow_start_the_search_index_still_waits_for_python(browser, site_url):
    """Over a slow link Python takes longer than the ten seconds after which the index would come
    on a page whose worksheet script never ran: with that script running, the index still waits
    for Python (Python's WebAssembly is held back twelve seconds here)."""
    context = browser.new_context(service_workers="block")
    events = []
    context.on("request", lambda r: r.url.endswith("/search/search_index.json") and events.append("index file"))
    page = context.new_page()

    def slow(route):
        page.wait_for_timeout(12_000)
        route.continue_()

    page.route("**/assets/pyodide/pyodide.asm.wasm*", slow)
    note_python_ready(page, events)
    page.goto(site_url + "worksheets/vi-worksheet/")
    page.wait_for_selector('[data-worksheet][data-ready="true"]', timeout=90_000)
    page.wait_for_timeout(1500)
    assert events == ["python", "index file"]
    context.close()


def result_groups(page):
    """The shown results, one (links without their ?h= part, text) per page, best first."""
    return page.locator(".md-search-result__item").evaluate_all(
        """items => items.map(li => [
            [...li.querySelectorAll('a')].map(a => a.href.replace(/\\?[^#]*/, '')), li.innerText])"""
    )


@pytest.mark.parametrize("lang", ["en", "no"])
def test_a_competencys_name_finds_its_section_of_the_guide_first_not_the_worksheets_form(page, site_url, lang):
    """Searched from the self-check page, whose form names every competency beside its option
    list: each name finds its section of the guide first, and no result shows the form's words."""
    page.goto(site_url + LANG_PREFIX[lang] + "worksheets/competency-self-check/")
    options = page.locator("select#cs-facilitation-level").evaluate("s => s.textContent")
    data = content.guide()
    domain_page = {d["id"]: d["page"].removesuffix(".md") + "/" for d in data["domains"]}
    wrong = {}
    for competency in data["competencies"]:
        # As a reader types it: a word starting with "-" would be a query's "not".
        query = " ".join(w for w in competency["name"][lang].split() if not w.startswith("-"))
        search_hrefs(page, query)
        groups = result_groups(page)
        section = site_url + LANG_PREFIX[lang] + domain_page[competency["domain"]] + "#" + competency["id"]
        if section not in groups[0][0]:
            wrong[query] = groups[0][0][:2]
        assert not [text for _, text in groups if options[:25] in text.replace("\n", "")], query
    assert wrong == {}


SYNONYMS = {
    "en": {"coproduction": "guide/co-creation-and-engagement/", "PDSA": "guide/ongoing-improvement/"},
    "no": {
        "bærekraft": "sustaining-change/",
        "bærekraftig": "sustaining-change/",
        "PDSA": "guide/ongoing-improvement/",
    },
}


@pytest.mark.parametrize("lang", ["en", "no"])
def test_a_word_the_pages_say_otherwise_finds_the_page_about_it(page, site_url, lang):
    """«bærekraft» found only «bære» and «kraft»: the synonym list (sitebuild/data/search_synonyms.json)
    leads to the pages on sustaining change, which say «varig endring»; the snippet is their own text."""
    page.goto(site_url + LANG_PREFIX[lang])
    for query, path in SYNONYMS[lang].items():
        search_hrefs(page, query)
        links, text = result_groups(page)[0]
        assert urlsplit(links[0]).path.endswith("/" + LANG_PREFIX[lang] + path) or path in links[0], (query, links)
        assert query.lower() not in text.lower(), (query, text)
