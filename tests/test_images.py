"""Tests for gausslearn.images: offline sample images and synthetic patterns."""

from __future__ import annotations

import numpy as np
import pytest
import skimage.data
from scipy import ndimage

from gausslearn import images
from gausslearn.images import (
    SAMPLES,
    checkerboard,
    disc,
    impulse,
    ramp,
    rgb_one_hot,
    sample,
    siemens_star,
    step_edge,
    worked_example,
)

# ------------------------------------------------------------------------------------------- samples


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_loads_offline_as_float_and_raw(name):
    raw = sample(name, as_float=False)
    expected = np.asarray(getattr(skimage.data, name)())
    assert raw.dtype == expected.dtype
    np.testing.assert_array_equal(raw, expected)
    img = sample(name)
    assert img.dtype == np.float64 and img.shape == raw.shape
    assert img.min() >= 0.0 and img.max() <= 1.0
    if raw.dtype == np.uint8:
        np.testing.assert_array_equal(img, raw / 255.0)


def test_samples_list_has_only_bundled_images():
    assert len(SAMPLES) == len(set(SAMPLES)) == 23
    for name in ("brain", "cells3d", "eagle", "kidney", "lily", "skin", "human_mitosis"):
        assert name not in SAMPLES  # these would need a download


@pytest.mark.parametrize(("name", "shape", "dtype"), [
    ("camera", (512, 512), np.uint8),
    ("astronaut", (512, 512, 3), np.uint8),
    ("horse", (328, 400), np.bool_),
    ("logo", (500, 500, 4), np.uint8),
    ("shepp_logan_phantom", (400, 400), np.float64),
])
def test_sample_shapes_and_stored_dtypes(name, shape, dtype):
    raw = sample(name, as_float=False)
    assert raw.shape == shape and raw.dtype == dtype


def test_binary_horse_becomes_zero_one_floats():
    img = sample("horse")
    assert set(np.unique(img).tolist()) == {0.0, 1.0}


@pytest.mark.parametrize("as_float", [True, False])
def test_sample_is_fresh_every_call(as_float):
    a = sample("camera", as_float=as_float)
    original = a.copy()
    a[:] = 0
    b = sample("camera", as_float=as_float)
    np.testing.assert_array_equal(b, original)
    assert not np.shares_memory(a, b)
    assert b.flags.writeable


def test_sample_unknown_name_lists_the_names():
    with pytest.raises(ValueError, match=r"unknown sample image 'cameraman'; available offline: camera, astronaut, "
                                         r"coins, .*microaneurysms\."):
        sample("cameraman")


def test_sample_argument_types():
    with pytest.raises(TypeError, match="name must be a string such as 'camera', got 3"):
        sample(3)
    with pytest.raises(TypeError, match="as_float must be True or False, got 'yes'"):
        sample("camera", as_float="yes")


# ------------------------------------------------------------------------------------------- patterns

PATTERN_CALLS = {
    "step_edge": lambda: step_edge(),
    "impulse": lambda: impulse(),
    "checkerboard": lambda: checkerboard(),
    "disc": lambda: disc(),
    "siemens_star": lambda: siemens_star(64, 8),
    "ramp": lambda: ramp(),
    "rgb_one_hot": lambda: rgb_one_hot(),
    "worked_example": lambda: worked_example(),
}


@pytest.mark.parametrize("name", list(PATTERN_CALLS))
def test_patterns_are_fresh_and_deterministic(name):
    make = PATTERN_CALLS[name]
    a = make()
    original = a.copy()
    a += 1
    b = make()
    np.testing.assert_array_equal(b, original)
    assert not np.shares_memory(a, b)
    assert b.flags.writeable and b.flags.c_contiguous


@pytest.mark.parametrize("name", [n for n in PATTERN_CALLS if n != "worked_example"])
def test_patterns_are_float64_in_unit_interval(name):
    img = PATTERN_CALLS[name]()
    assert img.dtype == np.float64
    assert img.min() == 0.0 and img.max() == 1.0


def test_step_edge_default():
    img = step_edge()
    assert img.shape == (64, 64)
    np.testing.assert_array_equal(img[:, :32], 0.0)
    np.testing.assert_array_equal(img[:, 32:], 1.0)


def test_step_edge_options():
    img = step_edge((10, 4), position=3, low=0.25, high=0.75, axis=0)
    np.testing.assert_array_equal(img[:3], 0.25)
    np.testing.assert_array_equal(img[3:], 0.75)
    assert step_edge((5,), axis=0).tolist() == [0, 0, 1, 1, 1]
    falling = step_edge((1, 4), low=1.0, high=0.0)
    assert falling.tolist() == [[1.0, 1.0, 0.0, 0.0]]
    assert step_edge((2, 3, 6), axis=-1).shape == (2, 3, 6)


def test_step_edge_blurred_is_symmetric_about_the_edge():
    row = ndimage.gaussian_filter1d(step_edge((1, 64))[0], 3.0)
    np.testing.assert_allclose(row[:32], 1 - row[32:][::-1], atol=1e-12)


