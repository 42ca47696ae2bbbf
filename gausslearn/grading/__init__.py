"""The grader: exercises built from one source, public checks, hidden tests, and a judge that never trusts
the learner's process.

- :mod:`gausslearn.grading.api`        what tests are written with (``points``, ``expect*``, ``Student``)
- :mod:`gausslearn.grading.judge`      grades one notebook: runs the hidden tests, scores, explains
- :mod:`gausslearn.grading.runner`     starts, limits and kills the process that runs the learner's code
- :mod:`gausslearn.grading.worker`     the program inside that process
- :mod:`gausslearn.grading.channel`    the plain-data wire format between the two
- :mod:`gausslearn.grading.gradebook`  a folder of submissions into one atomic, resumable, formula-safe CSV
- :mod:`gausslearn.grading.authoring.exercises`  builds exercises/ and solutions/ from exercises_src/
- :mod:`gausslearn.grading.authoring.release`    the student bundle (no solutions, no hidden tests)

Importing this package stays cheap: the worker process imports it before the learner's code runs.
"""

from __future__ import annotations

from pathlib import Path

from gausslearn.paths import project_root

#: Changes whenever grading rules change in a way that can change a score.
GRADER_VERSION = "1.0"
#: The package of the hidden tests, one module per exercise id (never shipped to learners). The judge loads
#: them by name: to the host side they are data, like the submissions.
HIDDEN_TESTS = "gausslearn.grading.authoring.hidden"


def hidden_tests_folder(root: Path | None = None) -> Path:
    """The folder of the hidden tests in the project folder ``root`` (default: this project's).

    Examples
    --------
    >>> (hidden_tests_folder() / "ex01_pixels.py").is_file()
    True
    """
    return (project_root() if root is None else Path(root)).joinpath(*HIDDEN_TESTS.split("."))
