"""The competency self-check's team summary on the command line, from several exported files
(a tool for trainers beside the build: the browser has its own team view).

    python -m sitebuild.team_summary a.json b.json ... [--format markdown|csv] [--lang en|no]
                                 [--labels A,B,...] [-o FILE]

The same checks and the same aggregation as the team view in the browser
(competency_self_check.team_summary). If any file cannot be read, nothing is written: the
problems go to standard error and the exit status is 2.
"""

import argparse
import sys
from pathlib import Path

from tools import competency_self_check as cs
from tools import worksheets
from tools.i18n import LANGS


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m sitebuild.team_summary",
        description="Summarise several exported competency self-checks as one team summary.",
    )
    parser.add_argument("files", nargs="+", type=Path, help="exported self-check files (JSON)")
    parser.add_argument(
        "--format", choices=("markdown", "csv"), default="markdown", help="output format (default: markdown)"
    )
    parser.add_argument("--lang", choices=LANGS, default="en", help="language of the summary (default: en)")
    parser.add_argument(
        "--labels",
        default=None,
        help="comma-separated labels for the people, in the order of the files "
        "(default: the name in each file, or Person 1, Person 2, ...)",
    )
    parser.add_argument("-o", "--output", type=Path, default=None, help="write to this file instead of stdout")
    return parser.parse_args(argv)


def summarise(paths, fmt="markdown", lang="en", labels=None):
    """(text, problems): the summary, or None and the translated reasons the files were refused."""
    mod = worksheets.get(cs.ID)
    t = worksheets.strings(mod, lang)
    if labels is not None and len(labels) != len(paths):
        return None, [t("cli_labels_count", labels=len(labels), files=len(paths))]
    if len(paths) > cs.TEAM_LIMIT:
        return None, [t("team_too_many", limit=cs.TEAM_LIMIT)]
    people, problems = [], []
    for i, path in enumerate(paths):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            problems.append(
                t(
                    "attach_file_problem",
                    filename=str(path),
                    message=t("cli_unreadable", reason=error.strerror or str(error)),
                )
            )
            continue
        limit = worksheets.max_file_bytes(cs)
        if len(data) > limit:
            problems.append(
                t(
                    "attach_file_problem",
                    filename=str(path),
                    message=t(
                        "import_too_large", filename=Path(path).name, size=-(-len(data) // 1000), limit=limit // 1000
                    ),
                )
            )
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(t("attach_file_problem", filename=str(path), message=t("import_not_utf8")))
            continue
        result = worksheets.load(cs.ID, text, lang, filename=Path(path).name)
        if not result["ok"]:
            problems.append(t("attach_file_problem", filename=str(path), message=result["message"]))
            problems += [f"{path}: {d}" for d in result.get("details", [])]
            continue
        state = result["state"]
        label = labels[i] if labels is not None else (state["name"].strip() or t("person_n", n=i + 1))
        people.append((label, cs.levels(state)))
    if problems:
        return None, problems
    text = cs.team_to_markdown(people, t) if fmt == "markdown" else cs.team_to_csv(people, t)
    return text, []


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    labels = [label.strip() for label in args.labels.split(",")] if args.labels is not None else None
    text, problems = summarise(args.files, args.format, args.lang, labels)
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
