"""What hidden tests and public checks are written with.

A test is a plain function decorated with :func:`points`. It receives fixtures by parameter name:

``student``
    a :class:`Student`; ``student.call(name, *args, **kwargs)`` runs the learner's function on plain data
    and returns plain data (in the grader, inside a separate, limited process).
``rng``
    a :class:`numpy.random.Generator` seeded from ``--seed`` and the test's name (so a test draws the same
    numbers whatever other tests run before it).

A test fails by raising :class:`AssertionError`; its message is the feedback the learner reads, so it
names the pitfall in plain words. The ``expect*`` helpers raise it with a short summary of the difference.
A test checks ONE property, on inputs where the learner's other mistakes cannot fail it; a test that cannot
pass while a more basic one fails says so with ``@points(n, requires=("test_basic",))``: when it fails
and the basic test failed too, its feedback becomes "fix <basic test> first" instead of repeating the loss.

A hidden test module (``gausslearn/grading/authoring/hidden/<id>.py``) also declares

``FUNCTIONS``
    the names the learner must define, e.g. ``("to_float", "to_uint8")``;
(no ``FORBIDDEN``)
    the functions that would answer the exercise, dotted name -> one-line reason, are declared ONCE, in the
    exercise's source (``exercises_src/<id>.py``, header metadata ``gausslearn.forbidden``), which also lists
    them in the exercise notebook; the judge and the public checks read that declaration
    (:func:`forbidden_helpers`), so a test module does not repeat it. ``student.call`` raises
    ``StudentError("forbidden", ...)`` when a call reached one of them, and the test earns nothing;
``TIMEOUT_PER_CALL`` (optional)
    seconds one call may take (default :data:`DEFAULT_TIMEOUT_PER_CALL`).

Examples
--------
>>> import numpy as np
>>> @points(2)
... def test_doubles(student, rng):
...     '''Doubles every value.'''
...     x = np.arange(3) + rng.integers(1, 10)
...     expect_close(student.call("double", x), 2 * x, "every value must be doubled")
>>> test_doubles.max_points, test_doubles.title
(2, 'Doubles every value.')
>>> class Learner(Student):          # a stand-in for the learner's code (the grader has its own students)
...     def __init__(self, double):
...         self.double = double
...     def call(self, name, *args, **kwargs):
...         return self.double(*args, **kwargs)
>>> test_doubles(Learner(lambda x: x * 2), np.random.default_rng(0))
>>> test_doubles(Learner(lambda x: x + x[0]), np.random.default_rng(0))
Traceback (most recent call last):
...
AssertionError: every value must be doubled (2 of 3 values differ; largest error 2 at index (2,): got 18, expected 20)
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import math
import re
import types
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

__all__ = [
    "DEFAULT_TIMEOUT_PER_CALL",
    "FORBIDDEN_REGISTRY",
    "KINDS",
    "Student",
    "StudentError",
    "collect_tests",
    "declared_for",
    "expect",
    "expect_close",
    "expect_dtype",
    "expect_equal_array",
    "expect_shape",
    "explain_forbidden",
    "first_difference",
    "forbidden_helpers",
    "mentioned",
    "points",
    "private_helpers",
    "test_rng",
]

#: Seconds one call of a learner's function may take unless the hidden module sets ``TIMEOUT_PER_CALL``.
DEFAULT_TIMEOUT_PER_CALL = 10.0

#: The kinds of :class:`StudentError`, and what each one means.
KINDS = {
    "missing": "the function is not defined (or is not callable)",
    "exception": "the function raised an exception",
    "timeout": "the function did not finish in time",
    "crash": "the process running the function died",
    "bad-return": "the function returned something that is not plain data (array, number, str, list, ...)",
    "modified-input": "the function changed one of its input arrays in place",
    "forbidden": "the function called a library function the exercise asks you to write yourself",
}

F = TypeVar("F", bound=Callable[..., Any])


class StudentError(Exception):
    """A call of the learner's function went wrong (not merely a wrong answer).

    Parameters
    ----------
    kind : str
        One of :data:`KINDS`: ``missing``, ``exception``, ``timeout``, ``crash``, ``bad-return``,
        ``modified-input``, ``forbidden``.
    message : str
        A sentence for the learner.
    exception_type : str, optional
        For ``kind="exception"``: the name of the exception class the function raised (e.g. ``"ValueError"``).

    Examples
    --------
    >>> err = StudentError("exception", "your function raised ValueError: shapes differ", "ValueError")
    >>> err.kind, err.exception_type, str(err)
    ('exception', 'ValueError', 'your function raised ValueError: shapes differ')
    >>> StudentError("oops", "x")
    Traceback (most recent call last):
    ...
    ValueError: unknown StudentError kind 'oops'; use one of missing, exception, timeout, crash, bad-return, modified-input, forbidden
    """

    def __init__(self, kind: str, message: str, exception_type: str | None = None) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown StudentError kind {kind!r}; use one of {', '.join(KINDS)}")
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.exception_type = exception_type

    @classmethod
    def forbidden_call(cls, name: str, used: Sequence[str]) -> StudentError:
        """The error of a call of the learner's ``name`` that reached the forbidden functions ``used`` (each named
        once, in the order they were reached). Raised before any exception of the call: it earns nothing either way.

        Examples
        --------
        >>> str(StudentError.forbidden_call("mse", ["gausslearn.metrics.mse", "numpy.mean", "gausslearn.metrics.mse"]))
        'mse called gausslearn.metrics.mse, numpy.mean, which this exercise asks you to write yourself'
        """
        return cls("forbidden", f"{name} called {', '.join(dict.fromkeys(used))}, which this exercise asks you to "
                                "write yourself")


class Student:
    """The learner's code, seen from a test. Subclasses decide where that code runs.

    Tests use only :meth:`call`, :meth:`forbidden_calls` and :meth:`returned_input`.
    """

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call the learner's function ``name`` and return its result as plain data.

        Raises
        ------
        StudentError
            When the function is missing, raises, times out, crashes, returns something that is not plain
            data, modifies an input in place, or calls a forbidden function.
        """
        raise NotImplementedError("Student is abstract; the public checks use LocalStudent, the grader RemoteStudent")

    def forbidden_calls(self) -> list[str]:
        """Dotted names of the forbidden functions the learner's code has called so far (no repeats)."""
        return []

    def returned_input(self) -> bool:
        """True when the last successful :meth:`call` returned one of its own arguments (or a view of one).

        Useful to check that a function returns a new array instead of handing back the input.
        """
        return False


