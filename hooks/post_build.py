"""MkDocs hook: the steps after the pages, in the order of sitebuild/pipeline.py."""

import _project  # noqa: F401  (sys.path)
from mkdocs.plugins import event_priority

from sitebuild import engine, pipeline


# After the i18n plugin's own post-build (-100), which builds the other languages: this runs at
# the end of each language's build, and last at the end of the whole, with every language present.
@event_priority(-200)
def on_post_build(config):
    with engine.reported():
        pipeline.post_build(engine.site(config))
