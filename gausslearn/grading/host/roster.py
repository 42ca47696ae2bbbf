"""Who handed in a file, and who should have: student identity from paths, and the class roster.

Identity of a file under the submissions folder (its path relative to that folder), by the first rule that
applies (``--student-pattern REGEX`` replaces them all):

1. **Moodle** (Assignment > "Download all submissions"): every file sits under, or starts with, a folder
   named ``Full Name_12345_assignsubmission_file_``. Moodle's ``mod/assign/locallib.php``
   (``download_submissions``) builds the prefix as ``clean_filename(fullname(student) . '_' .
   get_uniqueid_for_user(userid) . '_')`` (``_`` in the name become spaces), then the plugin's
   ``assignsubmission_file_``: a folder with "Download submissions in folders", else the start of each file
   name. The student is the full name: the number is the assignment's participant id
   (``assign_user_mapping``), different in every assignment.
2. **Canvas** (Assignment > "Download Submissions"): Canvas's ``lib/content_zipper.rb`` names each file
   ``[sortable name, "LATE" if late, user id].join("_")`` with every non-word character removed and the name
   lower-cased, then ``_<attachment id>_<original file name>``: ``lastnamefirstname[_LATE]_<user
   id>_<attachment id>_<file name>`` (``anon_<id>`` instead of name and user id with anonymous grading; a
   ``-1`` before the extension for a repeated name). The student is the Canvas user id, the same in every
   assignment; the name part is kept as the name.
3. **A folder per student**: ``alice/ex01.ipynb`` (or deeper: ``alice/week1/ex01.ipynb``) is alice's.
4. **The file name**: a file directly in the folder is named after its student and exercise, as in
   ``alice_ex01_pixels.ipynb`` or ``ex01_pixels-alice.ipynb``: the name without the exercise id and the
   separators around it. A name that holds nothing else (``ex01_pixels.ipynb``) names no student.

A custom pattern is a Python regular expression with a named group ``student`` (and optionally ``name``),
searched in the relative path with ``/`` separators, e.g. ``--student-pattern '^(?P<student>s\\d{7})_'``.

The roster (``--roster roster.csv``) is a CSV file with a header row: a student id column (``id``,
``student id``, ``student``, ``username``, ``login``, ``sis user id`` or ``user id``), a name column (``name``,
``full name``, ``student name``) and optionally an email column (``email``, ``e-mail``, ``email address``);
header names are matched without regard to case, spaces, ``-`` and ``_``. A file's student is matched to the
roster by id, by email (or the part before ``@``), or by name (letters and digits only, accents and case
ignored, in any rotation of the name's words, so Canvas's ``smithjohn`` matches ``John Smith``).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from gausslearn.paths import EXERCISE_ALIASES

#: Moodle's folder (or file-name prefix) of one student's submission.
MOODLE = re.compile(r"^(?P<name>.+?)_(?P<participant>\d+)_assign(?:submission|feedback)_[a-z]+_")
#: Canvas's file name of one uploaded file.
CANVAS = re.compile(r"^(?:(?!LATE_)(?P<name>[^\W_]+)_)?(?:LATE_)?(?P<id>\d+|anon_[A-Za-z0-9]+)_(?P<attachment>\d+)_(?P<file>.+)$")


@dataclass(frozen=True)
class Identity:
    """Who a file belongs to: ``key`` identifies the student in this batch; ``name`` where the path gives one;
    ``rule`` says which rule found it (``moodle``, ``canvas``, ``folder``, ``file name``, ``pattern``)."""

    key: str
    name: str = ""
    rule: str = ""


@dataclass(frozen=True)
class Student:
    """One row of the roster."""

    id: str
    name: str
    email: str = ""


class RosterError(ValueError):
    """The roster file cannot be used; the message says why and what to do."""


def identify(relative: str, exercises: list[str], pattern: re.Pattern[str] | None = None) -> Identity | None:
    """The student a file belongs to, from its path relative to the submissions folder (None: no rule applies).

    Examples
    --------
    >>> ids = ["ex01_pixels", "ex02_noise"]
    >>> identify("Ada Lovelace_1234_assignsubmission_file_/ex01_pixels.ipynb", ids)
    Identity(key='Ada Lovelace', name='Ada Lovelace', rule='moodle')
    >>> identify("lovelaceada_LATE_4711_99812_ex01_pixels.ipynb", ids)
    Identity(key='4711', name='lovelaceada', rule='canvas')
    >>> identify("ada/ex01.ipynb", ids), identify("ada_ex01_pixels.ipynb", ids)
    (Identity(key='ada', name='', rule='folder'), Identity(key='ada', name='', rule='file name'))
    >>> identify("ex02_noise.ipynb", ids) is None
    True
    >>> identify("s1234567_ex02.ipynb", ids, re.compile(r"^(?P<student>s\\d{7})_"))
    Identity(key='s1234567', name='', rule='pattern')
    """
    if pattern is not None:
        m = pattern.search(relative)
        if not m or not (m.groupdict().get("student") or "").strip():
            return None
        return Identity(m.group("student").strip(), (m.groupdict().get("name") or "").strip(), "pattern")
    parts = relative.split("/")
    m = MOODLE.match(parts[0])
    if m:
        return Identity(m.group("name").strip(), m.group("name").strip(), "moodle")
    m = CANVAS.match(parts[-1]) if len(parts) == 1 else None
    if m:
        return Identity(m.group("id"), m.group("name") or "", "canvas")
    if len(parts) > 1:
        return Identity(parts[0], "", "folder")
    stem = parts[0].rsplit(".", 1)[0] if "." in parts[0] else parts[0]
    for ex in sorted({*exercises, *EXERCISE_ALIASES}, key=len, reverse=True):
        stem = stem.replace(ex, " ")
    rest = re.sub(r"[\s_.\-]+", " ", stem).strip()
    return Identity(rest.replace(" ", "_"), "", "file name") if rest else None


def compile_pattern(text: str) -> re.Pattern[str]:
    """Check and compile ``--student-pattern``; raise ``ValueError`` with a message that says what is wrong.

    Examples
    --------
    >>> compile_pattern("(?P<student>[a-z]+)/").pattern
    '(?P<student>[a-z]+)/'
    >>> compile_pattern("([a-z]+)/")
    Traceback (most recent call last):
    ...
    ValueError: --student-pattern needs a named group (?P<student>...) that matches the student's id
    """
    try:
        pattern = re.compile(text)
    except re.error as exc:
        raise ValueError(f"--student-pattern is not a valid regular expression: {exc}") from None
    if "student" not in pattern.groupindex:
        raise ValueError("--student-pattern needs a named group (?P<student>...) that matches the student's id")
    return pattern


_HEADERS = {
    "id": ("id", "studentid", "student", "username", "login", "sisuserid", "userid", "idnumber", "matriculation"),
    "name": ("name", "fullname", "studentname"),
    "email": ("email", "emailaddress", "mail"),
}


def _header_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.strip().lower().lstrip("\ufeff"))


def read_roster(path: str | Path) -> list[Student]:
    """Read a roster CSV (see the module's docstring); raise :class:`RosterError` with what to fix.

    Examples
    --------
    >>> import tempfile
    >>> roster = Path(tempfile.mkdtemp()) / "roster.csv"
    >>> _ = roster.write_text("Student ID,Name,Email\\n4711,Ada Lovelace,ada@uni.edu\\n")
    >>> read_roster(roster)
    [Student(id='4711', name='Ada Lovelace', email='ada@uni.edu')]
    >>> _ = roster.write_text("who,mark\\nada,5\\n")
    >>> read_roster(roster)
    Traceback (most recent call last):
    ...
    gausslearn.grading.host.roster.RosterError: roster.csv: no student id column (its header is 'who', 'mark'); name one column id, student id, student, username, login, sis user id, user id, id number or matriculation, and one name
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(f"{path.name}: cannot be read as UTF-8 text ({exc}); save it as CSV UTF-8") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise RosterError(f"{path.name}: the file is empty; it needs a header row (id,name,email) and a row per student")
    header = [_header_key(h) for h in rows[0]]
    where: dict[str, int] = {}
    for field, names in _HEADERS.items():
        for i, h in enumerate(header):
            if h in names and field not in where:
                where[field] = i
    shown = ", ".join(repr(h) for h in rows[0])
    if "id" not in where:
        raise RosterError(f"{path.name}: no student id column (its header is {shown}); name one column id, student "
                          "id, student, username, login, sis user id, user id, id number or matriculation, and one name")
    if "name" not in where:
        raise RosterError(f"{path.name}: no name column (its header is {shown}); name one column name or full name")
    students: list[Student] = []
    seen: dict[str, int] = {}
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {f: (row[i].strip() if i < len(row) else "") for f, i in where.items()}
        if not cell["id"]:
            raise RosterError(f"{path.name}, line {n}: the student id is empty; every student needs an id")
        if cell["id"] in seen:
            raise RosterError(f"{path.name}, line {n}: the id {cell['id']!r} is already on line {seen[cell['id']]}; "
                              "ids must be unique")
        seen[cell["id"]] = n
        students.append(Student(cell["id"], cell["name"], cell.get("email", "")))
    return students


def _plain(text: str) -> str:
    """Letters and digits only, without accents, case-folded (for matching names and ids)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c)).casefold()


def _name_forms(name: str) -> set[str]:
    words = [w for w in re.split(r"[\s,]+", name) if w]
    return {_plain("".join(words[i:] + words[:i])) for i in range(len(words))} - {""}


def match(identity: Identity, roster: list[Student]) -> tuple[Student | None, str]:
    """The roster student a file's identity names, and a problem when there is none or more than one.

    Examples
    --------
    >>> roster = [Student("4711", "Ada Lovelace", "ada@uni.edu"), Student("s2", "Alan Turing")]
    >>> match(Identity("4711", "lovelaceada", "canvas"), roster)[0].name
    'Ada Lovelace'
    >>> match(Identity("Alan Turing", "Alan Turing", "moodle"), roster)[0].id, match(Identity("ada"), roster)[0].id
    ('s2', '4711')
    >>> match(Identity("grace"), roster)
    (None, "'grace' is not on the roster")
    """
    key, name = _plain(identity.key), _plain(identity.name)
    for rule in ("id", "email", "name"):
        found = []
        for s in roster:
            if rule == "id":
                hit = key == _plain(s.id) or identity.key == s.id
            elif rule == "email":
                hit = bool(s.email) and key in (_plain(s.email), _plain(s.email.split("@")[0]))
            else:
                forms = _name_forms(s.name)
                hit = bool(forms) and (key in forms or (name != "" and name in forms))
            if hit:
                found.append(s)
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1:
            return None, (f"{identity.key!r} matches {len(found)} roster entries by {rule} "
                          f"({', '.join(s.id for s in found)}); use --student-pattern or a folder per student")
    return None, f"{identity.key!r} is not on the roster"
