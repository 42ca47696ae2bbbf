"""Hidden tests of exercise 2: ``mse`` and ``psnr``.

Expected values are computed here in float64 with plain NumPy; when a result matches a typical wrong
approach, the feedback names that approach. The psnr tests judge the data range and the formula against the
learner's own ``mse`` as well as the true one, so a mistake in ``mse`` (wrap-around, a sum) costs only the
``mse`` tests.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from gausslearn.grading.api import Student, StudentError, expect, expect_close, points

FUNCTIONS = ("mse", "psnr")


def _ref_mse(a: np.ndarray, b: np.ndarray) -> float:
    d = np.asarray(a, np.float64) - np.asarray(b, np.float64)
    return float(np.mean(d * d))


def _close(out: Any, value: float) -> bool:
    try:
        x = float(np.asarray(out, dtype=np.float64))
    except (TypeError, ValueError):
        return False
    return math.isclose(x, value, rel_tol=1e-6, abs_tol=1e-12) or (math.isinf(x) and x == value)


def _pitfall(out: Any, want: float, pitfalls: dict[str, float] | list[tuple[str, float]]) -> str:
    """The text of the first wrong approach whose value ``out`` matches (and the right answer does not)."""
    for text, value in (pitfalls.items() if isinstance(pitfalls, dict) else pitfalls):
        if _close(out, value) and not _close(want, value):
            return text
    return ""


def _learner_mse(student: Student, a: np.ndarray, b: np.ndarray) -> float | None:
    """The learner's own ``mse(a, b)`` as a number (None when it fails or is not a number)."""
    try:
        value = float(np.asarray(student.call("mse", a, b), dtype=np.float64))
    except (StudentError, TypeError, ValueError):
        return None
    return value if math.isfinite(value) and value > 0 else None


def check_psnr(student: Student, out: Any, ref: np.ndarray, test: np.ndarray, data_range: float,
               pitfalls: list[tuple[str, float]], message: str) -> None:
    """``out`` must be ``10 log10(R**2 / MSE)`` for the right range R, with the true MSE or the learner's own."""
    err = _ref_mse(ref, test)
    want = 10 * math.log10(data_range**2 / err)
    mine = _learner_mse(student, ref, test)
    if mine is not None and _close(out, 10 * math.log10(data_range**2 / mine)):
        return   # the range and the formula are right; mse's own mistakes are judged by the mse tests
    pitfall = _pitfall(out, want, pitfalls)
    expect(not pitfall, pitfall)
    expect_close(out, want, message, rtol=1e-9)


def _wrapped_mse(a: np.ndarray, b: np.ndarray) -> list[float]:
    """MSE values a uint8 computation can produce: the difference wraps, and maybe the squares too."""
    with np.errstate(over="ignore"):
        d = a - b
        return [float(np.mean(d.astype(np.float64) ** 2)), float(np.mean(d * d)), float(np.mean((d * d).astype(np.float64)))]


# -- mse ---------------------------------------------------------------------------------------------------

@points(2)
def test_mse_float_images(student: Student, rng: np.random.Generator) -> None:
    """mse is the mean of the squared differences of two float images."""
    a, b = rng.random((6, 7)), rng.random((6, 7))
    want = _ref_mse(a, b)
    out = student.call("mse", a, b)
    pitfall = _pitfall(out, want, {"mse sums the squared differences instead of averaging them": want * a.size,
                             "mse forgets to square the differences (that is the mean absolute error)":
                             float(np.mean(np.abs(a - b))),
                             "mse returns the root of the mean squared error; do not take the square root":
                             math.sqrt(want)})
    expect(not pitfall, pitfall)
    expect_close(out, want, "mse(a, b) must equal the mean of (a - b) ** 2", rtol=1e-9)


@points(2, requires="test_mse_float_images")
def test_mse_uint8_does_not_wrap(student: Student, rng: np.random.Generator) -> None:
    """mse of uint8 images is computed in floating point (no wrap-around)."""
    a = rng.integers(60, 190, size=(5, 5)).astype(np.uint8)
    step = rng.integers(1, 50, size=a.shape) * np.where(np.arange(a.size).reshape(a.shape) % 2, 1, -1)
    b = (a.astype(np.int64) + step).astype(np.uint8)  # brighter and darker pixels: a - b and b - a both wrap
    want = _ref_mse(a, b)
    out = student.call("mse", a, b)
    for value in _wrapped_mse(a, b) + _wrapped_mse(b, a):
        if _close(out, value) and not _close(out, want):
            expect(False, "mse computes the difference in uint8 so it wraps around (10 - 20 becomes 246); convert "
                          "both images to float64 before subtracting")
    expect_close(out, want, "mse of two uint8 images must equal the mean of the squared differences of their "
                 "grey levels", rtol=1e-9)


@points(1)
def test_mse_returns_a_number(student: Student, rng: np.random.Generator) -> None:
    """mse returns a single number, symmetric in its two arguments."""
    a, b = rng.random((3, 4, 3)), rng.random((3, 4, 3))
    ab, ba = student.call("mse", a, b), student.call("mse", b, a)
    expect(isinstance(ab, (float, int)) or (hasattr(ab, "shape") and ab.shape == ()),
           f"mse must return one number (a float), got {type(ab).__name__}"
           + (f" of shape {ab.shape}" if hasattr(ab, "shape") else ""))
    expect_close(ba, ab, "mse(a, b) must equal mse(b, a)", rtol=1e-12)


