"""Every table in a page's text goes in a box of its own that scrolls sideways, so a
table wider than a phone (or than a window at 400 % zoom) never widens the page (WCAG 1.4.10).

The box is a region named for the table (its caption, else the heading it comes under) that
takes keyboard focus, so it scrolls by keyboard too; built before any script runs. Tables in a
worksheet are left alone: they print, and the worksheet's results make their own boxes."""

import json
from html.parser import HTMLParser

from tools.html import Raw, scroll_box

from .site import DATA

# A region's name says it holds a table, in the page's language (a heading such as "RE-AIM" reads
# the same in both).
STRINGS = json.loads((DATA / "tables.json").read_text(encoding="utf-8"))
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Tables(HTMLParser):
    """Finds each table outside a worksheet or a region, where it starts and ends, and its name."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0]
        for i, ch in enumerate(html):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.open = []  # (tag, attributes) of the elements the parser is inside
        self.heading = ""  # the text of the last heading
        self.text = None  # the text being collected: of a heading or a caption
        self.skip_text = 0  # inside a heading's permalink: not part of its name
        self.found = []  # [start, end, caption, heading]

    def _offset(self):
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _boxed(self):
        return any(a.get("role") == "region" or "ws" in (a.get("class") or "").split() for _, a in self.open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and not self._boxed():
            self.found.append([self._offset(), None, "", self.heading])
        if tag in HEADINGS or (tag == "caption" and self.found and self.found[-1][1] is None):
            self.text = []
        if tag == "a" and "headerlink" in (attrs.get("class") or "").split():
            self.skip_text += 1
        if tag not in VOID:
            self.open.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in HEADINGS and self.text is not None:
            self.heading, self.text = " ".join("".join(self.text).split()), None
        if tag == "caption" and self.text is not None:
            self.found[-1][2], self.text = " ".join("".join(self.text).split()), None
        if tag == "a" and self.skip_text and self.open and self.open[-1][0] == "a":
            self.skip_text -= 1
        if tag == "table" and self.found and self.found[-1][1] is None:
            self.found[-1][1] = self.html.index(">", self._offset()) + 1
        while self.open:  # close up to the matching start tag (HTML allows some end tags left out)
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.text is not None and not self.skip_text:
            self.text.append(data)


def in_scroll_boxes(html, title="", lang="en"):
    """The page's text with each table (outside a worksheet or a region) in a scroll box, named
    for its caption, the heading it comes under, or else the page's title."""
    parser = _Tables(html)
    parser.feed(html)
    parser.close()
    out, done = [], 0
    for start, end, caption, heading in parser.found:
        if end is None:
            continue
        out.append(html[done:start])
        out.append(
            scroll_box(Raw(html[start:end]), STRINGS[lang]["table_region"].format(name=caption or heading or title))
        )
        done = end
    out.append(html[done:])
    return "".join(out)
