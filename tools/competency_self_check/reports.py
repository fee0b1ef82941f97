"""The tables behind the exports and the printed report, the exports, the report and the blank form."""

from .. import exports
from ..html import Raw, el, join
from ..schema import is_blank
from .form import scale_legend
from .guide import by_domain, competencies, competency_by_id, name_of, principles
from .model import LEVELS, NOT_RELEVANT, STANCES
from .pictures import compare_svg, earlier_label, profile_svgs, spread_text
from .rules import (
    compare,
    competency_level,
    has_earlier,
    is_number,
    levels,
    strengths_and_growth,
    team_summary,
)
from .words import _names, level_text, number, signed

# ---------------------------------------------------------------- tables (exports, report, team)


def _list(items):
    return el("ul", Raw("".join(el("li", i) for i in items)))


def strengths_growth_html(lv, t):
    strengths, growth = strengths_and_growth(lv)
    parts = [
        el("h4", t("strengths_heading")),
        _list(f"{n} ({level_text(lv[c], t)})" for n, c in zip(_names(strengths, t), strengths))
        if strengths
        else el("p", t("strengths_none")),
        el("h4", t("growth_heading")),
        _list(f"{n} ({level_text(lv[c], t)})" for n, c in zip(_names(growth, t), growth))
        if growth
        else el("p", t("growth_none")),
    ]
    return join(*parts)


def _html_table(head, rows, label, cls="", caption=None):
    # Wide tables scroll sideways; a named, focusable region lets keyboard users scroll them.
    body = "".join(el("tr", *[el("td", c) for c in r]) for r in rows)
    return el(
        "div",
        el(
            "table",
            el("caption", caption) if caption else None,
            el("thead", el("tr", *[el("th", h, scope="col") for h in head])),
            el("tbody", Raw(body)),
            class_=f"ws-report-table {cls}".strip(),
        ),
        class_="cs-table-wrap",
        role="region",
        aria_label=label,
        tabindex="0",
    )


def ratings_table(state, lv, t):
    head, rows = ratings_rows(state, lv, t)
    return _html_table(head, rows, t("profile_as_table"), "cs-ratings-table")


def ratings_rows(state, lv, t):
    head = [t("col_domain"), t("col_competency"), t("col_level"), t("col_rated_by"), t("notes")]
    rows = []
    for d, comps in by_domain():
        for c in comps:
            level, source = competency_level(state["competencies"][c["id"]], state["mode"])
            rows.append(
                [
                    name_of(d, t),
                    name_of(c, t),
                    level_text(level, t),
                    t("rated_by_" + source) if source else "",
                    state["competencies"][c["id"]]["notes"],
                ]
            )
    return head, rows


def activity_rows(state, t):
    rows = []
    for c in competencies():
        for a in c["activities"]:
            value = state["competencies"][c["id"]]["activities"][a["id"]]
            if value is not None:
                rows.append([name_of(c, t), a[t.lang], level_text(value, t)])
    return [t("col_competency"), t("col_activity"), t("col_level")], rows


def principle_rows(state, t):
    rows = [
        [
            name_of(p, t),
            t("stance_" + state["principles"][p["id"]]["stance"]) if state["principles"][p["id"]]["stance"] else "",
            state["principles"][p["id"]]["notes"],
        ]
        for p in principles()
    ]
    return [t("col_principle"), t("stance"), t("notes")], rows


def plan_rows(state, lv, t):
    rows = [
        [
            name_of(competency_by_id(p["competency"]), t) if p["competency"] else "",
            level_text(lv[p["competency"]], t) if p["competency"] else "",
            p["resources"],
            p["learn_from"],
            p["next_steps"],
            p["date"],
        ]
        for p in state["plan"]
        if not is_blank(p)
    ]
    return [
        t("col_competency"),
        t("col_level_now"),
        t("resources"),
        t("learn_from"),
        t("next_steps"),
        t("by_when"),
    ], rows


def comparison_rows(state, lv, t):
    rows, _ = compare(state["earlier"]["levels"], lv)
    out = [
        [
            name_of(c, t),
            level_text(rows[c["id"]][0], t),
            level_text(rows[c["id"]][1], t),
            signed(rows[c["id"]][2], t) if rows[c["id"]][2] is not None else "",
        ]
        for c in competencies()
    ]
    return [t("col_competency"), earlier_label(state, t), t("now_label"), t("col_change")], out


