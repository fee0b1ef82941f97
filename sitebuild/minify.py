"""The site's own stylesheet, minified in the built site (comments and spacing out), so a
reader's first page has less to fetch before it can show. The source keeps its comments.

Conservative on purpose: only comments and whitespace go, and spaces are dropped only around
{ } ; , > where CSS never needs them (not around + and -, which calc() needs, nor before a colon,
which can separate a selector from a pseudo-class: `.ws :is(...)`).
"""

import re
from pathlib import Path

from .site import write_if_changed

STYLESHEETS = ("assets/stylesheets/site.css",)
COMMENT = re.compile(r"/\*.*?\*/", re.S)
SPACE = re.compile(r"\s+")
AROUND = re.compile(r"\s*([{};,>])\s*")
STRING = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")


def minify(css):
    out = []
    # Strings (in attribute selectors, content:) are kept exactly; only what is between them changes.
    for i, part in enumerate(STRING.split(COMMENT.sub("", css))):
        if i % 2:
            out.append(part)
        else:
            out.append(AROUND.sub(r"\1", SPACE.sub(" ", part)))
    return "".join(out).replace(";}", "}").strip() + "\n"


def minify_site(site):
    for name in STYLESHEETS:
        path = Path(site.dir) / name
        write_if_changed(path, minify(path.read_text(encoding="utf-8")))
