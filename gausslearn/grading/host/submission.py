"""Read and check a submitted notebook: is it a notebook, which exercise is it, which cells are its answers.

Notebooks are read as JSON without nbformat (importing it costs seconds; the checks here are what matter):

1. The file is read as JSON (at most :data:`MAX_NOTEBOOK_BYTES`, never through a symbolic link); anything that
   is not an nbformat-4 notebook raises :class:`InvalidNotebook` with a reason for the learner.
2. The exercise id comes from ``gausslearn grade --exercise ID`` if given, else from
   ``metadata.gausslearn.exercise``; if that is missing or unknown, from the file name
   (``ex01_pixels-alice.ipynb``), with a note. Old ids (``gausslearn.paths.EXERCISE_ALIASES``) are graded as
   their new exercise, with a note naming it.
3. Only answer cells are taken: every code cell tagged ``answer``, in notebook order. If an exercise function
   is defined by none of them (tags deleted, or code moved to a new cell), the first untagged code cell that
   defines it (``def name`` at the start of a line) is used instead, with a note. An answer cell turned into
   markdown is reported. They run after the ``imports`` cells of the clean exercise template, so edited
   imports, checks and metadata do not matter.

Nothing here runs the learner's code.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from gausslearn.paths import EXERCISE_ALIASES

#: Larger files are refused without being parsed.
MAX_NOTEBOOK_BYTES = 20 * 2**20


class InvalidNotebook(ValueError):
    """The submission is not a notebook the grader can read."""


def printable_path(path: str | Path) -> str:
    """``path`` as text that can always be printed and written as UTF-8 (bad bytes become U+FFFD).

    Examples
    --------
    >>> printable_path(b"caf\\xe9.ipynb".decode("utf-8", "surrogateescape")) == "caf\\ufffd.ipynb"
    True
    """
    return os.fsencode(os.fspath(path)).decode("utf-8", "replace")


def cell_source(cell: dict[str, Any]) -> str:
    """A cell's source as one string (nbformat allows a list of lines).

    Examples
    --------
    >>> cell_source({"source": ["a = 1", "; b = 2"]})
    'a = 1; b = 2'
    """
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def cell_tags(cell: dict[str, Any]) -> list[str]:
    """A cell's tags (only strings; malformed metadata gives no tags).

    Examples
    --------
    >>> cell_tags({"metadata": {"tags": ["answer", 3]}}), cell_tags({"metadata": "junk"})
    (['answer'], [])
    """
    meta = cell.get("metadata")
    tags = meta.get("tags", []) if isinstance(meta, dict) else []
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def read_notebook(path: str | Path) -> dict[str, Any]:
    """Read and structurally check a notebook file; raise :class:`InvalidNotebook` with a reason."""
    path = Path(path)
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise InvalidNotebook("the file is a symbolic link; hand in the notebook file itself")
        if not stat.S_ISREG(info.st_mode):
            raise InvalidNotebook("this is not a regular file; hand in the notebook file itself")
        size = info.st_size
        if size > MAX_NOTEBOOK_BYTES:
            raise InvalidNotebook(f"the file is {size / 2**20:.1f} MB, more than the {MAX_NOTEBOOK_BYTES // 2**20} MB "
                                  "a notebook may have (clear the outputs: Edit > Clear Outputs of All Cells)")
        with path.open("rb") as fh:
            data = fh.read(MAX_NOTEBOOK_BYTES + 1)
    except OSError as exc:
        raise InvalidNotebook(f"the file cannot be read ({exc.strerror or exc})") from None
    return parse_notebook(data)


def parse_notebook(data: bytes) -> dict[str, Any]:
    """Parse notebook bytes; raise :class:`InvalidNotebook` unless they hold an nbformat-4 notebook.

    Examples
    --------
    >>> parse_notebook(b'{"nbformat": 3, "worksheets": []}')
    Traceback (most recent call last):
    ...
    gausslearn.grading.host.submission.InvalidNotebook: this is an nbformat 3 notebook; open it in a current Jupyter and save it again (nbformat 4 is needed)
    """
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise InvalidNotebook(f"the file is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB")
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidNotebook("the file is not text (UTF-8); is it really a notebook?") from None
    except (ValueError, RecursionError) as exc:
        raise InvalidNotebook(f"the file is not valid JSON ({str(exc)[:120]}); was it edited outside Jupyter "
                              "or cut short?") from None
    if not isinstance(nb, dict) or "nbformat" not in nb:
        raise InvalidNotebook("the file is JSON but not a Jupyter notebook (no nbformat field)")
    major = nb.get("nbformat")
    if not isinstance(major, int) or isinstance(major, bool) or major < 4:
        raise InvalidNotebook(f"this is an nbformat {major} notebook; open it in a current Jupyter and save it "
                              "again (nbformat 4 is needed)")
    cells = nb.get("cells")
    if not isinstance(cells, list):
        raise InvalidNotebook("the notebook has no list of cells")
    for i, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            raise InvalidNotebook(f"cell {i} is malformed (no cell_type)")
        src = cell.get("source", "")
        if not (isinstance(src, str) or (isinstance(src, list) and all(isinstance(s, str) for s in src))):
            raise InvalidNotebook(f"cell {i} has a malformed source")
        if "metadata" in cell and not isinstance(cell["metadata"], dict):
            raise InvalidNotebook(f"cell {i} has malformed metadata")
    if not isinstance(nb.get("metadata", {}), dict):
        raise InvalidNotebook("the notebook metadata is malformed")
    return nb


def defined_functions(source: str) -> list[str]:
    """Names of functions a cell defines at its top level (``def name`` at the start of a line).

    Examples
    --------
    >>> defined_functions("import numpy as np\\ndef to_float(image):\\n    def inner(): pass\\n")
    ['to_float']
    """
    return re.findall(r"^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(", source, flags=re.M)


def claimed_exercise(nb: dict[str, Any]) -> object:
    """What ``metadata.gausslearn.exercise`` holds (None when the notebook has no such entry).

    Examples
    --------
    >>> claimed_exercise({"metadata": {"gausslearn": {"exercise": "ex01_pixels"}}}), claimed_exercise({"metadata": []})
    ('ex01_pixels', None)
    """
    meta = nb.get("metadata")
    meta = meta.get("gausslearn") if isinstance(meta, dict) else None
    return meta.get("exercise") if isinstance(meta, dict) else None


def resolve_exercise(text: object, known: list[str]) -> tuple[str | None, list[str]]:
    """The exercise a (possibly old) id stands for among the ``known`` ones, and a note when it was renamed.

    An old id (:data:`gausslearn.paths.EXERCISE_ALIASES`) is graded as its new exercise; while the hidden tests
    still carry the old id, a new id is graded as the old one. Anything else gives ``(None, [])``.

    Examples
    --------
    >>> resolve_exercise("ex06_sigma", ["ex05_sigma"])
    ('ex05_sigma', ['ex06_sigma is the old id of ex05_sigma (the exercises were renumbered): graded as ex05_sigma'])
    >>> resolve_exercise("ex05_sigma", ["ex06_sigma"])[0], resolve_exercise("ex01_pixels", ["ex01_pixels"])
    ('ex06_sigma', ('ex01_pixels', []))
    >>> resolve_exercise("=cmd", ["ex01_pixels"])
    (None, [])
    """
    if not isinstance(text, str):
        return None, []
    if text in known:
        return text, []
    new = EXERCISE_ALIASES.get(text)
    if new in known:
        return new, [f"{text} is the old id of {new} (the exercises were renumbered): graded as {new}"]
    old = [o for o, n in EXERCISE_ALIASES.items() if n == text and o in known]
    if old:
        return old[0], [f"{text} is graded by the hidden tests of {old[0]}, its id before the renumbering"]
    return None, []


def exercise_id(nb: dict[str, Any], filename: str, known: list[str],
                override: str | None = None) -> tuple[str | None, list[str]]:
    """The exercise id of a submission and notes that say how it was found (or why it was not).

    In order: ``override`` (``gausslearn grade --exercise``), ``metadata.gausslearn.exercise``, then the longest
    known id (or old id) that the file name contains. Old ids are graded as their new exercise, with a note.

    Examples
    --------
    >>> exercise_id({"metadata": {"gausslearn": {"exercise": "ex01_pixels"}}}, "x.ipynb", ["ex01_pixels"])
    ('ex01_pixels', [])
    >>> exercise_id({"metadata": {}}, "bob-ex01_pixels.ipynb", ["ex01_pixels"])
    ('ex01_pixels', ['the notebook metadata has no exercise id (metadata.gausslearn.exercise); the exercise ex01_pixels was taken from the file name'])
    >>> exercise_id({"metadata": {}}, "bob.ipynb", ["ex01_pixels"])[0]
    >>> exercise_id({"metadata": {"gausslearn": {"exercise": "pixels"}}}, "bob.ipynb", ["ex01_pixels"])[1][0][:60]
    "the notebook metadata names the exercise 'pixels', which thi"
    >>> exercise_id({"metadata": {"gausslearn": {"exercise": "pixels"}}}, "b.ipynb", ["ex01_pixels"], "ex01_pixels")[1]
    ["graded as ex01_pixels as the instructor asked (--exercise); the notebook's metadata names 'pixels'"]
    """
    claimed = claimed_exercise(nb)
    shown = repr(str(claimed)[:40])
    if override is not None:
        ex, notes = resolve_exercise(override, known)
        if ex is None:
            return None, [f"--exercise {override[:40]!r} is not an exercise this grader knows ({', '.join(known)})"]
        said = "" if claimed in (override, ex) else (
            "; the notebook's metadata has no exercise id" if claimed is None else f"; the notebook's metadata names {shown}")
        return ex, [f"graded as {ex} as the instructor asked (--exercise){said}", *notes]
    ex, notes = resolve_exercise(claimed, known)
    if ex is not None:
        return ex, notes
    why = ("has no exercise id (metadata.gausslearn.exercise)" if claimed is None
           else f"names the exercise {shown}, which this grader does not know")
    names = sorted({*known, *(o for o, n in EXERCISE_ALIASES.items() if n in known)}, key=len, reverse=True)
    for name in names:
        if name in filename:
            ex, notes = resolve_exercise(name, known)
            return ex, [f"the notebook metadata {why}; the exercise {ex} was taken from the file name", *notes]
    if claimed is None:
        return None, ["this notebook does not say which exercise it is (metadata.gausslearn.exercise is missing) "
                      f"and its file name contains none of {', '.join(known)}; grade it with --exercise ID"]
    return None, [f"the notebook metadata {why} (known: {', '.join(known)}) and the file name names none either; "
                  "if the id was edited, grade it with --exercise ID"]


def answer_code(nb: dict[str, Any], template: dict[str, Any],
                functions: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """The code to run for a submission (template imports + answers, in order), cell labels, and notes."""
    notes: list[str] = []
    cells = nb["cells"]
    chosen: list[int] = []
    for i, cell in enumerate(cells):
        if "answer" in cell_tags(cell):
            if cell["cell_type"] == "code":
                chosen.append(i)
            else:
                notes.append(f"cell {i + 1} is tagged 'answer' but is a {cell['cell_type']} cell, so it was not run; "
                             "turn it back into a code cell (select it, press Esc then Y)")
    defined = {name for i in chosen for name in defined_functions(cell_source(cells[i]))}
    for name in functions:
        if name in defined:
            continue
        for i, cell in enumerate(cells):
            if i not in chosen and cell["cell_type"] == "code" and name in defined_functions(cell_source(cell)):
                chosen.append(i)
                defined.update(defined_functions(cell_source(cell)))
                notes.append(f"{name} was taken from cell {i + 1}, which is not tagged 'answer' (write your code in "
                             "the answer cells)")
                break
    chosen.sort()
    imports = [cell_source(c) for c in template["cells"] if c["cell_type"] == "code" and "imports" in cell_tags(c)]
    answers = [cell_source(cells[i]) for i in chosen]
    if not answers:
        return [], [], notes
    labels = ["imports cell"] * len(imports) + [f"answer cell {k}, notebook cell {i + 1}"
                                                for k, i in enumerate(chosen, start=1)]
    return imports + answers, labels, notes
