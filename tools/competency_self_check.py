"""Competency self-check: rate yourself on the guide's fifteen competencies, reflect on its six
principles, see your profile, plan your development, compare with an earlier self-check and pool
several people's self-checks in a team view.

After the reflective questions 5 to 8 of Metz, Burke, Albers, Louison & Bartley (2021), A Practice
Guide to Supporting Implementation. The principles, domains, competencies and key activities come
from tools/data/guide.json through content.guide(); this module holds only the rules.

A reflection aid, not a validated measure: the validated instrument for these competencies is the
Implementation Support Competencies Assessment (ISCA; Jensen, Metz & Albers, 2024).

The rules (documented on the worksheet page, tested in tests/unit/test_competency_self_check.py):
- Scale: 1 not yet familiar, 2 developing, 3 confident, 4 can coach others, or "not-relevant".
- Deeper mode: a competency whose key activities are rated takes its level from them (activity_level);
  one with no key activity rated keeps its overall rating.
- Strengths: the competencies at the highest level given, when that level is 3 or 4; growth areas:
  those at the lowest level given, when that level is 1 or 2 (strengths_and_growth).
- Comparison and domain averages use the competencies rated 1 to 4 (compare, domain_summary).
- Team view: counts per level, median and range per competency (team_summary).
"""
import datetime
import re
import statistics
from functools import lru_cache

from . import content, exports
from .html import Raw, el, esc, join, row_actions, void
from .schema import Choice, Items, Record, Text, is_blank

ID = "competency-self-check"
FORMAT = "isp-competency-self-check"
VERSION = 1
STRINGS = "competency_self_check"

LEVELS = (1, 2, 3, 4)
NOT_RELEVANT = "not-relevant"
MODES = ("quick", "deeper")
STANCES = ("resonates", "hard", "both")
PLAN_LIMIT = 15
TEAM_LIMIT = 200
ITEM_LISTS = {"plan": "plan_n", "team": "person_n"}
# Kept in this browser only: an exported file holds your own self-check, never the team view.
LOCAL_ONLY = ("team",)


# ---------------------------------------------------------------- the guide's facts

def _text(value, lang):
    return value[lang] if isinstance(value, dict) else str(value)


def name_of(item, t):
    return _text(item["name"], t.lang)


def summary_of(item, t):
    return _text(item.get("summary", ""), t.lang)


def domains():
    return content.guide()["domains"]


def competencies():
    return content.guide()["competencies"]


def principles():
    return content.guide()["principles"]


def competency_ids():
    return tuple(c["id"] for c in competencies())


def by_domain():
    """[(domain, [its competencies in the guide's order])], in the guide's order of domains."""
    return [(d, [c for c in competencies() if c["domain"] == d["id"]]) for d in domains()]


def competency_by_id(cid):
    return content.competency(cid)


def page_href(domain, anchor):
    """The link from the worksheet page (worksheets/competency-self-check/) to a guide page."""
    page = domain["page"]
    page = page[len("guide/"):] if page.startswith("guide/") else page
    page = page[: -len(".md")] if page.endswith(".md") else page
    return f"../../guide/{page}/#{anchor}"


def competency_href(c):
    return page_href(next(d for d in domains() if d["id"] == c["domain"]), c["id"])


def principle_href(p):
    return f"../../guide/principles/#{p['id']}"


# ---------------------------------------------------------------- the saved data

class Rating:
    """A self-rating: 1 to 4, "not-relevant", or None while not rated."""

    def __init__(self, label_key):
        self.label_key = label_key

    def empty(self):
        return None

    def clean(self, value, label, t, errors):
        if value is None or value == "":
            return None
        if value == NOT_RELEVANT:
            return value
        if isinstance(value, int) and not isinstance(value, bool) and value in LEVELS:
            return value
        if isinstance(value, str) and value in ("1", "2", "3", "4"):
            return int(value)
        errors.append(t("field_bad_rating", field=label, value=str(value)[:40]))
        return None


class Date:
    """A date as YYYY-MM-DD (what <input type="date"> gives), or ""."""

    def __init__(self, label_key):
        self.label_key = label_key

    def empty(self):
        return ""

    def clean(self, value, label, t, errors):
        if value is None or value == "":
            return ""
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                datetime.date.fromisoformat(value)
                return value
            except ValueError:
                pass
        errors.append(t("field_bad_date", field=label, value=str(value)[:40]))
        return ""


class ById(Record):
    """A group keyed by the guide's stable ids; messages name each key in the reader's language."""

    def __init__(self, label_key, fields, name):
        super().__init__(label_key, fields)
        self.name = name  # name(key, t) -> the key's name for messages

    def clean(self, value, label, t, errors):
        if value is None:
            return self.empty()
        if not isinstance(value, dict):
            errors.append(t("not_an_object", field=label))
            return self.empty()
        for key in value:
            if key not in self.fields:
                errors.append(t("field_unknown_id", field=label, id=str(key)[:60]))
        return {key: field.clean(value.get(key), f"{label} › {self.name(key, t)}", t, errors)
                for key, field in self.fields.items()}


def _competency_name(cid, t):
    return name_of(competency_by_id(cid), t)


def _levels_group(label_key):
    return ById(label_key, {cid: Rating("level") for cid in competency_ids()}, _competency_name)


