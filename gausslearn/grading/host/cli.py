"""``gausslearn grade``: grade one submitted notebook, or every notebook in a folder into a CSV gradebook.

Exit status: 0 whenever grading happened (lost points included), 2 for usage errors (bad options, a path
that does not exist, a folder without ``--out``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gausslearn grade",
        description="Grade one submitted notebook, or every *.ipynb under a folder (recursively) into a CSV.")
    p.add_argument("path", help="a submitted .ipynb file, or a folder of them")
    p.add_argument("--json", action="store_true", help="print exactly one JSON object (single file only)")
    p.add_argument("--seed", type=int, default=0, help="seed of the tests' random inputs (default 0)")
    p.add_argument("--out", help="gradebook CSV to write when PATH is a folder (resumed if it exists)")
    p.add_argument("-j", "--jobs", type=int, default=1, help="submissions graded in parallel (folder only)")
    p.add_argument("--timeout", type=float, help="seconds one call may take (default: the exercise's setting)")
    p.add_argument("--budget", type=float, default=120.0,
                   help="seconds the learner's process may use for one submission in total (default 120)")
    p.add_argument("--memory", type=int, default=4096, help="memory limit of the learner's process in MB (default 4096)")
    p.add_argument("--templates", help="folder of clean exercise notebooks (default: the project's exercises/)")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run ``gausslearn grade``; return the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help gives 0, usage errors 2
        return int(exc.code or 0)
    path = Path(args.path)
    for flag, value in (("--timeout", args.timeout), ("--budget", args.budget), ("--memory", args.memory)):
        if value is not None and not value > 0:
            print(f"gausslearn grade: {flag} must be a positive number", file=sys.stderr)
            return 2
    from gausslearn.grading.host.runner import undumpable

    undumpable()  # learner code running as this user cannot open /proc/<this pid>/fd/1 to forge our output
    options = {"templates": args.templates, "timeout_per_call": args.timeout, "budget": args.budget,
               "memory_mb": args.memory}
    if args.templates and not Path(args.templates).is_dir():
        parser.print_usage(sys.stderr)
        print(f"gausslearn grade: --templates {args.templates} is not a folder", file=sys.stderr)
        return 2
    if path.is_dir():
        if not args.out:
            parser.print_usage(sys.stderr)
            print("gausslearn grade: grading a folder needs --out GRADEBOOK.csv", file=sys.stderr)
            return 2
        if args.jobs < 1:
            print("gausslearn grade: -j must be at least 1", file=sys.stderr)
            return 2
        from gausslearn.grading.host.gradebook import NotAGradebook, grade_folder

        try:
            summary = grade_folder(path, Path(args.out), jobs=args.jobs, seed=args.seed, options=options,
                                   progress=None if args.json else print)
        except NotAGradebook as exc:
            print(f"gausslearn grade: {exc}", file=sys.stderr)
            return 2
        if args.json:
            print(json.dumps(summary))
        return 0
    if not path.exists():
        print(f"gausslearn grade: {path} does not exist", file=sys.stderr)
        return 2
    if args.out:
        print("gausslearn grade: --out is for folders; for one file use --json and redirect", file=sys.stderr)
        return 2
    from gausslearn.grading.host.judge import grade_notebook

    report = grade_notebook(path, seed=args.seed, **options)
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), allow_nan=False, ensure_ascii=False) + "\n")
    else:
        print(report.to_text())
    return 0
