"""The narrow interface the browser's Web Worker calls: JSON in, JSON out."""

import json

from . import share, team, worksheets


def warm(worksheet_id, lang):
    """Get a worksheet ready before any reader's data reaches Python: its module imported and
    one view of an empty form made, which loads its strings and data. The browser's worker calls
    this on a first visit just before it keeps its start-up snapshot, so a later visit starts
    with the page's worksheet ready. An id or language it does not know warms nothing."""
    if worksheet_id in worksheets.MODULES and lang in ("en", "no"):
        worksheets.view(worksheet_id, None, lang)


def call(action, args_json):
    args = json.loads(args_json)
    ws, lang = args["worksheet"], args["lang"]
    if action == "view":
        result = worksheets.view(ws, args.get("data"), lang, args.get("site", ""))
    elif action == "export":
        result = worksheets.export(ws, args["format"], args.get("data"), lang, args.get("site", ""))
    elif action == "import":
        result = worksheets.load(ws, args["text"], lang, args.get("data"))
    elif action == "check-saved":
        # The browser's own saved entry, checked as a file is (the form's string values allowed).
        result = worksheets.load(ws, args["text"], lang, saved=True)
        result.pop("state", None)
        if not result["ok"]:
            # Said of the saved entry, not of a file; the specific reason goes with the details.
            t = worksheets.strings(worksheets.get(ws), lang)
            details = result.get("details") or [result["message"]]
            result = {"ok": False, "message": t("damaged_invalid"), "details": details}
    elif action == "share-link":
        result = share.make_link(ws, args.get("data"), lang, args.get("page", ""))
    elif action == "open-link":
        result = share.open_link(ws, args.get("payload"), lang, args.get("data"))
    elif action == "attach":
        result = worksheets.attach(ws, args["into"], args.get("files") or [], args.get("data"), lang)
    elif action == "team-add":
        # Files ({"name", "text"}) and pasted share links (one per line) into a team view.
        links = [{"link": line} for line in str(args.get("links") or "").splitlines() if line.strip()]
        result = team.collect(ws, args.get("team"), (args.get("files") or []) + links, lang)
    elif action == "team-adopt":
        # Once, on a page whose older version kept the team in the worksheet's own entry.
        result = team.adopt(ws, args.get("team"), args.get("saved"), lang)
    elif action == "team-view":
        result = team.page_view(ws, args.get("team"), lang, args.get("options"))
    elif action == "team-export":
        result = team.export(ws, args["format"], args.get("team"), lang, args.get("options"))
    else:
        raise ValueError(f"unknown action {action!r}")
    return json.dumps(result, ensure_ascii=False)
