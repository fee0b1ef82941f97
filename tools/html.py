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


def figure(region, t, labelledby, pending=None):
    """A region Python draws a picture into. At phone width the picture keeps its text readable
    (12 px or more) and scrolls sideways in this box, which says so and takes keyboard focus."""
    return join(
        el("p", t("scroll_cue"), class_="ws-scroll-cue"),
        el(
            "div",
            pending if pending is not None else el("p", t("results_pending")),
            data_region=region,
            class_="ws-figure",
            tabindex="0",
            role="group",
            aria_labelledby=labelledby,
        ),
    )


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
