"""The course map in notebook 00 agrees with the notebooks themselves.

Notebook 00 shows the course as a markdown table (notebook, topic, time, exercise), typed so that a learner
sees it on opening the notebook without running anything. This test keeps it true:

- one row per notebook 00, 01, ..., in order, each linking its notebook ``NN_name.ipynb``;
- the time in a row is the time stated in that notebook's opening cell (``**Time:** about N minutes``);
- exercise ``exNN_name`` practises notebook ``NN`` (notebook 00 has none), linked as ``../exercises/exNN_name.ipynb``.

The course table in README.md (for readers who have not opened the course yet) lists the same notebooks, times
and exercises.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gausslearn.paths import Course

COURSE = Course.here()
MAP_SOURCE = COURSE.sources / "00_start_here.py"
ROW = re.compile(r"^# \| \[(?P<number>\d\d) [^\]]*\]\((?P<link>[^)]+)\) \| (?P<topic>[^|]+) \| (?P<time>[^|]+) \| "
                 r"(?P<exercise>[^|]+) \|\s*$")
TIME = re.compile(r"\*\*Time:\*\*\D*?(\d+)\s*(minutes|min|hours?|h)\b", re.IGNORECASE)
EXERCISE = re.compile(r"^\[(ex\d\d_[a-z0-9_]+)\]\(\.\./exercises/(ex\d\d_[a-z0-9_]+)\.ipynb\)$")


def minutes(text: str) -> int | None:
    """Minutes in a time such as ``35 min``, ``about 35 minutes`` or ``1 hour`` (None when there is none).

    >>> minutes("35 min"), minutes("**Time:** about 1 hour."), minutes("no time")
    (35, 60, None)
    """
    found = TIME.search(text if "**Time:**" in text else f"**Time:** {text}")
    if not found:
        return None
    value, unit = int(found.group(1)), found.group(2).lower()
    return value * 60 if unit.startswith("h") else value


def course_map() -> list[dict[str, str]]:
    rows = [m.groupdict() for line in MAP_SOURCE.read_text(encoding="utf-8").splitlines() if (m := ROW.match(line))]
    assert rows, f"{MAP_SOURCE.name} holds no course table (rows like '# | [01 pixel grids](01_pixel_grids.ipynb) | ...')"
    return rows


def opening_cell(source: Path) -> str:
    """The first markdown cell of a jupytext percent source."""
    text = source.read_text(encoding="utf-8")
    start = text.index("# %% [markdown]")
    end = text.find("# %%", start + 1)
    return text[start:end if end >= 0 else None]


ROWS = course_map()
by_row = pytest.mark.parametrize("row", ROWS, ids=[r["number"] for r in ROWS])


def test_the_map_lists_every_notebook_once_in_order() -> None:
    numbers = [int(r["number"]) for r in ROWS]
    assert numbers == list(range(len(numbers))), f"the rows of notebook 00's table are numbered {numbers}"
    written = sorted(int(p.name[:2]) for p in COURSE.sources.glob("[0-9][0-9]_*.py"))
    missing = [n for n in written if n not in numbers]
    assert not missing, f"notebooks {missing} have a source but no row in notebook 00's table"


@by_row
def test_row_links_its_notebook_and_states_its_time(row: dict[str, str]) -> None:
    number, link = row["number"], row["link"]
    assert re.fullmatch(rf"{number}_[a-z0-9_]+\.ipynb", link), f"row {number} links {link!r}, not a notebook {number}_name.ipynb"
    sources = sorted(COURSE.sources.glob(f"{number}_*.py"))
    assert sources, f"row {number} of notebook 00's table names a notebook with no source in notebooks_src/"
    assert [p.stem for p in sources] == [link[:-len(".ipynb")]], (
        f"row {number} of notebook 00's table links {link}, but the source is {[p.name for p in sources]}")
    stated = minutes(opening_cell(sources[0]))
    assert stated is not None, f"{sources[0].name} states no time in its opening cell ('**Time:** about N minutes')"
    assert minutes(row["time"]) == stated, (
        f"notebook 00's table gives {row['time'].strip()!r} for notebook {number}, its opening cell says {stated} min: "
        f"update the table in notebooks_src/00_start_here.py and rebuild notebook 00")


@by_row
def test_row_names_the_exercise_that_practises_the_notebook(row: dict[str, str]) -> None:
    number, cell = row["number"], row["exercise"].strip()
    if number == "00":
        assert cell == "none", f"notebook 00 has no exercise of its own; its row says {cell!r}"
        return
    found = EXERCISE.match(cell)
    assert found, f"row {number}: write the exercise as [exNN_name](../exercises/exNN_name.ipynb), got {cell!r}"
    shown, target = found.groups()
    assert shown == target, f"row {number} shows {shown} but links {target}"
    assert shown.startswith(f"ex{number}_"), f"row {number} names {shown}: exercise ex{number}_... practises notebook {number}"


README_ROW = re.compile(r"^\| (?P<number>\d\d) [^|]+\| [^|]+\| (?P<time>[^|]+) \| (?P<exercise>[^|]+) \|\s*$")


def test_readme_course_table_matches_notebook_00() -> None:
    """README.md's table under '## The course': the same notebooks, times and exercises as notebook 00's map."""
    text = (COURSE.root / "README.md").read_text(encoding="utf-8")
    section = text.split("## The course", 1)[1].split("\n## ", 1)[0]
    readme = [m.groupdict() for line in section.splitlines() if (m := README_ROW.match(line))]
    want = [(r["number"], minutes(r["time"]), EXERCISE.match(r["exercise"].strip()).group(1)
             if r["number"] != "00" else "none") for r in ROWS]
    have = [(r["number"], minutes(r["time"]), r["exercise"].strip().strip("`")) for r in readme]
    assert have == want, (f"README.md's course table differs from notebook 00's map:\n  README {have}\n  "
                          f"notebook 00 {want}")