# --------------------------------------------------------------------------------------------------------
# declaring tests


def points(n: float, *, requires: str | Sequence[str] = (), in_place: str | Sequence[str] = ()) -> Callable[[F], F]:
    """Mark a function as a test worth ``n`` points; its first docstring line becomes its title.

    Parameters
    ----------
    n : float
        The points a passing test earns.
    requires : str or sequence of str
        Names of the tests of the same module this one builds on (e.g. a round trip builds on rounding). When
        this test fails with a wrong answer and one of them failed with a wrong answer too, its feedback says
        "fix <that test> first" instead of repeating the loss (``TestResult.blocked_by`` names them).
    in_place : str or sequence of str
        The learner's functions whose in-place modification of their input THIS test judges. Every other test
        that fails only because such a function changed its input says "fix <this test> first".

    Examples
    --------
    >>> @points(3)
    ... def test_sum(student, rng):
    ...     '''Adds the numbers.
    ...
    ...     Longer notes for instructors.'''
    >>> test_sum.max_points, test_sum.title, test_sum.requires
    (3, 'Adds the numbers.', ())
    >>> @points(1, requires="test_sum")
    ... def test_sum_twice(student, rng):
    ...     '''Adds twice.'''
    >>> test_sum_twice.requires
    ('test_sum',)
    >>> points(-1)
    Traceback (most recent call last):
    ...
    ValueError: points must be a positive number, got -1
    >>> points(1, requires=["test a"])
    Traceback (most recent call last):
    ...
    ValueError: requires= names tests by their function names (e.g. 'test_rounding'), got 'test a'
    """
    if isinstance(n, bool) or not isinstance(n, (int, float)) or not math.isfinite(n) or n <= 0:
        raise ValueError(f"points must be a positive number, got {n!r}")
    needed = _names(requires, "requires", "names tests by their function names (e.g. 'test_rounding')")
    judged = _names(in_place, "in_place", "names the learner's functions (e.g. 'to_uint8')")

    def mark(func: F) -> F:
        doc = (func.__doc__ or "").strip()
        func.max_points = n  # type: ignore[attr-defined]
        func.__test__ = False  # type: ignore[attr-defined]  # run by the grader, not collected by pytest
        func.title = doc.splitlines()[0].strip() if doc else func.__name__.replace("_", " ")  # type: ignore[attr-defined]
        func.requires = needed  # type: ignore[attr-defined]
        func.in_place = judged  # type: ignore[attr-defined]
        return func

    return mark


