"""Reading the built site's pages: article text (for spelling), element ids, links, assets."""

from html.parser import HTMLParser
from pathlib import Path

SKIP_TAGS = {"code", "pre", "kbd", "script", "style", "svg", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.lang = None
        self.ids, self.article_ids, self.links, self.assets = set(), set(), [], []
        self.text = []
        self.labels = set()  # names and tooltips: aria-label, title, placeholder, alt
        self._stack = []  # (tag, skip, in_article)
        self.feed(Path(path).read_text(encoding="utf-8"))

    def _top(self):
        return self._stack[-1] if self._stack else ("", False, False)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        _, skip, in_article = self._top()
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "article" and "md-content__inner" in (a.get("class") or ""):
            in_article = True
        classes = (a.get("class") or "").split()
        if (
            tag in SKIP_TAGS
            or "headerlink" in classes
            or "references" in classes
            or ("lang" in a and tag != "html" and a["lang"] != self.lang)
        ):
            skip = True
        for attr in ("aria-label", "title", "placeholder", "alt"):
            if a.get(attr):
                self.labels.add(a[attr])
        if "id" in a:
            self.ids.add(a["id"])
            if in_article:
                self.article_ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for attr in ("src", "href"):
            loads = tag != "link" or (a.get("rel") or "") in ("stylesheet", "icon", "preload", "modulepreload")
            if a.get(attr) and tag in ("script", "img", "iframe", "source", "link") and loads:
                self.assets.append(a[attr])
        if tag not in VOID:
            self._stack.append((tag, skip, in_article))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        _, skip, in_article = self._top()
        if in_article and not skip:
            self.text.append(data)


def built_pages(site):
    """(url path relative to the site root, Page) for every HTML page of the site."""
    for path in sorted(Path(site).rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        # The 404 pages link from the public path (site_url), as they are served at any address.
        if rel.startswith(("assets/", "search/")) or rel.rsplit("/", 1)[-1] == "404.html":
            continue
        yield rel, Page(path)
