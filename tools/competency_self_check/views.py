"""What the page shows as the reader types: notes, summaries, the profile, hints, comparison, team."""

from ..html import el, join
from .guide import by_domain, competencies, competency_ids, name_of, principles
from .model import NOT_RELEVANT, STANCES
from .pictures import change_text, compare_svg, earlier_label, heatmap_svg, profile_svgs
from .reports import (
    _html_table,
    _list,
    ratings_table,
    report_html,
    strengths_growth_html,
    team_domain_table,
    team_table,
)
from .rules import (
    compare,
    competency_level,
    domain_summary,
    has_earlier,
    is_number,
    levels,
    strengths_and_growth,
    team_people,
)
from .words import _names, level_text, number, signed

# ---------------------------------------------------------------- what the page shows


def view(state, t):
    lv = levels(state)
    effects = profile_effects(lv, t)
    regions = {f"level-{cid}": join(level_note(state, cid, t), effects[cid]) for cid in competency_ids()}
    regions.update(
        {
            "profile": profile_html(state, lv, t),
            "summary": summary_html(state, lv, t),
            "plan-hints": plan_hints_html(state, lv, t),
            "comparison": comparison_html(state, lv, t),
            "report": report_html(state, t),
        }
    )
    chosen = [p["competency"] for p in state["plan"]]
    plan_notes = []
    for p in state["plan"]:
        note = t("plan_current", level=level_text(lv[p["competency"]], t)) if p["competency"] else ""
        if p["competency"] and chosen.count(p["competency"]) > 1:
            note += " " + t("plan_duplicate")
        plan_notes.append({"current": note})
    return {"rows": {"plan": plan_notes}, "regions": regions}


def summary(state, t):
    """What a share link holds, in a few lines (shown before the reader chooses to load it). It
    speaks of the worksheet, not to the reader: the one who reads it did not fill it in."""
    clip = lambda text, n: " ".join(text.split())[:n]  # noqa: E731
    lines = []
    if state["name"].strip() or state["role"].strip():
        lines.append(
            t("link_summary_person", name=clip(state["name"], 100) or "–", role=clip(state["role"], 160) or "–")
        )
    lv = levels(state)
    rated = sum(1 for v in lv.values() if is_number(v))
    not_relevant = sum(1 for v in lv.values() if v == NOT_RELEVANT)
    if not (rated or not_relevant):
        lines.append(t("link_summary_empty"))
    elif not_relevant:
        lines.append(t("link_summary_counts_not_relevant", rated=rated, total=len(lv), not_relevant=not_relevant))
    else:
        lines.append(t("link_summary_counts", rated=rated, total=len(lv)))
    plan = [p for p in state["plan"] if p["competency"] or any(str(v).strip() for v in p.values())]
    if plan:
        lines.append(t("link_summary_plan", n=len(plan)))
    return lines


def profile_effects(lv, t):
    """Under each competency's rating, its effect on the profile, so a reader on a phone sees it
    without scrolling there: its domain's average now (nothing while its domain has no rating)."""
    summary, out = domain_summary(lv), {}
    for d, comps in by_domain():
        s = summary[d["id"]]
        average = t("average_of", average=number(s["average"], t), rated=s["rated"], total=s["total"])
        line = el("p", t("effect_domain", domain=name_of(d, t), average=average), class_="ws-effect")
        out.update({c["id"]: line if s["rated"] else None for c in comps})
    return out


def level_note(state, cid, t):
    """Under each competency in the deeper mode: the level its key activities give, and why."""
    if state["mode"] != "deeper":
        return ""
    entry = state["competencies"][cid]
    ratings = [v for v in entry["activities"].values()]
    level, source = competency_level(entry, "deeper")
    if source == "activities":
        text = t(
            "level_from_activities",
            level=level_text(level, t),
            rated=sum(1 for v in ratings if v is not None),
            total=len(ratings),
        )
    elif source == "overall":
        text = t("level_from_overall", level=level_text(level, t))
    else:
        text = t("level_none_deeper")
    return el("p", text)


def principles_summary(state, t):
    groups = {s: [name_of(p, t) for p in principles() if state["principles"][p["id"]]["stance"] == s] for s in STANCES}
    return [t(f"principles_{s}", names=", ".join(names)) for s, names in groups.items() if names]


def summary_html(state, lv, t):
    rated = sum(1 for v in lv.values() if is_number(v))
    not_relevant = sum(1 for v in lv.values() if v == NOT_RELEVANT)
    if not rated and not not_relevant:
        return el("p", t("summary_empty"))
    parts = [
        el("p", t("summary_counts", rated=rated, not_relevant=not_relevant, total=len(lv))),
        strengths_growth_html(lv, t),
    ]
    lines = principles_summary(state, t)
    if lines:
        parts += [el("h4", t("principles_heading_short")), _list(lines)]
    return join(*parts)


def profile_html(state, lv, t, uid="cs-profile"):
    domains_svg, comps_svg = profile_svgs(state, lv, t, uid, narrow=True)
    return join(
        el("h4", t("profile_domains_title")),
        domains_svg,
        el("h4", t("profile_comp_title")),
        comps_svg,
        el("details", el("summary", t("profile_as_table")), ratings_table(state, lv, t)),
    )


def plan_hints_html(state, lv, t):
    _, growth = strengths_and_growth(lv)
    parts = []
    if growth:
        parts.append(el("p", t("plan_growth_hint", names=", ".join(_names(growth, t)))))
    chosen = {p["competency"] for p in state["plan"] if p["competency"]}
    if len(chosen) > 3:
        parts.append(el("p", t("plan_too_many", count=len(chosen)), class_="cs-warning"))
    return join(*parts) if parts else el("p", t("plan_hint_default"))


def comparison_html(state, lv, t, uid="cs-compare"):
    if not has_earlier(state):
        return el("p", t("compare_empty"))
    rows, per_domain = compare(state["earlier"]["levels"], lv)
    e = state["earlier"]
    intro = t("compare_intro", earlier=earlier_label(state, t), source=e["source"] or "–")
    groups = {"up": [], "down": [], "same": [], "other": []}
    for c in competencies():
        before, after, change, kind = rows[c["id"]]
        if not kind:
            continue
        line = f"{name_of(c, t)}: {change_text(before, after, change, kind, t)}"
        groups[kind if kind in groups else "other"].append(line)
    lists = []
    for key in ("up", "down", "same", "other"):
        if groups[key]:
            lists += [el("h4", t(f"compare_group_{key}")), _list(groups[key])]
    domain_lines = []
    for d, _ in by_domain():
        b, a, change, count = per_domain[d["id"]]
        text = (
            t("compare_domain_value", before=number(b, t), after=number(a, t), change=signed(change, t))
            if count
            else t("compare_domain_none")
        )
        domain_lines.append(f"{name_of(d, t)}: {text}")
    return join(
        el("p", intro),
        compare_svg(state, lv, t, uid),
        el("h4", t("compare_domains_heading")),
        _list(domain_lines),
        *lists,
    )


def team_html(state, t, uid="cs-team-heat"):
    people = team_people(state, t)
    if not people:
        return el("p", t("team_empty"))
    _, head, rows = team_table(people, t)
    _, dhead, drows = team_domain_table(people, t)
    return join(
        el("p", t("team_intro", count=len(people))),
        heatmap_svg(people, t, uid),
        el("h4", t("team_table_heading")),
        _html_table(head, rows, t("team_table_heading"), "cs-team-table"),
        el("h4", t("team_domains_heading")),
        _html_table(dhead, drows, t("team_domains_heading"), "cs-team-table"),
    )
