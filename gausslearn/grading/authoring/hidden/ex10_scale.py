"""Hidden tests of exercise 10: ``downsample(image, factor)`` (anti-aliased integer-factor shrinking) and
``pyramid(image, levels)``.

Reference: ``gaussian_filter(image, (F - 1) / 2, mode="reflect")[o::F, o::F][:rows // F, :cols // F]`` with
``o = (F - 1) // 2``. Each test checks one property where the others cannot fail it:

- the blur is measured from stripe patterns, away from the border and whatever the sampling position: a
  symmetric blur multiplies a stripe pattern of frequency f by its response H(f), and sampling keeps the
  amplitude. Stripes above the new limit 0.5/F must come out as weak as the sigma-(F-1)/2 kernel predicts (too
  little blur: aliasing), stripes at 0.25/F as strong (too much blur: lost detail); the sigma that explains the
  measured amplitude is named in the feedback;
- the sampling position from a ramp, which any symmetric blur leaves unchanged away from the border;
- the output shape, the errors for bad arguments, the border, and the pyramid's structure, each on its own.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import (
    Student,
    StudentError,
    expect,
    expect_close,
    expect_dtype,
    expect_shape,
    points,
)
from gausslearn.images import siemens_star
from gausslearn.kernels import gaussian_kernel1d
from gausslearn.scale import alias_frequency, response_at, sine_amplitude

FUNCTIONS = ("downsample", "pyramid")
#: The tests of downsample's separate properties: a failed one explains the tests that compare whole results.
PROPERTIES = ("test_aliasing_removed", "test_detail_kept", "test_sampling_in_the_middle_of_each_block",
              "test_output_shape")
ATOL = 1e-10
#: Amplitude of the test stripes (around a mean of 0.5).
AMPLITUDE = 0.4
#: Pixels of the original image kept clear of the border when measuring (more than the radius of sigma 7).
MARGIN = 30
#: The same for ramps, where even a blur applied after shrinking (sigma F times wider) must stay clear.
RAMP_MARGIN = 100


def sigma_for(factor: int) -> float:
    """The anti-aliasing sigma of scikit-image's resize/rescale: (F - 1) / 2."""
    return (int(factor) - 1) / 2


