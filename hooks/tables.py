"""MkDocs hook: every table in a page in a box of its own that scrolls sideways
(sitebuild/tables.py)."""

import _project  # noqa: F401  (sys.path)

from sitebuild import engine, tables


def on_page_content(html, page, config, files):
    lang = engine.current_language(config)
    return tables.in_scroll_boxes(html, page.title or "", lang if lang in tables.STRINGS else "en")
