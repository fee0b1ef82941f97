"""The pictures (SVG): the profile by domain and competency, the comparison, the team heat map."""

from ..html import esc
from .guide import by_domain, name_of
from .model import LEVELS, NOT_RELEVANT
from .rules import compare, domain_summary, is_number, team_summary
from .words import _svg, _tspans, _wrap, level_name, level_text, number, signed

# ---------------------------------------------------------------- pictures

# One horizontal scale for every picture: level 0 at X0, level 4 at X0 + 4 * STEP.
WIDTH, X0, STEP = 860, 320, 90
COMPARE_WIDTH = 1000


def _x(level):
    return X0 + level * STEP


def _scale_head(y, t):
    """The numbered columns with the level names above them, and their grid lines."""
    parts = []
    for lv in LEVELS:
        lines = _wrap(t(f"level_{lv}"), 13, 2)
        parts.append(_tspans([f"{lv}"] + lines, _x(lv), y, 13, "cs-scale-label", "middle"))
    return parts


def _grid(y1, y2):
    return [f'<line class="cs-grid" x1="{_x(lv)}" y1="{y1}" x2="{_x(lv)}" y2="{y2}"/>' for lv in LEVELS] + [
        f'<line class="cs-axis" x1="{X0}" y1="{y1}" x2="{X0}" y2="{y2}"/>'
    ]


def _bar(level, y, t, label=None):
    """A bar to a level (1 to 4, or an average), its number after it; words for the other cases."""
    if level is None or level == NOT_RELEVANT:
        word = t("not_rated") if level is None else t("level_not_relevant")
        return [f'<text class="cs-none" x="{X0 + 8}" y="{y + 4}">{esc(word)}</text>']
    end = _x(level)
    return [
        f'<rect class="cs-bar" x="{X0}" y="{y - 8}" width="{end - X0}" height="16"/>',
        f'<text class="cs-value" x="{end + 8}" y="{y + 5}">{esc(label or number(level, t))}</text>',
    ]


def profile_svgs(state, lv, t, uid="cs-profile", narrow=False):
    """Two pictures: the average per domain, and each competency's level grouped by domain.
    narrow: the screen's layout (each name and value above its bar), else the printed one."""
    summary = domain_summary(lv)
    if narrow:
        return _narrow_profile(lv, t, uid, summary)
    # By domain.
    parts, desc = _scale_head(20, t), []
    y = 92
    top = y - 20
    for d, _ in by_domain():
        s = summary[d["id"]]
        lines = _wrap(name_of(d, t), 40, 2)
        parts.append(_tspans(lines, 0, y - (6 if len(lines) > 1 else -4), 14, "cs-domain-name"))
        label = t("average_of", average=number(s["average"], t), rated=s["rated"], total=s["total"])
        parts += _bar(s["average"], y, t, label)
        desc.append(
            t(
                "profile_domain_desc",
                domain=name_of(d, t),
                average=number(s["average"], t),
                rated=s["rated"],
                total=s["total"],
            )
            if s["rated"]
            else t("profile_domain_none", domain=name_of(d, t))
        )
        y += 40
    parts = _grid(top, y - 20) + parts
    by_domain_svg = _svg(
        f"{uid}-domains",
        "cs-profile-domains",
        WIDTH,
        y,
        t("profile_domains_title"),
        t("profile_domains_desc", details=" ".join(desc)),
        parts,
    )

    # By competency.
    parts, desc = _scale_head(20, t), []
    y, rows = 80, []
    for d, comps in by_domain():
        rows.append(_tspans([name_of(d, t)], 0, y + 4, 14, "cs-domain-name"))
        y += 26
        for c in comps:
            # The whole name, wrapped (up to three lines), never cut short.
            lines = _wrap(name_of(c, t), 42, 3)
            y += 8 * (len(lines) > 2)  # room above a three-line name too
            rows.append(_tspans(lines, 12, y - (7 * len(lines) - 11), 14, "cs-comp-name"))
            rows += _bar(lv[c["id"]], y, t, level_text(lv[c["id"]], t) if is_number(lv[c["id"]]) else None)
            desc.append(f"{name_of(c, t)}: {level_text(lv[c['id']], t)}.")
            y += 26 + 8 * (len(lines) - 1)
        y += 8
    parts = _grid(62, y - 10) + parts + rows
    by_comp_svg = _svg(
        f"{uid}-competencies",
        "cs-profile-competencies",
        WIDTH,
        y,
        t("profile_comp_title"),
        t("profile_comp_desc", details=" ".join(desc)),
        parts,
    )
    return by_domain_svg, by_comp_svg


# The profile as the screen shows it: each name with its value on one line, its bar under it
# across the whole width, so it reads on a phone without scrolling sideways (and as well in the
# results column of a wide screen). Print keeps the wide layout (names beside the bars).
NARROW_WIDTH, NARROW_X0, NARROW_STEP = 340, 14, 72
NARROW_CHARS = 44  # characters of 14 px text on one line of the narrow picture


def _nx(level):
    return NARROW_X0 + level * NARROW_STEP


