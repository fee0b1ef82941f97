"""Build hook: the language selector works from any sub-path, and pages fetch nothing for it.

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

from mkdocs.plugins import event_priority

HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


@event_priority(-100)  # after the i18n plugin and the theme have written the page
def on_post_page(output, page, config):
    here = "/" + page.url if page.url.endswith("/") or not page.url else "/" + posixpath.dirname(page.url) + "/"
    site_path = urlsplit(config.site_url or "/").path.rstrip("/")
    root_link = re.compile(r'href="' + re.escape(site_path) + r'(/(?:no/)?)"(?= hreflang=)')

    def relative(match):
        rel = posixpath.relpath(match.group(1), here)
        return f'href="{"./" if rel == "." else rel + "/"}"'

    head, sep, body = output.partition("</head>")
    if sep:
        output = HEAD_ALTERNATE.sub("", head) + sep + body
    return root_link.sub(relative, output)
