"""``gausslearn build-notebooks``: rebuild the course notebooks from their jupytext sources, byte for byte.

``gausslearn build-notebooks [NAMES...] [--check] [--root DIR] [--timeout SECONDS]``

Each source ``notebooks_src/NN_name.py`` (jupytext percent format) is executed in a fresh kernel of this
Python environment, with ``notebooks/`` as working directory, and written twice through the one notebook
pipeline (:mod:`gausslearn.notebooks`):

- ``executed/NN_name.ipynb``: with every output (nbval compares them strictly; the course website shows them);
- ``notebooks/NN_name.ipynb``: the learner copy, the same cells without outputs, so nothing a
  predict-first prompt asks is answered on screen before the learner runs the cell that reveals it.

``--check`` executes into memory and lists the notebooks whose stored files differ from a fresh build,
ignoring the outputs of cells that nbval ignores too. It takes as long as a build and is meant for manual use;
the test suite checks the cheap part (:func:`sync_problems`) and nbval re-executes every executed copy.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gausslearn import notebooks
from gausslearn.paths import Course

#: Source notebooks are the files matching this pattern in the sources folder.
SOURCE_PATTERN = "[0-9][0-9]_*.py"
#: Wall-clock seconds a whole notebook should stay under (reported, never enforced).
TIME_BUDGET = 30.0


@dataclass(frozen=True)
class BuildResult:
    """One executed notebook: its source, the two texts to store, and how long execution took."""

    source: Path
    executed: str
    learner: str
    seconds: float


def find_sources(directory: str | os.PathLike[str], names: Sequence[str] = ()) -> list[Path]:
    """Return the jupytext sources in ``directory`` selected by ``names`` (all of them when empty), sorted.

    Parameters
    ----------
    directory : path-like
        Folder holding ``NN_name.py`` sources.
    names : sequence of str
        Each one a number prefix (``"03"``), a stem (``"03_gaussian_kernel"``) or a file name with
        ``.py`` or ``.ipynb``.

    Raises
    ------
    FileNotFoundError
        If the folder does not exist or a name matches no source.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for stem in ("00_start", "01_grid"):
    ...     _ = (d / f"{stem}.py").write_text("# %%\\n1\\n")
    >>> [p.name for p in find_sources(d)]
    ['00_start.py', '01_grid.py']
    >>> [p.name for p in find_sources(d, ["01"])]
    ['01_grid.py']
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise FileNotFoundError(f"notebook source folder {str(folder)!r} does not exist; pass --root with the "
                                "project folder that holds notebooks_src/NN_name.py")
    sources = sorted(folder.glob(SOURCE_PATTERN))
    if not names:
        return sources
    chosen: list[Path] = []
    for name in names:
        stem = Path(name).name
        for suffix in (".py", ".ipynb"):
            stem = stem.removesuffix(suffix)
        hits = [p for p in sources if p.stem == stem or p.stem.split("_", 1)[0] == stem]
        if not hits:
            available = ", ".join(p.stem for p in sources) or "none"
            raise FileNotFoundError(f"no notebook source matches {name!r} in {str(folder)!r}; "
                                    f"pass a number such as '03' or one of: {available}")
        chosen += [p for p in hits if p not in chosen]
    return sorted(chosen)


def build_notebook(source: str | os.PathLike[str], course: Course, *,
                   timeout: int = notebooks.DEFAULT_TIMEOUT) -> BuildResult:
    """Read, execute and normalise one source; return the executed and the learner text to store."""
    source = Path(source)
    nb = notebooks.read_source(source)
    seconds = notebooks.execute(nb, course.learner, timeout=timeout)
    nb = notebooks.normalise(nb)
    return BuildResult(source, notebooks.dumps(nb), notebooks.dumps(notebooks.strip_outputs(nb)), seconds)


def targets(source: Path, course: Course) -> tuple[Path, Path]:
    """The executed and the learner notebook built from ``source``."""
    name = f"{source.stem}.ipynb"
    return course.executed / name, course.learner / name


