"""Public checks: quick tests you run inside an exercise notebook, right under your answer.

Each exercise has a module ``gausslearn.checks.<exercise id>`` written with :mod:`gausslearn.grading.api`,
like the grader's hidden tests but fewer. Your functions run in this very process, on copies of the test
inputs; a check also fails when your function changes its input in place or returns something that is not
plain data (an array, a number, a list, ...).

Passing the public checks is necessary, not sufficient: the grader tests more cases.

The functions that would answer an exercise (its forbidden helpers, listed in the exercise notebook) are
watched here as in the grader: a check whose call reaches one fails at once, naming it and saying why.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from gausslearn.grading.api import forbidden_helpers
from gausslearn.grading.results import TestResult, run_tests
from gausslearn.grading.student.local import LocalStudent
from gausslearn.paths import is_exercise_id

__all__ = ["check_results", "run_checks"]


def _checks_of(exercise: str) -> ModuleType:
    """The module of public checks of ``exercise`` (ValueError for anything that is not an exercise id)."""
    if not is_exercise_id(exercise):
        raise ValueError(f"unknown exercise id {exercise!r}; use the id of this notebook, e.g. 'ex01_pixels'")
    return importlib.import_module(f"gausslearn.checks.{exercise}")


def check_results(exercise: str, functions: dict[str, Callable[..., Any]], *, seed: int = 0,
                  only: Sequence[str] | None = None) -> list[TestResult]:
    """Run the public checks of ``exercise`` on ``functions``; one result per check that concerns them.

    A check is reported when it called one of the functions in ``only`` (default: all given functions) and
    no function that was not given. The checks run exactly as the grader runs its hidden tests
    (:func:`gausslearn.grading.results.run_tests`), here on the learner's functions in this process.

    Examples
    --------
    >>> import numpy as np
    >>> def to_float(image):
    ...     return np.asarray(image) / 255.0          # forgets uint16 and bool
    >>> results = check_results("ex01_pixels", {"to_float": to_float})
    >>> all(r.passed for r in results)
    False
    """
    module = _checks_of(exercise)
    wanted = set(functions if only is None else only)
    declared = forbidden_helpers(exercise)
    student = LocalStudent(functions, tuple(declared))
    return [r for r in run_tests(module, student, seed, forbidden=declared)
            if wanted.intersection(r.functions) and set(r.functions) <= set(functions)]


def run_checks(exercise: str, name: str | Sequence[str] | None = None, **functions: Callable[..., Any]) -> None:
    """Run the public checks of ``exercise`` and print one ✓ or ✗ line per check, with a hint under each ✗.

    Pass your functions by keyword (``run_checks("ex01_pixels", to_float=to_float)``), or their names with
    ``name=`` to take them from the notebook (``run_checks("ex03_kernel", name="gaussian_kernel1d")``).
    All the exercise's other functions found in the notebook are available to the checks as well.

    Examples
    --------
    >>> import numpy as np
    >>> def to_uint8(image):
    ...     return np.rint(np.clip(image, 0, 1) * 255).astype(np.uint8)
    >>> run_checks("ex01_pixels", to_uint8=to_uint8)  # doctest: +ELLIPSIS
    Public checks of to_uint8 (ex01_pixels):
      ✓ ...
    All ... public checks passed. The grader runs more tests: also try other inputs yourself.
    """
    module = _checks_of(exercise)
    selected = [name] if isinstance(name, str) else list(name or [])
    caller = inspect.currentframe()
    namespace = caller.f_back.f_globals if caller is not None and caller.f_back is not None else {}
    available = dict(functions)
    for fname in getattr(module, "FUNCTIONS", ()):
        if fname not in available and callable(namespace.get(fname)):
            available[fname] = namespace[fname]
    for fname in selected:
        if fname not in available:
            if callable(namespace.get(fname)):
                available[fname] = namespace[fname]
            else:
                print(f"✗ {fname} is not defined yet: run the answer cell that defines it first.")
                return
    only = selected or list(functions)
    if not only:
        raise ValueError("say which function to check: run_checks('ex01_pixels', to_float=to_float) or "
                         "run_checks('ex01_pixels', name='to_float')")
    results = check_results(exercise, available, only=only)
    if results and all(not r.passed and "raised NotImplementedError" in r.feedback for r in results):
        print(f"{', '.join(only)}: not written yet. Replace the `raise NotImplementedError(...)` line in the "
              f"answer cell with your code, run that cell, then run this one again ({len(results)} checks wait).")
        return
    forbidden = list(dict.fromkeys(r.feedback for r in results if r.kind == "forbidden"))
    for text in forbidden:
        print(f"⚠ NOT ALLOWED: {text}")
    print(f"Public checks of {', '.join(only)} ({exercise}):")
    for r in results:
        print(f"  {'✓' if r.passed else '✗'} {r.title}")
        if not r.passed:
            print(f"      hint: {r.feedback}")
    passed = sum(r.passed for r in results)
    if not results:
        print("  (no public check concerns this function)")
    elif passed == len(results):
        print(f"All {passed} public checks passed. The grader runs more tests: also try other inputs yourself.")
    else:
        print(f"{passed} of {len(results)} public checks passed. Read the hints, fix your function, run its cell "
              "and this one again.")
