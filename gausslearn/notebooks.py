"""The one notebook pipeline: read a jupytext source, execute it in this environment's kernel, normalise it,
write it deterministically.

Course notebooks (:mod:`gausslearn.build`), exercises and solutions (:mod:`gausslearn.grading.authoring`)
all go through these functions, so every stored notebook is made the same way and the bytes written depend
only on the source and the installed packages:

- the kernel is ``sys.executable -m ipykernel_launcher`` (this environment's Python, whatever ``python3``
  kernelspec a user folder or ``JUPYTER_PATH`` holds), run with ``PYTHONHASHSEED=0`` (set orders), the inline
  matplotlib backend, ``SOURCE_DATE_EPOCH=0``, the figure check on (``GAUSSLEARN_CHECK_FIGURES=1``: a figure
  that breaks a rule of :mod:`gausslearn.figure_check` fails the build) and a throw-away IPython profile;
- consecutive outputs of the same stream are merged (how printed text is split into messages depends on
  timing; nbval merges them the same way before comparing);
- cell ids are derived from the cell index (``cell-000``, ``cell-001``, ...); cell metadata keeps only
  ``tags`` and ``jupyter``; notebook metadata keeps only ``kernelspec``, ``language_info.name`` and
  ``gausslearn`` (no Python version, no timings, no widget state);
- the live-widget part of an output (``application/vnd.jupyter.widget-view+json``, a random model id) is
  dropped and the rest kept, so a closed notebook shows each widget's static fallback instead of "Error
  displaying widget: model not found";
- the JSON is written by nbformat (sorted keys) with one trailing newline, atomically.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("6 * 7")])
>>> nb.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "42"}, execution_count=1)]
>>> nb.cells[0].execution_count = 1
>>> learner = strip_outputs(normalise(nb))
>>> learner.cells[0].id, learner.cells[0].outputs, learner.cells[0].execution_count
('cell-000', [], None)
>>> nb.cells[0].outputs[0]["data"]["text/plain"]   # the executed copy keeps its outputs
'42'
"""

from __future__ import annotations

import copy
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_TIMEOUT",
    "KERNELSPEC",
    "cell_signature",
    "dumps",
    "execute",
    "execution_errors",
    "ignores_output",
    "kernel_env",
    "normalise",
    "read_source",
    "stale_cells",
    "strip_outputs",
    "strip_ansi",
    "write_atomic",
]

#: Seconds one cell may run before execution stops with an error.
DEFAULT_TIMEOUT = 300
#: Environment of the kernel that executes notebooks (on top of the caller's environment).
KERNEL_ENV = {
    "PYTHONHASHSEED": "0",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "SOURCE_DATE_EPOCH": "0",
    # every figure the notebook displays is checked by gausslearn.figure_check; a broken rule fails the build
    "GAUSSLEARN_CHECK_FIGURES": "1",
}
#: The kernel named in every stored notebook.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
IGNORE_OUTPUT_TAG = "nbval-ignore-output"
IGNORE_OUTPUT_COMMENT = "# NBVAL_IGNORE_OUTPUT"
_KEPT_NOTEBOOK_METADATA = ("kernelspec", "language_info", "gausslearn")
_KEPT_CELL_METADATA = ("tags", "jupyter")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def read_source(path: str | os.PathLike[str]) -> Any:
    """Read a jupytext percent-format source into an unexecuted notebook with the course's kernelspec.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> src = pathlib.Path(tempfile.mkdtemp()) / "00_demo.py"
    >>> _ = src.write_text("# %% [markdown]\\n# # Title\\n\\n# %%\\nx = 1\\n")
    >>> nb = read_source(src)
    >>> [(c.cell_type, c.source) for c in nb.cells], nb.metadata.kernelspec.name
    ([('markdown', '# Title'), ('code', 'x = 1')], 'python3')
    """
    import jupytext

    nb = jupytext.read(Path(path), fmt="py:percent")
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return nb


def kernel_env() -> dict[str, str]:
    """The environment the kernel runs with: the caller's plus :data:`KERNEL_ENV`.

    Examples
    --------
    >>> kernel_env()["PYTHONHASHSEED"]
    '0'
    """
    env = dict(os.environ)
    env.update(KERNEL_ENV)
    return env


