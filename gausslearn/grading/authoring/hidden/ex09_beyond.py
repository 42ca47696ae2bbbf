"""Hidden tests of exercise 9: impulse noise (where a Gaussian fails) and unsharp masking.

``remove_impulse_noise`` is judged on held-out crops (brick, clock, text, moon; the exercise text uses camera)
against the best Gaussian blur chosen with the clean image. Measured on these crops: a 3x3 median beats that
Gaussian by 6-12 dB at 5 % and 10 % impulses, so the 3 dB bar leaves room; a Gaussian of any sigma fails it.
"""

from __future__ import annotations

import functools

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect, expect_close, expect_dtype, expect_shape, points
from gausslearn.grading.authoring.hidden import best_blur, held_out_crop, peak_search, psnr
from gausslearn.noise import salt_and_pepper

FUNCTIONS = ("remove_impulse_noise", "unsharp_mask")
TIMEOUT_PER_CALL = 30.0

#: How much better than the best Gaussian blur (PSNR, dB) the impulse-noise filter must be.
GAIN_DB = 3.0
#: Sigmas of the best Gaussian blur: 0, STEP, ..., TOP.
TOP, STEP = 6.0, 0.1
CROP = 128



def best_gaussian(clean: np.ndarray, noisy: np.ndarray) -> tuple[float, float]:
    """The best Gaussian blur of ``noisy`` knowing ``clean``: (sigma, PSNR).

    Examples
    --------
    >>> clean = np.zeros((8, 8)); noisy = clean.copy(); noisy[4, 4] = 1.0
    >>> best_gaussian(clean, noisy)[0] > 0
    True
    """
    return best_blur(clean, noisy, TOP, STEP)


@functools.lru_cache(maxsize=64)
def impulse_case(name: str, amount: float, seed: int) -> tuple[np.ndarray, float, float]:
    """The image ``name`` with ``amount`` impulses drawn from ``seed``, and its best Gaussian blur: (noisy
    (read-only), sigma, PSNR). Cached: every submission graded with the same seed gets the same images."""
    noisy = salt_and_pepper(held_out_crop(name, CROP), amount, rng=seed)
    noisy.setflags(write=False)
    return (noisy, *best_gaussian(held_out_crop(name, CROP), noisy))


def judge_impulse(student: Student, name: str, amount: float, rng: np.random.Generator) -> None:
    clean = held_out_crop(name, CROP)
    noisy, s_best, p_best = impulse_case(name, amount, int(rng.integers(2**63)))
    got = student.call("remove_impulse_noise", noisy.copy())
    where = f"image {name!r} with {amount:.0%} impulses"
    expect_shape(got, clean.shape, f"remove_impulse_noise must keep the image's shape ({where})")
    answer = np.asarray(got, dtype=np.float64)
    expect(np.isfinite(answer).all(), f"remove_impulse_noise returned NaN or infinite values ({where})")
    p = psnr(clean, answer)
    if p < p_best + GAIN_DB:
        _, closeness = peak_search(lambda s: -float(np.mean((ndi.gaussian_filter(noisy, s) - answer) ** 2)), TOP, STEP)
        why = ""
        if -closeness < 1e-8:
            why = (" Your result is a Gaussian blur: averaging turns every impulse into a grey blob instead of "
                   "removing it. A rank filter ignores the extreme values.")
        raise AssertionError(f"{where}: your PSNR is {p:.2f} dB, the best Gaussian blur reaches {p_best:.2f} dB "
                             f"(sigma {s_best:.1f}); the task asks for at least {GAIN_DB:g} dB more, i.e. "
                             f"{p_best + GAIN_DB:.2f} dB.{why}")


@points(2)
def test_impulses_5_percent(student: Student, rng: np.random.Generator) -> None:
    """5 % salt-and-pepper: at least 3 dB better than the best Gaussian blur."""
    for name in ("brick", "clock"):
        judge_impulse(student, name, 0.05, rng)


@points(2, requires="test_impulses_5_percent")
def test_impulses_10_percent(student: Student, rng: np.random.Generator) -> None:
    """10 % salt-and-pepper: at least 3 dB better than the best Gaussian blur."""
    for name in ("text", "moon"):
        judge_impulse(student, name, 0.10, rng)


@points(1)
def test_impulse_float64(student: Student, rng: np.random.Generator) -> None:
    """remove_impulse_noise returns a new float64 image of the same (non-square) shape."""
    clean = held_out_crop("clock", CROP)[:100].copy()
    noisy = salt_and_pepper(clean, 0.05, rng=rng)
    got = student.call("remove_impulse_noise", noisy)
    expect_dtype(got, np.float64, "remove_impulse_noise must return float64")
    expect_shape(got, noisy.shape, "remove_impulse_noise must keep the image's shape")
    expect(not student.returned_input(), "remove_impulse_noise returned its input array itself; return a new array")


def unsharp_reference(image: np.ndarray, sigma: float, amount: float) -> np.ndarray:
    """``image + amount * (image - gaussian_filter(image, sigma))`` in float64."""
    x = np.asarray(image, dtype=np.float64)
    return x + amount * (x - ndi.gaussian_filter(x, sigma, mode="reflect"))