def reference(image: np.ndarray, factor: int) -> np.ndarray:
    """The expected ``downsample``.

    Examples
    --------
    >>> ramp = np.add.outer(np.arange(12.0), np.zeros(12))
    >>> reference(ramp, 3)[1:3, 0]          # rows 4 and 7: the middles of their 3 x 3 blocks
    array([4., 7.])
    >>> reference(np.zeros((10, 7)), 3).shape
    (3, 2)
    """
    f = int(factor)
    x = np.asarray(image, dtype=np.float64)
    o = (f - 1) // 2
    blurred = ndi.gaussian_filter(x, sigma_for(f), mode="reflect")
    return blurred[o::f, o::f][: x.shape[0] // f, : x.shape[1] // f]


def response(sigma: float, frequency: float) -> float:
    """|H(f)| of SciPy's sampled Gaussian kernel of ``sigma`` (1 for sigma 0)."""
    if sigma <= 0:
        return 1.0
    return abs(float(response_at(gaussian_kernel1d(sigma), frequency)))


#: Sigmas the learner's blur is compared with when naming the sigma it used.
_SIGMA_GRID = np.round(np.arange(0.0, 8.0001, 0.01), 2)


def sigma_seen(gain: float, frequency: float) -> float | None:
    """The Gaussian sigma whose sampled kernel lets ``gain`` of a pattern of ``frequency`` through (None: none does).

    Examples
    --------
    >>> sigma_seen(response(1.5, 0.2), 0.2)
    1.5
    """
    gains = np.array([response(s, frequency) for s in _SIGMA_GRID])
    k = int(np.argmin(np.abs(gains - gain)))
    return float(_SIGMA_GRID[k]) if abs(gains[k] - gain) < 0.01 else None


def stripes(shape: tuple[int, int], frequency: float, axis: int, phase: float = 0.3) -> np.ndarray:
    """0.5 + 0.4 cos(2 pi f n + phase) along ``axis``, constant along the other axis."""
    n = np.arange(shape[axis])
    line = 0.5 + AMPLITUDE * np.cos(2 * np.pi * frequency * n + phase)
    return np.broadcast_to(line[:, None] if axis == 0 else line[None, :], shape).copy()


def _values(got: Any, call: str) -> np.ndarray:
    arr = np.asarray(got) if isinstance(got, np.ndarray) else np.asarray(got if got is not None else np.nan)
    expect(isinstance(got, np.ndarray) and arr.ndim == 2 and arr.dtype.kind in "biuf",
           f"{call} must return a 2-D array of numbers (got {type(got).__name__}"
           f"{f' of shape {arr.shape}' if isinstance(got, np.ndarray) else ''})")
    return arr.astype(np.float64)


def measured_gain(student: Student, factor: int, frequency: float, axis: int) -> tuple[float, str]:
    """Shrink stripes of ``frequency`` along ``axis`` and return the fraction of their amplitude that is left."""
    shape = (240, 24) if axis == 0 else (24, 240)
    image = stripes(shape, frequency, axis)
    call = f"downsample(<stripes of {frequency:g} cycles per pixel along axis {axis}, shape {shape}>, {factor})"
    out = _values(student.call("downsample", image, factor), call)
    m = -(-MARGIN // factor)
    line = out[m:-m, out.shape[1] // 2] if axis == 0 else out[out.shape[0] // 2, m:-m]
    expect(line.size >= 8, f"{call} returned shape {out.shape}; expected {reference(image, factor).shape}")
    return sine_amplitude(line, alias_frequency(frequency, factor)) / AMPLITUDE, call


def blurred_after(gain: float, factor: int, frequency: float) -> bool:
    """True when ``gain`` is what blurring the samples (sigma (F - 1) / 2 in new pixels) leaves of the pattern."""
    after = response(sigma_for(factor), alias_frequency(frequency, factor))
    return abs(gain - after) < 0.002 and abs(after - response(sigma_for(factor), frequency)) > 0.01


def _sigma_text(gain: float, frequency: float, factor: int) -> str:
    """Which sigma explains ``gain`` (and when it is scikit-image's pyramid rule 2F/6, say so)."""
    seen = sigma_seen(gain, frequency)
    if seen is None:
        return "as no Gaussian blur does"
    pyramid_rule = " (that is 2F/6, the sigma of scikit-image's pyramids)" if abs(seen - 2 * factor / 6) < 0.02 else ""
    return f"as a Gaussian of sigma {seen:g} does{pyramid_rule}"


@points(2)
def test_aliasing_removed(student: Student, rng: np.random.Generator) -> None:
    """Stripes too fine for the smaller grid are turned down as the sigma-(F-1)/2 blur predicts (no aliasing)."""
    for factor, frequency in ((2, 0.4), (3, 0.3), (4, 0.2)):
        for axis in (0, 1):
            gain, call = measured_gain(student, factor, frequency, axis)
            want = response(sigma_for(factor), frequency)
            if gain <= want + 0.01:
                continue
            alias = alias_frequency(frequency, factor)
            if gain > 1 - 1e-6:
                raise AssertionError(
                    f"{call}: no blur before shrinking along axis {axis}: aliasing. The stripes of {frequency:g} "
                    f"cycles per pixel, finer than the new grid can hold ({0.5 / factor:.3g}), come back at full "
                    f"strength as false stripes of {alias:g} cycles per new pixel. Blur with sigma (F - 1) / 2 = "
                    f"{sigma_for(factor):g} first; it lets only {want:.0%} of them through.")
            if blurred_after(gain, factor, frequency):
                raise AssertionError(
                    f"{call}: you blurred after shrinking: the false stripes ({alias:g} cycles per new pixel) are "
                    "already in the samples, and the blur only softens them. Blur the full-size image, then keep "
                    "one pixel per block.")
            raise AssertionError(
                f"{call}: sigma too small along axis {axis}: {gain:.0%} of the too-fine stripes get through "
                f"({_sigma_text(gain, frequency, factor)}) and fold back as false stripes; with sigma (F - 1) / 2 = "
                f"{sigma_for(factor):g} it is {want:.0%}.")


@points(1, requires="test_aliasing_removed")
def test_detail_kept(student: Student, rng: np.random.Generator) -> None:
    """Stripes the smaller grid can show (0.25/F) keep what the sigma-(F-1)/2 blur lets through (not over-blurred)."""
    for factor in (2, 3, 4):
        frequency = 0.25 / factor
        for axis in (0, 1):
            gain, call = measured_gain(student, factor, frequency, axis)
            want = response(sigma_for(factor), frequency)
            if gain >= want - 0.01:
                continue
            if blurred_after(gain, factor, frequency):
                raise AssertionError(
                    f"{call}: you blurred after shrinking, with sigma {sigma_for(factor):g} in new pixels, which is "
                    f"{factor} times wider in the original's: only {gain:.0%} of stripes the smaller image can show "
                    f"are left instead of {want:.0%}. Blur the full-size image, then keep one pixel per block.")
            raise AssertionError(
                f"{call}: sigma too large along axis {axis}: only {gain:.0%} of stripes the smaller image can show "
                f"are left ({_sigma_text(gain, frequency, factor)}); with sigma (F - 1) / 2 = "
                f"{sigma_for(factor):g} it is {want:.0%}. Too much blur throws detail away.")


@points(1)
def test_sampling_in_the_middle_of_each_block(student: Student, rng: np.random.Generator) -> None:
    """New pixel i is blurred pixel F*i + (F-1)//2, the middle of its block (measured on ramps)."""
    for factor in (2, 3, 4, 5):
        for axis in (0, 1):
            n = 400
            ramp = np.arange(n, dtype=np.float64)
            image = np.broadcast_to(ramp[:, None] if axis == 0 else ramp[None, :], (n, 20) if axis == 0 else
                                    (20, n)).copy()
            call = f"downsample(<ramp along axis {axis}, shape {image.shape}>, {factor})"
            out = _values(student.call("downsample", image, factor), call)
            line = out[:, out.shape[1] // 2] if axis == 0 else out[out.shape[0] // 2, :]
            index = np.arange(line.size)
            inside = (factor * index >= RAMP_MARGIN) & (factor * index + factor <= n - RAMP_MARGIN)
            expect(inside.sum() >= 4, f"{call} returned shape {out.shape}; expected {reference(image, factor).shape}")
            offsets = line[inside] - factor * index[inside]
            offset = float(np.median(offsets))
            o = (factor - 1) // 2
            if np.allclose(offsets, o, atol=1e-6):
                continue
            if not np.allclose(offsets, offset, atol=1e-6):
                raise AssertionError(f"{call}: the new pixels are not evenly spaced {factor} original pixels apart "
                                     "(keep every factor-th pixel: one slice blurred[o::F] per axis)")
            where = f"original pixel {factor} * i + {offset:g}" if float(offset).is_integer() else \
                f"position {factor} * i + {offset:.3g} (between pixels: interpolated?)"
            corner = " That is the block's first pixel (blurred[::F]): the image shifts towards the top left." \
                if offset == 0 else ""
            raise AssertionError(f"{call}: new pixel i along axis {axis} is {where}; it must be the middle of its "
                                 f"block, {factor} * i + (F - 1) // 2 = {factor} * i + {o}.{corner}")


@points(1)
def test_output_shape(student: Student, rng: np.random.Generator) -> None:
    """One float64 pixel per whole block: shape (rows // F, columns // F); factor 1 gives a copy."""
    for shape, factor in (((10, 7), 3), ((9, 9), 2), ((5, 12), 5), ((16, 16), 4), ((6, 11), 1)):
        image = rng.random(shape).astype(np.float32)
        got = student.call("downsample", image, factor)
        call = f"downsample(<float32 image {shape}>, {factor})"
        expect_shape(got, (shape[0] // factor, shape[1] // factor), f"{call}: one pixel per whole {factor} x "
                     f"{factor} block, leftover rows and columns dropped")
        expect_dtype(got, np.float64, f"{call} must return float64")
    image = rng.random((6, 8))
    student.call("downsample", image, 1)
    expect(not student.returned_input(), "downsample(image, 1) returned the input array itself; return a new array")


@points(1)
def test_bad_arguments_raise(student: Student, rng: np.random.Generator) -> None:
    """A factor that is not a whole number >= 1 or larger than the image, and too many pyramid levels: ValueError."""
    image = rng.random((6, 10))
    cases = (("downsample", image, 0), ("downsample", image, -2), ("downsample", image, 1.5),
             ("downsample", image, 7), ("pyramid", image, 0), ("pyramid", image, 4))
    for name, x, arg in cases:
        call = f"{name}(<image {x.shape}>, {arg!r})"
        try:
            student.call(name, x, arg)
        except StudentError as exc:
            if exc.kind == "exception" and exc.exception_type == "ValueError":
                continue
            if exc.kind != "exception":
                raise
            raise AssertionError(f"{call} must raise a ValueError that says what is wrong; it raised "
                                 f"{exc.exception_type}: {exc.message}") from None
        raise AssertionError(f"{call} returned a result; it must raise a ValueError that says what is wrong")


@points(1, requires=PROPERTIES)
def test_reflect_border(student: Student, rng: np.random.Generator) -> None:
    """SciPy's 'reflect' at the image's border (also where the blur reaches past the far side)."""
    for shape, factor in (((24, 30), 2), ((21, 27), 3), ((9, 13), 5)):
        image = rng.random(shape)
        call = f"downsample(<image {shape}>, {factor})"
        got = student.call("downsample", image, factor)
        want = reference(image, factor)
        if isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype.kind in "biuf" and \
                not np.allclose(got, want, rtol=0, atol=ATOL):
            o = (factor - 1) // 2
            for mode in ("mirror", "nearest", "constant", "wrap"):
                other = ndi.gaussian_filter(image, sigma_for(factor), mode=mode)[o::factor, o::factor][:want.shape[0],
                                                                                                      :want.shape[1]]
                if np.allclose(got, other, rtol=0, atol=1e-9):
                    why = " (scikit-image's resize turns its 'reflect' into SciPy's 'mirror')" if mode == "mirror" else ""
                    raise AssertionError(f"{call}: your blur uses mode={mode!r}{why}; the task asks for SciPy's "
                                         "default 'reflect'")
        expect_close(got, want, f"{call} differs from gaussian_filter(image, (F - 1) / 2, mode='reflect') sampled "
                     "in the middle of each block", rtol=0, atol=ATOL)


@points(2, requires=(*PROPERTIES, "test_reflect_border"))
def test_equals_the_recipe(student: Student, rng: np.random.Generator) -> None:
    """Equal to the recipe on a Siemens star and on random images of odd sizes, factors 1 to 5."""
    star = siemens_star(128)
    expect_close(student.call("downsample", star, 4), reference(star, 4), "downsample(<Siemens star 128 x 128>, 4) "
                 "differs from the recipe", rtol=0, atol=ATOL)
    for factor in (1, 2, 3, 4, 5):
        image = rng.random((37, 29))
        expect_close(student.call("downsample", image, factor), reference(image, factor),
                     f"downsample(<image (37, 29)>, {factor}) differs from the recipe", rtol=0, atol=ATOL)


def reference_pyramid(image: np.ndarray, levels: int) -> list[np.ndarray]:
    """The expected ``pyramid``: the image, then each level halved from the one before.

    Examples
    --------
    >>> [level.shape for level in reference_pyramid(np.zeros((64, 48)), 4)]
    [(64, 48), (32, 24), (16, 12), (8, 6)]
    """
    out = [np.asarray(image, dtype=np.float64)]
    for _ in range(levels - 1):
        out.append(reference(out[-1], 2))
    return out


def _levels(got: Any, call: str) -> list[Any]:
    expect(isinstance(got, (list, tuple)), f"{call} must return a list of arrays (got {type(got).__name__})")
    return list(got)


@points(1, requires="test_output_shape")
def test_pyramid_levels(student: Student, rng: np.random.Generator) -> None:
    """pyramid returns `levels` arrays: the image first (float64), then sides halved each level."""
    for shape, levels in (((64, 48), 4), ((37, 50), 3), ((8, 8), 1)):
        image = rng.random(shape).astype(np.float32)
        call = f"pyramid(<float32 image {shape}>, {levels})"
        got = _levels(student.call("pyramid", image, levels), call)
        want = reference_pyramid(image, levels)
        expect(len(got) == levels, f"{call} returned {len(got)} arrays; levels={levels} counts the image itself as "
               "level 0")
        expect_shape(got[0], shape, f"{call}: level 0 is the image itself")
        expect_dtype(got[0], np.float64, f"{call}: level 0 is the image as a float64 array")
        expect_close(got[0], want[0], f"{call}: level 0 is the image itself, unchanged", rtol=0, atol=0)
        for k in range(1, levels):
            expect_shape(got[k], want[k].shape, f"{call}: level {k} halves the sides of level {k - 1}")


@points(1, requires=(*PROPERTIES, "test_reflect_border", "test_equals_the_recipe", "test_pyramid_levels"))
def test_pyramid_halves_the_level_before(student: Student, rng: np.random.Generator) -> None:
    """Every level is downsample(level before, 2), not the original shrunk by 2**k."""
    image = rng.random((48, 40))
    call = "pyramid(<image (48, 40)>, 4)"
    got = _levels(student.call("pyramid", image, 4), call)
    want = reference_pyramid(image, 4)
    expect(len(got) == 4, f"{call} returned {len(got)} arrays, expected 4")
    for k in range(1, 4):
        level = got[k]
        if isinstance(level, np.ndarray) and level.shape == want[k].shape and \
                not np.allclose(level, want[k], rtol=0, atol=ATOL):
            direct = reference(image, 2 ** k)
            if direct.shape == level.shape and np.allclose(level, direct, rtol=0, atol=1e-9):
                raise AssertionError(f"{call}: level {k} is the original shrunk by {2 ** k} at once; each level must "
                                     "be downsample(level before, 2), a different blur and sampling position")
        expect_close(level, want[k], f"{call}: level {k} must equal downsample(level {k - 1}, 2)", rtol=0, atol=ATOL)
