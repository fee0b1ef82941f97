"""The guide's facts: its principles, domains and competencies (tools/data/guide.json), which the
pages, the competency self-check and the tests share."""

import json
from functools import cache
from pathlib import Path

GUIDE_FILE = Path(__file__).parent / "data" / "guide.json"


class DataError(ValueError):
    pass


@cache
def guide():
    return json.loads(GUIDE_FILE.read_text(encoding="utf-8"))


def competency(competency_id):
    for c in guide()["competencies"]:
        if c["id"] == competency_id:
            return c
    raise DataError(f"unknown competency {competency_id!r}")
