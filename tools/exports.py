"""Text exports shared by the worksheets: spreadsheet-safe CSV and escaped Markdown."""

import csv
import io
import re

# A cell that starts with one of these is run as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def csv_cell(value):
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def csv_text(sections):
    """sections: list of (title, header, rows); a blank line between sections."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for i, (title, header, rows) in enumerate(sections):
        if i:
            writer.writerow([])
        if title:
            writer.writerow([csv_cell(title)])
        writer.writerow([csv_cell(h) for h in header])
        for row in rows:
            writer.writerow([csv_cell(c) for c in row])
    # A byte-order mark lets spreadsheet programs read æ, ø and å correctly.
    return "\ufeff" + buf.getvalue()


# Characters that are markup wherever they stand in running text: backslash escapes, code
# spans, emphasis, links and images (no link can form once its brackets are escaped, so "(" and
# ")" stay as typed), table cells and GFM strikethrough. "_" is emphasis only at a word's edge.
_MD_ANYWHERE = re.compile(r"[\\`*\[\]|~]|(?<![^\W_])_|_(?![^\W_])")
# What is markup only at the start of a line: headings, block quotes, lists (bullets, "1." and
# "1)"), setext underlines and fenced code; leading spaces would make indented code. And at
# its end: "#"s after a space, which a heading's line would drop as its closing sequence.
_MD_LINE_START = re.compile(r"^([#>+=-]|\d{1,9}(?=[.)]))")
_MD_LINE_END = re.compile(r"(?<=\s)#(?=#*\s*$)")


def _md_escape(match):
    return "\\" + match.group(0)


def md_text(value):
    """Escape what Markdown and HTML would read as markup, and only that, so user text renders as
    the same text ("GPs (regular ones)!" stays as typed)."""
    lines = []
    for line in str(value or "").splitlines() or [""]:
        line = line.replace("&", "&amp;").replace("<", "&lt;")
        line = _MD_ANYWHERE.sub(_md_escape, line.lstrip(" \t"))
        line = _MD_LINE_END.sub(_md_escape, line)
        start = _MD_LINE_START.match(line)
        if start:
            # "1." is escaped on its dot ("1\."), the other marks on themselves.
            mark = start.group(0)
            line = (mark + "\\" + line[len(mark) :]) if mark[0].isdigit() else "\\" + line
        lines.append(line)
    return "\n".join(lines)


def md_cell(value):
    lines = [md_text(line) for line in str(value or "").splitlines()]
    return "<br>".join(line for line in lines if line.strip()) or " "


def md_table(header, rows):
    out = ["| " + " | ".join(md_text(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)
