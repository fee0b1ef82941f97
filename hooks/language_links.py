"""Build hook: the language selector's links to the home pages are made relative.

mkdocs-static-i18n gives the home pages' selector the links "/" and "/no/", which break a
copy of the site hosted under a sub-path; every other page already gets relative links.
"""
import posixpath
import re

from mkdocs.plugins import event_priority

ROOT_LINK = re.compile(r'href="(/(?:no/)?)"(?= hreflang=)')


@event_priority(-100)  # after the i18n plugin and the theme have written the page
def on_post_page(output, page, config):
    here = "/" + page.url if page.url.endswith("/") or not page.url else "/" + posixpath.dirname(page.url) + "/"

    def relative(match):
        rel = posixpath.relpath(match.group(1), here)
        return f'href="{"./" if rel == "." else rel + "/"}"'
    return ROOT_LINK.sub(relative, output)
