"""The build's steps, run in-process on small folders made for each test: no MkDocs, no Node."""

import base64
import hashlib
import json
import os

import pytest

from sitebuild import brand, content, headers, language_links, offline, pipeline, search, worksheets, workshop_kit
from sitebuild.site import BuildError, Site, write_if_changed


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_steps_after_the_pages_run_in_the_one_listed_order():
    names = [name for name, _ in pipeline.POST_BUILD]
    assert names == [
        "worksheet runtime",
        "trainer QR codes",
        "workshop kit cases",
        "minify",
        "brand",
        "search split",
        "offline manifest",
        "headers",
        "precompress",
    ]
    ran = []
    pipeline.post_build(Site(dir="x"), [(n, lambda site, n=n: ran.append((n, site.dir))) for n in names])
    assert ran == [(n, "x") for n in names]


def test_a_file_is_rewritten_only_when_its_content_changes(tmp_path):
    target = tmp_path / "a" / "b.txt"
    assert write_if_changed(target, "één") is True
    os.utime(target, (1, 1))
    assert write_if_changed(target, "één".encode()) is False and target.stat().st_mtime == 1
    assert write_if_changed(target, "to") is True and target.read_text(encoding="utf-8") == "to"


def test_the_search_index_is_split_per_language_with_locations_inside_each(tmp_path):
    index = {
        "config": {"lang": ["en", "no"], "separator": "[\\s]+"},
        "docs": [
            {"location": "guide/", "title": "Guide", "text": ""},
            {"location": "no/guide/", "title": "Veileder", "text": ""},
        ],
    }
    write(tmp_path / "search" / "search_index.json", json.dumps(index))
    search.split_index(tmp_path, "en", ("no",))
    en = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    no = json.loads((tmp_path / "no" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["title"] for d in en["docs"]] == ["Guide"] and en["config"]["lang"] == ["en"]
    assert no["docs"] == [{"location": "guide/", "title": "Veileder", "text": ""}] and no["config"]["lang"] == ["no"]
    assert no["config"]["separator"] == "[\\s]+"


def test_a_norwegian_page_searches_its_own_index_and_a_worksheet_page_starts_search_later():
    # Material's base is the site's root, three levels up from no/worksheets/x/.
    page = (
        '<script id="__config" type="application/json">{"base": "../../..", '
        '"search": "../../../assets/javascripts/workers/search.1234abcd.min.js"}</script>'
    )
    config = json.loads(search.page(page, "no/worksheets/x/", True, ("no",)).split(">", 1)[1].split("</script>")[0])
    assert config == {"base": "../..", "search": "../../../assets/javascripts/workers/search-later.js"}
    assert search.page(page, "guide/x/", False, ("no",)) == page


def test_the_offline_manifest_lists_what_a_reader_needs_and_versions_the_service_worker(tmp_path):
    write(tmp_path / "index.html", "<p>home</p>")
    write(tmp_path / "no" / "index.html", "<p>hjem</p>")
    write(tmp_path / "assets" / "a.js", "x")
    write(tmp_path / "assets" / "a.js.map", "{}")
    write(tmp_path / "_deploy" / "nginx.conf", "")
    write(tmp_path / "sitemap.xml", "")
    write(tmp_path / "assets" / "a.js.br", "compressed")  # the server's copies of a.js, not a file to keep
    write(tmp_path / "assets" / "a.js.gz", "compressed")
    first = offline.write_offline_files(tmp_path)
    data = json.loads((tmp_path / offline.MANIFEST).read_text(encoding="utf-8"))
    assert sorted(f["url"] for f in data["files"]) == ["", "assets/a.js", "no/"]
    assert data["total"] == sum(f["size"] for f in data["files"]) == len("<p>home</p>") + 1 + len("<p>hjem</p>")
    worker = (tmp_path / offline.WORKER).read_text(encoding="utf-8")
    assert first in worker and offline.VERSION_PLACEHOLDER not in worker
    write(tmp_path / "assets" / "a.js", "y")
    assert offline.write_offline_files(tmp_path) != first
    assert offline.write_offline_files(tmp_path) == offline.write_offline_files(tmp_path)


def test_the_offline_control_and_notice_carry_the_pages_words():
    words = {k: f"<{k}>" for k in ("intro", "button", "save_data", "update", "reload")}
    page = offline.add_control("<p>a</p><!-- save-offline -->", words)
    assert "<!-- save-offline -->" not in page and "&lt;intro&gt;" in page and "data-offline-save" in page
    served = offline.add_notice('<main data-md-component="main"><p>a</p></main>', words)
    assert served.startswith('<main data-md-component="main"><div class="isp-update"')
    assert offline.add_notice("<p>no main</p>", words) == "<p>no main</p>"


def test_the_policy_allows_each_inline_script_by_its_hash_and_nothing_else(tmp_path):
    write(tmp_path / "index.html", '<script>var a=1</script><script src="x.js"></script>')
    write(tmp_path / "no" / "index.html", '<script type="application/json">{}</script><script>b()</script>')
    write(tmp_path / "assets" / "bundle.0123abcd.min.js", "")
    headers.write_headers(Site(dir=tmp_path))
    expected = {
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in ("var a=1", "b()")
    }
    nginx = (tmp_path / "_deploy" / "nginx.conf").read_text(encoding="utf-8")
    policy = nginx.split('add_header Content-Security-Policy "')[1].split('"')[0]
    assert set(policy.split("script-src ")[1].split(";")[0].split()) == {"'self'", "'wasm-unsafe-eval'", *expected}
    assert policy in (tmp_path / ".htaccess").read_text(encoding="utf-8")
    netlify = (tmp_path / "_headers").read_text(encoding="utf-8")
    assert policy in netlify and "/assets/bundle.0123abcd.min.js\n  Cache-Control: public" in netlify


def test_the_brand_writes_its_colours_as_a_stylesheet_and_copies_its_logo(tmp_path):
    write(tmp_path / "config" / "logo.svg", "<svg/>")
    site = Site(
        dir=tmp_path / "site",
        config_dir=tmp_path / "config",
        brand={"logo": "logo.svg", "colours": {"dark": {"accent": "#ffab91"}}},
    )
    brand.write_files(site)
    css = (tmp_path / "site" / brand.STYLESHEET).read_text(encoding="utf-8")
    assert '[data-md-color-scheme="slate"] {' in css and "--md-accent-fg-color: #ffab91;" in css
    assert ":root" not in css
    assert (tmp_path / "site" / "assets" / "brand" / "logo.svg").read_text() == "<svg/>"
    assert brand.logo_path(site.brand, site.config_dir) == "assets/brand/logo.svg"
    assert brand.name_and_contact({"name": {"en": "Ours"}, "contact": "<a>"}, "no") == ("Ours", "&lt;a&gt;")
    with pytest.raises(BuildError, match="not a colour"):
        brand.stylesheet({"light": {"link": "teal"}})
    with pytest.raises(BuildError, match="not a file"):
        brand.logo_path({"logo": "missing.svg"}, tmp_path)


def test_the_workshop_kit_reads_its_activities_and_times_from_the_activities_page(tmp_path):
    write(
        tmp_path / "workshop" / "activities.md",
        "# Activities\n\n## Warm up {#warm-up .handout}\n\n**Time.** 15 minutes.\n\n"
        "## Map it {#map-it .handout}\n\nText.\n\n**Time.** 40 minutes, with a break.\n",
    )
    write(tmp_path / "no" / "workshop" / "activities.md", "## Oppvarming {#warm-up .handout}\n\nIngen tid.\n")
    assert workshop_kit.activities("en", tmp_path) == [("Warm up", "warm-up", 15), ("Map it", "map-it", 40)]
    with pytest.raises(BuildError, match="'warm-up' \\(no\\) has no time line"):
        workshop_kit.activities("no", tmp_path)


def test_the_home_pages_language_links_are_relative_and_the_head_alternates_go():
    page = (
        '<head><link rel="alternate" href="/p/no/" hreflang="no"></head>'
        '<a href="/p/" hreflang="en">English</a><a href="/p/no/" hreflang="no">Norsk</a>'
    )
    out = language_links.relative_links(page, "no/", "https://example.org/p/")
    assert out == '<head></head><a href="../" hreflang="en">English</a><a href="./" hreflang="no">Norsk</a>'


def test_the_norwegian_pages_name_their_heading_links_in_norwegian_and_bad_data_names_the_page():
    html = '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
    assert content.permalink_titles(html, "en", "Permanent link") == html
    assert 'title="Lenke til denne delen"' in content.permalink_titles(html, "no", "Permanent link")
    with pytest.raises(BuildError, match=r"^guide/x\.md: .*nothing-here"):
        content.fill_page("<!-- competency-activities: nothing-here -->", "en", "guide/x.md")


def test_a_worksheet_page_gets_its_form_in_place_of_its_marker():
    page = "<h1>VI</h1><p>Intro</p><!-- worksheet-limits --><h2 id='worksheet'>Yours</h2><!-- worksheet -->"
    html, version, headings = worksheets.fill_page(page, "vi-worksheet", "no", "worksheets/vi.md")
    assert "<!-- worksheet" not in html and 'data-worksheet="vi-worksheet"' in html and 'data-lang="no"' in html
    assert f'data-code-version="{version}"' in html and len(version) == 12
    assert headings and all(f'id="{hid}"' in html for hid, _ in headings)
    with pytest.raises(BuildError, match="no <!-- worksheet --> marker"):
        worksheets.fill_page("<h1>VI</h1>", "vi-worksheet", "en", "worksheets/vi.md")


def test_the_kit_example_team_files_come_from_the_cases_and_show_differences():
    """Made from the worksheet's case by the team view's own code: one member per rule, each a
    valid team file member, and the view finds something to talk about."""
    from sitebuild import examples
    from tools import team, worksheets

    for ws in workshop_kit.TEAM_WORKSHEETS:
        for lang in ("en", "no"):
            doc = json.loads(workshop_kit.team_example(ws, lang))
            rules = workshop_kit.DATA["team_examples"][ws]
            assert [m["label"] for m in doc["data"]["members"]] == [r["label"][lang] for r in rules]
            assert team.load(ws, json.dumps(doc), lang)["ok"]
            t = worksheets.strings(team.get(ws), lang)
            if ws == "vi-worksheet":
                # Raters B and C moved leadership two steps each way: the widest spread, first.
                assert team.get(ws).summarise(doc["data"], t)["rows"][0]["range"] >= 3
            else:
                stakeholders = team.get(ws).match(doc["data"], t)
                # The respelled name is matched with the case's own spelling: no extra stakeholder.
                assert len(stakeholders) == len(examples.case(ws, lang)["data"]["stakeholders"])
                assert any(s["differs_quadrant"] for s in stakeholders)
    html = str(workshop_kit.team_examples_html("no"))
    assert "vi-team-eksempel.json" in html and "../../worksheets/stakeholder-matrix/#team-view" in html


def test_a_worksheet_form_is_indexed_by_its_headings_and_prose_not_its_controls():
    form = (
        '<h2 id="worksheet">Your worksheet</h2><div class="ws" data-worksheet="x">'
        '<div class="ws-status" role="status"><span>Starting…</span></div>'
        '<form><h4 id="cs-facilitation-name"><a href="#">Facilitation</a></h4><p class="ws-help">Help groups.</p>'
        '<div class="ws-field"><label for="l">Your level</label><select id="l"><option>Not rated</option>'
        "<option>1 – Not yet familiar</option></select></div>"
        '<details><summary>Key activities</summary><div><div class="cs-activity"><label>Make meetings welcoming'
        "</label></div></div></details></form>"
        '<div class="ws-blank" aria-hidden="true"><h2>Blank form</h2><div><table><tr><td>Not rated</td></tr>'
        "</table></div></div></div><p>After the worksheet.</p>"
    )
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(search.prose_only(form, "worksheets/x/"))
    parser.close()
    sections = {s.id: ("".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()}
    assert sections["worksheet"][0] == "Your worksheet"
    assert sections["cs-facilitation-name"][0] == "Facilitation"
    assert "<p>Help groups.</p>" in sections["cs-facilitation-name"][1]
    every = " ".join(title + text for title, text in sections.values())
    for words in ("Starting", "Your level", "Not rated", "Not yet familiar", "Key activities", "welcoming", "Blank"):
        assert words not in every
    assert "worksheets/x/#cs-facilitation-name" in search._form_sections


def test_synonyms_go_into_an_unseen_field_of_the_sections_named_for_them(tmp_path):
    index = {
        "config": {"lang": ["en", "no"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "no/guide/sustaining-change/", "title": "Varig endring", "text": "<p>Tekst.</p>"},
            {"location": "no/guide/x/", "title": "Annet", "text": "<p>Noe varig.</p>"},
            {"location": "guide/co-creation-and-engagement/#co-learning", "title": "Co-learning", "text": ""},
        ],
    }
    write(tmp_path / "search" / "search_index.json", json.dumps(index))
    search.split_index(tmp_path, "en", ("no",))
    no = json.loads((tmp_path / "no" / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert no["config"]["fields"]["keywords"] == {"boost": 1.0}
    assert no["docs"][0]["keywords"] == "bærekraft bærekraftig" and no["docs"][0]["text"] == "<p>Tekst.</p>"
    assert "keywords" not in no["docs"][1]  # the word in running text is not the subject
    assert en["docs"] == [{**index["docs"][2], "boost": search.COMPETENCY_BOOST}]


def test_only_the_lunr_files_the_search_indexes_load_are_kept(tmp_path):
    """Material ships lunr files for 30-odd languages; a site searching in English and Norwegian
    needs Norwegian's and the stemmer support only (English is built into lunr). Run twice, as the
    i18n plugin's builds do."""
    lunr = tmp_path / search.LUNR
    shipped = ["min/lunr.no.min.js", "min/lunr.de.min.js", "min/lunr.de.min.js.br", "min/lunr.multi.min.js"]
    shipped += ["min/lunr.stemmer.support.min.js", "min/lunr.stemmer.support.min.js.gz", "tinyseg.js", "wordcut.js"]
    for name in shipped:
        write(lunr / name, "x")
    for _ in range(2):
        search.prune_lunr(tmp_path, [["en"], ["no"]])
    kept = sorted(p.relative_to(lunr).as_posix() for p in lunr.rglob("*") if p.is_file())
    assert kept == ["min/lunr.no.min.js", "min/lunr.stemmer.support.min.js", "min/lunr.stemmer.support.min.js.gz"]
    # Material's own rule for other configurations: segmenters and the multi-language file.
    assert search.lunr_files([["en"]]) == set()
    assert search.lunr_files([["ja", "en"]]) == {
        "min/lunr.ja.min.js",
        "tinyseg.js",
        "min/lunr.multi.min.js",
        "min/lunr.stemmer.support.min.js",
    }
    assert "wordcut.js" in search.lunr_files([["th"]])
