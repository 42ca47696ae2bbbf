"""Grading whole submissions: full marks, zero, named pitfalls, broken code, broken notebooks."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from gradinghelp import ROOT, answer_index, by_name, grade, load_nb, submission

from gausslearn.grading.host.submission import MAX_NOTEBOOK_BYTES

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("exercise", ["ex01_pixels", "ex02_noise"])
def test_solution_scores_full_marks(exercise: str) -> None:
    report = grade(ROOT / "solutions" / f"{exercise}.ipynb")
    assert report["status"] == "graded", report["notes"]
    assert report["max_score"] > 0
    assert report["score"] == report["max_score"], [t for t in report["tests"] if not t["passed"]]
    assert report["exercise"] == exercise


@pytest.mark.parametrize("exercise", ["ex01_pixels", "ex02_noise"])
def test_untouched_exercise_scores_zero(exercise: str) -> None:
    report = grade(ROOT / "exercises" / f"{exercise}.ipynb")
    assert report["status"] == "graded"
    assert report["score"] == 0 and report["max_score"] > 0
    assert all("not written yet" in t["feedback"] for t in report["tests"]), report["tests"]


PIXEL_PITFALLS = {
    "own maximum": ({"to_float": "import numpy as np\ndef to_float(image):\n    return image / image.max()\n"},
                    "test_uint8_scaled_by_dtype_max", "divides by the image's own maximum"),
    "always 255": ({"to_float": "import numpy as np\ndef to_float(image):\n    return image.astype(np.float64) / 255\n"},
                   "test_uint16_scaled_by_65535", "assumes every integer image is uint8"),
    "truncates": ({"to_uint8": "import numpy as np\ndef to_uint8(image):\n"
                               "    return (np.clip(image, 0, 1) * 255).astype(np.uint8)\n"},
                  "test_rounds_not_truncates", "truncates instead of rounding"),
    "wraps": ({"to_uint8": "import numpy as np\ndef to_uint8(image):\n    return np.rint(image * 255).astype(np.uint8)\n"},
              "test_clips_instead_of_wrapping", "wraps around instead of clipping"),
    "in place": ({"to_uint8": "import numpy as np\ndef to_uint8(image):\n    np.clip(image, 0, 1, out=image)\n"
                              "    return np.rint(image * 255).astype(np.uint8)\n"},
                 "test_does_not_clip_in_place", "modified its input in place"),
    "no copy": ({"to_float": "import numpy as np\ndef to_float(image):\n"
                             "    if image.dtype == np.float64:\n        return image\n"
                             "    if image.dtype.kind == 'b':\n        return image.astype(np.float64)\n"
                             "    if image.dtype.kind in 'ui':\n"
                             "        return image / float(np.iinfo(image.dtype).max)\n"
                             "    return image.astype(np.float64)\n"},
                "test_float64_returns_copy", "returns the input array itself"),
    "float32": ({"to_float": "import numpy as np\ndef to_float(image):\n"
                             "    return (image / np.iinfo(image.dtype).max).astype(np.float32) if image.dtype.kind in 'ui'"
                             " else image.astype(np.float32)\n"},
                "test_returns_float64", "must return a float64 array"),
}


@pytest.mark.parametrize("case", sorted(PIXEL_PITFALLS))
def test_ex01_pitfalls_lose_points_with_named_feedback(make_dir: Path, case: str) -> None:
    replace, test_name, words = PIXEL_PITFALLS[case]
    report = grade(submission(make_dir, "ex01_pixels", replace))
    tests = by_name(report)
    assert report["status"] == "graded"
    assert 0 < report["score"] < report["max_score"]
    assert not tests[test_name]["passed"]
    assert words in tests[test_name]["feedback"], tests[test_name]["feedback"]


NOISE_PITFALLS = {
    "uint8 wrap": ({"mse": "import numpy as np\ndef mse(a, b):\n    if a.shape != b.shape:\n"
                           "        raise ValueError('shapes')\n    return float(np.mean((a - b) ** 2))\n"},
                   "test_mse_uint8_does_not_wrap", "computes the difference in uint8 so it wraps"),
    "sum": ({"mse": "import numpy as np\ndef mse(a, b):\n    if np.shape(a) != np.shape(b):\n"
                    "        raise ValueError('shapes')\n"
                    "    return float(np.sum((np.asarray(a, float) - np.asarray(b, float)) ** 2))\n"},
            "test_mse_float_images", "sums the squared differences instead of averaging"),
    "broadcast": ({"mse": "import numpy as np\ndef mse(a, b):\n"
                          "    return float(np.mean((np.asarray(a, float) - np.asarray(b, float)) ** 2))\n"},
                  "test_mse_rejects_different_shapes", "raise a ValueError"),
    "255 for floats": ({"psnr": "import numpy as np\ndef psnr(reference, test, data_range=None):\n"
                                "    e = mse(reference, test)\n    r = data_range or 255.0\n"
                                "    return float('inf') if e == 0 else float(10 * np.log10(r * r / e))\n"},
                       "test_psnr_float_default_range", "uses 255 as the range of a float image"),
    "image max": ({"psnr": "import numpy as np\ndef psnr(reference, test, data_range=None):\n"
                           "    e = mse(reference, test)\n    r = data_range or float(np.max(reference))\n"
                           "    return float('inf') if e == 0 else float(10 * np.log10(r * r / e))\n"},
                  "test_psnr_uint8_default_range", "uses the image's own maximum"),
    "divide by zero": ({"psnr": "import numpy as np\ndef psnr(reference, test, data_range=None):\n"
                                "    r = data_range or (255.0 if reference.dtype == np.uint8 else 1.0)\n"
                                "    return float(10 * np.log10(r * r / mse(reference, test)))\n"},
                       "test_psnr_identical_is_infinite", "ZeroDivisionError"),
}


@pytest.mark.parametrize("case", sorted(NOISE_PITFALLS))
def test_ex02_pitfalls_lose_points_with_named_feedback(make_dir: Path, case: str) -> None:
    replace, test_name, words = NOISE_PITFALLS[case]
    report = grade(submission(make_dir, "ex02_noise", replace))
    tests = by_name(report)
    assert report["status"] == "graded"
    assert report["score"] < report["max_score"]  # (psnr uses mse: a wrong mse can cost every point)
    assert not tests[test_name]["passed"]
    assert words in tests[test_name]["feedback"], tests[test_name]["feedback"]


# -- code that misbehaves ------------------------------------------------------------------------------------


def _answer_source(function: str) -> str:
    """The source of the solution's answer cell that defines ``function``."""
    nb = load_nb(ROOT / "solutions" / "ex01_pixels.ipynb")
    return "".join(nb["cells"][answer_index(nb, function)]["source"])


