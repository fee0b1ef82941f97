"""The VI worksheet's team view: several raters' assessments of one implementation.

Each member is one rater's file: its named assessments (a rater's "Before" and "After" stay
apart by their names), each with the level of every sub-element. The view takes one assessment
name at a time (matched as tools/team.py matches names) and shows, per sub-element, where each
rater put it, the middle and the spread; the sub-elements the raters are furthest apart on come
first, as the place to talk.

The rules (tested in tests/unit/test_vi_team.py):
- Positions: low 0, fairly low 1, mid 2, fairly high 3, high 4. The middle is the median of the
  raters' positions; the spread is the range (highest minus lowest, in steps).
- Order: widest range first; then the split ones; then the worksheet's order.
- Diagnosis: the single worksheet's rules (vi_worksheet.diagnose) on an assessment made of the
  middles. A middle between two levels (an even number of raters) counts as the level nearer the
  middle of the continuum, so a tie never makes an element look weaker or stronger than half the
  raters see it.
- Uncertain: a sub-element is split when one rater put it low or fairly low and another fairly
  high or high (its range spans both halves of the continuum). An element with a split
  sub-element has an uncertain diagnosis, and so has the facilitation that fits when evidence or
  context is uncertain; the view says so in plain words.
"""

import statistics

from . import exports, team
from . import vi_worksheet as vi
from .html import Raw, el, esc, join
from .schema import Choice, Items, Record, Text

WORKSHEET = vi.ID
FORMAT = "isp-vi-team"
VERSION = 1
STRINGS = vi.STRINGS
FORMAT_LABEL = "tv_format_label"
MAX_FILE_BYTES = team.MAX_FILE_BYTES
LIMIT = team.LIMIT
MEMBER_FIELDS = ("assessments",)
COUNTED = ("assessments",)
OPTIONS = ("assessment",)
MIDDLE = vi.LEVELS.index("mid")

LEVELS_RECORD = Record(
    "col_level",
    {e: Record(f"el_{e}", {s: Choice("level", vi.LEVELS) for s in subs}) for e, subs in vi.ELEMENTS.items()},
)
SCHEMA = team.make_schema(
    {
        "assessments": Items(
            "assessments",
            "assessment_n",
            Record(None, {"name": Text("name", 200), "levels": LEVELS_RECORD}),
            limit=vi.SCHEMA.fields["assessments"].limit,
        )
    }
)


def member(state):
    """What the team view keeps of a rater's file: each filled assessment's name and levels."""
    return {
        "assessments": [
            {
                "name": a["name"].strip(),
                "levels": {e: {s: vi.level(a, e, s) for s in subs} for e, subs in vi.ELEMENTS.items()},
            }
            for a in state["assessments"]
            if vi.is_filled(a)
        ]
    }


# ---------------------------------------------------------------- the rules


def assessment_names(data):
    """[(key, name)]: the assessments' names across the raters, matched by team.normalise; each
    shown as most raters wrote it (ties: the first in sorted order), sorted by key."""
    spellings = {}
    for m in data["members"]:
        for a in m["assessments"]:
            spellings.setdefault(team.normalise(a["name"]), []).append(a["name"])
    out = []
    for key in sorted(spellings):
        names = sorted(spellings[key])
        out.append((key, max(names, key=names.count)))
    return out


def ratings(data, key, t):
    """[(rater label, {element: {sub: level}})] for the assessments named key, in the view's
    order; a rater with two assessments of that name gives both (the second labelled "(2)")."""
    out = []
    for label, m in team.labelled(data, t):
        found = [a for a in m["assessments"] if team.normalise(a["name"]) == key]
        for i, a in enumerate(found, start=1):
            out.append((label if len(found) == 1 else f"{label} ({i})", a["levels"]))
    return out


def middle_position(positions):
    """The median position; a middle between two levels counts as the one nearer the centre."""
    m = statistics.median(positions)
    if m == int(m):
        return int(m)
    return int(m) + 1 if m < MIDDLE else int(m)


