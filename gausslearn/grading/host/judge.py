"""Grade one submitted notebook: take its answer cells, run the hidden tests against them, score, explain.

This is the trusted side. The learner's code runs in another process (:mod:`gausslearn.grading.host.runner`);
here only decoded plain data is compared. The steps:

1. Read the file as JSON (at most :data:`MAX_NOTEBOOK_BYTES`); anything that is not an nbformat-4 notebook
   scores 0 with status ``invalid-notebook``.
2. The exercise id comes from ``metadata.gausslearn.exercise``; if that is missing or unknown, from the
   file name (``ex01_pixels-alice.ipynb``), with a note; otherwise status ``unknown-exercise``.
3. Only answer cells are taken from the submission: every code cell tagged ``answer``, in notebook order.
   If an exercise function is defined by none of them (tags deleted, or code moved to a new cell), the
   first untagged code cell that defines it (``def name`` at the start of a line) is used instead, with a
   note. An answer cell turned into markdown is reported. They run after the ``imports`` cells of the clean
   exercise template (``exercises/<id>.ipynb``), so edited imports, checks and metadata do not matter.
   No answer at all: status ``no-answers``.
4. Every test of the hidden test module ``<id>`` (:data:`~gausslearn.grading.HIDDEN_TESTS`) runs with its fixtures; a passing test earns its
   points. AssertionError and StudentError fail the test with their message as feedback; any other
   exception is a grader error (status ``grader-error``), never a crash of the run. The learner's process
   is restarted after a crash or timeout, within a time budget per submission (status ``timeout`` when it
   ran out and tests were skipped).

A function that timed out twice is not called again. The status names the worst thing that happened;
the score is always the sum of the tests that passed. Statuses: ``graded`` (every test ran normally; lost
points included), ``timeout`` (a call or the answer cells did not finish, or the time budget ran out),
``crash`` (the learner's process died), ``grader-error`` (a test itself failed), ``no-answers``,
``invalid-notebook``, ``unknown-exercise``, ``error`` (the grader could not run, e.g. a missing template).
"""

from __future__ import annotations

import importlib
import json
import os
import re
import stat
import time
from pathlib import Path
from typing import Any

from gausslearn.grading import HIDDEN_TESTS, hidden_tests_folder
from gausslearn.grading.api import DEFAULT_TIMEOUT_PER_CALL, Student, StudentError, collect_tests
from gausslearn.grading.results import Report, TestResult, check_unchanged, number, run_tests
from gausslearn.paths import Course, is_exercise_id

#: Larger files are refused without being parsed.
MAX_NOTEBOOK_BYTES = 20 * 2**20
#: Seconds the learner's process may spend on one submission in total (calls, restarts, loading).
SUBMISSION_BUDGET = 120.0
#: Seconds allowed to start the process and run the answer cells.
LOAD_TIMEOUT = 30.0
#: How often the learner's process may be restarted after a crash or timeout.
MAX_RESTARTS = 25
#: A function that timed out this often is not called again (its later calls fail at once).
MAX_TIMEOUTS_PER_FUNCTION = 2


class InvalidNotebook(ValueError):
    """The submission is not a notebook the grader can read."""


def printable_path(path: str | Path) -> str:
    """``path`` as text that can always be printed and written as UTF-8 (bad bytes become U+FFFD).

    Examples
    --------
    >>> printable_path(b"caf\\xe9.ipynb".decode("utf-8", "surrogateescape")) == "caf\\ufffd.ipynb"
    True
    """
    return os.fsencode(os.fspath(path)).decode("utf-8", "replace")


def default_templates() -> Path:
    """The ``exercises/`` folder of this project (the clean exercise notebooks)."""
    return Course.here().exercises


def known_exercises() -> list[str]:
    """Exercise ids that have a hidden test module.

    Examples
    --------
    >>> "ex01_pixels" in known_exercises()
    True
    """
    return sorted(p.stem for p in hidden_tests_folder().glob("ex*.py") if is_exercise_id(p.stem))