@lru_cache(maxsize=None)
def _schema():
    def competency_record(c):
        numbers = {a["id"]: i + 1 for i, a in enumerate(c["activities"])}
        activities = ById("activities", {a["id"]: Rating("level") for a in c["activities"]},
                          lambda aid, t, numbers=numbers: t("activity_n", n=numbers[aid]))
        return Record(None, {"level": Rating("level"), "activities": activities, "notes": Text("notes")})

    names = {p["id"]: p for p in principles()}
    return Record(None, {
        "name": Text("name", 200),
        "role": Text("role", 500),
        "date": Date("date"),
        "mode": Choice("mode", MODES),
        "competencies": ById("competencies", {c["id"]: competency_record(c) for c in competencies()},
                             _competency_name),
        "principles": ById("principles_label", {p: Record(None, {
            "stance": Choice("stance", STANCES), "notes": Text("notes")}) for p in names},
            lambda pid, t: name_of(names[pid], t)),
        "reflection": Record("reflection", {"strengths": Text("reflection_strengths"),
                                            "practice": Text("reflection_practice")}),
        "plan": Items("plan", "plan_n", Record(None, {
            "competency": Choice("plan_competency", competency_ids()),
            "resources": Text("resources"),
            "learn_from": Text("learn_from"),
            "next_steps": Text("next_steps"),
            "date": Date("by_when"),
        }), limit=PLAN_LIMIT),
        "earlier": Record("earlier", {
            "source": Text("earlier_source", 300),
            "name": Text("name", 200),
            "date": Date("date"),
            "levels": _levels_group("levels"),
        }),
        "team": Items("team", "person_n", Record(None, {
            "label": Text("team_label", 100),
            "source": Text("earlier_source", 300),
            "levels": _levels_group("levels"),
        }), limit=TEAM_LIMIT),
    })


def __getattr__(name):
    # SCHEMA is built from guide.json on first use, not when tools/ is imported.
    if name == "SCHEMA":
        return _schema()
    raise AttributeError(name)


# ---------------------------------------------------------------- the rules

