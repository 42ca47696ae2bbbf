"""The learners' bundle holds no solution and no hidden test."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from gradinghelp import ROOT

from gausslearn.grading import hidden_tests_folder
from gausslearn.grading.authoring.exercises import BEGIN, END
from gausslearn.grading.authoring.release import find_leaks, main, write_release


def _solution_lines() -> list[str]:
    lines = []
    for src in sorted((ROOT / "exercises_src").glob("ex0[12]_*.py")):
        inside = False
        for line in src.read_text().splitlines():
            s = line.strip()
            if s in (BEGIN, END):
                inside = s == BEGIN
            elif inside and len(s) >= 16 and not s.startswith("#"):
                lines.append(s)
    return lines


def _hidden_names() -> list[str]:
    names = []
    for path in hidden_tests_folder(ROOT).glob("ex*.py"):
        names += [n.name for n in ast.parse(path.read_text()).body if isinstance(n, ast.FunctionDef)
                  and n.name.startswith("test_")]
    return names


def test_release_layout_and_no_solution_line(tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    write_release(out)
    assert (out / "README.md").is_file() and (out / "exercises" / "ex01_pixels.ipynb").is_file()
    assert (out / "gausslearn" / "grading" / "api.py").is_file()
    assert (out / "gausslearn" / "checks" / "ex01_pixels.py").is_file()
    assert not hidden_tests_folder(out).exists() and (out / "gausslearn" / "grading" / "authoring").is_dir()
    assert not (out / "solutions").exists() and not (out / "exercises_src").exists()
    learner = sorted(p.name for p in (out / "notebooks").iterdir())
    assert learner and all(name.endswith(".ipynb") for name in learner), learner
    for path in (out / "notebooks").iterdir():
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert all(not c.get("outputs") for c in nb["cells"]), f"{path.name} ships outputs to learners"
    # A line the course package itself holds (a textbook line such as `if data_range is None:`) is not a leak.
    package = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "gausslearn").rglob("*.py")
                         if hidden_tests_folder(ROOT) not in p.parents)
    lines = [line for line in _solution_lines() if line not in package]
    assert len(lines) > 5
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            leaked = [line for line in lines if line in text]
            assert not leaked, f"{path}: {leaked}"


def test_release_holds_no_hidden_test_name_and_reports_no_leak(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bundle"
    status = main([str(out)])
    names = _hidden_names()
    assert len(names) > 10
    name_re = re.compile(r"\b(" + "|".join(names) + r")\b")
    found = sorted({f"{p.relative_to(out)}: {m}" for p in out.rglob("*") if p.is_file()
                    for m in name_re.findall(p.read_text(encoding="utf-8", errors="replace"))})
    assert not found, found
    assert status == 0, capsys.readouterr().err


def test_find_leaks_spots_a_copied_solution(tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    write_release(out)
    copied = (ROOT / "exercises_src" / "ex02_noise.py").read_text()
    (out / "gausslearn" / "copied.py").write_text(copied)
    leaks = find_leaks(out, ROOT)
    assert any(leak.startswith("gausslearn/copied.py: ex02_noise solution") for leak in leaks), leaks


def test_release_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x")
    with pytest.raises(FileExistsError, match="not empty"):
        write_release(tmp_path)
    assert main([str(tmp_path)]) == 2
