"""Public checks of exercise 7 (a separable Gaussian filter): small cases against SciPy, with hints.

The grader also tests every mode, per-axis sigma, sigma 0, other dimensions, tiny images, truncate, integer
images, and that no library filter is called.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect_close, expect_shape, points

FUNCTIONS = ("gaussian_filter_separable",)



def _like_scipy(student: Student, image: np.ndarray, sigma: float | tuple[float, ...], hint: str) -> None:
    """The learner's filter of ``image`` must have its shape and equal SciPy's to rounding error."""
    got = student.call("gaussian_filter_separable", image, sigma)
    expect_shape(got, image.shape, "the result has the image's shape")
    expect_close(got, ndi.gaussian_filter(image, sigma), hint, rtol=1e-10, atol=1e-10)


@points(1)
def check_impulse(student: Student, rng: np.random.Generator) -> None:
    """An impulse in the middle of a 9 x 9 image becomes the 2-D kernel."""
    image = np.zeros((9, 9))
    image[4, 4] = 1.0
    _like_scipy(student, image, 1.0, "the blurred impulse differs from SciPy's: check the kernel (radius "
                "int(4 * sigma + 0.5), weights summing to 1) and that you filter along both axes")


@points(1)
def check_reflect_border(student: Student, rng: np.random.Generator) -> None:
    """A random 2-D image with the default mode 'reflect'."""
    _like_scipy(student, rng.random((8, 11)), 1.5, "differs from scipy.ndimage.gaussian_filter near the border? "
                "SciPy's 'reflect' is numpy.pad's 'symmetric' (numpy's 'reflect' is SciPy's 'mirror')")


@points(1)
def check_per_axis_sigma(student: Student, rng: np.random.Generator) -> None:
    """sigma=(0.5, 2.0) on a non-square image: sigma[0] along the rows axis."""
    _like_scipy(student, rng.random((10, 14)), (0.5, 2.0), "sigma[0] belongs to axis 0 and sigma[1] to axis 1")