def activity_level(ratings):
    """The level that follows from a competency's key-activity ratings, or None.

    Activities not rated are left out. If every rated activity is "not relevant", so is the
    competency. Otherwise the activities marked "not relevant" are left out too, and the level
    is the middle value (median) of the rest; when the middle falls between two levels, the
    lower one counts.
    """
    ratings = [r for r in ratings if r is not None]
    numbers = sorted(r for r in ratings if isinstance(r, int))
    if not numbers:
        return NOT_RELEVANT if ratings else None
    return numbers[(len(numbers) - 1) // 2]


def competency_level(entry, mode):
    """(level, source) for one competency: source is "activities", "overall" or "" (not rated)."""
    if mode == "deeper":
        level = activity_level(entry["activities"].values())
        if level is not None:
            return level, "activities"
    return entry["level"], ("overall" if entry["level"] is not None else "")


def levels(state):
    """{competency id: level} with the deeper mode's rule applied."""
    return {cid: competency_level(state["competencies"][cid], state["mode"])[0] for cid in competency_ids()}


def is_number(level):
    return isinstance(level, int) and not isinstance(level, bool)


def strengths_and_growth(lv):
    """(strengths, growth areas): lists of competency ids in the guide's order.

    Strengths are the competencies at the highest level given, if that level is 3 or 4.
    Growth areas are the competencies at the lowest level given, if that level is 1 or 2.
    "Not relevant" and unrated competencies are neither.
    """
    rated = {cid: v for cid, v in lv.items() if is_number(v)}
    if not rated:
        return [], []
    top, bottom = max(rated.values()), min(rated.values())
    order = competency_ids()
    strengths = [cid for cid in order if rated.get(cid) == top] if top >= 3 else []
    growth = [cid for cid in order if rated.get(cid) == bottom] if bottom <= 2 else []
    return strengths, growth


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else None


def domain_summary(lv):
    """{domain id: {"rated", "not_relevant", "total", "average"}} (average of the levels 1 to 4)."""
    out = {}
    for d, comps in by_domain():
        numbers = [lv[c["id"]] for c in comps if is_number(lv.get(c["id"]))]
        out[d["id"]] = {"rated": len(numbers), "total": len(comps), "average": mean(numbers),
                        "not_relevant": sum(1 for c in comps if lv.get(c["id"]) == NOT_RELEVANT)}
    return out


def change_kind(before, after):
    """How one competency changed: "up", "down", "same", "newly-rated", "no-longer-rated",
    "relevance" (marked or unmarked not relevant) or "" (rated neither time)."""
    if before is None and after is None:
        return ""
    if is_number(before) and is_number(after):
        return "up" if after > before else "down" if after < before else "same"
    if before == after:
        return "same"
    if before is None:
        return "newly-rated"
    if after is None:
        return "no-longer-rated"
    return "relevance"


def compare(earlier, now):
    """Per competency {id: (earlier, now, change or None, kind)} and per domain
    {id: (earlier average, now average, change, count)} over the competencies rated 1 to 4 both times."""
    rows = {}
    for cid in competency_ids():
        before, after = earlier.get(cid), now.get(cid)
        change = after - before if is_number(before) and is_number(after) else None
        rows[cid] = (before, after, change, change_kind(before, after))
    domains_out = {}
    for d, comps in by_domain():
        both = [c["id"] for c in comps if rows[c["id"]][2] is not None]
        b = mean(earlier[cid] for cid in both)
        a = mean(now[cid] for cid in both)
        domains_out[d["id"]] = (b, a, (a - b) if both else None, len(both))
    return rows, domains_out


def has_earlier(state):
    return any(v is not None for v in state["earlier"]["levels"].values())


def team_people(state, t):
    """[(label, levels)] for the people in the team view, with a label for each."""
    return [((p["label"].strip() or t("person_n", n=i + 1)), p["levels"])
            for i, p in enumerate(state["team"])]


def team_summary(people):
    """Per competency {id: {"counts": {1..4, "not-relevant", None: n}, "median", "min", "max",
    "by_level": {level: [labels]}}} and per domain {id: {"people", "median", "min", "max"}}
    (of each person's average over the domain's competencies rated 1 to 4)."""
    per = {}
    for cid in competency_ids():
        counts = {lv: 0 for lv in (*LEVELS, NOT_RELEVANT, None)}
        by_level = {lv: [] for lv in (*LEVELS, NOT_RELEVANT)}
        numbers = []
        for label, lv in people:
            value = lv.get(cid)
            counts[value] += 1
            if value is not None:
                by_level[value].append(label)
            if is_number(value):
                numbers.append(value)
        per[cid] = {"counts": counts, "by_level": by_level,
                    "median": statistics.median(numbers) if numbers else None,
                    "min": min(numbers) if numbers else None, "max": max(numbers) if numbers else None}
    per_domain = {}
    for d, comps in by_domain():
        averages = [a for a in (mean(lv[c["id"]] for c in comps if is_number(lv.get(c["id"])))
                                for _, lv in people) if a is not None]
        per_domain[d["id"]] = {"people": len(averages),
                               "median": statistics.median(averages) if averages else None,
                               "min": min(averages) if averages else None,
                               "max": max(averages) if averages else None}
    return per, per_domain


# ---------------------------------------------------------------- files brought in (worksheets.attach)

def attach_earlier(state, files, t):
    """Keep the levels of one earlier self-check to compare with (the rest of that file is not kept)."""
    if len(files) != 1:
        return {"ok": False, "message": t("earlier_one_file")}
    filename, other = files[0]
    earlier = {"source": filename[:300], "name": other["name"], "date": other["date"], "levels": levels(other)}
    return {"ok": True, "state": {**state, "earlier": earlier}, "message": t("earlier_added", filename=filename)}


def attach_team(state, files, t):
    """Add one person per file to the team view, labelled with the name in their file or a number."""
    team = list(state["team"])
    if len(team) + len(files) > TEAM_LIMIT:
        return {"ok": False, "message": t("team_too_many", limit=TEAM_LIMIT)}
    for filename, other in files:
        label = other["name"].strip()[:100] or t("person_n", n=len(team) + 1)
        team.append({"label": label, "source": filename[:300], "levels": levels(other)})
    return {"ok": True, "state": {**state, "team": team},
            "message": t("team_added", count=len(files), total=len(team))}


ATTACH = {"earlier": attach_earlier, "team": attach_team}


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
    """"3 – Confident", "Not relevant to my role" or "Not rated"."""
    if is_number(level):
        return t("level_numbered", n=level, name=level_name(level, t))
    return level_name(level, t)


def _names(cids, t):
    return [name_of(competency_by_id(cid), t) for cid in cids]


def _wrap(text, width, max_lines=2):
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


def _svg(uid, cls, width, height, title, desc, parts):
    return Raw(
        f'<svg class="cs-svg {cls}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-title">{esc(title)}</title><desc id="{uid}-desc">{esc(desc)}</desc>'
        + "".join(parts) + "</svg>")


def _tspans(lines, x, y, line_height, cls, anchor="start"):
    spans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else line_height}">{esc(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f'<text class="{cls}" x="{x}" y="{y}" text-anchor="{anchor}">{spans}</text>'


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
    return [f'<line class="cs-grid" x1="{_x(lv)}" y1="{y1}" x2="{_x(lv)}" y2="{y2}"/>' for lv in LEVELS] + \
        [f'<line class="cs-axis" x1="{X0}" y1="{y1}" x2="{X0}" y2="{y2}"/>']


def _bar(level, y, t, label=None):
    """A bar to a level (1 to 4, or an average), its number after it; words for the other cases."""
    if level is None or level == NOT_RELEVANT:
        word = t("not_rated") if level is None else t("level_not_relevant")
        return [f'<text class="cs-none" x="{X0 + 8}" y="{y + 4}">{esc(word)}</text>']
    end = _x(level)
    return [f'<rect class="cs-bar" x="{X0}" y="{y - 8}" width="{end - X0}" height="16"/>',
            f'<text class="cs-value" x="{end + 8}" y="{y + 5}">{esc(label or number(level, t))}</text>']


def profile_svgs(state, lv, t, uid="cs-profile"):
    """Two pictures: the average per domain, and each competency's level grouped by domain."""
    summary = domain_summary(lv)
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
        desc.append(t("profile_domain_desc", domain=name_of(d, t), average=number(s["average"], t),
                      rated=s["rated"], total=s["total"]) if s["rated"] else
                    t("profile_domain_none", domain=name_of(d, t)))
        y += 40
    parts = _grid(top, y - 20) + parts
    by_domain_svg = _svg(f"{uid}-domains", "cs-profile-domains", WIDTH, y, t("profile_domains_title"),
                         t("profile_domains_desc", details=" ".join(desc)), parts)

    # By competency.
    parts, desc = _scale_head(20, t), []
    y, rows = 80, []
    for d, comps in by_domain():
        rows.append(_tspans([name_of(d, t)], 0, y + 4, 14, "cs-domain-name"))
        y += 26
        for c in comps:
            lines = _wrap(name_of(c, t), 42, 2)
            rows.append(_tspans(lines, 12, y - (3 if len(lines) > 1 else -4), 14, "cs-comp-name"))
            rows += _bar(lv[c["id"]], y, t, level_text(lv[c["id"]], t) if is_number(lv[c["id"]]) else None)
            desc.append(f"{name_of(c, t)}: {level_text(lv[c['id']], t)}.")
            y += 34 if len(lines) > 1 else 26
        y += 8
    parts = _grid(62, y - 10) + parts + rows
    by_comp_svg = _svg(f"{uid}-competencies", "cs-profile-competencies", WIDTH, y, t("profile_comp_title"),
                       t("profile_comp_desc", details=" ".join(desc)), parts)
    return by_domain_svg, by_comp_svg


