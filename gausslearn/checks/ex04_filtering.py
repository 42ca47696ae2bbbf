"""Public checks of exercise 4 (correlation by hand, a uint8 blur rounded once): small cases with hints.

The grader also tests other kernel shapes (non-square, even sizes, larger than the image), uint8 images with sums
outside 0..255, other sigmas and image sizes, and that neither function changes its input.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect, expect_close, expect_dtype, expect_shape, points

FUNCTIONS = ("correlate2d", "blur_uint8")


@points(1)
def check_impulse(student: Student, rng: np.random.Generator) -> None:
    """An impulse correlated with the kernel 1..9 shows the kernel rotated by 180°."""
    spike = np.zeros((5, 5))
    spike[2, 2] = 1.0
    kernel = np.arange(1.0, 10.0).reshape(3, 3)
    got = student.call("correlate2d", spike, kernel)
    expect_shape(got, (5, 5), "correlate2d must return an array of the image's shape")
    expect(not np.allclose(np.asarray(got, dtype=np.float64)[1:4, 1:4], kernel),
           "your result shows the kernel as it is around the impulse: you flipped the kernel, which is convolution. "
           "Correlation puts kernel[a, b] on the pixel a rows below and b columns right of the window's corner")
    expect_close(got, ndi.correlate(spike, kernel, mode="reflect"), "differs from ndi.correlate(image, kernel)",
                 rtol=0, atol=1e-10)


@points(1)
def check_reflect_border(student: Student, rng: np.random.Generator) -> None:
    """A random 6 x 7 image and a 3 x 5 kernel, SciPy's default border 'reflect'."""
    image = rng.random((6, 7))
    kernel = np.outer([1.0, 2.0, 1.0], [1.0, 3.0, 4.0, 3.0, 1.0])
    got = student.call("correlate2d", image, kernel)
    expect_dtype(got, np.float64, "correlate2d must return float64")
    expect_close(got, ndi.correlate(image, kernel, mode="reflect"), "differs from ndi.correlate(image, kernel) near "
                 "the border? SciPy's 'reflect' is np.pad(..., mode='symmetric'); numpy's 'reflect' is SciPy's "
                 "'mirror'", rtol=0, atol=1e-10)


@points(1)
def check_blur_uint8(student: Student, rng: np.random.Generator) -> None:
    """A noisy uint8 image blurred with sigma 1.5: uint8, every pixel within 0.5 of the float blur."""
    image = rng.integers(0, 256, size=(32, 32), dtype=np.uint8)
    got = student.call("blur_uint8", image, 1.5)
    expect_dtype(got, np.uint8, "blur_uint8 must return a uint8 image")
    error = np.asarray(got, dtype=np.float64) - ndi.gaussian_filter(image.astype(np.float64), 1.5)
    expect(np.abs(error).max() <= 0.5 + 1e-9, f"your result is off by up to {np.abs(error).max():.2f} grey levels "
           f"(mean {error.mean():+.2f}): filter a float64 copy, round once with np.rint, clip to 0..255, convert")
