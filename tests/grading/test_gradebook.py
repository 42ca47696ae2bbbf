"""Batch grading into a CSV: one row per file, formula-safe, atomic, resumable, parallel."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from gradinghelp import ROOT, submission

from gausslearn.grading.host import gradebook
from gausslearn.grading.host.cli import main
from gausslearn.grading.host.gradebook import COLUMNS, grade_folder, read_gradebook, safe_cell, unsafe_cell

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx", "'quoted", "plain", "",
                                  "'reflect'", "'", "''", "'=1", "''=1", "'" * 3 + "-x", "a=b", "x'", "= '"])
def test_safe_cell_round_trip(text: str) -> None:
    cell = safe_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unsafe_cell(cell) == text
    if not text.lstrip("'").startswith(("=", "+", "-", "@", "\t", "\r")):
        assert cell == text  # ordinary text, 'reflect' included, is written as it is


def test_reading_back_is_unambiguous() -> None:
    texts = ["=1", "'=1", "''=1", "'1", "''1", "1"]
    assert len({safe_cell(t) for t in texts}) == len(texts)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "subs"
    (folder / "group b").mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / "ex01_pixels.ipynb", folder / "alice_ex01_pixels.ipynb")
    shutil.copy(ROOT / "exercises" / "ex02_noise.ipynb", folder / "=HYPERLINK(x),bob.ipynb")
    shutil.copy(ROOT / "solutions" / "ex02_noise.ipynb", folder / "group b" / "dave.ipynb")
    submission(folder, "ex02_noise", {"psnr": "def psnr(reference, test, data_range=None):\n    return 0.0\n"},
               name="-carol.ipynb")
    (folder / "broken.ipynb").write_text("{not json")
    (folder / ".ipynb_checkpoints").mkdir()
    shutil.copy(ROOT / "solutions" / "ex01_pixels.ipynb", folder / ".ipynb_checkpoints" / "x-checkpoint.ipynb")
    return folder


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_gradebook_rows_quoting_and_resume(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, out = _folder(tmp_path), tmp_path / "gradebook.csv"
    batch = grade_folder(folder, out, seed=3)
    assert (batch.graded, batch.unchanged, batch.not_gradable, batch.files, batch.hidden_skipped) == (4, 0, 1, 5, 1)
    rows = _rows(out)
    assert list(rows[0]) == COLUMNS
    by_file = {unsafe_cell(r["file"]): r for r in rows}
    assert set(by_file) == {"alice_ex01_pixels.ipynb", "=HYPERLINK(x),bob.ipynb", "-carol.ipynb",
                            "broken.ipynb", "group b/dave.ipynb"}
    alice = by_file["alice_ex01_pixels.ipynb"]
    assert alice["score"] == alice["max_score"] != "0" and alice["status"] == "graded" and alice["seed"] == "3"
    assert by_file["broken.ipynb"]["status"] == "invalid-notebook"
    for r in rows:  # formula-safe: no cell a spreadsheet would evaluate
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in r.values())
    assert by_file["=HYPERLINK(x),bob.ipynb"]["file"].startswith("'=")
    assert by_file["group b/dave.ipynb"]["score"] == by_file["group b/dave.ipynb"]["max_score"]
    assert float(by_file["-carol.ipynb"]["score"]) > 0
    assert not list(tmp_path.glob(".gradebook.csv.*"))  # no temporary files left behind

    # resume: nothing changed, nothing is graded again
    def fail(*a: object, **k: object) -> None:
        raise AssertionError("graded again")

    monkeypatch.setattr(gradebook, "_grade_one", fail)
    batch = grade_folder(folder, out, seed=3)
    assert (batch.graded, batch.unchanged, batch.not_gradable) == (0, 4, 1)
    monkeypatch.undo()
    # a changed file is graded again; the others are kept
    submission(folder, "ex02_noise", {"psnr": "def psnr(reference, test, data_range=None):\n    return 1.0\n"},
               name="-carol.ipynb")
    batch = grade_folder(folder, out, seed=3)
    assert (batch.graded, batch.unchanged, batch.not_gradable) == (1, 3, 1)
    assert len(read_gradebook(out)) == 5
    # another seed or other limits decide other results: everything is graded again
    batch = grade_folder(folder, out, seed=4, options={"budget": 60})
    assert (batch.graded, batch.unchanged) == (4, 0)


def test_an_interrupted_batch_resumes_from_its_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CSV is rewritten at most once per CSV_INTERVAL; a batch stopped before its CSV listed a graded
    submission keeps that submission's stored report when it runs again, and --regrade ignores the reports."""
    folder, out = _folder(tmp_path), tmp_path / "gradebook.csv"
    writes: list[int] = []
    real_write = gradebook.write_gradebook

    def counted(path: Path, rows: dict) -> None:
        writes.append(len(rows))
        real_write(path, rows)

    class Stopped(Exception):
        pass

    real_grade = gradebook._grade_one
    graded: list[str] = []

    def grade_two_then_stop(path: str, rel: str, *a: object) -> dict:
        if len(graded) == 2:
            raise Stopped   # as Ctrl-C or a killed grader would, after two reports were written
        graded.append(rel)
        return real_grade(path, rel, *a)

    monkeypatch.setattr(gradebook, "write_gradebook", counted)
    monkeypatch.setattr(gradebook, "CSV_INTERVAL", 3600.0)   # no rewrite during the batch: only the reports
    monkeypatch.setattr(gradebook, "_grade_one", grade_two_then_stop)
    with pytest.raises(Stopped):
        grade_folder(folder, out, seed=3)
    assert writes == [] and not out.exists()
    assert len(list(gradebook.reports_folder(out).glob("*.json"))) == 2

    def fail(path: str, rel: str, *a: object) -> dict:
        assert rel not in graded, f"{rel} was graded again although its report was stored"
        return real_grade(path, rel, *a)

    monkeypatch.setattr(gradebook, "_grade_one", fail)
    batch = grade_folder(folder, out, seed=3)
    assert (batch.graded, batch.unchanged, batch.not_gradable) == (2, 2, 1)
    assert writes == [5]   # once, at the end, with every row
    assert {unsafe_cell(r["file"]) for r in _rows(out)} >= set(graded)

    regraded: list[str] = []
    monkeypatch.setattr(gradebook, "_grade_one", lambda path, rel, *a: regraded.append(rel) or real_grade(path, rel, *a))
    batch = grade_folder(folder, out, seed=3, regrade=True)
    assert batch.graded == 4 and set(graded) <= set(regraded)


