"""Structure of the course notebooks: sources and stored notebooks agree, and each lesson has its parts.

nbval (configured in pyproject.toml) re-executes the executed copies (``executed/``) and compares outputs;
this module checks what nbval cannot: that both stored notebooks are the build of their source (the learner
copy in ``notebooks/`` is the executed copy without outputs), that every cell was executed, and that each
lesson has questions, objectives, a time estimate, predict-first prompts, key points and a link to its
exercise. Execution time is measured by ``gausslearn build-notebooks``, not asserted here.
"""

from __future__ import annotations

import ast
import base64
import functools
import html.parser
import importlib
import inspect
import json
import re
from pathlib import Path
from typing import Any

import pytest

from gausslearn import build, notebooks
from gausslearn.paths import Course

COURSE_FILES = Course.here()
ROOT = COURSE_FILES.root

#: Each course notebook and the exercise it links to at its end (the table in README.md).
COURSE = {
    "00_start_here": "ex01_pixels",
    "01_pixel_grids": "ex01_pixels",
    "02_noise": "ex02_noise",
    "03_gaussian_kernel": "ex03_kernel",
    "04_filtering": "ex04_filtering",
    "05_sigma": "ex05_sigma",
    "06_borders": "ex06_borders",
    "07_separability": "ex07_separable",
    "08_colour": "ex08_color",
    "09_beyond": "ex09_beyond",
    "10_scale": "ex10_scale",
    "11_chunked": "ex11_chunked",
}
#: Modules whose public functions notebooks must import instead of redefining.
HELPER_MODULES = ("kernels", "borders", "filters", "dtypes", "noise", "metrics", "images", "plotting", "widgets",
                  "views", "chunks", "scale", "timing")
EXERCISE_LINK = re.compile(r"\]\(\.\./exercises/(ex\d\d_[a-z0-9_]+)\.ipynb\)")
TIME_ESTIMATE = re.compile(r"\b\d+\s*(?:(?:-|–|to)\s*\d+\s*)?(?:min|minutes|h|hours?)\b", re.IGNORECASE)

names = pytest.mark.parametrize("name", list(COURSE))


@functools.cache
def load(name: str) -> dict[str, Any]:
    path = COURSE_FILES.executed / f"{name}.ipynb"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: write notebooks_src/{name}.py and run " \
                          f"`gausslearn build-notebooks {name[:2]}`"
    return json.loads(path.read_text(encoding="utf-8"))


def text(cell: dict[str, Any]) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def cells(name: str, kind: str) -> list[dict[str, Any]]:
    return [c for c in load(name)["cells"] if c["cell_type"] == kind]


def output_texts(cell: dict[str, Any]) -> list[str]:
    """Every textual part of a code cell's outputs (streams, text/* data, tracebacks)."""
    texts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            texts.append(out["text"] if isinstance(out["text"], str) else "".join(out["text"]))
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/"):
                texts.append(value if isinstance(value, str) else "".join(value))
        texts.extend(out.get("traceback", []))
    return texts


def python_of(cell: dict[str, Any]) -> ast.Module:
    """Parse a code cell after IPython's transformations (magics become function calls)."""
    from IPython.core.inputtransformer2 import TransformerManager

    return ast.parse(TransformerManager().transform_cell(text(cell)))


@functools.cache
def provided_functions() -> frozenset[str]:
    """Public functions defined by gausslearn's helper modules."""
    provided = set()
    for module_name in HELPER_MODULES:
        module = importlib.import_module(f"gausslearn.{module_name}")
        provided |= {n for n, obj in vars(module).items()
                     if not n.startswith("_") and inspect.isfunction(obj) and obj.__module__ == module.__name__}
    return frozenset(provided)


def predict_calls(code_cells: list[dict[str, Any]]) -> int:
    """Number of calls of gausslearn.widgets.predict in the cells, however the notebook imported it."""
    direct, via_module = set(), set()  # names bound to predict itself / to the gausslearn.widgets module
    trees = [python_of(c) for c in code_cells]
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "gausslearn.widgets":
                direct |= {a.asname or a.name for a in node.names if a.name == "predict"}
            elif isinstance(node, ast.ImportFrom) and node.module == "gausslearn":
                via_module |= {a.asname or a.name for a in node.names if a.name == "widgets"}
            elif isinstance(node, ast.Import):
                via_module |= {a.asname for a in node.names if a.name == "gausslearn.widgets" and a.asname}
    count = 0
    for tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id in direct:
                count += 1
            elif isinstance(func, ast.Attribute) and func.attr == "predict":
                owner = ast.unparse(func.value)
                count += owner in via_module or owner == "gausslearn.widgets"
    return count


