"""Hidden tests of exercise 3: SciPy's sampled Gaussian kernel in 1-D and 2-D.

The reference weights come from SciPy itself (the impulse response of ``gaussian_filter1d``), so the tests
follow SciPy if its rule ever changes. Every failing test names the pitfall it caught. The properties are
tested apart: the radius rule by the number of weights alone, ``truncate`` on weights compared up to their
sum, the 2-D kernel against the outer product of the learner's own 1-D kernels; tests that need the whole
1-D kernel right ``require`` the tests of its parts.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, StudentError, expect, expect_close, points

FUNCTIONS = ("gaussian_kernel1d", "gaussian_kernel2d")


def scipy_weights(sigma: float, truncate: float = 4.0) -> np.ndarray:
    """SciPy's 1-D Gaussian weights: the response of ``gaussian_filter1d`` to a centred impulse.

    Examples
    --------
    >>> scipy_weights(1.0).shape, round(float(scipy_weights(1.0).sum()), 12)
    ((9,), 1.0)
    """
    radius = int(truncate * sigma + 0.5)
    impulse = np.zeros(2 * radius + 1)
    impulse[radius] = 1.0
    # correlation with a centred impulse returns the (symmetric) weights themselves
    return ndi.gaussian_filter1d(impulse, sigma, truncate=truncate, mode="constant")


def _radius_diagnosis(n: int, sigma: float, truncate: float) -> str:
    """Name the radius rule that yields a kernel of ``n`` samples (empty when none of the usual ones)."""
    if n % 2 == 0:
        return (f"it has an even number of samples ({n}); a kernel has 2 * radius + 1 samples, centred on offset 0. ")
    got = (n - 1) // 2
    want = int(truncate * sigma + 0.5)
    rules = [(round(truncate * sigma), "round(truncate * sigma) (Python rounds 4.5 to 4: halves go to the even "
              "neighbour)"),
             (int(truncate * sigma), "int(truncate * sigma) (that cuts 4.8 down to 4)"),
             (math.ceil(truncate * sigma), "ceil(truncate * sigma)"),
             (int(3 * sigma + 0.5), "three sigmas instead of truncate sigmas"),
             (int(4 * sigma + 0.5), "int(4 * sigma + 0.5), as if truncate were always 4 (use the truncate argument)")]
    matching = [text for radius, text in rules if radius == got != want]
    if matching:
        return (f"its radius is {got}, as {' or '.join(matching)} gives; SciPy's radius is "
                f"int(truncate * sigma + 0.5) = {want} for sigma={sigma:g}, truncate={truncate:g}. ")
    return f"its radius is {got}, SciPy's is int(truncate * sigma + 0.5) = {want}. "


def check_kernel1d(got: object, sigma: float, truncate: float = 4.0, *, what: str = "all") -> None:
    """Compare a learner's 1-D kernel with SciPy's and fail with a message naming the pitfall.

    ``what`` is ``"all"`` (length, sum, values), ``"size"`` (the number of weights: the radius rule) or
    ``"shape"`` (length and the values up to their sum: everything but the normalisation).
    """
    want = scipy_weights(sigma, truncate)
    where = f"gaussian_kernel1d({sigma:g}, truncate={truncate:g})"
    arr = np.asarray(got) if isinstance(got, (np.ndarray, list, tuple)) else None
    if arr is None or arr.dtype.kind not in "fiu" or arr.ndim != 1:
        expect_close(got, want, f"{where} must return a 1-D float array of {want.size} weights")
        return
    if arr.size != want.size:
        raise AssertionError(f"{where} returned {arr.size} weight{'s' if arr.size != 1 else ''} instead of {want.size}: "
                             + _radius_diagnosis(arr.size, sigma, truncate))
    if what == "size":
        return
    total = float(arr.sum())
    if what == "shape":
        expect(total != 0 and np.isfinite(total), f"{where}: your weights sum to {total:g}")
        expect_close(arr / total, want, f"{where}: your weights, divided by their sum, differ from SciPy's "
                     "exp(-x**2 / (2 sigma**2)) / sum, x = -radius..radius", rtol=1e-9, atol=1e-12)
        return
    if not math.isclose(total, 1.0, rel_tol=0, abs_tol=1e-9):
        proportional = total != 0 and np.allclose(arr / total, want, rtol=1e-9, atol=1e-12)
        extra = (" Its shape is right: divide the samples by their sum (not by sqrt(2*pi)*sigma; the sampled sum "
                 "differs from the continuous integral)." if proportional else "")
        raise AssertionError(f"{where}: your weights sum to {total:.10g}, not 1 (unnormalised kernel: it would "
                             f"change the image's mean brightness).{extra}")
    expect_close(arr, want, f"{where} differs from SciPy's weights exp(-x**2 / (2 sigma**2)) / sum, "
                 "x = -radius..radius", rtol=1e-9, atol=1e-12)


def check_kernel2d(student: Student, got: object, sigma: float | tuple[float, float], truncate: float = 4.0) -> None:
    """Compare a learner's 2-D kernel with the outer product of SciPy's 1-D kernels, or of the learner's own 1-D
    kernels (a mistake in the 1-D kernel is the 1-D tests' business)."""
    s0, s1 = (sigma, sigma) if np.ndim(sigma) == 0 else sigma
    want = np.outer(scipy_weights(s0, truncate), scipy_weights(s1, truncate))
    mine = got if isinstance(got, np.ndarray) and got.dtype.kind in "fiu" else None
    if mine is not None and not (mine.shape == want.shape and np.allclose(mine, want, rtol=1e-9, atol=1e-12)):
        own = _own_outer(student, s0, s1, truncate)
        if own is not None and mine.shape == own.shape and np.allclose(mine, own, rtol=1e-9, atol=1e-12):
            return
    where = f"gaussian_kernel2d({sigma!r}, truncate={truncate:g})"
    arr = np.asarray(got) if isinstance(got, (np.ndarray, list, tuple)) else None
    if arr is None or arr.dtype.kind not in "fiu" or arr.ndim != 2:
        expect_close(got, want, f"{where} must return a 2-D float array of shape {want.shape}")
        return
    if arr.shape != want.shape and arr.shape == want.shape[::-1]:
        raise AssertionError(f"{where} has shape {arr.shape}, expected {want.shape}: the axes are swapped. "
                             "sigma[0] belongs to axis 0 (rows, the kernel's height), sigma[1] to the columns: "
                             "np.outer(kernel_rows, kernel_cols).")
    total = float(arr.sum()) if arr.size else 0.0
    if arr.shape == want.shape and not math.isclose(total, 1.0, rel_tol=0, abs_tol=1e-9):
        raise AssertionError(f"{where}: your 2-D weights sum to {total:.10g}, not 1. The outer product of two "
                             "normalised 1-D kernels already sums to 1 (normalise each 1-D kernel once, or the "
                             "2-D kernel once, not never and not twice with a square root).")
    expect_close(arr, want, f"{where} differs from the outer product of the two 1-D kernels",
                 rtol=1e-9, atol=1e-12)


def _own_outer(student: Student, s0: float, s1: float, truncate: float) -> np.ndarray | None:
    """``np.outer`` of the learner's own 1-D kernels (None when they are not 1-D arrays)."""
    try:
        k0 = student.call("gaussian_kernel1d", float(s0), truncate)
        k1 = student.call("gaussian_kernel1d", float(s1), truncate)
    except StudentError:
        return None
    if not all(isinstance(k, np.ndarray) and k.ndim == 1 and k.dtype.kind in "fiu" for k in (k0, k1)):
        return None
    return np.outer(k0, k1)


@points(2)
def test_kernel1d_basic(student: Student, rng: np.random.Generator) -> None:
    """1-D kernel equals SciPy's weights for sigma 1, 2 and 3."""
    for sigma in (1.0, 2.0, 3.0):
        check_kernel1d(student.call("gaussian_kernel1d", sigma), sigma)


@points(2, requires=("test_kernel1d_basic", "test_kernel1d_radius_rule"))
def test_kernel1d_random_sigmas(student: Student, rng: np.random.Generator) -> None:
    """1-D kernel sums to 1 and equals SciPy's weights for random sigmas."""
    for sigma in rng.uniform(0.3, 6.0, size=6):
        sigma = float(sigma)
        check_kernel1d(student.call("gaussian_kernel1d", sigma), sigma)


@points(2)
def test_kernel1d_radius_rule(student: Student, rng: np.random.Generator) -> None:
    """Radius is int(truncate * sigma + 0.5), also where round(), int() or ceil() differ."""
    # 4 * 1.125 = 4.5 (round -> 4), 4 * 1.2 = 4.8 (int -> 4), 4 * 1.05 = 4.2 (ceil -> 5), 2.5 * 1.0 = 2.5
    for sigma, truncate in ((1.125, 4.0), (1.2, 4.0), (1.05, 4.0), (1.0, 2.5), (2.625, 4.0)):
        check_kernel1d(student.call("gaussian_kernel1d", sigma, truncate), sigma, truncate, what="size")


@points(1, requires="test_kernel1d_radius_rule")
def test_kernel1d_truncate(student: Student, rng: np.random.Generator) -> None:
    """Other truncate values, passed by keyword: shorter or longer kernels."""
    for truncate in (1.0, 2.0, 3.0, 6.0):
        sigma = float(rng.uniform(0.5, 3.0))
        check_kernel1d(student.call("gaussian_kernel1d", sigma, truncate=truncate), sigma, truncate, what="shape")


@points(1, requires=("test_kernel1d_basic", "test_kernel1d_radius_rule"))
def test_kernel1d_tiny(student: Student, rng: np.random.Generator) -> None:
    """Tiny kernels: radius 0 gives the single weight [1.0], radius 1 three weights."""
    for sigma, truncate in ((0.1, 4.0), (1.0, 0.4), (0.2, 4.0), (0.3, 4.0)):
        check_kernel1d(student.call("gaussian_kernel1d", sigma, truncate), sigma, truncate)


@points(1)
def test_kernel2d_scalar(student: Student, rng: np.random.Generator) -> None:
    """2-D kernel for one sigma: outer product of two 1-D kernels, sums to 1."""
    for sigma in (1.0, float(rng.uniform(0.5, 4.0))):
        check_kernel2d(student, student.call("gaussian_kernel2d", sigma), sigma)
    check_kernel2d(student, student.call("gaussian_kernel2d", 1.5, truncate=2.0), 1.5, 2.0)


@points(1)
def test_kernel2d_per_axis(student: Student, rng: np.random.Generator) -> None:
    """2-D kernel with one sigma per axis: sigma[0] sets the height (rows), sigma[1] the width."""
    pairs = [(1.0, 3.0), (2.5, 0.7), (float(rng.uniform(0.5, 3.0)), float(rng.uniform(0.5, 3.0)))]
    for pair in pairs:
        check_kernel2d(student, student.call("gaussian_kernel2d", pair), pair)