def test_os_exit_in_one_function_leaves_the_others_graded(make_dir: Path) -> None:
    path = submission(make_dir, "ex01_pixels", {"to_float": "import os\ndef to_float(image):\n    os._exit(3)\n"})
    report = grade(path)
    tests = by_name(report)
    assert report["status"] == "crash"
    assert tests["test_uint8_scaled_by_dtype_max"]["kind"] == "crash"
    assert "exited with code 3" in tests["test_uint8_scaled_by_dtype_max"]["feedback"]
    uint8_only = [t for t in report["tests"] if t["name"] in ("test_rounds_not_truncates", "test_uint8_dtype",
                                                              "test_clips_instead_of_wrapping")]
    assert all(t["passed"] for t in uint8_only)
    assert report["score"] == sum(t["max_points"] for t in uint8_only) + 1  # + test_does_not_clip_in_place


def test_endless_loop_times_out_and_the_rest_still_grades(make_dir: Path) -> None:
    path = submission(make_dir, "ex01_pixels", {"to_float": "def to_float(image):\n    while True:\n        pass\n"})
    start = time.monotonic()
    report = grade(path, timeout_per_call=0.5)
    tests = by_name(report)
    assert time.monotonic() - start < 30  # bounded: a function that timed out twice is not called again
    assert report["status"] == "timeout"
    assert tests["test_uint8_scaled_by_dtype_max"]["kind"] == "timeout"
    assert "did not finish within 0.5 s" in tests["test_uint8_scaled_by_dtype_max"]["feedback"]
    assert "already timed out 2 times" in tests["test_float64_returns_copy"]["feedback"]
    assert tests["test_rounds_not_truncates"]["passed"] and tests["test_uint8_dtype"]["passed"]


