"""``LocalStudent``: the learner's functions called in this very process (the public checks in a notebook).

The public checks run inside the exercise notebook, where the learner's functions already live. There is no
time limit here and nothing is protected from the learner's code: the grader (the host side) enforces limits
and decides scores. A call still behaves like one through the grader: the function gets copies of its
arguments, forbidden library functions are recorded, an argument changed in place fails the call
(:func:`~gausslearn.grading.results.check_unchanged`, the check the grader uses), and the result is converted
to plain data exactly as the grader's wire format does.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from gausslearn.grading.api import Student, StudentError
from gausslearn.grading.channel import PlainDataError, to_plain
from gausslearn.grading.results import check_unchanged
from gausslearn.grading.student.tripwires import Tripwires, exception_summary

__all__ = ["LocalStudent"]


def _parameter_names(func: Callable[..., Any]) -> list[str]:
    try:
        return [p.name for p in inspect.signature(func).parameters.values()]
    except (TypeError, ValueError):
        return []


def _shares_memory(result: Any, values: Iterable[Any]) -> bool:
    if not isinstance(result, np.ndarray):
        return any(result is v for v in values) and isinstance(result, (list, dict))
    return any(isinstance(v, np.ndarray) and np.shares_memory(result, v) for v in values)


class LocalStudent(Student):
    """Runs the learner's functions in this process (used by the public checks in exercise notebooks).

    Each call gets deep copies of its arguments; afterwards the copies are compared with the originals to
    detect in-place modification, and the result is converted to plain data exactly as the grader does.
    There is no time limit here: the grader enforces those.

    Parameters
    ----------
    functions : mapping of str to callable
        The learner's functions by name.
    forbidden : sequence of str
        Dotted names of library functions whose use is reported (e.g. ``"scipy.ndimage.gaussian_filter"``): a
        call that reached one raises ``StudentError("forbidden")``, even when the function then raised.

    Examples
    --------
    >>> def in_place(x):
    ...     x[0] = 0
    ...     return x
    >>> LocalStudent({"f": in_place}).call("f", np.array([5, 6]))
    Traceback (most recent call last):
    ...
    gausslearn.grading.api.StudentError: f modified its input in place: argument 1 (x) changed at index (0,): was 5, now 0. Work on a copy (e.g. x = x.copy()) or build a new array.
    >>> LocalStudent({}).call("g", 1)
    Traceback (most recent call last):
    ...
    gausslearn.grading.api.StudentError: g is not defined; run the cell that defines it (and keep its name).
    """

    def __init__(self, functions: Mapping[str, Callable[..., Any]], forbidden: Sequence[str] = ()) -> None:
        self.functions = dict(functions)
        self.forbidden = tuple(forbidden)
        self._forbidden_seen: list[str] = []
        self._returned_input = False

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        func = self.functions.get(name)
        if func is None or not callable(func):
            raise StudentError("missing", f"{name} is not defined; run the cell that defines it (and keep its name).")
        sent_args = [copy.deepcopy(a) for a in args]
        sent_kwargs = {k: copy.deepcopy(v) for k, v in kwargs.items()}
        keep_args = [copy.deepcopy(a) for a in args]
        keep_kwargs = {k: copy.deepcopy(v) for k, v in kwargs.items()}
        self._returned_input = False
        wires = Tripwires(self.forbidden)
        wires.install()
        error = None
        try:
            result = func(*sent_args, **sent_kwargs)
        except Exception as exc:  # the learner's bug, reported as feedback
            error = StudentError("exception", exception_summary(exc, name), type(exc).__name__)
        finally:
            wires.uninstall()
        self._forbidden_seen += [n for n in dict.fromkeys(wires.calls) if n not in self._forbidden_seen]
        if wires.calls:   # before the exception: a call that reached a forbidden function earns nothing
            raise StudentError.forbidden_call(name, wires.calls)
        if error is not None:
            raise error
        check_unchanged(name, (keep_args, keep_kwargs), (sent_args, sent_kwargs), _parameter_names(func))
        self._returned_input = _shares_memory(result, [*sent_args, *sent_kwargs.values()])
        try:
            return to_plain(result)
        except PlainDataError as exc:
            raise StudentError("bad-return", f"{name} {exc}") from None

    def forbidden_calls(self) -> list[str]:
        return list(self._forbidden_seen)

    def returned_input(self) -> bool:
        return self._returned_input
