"""What a wheel of gausslearn ships: the files the package reads at run time, not only its modules."""

from __future__ import annotations

import importlib.resources
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gausslearn.widgets import PREDICT_JS

ROOT = Path(__file__).resolve().parents[1]


def test_predict_js_is_a_resource_of_the_package() -> None:
    resource = importlib.resources.files("gausslearn").joinpath("static", "predict.js")
    assert resource.is_file() and resource.read_bytes() == PREDICT_JS.read_bytes()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_the_wheel_ships_predict_js(tmp_path: Path) -> None:
    """Built from a copy of the sources (nothing is written into the checkout) with pip and the build backend
    pyproject.toml names; the wheel must hold gausslearn/static/predict.js, byte for byte."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "gausslearn", source / "gausslearn",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints"))
    out = tmp_path / "wheel"
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(out), str(source)],
                          capture_output=True, text=True, timeout=540)
    assert done.returncode == 0, ("pip could not build the wheel (it needs the build backend of pyproject.toml, "
                                  f"setuptools>=77, from the package index or pip's cache):\n{done.stdout[-3000:]}"
                                  f"\n{done.stderr[-3000:]}")
    wheels = sorted(out.glob("gausslearn-*.whl"))
    assert len(wheels) == 1, f"expected one wheel, found {[w.name for w in wheels]}"
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
        assert "gausslearn/static/predict.js" in names, (
            "the wheel lacks gausslearn/static/predict.js: list it in [tool.setuptools.package-data]")
        assert wheel.read("gausslearn/static/predict.js") == PREDICT_JS.read_bytes()
        assert "gausslearn/widgets.py" in names
        for data in ("gausslearn/grading/forbidden_helpers.json", "gausslearn/grading/authoring/hidden/held_out.npz"):
            assert data in names, f"the wheel lacks {data}, which the grader reads: list it in package-data"
            assert wheel.read(data) == (ROOT / data).read_bytes()
