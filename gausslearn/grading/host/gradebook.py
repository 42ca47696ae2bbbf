"""Grade a folder of submissions into one CSV gradebook: every file and every student accounted for, fresh,
atomic, formula-safe, parallel.

- **Every file** under the folder gets exactly one row (recursively; hidden files and folders such as
  ``.ipynb_checkpoints`` are skipped and counted). A file that is not a notebook (a PDF, a text file, a link)
  gets status ``invalid-notebook`` and a note that says what to hand in instead.
- Columns :data:`COLUMNS`: ``file`` (relative to the folder), ``student`` and ``name`` (see
  :mod:`gausslearn.grading.host.roster`), ``exercise``, ``score``, ``max_score``, ``status``, ``seed``,
  ``duration``, ``failed`` (titles of failed tests), ``notes``, ``sha256`` of the file, ``key`` (the digest of
  everything that decides the result: :mod:`gausslearn.grading.host.freshness`) and ``grader_version``.
- With a roster, every roster student without a file for an exercise of the batch gets a row with status
  ``missing`` (no file; the exercises of the batch are those graded, or ``assigned``).
- **Fresh**: a re-run keeps a row only when its key is unchanged (the submission, its exercise's hidden tests
  and template, the grader, the seed and the limits); everything else is graded again. ``regrade=True`` grades
  everything again.
- **Whole**: the CSV is written to a temporary file in the same folder, flushed to disk and moved over the
  gradebook with ``os.replace``: a crash leaves the old or the new file, never half of one. It is rewritten at
  most every :data:`CSV_INTERVAL` seconds while a batch runs, and at its end (at 2400 rows one rewrite takes
  20-30 ms of the main process's CPU time; rewriting after every submission made a class of 300 x 8 take 155 s
  instead of 137 s on 2 cores, in two runs on the same idle machine). Each report
  (every test with its feedback) is written as JSON to ``<gradebook>.reports/`` the moment its submission is
  graded, for the feedback files and the exports; it is also the journal: a batch interrupted before the CSV
  listed a submission keeps that submission's report when it is run again (same file and key), as it keeps the
  CSV's rows.
- **Formula-safe**: a text cell that a spreadsheet would evaluate (starting with ``= + - @``, tab or carriage
  return, the OWASP "CSV injection" list) gets a leading apostrophe; so does a cell whose text after leading
  apostrophes would need one, so that reading back is unambiguous. Other text, ``'reflect'`` included, is
  written as it is.
"""

from __future__ import annotations

import concurrent.futures as cf
import csv
import hashlib
import io
import json
import multiprocessing
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gausslearn.grading import GRADER_VERSION
from gausslearn.grading.host import judge, sandbox
from gausslearn.grading.host.freshness import file_digest, result_key
from gausslearn.grading.host.roster import Identity, Student, identify, match
from gausslearn.grading.host.submission import printable_path
from gausslearn.grading.results import GRADER_FAILED, NOT_GRADABLE, Report

COLUMNS = ["file", "student", "name", "exercise", "score", "max_score", "status", "seed", "duration", "failed",
           "notes", "sha256", "key", "grader_version"]
#: The columns of gradebooks written before keys existed: read, and every row graded again.
LEGACY_COLUMNS = ["file", "sha256", "exercise", "score", "max_score", "status", "seed", "duration", "failed",
                  "grader_version"]
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _needs_guard(text: str) -> bool:
    """True for text a spreadsheet would evaluate, or text that would read back as guarded."""
    return text.lstrip("'").startswith(_FORMULA)


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: formula-like strings get a leading apostrophe.

    Numbers are written as numbers; text that no spreadsheet evaluates is written unchanged.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("alice.ipynb"), safe_cell(-1.5)
    ('\\'=HYPERLINK("http://x")', 'alice.ipynb', '-1.5')
    >>> safe_cell("'reflect'"), safe_cell("'=1"), safe_cell("-carol.ipynb")
    ("'reflect'", "''=1", "'-carol.ipynb")
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value) if isinstance(value, float) else str(value)
    text = "" if value is None else str(value)
    return "'" + text if _needs_guard(text) else text


