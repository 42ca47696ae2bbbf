"""nbval catches a real bug: without the normalisation in ``gaussian_kernel1d``, notebook 03 fails.

The package is copied to a temporary folder; in one copy the division by the kernel's sum is removed from
the source text. nbval then runs ``executed/03_gaussian_kernel.ipynb`` with ``PYTHONPATH`` naming the copy
first. nbval's ``--nbval-current-env`` kernel is ``sys.executable -m ipykernel_launcher`` started with our
environment, so it imports the copy; a probe notebook run in the same nbval command proves it does.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "executed" / "03_gaussian_kernel.ipynb"


def copy_package(destination: Path) -> Path:
    """Copy gausslearn's Python files to ``destination/gausslearn``; return the module path of kernels.py."""
    shutil.copytree(ROOT / "gausslearn", destination / "gausslearn",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "sitecustomize.py", "usercustomize.py"))
    return destination / "gausslearn" / "kernels.py"


def drop_normalisation(source: str) -> str:
    """Remove the division by the kernel's sum inside ``gaussian_kernel1d`` (``w / w.sum()`` becomes ``w``).

    Raises AssertionError unless exactly one such division exists, so a refactored kernels.py is noticed
    instead of silently testing nothing.
    """
    tree = ast.parse(source)
    (function,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "gaussian_kernel1d"]

    def is_sum(node: ast.AST) -> bool:
        return isinstance(node, ast.Call) and (
            (isinstance(node.func, ast.Attribute) and node.func.attr in {"sum", "fsum"})
            or (isinstance(node.func, ast.Name) and node.func.id in {"sum", "fsum"}))

    sites = [n for n in ast.walk(function)
             if (isinstance(n, ast.BinOp) or isinstance(n, ast.AugAssign)) and isinstance(n.op, ast.Div)
             and is_sum(n.right if isinstance(n, ast.BinOp) else n.value)]
    assert len(sites) == 1, (f"expected one division by a sum in gaussian_kernel1d, found {len(sites)}: update "
                             f"drop_normalisation in tests/test_mutation.py to the new normalisation")
    (site,) = sites
    lines = source.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: site.lineno - 1]) + site.col_offset
    end = sum(len(line) for line in lines[: site.end_lineno - 1]) + site.end_col_offset
    replacement = ast.get_source_segment(source, site.left) if isinstance(site, ast.BinOp) else "pass"
    return source[:start] + replacement + source[end:]


def test_drop_normalisation_edits_only_the_division() -> None:
    before = "import numpy as np\n\ndef gaussian_kernel1d(sigma):\n    w = np.ones(3)\n    w = w / w.sum()\n" \
             "    return w\n\ndef other(w):\n    return w / w.sum()\n"
    after = drop_normalisation(before)
    assert after == before.replace("    w = w / w.sum()\n", "    w = w\n")
    assert "pass" in drop_normalisation(before.replace("w = w / w.sum()", "w /= np.sum(w)"))
    with pytest.raises(AssertionError, match="found 0"):
        drop_normalisation("def gaussian_kernel1d(s):\n    return s\n")


def write_probe(folder: Path, expected_kernels: Path) -> Path:
    """A stored notebook whose only output is the path of the gausslearn.kernels the kernel imports."""
    probe = folder / "probe.ipynb"
    cell = {"cell_type": "code", "execution_count": 1, "id": "probe", "metadata": {},
            "source": "import gausslearn.kernels\nprint(gausslearn.kernels.__file__)",
            "outputs": [{"name": "stdout", "output_type": "stream", "text": [f"{expected_kernels}\n"]}]}
    nb = {"cells": [cell], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                       "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    probe.write_text(json.dumps(nb), encoding="utf-8")
    return probe


@pytest.mark.slow
@pytest.mark.parametrize("mutated", [True, False], ids=["mutated-fails", "unmutated-passes"])
def test_nbval_on_notebook_03_depends_on_kernel_normalisation(tmp_path: Path, nbval, mutated: bool) -> None:
    assert NOTEBOOK.exists(), "executed/03_gaussian_kernel.ipynb is missing: run `gausslearn build-notebooks 03`"
    kernels = copy_package(tmp_path / "src")
    if mutated:
        kernels.write_text(drop_normalisation(kernels.read_text(encoding="utf-8")), encoding="utf-8")
    probe = write_probe(tmp_path, kernels)
    result = nbval(probe, NOTEBOOK, env={"PYTHONPATH": str(tmp_path / "src")})
    report = result.stdout + result.stderr
    failed = re.findall(r"^FAILED (\S+)::", report, flags=re.MULTILINE)
    assert not any(path.endswith("probe.ipynb") for path in failed), (
        f"the nbval kernel did not import the copy at {kernels}:\n{report}")
    if mutated:
        assert result.returncode == 1, f"nbval passed notebook 03 with an unnormalised kernel:\n{report}"
        assert failed and set(failed) == {"executed/03_gaussian_kernel.ipynb"}, report
    else:
        assert result.returncode == 0, f"nbval failed notebook 03 on the unmodified package:\n{report}"
