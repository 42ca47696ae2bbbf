"""Tests of the noise-level estimates in gausslearn.metrics (noise_std_mad, noise_std_flat).

Compared with SciPy where it has the pieces (scipy.signal.correlate2d for the residual, scipy.stats for the
median absolute deviation and the chi distribution), and with the true noise level on synthetic and
scikit-image test images.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import signal, stats

from gausslearn.images import sample
from gausslearn.kernels import gaussian_kernel2d
from gausslearn.metrics import SECOND_DIFFERENCE, noise_std_flat, noise_std_mad
from gausslearn.noise import gaussian_noise


def blur_residual_kernel(sigma: float) -> np.ndarray:
    k = -gaussian_kernel2d(sigma)
    r = k.shape[0] // 2
    k[r, r] += 1.0
    return k


@pytest.mark.parametrize("kernel", [None, blur_residual_kernel(1.0), np.array([[1.0, -1.0]])])
def test_mad_estimate_is_scipys_mad_of_the_valid_residual(kernel) -> None:
    y = gaussian_noise(sample("coins"), 0.07, rng=3)
    k = SECOND_DIFFERENCE if kernel is None else kernel
    residual = signal.correlate2d(y, k, mode="valid")
    expected = stats.median_abs_deviation(residual, axis=None, scale="normal") / np.sqrt(np.sum(k ** 2))
    assert noise_std_mad(y, kernel) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("std", [0.01, 0.05, 0.2])
def test_mad_estimate_on_pure_noise_and_on_ramps(std: float) -> None:
    """The second difference cancels constants and ramps along either axis: only the noise is measured."""
    yy, xx = np.mgrid[:200, :300]
    ramps = 0.2 + 0.001 * xx + 0.0005 * yy + 1e-6 * xx * yy
    noisy = gaussian_noise(ramps, std, rng=7)
    assert noise_std_mad(noisy) == pytest.approx(std, rel=0.02)
    assert noise_std_mad(ramps) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("name", ["moon", "cell", "brick", "camera"])
def test_mad_estimate_on_test_images(name: str) -> None:
    noisy = gaussian_noise(sample(name), 0.1, rng=5)
    assert noise_std_mad(noisy) == pytest.approx(0.1, rel=0.03)


def test_texture_makes_every_estimate_too_high() -> None:
    noisy = gaussian_noise(sample("grass"), 0.05, rng=5)
    assert noise_std_mad(noisy) > 0.06
    assert noise_std_flat(noisy) > 0.08


def test_flat_estimate_raw_is_the_quantile_of_tile_stds() -> None:
    y = gaussian_noise(sample("moon")[:100, :90], 0.1, rng=1)
    tiles = [y[r:r + 8, c:c + 8].std(ddof=1) for r in range(0, 96, 8) for c in range(0, 88, 8)]
    assert noise_std_flat(y, calibrated=False) == pytest.approx(float(np.quantile(tiles, 0.1)), rel=1e-12)
    assert noise_std_flat(y, patch=5, fraction=1.0, calibrated=False) == pytest.approx(
        float(np.max([y[r:r + 5, c:c + 5].std(ddof=1) for r in range(0, 100, 5) for c in range(0, 90, 5)])))


def test_flat_calibration_is_the_quantile_of_pure_noise() -> None:
    """The calibration factor equals the quantile measured on simulated pure noise of std 1."""
    noise = np.random.default_rng(0).standard_normal((2048, 2048))
    measured = noise_std_flat(noise, calibrated=False)
    assert noise_std_flat(noise) == pytest.approx(1.0, rel=0.005)
    assert measured == pytest.approx(np.sqrt(stats.chi2.ppf(0.1, 63) / 63), rel=0.005)
    assert measured < 0.9  # the flattest tiles are flat partly by chance: the raw estimate is low


@pytest.mark.parametrize("name", ["moon", "cell", "camera"])
def test_flat_estimate_on_images_with_flat_regions(name: str) -> None:
    noisy = gaussian_noise(sample(name), 0.1, rng=5)
    assert noise_std_flat(noisy) == pytest.approx(0.1, rel=0.05)
    assert noise_std_flat(noisy, calibrated=False) < 0.093


def test_inputs_are_not_modified() -> None:
    y = gaussian_noise(sample("moon")[:64, :64], 0.1, rng=1)
    before = y.copy()
    noise_std_mad(y)
    noise_std_flat(y)
    np.testing.assert_array_equal(y, before)


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: noise_std_mad(np.zeros((8, 8)), np.ones((3, 3))), ValueError, "kernel must sum to 0"),
    (lambda: noise_std_mad(np.zeros((8, 8)), np.zeros((3, 3))), ValueError, "kernel is all zeros"),
    (lambda: noise_std_mad(np.zeros((2, 8))), ValueError, r"image \(2, 8\) is smaller than the kernel"),
    (lambda: noise_std_mad(np.zeros((8, 8, 3))), ValueError, "colour image"),
    (lambda: noise_std_mad(np.full((8, 8), np.nan)), ValueError, "NaN"),
    (lambda: noise_std_flat(np.zeros((8, 8)), patch=1), ValueError, "patch must be an integer >= 2"),
    (lambda: noise_std_flat(np.zeros((8, 8)), patch=9), ValueError, "smaller than one 9x9 tile"),
    (lambda: noise_std_flat(np.zeros((8, 8)), fraction=0), ValueError, "fraction"),
    (lambda: noise_std_flat(np.zeros((8, 8)), calibrated="yes"), TypeError, "calibrated must be True or False"),
])
def test_clear_errors(call, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        call()
