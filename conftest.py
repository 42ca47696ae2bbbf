"""Root pytest configuration, for every run whatever paths it is given (tests/, executed/, solutions/)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Jupytext sources of notebooks and exercises are notebooks, not modules: importing them would run them.
collect_ignore_glob = ["notebooks_src/*.py", "exercises_src/*.py", "benchmarks/*", "artifacts/*", "build/*"]
CHECK_FIGURES = "GAUSSLEARN_CHECK_FIGURES"


def pytest_configure(config: pytest.Config) -> None:
    # Kernels started by nbval inherit this process's environment: hash them like `gausslearn build-notebooks`
    # does, so that a printed set has the same order in the stored notebook and in the test run.
    os.environ["PYTHONHASHSEED"] = "0"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> object:
    # nbval starts a notebook's kernel while setting up its first cell, with this process's environment. For
    # those kernels only, every figure a course notebook or solution displays is checked against
    # gausslearn.figure_check (readable text, no overlaps, colour bars on signed data, named colours that
    # match, alt text): a broken rule raises in the cell and fails nbval. `gausslearn build-notebooks` does the
    # same (gausslearn.notebooks.KERNEL_ENV). Unit tests run without it: some draw bad figures on purpose.
    is_notebook = type(item.parent).__name__ == "IPyNbFile"
    before = os.environ.get(CHECK_FIGURES)
    if is_notebook:
        os.environ[CHECK_FIGURES] = "1"
    try:
        return (yield)
    finally:
        if is_notebook:
            if before is None:
                os.environ.pop(CHECK_FIGURES, None)
            else:
                os.environ[CHECK_FIGURES] = before


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # With --doctest-modules, pytest 9 imports every conftest.py as a module named "conftest" to look for
    # doctests, and the second one fails with "import file mismatch". They hold no doctests; pytest still
    # loads them as conftests (that does not go through collection).
    if collection_path.name == "conftest.py":
        return True
    return None