def check_unsharp(student: Student, image: np.ndarray, sigma: float, amount: float) -> None:
    got = student.call("unsharp_mask", image, sigma, amount)
    want = unsharp_reference(image, sigma, amount)
    call = f"unsharp_mask(<{image.dtype} {image.shape}>, sigma={sigma!r}, amount={amount!r})"
    if isinstance(got, np.ndarray) and got.shape == want.shape and got.dtype.kind in "biuf":
        arr = got.astype(np.float64)
        if not np.allclose(arr, want, rtol=1e-7, atol=1e-9):
            x = np.asarray(image, dtype=np.float64)
            blurred = ndi.gaussian_filter(x, sigma, mode="reflect")
            lo, hi = (0.0, 255.0) if image.dtype == np.uint8 else (0.0, 1.0)

            def same(other: np.ndarray) -> bool:
                return bool(np.allclose(arr, other, rtol=1e-6, atol=1e-6))

            reasons = [
                (np.clip(want, lo, hi), f"your result is clipped to [{lo:g}, {hi:g}]; return the formula's values "
                 "unclipped (the overshoot is part of the result; clip only to display or store)"),
                (x - amount * (x - blurred), "you subtract the detail: image - amount * (image - blurred) blurs; "
                 "sharpening ADDS amount * (image - blurred)"),
                (blurred + amount * (x - blurred), "you add the detail to the blurred image; the formula adds it to "
                 "the image itself: image + amount * (image - blurred)"),
                (x + amount * (blurred - x), "your detail has the wrong sign: it is image - blurred"),
                (x + amount * (x - ndi.gaussian_filter(x, sigma, mode="nearest")),
                 "you blurred with mode='nearest'; use gaussian_filter's default mode 'reflect'"),
            ]
            if image.dtype.kind in "ui":
                wrapped = image + amount * (image - ndi.gaussian_filter(image, sigma)).astype(np.float64)
                reasons.append((wrapped, "your arithmetic ran in uint8, where image - blurred wraps around below 0 "
                                "(3 - 5 = 254): convert with np.asarray(image, dtype=np.float64) first"))
                reasons.append((unsharp_reference(image / 255.0, sigma, amount), "you rescaled the uint8 image to "
                                "[0, 1]; this task keeps the image's own values (only convert the dtype)"))
            for other, text in reasons:
                if same(other):
                    raise AssertionError(f"{call}: {text}.")
    expect_close(got, want, f"{call} differs from image + amount * (image - gaussian_filter(image, sigma))",
                 rtol=1e-7, atol=1e-9)


def _mid_grey(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Values in [0.3, 0.7]: sharpened with amount <= 0.7 they stay in [0, 1], so clipping cannot matter."""
    return 0.3 + 0.4 * rng.random(shape)


@points(2)
def test_unsharp_formula(student: Student, rng: np.random.Generator) -> None:
    """Unsharp mask equals image + amount * (image - gaussian_filter(image, sigma)), in any ndim."""
    check_unsharp(student, _mid_grey(rng, (20, 23)), 1.5, 0.7)
    check_unsharp(student, _mid_grey(rng, (16, 16)), float(rng.uniform(0.5, 3)), float(rng.uniform(0.2, 0.7)))
    check_unsharp(student, _mid_grey(rng, (50,)), 2.0, 0.5)
    check_unsharp(student, _mid_grey(rng, (6, 7, 8)), 1.0, 0.6)


@points(1)
def test_unsharp_identity(student: Student, rng: np.random.Generator) -> None:
    """amount 0 or sigma 0 returns the image unchanged (as float64)."""
    image = rng.random((12, 14))
    check_unsharp(student, image, 2.0, 0.0)
    check_unsharp(student, image, 0.0, 1.5)
    got = student.call("unsharp_mask", image, 2.0, 0.0)
    expect_dtype(got, np.float64, "unsharp_mask must return float64")


@points(1, requires="test_unsharp_formula")
def test_unsharp_not_clipped(student: Student, rng: np.random.Generator) -> None:
    """The overshoot at an edge is kept: values go below 0 and above 1."""
    step = np.zeros((8, 20))
    step[:, 10:] = 1.0
    check_unsharp(student, step, 1.5, 1.0)


@points(1, requires=("test_unsharp_formula", "test_unsharp_not_clipped"))
def test_unsharp_uint8(student: Student, rng: np.random.Generator) -> None:
    """uint8 images are computed in float64 on their own values: no wrap-around."""
    image = rng.integers(60, 190, size=(14, 15), dtype=np.uint8)   # sharpened, they stay within 0..255
    check_unsharp(student, image, 1.0, 0.5)
    expect_dtype(student.call("unsharp_mask", image, 1.0, 0.5), np.float64,
                 "unsharp_mask must return float64 for a uint8 image")


@points(1, in_place="unsharp_mask")
def test_unsharp_leaves_input_alone(student: Student, rng: np.random.Generator) -> None:
    """unsharp_mask does not modify its input (a float64 image is not sharpened in place)."""
    image = rng.random((12, 13))
    got = student.call("unsharp_mask", image, 1.0, 1.0)   # a 'modified its input' error fails this test
    expect_shape(got, image.shape, "unsharp_mask must return an image of the input's shape")
