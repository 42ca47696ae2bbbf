"""`gausslearn grade` as instructors and tools call it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gradinghelp import ROOT

from gausslearn.grading.host.cli import main

pytestmark = pytest.mark.slow
EXE = shutil.which("gausslearn") or str(Path(sys.executable).with_name("gausslearn"))


def test_json_output_is_exactly_one_object() -> None:
    p = subprocess.run([EXE, "grade", str(ROOT / "solutions" / "ex01_pixels.ipynb"), "--json", "--seed", "7"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout)  # fails on any extra output
    assert p.stdout.count("\n") == 1
    assert {"exercise", "score", "max_score", "status", "seed", "tests"} <= set(report)
    assert report["seed"] == 7 and report["score"] == report["max_score"] > 0
    for t in report["tests"]:
        assert {"name", "points", "max_points", "passed", "feedback"} <= set(t)


def test_human_output_lists_tests_and_total(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(ROOT / "exercises" / "ex02_noise.ipynb")]) == 0
    out = capsys.readouterr().out
    assert "✗ [0/2] mse is the mean of the squared differences" in out
    assert "not written yet" in out
    assert "Total: 0/" in out and "status: graded" in out


def test_lost_points_and_broken_notebooks_still_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "ex01_pixels.ipynb"
    bad.write_text("{oops")
    assert main([str(bad), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "invalid-notebook" and report["score"] == 0


@pytest.mark.parametrize("argv", [[], ["--bogus"], ["/no/such/file.ipynb"], ["DIR"], ["x.ipynb", "--seed", "abc"],
                                  ["DIR", "--out", "g.csv", "-j", "0"], ["FILE", "--timeout", "-1"]])
def test_usage_errors_exit_nonzero(argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nb = ROOT / "exercises" / "ex01_pixels.ipynb"
    argv = [str(tmp_path) if a == "DIR" else str(nb) if a == "FILE" else a for a in argv]
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "--json" in capsys.readouterr().out