def spread(rated):
    """Per sub-element: {element, sub, levels: [(label, level)], median, middle, low, high, range,
    split}, the furthest apart first. median is a position (0 to 4, may be a half step);
    middle is the level the diagnosis uses."""
    rows = []
    for order, (e, s) in enumerate(vi.SUB_ELEMENTS):
        levels = [(label, lv[e][s]) for label, lv in rated]
        positions = [vi.LEVELS.index(v) for _, v in levels if v]
        row = {"element": e, "sub": s, "levels": levels, "order": order, "count": len(positions)}
        if positions:
            row.update(
                median=statistics.median(positions),
                middle=vi.LEVELS[middle_position(positions)],
                low=min(positions),
                high=max(positions),
                range=max(positions) - min(positions),
                split=any(vi.LEVELS[p] in vi.WEAK_LEVELS for p in positions)
                and any(vi.LEVELS[p] in vi.STRONG_LEVELS for p in positions),
            )
        else:
            row.update(median=None, middle="", low=None, high=None, range=None, split=False)
        rows.append(row)
    rows.sort(key=lambda r: (-(r["range"] if r["range"] is not None else -1), not r["split"], r["order"]))
    return rows


def middle_assessment(rows):
    """An assessment whose levels are the team's middles (vi_worksheet's shape, for its rules)."""
    a = vi.empty_assessment("team")
    for r in rows:
        a[r["element"]][r["sub"]]["level"] = r["middle"]
    return a


def uncertain(rows, d):
    """{element: [split subs]}, and whether the facilitation that fits is uncertain too."""
    split = {e: [r["sub"] for r in rows if r["element"] == e and r["split"]] for e in vi.ELEMENTS}
    split = {e: subs for e, subs in split.items() if subs}
    approach_uncertain = bool(d["approach"]) and any(e in split for e in ("evidence", "context"))
    return split, approach_uncertain


def summarise(data, t, assessment=None):
    """Everything the view and the exports show for one assessment name (the first by default):
    {names, key, raters, rows, diagnosis, team_assessment, split, approach_uncertain}."""
    names = assessment_names(data)
    keys = [k for k, _ in names]
    key = assessment if assessment in keys else (keys[0] if keys else "")
    rated = ratings(data, key, t) if keys else []
    rows = spread(rated)
    a = middle_assessment(rows)
    d = vi.diagnose(a)
    split, approach_uncertain = uncertain(rows, d)
    return {
        "names": names,
        "key": key,
        "raters": [label for label, _ in rated],
        "rows": rows,
        "team_assessment": a,
        "diagnosis": d,
        "split": split,
        "approach_uncertain": approach_uncertain,
    }


# ---------------------------------------------------------------- words


def assessment_title(names, key, t):
    name = dict(names).get(key, "")
    return name or t("tv_vi_unnamed")


def position_text(p, t):
    """A median as words: a level, or "between fairly low and mid"."""
    if p is None:
        return t("not_rated")
    if p == int(p):
        return vi.level_name(vi.LEVELS[int(p)], t)
    return t("tv_between", a=vi.level_name(vi.LEVELS[int(p)], t), b=vi.level_name(vi.LEVELS[int(p) + 1], t))


def spread_text(r, t):
    if r["range"] is None:
        return t("not_rated")
    if r["range"] == 0:
        return t("tv_vi_agree")
    text = t(
        "tv_vi_range",
        steps=r["range"],
        low=vi.level_name(vi.LEVELS[r["low"]], t),
        high=vi.level_name(vi.LEVELS[r["high"]], t),
    )
    return t("tv_vi_split_mark", text=text) if r["split"] else text


def notes(s, t):
    """The plain notes where the spread makes the diagnosis uncertain."""
    out = []
    for e, subs in s["split"].items():
        out.append(
            t(
                "tv_vi_uncertain",
                element=vi.element_name(e, t),
                subs=", ".join(vi.sub_name(x, t) for x in subs),
            )
        )
    if s["approach_uncertain"]:
        out.append(t("tv_vi_uncertain_approach"))
    return out


