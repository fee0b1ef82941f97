"""A team summary on the command line, from several exported files of one worksheet (the
competency self-check, the VI worksheet or the stakeholder matrix; a tool for trainers beside
the build: the browser has its own team views).

    python -m sitebuild.team_summary a.json b.json ... [--format markdown|csv|json] [--lang en|no]
                                 [--labels A,B,...] [-o FILE]

The worksheet is found from each file's format; team files (a team view's JSON export) bring
their people too. The same checks and the same aggregation as the team views in the browser
(tools/team.py collect, and the worksheet's team module). If any file cannot be read, nothing
is written: the problems go to standard error and the exit status is 2. A result given twice is
counted once, with a note on standard error.
"""

import argparse
import sys
from pathlib import Path

from tools import team, worksheets
from tools.i18n import LANGS, Strings


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m sitebuild.team_summary",
        description="Summarise several exported worksheet files (of one worksheet) as one team view.",
    )
    parser.add_argument("files", nargs="+", type=Path, help="exported worksheet or team files (JSON)")
    parser.add_argument(
        "--format",
        choices=("markdown", "csv", "json"),
        default="markdown",
        help="output format (default: markdown; json writes a team file the browser imports)",
    )
    parser.add_argument("--lang", choices=LANGS, default="en", help="language of the summary (default: en)")
    parser.add_argument(
        "--labels",
        default=None,
        help="comma-separated labels for the people, in the order of the files "
        "(default: the name in each file, or the file's name)",
    )
    parser.add_argument("-o", "--output", type=Path, default=None, help="write to this file instead of stdout")
    return parser.parse_args(argv)


def _read(path, t, limit):
    """(text, None) or (None, problem)."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        reason = t("cli_unreadable", reason=error.strerror or str(error))
        return None, t("attach_file_problem", filename=str(path), message=reason)
    if len(data) > limit:
        size, most = -(-len(data) // 1000), limit // 1000
        message = t("import_too_large", filename=Path(path).name, size=size, limit=most)
        return None, t("attach_file_problem", filename=str(path), message=message)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, t("attach_file_problem", filename=str(path), message=t("import_not_utf8"))


def summarise(paths, fmt="markdown", lang="en", labels=None):
    """(text, problems, notes): the summary, or None and the translated reasons the files were
    refused; notes: results given twice (left out)."""
    t = Strings(None, lang)
    if labels is not None and len(labels) != len(paths):
        return None, [t("cli_labels_count", labels=len(labels), files=len(paths))], []
    limit = max(worksheets.max_file_bytes(team.get(w)) for w in team.KINDS)
    texts, problems, found = [], [], {}
    for path in paths:
        text, problem = _read(path, t, limit)
        if problem:
            problems.append(problem)
            continue
        kind = team.detect(text)
        if kind is None:
            _, reason = worksheets.parse(text, t, limit, Path(path).name)
            problems.append(
                t("attach_file_problem", filename=str(path), message=reason)
                if reason
                else t("tv_unknown_file", filename=str(path))
            )
            continue
        found.setdefault(kind[0], []).append(str(path))
        texts.append((path, text))
    if len(found) > 1:
        problems.append(t("tv_mixed", found=", ".join(sorted(found))))
    if len(found) != 1:
        return None, problems, []
    worksheet_id = next(iter(found))
    items = [{"name": str(path), "text": text} for path, text in texts]
    result = team.collect(worksheet_id, None, items, lang)
    wt = worksheets.strings(team.get(worksheet_id), lang)
    if not result["ok"]:
        return None, [*problems, result["message"]], []
    for r in result["refused"]:
        problems += [r["message"], *r["details"]]
    if problems:
        return None, problems, []
    data = result["team"]
    if labels is not None:
        by_source = {str(path): label for path, label in zip(paths, labels, strict=True)}
        data["members"] = [{**m, "label": by_source.get(m["source"], m["label"])[:100]} for m in data["members"]]
    notes = [wt("tv_duplicate_of", name=d["name"], same_as=d["same_as"]) for d in result["duplicates"]]
    return team.export(worksheet_id, fmt, data, lang)["text"], [], notes


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    labels = [label.strip() for label in args.labels.split(",")] if args.labels is not None else None
    text, problems, notes = summarise(args.files, args.format, args.lang, labels)
    for line in notes:
        print(line, file=sys.stderr)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        return 2
    if args.output:
        args.output.write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
