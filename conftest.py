"""Root pytest configuration, for every run whatever paths it is given (tests/, executed/, solutions/)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Jupytext sources of notebooks and exercises are notebooks, not modules: importing them would run them.
collect_ignore_glob = ["notebooks_src/*.py", "exercises_src/*.py", "benchmarks/*", "artifacts/*", "build/*"]


def pytest_configure(config: pytest.Config) -> None:
    # Kernels started by nbval inherit this process's environment: hash them like `gausslearn build-notebooks`
    # does, so that a printed set has the same order in the stored notebook and in the test run.
    os.environ["PYTHONHASHSEED"] = "0"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # With --doctest-modules, pytest 9 imports every conftest.py as a module named "conftest" to look for
    # doctests, and the second one fails with "import file mismatch". They hold no doctests; pytest still
    # loads them as conftests (that does not go through collection).
    if collection_path.name == "conftest.py":
        return True
    return None
