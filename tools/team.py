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
from .schema import Items, Record, Text

# The most people (or groups) one team view holds: a large workshop, with room to spare.
LIMIT = 60
LABEL_CHARS = 100
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
                # A team file brings its members as they were, labels and all.
                return [dict(m, source=m["source"] or name[:300]) for m in result["team"]["members"]], None
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
        "message": " ".join(parts),
    }


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
