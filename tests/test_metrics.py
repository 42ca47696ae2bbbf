"""Tests for gausslearn.metrics: MSE, PSNR, SSIM, edge width and SURE."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import ndimage
from scipy.stats import norm
from skimage import metrics as skm

from gausslearn import metrics as metrics_module  # for the private _trace_fraction, checked by brute force
from gausslearn._validation import MODES
from gausslearn.images import sample
from gausslearn.metrics import best_sigma, edge_width, mse, psnr, ssim, sure_risk, sure_sigma
from gausslearn.noise import gaussian_noise


@pytest.fixture(scope="module")
def camera():
    return sample("camera")


@pytest.fixture(scope="module")
def camera_noisy(camera):
    return gaussian_noise(camera, 0.1, rng=2024)


# ------------------------------------------------------------------------------------------- mse / psnr


def test_mse_value():
    assert mse([[0.0, 1.0]], [[0.5, 0.0]]) == pytest.approx((0.25 + 1.0) / 2, abs=0)


def test_mse_uint8_does_not_wrap():
    a = np.array([0, 10, 255], np.uint8)
    b = np.array([255, 20, 0], np.uint8)
    assert mse(a, b) == pytest.approx((255**2 + 10**2 + 255**2) / 3, abs=0)


def test_mse_matches_skimage():
    rng = np.random.default_rng(0)
    a, b = rng.random((20, 30)), rng.random((20, 30))
    assert mse(a, b) == pytest.approx(skm.mean_squared_error(a, b), rel=1e-14)


def test_psnr_known_value():
    ref = np.zeros((4, 4))
    assert psnr(ref, ref + 0.1) == pytest.approx(20.0, abs=1e-12)
    assert psnr(ref, ref + 0.01) == pytest.approx(40.0, abs=1e-12)


def test_psnr_identical_is_inf():
    ref = np.random.default_rng(1).random((5, 5))
    assert psnr(ref, ref.copy()) == math.inf
    u = np.arange(12, dtype=np.uint8).reshape(3, 4)
    assert psnr(u, u) == math.inf


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_psnr_integer_default_range_matches_skimage(dtype):
    rng = np.random.default_rng(2)
    hi = np.iinfo(dtype).max
    ref = rng.integers(0, hi, size=(32, 32), endpoint=True, dtype=dtype)
    test = np.clip(ref.astype(np.int64) + rng.integers(-40, 40, size=ref.shape), 0, hi).astype(dtype)
    assert psnr(ref, test) == pytest.approx(skm.peak_signal_noise_ratio(ref, test), rel=1e-12)
    expected = 10 * np.log10(float(hi) ** 2 / np.mean((ref.astype(float) - test.astype(float)) ** 2))
    assert psnr(ref, test) == pytest.approx(expected, rel=1e-12)


def test_psnr_uint8_no_wraparound():
    ref = np.array([[0, 0], [0, 0]], np.uint8)
    test = np.array([[255, 0], [0, 0]], np.uint8)
    # in uint8 arithmetic 0 - 255 would be 1, giving a wrong 48 dB + 6 dB
    assert psnr(ref, test) == pytest.approx(10 * np.log10(255**2 / (255**2 / 4)), abs=1e-12)


@pytest.mark.parametrize("with_negative", [False, True])
def test_psnr_signed_integer_rule_matches_skimage(with_negative):
    rng = np.random.default_rng(3)
    ref = rng.integers(0 if not with_negative else -100, 120, size=(16, 16)).astype(np.int8)
    test = (ref.astype(int) + rng.integers(-3, 3, size=ref.shape)).clip(-128, 127).astype(np.int8)
    assert psnr(ref, test) == pytest.approx(skm.peak_signal_noise_ratio(ref, test), rel=1e-12)


def test_psnr_float_matches_skimage(camera, camera_noisy):
    assert psnr(camera, camera_noisy) == pytest.approx(
        skm.peak_signal_noise_ratio(camera, camera_noisy, data_range=1.0), rel=1e-12)
    assert psnr(camera, camera_noisy) == pytest.approx(20.0, abs=0.05)  # noise 0.1 on [0, 1]


def test_psnr_float32_and_float64_mix_is_allowed():
    ref = np.full((4, 4), 0.5)
    assert psnr(ref, ref.astype(np.float32) + np.float32(0.1)) == pytest.approx(20.0, abs=1e-5)


def test_psnr_explicit_data_range():
    ref = np.full((3, 3), 100.0)
    assert psnr(ref, ref + 2.55, data_range=255) == pytest.approx(40.0, abs=1e-9)


def test_psnr_refuses_float_reference_outside_unit_interval():
    ref = np.array([[0.0, 200.0], [10.0, 255.0]])
    with pytest.raises(ValueError, match=r"reference is a float image with values from 0 to 255, outside \[0, 1\], "
                                         r"so the default data_range=1\.0 does not fit; pass data_range explicitly"):
        psnr(ref, ref + 1)


def test_psnr_test_outside_unit_interval_is_fine():
    ref = np.full((8, 8), 0.95)
    assert psnr(ref, ref + 0.1) == pytest.approx(20.0, abs=1e-9)


def test_psnr_refuses_mixed_integer_and_float_scales():
    u = np.zeros((3, 3), np.uint8)
    with pytest.raises(ValueError, match=r"reference has dtype uint8 \(values 0\.\.255\) but test has dtype float64 "
                                         r"\(values 0\.0\.\.1\.0\); convert both with gausslearn\.dtypes\.to_float"):
        psnr(u, np.zeros((3, 3)))
    with pytest.raises(ValueError, match=r"dtype uint16 \(values 0\.\.65535\) but test has dtype uint8"):
        psnr(np.zeros(4, np.uint16), np.zeros(4, np.uint8))
    # explicit data_range means the caller vouches for the scale
    assert psnr(u, np.ones((3, 3)), data_range=255) == pytest.approx(20 * np.log10(255), abs=1e-9)


def test_psnr_refuses_default_range_of_int64_lists():
    with pytest.raises(ValueError, match=r"reference has dtype int64, which is not an image dtype \(NumPy gives it to "
                                         r"arrays built from Python lists of ints\), so there is no default data_range"):
        psnr([[0, 255]], [[0, 250]])
    assert psnr([[0, 255]], [[0, 250]], data_range=255) == pytest.approx(10 * np.log10(255**2 / 12.5), abs=1e-9)


@pytest.mark.parametrize(("data_range", "exc", "match"), [
    (0, ValueError, r"data_range must be > 0 and finite, got 0\.0"),
    (-1.0, ValueError, "data_range must be > 0"),
    (float("nan"), ValueError, "data_range must be > 0 and finite, got nan"),
    ("255", TypeError, r"data_range must be a number, got '255' \(str\)"),
])
def test_psnr_data_range_validation(data_range, exc, match):
    with pytest.raises(exc, match=match):
        psnr(np.zeros(3), np.ones(3), data_range=data_range)


@pytest.mark.parametrize("func", [mse, psnr, ssim])
def test_shape_mismatch_message(func):
    with pytest.raises(ValueError, match=r"the two images have different shapes, \(8, 8\) and \(8, 9\); compare "
                                         r"images of the same shape"):
        func(np.zeros((8, 8)), np.zeros((8, 9)))


@pytest.mark.parametrize("func", [mse, psnr, ssim])
def test_nan_and_complex_refused(func):
    with pytest.raises(ValueError, match="test contains NaN or infinite values|b contains NaN"):
        func(np.zeros((8, 8)), np.full((8, 8), np.nan))
    with pytest.raises(TypeError, match="complex dtype"):
        func(np.zeros((8, 8), complex), np.zeros((8, 8)))


@pytest.mark.parametrize("func", [mse, psnr, ssim])
def test_metrics_do_not_modify_inputs(func, camera, camera_noisy):
    a, b = camera[:64, :64].copy(), camera_noisy[:64, :64].copy()
    a0, b0 = a.copy(), b.copy()
    func(a, b)
    np.testing.assert_array_equal(a, a0)
    np.testing.assert_array_equal(b, b0)


# ------------------------------------------------------------------------------------------- ssim


def test_ssim_matches_skimage_grey(camera, camera_noisy):
    expected = skm.structural_similarity(camera, camera_noisy, data_range=1.0)
    assert ssim(camera, camera_noisy) == pytest.approx(expected, rel=1e-12)
    assert ssim(camera, camera) == pytest.approx(1.0, abs=1e-12)


def test_ssim_matches_skimage_colour():
    ref = sample("astronaut")[::4, ::4]
    noisy = gaussian_noise(ref, 0.05, rng=0)
    expected = skm.structural_similarity(ref, noisy, data_range=1.0, channel_axis=-1)
    assert ssim(ref, noisy, channel_axis=-1) == pytest.approx(expected, rel=1e-12)
    assert ssim(ref, noisy, channel_axis=2) == pytest.approx(expected, rel=1e-12)


def test_ssim_uint8_uses_255():
    ref = sample("camera", as_float=False)[:64, :64]
    test = np.clip(ref.astype(int) + 20, 0, 255).astype(np.uint8)
    expected = skm.structural_similarity(ref, test, data_range=255)
    assert ssim(ref, test) == pytest.approx(expected, rel=1e-12)


def test_ssim_blur_is_worse_than_identity(camera):
    blurred = ndimage.gaussian_filter(camera, 3)
    assert 0.3 < ssim(camera, blurred) < 0.95


def test_ssim_colour_image_without_channel_axis_gets_a_hint():
    img = np.zeros((32, 32, 3))
    with pytest.raises(ValueError, match=r"ssim compares 7x7 windows, so every spatial axis needs at least 7 "
                                         r"pixels; got shape \(32, 32, 3\)\. For a colour image pass channel_axis=-1"):
        ssim(img, img)


def test_ssim_small_image_refused():
    with pytest.raises(ValueError, match=r"got shape \(5, 40\)\.$"):
        ssim(np.zeros((5, 40)), np.zeros((5, 40)))


def test_ssim_bad_channel_axis():
    with pytest.raises(ValueError, match="axis 3 is out of range for an array with 3 dimension"):
        ssim(np.zeros((8, 8, 3)), np.zeros((8, 8, 3)), channel_axis=3)
    with pytest.raises(ValueError, match="needs an image with a colour axis"):
        ssim(np.zeros(8), np.zeros(8), channel_axis=0)


# ------------------------------------------------------------------------------------------- edge width


def test_edge_width_sharp_step_is_0_8():
    assert edge_width([0, 0, 0, 0, 1, 1, 1]) == pytest.approx(0.8, abs=1e-12)


def test_edge_width_rising_and_falling_agree():
    prof = np.array([0.0, 0.0, 0.1, 0.4, 0.8, 1.0, 1.0])
    assert edge_width(prof) == pytest.approx(edge_width(prof[::-1]), abs=1e-12)
    assert edge_width(1 - prof) == pytest.approx(edge_width(prof), abs=1e-12)


def test_edge_width_interpolates_linearly():
    # crossings at x=1 + (0.1-0)/0.5 = 1.2 and x=2 + (0.9-0.5)/0.5 = 2.8
    assert edge_width([0.0, 0.0, 0.5, 1.0, 1.0]) == pytest.approx(1.6, abs=1e-12)


def test_edge_width_is_scale_and_offset_invariant():
    prof = np.array([0.0, 0.05, 0.3, 0.7, 0.95, 1.0])
    assert edge_width(3 * prof + 10) == pytest.approx(edge_width(prof), abs=1e-12)


@pytest.mark.parametrize("sigma", [2.0, 3.0, 5.0])
def test_edge_width_of_gaussian_blurred_step_is_2_563_sigma(sigma):
    x = np.arange(120, dtype=float)
    profile = norm.cdf((x - 60.3) / sigma)
    expected = 2 * norm.ppf(0.9) * sigma
    # linear interpolation between samples of the curved profile overestimates by about 0.1 pixel
    assert edge_width(profile) == pytest.approx(expected, abs=0.12)
    assert edge_width(profile) >= expected


def test_edge_width_grows_linearly_with_gaussian_sigma():
    step = np.repeat([0.0, 1.0], 100)
    widths = [edge_width(ndimage.gaussian_filter1d(step, s)) for s in (2, 4, 8)]
    np.testing.assert_allclose(np.array(widths) / np.array([2, 4, 8]), 2 * norm.ppf(0.9), rtol=0.02)


def test_edge_width_other_levels():
    prof = np.linspace(0, 1, 11)  # rises 0.1 per pixel
    assert edge_width(prof, low=0.2, high=0.8) == pytest.approx(6.0, abs=1e-9)


def test_edge_width_does_not_modify_input():
    prof = np.array([0.0, 0.2, 0.9, 1.0])
    before = prof.copy()
    edge_width(prof)
    np.testing.assert_array_equal(prof, before)


@pytest.mark.parametrize(("args", "kwargs", "exc", "match"), [
    (([0.3, 0.3, 0.3],), {}, ValueError, r"profile is flat \(every value is 0\.3\); an edge width needs a profile"),
    (([0, 1, 0],), {}, ValueError, r"profile starts and ends at the same value \(0\.0\), so it is not a step"),
    (([1.0],), {}, ValueError, "profile has 1 value; pass at least 2 values"),
    ((np.zeros((3, 3)),), {}, ValueError, r"profile must have 1 dimensions, got 2"),
    (([0, np.nan, 1],), {}, ValueError, "profile contains NaN or infinite values"),
    (([0, 1],), {"low": 0.9, "high": 0.1}, ValueError, "low must be smaller than high, got low=0.9 and high=0.1"),
    (([0, 1],), {"low": 0.0}, ValueError, r"low must be strictly between 0 and 1, got 0\.0; it is a fraction of the edge's range"),
    (([0, 1],), {"high": 1.0}, ValueError, "high must be strictly between 0 and 1"),
    (([0, 1],), {"low": "10%"}, TypeError, r"low must be a number, got '10%' \(str\); it is a fraction of the edge's range"),
])
def test_edge_width_errors(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        edge_width(*args, **kwargs)


# ------------------------------------------------------------------------------------------- SURE


def _brute_force_trace_fraction(shape, sigma, mode):
    n = int(np.prod(shape))
    total = 0.0
    for k in range(n):
        unit = np.zeros(n)
        unit[k] = 1.0
        total += ndimage.gaussian_filter(unit.reshape(shape), sigma, mode=mode).ravel()[k]
    return total / n


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("shape", "sigma"), [
    ((9, 12), (1.0, 1.0)), ((9, 12), (2.5, 0.4)), ((5, 3), (6.0, 6.0)), ((30, 4), (0.0, 1.7)),
])
def test_trace_fraction_is_exact(mode, shape, sigma):
    got = metrics_module._trace_fraction(shape, sigma, (mode, mode))
    assert got == pytest.approx(_brute_force_trace_fraction(shape, sigma, mode), abs=1e-13)


def test_trace_fraction_interior_value_is_the_centre_weight():
    # a long axis: nearly every row is interior, so the mean diagonal approaches the centre weight
    centre = ndimage.gaussian_filter1d(np.eye(1, 101, 50).ravel(), 1.5)[50]
    assert metrics_module._trace_fraction((100000,), (1.5,), ("constant",)) == pytest.approx(centre, rel=1e-4)


@pytest.mark.parametrize("sigma", [0.5, 1.0, 2.0, 3.0])
def test_sure_tracks_the_true_mse_on_a_real_image(camera, camera_noisy, sigma):
    true = mse(camera, ndimage.gaussian_filter(camera_noisy, sigma))
    assert sure_risk(camera_noisy, 0.1, sigma) == pytest.approx(true, rel=0.05)


def test_sure_is_unbiased_on_average():
    rng = np.random.default_rng(5)
    clean = sample("coins")[:64, :64]
    errs = []
    for _ in range(40):
        noisy = clean + rng.normal(0, 0.1, clean.shape)
        errs.append(sure_risk(noisy, 0.1, 1.2, mode="nearest")
                    - mse(clean, ndimage.gaussian_filter(noisy, 1.2, mode="nearest")))
    assert abs(np.mean(errs)) < 3 * np.std(errs) / np.sqrt(len(errs)) + 1e-6


def test_sure_with_zero_sigma_is_the_noise_variance(camera_noisy):
    # no filtering: the error is the noise itself
    assert sure_risk(camera_noisy, 0.1, 0.0) == pytest.approx(0.01, abs=1e-15)


def test_sure_without_trace_term_would_prefer_heavy_blur(camera, camera_noisy):
    """The residual alone keeps growing with sigma; SURE turns around like the true MSE."""
    sigmas = [0.5, 1.0, 2.0, 4.0]
    risks = [sure_risk(camera_noisy, 0.1, s) for s in sigmas]
    assert risks[1] < risks[0] and risks[1] < risks[3]


def test_sure_per_axis_sigma_on_colour():
    clean = sample("astronaut")[::4, ::4]
    noisy = gaussian_noise(clean, 0.1, rng=3)
    true = mse(clean, ndimage.gaussian_filter(noisy, (1.0, 1.0, 0.0)))
    assert sure_risk(noisy, 0.1, (1.0, 1.0, 0.0)) == pytest.approx(true, rel=0.05)


def test_sure_sigma_is_within_0_1_db_of_the_oracle(camera, camera_noisy):
    sigmas = np.linspace(0.4, 3.0, 27)
    oracle_sigma, oracle_db = best_sigma(camera, camera_noisy, sigmas)
    chosen, risk = sure_sigma(camera_noisy, 0.1, sigmas)
    chosen_db = psnr(camera, ndimage.gaussian_filter(camera_noisy, chosen))
    assert oracle_db - chosen_db < 0.1
    assert oracle_db >= chosen_db
    assert abs(chosen - oracle_sigma) <= 0.2
    assert risk == pytest.approx(sure_risk(camera_noisy, 0.1, chosen), abs=0)
    assert 10 * np.log10(1 / risk) == pytest.approx(chosen_db, abs=0.2)


def test_best_sigma_returns_the_argmax(camera, camera_noisy):
    sigmas = [0.5, 1.0, 2.0]
    sigma, db = best_sigma(camera, camera_noisy, sigmas)
    scores = [psnr(camera, ndimage.gaussian_filter(camera_noisy, s)) for s in sigmas]
    assert sigma == sigmas[int(np.argmax(scores))]
    assert db == pytest.approx(max(scores), abs=1e-12)
    assert isinstance(sigma, float)


def test_best_sigma_per_axis_candidates_and_modes():
    clean = sample("astronaut")[::4, ::4]
    noisy = gaussian_noise(clean, 0.1, rng=4)
    sigma, db = best_sigma(clean, noisy, [(1, 1, 0), (1, 1, 1)], mode="nearest")
    assert sigma == (1.0, 1.0, 0.0)   # blurring across colour channels only hurts
    assert db == pytest.approx(psnr(clean, ndimage.gaussian_filter(noisy, (1, 1, 0), mode="nearest")), abs=1e-12)


def test_best_sigma_with_uint8_clean_uses_255():
    clean = sample("camera", as_float=False)[:128, :128]
    noisy = clean + np.random.default_rng(0).normal(0, 20, clean.shape)
    sigma, db = best_sigma(clean, noisy, [0.0, 1.0])
    expected = psnr(clean.astype(float), ndimage.gaussian_filter(noisy, sigma), data_range=255)
    assert db == pytest.approx(expected, abs=1e-12)


def test_sure_functions_do_not_modify_inputs(camera, camera_noisy):
    a, b = camera[:64, :64].copy(), camera_noisy[:64, :64].copy()
    a0, b0 = a.copy(), b.copy()
    sure_risk(b, 0.1, 1.0)
    sure_sigma(b, 0.1, [1.0, 2.0])
    best_sigma(a, b, [1.0, 2.0])
    np.testing.assert_array_equal(a, a0)
    np.testing.assert_array_equal(b, b0)


@pytest.mark.parametrize(("call", "exc", "match"), [
    (lambda y: sure_risk(y, -0.1, 1.0), ValueError, r"noise_std must be >= 0 and finite, got -0\.1; it is the "
                                                     r"standard deviation of the noise"),
    (lambda y: sure_risk(y, None, 1.0), TypeError, "noise_std must be a number, got None"),
    (lambda y: sure_risk(y, 0.1, -1.0), ValueError, "sigma must be >= 0 and finite, got -1.0"),
    (lambda y: sure_risk(y, 0.1, (1, 2, 3)), ValueError, "sigma has 3 values but the array has 2 axes"),
    (lambda y: sure_risk(y, 0.1, 1.0, mode="symmetric"), ValueError, "unknown border mode 'symmetric'"),
    (lambda y: sure_risk(np.full((4, 4), np.nan), 0.1, 1.0), ValueError, "noisy contains NaN or infinite"),
    (lambda y: sure_sigma(y, 0.1, []), ValueError, "sigmas is empty; pass at least one candidate sigma"),
    (lambda y: sure_sigma(y, 0.1, 2.0), TypeError, "sigmas must be a list or array of candidate sigmas, got 2.0"),
    (lambda y: sure_sigma(y, 0.1, [1.0, float("nan")]), ValueError, "sigma must be >= 0 and finite, got nan"),
    (lambda y: best_sigma(y, y, "1.0"), TypeError, "sigmas must be a list or array"),
    (lambda y: best_sigma(y, y[:3], [1.0]), ValueError, "the two images have different shapes"),
    (lambda y: best_sigma(y * 255, y, [1.0]), ValueError, r"outside \[0, 1\], so the default data_range=1\.0"),
])
def test_sure_and_oracle_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call(np.full((8, 8), 0.5))