@pytest.mark.parametrize(("kwargs", "exc", "match"), [
    ({"position": 0}, ValueError, r"position must be between 1 and 63 \(the first index holding `high`\), got 0"),
    ({"position": 64}, ValueError, "position must be between 1 and 63"),
    ({"position": 2.5}, TypeError, r"position must be an integer, got 2\.5"),
    ({"axis": 2}, ValueError, "axis 2 is out of range for an array with 2 dimension"),
    ({"shape": (1, 1)}, ValueError, r"shape\[1\] is 1; a step along axis 1 needs at least 2 pixels"),
    ({"low": float("nan")}, ValueError, "low must be finite, got nan"),
    ({"high": "1"}, TypeError, "high must be a number"),
    ({"shape": (0, 5)}, ValueError, r"every entry of shape must be >= 1, got \(0, 5\)"),
    ({"shape": "64x64"}, TypeError, "shape must be a tuple of integers such as"),
    ({"shape": (4.0, 4)}, TypeError, "every entry of shape must be an integer"),
    ({"shape": ()}, ValueError, "shape is empty"),
])
def test_step_edge_errors(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        step_edge(**kwargs)


def test_impulse_default_and_options():
    img = impulse()
    assert img.shape == (15, 15) and img.sum() == 1.0 and img[7, 7] == 1.0
    img = impulse((4, 6), value=2.5, position=(1, -2))
    assert img[1, 4] == 2.5 and np.count_nonzero(img) == 1
    assert impulse((5,)).tolist() == [0, 0, 1, 0, 0]
    assert impulse((4, 4), position=np.array([3, 0]))[3, 0] == 1.0


def test_impulse_shows_the_kernel():
    out = ndimage.gaussian_filter(impulse((21, 21)), 2.0)
    assert out.sum() == pytest.approx(1.0)
    assert np.unravel_index(np.argmax(out), out.shape) == (10, 10)


@pytest.mark.parametrize(("kwargs", "exc", "match"), [
    ({"position": (1,)}, ValueError, r"position has 1 indices but shape \(15, 15\) has 2 axes"),
    ({"position": (1, 15)}, ValueError, r"position\[1\] = 15 is outside axis 1 of length 15; use 0\.\.14"),
    ({"position": (-16, 0)}, ValueError, r"position\[0\] = -16 is outside axis 0"),
    ({"position": 3}, TypeError, "position must be a sequence of 2 integers"),
    ({"position": (1.0, 2)}, TypeError, r"position\[0\] must be an integer"),
    ({"value": float("inf")}, ValueError, "value must be finite"),
])
def test_impulse_errors(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        impulse(**kwargs)


def test_checkerboard_values():
    img = checkerboard((16, 24), square=8)
    assert img.shape == (16, 24)
    np.testing.assert_array_equal(img[:8, :8], 0.0)
    np.testing.assert_array_equal(img[:8, 8:16], 1.0)
    np.testing.assert_array_equal(img[8:, :8], 1.0)
    assert img.mean() == pytest.approx(0.5)
    assert checkerboard((3, 3), square=1).tolist() == [[0, 1, 0], [1, 0, 1], [0, 1, 0]]


@pytest.mark.parametrize(("kwargs", "exc", "match"), [
    ({"square": 0}, ValueError, r"square must be >= 1 \(the side of a square in pixels\), got 0"),
    ({"square": 2.0}, TypeError, "square must be an integer"),
    ({"shape": (4, 4, 3)}, ValueError, r"shape must have 2 entries \(rows, columns\), got \(4, 4, 3\)"),
])
def test_checkerboard_errors(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        checkerboard(**kwargs)


def test_disc_area_and_centre():
    img = disc((101, 101), radius=30)
    assert img.sum() == pytest.approx(np.pi * 30**2, rel=0.01)
    assert img[50, 50] == 1.0 and img[0, 0] == 0.0
    np.testing.assert_array_equal(img, img[::-1, :])
    np.testing.assert_array_equal(img, img.T)


def test_disc_custom_centre():
    img = disc((20, 20), radius=2, center=(0, 0))
    assert img[0, 0] == 1.0 and img[2, 0] == 1.0 and img[3, 0] == 0.0 and img[2, 2] == 0.0


@pytest.mark.parametrize(("kwargs", "exc", "match"), [
    ({"radius": 0}, ValueError, r"radius must be > 0 \(in pixels\), got 0\.0"),
    ({"radius": None}, TypeError, "radius must be a number"),
    ({"center": (1, 2, 3)}, ValueError, r"center must be a \(row, col\) pair, got \(1, 2, 3\)"),
    ({"center": (1, float("nan"))}, ValueError, r"center\[1\] must be finite"),
])
def test_disc_errors(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        disc(**kwargs)


def test_siemens_star_structure():
    star = siemens_star(128, spokes=16)
    assert star.shape == (128, 128)
    assert star.mean() == pytest.approx(0.5, abs=0.01)
    # along a circle of radius 50 around the centre there are 16 white and 16 black runs
    c = 63.5
    angles = np.linspace(-np.pi, np.pi, 4000, endpoint=False)
    rows = np.round(c + 50 * np.sin(angles)).astype(int)
    cols = np.round(c + 50 * np.cos(angles)).astype(int)
    ring = star[rows, cols]
    transitions = np.count_nonzero(np.diff(np.concatenate([ring, ring[:1]])))
    assert transitions == 32


def test_siemens_star_blur_kills_the_centre_first():
    star = siemens_star(128, spokes=16)
    blurred = ndimage.gaussian_filter(star, 2.0)
    centre = blurred[54:74, 54:74]
    edge_band = blurred[:10, :]
    assert centre.std() < 0.5 * edge_band.std()


@pytest.mark.parametrize(("kwargs", "exc", "match"), [
    ({"size": 3}, ValueError, "size must be >= 4 pixels, got 3"),
    ({"spokes": 0}, ValueError, "spokes must be >= 1, got 0"),
    ({"size": 64.0}, TypeError, "size must be an integer"),
])
def test_siemens_star_errors(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        siemens_star(**kwargs)


def test_ramp_values_and_axis():
    img = ramp((3, 5))
    np.testing.assert_allclose(img, np.tile(np.linspace(0, 1, 5), (3, 1)))
    col = ramp((5, 2), axis=0)
    np.testing.assert_allclose(col[:, 1], np.linspace(0, 1, 5))


def test_ramp_is_unchanged_inside_by_a_gaussian():
    img = ramp((32, 64))
    out = ndimage.gaussian_filter(img, 2.0)
    np.testing.assert_allclose(out[:, 10:-10], img[:, 10:-10], atol=1e-12)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"shape": (4, 1)}, r"shape\[1\] is 1; a ramp along axis 1 needs at least 2 pixels"),
    ({"axis": -3}, "axis -3 is out of range"),
])
def test_ramp_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ramp(**kwargs)


def test_rgb_one_hot_bands():
    img = rgb_one_hot()
    assert img.shape == (48, 96, 3) and img.dtype == np.float64
    np.testing.assert_array_equal(img.sum(axis=-1), 1.0)
    np.testing.assert_array_equal(img[:, :32], np.broadcast_to([1.0, 0.0, 0.0], (48, 32, 3)))
    np.testing.assert_array_equal(img[:, 32:64], np.broadcast_to([0.0, 1.0, 0.0], (48, 32, 3)))
    np.testing.assert_array_equal(img[:, 64:], np.broadcast_to([0.0, 0.0, 1.0], (48, 32, 3)))


def test_rgb_one_hot_uneven_width_follows_the_documented_rule():
    img = rgb_one_hot((2, 7))
    bands = img[0].argmax(axis=-1)
    expected = [next(k for k in range(3) if k * 7 // 3 <= col < (k + 1) * 7 // 3) for col in range(7)]
    assert bands.tolist() == expected
    np.testing.assert_array_equal(img.sum(axis=-1), 1.0)


def test_rgb_one_hot_exposes_channel_mixing():
    img = rgb_one_hot()
    mixed = ndimage.gaussian_filter(img, 1.0)           # blurs across the colour axis too
    spatial = ndimage.gaussian_filter(img, (1.0, 1.0, 0.0))
    assert mixed[24, 16].max() < 0.9                    # the middle of the red band is no longer pure red
    np.testing.assert_allclose(spatial[24, 16], [1.0, 0.0, 0.0], atol=1e-12)


@pytest.mark.parametrize(("shape", "exc", "match"), [
    ((4, 2), ValueError, r"the width must be at least 3 pixels \(one per colour band\), got shape \(4, 2\)"),
    ((4, 4, 3), ValueError, "shape must have 2 entries"),
])
def test_rgb_one_hot_errors(shape, exc, match):
    with pytest.raises(exc, match=match):
        rgb_one_hot(shape)


def test_worked_example_grid():
    g = worked_example()
    assert g.dtype == np.float32 and g.shape == (7, 7)
    blob = np.array([[0.2, 0.7, 0.2], [0.7, 1.0, 0.7], [0.2, 0.7, 0.2]], np.float32)
    np.testing.assert_array_equal(g[2:5, 2:5], blob)
    rest = g.copy()
    rest[2:5, 2:5] = 0
    assert not rest.any()


def test_worked_example_matches_the_team_notes():
    """The worked example quoted in the team notes (``../shared/README.md``, beside the project): sigma=1, reflect."""
    out = ndimage.gaussian_filter(worked_example(), 1.0, mode="reflect")
    assert round(float(out[3, 3]), 3) == 0.476
    assert round(float(out[0, 0]), 4) == 0.0011
    np.testing.assert_allclose(out[3], [0.025, 0.133, 0.349, 0.476, 0.349, 0.133, 0.025], atol=5e-4)


def test_module_all_lists_the_public_names():
    for name in images.__all__:
        assert hasattr(images, name)