def compare_svg(state, lv, t, uid="cs-compare"):
    """Earlier (hollow circle) and now (filled circle) per domain and per competency."""
    rows, per_domain = compare(state["earlier"]["levels"], lv)
    parts = _scale_head(44, t)
    earlier_word = earlier_label(state, t)
    parts.append(f'<circle class="cs-mark-earlier" cx="10" cy="14" r="6"/>'
                 f'<text class="cs-legend" x="22" y="19">{esc(earlier_word)}</text>')
    parts.append(f'<circle class="cs-mark-now" cx="10" cy="40" r="6"/>'
                 f'<text class="cs-legend" x="22" y="45">{esc(t("now_label"))}</text>')
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
        text = t("compare_domain_value", before=number(b, t), after=number(a, t), change=signed(change, t)) \
            if count else t("compare_domain_none")
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
    return _svg(uid, "cs-compare", COMPARE_WIDTH, y, t("compare_title"),
                t("compare_desc", earlier=earlier_word, details=" ".join(desc)), parts)


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
    col_x0, col_w, name_w = 330, 58, 320
    width = col_x0 + col_w * len(columns) + 150
    parts, desc = [], []
    heads = [[str(lv)] + _wrap(t(f"level_{lv}"), 10, 2) for lv in LEVELS] + \
        [_wrap(t("level_not_relevant_short"), 10, 3), _wrap(t("not_rated"), 10, 3)]
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
            parts.append(_tspans(lines, 12, y + (h / 2 - (3 if len(lines) > 1 else -5)) - (4 if len(lines) > 1 else 0),
                                 14, "cs-comp-name"))
            for i, col in enumerate(columns):
                n = s["counts"][col]
                shade = 0 if n == 0 else min(5, 1 + (4 * n) // total)
                x = col_x0 + col_w * i
                parts.append(f'<rect class="cs-heat cs-heat-{shade}" x="{x}" y="{y}" width="{col_w}" height="{h}"/>')
                parts.append(f'<text class="cs-count cs-count-{shade}" x="{x + col_w / 2}" y="{y + h / 2 + 5}" '
                             f'text-anchor="middle">{n}</text>')
            stats = team_stats_text(s, t)
            parts.append(f'<text class="cs-value" x="{stats_x}" y="{y + h / 2 + 5}">{esc(stats)}</text>')
            counts = ", ".join(f"{level_name(col, t)}: {s['counts'][col]}" for col in columns if s["counts"][col])
            desc.append(f"{name_of(c, t)}: {counts or t('not_rated')}; {stats}.")
            y += h
        y += 22
    return _svg(uid, "cs-heatmap", width, y, t("team_heat_title"),
                t("team_heat_desc", count=len(people), details=" ".join(desc)), parts)


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


# ---------------------------------------------------------------- what the page shows

def view(state, t):
    lv = levels(state)
    regions = {f"level-{cid}": level_note(state, cid, t) for cid in competency_ids()}
    regions.update({
        "profile": profile_html(state, lv, t),
        "summary": summary_html(state, lv, t),
        "plan-hints": plan_hints_html(state, lv, t),
        "comparison": comparison_html(state, lv, t),
        "team": team_html(state, t),
        "report": report_html(state, t),
    })
    chosen = [p["competency"] for p in state["plan"]]
    plan_rows = []
    for p in state["plan"]:
        note = t("plan_current", level=level_text(lv[p["competency"]], t)) if p["competency"] else ""
        if p["competency"] and chosen.count(p["competency"]) > 1:
            note += " " + t("plan_duplicate")
        plan_rows.append({"current": note})
    team_rows = [{"summary": t("person_summary", source=p["source"] or "–",
                               rated=sum(1 for v in p["levels"].values() if v is not None),
                               total=len(competency_ids()))} for p in state["team"]]
    return {"rows": {"plan": plan_rows, "team": team_rows}, "regions": regions}


def level_note(state, cid, t):
    """Under each competency in the deeper mode: the level its key activities give, and why."""
    if state["mode"] != "deeper":
        return ""
    entry = state["competencies"][cid]
    ratings = [v for v in entry["activities"].values()]
    level, source = competency_level(entry, "deeper")
    if source == "activities":
        text = t("level_from_activities", level=level_text(level, t),
                 rated=sum(1 for v in ratings if v is not None), total=len(ratings))
    elif source == "overall":
        text = t("level_from_overall", level=level_text(level, t))
    else:
        text = t("level_none_deeper")
    return el("p", text)


def _list(items):
    return el("ul", Raw("".join(el("li", i) for i in items)))


def strengths_growth_html(lv, t):
    strengths, growth = strengths_and_growth(lv)
    parts = [el("h4", t("strengths_heading")),
             _list(f"{n} ({level_text(lv[c], t)})" for n, c in zip(_names(strengths, t), strengths))
             if strengths else el("p", t("strengths_none")),
             el("h4", t("growth_heading")),
             _list(f"{n} ({level_text(lv[c], t)})" for n, c in zip(_names(growth, t), growth))
             if growth else el("p", t("growth_none"))]
    return join(*parts)


def principles_summary(state, t):
    groups = {s: [name_of(p, t) for p in principles() if state["principles"][p["id"]]["stance"] == s]
              for s in STANCES}
    return [t(f"principles_{s}", names=", ".join(names)) for s, names in groups.items() if names]


def summary_html(state, lv, t):
    rated = sum(1 for v in lv.values() if is_number(v))
    not_relevant = sum(1 for v in lv.values() if v == NOT_RELEVANT)
    if not rated and not not_relevant:
        return el("p", t("summary_empty"))
    parts = [el("p", t("summary_counts", rated=rated, not_relevant=not_relevant, total=len(lv))),
             strengths_growth_html(lv, t)]
    lines = principles_summary(state, t)
    if lines:
        parts += [el("h4", t("principles_heading_short")), _list(lines)]
    return join(*parts)


def profile_html(state, lv, t, uid="cs-profile"):
    domains_svg, comps_svg = profile_svgs(state, lv, t, uid)
    return join(el("h4", t("profile_domains_title")), domains_svg,
                el("h4", t("profile_comp_title")), comps_svg,
                el("details", el("summary", t("profile_as_table")), ratings_table(state, lv, t)))


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
        text = t("compare_domain_value", before=number(b, t), after=number(a, t), change=signed(change, t)) \
            if count else t("compare_domain_none")
        domain_lines.append(f"{name_of(d, t)}: {text}")
    return join(el("p", intro), compare_svg(state, lv, t, uid),
                el("h4", t("compare_domains_heading")), _list(domain_lines), *lists)


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
        _html_table(dhead, drows, t("team_domains_heading"), "cs-team-table"))


