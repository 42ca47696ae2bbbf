"""``gausslearn grade``: grade one submitted notebook, or every file in a folder into a CSV gradebook, with
per-student exports and feedback files.

Exit status (:func:`exit_code`; the same for one file and for a folder, where the worst file decides):

- 0: every submission was graded: its hidden tests ran and its score stands (lost points, a ``timeout`` or a
  ``crash`` of the learner's code included);
- 1: at least one file could not be graded (``invalid-notebook``, ``unknown-exercise``, ``no-answers``): look
  at its notes; the other files were graded;
- 2: usage error (bad options, a path that does not exist, a folder without ``--out``, an unusable roster);
  nothing was graded;
- 3: the grader itself failed on at least one file (``grader-error``, ``error``): its score may be wrong and
  is not the learner's fault; report it to the course's developers;
- 4: ``--require-sandbox`` was given and a sandbox layer is missing on this machine: nothing was graded (the
  message names each missing layer and what to install).

A roster student without a file (status ``missing``) does not change the exit status: the summary counts them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from gausslearn.grading.results import GRADER_FAILED, NOT_GRADABLE

EXIT_GRADED, EXIT_NOT_GRADABLE, EXIT_USAGE, EXIT_GRADER_FAILED, EXIT_NO_SANDBOX = 0, 1, 2, 3, 4


def exit_code(statuses: Iterable[str]) -> int:
    """The exit status for reports with these statuses (see the module's docstring).

    Examples
    --------
    >>> exit_code(["graded", "timeout", "missing"]), exit_code(["graded", "invalid-notebook"])
    (0, 1)
    >>> exit_code(["no-answers", "grader-error"])
    3
    """
    statuses = set(statuses)
    if statuses & set(GRADER_FAILED):
        return EXIT_GRADER_FAILED
    return EXIT_NOT_GRADABLE if statuses & set(NOT_GRADABLE) else EXIT_GRADED


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gausslearn grade",
        description="Grade one submitted notebook, or every file under a folder (recursively) into a CSV "
                    "gradebook. Exit status: 0 all graded, 1 a file could not be graded, 2 usage error, "
                    "3 the grader failed on a file, 4 --require-sandbox and the sandbox is incomplete.")
    p.add_argument("path", help="a submitted .ipynb file, or a folder of submissions")
    p.add_argument("--json", action="store_true",
                   help="print exactly one JSON object: the report (one file) or the batch summary (a folder)")
    p.add_argument("--seed", type=int, default=0, help="seed of the tests' random inputs (default 0)")
    p.add_argument("--exercise", metavar="ID",
                   help="grade as this exercise whatever the notebook's metadata says (an old id means its new one)")
    p.add_argument("--timeout", type=float, help="seconds one call may take (default: the exercise's setting)")
    p.add_argument("--budget", type=float, default=120.0,
                   help="seconds the learner's process may use for one submission in total (default 120)")
    p.add_argument("--memory", type=int, default=4096, help="memory limit of the learner's process in MB (default 4096)")
    p.add_argument("--templates", help="folder of clean exercise notebooks (default: the project's exercises/)")
    p.add_argument("--require-sandbox", action="store_true",
                   help="grade nothing (exit 4) unless every sandbox layer is available here")
    batch = p.add_argument_group("grading a folder")
    batch.add_argument("--out", metavar="CSV", help="the gradebook to write (resumed: unchanged rows are kept)")
    batch.add_argument("-j", "--jobs", type=int, default=1, help="submissions graded in parallel")
    batch.add_argument("--regrade", action="store_true", help="grade every file again, even unchanged ones")
    batch.add_argument("--roster", metavar="CSV",
                       help="the class: id,name[,email]; adds a 'missing' row for every exercise a student lacks")
    batch.add_argument("--student-pattern", metavar="REGEX",
                       help="a regular expression with a group (?P<student>...) searched in each file's path, "
                            "instead of the default rules (Moodle, Canvas, folder, file name)")
    batch.add_argument("--assigned", metavar="ID[,ID...]",
                       help="the exercises every roster student should hand in (default: those found)")
    batch.add_argument("--feedback", metavar="DIR", help="write <student>.md and <student>.html feedback files here")
    batch.add_argument("--table", metavar="CSV", help="write the per-student table (one column per exercise)")
    batch.add_argument("--canvas", metavar="CSV", help="write Canvas's gradebook import file")
    batch.add_argument("--moodle", metavar="CSV", help="write Moodle's CSV grade import file")
    return p


def _usage(parser: argparse.ArgumentParser, message: str) -> int:
    parser.print_usage(sys.stderr)
    print(f"gausslearn grade: {message}", file=sys.stderr)
    return EXIT_USAGE


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
            return _usage(parser, f"{flag} must be a positive number")
    if args.templates and not Path(args.templates).is_dir():
        return _usage(parser, f"--templates {args.templates} is not a folder")
    from gausslearn.grading.host import judge
    from gausslearn.grading.host.submission import resolve_exercise

    known = judge.known_exercises()
    wanted = [args.exercise] if args.exercise else []
    wanted += [a.strip() for a in args.assigned.split(",")] if args.assigned else []
    for given in wanted:
        if resolve_exercise(given, known)[0] is None:
            return _usage(parser, f"{given!r} is not an exercise this grader knows; known: {', '.join(known)}")
    if args.require_sandbox:
        from gausslearn.grading.host import sandbox

        try:
            sandbox.require(sandbox.for_grading())
        except sandbox.SandboxMissing as exc:
            print(f"gausslearn grade: {exc}", file=sys.stderr)
            return EXIT_NO_SANDBOX
    from gausslearn.grading.host.runner import undumpable

    undumpable()  # learner code running as this user cannot open /proc/<this pid>/fd/1 to forge our output
    options = {"templates": args.templates, "timeout_per_call": args.timeout, "budget": args.budget,
               "memory_mb": args.memory}
    if args.exercise:
        options["exercise"] = args.exercise
    if path.is_dir():
        return _grade_folder(parser, args, path, options, known)
    if not path.exists() and not path.is_symlink():
        return _usage(parser, f"{path} does not exist")
    folder_only = [f for f in ("out", "roster", "student_pattern", "assigned", "feedback", "table", "canvas", "moodle")
                   if getattr(args, f)]
    if folder_only:
        return _usage(parser, f"--{folder_only[0].replace('_', '-')} is for grading a folder; for one file use "
                              "--json and redirect")
    from gausslearn.grading.host.limits import Limits
    from gausslearn.grading.host.runner import prestart

    # The learner's warm process (the zygote) starts now, in the background, while the grader reads the notebook
    # and imports the hidden tests; grade_notebook then finds it (same project, same hidden folders).
    prestart(Limits.for_submission(budget=args.budget, memory_mb=args.memory), hide=(path.resolve().parent,))
    report = judge.grade_notebook(path, seed=args.seed, **options)
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), allow_nan=False, ensure_ascii=False) + "\n")
    else:
        print(report.to_text())
    return exit_code([report.status])


def _grade_folder(parser: argparse.ArgumentParser, args: argparse.Namespace, path: Path, options: dict,
                  known: list[str]) -> int:
    from gausslearn.grading.host import exports, feedback
    from gausslearn.grading.host.gradebook import NotAGradebook, grade_folder, load_report, read_rows
    from gausslearn.grading.host.roster import RosterError, compile_pattern, read_roster
    from gausslearn.grading.host.submission import resolve_exercise

    if not args.out:
        return _usage(parser, "grading a folder needs --out GRADEBOOK.csv")
    if args.jobs < 1:
        return _usage(parser, "-j must be at least 1")
    try:
        pattern = compile_pattern(args.student_pattern) if args.student_pattern else None
        roster = read_roster(args.roster) if args.roster else None
    except (ValueError, RosterError) as exc:
        return _usage(parser, str(exc))
    assigned = [resolve_exercise(a.strip(), known)[0] for a in args.assigned.split(",")] if args.assigned else None
    outputs = [Path(p) for p in (args.feedback, args.table, args.canvas, args.moodle) if p]
    try:
        batch = grade_folder(path, Path(args.out), jobs=args.jobs, seed=args.seed, options=options,
                             progress=None if args.json else print, regrade=args.regrade, roster=roster,
                             pattern=pattern, assigned=assigned, exclude=tuple(outputs))  # type: ignore[arg-type]
    except NotAGradebook as exc:
        return _usage(parser, str(exc))
    rows = read_rows(Path(args.out))
    if args.feedback or args.table or args.canvas or args.moodle:
        records = exports.per_student(rows, batch.exercises, roster)
        maximum = exports.maxima(rows, batch.exercises)
        if args.table:
            exports.write_table(Path(args.table), records, batch.exercises, maximum)
        if args.canvas:
            exports.write_canvas(Path(args.canvas), records, batch.exercises, maximum)
        if args.moodle:
            exports.write_moodle(Path(args.moodle), records, batch.exercises)
        if args.feedback:
            reports = {r["file"]: load_report(Path(args.out), r) or {} for r in rows if r["file"]}
            feedback.write_feedback(Path(args.feedback), records, batch.exercises, maximum, reports)
    if args.json:
        print(json.dumps(batch.to_dict()))
    else:
        print("\n".join(batch.lines()))
    return exit_code(r["status"] for r in rows)
