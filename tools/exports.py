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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_text(value):
    """Escape Markdown and HTML so user text renders as the same text, never as markup."""
    text = _MD_SPECIAL.sub(r"\\\1", str(value or ""))
    return text.replace("&", "&amp;")


def md_cell(value):
    lines = [md_text(line) for line in str(value or "").splitlines()]
    return "<br>".join(line for line in lines if line.strip()) or " "


def md_table(header, rows):
    out = ["| " + " | ".join(md_text(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)
