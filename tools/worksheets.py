"""What every worksheet shares: its saved-file format, import checks, exports and page shell.

A worksheet is one module with ID, FORMAT, VERSION, STRINGS, SCHEMA, ITEM_LISTS,
view(state, t), to_csv(state, t), to_markdown(state, t), render_form(t) and render_blank(t).
Optional: LOCAL_ONLY (top-level keys kept in the browser but never written into files),
ATTACH ({name: handler(state, [(filename, other_state)], t)} for files brought into the data,
see attach) and EXPORTS ({format: make(state, t) -> {filename, mime, text}}).
"""
import importlib
import json

from .html import Raw, el, join
from .i18n import Strings

# Worksheet id -> module in this package. Imported on first use: a page's Web Worker then
# compiles only its own worksheet's code, which shortens the wait for Python on that page.
MODULES = {
    "stakeholder-matrix": "stakeholder_matrix",
    "vi-worksheet": "vi_worksheet",
    "competency-self-check": "competency_self_check",
}
MAX_ATTACH_FILES = 200
MAX_IMPORT_BYTES = 1_000_000

# Strings the JavaScript layer shows itself (status, confirmations, file messages).
JS_STRINGS = (
    "status_loading", "status_step_runtime", "status_step_start", "status_step_code",
    "status_ready", "status_failed", "saved", "storage_failed", "confirm_clear", "confirm_import",
    "cleared", "imported", "exported", "not_ready", "import_too_large", "move_up", "move_down",
    "remove", "error_heading", "confirm_remove_item", "copy_name", "removed_item",
)


def get(worksheet_id):
    try:
        name = MODULES[worksheet_id]
    except KeyError:
        raise ValueError(f"unknown worksheet {worksheet_id!r}") from None
    return importlib.import_module(f".{name}", __package__)


def strings(mod, lang, site=""):
    return Strings(mod.STRINGS, lang, site)


def clean(mod, data, t):
    """Validated, complete data, and the list of problems found (translated)."""
    errors = []
    state = mod.SCHEMA.clean(data if data is not None else {}, "", t, errors)
    return state, errors


def document(mod, state):
    """The saved-file form of a worksheet's data: the same in every language."""
    local = getattr(mod, "LOCAL_ONLY", ())
    return {"format": mod.FORMAT, "version": mod.VERSION,
            "data": {k: v for k, v in state.items() if k not in local}}


def load(worksheet_id, text, lang, current=None, filename=""):
    """Read an imported file. Never partly: either the whole, valid data or a message.

    current: the data in the worksheet now; its LOCAL_ONLY parts (never in files) are kept.
    """
    mod = get(worksheet_id)
    t = strings(mod, lang)
    if len(text.encode("utf-8")) > MAX_IMPORT_BYTES:
        return {"ok": False, "message": t("import_too_large", filename=filename, size=len(text.encode()) // 1000,
                                          limit=MAX_IMPORT_BYTES // 1000)}
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return {"ok": False, "message": t("import_not_json")}
    if not isinstance(doc, dict) or doc.get("format") != mod.FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else None
        return {"ok": False, "message": t("import_wrong_format", expected=t("format_label"),
                                          found=str(found)[:60] if found is not None else "–")}
    if doc.get("version") != mod.VERSION:
        return {"ok": False, "message": t("import_wrong_version", found=str(doc.get("version"))[:20],
                                          expected=mod.VERSION)}
    state, errors = clean(mod, doc.get("data"), t)
    if errors:
        return {"ok": False, "message": t("import_invalid"), "details": errors[:20]}
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


def view(worksheet_id, data, lang):
    mod = get(worksheet_id)
    t = strings(mod, lang)
    state, errors = clean(mod, data, t)
    result = mod.view(state, t)
    result["errors"] = errors
    return result


def export(worksheet_id, fmt, data, lang, site=""):
    """site: the site's root address in the reader's browser, for links in Markdown exports."""
    mod = get(worksheet_id)
    t = strings(mod, lang, site)
    state, _ = clean(mod, data, t)
    if fmt in getattr(mod, "EXPORTS", {}):
        return mod.EXPORTS[fmt](state, t)
    stem = t("file_stem")
    if fmt == "json":
        text = json.dumps(document(mod, state), ensure_ascii=False, indent=2) + "\n"
        return {"filename": f"{stem}.json", "mime": "application/json", "text": text}
    if fmt == "csv":
        return {"filename": f"{stem}.csv", "mime": "text/csv", "text": mod.to_csv(state, t)}
    if fmt == "markdown":
        return {"filename": f"{stem}.md", "mime": "text/markdown", "text": mod.to_markdown(state, t)}
    raise ValueError(f"unknown export format {fmt!r}")


def render_page(worksheet_id, lang, code_version=""):
    """The whole worksheet as static HTML: usable before Python has loaded in the browser."""
    mod = get(worksheet_id)
    t = strings(mod, lang)
    js_strings = t.subset(JS_STRINGS)
    js_strings["item_labels"] = {name: t.table[key] for name, key in mod.ITEM_LISTS.items()}
    # "</" cannot end the JSON script element early, whatever the strings say.
    payload = json.dumps(js_strings, ensure_ascii=False).replace("</", "<\\/")
    toolbar = el(
        "div",
        *[el("button", t(key), type="button", data_action=action, class_="md-button")
          for key, action in (("export_json", "export-json"), ("export_csv", "export-csv"),
                              ("export_markdown", "export-markdown"))],
        el("label", t("import_json"), el("input", type="file", accept=".json,application/json",
                                          data_action="import", class_="ws-file"),
           class_="md-button ws-import"),
        el("button", t("print_filled"), type="button", data_action="print", class_="md-button"),
        el("button", t("print_blank"), type="button", data_action="print-blank", class_="md-button"),
        el("button", t("clear_all"), type="button", data_action="clear", class_="md-button ws-danger"),
        role="toolbar", aria_label=t("toolbar_label"), class_="ws-toolbar")
    return el(
        "div",
        el("script", Raw(payload), type="application/json", data_strings=""),
        el("p", t("privacy"), class_="ws-privacy"),
        el("div", el("progress", aria_label=t("status_loading")), el("span", t("status_loading"), data_status_text=""),
           class_="ws-status", role="status", data_status=""),
        toolbar,
        el("div", data_message="", class_="ws-message", role="alert", tabindex="-1"),
        mod.render_form(t),
        el("div", mod.render_blank(t), class_="ws-blank", aria_hidden="true"),
        el("div", data_region="report", class_="ws-report", aria_hidden="true"),
        class_="ws", data_worksheet=mod.ID, data_lang=lang, data_storage_key=f"isp:{mod.ID}",
        data_format=mod.FORMAT, data_version=str(mod.VERSION), data_max_import_bytes=str(MAX_IMPORT_BYTES),
        data_code_version=code_version, data_ready="false")