@pytest.mark.parametrize(("sources", "expected"), [
    (["from gausslearn.widgets import predict\npredict('q', ['a'], 'a', 'e', key='k')"], 1),
    (["from gausslearn.widgets import predict as p", "p(1)\np(2)"], 2),
    (["from gausslearn import widgets as w", "%matplotlib inline\nw.predict(1)", "w.predict(2)"], 2),
    (["import gausslearn.widgets", "gausslearn.widgets.predict(1)"], 1),
    (["def predict(x):\n    return x", "predict(1)", "model.predict(2)"], 0),
])
def test_predict_calls_follows_imports(sources: list[str], expected: int) -> None:
    assert predict_calls([{"cell_type": "code", "source": s} for s in sources]) == expected


def test_every_course_notebook_has_a_source() -> None:
    sources = sorted(p.stem for p in COURSE_FILES.sources.glob(build.SOURCE_PATTERN))
    missing = [n for n in COURSE if n not in sources]
    assert not missing, f"notebook sources missing: {', '.join(f'notebooks_src/{n}.py' for n in missing)}"
    extra = [n for n in sources if n not in COURSE]
    assert not extra, f"sources not in the course table (README.md and tests/test_notebooks.py): {extra}"


@names
def test_stored_notebooks_are_in_sync_with_their_source(name: str) -> None:
    assert build.sync_problems(COURSE_FILES.sources / f"{name}.py", COURSE_FILES) == []


def test_learner_folder_shows_one_entry_per_notebook() -> None:
    """JupyterLab's file browser of notebooks/ lists each notebook once: no text source beside it, no outputs."""
    entries = sorted(p.name for p in COURSE_FILES.learner.iterdir() if not p.name.startswith("."))
    assert entries == [f"{name}.ipynb" for name in COURSE], (
        f"notebooks/ holds {entries}; it must hold exactly the learner copies built by `gausslearn build-notebooks`")
    for name in COURSE:
        nb = json.loads((COURSE_FILES.learner / f"{name}.ipynb").read_text(encoding="utf-8"))
        stored = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and
                  (c["outputs"] or c["execution_count"] is not None)]
        assert not stored, f"notebooks/{name}.ipynb stores outputs in code cells {stored}: rebuild it"


@names
def test_every_code_cell_was_executed_in_order(name: str) -> None:
    counts = [c["execution_count"] for c in cells(name, "code")]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{name}.ipynb has execution counts {counts}: store the notebook executed top to bottom in one "
        f"kernel with `gausslearn build-notebooks {name[:2]}`")
    assert any(c["outputs"] for c in cells(name, "code")), f"{name}.ipynb stores no outputs"


@names
def test_no_error_outputs_except_tagged_cells(name: str) -> None:
    for index, cell in enumerate(cells(name, "code")):
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        if errors:
            assert "raises-exception" in cell["metadata"].get("tags", []), (
                f"{name}.ipynb code cell {index} stores the error {errors[0]['ename']}: fix the cell, or tag it "
                f"`raises-exception` if the error is the lesson")


@names
def test_opening_cell_has_questions_objectives_and_time(name: str) -> None:
    first = text(cells(name, "markdown")[0])
    assert re.search(r"\bquestions\b", first, re.IGNORECASE), f"{name}: the first markdown cell needs 'Questions'"
    assert re.search(r"\bobjectives\b", first, re.IGNORECASE), (
        f"{name}: the first markdown cell needs the learning 'Objectives'")
    assert TIME_ESTIMATE.search(first), f"{name}: the first markdown cell needs a time estimate such as '25 min'"


@names
def test_has_at_least_two_predict_first_prompts(name: str) -> None:
    count = predict_calls(cells(name, "code"))
    assert count >= 2, f"{name} calls gausslearn.widgets.predict {count} time(s); a lesson needs at least 2"


@names
def test_ends_with_key_points_and_its_exercise(name: str) -> None:
    nb_cells = load(name)["cells"]
    tail = [text(c) for c in nb_cells[-2:] if c["cell_type"] == "markdown"]
    assert nb_cells[-1]["cell_type"] == "markdown" and tail, f"{name} must end with a markdown cell"
    assert any(re.search(r"^#+\s*Key points", t, re.IGNORECASE | re.MULTILINE) for t in tail), (
        f"{name}: one of the last two cells must be a '## Key points' section")
    links = EXERCISE_LINK.findall("\n".join(tail))
    assert links, f"{name}: end with a link [..](../exercises/{COURSE[name]}.ipynb)"
    assert COURSE[name] in links, f"{name} links to {links}, the course table says {COURSE[name]}"
    for exercise in links:
        path = ROOT / "exercises" / f"{exercise}.ipynb"
        assert path.exists(), f"{name} links to exercises/{exercise}.ipynb, which does not exist " \
                              f"(run `gausslearn build-exercises`)"