def _html_table(head, rows, label, cls="", caption=None):
    # Wide tables scroll sideways; a named, focusable region lets keyboard users scroll them.
    body = "".join(el("tr", *[el("td", c) for c in r]) for r in rows)
    return el("div", el("table", el("caption", caption) if caption else None,
                        el("thead", el("tr", *[el("th", h, scope="col") for h in head])),
                        el("tbody", Raw(body)), class_=f"ws-report-table {cls}".strip()),
              class_="cs-table-wrap", role="region", aria_label=label, tabindex="0")


# ---------------------------------------------------------------- tables (exports, report, team)

def ratings_table(state, lv, t):
    head, rows = ratings_rows(state, lv, t)
    return _html_table(head, rows, t("profile_as_table"), "cs-ratings-table")


def ratings_rows(state, lv, t):
    head = [t("col_domain"), t("col_competency"), t("col_level"), t("col_rated_by"), t("notes")]
    rows = []
    for d, comps in by_domain():
        for c in comps:
            level, source = competency_level(state["competencies"][c["id"]], state["mode"])
            rows.append([name_of(d, t), name_of(c, t), level_text(level, t),
                         t("rated_by_" + source) if source else "", state["competencies"][c["id"]]["notes"]])
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
    rows = [[name_of(p, t), t("stance_" + state["principles"][p["id"]]["stance"])
             if state["principles"][p["id"]]["stance"] else "", state["principles"][p["id"]]["notes"]]
            for p in principles()]
    return [t("col_principle"), t("stance"), t("notes")], rows


def plan_rows(state, lv, t):
    rows = [[name_of(competency_by_id(p["competency"]), t) if p["competency"] else "",
             level_text(lv[p["competency"]], t) if p["competency"] else "",
             p["resources"], p["learn_from"], p["next_steps"], p["date"]]
            for p in state["plan"] if not is_blank(p)]
    return [t("col_competency"), t("col_level_now"), t("resources"), t("learn_from"), t("next_steps"),
            t("by_when")], rows


def comparison_rows(state, lv, t):
    rows, _ = compare(state["earlier"]["levels"], lv)
    out = [[name_of(c, t), level_text(rows[c["id"]][0], t), level_text(rows[c["id"]][1], t),
            signed(rows[c["id"]][2], t) if rows[c["id"]][2] is not None else ""]
           for c in competencies()]
    return [t("col_competency"), earlier_label(state, t), t("now_label"), t("col_change")], out


def team_table(people, t):
    per, _ = team_summary(people)
    head = [t("col_domain"), t("col_competency")] + [level_text(lv, t) for lv in LEVELS] + \
        [t("level_not_relevant"), t("not_rated"), t("col_median"), t("col_range"), t("col_who")]
    rows = []
    for d, comps in by_domain():
        for c in comps:
            s = per[c["id"]]
            who = "; ".join(t("who_at", level=str(lv) if is_number(lv) else t("level_not_relevant_short"),
                              names=", ".join(s["by_level"][lv]))
                            for lv in (4, 3, 2, 1, NOT_RELEVANT) if s["by_level"][lv])
            rows.append([name_of(d, t), name_of(c, t)] + [str(s["counts"][lv]) for lv in (*LEVELS, NOT_RELEVANT, None)]
                        + [number(s["median"], t) if s["median"] is not None else "", spread_text(s, t), who])
    return t("team_table_heading"), head, rows