# --------------------------------------------------------------------------------------------------------
# reading notebooks without nbformat (importing it costs seconds; the checks here are what matter)


def cell_source(cell: dict[str, Any]) -> str:
    """A cell's source as one string (nbformat allows a list of lines).

    Examples
    --------
    >>> cell_source({"source": ["a = 1", "; b = 2"]})
    'a = 1; b = 2'
    """
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def cell_tags(cell: dict[str, Any]) -> list[str]:
    """A cell's tags (only strings; malformed metadata gives no tags).

    Examples
    --------
    >>> cell_tags({"metadata": {"tags": ["answer", 3]}}), cell_tags({"metadata": "junk"})
    (['answer'], [])
    """
    meta = cell.get("metadata")
    tags = meta.get("tags", []) if isinstance(meta, dict) else []
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def read_notebook(path: str | Path) -> dict[str, Any]:
    """Read and structurally check a notebook file; raise :class:`InvalidNotebook` with a reason."""
    path = Path(path)
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise InvalidNotebook("the file is a symbolic link; hand in the notebook file itself")
        if not stat.S_ISREG(info.st_mode):
            raise InvalidNotebook("this is not a regular file; hand in the notebook file itself")
        size = info.st_size
        if size > MAX_NOTEBOOK_BYTES:
            raise InvalidNotebook(f"the file is {size / 2**20:.1f} MB, more than the {MAX_NOTEBOOK_BYTES // 2**20} MB "
                                  "a notebook may have (clear the outputs: Edit > Clear Outputs of All Cells)")
        with path.open("rb") as fh:
            data = fh.read(MAX_NOTEBOOK_BYTES + 1)
    except OSError as exc:
        raise InvalidNotebook(f"the file cannot be read ({exc.strerror or exc})") from None
    return parse_notebook(data)


def parse_notebook(data: bytes) -> dict[str, Any]:
    """Parse notebook bytes; raise :class:`InvalidNotebook` unless they hold an nbformat-4 notebook.

    Examples
    --------
    >>> parse_notebook(b'{"nbformat": 3, "worksheets": []}')
    Traceback (most recent call last):
    ...
    gausslearn.grading.host.judge.InvalidNotebook: this is an nbformat 3 notebook; open it in a current Jupyter and save it again (nbformat 4 is needed)
    """
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise InvalidNotebook(f"the file is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB")
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidNotebook("the file is not text (UTF-8); is it really a notebook?") from None
    except (ValueError, RecursionError) as exc:
        raise InvalidNotebook(f"the file is not valid JSON ({str(exc)[:120]}); was it edited outside Jupyter "
                              "or cut short?") from None
    if not isinstance(nb, dict) or "nbformat" not in nb:
        raise InvalidNotebook("the file is JSON but not a Jupyter notebook (no nbformat field)")
    major = nb.get("nbformat")
    if not isinstance(major, int) or isinstance(major, bool) or major < 4:
        raise InvalidNotebook(f"this is an nbformat {major} notebook; open it in a current Jupyter and save it "
                              "again (nbformat 4 is needed)")
    cells = nb.get("cells")
    if not isinstance(cells, list):
        raise InvalidNotebook("the notebook has no list of cells")
    for i, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            raise InvalidNotebook(f"cell {i} is malformed (no cell_type)")
        src = cell.get("source", "")
        if not (isinstance(src, str) or (isinstance(src, list) and all(isinstance(s, str) for s in src))):
            raise InvalidNotebook(f"cell {i} has a malformed source")
        if "metadata" in cell and not isinstance(cell["metadata"], dict):
            raise InvalidNotebook(f"cell {i} has malformed metadata")
    if not isinstance(nb.get("metadata", {}), dict):
        raise InvalidNotebook("the notebook metadata is malformed")
    return nb


def defined_functions(source: str) -> list[str]:
    """Names of functions a cell defines at its top level (``def name`` at the start of a line).

    Examples
    --------
    >>> defined_functions("import numpy as np\\ndef to_float(image):\\n    def inner(): pass\\n")
    ['to_float']
    """
    return re.findall(r"^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(", source, flags=re.M)


