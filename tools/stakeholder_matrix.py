"""Stakeholder matrix worksheet: the engagement rules, the matrix picture, exports and the form.

After the stakeholder engagement process (Identify, Analyze, Map, Plan) of Metz, Louison &
Burke, Foundations in Implementation Practice, based on the work of NIRN and CES.
"""

from . import exports
from .html import Raw, back_to_form, el, esc, figure, join, row_actions, to_results, tspans, void, wrap
from .schema import Choice, Items, Record, Text, is_blank

ID = "stakeholder-matrix"
FORMAT = "isp-stakeholder-matrix"
VERSION = 1
STRINGS = "stakeholder_matrix"

LEVELS = ("inform", "consult", "involve", "collaborate", "co-create")
LOW_HIGH = ("low", "high")

# The matrix: (importance of the objective to them, influence over it) -> suggested levels.
SUGGESTED = {
    ("low", "low"): ("inform",),
    ("high", "low"): ("inform", "consult"),
    ("low", "high"): ("consult", "involve"),
    ("high", "high"): ("collaborate", "co-create"),
}

STAKEHOLDER = Record(
    "stakeholders",
    {
        "name": Text("name", 200),
        "stake": Text("stake"),
        "input": Text("input"),
        "importance": Choice("importance", LOW_HIGH),
        "influence": Choice("influence", LOW_HIGH),
        "level": Choice("level", LEVELS),
        "barriers": Text("barriers"),
        "enablers": Text("enablers"),
        "activities": Text("activities"),
        "timing": Text("timing", 500),
        "responsible": Text("responsible", 500),
    },
)
SCHEMA = Record(
    None,
    {
        "objective": Text("objective"),
        "stakeholders": Items("stakeholders", "field_stakeholders_n", STAKEHOLDER, limit=200),
    },
)
ITEM_LISTS = {"stakeholders": "stakeholder_n"}
# The results' headings: linked from the form and listed in the page's table of contents.
RESULT_HEADINGS = ("sm-matrix-heading", "sm-summary-heading")


def suggested_levels(importance, influence):
    """The levels the matrix suggests, or () while importance or influence is unset."""
    return SUGGESTED.get((importance, influence), ())


# Levels above the matrix's suggestion for a group with much at stake and little influence: the
# source's reasoning about power invites this (co-creation is for groups often left out).
RAISED_FOR_AFFECTED = ("involve", "collaborate", "co-create")


def level_note(row, t):
    """What the form says under a chosen level that is not the matrix's suggestion."""
    levels = suggested_levels(row["importance"], row["influence"])
    if not levels or not row["level"] or row["level"] in levels:
        return ""
    if quadrant(row) == "high-low" and row["level"] in RAISED_FOR_AFFECTED:
        return t("level_raised")
    return t("level_differs")


def quadrant(row):
    if row["importance"] in LOW_HIGH and row["influence"] in LOW_HIGH:
        return f"{row['importance']}-{row['influence']}"
    return None


def level_name(level, t):
    return t(f"level_{level}") if level else ""


def suggestion_text(row, t):
    levels = suggested_levels(row["importance"], row["influence"])
    if not levels:
        return ""
    names = [level_name(lv, t) for lv in levels]
    if len(names) == 1:
        return names[0]
    # English writes the levels as names ("Inform or Consult"); Norwegian capitalises only the
    # first word ("Informere eller konsultere"), as the Norwegian pages do.
    second = names[1][:1].lower() + names[1][1:] if t.lang == "no" else names[1]
    return t("or", a=names[0], b=second)


def filled(state):
    return [r for r in state["stakeholders"] if not is_blank(r)]


def display_name(row, t):
    return row["name"].strip() or t("unnamed")


def summary(state, t):
    """What a share link holds, in a few lines (shown before the reader chooses to load it)."""
    rows = filled(state)
    names = [_clip(display_name(r, t), 60) for r in rows[:8]]
    lines = (
        [t("link_summary_objective", text=_clip(state["objective"].strip(), 200))] if state["objective"].strip() else []
    )
    lines.append(
        t("link_summary_stakeholders", n=len(rows), names=", ".join(names) + (", …" if len(rows) > 8 else ""))
        if rows
        else t("link_summary_none")
    )
    return lines


# ---------------------------------------------------------------- results


def view(state, t):
    rows = []
    for row in state["stakeholders"]:
        rows.append(
            {
                "suggested": suggestion_text(row, t) or t("suggested_none"),
                "note": level_note(row, t),
                "quadrant": quadrant(row) or "",
            }
        )
    return {
        "rows": {"stakeholders": rows},
        "regions": {
            "matrix": matrix_svg(state, t),
            "summary": summary_html(state, t),
            "report": report_html(state, t),
        },
    }


