"""Grade a folder of submissions into one CSV gradebook: atomic, resumable, formula-safe, parallel.

- Every ``*.ipynb`` under the folder is graded (recursively; ``.ipynb_checkpoints`` and hidden folders are
  skipped). One row per submission: ``file`` (relative to the folder), ``sha256`` of its bytes, ``exercise``,
  ``score``, ``max_score``, ``status``, ``seed``, ``duration``, ``failed`` (titles of failed tests),
  ``grader_version``.
- After every finished submission the whole CSV is written to a temporary file in the same folder, flushed
  to disk and moved over the gradebook with ``os.replace``: a crash leaves the old or the new file, never
  half of one.
- A re-run keeps rows whose file, content hash, seed and grader version are unchanged and grades the rest.
- Text cells that a spreadsheet would run as a formula (starting with ``= + - @``, tab or carriage return)
  get a leading apostrophe, as do cells already starting with one (so reading back is unambiguous).
"""

from __future__ import annotations

import concurrent.futures as cf
import csv
import hashlib
import io
import multiprocessing
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gausslearn.grading import GRADER_VERSION
from gausslearn.grading.host.submission import printable_path
from gausslearn.grading.results import Report

COLUMNS = ["file", "sha256", "exercise", "score", "max_score", "status", "seed", "duration", "failed",
           "grader_version"]
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "'")


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: formula-like strings get a leading apostrophe.

    Numbers are written as numbers.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("alice.ipynb"), safe_cell(-1.5)
    ('\\'=HYPERLINK("http://x")', 'alice.ipynb', '-1.5')
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value) if isinstance(value, float) else str(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_DANGEROUS) else text


def unsafe_cell(text: str) -> str:
    """Undo :func:`safe_cell` for a text cell.

    Examples
    --------
    >>> unsafe_cell(safe_cell("=1+1")), unsafe_cell(safe_cell("'quoted"))
    ('=1+1', "'quoted")
    """
    return text[1:] if text.startswith("'") and text[1:2] in _DANGEROUS else text


def file_hash(path: Path) -> str:
    """SHA-256 of a regular file's bytes; symbolic links and special files get a marker instead (never read)."""
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        return "not-a-regular-file"
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def find_submissions(folder: Path) -> list[Path]:
    """Every ``*.ipynb`` under ``folder``, sorted, skipping checkpoints and hidden folders.

    Examples
    --------
    >>> import tempfile
    >>> top = Path(tempfile.mkdtemp())
    >>> for name in ("a.ipynb", "sub/b.ipynb", ".ipynb_checkpoints/a-checkpoint.ipynb", "notes.txt"):
    ...     (top / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (top / name).write_text("{}")
    >>> [p.relative_to(top).as_posix() for p in find_submissions(top)]
    ['a.ipynb', 'sub/b.ipynb']
    """
    out = []
    for p in folder.rglob("*.ipynb"):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts[:-1]) or p.name.startswith("."):
            continue
        if p.is_symlink() or not p.is_dir():  # links and special files get a row too (the judge refuses them)
            out.append(p)
    return sorted(out)


class NotAGradebook(ValueError):
    """The output file exists but is not a gradebook written by this module (it is never overwritten)."""


def read_gradebook(path: Path) -> dict[str, dict[str, str]]:
    """Rows of an existing gradebook by file (empty if it does not exist or is empty).

    Raises :class:`NotAGradebook` for a file with other columns, so that an unrelated CSV is never replaced.
    """
    if not path.exists() or path.stat().st_size == 0:
        return {}
    with path.open(newline="", encoding="utf-8", errors="replace") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            raise NotAGradebook(f"{path} exists but is not a gausslearn gradebook (its columns differ); "
                                "choose another --out file")
        rows = {}
        for row in reader:
            clean = {k: unsafe_cell(v or "") for k, v in row.items() if k in COLUMNS}
            rows[clean["file"]] = clean
        return rows


