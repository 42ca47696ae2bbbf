"""The test-writing API: expectations, fixtures, LocalStudent, tripwires, public checks."""

from __future__ import annotations

import numpy as np
import pytest

from gausslearn.checks import check_results, run_checks
from gausslearn.grading.api import (
    StudentError,
    expect_close,
    expect_dtype,
    expect_equal_array,
    expect_shape,
    points,
    test_rng,
)
from gausslearn.grading.results import run_tests
from gausslearn.grading.student.local import LocalStudent
from gausslearn.grading.student.tripwires import Tripwires
from gausslearn.grading.student.worker import Worker


def test_expect_close_messages() -> None:
    with pytest.raises(AssertionError, match=r"1 of 3 values differ; largest error 0.5 at index \(1,\)"):
        expect_close([0.0, 1.5, 2.0], [0, 1, 2], "m")
    with pytest.raises(AssertionError, match="NaN where a number is expected"):
        expect_close([np.nan], [1.0], "m")
    with pytest.raises(AssertionError, match="expected NaN"):
        expect_close([1.0], [np.nan], "m")
    with pytest.raises(AssertionError, match="complex"):
        expect_close([1 + 1j], [1.0], "m")
    with pytest.raises(AssertionError, match="not numeric"):
        expect_close(["a"], [1.0], "m")
    with pytest.raises(AssertionError, match="expected a single number, got shape"):
        expect_close(np.array([1.0]), 1.0, "m")
    with pytest.raises(AssertionError, match="largest error inf"):
        expect_close([np.inf], [1.0], "m")
    expect_close([np.inf, -np.inf, np.nan], [np.inf, -np.inf, np.nan], "m")
    expect_close(3, 3.0, "ints compare with floats")
    with pytest.raises(AssertionError):
        expect_close([-np.inf], [np.inf], "m")


def test_expect_equal_dtype_shape() -> None:
    expect_equal_array(np.array([np.nan, 1.0]), [np.nan, 1.0], "nan equals nan")
    with pytest.raises(AssertionError, match="did you forget `return`"):
        expect_equal_array(None, [1], "m")
    with pytest.raises(AssertionError, match="got dtype int64, expected uint8"):
        expect_dtype(np.zeros(1, np.int64), np.uint8, "m")
    with pytest.raises(AssertionError, match="not a NumPy array"):
        expect_dtype(1.0, np.float64, "m")
    with pytest.raises(AssertionError, match=r"expected shape \(2,\)"):
        expect_shape(None, (2,), "m")


def test_points_validates_and_marks() -> None:
    with pytest.raises(ValueError, match="positive"):
        points(0)
    with pytest.raises(ValueError, match="positive"):
        points(True)

    @points(1.5)
    def test_x(student: object) -> None:
        pass

    assert test_x.max_points == 1.5 and test_x.title == "test x" and test_x.__test__ is False


def test_rng_depends_on_seed_and_name() -> None:
    a = test_rng(0, "t").random()
    assert a == test_rng(0, "t").random()
    assert a != test_rng(1, "t").random() and a != test_rng(0, "u").random()


def test_student_error_kinds() -> None:
    with pytest.raises(ValueError, match="unknown StudentError kind"):
        StudentError("typo", "x")


def test_local_student_detects_problems() -> None:
    def inplace(d):
        d["k"] = 1
        return 0

    student = LocalStudent({"gen": lambda: (i for i in range(2)), "raise": lambda: int("x"), "dict": inplace,
                            "same": lambda a: a, "view": lambda a: a[1:], "new": lambda a: a + 0})
    with pytest.raises(StudentError, match="generator") as e:
        student.call("gen")
    assert e.value.kind == "bad-return"
    with pytest.raises(StudentError, match="ValueError: invalid literal") as e:
        student.call("raise")
    assert e.value.exception_type == "ValueError"
    with pytest.raises(StudentError, match="gained or lost keys") as e:
        student.call("dict", {})
    assert e.value.kind == "modified-input"
    a = np.arange(3.0)
    for name, shares in (("same", True), ("view", True), ("new", False)):
        student.call(name, a)
        assert student.returned_input() is shares


def test_local_student_forbidden_calls() -> None:
    import scipy.ndimage as ndi

    original = ndi.gaussian_filter

    def uses_scipy(x):
        import importlib

        return importlib.import_module("scipy.ndimage").gaussian_filter(x, 1.0)

    student = LocalStudent({"f": uses_scipy}, forbidden=["scipy.ndimage.gaussian_filter"])
    with pytest.raises(StudentError, match="called scipy.ndimage.gaussian_filter") as e:
        student.call("f", np.zeros((4, 4)))
    assert e.value.kind == "forbidden"
    assert student.forbidden_calls() == ["scipy.ndimage.gaussian_filter"]
    assert ndi.gaussian_filter is original  # the tripwire is gone again


