"""Team views: several people's (or groups') results of one worksheet, side by side.

What the three team views share, and the command line (sitebuild/team_summary.py) with them:
- collecting files and share links (collect): each is checked as an import is; a bad one is
  refused with its name and reason while the good ones are taken in; the same result added
  twice is noticed by a hash of its content; past the limit, the rest are refused by name;
- the team file: {"format": "isp-<worksheet>-team", "version": 1, "data": {"members": [...]}},
  checked as strictly as a worksheet's file (worksheets.load_module);
- labels (from the file's name, or the name in the file; the reader can change them), the
  order of the members (by label, so any order of files gives the same view) and name matching.

Each worksheet's team module (KINDS) describes its members and draws its view: MEMBER_FIELDS,
COUNTED (the fields of which one must hold something), member(state) -> the member's data,
OPTIONS (the view's choices), view(team, t, ...), to_csv(team, t), to_markdown(team, t).
"""

import hashlib
import importlib
import json
import re
import unicodedata

from . import schema, share, worksheets
from .html import Raw, el, join, scroll_box
from .schema import Items, Record, Text

# The most people (or groups) one team view holds: a large workshop, with room to spare.
LIMIT = 60
LABEL_CHARS = 100
# The largest team file imported. The schema's bound (every text of every member at its limit)
# reaches 241 MB for the stakeholder matrix, far past what a browser tab should parse; 60 full
# real files stay well under this (worksheets.max_file_bytes takes the smaller).
MAX_FILE_BYTES = 10_000_000
KINDS = {
    "vi-worksheet": "vi_team",
    "stakeholder-matrix": "stakeholder_team",
    "competency-self-check": "competency_team",
}


def get(worksheet_id):
    try:
        name = KINDS[worksheet_id]
    except KeyError:
        raise ValueError(f"no team view for {worksheet_id!r}") from None
    return importlib.import_module(f".{name}", __package__)


def make_schema(member_fields, extra=None, limit=LIMIT):
    """A team file's data: the members (label, source, hash and the worksheet's own fields)."""
    member = Record(
        None,
        {
            "label": Text("tv_label", LABEL_CHARS),
            "source": Text("tv_source", 300),
            "hash": Text("tv_hash", 64),
            **member_fields,
        },
    )
    return Record(None, {"members": Items("tv_members", "tv_member_n", member, limit=limit), **(extra or {})})


def file_limit(worksheet_id):
    """The largest file (a worksheet's or a team file) the team view takes, in bytes."""
    return max(worksheets.max_file_bytes(worksheets.get(worksheet_id)), worksheets.max_file_bytes(get(worksheet_id)))


# ---------------------------------------------------------------- names and labels

_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def normalise(name):
    """The key two names match by: NFKC, case folded, with punctuation and spacing left out
    ("G.P.s", "GPs" and "ＧＰｓ" are one name; so are "Head teachers" and "headteachers").
    Letters and digits of any script stay."""
    text = unicodedata.normalize("NFKC", str(name or "")).casefold()
    return _NOT_LETTER_OR_DIGIT.sub("", text)


def label_from_filename(filename):
    """ "team-a_vi (2).json" -> "team-a_vi (2)": the name without its folder and extension."""
    name = re.split(r"[\\/]", str(filename or ""))[-1]
    name = re.sub(r"\.json$", "", name, flags=re.IGNORECASE).strip()
    return name[:LABEL_CHARS]


def content_hash(data):
    """The same result twice, however the file was written (spacing, key order, language)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def member_label(member, n, t):
    return member["label"].strip() or t("tv_member_n", n=n)


def ordered(members):
    """The members in one order whatever order their files came in: by label, then content."""
    return sorted(members, key=lambda m: (normalise(m["label"]), m["label"], m["hash"]))


def labelled(team, t):
    """[(label, member)] in the view's order; a label given twice gets its number after it."""
    out = [(member_label(m, i, t), m) for i, m in enumerate(ordered(team["members"]), start=1)]
    counts = {}
    for label, _ in out:
        counts[normalise(label)] = counts.get(normalise(label), 0) + 1
    seen, result = {}, []
    for label, m in out:
        key = normalise(label)
        seen[key] = seen.get(key, 0) + 1
        result.append((f"{label} ({seen[key]})" if counts[key] > 1 else label, m))
    return result


# ---------------------------------------------------------------- the team file


def empty(worksheet_id):
    return get(worksheet_id).SCHEMA.empty()


