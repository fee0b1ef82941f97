"""The Practice Guide's structure on the built pages agrees with tools/data/guide.json.

guide.json is the one source of the principles, domains and competencies; the pages carry the
prose. These tests catch a page and the data file drifting apart in either language.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitebuild import content
from tools.i18n import LANG_FOLDER as LANGS

HEADINGS = {"h1", "h2", "h3"}


class Outline(HTMLParser):
    """Headings (id -> text) of a page's article, and the key-activity items under each h2."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.headings, self.activities = {}, {}
        self._heading = None  # (id, [text]) while inside a heading
        self._skip = 0  # depth inside the permalink anchor
        self._section = None  # id of the current h2
        self._in_list = False
        self._item = None
        self.feed(Path(path).read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag in HEADINGS and a.get("id"):
            self._heading = (a["id"], [])
            if tag == "h2":
                self._section = a["id"]
        elif self._heading and (
            (tag == "a" and "headerlink" in classes) or (tag == "button" and "share-toggle" in classes)
        ):
            self._skip += 1  # the heading's permalink and its "Link and QR code" button
        elif tag == "ul" and "competency-activities" in classes:
            self._in_list = True
            self.activities.setdefault(self._section, [])
        elif tag == "li" and self._in_list:
            self._item = []

    def handle_endtag(self, tag):
        if tag in HEADINGS and self._heading:
            self.headings[self._heading[0]] = " ".join("".join(self._heading[1]).split())
            self._heading = None
        elif tag in ("a", "button") and self._skip:
            self._skip -= 1
        elif tag == "li" and self._item is not None:
            self.activities[self._section].append(" ".join("".join(self._item).split()))
            self._item = None
        elif tag == "ul" and self._in_list:
            self._in_list = False

    def handle_data(self, data):
        if self._heading and not self._skip:
            self._heading[1].append(data)
        if self._item is not None:
            self._item.append(data)


def outline(site, lang, page):
    return Outline(Path(site) / LANGS[lang] / page.removesuffix(".md") / "index.html")


def test_the_data_file_has_six_principles_and_fifteen_competencies_in_three_domains():
    data = content.guide()
    assert len(data["principles"]) == 6
    assert [d["id"] for d in data["domains"]] == [
        "co-creation-and-engagement",
        "ongoing-improvement",
        "sustaining-change",
    ]
    per_domain = [sum(c["domain"] == d["id"] for c in data["competencies"]) for d in data["domains"]]
    assert per_domain == [5, 6, 4]
    ids = [x["id"] for key in ("principles", "domains", "competencies") for x in data[key]]
    assert len(ids) == len(set(ids)) == 24
    for c in data["competencies"]:
        assert c["activities"], c["id"]
        for item in (c["name"], c["summary"], *c["activities"]):
            assert item["en"].strip() and item["no"].strip(), c["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_each_domain_page_holds_its_competencies_with_every_activity(built_site, lang):
    data = content.guide()
    for domain in data["domains"]:
        page = outline(built_site, lang, domain["page"])
        assert page.headings[domain["id"]] == domain["name"][lang]
        expected = [c for c in data["competencies"] if c["domain"] == domain["id"]]
        on_page = [h for h in page.headings if h in {c["id"] for c in data["competencies"]}]
        assert on_page == [c["id"] for c in expected], domain["id"]
        for c in expected:
            assert page.headings[c["id"]] == c["name"][lang]
            assert page.activities.get(c["id"]) == [a[lang] for a in c["activities"]], c["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_principles_page_names_all_six(built_site, lang):
    page = outline(built_site, lang, "guide/principles.md")
    for p in content.guide()["principles"]:
        assert page.headings.get(p["id"]) == p["name"][lang], p["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_has_a_section_per_domain_linking_each_competency(built_site, lang):
    data = content.guide()
    html = (Path(built_site) / LANGS[lang] / "guide/competencies/index.html").read_text(encoding="utf-8")
    page = outline(built_site, lang, "guide/competencies.md")
    for domain in data["domains"]:
        assert page.headings[domain["id"]] == domain["name"][lang]
    for c in data["competencies"]:
        slug = next(d["page"] for d in data["domains"] if d["id"] == c["domain"]).removeprefix("guide/")
        assert f'href="../{slug.removesuffix(".md")}/#{c["id"]}"' in html, c["id"]


def section(html, anchor):
    """The HTML from the heading with this id up to the next h2 or h3."""
    start = html.index(f'id="{anchor}"')
    ends = [i for i in (html.find("<h2", start), html.find("<h3", start)) if i != -1]
    return html[start : min(ends, default=len(html))]


@pytest.mark.parametrize("lang", LANGS)
def test_each_competency_has_a_worked_hint_prompts_and_related_competencies(built_site, lang):
    """The parts the guide's issue asks of every competency, besides its activities."""
    data = content.guide()
    ids = {c["id"] for c in data["competencies"]}
    problems = {}
    for c in data["competencies"]:
        page = next(d["page"] for d in data["domains"] if d["id"] == c["domain"])
        html = (Path(built_site) / LANGS[lang] / page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        missing = []
        if 'class="admonition example"' not in section(html, f"{c['id']}-hint"):
            missing.append("worked example in the hint")
        if not 2 <= section(html, f"{c['id']}-reflect").count("<li>") <= 3:
            missing.append("two or three reflection prompts")
        related = section(html, f"{c['id']}-related")
        linked = {href.rsplit("#", 1)[1] for href in re.findall(r'href="([^"]*#[^"]+)"', related)}
        if not (linked & ids) - {c["id"]}:
            missing.append("a link to a related competency")
        if missing:
            problems[c["id"]] = missing
    assert problems == {}
