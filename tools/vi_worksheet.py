"""VI = f(E, K, F) worksheet: successful implementation as a function of Evidence, Context and
Facilitation (the PARIHS framework).

After Kitson, Harvey & McCormack (1998), refined by Rycroft-Malone et al. (2002, 2004) and
Kitson et al. (2008): each sub-element is judged on a continuum from low to high against
described ends, never added up into a score. Evidence and context are diagnosed first; the
facilitation that fits follows from that diagnosis.

The saved data holds several named assessments (one per implementation or point in time),
which one is open, and which two are compared.
"""

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlsplit

from . import exports
from .html import Raw, back_to_form, el, esc, figure, join, scroll_box, to_results, tspans, void, wrap
from .schema import Choice, Items, Record, Text

ID = "vi-worksheet"
FORMAT = "isp-vi-worksheet"
VERSION = 1
STRINGS = "vi_worksheet"

# ---------------------------------------------------------------- the element model

LEVELS = ("low", "low-mid", "mid", "mid-high", "high")
WEAK_LEVELS = ("low", "low-mid")
STRONG_LEVELS = ("mid-high", "high")

ELEMENTS = {
    "evidence": ("research", "professional-experience", "client-experience", "local-data"),
    "context": ("culture", "leadership", "evaluation"),
    "facilitation": ("purpose", "role", "skills-and-attributes"),
}
SUB_ELEMENTS = tuple((e, s) for e, subs in ELEMENTS.items() for s in subs)

APPROACHES = ("task", "blend", "enabling")

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def _rating(sub):
    return Record(
        f"sub_{sub}",
        {
            "level": Choice("level", LEVELS),
            "signs": Text("signs"),
            "notes": Text("notes"),
        },
    )


ASSESSMENT = Record(
    "assessments",
    {
        "id": Text("id", 40),
        "name": Text("name", 200),
        "what": Text("what"),
        "where": Text("where", 500),
        "when": Text("when", 200),
        "who": Text("who", 500),
        **{e: Record(f"el_{e}", {s: _rating(s) for s in subs}) for e, subs in ELEMENTS.items()},
        "actions": Text("actions", 4000),
    },
)


class Document(Record):
    """The whole saved document; also checks that ids are sound and references resolve."""

    def clean(self, value, label, t, errors):
        out = super().clean(value, label, t, errors)
        ids = []
        for n, item in enumerate(out["assessments"], start=1):
            which = t("assessment_n", n=n)
            if not ID_PATTERN.match(item["id"]):
                errors.append(t("vi_bad_id", item=which))
            elif item["id"] in ids:
                errors.append(t("vi_duplicate_id", item=which, id=item["id"]))
            ids.append(item["id"])
        for field, ref in (
            (t("open_label"), out["open"]),
            (t("compare_first"), out["compare"]["first"]),
            (t("compare_second"), out["compare"]["second"]),
        ):
            if ref and ref not in ids:
                errors.append(t("vi_unknown_ref", field=field, id=ref[:40]))
        return out


SCHEMA = Document(
    None,
    {
        "open": Text("open_label", 40),
        "compare": Record(
            "compare_heading", {"first": Text("compare_first", 40), "second": Text("compare_second", 40)}
        ),
        "assessments": Items("assessments", "assessment_n", ASSESSMENT, limit=50),
    },
)
ITEM_LISTS = {"assessments": "assessment_n"}
# The results' headings: linked from the form and listed in the page's table of contents.
RESULT_HEADINGS = ("vi-picture-heading", "vi-diagnosis-heading", "vi-pointers-heading", "vi-comparison-heading")

# ---------------------------------------------------------------- pointers (tools/data/vi_pointers.json)

POINTERS_FILE = Path(__file__).parent / "data" / "vi_pointers.json"


@cache
def pointer_data():
    return json.loads(POINTERS_FILE.read_text(encoding="utf-8"))


def pointers_for(element, sub):
    """The pointers for one sub-element: [{target, kind, page, anchor, en, no, why: {en, no}}]."""
    data = pointer_data()
    out = []
    for p in data["pointers"].get(f"{element}.{sub}", []):
        target = data["targets"][p["target"]]
        out.append({**target, "target": p["target"], "why": {"en": p["en"], "no": p["no"]}})
    return out


def page_path(target):
    """guide/sustaining-change.md -> guide/sustaining-change/#anchor (the built site's address)."""
    return target["page"][: -len(".md")] + "/#" + target["anchor"]


def page_href(target):
    """The link from the worksheet page (worksheets/vi-worksheet/) in either language."""
    return "../../" + page_path(target)


def site_root(site):
    """The site's root address as the browser sent it, if it is a plain http(s) address."""
    try:
        parts = urlsplit(site or "")
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return site if site.endswith("/") else site + "/"


def absolute_url(target, t):
    root = site_root(getattr(t, "site", ""))
    if not root:
        return ""
    prefix = "no/" if t.lang == "no" else ""
    return quote(root + prefix + page_path(target), safe=":/#%?=&~.-_+!,;@")


