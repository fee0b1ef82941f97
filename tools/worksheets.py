"""What every worksheet shares: its saved-file format, import checks, exports and page shell.

A worksheet is one module with ID, FORMAT, VERSION, STRINGS, SCHEMA, ITEM_LISTS,
view(state, t), to_csv(state, t), to_markdown(state, t), render_form(t) and render_blank(t).
Share links (tools/share.py) also need summary(state, t) -> [lines]; a worksheet that keeps
several records has add_records(state, incoming, t) -> (state, [names]) or (None, message).
Optional: LOCAL_ONLY (top-level keys kept in the browser but never written into files),
ATTACH ({name: handler(state, [(filename, other_state)], t)} for files brought into the data,
see attach) and EXPORTS ({format: make(state, t) -> {filename, mime, text}}).
"""

import importlib
import json
import re

from . import i18n, schema
from .html import Raw, dock, el
from .i18n import Strings

# Worksheet id -> module in this package. Imported on first use: a page's Web Worker then
# compiles only its own worksheet's code, which shortens the wait for Python on that page.
MODULES = {
    "stakeholder-matrix": "stakeholder_matrix",
    "vi-worksheet": "vi_worksheet",
    "competency-self-check": "competency_self_check",
}
MAX_ATTACH_FILES = 200
# Deeper than any worksheet's data: a file nested further is refused before it is parsed, since
# parsing it could exhaust the browser's stack and stop the worksheet's Python.
MAX_DEPTH = 32
# The longest share link the site makes (tools/share.py). RFC 9110 asks every HTTP sender and
# recipient to handle addresses of at least 8,000 octets; longer ones are cut by some mail, chat
# and slide programs. Here, with the other limits, so the limits table names it too.
MAX_LINK_CHARS = 8000
FILE_KEYS = ("format", "version", "data")

# Strings the page's JavaScript shows itself (status, confirmations, file messages) are the
# whole of strings/page.json, sent to the page as they are: a key there is a key the scripts
# use (tests/content/test_page_strings.py checks both ways).
JS_STRINGS = "page"


def get(worksheet_id):
    try:
        name = MODULES[worksheet_id]
    except KeyError:
        raise ValueError(f"unknown worksheet {worksheet_id!r}") from None
    return importlib.import_module(f".{name}", __package__)


def strings(mod, lang, site=""):
    return Strings(mod.STRINGS, lang, site)


def clean(mod, data, t, strict=False):
    """Validated, complete data, and the list of problems found (translated).

    strict: for files (exact types); the browser's form state has every value as a string."""
    errors = schema.Problems(strict)
    state = mod.SCHEMA.clean(data if data is not None else {}, "", t, errors)
    return state, errors


