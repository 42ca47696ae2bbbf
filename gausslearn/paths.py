"""Where the course's files live, and what an exercise id looks like: the one place that knows.

The project folder holds the package and, beside it, the course::

    <root>/
      gausslearn/          the package (this module's parent)
      notebooks_src/       NN_name.py      jupytext sources of the course notebooks (edit these)
      notebooks/           NN_name.ipynb   learner copies: no outputs, nothing answered before a choice
      executed/            NN_name.ipynb   the same notebooks executed: nbval compares them, the site shows them
      exercises_src/       exNN_name.py    the one source of each exercise and its solution
      exercises/           exNN_name.ipynb blank exercises (answer cells raise NotImplementedError)
      solutions/           exNN_name.ipynb worked solutions, executed

Every path is derived from :func:`project_root`; :class:`Course` bundles the folders of one project folder so
tools and tests can build a course somewhere else (a temporary folder) with the same code.

Examples
--------
>>> course = Course(Path("/course"))
>>> course.sources.as_posix(), course.learner.as_posix(), course.executed.as_posix()
('/course/notebooks_src', '/course/notebooks', '/course/executed')
>>> is_exercise_id("ex04_filtering"), is_exercise_id("ex4_filtering"), is_exercise_id("ex04-filtering")
(True, False, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["EXERCISE_ALIASES", "EXERCISE_ID", "Course", "canonical_exercise_id", "is_exercise_id", "project_root"]

#: An exercise id: ``ex`` + two digits (the course notebook it practises) + ``_`` + a lower-case name.
EXERCISE_ID = re.compile(r"ex\d\d_[a-z0-9_]+")
#: Ids of the first release, renumbered so that exercise NN practises notebook NN. Submissions that carry an old
#: id are graded as the new exercise (for one release), and the report names the new id.
EXERCISE_ALIASES = {
    "ex04_borders": "ex06_borders",
    "ex05_separable": "ex07_separable",
    "ex06_sigma": "ex05_sigma",
    "ex07_color": "ex08_color",
    "ex08_beyond": "ex09_beyond",
}


def canonical_exercise_id(text: object) -> str | None:
    """The current id of an exercise id (an old id becomes its renumbered one); None for anything else.

    Examples
    --------
    >>> canonical_exercise_id("ex06_sigma"), canonical_exercise_id("ex01_pixels"), canonical_exercise_id("x")
    ('ex05_sigma', 'ex01_pixels', None)
    """
    if not is_exercise_id(text):
        return None
    return EXERCISE_ALIASES.get(text, text)  # type: ignore[arg-type]


def is_exercise_id(text: object) -> bool:
    """True when ``text`` is a string of the form ``exNN_name`` (see :data:`EXERCISE_ID`).

    Examples
    --------
    >>> is_exercise_id("ex01_pixels"), is_exercise_id(None), is_exercise_id("ex01_Pixels")
    (True, False, False)
    """
    return isinstance(text, str) and EXERCISE_ID.fullmatch(text) is not None


def project_root() -> Path:
    """The project folder: the one that holds the ``gausslearn`` package (an editable install or a checkout).

    Examples
    --------
    >>> (project_root() / "gausslearn" / "paths.py").is_file()
    True
    """
    return Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Course:
    """The folders of a course rooted at ``root`` (default: :func:`project_root`)."""

    root: Path

    @classmethod
    def here(cls) -> Course:
        """The course of this project folder."""
        return cls(project_root())

    @property
    def package(self) -> Path:
        return self.root / "gausslearn"

    @property
    def sources(self) -> Path:
        """Jupytext sources of the course notebooks (``NN_name.py``)."""
        return self.root / "notebooks_src"

    @property
    def learner(self) -> Path:
        """Learner copies of the course notebooks, without outputs (what ``make lab`` opens)."""
        return self.root / "notebooks"

    @property
    def executed(self) -> Path:
        """Executed copies of the course notebooks, with outputs (compared by nbval, shown on the site)."""
        return self.root / "executed"

    @property
    def exercise_sources(self) -> Path:
        return self.root / "exercises_src"

    @property
    def exercises(self) -> Path:
        return self.root / "exercises"

    @property
    def solutions(self) -> Path:
        return self.root / "solutions"