def test_sys_exit_is_reported_as_the_learners_exception(make_dir: Path) -> None:
    path = submission(make_dir, "ex02_noise", {"mse": "import sys\ndef mse(a, b):\n    sys.exit(0)\n"})
    report = grade(path)
    tests = by_name(report)
    assert report["status"] == "graded"
    assert tests["test_mse_float_images"]["kind"] == "exception"
    assert "SystemExit" in tests["test_mse_float_images"]["feedback"]
    assert "do not call sys.exit()" in tests["test_mse_float_images"]["feedback"]
    assert tests["test_psnr_explicit_range"]["kind"] == "exception"  # psnr calls mse
    assert report["score"] == 0


def test_endless_loop_at_top_level_is_a_timeout_status(make_dir: Path) -> None:
    path = submission(make_dir, "ex01_pixels", {"to_uint8": "while True:\n    pass\n"})
    report = grade(path, budget=3)
    assert report["status"] == "timeout"
    assert report["score"] == 0
    assert all(t["kind"] == "timeout" for t in report["tests"])
    assert any("did not finish" in n for n in report["notes"])


def test_exception_at_top_level_keeps_earlier_definitions(make_dir: Path) -> None:
    src = "import numpy as np\ndef to_uint8(image):\n    return np.rint(np.clip(image, 0, 1) * 255).astype(np.uint8)\n" \
          "raise RuntimeError('oops')\n"
    report = grade(submission(make_dir, "ex01_pixels", {"to_uint8": src}))
    assert report["score"] == report["max_score"]
    assert any("RuntimeError: oops" in n for n in report["notes"])


def test_magics_are_refused_and_reported(make_dir: Path) -> None:
    marker = make_dir / "shell-ran"
    src = f"%timeit 1 + 1\n!touch {marker}\n" + "".join(_answer_source("to_float"))
    report = grade(submission(make_dir, "ex01_pixels", {"to_float": src}))
    assert report["score"] == report["max_score"]
    assert not marker.exists()
    assert any("%timeit was ignored" in n for n in report["notes"])
    assert any("!touch was ignored" in n for n in report["notes"])


def test_non_plain_return_is_a_bad_return(make_dir: Path) -> None:
    src = "def to_float(image):\n    return (x for x in image)\n"
    report = grade(submission(make_dir, "ex01_pixels", {"to_float": src}))
    t = by_name(report)["test_uint8_scaled_by_dtype_max"]
    assert t["kind"] == "bad-return" and "generator" in t["feedback"]


def test_object_array_return_is_a_bad_return(make_dir: Path) -> None:
    src = "import numpy as np\ndef to_float(image):\n    return np.array([object()] * image.size, dtype=object)\n"
    report = grade(submission(make_dir, "ex01_pixels", {"to_float": src}))
    t = by_name(report)["test_uint8_scaled_by_dtype_max"]
    assert t["kind"] == "bad-return" and "dtype object" in t["feedback"]


