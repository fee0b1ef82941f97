"""Each worksheet's form in its page: a page with `worksheet: <id>` in its front matter gets the
form that tools/ renders for the page's language, in place of the `<!-- worksheet -->` marker,
a link from its title straight to the form, and the table of its limits."""

import json
import re

from tools import team, worksheets

from .runtime import code_version
from .site import ROOT, BuildError

MARKER = "<!-- worksheet -->"
LIMITS_MARKER = "<!-- worksheet-limits -->"
TEAM_MARKER = "<!-- worksheet-team -->"
JAVASCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
PROTOCOL = JAVASCRIPTS / "worksheet" / "protocol.js"
IMPORT_RE = re.compile(r'^import [^;]*? from "(\./[^"]+)";', re.M)


def page_modules(entry="worksheet.js"):
    """Every module the worksheet page's script imports, at any depth (site-relative paths): the
    page's head asks for them at once (modulepreload), so they load side by side rather than
    each after the module that names it."""
    seen, todo = [], [JAVASCRIPTS / entry]
    while todo:
        path = todo.pop()
        for name in IMPORT_RE.findall(path.read_text(encoding="utf-8")):
            found = (path.parent / name).resolve()
            rel = found.relative_to(JAVASCRIPTS.parent.parent).as_posix()
            if rel not in seen:
                seen.append(rel)
                todo.append(found)
    return sorted(seen)


def protocol_head():
    """The values the head's inline start-up script shares with the page and the worker (HEAD in
    worksheet/protocol.js, plain JSON between its markers): declared there once."""
    text = PROTOCOL.read_text(encoding="utf-8")
    found = re.search(r"/\* head-json \*/(.*?)/\* end-head-json \*/", text, re.S)
    if not found:
        raise BuildError(f"{PROTOCOL}: HEAD's JSON between /* head-json */ and /* end-head-json */ is missing")
    # Plain JSON, but for the trailing comma the formatter adds once the object spans lines.
    return json.loads(re.sub(r",(\s*)}", r"\1}", found.group(1)))


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
    # The team view's controls (tools/team.py), under the page's own "Team view" heading.
    if TEAM_MARKER in html:
        html = html.replace(TEAM_MARKER, str(team.render_region(worksheet_id, lang)), 1)
    return html.replace(MARKER, form, 1), version, headings