def team_domain_table(people, t):
    _, per_domain = team_summary(people)
    head = [t("col_domain"), t("col_people_rated"), t("col_median_average"), t("col_range")]
    rows = []
    for d, _ in by_domain():
        s = per_domain[d["id"]]
        rows.append([name_of(d, t), str(s["people"]), number(s["median"], t) if s["median"] is not None else "",
                     spread_text(s, t)])
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
    return [(t(k), state[k]) for k in ("name", "role", "date") if state[k].strip()] + \
        [(t("mode"), t("mode_" + (state["mode"] or "quick")))]


def to_csv(state, t):
    about = [(None, [label, value], []) for label, value in _about(state, t)]
    reflections = [(None, [t(f"reflection_{k}"), state["reflection"][k]], [])
                   for k in ("strengths", "practice") if state["reflection"][k].strip()]
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
    out = [f"# {exports.md_text(t('team_title'))}", "", exports.md_text(t("team_intro", count=len(people))), "",
           f"*{exports.md_text(t('not_a_measure_short'))}*", "",
           f"## {exports.md_text(title)}", "", exports.md_table(head, rows), "",
           f"## {exports.md_text(dtitle)}", "", exports.md_table(dhead, drows), ""]
    return "\n".join(out)


def team_to_csv(people, t):
    return exports.csv_text([team_table(people, t), team_domain_table(people, t)])


def _team_export(kind):
    def make(state, t):
        people = team_people(state, t)
        if kind == "markdown":
            return {"filename": f"{t('team_file_stem')}.md", "mime": "text/markdown",
                    "text": team_to_markdown(people, t)}
        return {"filename": f"{t('team_file_stem')}.csv", "mime": "text/csv", "text": team_to_csv(people, t)}
    return make


# Further exports, asked for by buttons with data-action="export-<name>" (worksheets.export).
EXPORTS = {"team-markdown": _team_export("markdown"), "team-csv": _team_export("csv")}


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
    people = team_people(state, t)
    if people:
        parts += [el("h3", t("team_title")), el("p", t("team_intro", count=len(people))),
                  heatmap_svg(people, t, uid="cs-report-heat")]
        for title, head, rows in (team_table(people, t), team_domain_table(people, t)):
            parts += [el("h4", title), _html_table(head, rows, title)]
    parts.append(el("p", t("not_a_measure_short"), " ", t("report_generated"), class_="ws-report-foot"))
    return join(*parts)


def render_blank(t):
    """The blank form for printing: tick boxes for each competency and key activity, the principles,
    three development plans and the reflections."""
    box = el("td", "☐", class_="cs-box")
    scale_head = [el("th", level_text(lv, t), scope="col", class_="cs-box-head") for lv in LEVELS] + \
        [el("th", t("level_not_relevant"), scope="col", class_="cs-box-head")]
    parts = [el("h2", t("blank_heading")),
             el("p", t("not_a_measure_short")),
             el("dl", Raw("".join(el("div", el("dt", t(k)), el("dd", "")) for k in ("name", "role", "date"))),
                class_="cs-blank-about"),
             scale_legend(t, id_=None)]
    for d, comps in by_domain():
        rows = "".join(el("tr", el("th", name_of(c, t), scope="row"), *[box] * 5, el("td", "")) for c in comps)
        parts += [el("h3", name_of(d, t)),
                  el("table", el("thead", el("tr", el("th", t("col_competency"), scope="col"), *scale_head,
                                             el("th", t("notes"), scope="col"))),
                     el("tbody", Raw(rows)), class_="ws-report-table ws-blank-table cs-blank-table")]
    parts.append(el("h3", t("blank_activities_heading")))
    short_head = [el("th", str(lv), scope="col", class_="cs-box-head") for lv in LEVELS] + \
        [el("th", t("level_not_relevant_short"), scope="col", class_="cs-box-head")]
    for c in competencies():
        rows = "".join(el("tr", el("th", a[t.lang], scope="row"), *[box] * 5) for a in c["activities"])
        parts.append(el("table", el("caption", name_of(c, t)),
                        el("thead", el("tr", el("th", t("col_activity"), scope="col"), *short_head)),
                        el("tbody", Raw(rows)), class_="ws-report-table ws-blank-table cs-blank-table cs-blank-acts"))
    stance_head = [el("th", t("stance_" + s), scope="col", class_="cs-box-head") for s in STANCES]
    rows = "".join(el("tr", el("th", name_of(p, t), scope="row"), *[box] * 3, el("td", "")) for p in principles())
    parts += [el("h3", t("principles_heading")),
              el("table", el("thead", el("tr", el("th", t("col_principle"), scope="col"), *stance_head,
                                         el("th", t("notes"), scope="col"))),
                 el("tbody", Raw(rows)), class_="ws-report-table ws-blank-table cs-blank-table")]
    head, _ = plan_rows({"plan": []}, {}, t)
    rows = "".join(el("tr", *[el("td", "") for _ in head]) for _ in range(3))
    parts += [el("h3", t("plan_heading")),
              el("table", el("thead", el("tr", *[el("th", h, scope="col") for h in head])),
                 el("tbody", Raw(rows)), class_="ws-report-table ws-blank-table cs-blank-plan")]
    for k in ("strengths", "practice"):
        parts += [el("h3", t("reflection_" + k)), el("div", "", class_="cs-blank-lines")]
    return join(*parts)


# ---------------------------------------------------------------- the form (built into the page)