def test_worker_tripwires_catch_aliases_getattr_and_private_modules() -> None:
    worker = Worker()
    code = ("import scipy.ndimage as ndi\nfrom scipy.ndimage import gaussian_filter as gf\n"
            "from scipy.ndimage import _filters\n"
            "def alias(x):\n    return gf(x, 1)\n"
            "def by_getattr(x):\n    return getattr(ndi, 'gaussian_filter')(x, 1)\n"
            "def private(x):\n    return _filters.gaussian_filter(x, 1)\n"
            "def clean(x):\n    return x * 2\n")
    try:
        loaded = worker.load([code], ["scipy.ndimage.gaussian_filter"])
        assert {"alias", "by_getattr", "private", "clean"} <= set(loaded["defined"])
        for name in ("alias", "by_getattr", "private"):
            reply = worker.call(name, [np.zeros((3, 3))], {})
            assert reply["status"] == "ok" and reply["forbidden"] == ["scipy.ndimage.gaussian_filter"], name
        assert not hasattr(worker.namespace["ndi"].gaussian_filter, "__wrapped__")  # no way to the original
        assert worker.call("clean", [np.ones(2)], {})["forbidden"] == []
    finally:
        worker.wires.uninstall()


def test_tripwires_restore_everything() -> None:
    import math

    wires = Tripwires(["math.hypot", "no_such_module.f", "math.no_such_function"])
    wires.install()
    math.hypot(3, 4)
    wires.uninstall()
    assert wires.calls == ["math.hypot"] and not hasattr(math.hypot, "__gausslearn_tripwire__")


def test_check_results_of_solutions_and_mistakes() -> None:
    def to_float(image):
        image = np.asarray(image)
        if image.dtype.kind == "b":
            return image.astype(np.float64)
        if image.dtype.kind in "ui":
            return image / float(np.iinfo(image.dtype).max)
        return image.astype(np.float64)

    assert all(r.passed for r in check_results("ex01_pixels", {"to_float": to_float}))
    bad = check_results("ex01_pixels", {"to_float": lambda im: np.asarray(im) / np.max(im)})
    assert any(not r.passed and "dtype's maximum" in r.feedback for r in bad)
    with pytest.raises(ValueError, match="unknown exercise id"):
        check_results("../etc", {})


def test_run_checks_prints_marks_and_hints(capsys: pytest.CaptureFixture[str]) -> None:
    def mse(a, b):
        raise NotImplementedError("Write your solution here")

    run_checks("ex02_noise", mse=mse)
    assert capsys.readouterr().out.startswith("mse: not written yet.")

    def mse(a, b):  # noqa: F811 - the learner's second attempt
        return 0.0

    run_checks("ex02_noise", mse=mse)
    out = capsys.readouterr().out
    assert out.startswith("Public checks of mse (ex02_noise):")
    assert "✗" in out and "hint: average the squared differences" in out
    assert "psnr" not in out.split("\n", 1)[1]  # only the checks of the function in this cell


def test_run_checks_by_name_uses_the_notebook_namespace(capsys: pytest.CaptureFixture[str]) -> None:
    namespace = {"run_checks": run_checks, "np": np}
    exec("def to_uint8(image):\n    return np.rint(np.clip(image, 0, 1) * 255).astype(np.uint8)\n"
         "run_checks('ex01_pixels', name='to_uint8')\n", namespace)
    out = capsys.readouterr().out
    assert "All 2 public checks passed" in out
    exec("run_checks('ex01_pixels', name='to_float')\n", namespace)
    assert "to_float is not defined yet" in capsys.readouterr().out


def test_a_broken_test_is_a_grader_error_and_the_others_still_run() -> None:
    import types

    module = types.ModuleType("fake_hidden")

    @points(1)
    def test_broken(student):
        """A test with a bug."""
        return {}["missing"]

    @points(2)
    def test_fine(student, rng):
        """A good test."""
        expect_close(student.call("f", 2.0), 4.0, "square it")

    @points(1)
    def test_wants_unknown_fixture(tmp_path):
        """Asks for a fixture the grader does not have."""

    module.test_broken, module.test_fine, module.test_unknown = test_broken, test_fine, test_wants_unknown_fixture
    results = {r.name: r for r in run_tests(module, LocalStudent({"f": lambda x: x * x}), seed=0)}
    assert results["test_broken"].status == "grader-error" and "KeyError" in results["test_broken"].feedback
    assert results["test_fine"].passed and results["test_fine"].points == 2
    assert results["test_wants_unknown_fixture"].status == "grader-error"
    assert "unknown fixture" in results["test_wants_unknown_fixture"].feedback
