"""``RemoteStudent``: the learner's functions, called in the learner's own process.

Each call sends plain data to the worker (:mod:`gausslearn.grading.student.worker`, started by a
:class:`~gausslearn.grading.host.runner.Runner`) and reads back plain data: the result, the arguments as they
are after the call (compared here with what was sent, :func:`~gausslearn.grading.results.check_unchanged`),
and the forbidden functions the call used. The process is restarted after a crash or timeout, within a time
budget per submission; a function that timed out :data:`MAX_TIMEOUTS_PER_FUNCTION` times is not called again.

Time is the CPU time of the learner's processes (measured by the runner), so a busy machine does not fail
correct work; each limit has a wall-clock backstop (:func:`~gausslearn.grading.host.limits.wall_backstop`) for
code that waits instead of computing, and the feedback says which of the two limits was reached.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from gausslearn.grading.api import DEFAULT_TIMEOUT_PER_CALL, Student, StudentError
from gausslearn.grading.host.limits import Limits, wall_backstop
from gausslearn.grading.host.runner import Runner, WorkerDied, WorkerTimeout
from gausslearn.grading.results import check_unchanged

__all__ = ["LOAD_TIMEOUT", "MAX_RESTARTS", "MAX_TIMEOUTS_PER_FUNCTION", "SUBMISSION_BUDGET", "RemoteStudent"]

#: CPU seconds the learner's processes may use for one submission in total (answer cells and calls).
SUBMISSION_BUDGET = 120.0
#: CPU seconds allowed to run the answer cells.
LOAD_TIMEOUT = 30.0
#: How often the learner's process may be restarted after a crash or timeout.
MAX_RESTARTS = 25
#: A function that timed out this often is not called again (its later calls fail at once).
MAX_TIMEOUTS_PER_FUNCTION = 2


class RemoteStudent(Student):
    """A :class:`Student` whose functions run in a worker process started by a :class:`Runner`.

    Examples
    --------
    >>> import numpy as np
    >>> student = RemoteStudent(["def double(x): return 2 * x"])
    >>> student.call("double", np.arange(3))
    array([0, 2, 4])
    >>> student.call("triple", 1)
    Traceback (most recent call last):
    ...
    gausslearn.grading.api.StudentError: triple is not defined by your answer cells; keep the function name `triple` exactly as in the exercise and run no code outside the answer cells
    >>> student.close()
    """

    def __init__(self, cells: list[str], forbidden: tuple[str, ...] = (),
                 timeout_per_call: float = DEFAULT_TIMEOUT_PER_CALL, budget: float = SUBMISSION_BUDGET,
                 limits: Limits | None = None, labels: list[str] | None = None,
                 hide: tuple[str | Path, ...] = ()) -> None:
        self.cells, self.forbidden = cells, tuple(forbidden)
        self.hide = tuple(hide)
        self.labels = list(labels) if labels else [f"cell {i + 1}" for i in range(len(cells))]
        self.timeout_per_call, self.budget = float(timeout_per_call), float(budget)
        self.limits = limits
        self.used = 0.0        # CPU seconds of the learner's processes
        self.wall_used = 0.0   # wall-clock seconds spent waiting for them (starts, loads, calls)
        self.wall_budget = wall_backstop(self.budget)
        self.restarts = 0
        self.runner: Runner | None = None
        self.defined: set[str] = set()
        self.notes: list[str] = []
        self.load_error: StudentError | None = None
        self.budget_exhausted = False
        self.timeouts: dict[str, int] = {}
        self._forbidden: list[str] = []
        self._returned_input = False

    def _budget_error(self) -> StudentError:
        self.budget_exhausted = True
        if self.restarts > MAX_RESTARTS:
            return StudentError("crash", f"not run: your code crashed or timed out {self.restarts} times already, so "
                                "the grader stopped restarting it")
        if self.used < self.budget:
            return StudentError("timeout", f"not run: the wall-clock backstop ({self.wall_budget:g} s) of the time "
                                "budget for this submission was used up (by code that waited, sleep or locks, "
                                "before this test)")
        return StudentError("timeout", f"not run: the {self.budget:g} s time budget (CPU time) for this submission "
                            "was used up (by slow calls, timeouts or crashes before this test)")

    def _left(self) -> bool:
        return self.used < self.budget and self.wall_used < self.wall_budget

    def _timed(self, message: dict[str, Any], timeout: float) -> Any:
        """One request with ``timeout`` CPU seconds, its wall-clock backstop cut to what the budget has left."""
        assert self.runner is not None
        start, cpu = time.monotonic(), self.runner.cpu_seconds()
        wall = max(min(wall_backstop(timeout), self.wall_budget - self.wall_used), 0.5)
        try:
            return self.runner.request(message, timeout, wall)
        finally:
            self.used += max(self.runner.cpu_used - cpu, 0.0)
            self.wall_used += time.monotonic() - start

    @staticmethod
    def _too_long(what: str, exc: WorkerTimeout) -> str:
        if exc.limit == "wall":
            return (f"{what} did not finish within {exc.seconds:g} s of wall-clock time although it used little "
                    "CPU time (is it waiting: time.sleep, input(), a lock, a child process?)")
        return f"{what} did not finish within {exc.seconds:g} s of CPU time"

    def _ensure(self) -> None:
        if self.load_error is not None:
            raise self.load_error
        if self.runner is not None and self.runner.alive:
            return
        if self.runner is not None:
            self.runner.close()
            self.restarts += 1
        if self.restarts > MAX_RESTARTS or not self._left():
            raise self._budget_error()
        self.runner = Runner(limits=self.limits, hide=self.hide)
        start = time.monotonic()
        self.runner.start()
        self.wall_used += time.monotonic() - start
        timeout = min(LOAD_TIMEOUT, max(self.budget - self.used, 1.0))
        try:
            reply = self._timed({"op": "load", "cells": self.cells, "labels": self.labels,
                                 "forbidden": list(self.forbidden)}, timeout)
        except WorkerTimeout as exc:
            self.load_error = StudentError("timeout", self._too_long("running your answer cells", exc)
                                           + " (is there an endless loop, or a long computation outside your "
                                           "functions?)")
            raise self.load_error from None
        except WorkerDied as exc:
            self.load_error = StudentError("crash", f"the process running your answer cells died: {exc}")
            raise self.load_error from None
        if not isinstance(reply, dict) or reply.get("status") != "ok":
            self.load_error = StudentError("crash", "the process running your answer cells broke the protocol")
            raise self.load_error
        self.defined = {d for d in reply.get("defined", []) if isinstance(d, str)}
        for note in reply.get("notes", []):
            if isinstance(note, str) and note not in self.notes:
                self.notes.append(note)
        for name in reply.get("forbidden", []):
            if isinstance(name, str) and name not in self._forbidden:
                self._forbidden.append(name)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        self._returned_input = False
        if self.timeouts.get(name, 0) >= MAX_TIMEOUTS_PER_FUNCTION:
            raise StudentError("timeout", f"{name} was not called again: it already timed out "
                               f"{self.timeouts[name]} times (after {self.timeout_per_call:g} s each)")
        self._ensure()
        if name not in self.defined:
            raise StudentError("missing", f"{name} is not defined by your answer cells; keep the function name "
                               f"`{name}` exactly as in the exercise and run no code outside the answer cells")
        if not self._left():
            raise self._budget_error()
        timeout = min(self.timeout_per_call, self.budget - self.used)
        try:
            reply = self._timed({"op": "call", "name": name, "args": list(args), "kwargs": dict(kwargs)}, timeout)
        except WorkerTimeout as exc:
            self.timeouts[name] = self.timeouts.get(name, 0) + 1
            hint = "" if exc.limit == "wall" else (" (an endless loop, or far too slow: use NumPy operations on "
                                                   "whole arrays instead of Python loops over pixels)")
            raise StudentError("timeout", self._too_long(name, exc) + hint) from None
        except WorkerDied as exc:
            raise StudentError("crash", f"the process running {name} died: {exc}") from None
        if not isinstance(reply, dict):
            raise StudentError("crash", f"the process running {name} broke the protocol")
        used = [n for n in reply.get("forbidden", []) if isinstance(n, str)]
        for n in used:
            if n not in self._forbidden:
                self._forbidden.append(n)
        status = reply.get("status")
        if status == "missing":
            raise StudentError("missing", f"{name} is not defined (or not a function) after running your answer cells")
        if used and status in ("ok", "exception", "bad-return"):
            # Before the exception, as LocalStudent does: a call that reached a forbidden function earns nothing,
            # also when it then raised the error a test expects, and also the second time it happens.
            raise StudentError.forbidden_call(name, used)
        if status == "exception":
            etype = str(reply.get("type", "Exception"))
            msg = str(reply.get("message", f"{name} raised {etype}"))[:1500]
            if etype == "SystemExit":
                msg += " (do not call sys.exit() or exit() in your answer)"
            elif etype == "NotImplementedError" and "Write your solution here" in msg:
                msg = f"{name} is not written yet (it still raises NotImplementedError)"
            raise StudentError("exception", msg, etype)
        if status == "bad-return":
            raise StudentError("bad-return", str(reply.get("message", f"{name} returned something that is not data")))
        if status != "ok":
            raise StudentError("crash", f"the process running {name} broke the protocol")
        after = reply.get("args_after")
        kw_after = reply.get("kwargs_after")
        if not isinstance(after, list) or len(after) != len(args) or not isinstance(kw_after, dict) \
                or set(kw_after) != set(kwargs):
            raise StudentError("crash", f"the process running {name} broke the protocol")
        check_unchanged(name, (args, kwargs), (after, kw_after))
        self._returned_input = bool(reply.get("shares_memory"))
        return reply.get("result")

    def forbidden_calls(self) -> list[str]:
        return list(self._forbidden)

    def returned_input(self) -> bool:
        return self._returned_input

    def close(self) -> None:
        if self.runner is not None:
            self.runner.close()
