"""One mistake, reported once: ``@points(requires=...)`` and ``@points(in_place=...)`` turn the failures that
repeat a mistake into "fix ... first" (``TestResult.blocked_by``); the other failures keep their own feedback."""

from __future__ import annotations

import types

import numpy as np
import pytest

from gausslearn.grading.api import expect_close, points
from gausslearn.grading.results import OPTIONAL_TEST_KEYS, TEST_KEYS, run_tests
from gausslearn.grading.student.local import LocalStudent


def _module(*tests: object) -> types.ModuleType:
    module = types.ModuleType("fake_hidden")
    for test in tests:
        setattr(module, test.__name__, test)
    return module


@points(2)
def test_rounds(student):
    """Rounds."""
    expect_close(student.call("f", np.array([0.6])), [1.0], "round to the nearest whole number")


@points(1, requires="test_rounds")
def test_round_trip(student):
    """Round trip."""
    expect_close(student.call("f", np.array([2.6, 3.0])), [3.0, 3.0], "the round trip keeps the values")


@points(1)
def test_keeps_shape(student):
    """Keeps the shape."""
    out = student.call("f", np.zeros((2, 3)) + 0.1)
    assert np.shape(out) == (2, 3), "keep the shape"


@points(1, in_place="f")
def test_leaves_input(student):
    """Leaves its input alone."""
    student.call("f", np.array([0.2, 0.4]))


def _results(f) -> dict:
    module = _module(test_rounds, test_round_trip, test_keeps_shape, test_leaves_input)
    return {r.name: r for r in run_tests(module, LocalStudent({"f": f}), seed=0)}


def test_a_dependent_test_says_fix_the_basic_one_first() -> None:
    results = _results(np.floor)                     # truncates: rounding and the round trip fail
    rounds, trip = results["test_rounds"], results["test_round_trip"]
    assert not rounds.passed and rounds.blocked_by == () and "nearest" in rounds.feedback
    assert not trip.passed and trip.blocked_by == ("test_rounds",)
    assert trip.feedback == "fix “Rounds.” first: this test builds on it and fails with it."
    assert trip.to_dict()["blocked_by"] == ["test_rounds"] and "blocked_by" not in rounds.to_dict()
    assert set(OPTIONAL_TEST_KEYS).isdisjoint(TEST_KEYS)
    assert results["test_keeps_shape"].passed and results["test_leaves_input"].passed


def test_a_dependent_test_that_passes_earns_its_points() -> None:
    def f(x):
        x = np.asarray(x, dtype=float)
        return np.where(x == 0.6, 0.0, np.round(x))  # wrong only for 0.6
    results = _results(f)
    assert not results["test_rounds"].passed and results["test_round_trip"].passed


def test_in_place_modification_is_reported_by_the_test_that_judges_it() -> None:
    def f(x):
        x += 0.0 * x + (np.round(x) - x)   # right values, computed in place
        return x.copy()
    results = _results(f)
    judge = results["test_leaves_input"]
    assert judge.kind == "modified-input" and judge.blocked_by == () and "in place" in judge.feedback
    for name in ("test_rounds", "test_round_trip", "test_keeps_shape"):
        r = results[name]
        assert r.kind == "modified-input" and r.blocked_by == ("test_leaves_input",), r
        assert r.feedback.startswith("fix “Leaves its input alone.” first: f changes its input in place")


def test_without_a_judge_the_first_test_reports_it() -> None:
    module = _module(test_rounds, test_keeps_shape)

    def f(x):
        x[...] = np.round(x)
        return x.copy()
    results = {r.name: r for r in run_tests(module, LocalStudent({"f": f}), seed=0)}
    assert results["test_rounds"].blocked_by == () and results["test_keeps_shape"].blocked_by == ("test_rounds",)


def test_requires_naming_no_test_of_the_module_is_the_authors_error() -> None:
    @points(1, requires="test_missing")
    def test_orphan(student):
        """Orphan."""

    [result] = run_tests(_module(test_orphan), LocalStudent({}), seed=0)
    assert result.status == "grader-error" and "test_missing" in result.feedback
    with pytest.raises(ValueError, match="requires="):
        points(1, requires=("not a name",))