def summary_html(state, t):
    people = filled(state)
    if not people:
        return el("p", t("summary_empty"))
    counts = t(
        "summary_counts",
        total=len(people),
        placed=sum(1 for r in people if quadrant(r)),
        chosen=sum(1 for r in people if r["level"]),
        planned=sum(1 for r in people if r["activities"].strip()),
    )
    return join(el("p", counts), quadrant_list(state, t))


def quadrant_list(state, t):
    groups = _by_quadrant(state)
    items = []
    for q in ("high-high", "high-low", "low-high", "low-low"):
        names = [f"{n}. {display_name(r, t)}" for n, r in groups[q]]
        head = el("strong", f"{t('quadrant_' + q)} ({_suggested_label(q, t)})")
        items.append(el("li", head, ": ", ", ".join(names) if names else "–"))
    if groups[None]:
        items.append(
            el("li", t("matrix_unplaced", names=", ".join(f"{n}. {display_name(r, t)}" for n, r in groups[None])))
        )
    return el("ul", Raw("".join(items)), class_="ws-quadrants")


def _suggested_label(q, t):
    imp, inf = q.split("-")
    return suggestion_text({"importance": imp, "influence": inf}, t)


def _by_quadrant(state):
    groups = {"high-high": [], "high-low": [], "low-high": [], "low-low": [], None: []}
    for n, row in enumerate(state["stakeholders"], start=1):
        if not is_blank(row):
            groups[quadrant(row)].append((n, row))
    return groups


def _clip(text, limit):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def matrix_svg(state, t, uid="sm-matrix"):
    """The 2x2 matrix with each stakeholder listed in its quadrant (numbers match the form)."""
    w, h, left, top, cell_w, cell_h = 720, 520, 70, 20, 320, 220
    groups = _by_quadrant(state)
    parts = []
    details = []
    max_lines = 8
    for q in ("high-low", "high-high", "low-low", "low-high"):
        imp, inf = q.split("-")
        x = left + (cell_w if inf == "high" else 0)
        y = top + (0 if imp == "high" else cell_h)
        parts.append(f'<rect class="ws-q ws-q-{q}" x="{x}" y="{y}" width="{cell_w}" height="{cell_h}"/>')
        parts.append(f'<text class="ws-q-label" x="{x + 12}" y="{y + 26}">{esc(_suggested_label(q, t))}</text>')
        members = groups[q]
        # Each name whole, wrapped over lines (on paper too), as many as the quadrant holds; the
        # rest are counted ("+ 2 more"), and the lists under the matrix name them all.
        line, shown = 0, 0
        for k, (n, row) in enumerate(members):
            lines = wrap(f"{n}. {display_name(row, t)}", 36, 4)
            room = max_lines - (1 if k < len(members) - 1 else 0)
            if line + len(lines) > room:
                break
            parts.append(tspans(lines, x + 16, y + 52 + line * 20, 20, "ws-q-name"))
            line, shown = line + len(lines), shown + 1
        if shown < len(members):
            parts.append(
                f'<text class="ws-q-more" x="{x + 16}" y="{y + 52 + line * 20}">'
                f"{esc(t('more', n=len(members) - shown))}</text>"
            )
        names = ", ".join(f"{n}. {display_name(r, t)}" for n, r in members)
        details.append(
            t("matrix_quadrant_desc", quadrant=t("quadrant_" + q), names=names)
            if names
            else t("matrix_quadrant_empty", quadrant=t("quadrant_" + q))
        )
    if groups[None]:
        details.append(t("matrix_unplaced", names=", ".join(f"{n}. {display_name(r, t)}" for n, r in groups[None])))
    placed = sum(len(groups[q]) for q in groups if q)
    # Axes: importance up the side, influence along the bottom, low and high at each end.
    parts.extend(matrix_axes(t, left, top, cell_w, cell_h))
    desc = t("matrix_desc", count=placed, details=" ".join(details))
    return Raw(
        f'<svg class="ws-matrix" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-title">{esc(t("matrix_title"))}</title>'
        f'<desc id="{uid}-desc">{esc(desc)}</desc>' + "".join(parts) + "</svg>"
    )


# ---------------------------------------------------------------- exports

ANALYSIS_COLS = ("name", "stake", "input", "importance", "influence", "suggested", "level")
PLAN_COLS = ("name", "level", "barriers", "enablers", "activities", "timing", "responsible")


def _cell(row, col, t):
    if col == "suggested":
        return suggestion_text(row, t)
    if col == "level":
        return level_name(row["level"], t)
    if col in ("importance", "influence"):
        return t(row[col]) if row[col] else ""
    return row[col]


