"""The stakeholder matrix's team view: several groups' matrices for the same objective.

Each member is one group's file: its stakeholders with their placement (importance and
influence), level of engagement and plan. Stakeholders are matched across the groups by name
(tools/team.py normalise: case, spacing, punctuation and Unicode forms ignored); the reader
corrects the matching with merges ({"name", "canonical"}: the first name counts as the second)
and splits ({"name"}: a name, exactly as written, kept apart from those it would match).

The rules (tested in tests/unit/test_stakeholder_team.py):
- A stakeholder differs when the groups that placed it put it in different quadrants, or the
  groups that chose a level chose different ones; those are listed first, then the rest, each by
  name. A group that did not name a stakeholder is shown as not having it.
- The combined plan has one row per stakeholder with each group's activities, timing and owners.
"""

from . import exports, team
from . import stakeholder_matrix as sm
from .html import Raw, el, esc, join
from .schema import Items, Record, Text

WORKSHEET = sm.ID
FORMAT = "isp-stakeholder-team"
VERSION = 1
STRINGS = sm.STRINGS
FORMAT_LABEL = "tv_format_label"
MAX_FILE_BYTES = team.MAX_FILE_BYTES
LIMIT = team.LIMIT
MEMBER_FIELDS = ("objective", "stakeholders")
COUNTED = ("stakeholders",)
KEPT = ("name", "importance", "influence", "level", "activities", "timing", "responsible")
QUADRANTS = ("high-high", "high-low", "low-high", "low-low")
MAX_MERGES = 400
MAX_CHAIN = 20

SCHEMA = team.make_schema(
    {
        "objective": Text("objective"),
        "stakeholders": Items(
            "stakeholders",
            "field_stakeholders_n",
            Record(None, {k: sm.STAKEHOLDER.fields[k] for k in KEPT}),
            limit=sm.SCHEMA.fields["stakeholders"].limit,
        ),
    },
    extra={
        "merges": Items(
            "tv_sm_merges",
            "tv_sm_merge_n",
            Record(None, {"name": Text("name", 200), "canonical": Text("tv_sm_canonical", 200)}),
            limit=MAX_MERGES,
        ),
        "splits": Items("tv_sm_splits", "tv_sm_split_n", Record(None, {"name": Text("name", 200)}), limit=MAX_MERGES),
    },
)


def member(state):
    return {
        "objective": state["objective"],
        "stakeholders": [{k: r[k] for k in KEPT} for r in sm.filled(state) if r["name"].strip()],
    }


# ---------------------------------------------------------------- matching


def matcher(data):
    """name -> key: normalise, except a split name (its exact text) and merges followed to
    their end (a loop of merges stops where it would come back)."""
    splits = {s["name"].strip() for s in data.get("splits", []) if s["name"].strip()}
    merges = {}
    for m in data.get("merges", []):
        if m["name"].strip() and m["canonical"].strip():
            merges[base_key(m["name"], splits)] = base_key(m["canonical"], splits)

    def key(name):
        k, seen = base_key(name, splits), set()
        while k in merges and k not in seen and len(seen) < MAX_CHAIN:
            seen.add(k)
            k = merges[k]
        return k

    return key


def base_key(name, splits):
    """A name of punctuation only ("?") matches only itself, as a split name does."""
    key = team.normalise(name)
    return "=" + name.strip() if name.strip() in splits or not key else key


def match(data, t):
    """[{key, name, spellings, groups: [(label, [rows])], quadrants, levels, differs}], the ones
    the groups differ on first, then by name."""
    key = matcher(data)
    members = team.labelled(data, t)
    found = {}
    for label, m in members:
        for row in m["stakeholders"]:
            entry = found.setdefault(key(row["name"]), {})
            entry.setdefault(label, []).append(row)
    out = []
    for k, by_group in found.items():
        groups = [(label, by_group.get(label, [])) for label, _ in members]
        every = [r["name"].strip() for _, rows in groups for r in rows]
        spellings = sorted(set(every))
        quadrants = {sm.quadrant(r) for _, rows in groups for r in rows} - {None}
        levels = {r["level"] for _, rows in groups for r in rows} - {""}
        out.append(
            {
                "key": k,
                # As most groups wrote it; a tie goes to the first group's spelling.
                "name": max(spellings, key=lambda n: (every.count(n), -every.index(n))),
                "spellings": spellings,
                "groups": groups,
                "quadrants": quadrants,
                "levels": levels,
                "differs_quadrant": len(quadrants) > 1,
                "differs_level": len(levels) > 1,
            }
        )
    out.sort(key=lambda s: (not (s["differs_quadrant"] or s["differs_level"]), team.normalise(s["name"]), s["key"]))
    return out


# ---------------------------------------------------------------- words and tables


