"""Hidden tests of exercise 1: ``to_float`` and ``to_uint8``.

Expected values are written out or computed here with plain NumPy; when a result matches a typical wrong
approach, the feedback names that approach. Each test checks one property on inputs where the other mistakes
cannot fail it: dtype tests look at the dtype only, clipping uses values far outside [0, 1] whose rounding is
unambiguous, and in-place modification is judged on its own.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gausslearn.grading.api import (
    Student,
    expect,
    expect_close,
    expect_dtype,
    expect_equal_array,
    expect_shape,
    points,
)

FUNCTIONS = ("to_float", "to_uint8")


def _matches(out: Any, candidate: np.ndarray) -> bool:
    try:
        arr = np.asarray(out, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return arr.shape == candidate.shape and bool(np.allclose(arr, candidate, rtol=1e-6, atol=1e-9, equal_nan=True))


def _name_pitfall(out: Any, want: np.ndarray, pitfalls: dict[str, np.ndarray]) -> str:
    """The text of the first wrong approach whose result ``out`` matches (and the right answer does not)."""
    for text, candidate in pitfalls.items():
        if _matches(out, candidate) and not _matches(want, candidate):
            return text
    return ""


# -- to_float ----------------------------------------------------------------------------------------------

@points(2)
def test_uint8_scaled_by_dtype_max(student: Student, rng: np.random.Generator) -> None:
    """to_float divides uint8 images by 255, the dtype's maximum."""
    image = rng.integers(0, 128, size=(5, 7)).astype(np.uint8)  # a dark image: its maximum is far below 255
    image[0, 0] = 3
    out = student.call("to_float", image)
    want = image / 255.0
    pitfall = _name_pitfall(out, want, {
        "to_float divides by the image's own maximum instead of the dtype's maximum (255 for uint8)":
            image / image.max(),
        "to_float returns the grey levels unscaled; divide by 255 for uint8": image.astype(np.float64),
    })
    expect(not pitfall, pitfall)
    expect_close(out, want, "to_float(uint8 image) must equal image / 255")


@points(1)
def test_returns_float64(student: Student, rng: np.random.Generator) -> None:
    """to_float returns a float64 array for uint8, uint16, bool and float32 input."""
    for image in (rng.integers(0, 256, (3, 4)).astype(np.uint8), rng.integers(0, 65536, (3, 4)).astype(np.uint16),
                  rng.random((3, 4)) > 0.5, rng.random((3, 4)).astype(np.float32)):
        out = student.call("to_float", image)
        expect_dtype(out, np.float64, f"to_float({image.dtype} image) must return a float64 array")
        expect_shape(out, image.shape, f"to_float({image.dtype} image) must keep the shape")


@points(2)
def test_uint16_scaled_by_65535(student: Student, rng: np.random.Generator) -> None:
    """to_float divides uint16 images by 65535."""
    image = rng.integers(0, 40000, size=(4, 6)).astype(np.uint16)
    image[0, :3] = [0, 40000, 257]
    out = student.call("to_float", image)
    pitfall = _name_pitfall(out, image / 65535.0, {
        "to_float assumes every integer image is uint8 and divides uint16 by 255; use the dtype's maximum "
        "(np.iinfo(image.dtype).max)": image / 255.0,
        "to_float divides by the image's own maximum instead of the dtype's maximum (65535 for uint16)":
            image / image.max(),
    })
    expect(not pitfall, pitfall)
    expect_close(out, image / 65535.0, "to_float(uint16 image) must equal image / 65535")


@points(1)
def test_bool_becomes_zero_one(student: Student, rng: np.random.Generator) -> None:
    """to_float turns a bool image into 0.0 and 1.0."""
    image = rng.random((5, 5)) > 0.5
    image[0, :2] = [False, True]
    out = student.call("to_float", image)
    expect_close(out, image.astype(np.float64), "to_float(bool image) must give 0.0 for False and 1.0 for True")


@points(1)
def test_float_values_unchanged(student: Student, rng: np.random.Generator) -> None:
    """to_float leaves the values of float images unchanged (float32 becomes float64)."""
    image = rng.random((4, 5)).astype(np.float32)
    out = student.call("to_float", image)
    pitfall = _name_pitfall(out, image.astype(np.float64), {"to_float divides float images by 255 again; they are already in [0, 1]":
                                  image.astype(np.float64) / 255.0,
                                  "to_float rescales float images by their own maximum; leave their values as they are":
                                  image.astype(np.float64) / float(image.max())})
    expect(not pitfall, pitfall)
    expect_close(out, image.astype(np.float64), "to_float(float32 image) must keep the values (as float64)")


