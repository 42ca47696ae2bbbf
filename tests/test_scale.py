"""gausslearn.scale: signed responses, aliasing, and measuring patterns, checked against NumPy and SciPy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from gausslearn.kernels import (
    box_kernel1d,
    frequency_response,
    gaussian_frequency_response,
    gaussian_kernel1d,
)
from gausslearn.scale import alias_frequency, dominant_frequency, response_at, sine_amplitude


@pytest.mark.parametrize("weights", [gaussian_kernel1d(1.5), box_kernel1d(5), np.array([0.25, 0.5, 0.25])])
def test_response_matches_the_fft_and_the_course_grid(weights: np.ndarray) -> None:
    freqs, signed = frequency_response(weights, n=65, signed=True)
    np.testing.assert_allclose(response_at(weights, freqs), signed, rtol=0, atol=1e-12)
    gain = np.abs(np.fft.rfft(weights, 128))  # frequencies k / 128 = 0 .. 0.5, as the grid above
    np.testing.assert_allclose(np.abs(response_at(weights, np.arange(65) / 128)), gain, rtol=0, atol=1e-12)


def test_response_is_what_filtering_does_to_a_cosine() -> None:
    n = np.arange(200)
    for weights, f in ((box_kernel1d(5), 0.3), (gaussian_kernel1d(2.0), 0.1)):
        pattern = np.cos(2 * np.pi * f * n)
        filtered = ndimage.correlate1d(pattern, weights, mode="wrap")
        np.testing.assert_allclose(filtered, response_at(weights, f) * pattern, rtol=0, atol=1e-12)


def test_sampled_gaussian_close_to_the_continuous_response_from_sigma_1() -> None:
    f = np.linspace(0, 0.5, 11)
    for sigma in (1.0, 3.0):
        np.testing.assert_allclose(response_at(gaussian_kernel1d(sigma), f), gaussian_frequency_response(sigma, f),
                                   rtol=0, atol=0.01)


def test_alias_frequency_is_where_the_subsampled_pattern_appears() -> None:
    n = np.arange(480)
    for f, factor in ((0.4, 2), (0.1, 2), (0.3, 4), (0.45, 3), (0.125, 4)):
        kept = np.cos(2 * np.pi * f * n)[::factor]
        assert dominant_frequency(kept) == pytest.approx(alias_frequency(f, factor), abs=1.5 / kept.size)
    assert alias_frequency(0.25, 2) == 0.5 and alias_frequency(0.5, 2) == 0.0


def test_sine_amplitude_ignores_phase_and_mean() -> None:
    n = np.arange(37)
    for phase in (0.0, 0.7, 2.0):
        assert sine_amplitude(3 + 0.8 * np.cos(2 * np.pi * 0.21 * n + phase), 0.21) == pytest.approx(0.8, abs=1e-9)
    assert sine_amplitude(np.ones(10), 0.2) == pytest.approx(0.0, abs=1e-12)


def test_invalid_arguments_name_the_problem() -> None:
    with pytest.raises(ValueError, match="symmetric"):
        response_at([0.1, 0.2, 0.7], 0.1)
    with pytest.raises(ValueError, match="odd number of taps"):
        response_at([0.5, 0.5], 0.1)
    with pytest.raises(ValueError, match="finite"):
        response_at(box_kernel1d(3), np.nan)
    with pytest.raises(ValueError, match="factor"):
        alias_frequency(0.2, 0)
    with pytest.raises(ValueError, match="frequency"):
        alias_frequency(-0.1, 2)
    with pytest.raises(ValueError, match="1-D array"):
        sine_amplitude(np.zeros((3, 3)), 0.1)
    with pytest.raises(ValueError, match="frequency"):
        sine_amplitude(np.zeros(9), 0.7)
    with pytest.raises(ValueError, match="1-D array"):
        dominant_frequency([1.0, 2.0])
