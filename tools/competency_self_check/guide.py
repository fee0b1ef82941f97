"""The guide's facts the self-check uses: its principles, domains and competencies (from
tools/data/guide.json through tools/guide.py) and the links to them."""

from .. import guide as facts

# ---------------------------------------------------------------- the guide's facts


def _text(value, lang):
    return value[lang] if isinstance(value, dict) else str(value)


def name_of(item, t):
    return _text(item["name"], t.lang)


def summary_of(item, t):
    return _text(item.get("summary", ""), t.lang)


def domains():
    return facts.guide()["domains"]


def competencies():
    return facts.guide()["competencies"]


def principles():
    return facts.guide()["principles"]


def competency_ids():
    return tuple(c["id"] for c in competencies())


def by_domain():
    """[(domain, [its competencies in the guide's order])], in the guide's order of domains."""
    return [(d, [c for c in competencies() if c["domain"] == d["id"]]) for d in domains()]


def competency_by_id(cid):
    return facts.competency(cid)


def page_href(domain, anchor):
    """The link from the worksheet page (worksheets/competency-self-check/) to a guide page."""
    page = domain["page"]
    page = page[len("guide/") :] if page.startswith("guide/") else page
    page = page[: -len(".md")] if page.endswith(".md") else page
    return f"../../guide/{page}/#{anchor}"


def competency_href(c):
    return page_href(next(d for d in domains() if d["id"] == c["domain"]), c["id"])


def principle_href(p):
    return f"../../guide/principles/#{p['id']}"