def _narrow_head(t):
    parts = [
        _tspans([f"{lv}"] + _wrap(t(f"level_{lv}"), 11, 2), _nx(lv), 16, 13, "cs-scale-label", "middle")
        for lv in LEVELS
    ]
    return parts, 60


def _narrow_row(label, level, value, y, cls="cs-comp-name", chars=NARROW_CHARS):
    """The label, its value under it, then a bar to the level (none when the value says why
    there is none); -> (parts, the next row's y)."""
    lines = _wrap(label, chars, 8)
    parts = [_tspans(lines, NARROW_X0, y, 17, cls)]
    y += 17 * len(lines)
    parts.append(f'<text class="cs-value" x="{NARROW_X0}" y="{y}">{esc(value)}</text>')
    y += 7
    if is_number(level) or isinstance(level, float):
        parts.append(f'<rect class="cs-bar" x="{NARROW_X0}" y="{y}" width="{_nx(level) - NARROW_X0}" height="12"/>')
        y += 12
    return parts, y + 24


def _narrow_grid(y1, y2):
    return [f'<line class="cs-grid" x1="{_nx(lv)}" y1="{y1}" x2="{_nx(lv)}" y2="{y2}"/>' for lv in LEVELS] + [
        f'<line class="cs-axis" x1="{NARROW_X0}" y1="{y1}" x2="{NARROW_X0}" y2="{y2}"/>'
    ]


def _narrow_profile(lv, t, uid, summary):
    parts, y = _narrow_head(t)
    top, rows = y - 16, []
    for d, _ in by_domain():
        s = summary[d["id"]]
        value = (
            t("average_of", average=number(s["average"], t), rated=s["rated"], total=s["total"])
            if s["rated"]
            else t("not_rated")
        )
        row, y = _narrow_row(name_of(d, t), s["average"], value, y, "cs-domain-name", NARROW_CHARS - 5)
        rows += row
    domains_svg = _svg(
        f"{uid}-domains",
        "cs-profile-domains cs-narrow",
        NARROW_WIDTH,
        y - 10,
        t("profile_domains_title"),
        t("profile_domains_desc", details=" ".join(_domain_desc(summary, t))),
        _narrow_grid(top, y - 20) + parts + rows,
    )
    parts, y = _narrow_head(t)
    top, rows, desc = y - 16, [], []
    for d, comps in by_domain():
        lines = _wrap(name_of(d, t), 40, 4)
        rows.append(_tspans(lines, 0, y, 17, "cs-domain-name"))
        y += 17 * (len(lines) - 1) + 26
        for c in comps:
            row, y = _narrow_row(name_of(c, t), lv[c["id"]], level_text(lv[c["id"]], t), y)
            rows += row
            desc.append(f"{name_of(c, t)}: {level_text(lv[c['id']], t)}.")
        y += 6
    comps_svg = _svg(
        f"{uid}-competencies",
        "cs-profile-competencies cs-narrow",
        NARROW_WIDTH,
        y - 10,
        t("profile_comp_title"),
        t("profile_comp_desc", details=" ".join(desc)),
        _narrow_grid(top, y - 26) + parts + rows,
    )
    return domains_svg, comps_svg


def _domain_desc(summary, t):
    return [
        t(
            "profile_domain_desc",
            domain=name_of(d, t),
            average=number(summary[d["id"]]["average"], t),
            rated=summary[d["id"]]["rated"],
            total=summary[d["id"]]["total"],
        )
        if summary[d["id"]]["rated"]
        else t("profile_domain_none", domain=name_of(d, t))
        for d, _ in by_domain()
    ]


def compare_svg(state, lv, t, uid="cs-compare"):
    """Earlier (hollow circle) and now (filled circle) per domain and per competency."""
    rows, per_domain = compare(state["earlier"]["levels"], lv)
    parts = _scale_head(44, t)
    earlier_word = earlier_label(state, t)
    parts.append(
        f'<circle class="cs-mark-earlier" cx="10" cy="14" r="6"/>'
        f'<text class="cs-legend" x="22" y="19">{esc(earlier_word)}</text>'
    )
    parts.append(
        f'<circle class="cs-mark-now" cx="10" cy="40" r="6"/>'
        f'<text class="cs-legend" x="22" y="45">{esc(t("now_label"))}</text>'
    )
    y, body, desc = 112, [], []

    def marks(before, after, y):
        out = []
        if is_number(before) and is_number(after) and abs(after - before) >= 0.05:
            out.append(f'<line class="cs-change" x1="{_x(before)}" y1="{y}" x2="{_x(after)}" y2="{y}"/>')
        if is_number(before) or isinstance(before, float):
            out.append(f'<circle class="cs-mark-earlier" cx="{_x(before)}" cy="{y}" r="7"/>')
        if is_number(after) or isinstance(after, float):
            out.append(f'<circle class="cs-mark-now" cx="{_x(after)}" cy="{y}" r="5"/>')
        return out

    for d, comps in by_domain():
        b, a, change, count = per_domain[d["id"]]
        body.append(_tspans([name_of(d, t)], 0, y + 5, 14, "cs-domain-name"))
        body += marks(b, a, y)
        text = (
            t("compare_domain_value", before=number(b, t), after=number(a, t), change=signed(change, t))
            if count
            else t("compare_domain_none")
        )
        body.append(f'<text class="cs-change-text" x="{_x(4) + 24}" y="{y + 5}">{esc(text)}</text>')
        desc.append(t("compare_domain_desc", domain=name_of(d, t), text=text))
        y += 30
        for c in comps:
            before, after, change, kind = rows[c["id"]]
            lines = _wrap(name_of(c, t), 42, 2)
            body.append(_tspans(lines, 12, y - (3 if len(lines) > 1 else -4), 14, "cs-comp-name"))
            body += marks(before, after, y)
            text = change_text(before, after, change, kind, t)
            body.append(f'<text class="cs-change-text" x="{_x(4) + 24}" y="{y + 5}">{esc(text)}</text>')
            desc.append(f"{name_of(c, t)}: {text}.")
            y += 34 if len(lines) > 1 else 26
        y += 8
    parts = _grid(86, y - 10) + parts + body
    return _svg(
        uid,
        "cs-compare",
        COMPARE_WIDTH,
        y,
        t("compare_title"),
        t("compare_desc", earlier=earlier_word, details=" ".join(desc)),
        parts,
    )