def _names(value: str | Sequence[str], option: str, meaning: str) -> tuple[str, ...]:
    names = (value,) if isinstance(value, str) else tuple(value)
    for name in names:
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"{option}= {meaning}, got {name!r}")
    return names


def collect_tests(module: Any) -> list[Callable[..., None]]:
    """Return the functions of ``module`` marked with :func:`points`, in the order they are defined.

    Examples
    --------
    >>> import types
    >>> m = types.ModuleType("m")
    >>> m.a = points(1)(lambda student: None)
    >>> m.helper = lambda: None
    >>> [f.max_points for f in collect_tests(m)]
    [1]
    """
    return [v for v in vars(module).values() if callable(v) and hasattr(v, "max_points") and hasattr(v, "title")]


def test_rng(seed: int, test_name: str) -> np.random.Generator:
    """The ``rng`` fixture of one test: seeded from the grading seed and the test's name.

    Examples
    --------
    >>> a = test_rng(0, "test_x").integers(0, 1000, 3)
    >>> b = test_rng(0, "test_x").integers(0, 1000, 3)
    >>> bool((a == b).all())
    True
    """
    return np.random.default_rng([int(seed) & 0xFFFFFFFF, zlib.crc32(test_name.encode())])


test_rng.__test__ = False  # type: ignore[attr-defined]  # not a pytest test despite the name


# --------------------------------------------------------------------------------------------------------
# expectations


def expect(condition: Any, message: str) -> None:
    """Fail the test with ``message`` unless ``condition`` is true.

    Examples
    --------
    >>> expect(1 + 1 == 2, "arithmetic")
    >>> expect(False, "the result must be positive")
    Traceback (most recent call last):
    ...
    AssertionError: the result must be positive
    """
    if not bool(condition):
        raise AssertionError(message)


def _describe(value: Any) -> str:
    """A short phrase naming what a learner's function returned."""
    if value is None:
        return "None (did you forget `return`?)"
    if isinstance(value, np.ndarray):
        return f"an array of dtype {value.dtype} and shape {value.shape}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    return f"a {type(value).__name__} ({_fmt(value)})" if isinstance(value, (int, float, complex)) else \
        f"a {type(value).__name__}"


def _fmt(x: Any) -> str:
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.6g}"
    if isinstance(x, (complex, np.complexfloating)):
        return f"{complex(x):.6g}"
    return repr(x)


def _index(flat: int, shape: tuple[int, ...]) -> str:
    if not shape:
        return "()"
    idx = np.unravel_index(flat, shape)
    return "(" + ", ".join(str(int(i)) for i in idx) + ("," if len(idx) == 1 else "") + ")"


def _as_numeric(actual: Any, message: str, desired: np.ndarray) -> np.ndarray:
    """Turn a learner's result into a numeric array or fail with a message saying what came back."""
    if actual is None or isinstance(actual, (str, bytes, dict)):
        raise AssertionError(f"{message} (your function returned {_describe(actual)}; "
                             f"expected {_describe(desired) if desired.ndim else 'a number'})")
    try:
        arr = np.asarray(actual)
    except (ValueError, TypeError):
        arr = np.asarray(None)
    if arr.dtype.kind not in "biufc":
        raise AssertionError(f"{message} (your function returned {_describe(actual)}, which is not numeric)")
    return arr


