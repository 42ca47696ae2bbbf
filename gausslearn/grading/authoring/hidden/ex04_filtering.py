"""Hidden tests of exercise 4: ``correlate2d`` (correlation by hand) and ``blur_uint8`` (a uint8 blur rounded once).

References: ``scipy.ndimage.correlate(image.astype(float64), kernel, mode="reflect")`` and
``np.rint(scipy.ndimage.gaussian_filter(image.astype(float64), sigma))``. Each test checks one property on
inputs where the others cannot fail it: the orientation of the kernel on the image's interior (no border
involved) with asymmetric kernels, the border with kernels that are symmetric along both axes (a flip changes
nothing), integer input on the interior, the rounding of ``blur_uint8`` per pixel whatever the dtype, its
border with a tolerance that rounding cannot exceed. When a result matches a known mistake, the feedback names it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect, expect_close, expect_dtype, expect_shape, points

FUNCTIONS = ("correlate2d", "blur_uint8")

#: SciPy's mode names with numpy.pad's name for the same rule (the feedback names both).
NUMPY_NAME = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "constant": "constant",
              "wrap": "wrap"}
ATOL = 1e-10
#: Pixels of the blur_uint8 test images left out at the border (the radius of sigma 2) when judging the rounding.
RADIUS_MARGIN = 9


def reference(image: np.ndarray, kernel: np.ndarray, mode: str = "reflect", origin: Any = 0) -> np.ndarray:
    """SciPy's correlation in float64: the expected ``correlate2d`` (with ``mode="reflect"``, ``origin=0``).

    Examples
    --------
    >>> spike = np.zeros((5, 5)); spike[2, 2] = 1.0
    >>> reference(spike, np.arange(1.0, 10.0).reshape(3, 3))[1:4, 1:4]
    array([[9., 8., 7.],
           [6., 5., 4.],
           [3., 2., 1.]])
    """
    return ndi.correlate(np.asarray(image, dtype=np.float64), np.asarray(kernel, dtype=np.float64), mode=mode,
                         origin=origin)


def interior(shape: tuple[int, int], kernel_shape: tuple[int, ...], extra: int = 0) -> tuple[slice, slice]:
    """The output pixels whose window lies inside the image (and ``extra`` pixels more): no border involved."""
    return tuple(slice(k // 2 + extra, n - (k - 1 - k // 2) - extra)  # type: ignore[return-value]
                 for n, k in zip(shape, kernel_shape, strict=True))


def _call(image: np.ndarray, kernel: np.ndarray) -> str:
    return f"correlate2d(<{image.dtype} image {image.shape}>, <kernel {kernel.shape}>)"


def _diagnose(arr: np.ndarray, image: np.ndarray, kernel: np.ndarray, region: tuple[slice, slice]) -> str:
    """Name a known mistake whose result equals ``arr`` on ``region`` (empty when none does)."""
    want = reference(image, kernel)[region]

    def same(other: np.ndarray) -> bool:
        part = other[region]
        return bool(np.allclose(arr[region], part, rtol=1e-9, atol=1e-9)) and not np.allclose(want, part, rtol=1e-9,
                                                                                                atol=1e-9)

    k = np.asarray(kernel, dtype=np.float64)
    origin = tuple(-1 if n % 2 == 0 else 0 for n in k.shape)
    if any(origin) and same(reference(image, k, origin=origin)):
        return (f"your {k.shape[0]} x {k.shape[1]} kernel is centred on kernel[(kh - 1) // 2, (kw - 1) // 2]; the "
                "task's formula (SciPy's rule for even sizes) puts kernel[kh // 2, kw // 2] on the pixel itself, "
                "so pad kh // 2 rows before and after (the last padded row is simply not used)")
    flips = {"you flipped the kernel: that is convolution (scipy.ndimage.convolve). Correlation multiplies the "
             "pixel a rows below and b columns right of the window's top-left corner by kernel[a, b], the kernel "
             "as it is": k[::-1, ::-1],
             "you flipped the kernel upside down (kernel[::-1, :]); correlation uses it as it is": k[::-1, :],
             "you flipped the kernel left-right (kernel[:, ::-1]); correlation uses it as it is": k[:, ::-1]}
    if k.shape[0] == k.shape[1]:
        flips["you swapped the kernel's rows and columns (kernel[b, a] instead of kernel[a, b]): the first index "
              "of the kernel moves down the rows of the image"] = k.T
    for text, other in flips.items():
        if other.shape == k.shape and not np.array_equal(other, k) and same(reference(image, other)):
            return text
    if k.sum() not in (0.0, 1.0) and same(reference(image, k / k.sum())):
        return "you normalised the kernel (divided it by its sum); use the weights as given"
    for mode in ("mirror", "nearest", "constant", "wrap"):
        if same(reference(image, k, mode=mode)):
            hint = (" numpy.pad's 'reflect' is SciPy's 'mirror'; SciPy's 'reflect' is np.pad(..., mode='symmetric')"
                    if mode == "mirror" else " Pad with np.pad(..., mode='symmetric'), SciPy's 'reflect'.")
            return (f"at the border your result is SciPy's mode={mode!r} (np.pad's {NUMPY_NAME[mode]!r}), not the "
                    f"default 'reflect' (the edge pixel mirrored too).{hint}")
    if image.dtype == np.uint8:
        exact = reference(image, k)
        if same(exact.astype(np.uint8).astype(np.float64)):
            return ("your result was stored in the image's dtype, uint8 (np.zeros_like(image) or .astype(image.dtype)): "
                    "every sum is truncated, and sums above 255 or below 0 wrap around (256 becomes 0, -1 becomes "
                    "255). Build the result as float64: np.zeros(image.shape)")
        if same(np.clip(exact, 0, 255)):
            return "you clipped the result to 0..255; correlate2d returns the sums as they are, in float64"
    return ""


def check_correlation(student: Student, image: np.ndarray, kernel: np.ndarray,
                      region: tuple[slice, slice] | None = None) -> np.ndarray:
    """Call ``correlate2d`` and compare with SciPy (on ``region`` only, when given); name a known mistake."""
    got = student.call("correlate2d", image, kernel)
    want = reference(image, kernel)
    where = region if region is not None else (slice(None), slice(None))
    what = "on the pixels whose window lies inside the image" if region is not None else "anywhere"
    expect_shape(got, image.shape, f"{_call(image, kernel)} must return an array of the image's shape")
    arr = np.asarray(got)
    scale = max(1.0, float(np.abs(want).max()))
    if arr.dtype.kind in "biuf":
        arr = arr.astype(np.float64)
        if not np.allclose(arr[where], want[where], rtol=0, atol=ATOL * scale):
            reason = _diagnose(arr, image, kernel, where)
            expect(not reason, f"{_call(image, kernel)}: {reason}.")
    expect_close(got[where] if isinstance(got, np.ndarray) else got, want[where],
                 f"{_call(image, kernel)} differs from ndi.correlate(image, kernel, mode='reflect') {what}",
                 rtol=0, atol=ATOL * scale)
    return arr


def _symmetric_kernel(rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
    """A kernel symmetric along both axes (flipping changes nothing): outer product of two palindromes."""
    def palindrome(n: int) -> np.ndarray:
        half = rng.uniform(0.5, 2.0, (n + 1) // 2)
        return np.concatenate([half, half[: n // 2][::-1]])
    return np.outer(palindrome(rows), palindrome(cols))


# -- correlate2d -------------------------------------------------------------------------------------------

@points(2)
def test_correlation_not_convolution(student: Student, rng: np.random.Generator) -> None:
    """Asymmetric kernels are used as they are (correlation, not convolution), away from the border."""
    image = rng.random((14, 17))
    numbers = np.arange(1.0, 10.0).reshape(3, 3)
    check_correlation(student, image, numbers, interior(image.shape, numbers.shape))
    kernel = rng.uniform(-1.0, 2.0, (5, 5))
    check_correlation(student, image, kernel, interior(image.shape, kernel.shape))


@points(2)
def test_reflect_border(student: Student, rng: np.random.Generator) -> None:
    """SciPy's default border 'reflect' (np.pad 'symmetric'), also for kernels larger than the image."""
    check_correlation(student, rng.random((9, 11)), _symmetric_kernel(rng, 5, 5))
    check_correlation(student, rng.random((4, 6)), _symmetric_kernel(rng, 9, 9))   # reaches past the far side
    check_correlation(student, rng.random((7, 5)), _symmetric_kernel(rng, 3, 3))


