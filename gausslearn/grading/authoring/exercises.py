"""Build ``exercises/`` and ``solutions/`` from the one source of each exercise, ``exercises_src/exNN_name.py``.

A source is a jupytext percent-format notebook whose header metadata holds ``gausslearn: {exercise: exNN_name}``.
Every cell tagged ``answer`` holds the learner's function(s); the model solution sits between a line
``### BEGIN SOLUTION`` and a line ``### END SOLUTION``. The builder writes

- ``exercises/<id>.ipynb``: each solution region replaced by ``raise NotImplementedError(...)`` at the same
  indentation, no outputs;
- ``solutions/<id>.ipynb``: the marker lines removed, executed in this environment's kernel, outputs stored.

Both go through the one notebook pipeline (:mod:`gausslearn.notebooks`), so rebuilding an unchanged source
gives the same bytes.

The source also declares, once, the functions that would answer the exercise (its *forbidden helpers*), in
its header metadata, in groups that share a one-line reason::

    #   gausslearn:
    #     exercise: ex01_pixels
    #     forbidden:
    #     - functions: [gausslearn.dtypes.to_float, skimage.util.img_as_float]
    #       reason: it converts by the dtype's range, which is what Task 1 asks you to write

The builder checks that every name is a function that exists, writes the list (with the reasons) into the
markdown cell tagged ``forbidden`` of both notebooks, and writes every exercise's declaration to
:data:`gausslearn.grading.api.FORBIDDEN_REGISTRY`, where the public checks and the hidden tests read it
(:func:`gausslearn.grading.api.forbidden_helpers`).
``gausslearn build-exercises --check`` builds in memory and exits 1 listing stale or missing files (solutions
are compared without their outputs; add ``--strict`` to execute and compare every byte).
"""

from __future__ import annotations

import argparse
import copy
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from gausslearn import notebooks
from gausslearn.grading.api import FORBIDDEN_REGISTRY
from gausslearn.paths import Course, is_exercise_id

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
PLACEHOLDER = 'raise NotImplementedError("Write your solution here, then run this cell and the check below it.")'
#: The tag of the markdown cell that the builder fills with the exercise's forbidden helpers.
FORBIDDEN_TAG = "forbidden"


class SourceError(ValueError):
    """An exercise source breaks the format (markers, tags, metadata)."""


def split_solution(source: str, *, solution: bool, where: str = "cell") -> str:
    """Return the solution version (markers removed) or the exercise version (regions replaced) of a cell.

    Examples
    --------
    >>> src = "def f(x):\\n    ### BEGIN SOLUTION\\n    return 2 * x\\n    ### END SOLUTION\\n"
    >>> print(split_solution(src, solution=True))
    def f(x):
        return 2 * x
    <BLANKLINE>
    >>> print(split_solution(src, solution=False).splitlines()[1].strip()[:26])
    raise NotImplementedError(
    """
    out: list[str] = []
    inside = False
    regions = 0
    for line in source.splitlines(keepends=True):
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise SourceError(f"{where}: {BEGIN} inside another solution region")
            inside, regions = True, regions + 1
            if not solution:
                indent = line[: len(line) - len(line.lstrip())]
                out.append(f"{indent}{PLACEHOLDER}\n")
            continue
        if stripped == END:
            if not inside:
                raise SourceError(f"{where}: {END} without {BEGIN}")
            inside = False
            continue
        if inside and not solution:
            continue
        out.append(line)
    if inside:
        raise SourceError(f"{where}: {BEGIN} without {END}")
    if regions == 0:
        raise SourceError(f"{where}: an answer cell needs a {BEGIN} ... {END} region")
    return "".join(out)


def solution_regions(source_path: str | Path) -> list[list[str]]:
    """The stripped, non-empty, non-comment code lines of each solution region of a source file.

    Examples
    --------
    >>> regions = solution_regions(Course.here().exercise_sources / "ex01_pixels.py")
    >>> len(regions), all(len(region) > 0 for region in regions)
    (2, True)
    """
    regions: list[list[str]] = []
    inside = False
    for line in Path(source_path).read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s == BEGIN:
            inside = True
            regions.append([])
        elif s == END:
            inside = False
        elif inside and s and not s.startswith("#"):
            regions[-1].append(s)
    return regions


def solution_lines(source_path: str | Path) -> list[str]:
    """All code lines of the solution regions of a source file (see :func:`solution_regions`)."""
    return [line for region in solution_regions(source_path) for line in region]