def _kernel_manager() -> Any:
    """A kernel manager for this environment's Python, whatever ``python3`` kernelspec is installed elsewhere."""
    import ipykernel.kernelspec
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    class CurrentEnvironment(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return KernelSpec(resource_dir=ipykernel.kernelspec.RESOURCES, **ipykernel.kernelspec.get_kernel_dict())

    return KernelManager(kernel_name=KERNELSPEC["name"], kernel_spec_manager=CurrentEnvironment())


def execute(nb: Any, cwd: str | os.PathLike[str], *, timeout: int = DEFAULT_TIMEOUT) -> float:
    """Execute ``nb`` in place in a fresh kernel of this Python, working in ``cwd``; return the seconds taken.

    A cell that raises stops execution (``nbclient.exceptions.CellExecutionError``) unless it carries the
    ``raises-exception`` tag.

    Examples
    --------
    >>> execute(None, ".", timeout=0)
    Traceback (most recent call last):
    ...
    ValueError: timeout must be a positive number of seconds per cell, got 0
    """
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds per cell, got {timeout!r}")
    from nbclient import NotebookClient

    Path(cwd).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gausslearn-ipython-") as ipython_dir:
        env = kernel_env()
        env["IPYTHONDIR"] = ipython_dir
        km = _kernel_manager()
        client = NotebookClient(nb, km=km, timeout=timeout, record_timing=False,
                                store_widget_state=False, resources={"metadata": {"path": str(cwd)}})
        start = time.perf_counter()
        try:
            client.execute(env=env)
        finally:  # nbclient leaves a kernel it did not create running: stop it here, not at interpreter exit
            if km.has_kernel:
                km.shutdown_kernel(now=True)
        return time.perf_counter() - start


def execution_errors() -> tuple[type[BaseException], ...]:
    """The exceptions :func:`execute` raises for a cell that failed (not tagged ``raises-exception``) or ran too long.

    Examples
    --------
    >>> [error.__name__ for error in execution_errors()]
    ['CellExecutionError', 'CellTimeoutError']
    """
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    return CellExecutionError, CellTimeoutError


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def _merge_streams(outputs: list[Any]) -> list[Any]:
    merged: list[Any] = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            previous["text"] = _text(previous["text"]) + _text(output["text"])
        else:
            merged.append(output)
    return merged


def _drop_widget_view(output: Any) -> None:
    data = output.get("data")
    if data and WIDGET_VIEW in data:
        del data[WIDGET_VIEW]
        if not data:
            data["text/plain"] = "(an interactive widget: run the cell to show it)"
        if isinstance(output.get("metadata"), dict):
            output["metadata"].pop(WIDGET_VIEW, None)


def normalise(nb: Any) -> Any:
    """Make a notebook deterministic in place (see the module docstring) and return it.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    >>> nb.cells[0].metadata.update(execution={"iopub.status.busy": "2026-01-01T00:00:00Z"}, tags=["x"])
    >>> nb.metadata.update(widgets={"state": {}}, language_info={"name": "python", "version": "3.11.7"})
    >>> nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="a\\n"),
    ...                        nbformat.v4.new_output("stream", text="b\\n")]
    >>> nb = normalise(nb)
    >>> nb.cells[0].id, dict(nb.cells[0].metadata), sorted(nb.metadata), nb.metadata.language_info
    ('cell-000', {'tags': ['x']}, ['kernelspec', 'language_info'], {'name': 'python'})
    >>> [o.text for o in nb.cells[0].outputs]
    ['a\\nb\\n']
    """
    nb.nbformat, nb.nbformat_minor = 4, 5
    for key in [k for k in nb.metadata if k not in _KEPT_NOTEBOOK_METADATA]:
        del nb.metadata[key]
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:03d}"
        for key in [k for k in cell.metadata if k not in _KEPT_CELL_METADATA]:
            del cell.metadata[key]
        if cell.cell_type == "code":
            cell["outputs"] = _merge_streams(cell.get("outputs", []))
            for output in cell["outputs"]:
                _drop_widget_view(output)
    return nb


def strip_outputs(nb: Any) -> Any:
    """A copy of ``nb`` without outputs or execution counts (a learner copy, an exercise).

    Examples
    --------
    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell("1", execution_count=1)
    >>> strip_outputs(nbformat.v4.new_notebook(cells=[cell])).cells[0].execution_count is None
    True
    """
    out = copy.deepcopy(nb)
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return out


def dumps(nb: Any) -> str:
    """The notebook as nbformat JSON text (sorted keys) ending with exactly one newline."""
    import nbformat

    return nbformat.writes(nb, version=4).rstrip("\n") + "\n"


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "sub" / "a.ipynb"
    >>> write_atomic(target, "{}\\n")
    >>> target.read_text()
    '{}\\n'
    >>> oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_current_umask())
    True
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_current_umask())  # mkstemp makes the file private (0600); a notebook is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def strip_ansi(text: str) -> str:
    """``text`` without terminal colour codes (tracebacks of failed cells).

    Examples
    --------
    >>> strip_ansi("\\x1b[0;31mValueError\\x1b[0m: boom")
    'ValueError: boom'
    """
    return _ANSI.sub("", text)


def ignores_output(cell: Any) -> bool:
    """True when nbval does not compare this code cell's outputs (tag or first-line comment)."""
    first_line = cell.source.split("\n", 1)[0].strip()
    return IGNORE_OUTPUT_TAG in cell.metadata.get("tags", []) or first_line == IGNORE_OUTPUT_COMMENT


def _comparable(nb: Any) -> list[dict[str, Any]]:
    cells = []
    for cell in nb.cells:
        plain = dict(cell)
        if cell.cell_type == "code" and ignores_output(cell):
            plain["outputs"] = "<ignored>"
        cells.append(plain)
    return cells


def stale_cells(stored_text: str, fresh_text: str) -> list[int]:
    """Indices of the cells that differ between two notebook texts (outputs nbval ignores excluded).

    A difference outside the cells (metadata, cell count) is reported as index ``-1``.

    Examples
    --------
    >>> import nbformat
    >>> a = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1"), nbformat.v4.new_code_cell("2")])
    >>> b = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1"), nbformat.v4.new_code_cell("3")])
    >>> stale_cells(dumps(normalise(a)), dumps(normalise(b)))
    [1]
    """
    import nbformat

    stored, fresh = nbformat.reads(stored_text, as_version=4), nbformat.reads(fresh_text, as_version=4)
    old, new = _comparable(stored), _comparable(fresh)
    diff = [i for i, (x, y) in enumerate(zip(old, new, strict=False)) if x != y]
    if len(old) != len(new) or stored.metadata != fresh.metadata:
        diff.append(-1)
    return diff


def cell_signature(nb: Any) -> list[tuple[str, str, tuple[str, ...]]]:
    """``(cell_type, source, tags)`` per cell: what must agree between a source and a notebook made from it.

    Examples
    --------
    >>> import nbformat
    >>> cell_signature(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hi")]))
    [('markdown', '# Hi', ())]
    """
    return [(c.cell_type, c.source, tuple(c.metadata.get("tags", ()))) for c in nb.cells]
