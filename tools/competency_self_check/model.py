"""The self-check's saved data: the scale, the fields and their checks (SCHEMA)."""

import datetime
import re
from functools import cache

from ..schema import Choice, Items, Record, Text
from .guide import competencies, competency_by_id, competency_ids, name_of, principles

LEVELS = (1, 2, 3, 4)
NOT_RELEVANT = "not-relevant"
MODES = ("quick", "deeper")
STANCES = ("resonates", "hard", "both")
PLAN_LIMIT = 15
TEAM_LIMIT = 200


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
        # The form's selects give strings; a file written by this site has the number.
        if isinstance(value, str) and value in ("1", "2", "3", "4") and not getattr(errors, "strict", False):
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

    key_placeholder = "<id>"

    def __init__(self, label_key, fields, name):
        super().__init__(label_key, fields)
        self.name = name  # name(key, t) -> the key's name for messages

    def unknown_key(self, key, label, t):
        return t("field_unknown_id", field=label, id=str(key)[:60])

    def key_label(self, name, field, label, t):
        return f"{label} › {self.name(name, t)}"


def _competency_name(cid, t):
    return name_of(competency_by_id(cid), t)


def _levels_group(label_key):
    return ById(label_key, {cid: Rating("level") for cid in competency_ids()}, _competency_name)


@cache
def _schema():
    def competency_record(c):
        numbers = {a["id"]: i + 1 for i, a in enumerate(c["activities"])}
        activities = ById(
            "activities",
            {a["id"]: Rating("level") for a in c["activities"]},
            lambda aid, t, numbers=numbers: t("activity_n", n=numbers[aid]),
        )
        return Record(None, {"level": Rating("level"), "activities": activities, "notes": Text("notes")})

    names = {p["id"]: p for p in principles()}
    return Record(
        None,
        {
            "name": Text("name", 200),
            "role": Text("role", 500),
            "date": Date("date"),
            "mode": Choice("mode", MODES),
            "competencies": ById(
                "competencies", {c["id"]: competency_record(c) for c in competencies()}, _competency_name
            ),
            "principles": ById(
                "principles_label",
                {p: Record(None, {"stance": Choice("stance", STANCES), "notes": Text("notes")}) for p in names},
                lambda pid, t: name_of(names[pid], t),
            ),
            "reflection": Record(
                "reflection", {"strengths": Text("reflection_strengths"), "practice": Text("reflection_practice")}
            ),
            "plan": Items(
                "plan",
                "plan_n",
                Record(
                    None,
                    {
                        "competency": Choice("plan_competency", competency_ids()),
                        "resources": Text("resources"),
                        "learn_from": Text("learn_from"),
                        "next_steps": Text("next_steps"),
                        "date": Date("by_when"),
                    },
                ),
                limit=PLAN_LIMIT,
            ),
            "earlier": Record(
                "earlier",
                {
                    "source": Text("earlier_source", 300),
                    "name": Text("name", 200),
                    "date": Date("date"),
                    "levels": _levels_group("levels"),
                },
            ),
            "team": Items(
                "team",
                "person_n",
                Record(
                    None,
                    {
                        "label": Text("team_label", 100),
                        "source": Text("earlier_source", 300),
                        "levels": _levels_group("levels"),
                    },
                ),
                limit=TEAM_LIMIT,
            ),
        },
    )


def __getattr__(name):
    # SCHEMA is built from guide.json on first use, not when tools/ is imported.
    if name == "SCHEMA":
        return _schema()
    raise AttributeError(name)
