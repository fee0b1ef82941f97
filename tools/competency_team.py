"""The competency self-check's team file and its view for tools/team.py: each member is one
person's levels. The page's own team view keeps its people in the worksheet's state (LOCAL_ONLY
"team"); this module lets the command line and the team file use the same shared code."""

from functools import cache

from . import competency_self_check as cs
from . import team

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


def label_in_file(state):
    return state["name"].strip()


def people(members, t):
    return [(label, m["levels"]) for label, m in team.labelled(members, t)]


def view(data, t):
    rows = [{"label": label, "levels": levels} for label, levels in people(data, t)]
    return {"regions": {"team": cs.team_html({"team": rows}, t)}}


def to_csv(data, t):
    return cs.team_to_csv(people(data, t), t)


def to_markdown(data, t):
    return cs.team_to_markdown(people(data, t), t)