def forbidden_declaration(nb: Any, where: str = "source") -> dict[str, str]:
    """The forbidden helpers a source's metadata declares: dotted name -> reason, in the order written.

    Examples
    --------
    >>> meta = {"gausslearn": {"exercise": "ex09_demo", "forbidden": [
    ...     {"functions": ["math.hypot", "math.dist"], "reason": "it is the answer"}]}}
    >>> forbidden_declaration({"metadata": meta})
    {'math.hypot': 'it is the answer', 'math.dist': 'it is the answer'}
    >>> forbidden_declaration({"metadata": {"gausslearn": {"forbidden": [{"functions": ["math.hypot"]}]}}})
    Traceback (most recent call last):
    ...
    gausslearn.grading.authoring.exercises.SourceError: source: forbidden entry 1 needs `functions` (a list of dotted names) and `reason` (one line saying why they are not allowed)
    """
    entries = ((nb["metadata"].get("gausslearn") or {}).get("forbidden")) or []
    if not isinstance(entries, list):
        raise SourceError(f"{where}: gausslearn.forbidden must be a list of {{functions: [...], reason: ...}} entries")
    declared: dict[str, str] = {}
    for k, entry in enumerate(entries, start=1):
        functions = entry.get("functions") if isinstance(entry, dict) else None
        reason = entry.get("reason") if isinstance(entry, dict) else None
        if not (isinstance(functions, list) and functions and isinstance(reason, str) and reason.strip()
                and "\n" not in reason.strip()):
            raise SourceError(f"{where}: forbidden entry {k} needs `functions` (a list of dotted names) and `reason` "
                              "(one line saying why they are not allowed)")
        for name in functions:
            if not isinstance(name, str) or name.count(".") < 1 or not all(p.isidentifier() for p in name.split(".")):
                raise SourceError(f"{where}: forbidden entry {k}: {name!r} is not a dotted name such as "
                                  "'gausslearn.dtypes.to_float'")
            if name in declared:
                raise SourceError(f"{where}: {name} is declared forbidden twice; list each function once")
            declared[name] = reason.strip()
    return declared


def check_forbidden_exist(declared: dict[str, str], where: str = "source") -> None:
    """Raise :class:`SourceError` unless every declared name is a function that can be imported here."""
    for name in declared:
        module_name, _, attr = name.rpartition(".")
        try:
            value = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError) as exc:
            raise SourceError(f"{where}: the forbidden helper {name} does not exist here ({type(exc).__name__}: "
                              f"{exc}); fix the name or remove it") from None
        if not callable(value):
            raise SourceError(f"{where}: the forbidden helper {name} is not a function")


def forbidden_markdown(declared: dict[str, str]) -> str:
    """The markdown that tells the learner which functions are not allowed, and why.

    Examples
    --------
    >>> print(forbidden_markdown({"math.hypot": "it is the answer", "math.dist": "it is the answer"}))
    ... # doctest: +ELLIPSIS
    **Not allowed in your answer.** ...
    <BLANKLINE>
    | function | why not |
    | --- | --- |
    | `math.hypot`, `math.dist` | it is the answer |
    ...
    """
    groups: dict[str, list[str]] = {}
    for name, reason in declared.items():
        groups.setdefault(reason, []).append(name)
    rows = "\n".join(f"| {', '.join(f'`{n}`' for n in names)} | {reason} |" for reason, names in groups.items())
    return ("**Not allowed in your answer.** These functions would do the work for you. The grader records every "
            "call of them from your functions, however it is made (an alias, `getattr`, `importlib`, a private "
            "helper of the same module), and a test whose call reaches one earns no points; the public checks "
            "warn you at once.\n\n"
            f"| function | why not |\n| --- | --- |\n{rows}\n\n"
            "Everything else is allowed, including the course's other helpers (for example `gausslearn.images`, "
            "`gausslearn.noise` and `gausslearn.plotting`) to try your functions out.")


def build_pair(source_path: str | Path) -> tuple[Any, Any]:
    """Read one source and return (exercise notebook, unexecuted solution notebook), both normalised."""
    source_path = Path(source_path)
    nb = notebooks.read_source(source_path)
    ex = (nb.metadata.get("gausslearn") or {}).get("exercise")
    if ex != source_path.stem or not is_exercise_id(source_path.stem):
        raise SourceError(f"{source_path}: metadata gausslearn.exercise is {ex!r}; it must equal the file name "
                          f"{source_path.stem!r} (pattern exNN_name)")
    declared = forbidden_declaration(nb, str(source_path))
    check_forbidden_exist(declared, str(source_path))
    listed = [c for c in nb.cells if FORBIDDEN_TAG in c.metadata.get("tags", [])]
    if declared and (len(listed) != 1 or listed[0].cell_type != "markdown"):
        raise SourceError(f"{source_path}: it declares forbidden helpers, so it needs exactly one markdown cell tagged "
                          f"'{FORBIDDEN_TAG}' where the notebook lists them (`# %% [markdown] tags=[\"{FORBIDDEN_TAG}\"]`)")
    if listed and not declared:
        raise SourceError(f"{source_path}: a cell is tagged '{FORBIDDEN_TAG}' but the header declares no forbidden "
                          "helpers (gausslearn.forbidden)")
    for cell in listed:
        cell.source = forbidden_markdown(declared)
    nb.metadata["gausslearn"] = {"exercise": ex}
    exercise, solution = copy.deepcopy(nb), copy.deepcopy(nb)
    answers = 0
    for i, cell in enumerate(nb.cells):
        where = f"{source_path.name}, cell {i + 1}"
        is_answer = "answer" in cell.metadata.get("tags", [])
        if not is_answer and (BEGIN in cell.source or END in cell.source):
            raise SourceError(f"{where}: solution markers outside a cell tagged 'answer'")
        if is_answer and cell.cell_type != "code":
            raise SourceError(f"{where}: a cell tagged 'answer' must be a code cell")
        if is_answer:
            answers += 1
            exercise.cells[i].source = split_solution(cell.source, solution=False, where=where).rstrip("\n")
            solution.cells[i].source = split_solution(cell.source, solution=True, where=where).rstrip("\n")
    if answers == 0:
        raise SourceError(f"{source_path}: no cell is tagged 'answer'")
    return notebooks.strip_outputs(notebooks.normalise(exercise)), notebooks.normalise(solution)


