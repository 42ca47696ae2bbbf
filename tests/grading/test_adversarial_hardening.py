"""Hardening found by the hostile-submission corpus (tests/adversarial): each test fails without its fix."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gausslearn.grading import hidden_tests_folder
from gausslearn.grading.host.gradebook import read_gradebook, write_gradebook
from gausslearn.grading.host.runner import undumpable
from gausslearn.grading.host.sandbox import Sandbox

LINUX = sys.platform.startswith("linux")

_PROBE = textwrap.dedent("""
    import os, subprocess, sys
    if sys.argv[1] == "yes":
        from gausslearn.grading.host.runner import undumpable
        undumpable()
    child = ("import os, sys\\n"
             "try:\\n"
             "    open(f'/proc/{os.getppid()}/fd/1', 'w').write('FORGED\\\\n')\\n"
             "    print('opened')\\n"
             "except OSError as e:\\n"
             "    print('refused', e.errno)\\n")
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True).stdout
    sys.stderr.write(out)
""")


def _probe(make_undumpable: bool) -> subprocess.CompletedProcess:
    """A grader stand-in (optionally undumpable) whose child tries to write into the grader's stdout.

    As root both run without capabilities (root with them passes every check), like a non-root grader and
    the learner code it starts: same user, no privileges.
    """
    prefix = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, sys.executable, "-c", _PROBE, "yes" if make_undumpable else "no"],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not LINUX, reason="/proc/<pid>/fd and PR_SET_DUMPABLE are Linux features")
def test_a_child_cannot_write_into_the_graders_stdout_once_it_is_undumpable() -> None:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("as root the probe needs setpriv to drop capabilities")
    before = _probe(make_undumpable=False)
    assert before.stderr.strip() == "opened" and "FORGED" in before.stdout  # the attack, without the fix
    after = _probe(make_undumpable=True)
    assert after.stderr.strip().startswith("refused") and after.stdout == ""


def test_undumpable_can_be_called_twice_in_a_child_process() -> None:
    code = "from gausslearn.grading.host.runner import undumpable\nundumpable()\nundumpable()\nprint('fine')"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout == "fine\n"
    assert undumpable.__doc__ and "Examples" in undumpable.__doc__


def test_the_allow_list_holds_the_package_but_not_the_project_and_covers_the_hidden_tests() -> None:
    """The learner's processes may read the environment and the package, nothing else of the project."""
    root = Path(__file__).resolve().parents[2]
    box = Sandbox(root)
    allowed = box.allowed()
    assert root / "gausslearn" in allowed or any(a in (root / "gausslearn").parents for a in allowed)
    for secret in (root, root / "solutions", root / "exercises_src", root / "tests", root / ".git"):
        assert not any(a == secret or a in secret.parents for a in allowed), f"{secret} would be readable"
    assert hidden_tests_folder(root).resolve() in box.covered()
    assert Path(sys.prefix).resolve() in allowed or any(a in Path(sys.prefix).resolve().parents for a in allowed)


@pytest.mark.parametrize("name", ["a\rb.ipynb", "a\nb.ipynb", "a\r\nb.ipynb", "=cmd|' /C calc'!A0.ipynb",
                                  "\tx.ipynb", 'q"uote,comma.ipynb'])
def test_a_file_name_with_line_breaks_stays_one_row(tmp_path: Path, name: str) -> None:
    book = tmp_path / "book.csv"
    write_gradebook(book, {name: {"file": name, "score": 1, "status": "graded"},
                           "z.ipynb": {"file": "z.ipynb", "score": 2, "status": "graded"}})
    with book.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 3 and all(len(r) == len(rows[0]) for r in rows)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)
    assert set(read_gradebook(book)) == {name, "z.ipynb"}


def test_compiled_routines_of_a_forbidden_function_are_recorded_too() -> None:
    """SciPy's compiled correlate1d does the forbidden work under another object: it is recorded as well."""
    import numpy as np
    from scipy.ndimage import _nd_image

    from gausslearn.grading.student.tripwires import Tripwires

    wires = Tripwires(["scipy.ndimage.correlate1d"])
    wires.install()
    try:
        out = np.zeros(5)
        _nd_image.correlate1d(np.arange(5.0), np.ones(3) / 3, 0, out, 0, 0.0, 0)
        np.pad(np.ones(3), 1)  # an allowed function records nothing
    finally:
        wires.uninstall()
    assert wires.calls == ["scipy.ndimage._nd_image.correlate1d"]
    assert type(_nd_image.correlate1d).__name__ == "builtin_function_or_method"  # put back
    assert out[1:4].tolist() == [1.0, 2.0, 3.0]