def rating_options(t, unset_key="not_rated"):
    opts = [el("option", t(unset_key), value="")]
    opts += [el("option", level_text(lv, t), value=str(lv)) for lv in LEVELS]
    opts.append(el("option", t("level_not_relevant"), value=NOT_RELEVANT))
    return Raw("".join(opts))


def scale_legend(t, id_="cs-scale"):
    items = "".join(el("div", el("dt", level_text(lv, t)), el("dd", t(f"level_{lv}_help"))) for lv in LEVELS)
    items += el("div", el("dt", t("level_not_relevant")), el("dd", t("level_not_relevant_help")))
    return el("dl", Raw(items), class_="cs-scale", id=id_)


def _text_field(fid, path, label, multiline=True, help_text=None, rows="2", kind="text"):
    help_id = f"{fid}-help" if help_text else None
    if multiline:
        control = el("textarea", id=fid, data_field=path, rows=rows, aria_describedby=help_id)
    else:
        control = void("input", type=kind, id=fid, data_field=path, aria_describedby=help_id,
                       autocomplete="off" if kind == "text" else None)
    return el("div", el("label", label, for_=fid), control,
              el("p", help_text, id=help_id, class_="ws-help") if help_text else None, class_="ws-field")


def _competency_block(c, t):
    cid = c["id"]
    base = f"cs-{cid}"
    name = name_of(c, t)
    acts = "".join(
        el("div",
           el("label", a[t.lang], for_=f"{base}-a{i + 1}"),
           el("select", rating_options(t), id=f"{base}-a{i + 1}", data_field=f"competencies.{cid}.activities.{a['id']}"),
           class_="cs-activity")
        for i, a in enumerate(c["activities"]))
    return el(
        "div",
        el("h4", el("a", name, href=competency_href(c)), id=f"{base}-name"),
        el("p", summary_of(c, t), class_="ws-help cs-summary", id=f"{base}-summary"),
        el("div",
           el("label", t("your_level"), el("span", f": {name}", class_="cs-vh"), for_=f"{base}-level"),
           el("select", rating_options(t), id=f"{base}-level", data_field=f"competencies.{cid}.level",
              aria_describedby=f"{base}-summary"),
           class_="ws-field cs-overall"),
        el("fieldset", el("legend", t("activities_legend", competency=name)), Raw(acts), class_="cs-activities"),
        el("div", "", data_region=f"level-{cid}", class_="cs-level-note"),
        _text_field(f"{base}-notes", f"competencies.{cid}.notes", t("competency_notes"), rows="1"),
        class_="cs-competency", id=f"cs-competency-{cid}")


def _principle_block(p, t):
    pid = p["id"]
    base = f"cs-principle-{pid}"
    stance = [el("option", t("stance_unset"), value="")] + [el("option", t("stance_" + s), value=s) for s in STANCES]
    return el(
        "fieldset",
        el("legend", name_of(p, t)),
        el("p", summary_of(p, t), " ", el("a", t("read_more", name=name_of(p, t)), href=principle_href(p)),
           class_="ws-help", id=f"{base}-summary"),
        el("div",
           el("div", el("label", t("stance"), el("span", f": {name_of(p, t)}", class_="cs-vh"), for_=f"{base}-stance"),
              el("select", Raw("".join(stance)), id=f"{base}-stance", data_field=f"principles.{pid}.stance",
                 aria_describedby=f"{base}-summary"), class_="ws-field"),
           _text_field(f"{base}-notes", f"principles.{pid}.notes", t("principle_notes"), rows="2"),
           class_="cs-principle-grid"),
        class_="cs-principle", id=base)


def _competency_select(fid, t):
    groups = "".join(el("optgroup", Raw("".join(el("option", name_of(c, t), value=c["id"]) for c in comps)),
                        label=name_of(d, t)) for d, comps in by_domain())
    return el("select", Raw(el("option", t("choose_competency"), value="") + groups), id=fid,
              data_field="competency")


def _plan_row(t):
    p = "cs-plan-__i__"
    return el(
        "li",
        el("fieldset",
           el("legend", t("plan_n", n="__n__"), data_out="legend"),
           el("div", el("label", t("plan_competency"), for_=f"{p}-competency"), _competency_select(f"{p}-competency", t),
              el("p", "", data_out="current", class_="ws-note"), class_="ws-field"),
           el("div",
              _text_field(f"{p}-resources", "resources", t("resources"), help_text=t("resources_help")),
              _text_field(f"{p}-learn-from", "learn_from", t("learn_from"), help_text=t("learn_from_help")),
              _text_field(f"{p}-next-steps", "next_steps", t("next_steps"), help_text=t("next_steps_help")),
              _text_field(f"{p}-date", "date", t("by_when"), multiline=False, kind="date"),
              class_="ws-row-grid"),
           row_actions(t)),
        data_item="", class_="ws-item")


def _team_row(t):
    p = "cs-team-__i__"
    hidden = [void("input", type="hidden", data_field="source")]
    hidden += [void("input", type="hidden", data_field=f"levels.{cid}") for cid in competency_ids()]
    return el(
        "li",
        el("fieldset",
           el("legend", t("person_n", n="__n__"), data_out="legend"),
           el("div",
              el("div", el("label", t("team_label"), for_=f"{p}-label"),
                 void("input", type="text", id=f"{p}-label", data_field="label", autocomplete="off",
                      aria_describedby=f"{p}-summary"),
                 class_="ws-field"),
              el("p", "", data_out="summary", id=f"{p}-summary", class_="ws-note cs-person-summary"),
              class_="cs-person"),
           Raw("".join(hidden)),
           el("div", el("button", t("remove"), type="button", data_action="remove", class_="ws-danger"),
              class_="ws-row-actions")),
        data_item="", class_="ws-item cs-team-item")