def placement(rows, t):
    """One group's placement of a stakeholder, in words ("–" when the group did not name it)."""
    if not rows:
        return t("tv_sm_absent")
    parts = []
    for r in rows:
        q = sm.quadrant(r)
        where = t("quadrant_" + q) if q else t("tv_sm_unplaced")
        parts.append(f"{where}; {sm.level_name(r['level'], t) or t('tv_sm_no_level')}")
    return " / ".join(parts)


def differs_text(s, t):
    what = [t("tv_sm_differs_quadrant")] * s["differs_quadrant"] + [t("tv_sm_differs_level")] * s["differs_level"]
    return ", ".join(what) or t("tv_sm_same")


def placement_table(data, t, stakeholders=None):
    stakeholders = stakeholders if stakeholders is not None else match(data, t)
    labels = [label for label, _ in team.labelled(data, t)]
    head = [t("col_name"), t("tv_sm_col_differs"), *labels]
    rows = [[s["name"], differs_text(s, t), *[placement(rows, t) for _, rows in s["groups"]]] for s in stakeholders]
    return t("tv_sm_placements_heading"), head, rows


def _by_group(s, field):
    return "\n".join(f"{label}: {r[field].strip()}" for label, rows in s["groups"] for r in rows if r[field].strip())


def plan_table(data, t, stakeholders=None):
    stakeholders = stakeholders if stakeholders is not None else match(data, t)
    head = [t("col_name"), t("col_level"), t("col_activities"), t("col_timing"), t("col_responsible")]
    rows = []
    for s in stakeholders:
        levels = "\n".join(
            f"{label}: {sm.level_name(r['level'], t)}" for label, rows_ in s["groups"] for r in rows_ if r["level"]
        )
        rows.append(
            [s["name"], levels, _by_group(s, "activities"), _by_group(s, "timing"), _by_group(s, "responsible")]
        )
    return t("tv_sm_plan_heading"), head, rows


# ---------------------------------------------------------------- the view


def _html_table(title, head, rows):
    body = "".join(
        el(
            "tr",
            el("th", r[0], scope="row"),
            *[el("td", Raw("<br>".join(esc(x) for x in c.split("\n")))) for c in r[1:]],
        )
        for r in rows
    )
    return el(
        "table",
        el("caption", title),
        el("thead", el("tr", *[el("th", h, scope="col") for h in head])),
        el("tbody", Raw(body)),
        class_="tv-table",
    )


REGION_ORDER = ("summary", "differences", "matrix", "plan", "matching")


def matching_html(data, stakeholders, t):
    """The reader's corrections of the matching: join two names, keep a spelling apart, undo."""
    every = sorted({n for s in stakeholders for n in s["spellings"]}, key=team.normalise)
    names = [s["name"] for s in sorted(stakeholders, key=lambda s: team.normalise(s["name"]))]
    shared = sorted({n for s in stakeholders if len(s["spellings"]) > 1 for n in s["spellings"]}, key=team.normalise)

    def select(field, options, label):
        return el(
            "p",
            el("label", t(label), for_=f"tv-sm-{field}"),
            " ",
            el("select", *[el("option", n, value=n) for n in options], id=f"tv-sm-{field}", data_team_pick=field),
        )

    parts = [el("legend", t("tv_sm_match_legend")), el("p", t("tv_sm_match_help"), class_="ws-help")]
    parts += [
        el(
            "div",
            select("merge-from", every, "tv_sm_merge_from"),
            select("merge-to", names, "tv_sm_merge_to"),
            el("button", t("tv_sm_merge"), type="button", data_action="team-merge", class_="md-button"),
            class_="tv-match",
        )
    ]
    if shared:
        parts.append(
            el(
                "div",
                select("split", shared, "tv_sm_split_name"),
                el("button", t("tv_sm_split"), type="button", data_action="team-split", class_="md-button"),
                class_="tv-match",
            )
        )
    else:
        parts.append(el("p", t("tv_sm_no_split")))
    done = [
        (t("tv_sm_merged_item", name=m["name"], canonical=m["canonical"]), "merges", i)
        for i, m in enumerate(data.get("merges", []))
    ]
    done += [(t("tv_sm_split_item", name=s["name"]), "splits", i) for i, s in enumerate(data.get("splits", []))]
    if done:
        items = [
            el(
                "li",
                what,
                " ",
                el(
                    "button",
                    t("tv_sm_undo"),
                    type="button",
                    data_action="team-undo",
                    data_list=kind,
                    data_index=str(i),
                    aria_label=t("tv_sm_undo_label", what=what),
                    class_="md-button",
                ),
            )
            for what, kind, i in done
        ]
        parts.append(el("ul", Raw("".join(items)), class_="tv-corrections"))
    return el("fieldset", *parts, class_="tv-matching")


