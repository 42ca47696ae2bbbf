"""Tests of gausslearn.views beyond the explorers' own tests: the modules import each other one way only."""

from __future__ import annotations

import ast
from pathlib import Path

import gausslearn

PACKAGE = Path(gausslearn.__file__).parent


def _imported_modules(name: str) -> set[str]:
    """The gausslearn modules a module imports, at run time or for type checking alike."""
    tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = node.module if node.level == 0 else f"gausslearn.{node.module}"
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m.split(".")[1] for m in found if m.startswith("gausslearn.") and m.count(".") >= 1}


def test_plotting_and_widgets_meet_only_in_views():
    assert "widgets" not in _imported_modules("plotting")
    assert not {"plotting", "widgets"} & _imported_modules("views")
    assert {"views", "plotting"} <= _imported_modules("widgets")


def test_widgets_still_offer_the_views_notebooks_import():
    from gausslearn import views, widgets
    assert widgets.sigma_view is views.sigma_view and widgets.border_view is views.border_view
    assert widgets.SigmaView is views.SigmaView and widgets.BorderView is views.BorderView
