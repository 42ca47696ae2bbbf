"""What grading produces, built in one place: a :class:`TestResult` per test, a :class:`Report` per submission,
and :func:`run_tests`, the one function that runs a module of tests against a learner's functions.

Shared by both sides of the trust boundary: the judge (host side) runs the hidden tests with it against a
:class:`~gausslearn.grading.host.remote.RemoteStudent`, the public checks (:mod:`gausslearn.checks`, inside
the exercise notebook) run theirs against a :class:`~gausslearn.grading.student.local.LocalStudent`. Both
kinds of student use :func:`check_unchanged`, the one check that a call left its arguments as they were.

Examples
--------
>>> import types
>>> from gausslearn.grading.api import expect_close, points
>>> module = types.ModuleType("tests_of_double")
>>> @points(2)
... def test_doubles(student):
...     '''Doubles every value.'''
...     expect_close(student.call("double", 3.0), 6.0, "every value must be doubled")
>>> module.test_doubles = test_doubles
>>> class Squarer(Student):
...     def call(self, name, *args, **kwargs):
...         return args[0] ** 2
>>> [result] = run_tests(module, Squarer(), seed=0)
>>> result.passed, result.points, result.kind, result.functions
(False, 0, 'wrong-answer', ('double',))
>>> report = Report(file="a.ipynb", seed=0, exercise="ex00_double", status="graded", max_score=2, tests=[result])
>>> sorted(report.to_dict()) == sorted(REPORT_KEYS) and report.score == 0
True
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gausslearn.grading import GRADER_VERSION
from gausslearn.grading.api import (
    Student,
    StudentError,
    collect_tests,
    explain_forbidden,
    first_difference,
    mentioned,
    test_rng,
)

__all__ = ["GRADER_FAILED", "NOT_GRADABLE", "REPORT_KEYS", "SCORED", "STATUSES", "TEST_KEYS", "Report", "TestResult",
           "check_unchanged", "number", "run_tests"]

#: A report's status names the worst thing that happened while grading.
STATUSES = {
    "graded": "every test ran normally (lost points included)",
    "timeout": "a call or the answer cells did not finish, or the time budget ran out",
    "crash": "the learner's process died",
    "grader-error": "a test itself failed (not counted against the learner)",
    "no-answers": "the notebook has no answer cell",
    "invalid-notebook": "the file is not a notebook the grader can read",
    "unknown-exercise": "neither the metadata nor the file name names a known exercise",
    "error": "the grader could not run (e.g. a missing exercise template)",
    "missing": "(gradebooks only) the roster lists the student, but no file of theirs was found for this exercise",
}
#: Statuses of a submission whose hidden tests ran: its score stands (lost points, timeouts and crashes included).
SCORED = ("graded", "timeout", "crash")
#: Statuses of a file that could not be graded at all: an instructor has to look at it.
NOT_GRADABLE = ("no-answers", "invalid-notebook", "unknown-exercise")
#: Statuses where the grader itself failed (the score may be wrong: not the learner's fault).
GRADER_FAILED = ("grader-error", "error")
#: Keys of a report as JSON (``gausslearn grade --json``), in this order.
REPORT_KEYS = ("exercise", "file", "score", "max_score", "status", "seed", "tests", "notes", "duration",
               "grader_version", "sandbox")
#: Keys of one test in a report as JSON, in this order.
TEST_KEYS = ("name", "title", "points", "max_points", "passed", "status", "kind", "feedback")
#: Keys a test in a report's JSON has only when they apply (``blocked_by``: the failed tests to fix first).
OPTIONAL_TEST_KEYS = ("blocked_by",)


def number(x: float) -> int | float:
    """Points as JSON shows them: whole numbers as ``int``, others rounded to 6 decimals.

    Examples
    --------
    >>> number(3.0), number(1.5), number(1 / 3)
    (3, 1.5, 0.333333)
    """
    return int(x) if float(x).is_integer() else round(float(x), 6)


@dataclass
class TestResult:
    """The outcome of one test (a hidden test or a public check).

    ``status`` is ``passed``, ``failed`` or ``grader-error``; ``kind`` says why a test failed
    (``wrong-answer``, ``grader-error`` or a :data:`~gausslearn.grading.api.KINDS` key); ``functions`` are the
    learner's functions the test called, in order (used to pick the public checks of one function; not in JSON).
    ``blocked_by`` names the failed tests this one builds on (``@points(requires=...)``, or the test that judges
    in-place modification): its feedback then says to fix those first (in JSON only when not empty).
    """

    __test__ = False  # a result, not a pytest test class

    name: str
    title: str
    max_points: int | float
    status: str = "failed"
    kind: str | None = None
    feedback: str = ""
    functions: tuple[str, ...] = ()
    blocked_by: tuple[str, ...] = ()

    @classmethod
    def of(cls, test: Callable[..., Any], **fields: Any) -> TestResult:
        """A result for the test function ``test`` (marked with :func:`~gausslearn.grading.api.points`)."""
        return cls(name=test.__name__, title=test.title, max_points=number(test.max_points), **fields)  # type: ignore[attr-defined]

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def points(self) -> int | float:
        return self.max_points if self.passed else 0

    def to_dict(self) -> dict[str, Any]:
        """The test as JSON shows it (keys :data:`TEST_KEYS`, and those of :data:`OPTIONAL_TEST_KEYS` that apply)."""
        out = {"name": self.name, "title": self.title, "points": self.points, "max_points": self.max_points,
               "passed": self.passed, "status": self.status, "kind": self.kind, "feedback": self.feedback}
        if self.blocked_by:
            out["blocked_by"] = list(self.blocked_by)
        return out


@dataclass
class Report:
    """The grade of one submission. The score is always the sum of the points of the tests that passed."""

    file: str
    seed: int
    exercise: str | None = None
    status: str = "error"
    max_score: int | float = 0
    tests: list[TestResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    duration: float = 0.0
    grader_version: str = GRADER_VERSION
    #: Which protections the learner's process had (``gausslearn.grading.host.sandbox.describe``), None where the
    #: grader did not start one.
    sandbox: dict[str, Any] | None = None

    @property
    def score(self) -> int | float:
        return number(sum(t.points for t in self.tests))

    def to_dict(self) -> dict[str, Any]:
        """The report as ``gausslearn grade --json`` prints it (keys :data:`REPORT_KEYS`)."""
        return {"exercise": self.exercise, "file": self.file, "score": self.score, "max_score": self.max_score,
                "status": self.status, "seed": self.seed, "tests": [t.to_dict() for t in self.tests],
                "notes": list(self.notes), "duration": self.duration, "grader_version": self.grader_version,
                "sandbox": self.sandbox}

    def to_text(self) -> str:
        """The report for a person: one line per test, feedback under failed ones, notes, total.

        Examples
        --------
        >>> print(Report(file="a.ipynb", seed=0, exercise="ex01_pixels", status="graded", max_score=3, duration=0.4,
        ...              tests=[TestResult("t1", "Scales.", 1, status="passed"),
        ...                     TestResult("t2", "Rounds.", 2, feedback="truncates instead of rounding")]).to_text())
        ex01_pixels: a.ipynb (seed 0)
          ✓ [1/1] Scales.
          ✗ [0/2] Rounds.
              truncates instead of rounding
        Total: 1/3 (status: graded, 0.4 s)
        """
        lines = [f"{self.exercise or '(unknown exercise)'}: {self.file} (seed {self.seed})"]
        for t in self.tests:
            mark = "✓" if t.passed else ("!" if t.status == "grader-error" else "✗")
            lines.append(f"  {mark} [{t.points}/{t.max_points}] {t.title or t.name}")
            if not t.passed and t.feedback:
                lines.append(f"      {t.feedback}")
        lines += [f"  note: {note}" for note in self.notes]
        if self.sandbox:
            lines.append(f"  {self.sandbox.get('summary', '')}")
        lines.append(f"Total: {self.score}/{self.max_score} (status: {self.status}, {self.duration:.1f} s)")
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------------------
# running tests


class _Watching(Student):
    """A student that remembers which functions a test called (see :attr:`TestResult.functions`), and turns a
    call that reached a forbidden function into feedback that names it and says why (from ``declared``)."""

    def __init__(self, inner: Student, declared: Mapping[str, str]) -> None:
        self.inner = inner
        self.declared = declared
        self.called: list[str] = []
        self.forbidden: StudentError | None = None    # the first forbidden call of this test
        self.modified: list[str] = []                # functions whose call changed an input

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if name not in self.called:
            self.called.append(name)
        seen = list(self.inner.forbidden_calls())
        try:
            return self.inner.call(name, *args, **kwargs)
        except StudentError as exc:
            if exc.kind == "modified-input" and name not in self.modified:
                self.modified.append(name)
            if exc.kind != "forbidden":
                raise
            reached = [n for n in self.inner.forbidden_calls() if mentioned(n, exc.message)]
            err = StudentError("forbidden", explain_forbidden(name, reached, self.declared) if reached else exc.message)
            self.forbidden = self.forbidden or err
            raise err from None
        finally:
            new = [n for n in self.inner.forbidden_calls() if n not in seen]
            if new and self.forbidden is None:   # e.g. the call raised after reaching a forbidden function
                self.forbidden = StudentError("forbidden", explain_forbidden(name, new, self.declared))

    def forbidden_calls(self) -> list[str]:
        return self.inner.forbidden_calls()

    def returned_input(self) -> bool:
        return self.inner.returned_input()


def run_tests(module: Any, student: Student, seed: int, *,
              forbidden: Mapping[str, str] | None = None) -> list[TestResult]:
    """Run every test of ``module`` (hidden tests or public checks) against ``student``; one result per test.

    A test gets its fixtures by parameter name (``student``, ``rng``). ``AssertionError`` and
    :class:`~gausslearn.grading.api.StudentError` fail it with their message as feedback; any other exception
    is a grader error (``status="grader-error"``), and the remaining tests still run. A test during which a
    call reached a forbidden function fails (kind ``forbidden``), whatever the test made of it, with feedback
    naming the function and the reason from ``forbidden`` (the exercise's declaration,
    :func:`gausslearn.grading.api.forbidden_helpers`: the judge and the public checks pass it).

    Then one mistake is reported once: a test that failed with a wrong answer while a test it ``requires``
    failed too, and a test that failed because a function changed its input when another test judges that
    (``@points(in_place=...)``, else the first such failure), get ``blocked_by`` and "fix ... first".
    """
    declared = dict(forbidden or {})
    tests = collect_tests(module)
    runs = [_run_one(test, student, seed, declared) for test in tests]
    _one_mistake_once(tests, runs)
    return [result for result, _ in runs]


def _run_one(test: Callable[..., None], student: Student, seed: int,
             declared: Mapping[str, str]) -> tuple[TestResult, list[str]]:
    """The result of one test, and the learner's functions whose call changed an input during it."""
    result = TestResult.of(test)
    watched = _Watching(student, declared)
    try:
        params = inspect.signature(test).parameters
        fixtures = {"student": watched, "rng": test_rng(seed, result.name)}
        unknown = [p for p in params if p not in fixtures]
        if unknown:
            raise TypeError(f"unknown fixture(s) {unknown}; tests may ask for `student` and `rng`")
        test(**{p: fixtures[p] for p in params})
    except AssertionError as exc:
        result.kind, result.feedback = "wrong-answer", str(exc) or result.title
    except StudentError as exc:
        result.kind, result.feedback = exc.kind, exc.message
    except Exception as exc:  # noqa: BLE001 - a bug in the test must not stop the others
        result.status = result.kind = "grader-error"
        result.feedback = (f"the grader failed on this test ({type(exc).__name__}: {str(exc)[:300]}); "
                           "this is not counted against you, tell your instructor")
    else:
        result.status = "passed"
    if watched.forbidden is not None and result.status != "grader-error":
        result.status, result.kind, result.feedback = "failed", "forbidden", watched.forbidden.message
    result.functions = tuple(watched.called)
    return result, watched.modified