def clean(worksheet_id, data, lang):
    """The browser's kept team data, cleaned (lenient, as a worksheet's saved state is)."""
    kind = get(worksheet_id)
    t = worksheets.strings(kind, lang)
    errors = schema.Problems(False)
    return kind.SCHEMA.clean(data if data is not None else {}, "", t, errors), errors


def load(worksheet_id, text, lang, filename=""):
    """A team file, whole and valid, or the reason it is refused: {"ok", "team"} or
    {"ok": False, "message", "details"?}."""
    result = worksheets.load_module(get(worksheet_id), text, lang, filename=filename)
    if result["ok"]:
        result["team"] = result.pop("state")
    return result


def document(worksheet_id, team):
    kind = get(worksheet_id)
    return {"format": kind.FORMAT, "version": kind.VERSION, "data": team}


def detect(text):
    """(worksheet id, "file" or "team") for the format a JSON text names, or None."""
    if not isinstance(text, str) or worksheets.too_deep(text):
        return None
    try:
        found = json.loads(text).get("format")
    except (ValueError, AttributeError, RecursionError):
        return None
    for worksheet_id in KINDS:
        if found == worksheets.get(worksheet_id).FORMAT:
            return worksheet_id, "file"
        if found == get(worksheet_id).FORMAT:
            return worksheet_id, "team"
    return None


# ---------------------------------------------------------------- collecting


def _read(worksheet_id, item, n, lang, t):
    """([member], None) for one file or link, or (None, refusal)."""
    kind = get(worksheet_id)
    name = str(item.get("name") or "")[:200]
    if "link" in item:
        payload = str(item.get("link") or "")
        # A whole address or just its fragment: the payload follows "#share=".
        payload = payload.strip().rsplit(f"#{share.FRAGMENT_KEY}=", 1)[-1]
        name = name or t("tv_link_n", n=n)
        result = share.open_link(worksheet_id, payload, lang)
        states = [result["state"]] if result["ok"] else None
        label = name
    else:
        text = item.get("text", "")
        found = detect(text)
        if found == (worksheet_id, "team"):
            result = load(worksheet_id, text, lang, filename=name)
            if result["ok"]:
                # A team file brings its members as they were, labels and all (and the reader's
                # corrections of the matching, which collect keeps beside them).
                members = [dict(m, source=m["source"] or name[:300]) for m in result["team"]["members"]]
                extra = {k: v for k, v in result["team"].items() if k != "members"}
                return [dict(m, _extra=extra) if i == 0 else m for i, m in enumerate(members)], None
            states = None
        else:
            result = worksheets.load(worksheet_id, text, lang, filename=name)
            states = [result["state"]] if result["ok"] else None
        label = label_from_filename(name)
    if states is None:
        return None, {
            "name": name,
            "message": t("attach_file_problem", filename=name, message=result["message"]),
            "details": [f"{name}: {d}" for d in result.get("details", [])[:5]],
        }
    members = []
    for state in states:
        data = kind.member(state)
        if not any(_holds_something(data[k]) for k in kind.COUNTED):
            # A blank worksheet would only add an empty column to the view.
            return None, {"name": name, "message": t("tv_nothing", filename=name), "details": []}
        label = (kind.label_in_file(state) if hasattr(kind, "label_in_file") else "") or label
        members.append({"label": label[:LABEL_CHARS], "source": name[:300], "hash": content_hash(data), **data})
    return members, None