# ---------------------------------------------------------------- diagnosis rules


def element_status(levels):
    """Weak, mixed or strong for one element, from its sub-elements' levels ("" = not rated).

    - not rated: no sub-element rated;
    - strong: every rated sub-element is fairly high or high;
    - weak: more than half of the rated sub-elements are low or fairly low;
    - mixed: anything else.
    """
    rated = [lv for lv in levels if lv]
    if not rated:
        return "unrated"
    if all(lv in STRONG_LEVELS for lv in rated):
        return "strong"
    if 2 * sum(lv in WEAK_LEVELS for lv in rated) > len(rated):
        return "weak"
    return "mixed"


def facilitation_approach(evidence, context):
    """The facilitation that fits a diagnosis of evidence and context (after Kitson et al. 2008).

    None while either is not rated; task-focused help when both are strong; holistic,
    enabling facilitation when either is weak; a blend of the two otherwise.
    """
    if "unrated" in (evidence, context):
        return None
    if evidence == context == "strong":
        return "task"
    if "weak" in (evidence, context):
        return "enabling"
    return "blend"


def facilitation_fit(approach, facilitation):
    """How the facilitation the team describes compares with the approach that fits.

    None without an approach; "unrated" while facilitation is not rated; "lighter" when it
    sits nearer the task-focused end than the approach calls for; "more" when it goes further
    towards enabling than needed; "fits" otherwise.
    """
    if approach is None:
        return None
    if facilitation == "unrated":
        return "unrated"
    needed = APPROACHES.index(approach)
    has = ("weak", "mixed", "strong").index(facilitation)
    if has < needed:
        return "lighter"
    if has > needed:
        return "more"
    return "fits"


def level(assessment, element, sub):
    return assessment[element][sub]["level"]


def diagnose(assessment):
    elements = {}
    for e, subs in ELEMENTS.items():
        levels = [level(assessment, e, s) for s in subs]
        elements[e] = {"status": element_status(levels), "rated": sum(1 for lv in levels if lv), "total": len(subs)}
    approach = facilitation_approach(elements["evidence"]["status"], elements["context"]["status"])
    return {
        "elements": elements,
        "approach": approach,
        "fit": facilitation_fit(approach, elements["facilitation"]["status"]),
        "weak_spots": [(e, s) for e, s in SUB_ELEMENTS if level(assessment, e, s) in WEAK_LEVELS],
    }


def changes(first, second):
    """Sub-element by sub-element: (element, sub, level in first, level in second, change)."""
    out = []
    for e, s in SUB_ELEMENTS:
        a, b = level(first, e, s), level(second, e, s)
        if not a or not b:
            change = "none"
        else:
            diff = LEVELS.index(b) - LEVELS.index(a)
            change = "up" if diff > 0 else "down" if diff < 0 else "same"
        out.append((e, s, a, b, change))
    return out


# ---------------------------------------------------------------- the saved data


def empty_assessment(id_=""):
    item = ASSESSMENT.empty()
    item["id"] = id_
    return item


def open_index(state):
    ids = [a["id"] for a in state["assessments"]]
    return ids.index(state["open"]) if state["open"] in ids else 0


def current(state):
    """The open assessment (an empty one if there is none)."""
    items = state["assessments"]
    return items[open_index(state)] if items else empty_assessment()


def display_name(assessment, n, t):
    return assessment["name"].strip() or t("assessment_n", n=n)


def compared(state):
    """The two assessments chosen for comparison, with their numbers, or None."""
    refs = state["compare"]["first"], state["compare"]["second"]
    found = {a["id"]: (n, a) for n, a in enumerate(state["assessments"], start=1)}
    if not all(r in found for r in refs) or refs[0] == refs[1]:
        return None
    return found[refs[0]], found[refs[1]]


def is_filled(assessment):
    """An assessment with anything in it besides its id."""
    return assessment != empty_assessment(assessment["id"])


def summary(state, t):
    """What a share link holds, in a few lines (shown before the reader chooses to load it)."""
    items = [(n, a) for n, a in enumerate(state["assessments"], start=1) if is_filled(a)]
    if not items:
        return [t("link_summary_none")]
    lines = [t("link_summary_assessments", n=len(items))]
    for n, a in items[:6]:
        rated = sum(1 for e, s in SUB_ELEMENTS if level(a, e, s))
        what = _clip(" ".join(a["what"].split()), 120)
        lines.append(
            t("link_summary_assessment", name=_clip(display_name(a, n, t), 80), rated=rated, total=len(SUB_ELEMENTS))
            + (f" {what}" if what else "")
        )
    if len(items) > 6:
        lines.append(t("link_summary_more", n=len(items) - 6))
    return lines