def _check_shape(arr: np.ndarray, desired: np.ndarray, message: str) -> None:
    if arr.shape != desired.shape:
        what = "a single number" if desired.ndim == 0 else f"shape {desired.shape}"
        got = "a single number" if arr.ndim == 0 else f"shape {arr.shape}"
        raise AssertionError(f"{message} (expected {what}, got {got})")


def expect_close(actual: Any, desired: Any, message: str, *, rtol: float = 1e-7, atol: float = 1e-10) -> None:
    """Fail unless ``actual`` has the shape of ``desired`` and matches it within ``atol + rtol * |desired|``.

    NaN must appear exactly where ``desired`` has NaN; infinities must match in sign. A complex result
    where a real one is expected fails. The message gets a summary: how many values differ, the largest
    error and the first index where it occurs.

    Examples
    --------
    >>> expect_close([0.1 + 0.2], [0.3], "sums")
    >>> expect_close([[1.0, 2.0], [3.0, 5.0]], [[1, 2], [3, 4]], "must match")
    Traceback (most recent call last):
    ...
    AssertionError: must match (1 of 4 values differ; largest error 1 at index (1, 1): got 5, expected 4)
    >>> expect_close(None, 1.0, "psnr of two images")
    Traceback (most recent call last):
    ...
    AssertionError: psnr of two images (your function returned None (did you forget `return`?); expected a number)
    >>> expect_close(np.zeros(3), np.zeros((1, 3)), "keep the shape")
    Traceback (most recent call last):
    ...
    AssertionError: keep the shape (expected shape (1, 3), got shape (3,))
    """
    want = np.asarray(desired)
    got = _as_numeric(actual, message, want)
    _check_shape(got, want, message)
    if got.dtype.kind == "c" and want.dtype.kind != "c":
        if np.any(got.imag != 0):
            raise AssertionError(f"{message} (your result is complex; a real-valued result is expected)")
        got = got.real
    if got.size == 0:
        return
    g = got.astype(np.complex128 if got.dtype.kind == "c" or want.dtype.kind == "c" else np.float64).ravel()
    w = want.astype(g.dtype).ravel()
    g_nan, w_nan = np.isnan(g), np.isnan(w)
    bad_nan = g_nan != w_nan
    if bad_nan.any():
        i = int(np.flatnonzero(bad_nan)[0])
        n = int(bad_nan.sum())
        where = _index(i, got.shape)
        if g_nan[i]:
            raise AssertionError(f"{message} ({n} value(s) are NaN where a number is expected, first at index "
                                 f"{where}; expected {_fmt(w[i])})")
        raise AssertionError(f"{message} (expected NaN at index {where}, got {_fmt(g[i])})")
    with np.errstate(invalid="ignore", over="ignore"):
        same_inf = np.isinf(w) & (g == w)
        err = np.abs(g - w)
        err[g_nan | same_inf] = 0.0
        tol = atol + rtol * np.abs(np.where(np.isinf(w), 0.0, w))
        bad = ~(err <= tol) & ~g_nan  # NaN positions already match
    if bad.any():
        n = int(bad.sum())
        err_masked = np.where(bad, np.nan_to_num(err, nan=np.inf, posinf=np.inf), -1.0)
        i = int(np.argmax(err_masked))
        where = _index(i, got.shape)
        raise AssertionError(f"{message} ({n} of {got.size} values differ; largest error {_fmt(err[i])} "
                             f"at index {where}: got {_fmt(got.ravel()[i])}, expected {_fmt(want.ravel()[i])})")


