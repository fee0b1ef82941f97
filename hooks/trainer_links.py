"""MkDocs hook: links and QR codes for trainers, a "Link and QR code" button on every shared
heading (sitebuild/trainer_links.py; the QR files are written after the build)."""

import _project  # noqa: F401  (sys.path)

from sitebuild import engine, trainer_links


def on_page_content(html, page, config, files):
    with engine.reported():
        return trainer_links.fill_page(
            html, engine.current_language(config), page.url, config.site_url, config.nav or [], page.file.src_uri
        )


def on_post_page(output, page, config):
    return trainer_links.add_share_buttons(output, engine.current_language(config))
