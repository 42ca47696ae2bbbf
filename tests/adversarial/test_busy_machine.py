"""Grading on a busy machine gives the same outcomes: limits count the learner's CPU time, not the clock.

Before (issue 11), with other work running, three hostile cases that expect full marks ended as `timeout`
(memory_grow_then_recover, flood_stdout_top, patch_grader_modules_wrong), because the limits were wall-clock.
This test starts two processes that keep both cores busy (`while True: pass`), then grades every model
solution and the whole hostile corpus, two at a time, through the command line, and checks every expected
outcome. The busy processes are killed at the end, also when the test fails.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import hostile_corpus as hc
import pytest
from hostile_harness import ISOLATED, check_expectation, grade_file

from gausslearn.paths import project_root

ROOT = project_root()
BUSY = "while True: pass"


@pytest.fixture
def busy_cores() -> Iterator[list[subprocess.Popen]]:
    """Two processes that each keep a core busy until the test ends (killed by their process id)."""
    procs = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(2)]
    try:
        yield procs
    finally:
        for p in procs:
            p.kill()
        for p in procs:
            p.wait(timeout=30)


@pytest.mark.slow
def test_solutions_and_the_hostile_corpus_grade_the_same_on_a_busy_machine(busy_cores: list) -> None:
    base = Path(tempfile.mkdtemp(prefix="gl-busy-", dir="/tmp"))
    try:
        problems = _grade_everything(base, busy_cores)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    assert problems == [], "\n".join(problems)


def _grade_everything(base: Path, busy: list[subprocess.Popen]) -> list[str]:
    problems: list[str] = []
    solutions = sorted((ROOT / "solutions").glob("*.ipynb"))
    wanted = [c for c in hc.cases() if not (c.needs_isolation and not ISOLATED)]
    paths = hc.write_corpus(base, base / "single", per_call=2.0, selected=wanted)
    jobs = [("solution", p, None) for p in solutions]
    jobs += [("case", paths[c.name], c) for c in wanted if not c.solo]
    with ThreadPoolExecutor(max_workers=2) as pool:
        graded = list(pool.map(lambda job: (job, grade_file(job[1], base)), jobs))
    graded += [(("case", paths[c.name], c), grade_file(paths[c.name], base)) for c in wanted if c.solo]
    for p in busy:
        assert p.poll() is None, "a busy process ended early: the machine was not loaded throughout"
    for (kind, path, case), result in graded:
        try:
            report = result.report()
            if kind == "solution":
                assert report["status"] == "graded" and report["score"] == report["max_score"] > 0, \
                    f"{report['status']} {report['score']}/{report['max_score']}: {report.get('notes')}"
            else:
                check_expectation(case, report)
        except AssertionError as exc:
            problems.append(f"{path.name}: {str(exc)[:600]}")
    return problems
