"""Public checks of exercise 5 (choosing sigma from the noise): one image the exercise text names (coins).

The grader uses other images and noise levels, and requires 0.5 dB of the best Gaussian blur at each.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect, expect_close, expect_dtype, expect_shape, points
from gausslearn.images import sample

FUNCTIONS = ("denoise",)


def _psnr(clean: np.ndarray, test: np.ndarray) -> float:
    return float(10 * np.log10(1.0 / np.mean((np.asarray(test, dtype=np.float64) - clean) ** 2)))


def _coins() -> np.ndarray:
    return sample("coins")[100:228, 150:278].copy()


@points(1)
def check_shape_and_dtype(student: Student, rng: np.random.Generator) -> None:
    """Returns a float64 image of the noisy image's shape."""
    clean = _coins()
    noisy = clean + rng.normal(0.0, 0.1, clean.shape)
    got = student.call("denoise", noisy, 0.1)
    expect_dtype(got, np.float64, "denoise must return a float64 array")
    expect_shape(got, noisy.shape, "denoise must keep the image's shape")


@points(1)
def check_close_to_best(student: Student, rng: np.random.Generator) -> None:
    """coins with noise 0.1: better than the noisy input and within 0.5 dB of the best Gaussian blur."""
    clean = _coins()
    noisy = clean + rng.normal(0.0, 0.1, clean.shape)
    got = np.asarray(student.call("denoise", noisy, 0.1), dtype=np.float64)
    sigmas = np.arange(0.0, 6.01, 0.1)
    scores = [_psnr(clean, ndi.gaussian_filter(noisy, s)) for s in sigmas]
    best, best_sigma = max(scores), float(sigmas[int(np.argmax(scores))])
    p = _psnr(clean, got)
    expect(p > _psnr(clean, noisy), f"your PSNR {p:.2f} dB is no better than the noisy image's "
           f"{_psnr(clean, noisy):.2f} dB")
    expect(p >= best - 0.5, f"your PSNR is {p:.2f} dB; the best Gaussian blur reaches {best:.2f} dB at sigma "
           f"{best_sigma:.1f}. Choose sigma from the image and the noise level (e.g. with SURE).")


@points(1)
def check_no_noise(student: Student, rng: np.random.Generator) -> None:
    """noise_std=0 returns the image unchanged."""
    clean = _coins()
    expect_close(student.call("denoise", clean, 0.0), clean, "without noise there is nothing to remove: sigma 0",
                 rtol=0, atol=1e-6)