def sync_problems(source: str | os.PathLike[str], course: Course | None = None) -> list[str]:
    """Say how the stored notebooks of ``source`` disagree with it (empty list: in sync).

    The executed copy must have the source's cells (types, sources, tags); the learner copy must be exactly
    the executed copy without outputs. Outputs themselves are nbval's business.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> course = Course(pathlib.Path(tempfile.mkdtemp()))
    >>> course.sources.mkdir()
    >>> src = course.sources / "00_demo.py"
    >>> _ = src.write_text("# %%\\nx = 1\\n")
    >>> for problem in sync_problems(src, course):
    ...     print(problem)
    executed/00_demo.ipynb is missing: run `gausslearn build-notebooks 00`
    notebooks/00_demo.ipynb is missing: run `gausslearn build-notebooks 00`
    """
    import nbformat

    source = Path(source)
    course = course or Course(source.resolve().parents[1])
    executed, learner = targets(source, course)
    rebuild = f"run `gausslearn build-notebooks {source.stem.split('_', 1)[0]}`"
    problems = []
    for path in (executed, learner):
        if not path.exists():
            problems.append(f"{path.parent.name}/{path.name} is missing: {rebuild}")
    if problems:
        return problems
    want = notebooks.cell_signature(notebooks.read_source(source))
    stored = nbformat.read(executed, as_version=4)
    have = notebooks.cell_signature(stored)
    where = f"executed/{executed.name}"
    problems = [f"{where} cell {i} differs from {source.name} (source {_head(w)}, stored {_head(h)}): {rebuild}"
                for i, (w, h) in enumerate(zip(want, have, strict=False)) if w != h]
    if len(want) != len(have):
        problems.append(f"{where} has {len(have)} cells, {source.name} has {len(want)}: {rebuild}")
    if learner.read_text(encoding="utf-8") != notebooks.dumps(notebooks.strip_outputs(stored)):
        problems.append(f"notebooks/{learner.name} is not {where} without outputs: {rebuild}")
    return problems


def _head(signature: tuple[str, str, tuple[str, ...]]) -> str:
    kind, text, tags = signature
    line = text.split("\n", 1)[0]
    return f"{kind} {line[:40]!r}" + (f" tags {list(tags)}" if tags else "")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gausslearn build-notebooks",
        description="Execute the course notebooks from notebooks_src/ and store them deterministically: "
                    "executed/ with outputs, notebooks/ without (the learner copies).")
    parser.add_argument("names", nargs="*", help="notebooks to build: '03', '03_gaussian_kernel' (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="build in memory and list stored notebooks that differ from a fresh build")
    parser.add_argument("--root", type=Path, default=None,
                        help="project folder holding notebooks_src/ (default: the one holding this package)")
    parser.add_argument("--timeout", type=int, default=notebooks.DEFAULT_TIMEOUT, help="seconds allowed per cell")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gausslearn build-notebooks``; 0 on success, 1 if a build failed or ``--check`` found stale files,
    2 for usage errors.

    Examples
    --------
    >>> main(["--root", "/nonexistent"])
    2
    """
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    course = Course(args.root) if args.root else Course.here()
    try:
        sources = find_sources(course.sources, args.names)
    except FileNotFoundError as err:
        print(f"gausslearn build-notebooks: {err}", file=sys.stderr)
        return 2
    if not sources:
        print(f"gausslearn build-notebooks: no NN_name.py sources in {course.sources}", file=sys.stderr)
        return 2
    stale: list[str] = []
    failed: list[str] = []
    for source in sources:
        try:
            result = build_notebook(source, course, timeout=args.timeout)
        except notebooks.execution_errors() as err:
            failed.append(source.name)
            print(f"FAILED {source.name}:\n{notebooks.strip_ansi(str(err))}", file=sys.stderr)
            continue
        budget = "" if result.seconds <= TIME_BUDGET else f"  (over the {TIME_BUDGET:.0f} s budget)"
        executed, learner = targets(source, course)
        if args.check:
            stored = executed.read_text(encoding="utf-8") if executed.exists() else None
            cells = [-1] if stored is None else notebooks.stale_cells(stored, result.executed)
            learner_ok = learner.exists() and learner.read_text(encoding="utf-8") == result.learner
            if cells or not learner_ok:
                stale.append(source.stem)
                where = ("missing" if stored is None else "cells " + ", ".join(map(str, cells))) if cells \
                    else "the learner copy"
                print(f"STALE  {source.stem}: {where} differ from a fresh build ({result.seconds:.1f} s)")
            else:
                print(f"ok     {source.stem} ({result.seconds:.1f} s){budget}")
        else:
            notebooks.write_atomic(executed, result.executed)
            notebooks.write_atomic(learner, result.learner)
            print(f"built  {source.stem} in {result.seconds:.1f} s{budget}")
    if stale:
        names = " ".join(name.split("_", 1)[0] for name in stale)
        print(f"{len(stale)} stale notebook(s); rebuild with `gausslearn build-notebooks {names}`", file=sys.stderr)
    return 1 if stale or failed else 0


if __name__ == "__main__":
    sys.exit(main())
