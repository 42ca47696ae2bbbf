"""The per-student view of a gradebook, and its exports for a learning management system.

One student has one :class:`StudentRecord`: per exercise of the batch the best score among their files for
it (several files for one exercise are listed in the batch summary), the total, the maximum (the sum of the
exercises' maxima, also for exercises not handed in) and the percentage. Exports (all UTF-8 CSV,
formula-safe like the gradebook, see :func:`gausslearn.grading.host.gradebook.safe_cell`):

- :func:`write_table` (``--table``): ``student, name, email, <exercise ids...>, total, maximum, percent,
  problems``. An exercise cell is empty when no file was found for it (it counts 0 in the total).
- :func:`write_canvas` (``--canvas``): the header Canvas's gradebook importer requires, ``Student, ID, SIS User
  ID, SIS Login ID, Section`` followed by one column per exercise, then a ``Points Possible`` row with each
  exercise's maximum. Canvas's ``GradebookImporter`` (``app/models/gradebook_importer.rb``) accepts a header
  whose first cell matches ``Student`` and second ``ID``, optionally ``SIS User ID`` and ``SIS Login ID``, and
  whose last student column matches ``Section``; it reads a row starting ``Points Possible`` as the
  assignments' points; it matches a column to the assignment of that title (or ``title (id)``), else creates
  one; it finds a student by ``ID`` (the Canvas user id), then the SIS ids, then the name. So ``ID`` is the
  student id: the Canvas user id when the files come from a Canvas download or the roster holds Canvas ids.
  Empty cells leave a grade unchanged.
- :func:`write_moodle` (``--moodle``): ``Full name, ID number, Email address`` and one column per exercise,
  for Moodle's Grades > Import > CSV file (``grade/import/csv``): there the teacher maps one column to the
  users ("Map from" a column, "Map to" ``useremail``, ``useridnumber``, ``username`` or ``userid``) and each
  other column to a grade item or a new one. Map "Email address" to the email address (or "ID number" to the
  ID number, when the roster holds Moodle ID numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gausslearn.grading.host import judge
from gausslearn.grading.host.gradebook import write_csv
from gausslearn.grading.host.roster import Student
from gausslearn.grading.results import number

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_HEADER = ["Full name", "ID number", "Email address"]


@dataclass
class StudentRecord:
    """One student's results: ``best`` maps an exercise to its counting gradebook row; ``rows`` are all of the
    student's rows (every file, and ``missing`` ones)."""

    id: str
    name: str = ""
    email: str = ""
    best: dict[str, dict[str, Any]] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def score(self, exercise: str) -> int | float | None:
        """Points for ``exercise``, None when no file was handed in for it."""
        row = self.best.get(exercise)
        return None if row is None or row["status"] == "missing" else number(float(row["score"] or 0))

    def total(self, exercises: list[str]) -> int | float:
        return number(sum(self.score(ex) or 0 for ex in exercises))

    def problems(self) -> list[str]:
        """Every row that did not simply grade, named (missing exercises, unreadable files, timeouts...), by
        exercise (files without one first)."""
        out = []
        for r in sorted(self.rows, key=lambda r: (str(r["exercise"]), str(r["file"]))):
            if r["status"] == "graded":
                continue
            what = r["exercise"] or "no exercise"
            out.append(f"{what}: {r['status']}" + (f" ({r['file']})" if r["file"] else ""))
        return out


def maxima(rows: list[dict[str, Any]], exercises: list[str]) -> dict[str, int | float]:
    """The maximum score of each exercise (from the rows, else from its hidden tests)."""
    out: dict[str, int | float] = {}
    for ex in exercises:
        found = [float(r["max_score"]) for r in rows if r["exercise"] == ex and str(r["max_score"]) not in ("", "0")]
        out[ex] = number(max(found)) if found else judge.exercise_max_score(ex)
    return out