def _live_processes_with_args(args: bytes) -> list[int]:
    """Host PIDs of live (non-zombie) processes whose command line is exactly ``args``."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            if (d / "cmdline").read_bytes() == args and \
                    (d / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                found.append(int(d.name))
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return found


def test_child_processes_are_killed(make_dir: Path) -> None:
    # A unique sleep length marks the child; its PID inside a PID namespace would mean nothing out here.
    marker = f"{60 + (os.getpid() % 1000) / 1000:.3f}"
    src = ("import subprocess\nimport numpy as np\ndef to_float(image):\n"
           f"    subprocess.Popen(['sleep', '{marker}'])\n"
           "    return np.zeros(image.shape)\n")
    grade(submission(make_dir, "ex01_pixels", {"to_float": src}))
    args = b"sleep\x00" + marker.encode() + b"\x00"
    deadline = time.monotonic() + 5
    while _live_processes_with_args(args) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _live_processes_with_args(args) == [], "the learner's child process survived grading"


def test_worker_environment_is_minimal_and_isolated(make_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAUSSLEARN_SECRET", "do-not-leak")
    src = ("import os, sys\nimport numpy as np\ndef to_float(image):\n"
           "    ok = ('GAUSSLEARN_SECRET' not in os.environ and os.getcwd() == os.environ['HOME']\n"
           "          and sys.flags.isolated == 1 and os.environ.get('MPLBACKEND') == 'Agg')\n"
           "    return np.full(image.shape, 1.0 if ok else 0.0)\n")
    report = grade(submission(make_dir, "ex01_pixels", {"to_float": src}))
    feedback = by_name(report)["test_bool_becomes_zero_one"]["feedback"]
    assert "got 1, expected 0" in feedback, feedback  # the learner saw an isolated, clean process


def test_huge_output_is_capped(make_dir: Path) -> None:
    src = "import sys\nsys.stdout.write('x' * 5_000_000)\nsys.stderr.write('y' * 5_000_000)\n" + \
          "".join(_answer_source("to_float"))
    report = grade(submission(make_dir, "ex01_pixels", {"to_float": src}))
    assert report["score"] == report["max_score"]


# -- notebooks that are not what they should be ----------------------------------------------------------


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("content", "words"), [
    (b"{not json", "not valid JSON"),
    (b'{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}', "nbformat 3"),
    (b'[1, 2, 3]', "not a Jupyter notebook"),
    (b"\xff\xfe\x00garbage", "not text"),
    (b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"source": "x"}]}', "malformed"),
])
def test_malformed_notebooks_score_zero(make_dir: Path, content: bytes, words: str) -> None:
    report = grade(_write(make_dir / "ex01_pixels-bad.ipynb", content))
    assert report["status"] == "invalid-notebook"
    assert report["score"] == 0
    assert report["exercise"] == "ex01_pixels" and report["max_score"] > 0  # taken from the file name
    assert any(words in n for n in report["notes"]), report["notes"]


def test_huge_file_is_refused_without_parsing(make_dir: Path) -> None:
    path = make_dir / "big.ipynb"
    with path.open("wb") as fh:
        fh.truncate(MAX_NOTEBOOK_BYTES + 1)
    report = grade(path)
    assert report["status"] == "invalid-notebook"
    assert any("MB" in n for n in report["notes"])


def test_missing_file_is_invalid(make_dir: Path) -> None:
    report = grade(make_dir / "nope.ipynb")
    assert report["status"] == "invalid-notebook" and report["score"] == 0


def test_no_answer_cells(make_dir: Path) -> None:
    def drop_answers(nb: dict) -> None:
        nb["cells"] = [c for c in nb["cells"] if "answer" not in c["metadata"].get("tags", [])]

    report = grade(submission(make_dir, "ex01_pixels", edit=drop_answers))
    assert report["status"] == "no-answers"
    assert report["score"] == 0 and len(report["tests"]) > 0


def test_deleted_tags_fall_back_to_function_names(make_dir: Path) -> None:
    def untag(nb: dict) -> None:
        for c in nb["cells"]:
            c["metadata"].pop("tags", None)

    report = grade(submission(make_dir, "ex01_pixels", edit=untag))
    assert report["score"] == report["max_score"]
    assert any("not tagged 'answer'" in n for n in report["notes"])


def test_answer_turned_markdown_is_reported(make_dir: Path) -> None:
    def to_markdown(nb: dict) -> None:
        for c in nb["cells"]:
            if "answer" in c["metadata"].get("tags", []) and "def to_uint8" in "".join(c["source"]):
                c["cell_type"] = "markdown"
                c.pop("outputs", None)
                c.pop("execution_count", None)

    report = grade(submission(make_dir, "ex01_pixels", edit=to_markdown))
    tests = by_name(report)
    assert any("markdown cell" in n for n in report["notes"])
    assert tests["test_uint8_dtype"]["kind"] == "missing"
    assert tests["test_uint8_scaled_by_dtype_max"]["passed"]


def test_edited_imports_checks_and_metadata_do_not_matter(make_dir: Path) -> None:
    def vandalise(nb: dict) -> None:
        for c in nb["cells"]:
            tags = c["metadata"].get("tags", [])
            if c["cell_type"] == "code" and "answer" not in tags:
                c["source"] = "import os\nos._exit(1)\n"  # imports and check cells: never run by the grader
        nb["metadata"]["kernelspec"] = {"name": "evil", "display_name": "evil"}

    report = grade(submission(make_dir, "ex01_pixels", edit=vandalise))
    assert report["score"] == report["max_score"]


def test_exercise_id_from_file_name_when_metadata_is_gone(make_dir: Path) -> None:
    def strip(nb: dict) -> None:
        nb["metadata"].pop("gausslearn")

    report = grade(submission(make_dir, "ex02_noise", edit=strip, name="alice_ex02_noise.ipynb"))
    assert report["exercise"] == "ex02_noise" and report["score"] == report["max_score"]
    assert any("taken from the file name" in n for n in report["notes"])
    report = grade(submission(make_dir, "ex02_noise", edit=strip, name="alice.ipynb"))
    assert report["status"] == "unknown-exercise" and report["score"] == 0


def test_seed_changes_inputs_but_not_the_verdict(make_dir: Path) -> None:
    path = ROOT / "solutions" / "ex02_noise.ipynb"
    for seed in (1, 12345):
        report = grade(path, seed=seed)
        assert report["seed"] == seed and report["score"] == report["max_score"]


def test_report_is_json_serialisable_with_contract_keys() -> None:
    report = grade(ROOT / "exercises" / "ex01_pixels.ipynb")
    text = json.dumps(report, allow_nan=False)
    back = json.loads(text)
    assert {"exercise", "score", "max_score", "status", "seed", "tests"} <= set(back)
    for t in back["tests"]:
        assert {"name", "points", "max_points", "passed", "feedback"} <= set(t)
    assert os.fspath(ROOT / "exercises" / "ex01_pixels.ipynb") == back["file"]


def test_poisoned_pythonpath_and_memory_limit(make_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    poison = make_dir / "poison"
    poison.mkdir()
    (poison / "numpy.py").write_text("raise ImportError('poisoned numpy')\n")
    (poison / "sitecustomize.py").write_text("raise SystemExit(9)\n")
    monkeypatch.setenv("PYTHONPATH", str(poison))
    monkeypatch.chdir(poison)
    src = "import numpy as np\ndef mse(a, b):\n    return float(np.ones(2**32).sum())\n"  # 32 GiB: over the limit
    report = grade(submission(make_dir, "ex02_noise", {"mse": src}))
    t = by_name(report)["test_mse_float_images"]
    assert t["kind"] == "exception" and "MemoryError" in t["feedback"], t


def test_isolation_hides_hidden_tests_where_available(make_dir: Path) -> None:
    from gausslearn.grading import hidden_tests_folder
    from gausslearn.grading.host.sandbox import Sandbox, describe

    if not describe(Sandbox(ROOT))["layers"]["filesystem"]["active"]:
        pytest.skip("the allow-list needs bubblewrap and user namespaces (see gausslearn.grading.host.sandbox)")
    hidden = hidden_tests_folder() / "ex01_pixels.py"
    src = ("import numpy as np\ndef to_float(image):\n    try:\n"
           f"        seen = len(open({str(hidden)!r}).read())\n    except OSError:\n        seen = 0\n"
           "    return np.full(image.shape, float(seen))\n")
    report = grade(submission(make_dir, "ex01_pixels", {"to_float": src}))
    feedback = by_name(report)["test_bool_becomes_zero_one"]["feedback"]
    assert "got 0, expected 1" in feedback, feedback
