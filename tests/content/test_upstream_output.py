"""What the build's patches of upstream output leave in the built pages (sitebuild/upstream.py):
each fails when an upgrade changes the markup a patch looks for, and the patch stops applying."""

import json
import re

BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"([^>]*)>')


def config(html):
    return json.loads(html.split('<script id="__config" type="application/json">')[1].split("</script>")[0])


def test_materials_bundle_is_deferred(built_site):
    for page in ("index.html", "no/index.html", "worksheets/vi-worksheet/index.html", "404.html"):
        found = BUNDLE.findall((built_site / page).read_text(encoding="utf-8"))
        assert found == [" defer"], page


def test_each_language_searches_its_own_index(built_site):
    read = {
        p: (built_site / p).read_text(encoding="utf-8")
        for p in ("guide/principles/index.html", "no/guide/principles/index.html")
    }
    assert config(read["guide/principles/index.html"])["base"] == "../.."
    assert config(read["no/guide/principles/index.html"])["base"] == "../.."  # no/, not the site's root
    english_worksheet = (built_site / "worksheets/vi-worksheet/index.html").read_text(encoding="utf-8")
    assert config(english_worksheet)["search"].endswith("/workers/search-later.js")
    assert re.fullmatch(r".*/workers/search\.[0-9a-f]+\.min\.js", config(read["guide/principles/index.html"])["search"])
    later = (built_site / "assets/javascripts/workers/search-later.js").read_text(encoding="utf-8")
    assert "__MATERIAL_SEARCH_WORKER__" not in later
    assert (built_site / "no" / "search" / "search_index.json").is_file()
    # The 404 page's base is from the site's root, which its <base> gives (not-found.js resolves it).
    assert config((built_site / "no/404.html").read_text(encoding="utf-8"))["base"] == "no/"


def test_no_head_alternates_and_relative_home_language_links(built_site):
    for page in ("index.html", "no/index.html", "guide/principles/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        head = html.split("</head>")[0]
        assert '<link rel="alternate"' not in head, page
        links = re.findall(r'<a href="([^"]*)" hreflang="[^"]*"', html)
        # The plugin writes them from the site's root (the path of the public address); relative ones work anywhere.
        assert links and not [link for link in links if link.startswith(("/", "http"))], (page, links)
