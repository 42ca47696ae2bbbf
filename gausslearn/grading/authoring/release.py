"""``gausslearn release OUTDIR``: the bundle handed to learners.

It holds ``notebooks/`` (the learner copies: no outputs, so no prompt is answered before the learner chooses),
``exercises/``, a README for learners, ``pyproject.toml`` / ``environment.yml`` (so
``pip install -e .`` works) and the ``gausslearn`` package **without** its hidden tests
(``gausslearn/grading/authoring/hidden``, :data:`gausslearn.grading.HIDDEN_TESTS`). It never
holds ``solutions/``, ``exercises_src/`` or the tests. After writing, the bundle is searched for every
solution line of ``exercises_src`` (the code between the solution markers) and every hidden test name;
if one is found the release fails (exit 1) and names the file, so a leak cannot go out unnoticed.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import sys
from pathlib import Path

from gausslearn.grading import hidden_tests_folder
from gausslearn.grading.authoring.exercises import solution_regions
from gausslearn.paths import project_root

#: The hidden tests' folder, relative to the project folder.
_HIDDEN = hidden_tests_folder(Path(".")).relative_to(".")
#: Solution lines shorter than this are too generic to count as a leak (``return out``, ``else:``).
MIN_LEAK_LENGTH = 16

README = """# Gaussian image filtering: course material

This folder holds the course notebooks (`notebooks/`), the exercises (`exercises/`) and the `gausslearn`
helper package they use.

## Set up (once)

    python3 -m venv .venv
    .venv/bin/python -m pip install -e .

(or `conda env create -f environment.yml`). Then start JupyterLab:

    .venv/bin/jupyter lab notebooks/00_start_here.ipynb

## Exercises

Each exercise notebook explains its tasks. Write your code in the cells tagged `answer` (only those are
graded), and run the public check under each one: it prints a ✓ or a ✗ with a hint for every check.
The grader runs more tests than the public checks, so also try your own inputs. Hand in the notebook file
(`exercises/exNN_name.ipynb`) as it is: keep the function names and do not delete the answer cells.
"""


def _ignore(directory: str, names: list[str]) -> set[str]:
    """What ``shutil.copytree`` leaves out of the bundle: caches, and the hidden tests' folder."""
    skip = {n for n in names if n in {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"} or n.endswith(".pyc")}
    hidden = _HIDDEN.parts
    if Path(directory).parts[-(len(hidden) - 1):] == hidden[:-1]:
        skip.add(hidden[-1])
    return skip


def hidden_test_names(root: Path) -> list[str]:
    """Names of the test functions in the hidden test modules (read with ``ast``, not imported).

    Examples
    --------
    >>> all(name.startswith("test_") for name in hidden_test_names(project_root()))
    True
    """
    names = []
    for path in sorted(hidden_tests_folder(root).glob("ex*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names += [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    return names


def find_leaks(bundle: Path, root: Path) -> list[str]:
    """Every leak of a solution or of a hidden test in ``bundle``, as ``"file: what"`` lines.

    - A hidden test's name (as a whole word) anywhere is a leak.
    - A solution region leaks into a file when the file holds at least half of the region's distinctive
      lines (stripped code lines of :data:`MIN_LEAK_LENGTH` characters or more), and at least two of them
      when the region has two or more. A single textbook line shared with the package (SciPy's radius rule,
      say) is therefore not a leak; a copied solution is.
    - The hidden tests' folder, ``solutions/`` or ``exercises_src/`` in the bundle are leaks.
    """
    regions = []
    for src in sorted((root / "exercises_src").glob("ex*.py")):
        for k, region in enumerate(solution_regions(src), start=1):
            lines = sorted({line for line in region if len(line) >= MIN_LEAK_LENGTH})
            if lines:
                regions.append((f"{src.stem} solution {k}", lines))
    names = hidden_test_names(root)
    name_re = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b") if names else None
    leaks = []
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        rel = path.relative_to(bundle).as_posix()
        if name_re is not None:
            for found in sorted(set(name_re.findall(text))):
                leaks.append(f"{rel}: hidden test name {found}")
        for label, lines in regions:
            hits = [line for line in lines if line in text]
            if hits and len(hits) >= max(min(2, len(lines)), (len(lines) + 1) // 2):
                leaks.append(f"{rel}: {label} ({len(hits)} of {len(lines)} lines, e.g. {hits[0]!r})")
    if hidden_tests_folder(bundle).exists():
        leaks.append(f"{_HIDDEN.as_posix()}: the hidden tests folder is in the bundle")
    for folder in ("solutions", "exercises_src"):
        if (bundle / folder).exists():
            leaks.append(f"{folder}: must not be in the bundle")
    return leaks


def write_release(outdir: Path, root: Path | None = None, *, force: bool = False) -> list[str]:
    """Write the bundle to ``outdir``; return the leaks found (an empty list when the bundle is clean)."""
    root = Path(root) if root else project_root()
    outdir = Path(outdir)
    if outdir.exists() and any(outdir.iterdir()):
        if not force:
            raise FileExistsError(f"{outdir} exists and is not empty; choose a new folder or pass --force")
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(root / "gausslearn", outdir / "gausslearn", ignore=_ignore)
    for folder, pattern in (("notebooks", "*.ipynb"), ("exercises", "*.ipynb")):
        src = root / folder
        if not src.is_dir():
            continue
        (outdir / folder).mkdir(exist_ok=True)
        for path in sorted(src.glob(pattern)):
            if path.is_file():
                shutil.copy2(path, outdir / folder / path.name)
            elif path.is_dir() and path.name not in {"__pycache__", ".ipynb_checkpoints"}:
                shutil.copytree(path, outdir / folder / path.name, ignore=_ignore)
    for name in ("pyproject.toml", "environment.yml", "LICENSE"):
        if (root / name).is_file():
            shutil.copy2(root / name, outdir / name)
    (outdir / "README.md").write_text(README, encoding="utf-8")
    return find_leaks(outdir, root)


def main(argv: list[str] | None = None) -> int:
    """``gausslearn release OUTDIR [--force]``; exit 1 when a leak is found, 2 for usage errors."""
    p = argparse.ArgumentParser(prog="gausslearn release",
                                description="Write the learners' bundle (no solutions, no hidden tests).")
    p.add_argument("outdir", help="folder to write (must be new or empty unless --force)")
    p.add_argument("--force", action="store_true", help="replace a non-empty OUTDIR")
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        leaks = write_release(Path(args.outdir), force=args.force)
    except FileExistsError as exc:
        print(f"gausslearn release: {exc}", file=sys.stderr)
        return 2
    if leaks:
        print("gausslearn release: the bundle leaks solutions or hidden tests:\n  " + "\n  ".join(leaks),
              file=sys.stderr)
        return 1
    print(f"wrote {args.outdir} (checked: no solution lines, no hidden tests)")
    return 0
