"""exercises/ and solutions/ come from exercises_src/ and are up to date."""

from __future__ import annotations

import json

import pytest
from gradinghelp import ROOT

from gausslearn.grading.authoring.exercises import PLACEHOLDER, SourceError, main, split_solution


def test_generated_notebooks_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--check"])
    assert status == 0, capsys.readouterr().out


@pytest.mark.parametrize("exercise", ["ex01_pixels", "ex02_noise"])
def test_exercise_and_solution_shape(exercise: str) -> None:
    ex = json.loads((ROOT / "exercises" / f"{exercise}.ipynb").read_text())
    sol = json.loads((ROOT / "solutions" / f"{exercise}.ipynb").read_text())
    assert ex["metadata"]["gausslearn"]["exercise"] == exercise == sol["metadata"]["gausslearn"]["exercise"]
    answers = [c for c in ex["cells"] if "answer" in c["metadata"].get("tags", [])]
    assert answers and all(PLACEHOLDER in "".join(c["source"]) for c in answers)
    assert all(not c.get("outputs") for c in ex["cells"] if c["cell_type"] == "code")
    code = [c for c in sol["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code) and any(c["outputs"] for c in code)
    assert "### BEGIN" not in json.dumps(sol) and "### BEGIN" not in json.dumps(ex)
    assert [c["id"] for c in ex["cells"]] == [c["id"] for c in sol["cells"]]
    assert "✗" not in json.dumps(sol, ensure_ascii=False)  # every public check passes on the solution


def test_split_solution_keeps_indentation_and_rejects_bad_markers() -> None:
    src = "def f(x):\n    if x:\n        ### BEGIN SOLUTION\n        return 1\n        ### END SOLUTION\n    return 0\n"
    assert split_solution(src, solution=False).splitlines()[2] == " " * 8 + PLACEHOLDER
    assert split_solution(src, solution=True) == src.replace("        ### BEGIN SOLUTION\n", "").replace(
        "        ### END SOLUTION\n", "")
    for bad in ("def f():\n    ### BEGIN SOLUTION\n", "def f():\n    ### END SOLUTION\n", "def f():\n    pass\n",
                "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n"):
        with pytest.raises(SourceError):
            split_solution(bad, solution=True)
