"""A reader's data is never lost: whatever a worksheet exports imports back unchanged (a property
test over generated data), every limit comes from the schema and is on the form, and a corpus of
bad files is refused by every worksheet with a message in the reader's language."""

import html.parser
import json
import random
import re
import string

import pytest

from tools import bridge, schema, worksheets
from tools.i18n import LANGS, Strings

WORKSHEETS = tuple(worksheets.MODULES)
# Text a reader might type or paste: letters of both languages, quotes, markup, formulas,
# right-to-left marks, emoji (two UTF-16 units), line breaks and control characters.
ALPHABET = (
    string.ascii_letters
    + string.digits
    + " æøåÆØÅé\"'\\<>&=+-@/\n\t\r"
    + "\u202e\u200b"
    + "😀€—«»"
    + "\x00\x01\x1f\x7f"
)


def module(ws):
    return worksheets.get(ws)


def random_value(field, rng, full=False, list_cap=4):
    """A valid value for a schema field: random, or (full) at every limit."""
    if isinstance(field, schema.Text):
        n = field.limit if full else rng.choice((0, 1, rng.randint(0, field.limit), field.limit))
        return "".join(rng.choice(ALPHABET) for _ in range(n))
    if isinstance(field, schema.Choice):
        return rng.choice(("",) + field.options)
    if isinstance(field, schema.Items):
        n = field.limit if full else rng.randint(0, min(field.limit, list_cap))
        return [random_value(field.record, rng, full) for _ in range(n)]
    if isinstance(field, schema.Record):
        return {name: random_value(sub, rng, full) for name, sub in field.fields.items()}
    kind = type(field).__name__
    if kind == "Rating":
        return rng.choice((None, 1, 2, 3, 4, "not-relevant"))
    if kind == "Date":
        return rng.choice(("", f"20{rng.randint(10, 40)}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}"))
    raise AssertionError(f"no generator for {kind}")


def valid_state(ws, rng, full=False):
    mod = module(ws)
    data = random_value(mod.SCHEMA, rng, full)
    for key in getattr(mod, "LOCAL_ONLY", ()):
        data[key] = []
    if ws == "vi-worksheet":  # ids unique and references to them sound
        ids = []
        for i, item in enumerate(data["assessments"]):
            item["id"] = f"a{i + 1}"
            ids.append(item["id"])
        data["open"] = rng.choice(ids) if ids else ""
        data["compare"] = {k: rng.choice([""] + ids) for k in ("first", "second")}
    state, errors = worksheets.clean(mod, data, Strings(mod.STRINGS, "en"), strict=True)
    assert not errors, errors[:3]
    return state


def round_trip(ws, state, lang):
    exported = worksheets.export(ws, "json", state, lang)
    assert "warning" not in exported
    loaded = worksheets.load(ws, exported["text"], lang)
    assert loaded["ok"], (loaded.get("message"), loaded.get("details"))
    return loaded["state"]


@pytest.mark.parametrize("ws", WORKSHEETS)
def test_every_generated_state_exports_and_imports_back_unchanged(ws):
    rng = random.Random(f"round-trip {ws}")
    for i in range(40):
        state = valid_state(ws, rng)
        lang = LANGS[i % 2]
        assert round_trip(ws, state, lang) == state


@pytest.mark.parametrize("ws", WORKSHEETS)
def test_a_worksheet_filled_to_every_limit_still_imports(ws):
    """The largest file a worksheet can write (every text at its limit, as control characters that
    JSON writes six bytes long, every list full) is within the size the import takes."""
    mod = module(ws)
    state = valid_state(ws, random.Random(ws), full=True)

    def control_chars(value):
        if isinstance(value, dict):
            return {k: control_chars(v) for k, v in value.items()}
        if isinstance(value, list):
            return [control_chars(v) for v in value]
        return "\x01" * len(value) if isinstance(value, str) and len(value) > 40 else value

    state = control_chars(state)
    text = worksheets.export(ws, "json", state, "en")["text"]
    assert len(text.encode("utf-8")) <= worksheets.max_file_bytes(mod)
    assert worksheets.load(ws, text, "no")["state"] == state


def test_the_size_limit_follows_from_the_schema():
    for ws in WORKSHEETS:
        mod = module(ws)
        bound = schema.max_json_bytes(mod.SCHEMA, skip=getattr(mod, "LOCAL_ONLY", ()))
        assert bound < worksheets.max_file_bytes(mod) <= bound + 100_200


# ---------------------------------------------------------------- bad files, for every worksheet


def nested(depth):
    return "[" * depth + "]" * depth


