"""A batch of 200 submissions mixing the hostile corpus, hostile file names and correct work.

``gausslearn grade DIR --out gradebook.csv -j 2`` must finish, write exactly one row with a status per
submission, give correct work full marks, keep every CSV cell from starting a formula, and, when the grader
is killed halfway (SIGKILL to its process group) and run again, end with the same gradebook.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import hostile_corpus as hc
import pytest
from hostile_harness import GAUSSLEARN, GRADE_OPTIONS, ISOLATED, grader_env, wait_for_no_leftovers

from gausslearn.grading.host.cli import exit_code

pytestmark = pytest.mark.slow

N_SUBMISSIONS = 200
STATUSES = {"graded", "timeout", "crash", "grader-error", "no-answers", "invalid-notebook", "unknown-exercise",
            "error"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_NAMES = ['=HYPERLINK("evil.example","click")', "=1+1", "+1+1", "-2-2", "@SUM(A1)", "\tTab", "\rCR",
                 'a,b,"c"', "quote\"d's", "new\nline", "semi;colon", "..", "...", "-", "ünïcödé", "x" * 150]


def _expected_cases() -> list[hc.Case]:
    return [c for c in hc.cases() if c.batch and c.deterministic and not c.solo
            and not (c.needs_isolation and not ISOLATED)]


def build_batch(base: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    """Write the 200 submissions; return the folder and, per relative file name, the expected outcome."""
    folder = base / "batch" / "submissions"
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder.parent, 0o755)
    expected: dict[str, dict[str, Any]] = {}
    for case in _expected_cases():
        path = hc.write_corpus(base, folder, selected=[case])[case.name]
        expected[path.name] = {"exercise": case.exercise, "score": case.expect.score,
                               "statuses": set(case.expect.statuses)}
    for i, name in enumerate(HOSTILE_NAMES):
        path = hc.write_correct("ex01_pixels", folder, f"ex01_pixels-{name}")
        expected[path.name] = {"exercise": "ex01_pixels", "score": "full", "statuses": {"graded"}}
        if i == 0:  # a name that is not valid UTF-8
            raw = os.fsencode(folder) + b"/ex01_pixels-\xff\xfe-latin1-caf\xe9.ipynb"
            shutil.copyfile(path, raw)
            expected[os.fsdecode(raw).rsplit("/", 1)[1]] = dict(expected[path.name])
    # a symbolic link to the model solution must not earn its marks
    link = folder / "ex07_separable-symlink-to-solution.ipynb"
    link.symlink_to(hc.SOLUTIONS / "ex07_separable.ipynb")
    expected[link.name] = {"exercise": "ex07_separable", "score": "zero", "statuses": {"invalid-notebook"}}
    sub = folder / "nested" / "deeper"
    sub.mkdir(parents=True)
    k = 0
    while len(expected) < N_SUBMISSIONS:
        ex = "ex07_separable" if k % 10 == 0 else "ex01_pixels"
        target = folder if k % 3 else sub
        path = hc.write_correct(ex, target, f"{ex}-student{k:03d}")
        expected[path.relative_to(folder).as_posix()] = {"exercise": ex, "score": "full", "statuses": {"graded"}}
        k += 1
    return folder, expected


@pytest.fixture(scope="module")
def batch(hostile_base: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    return build_batch(hostile_base)


def run_grader(folder: Path, out: Path, *, kill_after_rows: int | None = None, timeout: float = 900) -> int:
    """Run the batch grader; with ``kill_after_rows``, SIGKILL its process group once that many rows exist."""
    proc = subprocess.Popen([GAUSSLEARN, "grade", str(folder), "--out", str(out), "-j", "2", *GRADE_OPTIONS],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            env=grader_env(folder.parent.parent))
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if kill_after_rows is not None and out.exists() and len(read_rows(out)) >= kill_after_rows:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return -9
            time.sleep(0.2)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            raise AssertionError("the batch did not finish in time")
    finally:
        if proc.stderr is not None:
            err = proc.stderr.read().decode("utf-8", "replace")
            proc.stderr.close()
    expected = exit_code(r["status"] for r in read_rows(out))  # 1 when a file was not gradable (cli's exit codes)
    assert proc.returncode == expected, f"batch grading failed (exit {proc.returncode}, not {expected}): {err[-1500:]}"
    return 0


def _unescape(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:2] in (*FORMULA_START, "'") else cell


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a gradebook as dicts (text cells un-escaped), read the way a spreadsheet would split them."""
    with path.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    return [{k: _unescape(v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(text, newline=""))]


def raw_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def check_gradebook(path: Path, expected: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    rows = read_rows(path)
    files = [r["file"] for r in rows]
    assert len(files) == len(set(files)), "a submission has more than one row"
    names = {f.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for f in expected}
    got = {f.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for f in files}
    assert got == names, f"missing rows {sorted(names - got)[:5]}, unexpected rows {sorted(got - names)[:5]}"
    bad_cells = [c for c in raw_cells(path) if c.startswith(FORMULA_START)]
    assert bad_cells == [], f"CSV cells that a spreadsheet would run as formulas: {bad_cells[:5]}"
    by_name = {f.encode("utf-8", "surrogateescape").decode("utf-8", "replace"): v for f, v in expected.items()}
    problems = []
    for row in rows:
        exp = by_name[row["file"].encode("utf-8", "surrogateescape").decode("utf-8", "replace")]
        score, max_score = float(row["score"]), float(row["max_score"])
        ok_score = {"full": score == max_score == hc.FULL[exp["exercise"]], "zero": score == 0}.get(
            exp["score"], score == exp["score"])
        if row["status"] not in STATUSES or row["status"] not in exp["statuses"] or not ok_score \
                or row["exercise"] != exp["exercise"]:
            problems.append(f"{row['file']!r}: {row['exercise']} {row['score']}/{row['max_score']} {row['status']} "
                            f"(expected {exp['score']} {sorted(exp['statuses'])})")
    assert problems == [], "\n".join(problems)
    return rows


def _comparable(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {r["file"]: {k: v for k, v in r.items() if k != "duration"} for r in rows}


def test_a_mixed_batch_finishes_with_one_correct_row_per_submission(batch: tuple[Path, dict]) -> None:
    folder, expected = batch
    out = folder.parent / "gradebook.csv"
    run_grader(folder, out)
    check_gradebook(out, expected)
    assert wait_for_no_leftovers(folder.parent.parent) == [], "learner processes outlived the batch"


def test_a_batch_killed_halfway_and_rerun_ends_with_the_same_gradebook(batch: tuple[Path, dict]) -> None:
    folder, expected = batch
    reference = folder.parent / "gradebook.csv"
    if not reference.exists():
        run_grader(folder, reference)
    out = folder.parent / "killed.csv"
    assert run_grader(folder, out, kill_after_rows=N_SUBMISSIONS // 2) == -9
    partial = read_rows(out)                      # the file is whole (atomic replace), just shorter
    assert N_SUBMISSIONS // 2 <= len(partial) < N_SUBMISSIONS
    assert wait_for_no_leftovers(folder.parent.parent) == [], "learner processes outlived the killed grader"
    run_grader(folder, out)
    rows = check_gradebook(out, expected)
    assert _comparable(rows) == _comparable(read_rows(reference))
