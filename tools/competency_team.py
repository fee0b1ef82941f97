"""The competency self-check's team file and its view for tools/team.py: each member is one
person's levels. The page's team view, the team file and the command line use it alike."""

from functools import cache

from . import competency_self_check as cs
from . import team
from .html import el

WORKSHEET = cs.ID
FORMAT = "isp-competency-self-check-team"
VERSION = 1
STRINGS = cs.STRINGS
FORMAT_LABEL = "tv_format_label"
MAX_FILE_BYTES = team.MAX_FILE_BYTES
LIMIT = cs.TEAM_LIMIT
MEMBER_FIELDS = ("levels",)
COUNTED = ("levels",)
REGION_ORDER = ("team",)


@cache
def _schema():
    levels = cs._schema().fields["team"].record.fields["levels"]
    return team.make_schema({"levels": levels}, limit=LIMIT)


def __getattr__(name):
    if name == "SCHEMA":  # built from guide.json on first use, as the worksheet's is
        return _schema()
    raise AttributeError(name)


def member(state):
    return {"levels": cs.levels(state)}


def from_saved(state):
    """The people an earlier version of the page kept in the self-check's own entry ("team"),
    as members of the team view (team.adopt)."""
    return [
        {
            "label": p["label"][: team.LABEL_CHARS],
            "source": p["source"],
            "hash": team.content_hash({"levels": p["levels"]}),
            "levels": p["levels"],
        }
        for p in state["team"]
    ]


def label_in_file(state):
    return state["name"].strip()


def people(members, t):
    return [(label, m["levels"]) for label, m in team.labelled(members, t)]


def view(data, t):
    rows = [{"label": label, "levels": levels} for label, levels in people(data, t)]
    if not rows:
        return {"regions": {"team": el("p", t("tv_empty"))}}
    # In a box that keeps the grid's text readable on a phone and scrolls sideways (as before).
    return {"regions": {"team": team.figure_box(cs.team_html({"team": rows}, t), t("team_heat_title"), t)}}


def to_csv(data, t):
    return cs.team_to_csv(people(data, t), t)


def to_markdown(data, t):
    return cs.team_to_markdown(people(data, t), t)