def _one_mistake_once(tests: Sequence[Callable[..., Any]], runs: list[tuple[TestResult, list[str]]]) -> None:
    """Mark the failures that repeat a mistake another test reports (see :func:`run_tests`)."""
    by_name = {r.name: r for r, _ in runs}
    judge_of: dict[str, str] = {}    # learner function -> the test that reports its in-place modification
    for test, (r, _) in zip(tests, runs, strict=True):
        for function in getattr(test, "in_place", ()) if r.kind == "modified-input" else ():
            judge_of.setdefault(function, r.name)
    for r, modified in runs:
        if r.kind == "modified-input":
            for function in modified:
                judge_of.setdefault(function, r.name)
    for test, (r, modified) in zip(tests, runs, strict=True):
        unknown = [n for n in getattr(test, "requires", ()) if n not in by_name or n == r.name]
        if unknown:   # a mistake of the test's author: say so, loudly
            r.status = r.kind = "grader-error"
            r.feedback = (f"the grader failed on this test (requires= names {', '.join(unknown)}, not another test of "
                          "this module); this is not counted against you, tell your instructor")
            continue
        if r.passed or r.status == "grader-error":
            continue
        if r.kind == "wrong-answer":
            first = [n for n in getattr(test, "requires", ()) if by_name[n].kind == "wrong-answer"]
            why = "this test builds on it and fails with it."
        elif r.kind == "modified-input":
            first = list(dict.fromkeys(judge_of[f] for f in modified if judge_of.get(f) not in (None, r.name)))
            why = f"{' and '.join(modified)} changes its input in place, so this test cannot use the result."
        else:
            continue
        if first:
            r.blocked_by = tuple(first)
            r.feedback = f"fix {' and '.join(f'“{by_name[n].title}”' for n in first)} first: {why}"


