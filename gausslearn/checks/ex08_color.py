"""Public checks of exercise 8 (blurring colour images): channel mixing, channel axis, uint8 input.

The grader also tests other channel counts and positions, grayscale images, other dtypes and the border mode.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect, expect_close, expect_dtype, points
from gausslearn.images import rgb_one_hot

FUNCTIONS = ("blur_color",)


@points(1)
def check_no_channel_mixing(student: Student, rng: np.random.Generator) -> None:
    """A pure green band keeps red and blue at 0 in its middle."""
    image = rgb_one_hot((8, 96))
    got = np.asarray(student.call("blur_color", image, 1.0), dtype=np.float64)
    expect(got.shape == image.shape, f"blur_color must keep the shape {image.shape}, got {got.shape}")
    middle = got[:, 44:52]
    expect(np.allclose(middle[..., [0, 2]], 0, atol=1e-9), "your blur mixes colour channels: sigma was applied "
           "along the channel axis; use sigma=(s, s, 0) or axes=(0, 1)")
    expect_close(got, ndi.gaussian_filter(image, (1.0, 1.0, 0.0)), "differs from gaussian_filter(image, (s, s, 0))",
                 rtol=1e-7, atol=1e-9)


@points(1)
def check_channel_first(student: Student, rng: np.random.Generator) -> None:
    """channel_axis=0 for a (3, H, W) image."""
    image = rng.random((3, 9, 12))
    got = student.call("blur_color", image, 1.5, channel_axis=0)
    expect_close(got, ndi.gaussian_filter(image, (0.0, 1.5, 1.5)), "with channel_axis=0 sigma must be 0 along axis 0",
                 rtol=1e-7, atol=1e-9)


@points(1)
def check_uint8(student: Student, rng: np.random.Generator) -> None:
    """A uint8 image is converted to [0, 1] floats before filtering."""
    image = rng.integers(0, 256, size=(8, 9, 3), dtype=np.uint8)
    got = student.call("blur_color", image, 1.0)
    expect_dtype(got, np.float64, "return float64 (a uint8 result would be truncated)")
    expect_close(got, ndi.gaussian_filter(image / 255.0, (1.0, 1.0, 0.0)), "convert with to_float (uint8 / 255) "
                 "first, then filter", rtol=1e-7, atol=1e-9)
