"""The grading contract that instructors and other tools rely on, checked on every run.

- every exercise of the course (each first-release id, or the id it was renumbered to) and every id found in
  ``exercises/``, ``solutions/`` or the hidden tests has all three: an exercise notebook and a solution
  notebook carrying ``metadata.gausslearn.exercise``, and hidden tests; the notebooks have code cells tagged
  ``answer``;
- ``gausslearn grade NOTEBOOK --json``, run as a command, prints exactly one line holding one JSON object
  with the agreed keys (``exercise, score, max_score, status, seed, tests``; per test ``name, points,
  max_points, passed, feedback``) and exits 0 for a graded submission;
- a worked solution scores full marks and an untouched exercise scores zero.

When the team's ``../shared/check_contract.py`` is beside the checkout, it is run as well (the test for it is
only collected then).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gradinghelp import ROOT

from gausslearn.grading.host.judge import known_exercises
from gausslearn.paths import EXERCISE_ALIASES

pytestmark = pytest.mark.slow
EXE = shutil.which("gausslearn") or str(Path(sys.executable).with_name("gausslearn"))
SHARED_CHECK = ROOT.parent / "shared" / "check_contract.py"
#: The exercises of the first release; each must exist under its own id or the id it was renumbered to.
FIRST_RELEASE = ["ex01_pixels", "ex02_noise", "ex03_kernel", *EXERCISE_ALIASES]
REPORT = {"exercise", "score", "max_score", "status", "seed", "tests"}
TEST = {"name", "points", "max_points", "passed", "feedback"}


def notebooks_by_id(folder: Path) -> dict[str, dict]:
    """The notebooks of a folder by their ``metadata.gausslearn.exercise`` (read as plain JSON)."""
    found = {}
    for path in sorted(folder.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        ex = nb.get("metadata", {}).get("gausslearn", {}).get("exercise")
        if ex:
            assert ex not in found, f"two notebooks in {folder.name}/ claim {ex}"
            found[ex] = {"path": path, "nb": nb}
    return found


EXERCISES, SOLUTIONS = notebooks_by_id(ROOT / "exercises"), notebooks_by_id(ROOT / "solutions")
ALL_IDS = sorted(set(EXERCISES) | set(SOLUTIONS) | set(known_exercises()))


def _answer_cells(nb: dict) -> int:
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code" and "answer" in c.get("metadata", {}).get("tags", []))


def test_every_exercise_has_an_exercise_a_solution_and_hidden_tests() -> None:
    for ex in FIRST_RELEASE:
        assert ex in ALL_IDS or EXERCISE_ALIASES.get(ex) in ALL_IDS, f"{ex} (or its new id) is not in the course"
    for ex in ALL_IDS:
        assert ex in EXERCISES, f"{ex}: no notebook in exercises/ with metadata.gausslearn.exercise = {ex}"
        assert ex in SOLUTIONS, f"{ex}: no notebook in solutions/ with metadata.gausslearn.exercise = {ex}"
        assert ex in known_exercises(), f"{ex}: no hidden tests"
        assert _answer_cells(EXERCISES[ex]["nb"]) > 0, f"{ex}: the exercise has no code cell tagged 'answer'"
        assert _answer_cells(SOLUTIONS[ex]["nb"]) == _answer_cells(EXERCISES[ex]["nb"]), \
            f"{ex}: the solution and the exercise have different numbers of answer cells"


def grade_json(path: Path) -> tuple[int, dict]:
    """Run ``gausslearn grade PATH --json`` as a command; the exit status and the one JSON object it printed."""
    proc = subprocess.run([EXE, "grade", str(path), "--json"], capture_output=True, text=True, timeout=600,
                          stdin=subprocess.DEVNULL)
    lines = proc.stdout.splitlines()
    assert len(lines) == 1, f"stdout must be one line, got {len(lines)}: {proc.stdout[:300]!r} {proc.stderr[-500:]}"
    report = json.loads(lines[0])
    assert isinstance(report, dict)
    assert REPORT <= set(report), f"the report lacks {sorted(REPORT - set(report))}"
    for t in report["tests"]:
        assert TEST <= set(t), f"a test lacks {sorted(TEST - set(t))}"
    return proc.returncode, report


@pytest.mark.parametrize("exercise", ALL_IDS)
def test_solution_full_marks_untouched_exercise_zero(exercise: str) -> None:
    code, solved = grade_json(SOLUTIONS[exercise]["path"])
    assert (code, solved["status"], solved["exercise"]) == (0, "graded", exercise), solved["notes"]
    assert solved["max_score"] > 0 and solved["score"] == solved["max_score"], \
        [t for t in solved["tests"] if not t["passed"]]
    code, blank = grade_json(EXERCISES[exercise]["path"])
    assert (code, blank["status"], blank["score"], blank["max_score"]) == (0, "graded", 0, solved["max_score"])


if SHARED_CHECK.exists():  # the team's check, beside the checkout; collected only where it exists
    def test_the_teams_shared_contract_check_holds() -> None:
        env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        proc = subprocess.run([sys.executable, str(SHARED_CHECK)], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=1800, stdin=subprocess.DEVNULL)
        assert proc.returncode == 0 and "contract: holds" in proc.stdout, proc.stdout[-3000:] + proc.stderr[-2000:]