@points(1)
def test_kernel_shapes(student: Student, rng: np.random.Generator) -> None:
    """Any odd kernel shape: 1 x 7, 7 x 1, 3 x 5, 1 x 1."""
    image = rng.random((16, 15))
    for rows, cols in ((1, 7), (7, 1), (3, 5), (1, 1)):
        kernel = _symmetric_kernel(rng, rows, cols)
        check_correlation(student, image, kernel, interior(image.shape, kernel.shape))


@points(1, requires=("test_correlation_not_convolution", "test_kernel_shapes"))
def test_even_kernel_sizes(student: Student, rng: np.random.Generator) -> None:
    """Even kernel sizes follow SciPy's rule: kernel[kh // 2, kw // 2] lies on the pixel."""
    image = rng.random((12, 13))
    for kernel in (np.ones((2, 2)), _symmetric_kernel(rng, 4, 4)):     # square: independent of shape handling
        check_correlation(student, image, kernel, interior(image.shape, kernel.shape, extra=1))


@points(1)
def test_uint8_input_float64_result(student: Student, rng: np.random.Generator) -> None:
    """uint8 images give float64 sums: no truncation, no wrap-around below 0 or above 255."""
    image = rng.integers(0, 256, size=(12, 14), dtype=np.uint8)
    sharpen = np.array([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]])
    region = interior(image.shape, sharpen.shape)
    got = check_correlation(student, image, sharpen, region)
    expect(float(got[region].min()) < 0 and float(got[region].max()) > 255, "correlate2d must keep sums below 0 "
           "and above 255 (this sharpening kernel produces both)")
    ones = np.ones((3, 3))
    check_correlation(student, image, ones, interior(image.shape, ones.shape))
    for x in (image, image.astype(np.float32)):
        expect_dtype(student.call("correlate2d", x, sharpen), np.float64,
                     f"correlate2d must return float64 for a {x.dtype} image")