def tables(state, t):
    people = filled(state)
    return [
        (
            t("md_analysis"),
            [t("col_" + c) for c in ANALYSIS_COLS],
            [[_cell(r, c, t) for c in ANALYSIS_COLS] for r in people],
        ),
        (t("md_plan"), [t("col_" + c) for c in PLAN_COLS], [[_cell(r, c, t) for c in PLAN_COLS] for r in people]),
    ]


def to_csv(state, t):
    return exports.csv_text([(None, [t("objective"), state["objective"]], [])] + tables(state, t))


def to_markdown(state, t):
    out = [f"# {exports.md_text(t('title'))}", ""]
    if state["objective"].strip():
        out += [f"**{exports.md_text(t('objective'))}:** {exports.md_cell(state['objective'])}", ""]
    for title, head, rows in tables(state, t):
        out += [f"## {exports.md_text(title)}", "", exports.md_table(head, rows), ""]
    return "\n".join(out)


def report_html(state, t):
    """What prints when the filled worksheet is printed."""
    parts = [el("h2", t("report_heading"))]
    if state["objective"].strip():
        parts.append(el("p", el("strong", t("objective") + ": "), state["objective"]))
    parts.append(matrix_svg(state, t, uid="sm-report"))
    for title, head, rows in tables(state, t):
        body = "".join(el("tr", *[el("td", c) for c in r]) for r in rows)
        parts.append(el("h3", title))
        parts.append(
            el(
                "table",
                el("thead", el("tr", *[el("th", h, scope="col") for h in head])),
                el("tbody", Raw(body)),
                class_="ws-report-table",
            )
        )
    parts.append(el("p", t("report_generated"), class_="ws-report-foot"))
    return join(*parts)


# ---------------------------------------------------------------- the form (built into the page)


def _help_id(prefix, field):
    return f"{prefix}-{field}-help"


def _text_field(prefix, field, t, multiline=True, help_key=None, help_text=None):
    fid = f"{prefix}-{field}"
    help_text = help_text or (t(help_key) if help_key else None)
    control = (
        el(
            "textarea",
            id=fid,
            data_field=field,
            rows="2",
            aria_describedby=_help_id(prefix, field) if help_text else None,
        )
        if multiline
        else void(
            "input",
            type="text",
            id=fid,
            data_field=field,
            autocomplete="off",
            aria_describedby=_help_id(prefix, field) if help_text else None,
        )
    )
    return el(
        "div",
        el("label", t(field), for_=fid),
        control,
        el("p", help_text, id=_help_id(prefix, field), class_="ws-help") if help_text else None,
        class_="ws-field",
    )


def _select_field(prefix, field, options, t):
    fid = f"{prefix}-{field}"
    opts = [el("option", t("unset"), value="")] + [el("option", label, value=value) for value, label in options]
    return el(
        "div",
        el("label", t(field), for_=fid),
        el("select", Raw("".join(opts)), id=fid, data_field=field),
        class_="ws-field",
    )


def _row(t):
    p = "sm-__i__"
    low_high = [(v, t(v)) for v in LOW_HIGH]
    levels = [(lv, level_name(lv, t)) for lv in LEVELS]
    return el(
        "li",
        el(
            "fieldset",
            el("legend", t("stakeholder_n", n="__n__"), data_out="legend"),
            el(
                "div",
                el(
                    "div",
                    el("h4", t("analysis")),
                    _text_field(p, "name", t, multiline=False, help_key="name_help"),
                    _text_field(p, "stake", t, help_key="stake_help"),
                    _text_field(p, "input", t, help_key="input_help"),
                    class_="ws-col",
                ),
                el(
                    "div",
                    el("h4", t("map")),
                    _select_field(p, "importance", low_high, t),
                    _select_field(p, "influence", low_high, t),
                    el(
                        "p",
                        el("span", t("suggested") + ": ", class_="ws-out-label"),
                        el("output", t("suggested_none"), data_out="suggested", id=f"{p}-suggested"),
                        class_="ws-suggested",
                    ),
                    _select_field(p, "level", levels, t),
                    el("p", "", data_out="note", class_="ws-note"),
                    to_results(t, RESULT_HEADINGS[0]),
                    class_="ws-col",
                ),
                el(
                    "div",
                    el("h4", t("plan")),
                    _text_field(p, "barriers", t, help_key="barriers_prompts"),
                    _text_field(p, "enablers", t, help_key="enablers_prompts"),
                    _text_field(p, "activities", t, help_key="activities_help"),
                    _text_field(p, "timing", t, multiline=False),
                    _text_field(p, "responsible", t, multiline=False),
                    class_="ws-col",
                ),
                class_="ws-row-grid",
            ),
            row_actions(t),
        ),
        data_item="",
        class_="ws-item",
    )


