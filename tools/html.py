"""A tiny HTML builder that escapes every text and attribute value by default.

User text only ever reaches the page through `esc`, so `<img onerror=...>` stays text.
"""

from html import escape


def esc(text):
    return escape(str(text), quote=True)


def attrs(values):
    out = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        out.append(f" {key}" if value is True else f' {key}="{esc(value)}"')
    return "".join(out)


class Raw(str):
    """Markup that is already safe (built by this module)."""


def el(tag, *children, **attributes):
    inner = "".join(c if isinstance(c, Raw) else esc(c) for c in children if c is not None)
    return Raw(f"<{tag}{attrs(attributes)}>{inner}</{tag}>")


def void(tag, **attributes):
    return Raw(f"<{tag}{attrs(attributes)}>")


def join(*parts):
    return Raw("".join(p if isinstance(p, Raw) else esc(p) for p in parts if p is not None))


def figure(region, t, labelledby, pending=None, fits=False):
    """A region Python draws a picture into. At phone width a picture keeps its text readable
    (12 px or more): one drawn for a narrow screen (fits) shows whole; a wider one scrolls
    sideways in this box, which says so and takes keyboard focus."""
    box = el(
        "div",
        pending if pending is not None else el("p", t("results_pending")),
        data_region=region,
        class_="ws-figure ws-figure-fits" if fits else "ws-figure",
        tabindex=None if fits else "0",
        role="group",
        aria_labelledby=labelledby,
    )
    return box if fits else join(el("p", t("scroll_cue"), class_="ws-scroll-cue"), box)


def scroll_box(content, label):
    """A table too wide for a phone scrolls sideways in this box, not the page (WCAG 1.4.10):
    a named region that takes keyboard focus, so it scrolls by keyboard too (site.css)."""
    return el("div", content, class_="isp-scroll", role="region", tabindex="0", aria_label=label)


def to_results(t, target, back_to=None, back_name=None):
    """A link from a part of the form to the worksheet's results (worksheet.js then points the
    results' back link at the part the reader came from: back_to and back_name, or the item or
    fieldset around the link and its legend)."""
    return el(
        "p",
        el("a", t("to_results"), href=f"#{target}", data_to_results="", data_back_to=back_to, data_back_name=back_name),
        class_="ws-to-results",
    )


def dock(t, target):
    """The bar at the foot of the screen while the worksheet is in view (site.css): whether what
    the reader typed is saved (worksheet/storage.js writes it), and a link to the results."""
    return el(
        "div",
        el("span", "", data_dock_saved="", class_="ws-dock-saved"),
        el("a", t("to_results"), href=f"#{target}", data_to_results="", data_dock_link=""),
        class_="ws-dock",
        role="group",
        aria_label=t("dock_label"),
    )


def back_to_form(t, target):
    return el("p", el("a", t("back_to_form"), href=f"#{target}", data_back_link=""), class_="ws-back-link")


def row_actions(t):
    """The move and remove buttons of a repeatable row; worksheet.js binds them by data-action."""
    return el(
        "div",
        el("button", t("move_up"), type="button", data_action="up"),
        el("button", t("move_down"), type="button", data_action="down"),
        el("button", t("remove"), type="button", data_action="remove", class_="ws-danger"),
        class_="ws-row-actions",
    )


def wrap(text, width, max_lines=2):
    """Text in lines of at most `width` characters, for an SVG picture (which does not wrap);
    more than max_lines ends the last with "…"."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines or [""]


def tspans(lines, x, y, line_height, cls, anchor="start"):
    """Lines of SVG text, the first at y, each escaped."""
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else line_height}">{esc(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="{cls}" x="{x}" y="{y}" text-anchor="{anchor}">{spans}</text>'
