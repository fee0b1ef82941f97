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


def row_actions(t):
    """The move and remove buttons of a repeatable row; worksheet.js binds them by data-action."""
    return el("div",
              el("button", t("move_up"), type="button", data_action="up"),
              el("button", t("move_down"), type="button", data_action="down"),
              el("button", t("remove"), type="button", data_action="remove", class_="ws-danger"),
              class_="ws-row-actions")