def unsafe_cell(text: str) -> str:
    """Undo :func:`safe_cell` for a text cell (exactly: ``unsafe_cell(safe_cell(t)) == t`` for all text).

    Examples
    --------
    >>> unsafe_cell(safe_cell("=1+1")), unsafe_cell(safe_cell("''=x")), unsafe_cell("'reflect'")
    ('=1+1', "''=x", "'reflect'")
    """
    return text[1:] if text.startswith("'") and _needs_guard(text[1:]) else text


def scan_folder(folder: Path, exclude: tuple[Path, ...] = ()) -> tuple[list[Path], int]:
    """Every file under ``folder`` (links and special files included, never followed), sorted, and the number
    of hidden entries skipped (names starting with ``.``, such as ``.ipynb_checkpoints``). Paths in ``exclude``
    (the gradebook, its reports, the feedback folder) are left out.

    Examples
    --------
    >>> import tempfile
    >>> top = Path(tempfile.mkdtemp())
    >>> for name in ("a.ipynb", "sub/b.ipynb", ".ipynb_checkpoints/a-checkpoint.ipynb", "notes.txt"):
    ...     (top / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (top / name).write_text("{}")
    >>> files, hidden = scan_folder(top)
    >>> [p.relative_to(top).as_posix() for p in files], hidden
    (['a.ipynb', 'notes.txt', 'sub/b.ipynb'], 1)
    """
    skip = {os.path.abspath(p) for p in exclude}
    found: list[Path] = []
    hidden = 0
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        keep = []
        for d in dirnames:
            full = os.path.join(dirpath, d)
            if d.startswith("."):
                hidden += 1
            elif os.path.abspath(full) in skip:
                continue
            elif os.path.islink(full):
                found.append(Path(full))  # a link to a folder is a file handed in: it gets a row
            else:
                keep.append(d)
        dirnames[:] = sorted(keep)
        for f in filenames:
            full = os.path.join(dirpath, f)
            if f.startswith("."):
                hidden += 1
            elif os.path.abspath(full) not in skip:
                found.append(Path(full))
    return sorted(found), hidden


class NotAGradebook(ValueError):
    """The output file exists but is not a gradebook written by this module (it is never overwritten)."""


def read_gradebook(path: Path) -> dict[str, dict[str, str]]:
    """Rows of an existing gradebook by file (empty if it does not exist or is empty; ``missing`` rows, which
    are recomputed on every run, are left out).

    Raises :class:`NotAGradebook` for a file with other columns, so that an unrelated CSV is never replaced.
    """
    if not path.exists() or path.stat().st_size == 0:
        return {}
    with path.open(newline="", encoding="utf-8", errors="replace") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames not in (COLUMNS, LEGACY_COLUMNS):
            raise NotAGradebook(f"{path} exists but is not a gausslearn gradebook (its columns differ); "
                                "choose another --out file")
        rows = {}
        for row in reader:
            clean = {k: unsafe_cell(v or "") for k, v in row.items() if k in COLUMNS}
            if clean.get("status") != "missing" and clean.get("file"):
                rows[clean["file"]] = clean
        return rows