def table(s, t):
    """(title, header, rows): the sub-elements, the furthest apart first."""
    head = [t("col_element"), t("col_sub"), *s["raters"], t("tv_col_median"), t("tv_col_spread")]
    rows = [
        [
            vi.element_name(r["element"], t),
            vi.sub_name(r["sub"], t),
            *[vi.level_name(lv, t) for _, lv in r["levels"]],
            position_text(r["median"], t),
            spread_text(r, t),
        ]
        for r in s["rows"]
    ]
    return t("tv_vi_table_heading"), head, rows


# ---------------------------------------------------------------- the view


REGION_ORDER = ("choose", "summary", "talk", "rule", "picture", "diagnosis", "pointers")


def choose_html(s, t):
    """Which assessment the view shows, when the raters named more than one."""
    if len(s["names"]) < 2:
        return el("p", "", hidden=True)
    options = [
        el("option", name or t("tv_vi_unnamed"), value=key, selected=key == s["key"]) for key, name in s["names"]
    ]
    return el(
        "p",
        el("label", t("tv_vi_choose"), for_="tv-vi-choose"),
        " ",
        el("select", *options, id="tv-vi-choose", data_team_option="assessment"),
        class_="tv-choose",
    )


def view(data, t, assessment=None):
    s = summarise(data, t, assessment)
    if not s["raters"]:
        empty = el("p", t("tv_empty"))
        return {
            "assessments": [],
            "open": "",
            "regions": {"summary": empty, **dict.fromkeys(("talk", "picture", "diagnosis", "pointers"), "")},
        }
    title, head, rows = table(s, t)
    # The intro and the notes on uncertainty first, then the sub-elements to talk about: on a
    # phone the list of differences comes before the picture.
    summary = [el("p", t("tv_vi_intro", count=len(s["raters"]), name=assessment_title(s["names"], s["key"], t)))]
    summary += [el("p", note, class_="tv-note") for note in notes(s, t)]
    talk_rows = "".join(el("tr", el("th", c[1], scope="row"), *[el("td", x) for x in [c[0], *c[2:]]]) for c in rows)
    talk = el(
        "table",
        el("caption", title),
        el(
            "thead", el("tr", el("th", head[1], scope="col"), *[el("th", h, scope="col") for h in [head[0], *head[2:]]])
        ),
        el("tbody", Raw(talk_rows)),
        class_="tv-table",
    )
    picture_title = t("tv_vi_picture_title", count=len(s["raters"]))
    return {
        "assessments": [{"key": k, "name": n or t("tv_vi_unnamed")} for k, n in s["names"]],
        "open": s["key"],
        "regions": {
            "choose": choose_html(s, t),
            "summary": join(*summary),
            "talk": team.table_box(talk, title, t),
            "rule": el("p", t("tv_vi_rule"), class_="ws-help"),
            "picture": team.figure_box(picture_svg(s, t), picture_title, t),
            "diagnosis": join(el("h4", t("tv_vi_diagnosis_heading")), vi.diagnosis_html(s["diagnosis"], t)),
            "pointers": vi.pointers_html(s["team_assessment"], s["diagnosis"], t),
        },
    }


