"""Competency self-check: rate yourself on the guide's fifteen competencies, reflect on its six
principles, see your profile, plan your development, compare with an earlier self-check and pool
several people's self-checks in a team view.

After the reflective questions 5 to 8 of Metz, Burke, Albers, Louison & Bartley (2021), A Practice
Guide to Supporting Implementation. The principles, domains, competencies and key activities come
from tools/data/guide.json through tools/guide.py; this package holds the rules and what shows them.

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

The package: guide (facts), model (saved data), rules, words, pictures, views (what the page
shows), reports (exports and print), form (the page's HTML)."""

from .form import *  # noqa: F403
from .guide import *  # noqa: F403
from .model import *  # noqa: F403
from .model import _schema
from .pictures import *  # noqa: F403
from .reports import *  # noqa: F403
from .reports import EXPORTS  # noqa: F401
from .rules import *  # noqa: F403
from .rules import ATTACH  # noqa: F401
from .views import *  # noqa: F403
from .words import *  # noqa: F403

ID = "competency-self-check"
FORMAT = "isp-competency-self-check"
VERSION = 1
STRINGS = "competency_self_check"
ITEM_LISTS = {"plan": "plan_n"}
# Kept in this browser only, never written into files: the team an earlier version of the page
# kept inside the self-check's own entry. The team view (tools/team.py, competency_team) takes
# it over once (team.adopt) and keeps its people under a key of its own, as the other views do.
LOCAL_ONLY = ("team",)
# A second blank form to print: with the key activities (the deeper mode's ratings).
TOOLBAR_EXTRA = (("print_blank_deeper", "print-blank-deeper"),)


def __getattr__(name):
    # SCHEMA is built from guide.json on first use, not when tools/ is imported.
    if name == "SCHEMA":
        return _schema()
    raise AttributeError(name)
