"""Each worksheet's form in its page: a page with `worksheet: <id>` in its front matter gets the
form that tools/ renders for the page's language, in place of the `<!-- worksheet -->` marker,
a link from its title straight to the form, and the table of its limits."""

import re

from tools import worksheets

from .runtime import code_version
from .site import BuildError

MARKER = "<!-- worksheet -->"
LIMITS_MARKER = "<!-- worksheet-limits -->"


def fill_page(html, worksheet_id, lang, src_uri):
    """(html, code version, [(id, title)] of the results' headings) for a worksheet's page. The
    code version goes into the page's head (partials/py-start.html); the headings go under the
    page's "Your worksheet" entry of the table of contents (the form comes after Markdown made it)."""
    if MARKER not in html:
        raise BuildError(
            f"{src_uri}: front matter names worksheet {worksheet_id!r} but the page has no {MARKER} marker"
        )
    version = code_version()
    form = worksheets.render_page(worksheet_id, lang, version)
    headings = worksheets.result_headings(worksheet_id, lang, form)
    # A jump from the top of the page straight to the form, for readers who know the method.
    start = worksheets.start_link(worksheet_id, lang)
    html = re.sub(r"(</h1>)", lambda m: m.group(1) + start, html, count=1)
    # The file-format section's table of limits, from the same schema the form and import use.
    html = html.replace(LIMITS_MARKER, worksheets.limits_html(worksheet_id, lang))
    return html.replace(MARKER, form, 1), version, headings
