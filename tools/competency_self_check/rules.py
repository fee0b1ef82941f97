"""The rules: levels from key activities, strengths and growth areas, domain averages,
comparison with an earlier self-check, the team view, and the files brought in for them."""

import statistics

from .guide import by_domain, competency_ids
from .model import LEVELS, NOT_RELEVANT

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
        out[d["id"]] = {
            "rated": len(numbers),
            "total": len(comps),
            "average": mean(numbers),
            "not_relevant": sum(1 for c in comps if lv.get(c["id"]) == NOT_RELEVANT),
        }
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
    return [((p["label"].strip() or t("person_n", n=i + 1)), p["levels"]) for i, p in enumerate(state["team"])]


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
        per[cid] = {
            "counts": counts,
            "by_level": by_level,
            "median": statistics.median(numbers) if numbers else None,
            "min": min(numbers) if numbers else None,
            "max": max(numbers) if numbers else None,
        }
    per_domain = {}
    for d, comps in by_domain():
        averages = [
            a
            for a in (mean(lv[c["id"]] for c in comps if is_number(lv.get(c["id"]))) for _, lv in people)
            if a is not None
        ]
        per_domain[d["id"]] = {
            "people": len(averages),
            "median": statistics.median(averages) if averages else None,
            "min": min(averages) if averages else None,
            "max": max(averages) if averages else None,
        }
    return per, per_domain


# ---------------------------------------------------------------- files brought in (worksheets.attach)


def attach_earlier(state, files, t):
    """Keep the levels of one earlier self-check to compare with (the rest of that file is not kept)."""
    if len(files) != 1:
        return {"ok": False, "message": t("earlier_one_file")}
    filename, other = files[0]
    earlier = {"source": filename[:300], "name": other["name"], "date": other["date"], "levels": levels(other)}
    return {"ok": True, "state": {**state, "earlier": earlier}, "message": t("earlier_added", filename=filename)}


ATTACH = {"earlier": attach_earlier}
