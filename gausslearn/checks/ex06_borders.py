"""Public checks of exercise 6 (padding with SciPy's border modes): the five modes on a short row.

The grader also tests larger radii (beyond the image), more dimensions, cval and integer images.
"""

from __future__ import annotations

import numpy as np

from gausslearn.grading.api import Student, expect_equal_array, expect_shape, points

FUNCTIONS = ("pad",)

ROW = np.array([1.0, 2.0, 3.0, 4.0])
EXPECTED = {
    "reflect": ([2, 1, 1, 2, 3, 4, 4, 3], "SciPy's 'reflect' repeats the edge sample (numpy.pad calls that "
                "'symmetric'; numpy.pad's 'reflect' is SciPy's 'mirror')"),
    "mirror": ([3, 2, 1, 2, 3, 4, 3, 2], "SciPy's 'mirror' reflects around the edge sample without repeating it"),
    "nearest": ([1, 1, 1, 2, 3, 4, 4, 4], "'nearest' repeats the edge value"),
    "wrap": ([3, 4, 1, 2, 3, 4, 1, 2], "'wrap' continues with the samples from the other end"),
    "constant": ([0, 0, 1, 2, 3, 4, 0, 0], "'constant' fills with cval, 0 by default"),
}


def _check(student: Student, mode: str) -> None:
    want, hint = EXPECTED[mode]
    got = student.call("pad", ROW, 2, mode)
    expect_shape(got, (8,), "pad(row, 2, mode) adds 2 samples on both sides")
    expect_equal_array(got, want, f"pad([1, 2, 3, 4], 2, {mode!r}): {hint}")


@points(1)
def check_reflect(student: Student, rng: np.random.Generator) -> None:
    """mode='reflect': 2 1 | 1 2 3 4 | 4 3."""
    _check(student, "reflect")


@points(1)
def check_mirror(student: Student, rng: np.random.Generator) -> None:
    """mode='mirror': 3 2 | 1 2 3 4 | 3 2."""
    _check(student, "mirror")


@points(1)
def check_nearest_wrap_constant(student: Student, rng: np.random.Generator) -> None:
    """modes 'nearest', 'wrap' and 'constant' (cval 0)."""
    for mode in ("nearest", "wrap", "constant"):
        _check(student, mode)


@points(1)
def check_two_dimensions(student: Student, rng: np.random.Generator) -> None:
    """A 2-D image is padded along both axes."""
    image = np.arange(6.0).reshape(2, 3)
    got = student.call("pad", image, 1, "nearest")
    expect_shape(got, (4, 5), "pad every axis: a (2, 3) image with radius 1 becomes (4, 5)")
    expect_equal_array(got, np.pad(image, 1, mode="edge"), "pad(image, 1, 'nearest') on a 2-D image: each axis "
                       "repeats its edge values (the corners too)")
