"""Hidden tests of exercise 5: choosing sigma from the noise level, judged on held-out images.

The learner's ``denoise(noisy, noise_std)`` is compared with the oracle: the best Gaussian blur of the same
noisy image, with sigma chosen on a fine grid using the clean image. The images (crops of scikit-image's
bundled brick, clock, text and Shepp-Logan phantom) are not used in the exercise text. Measured with the
reference solution (SURE over a sigma grid) on these crops: at most 0.15 dB below the oracle, for many seeds.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import (
    Student,
    expect,
    expect_close,
    expect_dtype,
    expect_shape,
    forbidden_helpers,
    points,
)
from gausslearn.grading.authoring.hidden import held_out_crop

FUNCTIONS = ("denoise",)
FORBIDDEN = forbidden_helpers("ex05_sigma")
TIMEOUT_PER_CALL = 30.0

#: The learner's PSNR may fall at most this far below the oracle's.
MARGIN_DB = 0.5
#: Sigma grid of the oracle and of the effective-sigma fit.
SIGMAS = np.round(np.arange(0.0, 8.0001, 0.05), 2)
CROP = 128


def _clean(name: str) -> np.ndarray:
    return held_out_crop(name, CROP)


def clean_image(name: str) -> np.ndarray:
    """A fresh copy of a 128x128 held-out test image in [0, 1].

    Examples
    --------
    >>> clean_image("brick").shape
    (128, 128)
    """
    return _clean(name).copy()


def psnr(clean: np.ndarray, test: np.ndarray) -> float:
    """PSNR in dB for images on the [0, 1] scale."""
    return float(10 * np.log10(1.0 / np.mean((np.asarray(test, dtype=np.float64) - clean) ** 2)))


def oracle(clean: np.ndarray, noisy: np.ndarray) -> tuple[float, float]:
    """The best Gaussian blur of ``noisy`` (knowing ``clean``): (sigma, PSNR)."""
    scores = [psnr(clean, ndi.gaussian_filter(noisy, s)) for s in SIGMAS]
    i = int(np.argmax(scores))
    return float(SIGMAS[i]), float(scores[i])


def effective_sigma(noisy: np.ndarray, answer: np.ndarray) -> tuple[float, float]:
    """The sigma whose Gaussian blur of ``noisy`` is closest to ``answer``: (sigma, relative RMS distance)."""
    errs = [float(np.mean((ndi.gaussian_filter(noisy, s) - answer) ** 2)) for s in SIGMAS]
    i = int(np.argmin(errs))
    return float(SIGMAS[i]), float(np.sqrt(errs[i]) / (np.std(noisy) + 1e-12))


def judge(student: Student, name: str, std: float, rng: np.random.Generator, *, margin: bool) -> None:
    """Denoise one noisy held-out image; fail unless it beats the noisy input (and, if asked, the margin)."""
    clean = clean_image(name)
    noisy = clean + rng.normal(0.0, std, clean.shape)
    got = student.call("denoise", noisy, std)
    expect_shape(got, noisy.shape, f"denoise must return an image of the noisy image's shape (image {name!r})")
    answer = np.asarray(got, dtype=np.float64)
    expect(np.isfinite(answer).all(), f"denoise returned NaN or infinite values (image {name!r}, noise {std})")
    p_noisy, p_answer = psnr(clean, noisy), psnr(clean, answer)
    s_best, p_best = oracle(clean, noisy)
    s_eff, distance = effective_sigma(noisy, answer)
    if distance > 0.05:
        looks = (f"your result is not close to any Gaussian blur of the noisy image (nearest: sigma {s_eff:.2f}); "
                 "return scipy.ndimage.gaussian_filter(noisy, sigma) for the sigma you chose")
    elif s_eff < s_best - 0.1:
        looks = (f"it corresponds to sigma ≈ {s_eff:.2f} while the best sigma is {s_best:.2f}: you under-blur "
                 "(noise is left)")
    elif s_eff > s_best + 0.1:
        looks = (f"it corresponds to sigma ≈ {s_eff:.2f} while the best sigma is {s_best:.2f}: you over-blur "
                 "(detail is erased)")
    else:
        looks = f"it corresponds to sigma ≈ {s_eff:.2f}; the best sigma is {s_best:.2f}"
    where = f"image {name!r} with noise std {std}"
    expect(p_answer > p_noisy + 0.1,
           f"{where}: your result has PSNR {p_answer:.2f} dB, no better than the noisy input ({p_noisy:.2f} dB); "
           f"{looks}.")
    if margin:
        expect(p_answer >= p_best - MARGIN_DB,
               f"{where}: your result has PSNR {p_answer:.2f} dB, more than {MARGIN_DB} dB below the best Gaussian "
               f"blur ({p_best:.2f} dB); {looks}. The best sigma depends on the noise level and on the image: "
               "estimate the error for each sigma without the clean image (SURE) and keep the best.")


@points(2)
def test_beats_noisy_input(student: Student, rng: np.random.Generator) -> None:
    """Improves the PSNR of the noisy input at every noise level."""
    for name, std in (("brick", 0.05), ("clock", 0.1), ("text", 0.2), ("shepp_logan_phantom", 0.03)):
        judge(student, name, std, rng, margin=False)


@points(2)
def test_close_to_best_low_noise(student: Student, rng: np.random.Generator) -> None:
    """Low noise (std 0.03-0.05): within 0.5 dB of the best Gaussian blur."""
    for name, std in (("brick", 0.03), ("clock", 0.05), ("text", 0.04)):
        judge(student, name, std, rng, margin=True)


@points(2)
def test_close_to_best_medium_noise(student: Student, rng: np.random.Generator) -> None:
    """Medium noise (std 0.1): within 0.5 dB of the best Gaussian blur."""
    for name in ("brick", "shepp_logan_phantom", "text"):
        judge(student, name, 0.1, rng, margin=True)


@points(2)
def test_close_to_best_high_noise(student: Student, rng: np.random.Generator) -> None:
    """High noise (std 0.2): within 0.5 dB of the best Gaussian blur."""
    for name in ("clock", "brick", "shepp_logan_phantom"):
        judge(student, name, 0.2, rng, margin=True)


@points(1)
def test_no_noise(student: Student, rng: np.random.Generator) -> None:
    """noise_std = 0: nothing to remove, the image comes back unchanged."""
    image = clean_image("clock")
    got = student.call("denoise", image, 0.0)
    if isinstance(got, np.ndarray) and got.shape == image.shape:
        s_eff, _ = effective_sigma(image, np.asarray(got, dtype=np.float64))
        expect(np.allclose(got, image, rtol=0, atol=1e-6),
               f"with noise_std=0 your denoise still blurs (like sigma ≈ {s_eff:.2f}); without noise the best "
               "sigma is 0: return the image unchanged")
    expect_close(got, image, "with noise_std=0 denoise must return the image unchanged", rtol=0, atol=1e-6)


@points(1)
def test_float64_same_shape(student: Student, rng: np.random.Generator) -> None:
    """Returns a new float64 array of the input's shape (also for a non-square image)."""
    clean = clean_image("text")[:, :96]
    noisy = clean + rng.normal(0.0, 0.1, clean.shape)
    got = student.call("denoise", noisy, 0.1)
    expect_dtype(got, np.float64, "denoise must return a float64 array")
    expect_shape(got, noisy.shape, "denoise must keep the image's shape")
    expect(not student.returned_input(), "denoise returned its input array itself; return a new (blurred) array")
