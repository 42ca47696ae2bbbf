"""Tests of gausslearn.kernels against SciPy's own weights and against closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import ndimage
from scipy.ndimage import _filters as scipy_filters

from gausslearn import kernels as K

SIGMAS = [0.3, 0.5, 0.8, 1.0, 1.125, 1.5, 2.0, 3.7, 10.0]


# ------------------------------------------------------------------------------------------ kernel_radius ---

@pytest.mark.parametrize("sigma", SIGMAS)
@pytest.mark.parametrize("truncate", [1.0, 2.5, 4.0])
def test_kernel_radius_is_the_size_scipy_uses(sigma: float, truncate: float) -> None:
    # The support of SciPy's filtered impulse (constant mode, wide array) is 2 * radius + 1 samples.
    impulse = np.zeros(201)
    impulse[100] = 1.0
    response = ndimage.gaussian_filter1d(impulse, sigma, truncate=truncate, mode="constant")
    support = np.flatnonzero(response)
    assert support.size == 2 * K.kernel_radius(sigma, truncate) + 1
    assert K.kernel_radius(sigma, truncate) == int(truncate * sigma + 0.5)


def test_kernel_radius_rounds_halves_up_not_to_even() -> None:
    assert K.kernel_radius(1.125) == 5          # 4.5 -> 5
    assert round(4 * 1.125) == 4                # Python's round would give 4
    assert K.kernel_radius(0.375, truncate=4.0) == 2   # 1.5 -> 2
    assert K.kernel_radius(0.625, truncate=4.0) == 3   # 2.5 -> 3 (round gives 2)


def test_kernel_radius_refuses_bad_sigma_and_truncate() -> None:
    with pytest.raises(ValueError, match="silently ignores a negative or NaN sigma"):
        K.kernel_radius(-1.0)
    with pytest.raises(ValueError, match="truncate must be >= 0 and finite"):
        K.kernel_radius(1.0, truncate=-2)


# -------------------------------------------------------------------------------------- gaussian_kernel1d ---

@pytest.mark.parametrize("sigma", SIGMAS)
@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_kernel1d_equals_scipy_weights_bit_for_bit(sigma: float, order: int) -> None:
    radius = K.kernel_radius(sigma)
    scipy_weights = scipy_filters._gaussian_kernel1d(sigma, order, radius)[::-1]  # what correlate1d receives
    ours = K.gaussian_kernel1d(sigma, order=order)
    np.testing.assert_array_equal(ours, scipy_weights)


@pytest.mark.parametrize("sigma", [0.5, 1.0, 2.3])
@pytest.mark.parametrize("order", [0, 1, 2])
def test_kernel1d_is_what_filtering_an_impulse_gives(sigma: float, order: int) -> None:
    # Correlation with an impulse at c gives out[c + k] = w[r - k]: the kernel reversed.
    r = K.kernel_radius(sigma)
    impulse = np.zeros(2 * r + 21)
    c = r + 10
    impulse[c] = 1.0
    response = ndimage.gaussian_filter1d(impulse, sigma, order=order, mode="constant")
    np.testing.assert_allclose(response[c - r:c + r + 1][::-1], K.gaussian_kernel1d(sigma, order=order),
                               rtol=0, atol=1e-15)


def test_kernel1d_normalised_and_derivative_signs() -> None:
    for sigma in SIGMAS:
        assert abs(K.gaussian_kernel1d(sigma).sum() - 1.0) < 1e-14
    # Correlating a rising ramp with the order-1 kernel gives its slope (+1); a parabola x**2 gives 2.
    x = np.arange(-30, 31, dtype=float)
    w1 = K.gaussian_kernel1d(3.0, order=1)
    w2 = K.gaussian_kernel1d(3.0, order=2)
    r = w1.size // 2
    window = x[30 - r:30 + r + 1]
    # Derivatives are not renormalised: truncating at 4 sigmas loses a little (0.05 % here), as in SciPy.
    assert 0.999 < np.dot(w1, window) < 1.0
    assert 1.98 < np.dot(w2, window ** 2) < 2.0
    assert w1[0] < 0 < w1[-1]  # the flip for correlation: weights increase from left to right


def test_kernel1d_radius_override_sigma_zero_and_errors() -> None:
    assert K.gaussian_kernel1d(1.0, radius=2).size == 5
    assert K.gaussian_kernel1d(1.0, truncate=1.0).size == 3
    np.testing.assert_array_equal(K.gaussian_kernel1d(0.0), [1.0])
    np.testing.assert_array_equal(K.gaussian_kernel1d(0.0, radius=1), [0.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="derivative of a Gaussian needs sigma > 0"):
        K.gaussian_kernel1d(0.0, order=1)
    with pytest.raises(ValueError, match="order must be non-negative, got -1"):
        K.gaussian_kernel1d(1.0, order=-1)
    with pytest.raises(TypeError, match="order must be an integer"):
        K.gaussian_kernel1d(1.0, order=1.5)
    with pytest.raises(ValueError, match="Radius must be a nonnegative integer, got -1"):
        K.gaussian_kernel1d(1.0, radius=-1)
    with pytest.raises(ValueError, match="Radius must be a nonnegative integer, got 2.0"):
        K.gaussian_kernel1d(1.0, radius=2.0)
    with pytest.raises(ValueError, match=r"sigma must be >= 0 and finite, got nan"):
        K.gaussian_kernel1d(float("nan"))


@settings(max_examples=40, deadline=None)
@given(sigma=st.floats(0.2, 20.0), truncate=st.floats(0.5, 6.0), order=st.integers(0, 2))
def test_kernel1d_property_matches_scipy(sigma: float, truncate: float, order: int) -> None:
    radius = int(truncate * sigma + 0.5)
    np.testing.assert_array_equal(K.gaussian_kernel1d(sigma, truncate, order=order),
                                  scipy_filters._gaussian_kernel1d(sigma, order, radius)[::-1])


# -------------------------------------------------------------------------------------- gaussian_kernel2d ---

def test_kernel2d_outer_product_sums_to_one_and_matches_scipy_impulse() -> None:
    k = K.gaussian_kernel2d((1.0, 2.0))
    assert k.shape == (9, 17)
    assert abs(k.sum() - 1.0) < 1e-14
    np.testing.assert_array_equal(k, np.outer(K.gaussian_kernel1d(1.0), K.gaussian_kernel1d(2.0)))
    impulse = np.zeros((9, 17))
    impulse[4, 8] = 1.0
    np.testing.assert_allclose(ndimage.gaussian_filter(impulse, (1.0, 2.0), mode="constant"), k,
                               rtol=0, atol=1e-15)
    assert K.gaussian_kernel2d(1.5, radius=(1, 2)).shape == (3, 5)
    with pytest.raises(ValueError, match="sigma has 3 values but the array has 2 axes"):
        K.gaussian_kernel2d((1.0, 1.0, 1.0))


# ---------------------------------------------------------------------------------- density and sums ---

def test_gaussian_density() -> None:
    x = np.linspace(-40, 40, 80001)
    y = K.gaussian(x, 3.0, mu=2.0)
    assert abs(np.trapezoid(y, x) - 1.0) < 1e-9
    assert abs(K.gaussian(2.0, 3.0, mu=2.0) - 1 / (np.sqrt(2 * np.pi) * 3.0)) < 1e-15
    assert isinstance(K.gaussian(0.0, 1.0), float)
    with pytest.raises(ValueError, match="sigma must be > 0 for a density"):
        K.gaussian(0.0, 0.0)


def test_sampled_sum_explains_normalisation() -> None:
    assert K.sampled_sum(0.3) > 1.3                       # coarse samples overshoot
    assert abs(K.sampled_sum(2.0) - 1.0) < 1e-4           # fine samples, 4 sigmas: close to 1
    assert K.sampled_sum(2.0, truncate=1.0) < 0.8         # cut tails lose mass
    r = K.kernel_radius(0.7)
    assert K.sampled_sum(0.7) == pytest.approx(sum(K.gaussian(float(x), 0.7) for x in range(-r, r + 1)))
    # dividing by this sum is exactly what the normalised kernel does
    raw = K.gaussian(np.arange(-r, r + 1), 0.7)
    np.testing.assert_allclose(raw / K.sampled_sum(0.7), K.gaussian_kernel1d(0.7), rtol=1e-14)


# ------------------------------------------------------------------------------------------------- box ---

def test_box_kernels() -> None:
    np.testing.assert_array_equal(K.box_kernel1d(3), [1 / 3, 1 / 3, 1 / 3])
    assert K.box_kernel2d(3).shape == (3, 3) and abs(K.box_kernel2d((2, 5)).sum() - 1) < 1e-15
    with pytest.raises(ValueError, match="size must be a positive integer"):
        K.box_kernel1d(0)
    with pytest.raises(TypeError, match=r"size must be a positive integer, got 2\.5 \(float\); it is the number of taps"):
        K.box_kernel2d((2, 2.5))


# ----------------------------------------------------------------------------------------- conventions ---

@pytest.mark.parametrize("sigma", [0.8, 1.0, 1.5, 2.0, 3.3])
def test_size_conventions(sigma: float) -> None:
    from skimage.filters import gaussian as sk_gaussian

    conv = K.kernel_size_conventions(sigma)
    assert list(conv) == ["scipy", "skimage", "opencv (float)", "opencv (uint8)"]
    impulse = np.zeros(101)
    impulse[50] = 1.0
    scipy_support = np.flatnonzero(ndimage.gaussian_filter1d(impulse, sigma, mode="constant")).size
    impulse2 = np.zeros((1, 101))
    impulse2[0, 50] = 1.0
    sk = sk_gaussian(impulse2, sigma=(0, sigma), mode="constant", preserve_range=True)
    assert conv["scipy"]["size"] == scipy_support
    assert conv["skimage"]["size"] == np.flatnonzero(sk[0]).size
    for name in conv:
        assert conv[name]["size"] == 2 * conv[name]["radius"] + 1
        assert isinstance(conv[name]["rule"], str) and "sigma" in conv[name]["rule"]
    assert conv["opencv (float)"]["size"] == int(round(8 * sigma + 1)) | 1


def test_size_conventions_hand_values() -> None:
    assert K.kernel_size_conventions(1.5)["opencv (uint8)"]["size"] == 11   # round(10) | 1
    assert K.kernel_size_conventions(1.5)["opencv (float)"]["size"] == 13   # round(13) | 1
    assert K.kernel_size_conventions(0.8)["opencv (float)"]["size"] == 7    # round(7.4) | 1
    assert K.kernel_size_conventions(1.0, truncate=3.0)["scipy"]["size"] == 7


# ----------------------------------------------------------------------------------------- frequencies ---

def test_frequency_response_matches_fft_and_closed_forms() -> None:
    w = K.gaussian_kernel1d(1.7)
    freqs, mag = K.frequency_response(w, n=257)
    np.testing.assert_allclose(freqs, np.arange(257) / 512)
    np.testing.assert_allclose(mag, np.abs(np.fft.rfft(w, 512)), rtol=0, atol=1e-13)
    assert mag[0] == pytest.approx(1.0)
    f, box = K.frequency_response(K.box_kernel1d(3), n=50)
    expected = np.ones_like(f)
    nz = f > 0
    expected[nz] = np.abs(np.sin(3 * np.pi * f[nz]) / (3 * np.sin(np.pi * f[nz])))
    np.testing.assert_allclose(box, expected, atol=1e-13)
    # The sampled kernel follows the continuous response closely for sigma >= 1.
    f, g = K.frequency_response(K.gaussian_kernel1d(2.0))
    np.testing.assert_allclose(g, K.gaussian_frequency_response(2.0, f), atol=1e-3)


def test_gaussian_frequency_response_and_errors() -> None:
    assert K.gaussian_frequency_response(1.0, 0.0) == 1.0
    assert K.gaussian_frequency_response(2.0, 0.1) == pytest.approx(np.exp(-2 * np.pi ** 2 * 4 * 0.01))
    with pytest.raises(ValueError, match="weights must be a non-empty 1-D array"):
        K.frequency_response(np.ones((2, 2)))
    with pytest.raises(ValueError, match="n must be an integer >= 2"):
        K.frequency_response([1.0], n=1)


def test_signed_frequency_response_keeps_the_sign_the_magnitude_hides() -> None:
    w = K.box_kernel1d(5)
    f, gain = K.frequency_response(w, n=65)
    f2, h = K.frequency_response(w, n=65, signed=True)
    np.testing.assert_array_equal(f, f2)
    np.testing.assert_allclose(np.abs(h), gain, atol=1e-12)
    assert h.min() < -0.2 and h[0] == pytest.approx(1.0)  # the box inverts stripes near 0.3 cycles/pixel
    _, g = K.frequency_response(K.gaussian_kernel1d(2.0), n=65, signed=True)
    assert g.min() > -1e-4  # a Gaussian barely inverts: only the cut at 4 sigma leaves ripples of ~1e-5
    with pytest.raises(ValueError, match="signed=True needs a real, symmetric kernel"):
        K.frequency_response([0.2, 0.3, 0.5], signed=True)
    with pytest.raises(TypeError, match="signed must be True or False"):
        K.frequency_response(w, signed="yes")
