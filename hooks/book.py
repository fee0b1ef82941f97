"""Build hook: the guide as a book (`docs/book.md` and its twin), made by sitebuild/book.py
from the other pages' content as built, in the order of the navigation.

MkDocs renders every page's content before it writes any page, so when the book page is
written (on_page_context) the pages it gathers are complete. The search index has read the
book page by then (the search plugin runs first), so only its title and introduction are in
it, not a second copy of every page. `<!-- book-sheets -->` in any page becomes the number of
sheets the book prints on.
"""

import sys
from datetime import UTC, date, datetime
from os import environ
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sitebuild import book  # noqa: E402

COVER, BODY, SHEETS = "<!-- book-cover -->", "<!-- book -->", "<!-- book-sheets -->"
STYLESHEET = "assets/stylesheets/book.css"
RUNNING_HEADS = "running-heads.css"  # written beside the book page


def _lang(config):
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or "en"


def _built():
    # A reproducible build may fix the date (SOURCE_DATE_EPOCH, as other build tools do).
    epoch = environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()


def on_page_content(html, page, config, files):
    return html.replace(SHEETS, book.sheets_text(_lang(config))) if SHEETS in html else html


@event_priority(-150)  # after brand.py (-100) has set the language's own site name
def on_page_context(context, page, config, nav):
    if BODY not in (page.content or ""):
        return context
    lang = _lang(config)
    root = "" if lang == "en" else f"{lang}/"
    site_url = config.site_url and config.site_url.rstrip("/") + "/"
    logo = config.theme.get("logo") if (config.extra or {}).get("brand", {}).get("logo") else None
    cover = book.Cover(
        site_name=config.site_name,
        citation_html=book.source_citation_html(),
        built=_built(),
        address=site_url + root if site_url else None,
        home_href=get_relative_url(root or ".", page.url).rstrip("/") + "/",
        logo_src=get_relative_url(logo, page.url) if logo else None,
        contact=config.copyright and book.plain(config.copyright),
    )
    pages = [book.Page(p.url, p.content or "") for p in nav.pages]
    made = book.make_book(
        pages, lang, cover, blanks=book.blank_forms(lang), root=root, book_url=page.url, site_url=site_url
    )
    page.content = page.content.replace(COVER, made.cover).replace(BODY, made.body)
    target = Path(config.site_dir) / page.url / RUNNING_HEADS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(made.css, encoding="utf-8")
    page.meta["book_stylesheets"] = [get_relative_url(STYLESHEET, page.url), RUNNING_HEADS]
    return context


def on_post_page(output, page, config):
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in page.meta.get("book_stylesheets", ()))
    return output.replace("</head>", links + "</head>", 1) if links else output