# -- blur_uint8 --------------------------------------------------------------------------------------------

def float_blur(image: np.ndarray, sigma: float, mode: str = "reflect") -> np.ndarray:
    """The float result ``blur_uint8`` rounds: ``gaussian_filter`` of the float64 image."""
    return ndi.gaussian_filter(np.asarray(image, dtype=np.float64), sigma, mode=mode)


def _blur_call(image: np.ndarray, sigma: float) -> str:
    return f"blur_uint8(<uint8 image {image.shape}>, {sigma!r})"


def _as_values(got: Any, image: np.ndarray, sigma: float) -> np.ndarray:
    """The learner's result as float64 values of the image's shape (or a failed test saying what came back)."""
    expect_shape(got, image.shape, f"{_blur_call(image, sigma)} must return an image of the input's shape")
    arr = np.asarray(got)
    expect(arr.dtype.kind in "biuf", f"{_blur_call(image, sigma)} returned an array of dtype {arr.dtype}, not "
           "numbers")
    return arr.astype(np.float64)


@points(1)
def test_blur_returns_uint8(student: Student, rng: np.random.Generator) -> None:
    """blur_uint8 returns a uint8 image of the same shape."""
    image = rng.integers(0, 256, size=(10, 12), dtype=np.uint8)
    got = student.call("blur_uint8", image, 1.5)
    expect_shape(got, image.shape, "blur_uint8 must return an image of the input's shape")
    expect_dtype(got, np.uint8, "blur_uint8 must return a uint8 image: round with np.rint, clip to 0..255, then "
                 ".astype(np.uint8)")


