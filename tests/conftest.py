"""Shared fixtures of the test suite: project paths, a notebook-source factory and an nbval runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The repository root (the folder holding pyproject.toml)."""
    return ROOT


@pytest.fixture
def write_source(tmp_path: Path) -> Callable[[str, Sequence[str]], Path]:
    """Return ``write(stem, cells)``: writes ``tmp_path/notebooks_src/<stem>.py`` in jupytext percent format.

    Each cell is a string; one starting with ``"md:"`` becomes a markdown cell (its lines are commented).
    """
    folder = tmp_path / "notebooks_src"
    folder.mkdir(exist_ok=True)

    def write(stem: str, cells: Sequence[str]) -> Path:
        parts = []
        for cell in cells:
            if cell.startswith("md:"):
                lines = cell[3:].strip("\n").split("\n")
                parts.append("# %% [markdown]\n" + "\n".join(f"# {line}".rstrip() for line in lines))
            else:
                parts.append("# %%\n" + cell.strip("\n"))
        path = folder / f"{stem}.py"
        path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def nbval() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Return :func:`run_nbval`: ``nbval(*paths, env=None, cwd=None)`` runs strict nbval in a subprocess."""
    return run_nbval


def nbval_command(*paths: os.PathLike[str] | str, plugins: Sequence[str] = ()) -> list[str]:
    """The strict nbval command of the suite, without the project's addopts, on ``paths``; ``plugins`` are
    loaded with ``-p`` (``"conftest"``: the project's root conftest.py, for notebooks outside the project)."""
    return [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", "-o", "addopts=",
            *[arg for plugin in plugins for arg in ("-p", plugin)],
            "--nbval", "--nbval-current-env", f"--nbval-sanitize-with={SANITIZE}", *map(str, paths)]


def run_nbval(*paths: os.PathLike[str] | str, env: dict[str, str] | None = None,
              cwd: os.PathLike[str] | str | None = None, timeout: float = 600,
              plugins: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    """Run :func:`nbval_command` in a subprocess (environment ``env`` on top of ours) and return the result."""
    full_env = {**os.environ, "PYTHONHASHSEED": "0", **(env or {})}
    return subprocess.run(nbval_command(*paths, plugins=plugins), cwd=cwd or ROOT, env=full_env,
                          capture_output=True, text=True, timeout=timeout, check=False)
