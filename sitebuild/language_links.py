"""The language selector works from any sub-path, and pages fetch nothing for it.

- mkdocs-static-i18n gives the home pages' selector the links "/" and "/no/" (prefixed with the
  path of `site_url` when it is set), which break a copy of the site hosted under another
  sub-path; every other page already gets relative links.
- The i18n plugin also writes each page's twin as `<link rel="alternate" hreflang>` in the
  head. Material's script reads those as language roots and fetches `sitemap.xml` beside
  each (two 404s on every page) to map a page to its twin; the selector's own links already
  point at the twin page, so the head links are left out and the selector just follows them.
"""

import posixpath
import re
from urllib.parse import urlsplit

from .site import LANG_FOLDER

# The i18n plugin's output (upstream register: sitebuild/upstream.py).
HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
FOLDERS = "|".join(re.escape(folder) for folder in sorted(LANG_FOLDER.values(), reverse=True) if folder)


def relative_links(output, url, site_url):
    """The page (at `url` within the site) with relative language links and no head alternates."""
    here = "/" + url if url.endswith("/") or not url else "/" + posixpath.dirname(url) + "/"
    site_path = urlsplit(site_url or "/").path.rstrip("/")
    root_link = re.compile(r'href="' + re.escape(site_path) + r"(/(?:" + FOLDERS + r')?)"(?= hreflang=)')

    def relative(match):
        rel = posixpath.relpath(match.group(1), here)
        return f'href="{"./" if rel == "." else rel + "/"}"'

    head, sep, body = output.partition("</head>")
    if sep:
        output = HEAD_ALTERNATE.sub("", head) + sep + body
    return root_link.sub(relative, output)