def execute(solution: Any, workdir: Path) -> Any:
    """Execute a solution notebook (a copy) through the notebook pipeline; a cell that raised is an error."""
    nb = copy.deepcopy(solution)
    notebooks.execute(nb, workdir)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                raise SourceError(f"{nb.metadata['gausslearn']['exercise']}: the solution raised "
                                  f"{out.get('ename')}: {out.get('evalue')}")
    return notebooks.normalise(nb)


def sources(src_dir: Path, only: list[str] | None = None) -> list[Path]:
    found = sorted(p for p in src_dir.glob("ex*.py") if is_exercise_id(p.stem))
    if only:
        unknown = sorted(set(only) - {p.stem for p in found})
        if unknown:
            raise SourceError(f"no source for {', '.join(unknown)} in {src_dir}")
        found = [p for p in found if p.stem in only]
    return found


def registry_text(src_dir: Path) -> str:
    """The forbidden-helper registry of every source in ``src_dir``, as the JSON text the builder writes."""
    registry = {}
    for src in sources(src_dir):
        registry[src.stem] = forbidden_declaration(notebooks.read_source(src), str(src))
    return json.dumps(registry, indent=1, ensure_ascii=False) + "\n"


def build(root: Path | None = None, *, check: bool = False, strict: bool = False,
          only: list[str] | None = None, log: Any = print) -> list[str]:
    """Build (or with ``check`` only compare) every exercise; return the stale or missing paths.

    The forbidden-helper registry always covers every source (``only`` limits the notebooks built).
    """
    course = Course(Path(root)) if root else Course.here()
    stale = []
    registry = course.package / FORBIDDEN_REGISTRY.relative_to(FORBIDDEN_REGISTRY.parents[1])
    text = registry_text(course.exercise_sources)
    if not (registry.exists() and registry.read_text(encoding="utf-8") == text):
        stale.append(str(registry.relative_to(course.root)))
        if not check:
            notebooks.write_atomic(registry, text)
            log(f"{registry.relative_to(course.root)}: updated")
    for src in sources(course.exercise_sources, only):
        exercise, solution = build_pair(src)
        ex_path = course.exercises / f"{src.stem}.ipynb"
        sol_path = course.solutions / f"{src.stem}.ipynb"
        ex_text = notebooks.dumps(exercise)
        sol_now = sol_path.read_text(encoding="utf-8") if sol_path.exists() else None
        if check and not strict:
            import nbformat

            sol_ok = sol_now is not None and notebooks.dumps(
                notebooks.strip_outputs(nbformat.reads(sol_now, as_version=4))) == notebooks.dumps(solution)
        else:
            sol_text = notebooks.dumps(execute(solution, course.solutions))
            sol_ok = sol_now == sol_text
        ex_ok = ex_path.exists() and ex_path.read_text(encoding="utf-8") == ex_text
        for ok, path in ((ex_ok, ex_path), (sol_ok, sol_path)):
            if not ok:
                stale.append(str(path.relative_to(course.root)))
        if not check:
            if not ex_ok:
                notebooks.write_atomic(ex_path, ex_text)
            if not sol_ok:
                notebooks.write_atomic(sol_path, sol_text)
            log(f"{src.stem}: {'updated' if not (ex_ok and sol_ok) else 'unchanged'}")
    return stale


def main(argv: list[str] | None = None) -> int:
    """``gausslearn build-exercises [--check] [--strict] [IDS...]``."""
    p = argparse.ArgumentParser(prog="gausslearn build-exercises",
                                description="Write exercises/ and solutions/ from exercises_src/.")
    p.add_argument("ids", nargs="*", help="exercise ids to build (default: all)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 listing stale or missing files")
    p.add_argument("--strict", action="store_true", help="with --check: execute solutions and compare outputs too")
    p.add_argument("--root", help="project folder (default: the one holding this package)")
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        stale = build(Path(args.root) if args.root else None, check=args.check, strict=args.strict,
                      only=args.ids or None)
    except SourceError as exc:
        print(f"gausslearn build-exercises: {exc}", file=sys.stderr)
        return 1
    if args.check:
        if stale:
            print("stale (run `gausslearn build-exercises`):\n  " + "\n  ".join(stale))
            return 1
        print("exercises and solutions are up to date")
    return 0