def change_text(before, after, change, kind, t):
    if kind in ("up", "down"):
        return t("change_numbers", before=number(before, t), after=number(after, t), change=signed(change, t))
    if kind == "same":
        return t("change_same", level=level_text(after, t))
    if not kind:
        return t("not_rated")
    return t("change_" + kind.replace("-", "_"), before=level_name(before, t), after=level_name(after, t))


def heatmap_svg(people, t, uid="cs-team-heat"):
    """The team's spread: people per level for each competency, with the count in each cell."""
    per, _ = team_summary(people)
    columns = [*LEVELS, NOT_RELEVANT, None]
    col_x0, col_w, _name_w = 330, 58, 320
    width = col_x0 + col_w * len(columns) + 150
    parts, desc = [], []
    heads = [[str(lv)] + _wrap(t(f"level_{lv}"), 10, 2) for lv in LEVELS] + [
        _wrap(t("level_not_relevant_short"), 10, 3),
        _wrap(t("not_rated"), 10, 3),
    ]
    for i, lines in enumerate(heads):
        parts.append(_tspans(lines, col_x0 + col_w * i + col_w / 2, 16, 13, "cs-scale-label", "middle"))
    stats_x = col_x0 + col_w * len(columns) + 12
    parts.append(_tspans(_wrap(t("median_range"), 18, 2), stats_x, 16, 13, "cs-scale-label"))
    total = max(len(people), 1)
    y = 84
    for d, comps in by_domain():
        parts.append(_tspans([name_of(d, t)], 0, y + 4, 14, "cs-domain-name"))
        y += 16
        for c in comps:
            s = per[c["id"]]
            lines = _wrap(name_of(c, t), 40, 2)
            h = 36 if len(lines) > 1 else 26
            parts.append(
                _tspans(
                    lines,
                    12,
                    y + (h / 2 - (3 if len(lines) > 1 else -5)) - (4 if len(lines) > 1 else 0),
                    14,
                    "cs-comp-name",
                )
            )
            for i, col in enumerate(columns):
                n = s["counts"][col]
                shade = 0 if n == 0 else min(5, 1 + (4 * n) // total)
                x = col_x0 + col_w * i
                parts.append(f'<rect class="cs-heat cs-heat-{shade}" x="{x}" y="{y}" width="{col_w}" height="{h}"/>')
                parts.append(
                    f'<text class="cs-count cs-count-{shade}" x="{x + col_w / 2}" y="{y + h / 2 + 5}" '
                    f'text-anchor="middle">{n}</text>'
                )
            stats = team_stats_text(s, t)
            parts.append(f'<text class="cs-value" x="{stats_x}" y="{y + h / 2 + 5}">{esc(stats)}</text>')
            counts = ", ".join(f"{level_name(col, t)}: {s['counts'][col]}" for col in columns if s["counts"][col])
            desc.append(f"{name_of(c, t)}: {counts or t('not_rated')}; {stats}.")
            y += h
        y += 22
    return _svg(
        uid,
        "cs-heatmap",
        width,
        y,
        t("team_heat_title"),
        t("team_heat_desc", count=len(people), details=" ".join(desc)),
        parts,
    )


def spread_text(s, t):
    """The range as "2–4", or "3" when everyone gave the same; "" without ratings."""
    if s["min"] is None:
        return ""
    if s["min"] == s["max"]:
        return number(s["min"], t)
    return f"{number(s['min'], t)}–{number(s['max'], t)}"


def team_stats_text(s, t):
    if s["median"] is None:
        return t("no_ratings")
    return t("median_range_value", median=number(s["median"], t), range=spread_text(s, t))


def earlier_label(state, t):
    e = state["earlier"]
    if e["date"]:
        return t("earlier_dated", date=e["date"])
    return t("earlier_label")
