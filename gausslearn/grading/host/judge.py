"""Grade one submitted notebook: take its answer cells, run the hidden tests against them, score, explain.

This is the trusted side. The learner's code runs in another process (:mod:`gausslearn.grading.host.runner`),
called through a :class:`~gausslearn.grading.host.remote.RemoteStudent`; here only decoded plain data is
compared. The steps:

1. Read the notebook, find its exercise id and answer cells (:mod:`gausslearn.grading.host.submission`):
   a file that is not an nbformat-4 notebook (a PDF, a text file, a ``.ipynb`` that is not one) scores 0 with
   status ``invalid-notebook``; no exercise id (``--exercise``, the metadata, the file name) gives
   ``unknown-exercise``; no answer cell at all gives ``no-answers``.
2. Every test of the hidden test module ``<id>`` (in :data:`gausslearn.grading.HIDDEN_TESTS`) runs through
   :func:`gausslearn.grading.results.run_tests`; a passing test earns its points. AssertionError and
   StudentError fail the test with their message as feedback; any other exception is a grader error (status
   ``grader-error``), never a crash of the run. The learner's process is restarted after a crash or timeout,
   within a time budget per submission (status ``timeout`` when it ran out and tests were skipped).

The status names the worst thing that happened (:data:`gausslearn.grading.results.STATUSES`); the score is
always the sum of the tests that passed.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

from gausslearn.grading import HIDDEN_TESTS, hidden_tests_folder
from gausslearn.grading.api import DEFAULT_TIMEOUT_PER_CALL, collect_tests, forbidden_helpers
from gausslearn.grading.host import sandbox
from gausslearn.grading.host.limits import Limits
from gausslearn.grading.host.remote import SUBMISSION_BUDGET, RemoteStudent
from gausslearn.grading.host.submission import (
    InvalidNotebook,
    answer_code,
    exercise_id,
    printable_path,
    read_notebook,
)
from gausslearn.grading.results import Report, TestResult, number, run_tests
from gausslearn.paths import Course, is_exercise_id


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


def hidden_test_file(exercise: str) -> Path:
    """The source file of an exercise's hidden tests: what grades it, and part of its gradebook key.

    Examples
    --------
    >>> hidden_test_file("ex01_pixels").name
    'ex01_pixels.py'
    """
    return hidden_tests_folder() / f"{exercise}.py"


def load_hidden(exercise: str) -> ModuleType:
    """The hidden test module of ``exercise``, loaded from :func:`hidden_test_file` (by name where it is the
    installed package's file, so helpers shared between modules are imported once)."""
    path = hidden_test_file(exercise)
    if path.resolve() == (hidden_tests_folder() / f"{exercise}.py").resolve():
        return importlib.import_module(f"{HIDDEN_TESTS}.{exercise}")
    name = f"_gausslearn_hidden_{exercise}_{abs(hash(str(path.resolve())))}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load hidden tests from {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def exercise_max_score(exercise: str) -> int | float:
    """The most points a submission of ``exercise`` can earn (the sum over its hidden tests).

    Examples
    --------
    >>> exercise_max_score("ex01_pixels") > 0
    True
    """
    return number(sum(t.max_points for t in collect_tests(load_hidden(exercise))))


def identify_exercise(path: str | Path, override: str | None = None) -> str | None:
    """The exercise a submitted file will be graded as (what :func:`grade_notebook` decides; None if none)."""
    known = known_exercises()
    path = Path(path)
    try:
        nb = read_notebook(path) if path.suffix.lower() == ".ipynb" else {}
    except InvalidNotebook:
        nb = {}
    if override is not None:
        return exercise_id(nb, path.name, known, override)[0]
    return exercise_id(nb, path.name, known)[0]


def grade_notebook(path: str | Path, *, seed: int = 0, templates: str | Path | None = None,
                   limits: Limits | None = None, budget: float = SUBMISSION_BUDGET,
                   timeout_per_call: float | None = None, memory_mb: int | None = None,
                   hide: tuple[str | Path, ...] = (), exercise: str | None = None) -> Report:
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
    limit (these two build the :class:`~gausslearn.grading.host.limits.Limits` of the learner's process);
    ``limits`` replaces them.
    ``hide`` names folders the learner's process must not see besides the submission's own folder (the whole
    submissions folder of a batch), where the sandbox can hide folders. ``exercise`` grades the file as that
    exercise whatever its metadata says (``gausslearn grade --exercise``; an old id means its new exercise).

    ``report.to_dict()`` has the keys ``exercise, file, score, max_score, status, seed, tests, notes, duration,
    grader_version, sandbox`` (``sandbox``: which protections the learner's process had, from
    :func:`gausslearn.grading.host.sandbox.describe`); each test ``name, title, points, max_points, passed, status, kind, feedback``.
    """
    started = time.monotonic()
    report = Report(file=printable_path(path), seed=int(seed))
    if limits is None:
        limits = Limits.for_submission(budget=budget, memory_mb=memory_mb)
    try:
        report.sandbox = sandbox.describe(sandbox.for_grading(limits, (Path(path).resolve().parent, *map(Path, hide))))
        _grade_into(report, Path(path), int(seed), Path(templates) if templates else default_templates(), limits,
                    budget, timeout_per_call, tuple(hide), exercise)
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop a batch
        report.status = "error"
        report.notes.append(f"the grader failed: {type(exc).__name__}: {str(exc)[:300]}")
    report.duration = round(time.monotonic() - started, 3)
    return report


def _grade_into(report: Report, path: Path, seed: int, templates: Path, limits: Limits,
                budget: float, timeout_per_call: float | None, hide: tuple[str | Path, ...] = (),
                override: str | None = None) -> None:
    try:
        if path.suffix.lower() != ".ipynb" and not path.is_dir():
            kind = path.suffix.lower() or "a file without an extension"
            raise InvalidNotebook(f"{path.name} is not a Jupyter notebook ({kind}); hand in the exercise's .ipynb "
                                  "file itself (in Jupyter: File > Download), not a PDF, text or export of it")
        nb = read_notebook(path)
    except InvalidNotebook as exc:
        report.status = "invalid-notebook"
        report.notes.append(str(exc))
        _maybe_max_score(report, path.name, override)
        return
    known = known_exercises()
    if not known:
        report.notes.append("this installation has no hidden tests (a student bundle?); use the public checks "
                            "in the exercise notebook instead")
        return
    ex, notes = exercise_id(nb, path.name, known, override)
    report.notes += notes
    if ex is None:
        report.status = "unknown-exercise"
        return
    report.exercise = ex
    module = load_hidden(ex)
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
    forbidden = forbidden_helpers(ex)  # declared once, in the exercise's source
    student = RemoteStudent(cells, tuple(forbidden), timeout, budget, limits,
                            labels=labels, hide=(path.resolve().parent, *hide))  # classmates' files, where possible
    try:
        report.tests = run_tests(module, student, seed, forbidden=forbidden)
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


def _maybe_max_score(report: Report, filename: str, override: str | None = None) -> None:
    """For an unreadable file named after an exercise (or given ``--exercise``), still report that exercise and
    its maximum score."""
    ex, _ = exercise_id({}, filename, known_exercises(), override)
    if ex is not None:
        report.exercise = ex
        report.max_score = exercise_max_score(ex)
