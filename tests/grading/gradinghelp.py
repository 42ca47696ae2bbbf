"""Helpers for the grading tests: submissions are built by editing the answer cells of solution notebooks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gausslearn.grading.host.judge import grade_notebook
from gausslearn.paths import project_root

ROOT = project_root()


def grade(path: Path, **options: Any) -> dict[str, Any]:
    """Grade one notebook as ``gausslearn grade --json`` does, and return the report as that JSON object."""
    return grade_notebook(path, **options).to_dict()


def load_nb(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def answer_index(nb: dict[str, Any], function: str) -> int:
    for i, cell in enumerate(nb["cells"]):
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if "answer" in cell.get("metadata", {}).get("tags", []) and f"def {function}(" in src:
            return i
    raise LookupError(f"no answer cell defines {function}")


def submission(tmp_path: Path, exercise: str, replace: dict[str, str] | None = None, *, name: str | None = None,
               base: str = "solutions", edit: Any = None) -> Path:
    """Write a copy of ``base/<exercise>.ipynb`` whose answer cells for the given functions are replaced."""
    nb = load_nb(ROOT / base / f"{exercise}.ipynb")
    for function, source in (replace or {}).items():
        nb["cells"][answer_index(nb, function)]["source"] = source
    if edit is not None:
        edit(nb)
    path = tmp_path / (name or f"{exercise}.ipynb")
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def by_name(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in report["tests"]}