def expect_equal_array(actual: Any, desired: Any, message: str) -> None:
    """Fail unless ``actual`` is an array with the shape and exactly the values of ``desired``.

    The dtype is not compared (use :func:`expect_dtype` for that); NaN equals NaN.

    Examples
    --------
    >>> expect_equal_array(np.array([0, 128, 255], np.uint8), [0, 128, 255], "rounded values")
    >>> expect_equal_array(np.array([0, 127, 255], np.uint8), [0, 128, 255], "round, do not truncate")
    Traceback (most recent call last):
    ...
    AssertionError: round, do not truncate (1 of 3 values differ; first at index (1,): got 127, expected 128)
    """
    want = np.asarray(desired)
    got = _as_numeric(actual, message, want)
    _check_shape(got, want, message)
    if got.size == 0:
        return
    with np.errstate(invalid="ignore"):
        same = got == want
        if got.dtype.kind in "fc" and want.dtype.kind in "fc":
            same |= np.isnan(got) & np.isnan(want)
    same = np.broadcast_to(same, got.shape)
    if not same.all():
        bad = ~same
        i = int(np.flatnonzero(bad)[0])
        raise AssertionError(f"{message} ({int(bad.sum())} of {got.size} values differ; first at index "
                             f"{_index(i, got.shape)}: got {_fmt(got.ravel()[i])}, expected {_fmt(want.ravel()[i])})")


def expect_dtype(arr: Any, dtype: Any, message: str) -> None:
    """Fail unless ``arr`` is a NumPy array of exactly ``dtype``.

    Examples
    --------
    >>> expect_dtype(np.zeros(2), np.float64, "return float64")
    >>> expect_dtype(np.zeros(2, np.float32), "float64", "return float64")
    Traceback (most recent call last):
    ...
    AssertionError: return float64 (got dtype float32, expected float64)
    >>> expect_dtype([0.0, 1.0], np.float64, "return an array")
    Traceback (most recent call last):
    ...
    AssertionError: return an array (your function returned a list of length 2, not a NumPy array)
    """
    want = np.dtype(dtype)
    if not isinstance(arr, np.ndarray):
        raise AssertionError(f"{message} (your function returned {_describe(arr)}, not a NumPy array)")
    if arr.dtype != want:
        raise AssertionError(f"{message} (got dtype {arr.dtype}, expected {want})")


def expect_shape(arr: Any, shape: Sequence[int], message: str) -> None:
    """Fail unless ``arr`` has exactly ``shape``.

    Examples
    --------
    >>> expect_shape(np.zeros((4, 5, 3)), (4, 5, 3), "keep the colour axis")
    >>> expect_shape(np.zeros((4, 5)), (4, 5, 3), "keep the colour axis")
    Traceback (most recent call last):
    ...
    AssertionError: keep the colour axis (expected shape (4, 5, 3), got shape (4, 5))
    """
    want = tuple(int(s) for s in shape)
    if arr is None or isinstance(arr, (str, bytes, dict)):
        raise AssertionError(f"{message} (your function returned {_describe(arr)}; expected shape {want})")
    got = tuple(np.shape(arr))
    if got != want:
        raise AssertionError(f"{message} (expected shape {want}, got shape {got})")


# --------------------------------------------------------------------------------------------------------
# forbidden helpers: the functions that would answer an exercise

#: The forbidden helpers of every exercise, ``{exercise id: {dotted name: reason}}``, generated from the sources
#: (``exercises_src/<id>.py``, header metadata ``gausslearn.forbidden``) by ``gausslearn build-exercises``.
FORBIDDEN_REGISTRY = Path(__file__).with_name("forbidden_helpers.json")