def test_gradebook_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "g.csv"
    gradebook.write_gradebook(out, {"a": {"file": "a", "score": 1}})
    before = out.read_bytes()

    def crash(*a: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(gradebook.os, "replace", crash)
    with pytest.raises(OSError):
        gradebook.write_gradebook(out, {"b": {"file": "b", "score": 2}})
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.csv"]


def test_parallel_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = _folder(tmp_path), tmp_path / "book.csv"
    assert main([str(folder), "--out", str(out), "-j", "2"]) == 1  # broken.ipynb could not be graded
    assert len(_rows(out)) == 5
    text = capsys.readouterr().out
    assert "alice_ex01_pixels.ipynb" in text and "4 graded, 0 unchanged, 1 not gradable (5 files" in text


def test_a_gradebook_from_before_keys_is_read_and_graded_again(tmp_path: Path) -> None:
    folder, out = tmp_path / "subs", tmp_path / "book.csv"
    folder.mkdir()
    shutil.copy(ROOT / "solutions" / "ex02_noise.ipynb", folder / "ann_ex02_noise.ipynb")
    out.write_text(",".join(gradebook.LEGACY_COLUMNS) + "\r\nann_ex02_noise.ipynb,abc,ex02_noise,3,10,graded,0,1,,1.0\r\n")
    batch = grade_folder(folder, out)
    assert (batch.graded, batch.unchanged) == (1, 0)
    [row] = _rows(out)
    assert list(row) == COLUMNS and row["score"] == row["max_score"] != "10"


def test_an_unrelated_csv_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "marks.csv"
    out.write_text("student,mark\nalice,5\n")
    (tmp_path / "subs").mkdir()
    assert main([str(tmp_path / "subs"), "--out", str(out)]) == 2
    assert "not a gausslearn gradebook" in capsys.readouterr().err
    assert out.read_text() == "student,mark\nalice,5\n"


def test_links_special_files_and_undecodable_names_get_one_row_each(tmp_path: Path) -> None:
    import os

    folder, out = tmp_path / "subs", tmp_path / "book.csv"
    folder.mkdir()
    (folder / "link.ipynb").symlink_to(ROOT / "solutions" / "ex01_pixels.ipynb")
    os.mkfifo(folder / "fifo.ipynb")
    bad_name = os.fsdecode(b"caf\xe9_ex01_pixels.ipynb")
    shutil.copy(ROOT / "solutions" / "ex01_pixels.ipynb", folder / bad_name)
    batch = grade_folder(folder, out)
    assert (batch.graded, batch.not_gradable, batch.files) == (1, 2, 3)
    rows = {r["file"]: r for r in _rows(out)}
    assert rows["link.ipynb"]["status"] == "invalid-notebook" and rows["link.ipynb"]["score"] == "0"
    assert rows["fifo.ipynb"]["status"] == "invalid-notebook"
    assert rows["caf\ufffd_ex01_pixels.ipynb"]["score"] == rows["caf\ufffd_ex01_pixels.ipynb"]["max_score"] != "0"
