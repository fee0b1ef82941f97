"""MkDocs hook: the "Save for offline use" control and the notice of a new version, in the page's
language (sitebuild/offline.py; the manifest and the service worker are written after the build)."""

import _project  # noqa: F401  (sys.path)
from mkdocs.plugins import event_priority

from sitebuild import engine, offline
from sitebuild.offline import MANIFEST, write_offline_files

__all__ = ["MANIFEST", "STRINGS", "write_offline_files"]  # for the tests

STRINGS = offline.STRINGS


def on_page_content(page_html, page, config, files):
    return offline.add_control(page_html, STRINGS[engine.current_language(config)])


@event_priority(-100)
def on_post_page(output, page, config):
    return offline.add_notice(output, STRINGS[engine.current_language(config)])
