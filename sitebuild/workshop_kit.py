"""The workshop kit's tables, from the activities page itself.

`<!-- workshop-kit: activities -->` becomes the list of ready-to-run activities with their
times, and `<!-- workshop-kit: half-day -->` / `full-day` a suggested agenda with clock times.
Each activity's name, anchor and time are read from `docs/<lang>/workshop/activities.md`
(its `.handout` headings and their "**Time.** N minutes" line), so the kit never disagrees
with the activities; the agendas' other items are in `sitebuild/data/workshop_kit.json`.
"""

import copy
import json
import re
from datetime import datetime, timedelta
from pathlib import Path

from tools import team, worksheets
from tools import vi_worksheet as vi
from tools.html import Raw, el, esc, void

from . import examples
from .site import DATA as DATA_DIR
from .site import DOCS, LANG_FOLDER, BuildError

DATA = json.loads((DATA_DIR / "workshop_kit.json").read_text(encoding="utf-8"))
MARKER = re.compile(r"<!-- workshop-kit: ([a-z-]+) -->")
ACTIVITY = re.compile(r"^## (.+?) \{#([a-z0-9-]+) \.handout\}\s*$(.*?)(?=^## |\Z)", re.M | re.S)
TIME = re.compile(r"^\*\*(?:Time|Tid)\.\*\* (\d+) minut", re.M)


def activities(lang, docs=DOCS):
    """(name, anchor, minutes) of each activity, in the order of the activities page."""
    text = (docs / LANG_FOLDER[lang] / "workshop" / "activities.md").read_text(encoding="utf-8")
    found = []
    for name, anchor, body in ACTIVITY.findall(text):
        time = TIME.search(body)
        if not time:
            raise BuildError(f"workshop activity {anchor!r} ({lang}) has no time line")
        found.append((name, anchor, int(time.group(1))))
    return found


def _link(name, anchor):
    return el("a", name, href=f"../activities/#{anchor}")


def activities_html(lang):
    words = DATA["strings"][lang]
    rows = [
        el("tr", el("td", _link(name, anchor)), el("td", words["minutes"].format(n=minutes)))
        for name, anchor, minutes in activities(lang)
    ]
    head = el("thead", el("tr", el("th", words["activity"], scope="col"), el("th", words["time"], scope="col")))
    return el("table", head, el("tbody", Raw("".join(rows))), class_="workshop-kit-activities")


def agenda_html(name, lang):
    words = DATA["strings"][lang]
    known = {anchor: (title, minutes) for title, anchor, minutes in activities(lang)}
    agenda = DATA["agendas"][name]
    clock = datetime.strptime(agenda["start"], "%H:%M")
    rows = []
    for item in agenda["items"]:
        if "activity" in item:
            if item["activity"] not in known:
                raise BuildError(f"agenda {name!r} names an unknown activity {item['activity']!r}")
            title, minutes = known[item["activity"]]
            what = el("span", words["activity_prefix"], _link(title, item["activity"]))
        else:
            minutes, what = item["minutes"], item[lang]
        rows.append(
            el(
                "tr",
                el("td", clock.strftime(words["clock"])),
                el("td", what),
                el("td", words["minutes"].format(n=minutes)),
            )
        )
        clock += timedelta(minutes=minutes)
    head = el("thead", el("tr", *[el("th", words[k], scope="col") for k in ("start", "what", "time")]))
    foot = el("p", words["total"].format(end=clock.strftime(words["clock"])), class_="workshop-kit-end")
    return str(el("table", head, el("tbody", Raw("".join(rows))), class_="workshop-kit-agenda")) + str(foot)


def cases_html(lang):
    """The pre-filled cases: each opens in its worksheet from a share link (the data in the
    address's fragment) or downloads as a file to import; written beside the kit page."""
    words = DATA["strings"][lang]
    rows = []
    for worksheet_id in worksheets.MODULES:
        case = examples.case(worksheet_id, lang)
        name = examples.case_filename(worksheet_id, lang)
        href = f"../../worksheets/{worksheet_id}/#{examples.case_fragment(worksheet_id, lang)}"
        rows.append(
            el(
                "tr",
                el("td", el("strong", case["title"]), void("br"), case["about"]),
                el(
                    "td",
                    el("a", words["open_case"], href=href, class_="workshop-kit-case-link", data_case=worksheet_id),
                ),
                el("td", el("a", words["download_case"], " ", el("code", name), href=name, download=name)),
            )
        )
    head = el("thead", el("tr", *[el("th", words[k], scope="col") for k in ("case", "open_case", "case_file")]))
    table = el("table", head, el("tbody", Raw("".join(rows))), class_="workshop-kit-cases")
    # On paper the links and downloads are no use (site.css leaves them out): the printout says
    # where they are, with this page's full address (share-links.js writes it in).
    here = str(el("span", "", class_="workshop-kit-here", data_anchor="cases"))
    where = el("p", Raw(esc(words["cases_print"]).format(address=here)), class_="workshop-kit-print-only")
    return str(table) + str(where)


