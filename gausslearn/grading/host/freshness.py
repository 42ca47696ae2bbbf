"""The key of a gradebook row: a digest of everything that decides a submission's result.

A row of a gradebook is kept on a re-run only when its key is unchanged. The key covers

- the submission's bytes (its SHA-256);
- the exercise it is graded as, the source of that exercise's hidden test module and the bytes of its clean
  exercise template (the template's ``imports`` cells run before the answers);
- the grader: :data:`gausslearn.grading.GRADER_VERSION` and every Python file of the ``gausslearn`` package
  (other exercises' hidden tests excepted, so a changed test of ex02 regrades ex02 only), the Python version
  and the versions of NumPy and SciPy (the oracles of the hidden tests);
- the seed and the limits (``--timeout``, ``--budget``, ``--memory``) and an ``--exercise`` override;
- whether the learner's process was fully sandboxed (:func:`gausslearn.grading.host.sandbox.describe`).

Anything else (the file's name, the time, the order of grading) does not change a result and is not in it.

Examples
--------
>>> a = result_key("0" * 64, "ex01_pixels", seed=0, options={"budget": 120})
>>> a == result_key("0" * 64, "ex01_pixels", seed=0, options={"budget": 120})
True
>>> len({a, result_key("1" * 64, "ex01_pixels", seed=0, options={"budget": 120}),
...      result_key("0" * 64, "ex01_pixels", seed=1, options={"budget": 120}),
...      result_key("0" * 64, "ex01_pixels", seed=0, options={"budget": 60})})
4
"""

from __future__ import annotations

import functools
import hashlib
import json
import stat
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from gausslearn.grading import GRADER_VERSION, hidden_tests_folder
from gausslearn.grading.host import judge
from gausslearn.paths import is_exercise_id, project_root

#: The options of ``grade_notebook`` that can change a result (``hide`` and ``templates`` are covered otherwise).
RESULT_OPTIONS = ("timeout_per_call", "budget", "memory_mb", "exercise")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a regular file's bytes, read in blocks; a marker instead for anything else (never follows a
    symbolic link, never opens a FIFO or device).

    Examples
    --------
    >>> file_digest(Path("/no/such/file")), file_digest(Path("/dev/null"))
    ('missing', 'not-a-regular-file')
    """
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return "not-a-regular-file"
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "unreadable"


@functools.cache
def grader_digest() -> str:
    """One digest of the grader: its version, the package's Python files but the exercises' hidden tests, and
    the interpreter and libraries that compute expected values. Computed once per process.

    Examples
    --------
    >>> len(grader_digest())
    64
    """
    h = hashlib.sha256()
    versions = {"grader": GRADER_VERSION, "python": sys.version.split()[0]}
    for dist in ("numpy", "scipy"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "absent"
    h.update(json.dumps(versions, sort_keys=True).encode())
    package = project_root() / "gausslearn"
    hidden = hidden_tests_folder().resolve()
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts or (path.resolve().parent == hidden and is_exercise_id(path.stem)):
            continue
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def result_key(submission_sha: str, exercise: str | None, *, seed: int, options: dict[str, Any],
               templates: Path | None = None, sandboxed: bool | None = None) -> str:
    """The key of a gradebook row (hex SHA-256): equal keys mean the same result. See the module's docstring.

    ``sandboxed`` says whether the learner's process had every sandbox layer: a result graded without them is
    graded again once they are there.
    """
    parts: dict[str, Any] = {"submission": submission_sha, "exercise": exercise, "seed": int(seed),
                             "grader": grader_digest(), "sandboxed": sandboxed,
                             "options": {k: options.get(k) for k in RESULT_OPTIONS}}
    if exercise is None:
        parts["known"] = judge.known_exercises()  # a new exercise may make an unknown file gradable
    else:
        parts["hidden_tests"] = file_digest(judge.hidden_test_file(exercise))
        folder = Path(templates) if templates else judge.default_templates()
        parts["template"] = file_digest(folder / f"{exercise}.ipynb")
    return _sha(json.dumps(parts, sort_keys=True).encode())
