"""Hidden tests of exercise 7: a separable Gaussian filter in plain NumPy, equal to SciPy's.

The learner may not call SciPy's, scikit-image's or gausslearn's filtering functions (declared in the exercise's
source, passed by the judge): the grader's tripwires record every call, however the function was reached (alias,
``getattr``, ``importlib``, a private module path), and a test whose call reached one earns nothing.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import (
    Student,
    StudentError,
    expect,
    expect_close,
    expect_dtype,
    points,
)
from gausslearn.grading.authoring.hidden import fail_if_named

FUNCTIONS = ("gaussian_filter_separable",)


MODES = ("reflect", "mirror", "nearest", "constant", "wrap")
NUMPY_NAME = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "wrap": "wrap", "constant": "constant"}
ATOL = 1e-10
#: Sigmas whose impulse responses name a learner's radius rule (4 * sigma: 4.5, 4.8, 10.4, 13.2).
RADIUS_PROBES = (1.125, 1.2, 2.6, 3.3)


def scipy_radius(sigma: float, truncate: float) -> int:
    """SciPy's kernel radius (0 for an axis that is not filtered)."""
    return int(truncate * float(sigma) + 0.5) if float(sigma) > 1e-15 else 0


def learner_radius(student: Student, sigma: float, truncate: float) -> int | None:
    """The radius of the learner's kernel for ``sigma``: half the width of the blurred impulse (None if unknown).

    Examples
    --------
    >>> class SciPy(Student):
    ...     def call(self, name, image, sigma, mode="reflect", truncate=4.0):
    ...         return ndi.gaussian_filter(image, sigma, mode=mode, truncate=truncate)
    >>> learner_radius(SciPy(), 1.2, 4.0), learner_radius(SciPy(), 1.2, 3.0)
    (5, 4)
    """
    half = max(10, int(3 * max(truncate, 4.0) * sigma) + 10)
    impulse = np.zeros((2 * half + 1, 2 * half + 1))
    impulse[half, half] = 1.0
    try:
        got = student.call("gaussian_filter_separable", impulse, float(sigma), truncate=truncate)
    except StudentError:
        return None
    if not (isinstance(got, np.ndarray) and got.shape == impulse.shape and got.dtype.kind in "fiu"):
        return None
    row = np.abs(np.asarray(got[half], dtype=np.float64))
    support = np.flatnonzero(row > 1e-14 * max(float(row.max()), 1e-300))
    if support.size == 0 or support[0] == 0 or support[-1] == row.size - 1:
        return None
    return int(max(half - support[0], support[-1] - half))


def name_radius_rule(seen: dict[tuple[float, float], int]) -> str | None:
    """Name the rule ``sigma, truncate -> radius`` that every observation in ``seen`` follows (None: no usual one).

    Examples
    --------
    >>> name_radius_rule({(1.2, 4.0): 3, (2.6, 4.0): 7, (1.0, 2.5): 3})
    'int(3 * sigma) (it ignores truncate)'
    >>> name_radius_rule({(1.125, 4.0): 4, (1.2, 4.0): 5})
    'round(truncate * sigma)'
    >>> name_radius_rule({(1.2, 4.0): 17}) is None
    True
    """
    roundings = {"int({} + 0.5)": lambda v: int(v + 0.5), "int({})": int, "round({})": round,
                 "ceil({})": math.ceil}
    for factor in ("truncate", 3, 4, 2, 2.5, 3.5, 5, 6, 1):
        for text, rule in roundings.items():
            if all(rule((t if factor == "truncate" else factor) * s) == r for (s, t), r in seen.items()):
                name = text.format(f"{factor} * sigma")
                ignores = factor != "truncate" and any(t != 4.0 for (_, t) in seen)
                return name + (" (it ignores truncate)" if ignores else "")
    return None


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
        exact = ndi.gaussian_filter(x, sigma, mode=mode, truncate=truncate)
        scale = np.sum(exact) / total
        if abs(scale - 1) > 1e-9 and np.allclose(scale * arr, exact, rtol=0, atol=1e-8):
            return (f"your result is {1 / scale:.7g} times SciPy's: the kernel weights must sum to 1 (divide them by "
                    "their sum, not by sqrt(2 pi) sigma). ")
    return ""


