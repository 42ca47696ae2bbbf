"""`gausslearn grade` as instructors and tools call it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from gradinghelp import ROOT, submission

from gausslearn.grading.host import judge, sandbox
from gausslearn.grading.host import submission as submission_module
from gausslearn.grading.host.cli import (
    EXIT_GRADED,
    EXIT_GRADER_FAILED,
    EXIT_NO_SANDBOX,
    EXIT_NOT_GRADABLE,
    _parser,
    main,
)
from gausslearn.paths import EXERCISE_ALIASES

pytestmark = pytest.mark.slow


def test_human_output_lists_tests_and_total(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(ROOT / "exercises" / "ex02_noise.ipynb")]) == 0
    out = capsys.readouterr().out
    assert "✗ [0/2] mse is the mean of the squared differences" in out
    assert "not written yet" in out
    assert "Total: 0/" in out and "status: graded" in out


def _json(capsys: pytest.CaptureFixture[str]) -> dict:
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    return json.loads(out)


def test_exit_status_says_whether_the_submission_was_graded(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # 0: graded, lost points included
    assert main([str(ROOT / "exercises" / "ex02_noise.ipynb"), "--json"]) == EXIT_GRADED == 0
    assert _json(capsys)["score"] == 0
    # 1: the file could not be graded
    bad = tmp_path / "ex01_pixels.ipynb"
    bad.write_text("{oops")
    assert main([str(bad), "--json"]) == EXIT_NOT_GRADABLE == 1
    report = _json(capsys)
    assert report["status"] == "invalid-notebook" and report["score"] == 0
    # 3: the grader failed (a hidden test with a bug), not the learner's fault
    broken = tmp_path / "hidden" / "ex02_noise.py"
    broken.parent.mkdir()
    broken.write_text(judge.hidden_test_file("ex02_noise").read_text() +
                      "\n\n@points(1)\ndef test_with_a_bug(student):\n    'A test with a bug.'\n    {}['x']\n")
    monkeypatch.setattr(judge, "hidden_test_file", lambda ex: broken)
    assert main([str(ROOT / "solutions" / "ex02_noise.ipynb"), "--json"]) == EXIT_GRADER_FAILED == 3
    report = _json(capsys)
    assert report["status"] == "grader-error" and report["score"] == report["max_score"] - 1


def _relabel(tmp_path: Path, exercise: str, claimed: object, name: str = "work.ipynb") -> Path:
    def edit(nb: dict) -> None:
        nb["metadata"]["gausslearn"]["exercise"] = claimed

    return submission(tmp_path, exercise, edit=edit, name=name)


def test_an_edited_id_is_named_and_exercise_overrides_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _relabel(tmp_path, "ex02_noise", "noise, my version")
    assert main([str(path), "--json"]) == 1
    report = _json(capsys)
    assert report["status"] == "unknown-exercise"
    assert "names the exercise 'noise, my version', which this grader does not know" in report["notes"][0]
    assert "grade it with --exercise ID" in report["notes"][0]
    assert main([str(path), "--json", "--exercise", "ex02_noise"]) == 0
    report = _json(capsys)
    assert report["exercise"] == "ex02_noise" and report["score"] == report["max_score"] > 0
    assert report["notes"] == ["graded as ex02_noise as the instructor asked (--exercise); "
                               "the notebook's metadata names 'noise, my version'"]


def test_a_missing_id_is_named_as_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = submission(tmp_path, "ex02_noise", edit=lambda nb: nb["metadata"].pop("gausslearn"), name="mine.ipynb")
    assert main([str(path), "--json"]) == 1
    assert "metadata.gausslearn.exercise is missing" in _json(capsys)["notes"][0]


def test_an_old_id_is_graded_as_the_new_exercise(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(submission_module.EXERCISE_ALIASES, "ex00_noise", "ex02_noise")
    assert main([str(_relabel(tmp_path, "ex02_noise", "ex00_noise")), "--json"]) == 0
    report = _json(capsys)
    assert report["exercise"] == "ex02_noise" and report["score"] == report["max_score"]
    assert report["notes"] == ["ex00_noise is the old id of ex02_noise (the exercises were renumbered): "
                               "graded as ex02_noise"]
    # an old id in the file name, and an old id given to --exercise
    path = submission(tmp_path, "ex02_noise", edit=lambda nb: nb["metadata"].pop("gausslearn"),
                      name="ann_ex00_noise.ipynb")
    assert main([str(path), "--json"]) == 0
    assert "graded as ex02_noise" in _json(capsys)["notes"][-1]
    assert main([str(path), "--json", "--exercise", "ex00_noise"]) == 0
    assert _json(capsys)["exercise"] == "ex02_noise"


def test_the_real_renumbering_grades_either_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Whichever side of paths.EXERCISE_ALIASES has hidden tests now, the other id is graded as it."""
    known = judge.known_exercises()
    old, new = "ex04_borders", EXERCISE_ALIASES["ex04_borders"]
    have, other = (old, new) if old in known else (new, old)
    assert main([str(_relabel(tmp_path, have, other)), "--json"]) == 0
    report = _json(capsys)
    assert report["exercise"] == have and report["score"] == report["max_score"] > 0
    assert have in report["notes"][0] and other in report["notes"][0]