@functools.cache
def _registry() -> dict[str, dict[str, str]]:
    try:
        data = json.loads(FORBIDDEN_REGISTRY.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{FORBIDDEN_REGISTRY} is missing; run `gausslearn build-exercises` (it is generated "
                                "from the exercise sources)") from None
    return data


def forbidden_helpers(exercise: str) -> dict[str, str]:
    """The functions that would answer ``exercise``: dotted name -> the one-line reason, as its source declares them.

    The judge (for the hidden tests), the public checks and the exercise notebook all read this one declaration.

    Examples
    --------
    >>> forbidden_helpers("ex01_pixels")["gausslearn.dtypes.to_float"]
    "it converts an image to floats by its dtype's range: that conversion is Task 1"
    >>> forbidden_helpers("ex99_nothing")
    Traceback (most recent call last):
    ...
    KeyError: "no exercise 'ex99_nothing' in the forbidden-helper declarations; run `gausslearn build-exercises` after adding its source"
    """
    registry = _registry()
    if exercise not in registry:
        raise KeyError(f"no exercise {exercise!r} in the forbidden-helper declarations; run `gausslearn "
                       "build-exercises` after adding its source")
    return dict(registry[exercise])


def _module_of(dotted: str) -> str:
    return dotted.rpartition(".")[0]


def private_helpers(function: Any) -> list[tuple[str, Any]]:
    """``(dotted name, function)`` of the private module-level functions of ``function``'s own module that it
    calls, directly or through each other (read from the names its code uses; decorators are looked through).

    Examples
    --------
    >>> from gausslearn import metrics
    >>> [name for name, _ in private_helpers(metrics.mse)]
    ['gausslearn.metrics._pair', 'gausslearn.metrics._mse64']
    >>> private_helpers(len)
    []
    """
    function = inspect.unwrap(function) if callable(function) else function
    if not isinstance(function, types.FunctionType):
        return []
    module, namespace = function.__module__, function.__globals__
    found: dict[str, Any] = {}
    todo = [function.__code__]
    while todo:
        code = todo.pop(0)
        todo += [c for c in code.co_consts if isinstance(c, types.CodeType)]
        for name in code.co_names:
            value = namespace.get(name)
            if (name.startswith("_") and not name.startswith("__") and name not in found
                    and isinstance(value, types.FunctionType) and value.__module__ == module):
                found[name] = value
                todo.append(inspect.unwrap(value).__code__)
    return [(f"{module}.{name}", value) for name, value in found.items()]


def _helped_by(helper: str, declared: str) -> bool:
    """True when the private function ``helper`` does part of the work of the declared function ``declared``."""
    module_name, _, attr = declared.rpartition(".")
    try:
        function = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError):
        return True   # cannot look: keep the guess from the names
    return any(name == helper for name, _ in private_helpers(function))


def declared_for(called: str, declared: Sequence[str]) -> list[str]:
    """The declared forbidden functions that a recorded call ``called`` stands for (empty when none).

    A declared name stands for itself; ``pkg._private.f`` (another path to the same function, or the compiled
    routine of the same name) stands for a declared ``pkg.f``; a private helper ``mod._helper`` stands for the
    declared functions of ``mod`` (it does their work).

    Examples
    --------
    >>> declared_for("scipy.ndimage._nd_image.correlate1d", ["scipy.ndimage.correlate1d"])
    ['scipy.ndimage.correlate1d']
    >>> declared_for("gausslearn.metrics._pair", ["gausslearn.metrics.mse", "gausslearn.metrics.sure_risk"])
    ['gausslearn.metrics.mse']
    >>> declared_for("numpy.mean", ["gausslearn.metrics.mse"])
    []
    """
    if called in declared:
        return [called]
    module, _, attr = called.rpartition(".")
    same_name = [d for d in declared if d.rpartition(".")[2] == attr
                 and module.startswith(_module_of(d) + "._")]
    if same_name:
        return same_name
    if attr.startswith("_"):
        near = [d for d in declared if module == _module_of(d) or module.startswith(_module_of(d) + "._")]
        return [d for d in near if _helped_by(called, d)] or near
    return []


