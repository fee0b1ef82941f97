"""MkDocs hook: relative language links, no head alternates (sitebuild/language_links.py)."""

import _project  # noqa: F401  (sys.path)
from mkdocs.plugins import event_priority

from sitebuild import language_links


@event_priority(-100)  # after the i18n plugin and the theme have written the page
def on_post_page(output, page, config):
    return language_links.relative_links(output, page.url, config.site_url)