def levels_help(t, open_=False, id_="levels-of-engagement-help"):
    items = "".join(el("div", el("dt", level_name(lv, t)), el("dd", t(f"level_{lv}_help"))) for lv in LEVELS)
    return el(
        "details",
        el("summary", t("levels_heading")),
        el("dl", Raw(items), class_="ws-levels"),
        class_="ws-levels-help",
        id=id_,
        open=open_,
    )


def render_form(t):
    row = _row(t)
    return join(
        el(
            "form",
            _text_field("sm", "objective", t, help_key="objective_help"),
            el("h3", t("stakeholders"), id="sm-stakeholders-heading"),
            levels_help(t),
            el(
                "ol",
                Raw(row.replace("__i__", "n0").replace("__n__", "1")),
                data_list="stakeholders",
                class_="ws-list",
                aria_labelledby="sm-stakeholders-heading",
            ),
            el("template", row, data_template="stakeholders"),
            el(
                "button",
                t("add_stakeholder"),
                type="button",
                data_action="add",
                data_list="stakeholders",
                class_="md-button",
            ),
            to_results(t, RESULT_HEADINGS[0]),
            data_form="",
            class_="ws-form",
            novalidate=True,
            aria_label=t("title"),
        ),
        el(
            "section",
            el("h3", t("matrix_heading"), id="sm-matrix-heading"),
            figure("matrix", t, "sm-matrix-heading"),
            el("h3", t("summary_heading"), id="sm-summary-heading"),
            el("div", el("p", t("results_pending")), data_region="summary", aria_live="polite"),
            back_to_form(t, "sm-stakeholders-heading"),
            class_="ws-results",
            aria_labelledby="sm-matrix-heading",
        ),
    )


def render_blank(t, rows=8):
    """The blank form for printing: the same columns as the exports, with empty lines."""
    parts = [el("h2", t("report_heading")), el("p", el("strong", t("objective") + ":"), class_="ws-blank-line")]
    # The levels of engagement beside the matrix, as a printed key (not the screen's folding box).
    key = "".join(el("div", el("dt", level_name(lv, t)), el("dd", t(f"level_{lv}_help"))) for lv in LEVELS)
    parts.append(
        el(
            "div",
            matrix_svg({"stakeholders": []}, t, uid="sm-blank"),
            el(
                "section",
                el("h3", t("levels_heading")),
                el("dl", Raw(key), class_="ws-levels"),
                class_="sm-blank-levels",
            ),
            class_="sm-blank-top",
        )
    )
    for kind, (title, head, _) in zip(("analysis", "plan"), tables({"objective": "", "stakeholders": []}, t)):
        body = "".join(el("tr", *[el("td", "") for _ in head]) for _ in range(rows))
        parts.append(el("h3", title))
        parts.append(
            el(
                "table",
                el("thead", el("tr", *[el("th", h, scope="col") for h in head])),
                el("tbody", Raw(body)),
                class_=f"ws-report-table ws-blank-table sm-blank-{kind}",
            )
        )
    return join(*parts)


def matrix_axes(t, left, top, cell_w, cell_h):
    """The matrix's axes as SVG parts: importance up the side, influence along the bottom, low
    and high at each end (one drawing for a worksheet's matrix and the team's)."""
    parts = []
    gx, gy = left, top + 2 * cell_h
    parts.append(f'<line class="ws-axis" x1="{gx}" y1="{top}" x2="{gx}" y2="{gy}"/>')
    parts.append(f'<line class="ws-axis" x1="{gx}" y1="{gy}" x2="{gx + 2 * cell_w}" y2="{gy}"/>')
    for label, lx, ly in ((t("low"), gx - 8, gy - cell_h / 2), (t("high"), gx - 8, top + cell_h / 2)):
        parts.append(f'<text class="ws-tick" text-anchor="end" x="{lx}" y="{ly}">{esc(label)}</text>')
    for label, lx in ((t("low"), gx + cell_w / 2), (t("high"), gx + 1.5 * cell_w)):
        parts.append(f'<text class="ws-tick" text-anchor="middle" x="{lx}" y="{gy + 22}">{esc(label)}</text>')
    parts.append(
        f'<text class="ws-axis-label" text-anchor="middle" x="{gx + cell_w}" y="{gy + 50}">'
        f"{esc(t('axis_influence'))}</text>"
    )
    parts.append(
        f'<text class="ws-axis-label" text-anchor="middle" transform="rotate(-90)" '
        f'x="{-(top + cell_h)}" y="{gx - 44}">{esc(t("axis_importance"))}</text>'
    )
    return parts
