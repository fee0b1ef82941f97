"""A worksheet in a link: the saved-file document, compressed, in the address's fragment.

A share link is `<worksheet page>#share=<payload>`. The payload is the JSON export (the same
{"format", "version", "data"} document a file holds, written compactly), compressed with raw
DEFLATE (what the browser's CompressionStream("deflate-raw") writes) and encoded as base64url
without padding. Browsers never send the part after `#` to a server, so the data stays with
whoever holds the link. Opening a link runs the same checks as importing a file.
"""

import base64
import binascii
import json
import re
import zlib

from . import worksheets
from .i18n import LANG_FOLDER
from .worksheets import MAX_LINK_CHARS

FRAGMENT_KEY = "share"
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]*")


def page_path(worksheet_id, lang):
    worksheets.get(worksheet_id)  # an unknown id is an error here, not a broken link
    return f"{LANG_FOLDER[lang]}worksheets/{worksheet_id}/"


def encode(document):
    """The payload for a saved-file document (a dict)."""
    return encode_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")))


def encode_text(text):
    """The payload for any text (the document's JSON, as encode writes it)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(text.encode("utf-8")) + packer.flush()
    return base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")


class Refused(ValueError):
    """A payload that cannot be read: .reason is "damaged", "too_long" (longer than any link the
    site makes) or "too_large" (unpacks into more than a file may hold)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def decode(payload, limit_bytes):
    """The document's JSON text from a payload, or Refused. Never inflates more than
    limit_bytes (a small link must not unpack into something huge)."""
    if (
        not isinstance(payload, str)
        or not payload
        or len(payload) > MAX_LINK_CHARS
        or not _PAYLOAD.fullmatch(payload)
        or len(payload) % 4 == 1
    ):
        raise Refused("too_long" if isinstance(payload, str) and len(payload) > MAX_LINK_CHARS else "damaged")
    try:
        packed = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    except (binascii.Error, ValueError):
        raise Refused("damaged") from None
    unpacker = zlib.decompressobj(-15)
    try:
        raw = unpacker.decompress(packed, limit_bytes + 1)
    except zlib.error:
        raise Refused("damaged") from None
    if len(raw) > limit_bytes or unpacker.unconsumed_tail:
        raise Refused("too_large")
    # A cut-off link ends before the compressed stream does; bytes after its end are not ours.
    if not unpacker.eof or unpacker.unused_data:
        raise Refused("damaged")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("damaged") from None


def make_link(worksheet_id, data, lang, page=""):
    """The share link for the worksheet's data: {"ok", "link", "chars"}, or {"ok": False,
    "message"} when the data is too much for a link (the file route then). page: the worksheet
    page's address as the reader's browser has it, without its fragment."""
    mod = worksheets.get(worksheet_id)
    t = worksheets.strings(mod, lang)
    state, errors = worksheets.clean(mod, data, t)
    if errors:
        # A link that would be refused when opened is not made.
        return {"ok": False, "message": t("share_needs_fixing"), "details": errors[:20]}
    page = page.split("#", 1)[0] if isinstance(page, str) else ""
    link = f"{page}#{FRAGMENT_KEY}={encode(worksheets.document(mod, state))}"
    if len(link) > MAX_LINK_CHARS:
        return {
            "ok": False,
            "message": t(
                "share_too_long",
                chars=worksheets.number(len(link), lang),
                limit=worksheets.number(MAX_LINK_CHARS, lang),
            ),
        }
    return {
        "ok": True,
        "link": link,
        "chars": len(link),
        "message": t("share_length", chars=worksheets.number(len(link), lang)),
    }


def open_link(worksheet_id, payload, lang, current=None):
    """What a share link holds, checked as an imported file is.

    {"ok": True, "state", "summary": [lines], "added"?: state, "added_problem"?: message}:
    "state" replaces the worksheet's data (its browser-only parts are kept); where the worksheet
    keeps several records (its module has add_records), "added" is the current data with the link's records
    added as new ones. {"ok": False, "message", "details"?, "open_on"?: {"worksheet", "path"}}
    when the link cannot be used; open_on names the worksheet page the link belongs to.
    """
    mod = worksheets.get(worksheet_id)
    t = worksheets.strings(mod, lang)
    limit = worksheets.max_file_bytes(mod)
    try:
        text = decode(payload, limit)
    except Refused as refused:
        if refused.reason == "too_large":
            return {"ok": False, "message": t("link_too_large", limit=worksheets.number(limit // 1000, lang))}
        if refused.reason == "too_long":
            return {"ok": False, "message": t("link_too_long", limit=worksheets.number(MAX_LINK_CHARS, lang))}
        return {"ok": False, "message": t("link_damaged")}
    result = worksheets.load(worksheet_id, text, lang, current, source="link")
    if not result["ok"]:
        # Refused: said better if it is another worksheet's (parsed again only then).
        other = _other_worksheet(text, mod)
        if other:
            name = worksheets.strings(other, lang)("format_label")
            return {
                "ok": False,
                "message": t("link_other_worksheet", found=name, expected=t("format_label")),
                "open_on": {"label": t("link_open_on", name=name), "path": page_path(other.ID, lang)},
            }
        return result
    state = result["state"]
    out = {"ok": True, "state": state, "summary": mod.summary(state, t)}
    adder = getattr(mod, "add_records", None)
    if adder:
        mine, _ = worksheets.clean(mod, current, t)
        added, names = adder(mine, state, t)
        out.update({"added": added, "added_names": names} if added is not None else {"added_problem": names})
    return out


def _other_worksheet(text, mod):
    """The worksheet module whose file this is, if it is another worksheet's."""
    if worksheets.too_deep(text):
        return None  # load() refuses it, before parsing
    try:
        found = json.loads(text).get("format")
    except (ValueError, AttributeError, RecursionError):
        return None
    for worksheet_id in worksheets.MODULES:
        other = worksheets.get(worksheet_id)
        if found == other.FORMAT and other is not mod:
            return other
    return None
