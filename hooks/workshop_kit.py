"""MkDocs hook: the workshop kit's tables (sitebuild/workshop_kit.py; its case files are written
after the build)."""

import _project  # noqa: F401  (sys.path)

from sitebuild import engine, workshop_kit


def on_page_content(html, page, config, files):
    with engine.reported():
        return workshop_kit.fill_page(html, engine.current_language(config), page.file.src_uri)