def add_records(state, incoming, t):
    """state with incoming's assessments added after its own as new ones (fresh ids where they
    clash), the first of them open: (state, [names]) or (None, message) when they do not fit.
    A worksheet holding only one blank assessment gets the new ones in its place."""
    kept = [a for a in state["assessments"] if is_filled(a)]
    new = [a for a in incoming["assessments"] if is_filled(a)]
    limit = SCHEMA.fields["assessments"].limit
    if len(kept) + len(new) > limit:
        return None, t("link_add_too_many", have=len(kept), adding=len(new), limit=limit)
    used = {a["id"] for a in kept}
    added = []
    for a in new:
        aid, n = a["id"], len(used) + 1
        while aid in used:
            aid, n = f"a{n}", n + 1
        used.add(aid)
        added.append({**a, "id": aid})
    ids = {a["id"] for a in kept}
    compare = (
        state["compare"] if all(r in ids or not r for r in state["compare"].values()) else {"first": "", "second": ""}
    )
    out = {
        **state,
        "assessments": kept + added,
        "compare": dict(compare),
        "open": added[0]["id"] if added else state["open"],
    }
    return out, [display_name(a, len(kept) + i, t) for i, a in enumerate(added, start=1)]


# ---------------------------------------------------------------- words


def element_name(e, t):
    return t(f"el_{e}")


def sub_name(s, t):
    return t(f"sub_{s}")


def level_name(lv, t):
    return t(f"lvl_{lv}") if lv else t("not_rated")


def status_text(e, info, t):
    text = t(f"status_{info['status']}")
    if e == "facilitation" and info["status"] in ("weak", "strong"):
        text = t("status_with_hint", status=text, hint=t(f"f_hint_{info['status']}"))
    if 0 < info["rated"] < info["total"]:
        text = t("status_partial", status=text, rated=info["rated"], total=info["total"])
    return text


def step_one_text(d, t):
    ev, ctx = d["elements"]["evidence"]["status"], d["elements"]["context"]["status"]
    if "unrated" in (ev, ctx):
        return t("ek_unrated")
    if ev == ctx == "strong":
        return t("ek_strong")
    if ev == ctx == "weak":
        return t("ek_weak")
    if "weak" in (ev, ctx):
        return t("ek_one_weak", element=element_name("evidence" if ev == "weak" else "context", t))
    return t("ek_mixed")


def diagnosis_lines(d, t):
    """The diagnosis as (label, text) pairs: each element, then the two steps and the fit."""
    lines = [(element_name(e, t), status_text(e, d["elements"][e], t)) for e in ELEMENTS]
    lines.append((t("step_one"), step_one_text(d, t)))
    lines.append((t("step_two"), t(f"approach_{d['approach']}") if d["approach"] else t("approach_none")))
    if d["fit"]:
        lines.append((t("fit_label"), t(f"fit_{d['fit']}")))
    return lines


# ---------------------------------------------------------------- results


def view(state, t):
    a = current(state)
    d = diagnose(a)
    return {
        "rows": {},
        "regions": {
            "picture": picture_svg([(a, display_name(a, open_index(state) + 1, t))], t, uid="vi-picture", narrow=True),
            "diagnosis": diagnosis_html(d, t),
            "pointers": pointers_html(a, d, t),
            "comparison": comparison_html(state, t),
            "report": report_html(state, t),
            **effects(a, d, t),
        },
    }


def effects(a, d, t):
    """Under each rated sub-element, its effect on the picture: its element's status now, so a
    reader on a phone sees it without scrolling there."""
    return {
        f"effect-{e}-{s}": esc(
            t("effect_element", element=element_name(e, t), status=status_text(e, d["elements"][e], t))
        )
        if level(a, e, s)
        else ""
        for e, s in SUB_ELEMENTS
    }


def diagnosis_html(d, t):
    items = "".join(el("div", el("dt", label), el("dd", text)) for label, text in diagnosis_lines(d, t))
    return join(el("dl", Raw(items), class_="vi-diagnosis"), el("p", t("diag_rules"), class_="ws-help"))


def pointers_html(a, d, t, on_paper=False):
    """on_paper: each link also gives its address in full, to be followed from a printed page."""
    if not d["weak_spots"]:
        rated = any(info["rated"] for info in d["elements"].values())
        return el("p", t("pointers_none" if rated else "pointers_unrated"))
    parts = [el("p", t("pointers_intro"))]
    for e, s in d["weak_spots"]:
        items = []
        for p in pointers_for(e, s):
            address = el("span", f" <{absolute_url(p, t) or page_path(p)}>", class_="vi-address") if on_paper else None
            items.append(
                el(
                    "li",
                    el("a", p[t.lang], href=page_href(p)),
                    address,
                    " ",
                    el("span", f"({t('kind_' + p['kind'])})", class_="vi-kind"),
                    ": ",
                    p["why"][t.lang],
                )
            )
        parts.append(
            el(
                "section",
                el(
                    "h4",
                    t(
                        "weak_spot_title",
                        element=element_name(e, t),
                        sub=sub_name(s, t),
                        level=level_name(level(a, e, s), t),
                    ),
                ),
                el("ul", Raw("".join(items))),
                class_="vi-pointer",
            )
        )
    return join(*parts)


