"""Tests of gausslearn.kernels.sigma_in_pixels: a physical sigma turned into one sigma in pixels per axis."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from gausslearn.images import impulse
from gausslearn.kernels import sigma_in_pixels


def spot_std(volume: np.ndarray, axis: int) -> float:
    """Standard deviation (in pixels) of a blurred point along one axis, from its second moment."""
    other = tuple(a for a in range(volume.ndim) if a != axis)
    profile = volume.sum(axis=other)
    x = np.arange(profile.size) - (profile.size - 1) / 2
    return float(np.sqrt(np.sum(profile * x ** 2) / profile.sum()))


def test_anisotropic_stack_gets_the_same_physical_blur_on_every_axis() -> None:
    """A point in a stack of 1 um slices and 0.2 um pixels, blurred with the per-axis sigma for 1.5 um, is a
    spot whose standard deviation is 1.5 um along every axis (measured, in micrometres)."""
    spacing = (1.0, 0.2, 0.2)
    sigma = sigma_in_pixels(1.5, spacing)
    assert sigma == pytest.approx((1.5, 7.5, 7.5))
    spot = ndimage.gaussian_filter(impulse((31, 81, 81)), sigma)
    measured = [spot_std(spot, axis) * step for axis, step in enumerate(spacing)]
    assert measured == pytest.approx([1.5, 1.5, 1.5], rel=0.01)


def test_matches_a_finely_sampled_blur_subsampled() -> None:
    """Blurring a stack sampled every 0.2 um along z too, then keeping every fifth slice, equals blurring the
    stack of 1 um slices with the converted sigma (a smooth object, so the sampling does not matter)."""
    z, y, x = np.meshgrid(np.arange(101) * 0.2, np.arange(40) * 0.2, np.arange(40) * 0.2, indexing="ij")
    blob = np.exp(-((z - 10) ** 2 + (y - 4) ** 2 + (x - 4) ** 2) / (2 * 1.2 ** 2))
    fine = ndimage.gaussian_filter(blob, sigma_in_pixels(0.8, (0.2, 0.2, 0.2)))[::5]
    coarse = ndimage.gaussian_filter(blob[::5], sigma_in_pixels(0.8, (1.0, 0.2, 0.2)))
    np.testing.assert_allclose(coarse, fine, rtol=0, atol=2e-3)


def test_per_axis_sigma_and_square_pixels() -> None:
    assert sigma_in_pixels((2.0, 0.0), (0.5, 0.25)) == (4.0, 0.0)
    assert sigma_in_pixels(3, 1.5) == (2.0, 2.0)
    assert sigma_in_pixels(1.0, np.array([0.5, 0.5, 2.0])) == (2.0, 2.0, 0.5)


@pytest.mark.parametrize(("sigma", "spacing", "error", "message"), [
    (1.0, (1.0, -0.2), ValueError, r"spacing\[1\] must be > 0"),
    (1.0, (1.0, float("nan")), ValueError, r"spacing\[1\]"),
    (-1.0, (1.0, 1.0), ValueError, "sigma must be >= 0"),
    ((1.0, 2.0), (1.0, 1.0, 1.0), ValueError, "sigma has 2 values but the array has 3 axes"),
    (1.0, "0.2", TypeError, "spacing must be a number or a sequence"),
    (1.0, (), ValueError, "spacing is empty"),
])
def test_clear_errors(sigma, spacing, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        sigma_in_pixels(sigma, spacing)