def check_unchanged(name: str, sent: tuple[Sequence[Any], dict[str, Any]],
                    after: tuple[Sequence[Any], dict[str, Any]], parameters: Sequence[str] = ()) -> None:
    """Raise ``StudentError("modified-input")`` when the call of ``name`` changed one of its arguments in place.

    ``sent`` and ``after`` are ``(args, kwargs)``: the arguments as sent, and as they are after the call.
    ``parameters`` are the function's parameter names where known; they label positional arguments.

    Examples
    --------
    >>> import numpy as np
    >>> check_unchanged("f", ([np.array([5, 6])], {}), ([np.array([5, 6])], {}))
    >>> check_unchanged("f", ([np.array([5, 6])], {}), ([np.array([0, 6])], {}), ["x"])
    Traceback (most recent call last):
    ...
    gausslearn.grading.api.StudentError: f modified its input in place: argument 1 (x) changed at index (0,): was 5, now 0. Work on a copy (e.g. x = x.copy()) or build a new array.
    """
    (args, kwargs), (args_after, kwargs_after) = sent, after
    labelled = [(f"argument {i + 1}" + (f" ({parameters[i]})" if i < len(parameters) else ""),
                 parameters[i] if i < len(parameters) else "image", was, now)
                for i, (was, now) in enumerate(zip(args, args_after, strict=False))]
    labelled += [(f"argument {key!r}", key, kwargs[key], kwargs_after[key]) for key in kwargs]
    for label, variable, was, now in labelled:
        diff = first_difference(was, now, label)
        if diff:
            raise StudentError("modified-input", f"{name} modified its input in place: {diff}. Work on a copy "
                               f"(e.g. {variable} = {variable}.copy()) or build a new array.")
