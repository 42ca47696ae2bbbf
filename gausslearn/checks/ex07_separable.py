"""Public checks of exercise 7 (a separable Gaussian filter): small cases against SciPy, with hints.

The grader also tests every mode, per-axis sigma, sigma 0, other dimensions, tiny images, truncate, integer
images, and that no library filter is called.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect_close, expect_shape, points

FUNCTIONS = ("gaussian_filter_separable",)



@points(1)
def check_impulse(student: Student, rng: np.random.Generator) -> None:
    """An impulse in the middle of a 9 x 9 image becomes the 2-D kernel."""
    image = np.zeros((9, 9))
    image[4, 4] = 1.0
    got = student.call("gaussian_filter_separable", image, 1.0)
    expect_shape(got, (9, 9), "the result has the image's shape")
    expect_close(got, ndi.gaussian_filter(image, 1.0), "the blurred impulse differs from SciPy's: check the kernel "
                 "(radius int(4 * sigma + 0.5), weights summing to 1) and that you filter along both axes",
                 rtol=1e-10, atol=1e-10)


@points(1)
def check_reflect_border(student: Student, rng: np.random.Generator) -> None:
    """A random 2-D image with the default mode 'reflect'."""
    image = rng.random((8, 11))
    got = student.call("gaussian_filter_separable", image, 1.5)
    expect_close(got, ndi.gaussian_filter(image, 1.5), "differs from scipy.ndimage.gaussian_filter near the "
                 "border? SciPy's 'reflect' is numpy.pad's 'symmetric' (numpy's 'reflect' is SciPy's 'mirror')",
                 rtol=1e-10, atol=1e-10)


@points(1)
def check_per_axis_sigma(student: Student, rng: np.random.Generator) -> None:
    """sigma=(0.5, 2.0) on a non-square image: sigma[0] along the rows axis."""
    image = rng.random((10, 14))
    got = student.call("gaussian_filter_separable", image, (0.5, 2.0))
    expect_close(got, ndi.gaussian_filter(image, (0.5, 2.0)), "sigma[0] belongs to axis 0 and sigma[1] to axis 1",
                 rtol=1e-10, atol=1e-10)