@points(1)
def test_mse_rejects_different_shapes(student: Student, rng: np.random.Generator) -> None:
    """mse raises a ValueError when the two shapes differ (and works when they agree)."""
    a, b = rng.random((4, 4)), rng.random((4, 1))
    same = rng.random((4, 4))
    out = student.call("mse", a, same)
    expect(np.ndim(out) == 0 and np.asarray(out).dtype.kind in "iuf",
           f"mse of two (4, 4) images must return one number, got {out!r}")
    try:
        out = student.call("mse", a, b)
    except StudentError as exc:
        expect(exc.kind == "exception" and exc.exception_type == "ValueError",
               f"mse must raise a ValueError for shapes (4, 4) and (4, 1); instead: {exc.message}")
        return
    expect(False, f"mse returned {out!r} for images of shapes (4, 4) and (4, 1): NumPy broadcast them; check "
                  "a.shape == b.shape and raise a ValueError")


# -- psnr --------------------------------------------------------------------------------------------------

@points(2)
def test_psnr_float_default_range(student: Student, rng: np.random.Generator) -> None:
    """psnr of float images uses a data range of 1.0."""
    ref = rng.random((8, 8))
    test = ref + rng.normal(0, 0.05, ref.shape)
    err = _ref_mse(ref, test)
    out = student.call("psnr", ref, test)
    check_psnr(student, out, ref, test, 1.0, [
        ("psnr uses 255 as the range of a float image; float images run from 0 to 1", 10 * math.log10(255.0**2 / err)),
        ("psnr uses the image's own maximum as the data range instead of the dtype's range",
         10 * math.log10(float(ref.max()) ** 2 / err)),
        ("psnr uses the image's own max - min as the data range instead of the dtype's range",
         10 * math.log10(float(ref.max() - ref.min()) ** 2 / err)),
        ("psnr uses 20 * log10(R**2 / MSE); the factor is 10 for a ratio of squares", 20 * math.log10(1.0 / err))],
        "psnr(reference, test) of float images must equal 10 * log10(1 / MSE)")


@points(2)
def test_psnr_uint8_default_range(student: Student, rng: np.random.Generator) -> None:
    """psnr of uint8 images uses a data range of 255."""
    ref = rng.integers(40, 120, size=(8, 8)).astype(np.uint8)  # a dark image: its maximum is far below 255
    step = rng.integers(1, 30, size=ref.shape) * np.where(np.arange(ref.size).reshape(ref.shape) % 2, 1, -1)
    test = (ref.astype(np.int64) + step).astype(np.uint8)  # brighter and darker pixels: both orders wrap
    err = _ref_mse(ref, test)
    out = student.call("psnr", ref, test)
    pitfalls = [("psnr uses 1.0 as the range of a uint8 image; take the dtype's maximum (255)",
                 10 * math.log10(1.0 / err)),
                ("psnr uses the image's own maximum as the data range instead of the dtype's maximum (255)",
                 10 * math.log10(float(ref.max()) ** 2 / err))]
    pitfalls += [("psnr computes the difference in uint8 so it wraps around; convert to float64 before subtracting",
                  10 * math.log10(255.0**2 / value))
                 for value in _wrapped_mse(test, ref) + _wrapped_mse(ref, test) if value > 0 and value != err]
    check_psnr(student, out, ref, test, 255.0, pitfalls,
               "psnr(reference, test) of uint8 images must equal 10 * log10(255**2 / MSE)")


@points(1)
def test_psnr_uint16_default_range(student: Student, rng: np.random.Generator) -> None:
    """psnr of uint16 images uses a data range of 65535."""
    ref = rng.integers(1000, 40000, size=(6, 6)).astype(np.uint16)   # its own maximum is far below 65535
    test = np.clip(ref.astype(np.int64) + rng.integers(-500, 500, size=ref.shape), 0, 65535).astype(np.uint16)
    err = _ref_mse(ref, test)
    out = student.call("psnr", ref, test)
    check_psnr(student, out, ref, test, 65535.0, [
        ("psnr assumes every integer image is uint8 (range 255); use the dtype's maximum", 10 * math.log10(255.0**2 / err)),
        ("psnr uses the image's own maximum as the data range instead of the dtype's maximum (65535)",
         10 * math.log10(float(ref.max()) ** 2 / err))],
        "psnr of uint16 images must use the range 65535")


@points(1)
def test_psnr_explicit_range(student: Student, rng: np.random.Generator) -> None:
    """psnr uses data_range when it is given."""
    ref = rng.random((5, 5)) * 2.0 - 1.0  # values in [-1, 1]: the range is 2
    test = ref + rng.normal(0, 0.1, ref.shape)
    out = student.call("psnr", ref, test, data_range=2.0)
    check_psnr(student, out, ref, test, 2.0, [], "psnr(reference, test, data_range=2.0) must use R = 2")


@points(1)
def test_psnr_identical_is_infinite(student: Student, rng: np.random.Generator) -> None:
    """psnr of two identical images is infinite."""
    ref = rng.random((4, 4))
    apart = student.call("psnr", ref, ref + 0.01)
    expect(np.ndim(apart) == 0 and np.isfinite(np.asarray(apart, dtype=np.float64)),
           f"psnr of two different images must be a finite number, got {apart!r}")
    out = student.call("psnr", ref, ref.copy())
    expect(_close(out, math.inf), f"psnr of identical images must be float('inf') (no noise at all), got {out!r}; "
           "return float('inf') when the MSE is 0 instead of dividing by zero")


@points(1, in_place=("mse", "psnr"))
def test_psnr_leaves_inputs_alone(student: Student, rng: np.random.Generator) -> None:
    """psnr and mse do not modify their inputs."""
    ref = rng.integers(0, 256, size=(5, 5)).astype(np.uint8)
    test = rng.integers(0, 256, size=(5, 5)).astype(np.uint8)
    student.call("mse", ref, test)  # a 'modified its input' error fails this test
    student.call("psnr", ref, test)
