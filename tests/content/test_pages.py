"""The pages as readers get them: both languages in step, spelled right, links that work,
nothing from other hosts, and text in the project's own words."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_pages import Page, built_pages

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SPELLING = ROOT / "tests" / "spelling"
DICTIONARY = {"en": "en_GB", "nb": "nb_NO"}


def english_pages():
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] != "no")


def norwegian_pages():
    return sorted(p.relative_to(DOCS / "no").as_posix() for p in (DOCS / "no").rglob("*.md"))


def test_every_page_has_its_twin_in_the_other_language():
    assert english_pages() == norwegian_pages()


@pytest.fixture(scope="module")
def pages(built_site):
    return dict(built_pages(built_site))


def test_twins_have_the_same_anchors(pages):
    differ = {}
    for path, page in pages.items():
        if path.startswith("no/"):
            continue
        twin = pages.get("no/" + path)
        assert twin is not None, f"no Norwegian page for {path}"
        if page.article_ids != twin.article_ids:
            differ[path] = {
                "only en": sorted(page.article_ids - twin.article_ids),
                "only no": sorted(twin.article_ids - page.article_ids),
            }
    assert differ == {}


def test_names_and_tooltips_are_in_the_pages_language(pages):
    """Screen readers announce aria-labels and titles: a Norwegian page must not name its
    header, footer, theme toggles or heading links in English (Material's nb file and the
    toc extension leave some of these English)."""
    shared = {}
    for path, page in pages.items():
        if path.startswith("no/"):
            continue
        same = page.labels & pages["no/" + path].labels
        if same:
            shared[path] = sorted(same)
    assert shared == {}


def allowed_words(lang):
    suffix = {"en": "en", "nb": "no"}[lang]
    words = set()
    for path in SPELLING.glob(f"*.{suffix}.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                words.add(line)
    return words


def unknown_words(text, lang):
    if not shutil.which("hunspell"):
        pytest.fail("hunspell is missing: apt-get install hunspell hunspell-en-gb hunspell-no")
    out = subprocess.run(
        ["hunspell", "-d", DICTIONARY[lang], "-l"],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    allowed = allowed_words(lang)
    # A listed word may also start a sentence, capitalised.
    return sorted(w for w in set(out.split()) if w not in allowed and w.lower() not in allowed)


def test_page_text_is_spelled_right(pages):
    problems = {}
    for path, page in pages.items():
        # One text node a line: hunspell reads long lines in pieces and would split words.
        words = unknown_words("\n".join(page.text), page.lang)
        if words:
            problems[path] = words
    assert problems == {}


def test_worksheet_strings_are_spelled_right():
    problems = {}
    for path in sorted((ROOT / "tools" / "strings").glob("*.json")):
        table = json.loads(path.read_text(encoding="utf-8"))
        for lang, html_lang in (("en", "en"), ("no", "nb")):
            # One string a line: hunspell reads long lines in pieces and would split words.
            text = "\n".join(re.sub(r"\{\w+\}", " ", v) for v in table[lang].values())
            words = unknown_words(text, html_lang)
            if words:
                problems[f"{path.name}:{lang}"] = words
    assert problems == {}


def resolve(site, page_path, href):
    """The built file and fragment an internal link points to, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    base = (Path(site) / page_path).parent
    target = (base / unquote(parts.path)).resolve() if parts.path else (Path(site) / page_path).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def share_link_opens(target, fragment):
    sys.path.insert(0, str(ROOT))
    from tools import share

    found = re.search(r'data-worksheet="([a-z-]+)" data-lang="([a-z]+)"', target.read_text(encoding="utf-8"))
    return bool(found) and share.open_link(found.group(1), fragment[len("share=") :], found.group(2))["ok"]


def test_internal_links_and_anchors_resolve(pages, built_site):
    broken, cache = [], {}
    site = Path(built_site).resolve()
    for path, page in pages.items():
        for href in page.links:
            resolved = resolve(site, path, href)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.exists() or site not in target.parents:
                broken.append((path, href))
                continue
            if fragment.startswith("share=") and target.suffix == ".html":
                # A share link (tools/share.py): the page must be a worksheet that opens it.
                if not share_link_opens(target, fragment):
                    broken.append((path, href))
                continue
            if fragment and target.suffix == ".html":
                if target not in cache:  # parsed once: the book's page links to itself a thousand times
                    cache[target] = Page(target).ids
                ids = cache[target]
                if fragment not in ids:
                    broken.append((path, href))
    assert broken == []


def test_nothing_is_loaded_from_another_host(pages):
    outside = [
        (path, src)
        for path, page in pages.items()
        for src in page.assets
        if urlsplit(src).scheme in ("http", "https") or src.startswith("//")
    ]
    assert outside == []


def test_glossary_and_references_list_every_entry_in_both_languages(pages):
    sys.path.insert(0, str(ROOT))
    from sitebuild import content

    for entry in content.glossary():
        for lang in ("en", "no"):
            assert entry[lang]["term"].strip() and entry[lang]["definition"].strip(), entry["id"]
    for prefix in ("", "no/"):
        assert {e["id"] for e in content.glossary()} <= pages[prefix + "glossary/index.html"].ids
        assert {r["id"] for r in content.references()} <= pages[prefix + "references/index.html"].ids
    assert all(r["citation"].strip() for r in content.references())


def test_every_reference_gives_its_doi_or_address(pages):
    """Readers can find each source: a DOI or web address, unless it is a book or unpublished
    material (declared with "kind"), which has none."""
    sys.path.insert(0, str(ROOT))
    from sitebuild import content

    missing = [
        r["id"]
        for r in content.references()
        if not str(r.get("url", "")).startswith(("https://", "http://"))
        and r.get("kind") not in ("book", "slides", "unpublished")
    ]
    assert missing == []
    linked = [r for r in content.references() if r.get("url")]
    for prefix in ("", "no/"):
        html = Path(pages[prefix + "references/index.html"].path).read_text(encoding="utf-8")
        assert all(f'href="{r["url"]}"' in html for r in linked), prefix


def test_text_is_in_the_projects_own_words():
    copycheck = ROOT.parent / "shared" / "tools" / "copycheck.py"
    if not copycheck.exists():
        pytest.skip("the source documents and copycheck.py are not beside this copy of the project")
    result = subprocess.run([sys.executable, str(copycheck)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