def read_rows(path: Path) -> list[dict[str, str]]:
    """Every row of a gradebook as text (``missing`` rows included), cells un-guarded."""
    with Path(path).open(newline="", encoding="utf-8", errors="replace") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            raise NotAGradebook(f"{path} is not a gradebook of this gausslearn version; grade the folder again")
        return [{k: unsafe_cell(v or "") for k, v in row.items()} for row in reader]


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    """Write a CSV file atomically (temporary file in the same folder, fsync, ``os.replace``), every cell through
    :func:`safe_cell`, CRLF line ends (RFC 4180: a cell holding a carriage return is then quoted)."""
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    write_atomic(path, buf.getvalue())


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` (UTF-8) so that a crash leaves the old or the new file, never a part."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _order(row: dict[str, Any]) -> tuple[str, str, str]:
    return (str(row.get("student") or "\uffff"), str(row.get("exercise") or ""), str(row.get("file") or ""))


#: While a batch runs, the CSV is rewritten at most this often (seconds); always at its end.
CSV_INTERVAL = 1.0


def write_gradebook(path: Path, rows: dict[str, dict[str, Any]]) -> None:
    """Write all rows atomically, sorted by student, exercise and file.

    Examples
    --------
    >>> import tempfile
    >>> book = Path(tempfile.mkdtemp()) / "book.csv"
    >>> write_gradebook(book, {"=x.ipynb": {"file": "=x.ipynb", "score": 3, "status": "graded"}})
    >>> book.read_text().splitlines()[1]
    "'=x.ipynb,,,,3,,graded,,,,,,,"
    >>> read_gradebook(book)["=x.ipynb"]["score"]
    '3'
    """
    write_csv(path, COLUMNS, [[row.get(c, "") for c in COLUMNS] for row in sorted(rows.values(), key=_order)])


def reports_folder(out: Path) -> Path:
    """The folder beside a gradebook that keeps each row's full report as JSON."""
    return Path(out).with_name(Path(out).name + ".reports")


def report_file(out: Path, row: dict[str, Any]) -> Path:
    """Where the full report of a gradebook row is kept (named by the row's file and key)."""
    name = hashlib.sha256(f"{row['file']}\0{row['key']}".encode()).hexdigest()[:40]
    return reports_folder(out) / f"{name}.json"


def load_report(out: Path, row: dict[str, Any]) -> dict[str, Any] | None:
    """The stored report of a row (as ``gausslearn grade --json`` prints it), or None when it is not there."""
    try:
        return json.loads(report_file(out, row).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _row(rel: str, digest: str, key: str, report: dict[str, Any]) -> dict[str, Any]:
    """The gradebook row of one report (a report as JSON)."""
    failed = "; ".join(t["title"] or t["name"] for t in report["tests"] if not t["passed"])
    return {"file": rel, "sha256": digest, "key": key, "exercise": report["exercise"] or "",
            "score": report["score"], "max_score": report["max_score"], "status": report["status"],
            "seed": report["seed"], "duration": report["duration"], "failed": failed,
            "notes": " | ".join(report["notes"]), "grader_version": report["grader_version"]}


def _journalled(out: Path, rel: str, digest: str, key: str) -> dict[str, Any] | None:
    """The row of a report that an earlier, interrupted batch wrote for this file and key before its CSV listed it
    (None when there is none, or when the grading process was lost: that is graded again)."""
    report = load_report(out, {"file": rel, "key": key})
    if report is None or report.get("file") != rel or report.get("status") == "error":
        return None
    try:
        return _row(rel, digest, key, report)
    except (KeyError, TypeError, ValueError):   # not a report this grader wrote: grade the file again
        return None


def _grade_one(path: str, rel: str, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    report = judge.grade_notebook(path, seed=seed, **options).to_dict()
    report["file"] = rel
    return report


@dataclass
class _Todo:
    path: Path
    rel: str
    digest: str
    key: str
    identity: Identity | None
    student: Student | None = None


@dataclass
class Batch:
    """What :func:`grade_folder` did: counts, and the problems an instructor must see.

    Each row counts once: ``missing`` (roster rows), ``not_gradable``, ``grader_failed``, else ``graded`` (graded
    in this run) or ``unchanged`` (kept from the last run: its key was the same). ``sandbox`` is the one-line
    summary of the learner processes' protections."""

    graded: int = 0
    unchanged: int = 0
    not_gradable: int = 0
    grader_failed: int = 0
    missing: int = 0
    files: int = 0
    hidden_skipped: int = 0
    exercises: list[str] = field(default_factory=list)
    unattributed: list[str] = field(default_factory=list)
    not_on_roster: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    sandbox: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def lines(self) -> list[str]:
        """The summary for a person: the counts first, then every problem by name."""
        out = [f"{self.graded} graded, {self.unchanged} unchanged, {self.not_gradable} not gradable"
               + (f", {self.grader_failed} grader failures" if self.grader_failed else "")
               + (f", {self.missing} missing (on the roster, no file)" if self.missing else "")
               + f" ({self.files} files" + (f"; {self.hidden_skipped} hidden entries skipped" if self.hidden_skipped
                                            else "") + ")"]
        out += [f"  {self.sandbox}"] if self.sandbox else []
        out += [f"  not attributed to a student: {f}" for f in self.unattributed]
        out += [f"  not on the roster: {s}" for s in self.not_on_roster]
        out += [f"  more than one file (the best score counts): {d}" for d in self.duplicates]
        return out


def grade_folder(folder: Path, out: Path, *, jobs: int = 1, seed: int = 0, options: dict[str, Any] | None = None,
                 progress: Callable[[str], Any] | None = None, regrade: bool = False,
                 roster: list[Student] | None = None, pattern: re.Pattern[str] | None = None,
                 assigned: list[str] | None = None, exclude: tuple[Path, ...] = ()) -> Batch:
    """Grade every file under ``folder`` into the gradebook ``out`` (see the module's docstring).

    ``options`` are passed to :func:`gausslearn.grading.host.judge.grade_notebook` (templates, timeout_per_call,
    budget, memory_mb, exercise). ``roster`` adds ``missing`` rows; ``pattern`` replaces the default identity
    rules; ``assigned`` are the exercises every roster student should have handed in (default: those found).
    """
    folder, out = Path(folder), Path(out)
    options = dict(options or {})
    reports = reports_folder(out)
    reports.mkdir(parents=True, exist_ok=True)
    # every submission of the folder, and the reports of everyone, are hidden from each learner's process
    options["hide"] = (*options.get("hide", ()), str(folder.resolve()), str(reports.resolve()))
    old = {} if regrade else read_gradebook(out)
    files, hidden = scan_folder(folder, (out, reports, *exclude))
    known = judge.known_exercises()
    box = sandbox.describe(sandbox.for_grading())
    batch = Batch(files=len(files), hidden_skipped=hidden, sandbox=box["summary"])
    rows: dict[str, dict[str, Any]] = {}
    todo: list[_Todo] = []
    for p in files:
        rel = printable_path(p.relative_to(folder).as_posix())
        digest = file_digest(p)
        ex = judge.identify_exercise(p, options.get("exercise"))
        key = result_key(digest, ex, seed=seed, options=options, templates=options.get("templates"),
                         sandboxed=box["active"])
        item = _Todo(p, rel, digest, key, identify(rel, known, pattern))
        if item.identity is None:
            batch.unattributed.append(rel)
        elif roster is not None:
            item.student, problem = match(item.identity, roster)
            if item.student is None:
                batch.not_on_roster.append(f"{rel} ({problem})")
        prev = old.get(rel)
        if prev and prev.get("key") == key and prev.get("status") != "error" and load_report(out, prev) is not None:
            rows[rel] = {**prev, **_who(item)}
        elif not regrade and (journal := _journalled(out, rel, digest, key)) is not None:
            rows[rel] = {**journal, **_who(item)}
        else:
            todo.append(item)

    written = time.monotonic()

    def done(item: _Todo, report: dict[str, Any]) -> None:
        nonlocal written
        row = {**_row(item.rel, item.digest, item.key, report), **_who(item)}
        write_atomic(report_file(out, row), json.dumps(report, ensure_ascii=False, allow_nan=False))
        rows[item.rel] = row
        fresh.add(item.rel)
        if time.monotonic() - written >= CSV_INTERVAL:
            write_gradebook(out, rows)
            written = time.monotonic()
        if progress:
            progress(f"{item.rel}: {row['score']}/{row['max_score']} ({row['status']})")

    fresh: set[str] = set()
    if jobs == 1:
        for item in todo:
            done(item, _grade_one(str(item.path), item.rel, seed, options))
    elif todo:
        ctx = multiprocessing.get_context("spawn")
        with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            futures = {pool.submit(_grade_one, str(item.path), item.rel, seed, options): item for item in todo}
            for fut in cf.as_completed(futures):
                item = futures[fut]
                try:
                    report = fut.result()
                except Exception as exc:  # noqa: BLE001 - a lost worker process is one error row, not a crash
                    lost = Report(file=item.rel, seed=seed, status="error",
                                  notes=[f"the grading process failed: {type(exc).__name__}: {str(exc)[:200]}"])
                    report = lost.to_dict()
                done(item, report)
    _add_missing(rows, batch, roster, assigned)
    write_gradebook(out, rows)
    _prune_reports(out, rows)
    _count(rows, fresh, batch)
    return batch


def _who(item: _Todo) -> dict[str, str]:
    if item.student is not None:
        return {"student": item.student.id, "name": item.student.name}
    if item.identity is not None:
        return {"student": item.identity.key, "name": item.identity.name}
    return {"student": "", "name": ""}


def _add_missing(rows: dict[str, dict[str, Any]], batch: Batch, roster: list[Student] | None,
                 assigned: list[str] | None) -> None:
    found = sorted({str(r["exercise"]) for r in rows.values() if r.get("exercise")})
    batch.exercises = list(assigned) if assigned else found
    if roster is None:
        return
    have = {(str(r["student"]), str(r["exercise"])) for r in rows.values()}
    stray = {}
    for r in rows.values():
        if not r.get("exercise"):
            stray.setdefault(str(r["student"]), []).append(str(r["file"]))
    for s in roster:
        for ex in batch.exercises:
            if (s.id, ex) in have:
                continue
            note = f"no file of {s.name or s.id} was found for {ex}"
            if s.id in stray:
                note += f"; their files without a known exercise: {', '.join(stray[s.id])}"
            rows[f"\0missing/{s.id}/{ex}"] = {"file": "", "student": s.id, "name": s.name, "exercise": ex, "score": 0,
                                             "max_score": judge.exercise_max_score(ex), "status": "missing",
                                             "notes": note, "grader_version": GRADER_VERSION}


def _prune_reports(out: Path, rows: dict[str, dict[str, Any]]) -> None:
    keep = {report_file(out, r).name for r in rows.values() if r.get("file")}
    for p in reports_folder(out).glob("*.json"):
        if p.name not in keep:
            p.unlink()


def _count(rows: dict[str, dict[str, Any]], fresh: set[str], batch: Batch) -> None:
    """Count each row once: missing, not gradable, grader failure, else graded now or unchanged."""
    per: dict[tuple[str, str], list[str]] = {}
    for r in rows.values():
        status = str(r["status"])
        batch.statuses[status] = batch.statuses.get(status, 0) + 1
        if status == "missing":
            batch.missing += 1
        elif status in NOT_GRADABLE:
            batch.not_gradable += 1
        elif status in GRADER_FAILED:
            batch.grader_failed += 1
        elif r["file"] in fresh:
            batch.graded += 1
        else:
            batch.unchanged += 1
        if r.get("file") and r.get("student") and r.get("exercise"):
            per.setdefault((str(r["student"]), str(r["exercise"])), []).append(str(r["file"]))
    batch.duplicates = [f"{s}, {ex}: {', '.join(sorted(fs))}" for (s, ex), fs in sorted(per.items()) if len(fs) > 1]