def comparison_html(state, t, uid="vi-compare", narrow=True):
    pair = compared(state)
    if pair is None:
        refs = state["compare"]["first"], state["compare"]["second"]
        key = "compare_same" if refs[0] and refs[0] == refs[1] else "compare_choose"
        return el("p", t(key))
    (n1, a), (n2, b) = pair
    name_a, name_b = display_name(a, n1, t), display_name(b, n2, t)
    da, db = diagnose(a), diagnose(b)
    head = el(
        "tr",
        el("th", t("col_sub"), scope="col"),
        el("th", name_a, scope="col"),
        el("th", name_b, scope="col"),
        el("th", t("col_change"), scope="col"),
    )
    body = []
    for e in ELEMENTS:
        body.append(
            el(
                "tr",
                el("th", element_name(e, t), scope="row"),
                el("td", status_text(e, da["elements"][e], t)),
                el("td", status_text(e, db["elements"][e], t)),
                el("td", ""),
                class_="vi-element-row",
            )
        )
        for e2, s, la, lb, change in changes(a, b):
            if e2 == e:
                body.append(
                    el(
                        "tr",
                        el("th", sub_name(s, t), scope="row"),
                        el("td", level_name(la, t)),
                        el("td", level_name(lb, t)),
                        el("td", t(f"change_{change}")),
                    )
                )
    body.append(
        el(
            "tr",
            el("th", t("step_two"), scope="row"),
            *[el("td", t(f"approach_short_{d['approach']}") if d["approach"] else t("not_rated")) for d in (da, db)],
            el("td", ""),
        )
    )
    caption = t("compare_caption", first=name_a, second=name_b)
    table = el(
        "table",
        el("caption", caption),
        el("thead", head),
        el("tbody", Raw("".join(body))),
        class_="vi-compare-table",
    )
    return join(picture_svg([(a, name_a), (b, name_b)], t, uid=uid, narrow=narrow), scroll_box(table, caption))


# ---------------------------------------------------------------- the picture


def _clip(text, limit):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _continuum(series, e, s, left, right, step, y, t):
    """One sub-element's line from left to right at y, in both layouts: a tick per level, each
    assessment's marker, or "not rated"."""
    parts = [f'<line class="vi-line" x1="{left}" y1="{y}" x2="{right}" y2="{y}"/>']
    for i in range(len(LEVELS)):
        x = left + i * step
        parts.append(f'<line class="vi-tickmark" x1="{x:.1f}" y1="{y - 5}" x2="{x:.1f}" y2="{y + 5}"/>')
    for i, (a, _) in enumerate(series):
        lv = level(a, e, s)
        if lv:
            parts.append(_marker(i, left + LEVELS.index(lv) * step, y))
    if not any(level(a, e, s) for a, _ in series):
        parts.append(
            f'<text class="vi-unrated" text-anchor="middle" x="{(left + right) / 2:.1f}" '
            f'y="{y - 7}">{esc(t("not_rated"))}</text>'
        )
    return parts


def _marker(shape, x, y):
    if shape == 0:
        return f'<circle class="vi-mark vi-mark-0" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
    return (
        f'<polygon class="vi-mark vi-mark-1" points="{x:.1f},{y - 12:.1f} {x + 12:.1f},{y:.1f} '
        f'{x:.1f},{y + 12:.1f} {x - 12:.1f},{y:.1f}"/>'
    )


def picture_svg(series, t, uid, narrow=False):
    """Where each sub-element stands on its continuum, one row each, grouped by element.

    series: [(assessment, name)], one (the open assessment) or two (a comparison: a filled
    circle for the first, an open diamond for the second). Position and words carry the
    meaning, not colour, so it reads in black and white; <title> and <desc> say it all in text.
    narrow: the screen's layout, each name above its continuum (readable on a phone without
    scrolling sideways); else the printed one, names beside the continua.
    """
    if narrow:
        return _narrow_picture(series, t, uid)
    width, left, right = 720, 330, 680
    step = (right - left) / (len(LEVELS) - 1)
    parts, y = [], 22
    if len(series) > 1:
        for i, (_, name) in enumerate(series):
            x = 20 + i * 350
            parts.append(_marker(i, x + 8, y - 5))
            parts.append(f'<text class="vi-legend" x="{x + 24}" y="{y}">{esc(_clip(name, 40))}</text>')
        y += 28
    for i, lv in enumerate(LEVELS):
        parts.append(
            f'<text class="vi-tick" text-anchor="middle" x="{left + i * step:.1f}" y="{y}">{esc(t("lvl_" + lv))}</text>'
        )
    y += 14
    diagnoses = [diagnose(a) for a, _ in series]
    for e, subs in ELEMENTS.items():
        y += 36
        status = " / ".join(status_text(e, d["elements"][e], t) for d in diagnoses)
        parts.append(f'<text class="vi-el" x="10" y="{y}">{esc(element_name(e, t))}: {esc(_clip(status, 70))}</text>')
        if e == "facilitation":
            y += 18
            parts.append(f'<text class="vi-ends" x="10" y="{y}">{esc(t("f_ends"))}</text>')
        for s in subs:
            y += 30
            parts.append(f'<text class="vi-sub" x="24" y="{y + 5}">{esc(_clip(sub_name(s, t), 44))}</text>')
            parts += _continuum(series, e, s, left, right, step, y, t)
    return _picture(series, t, uid, "vi-picture", width, y + 24, _picture_details(series, diagnoses, t), parts)


