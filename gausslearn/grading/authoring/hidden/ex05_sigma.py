"""Hidden tests of exercise 5: choosing sigma from the noise level, judged on held-out images.

The learner's ``denoise(noisy, noise_std)`` is compared with the oracle: the best Gaussian blur of the same
noisy image, with sigma chosen on a fine grid using the clean image. The images (crops of scikit-image's
bundled brick, clock, text and Shepp-Logan phantom) are not used in the exercise text. Measured with the
reference solution (SURE over a sigma grid) on these crops: at most 0.15 dB below the oracle, for many seeds.

The noisy images and their oracles depend only on the seed, so they are computed once per grader process
(:func:`noisy_case`, cached) and the oracle's search tries a quarter of the grid
(:func:`~gausslearn.grading.authoring.hidden.best_blur`); which sigma a wrong result corresponds to is only
computed for the feedback of a failing test.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect, expect_close, expect_dtype, expect_shape, points
from gausslearn.grading.authoring.hidden import best_blur, held_out_crop, peak_search, psnr

FUNCTIONS = ("denoise",)
TIMEOUT_PER_CALL = 30.0

#: The learner's PSNR may fall at most this far below the oracle's.
MARGIN_DB = 0.5
#: Sigmas of the oracle and of the effective-sigma fit: 0, STEP, ..., TOP.
TOP, STEP = 8.0, 0.05
CROP = 128



def clean_image(name: str) -> np.ndarray:
    """A fresh copy of a 128x128 held-out test image in [0, 1].

    Examples
    --------
    >>> clean_image("brick").shape
    (128, 128)
    """
    return held_out_crop(name, CROP).copy()


class Case(NamedTuple):
    """A noisy held-out image and what the oracle makes of it."""

    noisy: np.ndarray       # read-only
    p_noisy: float          # PSNR of the noisy image
    s_best: float           # the oracle's sigma
    p_best: float           # the oracle's PSNR


@functools.lru_cache(maxsize=256)
def noisy_case(name: str, std: float, seed: int) -> Case:
    """The image ``name`` with Gaussian noise ``std`` drawn from ``seed``, and its oracle (cached: every
    submission graded with the same seed gets the same images).

    Examples
    --------
    >>> case = noisy_case("text", 0.2, 1)
    >>> case.s_best > 0 and case.p_best > case.p_noisy and noisy_case("text", 0.2, 1) is case
    True
    """
    clean = held_out_crop(name, CROP)
    noisy = clean + np.random.default_rng(seed).normal(0.0, std, clean.shape)
    noisy.setflags(write=False)
    s_best, p_best = best_blur(clean, noisy, TOP, STEP)
    return Case(noisy, psnr(clean, noisy), s_best, p_best)


def effective_sigma(noisy: np.ndarray, answer: np.ndarray) -> tuple[float, float]:
    """The sigma whose Gaussian blur of ``noisy`` is closest to ``answer``: (sigma, relative RMS distance)."""
    s, neg = peak_search(lambda s: -float(np.mean((ndi.gaussian_filter(noisy, s) - answer) ** 2)), TOP, STEP)
    return s, float(np.sqrt(-neg) / (np.std(noisy) + 1e-12))


def _looks(case: Case, answer: np.ndarray) -> str:
    """Which Gaussian blur a result corresponds to, for the feedback."""
    s_eff, distance = effective_sigma(case.noisy, answer)
    if distance > 0.05:
        return (f"your result is not close to any Gaussian blur of the noisy image (nearest: sigma {s_eff:.2f}); "
                "return scipy.ndimage.gaussian_filter(noisy, sigma) for the sigma you chose")
    if s_eff < case.s_best - 0.1:
        return (f"it corresponds to sigma ≈ {s_eff:.2f} while the best sigma is {case.s_best:.2f}: you under-blur "
                "(noise is left)")
    if s_eff > case.s_best + 0.1:
        return (f"it corresponds to sigma ≈ {s_eff:.2f} while the best sigma is {case.s_best:.2f}: you over-blur "
                "(detail is erased)")
    return f"it corresponds to sigma ≈ {s_eff:.2f}; the best sigma is {case.s_best:.2f}"


def judge(student: Student, name: str, std: float, rng: np.random.Generator, *, margin: bool) -> None:
    """Denoise one noisy held-out image; fail unless it beats the noisy input (and, if asked, the margin)."""
    case = noisy_case(name, float(std), int(rng.integers(2**63)))
    got = student.call("denoise", case.noisy.copy(), std)
    expect_shape(got, case.noisy.shape, f"denoise must return an image of the noisy image's shape (image {name!r})")
    answer = np.asarray(got, dtype=np.float64)
    expect(np.isfinite(answer).all(), f"denoise returned NaN or infinite values (image {name!r}, noise {std})")
    p_answer = psnr(held_out_crop(name, CROP), answer)
    if p_answer > case.p_noisy + 0.1 and (not margin or p_answer >= case.p_best - MARGIN_DB):
        return
    where = f"image {name!r} with noise std {std}"
    looks = _looks(case, answer)
    expect(p_answer > case.p_noisy + 0.1,
           f"{where}: your result has PSNR {p_answer:.2f} dB, no better than the noisy input ({case.p_noisy:.2f} dB); "
           f"{looks}.")
    expect(False, f"{where}: your result has PSNR {p_answer:.2f} dB, more than {MARGIN_DB} dB below the best "
           f"Gaussian blur ({case.p_best:.2f} dB); {looks}. The best sigma depends on the noise level and on the "
           "image: estimate the error for each sigma without the clean image (SURE) and keep the best.")


@points(2)
def test_beats_noisy_input(student: Student, rng: np.random.Generator) -> None:
    """Improves the PSNR of the noisy input at every noise level."""
    for name, std in (("brick", 0.05), ("text", 0.2), ("shepp_logan_phantom", 0.03)):
        judge(student, name, std, rng, margin=False)


@points(2)
def test_close_to_best_low_noise(student: Student, rng: np.random.Generator) -> None:
    """Low noise (std 0.03-0.05): within 0.5 dB of the best Gaussian blur."""
    for name, std in (("brick", 0.03), ("clock", 0.05)):
        judge(student, name, std, rng, margin=True)


@points(2)
def test_close_to_best_medium_noise(student: Student, rng: np.random.Generator) -> None:
    """Medium noise (std 0.1): within 0.5 dB of the best Gaussian blur."""
    for name in ("shepp_logan_phantom", "text"):
        judge(student, name, 0.1, rng, margin=True)


@points(2)
def test_close_to_best_high_noise(student: Student, rng: np.random.Generator) -> None:
    """High noise (std 0.2): within 0.5 dB of the best Gaussian blur."""
    for name in ("clock", "brick"):
        judge(student, name, 0.2, rng, margin=True)


@points(1)
def test_no_noise(student: Student, rng: np.random.Generator) -> None:
    """noise_std = 0: nothing to remove, the image comes back unchanged."""
    image = clean_image("clock")
    got = student.call("denoise", image, 0.0)
    if isinstance(got, np.ndarray) and got.shape == image.shape and not np.allclose(got, image, rtol=0, atol=1e-6):
        s_eff, _ = effective_sigma(image, np.asarray(got, dtype=np.float64))
        expect(False, f"with noise_std=0 your denoise still blurs (like sigma ≈ {s_eff:.2f}); without noise the best "
               "sigma is 0: return the image unchanged")
    expect_close(got, image, "with noise_std=0 denoise must return the image unchanged", rtol=0, atol=1e-6)


@points(1, in_place="denoise")
def test_float64_same_shape(student: Student, rng: np.random.Generator) -> None:
    """Returns a new float64 array of the input's shape (also for a non-square image), leaving the input alone."""
    clean = clean_image("text")[:, :96]
    noisy = clean + rng.normal(0.0, 0.1, clean.shape)
    got = student.call("denoise", noisy, 0.1)
    expect_dtype(got, np.float64, "denoise must return a float64 array")
    expect_shape(got, noisy.shape, "denoise must keep the image's shape")
    expect(not student.returned_input(), "denoise returned its input array itself; return a new (blurred) array")
