"""MkDocs hook: each page's search base and worker, each language's 404 page (sitebuild/search.py;
the index is split after the build, sitebuild/pipeline.py)."""

import _project  # noqa: F401  (sys.path)
from mkdocs.plugins import event_priority

from sitebuild import engine, search


@event_priority(-100)  # after the i18n plugin and the theme have written the page
def on_post_page(output, page, config):
    _, others = engine.languages(config)
    return search.page(output, page.url, bool(page.meta.get("worksheet")), others)


def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    default, _ = engine.languages(config)
    return search.not_found(output, engine.current_language(config), default, config.site_url)


@event_priority(-100)  # after the worksheet's form is in the page, before the search index reads it
def on_page_content(html, page, config, files):
    return search.prose_only(html, page.url) if page.meta.get("worksheet") else html