def _file_button(label, into, multiple=False):
    return el("label", label,
              void("input", type="file", accept=".json,application/json", data_action="attach", data_into=into,
                   multiple=multiple, class_="ws-file"),
              class_="md-button ws-import")


def _section(sid, heading, *children):
    return el("section", el("h3", heading, id=f"{sid}-heading"), *children,
              class_="cs-section", id=sid, aria_labelledby=f"{sid}-heading")


def render_form(t):
    plan_row, team_row = _plan_row(t), _team_row(t)
    earlier_hidden = [void("input", type="hidden", data_field=f"earlier.{k}") for k in ("source", "name", "date")]
    earlier_hidden += [void("input", type="hidden", data_field=f"earlier.levels.{cid}") for cid in competency_ids()]
    domains_html = [
        el("fieldset",
           el("legend", name_of(d, t)),
           el("p", summary_of(d, t), class_="ws-help"),
           *[_competency_block(c, t) for c in comps],
           class_="cs-domain", id=f"cs-domain-{d['id']}")
        for d, comps in by_domain()]
    pending = el("p", t("results_pending"))
    return el(
        "form",
        el("p", t("not_a_measure"), class_="cs-not-a-measure"),
        _section("cs-about", t("about_heading"),
                 el("div",
                    _text_field("cs-name", "name", t("name"), multiline=False, help_text=t("name_help")),
                    _text_field("cs-role", "role", t("role"), multiline=False),
                    _text_field("cs-date", "date", t("date"), multiline=False, kind="date"),
                    class_="ws-row-grid")),
        _section("cs-rate", t("rate_heading"),
                 el("p", t("rate_intro")),
                 el("details", el("summary", t("scale_heading")), scale_legend(t), class_="cs-scale-help", open=True),
                 el("div",
                    el("label", t("mode"), for_="cs-mode"),
                    el("select", Raw(el("option", t("mode_quick"), value="quick") +
                                     el("option", t("mode_deeper"), value="deeper")),
                       id="cs-mode", data_field="mode", aria_describedby="cs-mode-help"),
                    el("p", t("mode_help"), id="cs-mode-help", class_="ws-help"),
                    class_="ws-field cs-mode"),
                 *domains_html),
        _section("cs-principles", t("principles_heading"),
                 el("p", t("principles_intro")),
                 *[_principle_block(p, t) for p in principles()]),
        _section("cs-profile", t("profile_heading"),
                 el("div", pending, data_region="profile", class_="ws-figure"),
                 el("h4", t("summary_heading"), id="cs-summary-heading"),
                 el("div", pending, data_region="summary", aria_live="polite"),
                 _text_field("cs-reflection-strengths", "reflection.strengths", t("reflection_strengths"),
                             help_text=t("reflection_strengths_help"))),
        _section("cs-plan", t("plan_heading"),
                 el("p", t("plan_intro")),
                 el("div", pending, data_region="plan-hints"),
                 el("ol", Raw(plan_row.replace("__i__", "n0").replace("__n__", "1")), data_list="plan",
                    class_="ws-list", aria_labelledby="cs-plan-heading"),
                 el("template", plan_row, data_template="plan"),
                 el("button", t("add_plan"), type="button", data_action="add", data_list="plan", class_="md-button"),
                 _text_field("cs-reflection-practice", "reflection.practice", t("reflection_practice"),
                             help_text=t("reflection_practice_help"))),
        _section("cs-compare", t("compare_heading"),
                 el("p", t("compare_help")),
                 el("div",
                    _file_button(t("compare_choose"), "earlier"),
                    el("button", t("compare_remove"), type="button", data_action="clear-part", data_part="earlier",
                       data_done=t("compare_removed"), class_="md-button"),
                    class_="ws-toolbar cs-file-bar"),
                 Raw("".join(earlier_hidden)),
                 el("div", pending, data_region="comparison", class_="ws-figure")),
        _section("cs-team", t("team_heading"),
                 el("p", t("team_help")),
                 el("div",
                    _file_button(t("team_choose"), "team", multiple=True),
                    el("button", t("team_remove"), type="button", data_action="clear-part", data_part="team",
                       data_done=t("team_removed"), class_="md-button"),
                    el("button", t("team_export_markdown"), type="button", data_action="export-team-markdown",
                       class_="md-button"),
                    el("button", t("team_export_csv"), type="button", data_action="export-team-csv",
                       class_="md-button"),
                    class_="ws-toolbar cs-file-bar"),
                 el("ol", data_list="team", data_list_min="0", class_="ws-list cs-team-list",
                    aria_label=t("team_people"), tabindex="-1"),
                 el("template", team_row, data_template="team"),
                 el("div", pending, data_region="team", class_="ws-figure")),
        data_form="", class_="ws-form cs-form", novalidate=True, aria_label=t("title"))


# ---------------------------------------------------------------- worked example (page)

def example_html(example, t):
    """The page's example of the deeper mode's rule, with each result from activity_level."""
    from .examples import list_words
    words = example[t.lang]
    cases = [words["case"].format(ratings=list_words(r, words["and"]), level=activity_level(r))
             for r in example["cases"]]
    return el("p", words["sentence"].format(cases=words["separator"].join(cases)), class_="cs-example")