def per_student(rows: list[dict[str, Any]], exercises: list[str],
                roster: list[Student] | None = None) -> list[StudentRecord]:
    """One record per student: with a roster, its students in its order (files of students not on it are
    left out: the batch summary lists them); without one, every student named by a file, by id. Rows of
    files that name no student are left out too.

    Examples
    --------
    >>> rows = [{"file": "a/x.ipynb", "student": "a", "name": "", "exercise": "ex01_pixels", "score": "3",
    ...          "max_score": "16", "status": "graded"},
    ...         {"file": "a/y.ipynb", "student": "a", "name": "", "exercise": "ex01_pixels", "score": "9",
    ...          "max_score": "16", "status": "graded"}]
    >>> [record] = per_student(rows, ["ex01_pixels"])
    >>> record.score("ex01_pixels"), record.best["ex01_pixels"]["file"]
    (9, 'a/y.ipynb')
    """
    records: dict[str, StudentRecord] = {}
    for s in roster or []:
        records[s.id] = StudentRecord(s.id, s.name, s.email)
    for r in sorted(rows, key=lambda r: (str(r["student"]), str(r["file"]))):
        if not r["student"] or (roster is not None and r["student"] not in records):
            continue
        rec = records.setdefault(str(r["student"]), StudentRecord(str(r["student"]), str(r["name"])))
        rec.rows.append(r)
        ex = str(r["exercise"])
        if ex and (ex not in rec.best or _better(r, rec.best[ex])):
            rec.best[ex] = r
    return list(records.values()) if roster is not None else [records[k] for k in sorted(records)]


def _better(row: dict[str, Any], than: dict[str, Any]) -> bool:
    if than["status"] == "missing":
        return True
    return row["status"] != "missing" and float(row["score"] or 0) > float(than["score"] or 0)


def _cell(value: int | float | None) -> int | float | str:
    return "" if value is None else value


def table(records: list[StudentRecord], exercises: list[str],
          maximum: dict[str, int | float]) -> tuple[list[str], list[list[Any]]]:
    """The plain per-student table: header and rows (see the module's docstring)."""
    top = number(sum(maximum[ex] for ex in exercises))
    header = ["student", "name", "email", *exercises, "total", "maximum", "percent", "problems"]
    out = []
    for rec in records:
        total = rec.total(exercises)
        percent = number(round(100 * total / top, 1)) if top else 0
        out.append([rec.id, rec.name, rec.email, *(_cell(rec.score(ex)) for ex in exercises), total, top, percent,
                    "; ".join(rec.problems())])
    return header, out


def write_table(path: Path, records: list[StudentRecord], exercises: list[str],
                maximum: dict[str, int | float]) -> None:
    """Write the plain per-student table (``--table``)."""
    write_csv(path, *table(records, exercises, maximum))


def canvas(records: list[StudentRecord], exercises: list[str],
           maximum: dict[str, int | float]) -> tuple[list[str], list[list[Any]]]:
    """Canvas's gradebook import: header, the ``Points Possible`` row, then one row per student."""
    rows: list[list[Any]] = [["Points Possible", "", "", "", "", *(maximum[ex] for ex in exercises)]]
    for rec in records:
        rows.append([rec.name or rec.id, rec.id, "", "", "", *(_cell(rec.score(ex)) for ex in exercises)])
    return [*CANVAS_HEADER, *exercises], rows


def write_canvas(path: Path, records: list[StudentRecord], exercises: list[str],
                 maximum: dict[str, int | float]) -> None:
    """Write the Canvas gradebook import file (``--canvas``)."""
    write_csv(path, *canvas(records, exercises, maximum))


def moodle(records: list[StudentRecord], exercises: list[str]) -> tuple[list[str], list[list[Any]]]:
    """Moodle's CSV grade import: header and one row per student."""
    rows = [[rec.name, rec.id, rec.email, *(_cell(rec.score(ex)) for ex in exercises)] for rec in records]
    return [*MOODLE_HEADER, *exercises], rows


def write_moodle(path: Path, records: list[StudentRecord], exercises: list[str]) -> None:
    """Write the Moodle grade import file (``--moodle``)."""
    write_csv(path, *moodle(records, exercises))