def team_table(people, t):
    per, _ = team_summary(people)
    head = (
        [t("col_domain"), t("col_competency")]
        + [level_text(lv, t) for lv in LEVELS]
        + [t("level_not_relevant"), t("not_rated"), t("col_median"), t("col_range"), t("col_who")]
    )
    rows = []
    for d, comps in by_domain():
        for c in comps:
            s = per[c["id"]]
            who = "; ".join(
                t(
                    "who_at",
                    level=str(lv) if is_number(lv) else t("level_not_relevant_short"),
                    names=", ".join(s["by_level"][lv]),
                )
                for lv in (4, 3, 2, 1, NOT_RELEVANT)
                if s["by_level"][lv]
            )
            rows.append(
                [name_of(d, t), name_of(c, t)]
                + [str(s["counts"][lv]) for lv in (*LEVELS, NOT_RELEVANT, None)]
                + [number(s["median"], t) if s["median"] is not None else "", spread_text(s, t), who]
            )
    return t("team_table_heading"), head, rows


def team_domain_table(people, t):
    _, per_domain = team_summary(people)
    head = [t("col_domain"), t("col_people_rated"), t("col_median_average"), t("col_range")]
    rows = []
    for d, _ in by_domain():
        s = per_domain[d["id"]]
        rows.append(
            [
                name_of(d, t),
                str(s["people"]),
                number(s["median"], t) if s["median"] is not None else "",
                spread_text(s, t),
            ]
        )
    return t("team_domains_heading"), head, rows


def tables(state, t):
    lv = levels(state)
    out = [(t("md_ratings"), *ratings_rows(state, lv, t))]
    head, rows = activity_rows(state, t)
    if rows:
        out.append((t("md_activities"), head, rows))
    out.append((t("md_principles"), *principle_rows(state, t)))
    out.append((t("md_plan"), *plan_rows(state, lv, t)))
    if has_earlier(state):
        out.append((t("md_comparison"), *comparison_rows(state, lv, t)))
    return out


def _about(state, t):
    return [(t(k), state[k]) for k in ("name", "role", "date") if state[k].strip()] + [
        (t("mode"), t("mode_" + (state["mode"] or "quick")))
    ]


def to_csv(state, t):
    about = [(None, [label, value], []) for label, value in _about(state, t)]
    reflections = [
        (None, [t(f"reflection_{k}"), state["reflection"][k]], [])
        for k in ("strengths", "practice")
        if state["reflection"][k].strip()
    ]
    return exports.csv_text(about + tables(state, t) + reflections)


def to_markdown(state, t):
    lv = levels(state)
    out = [f"# {exports.md_text(t('title'))}", "", f"*{exports.md_text(t('not_a_measure_short'))}*", ""]
    for label, value in _about(state, t):
        out += [f"**{exports.md_text(label)}:** {exports.md_cell(value)}  "]
    out.append("")
    strengths, growth = strengths_and_growth(lv)
    for heading, cids in ((t("strengths_heading"), strengths), (t("growth_heading"), growth)):
        out += [f"## {exports.md_text(heading)}", ""]
        out += [f"- {exports.md_text(n)}" for n in _names(cids, t)] or ["–"]
        out.append("")
    for title, head, rows in tables(state, t):
        out += [f"## {exports.md_text(title)}", "", exports.md_table(head, rows), ""]
    for k in ("strengths", "practice"):
        if state["reflection"][k].strip():
            out += [f"## {exports.md_text(t('reflection_' + k))}", "", exports.md_cell(state["reflection"][k]), ""]
    return "\n".join(out)


def team_to_markdown(people, t):
    title, head, rows = team_table(people, t)
    dtitle, dhead, drows = team_domain_table(people, t)
    out = [
        f"# {exports.md_text(t('team_title'))}",
        "",
        exports.md_text(t("team_intro", count=len(people))),
        "",
        f"*{exports.md_text(t('not_a_measure_short'))}*",
        "",
        f"## {exports.md_text(title)}",
        "",
        exports.md_table(head, rows),
        "",
        f"## {exports.md_text(dtitle)}",
        "",
        exports.md_table(dhead, drows),
        "",
    ]
    return "\n".join(out)


def team_to_csv(people, t):
    return exports.csv_text([team_table(people, t), team_domain_table(people, t)])


# Further exports, asked for by buttons with data-action="export-<name>" (worksheets.export): none
# now that the team view exports itself (tools/team.py export).
EXPORTS = {}


# ---------------------------------------------------------------- print


