"""Hidden tests of exercise 8: a spatial blur of colour images that never mixes channels.

Reference: ``scipy.ndimage.gaussian_filter(to_float(image), sigma_per_axis)`` with sigma 0 along the channel
axis and SciPy's default mode 'reflect'. Wrong answers are recognised by recomputing the usual mistakes
(sigma on the channel axis, wrong axis, skimage's 'nearest' default, integer arithmetic, wrong scaling). Each test
looks at one property: the border mode only in ``test_reflect_border`` (the others compare the interior, farther
than the kernel radius from the border), dtypes on grayscale images (``channel_axis=None``: no channel to mix),
and the channel-handling tests build on ``test_one_hot_no_mixing``.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi

from gausslearn.dtypes import to_float
from gausslearn.grading.api import Student, expect, expect_close, expect_dtype, points
from gausslearn.grading.authoring.hidden import fail_if_named
from gausslearn.images import rgb_one_hot

FUNCTIONS = ("blur_color",)

MIXING = ("your blur mixes colour channels: sigma was applied along the channel axis; use sigma=(s, s, 0) "
          "or axes= (sigma 0 along the channel axis)")


def _sigmas(ndim: int, sigma: float, channel_axis: int | None) -> list[float]:
    out = [float(sigma)] * ndim
    if channel_axis is not None:
        out[channel_axis] = 0.0
    return out


def reference(image: np.ndarray, sigma: float, channel_axis: int | None = -1) -> np.ndarray:
    """The expected result: float conversion, then sigma along every spatial axis only.

    Examples
    --------
    >>> out = reference(rgb_one_hot((4, 6)), 1.0)
    >>> out.shape, float(out[..., 1].min()) >= 0, bool(np.allclose(out.sum(axis=-1), 1))
    ((4, 6, 3), True, True)
    """
    return ndi.gaussian_filter(to_float(image), _sigmas(image.ndim, sigma, channel_axis), mode="reflect")


def _diagnose(arr: np.ndarray, image: np.ndarray, sigma: float, channel_axis: int | None, region: object = ...) -> str:
    x = to_float(image)

    def same(other: np.ndarray) -> bool:
        return other.shape == arr.shape and bool(np.allclose(arr[region], other[region], rtol=1e-6, atol=1e-6))

    sig = _sigmas(image.ndim, sigma, channel_axis)
    if channel_axis is not None:
        if same(ndi.gaussian_filter(x, sigma, mode="reflect")) or same(ndi.gaussian_filter(x, sigma, mode="nearest")):
            return MIXING
        for axis in range(image.ndim):
            if axis != channel_axis % image.ndim:
                if same(ndi.gaussian_filter(x, _sigmas(image.ndim, sigma, axis), mode="reflect")):
                    return (f"you left axis {axis} unblurred and blurred axis {channel_axis % image.ndim}, the "
                            f"channel axis: put sigma 0 at channel_axis={channel_axis} (not always at the last axis)")
    if same(ndi.gaussian_filter(x, sig, mode="nearest")):
        return ("you used mode='nearest' (scikit-image's default for skimage.filters.gaussian); the task asks for "
                "SciPy's default border mode, 'reflect'")
    if image.dtype.kind in "ui":
        raw = image.astype(np.float64)
        if same(ndi.gaussian_filter(raw, sig, mode="reflect")):
            return (f"your result is on the 0..{np.iinfo(image.dtype).max} scale: convert integer images with "
                    "to_float (divide by the dtype's maximum) before filtering")
        in_dtype = ndi.gaussian_filter(image, sig, mode="reflect")
        if same(to_float(in_dtype)) or same(in_dtype.astype(np.float64)):
            return ("your result was computed in the integer dtype, which truncates every value toward zero "
                    "(a systematic darkening): convert to float before filtering")
        if same(np.trunc(ndi.gaussian_filter(raw, sig, mode="reflect")) / np.iinfo(image.dtype).max):
            return "your result was truncated to whole grey levels (a uint8 cast): keep the float64 result"
        if image.max() > 0 and same(ndi.gaussian_filter(raw / raw.max(), sig, mode="reflect")):
            return ("you divided by the image's maximum; divide by the dtype's maximum (255 for uint8, 65535 for "
                    "uint16), as to_float does, so a grey level means the same in every image")
    return ""


def _interior(image: np.ndarray, sigma: float, channel_axis: int | None) -> tuple[slice, ...]:
    """The pixels farther than the kernel radius from every spatial border: there the mode cannot matter."""
    r = int(4.0 * float(sigma) + 0.5)
    axis = None if channel_axis is None else channel_axis % image.ndim
    return tuple(slice(None) if a == axis else slice(r, n - r) for a, n in enumerate(image.shape))


def _full_stop(text: str) -> str:
    return f"{text}." if text else ""


def check(student: Student, image: np.ndarray, sigma: float, channel_axis: int | None | str = "default", *,
          tol: float = 1e-9, border: bool = False) -> None:
    """Call ``blur_color`` and compare with the reference; name the mistake when one is recognised.

    Only the interior counts unless ``border``; ``tol`` is the absolute tolerance (a uint16 image may be off by
    less than one grey level, 1 / 65535, when the property tested is its scale).
    """
    if channel_axis == "default":
        got = student.call("blur_color", image, sigma)
        axis: int | None = -1
        call = f"blur_color(<{image.dtype} {image.shape}>, {sigma!r})"
    else:
        got = student.call("blur_color", image, sigma, channel_axis=channel_axis)
        axis = channel_axis  # type: ignore[assignment]
        call = f"blur_color(<{image.dtype} {image.shape}>, {sigma!r}, channel_axis={channel_axis!r})"
    want = reference(image, sigma, axis)
    region = ... if border else _interior(image, sigma, axis)
    where = "" if border else " away from the border"
    if isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype.kind in "biuf":
        arr = got.astype(np.float64)
        if np.allclose(arr[region], want[region], rtol=1e-7, atol=tol):
            return
        fail_if_named(call, lambda: _full_stop(_diagnose(arr, image, sigma, axis, region)))
        expect_close(arr[region], want[region], f"{call} differs from gaussian_filter(to_float(image), sigma per "
                     f"spatial axis, 0 along the channel axis){where}", rtol=1e-7, atol=tol)
    expect_close(got, want, f"{call} differs from gaussian_filter(to_float(image), sigma per spatial axis, "
                 "0 along the channel axis)", rtol=1e-7, atol=tol)


@points(2)
def test_one_hot_no_mixing(student: Student, rng: np.random.Generator) -> None:
    """Pure red, green and blue bands stay pure: no channel mixing."""
    image = rgb_one_hot((16, 96))                 # bands of 32 columns: green is columns 32..63
    got = student.call("blur_color", image, 1.5)  # kernel radius 6: the band's middle sees only green
    if isinstance(got, np.ndarray) and got.shape == image.shape:
        centre = np.asarray(got, dtype=np.float64)[:, 40:56, :]
        expect(np.allclose(centre[..., 0], 0, atol=1e-9) and np.allclose(centre[..., 2], 0, atol=1e-9),
               f"{MIXING}. (In the middle of the pure green band, 8 pixels or more from the other colours, your "
               f"red and blue channels are {float(centre[..., 0].max()):.3g} and {float(centre[..., 2].max()):.3g} "
               "instead of 0.)")
    check(student, image, 1.5)


MIXING_TEST = "test_one_hot_no_mixing"


@points(1, requires=MIXING_TEST)
def test_rgb_channel_last(student: Student, rng: np.random.Generator) -> None:
    """Random RGB float image, channels last: gaussian_filter with sigma (s, s, 0)."""
    check(student, rng.random((24, 29, 3)), 1.3)
    check(student, rng.random((20, 20, 3)), 0.7, channel_axis=-1)


@points(1, requires=MIXING_TEST)
def test_channel_first(student: Student, rng: np.random.Generator) -> None:
    """The channel axis where channel_axis says: first (0 or -3) or in the middle."""
    check(student, rng.random((3, 24, 29)), 1.6, channel_axis=0)
    check(student, rng.random((3, 24, 29)), 1.6, channel_axis=-3)
    check(student, np.moveaxis(rgb_one_hot((20, 36)), -1, 0), 1.5, channel_axis=0)
    check(student, rng.random((21, 3, 22)), 1.1, channel_axis=1)


@points(1, requires=MIXING_TEST)
def test_other_channel_counts(student: Student, rng: np.random.Generator) -> None:
    """Any number of channels (1, 2, 4), channels last."""
    check(student, rng.random((18, 19, 4)), 1.0)
    check(student, rng.random((20, 21, 1)), 2.0)
    check(student, rng.random((17, 16, 2)), 1.2)


@points(1)
def test_grayscale(student: Student, rng: np.random.Generator) -> None:
    """Grayscale images with channel_axis=None: every axis is spatial."""
    check(student, rng.random((23, 27)), 1.8, channel_axis=None)
    check(student, rng.random((23, 13)), 1.0, channel_axis=None)   # few columns: they are not colour channels here


@points(2)
def test_uint8(student: Student, rng: np.random.Generator) -> None:
    """uint8 and bool images: converted to [0, 1] floats before filtering, float64 result, no truncation."""
    image = rng.integers(0, 256, size=(25, 26), dtype=np.uint8)
    check(student, image, 1.5, channel_axis=None)
    dark = rng.integers(0, 60, size=(22, 20), dtype=np.uint8)
    check(student, dark, 1.0, channel_axis=None)
    check(student, rng.random((20, 22)) > 0.5, 1.0, channel_axis=None)
    expect_dtype(student.call("blur_color", dark, 1.0, channel_axis=None), np.float64,
                 "blur_color must return float64 for a uint8 image (not uint8: that truncates)")


@points(1)
def test_other_dtypes(student: Student, rng: np.random.Generator) -> None:
    """uint16 is divided by 65535, float32 keeps its values."""
    # the scale is the property here: errors of a few grey levels (truncation, 1 / 65535 each) are the uint8
    # test's business; the image's own maximum is far below 65535, so dividing by it shows
    image = rng.integers(1000, 40000, size=(20, 22), dtype=np.uint16)
    check(student, image, 1.2, channel_axis=None, tol=2.5 / 65535)
    check(student, rng.random((20, 22)).astype(np.float32), 1.0, channel_axis=None)


@points(1)
def test_reflect_border(student: Student, rng: np.random.Generator) -> None:
    """The border is SciPy's default mode 'reflect', on the whole image (grayscale: no channel to mix)."""
    check(student, rng.random((11, 14)), 2.5, channel_axis=None, border=True)
    check(student, rng.random((9, 12)), 1.5, channel_axis=None, border=True)


@points(1, in_place="blur_color")
def test_float64_new_array(student: Student, rng: np.random.Generator) -> None:
    """Returns a new float64 array of the same shape, and leaves its input alone."""
    image = rng.random((11, 14, 3))
    got = student.call("blur_color", image, 0.0)
    expect_dtype(got, np.float64, "blur_color must return float64")
    expect(got.shape == image.shape, f"blur_color must keep the shape {image.shape}, got {got.shape}")
    expect(not student.returned_input(), "blur_color returned its input array itself (sigma 0); return a new array")
