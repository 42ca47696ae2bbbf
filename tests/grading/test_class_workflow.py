"""A whole class graded as an instructor would: a roster, odd files, re-runs, a changed hidden test, and the
exports and feedback files checked cell by cell.

The class folder mixes every way files arrive (a folder per student, names with the exercise id, a Canvas and
a Moodle bulk download) with files that are not gradable (a PDF, a text file, a notebook without an id, a
symbolic link) and a hidden checkpoint. The changed hidden test is a temporary copy of the real module with
one test added, put in place through ``judge.hidden_test_file`` (the real hidden tests are never edited).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from gradinghelp import ROOT, submission

from gausslearn.grading.host import gradebook, judge
from gausslearn.grading.host.cli import main
from gausslearn.grading.host.exports import CANVAS_HEADER, MOODLE_HEADER
from gausslearn.grading.host.gradebook import COLUMNS, unsafe_cell

pytestmark = pytest.mark.slow

HOSTILE = "<img src=x onerror=alert(1)> *b* [l](javascript:x).txt"
ROSTER = [("alice", "Alice Smith", "alice@uni.edu"), ("bob", "Bob Jones", ""), ("4711", "Ada Lovelace", ""),
          ("gh", "Grace Hopper", "grace@uni.edu"), ("kim", "Kim Lee", ""), ("dan", "Dan Brown", ""),
          ("eve", "Eve Adams", ""), ("zoe", "Zoe Quinn", "")]
WRONG_PSNR = "def psnr(reference, test, data_range=None):\n    return 0.0\n"


def _class(tmp_path: Path) -> tuple[Path, Path]:
    subs = tmp_path / "subs"
    (subs / "alice").mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / "ex01_pixels.ipynb", subs / "alice" / "ex01_pixels.ipynb")
    submission(subs / "alice", "ex02_noise", {"psnr": WRONG_PSNR}, name="noise.ipynb")
    (subs / "alice" / HOSTILE).write_text("my answers are in the notebook")
    shutil.copy(ROOT / "exercises" / "ex01_pixels.ipynb", subs / "bob_ex01_pixels.ipynb")
    shutil.copy(ROOT / "solutions" / "ex02_noise.ipynb", subs / "lovelaceada_LATE_4711_99812_ex02_noise.ipynb")
    moodle = subs / "Grace Hopper_77_assignsubmission_file_"
    moodle.mkdir()
    shutil.copy(ROOT / "solutions" / "ex01_pixels.ipynb", moodle / "notebook.ipynb")
    (subs / "kim_ex01_pixels.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (subs / "readme.txt").write_text("Submissions of week 1\n")
    (subs / "dan").mkdir()
    submission(subs / "dan", "ex01_pixels", edit=lambda nb: nb["metadata"].pop("gausslearn"), name="notebook.ipynb")
    (subs / "eve").mkdir()
    (subs / "eve" / "ex01_pixels.ipynb").symlink_to(ROOT / "solutions" / "ex01_pixels.ipynb")
    (subs / ".ipynb_checkpoints").mkdir()
    shutil.copy(ROOT / "solutions" / "ex02_noise.ipynb", subs / ".ipynb_checkpoints" / "x-checkpoint.ipynb")
    roster = tmp_path / "roster.csv"
    with roster.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([("id", "name", "email"), *ROSTER])
    return subs, roster


def _read(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [[unsafe_cell(c) for c in row] for row in csv.reader(fh)]


def _book(path: Path) -> dict[str, dict[str, str]]:
    """Gradebook rows by file; missing rows by "missing/<student>/<exercise>"."""
    rows = [dict(zip(COLUMNS, r, strict=True)) for r in _read(path)[1:]]
    return {r["file"] or f"missing/{r['student']}/{r['exercise']}": r for r in rows}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main([*argv])
    return code, capsys.readouterr().out


def _added_test_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "hidden" / "ex01_pixels.py"
    copy.parent.mkdir()
    copy.write_text(judge.hidden_test_file("ex01_pixels").read_text(encoding="utf-8") + '''

@points(3)
def test_added_after_the_first_run(student) -> None:
    """to_float keeps the shape of a 2 x 3 image."""
    out = student.call("to_float", np.zeros((2, 3), np.uint8))
    assert np.shape(out) == (2, 3), f"to_float changed the shape (2, 3) to {np.shape(out)}"
''', encoding="utf-8")
    return copy


def test_a_class_is_graded_accounted_for_exported_and_kept_fresh(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    subs, roster = _class(tmp_path)
    out, fb = tmp_path / "gradebook.csv", tmp_path / "feedback"
    exports = {"--table": tmp_path / "table.csv", "--canvas": tmp_path / "canvas.csv",
               "--moodle": tmp_path / "moodle.csv"}
    argv = [str(subs), "--out", str(out), "--roster", str(roster), "--feedback", str(fb),
            *(x for flag, path in exports.items() for x in (flag, str(path)))]
    code, text = _run(capsys, *argv)
    assert code == 1, text  # files that could not be graded: exit status 1

    # -- every file has exactly one row; every roster student every exercise (or a 'missing' row) ----------
    book = _book(out)
    files = {"alice/ex01_pixels.ipynb", "alice/noise.ipynb", f"alice/{HOSTILE}", "bob_ex01_pixels.ipynb",
             "lovelaceada_LATE_4711_99812_ex02_noise.ipynb", "Grace Hopper_77_assignsubmission_file_/notebook.ipynb",
             "kim_ex01_pixels.pdf", "readme.txt", "dan/notebook.ipynb", "eve/ex01_pixels.ipynb"}
    missing = {"missing/bob/ex02_noise", "missing/4711/ex01_pixels", "missing/gh/ex02_noise", "missing/kim/ex02_noise",
               "missing/dan/ex01_pixels", "missing/dan/ex02_noise", "missing/eve/ex02_noise",
               "missing/zoe/ex01_pixels", "missing/zoe/ex02_noise"}
    assert set(book) == files | missing
    m1, m2 = judge.exercise_max_score("ex01_pixels"), judge.exercise_max_score("ex02_noise")
    expect = {  # file: (student, exercise, score, max, status)
        "alice/ex01_pixels.ipynb": ("alice", "ex01_pixels", str(m1), str(m1), "graded"),
        f"alice/{HOSTILE}": ("alice", "", "0", "0", "invalid-notebook"),
        "bob_ex01_pixels.ipynb": ("bob", "ex01_pixels", "0", str(m1), "graded"),
        "lovelaceada_LATE_4711_99812_ex02_noise.ipynb": ("4711", "ex02_noise", str(m2), str(m2), "graded"),
        "Grace Hopper_77_assignsubmission_file_/notebook.ipynb": ("gh", "ex01_pixels", str(m1), str(m1), "graded"),
        "kim_ex01_pixels.pdf": ("kim", "ex01_pixels", "0", str(m1), "invalid-notebook"),
        "readme.txt": ("readme", "", "0", "0", "invalid-notebook"),
        "dan/notebook.ipynb": ("dan", "", "0", "0", "unknown-exercise"),
        "eve/ex01_pixels.ipynb": ("eve", "ex01_pixels", "0", str(m1), "invalid-notebook"),
    }
    for file, (student, exercise, score, top, status) in expect.items():
        r = book[file]
        assert (r["student"], r["exercise"], r["score"], r["max_score"], r["status"]) == \
               (student, exercise, score, top, status), r
    noise = book["alice/noise.ipynb"]
    assert noise["status"] == "graded" and 0 < float(noise["score"]) < m2 and "psnr" in noise["failed"]
    assert "not a Jupyter notebook (.pdf)" in book["kim_ex01_pixels.pdf"]["notes"]
    assert "symbolic link" in book["eve/ex01_pixels.ipynb"]["notes"]
    assert "metadata.gausslearn.exercise is missing" in book["dan/notebook.ipynb"]["notes"]
    assert "their files without a known exercise: dan/notebook.ipynb" in book["missing/dan/ex01_pixels"]["notes"]
    assert all(book[k]["score"] == "0" and book[k]["status"] == "missing" for k in missing)
    assert "5 graded, 0 unchanged, 5 not gradable, 9 missing (on the roster, no file) (10 files; 1 hidden" in text
    assert "not on the roster: readme.txt ('readme' is not on the roster)" in text

    # -- the exports, cell by cell ----------------------------------------------------------------------
    a2 = noise["score"]
    total, top = lambda *s: sum(float(x) for x in s), m1 + m2  # noqa: E731

    def pct(*s: str) -> str:
        p = round(100 * total(*s) / top, 1)
        return str(int(p)) if p.is_integer() else str(p)

    def num(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else str(x)

    assert _read(exports["--table"]) == [
        ["student", "name", "email", "ex01_pixels", "ex02_noise", "total", "maximum", "percent", "problems"],
        ["alice", "Alice Smith", "alice@uni.edu", str(m1), a2, num(total(m1, a2)), str(top), pct(m1, a2),
         f"no exercise: invalid-notebook (alice/{HOSTILE})"],
        ["bob", "Bob Jones", "", "0", "", "0", str(top), "0", "ex02_noise: missing"],
        ["4711", "Ada Lovelace", "", "", str(m2), str(m2), str(top), pct(m2), "ex01_pixels: missing"],
        ["gh", "Grace Hopper", "grace@uni.edu", str(m1), "", str(m1), str(top), pct(m1), "ex02_noise: missing"],
        ["kim", "Kim Lee", "", "0", "", "0", str(top), "0",
         "ex01_pixels: invalid-notebook (kim_ex01_pixels.pdf); ex02_noise: missing"],
        ["dan", "Dan Brown", "", "", "", "0", str(top), "0",
         "no exercise: unknown-exercise (dan/notebook.ipynb); ex01_pixels: missing; ex02_noise: missing"],
        ["eve", "Eve Adams", "", "0", "", "0", str(top), "0",
         "ex01_pixels: invalid-notebook (eve/ex01_pixels.ipynb); ex02_noise: missing"],
        ["zoe", "Zoe Quinn", "", "", "", "0", str(top), "0", "ex01_pixels: missing; ex02_noise: missing"],
    ]
    # Canvas's importer: "Student, ID, SIS User ID, SIS Login ID, Section", assignments, "Points Possible"
    assert _read(exports["--canvas"]) == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "ex01_pixels", "ex02_noise"],
        ["Points Possible", "", "", "", "", str(m1), str(m2)],
        ["Alice Smith", "alice", "", "", "", str(m1), a2],
        ["Bob Jones", "bob", "", "", "", "0", ""],
        ["Ada Lovelace", "4711", "", "", "", "", str(m2)],
        ["Grace Hopper", "gh", "", "", "", str(m1), ""],
        ["Kim Lee", "kim", "", "", "", "0", ""],
        ["Dan Brown", "dan", "", "", "", "", ""],
        ["Eve Adams", "eve", "", "", "", "0", ""],
        ["Zoe Quinn", "zoe", "", "", "", "", ""],
    ]
    assert _read(exports["--canvas"])[0][:5] == CANVAS_HEADER
    assert _read(exports["--moodle"]) == [
        ["Full name", "ID number", "Email address", "ex01_pixels", "ex02_noise"],
        ["Alice Smith", "alice", "alice@uni.edu", str(m1), a2],
        ["Bob Jones", "bob", "", "0", ""],
        ["Ada Lovelace", "4711", "", "", str(m2)],
        ["Grace Hopper", "gh", "grace@uni.edu", str(m1), ""],
        ["Kim Lee", "kim", "", "0", ""],
        ["Dan Brown", "dan", "", "", ""],
        ["Eve Adams", "eve", "", "0", ""],
        ["Zoe Quinn", "zoe", "", "", ""],
    ]
    assert _read(exports["--moodle"])[0][:3] == MOODLE_HEADER

    # -- feedback: every test with its points and feedback, the notes; hostile text escaped -------------
    assert sorted(p.name for p in fb.iterdir()) == sorted(f"{s}{x}" for s, _, _ in ROSTER for x in (".md", ".html"))
    alice_md = (fb / "alice.md").read_text(encoding="utf-8")
    alice_html = (fb / "alice.html").read_text(encoding="utf-8")
    report = json.loads(gradebook.report_file(out, noise).read_text(encoding="utf-8"))
    for t in report["tests"]:
        assert f"**{t['points']} / {t['max_points']}**" in alice_md
        if not t["passed"]:
            assert t["feedback"] in alice_md
    assert f"ex02\\_noise: {a2} / {m2} (graded)" in alice_md and f"Total: {num(total(m1, a2))} / {top}" in alice_md
    assert not re.search(r"(?<!\\)[<\[]", alice_md) and "\\<img src=x onerror=alert\\(1\\)\\> \\*b\\* \\[l\\]\\(javascript:x\\)" in alice_md
    assert "<img" not in alice_html and "&lt;img src=x onerror=alert(1)&gt; *b* [l](javascript:x).txt" in alice_html
    assert "<script" not in alice_html
    assert "no file was found for ex01\\_pixels" in (fb / "zoe.md").read_text(encoding="utf-8")

    # -- a re-run with nothing changed grades nothing ------------------------------------------------------
    def fail(*a: object, **k: object) -> None:
        raise AssertionError("graded again although nothing changed")

    monkeypatch.setattr(gradebook, "_grade_one", fail)
    code, text = _run(capsys, *argv)
    assert code == 1 and "0 graded, 5 unchanged, 5 not gradable, 9 missing" in text
    assert _book(out) == book
    monkeypatch.undo()

    # -- a hidden test added to ex01: every ex01 row is graded again, ex02 rows are kept ------------------
    copy = _added_test_copy(tmp_path)
    monkeypatch.setattr(judge, "hidden_test_file", lambda ex: copy if ex == "ex01_pixels" else
                        judge.hidden_tests_folder() / f"{ex}.py")
    graded: list[str] = []
    real = gradebook._grade_one

    def spy(path: str, rel: str, *a: object) -> dict:
        graded.append(rel)
        return real(path, rel, *a)

    monkeypatch.setattr(gradebook, "_grade_one", spy)
    code, text = _run(capsys, *argv)
    ex01_files = {f for f, r in book.items() if r["file"] and r["exercise"] == "ex01_pixels"}
    assert set(graded) == ex01_files
    new = _book(out)
    assert {new[f]["max_score"] for f in ex01_files} == {str(m1 + 3)}  # never a mix of old and new maxima
    assert new["alice/ex01_pixels.ipynb"]["score"] == str(m1 + 3)
    assert new["missing/4711/ex01_pixels"]["max_score"] == str(m1 + 3)
    assert new["alice/noise.ipynb"] == book["alice/noise.ipynb"]
    assert "3 graded, 2 unchanged, 5 not gradable, 9 missing" in text
    assert _read(exports["--canvas"])[1] == ["Points Possible", "", "", "", "", str(m1 + 3), str(m2)]
    assert "to\\_float keeps the shape of a 2 x 3 image" in (fb / "alice.md").read_text(encoding="utf-8")

    # -- --regrade grades every file again; a new file alone is graded ----------------------------------
    graded.clear()
    code, text = _run(capsys, *argv, "--regrade")
    assert sorted(graded) == sorted(files) and "5 graded, 0 unchanged" in text
    graded.clear()
    shutil.copy(ROOT / "solutions" / "ex02_noise.ipynb", subs / "zoe_ex02_noise.ipynb")
    code, text = _run(capsys, *argv)
    assert graded == ["zoe_ex02_noise.ipynb"] and "1 graded, 5 unchanged, 5 not gradable, 8 missing" in text
    assert _book(out)["zoe_ex02_noise.ipynb"]["student"] == "zoe"
    assert not list(tmp_path.glob(".gradebook.csv.*")) and not list(fb.glob(".*"))  # no temporary files left


def test_a_class_without_roster_lists_every_named_student(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(ROOT / "solutions" / "ex02_noise.ipynb", subs / "ex02_noise-bob.ipynb")
    shutil.copy(ROOT / "exercises" / "ex02_noise.ipynb", subs / "ex02_noise.ipynb")  # names no student
    table = tmp_path / "t.csv"
    code, text = _run(capsys, str(subs), "--out", str(tmp_path / "g.csv"), "--table", str(table), "-j", "2")
    assert code == 0 and "not attributed to a student: ex02_noise.ipynb" in text
    m2 = judge.exercise_max_score("ex02_noise")
    assert _read(table)[1:] == [["bob", "", "", str(m2), str(m2), str(m2), "100", ""]]
    # --assigned fixes the exercises of the batch: one not handed in by anyone still counts in the maximum
    code, text = _run(capsys, str(subs), "--out", str(tmp_path / "g.csv"), "--table", str(table),
                      "--assigned", "ex02_noise,ex03_kernel")
    m3 = judge.exercise_max_score("ex03_kernel")
    assert code == 0 and "0 graded, 2 unchanged" in text
    percent = round(100 * m2 / (m2 + m3), 1)
    percent = int(percent) if percent.is_integer() else percent
    assert _read(table) == [["student", "name", "email", "ex02_noise", "ex03_kernel", "total", "maximum", "percent",
                             "problems"],
                            ["bob", "", "", str(m2), "", str(m2), str(m2 + m3), str(percent), ""]]


def test_outputs_inside_the_submissions_folder_get_no_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(ROOT / "solutions" / "ex02_noise.ipynb", subs / "ann_ex02_noise.ipynb")
    argv = [str(subs), "--out", str(subs / "g.csv"), "--feedback", str(subs / "fb"), "--table", str(subs / "t.csv")]
    for _ in range(2):
        code, text = _run(capsys, *argv)
        assert code == 0 and "(1 files)" in text, text
    assert sorted(os.listdir(subs)) == ["ann_ex02_noise.ipynb", "fb", "g.csv", "g.csv.reports", "t.csv"]