def _picture_details(series, diagnoses, t):
    details = []
    for e, subs in ELEMENTS.items():
        for i, (a, name) in enumerate(series):
            subs_text = "; ".join(t("desc_sub", sub=sub_name(s, t), level=level_name(level(a, e, s), t)) for s in subs)
            details.append(
                t(
                    "desc_element",
                    who=f"{name}: " if len(series) > 1 else "",
                    element=element_name(e, t),
                    status=status_text(e, diagnoses[i]["elements"][e], t),
                    subs=subs_text,
                )
            )
    return details


def _picture(series, t, uid, cls, width, height, details, parts):
    title = t("picture_title") if len(series) == 1 else t("compare_caption", first=series[0][1], second=series[1][1])
    return Raw(
        f'<svg class="{cls}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-title">{esc(title)}</title>'
        f'<desc id="{uid}-desc">{esc(" ".join(details))}</desc>' + "".join(parts) + "</svg>"
    )


# The narrow picture: 340 units wide, drawn at least that wide on a 390 px phone, so its 12 px
# text stays 12 px or more; every name and status wraps rather than being cut.
NARROW_WIDTH, NARROW_LEFT, NARROW_RIGHT = 340, 30, 310


def _narrow_picture(series, t, uid):
    step = (NARROW_RIGHT - NARROW_LEFT) / (len(LEVELS) - 1)
    parts, y = [], 18
    if len(series) > 1:
        for i, (_, name) in enumerate(series):
            lines = wrap(name, 38, 3)
            parts.append(_marker(i, 10, y - 5))
            parts.append(tspans(lines, 26, y, 16, "vi-legend"))
            y += 16 * len(lines) + 8
        y += 4
    for i, lv in enumerate(LEVELS):
        x = NARROW_LEFT + i * step
        parts.append(tspans(wrap(t("lvl_" + lv), 8, 2), f"{x:.1f}", y, 14, "vi-tick", "middle"))
    y += 14
    diagnoses = [diagnose(a) for a, _ in series]
    for e, subs in ELEMENTS.items():
        y += 34
        status = " / ".join(status_text(e, d["elements"][e], t) for d in diagnoses)
        lines = wrap(f"{element_name(e, t)}: {status}", 38, 8)
        parts.append(tspans(lines, 0, y, 18, "vi-el"))
        y += 18 * (len(lines) - 1)
        if e == "facilitation":
            ends = wrap(t("f_ends"), 50, 6)
            parts.append(tspans(ends, 0, y + 18, 15, "vi-ends"))
            y += 18 + 15 * (len(ends) - 1)
        for s in subs:
            y += 26
            names = wrap(sub_name(s, t), 44, 4)
            parts.append(tspans(names, 8, y, 16, "vi-sub"))
            line_y = y + 16 * (len(names) - 1) + 24
            parts += _continuum(series, e, s, NARROW_LEFT, NARROW_RIGHT, step, line_y, t)
            y = line_y + 8
    details = _picture_details(series, diagnoses, t)
    return _picture(series, t, uid, "vi-picture vi-narrow", NARROW_WIDTH, y + 16, details, parts)


# ---------------------------------------------------------------- exports

DETAIL_FIELDS = ("what", "where", "when", "who")
RATING_COLS = ("col_element", "col_sub", "col_level", "col_signs", "col_notes")


def rating_rows(a, t):
    return [
        [
            element_name(e, t),
            sub_name(s, t),
            level_name(level(a, e, s), t) if level(a, e, s) else "",
            a[e][s]["signs"],
            a[e][s]["notes"],
        ]
        for e, s in SUB_ELEMENTS
    ]


