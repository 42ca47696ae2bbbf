"""The grader: exercises built from one source, public checks, hidden tests, and a judge that never trusts
the learner's process. Its folders are the sides of that trust boundary::

      the learner's process (untrusted)      ║  the grader's process (trusted)
                                             ║
      exercise notebook                      ║  host/cli ──► host/gradebook      a folder -> one CSV
       └ gausslearn.checks   public checks   ║   └ host/judge                    one notebook -> Report
          └ student/local    LocalStudent:   ║      ├ host/submission            reads and checks the file
                             the learner's   ║      ├ authoring/hidden           hidden tests, loaded by name
                             functions, here ║      └ host/remote                RemoteStudent
                                             ║         └ host/runner             starts, limits, kills
      student/worker   runs the answer cells ◄═ channel ═►├ host/sandbox         namespaces, control groups
       └ student/tripwires   records forbidden calls,     └ host/limits          Limits, set in the child
                             refuses magics  ║
                                             ║  only plain data crosses (JSON and .npy, never pickle)

      shared by both sides:  api (how tests are written), channel (the wire format),
                             results (TestResult, Report, run_tests, check_unchanged)
      authoring/ (the instructors' machine, before anything is handed out): exercises (exercises/ and
                             solutions/ from exercises_src/), release (the learners' bundle), hidden/

Imports go one way (``tests/grading/test_layout.py`` holds it): the shared modules import only each other;
student/ and authoring/ import the shared modules; host/ imports the shared modules and never student/ (it
names the worker's module only as text, on the command line that starts the learner's process); the public
checks import the shared modules and student/.

Importing this package stays cheap: the worker process imports it before the learner's code runs.
"""

from __future__ import annotations

from pathlib import Path

from gausslearn.paths import project_root

#: Changes whenever grading rules change in a way that can change a score.
GRADER_VERSION = "2.0"
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
