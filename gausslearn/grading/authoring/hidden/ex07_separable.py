"""Hidden tests of exercise 7: a separable Gaussian filter in plain NumPy, equal to SciPy's.

The learner may not call SciPy's, scikit-image's or gausslearn's filtering functions (``FORBIDDEN``, declared in
the exercise's source): the grader's tripwires record every call, however the function was reached (alias,
``getattr``, ``importlib``, a private module path), and a test whose call reached one earns nothing.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import (
    Student,
    expect_close,
    expect_dtype,
    forbidden_helpers,
    points,
)

FUNCTIONS = ("gaussian_filter_separable",)
FORBIDDEN = forbidden_helpers("ex07_separable")


MODES = ("reflect", "mirror", "nearest", "constant", "wrap")
NUMPY_NAME = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "wrap": "wrap", "constant": "constant"}
ATOL = 1e-10


def _diagnose(arr: np.ndarray, image: np.ndarray, sigma: object, mode: str, truncate: float) -> str:
    """Name a known mistake that explains ``arr`` (empty string when none does)."""
    x = image.astype(np.float64)

    def same(other: np.ndarray) -> bool:
        return other.shape == arr.shape and bool(np.allclose(arr, other, rtol=0, atol=1e-8))

    if np.isnan(arr).any():
        return ("your result contains NaN: an axis with sigma 0 must be skipped (its kernel would be 0/0); "
                "SciPy leaves such an axis unchanged. ")
    for other in MODES:
        if other != mode and same(ndi.gaussian_filter(x, sigma, mode=other, truncate=truncate)):
            hint = ""
            if {mode, other} == {"reflect", "mirror"}:
                hint = (" numpy.pad's 'reflect' is SciPy's 'mirror'; SciPy's 'reflect' is numpy.pad's 'symmetric'.")
            elif mode == "nearest":
                hint = " SciPy's 'nearest' is numpy.pad's 'edge'."
            return f"your result for mode={mode!r} is SciPy's result for mode={other!r}.{hint} "
    if np.ndim(sigma) == 1 and len(set(np.atleast_1d(sigma).tolist())) > 1:
        if same(ndi.gaussian_filter(x, tuple(sigma)[::-1], mode=mode, truncate=truncate)):
            return ("your sigmas are applied in the reverse axis order: sigma[0] belongs to axis 0 (rows), "
                    "sigma[1] to axis 1, ... ")
    radius_rules = {"round(truncate * sigma)": lambda s: round(truncate * s),
                    "int(truncate * sigma)": lambda s: int(truncate * s)}
    for text, rule in radius_rules.items():
        radii = [rule(s) for s in np.broadcast_to(np.asarray(sigma, float), (x.ndim,))]
        if same(ndi.gaussian_filter(x, sigma, mode=mode, radius=tuple(radii), truncate=truncate)):
            return f"your kernel radius is {text}; SciPy's radius is int(truncate * sigma + 0.5). "
    if image.dtype.kind in "ui":
        trunc = ndi.gaussian_filter(image, sigma, mode=mode, truncate=truncate)
        if same(trunc.astype(np.float64)):
            return ("your result is truncated to integers: convert the image to float64 before filtering "
                    "(filtering in uint8 cuts every value down). ")
        exact = ndi.gaussian_filter(x, sigma, mode=mode, truncate=truncate)
        if same(np.trunc(exact)) or same(np.round(exact)):
            return ("your result was cast back to the image's integer dtype, which drops the fractions: return the "
                    "float64 result as it is. ")
    total = np.sum(arr)
    if total != 0 and np.isfinite(total):
        scale = np.sum(ndi.gaussian_filter(x, sigma, mode=mode, truncate=truncate)) / total
        if abs(scale - 1) > 1e-6 and same(scale * arr):
            return f"your result is {1 / scale:.4g} times SciPy's: the kernel weights must sum to 1 (normalise). "
    return ""


def check_filter(student: Student, image: np.ndarray, sigma: object, mode: str | None = None,
                 truncate: float | None = None) -> None:
    """Call the learner's filter and compare with ``scipy.ndimage.gaussian_filter`` on float64."""
    kwargs: dict[str, object] = {}
    if mode is not None:
        kwargs["mode"] = mode
    if truncate is not None:
        kwargs["truncate"] = truncate
    got = student.call("gaussian_filter_separable", image, sigma, **kwargs)
    m, t = mode or "reflect", 4.0 if truncate is None else truncate
    want = ndi.gaussian_filter(image.astype(np.float64), sigma, mode=m, truncate=t)
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    call = f"gaussian_filter_separable(<{image.dtype} array of shape {image.shape}>, sigma={sigma!r}" + \
        (f", {args}" if args else "") + ")"
    if isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype.kind in "fiu":
        arr = got.astype(np.float64)
        if not np.allclose(arr, want, rtol=0, atol=ATOL * max(1.0, float(np.abs(want).max()))):
            try:
                reason = _diagnose(arr, image, sigma, m, t)
            except Exception:  # noqa: BLE001 - naming the mistake is a bonus; the comparison below still fails
                reason = ""
            if reason:
                raise AssertionError(f"{call}: {reason}")
    expect_close(got, want, f"{call} differs from scipy.ndimage.gaussian_filter (allowed error {ATOL:g})",
                 rtol=ATOL, atol=ATOL)


