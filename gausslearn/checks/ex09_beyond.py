"""Public checks of exercise 9 (impulse noise and unsharp masking) on the image the exercise names (camera).

The grader uses other images, another noise amount, integer images and edge cases.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect, expect_close, expect_dtype, points
from gausslearn.images import sample
from gausslearn.noise import salt_and_pepper

FUNCTIONS = ("remove_impulse_noise", "unsharp_mask")


def _psnr(clean: np.ndarray, test: np.ndarray) -> float:
    return float(10 * np.log10(1.0 / np.mean((np.asarray(test, dtype=np.float64) - clean) ** 2)))


@points(1)
def check_impulse_noise(student: Student, rng: np.random.Generator) -> None:
    """camera with 5 % impulses: 3 dB better than the best Gaussian blur."""
    clean = sample("camera")[100:228, 100:228].copy()
    noisy = salt_and_pepper(clean, 0.05, rng=rng)
    got = student.call("remove_impulse_noise", noisy)
    expect_dtype(got, np.float64, "remove_impulse_noise must return a float64 image")
    best = max(_psnr(clean, ndi.gaussian_filter(noisy, s)) for s in np.arange(0.0, 4.01, 0.1))
    p = _psnr(clean, got)
    expect(p >= best + 3.0, f"your PSNR is {p:.2f} dB; the best Gaussian blur reaches {best:.2f} dB and the task "
           "asks for 3 dB more. Averaging smears impulses; which neighbourhood statistic ignores them?")


@points(1)
def check_unsharp_formula(student: Student, rng: np.random.Generator) -> None:
    """unsharp_mask equals image + amount * (image - gaussian_filter(image, sigma))."""
    image = rng.random((10, 12))
    got = student.call("unsharp_mask", image, 1.0, 1.5)
    want = image + 1.5 * (image - ndi.gaussian_filter(image, 1.0))
    expect_close(got, want, "unsharp_mask(image, 1.0, 1.5) differs from the formula (no clipping, mode 'reflect')",
                 rtol=1e-7, atol=1e-9)


@points(1)
def check_unsharp_uint8(student: Student, rng: np.random.Generator) -> None:
    """A uint8 image is sharpened in float64 (no wrap-around)."""
    image = np.full((6, 6), 10, dtype=np.uint8)
    image[:, 3:] = 200
    got = student.call("unsharp_mask", image, 1.0, 1.0)
    x = image.astype(np.float64)
    expect_close(got, x + (x - ndi.gaussian_filter(x, 1.0)), "convert with np.asarray(image, dtype=np.float64) "
                 "before subtracting: uint8 arithmetic wraps around below 0", rtol=1e-7, atol=1e-9)