def good(ws):
    mod = module(ws)
    return {"format": mod.FORMAT, "version": mod.VERSION, "data": {}}


def dump(doc):
    return json.dumps(doc)


# (name, make(ws) -> text, message key the reader gets)
CORPUS = [
    ("empty", lambda ws: "", "import_not_json"),
    ("not JSON", lambda ws: "{ this is not json", "import_not_json"),
    ("cut short", lambda ws: dump(good(ws))[:-5], "import_not_json"),
    ("null", lambda ws: "null", "import_wrong_format"),
    ("a list", lambda ws: "[1, 2]", "import_wrong_format"),
    ("a string", lambda ws: '"text"', "import_wrong_format"),
    ("no format", lambda ws: dump({"version": 1, "data": {}}), "import_wrong_format"),
    ("format as a number", lambda ws: dump({**good(ws), "format": 5}), "import_wrong_format"),
    ("other worksheet", lambda ws: dump({**good(ws), "format": "isp-something-else"}), "import_wrong_format"),
    ("10,000 levels deep", lambda ws: dump(good(ws))[:-2] + ', "x": ' + nested(10_000) + "}}", "import_too_deep"),
    (
        "deep data",
        lambda ws: '{{"format": "{}", "version": 1, "data": {}}}'.format(
            module(ws).FORMAT, '{"a": ' * 5000 + "1" + "}" * 5000
        ),
        "import_too_deep",
    ),
    ("version true", lambda ws: dump({**good(ws), "version": True}), "import_wrong_version"),
    ("version 1.0", lambda ws: dump({**good(ws), "version": 1.0}), "import_wrong_version"),
    ('version "1"', lambda ws: dump({**good(ws), "version": "1"}), "import_wrong_version"),
    ("version 2", lambda ws: dump({**good(ws), "version": 2}), "import_wrong_version"),
    ("no version", lambda ws: dump({"format": module(ws).FORMAT, "data": {}}), "import_wrong_version"),
    ("no data", lambda ws: dump({"format": module(ws).FORMAT, "version": 1}), "import_no_data"),
    ("data null", lambda ws: dump({**good(ws), "data": None}), "import_invalid"),
    ("data a list", lambda ws: dump({**good(ws), "data": []}), "import_invalid"),
    ("data a string", lambda ws: dump({**good(ws), "data": "x"}), "import_invalid"),
    ("unknown top-level key", lambda ws: dump({**good(ws), "extra": 1}), "import_invalid"),
    (
        "duplicate key",
        lambda ws: f'{{"format": "{module(ws).FORMAT}", "version": 1, "version": 1, "data": {{}}}}',
        "import_duplicate_key",
    ),
    ("NaN", lambda ws: dump(good(ws))[:-1] + ', "x": NaN}', "import_not_json"),
    ("unknown field", lambda ws: dump({**good(ws), "data": {"colour": "red"}}), "import_invalid"),
    ("lone surrogate", lambda ws: dump({**good(ws), "data": {first_text(ws): "\ud800 broken"}}), "import_invalid"),
    ("true as text", lambda ws: dump({**good(ws), "data": {first_text(ws): True}}), "import_invalid"),
    ("number as text", lambda ws: dump({**good(ws), "data": {first_text(ws): 12}}), "import_invalid"),
    ("list as text", lambda ws: dump({**good(ws), "data": {first_text(ws): ["a"]}}), "import_invalid"),
    (
        "text over its limit",
        lambda ws: dump({**good(ws), "data": {first_text(ws): "x" * (top_limit(ws) + 1)}}),
        "import_invalid",
    ),
    ("too large", lambda ws: " " * (worksheets.max_file_bytes(module(ws)) + 1) + dump(good(ws)), "import_too_large"),
]


def first_text(ws):
    return next(
        path
        for path, kind, _ in schema.limits(module(ws).SCHEMA)
        if kind == "text" and "." not in path and "[]" not in path
    )


def top_limit(ws):
    return next(limit for path, kind, limit in schema.limits(module(ws).SCHEMA) if path == first_text(ws))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ws", WORKSHEETS)
