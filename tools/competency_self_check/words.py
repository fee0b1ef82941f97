"""Levels and numbers in words, in the reader's language, and the small SVG text helpers."""

from ..html import Raw, esc
from ..html import tspans as _tspans  # noqa: F401 (the pictures take both from here)
from ..html import wrap as _wrap  # noqa: F401
from .guide import competency_by_id, name_of
from .model import NOT_RELEVANT
from .rules import is_number

# ---------------------------------------------------------------- words and numbers


def number(x, t, places=1):
    """A number in the page's language: 2.5 in English, 2,5 in Norwegian; whole numbers bare."""
    if x is None:
        return "–"
    text = str(int(x)) if float(x).is_integer() else f"{x:.{places}f}"
    return text.replace(".", ",") if t.lang == "no" else text


def signed(x, t):
    if x is None:
        return "–"
    if abs(x) < 0.05:
        return "0"
    return ("+" if x > 0 else "−") + number(abs(x), t)


def level_name(level, t):
    if level is None:
        return t("not_rated")
    if level == NOT_RELEVANT:
        return t("level_not_relevant")
    return t(f"level_{level}")


def level_text(level, t):
    """ "3 – Confident", "Not relevant to my role" or "Not rated"."""
    if is_number(level):
        return t("level_numbered", n=level, name=level_name(level, t))
    return level_name(level, t)


def _names(cids, t):
    return [name_of(competency_by_id(cid), t) for cid in cids]


def _svg(uid, cls, width, height, title, desc, parts):
    return Raw(
        f'<svg class="cs-svg {cls}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-title">{esc(title)}</title><desc id="{uid}-desc">{esc(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