def max_file_bytes(mod):
    """The largest file this worksheet can write: every text at its limit, every list full.
    Imports take up to this, so whatever the site exports imports again."""
    bound = schema.max_json_bytes(mod.SCHEMA, skip=getattr(mod, "LOCAL_ONLY", ())) + 200
    bound = -(-bound // 100_000) * 100_000  # rounded up to a tenth of a megabyte
    # A team file's bound (60 members, each at every limit) would be hundreds of megabytes: its
    # module holds it to a size a browser tab reads without trouble (tools/team.py).
    return min(bound, getattr(mod, "MAX_FILE_BYTES", bound))


def too_deep(text, limit=MAX_DEPTH):
    """True if the JSON text nests arrays and objects more than limit levels deep."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        c = match.group()[0]
        if c in "[{":
            depth += 1
            if depth > limit:
                return True
        elif c in "]}":
            depth -= 1
    return False


# Strings (skipped whole, so brackets inside them do not count) and brackets.
_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    for k in keys:
        if keys.count(k) > 1:
            raise _Duplicate(k)
    return dict(pairs)


def _no_constant(name):
    raise ValueError(f"{name} is not JSON")


def parse(text, t, limit_bytes, filename="", source="import"):
    """(document, None) or (None, message): the checks every file, link and saved entry goes
    through. source: "import" or "link", which messages say (e.g. link_not_json)."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit_bytes:
        return None, t(f"{source}_too_large", filename=filename, size=-(-size // 1000), limit=limit_bytes // 1000)
    if too_deep(text):
        return None, t(f"{source}_too_deep", limit=MAX_DEPTH)
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant), None
    except _Duplicate as dup:
        return None, t(f"{source}_duplicate_key", name=str(dup)[:40])
    except (ValueError, RecursionError):
        return None, t(f"{source}_not_json")


def document(mod, state):
    """The saved-file form of a worksheet's data: the same in every language."""
    local = getattr(mod, "LOCAL_ONLY", ())
    return {"format": mod.FORMAT, "version": mod.VERSION, "data": {k: v for k, v in state.items() if k not in local}}


def load(worksheet_id, text, lang, current=None, filename="", saved=False, source="import"):
    """Read an imported file. Never partly: either the whole, valid data or a message.

    current: the data in the worksheet now; its LOCAL_ONLY parts (never in files) are kept.
    saved: the text is the browser's own saved entry, not a file: the form's values are strings
    there, and its LOCAL_ONLY parts belong in it.
    source: "import" for a file, "link" for a share link (tools/share.py): same checks, the
    messages name what was opened.
    """
    return load_module(get(worksheet_id), text, lang, current, filename, saved, source)


def load_module(mod, text, lang, current=None, filename="", saved=False, source="import"):
    """load() for a module that describes a file as a worksheet does (FORMAT, VERSION, SCHEMA,
    STRINGS): a worksheet, or a team file (tools/team.py), whose FORMAT_LABEL names it."""
    t = strings(mod, lang)
    if not isinstance(text, str):
        return {"ok": False, "message": t(f"{source}_not_json")}
    limit = max_file_bytes(mod) * (2 if saved else 1)
    doc, problem = parse(text, t, limit, filename, source)
    if problem:
        return {"ok": False, "message": problem}
    if not isinstance(doc, dict) or doc.get("format") != mod.FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else None
        return {
            "ok": False,
            "message": t(
                f"{source}_wrong_format",
                expected=t(getattr(mod, "FORMAT_LABEL", "format_label")),
                found=str(found)[:60] if found is not None else "–",
            ),
        }
    version = doc.get("version")
    # A version is a whole number: true is not 1, nor is 1.0 or "1".
    if type(version) is not int or version != mod.VERSION:
        return {
            "ok": False,
            "message": t(f"{source}_wrong_version", found=json.dumps(version)[:20], expected=mod.VERSION),
        }
    if "data" not in doc:
        return {"ok": False, "message": t(f"{source}_no_data")}
    errors = [t("field_unknown", field=str(key)[:40]) for key in doc if key not in FILE_KEYS]
    if doc["data"] is None or not isinstance(doc["data"], dict):
        errors.append(t("import_data_not_object"))
    data = doc["data"] if isinstance(doc["data"], dict) else {}
    if not saved:
        errors += [t("field_unknown", field=str(key)[:40]) for key in getattr(mod, "LOCAL_ONLY", ()) if key in data]
        data = {k: v for k, v in data.items() if k not in getattr(mod, "LOCAL_ONLY", ())}
    state, problems = clean(mod, data, t, strict=not saved)
    errors += problems
    if errors:
        return {"ok": False, "message": t(f"{source}_invalid"), "details": errors[:20]}
    if current is not None and getattr(mod, "LOCAL_ONLY", ()):
        kept, _ = clean(mod, current, t)
        state.update({k: kept[k] for k in mod.LOCAL_ONLY})
    return {"ok": True, "state": state}


def attach(worksheet_id, into, files, data, lang):
    """Bring saved files of the same worksheet into the current data through the module's
    ATTACH[into] handler (e.g. an earlier self-check to compare with, or several people's files
    for a team view). Every file is checked as an import is; if any is bad, nothing changes.

    files: [{"name", "text"}]. Returns {"ok", "state", "message"} or {"ok": False, "message", "details"}.
    """
    mod = get(worksheet_id)
    t = strings(mod, lang)
    handler = getattr(mod, "ATTACH", {}).get(into)
    if handler is None:
        raise ValueError(f"worksheet {worksheet_id!r} takes no files into {into!r}")
    if len(files) > MAX_ATTACH_FILES:
        return {"ok": False, "message": t("attach_too_many", limit=MAX_ATTACH_FILES)}
    loaded, problems = [], []
    for f in files:
        name = str(f.get("name", ""))[:200]
        result = load(worksheet_id, f.get("text", ""), lang, filename=name)
        if result["ok"]:
            loaded.append((name, result["state"]))
        else:
            problems.append(t("attach_file_problem", filename=name, message=result["message"]))
            problems += [f"{name}: {d}" for d in result.get("details", [])[:5]]
    if problems:
        return {"ok": False, "message": t("attach_failed"), "details": problems[:30]}
    state, _ = clean(mod, data, t)
    return handler(state, loaded, t)


def view(worksheet_id, data, lang, site=""):
    """site: the site's root address in the reader's browser, for addresses printed in reports."""
    mod = get(worksheet_id)
    t = strings(mod, lang, site)
    state, errors = clean(mod, data, t)
    result = mod.view(state, t)
    result["errors"] = errors
    return result


def export(worksheet_id, fmt, data, lang, site=""):
    """site: the site's root address in the reader's browser, for links in Markdown exports."""
    mod = get(worksheet_id)
    t = strings(mod, lang, site)
    state, errors = clean(mod, data, t)
    if fmt in getattr(mod, "EXPORTS", {}):
        return mod.EXPORTS[fmt](state, t)
    stem = t("file_stem")
    if fmt == "json":
        text = json.dumps(document(mod, state), ensure_ascii=False, indent=2) + "\n"
        out = {"filename": f"{stem}.json", "mime": "application/json", "text": text}
        if errors:
            # Written all the same (the reader's text is never held back), with what to fix so
            # the file imports again.
            out.update(warning=t("export_needs_fixing"), details=errors[:20])
        return out
    if fmt == "csv":
        return {"filename": f"{stem}.csv", "mime": "text/csv", "text": mod.to_csv(state, t)}
    if fmt == "markdown":
        return {"filename": f"{stem}.md", "mime": "text/markdown", "text": mod.to_markdown(state, t)}
    raise ValueError(f"unknown export format {fmt!r}")


_FIELD_TAG = re.compile(r'<(input|textarea|ol|ul|div)\b([^>]*?) data-(field|list|collection-item)="([^"]+)"')


def with_limits(form_html, mod):
    """The form with the schema's limits on its controls: maxlength on every text field (the
    browser then holds the limit as the reader types or pastes) and data-max on every list."""
    limits = schema.form_limits(mod.SCHEMA)

    def add(match):
        tag, _before, kind, name = match.groups()
        key = (name, "text") if kind == "field" else (name, "items")
        limit = limits.get(key)
        if limit is None or (kind == "field" and tag not in ("input", "textarea")):
            return match.group()
        extra = f' maxlength="{limit}"' if kind == "field" else f' data-max="{limit}"'
        return match.group() + extra

    return Raw(_FIELD_TAG.sub(add, form_html))


def start_link(worksheet_id, lang):
    """The "start here" jump at the top of a worksheet page, to its form (#worksheet)."""
    t = strings(get(worksheet_id), lang)
    return el(
        "p", el("a", t("start_here"), href="#worksheet", class_="md-button md-button--primary"), class_="ws-start"
    )


def result_headings(worksheet_id, lang, form=None):
    """[(id, title)] of the worksheet's results, for the page's table of contents.
    form: the worksheet's HTML when already rendered (the build has it)."""
    mod = get(worksheet_id)
    form = form if form is not None else mod.render_form(strings(mod, lang))
    out = []
    for hid in getattr(mod, "RESULT_HEADINGS", ()):
        match = re.search(r'<h[2-4][^>]* id="' + re.escape(hid) + r'"[^>]*>(.*?)</h[2-4]>', form)
        if not match:
            raise ValueError(f"{worksheet_id}: no results heading with id {hid!r} in the form")
        out.append((hid, match.group(1)))
    return out


def limits_html(worksheet_id, lang):
    """The worksheet's limits, for its page's file-format section: from the schema, as the form
    and the import apply them."""
    mod = get(worksheet_id)
    t = strings(mod, lang)
    local = getattr(mod, "LOCAL_ONLY", ())
    rows = []
    for path, kind, limit in schema.limits(mod.SCHEMA, skip=local):
        if path.endswith(".id") or path == "id" or path in ("open", "compare.first", "compare.second"):
            continue  # ids, not text a reader types; their rule is in the prose
        what = (
            t("limit_characters", n=number(limit, lang))
            if kind == "text"
            else t("limit_entries", n=number(limit, lang))
        )
        rows.append(el("tr", el("td", el("code", path)), el("td", what)))
    rows.append(
        el("tr", el("td", t("limit_file")), el("td", t("limit_megabytes", n=number(max_file_bytes(mod) / 1e6, lang))))
    )
    rows.append(
        el("tr", el("td", t("limit_link")), el("td", t("limit_link_characters", n=number(MAX_LINK_CHARS, lang))))
    )
    head = el("thead", el("tr", el("th", t("limit_field"), scope="col"), el("th", t("limit_most"), scope="col")))
    return el("table", head, el("tbody", Raw("".join(rows))), class_="ws-limits")


def number(n, lang):
    """n as the reader's language writes it: 1,234.5 or 1 234,5."""
    text = f"{n:,.1f}" if isinstance(n, float) else f"{n:,}"
    text = text[:-2] if text.endswith(".0") else text
    return text.replace(",", "\u00a0").replace(".", ",") if lang == "no" else text


def render_page(worksheet_id, lang, code_version=""):
    """The whole worksheet as static HTML: usable before Python has loaded in the browser."""
    mod = get(worksheet_id)
    t = strings(mod, lang)
    js_strings = t.subset(i18n.keys(JS_STRINGS))
    if hasattr(mod, "add_records"):
        js_strings["offer_add"] = t("offer_add")
    js_strings["item_labels"] = {name: t.table[key] for name, key in mod.ITEM_LISTS.items()}
    # "</" cannot end the JSON script element early, whatever the strings say.
    payload = json.dumps(js_strings, ensure_ascii=False).replace("</", "<\\/")
    toolbar = el(
        "div",
        *[
            el("button", t(key), type="button", data_action=action, class_="md-button")
            for key, action in (
                ("export_json", "export-json"),
                ("export_csv", "export-csv"),
                ("export_markdown", "export-markdown"),
            )
        ],
        el(
            "label",
            t("import_json"),
            el("input", type="file", accept=".json,application/json", data_action="import", class_="ws-file"),
            class_="md-button ws-import",
        ),
        el("button", t("share_link"), type="button", data_action="share-link", class_="md-button"),
        el("button", t("print_filled"), type="button", data_action="print", class_="md-button"),
        el("button", t("print_blank"), type="button", data_action="print-blank", class_="md-button"),
        *[
            el("button", t(key), type="button", data_action=action, class_="md-button")
            for key, action in getattr(mod, "TOOLBAR_EXTRA", ())
        ],
        el("button", t("clear_all"), type="button", data_action="clear", class_="md-button ws-danger"),
        role="toolbar",
        aria_label=t("toolbar_label"),
        class_="ws-toolbar",
    )
    return el(
        "div",
        el("script", Raw(payload), type="application/json", data_strings=""),
        el("p", t("privacy"), class_="ws-privacy"),
        el(
            "div",
            el("progress", aria_label=t("status_loading")),
            el("span", t("status_loading"), data_status_text=""),
            el("span", "", data_saved="", class_="ws-saved"),
            class_="ws-status",
            role="status",
            data_status="",
        ),
        toolbar,
        el("div", data_message="", class_="ws-message", role="alert", tabindex="-1"),
        el("section", data_link_panel="", class_="ws-link-panel", hidden=True),
        el("div", data_problems="", class_="ws-problems", role="status"),
        with_limits(mod.render_form(t), mod),
        el("div", mod.render_blank(t), class_="ws-blank", aria_hidden="true"),
        el("div", data_region="report", class_="ws-report", aria_hidden="true"),
        dock(t, mod.RESULT_HEADINGS[0]) if getattr(mod, "RESULT_HEADINGS", ()) else None,
        class_="ws",
        data_worksheet=mod.ID,
        data_lang=lang,
        data_storage_key=f"isp:{mod.ID}",
        data_format=mod.FORMAT,
        data_version=str(mod.VERSION),
        data_max_import_bytes=str(max_file_bytes(mod)),
        data_code_version=code_version,
        data_ready="false",
    )