@pytest.mark.parametrize("argv", [[], ["--bogus"], ["/no/such/file.ipynb"], ["DIR"], ["x.ipynb", "--seed", "abc"],
                                  ["DIR", "--out", "g.csv", "-j", "0"], ["FILE", "--timeout", "-1"],
                                  ["FILE", "--exercise", "ex99_nothing"], ["FILE", "--roster", "r.csv"],
                                  ["FILE", "--canvas", "c.csv"], ["DIR", "--out", "g.csv", "--assigned", "ex01_pixels,x"],
                                  ["DIR", "--out", "g.csv", "--roster", "/no/roster.csv"],
                                  ["DIR", "--out", "g.csv", "--student-pattern", "(x)"]])
def test_usage_errors_exit_nonzero(argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nb = ROOT / "exercises" / "ex01_pixels.ipynb"
    argv = [str(tmp_path) if a == "DIR" else str(nb) if a == "FILE" else a for a in argv]
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "--json" in capsys.readouterr().out


def test_the_report_says_how_the_learners_process_was_sandboxed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(ROOT / "exercises" / "ex02_noise.ipynb"), "--json"]) == 0
    box = _json(capsys)["sandbox"]
    assert isinstance(box["active"], bool) and box["summary"] and set(box["layers"]) == set(sandbox.LAYERS)
    assert main([str(ROOT / "exercises" / "ex02_noise.ipynb")]) == 0
    assert box["summary"] in capsys.readouterr().out


def test_require_sandbox_grades_nothing_where_a_layer_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "for_grading", lambda *a, **k: sandbox.Sandbox(ROOT, isolate=False))
    out = tmp_path / "g.csv"
    for argv in ([str(ROOT / "solutions" / "ex02_noise.ipynb"), "--json"], [str(tmp_path), "--out", str(out)]):
        assert main([*argv, "--require-sandbox"]) == EXIT_NO_SANDBOX == 4
        captured = capsys.readouterr()
        assert captured.out == "" and "would NOT be sandboxed, so nothing was graded" in captured.err
        assert "filesystem: turned off" in captured.err
    assert not out.exists()


def test_the_readmes_instructor_commands_use_options_the_cli_has() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## For instructors"):text.index("\n## ", text.index("## For instructors") + 3)]
    commands = re.sub(r"\\\n\s*", " ", section)  # join continued lines
    used = {flag for line in commands.splitlines() if "gausslearn grade" in line
            for flag in re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-j)\b", line)}
    known = {s for action in _parser()._actions for s in action.option_strings}
    assert {"--roster", "--feedback", "--canvas", "--moodle", "--table", "--exercise"} <= used
    assert used <= known, sorted(used - known)
