"""Build hook: fills the content markers in pages (glossary, reference list, a competency's
key activities) from the data in tools/data/, in the language being built."""

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import content  # noqa: E402

# The heading anchors' tooltip comes from the toc extension, which has one setting for all
# languages; the Norwegian pages get theirs here.
PERMALINK_TITLE = {"no": "Lenke til denne delen"}


def on_page_content(html, page, config, files):
    i18n = config.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None) or "en"
    try:
        html = content.fill_markers(html, lang)
    except (content.DataError, KeyError, FileNotFoundError) as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error
    if lang in PERMALINK_TITLE:
        configured = config.mdx_configs.get("toc", {}).get("permalink_title", "Permanent link")
        html = re.sub(
            r'(<a class="headerlink" href="#[^"]*" title=")' + re.escape(configured) + '"',
            lambda m: m.group(1) + PERMALINK_TITLE[lang] + '"',
            html,
        )
    return html