@points(2)
def test_blur_no_truncation_bias(student: Student, rng: np.random.Generator) -> None:
    """Rounded once: every pixel within 0.5 grey levels of the float blur, no mean bias (away from the border)."""
    for shape, sigma in (((64, 64), 2.0), ((40, 56), 1.3)):
        image = rng.integers(0, 256, size=shape, dtype=np.uint8)
        inside = (slice(RADIUS_MARGIN, -RADIUS_MARGIN),) * 2     # the border is another test's business
        exact = float_blur(image, sigma)[inside]
        values = _as_values(student.call("blur_uint8", image, sigma), image, sigma)[inside]
        error = values - exact
        bias, worst = float(error.mean()), float(np.abs(error).max())
        if worst > 0.5 + 1e-9:
            call = _blur_call(image, sigma)
            if np.array_equal(values, ndi.gaussian_filter(image, sigma).astype(np.float64)[inside]):
                raise AssertionError(
                    f"{call}: truncation bias: your result is gaussian_filter on the uint8 image, which truncates "
                    f"toward zero after each of its two 1-D passes (mean error {bias:+.2f} grey levels, every pixel "
                    "too dark). Filter a float64 copy and round once at the end.")
            if np.array_equal(values, np.floor(exact)):
                raise AssertionError(
                    f"{call}: you truncated the float result (.astype(np.uint8) drops the fraction, 117.83 becomes "
                    f"117): mean error {bias:+.2f} grey levels. Round with np.rint before converting.")
            raise AssertionError(
                f"{call}: the result is not the float blur rounded once: mean error {bias:+.2f}, largest "
                f"{worst:.2f} grey levels (rounding allows at most 0.5)")


@points(1)
def test_blur_border_and_sigma(student: Student, rng: np.random.Generator) -> None:
    """SciPy's 'reflect' border and the given sigma, also on images smaller than the kernel."""
    blocks = np.kron(rng.integers(0, 2, size=(4, 5)), np.ones((4, 4))).astype(np.uint8) * 255   # 0/255 blocks
    for image, sigma in ((blocks, 1.5), (blocks[:9, :7].copy(), 3.0), (blocks[:3, :16].copy(), 0.7)):
        values = _as_values(student.call("blur_uint8", image, sigma), image, sigma)
        exact = float_blur(image, sigma)
        # rounding and even SciPy's truncation stay below 2 grey levels; a wrong border or sigma does not
        if np.abs(values - exact).max() < 2.0:
            continue
        call = _blur_call(image, sigma)
        for mode in ("nearest", "mirror", "constant", "wrap"):
            if np.abs(values - float_blur(image, sigma, mode)).max() < 2.0:
                extra = " (scikit-image's default in skimage.filters.gaussian)" if mode == "nearest" else ""
                raise AssertionError(f"{call}: your border is mode={mode!r}{extra}; use SciPy's default 'reflect'")
        raise AssertionError(f"{call} differs from gaussian_filter(image as float64, {sigma!r}) by up to "
                             f"{np.abs(values - exact).max():.1f} grey levels: use the given sigma and SciPy's "
                             "defaults (mode 'reflect', truncate 4)")


@points(1, in_place=("correlate2d", "blur_uint8"))
def test_inputs_unchanged(student: Student, rng: np.random.Generator) -> None:
    """Neither function changes its image or kernel in place."""
    student.call("correlate2d", rng.random((8, 9)), rng.uniform(0.5, 2.0, (3, 3)))
    student.call("correlate2d", rng.integers(0, 256, size=(6, 7), dtype=np.uint8), np.full((3, 3), 2.0))
    student.call("blur_uint8", rng.integers(0, 256, size=(9, 8), dtype=np.uint8), 1.0)
