"""Tests for gausslearn.noise: seeded Gaussian, Poisson and salt-and-pepper noise."""

from __future__ import annotations

import numpy as np
import pytest

from gausslearn.noise import gaussian_noise, poisson_noise, salt_and_pepper

FLAT = np.full((256, 256), 0.5)


def _ramp():
    return np.linspace(0.0, 1.0, 64 * 64).reshape(64, 64)


# ------------------------------------------------------------------------------------------- gaussian


def test_gaussian_noise_statistics():
    out = gaussian_noise(FLAT, 0.1, rng=0)
    noise = out - FLAT
    assert out.dtype == np.float64 and out.shape == FLAT.shape
    assert abs(noise.mean()) < 0.002          # 65536 samples: standard error 0.0004
    assert abs(noise.std() - 0.1) < 0.002
    assert out.min() < 0.2 and out.max() > 0.8  # unclipped by default: tails are kept


def test_gaussian_noise_is_the_generators_normal_draw():
    img = _ramp()
    expected = img + np.random.default_rng(7).normal(0.0, 0.05, size=img.shape)
    np.testing.assert_array_equal(gaussian_noise(img, 0.05, rng=7), expected)


def test_gaussian_noise_default_keeps_values_outside_unit_interval():
    out = gaussian_noise(np.ones((50, 50)), 0.2, rng=1)
    assert out.max() > 1.0


def test_gaussian_noise_clip():
    out = gaussian_noise(np.ones((50, 50)), 0.2, rng=1, clip=True)
    unclipped = gaussian_noise(np.ones((50, 50)), 0.2, rng=1)
    assert out.max() == 1.0 and out.min() >= 0.0
    np.testing.assert_array_equal(out, np.clip(unclipped, 0, 1))


def test_gaussian_noise_zero_std_is_a_copy():
    img = _ramp()
    out = gaussian_noise(img, 0.0, rng=0)
    np.testing.assert_array_equal(out, img)
    assert not np.shares_memory(out, img)


def test_gaussian_noise_float32_input_gives_float64():
    out = gaussian_noise(np.zeros((4, 4), np.float32), 0.1, rng=0)
    assert out.dtype == np.float64


def test_gaussian_noise_works_on_colour_images():
    out = gaussian_noise(np.zeros((8, 9, 3)), 0.1, rng=0)
    assert out.shape == (8, 9, 3)


# ------------------------------------------------------------------------------------------- poisson


def test_poisson_noise_mean_and_variance_follow_the_photon_count():
    img = np.full((300, 300), 0.25)
    out = poisson_noise(img, peak=100, rng=0)
    assert abs(out.mean() - 0.25) < 0.002
    assert abs(out.std() - np.sqrt(0.25 / 100)) < 0.001
    # Outputs are photon counts / peak: multiples of 1 / peak.
    np.testing.assert_allclose(out * 100, np.round(out * 100), atol=1e-9)


def test_poisson_noise_is_signal_dependent():
    dark = poisson_noise(np.full((200, 200), 0.1), peak=50, rng=2)
    bright = poisson_noise(np.full((200, 200), 0.9), peak=50, rng=2)
    assert bright.std() > 2.5 * dark.std()  # sqrt(0.9 / 0.1) = 3


def test_poisson_noise_fewer_photons_more_noise():
    img = np.full((200, 200), 0.5)
    assert poisson_noise(img, peak=10, rng=3).std() > 3 * poisson_noise(img, peak=1000, rng=3).std()


def test_poisson_noise_zero_stays_zero_and_result_is_nonnegative():
    img = _ramp()
    out = poisson_noise(img, peak=30, rng=4)
    assert out[0, 0] == 0.0
    assert out.min() >= 0.0


def test_poisson_noise_is_the_generators_poisson_draw():
    img = _ramp()
    expected = np.random.default_rng(5).poisson(img * 20.0) / 20.0
    np.testing.assert_array_equal(poisson_noise(img, 20.0, rng=5), expected)


# ------------------------------------------------------------------------------------------- salt and pepper


def test_salt_and_pepper_fraction_and_values():
    out = salt_and_pepper(FLAT, 0.1, rng=0)
    hit = out != 0.5
    assert abs(hit.mean() - 0.1) < 0.005
    assert set(np.unique(out[hit]).tolist()) == {0.0, 1.0}
    salt_share = (out[hit] == 1.0).mean()
    assert abs(salt_share - 0.5) < 0.03


@pytest.mark.parametrize(("fraction", "values"), [(1.0, {1.0}), (0.0, {0.0})])
def test_salt_and_pepper_salt_fraction_extremes(fraction, values):
    out = salt_and_pepper(FLAT, 0.3, salt_fraction=fraction, rng=1)
    assert set(np.unique(out[out != 0.5]).tolist()) == values


def test_salt_and_pepper_amount_extremes():
    np.testing.assert_array_equal(salt_and_pepper(FLAT, 0.0, rng=0), FLAT)
    full = salt_and_pepper(FLAT, 1.0, rng=0)
    assert set(np.unique(full).tolist()) == {0.0, 1.0}


def test_salt_and_pepper_hits_channels_independently():
    out = salt_and_pepper(np.full((100, 100, 3), 0.5), 0.2, rng=0)
    hit = out != 0.5
    per_pixel = hit.sum(axis=-1)
    assert np.any(per_pixel == 1) and np.any(per_pixel == 3)