def _holds_something(value):
    if isinstance(value, dict):
        return any(_holds_something(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_something(v) for v in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def collect(worksheet_id, team, items, lang):
    """Add files ({"name", "text"}) and share links ({"name"?, "link"}) to a team.

    Returns {"ok": True, "team", "added": [labels], "refused": [{"name", "message", "details"}],
    "duplicates": [{"name", "same_as"}], "message"}: what was taken in, what was not and why.
    Only more items than one choice may hold (worksheets.MAX_ATTACH_FILES) changes nothing."""
    kind = get(worksheet_id)
    t = worksheets.strings(kind, lang)
    if len(items) > worksheets.MAX_ATTACH_FILES:
        return {"ok": False, "message": t("attach_too_many", limit=worksheets.MAX_ATTACH_FILES)}
    team, _ = clean(worksheet_id, team, lang)
    members = list(team["members"])
    by_hash = {m["hash"]: m for m in members}
    added, refused, duplicates = [], [], []
    for n, item in enumerate(items, start=1):
        found, problem = _read(worksheet_id, item, n, lang, t)
        if problem:
            refused.append(problem)
            continue
        for m in found:
            for key, values in m.pop("_extra", {}).items():
                team[key] = team[key] + [v for v in values if v not in team[key]]
            # Recomputed: a team file's hashes are not taken on trust.
            m = {**m, "hash": content_hash({k: m[k] for k in kind.MEMBER_FIELDS})}
            if m["hash"] in by_hash:
                same = by_hash[m["hash"]]
                duplicates.append({"name": m["source"] or m["label"], "same_as": same["label"] or same["source"]})
            elif len(members) >= kind.LIMIT:
                name = m["source"] or m["label"]
                refused.append({"name": name, "message": t("tv_full", name=name, limit=kind.LIMIT), "details": []})
            else:
                members.append(m)
                by_hash[m["hash"]] = m
                added.append(m["label"])
    notes = [line for r in refused for line in (r["message"], *r["details"])]
    notes += [t("tv_duplicate_of", name=d["name"], same_as=d["same_as"]) for d in duplicates]
    parts = [t("tv_added", count=len(added), total=len(members))]
    if refused:
        parts.append(t("tv_refused", count=len(refused)))
    if duplicates:
        parts.append(t("tv_duplicates", count=len(duplicates)))
    return {
        "ok": True,
        "team": {**team, "members": members},
        "added": added,
        "refused": refused,
        "duplicates": duplicates,
        "notes": notes,
        "message": " ".join(parts),
    }


def adopt(worksheet_id, team_data, saved, lang):
    """The people an earlier version of the page kept in the worksheet's own saved entry (the
    self-check kept its team there, kind.from_saved), added to the team view once so nothing
    is lost: {"ok", "team", "added"}. A kind without such a past adds nothing."""
    kind = get(worksheet_id)
    team_data, _ = clean(worksheet_id, team_data, lang)
    if not hasattr(kind, "from_saved") or not isinstance(saved, dict):
        return {"ok": True, "team": team_data, "added": []}
    mod = worksheets.get(worksheet_id)
    state, _ = worksheets.clean(mod, saved, worksheets.strings(mod, lang))
    members = list(team_data["members"])
    known = {m["hash"] for m in members}
    added = []
    for m in kind.from_saved(state):
        if m["hash"] not in known and len(members) < kind.LIMIT:
            members.append(m)
            known.add(m["hash"])
            added.append(m["label"])
    return {"ok": True, "team": {**team_data, "members": members}, "added": added}


# ---------------------------------------------------------------- view and exports


def _options(kind, options):
    """The view's choices the team module knows (e.g. which VI assessment); others are ignored."""
    known = getattr(kind, "OPTIONS", ())
    return {k: v for k, v in options.items() if k in known} if isinstance(options, dict) else {}


def view(worksheet_id, team, lang, options=None):
    kind = get(worksheet_id)
    t = worksheets.strings(kind, lang)
    team, errors = clean(worksheet_id, team, lang)
    result = kind.view(team, t, **_options(kind, options))
    result["members"] = [{"label": label, "source": m["source"], "hash": m["hash"]} for label, m in labelled(team, t)]
    result["errors"] = errors
    result["limit"] = kind.LIMIT
    return result


def export(worksheet_id, fmt, team, lang, options=None):
    kind = get(worksheet_id)
    t = worksheets.strings(kind, lang)
    team, _ = clean(worksheet_id, team, lang)
    stem = t("tv_file_stem")
    if fmt == "json":
        text = json.dumps(document(worksheet_id, team), ensure_ascii=False, indent=2) + "\n"
        return {"filename": f"{stem}.json", "mime": "application/json", "text": text}
    if fmt == "csv":
        return {"filename": f"{stem}.csv", "mime": "text/csv", "text": kind.to_csv(team, t, **_options(kind, options))}
    if fmt == "markdown":
        return {
            "filename": f"{stem}.md",
            "mime": "text/markdown",
            "text": kind.to_markdown(team, t, **_options(kind, options)),
        }
    raise ValueError(f"unknown export format {fmt!r}")


# ---------------------------------------------------------------- the page's team view


def render_region(worksheet_id, lang, labelledby="team-view"):
    """The team view's controls on the worksheet's page (the build puts it where the page has
    <!-- worksheet-team -->): adding files and links, where the results are kept, the limits,
    exports, print and clear. worksheet/team.js fills its regions with what view() returns."""
    kind = get(worksheet_id)
    t = worksheets.strings(kind, lang)
    p = f"tv-{worksheet_id}"
    size = worksheets.number(round(file_limit(worksheet_id) / 1e6, 1), lang)
    pending = el("p", t("results_pending"))
    buttons = [
        el(
            "button",
            t(f"tv_export_{fmt}"),
            type="button",
            data_action="team-export",
            data_format=fmt,
            class_="md-button",
        )
        for fmt in ("json", "csv", "markdown")
    ]
    buttons.append(el("button", t("tv_print"), type="button", data_action="team-print", class_="md-button"))
    buttons.append(el("button", t("tv_clear"), type="button", data_action="team-clear", class_="md-button ws-danger"))
    return el(
        "section",
        el("p", t("tv_kept"), class_="tv-kept"),
        el(
            "div",
            el(
                "label",
                t("tv_choose"),
                el(
                    "input",
                    type="file",
                    multiple=True,
                    accept=".json,application/json",
                    data_team_files="",
                    class_="ws-file",
                ),
                class_="md-button ws-import",
            ),
            el("p", t("tv_drop"), class_="tv-drop"),
            el("label", t("tv_links_help"), for_=f"{p}-links"),
            el("textarea", id=f"{p}-links", rows="3", spellcheck="false", data_team_links="", class_="tv-links"),
            el("button", t("tv_add_links"), type="button", data_action="team-links", class_="md-button"),
            class_="tv-add",
        ),
        el("p", t("tv_limits", limit=kind.LIMIT, size=size), class_="tv-limits"),
        el("div", data_team_message="", class_="tv-message", role="status"),
        el("div", pending, data_team_region="members", class_="tv-members"),
        el("div", *buttons, role="toolbar", aria_label=t("tv_toolbar"), class_="ws-toolbar tv-toolbar"),
        el("div", pending, data_team_region="results", class_="tv-results"),
        class_="tv",
        data_team=worksheet_id,
        data_team_key=f"isp:{worksheet_id}:team",
        data_max_import_bytes=str(file_limit(worksheet_id)),
        aria_labelledby=labelledby,
    )


def table_box(table_html, title, t):
    """A wide table of a team view: in a box that scrolls sideways on a phone, which says so."""
    return join(el("p", t("scroll_cue_table"), class_="ws-scroll-cue"), scroll_box(table_html, title))


def figure_box(svg, title, t):
    """A team view's picture: its text stays 12 px or more on a phone, the box scrolls sideways."""
    return join(
        el("p", t("scroll_cue"), class_="ws-scroll-cue"),
        el("div", svg, class_="ws-figure", tabindex="0", role="group", aria_label=title),
    )


def members_html(data, t, kind):
    """Who is in the view, each with a label the reader can change and a remove button."""
    members = labelled(data, t)
    items = []
    for label, m in members:
        field = f"tv-label-{m['hash']}"
        source = m["source"] or label
        items.append(
            el(
                "li",
                el("label", t("tv_label_for", source=source), for_=field),
                el(
                    "input",
                    type="text",
                    id=field,
                    value=m["label"],
                    maxlength=str(LABEL_CHARS),
                    data_team_label=m["hash"],
                ),
                el(
                    "button",
                    t("remove"),
                    type="button",
                    data_action="team-remove",
                    data_hash=m["hash"],
                    aria_label=t("tv_remove_member", label=label),
                    class_="md-button ws-danger",
                ),
            )
        )
    body = el("ol", Raw("".join(items)), class_="tv-people") if items else el("p", t("tv_empty"))
    return el("fieldset", el("legend", t("tv_people_legend", count=len(members), limit=kind.LIMIT)), body)


def page_view(worksheet_id, team_data, lang, options=None):
    """view() with the page's two regions: the members and the results (in the kind's order)."""
    kind = get(worksheet_id)
    t = worksheets.strings(kind, lang)
    result = view(worksheet_id, team_data, lang, options)
    cleaned, _ = clean(worksheet_id, team_data, lang)
    regions = result["regions"]
    parts = [el("h3", t("tv_results"), id=f"tv-results-{worksheet_id}")]
    parts += [regions[name] for name in getattr(kind, "REGION_ORDER", regions) if name in regions]
    result["html"] = {"members": members_html(cleaned, t, kind), "results": join(*parts)}
    return result