@points(2)
def test_2d_scalar_sigma(student: Student, rng: np.random.Generator) -> None:
    """2-D image, one sigma, default mode 'reflect': equals SciPy."""
    check_filter(student, rng.random((24, 31)), 1.5)
    check_filter(student, rng.random((16, 16)), 2.0)


@points(1)
def test_per_axis_sigma(student: Student, rng: np.random.Generator) -> None:
    """One sigma per axis, applied in axis order (non-square image)."""
    check_filter(student, rng.random((17, 29)), (0.8, 3.1))
    check_filter(student, rng.random((30, 12)), (2.6, 1.1))


@points(1)
def test_sigma_zero_axis(student: Student, rng: np.random.Generator) -> None:
    """Sigma 0 leaves that axis alone (and sigma 0 everywhere returns the image as float64)."""
    image = rng.random((10, 13))
    check_filter(student, image, (0.0, 2.0))
    check_filter(student, image, (1.5, 0.0))
    check_filter(student, image, 0.0)


@points(2)
def test_every_mode(student: Student, rng: np.random.Generator) -> None:
    """All five border modes with SciPy's meaning."""
    image = rng.random((12, 9))
    for mode in MODES:
        check_filter(student, image, 1.7, mode=mode)
    check_filter(student, rng.random(15), 1.0, mode="mirror")


@points(1)
def test_other_ndim(student: Student, rng: np.random.Generator) -> None:
    """1-D signals and 3-D volumes, with per-axis sigma."""
    check_filter(student, rng.random(40), 2.5)
    check_filter(student, rng.random((6, 7, 8)), (1.0, 0.0, 1.5), mode="nearest")
    check_filter(student, rng.random((5, 6, 4)), 1.2, mode="wrap")


@points(1)
def test_tiny_images(student: Student, rng: np.random.Generator) -> None:
    """Images smaller than the kernel: the border pattern repeats."""
    for mode in MODES:
        check_filter(student, rng.random((3, 4)), 3.0, mode=mode)
    check_filter(student, rng.random((1, 5)), 2.0)


@points(1)
def test_truncate_and_radius(student: Student, rng: np.random.Generator) -> None:
    """truncate is honoured, with SciPy's radius rule int(truncate * sigma + 0.5)."""
    image = rng.random((20, 20))
    check_filter(student, image, 1.125)                 # radius 5 (round() would give 4)
    check_filter(student, image, 1.2, truncate=4.0)     # radius 5 (int() would give 4)
    check_filter(student, image, 1.0, truncate=2.5)
    check_filter(student, image, (2.0, 1.0), truncate=1.0)


@points(1)
def test_integer_input(student: Student, rng: np.random.Generator) -> None:
    """uint8 images are filtered in float64 (no truncation), result float64."""
    image = rng.integers(0, 256, size=(15, 18), dtype=np.uint8)
    check_filter(student, image, 2.0)
    got = student.call("gaussian_filter_separable", image, 1.0)
    expect_dtype(got, np.float64, "gaussian_filter_separable must return float64 for a uint8 image")


@points(2)
def test_no_library_filter(student: Student, rng: np.random.Generator) -> None:
    """Writes the filter itself (no SciPy, scikit-image or gausslearn filtering function), and it works."""
    # A call that reaches a forbidden function fails the test it is made in, naming the function (run_tests);
    # calls in the answer cells outside the function (a comparison with SciPy) cost nothing.
    image = rng.random((9, 11))
    check_filter(student, image, 1.3)
    check_filter(student, image, (0.5, 2.0), mode="wrap")