def test_salt_and_pepper_float32_input():
    out = salt_and_pepper(np.full((10, 10), 0.5, np.float32), 0.5, rng=0)
    assert out.dtype == np.float64


# ------------------------------------------------------------------------------------------- shared behaviour


CALLS = [
    lambda img, rng: gaussian_noise(img, 0.1, rng=rng),
    lambda img, rng: gaussian_noise(img, 0.1, rng=rng, clip=True),
    lambda img, rng: poisson_noise(img, 30, rng=rng),
    lambda img, rng: salt_and_pepper(img, 0.2, rng=rng),
    lambda img, rng: salt_and_pepper(img, 0.2, salt_fraction=0.8, rng=rng),
]
IDS = ["gaussian", "gaussian-clip", "poisson", "s&p", "s&p-salty"]


@pytest.mark.parametrize("call", CALLS, ids=IDS)
def test_same_seed_same_noise_different_seed_different_noise(call):
    img = _ramp()
    a, b, c = call(img, 11), call(img, 11), call(img, 12)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize("call", CALLS, ids=IDS)
def test_generator_is_accepted_and_advanced(call):
    img = _ramp()
    gen = np.random.default_rng(11)
    first, second = call(img, gen), call(img, gen)
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(first, call(img, np.random.default_rng(11)))
    np.testing.assert_array_equal(first, call(img, 11))


@pytest.mark.parametrize("call", CALLS, ids=IDS)
def test_input_is_not_modified_and_output_is_new(call):
    img = _ramp()
    before = img.copy()
    out = call(img, 0)
    np.testing.assert_array_equal(img, before)
    assert not np.shares_memory(out, img)
    assert out.dtype == np.float64 and out.shape == img.shape


@pytest.mark.parametrize("call", CALLS, ids=IDS)
def test_rng_none_is_refused(call):
    with pytest.raises(ValueError, match="rng is None; pass a seed .* so the result is reproducible"):
        call(_ramp(), None)


@pytest.mark.parametrize("call", CALLS, ids=IDS)
def test_rng_of_wrong_type_is_refused(call):
    with pytest.raises(TypeError, match="rng must be an int seed or a numpy.random.Generator, got float"):
        call(_ramp(), 1.5)


def test_rng_is_required_when_omitted():
    with pytest.raises(ValueError, match="rng is None"):
        gaussian_noise(_ramp(), 0.1)


@pytest.mark.parametrize("call", CALLS, ids=IDS)
def test_integer_images_are_refused_with_a_hint(call):
    with pytest.raises(TypeError, match=r"image has dtype uint8; noise is added to float images on the \[0, 1\] "
                                        r"scale\. Convert it first with gausslearn\.dtypes\.to_float"):
        call(np.zeros((4, 4), np.uint8), 0)


@pytest.mark.parametrize("call", CALLS, ids=IDS)
def test_nan_images_are_refused(call):
    with pytest.raises(ValueError, match="image contains NaN or infinite values"):
        call(np.array([0.5, np.nan]), 0)


@pytest.mark.parametrize("call", CALLS, ids=IDS)
def test_bool_and_empty_images_are_refused(call):
    with pytest.raises(TypeError, match="image has dtype bool"):
        call(np.zeros(4, bool), 0)
    with pytest.raises(ValueError, match="image is empty"):
        call(np.zeros((0, 3)), 0)


@pytest.mark.parametrize(("std", "exc", "match"), [
    (-0.1, ValueError, r"std must be >= 0 and finite, got -0\.1; it is the noise's standard deviation"),
    (float("nan"), ValueError, "std must be >= 0 and finite, got nan"),
    (float("inf"), ValueError, "std must be >= 0 and finite, got inf"),
    ("0.1", TypeError, r"std must be a number, got '0\.1' \(str\)"),
    (True, TypeError, r"std must be a number, got True \(bool\)"),
])
def test_gaussian_noise_std_validation(std, exc, match):
    with pytest.raises(exc, match=match):
        gaussian_noise(_ramp(), std, rng=0)


@pytest.mark.parametrize(("peak", "exc", "match"), [
    (0, ValueError, r"peak must be > 0 and finite, got 0\.0; it is the mean photon count"),
    (-5, ValueError, "peak must be > 0"),
    (float("inf"), ValueError, "peak must be > 0 and finite, got inf"),
    (None, TypeError, r"peak must be a number, got None \(NoneType\)"),
])
def test_poisson_noise_peak_validation(peak, exc, match):
    with pytest.raises(exc, match=match):
        poisson_noise(_ramp(), peak, rng=0)


def test_poisson_noise_refuses_negative_pixels():
    with pytest.raises(ValueError, match=r"image has 2 negative value\(s\) \(minimum -0\.3\); Poisson noise needs "
                                         r"photon rates >= 0\. Clip the image first"):
        poisson_noise(np.array([0.5, -0.1, -0.3]), 10, rng=0)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"amount": 1.5}, r"amount must be in \[0, 1\], got 1\.5; it is the probability that a pixel is replaced"),
    ({"amount": -0.01}, r"amount must be in \[0, 1\], got -0\.01"),
    ({"amount": 0.1, "salt_fraction": 2.0}, r"salt_fraction must be in \[0, 1\], got 2\.0; it is the share"),
    ({"amount": float("nan")}, r"amount must be in \[0, 1\], got nan"),
])
def test_salt_and_pepper_validation(kwargs, match):
    with pytest.raises(ValueError, match=match):
        salt_and_pepper(_ramp(), rng=0, **kwargs)