def to_csv(state, t):
    items = list(enumerate(state["assessments"], start=1))
    ratings = []
    for n, a in items:
        details = [display_name(a, n, t)] + [a[f] for f in DETAIL_FIELDS]
        ratings += [details + row for row in rating_rows(a, t)]
    diagnosis = []
    for n, a in items:
        d = diagnose(a)
        diagnosis.append(
            [display_name(a, n, t)]
            + [status_text(e, d["elements"][e], t) for e in ELEMENTS]
            + [
                t(f"approach_short_{d['approach']}") if d["approach"] else "",
                t(f"fit_short_{d['fit']}") if d["fit"] else "",
                a["actions"],
            ]
        )
    detail_head = [t("col_assessment")] + [t(f) for f in DETAIL_FIELDS]
    return exports.csv_text(
        [
            (t("md_ratings"), detail_head + [t(c) for c in RATING_COLS], ratings),
            (
                t("diagnosis_heading"),
                [t("col_assessment")]
                + [element_name(e, t) for e in ELEMENTS]
                + [t("step_two"), t("fit_label"), t("actions")],
                diagnosis,
            ),
        ]
    )


def _md_link(p, t):
    url = absolute_url(p, t)
    label = exports.md_text(p[t.lang])
    return f"[{label}]({url})" if url else f"{label} (`{page_path(p)}`)"


def to_markdown(state, t):
    n = open_index(state) + 1
    a = current(state)
    d = diagnose(a)
    out = [f"# {exports.md_text(t('title'))}: {exports.md_text(display_name(a, n, t))}", ""]
    for f in DETAIL_FIELDS:
        if a[f].strip():
            out.append(f"- **{exports.md_text(t(f))}:** {exports.md_cell(a[f])}")
    if out[-1]:
        out.append("")
    out += [
        f"## {exports.md_text(t('md_ratings'))}",
        "",
        exports.md_table([t(c) for c in RATING_COLS], rating_rows(a, t)),
        "",
    ]
    out += [f"## {exports.md_text(t('diagnosis_heading'))}", ""]
    out += [f"- **{exports.md_text(label)}:** {exports.md_text(text)}" for label, text in diagnosis_lines(d, t)]
    out += ["", f"## {exports.md_text(t('pointers_heading'))}", ""]
    if not d["weak_spots"]:
        out.append(exports.md_text(t("pointers_none")))
    for e, s in d["weak_spots"]:
        out += [
            f"### {exports.md_text(t('weak_spot_title', element=element_name(e, t), sub=sub_name(s, t), level=level_name(level(a, e, s), t)))}",
            "",
        ]
        out += [f"- {_md_link(p, t)}: {exports.md_text(p['why'][t.lang])}" for p in pointers_for(e, s)]
        out.append("")
    out += [
        "",
        f"## {exports.md_text(t('actions'))}",
        "",
        exports.md_cell(a["actions"]) if a["actions"].strip() else "–",
        "",
    ]
    pair = compared(state)
    if pair:
        (n1, first), (n2, second) = pair
        name_a, name_b = display_name(first, n1, t), display_name(second, n2, t)
        rows = [
            [f"{element_name(e, t)} › {sub_name(s, t)}", level_name(la, t), level_name(lb, t), t(f"change_{c}")]
            for e, s, la, lb, c in changes(first, second)
        ]
        out += [
            f"## {exports.md_text(t('compare_caption', first=name_a, second=name_b))}",
            "",
            exports.md_table([t("col_sub"), name_a, name_b, t("col_change")], rows),
            "",
        ]
    out += [exports.md_text(t("md_sources")), ""]
    return "\n".join(out)


def report_html(state, t):
    """What prints when the filled worksheet is printed: the open assessment, and the comparison."""
    n = open_index(state) + 1
    a = current(state)
    d = diagnose(a)
    name = display_name(a, n, t)
    parts = [el("h2", t("report_heading", name=name))]
    # On paper the details sit beside the picture, so the first sheet never holds the details
    # alone; the choices follow the diagnosis they answer, and each part keeps its heading.
    details = [el("div", el("dt", t(f)), el("dd", a[f])) for f in DETAIL_FIELDS if a[f].strip()]
    parts.append(
        el(
            "div",
            el("dl", Raw("".join(details)), class_="vi-details") if details else None,
            picture_svg([(a, name)], t, uid="vi-report-picture"),
            class_="vi-report-top",
        )
    )
    head = el("tr", *[el("th", t(c), scope="col") for c in RATING_COLS])
    body = "".join(el("tr", *[el("td", c) for c in row]) for row in rating_rows(a, t))
    parts.append(
        el(
            "section",
            el("h3", t("diagnosis_heading")),
            diagnosis_html(d, t),
            el("h3", t("actions")),
            el("p", a["actions"] or "–", class_="vi-actions"),
            class_="vi-report-part vi-report-keep",
        )
    )
    parts.append(
        el("section", el("h3", t("pointers_heading")), pointers_html(a, d, t, on_paper=True), class_="vi-report-part")
    )
    parts.append(
        el(
            "section",
            el("h3", t("md_ratings")),
            el("table", el("thead", head), el("tbody", Raw(body)), class_="ws-report-table"),
            class_="vi-report-part",
        )
    )
    if compared(state):
        parts.append(
            el(
                "section",
                el("h3", t("compare_heading")),
                comparison_html(state, t, uid="vi-report-compare", narrow=False),
                class_="vi-report-part vi-report-compare",
            )
        )
    parts.append(el("p", t("report_generated"), class_="ws-report-foot"))
    return join(*parts)


