"""MkDocs hook: the guide as a book (`docs/book.md` and its twin), made by sitebuild/book.py from
the other pages' content as built, in the order of the navigation.

MkDocs renders every page's content before it writes any page, so when the book page is written
(on_page_context) the pages it gathers are complete. The search index has read the book page by
then (the search plugin runs first), so only its title and introduction are in it."""

import _project  # noqa: F401  (sys.path)
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from sitebuild import book, engine


def on_page_content(html, page, config, files):
    return book.fill_sheets(html, engine.current_language(config))


@event_priority(-150)  # after brand.py (-100) has set the language's own site name
def on_page_context(context, page, config, nav):
    if book.BODY_MARKER not in (page.content or ""):
        return context
    branded_logo = (config.extra or {}).get("brand", {}).get("logo")
    page.content, page.meta["book_stylesheets"] = book.fill_book_page(
        page.content,
        engine.current_language(config),
        pages=[book.Page(p.url, p.content or "") for p in nav.pages],
        page_url=page.url,
        site_dir=config.site_dir,
        site_url=config.site_url,
        site_name=config.site_name,
        contact=config.copyright,
        logo=config.theme.get("logo") if branded_logo else None,
        relative=get_relative_url,
    )
    return context


def on_post_page(output, page, config):
    return book.link_stylesheets(output, page.meta.get("book_stylesheets", ()))
