"""MkDocs hook: the content markers (glossary, references, key activities, worked examples) and
the heading links' title in the page's language (sitebuild/content.py)."""

import _project  # noqa: F401  (sys.path)

from sitebuild import content, engine


def on_page_content(html, page, config, files):
    lang = engine.current_language(config)
    with engine.reported():
        html = content.fill_page(html, lang, page.file.src_uri)
    configured = config.mdx_configs.get("toc", {}).get("permalink_title", "Permanent link")
    return content.permalink_titles(html, lang, configured)