def view(data, t):
    members = team.labelled(data, t)
    if not members:
        empty = el("p", t("tv_empty"))
        return {"names": [], "regions": {"summary": empty}}
    stakeholders = match(data, t)
    differ = [s for s in stakeholders if s["differs_quadrant"] or s["differs_level"]]
    objectives = sorted({m["objective"].strip() for _, m in members if m["objective"].strip()})
    summary = [el("p", t("tv_sm_intro", groups=len(members), stakeholders=len(stakeholders), differ=len(differ)))]
    if len(objectives) > 1:
        summary.append(el("p", t("tv_sm_objectives_differ"), class_="tv-note"))
    placements = placement_table(data, t, stakeholders)
    plan = plan_table(data, t, stakeholders)
    return {
        # For the reader's merge and split controls: every name as written, by its match.
        "names": [{"key": s["key"], "name": s["name"], "spellings": s["spellings"]} for s in stakeholders],
        "regions": {
            "summary": join(*summary),
            "differences": team.table_box(_html_table(*placements), placements[0], t),
            "matrix": team.figure_box(
                matrix_svg(data, t, stakeholders), t("tv_sm_matrix_title", groups=len(members)), t
            ),
            "plan": team.table_box(_html_table(*plan), plan[0], t),
            "matching": matching_html(data, stakeholders, t),
        },
    }


def matrix_svg(data, t, stakeholders=None, uid="sm-team-matrix"):
    """All groups' placements on one matrix, in the worksheet's matrix style: in each quadrant,
    each stakeholder with the numbers of the groups that put it there (the legend below names
    them); "≠" marks one the groups placed in different quadrants."""
    stakeholders = stakeholders if stakeholders is not None else match(data, t)
    labels = [label for label, _ in team.labelled(data, t)]
    number = {label: i for i, label in enumerate(labels, start=1)}
    left, top, cell_w, cell_h, max_lines = 70, 20, 320, 260, 10
    parts, details = [], []
    for q in QUADRANTS:
        imp, inf = q.split("-")
        x = left + (cell_w if inf == "high" else 0)
        y = top + (0 if imp == "high" else cell_h)
        parts.append(f'<rect class="ws-q ws-q-{q}" x="{x}" y="{y}" width="{cell_w}" height="{cell_h}"/>')
        parts.append(f'<text class="ws-q-label" x="{x + 12}" y="{y + 26}">{esc(sm._suggested_label(q, t))}</text>')
        lines = []
        for s in stakeholders:
            groups = [number[label] for label, rows in s["groups"] if any(sm.quadrant(r) == q for r in rows)]
            if groups:
                mark = " ≠" if s["differs_quadrant"] else ""
                lines.append(f"{s['name']} ({', '.join(map(str, groups))}){mark}")
        shown = lines if len(lines) <= max_lines else lines[: max_lines - 1]
        for i, line in enumerate(shown):
            parts.append(f'<text class="ws-q-name" x="{x + 16}" y="{y + 52 + i * 20}">{esc(sm._clip(line, 36))}</text>')
        if len(shown) < len(lines):
            parts.append(
                f'<text class="ws-q-more" x="{x + 16}" y="{y + 52 + len(shown) * 20}">'
                f"{esc(t('more', n=len(lines) - len(shown)))}</text>"
            )
        details.append(
            t("matrix_quadrant_desc", quadrant=t("quadrant_" + q), names="; ".join(lines))
            if lines
            else t("matrix_quadrant_empty", quadrant=t("quadrant_" + q))
        )
    parts.extend(sm.matrix_axes(t, left, top, cell_w, cell_h))
    gy = top + 2 * cell_h
    y = gy + 84
    legend = [f"{n}: {label}" for label, n in number.items()]
    for line in legend:
        parts.append(f'<text class="ws-tick" x="{left}" y="{y}">{esc(sm._clip(line, 80))}</text>')
        y += 20
    parts.append(f'<text class="ws-tick" x="{left}" y="{y}">{esc(t("tv_sm_differs_mark"))}</text>')
    height = y + 16
    desc = t("tv_sm_matrix_desc", groups=", ".join(legend), details=" ".join(details))
    return Raw(
        f'<svg class="ws-matrix" viewBox="0 0 720 {height}" width="720" height="{height}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-title">{esc(t("tv_sm_matrix_title", groups=len(labels)))}</title>'
        f'<desc id="{uid}-desc">{esc(desc)}</desc>' + "".join(parts) + "</svg>"
    )


# ---------------------------------------------------------------- exports


def to_csv(data, t):
    stakeholders = match(data, t)
    return exports.csv_text([placement_table(data, t, stakeholders), plan_table(data, t, stakeholders)])


def to_markdown(data, t):
    stakeholders = match(data, t)
    members = team.labelled(data, t)
    out = [f"# {exports.md_text(t('tv_sm_title'))}", ""]
    out += [exports.md_text(t("tv_members_line", names=", ".join(label for label, _ in members))), ""]
    for title, head, rows in (placement_table(data, t, stakeholders), plan_table(data, t, stakeholders)):
        out += [f"## {exports.md_text(title)}", "", exports.md_table(head, rows), ""]
    return "\n".join(out)
