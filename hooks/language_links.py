"""Build hook: the language selector's links to the home pages are made relative.

mkdocs-static-i18n gives the home pages' selector the links "/" and "/no/" (prefixed with the
path of `site_url` when it is set), which break a copy of the site hosted under another
sub-path; every other page already gets relative links.
"""
import posixpath
import re
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority


@event_priority(-100)  # after the i18n plugin and the theme have written the page
def on_post_page(output, page, config):
    here = "/" + page.url if page.url.endswith("/") or not page.url else "/" + posixpath.dirname(page.url) + "/"
    site_path = urlsplit(config.site_url or "/").path.rstrip("/")
    root_link = re.compile(r'href="' + re.escape(site_path) + r'(/(?:no/)?)"(?= hreflang=)')

    def relative(match):
        rel = posixpath.relpath(match.group(1), here)
        return f'href="{"./" if rel == "." else rel + "/"}"'
    return root_link.sub(relative, output)