def exercise_id(nb: dict[str, Any], filename: str, known: list[str]) -> tuple[str | None, list[str]]:
    """The exercise id of a submission and notes on how it was found.

    Examples
    --------
    >>> exercise_id({"metadata": {"gausslearn": {"exercise": "ex01_pixels"}}}, "x.ipynb", ["ex01_pixels"])
    ('ex01_pixels', [])
    >>> exercise_id({"metadata": {}}, "bob-ex01_pixels.ipynb", ["ex01_pixels"])[0]
    'ex01_pixels'
    >>> exercise_id({"metadata": {}}, "bob.ipynb", ["ex01_pixels"])
    (None, [])
    """
    meta = nb.get("metadata", {}).get("gausslearn")
    ex = meta.get("exercise") if isinstance(meta, dict) else None
    if isinstance(ex, str) and ex in known:
        return ex, []
    for k in sorted(known, key=len, reverse=True):
        if k in filename:
            why = "has no exercise id" if ex is None else f"names an unknown exercise {str(ex)[:40]!r}"
            return k, [f"the notebook metadata {why}; the exercise {k} was taken from the file name"]
    return None, []


def answer_code(nb: dict[str, Any], template: dict[str, Any],
                functions: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """The code to run for a submission (template imports + answers, in order), cell labels, and notes."""
    notes: list[str] = []
    cells = nb["cells"]
    chosen: list[int] = []
    for i, cell in enumerate(cells):
        if "answer" in cell_tags(cell):
            if cell["cell_type"] == "code":
                chosen.append(i)
            else:
                notes.append(f"cell {i + 1} is tagged 'answer' but is a {cell['cell_type']} cell, so it was not run; "
                             "turn it back into a code cell (select it, press Esc then Y)")
    defined = {name for i in chosen for name in defined_functions(cell_source(cells[i]))}
    for name in functions:
        if name in defined:
            continue
        for i, cell in enumerate(cells):
            if i not in chosen and cell["cell_type"] == "code" and name in defined_functions(cell_source(cell)):
                chosen.append(i)
                defined.update(defined_functions(cell_source(cell)))
                notes.append(f"{name} was taken from cell {i + 1}, which is not tagged 'answer' (write your code in "
                             "the answer cells)")
                break
    chosen.sort()
    imports = [cell_source(c) for c in template["cells"] if c["cell_type"] == "code" and "imports" in cell_tags(c)]
    answers = [cell_source(cells[i]) for i in chosen]
    if not answers:
        return [], [], notes
    labels = ["imports cell"] * len(imports) + [f"answer cell {k}, notebook cell {i + 1}"
                                                for k, i in enumerate(chosen, start=1)]
    return imports + answers, labels, notes


# --------------------------------------------------------------------------------------------------------
# the learner's code, in a separate process


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

    def __init__(self, cells: list[str], forbidden: tuple[str, ...] = (), timeout_per_call: float = 10.0,
                 budget: float = SUBMISSION_BUDGET, limits: dict[str, Any] | None = None,
                 labels: list[str] | None = None, hide: tuple[str | Path, ...] = ()) -> None:
        self.cells, self.forbidden = cells, tuple(forbidden)
        self.hide = tuple(hide)
        self.labels = list(labels) if labels else [f"cell {i + 1}" for i in range(len(cells))]
        self.timeout_per_call, self.budget = float(timeout_per_call), float(budget)
        self.limits = limits
        self.used = 0.0
        self.restarts = 0
        self.runner: Any = None
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
        return StudentError("timeout", f"not run: the {self.budget:g} s time budget for this submission was used up "
                            "(by slow calls, timeouts or crashes before this test)")

    def _timed(self, message: dict[str, Any], timeout: float) -> Any:
        start = time.monotonic()
        try:
            return self.runner.request(message, timeout)
        finally:
            self.used += time.monotonic() - start

    def _ensure(self) -> None:
        from gausslearn.grading.host.runner import Runner, WorkerDied, WorkerTimeout

        if self.load_error is not None:
            raise self.load_error
        if self.runner is not None and self.runner.alive:
            return
        if self.runner is not None:
            self.runner.close()
            self.restarts += 1
        if self.restarts > MAX_RESTARTS or self.used >= self.budget:
            raise self._budget_error()
        self.runner = Runner(limits=self.limits, hide=self.hide)
        start = time.monotonic()
        self.runner.start()
        self.used += time.monotonic() - start
        timeout = min(LOAD_TIMEOUT, max(self.budget - self.used, 1.0))
        try:
            reply = self._timed({"op": "load", "cells": self.cells, "labels": self.labels,
                                 "forbidden": list(self.forbidden)}, timeout)
        except WorkerTimeout:
            self.load_error = StudentError("timeout", f"running your answer cells did not finish within {timeout:g} s "
                                           "(is there an endless loop, or a long computation outside your functions?)")
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
        from gausslearn.grading.host.runner import WorkerDied, WorkerTimeout

        self._returned_input = False
        if self.timeouts.get(name, 0) >= MAX_TIMEOUTS_PER_FUNCTION:
            raise StudentError("timeout", f"{name} was not called again: it already timed out "
                               f"{self.timeouts[name]} times (after {self.timeout_per_call:g} s each)")
        self._ensure()
        if name not in self.defined:
            raise StudentError("missing", f"{name} is not defined by your answer cells; keep the function name "
                               f"`{name}` exactly as in the exercise and run no code outside the answer cells")
        left = self.budget - self.used
        if left <= 0:
            raise self._budget_error()
        timeout = min(self.timeout_per_call, left)
        try:
            reply = self._timed({"op": "call", "name": name, "args": list(args), "kwargs": dict(kwargs)}, timeout)
        except WorkerTimeout:
            self.timeouts[name] = self.timeouts.get(name, 0) + 1
            raise StudentError("timeout", f"{name} did not finish within {timeout:g} s (an endless loop, or far too "
                               "slow: use NumPy operations on whole arrays instead of Python loops over pixels)") from None
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
        if used:
            raise StudentError("forbidden", f"{name} called {', '.join(sorted(set(used)))}, which this exercise asks "
                               "you to write yourself")
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


# --------------------------------------------------------------------------------------------------------
# grading


def grade_notebook(path: str | Path, *, seed: int = 0, templates: str | Path | None = None,
                   limits: dict[str, Any] | None = None, budget: float = SUBMISSION_BUDGET,
                   timeout_per_call: float | None = None, memory_mb: int | None = None,
                   hide: tuple[str | Path, ...] = ()) -> Report:
    """Grade one submission and return its :class:`~gausslearn.grading.results.Report` (never raises for a
    bad submission).

    Examples
    --------
    >>> report = grade_notebook(default_templates() / "ex02_noise.ipynb", seed=1)
    >>> report.exercise, report.status, report.score, report.max_score > 0
    ('ex02_noise', 'graded', 0, True)
    >>> report.tests[0].feedback
    'mse is not written yet (it still raises NotImplementedError)'

    ``timeout_per_call`` overrides the hidden module's ``TIMEOUT_PER_CALL``; ``budget`` is the total time
    the learner's process may use (its CPU time limit is ``budget + 30`` s); ``memory_mb`` its address-space
    limit; ``limits`` replaces all resource limits (see :class:`~gausslearn.grading.host.runner.Runner`).
    ``hide`` names folders the learner's process must not see besides the submission's own folder (the whole
    submissions folder of a batch), where the sandbox can hide folders.

    ``report.to_dict()`` has the keys ``exercise, file, score, max_score, status, seed, tests, notes, duration,
    grader_version``; each test ``name, title, points, max_points, passed, status, kind, feedback``.
    """
    started = time.monotonic()
    report = Report(file=printable_path(path), seed=int(seed))
    if limits is None:
        from gausslearn.grading.host.runner import DEFAULT_LIMITS

        limits = {**DEFAULT_LIMITS, "cpu": int(budget) + 30}
        if memory_mb:
            limits["as"] = int(memory_mb) * 2**20
    try:
        _grade_into(report, Path(path), int(seed), Path(templates) if templates else default_templates(), limits,
                    budget, timeout_per_call, tuple(hide))
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop a batch
        report.status = "error"
        report.notes.append(f"the grader failed: {type(exc).__name__}: {str(exc)[:300]}")
    report.duration = round(time.monotonic() - started, 3)
    return report


def _grade_into(report: Report, path: Path, seed: int, templates: Path, limits: dict[str, Any] | None,
                budget: float, timeout_per_call: float | None, hide: tuple[str | Path, ...] = ()) -> None:
    try:
        nb = read_notebook(path)
    except InvalidNotebook as exc:
        report.status = "invalid-notebook"
        report.notes.append(str(exc))
        _maybe_max_score(report, path.name)
        return
    known = known_exercises()
    if not known:
        report.notes.append("this installation has no hidden tests (a student bundle?); use the public checks "
                            "in the exercise notebook instead")
        return
    ex, notes = exercise_id(nb, path.name, known)
    report.notes += notes
    if ex is None:
        report.status = "unknown-exercise"
        report.notes.append("this notebook does not say which exercise it is (metadata.gausslearn.exercise) "
                            f"and its file name contains none of {', '.join(known)}")
        return
    report.exercise = ex
    module = importlib.import_module(f"{HIDDEN_TESTS}.{ex}")
    tests = collect_tests(module)
    report.max_score = number(sum(t.max_points for t in tests))
    template_path = templates / f"{ex}.ipynb"
    try:
        template = read_notebook(template_path)
    except InvalidNotebook as exc:
        report.notes.append(f"the exercise template {template_path} cannot be used ({exc}); run "
                            "`gausslearn build-exercises` or pass --templates DIR")
        return
    functions = tuple(getattr(module, "FUNCTIONS", ()))
    cells, labels, notes = answer_code(nb, template, functions)
    report.notes += notes
    if not cells:
        report.status = "no-answers"
        report.notes.append("no answer cell was found: write your code in the cells tagged 'answer' (they define "
                            f"{', '.join(functions)})")
        report.tests = [TestResult.of(t, kind="missing", feedback="not run: no answer cell was found") for t in tests]
        return
    timeout = timeout_per_call or float(getattr(module, "TIMEOUT_PER_CALL", DEFAULT_TIMEOUT_PER_CALL))
    student = RemoteStudent(cells, tuple(getattr(module, "FORBIDDEN", ())), timeout, budget, limits,
                            labels=labels, hide=(path.resolve().parent, *hide))  # classmates' files, where possible
    try:
        report.tests = run_tests(module, student, seed)
    finally:
        student.close()
    report.notes += student.notes
    if student.load_error is not None:
        report.notes.append(f"your answer cells could not be run: {student.load_error.message}")
    else:
        missing = [f for f in functions if student.runner is not None and f not in student.defined]
        if missing and student.defined:
            report.notes.append(f"not defined by your answer cells: {', '.join(missing)}")
    if student.forbidden_calls():
        report.notes.append(f"your code called {', '.join(student.forbidden_calls())}, which this exercise asks "
                            "you to write yourself")
    kinds = {t.kind for t in report.tests}
    if "grader-error" in kinds:
        report.status = "grader-error"
    elif student.load_error is not None:
        report.status = "timeout" if student.load_error.kind == "timeout" else "crash"
    elif student.budget_exhausted or "timeout" in kinds:
        report.status = "timeout"
    elif "crash" in kinds:
        report.status = "crash"
    else:
        report.status = "graded"


def _maybe_max_score(report: Report, filename: str) -> None:
    """For an unreadable file named after an exercise, still report that exercise's maximum score."""
    known = known_exercises()
    ex, _ = exercise_id({}, filename, known)
    if ex is not None:
        report.exercise = ex
        module = importlib.import_module(f"{HIDDEN_TESTS}.{ex}")
        report.max_score = number(sum(t.max_points for t in collect_tests(module)))