# ---------------------------------------------------------------- the form (built into the page)


def _field(fid, path, label, t, multiline=True, help_text=None):
    help_id = f"{fid}-help" if help_text else None
    if multiline:
        control = el("textarea", id=fid, data_field=path, rows="2", aria_describedby=help_id)
    else:
        control = void("input", type="text", id=fid, data_field=path, autocomplete="off", aria_describedby=help_id)
    return el(
        "div",
        el("label", label, for_=fid),
        control,
        el("p", help_text, id=help_id, class_="ws-help") if help_text else None,
        class_="ws-field",
    )


def _level_select(fid, path, label, describedby, t):
    opts = [el("option", t("not_rated"), value="")] + [el("option", t("lvl_" + lv), value=lv) for lv in LEVELS]
    return el(
        "div",
        el("label", label, for_=fid),
        el("select", Raw("".join(opts)), id=fid, data_field=path, aria_describedby=describedby),
        class_="ws-field vi-level",
    )


def _sub_element(e, s, t):
    base = f"vi-{e}-{s}"
    low, high = f"{base}-low", f"{base}-high"
    return el(
        "fieldset",
        el("legend", sub_name(s, t)),
        el(
            "div",
            el("p", el("strong", t("end_low") + ": "), t(f"sub_{s}_low"), id=low, class_="vi-end vi-end-low"),
            _level_select(f"{base}-level", f"{e}.{s}.level", t("level_label", sub=sub_name(s, t)), f"{low} {high}", t),
            el("p", el("strong", t("end_high") + ": "), t(f"sub_{s}_high"), id=high, class_="vi-end vi-end-high"),
            class_="vi-continuum",
        ),
        el("p", "", data_region=f"effect-{e}-{s}", class_="ws-effect"),
        el(
            "div",
            _field(f"{base}-signs", f"{e}.{s}.signs", t("signs"), t),
            _field(f"{base}-notes", f"{e}.{s}.notes", t("notes"), t),
            class_="vi-notes",
        ),
        class_="vi-sub",
        id=base,
    )


def _element_section(e, t):
    return join(
        el("h3", element_name(e, t), id=f"vi-{e}-heading"),
        el("p", t(f"el_{e}_intro"), class_="vi-intro"),
        *[_sub_element(e, s, t) for s in ELEMENTS[e]],
        to_results(t, RESULT_HEADINGS[0], f"vi-{e}-heading", element_name(e, t)),
    )


def _collection_bar(t):
    first = el("option", t("assessment_n", n=1), value="a1")
    return el(
        "fieldset",
        el("legend", t("assessments")),
        el(
            "div",
            el(
                "div",
                el("label", t("open_label"), for_="vi-open"),
                el(
                    "select", first, id="vi-open", data_collection_select="assessments", aria_describedby="vi-open-help"
                ),
                class_="ws-field",
            ),
            el(
                "div",
                el("button", t("collection_add"), type="button", data_action="collection-add"),
                el("button", t("collection_copy"), type="button", data_action="collection-copy"),
                el(
                    "button", t("collection_remove"), type="button", data_action="collection-remove", class_="ws-danger"
                ),
                class_="ws-row-actions vi-collection-actions",
            ),
            class_="vi-collection-bar",
        ),
        el("p", t("open_help"), id="vi-open-help", class_="ws-help"),
        class_="vi-collection",
    )


def _compare_select(fid, path, label, t):
    return el(
        "div",
        el("label", label, for_=fid),
        el(
            "select",
            el("option", t("compare_none"), value=""),
            id=fid,
            data_field=path,
            data_collection_options="assessments",
        ),
        class_="ws-field",
    )


