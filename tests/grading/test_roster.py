"""Who handed in a file: the identity rules for folders, file names, Canvas and Moodle downloads, a custom
pattern, and the roster (its format, its errors, and how files are matched to it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gausslearn.grading.host.roster import (
    Identity,
    RosterError,
    Student,
    compile_pattern,
    identify,
    match,
    read_roster,
)

IDS = ["ex01_pixels", "ex02_noise", "ex03_kernel"]


@pytest.mark.parametrize(("relative", "expected"), [
    # Moodle, "Download submissions in folders" on: one folder per student (the number is per assignment)
    ("Ada Lovelace_12345_assignsubmission_file_/ex01_pixels.ipynb", Identity("Ada Lovelace", "Ada Lovelace", "moodle")),
    ("Ada Lovelace_12345_assignsubmission_file_/sub/dir/x.ipynb", Identity("Ada Lovelace", "Ada Lovelace", "moodle")),
    # Moodle, folders off: the same prefix starts the file name
    ("José Núñez_7_assignsubmission_file_ex02_noise.ipynb", Identity("José Núñez", "José Núñez", "moodle")),
    # Canvas: lastnamefirstname[_LATE]_<user id>_<attachment id>_<file>; re-uploads get -1, -2 suffixes
    ("lovelaceada_4711_998877_ex01_pixels.ipynb", Identity("4711", "lovelaceada", "canvas")),
    ("lovelaceada_LATE_4711_998877_ex01_pixels-1.ipynb", Identity("4711", "lovelaceada", "canvas")),
    ("anon_AbC12_998877_ex01_pixels.ipynb", Identity("anon_AbC12", "", "canvas")),
    ("LATE_anon_AbC12_998877_ex01_pixels.ipynb", Identity("anon_AbC12", "", "canvas")),
    # a folder per student, at any depth below it
    ("alice/ex01_pixels.ipynb", Identity("alice", "", "folder")),
    ("alice/week 1/anything.ipynb", Identity("alice", "", "folder")),
    # the file name, without the exercise id (old ids too) and separators
    ("bob_ex02_noise.ipynb", Identity("bob", "", "file name")),
    ("ex02_noise-bob.ipynb", Identity("bob", "", "file name")),
    ("ex06_sigma bob smith.ipynb", Identity("bob_smith", "", "file name")),
    ("kim_ex03.pdf", Identity("kim_ex03", "", "file name")),
])
def test_identity_rules(relative: str, expected: Identity) -> None:
    assert identify(relative, IDS) == expected


@pytest.mark.parametrize("relative", ["ex01_pixels.ipynb", "ex01_pixels - ex02_noise.ipynb", "_.ipynb"])
def test_a_file_named_only_after_an_exercise_names_no_student(relative: str) -> None:
    assert identify(relative, IDS) is None


def test_a_custom_pattern_replaces_the_default_rules() -> None:
    pattern = compile_pattern(r"^(?P<student>s\d{7})[-_](?P<name>[A-Za-z]+)")
    assert identify("s1234567_Ada_ex01.ipynb", IDS, pattern) == Identity("s1234567", "Ada", "pattern")
    # a path the pattern does not match names no student, even one a default rule would have read
    assert identify("alice/ex01_pixels.ipynb", IDS, pattern) is None


@pytest.mark.parametrize(("text", "words"), [("(?P<who>x)", "named group (?P<student>"), ("(?P<student>", "not a valid")])
def test_bad_patterns_are_refused_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        compile_pattern(text)


def test_roster_columns_are_found_by_name_in_any_order(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("\ufeffE-mail ,Full Name,SIS User ID\nada@uni.edu,Ada Lovelace,4711\n\n,Alan Turing,4712\n",
                      encoding="utf-8")
    assert read_roster(roster) == [Student("4711", "Ada Lovelace", "ada@uni.edu"), Student("4712", "Alan Turing", "")]


@pytest.mark.parametrize(("text", "words"), [
    ("", "the file is empty"),
    ("name,email\nAda,a@b\n", "no student id column"),
    ("id,email\n1,a@b\n", "no name column"),
    ("id,name\n1,Ada\n1,Alan\n", "line 3: the id '1' is already on line 2"),
    ("id,name\n,Ada\n", "line 2: the student id is empty"),
])
def test_roster_errors_say_what_to_fix(tmp_path: Path, text: str, words: str) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(text, encoding="utf-8")
    with pytest.raises(RosterError, match=re.escape(words)):
        read_roster(roster)


def test_a_roster_that_is_not_text_is_refused(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes(b"\xff\xfe\x00i\x00d")
    with pytest.raises(RosterError, match="UTF-8"):
        read_roster(roster)


ROSTER = [Student("4711", "Ada Lovelace", "ada@uni.edu"), Student("s2", "Alan Mathison Turing", "turing@uni.edu"),
          Student("s3", "José Núñez"), Student("s4", "Ada Byron")]


@pytest.mark.parametrize(("identity", "expected"), [
    (Identity("4711", "lovelaceada", "canvas"), "4711"),                  # Canvas: the user id
    (Identity("anon_x", "lovelaceada", "canvas"), "4711"),                # ... else its sortable name
    (Identity("Ada Lovelace", "Ada Lovelace", "moodle"), "4711"),         # Moodle: the full name
    (Identity("turingalanmathison", "", "file name"), "s2"),              # any rotation of the name's words
    (Identity("turing", "", "folder"), "s2"),                             # the e-mail's local part
    (Identity("jose_nunez", "", "file name"), "s3"),                      # accents and separators ignored
    (Identity("S4", "", "folder"), "s4"),                                 # ids without regard to case
])
def test_files_are_matched_to_the_roster(identity: Identity, expected: str) -> None:
    student, problem = match(identity, ROSTER)
    assert student is not None and student.id == expected, problem


def test_unknown_and_ambiguous_students_are_reported() -> None:
    assert match(Identity("grace"), ROSTER) == (None, "'grace' is not on the roster")
    twins = [Student("a1", "Sam Lee"), Student("a2", "Lee Sam")]
    student, problem = match(Identity("samlee"), twins)
    assert student is None and "matches 2 roster entries by name (a1, a2)" in problem