def report_html(state, t):
    """What prints when the filled worksheet is printed."""
    lv = levels(state)
    parts = [el("h2", t("report_heading"))]
    about = _about(state, t)
    parts.append(el("p", Raw(" · ".join(join(el("strong", f"{label}: "), value) for label, value in about))))
    domains_svg, comps_svg = profile_svgs(state, lv, t, uid="cs-report-profile")
    parts += [el("h3", t("profile_domains_title")), domains_svg, el("h3", t("profile_comp_title")), comps_svg]
    parts.append(el("div", strengths_growth_html(lv, t), class_="cs-report-sg"))
    for title, head, rows in tables(state, t):
        if title == t("md_comparison"):
            parts += [el("h3", title), compare_svg(state, lv, t, uid="cs-report-compare")]
        parts += [el("h3", title), _html_table(head, rows, title)]
    for k in ("strengths", "practice"):
        if state["reflection"][k].strip():
            parts += [el("h3", t("reflection_" + k)), el("p", state["reflection"][k], class_="cs-pre")]
    parts.append(el("p", t("not_a_measure_short"), " ", t("report_generated"), class_="ws-report-foot"))
    return join(*parts)


def render_blank(t):
    """The blank form for printing: tick boxes for each competency and key activity, the principles,
    three development plans and the reflections."""
    box = el("td", "☐", class_="cs-box")
    scale_head = [el("th", level_text(lv, t), scope="col", class_="cs-box-head") for lv in LEVELS] + [
        el("th", t("level_not_relevant"), scope="col", class_="cs-box-head")
    ]
    parts = [
        el("h2", t("blank_heading")),
        el("p", t("not_a_measure_short")),
        el(
            "dl",
            Raw("".join(el("div", el("dt", t(k)), el("dd", "")) for k in ("name", "role", "date"))),
            class_="cs-blank-about",
        ),
        scale_legend(t, id_=None),
    ]
    for d, comps in by_domain():
        rows = "".join(el("tr", el("th", name_of(c, t), scope="row"), *[box] * 5, el("td", "")) for c in comps)
        parts += [
            el("h3", name_of(d, t)),
            el(
                "table",
                el(
                    "thead",
                    el(
                        "tr", el("th", t("col_competency"), scope="col"), *scale_head, el("th", t("notes"), scope="col")
                    ),
                ),
                el("tbody", Raw(rows)),
                class_="ws-report-table ws-blank-table cs-blank-table",
            ),
        ]
    # The key activities print only when asked for (Print blank form with key activities): the
    # short form is what most sessions need, on a few sheets instead of ten.
    deeper = [el("h3", t("blank_activities_heading"))]
    short_head = [el("th", str(lv), scope="col", class_="cs-box-head") for lv in LEVELS] + [
        el("th", t("level_not_relevant_short"), scope="col", class_="cs-box-head")
    ]
    for c in competencies():
        rows = "".join(el("tr", el("th", a[t.lang], scope="row"), *[box] * 5) for a in c["activities"])
        deeper.append(
            el(
                "table",
                el("caption", name_of(c, t)),
                el("thead", el("tr", el("th", t("col_activity"), scope="col"), *short_head)),
                el("tbody", Raw(rows)),
                class_="ws-report-table ws-blank-table cs-blank-table cs-blank-acts",
            )
        )
    parts.append(el("div", *deeper, class_="cs-blank-deeper"))
    stance_head = [el("th", t("stance_" + s), scope="col", class_="cs-box-head") for s in STANCES]
    rows = "".join(el("tr", el("th", name_of(p, t), scope="row"), *[box] * 3, el("td", "")) for p in principles())
    parts += [
        el("h3", t("principles_heading")),
        el(
            "table",
            el(
                "thead",
                el("tr", el("th", t("col_principle"), scope="col"), *stance_head, el("th", t("notes"), scope="col")),
            ),
            el("tbody", Raw(rows)),
            class_="ws-report-table ws-blank-table cs-blank-table",
        ),
    ]
    head, _ = plan_rows({"plan": []}, {}, t)
    rows = "".join(el("tr", *[el("td", "") for _ in head]) for _ in range(3))
    parts += [
        el("h3", t("plan_heading")),
        el(
            "table",
            el("thead", el("tr", *[el("th", h, scope="col") for h in head])),
            el("tbody", Raw(rows)),
            class_="ws-report-table ws-blank-table cs-blank-plan",
        ),
    ]
    for k in ("strengths", "practice"):
        parts += [el("h3", t("reflection_" + k)), el("div", "", class_="cs-blank-lines")]
    return join(*parts)