def _interior(shape: tuple[int, ...], radii: list[int]) -> tuple[slice, ...] | None:
    """The pixels farther than each axis's radius from the border, where the border mode cannot matter."""
    region = tuple(slice(r, n - r) for n, r in zip(shape, radii, strict=True))
    return None if any(s.start >= s.stop for s in region) else region


def check_filter(student: Student, image: np.ndarray, sigma: object, mode: str | None = None,
                 truncate: float | None = None, *, border: bool = False) -> None:
    """Call the learner's filter and compare with ``scipy.ndimage.gaussian_filter`` on float64.

    Unless ``border`` is true, only the interior counts (pixels farther than the kernel radius from the border),
    where the border mode cannot matter, and a kernel radius of the learner's own is allowed for: such a result
    is compared with SciPy's filter of the same radius (the radius rule is ``test_truncate_and_radius``'s).
    """
    kwargs: dict[str, object] = {}
    if mode is not None:
        kwargs["mode"] = mode
    if truncate is not None:
        kwargs["truncate"] = truncate
    got = student.call("gaussian_filter_separable", image, sigma, **kwargs)
    m, t = mode or "reflect", 4.0 if truncate is None else truncate
    x = image.astype(np.float64)
    want = ndi.gaussian_filter(x, sigma, mode=m, truncate=t)
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    call = f"gaussian_filter_separable(<{image.dtype} array of shape {image.shape}>, sigma={sigma!r}" + \
        (f", {args}" if args else "") + ")"
    sigmas = [float(s) for s in np.broadcast_to(np.asarray(sigma, dtype=np.float64), (image.ndim,))]
    if not isinstance(got, np.ndarray) or got.shape != want.shape or got.dtype.kind not in "fiu":
        expect_close(got, want, f"{call} differs from scipy.ndimage.gaussian_filter", rtol=ATOL, atol=ATOL)
        return
    arr = got.astype(np.float64)
    tol = ATOL * max(1.0, float(np.abs(want).max()))
    radii = [scipy_radius(s, t) for s in sigmas]
    region = None if border else _interior(image.shape, radii)
    where = "" if region is None else " away from the border"
    if np.allclose(arr[region or ...], want[region or ...], rtol=0, atol=tol):
        return
    theirs = {s: learner_radius(student, s, t) for s in set(sigmas) if s > 1e-15}
    own = [theirs.get(s) if s > 1e-15 else 0 for s in sigmas]
    if None not in own and own != radii:
        same_radius = ndi.gaussian_filter(x, sigma, mode=m, truncate=t, radius=tuple(own))
        region = None if border else _interior(image.shape, [max(a, b) for a, b in zip(own, radii, strict=True)])
        if (border or region is not None) and np.allclose(arr[region or ...], same_radius[region or ...],
                                                          rtol=0, atol=tol):
            return   # right but for the radius rule, which test_truncate_and_radius judges
    fail_if_named(call, lambda: _diagnose(arr, image, sigma, m, t))
    expect_close(arr[region or ...], want[region or ...],
                 f"{call} differs from scipy.ndimage.gaussian_filter{where} (allowed error {ATOL:g})",
                 rtol=ATOL, atol=ATOL)


BASIC = "test_2d_scalar_sigma"


@points(2)
def test_2d_scalar_sigma(student: Student, rng: np.random.Generator) -> None:
    """2-D image, one sigma: equals SciPy away from the border (kernel, radius-wide sums, both axes)."""
    check_filter(student, rng.random((30, 41)), 1.5)
    check_filter(student, rng.random((36, 36)), 2.0)


@points(1, requires=BASIC)
def test_per_axis_sigma(student: Student, rng: np.random.Generator) -> None:
    """One sigma per axis, applied in axis order (non-square image)."""
    check_filter(student, rng.random((40, 50)), (0.8, 3.1))
    check_filter(student, rng.random((50, 30)), (2.6, 1.1))


