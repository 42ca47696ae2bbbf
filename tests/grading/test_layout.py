"""The grader's folders show its trust boundary, and imports cross it in one direction only.

Every module of ``gausslearn/grading`` and ``gausslearn/checks`` is parsed with ``ast`` (imports inside
functions included, relative imports resolved, ``importlib.import_module("...")`` with a literal name
counted as an import) and each import is checked against the side it comes from:

- shared (``gausslearn.grading``, ``api``, ``channel``, ``results``): only shared modules;
- ``student/`` (runs inside the learner's process): shared modules and itself;
- ``host/`` (judges; never runs learner code in its own process): shared modules and itself, never the
  student side (it names the worker's module only as text, for the command line that starts it);
- ``authoring/`` (exercises, release, hidden tests): shared modules and itself;
- ``gausslearn.checks`` (public checks, inside the learner's notebook): shared modules and the student side.

Modules outside the grader (``gausslearn.paths``, ``gausslearn.notebooks``, the course modules) are free.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from gausslearn.paths import project_root

SHARED = {"gausslearn.grading", "gausslearn.grading.api", "gausslearn.grading.channel", "gausslearn.grading.results"}
SIDES = ("student", "host", "authoring")
ALLOWED = {
    "shared": {"shared"},
    "student": {"shared", "student"},
    "host": {"shared", "host"},
    "authoring": {"shared", "authoring"},
    "checks": {"shared", "student", "checks"},
}


def area(module: str) -> str | None:
    """The side of the boundary a dotted module name is on (None: outside the grader, not constrained)."""
    if module in SHARED:
        return "shared"
    for side in SIDES:
        prefix = f"gausslearn.grading.{side}"
        if module == prefix or module.startswith(prefix + "."):
            return side
    if module == "gausslearn.checks" or module.startswith("gausslearn.checks."):
        return "checks"
    if module.startswith("gausslearn.grading."):
        return "unplaced"  # a grader module that chose no side
    return None


def package_modules(package: Path) -> dict[str, Path]:
    """Dotted name -> file of every module of the grader and the public checks under ``package``."""
    out = {}
    for sub in ("grading", "checks"):
        for path in sorted((package / sub).rglob("*.py")):
            parts = path.relative_to(package.parent).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imported(path: Path, name: str, known: set[str]) -> list[tuple[int, str]]:
    """``(line, dotted module)`` of every import in a module, wherever it stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.append((node.lineno, child if child in known else base))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if called in {"import_module", "__import__"}:
                found.append((node.lineno, node.args[0].value))
    return found


def violations(package: Path) -> list[str]:
    """Every import that crosses the boundary the wrong way, and every grader module on no side."""
    modules = package_modules(package)
    out = []
    for name, path in modules.items():
        rel = path.relative_to(package.parent).as_posix()
        side = area(name)
        if side == "unplaced":
            out.append(f"{rel}: {name} is on no side (move it into student/, host/ or authoring/, or make it shared)")
            continue
        for line, target in imported(path, name, set(modules)):
            other = area(target)
            if other is not None and other not in ALLOWED[side]:
                out.append(f"{rel}:{line}: {side} module {name} imports {target} ({other})")
    return out


# --------------------------------------------------------------------------------------------------------


def test_the_grader_imports_across_its_boundary_in_one_direction_only() -> None:
    assert violations(project_root() / "gausslearn") == []


def test_every_side_has_its_modules() -> None:
    names = set(package_modules(project_root() / "gausslearn"))
    expected = {
        "gausslearn.grading.api", "gausslearn.grading.channel", "gausslearn.grading.results",
        "gausslearn.grading.student.worker", "gausslearn.grading.student.tripwires", "gausslearn.grading.student.local",
        "gausslearn.grading.host.submission", "gausslearn.grading.host.limits", "gausslearn.grading.host.sandbox",
        "gausslearn.grading.host.runner", "gausslearn.grading.host.remote", "gausslearn.grading.host.judge",
        "gausslearn.grading.host.gradebook", "gausslearn.grading.host.cli",
        "gausslearn.grading.authoring.exercises", "gausslearn.grading.authoring.release",
        "gausslearn.grading.authoring.hidden", "gausslearn.checks",
    }
    assert expected <= names, sorted(expected - names)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small package laid out like the grader, with one violation of every kind and a few allowed imports."""
    files = {
        "grading/__init__.py": "",
        "grading/api.py": "from gausslearn.grading.student.tripwires import Tripwires\n",   # shared -> student
        "grading/channel.py": "import numpy\nfrom gausslearn.paths import project_root\n",
        "grading/results.py": "from gausslearn.grading import api\nfrom . import channel\n",
        "grading/stray.py": "",                                                                # on no side
        "grading/student/__init__.py": "",
        "grading/student/tripwires.py": "from ..results import run_tests\n",
        "grading/student/worker.py": "import gausslearn.grading.host.judge\n",                 # student -> host
        "grading/host/__init__.py": "",
        "grading/host/runner.py": ('BOOT = "from gausslearn.grading.student.worker import main"\n'  # text: fine
                                   "from gausslearn.grading.host import judge\n"),
        "grading/host/judge.py": ("def grade():\n"
                                  "    from ..student import worker\n"                              # host -> student
                                  "    return worker\n"),
        "grading/authoring/__init__.py": "",
        "grading/authoring/release.py": ("import importlib\n"
                                         "judge = importlib.import_module('gausslearn.grading.host.judge')\n"),
        "checks/__init__.py": "from gausslearn.grading.student import tripwires\n"
                              "from gausslearn.grading.host import runner\n",                     # checks -> host
    }
    package = tmp_path / "gausslearn"
    for rel, text in files.items():
        (package / rel).parent.mkdir(parents=True, exist_ok=True)
        (package / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    return package


def test_a_violation_of_every_kind_is_found(tree: Path) -> None:
    found = violations(tree)
    assert sorted(found) == sorted([
        "gausslearn/grading/api.py:1: shared module gausslearn.grading.api imports "
        "gausslearn.grading.student.tripwires (student)",
        "gausslearn/grading/stray.py: gausslearn.grading.stray is on no side (move it into student/, host/ or "
        "authoring/, or make it shared)",
        "gausslearn/grading/student/worker.py:1: student module gausslearn.grading.student.worker imports "
        "gausslearn.grading.host.judge (host)",
        "gausslearn/grading/host/judge.py:2: host module gausslearn.grading.host.judge imports "
        "gausslearn.grading.student.worker (student)",
        "gausslearn/grading/authoring/release.py:2: authoring module gausslearn.grading.authoring.release imports "
        "gausslearn.grading.host.judge (host)",
        "gausslearn/checks/__init__.py:2: checks module gausslearn.checks imports gausslearn.grading.host.runner "
        "(host)",
    ]), "\n".join(found)


def test_the_clean_part_of_the_synthetic_tree_passes(tree: Path) -> None:
    for rel in ("grading/api.py", "grading/student/worker.py", "grading/host/judge.py",
                "grading/authoring/release.py", "checks/__init__.py"):
        (tree / rel).write_text("", encoding="utf-8")
    (tree / "grading" / "stray.py").unlink()
    assert violations(tree) == []
