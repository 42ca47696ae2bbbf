"""`gausslearn build-notebooks`, the notebook pipeline and the nbval set-up, tested on small throw-away courses."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from gausslearn import build, notebooks
from gausslearn.paths import Course

SAMPLE_CELLS = [
    "md:# Sample\nA markdown cell.",
    'import ipywidgets as widgets\nimport matplotlib.pyplot as plt\nimport numpy as np\nprint(sorted({"b", "a"}))',
    "fig, ax = plt.subplots(figsize=(2, 1.5))\nax.plot(np.arange(5) ** 2)\nplt.show()",
    'slider = widgets.FloatSlider(value=1.0, min=0.5, max=3.0)\nslider.add_class("gl-sigma-slider")\nslider',
    "# NBVAL_IGNORE_OUTPUT\nimport time\nprint(time.time())",
    "6 * 7",
    "import time as t\nfor i in range(3):\n    print(i, flush=True)\n    t.sleep(0.2)",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """A sample course built once with the CLI (notebooks_src/00_sample.py and its two stored notebooks)."""
    course = Course(tmp_path_factory.mktemp("built"))
    course.sources.mkdir()
    parts = ["# %% [markdown]\n# # Sample\n# A markdown cell."] + ["# %%\n" + c for c in SAMPLE_CELLS[1:]]
    (course.sources / "00_sample.py").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    assert build.main(["--root", str(course.root)]) == 0
    return course


@pytest.mark.slow
def test_build_is_byte_for_byte_reproducible(tmp_path: Path, write_source) -> None:
    """Two builds of a notebook with a set, a figure and a widget give the same bytes."""
    write_source("00_sample", [c for c in SAMPLE_CELLS if "time.time" not in c])
    course = Course(tmp_path)
    assert build.main(["--root", str(tmp_path)]) == 0
    first = (course.executed / "00_sample.ipynb").read_bytes()
    assert build.main(["--root", str(tmp_path), "00"]) == 0
    assert (course.executed / "00_sample.ipynb").read_bytes() == first
    assert first.endswith(b"}\n") and not first.endswith(b"\n\n") and b"image/png" in first


@pytest.mark.slow
def test_learner_copy_is_the_executed_copy_without_outputs(built: Course) -> None:
    executed = json.loads((built.executed / "00_sample.ipynb").read_text(encoding="utf-8"))
    learner = json.loads((built.learner / "00_sample.ipynb").read_text(encoding="utf-8"))
    assert [c["source"] for c in learner["cells"]] == [c["source"] for c in executed["cells"]]
    code = [c for c in learner["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert learner["metadata"] == executed["metadata"]
    assert build.sync_problems(built.sources / "00_sample.py", built) == []


@pytest.mark.slow
def test_built_notebook_is_normalised_and_keeps_outputs(built: Course) -> None:
    nb = json.loads((built.executed / "00_sample.ipynb").read_text(encoding="utf-8"))
    assert [c["id"] for c in nb["cells"]] == [f"cell-{i:03d}" for i in range(len(SAMPLE_CELLS))]
    assert sorted(nb["metadata"]) == ["kernelspec", "language_info"]  # no widget state, no Python version
    assert nb["metadata"]["language_info"] == {"name": "python"}
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert all("execution" not in c["metadata"] for c in nb["cells"])
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == [1, 2, 3, 4, 5, 6]
    assert code[0]["outputs"][0]["text"] == ["['a', 'b']\n"]
    assert "image/png" in code[1]["outputs"][0]["data"]
    widget = code[2]["outputs"][0]["data"]
    assert notebooks.WIDGET_VIEW not in widget and "FloatSlider" in "".join(widget["text/plain"])
    assert code[4]["outputs"][0]["data"]["text/plain"] == ["42"]
    assert code[5]["outputs"] == [{"name": "stdout", "output_type": "stream", "text": ["0\n", "1\n", "2\n"]}]


@pytest.mark.slow
def test_check_reports_a_stale_notebook(built: Course, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(built.root, tmp_path, dirs_exist_ok=True)
    copy = Course(tmp_path)
    assert build.main(["--root", str(tmp_path), "--check"]) == 0  # the time.time() cell is ignored
    assert "ok     00_sample" in capsys.readouterr().out
    stored = copy.executed / "00_sample.ipynb"
    stored.write_text(stored.read_text(encoding="utf-8").replace('"42"', '"43"'), encoding="utf-8")
    before = stored.read_bytes()
    assert build.main(["--root", str(tmp_path), "--check"]) == 1
    captured = capsys.readouterr()
    assert "STALE  00_sample: cells 5 differ" in captured.out
    assert "gausslearn build-notebooks 00" in captured.err
    assert stored.read_bytes() == before, "--check must not write"
    shutil.copy(built.executed / "00_sample.ipynb", stored)
    learner = copy.learner / "00_sample.ipynb"
    learner.write_text(stored.read_text(encoding="utf-8"), encoding="utf-8")  # outputs in the learner copy
    assert build.main(["--root", str(tmp_path), "--check"]) == 1
    assert "STALE  00_sample: the learner copy differ" in capsys.readouterr().out
    assert build.sync_problems(copy.sources / "00_sample.py", copy) == [
        "notebooks/00_sample.ipynb is not executed/00_sample.ipynb without outputs: "
        "run `gausslearn build-notebooks 00`"]


@pytest.mark.slow
def test_failing_cell_fails_the_build_unless_tagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = Course(tmp_path)
    course.sources.mkdir()
    source = course.sources / "01_broken.py"
    source.write_text('# %% tags=["raises-exception"]\n1 / 0\n\n# %%\nraise ValueError("boom")\n', encoding="utf-8")
    assert build.main(["--root", str(tmp_path), "--timeout", "60"]) == 1
    err = capsys.readouterr().err
    assert "FAILED 01_broken.py" in err and "ValueError: boom" in err and "\x1b[" not in err
    assert not (course.executed / "01_broken.ipynb").exists()
    source.write_text('# %% tags=["raises-exception"]\n1 / 0\n', encoding="utf-8")
    assert build.main(["--root", str(tmp_path)]) == 0
    nb = json.loads((course.executed / "01_broken.ipynb").read_text(encoding="utf-8"))
    assert nb["cells"][0]["outputs"][0]["ename"] == "ZeroDivisionError"
    assert nb["cells"][0]["metadata"]["tags"] == ["raises-exception"]


def test_unknown_names_and_folders_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = Course(tmp_path)
    course.sources.mkdir()
    (course.sources / "03_kernel.py").write_text("# %%\n1\n", encoding="utf-8")
    assert build.main(["--root", str(tmp_path), "07"]) == 2
    assert "no notebook source matches '07'" in capsys.readouterr().err
    assert build.main(["--root", str(tmp_path / "missing")]) == 2
    assert "pass --root" in capsys.readouterr().err
    with pytest.raises(FileNotFoundError, match="one of: 03_kernel"):
        build.find_sources(course.sources, ["99_nothing.ipynb"])
    assert build.find_sources(course.sources, ["03_kernel.ipynb", "03"]) == [course.sources / "03_kernel.py"]
    (tmp_path / "empty" / "notebooks_src").mkdir(parents=True)
    assert build.main(["--root", str(tmp_path / "empty")]) == 2
    assert "no NN_name.py sources" in capsys.readouterr().err


def test_sync_problems_sees_source_edits_tags_and_cell_counts(tmp_path: Path) -> None:
    course = Course(tmp_path)
    course.sources.mkdir()
    source = course.sources / "02_noise.py"
    source.write_text("# %% [markdown]\n# Hi\n\n# %%\nx = 1\n", encoding="utf-8")
    assert build.sync_problems(source, course) == [
        "executed/02_noise.ipynb is missing: run `gausslearn build-notebooks 02`",
        "notebooks/02_noise.ipynb is missing: run `gausslearn build-notebooks 02`"]
    nb = notebooks.normalise(notebooks.read_source(source))
    notebooks.write_atomic(course.executed / "02_noise.ipynb", notebooks.dumps(nb))
    notebooks.write_atomic(course.learner / "02_noise.ipynb", notebooks.dumps(notebooks.strip_outputs(nb)))
    assert build.sync_problems(source, course) == []
    source.write_text("# %% [markdown]\n# Hi\n\n# %% tags=[\"nbval-ignore-output\"]\nx = 1\n", encoding="utf-8")
    assert build.sync_problems(source, course) == [
        "executed/02_noise.ipynb cell 1 differs from 02_noise.py (source code 'x = 1' tags ['nbval-ignore-output'], "
        "stored code 'x = 1'): run `gausslearn build-notebooks 02`"]
    source.write_text("# %% [markdown]\n# Hi\n\n# %%\nx = 1\n\n# %%\ny = 2\n", encoding="utf-8")
    assert build.sync_problems(source, course) == [
        "executed/02_noise.ipynb has 2 cells, 02_noise.py has 3: run `gausslearn build-notebooks 02`"]


def test_sanitizer_file_holds_only_valid_pairs(project_root: Path) -> None:
    from nbval.plugin import get_sanitize_patterns

    text = (project_root / "tests" / "nbval_sanitize.cfg").read_text(encoding="utf-8")
    pairs = get_sanitize_patterns(text)
    assert len(pairs) == text.count("\nregex: ") == text.count("\nreplace: ") == 4
    img = '<img class="gl-plot" alt="A 0x1F noise & edges, 651 px wide" '
    style = 'style="max-width:100%; height:auto" src="data:image/png;base64,'
    samples = {
        "<matplotlib.lines.Line2D at 0x7f3a2c1d5e50>": "<matplotlib.lines.Line2D at 0xADDRESS>",
        "1.23 ms ± 45.6 µs per loop (mean ± std. dev. of 7 runs, 1,000 loops each)": "TIMEIT-RESULT",
        "Wall time: 1.52 s": "Wall time: TIME",
        f'{img}width="651" height="391" {style}iVBORw0KGgo+/Aa9==">': f'{img}width="W" height="H" {style}PNG-BYTES">',
    }
    for (regex, replace), (before, after) in zip(pairs, samples.items(), strict=True):
        assert re.sub(regex, replace, before, flags=re.MULTILINE) == after
    assert re.sub(pairs[0][0], pairs[0][1], "shape 0x3 and 255") == "shape 0x3 and 255"
    # only the picture (its pixels and their count): the alt text and the rest of the tag stay compared, and
    # sizes elsewhere are left alone
    assert re.sub(pairs[3][0], pairs[3][1], '<td width="10" height="20">') == '<td width="10" height="20">'


@pytest.mark.slow
def test_nbval_compares_outputs_strictly(built: Path, tmp_path: Path, nbval) -> None:
    """nbval passes the built notebook, fails a copy with one corrupted output, and sanitizes addresses."""
    good = tmp_path / "good.ipynb"
    shutil.copy(built.executed / "00_sample.ipynb", good)
    nb = json.loads(good.read_text(encoding="utf-8"))
    # print(object()) shows a fresh memory address on every run; the stored one is from this process
    nb["cells"].append({"cell_type": "code", "execution_count": 7, "id": "cell-addr", "metadata": {},
                        "source": "print(object())",
                        "outputs": [{"name": "stdout", "output_type": "stream",
                                     "text": [f"<object object at {hex(id(nb))}>\n"]}]})
    good.write_text(json.dumps(nb), encoding="utf-8")
    nb["cells"][5]["outputs"][0]["data"]["text/plain"] = ["43"]
    (tmp_path / "bad.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    result = nbval(good, tmp_path / "bad.ipynb", cwd=tmp_path)
    report = result.stdout + result.stderr
    assert result.returncode == 1, report
    failed = re.findall(r"^FAILED (\S+::Cell \d+)", report, flags=re.MULTILINE)
    assert failed == ["bad.ipynb::Cell 4"], report  # nbval numbers code cells only
    assert "1 failed, 13 passed" in report, report


@pytest.mark.slow
def test_build_kernel_is_this_python_even_with_a_shadowing_kernelspec(
        tmp_path: Path, write_source, monkeypatch: pytest.MonkeyPatch) -> None:
    shadow = tmp_path / "jupyter" / "kernels" / "python3"
    shadow.mkdir(parents=True)
    (shadow / "kernel.json").write_text(json.dumps(
        {"argv": ["/nonexistent/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
         "display_name": "Python 3", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("PYTHONHASHSEED", "123")
    write_source("00_env", ["import os, sys\nprint(sys.executable)\nprint(os.environ['PYTHONHASHSEED'])"])
    assert build.main(["--root", str(tmp_path)]) == 0
    nb = json.loads((Course(tmp_path).executed / "00_env.ipynb").read_text(encoding="utf-8"))
    assert nb["cells"][0]["outputs"][0]["text"] == [f"{sys.executable}\n", "0\n"]


@pytest.mark.slow
def test_nbval_kernels_check_every_figure(tmp_path: Path, nbval) -> None:
    """The suite runs nbval with the root conftest, which starts every notebook kernel with
    GAUSSLEARN_CHECK_FIGURES=1: a figure that breaks a rule of gausslearn.figure_check fails its cell. The test
    process itself keeps the variable unset (unit tests draw bad figures on purpose)."""
    probe = tmp_path / "probe.ipynb"
    cells = [
        ("import os\nprint(os.environ.get('GAUSSLEARN_CHECK_FIGURES'))", "1\n"),
        ("import numpy as np\nfrom gausslearn.figure_check import FigureCheckError\n"
         "from gausslearn.plotting import show_images\n"
         "try:\n    show_images([np.zeros((4, 4))], ['no alt text'])._repr_mimebundle_()\n"
         "except FigureCheckError as error:\n    print('refused:', 'alt' in str(error))", "refused: True\n"),
    ]
    nb = {"cells": [{"cell_type": "code", "execution_count": i + 1, "id": f"probe-{i}", "metadata": {},
                     "source": source, "outputs": [{"name": "stdout", "output_type": "stream", "text": [text]}]}
                    for i, (source, text) in enumerate(cells)],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    probe.write_text(json.dumps(nb), encoding="utf-8")
    assert "GAUSSLEARN_CHECK_FIGURES" not in os.environ
    result = nbval(probe, plugins=("conftest",))  # the root conftest.py, as for the course's notebooks
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