@points(1)
def test_float64_returns_copy(student: Student, rng: np.random.Generator) -> None:
    """to_float returns a new array for float64 input, not the input itself."""
    image = rng.random((3, 3))
    out = student.call("to_float", image)
    expect_shape(out, image.shape, "to_float(float64 image) must return an array of the image's shape")
    expect(not student.returned_input(),
           "to_float returns the input array itself (or a view of it) for float64 input; return a copy "
           "(e.g. image.astype(np.float64) or image.copy()) so that changing the result cannot change the image")


@points(1, in_place="to_float")
def test_colour_shape_and_input_kept(student: Student, rng: np.random.Generator) -> None:
    """to_float keeps the shape of a colour image and does not modify its input."""
    image = rng.integers(0, 256, size=(6, 5, 3)).astype(np.uint8)
    out = student.call("to_float", image)  # raises a 'modified its input' error if the input changed
    expect_shape(out, image.shape, "to_float must keep the shape (rows, columns, channels) of a colour image")


# -- to_uint8 ----------------------------------------------------------------------------------------------

@points(2)
def test_rounds_not_truncates(student: Student, rng: np.random.Generator) -> None:
    """to_uint8 scales by 255 and rounds to the nearest grey level."""
    values = np.array([0.0, 0.2, 0.999, 0.5, 1.0, 0.0021, 0.4999], dtype=np.float64)
    out = student.call("to_uint8", values)
    want = np.rint(values * 255).astype(np.uint8)
    pitfall = _name_pitfall(out, want, {"to_uint8 truncates instead of rounding (0.999 * 255 = 254.7 must become 255); "
                                  "round with np.rint or np.round before converting": np.floor(values * 255),
                                  "to_uint8 forgets to multiply by 255": np.rint(values)})
    expect(not pitfall, pitfall)
    expect_equal_array(out, want, "to_uint8 must return round(value * 255)")


@points(1)
def test_uint8_dtype(student: Student, rng: np.random.Generator) -> None:
    """to_uint8 returns a uint8 array of the same shape."""
    image = rng.random((4, 3, 3))
    out = student.call("to_uint8", image)
    expect_dtype(out, np.uint8, "to_uint8 must return a uint8 array")
    expect_shape(out, image.shape, "to_uint8 must keep the shape")


@points(2)
def test_clips_instead_of_wrapping(student: Student, rng: np.random.Generator) -> None:
    """to_uint8 clips values outside [0, 1] to black and white."""
    # far outside [0, 1], and one value inside whose rounding is unambiguous (truncation gives the same 100)
    values = np.array([-0.75, -5.0, 1.75, 3.0, 40.0, 100.25 / 255], dtype=np.float64)
    out = student.call("to_uint8", values)
    want = np.array([0, 0, 255, 255, 255, 100], dtype=np.uint8)
    wrapped = np.rint(values * 255).astype(np.int64) % 256
    pitfall = _name_pitfall(out, want, {"to_uint8 wraps around instead of clipping (1.3 * 255 = 331.5 became a dark grey "
                                  "level); clip to [0, 1] before converting": wrapped,
                                  "to_uint8 wraps around instead of clipping; clip to [0, 1] before converting":
                                  np.floor(values * 255).astype(np.int64) % 256})
    expect(not pitfall, pitfall)
    expect_equal_array(out, want, "to_uint8 must clip values below 0 to 0 and above 1 to 255")


@points(1, in_place="to_uint8")
def test_does_not_clip_in_place(student: Student, rng: np.random.Generator) -> None:
    """to_uint8 does not modify its input (no clipping in place)."""
    image = rng.normal(0.5, 0.4, size=(8, 8))      # values inside and outside [0, 1]
    out = student.call("to_uint8", image)  # raises a 'modified its input' error if the input changed
    expect_shape(out, image.shape, "to_uint8 must return an image of the input's shape")


@points(1, requires=("test_uint8_scaled_by_dtype_max", "test_rounds_not_truncates"))
def test_round_trip(student: Student, rng: np.random.Generator) -> None:
    """to_uint8(to_float(image)) gives back every grey level of a uint8 image."""
    image = np.arange(256, dtype=np.uint8).reshape(16, 16)
    back = student.call("to_uint8", student.call("to_float", image))
    expect_equal_array(back, image, "to_uint8(to_float(image)) must return the same grey levels")