def explain_forbidden(function: str, called: Sequence[str], declared: Mapping[str, str]) -> str:
    """The feedback for a call of the learner's ``function`` that reached the forbidden functions ``called``.

    It names what the learner's code called (not the library's internal calls) and why each is not allowed.

    Examples
    --------
    >>> explain_forbidden("to_float", ["gausslearn.dtypes.to_float"],
    ...                   {"gausslearn.dtypes.to_float": "it is Task 1's answer"})  # doctest: +NORMALIZE_WHITESPACE
    "to_float called gausslearn.dtypes.to_float, which this exercise does not allow (it is Task 1's answer).
    A test whose call reaches a forbidden function earns no points, however it is imported or called: write
    the code yourself."
    >>> print(explain_forbidden("psnr", ["gausslearn.metrics._mse64"], {"gausslearn.metrics.mse": "it is Task 1"}))
    ... # doctest: +ELLIPSIS
    psnr called gausslearn.metrics._mse64 (a private helper behind gausslearn.metrics.mse), which ... (it is Task 1). ...
    """
    parts = []
    for name in dict.fromkeys(called):
        stands_for = declared_for(name, list(declared))
        reasons = list(dict.fromkeys(declared[d] for d in stands_for))
        label = name
        if stands_for and stands_for != [name]:
            how = "a private helper behind" if name.rpartition(".")[2].startswith("_") else "the same function as"
            label = f"{name} ({how} {', '.join(stands_for)})"
        parts.append((label, "; ".join(reasons)))
    if not parts:
        return f"{function} called a function this exercise does not allow"
    if len(parts) == 1:
        (label, reason), = parts
        text = f"{function} called {label}, which this exercise does not allow" + (f" ({reason})" if reason else "")
    else:
        text = f"{function} called functions this exercise does not allow: " + "; ".join(
            f"{label}" + (f" ({reason})" if reason else "") for label, reason in parts)
    return (text.rstrip(".") + ". A test whose call reaches a forbidden function earns no points, however it is "
            "imported or called: write the code yourself.")


def mentioned(name: str, text: str) -> bool:
    """True when the dotted ``name`` appears in ``text`` as a whole name (``a.f`` is not in ``a.f1``).

    Examples
    --------
    >>> mentioned("scipy.ndimage.gaussian_filter", "called scipy.ndimage.gaussian_filter1d")
    False
    >>> mentioned("scipy.ndimage.gaussian_filter", "called scipy.ndimage.gaussian_filter, which")
    True
    """
    return re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text) is not None


# --------------------------------------------------------------------------------------------------------
# comparing plain data before and after a call


def first_difference(before: Any, after: Any, where: str = "") -> str | None:
    """Describe the first place where plain data ``after`` differs from ``before`` (None when equal).

    Examples
    --------
    >>> first_difference(np.array([1, 2, 3]), np.array([1, 0, 3]), "argument 1")
    'argument 1 changed at index (1,): was 2, now 0'
    >>> first_difference([1, {"a": 2.0}], [1, {"a": 2.0}]) is None
    True
    """
    label = where or "the value"
    if isinstance(before, np.ndarray) or isinstance(after, np.ndarray):
        if not (isinstance(before, np.ndarray) and isinstance(after, np.ndarray)):
            return f"{label} was replaced"
        if before.shape != after.shape or before.dtype != after.dtype:
            return f"{label} changed from {before.dtype} {before.shape} to {after.dtype} {after.shape}"
        with np.errstate(invalid="ignore"):
            same = before == after
            if before.dtype.kind in "fc":
                same |= np.isnan(before) & np.isnan(after)
        if np.all(same):
            return None
        i = int(np.flatnonzero(~np.asarray(same))[0])
        return (f"{label} changed at index {_index(i, before.shape)}: was {_fmt(before.ravel()[i])}, "
                f"now {_fmt(after.ravel()[i])}")
    if isinstance(before, (list, tuple)) and isinstance(after, (list, tuple)):
        if len(before) != len(after):
            return f"{label} changed length from {len(before)} to {len(after)}"
        for k, (b, a) in enumerate(zip(before, after, strict=False)):
            d = first_difference(b, a, f"{label}[{k}]")
            if d:
                return d
        return None
    if isinstance(before, dict) and isinstance(after, dict):
        if set(before) != set(after):
            return f"{label} gained or lost keys"
        for k in before:
            d = first_difference(before[k], after[k], f"{label}[{k!r}]")
            if d:
                return d
        return None
    if type(before) is not type(after):
        return f"{label} was replaced"
    if isinstance(before, float) and math.isnan(before) and math.isnan(after):
        return None
    return None if before == after else f"{label} changed from {before!r} to {after!r}"
