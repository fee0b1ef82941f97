"""The term base (sitebuild/data/terms.json) and a checker that finds rejected Norwegian variants.

The checker reads Norwegian text only: the pages under docs/no/, the "no" half of every
worksheet string table, and every string under a "no" key in the data files. It reports
the file, the line and the approved term for each rejected variant it finds.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
TERMS_FILE = DATA / "terms.json"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    found: str
    approved: str
    reason: str

    def __str__(self):
        return f"{self.path}:{self.line}: «{self.found}» – bruk «{self.approved}» ({self.reason})"


@cache
def term_base():
    return json.loads(TERMS_FILE.read_text(encoding="utf-8"))


def rules(base=None):
    """(compiled pattern, approved term, reason) for every rejected variant with a pattern."""
    base = base or term_base()
    out = []
    for term in base["terms"]:
        for variant in term["rejected"]:
            if variant.get("pattern"):
                # A space in a pattern stands for any run of whitespace, line breaks included: a
                # rejected phrase wrapped across two lines of a page is still the same phrase.
                pattern = variant["pattern"].replace(" ", r"\s+")
                out.append((re.compile(pattern, re.IGNORECASE), term["no"], variant["reason"]))
    return out


def check_text(text, path="<text>", first_line=1, base=None):
    """Findings in a piece of Norwegian text; line numbers count from first_line."""
    findings = []
    for pattern, approved, reason in rules(base):
        for match in pattern.finditer(text):
            line = first_line + text.count("\n", 0, match.start())
            found = " ".join(match.group(0).split())  # one line in the report, however it was wrapped
            findings.append(Finding(path, line, found, approved, reason))
    return findings


def norwegian_strings(value, inside=False):
    """Every string in a JSON value that sits under a "no" key."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from norwegian_strings(item, inside or key == "no")
    elif isinstance(value, list):
        for item in value:
            yield from norwegian_strings(item, inside)
    elif isinstance(value, str) and inside:
        yield value


def check_json(raw, path="<json>", base=None):
    """Findings in the Norwegian strings of a JSON document, with the line each string is on."""
    findings, cursor = [], 0
    # The strings come in file order, so each is looked for after the one before it: an
    # English twin with the same words earlier in the file is not taken for it.
    for text in norwegian_strings(json.loads(raw)):
        encoded = json.dumps(text, ensure_ascii=False)
        at = raw.find(encoded, cursor)
        if at < 0:  # written with other escapes than json.dumps uses
            at = raw.find(encoded[1:-1])
        else:
            cursor = at + len(encoded)
        line = raw.count("\n", 0, at) + 1 if at >= 0 else 0
        findings.extend(check_text(text, path, line, base))
    return findings


def check_tree(root, base=None):
    """Findings in the project's Norwegian text: docs/no, tools/strings, tools/data and the
    build's data and string files (sitebuild/data: the glossary, the cases, the trainer links,
    the workshop kit)."""
    root = Path(root)
    findings = []
    for page in sorted((root / "docs" / "no").rglob("*.md")):
        findings.extend(check_text(page.read_text(encoding="utf-8"), page.relative_to(root).as_posix(), 1, base))
    for folder in (root / "tools" / "strings", root / "tools" / "data", root / "sitebuild" / "data"):
        for path in sorted(folder.rglob("*.json")):
            if path.resolve() == TERMS_FILE.resolve():
                continue
            findings.extend(check_json(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix(), base))
    return findings