# ---------------------------------------------------------------- example team files
# Several raters (VI) or groups (stakeholder matrix) made from the worksheet's case by the rules
# in workshop_kit.json "team_examples", collected by tools/team.py itself into a team file, so a
# trainer can show a team view before the workshop. Nothing in them is typed twice.
TEAM_WORKSHEETS = ("vi-worksheet", "stakeholder-matrix")


def _vi_member(data, rule):
    """The case's assessments with some sub-elements moved up or down the continuum."""
    for a in data["assessments"]:
        for path, steps in rule.get("shift", {}).items():
            element, sub = path.split(".")
            level = a[element][sub]["level"]
            if level:
                at = min(max(vi.LEVELS.index(level) + steps, 0), len(vi.LEVELS) - 1)
                a[element][sub]["level"] = vi.LEVELS[at]
    return data


def _sm_member(data, rule):
    """The case's stakeholders as another group saw them: a placement flipped, another level,
    a name written otherwise (which the team view's matching must see through), some left out."""
    rows = data["stakeholders"]
    for flip in rule.get("flip", []):
        field, n = flip.split(":")
        rows[int(n)][field] = {"low": "high", "high": "low"}.get(rows[int(n)][field], "")
    for n, level in rule.get("level", {}).items():
        rows[int(n)]["level"] = level
    for n in rule.get("respell", []):
        rows[int(n)]["name"] = rows[int(n)]["name"].lower() + "."
    data["stakeholders"] = [r for i, r in enumerate(rows) if i not in rule.get("drop", [])]
    return data


MAKE_MEMBER = {"vi-worksheet": _vi_member, "stakeholder-matrix": _sm_member}


def team_example(worksheet_id, lang):
    """The example team file's text, made by the team view's own code from the case."""
    base = examples.case(worksheet_id, lang)["data"]
    items = []
    for rule in DATA["team_examples"][worksheet_id]:
        data = MAKE_MEMBER[worksheet_id](copy.deepcopy(base), rule)
        text = worksheets.export(worksheet_id, "json", data, lang)["text"]
        items.append({"name": f"{rule['label'][lang]}.json", "text": text})
    result = team.collect(worksheet_id, None, items, lang)
    if result["refused"] or result["duplicates"]:
        raise BuildError(f"example team file {worksheet_id}/{lang}: {result['message']} {result['notes']}")
    return team.export(worksheet_id, "json", result["team"], lang)["text"]


def team_example_filename(worksheet_id, lang):
    t = worksheets.strings(worksheets.get(worksheet_id), lang)
    return f"{t('tv_file_stem')}-{DATA['strings'][lang]['team_example_stem']}.json"


def team_examples_html(lang):
    words = DATA["strings"][lang]
    rows = []
    for worksheet_id in TEAM_WORKSHEETS:
        t = worksheets.strings(worksheets.get(worksheet_id), lang)
        count = len(DATA["team_examples"][worksheet_id])
        about = words["team_vi" if worksheet_id == "vi-worksheet" else "team_sm"].format(count=count)
        name = team_example_filename(worksheet_id, lang)
        rows.append(
            el(
                "tr",
                el("td", el("strong", t("title")), void("br"), about),
                el("td", el("a", words["team_open_link"], href=f"../../worksheets/{worksheet_id}/#team-view")),
                el("td", el("a", words["download_case"], " ", el("code", name), href=name, download=name)),
            )
        )
    head = el(
        "thead", el("tr", *[el("th", words[k], scope="col") for k in ("team_worksheet", "team_open", "team_file")])
    )
    return el("table", head, el("tbody", Raw("".join(rows))), class_="workshop-kit-team")


def write_cases(site):
    """Every language's case files and example team files, beside its kit page (the i18n
    plugin builds each language: writing all of them each time is harmless)."""
    for lang, folder in LANG_FOLDER.items():
        target = Path(site.dir) / folder / "workshop" / "kit"
        if target.is_dir():
            for worksheet_id in worksheets.MODULES:
                (target / examples.case_filename(worksheet_id, lang)).write_text(
                    examples.case_document(worksheet_id, lang), encoding="utf-8"
                )
            for worksheet_id in TEAM_WORKSHEETS:
                (target / team_example_filename(worksheet_id, lang)).write_text(
                    team_example(worksheet_id, lang), encoding="utf-8"
                )


def fill_page(html, lang, src_uri):
    """The kit's tables for the page's `<!-- workshop-kit: ... -->` markers."""
    if "<!-- workshop-kit:" not in html:
        return html

    def fill(match):
        if match.group(1) == "activities":
            return activities_html(lang)
        if match.group(1) == "cases":
            return cases_html(lang)
        if match.group(1) == "team-examples":
            return team_examples_html(lang)
        if match.group(1) in DATA["agendas"]:
            return agenda_html(match.group(1), lang)
        raise BuildError(f"{src_uri}: unknown workshop-kit marker {match.group(1)!r}")

    return MARKER.sub(fill, html)