def write_gradebook(path: Path, rows: dict[str, dict[str, Any]]) -> None:
    """Write all rows atomically: temporary file in the same folder, fsync, ``os.replace``.

    Examples
    --------
    >>> import tempfile
    >>> book = Path(tempfile.mkdtemp()) / "book.csv"
    >>> write_gradebook(book, {"=x.ipynb": {"file": "=x.ipynb", "score": 3, "status": "graded"}})
    >>> book.read_text().splitlines()[1]
    "'=x.ipynb,,,3,,graded,,,,"
    >>> read_gradebook(book)["=x.ipynb"]["score"]
    '3'
    """
    buf = io.StringIO()
    # CRLF line ends (RFC 4180): the writer then quotes every cell holding a \r or a \n, so a file name with a
    # carriage return stays inside its cell (with "\n" alone, a bare \r would be written unquoted and split
    # the row in every CSV reader).
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for key in sorted(rows):
        writer.writerow([safe_cell(rows[key].get(c, "")) for c in COLUMNS])
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(buf.getvalue())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _row(rel: str, digest: str, report: Report, failed: str | None = None) -> dict[str, Any]:
    """The gradebook row of one report; ``failed`` defaults to the titles of the tests that failed."""
    if failed is None:
        failed = "; ".join(t.title or t.name for t in report.tests if not t.passed)
    return {"file": rel, "sha256": digest, "exercise": report.exercise or "", "score": report.score,
            "max_score": report.max_score, "status": report.status, "seed": report.seed,
            "duration": report.duration, "failed": failed, "grader_version": report.grader_version}


def _grade_one(path: str, rel: str, digest: str, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    from gausslearn.grading.host.judge import grade_notebook

    return _row(rel, digest, grade_notebook(path, seed=seed, **options))


def grade_folder(folder: Path, out: Path, *, jobs: int = 1, seed: int = 0, options: dict[str, Any] | None = None,
                 progress: Callable[[str], Any] | None = None) -> dict[str, int]:
    """Grade every submission under ``folder`` into ``out``; return counts ``graded``, ``kept``, ``total``.

    ``options`` are passed to :func:`gausslearn.grading.host.judge.grade_notebook` (templates, timeout_per_call,
    budget, memory_mb).
    """
    folder, out = Path(folder), Path(out)
    options = dict(options or {})
    # every submission of the folder, also those in subfolders, is hidden from each learner's process
    options["hide"] = (*options.get("hide", ()), str(Path(folder).resolve()))
    rows: dict[str, dict[str, Any]] = dict(read_gradebook(out))
    todo = []
    files = [p for p in find_submissions(folder) if p.resolve() != out.resolve()]
    present = set()
    for p in files:
        rel = printable_path(p.relative_to(folder).as_posix())
        present.add(rel)
        digest = file_hash(p)
        old = rows.get(rel)
        if old and old.get("status") != "error" and old.get("sha256") == digest \
                and str(old.get("seed")) == str(seed) \
                and old.get("grader_version") == GRADER_VERSION:
            continue
        todo.append((str(p), rel, digest))
    kept = len(files) - len(todo)
    for rel in [r for r in rows if r not in present]:
        del rows[rel]  # the file is gone from the folder
    if not todo:
        write_gradebook(out, rows)
        return {"graded": 0, "kept": kept, "total": len(files)}

    def done(row: dict[str, Any]) -> None:
        rows[row["file"]] = row
        write_gradebook(out, rows)
        if progress:
            progress(f"{row['file']}: {row['score']}/{row['max_score']} ({row['status']})")

    if jobs == 1:
        for path, rel, digest in todo:
            done(_grade_one(path, rel, digest, seed, options))
    else:
        ctx = multiprocessing.get_context("spawn")
        with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            futures = {pool.submit(_grade_one, path, rel, digest, seed, options): (rel, digest)
                       for path, rel, digest in todo}
            for fut in cf.as_completed(futures):
                rel, digest = futures[fut]
                try:
                    row = fut.result()
                except Exception as exc:  # noqa: BLE001 - a lost worker process is one error row, not a crash
                    row = _row(rel, digest, Report(file=rel, seed=seed, status="error"),
                               failed=f"grading process failed: {type(exc).__name__}")
                done(row)
    return {"graded": len(todo), "kept": kept, "total": len(files)}