@names
def test_does_not_redefine_gausslearn_helpers(name: str) -> None:
    provided = provided_functions()
    for index, cell in enumerate(cells(name, "code")):
        defined = {n.name for n in ast.walk(python_of(cell)) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
        clash = sorted(defined & provided)
        assert not clash, (f"{name} code cell {index} defines {clash}, which gausslearn already provides: "
                           f"import it instead")


@names
def test_outputs_hold_no_memory_addresses(name: str) -> None:
    for index, cell in enumerate(cells(name, "code")):
        for out in output_texts(cell):
            assert "at 0x" not in out, (
                f"{name} code cell {index} prints a memory address ({out.strip()[:60]!r}): end a plotting line "
                f"with ';' or plt.show(), or print a value instead of an object")


def explorer_outputs(nb: Any, function: str) -> list[dict[str, Any]]:
    """Outputs of the code cells that call ``function`` (e.g. sigma_explorer)."""
    found = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        calls = [n for n in ast.walk(python_of(cell)) if isinstance(n, ast.Call)]
        if any(ast.unparse(c.func).split(".")[-1] == function for c in calls):
            found.extend(cell["outputs"])
    return found


class _Images(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.found.append({k: v or "" for k, v in attrs})

    handle_startendtag = handle_starttag


def figures_in(text: str) -> list[tuple[str, bytes]]:
    """(alt, PNG bytes) of each course figure's <img> (class gl-plot, gausslearn.plotting.png_html) in ``text``."""
    parser = _Images()
    parser.feed(text)
    parser.close()
    prefix = "data:image/png;base64,"
    return [(a.get("alt", ""), base64.b64decode(a["src"].removeprefix(prefix))) for a in parser.found
            if "gl-plot" in a.get("class", "").split() and a.get("src", "").startswith(prefix)]


def static_pngs(outputs: list[dict[str, Any]]) -> list[bytes]:
    """The pictures of the outputs' text/html <img> tags (each with an alt text), as PNG bytes."""
    found = [f for o in outputs for f in figures_in("".join(o.get("data", {}).get("text/html", "")))]
    assert all(alt.strip() for alt, _ in found), "an <img> without alt text"
    pngs = [png for _, png in found]
    assert all(p.startswith(b"\x89PNG\r\n\x1a\n") and len(p) > 1000 for p in pngs), "the <img> holds no picture"
    return pngs


@pytest.mark.parametrize(("name", "function"), [("05_sigma", "sigma_explorer"), ("06_borders", "border_explorer")])
def test_stored_explorers_have_a_static_figure(name: str, function: str) -> None:
    """A notebook opened without a kernel (or on the course website) still shows each explorer's picture, with its
    text alternative, stored once (no image/png beside it)."""
    outputs = explorer_outputs(load(name), function)
    assert outputs, f"{name} has no cell that calls {function}"
    assert static_pngs(outputs), f"the {function} cell of {name}.ipynb stores no <img> fallback"
    assert not any(notebooks.WIDGET_VIEW in o.get("data", {}) or "image/png" in o.get("data", {}) for o in outputs)


@pytest.mark.slow
def test_executed_sigma_notebook_exports_the_static_figure_to_html(tmp_path: Path) -> None:
    """Executing 05_sigma without a browser (nbclient, as `gausslearn build-notebooks` does) gives the
    explorer's <img> fallback, and nbconvert's HTML export shows it and every figure with its alt text."""
    import nbformat
    from nbconvert import HTMLExporter

    course = Course(tmp_path)
    course.sources.mkdir()
    source = course.sources / "05_sigma.py"
    source.write_text((COURSE_FILES.sources / "05_sigma.py").read_text(encoding="utf-8"), encoding="utf-8")
    result = build.build_notebook(source, course)
    nb = json.loads(result.executed)
    pngs = static_pngs(explorer_outputs(nb, "sigma_explorer"))
    assert pngs, "the executed sigma_explorer cell has no <img> output"
    page, _ = HTMLExporter().from_notebook_node(nbformat.reads(result.executed, as_version=4))
    assert base64.b64encode(pngs[0]).decode("ascii")[:200] in page.replace("\n", "")
    stored = [f for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]
              for f in figures_in("".join(o.get("data", {}).get("text/html", "")))]
    assert len(stored) > 5 and figures_in(page) == stored  # every figure, each with its alt text
    assert not any("image/png" in o.get("data", {}) for c in nb["cells"] if c["cell_type"] == "code"
                   for o in c["outputs"])