@pytest.mark.parametrize("name, make, key", CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_files_are_refused_in_the_readers_language(ws, lang, name, make, key):
    mod = module(ws)
    result = worksheets.load(ws, make(ws), lang)
    assert result["ok"] is False, name
    t = Strings(mod.STRINGS, lang)
    expected = t.table[key].split("{")[0]
    assert result["message"].startswith(expected), (result["message"], expected)
    # The same file through the worker's interface: a message, never an exception.
    through_bridge = json.loads(bridge.call("import", json.dumps({"worksheet": ws, "lang": lang, "text": make(ws)})))
    assert through_bridge["ok"] is False


def test_a_deep_file_is_refused_before_it_is_parsed():
    assert worksheets.too_deep(nested(33)) and not worksheets.too_deep(nested(32))
    # Brackets inside strings are text, not structure.
    assert not worksheets.too_deep(json.dumps({"a": "[" * 1000}))


@pytest.mark.parametrize("ws", WORKSHEETS)
def test_the_browsers_saved_entry_is_checked_as_a_file_is_but_takes_the_forms_strings(ws):
    mod = module(ws)
    state = valid_state(ws, random.Random(1))
    saved = json.dumps({"format": mod.FORMAT, "version": mod.VERSION, "data": state})

    def call(text):
        return json.loads(bridge.call("check-saved", json.dumps({"worksheet": ws, "lang": "no", "text": text})))

    assert call(saved) == {"ok": True}
    broken = call(json.dumps({"format": mod.FORMAT, "version": mod.VERSION, "data": {"zzz": 1}}))
    assert broken["ok"] is False and broken["message"] == Strings(mod.STRINGS, "no")("damaged_invalid")
    assert any("zzz" in d for d in broken["details"])


def test_ratings_are_numbers_in_files_and_strings_only_in_the_form():
    ws = "competency-self-check"
    mod = module(ws)
    cid = next(iter(mod.SCHEMA.fields["competencies"].fields))
    data = {"competencies": {cid: {"level": "3"}}}
    assert not worksheets.load(ws, dump({**good(ws), "data": data}), "en")["ok"]
    assert worksheets.view(ws, data, "en")["errors"] == []
    assert worksheets.load(ws, dump({**good(ws), "data": {"competencies": {cid: {"level": 3}}}}), "en")["ok"]


@pytest.mark.parametrize("ws", WORKSHEETS)
def test_an_export_of_text_over_a_limit_says_what_to_fix(ws):
    """Saved by an older version: everything is written, with a warning naming the field."""
    field = first_text(ws)
    exported = worksheets.export(ws, "json", {field: "x" * (top_limit(ws) + 5)}, "en")
    assert json.loads(exported["text"])["data"][field] == "x" * (top_limit(ws) + 5)
    assert exported["warning"] and str(top_limit(ws)) in " ".join(exported["details"])


# ---------------------------------------------------------------- limits on the form, from the schema


class Controls(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields, self.lists = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-field" in a and tag in ("input", "textarea") and a.get("type") not in ("date",):
            self.fields.append((a["data-field"], a.get("maxlength")))
        if ("data-list" in a and tag != "button") or "data-collection-item" in a:
            self.lists.append((a.get("data-list") or a["data-collection-item"], a.get("data-max")))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ws", WORKSHEETS)
def test_every_text_control_and_list_on_the_form_carries_its_schema_limit(ws, lang):
    parser = Controls()
    parser.feed(worksheets.render_page(ws, lang))
    limits = schema.form_limits(module(ws).SCHEMA)
    assert parser.fields and parser.lists
    assert any(maxlength for _, maxlength in parser.fields)
    for name, maxlength in parser.fields:
        expected = limits.get((name, "text"))  # dates and ratings have no length
        assert maxlength == (str(expected) if expected else None), name
    for name, most in parser.lists:
        assert most == str(limits[(name, "items")]), name


@pytest.mark.parametrize("ws", WORKSHEETS)
def test_the_documented_limits_are_the_schemas(ws):
    mod = module(ws)
    for lang in LANGS:
        table = worksheets.limits_html(ws, lang)
        for path, _kind, _limit in schema.limits(mod.SCHEMA, skip=getattr(mod, "LOCAL_ONLY", ())):
            if path.split(".")[-1] == "id" or path.split("[].")[-1] == "id":
                continue
            if path in ("open", "compare.first", "compare.second"):
                continue
            assert f"<code>{path.replace('<', '&lt;').replace('>', '&gt;')}</code>" in table, (path, lang)


def test_markdown_keeps_typed_web_addresses_as_text_and_makes_nothing_else_a_link():
    """As each worksheet page documents: bare addresses stay as typed (GFM viewers link them);
    markup the reader typed is escaped, so no other link or tag appears."""
    typed = "See https://example.org/guide and [click](javascript:alert(1)) <a href=x>y</a>"
    md = worksheets.export("stakeholder-matrix", "markdown", {"objective": typed}, "en")["text"]
    assert "https://example.org/guide" in md
    assert not re.search(r"(?<!\\)\]\(", md) and not re.search(r"(?<!\\)<", md)
