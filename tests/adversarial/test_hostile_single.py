"""Each hostile submission, graded alone with ``gausslearn grade FILE --json``: the expected score and status,
one JSON object on stdout, feedback that says what happened, and no trace left behind."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import hostile_corpus as hc
import pytest
from hostile_harness import (
    BUDGET,
    ISOLATED,
    PER_CALL,
    Graded,
    check_expectation,
    check_witness,
    grade_file,
    remove_poison,
    skip_unless_isolated,
    wait_for_no_leftovers,
)

from gausslearn.grading.host.cli import exit_code
from gausslearn.grading.host.limits import wall_backstop


def _params() -> list:
    return [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.slow else []) for c in hc.cases()]


@pytest.mark.parametrize("case", _params())
def test_hostile_submission_gets_the_expected_outcome(case: hc.Case, single_reports: dict[str, Graded],
                                                       hostile_base: Path) -> None:
    skip_unless_isolated(case)
    graded = single_reports[case.name]
    report = graded.report()
    expected = exit_code([report["status"]])  # 1 for a file that could not be graded (the cli's exit codes)
    assert graded.returncode == expected, f"the grader failed (exit {graded.returncode}): {graded.stderr[-800:]}"
    check_expectation(case, report)
    assert report["duration"] < wall_backstop(BUDGET) + 30, "the per-submission budget did not bound the grading time"
    for kind in case.witness:
        check_witness(kind, case, hostile_base, graded)


def test_corpus_names_are_unique_and_cover_every_attack_family() -> None:
    cases = hc.cases()
    assert len({c.name for c in cases}) == len(cases)
    groups = {c.group.split("-")[0] for c in cases}
    assert groups >= {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13"}
    # every zero-expectation attack starts from a solution, so a leak or a lie would show as points
    assert all(c.exercise in hc.FULL for c in cases)


def test_wrong_answers_alone_score_zero(hostile_base: Path, tmp_path: Path) -> None:
    """The baseline of the monkeypatching cases: the same wrong answers without any patching score 0."""
    folder = tmp_path / "baseline"
    folder.mkdir()
    case = hc.Case("wrong_baseline", "05-patch", "ex01_pixels", hc.Expect("zero"),
                   hc.edit_answers(hc.wrong_answer()))
    path = hc.write_case(case, folder, {})
    report = grade_file(path, hostile_base).report()
    check_expectation(case, report)


def test_no_learner_process_survives_the_single_runs(single_reports: dict[str, Graded], hostile_base: Path) -> None:
    assert wait_for_no_leftovers(hostile_base) == [], "learner processes outlived `gausslearn grade`"


def test_sleeping_just_under_the_call_limit_is_bounded_by_the_budget(single_reports: dict[str, Graded]) -> None:
    """Every call sleeps 0.9 x a call's wall-clock backstop: each call is in time (sleeping uses no CPU time),
    but the submission as a whole reaches its own wall-clock backstop."""
    if "sleep_under_call_limit" not in single_reports:
        pytest.skip("the slow cases were deselected")
    report = single_reports["sleep_under_call_limit"].report()
    calls = sum(1 for t in report["tests"]) * 2
    assert calls * wall_backstop(PER_CALL) * 0.9 > wall_backstop(BUDGET), "the case must outlast the backstop"
    assert report["status"] == "timeout"
    assert "wall-clock backstop" in " ".join(t["feedback"] for t in report["tests"])
    assert report["duration"] < wall_backstop(BUDGET) + 30


@pytest.mark.slow
def test_a_500_mb_file_is_refused_without_reading_it(tmp_path: Path, hostile_base: Path) -> None:
    path = tmp_path / "ex01_pixels-huge.ipynb"
    with path.open("wb") as fh:               # sparse: takes no disk space and no time to write
        fh.write(b'{"nbformat": 4, "cells": [')
        fh.seek(500 * 2**20)
        fh.write(b"]}")
    try:
        report = grade_file(path, hostile_base).report()
    finally:
        path.unlink()
    assert (report["status"], report["score"], report["max_score"]) == ("invalid-notebook", 0, 16)
    assert "MB" in " ".join(report["notes"])


def test_hostile_file_names_still_give_one_json_object(tmp_path: Path, hostile_base: Path) -> None:
    """A name that is not valid UTF-8, with a newline and a formula, still yields one JSON line."""
    raw = os.fsencode(tmp_path) + b"/ex01_pixels-=1+1\n\xff\xfe.ipynb"
    shutil.copyfile(hc.SOLUTIONS / "ex01_pixels.ipynb", raw)
    graded = grade_file(Path(os.fsdecode(raw)), hostile_base)
    assert graded.returncode == 0, graded.stderr[-500:]
    report = graded.report()
    assert (report["score"], report["max_score"], report["status"]) == (16, 16, "graded")
    json.dumps(report)  # everything in it is representable


@pytest.mark.skipif(not ISOLATED, reason="poisoning is only prevented by the root sandbox")
def test_poisoning_does_not_reach_a_later_submission(single_reports: dict[str, Graded], tmp_path: Path,
                                                     hostile_base: Path) -> None:
    """After the poisoning case ran, a correct submission still gets full marks and no poison file exists."""
    if "poison_startup_files" not in single_reports:
        pytest.skip("the poisoning case was deselected")
    leftovers = remove_poison()
    assert leftovers == [], f"poison files were written: {leftovers}"
    correct = tmp_path / "ex01_pixels-after-poison.ipynb"
    correct.write_bytes((hc.SOLUTIONS / "ex01_pixels.ipynb").read_bytes())
    report = grade_file(correct, hostile_base).report()
    assert (report["score"], report["status"]) == (16, "graded")