def picture_svg(s, t, uid="vi-team-picture"):
    """Each sub-element's continuum with how many raters stand at each level (the number in a
    circle) and the team's middle (a bar); the worksheet's picture style, its text 12 px or more."""
    width, left, right = 720, 330, 680
    step = (right - left) / (len(vi.LEVELS) - 1)
    parts, y = [], 22
    for i, key in enumerate(("tv_vi_legend_raters", "tv_vi_legend_middle")):
        parts.append(vi._marker(i, 28, y - 5))
        parts.append(f'<text class="vi-legend" x="{48}" y="{y}">{esc(t(key))}</text>')
        y += 28
    for i, lv in enumerate(vi.LEVELS):
        parts.append(
            f'<text class="vi-tick" text-anchor="middle" x="{left + i * step:.1f}" y="{y}">{esc(t("lvl_" + lv))}</text>'
        )
    y += 14
    by_sub = {(r["element"], r["sub"]): r for r in s["rows"]}
    details = []
    for e, subs in vi.ELEMENTS.items():
        y += 36
        parts.append(f'<text class="vi-el" x="10" y="{y}">{esc(vi.element_name(e, t))}</text>')
        for sub in subs:
            r = by_sub[(e, sub)]
            y += 38
            parts.append(f'<text class="vi-sub" x="24" y="{y + 5}">{esc(vi._clip(vi.sub_name(sub, t), 44))}</text>')
            parts.append(f'<line class="vi-line" x1="{left}" y1="{y}" x2="{right}" y2="{y}"/>')
            counts = [sum(1 for _, lv in r["levels"] if lv == level) for level in vi.LEVELS]
            for i, n in enumerate(counts):
                x = left + i * step
                parts.append(f'<line class="vi-tickmark" x1="{x:.1f}" y1="{y - 5}" x2="{x:.1f}" y2="{y + 5}"/>')
                if n:
                    # A filled dot for the raters here, and how many above it.
                    parts.append(vi._marker(0, x, y))
                    parts.append(f'<text class="vi-tick" text-anchor="middle" x="{x:.1f}" y="{y - 15}">{n}</text>')
            if r["median"] is not None:
                parts.append(vi._marker(1, left + r["median"] * step, y))
            details.append(
                t(
                    "tv_vi_desc_sub",
                    sub=vi.sub_name(sub, t),
                    counts="; ".join(
                        f"{vi.level_name(lv, t)}: {n}" for lv, n in zip(vi.LEVELS, counts, strict=True) if n
                    )
                    or t("not_rated"),
                    middle=position_text(r["median"], t),
                )
            )
    height = y + 24
    return Raw(
        f'<svg class="vi-picture" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-title">{esc(t("tv_vi_picture_title", count=len(s["raters"])))}</title>'
        f'<desc id="{uid}-desc">{esc(" ".join(details))}</desc>' + "".join(parts) + "</svg>"
    )


# ---------------------------------------------------------------- exports


def _sections(data, t):
    out = []
    for key, _ in assessment_names(data):
        s = summarise(data, t, key)
        title, head, rows = table(s, t)
        name = assessment_title(s["names"], key, t)
        diagnosis = [[label, text] for label, text in vi.diagnosis_lines(s["diagnosis"], t)]
        diagnosis += [[t("tv_note"), note] for note in notes(s, t)]
        out.append(
            (name, (title, head, rows), (t("tv_vi_diagnosis_heading"), [t("tv_col_what"), t("tv_col_text")], diagnosis))
        )
    return out


def to_csv(data, t, assessment=None):
    sections = []
    for name, tab, diag in _sections(data, t):
        sections += [(f"{name}: {tab[0]}", tab[1], tab[2]), (f"{name}: {diag[0]}", diag[1], diag[2])]
    return exports.csv_text(sections or [(t("tv_vi_title"), [t("tv_empty")], [])])


def to_markdown(data, t, assessment=None):
    out = [f"# {exports.md_text(t('tv_vi_title'))}", ""]
    members = team.labelled(data, t)
    out += [exports.md_text(t("tv_members_line", names=", ".join(label for label, _ in members))), ""]
    for name, tab, diag in _sections(data, t):
        out += [
            f"## {exports.md_text(name)}",
            "",
            f"### {exports.md_text(tab[0])}",
            "",
            exports.md_table(tab[1], tab[2]),
            "",
        ]
        out += [f"### {exports.md_text(diag[0])}", "", exports.md_table(diag[1], diag[2]), ""]
    if not members:
        out += [exports.md_text(t("tv_empty")), ""]
    return "\n".join(out)