@points(1, requires=BASIC)
def test_sigma_zero_axis(student: Student, rng: np.random.Generator) -> None:
    """Sigma 0 leaves that axis alone (and sigma 0 everywhere returns the image as float64)."""
    check_filter(student, rng.random((20, 12, 20)), (1.5, 0.0, 1.5))
    image = rng.random((10, 13))
    check_filter(student, image, (0.0, 0.0))
    check_filter(student, image, 0.0)


@points(2, requires=BASIC)
def test_every_mode(student: Student, rng: np.random.Generator) -> None:
    """All five border modes with SciPy's meaning, on the whole image."""
    image = rng.random((12, 9))
    check_filter(student, image, 1.7, border=True)
    for mode in MODES:
        check_filter(student, image, 1.7, mode=mode, border=True)
    check_filter(student, rng.random(15), 1.0, mode="mirror", border=True)


@points(1, requires=BASIC)
def test_other_ndim(student: Student, rng: np.random.Generator) -> None:
    """1-D signals and 3-D volumes."""
    check_filter(student, rng.random(60), 2.5)
    check_filter(student, rng.random((22, 24, 26)), 1.2)


@points(1, requires=("test_every_mode",))
def test_tiny_images(student: Student, rng: np.random.Generator) -> None:
    """Images smaller than the kernel: the border pattern repeats."""
    for mode in MODES:
        check_filter(student, rng.random((3, 4)), 3.0, mode=mode, border=True)
    check_filter(student, rng.random((1, 5)), 2.0, border=True)


@points(1, requires=BASIC)
def test_truncate_and_radius(student: Student, rng: np.random.Generator) -> None:
    """truncate is honoured, with SciPy's radius rule int(truncate * sigma + 0.5)."""
    # 4 * 1.125 = 4.5 (round() gives 4), 4 * 1.2 = 4.8 (int() gives 4), 2.5 * 1.0 = 2.5, 1.0 * 2.0 = 2.0
    seen = {}
    for sigma, truncate in [(s, 4.0) for s in RADIUS_PROBES] + [(1.0, 2.5), (2.0, 1.0)]:
        r = learner_radius(student, sigma, truncate)
        if r is not None:
            seen[(sigma, truncate)] = r
    wrong = {key: r for key, r in seen.items() if r != scipy_radius(*key)}
    if wrong:
        (s, t), r = next(iter(wrong.items()))
        rule = name_radius_rule(seen)
        raise AssertionError((f"your kernel radius follows {rule}" if rule else "your kernel radius is not SciPy's")
                             + f": for sigma={s:g} and truncate={t:g} your kernel reaches {r} pixels out (about "
                             f"{r / s:.3g} sigmas); SciPy's radius is int(truncate * sigma + 0.5) = {scipy_radius(s, t)}. "
                             "(Measured from your filter's response to a single bright pixel.)")
    expect(len(seen) == len(RADIUS_PROBES) + 2, "the radius of your kernel could not be measured: filtering a single "
           "bright pixel must give an image of the same shape whose bright spot reaches the kernel's radius")


@points(1, requires=BASIC)
def test_integer_input(student: Student, rng: np.random.Generator) -> None:
    """uint8 images are filtered in float64 (no truncation), result float64."""
    image = rng.integers(0, 256, size=(25, 28), dtype=np.uint8)
    check_filter(student, image, 2.0)
    got = student.call("gaussian_filter_separable", image, 1.0)
    expect_dtype(got, np.float64, "gaussian_filter_separable must return float64 for a uint8 image")


@points(2, requires=BASIC)
def test_no_library_filter(student: Student, rng: np.random.Generator) -> None:
    """Writes the filter itself (no SciPy, scikit-image or gausslearn filtering function), and it works."""
    # A call that reaches a forbidden function fails the test it is made in, naming the function (run_tests);
    # calls in the answer cells outside the function (a comparison with SciPy) cost nothing.
    image = rng.random((29, 31))
    check_filter(student, image, 1.3)
    check_filter(student, image, 2.0, mode="wrap")
