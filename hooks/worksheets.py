"""MkDocs hook: each worksheet's form into its page (sitebuild/worksheets.py)."""

import _project  # noqa: F401  (sys.path)
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import AnchorLink

from sitebuild import engine, worksheets


def _entry(items, anchor):
    for item in items:
        found = item if item.id == anchor else _entry(item.children, anchor)
        if found:
            return found
    return None


def on_page_content(html, page, config, files):
    worksheet_id = page.meta.get("worksheet")
    if not worksheet_id:
        return html
    with engine.reported():
        html, version, headings = worksheets.fill_page(
            html, worksheet_id, engine.current_language(config), page.file.src_uri
        )
    page.meta["code_version"] = version  # for partials/py-start.html in the page's head
    page.meta["py_head"] = worksheets.protocol_head()
    page.meta["page_modules"] = worksheets.page_modules()
    # The results' headings under the "Your worksheet" entry of the table of contents.
    entry = _entry(page.toc, "worksheet")
    if entry is None:
        raise PluginError(f"{page.file.src_uri}: a worksheet page needs a heading with the anchor #worksheet")
    known = {child.id for child in entry.children}
    entry.children += [AnchorLink(title, hid, entry.level + 1) for hid, title in headings if hid not in known]
    return html