def render_form(t):
    return join(
        el(
            "form",
            _collection_bar(t),
            el(
                "div",
                void("input", type="hidden", data_field="id", value="a1"),
                el("h3", t("implementation_heading"), id="vi-implementation-heading"),
                _field("vi-name", "name", t("name"), t, multiline=False, help_text=t("name_help")),
                _field("vi-what", "what", t("what"), t, help_text=t("what_help")),
                el(
                    "div",
                    _field("vi-where", "where", t("where"), t, multiline=False),
                    _field("vi-when", "when", t("when"), t, multiline=False, help_text=t("when_help")),
                    _field("vi-who", "who", t("who"), t, multiline=False),
                    class_="ws-row-grid",
                ),
                *[_element_section(e, t) for e in ELEMENTS],
                el("h3", t("actions"), id="vi-actions-heading"),
                _field("vi-actions", "actions", t("actions"), t, help_text=t("actions_help")),
                data_collection_item="assessments",
                data_collection_label="name",
                data_collection_open="open",
                class_="vi-assessment",
            ),
            el("h3", t("compare_heading"), id="vi-compare-heading"),
            el(
                "div",
                _compare_select("vi-compare-first", "compare.first", t("compare_first"), t),
                _compare_select("vi-compare-second", "compare.second", t("compare_second"), t),
                class_="ws-row-grid",
            ),
            data_form="",
            class_="ws-form vi-form",
            novalidate=True,
            aria_label=t("title"),
        ),
        el(
            "section",
            el("h3", t("picture_heading"), id="vi-picture-heading"),
            figure("picture", t, "vi-picture-heading", fits=True),
            el("h3", t("diagnosis_heading"), id="vi-diagnosis-heading"),
            el("div", el("p", t("results_pending")), data_region="diagnosis", aria_live="polite"),
            el("h3", t("pointers_heading"), id="vi-pointers-heading"),
            el("div", el("p", t("results_pending")), data_region="pointers"),
            el("h3", t("comparison_heading"), id="vi-comparison-heading"),
            el("div", el("p", t("results_pending")), data_region="comparison"),
            back_to_form(t, "vi-evidence-heading"),
            class_="ws-results",
            aria_labelledby="vi-picture-heading",
        ),
    )


def render_blank(t):
    """The blank form for printing: each sub-element between its two described ends, five boxes."""
    parts = [el("h2", t("blank_heading"))]
    parts.append(
        el(
            "dl",
            Raw("".join(el("div", el("dt", t(f)), el("dd", "")) for f in ("name",) + DETAIL_FIELDS)),
            class_="vi-details vi-blank-details",
        )
    )
    boxes = "".join(el("th", t("lvl_" + lv), scope="col", class_="vi-box-head") for lv in LEVELS)
    for e, subs in ELEMENTS.items():
        head = el(
            "tr",
            el("th", t("col_sub"), scope="col"),
            el("th", t("end_low"), scope="col"),
            Raw(boxes),
            el("th", t("end_high"), scope="col"),
            el("th", t("col_signs_notes"), scope="col"),
        )
        rows = "".join(
            el(
                "tr",
                el("th", sub_name(s, t), scope="row"),
                el("td", t(f"sub_{s}_low")),
                Raw("".join(el("td", "☐", class_="vi-box") for _ in LEVELS)),
                el("td", t(f"sub_{s}_high")),
                el("td", ""),
            )
            for s in subs
        )
        parts.append(el("h3", element_name(e, t)))
        parts.append(
            el(
                "table",
                el("thead", head),
                el("tbody", Raw(rows)),
                class_="ws-report-table ws-blank-table vi-blank-table",
            )
        )
    parts.append(
        el("section", el("h3", t("actions")), el("div", "", class_="vi-blank-lines"), class_="vi-blank-actions")
    )
    parts.append(el("p", t("md_sources"), class_="ws-report-foot"))
    return join(*parts)


# ---------------------------------------------------------------- worked example (page)


def example_assessment(levels):
    """An assessment with the given {element: {sub: level}} ratings and nothing else."""
    a = empty_assessment("example")
    for e, subs in levels.items():
        for s, lv in subs.items():
            if lv not in LEVELS:
                raise ValueError(f"example level {lv!r} for {e}.{s} is not one of {LEVELS}")
            a[e][s]["level"] = lv
    return a


def example_html(example, t):
    """The worked example on the worksheet page: the story from the data file, the ratings,
    and the diagnosis and pointers exactly as the worksheet computes them."""
    words = example[t.lang]
    a = example_assessment(example["levels"])
    d = diagnose(a)
    ratings = []
    for e, subs in ELEMENTS.items():
        rated = [f"{sub_name(s, t)}: {level_name(level(a, e, s), t).lower()}" for s in subs if level(a, e, s)]
        if rated:
            ratings.append(el("li", el("strong", element_name(e, t)), ": ", "; ".join(rated)))
    diagnosis = "".join(el("div", el("dt", label), el("dd", text)) for label, text in diagnosis_lines(d, t))
    parts = [
        el("p", words["setting"]),
        el("p", words["ratings"]),
        el("ul", Raw("".join(ratings))),
        el("p", words["diagnosis"]),
        el("dl", Raw(diagnosis), class_="vi-diagnosis"),
    ]
    if d["weak_spots"]:
        spots = []
        for e, s in d["weak_spots"]:
            links = "".join(el("li", el("a", p[t.lang], href=page_href(p))) for p in pointers_for(e, s))
            spots.append(
                el(
                    "li",
                    t(
                        "weak_spot_title",
                        element=element_name(e, t),
                        sub=sub_name(s, t),
                        level=level_name(level(a, e, s), t),
                    ),
                    el("ul", Raw(links)),
                )
            )
        parts += [el("p", words["pointers"]), el("ul", Raw("".join(spots)))]
    parts.append(el("p", words["after"]))
    return el("div", el("p", words["title"], class_="admonition-title"), *parts, class_="admonition example vi-example")
