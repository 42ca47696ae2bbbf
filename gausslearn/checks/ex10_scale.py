"""Public checks of exercise 10 (anti-aliased downsampling and a Gaussian pyramid): small cases with hints.

The grader also measures the blur on stripe patterns at factors 2 to 4 (too little: aliasing; too much: lost
detail), the sampling position on ramps, shapes, bad arguments, the border, a Siemens star, and the pyramid.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect, expect_close, expect_shape, points
from gausslearn.kernels import gaussian_kernel1d
from gausslearn.scale import response_at, sine_amplitude

FUNCTIONS = ("downsample", "pyramid")


def _recipe(image: np.ndarray, factor: int) -> np.ndarray:
    o = (factor - 1) // 2
    blurred = ndi.gaussian_filter(image.astype(np.float64), (factor - 1) / 2, mode="reflect")
    return blurred[o::factor, o::factor][: image.shape[0] // factor, : image.shape[1] // factor]


@points(1)
def check_small_image(student: Student, rng: np.random.Generator) -> None:
    """A random 12 x 14 image shrunk by 3: the recipe exactly."""
    image = rng.random((12, 14))
    got = student.call("downsample", image, 3)
    expect_shape(got, (4, 4), "one pixel per whole 3 x 3 block: shape (12 // 3, 14 // 3)")
    expect_close(got, _recipe(image, 3), "differs from gaussian_filter(image, (3 - 1) / 2, mode='reflect')[1::3, 1::3]: "
                 "check sigma (F - 1) / 2, the middle offset (F - 1) // 2 and the border mode", rtol=0, atol=1e-10)


@points(1)
def check_stripes_halved(student: Student, rng: np.random.Generator) -> None:
    """Stripes of 0.4 cycles per pixel, halved: about 61 % survive as false stripes, not 100 %."""
    stripes = np.tile(np.cos(2 * np.pi * 0.4 * np.arange(128)), (8, 1))
    got = np.asarray(student.call("downsample", stripes, 2), dtype=np.float64)
    expect(got.ndim == 2 and got.shape[1] > 20, f"expected shape (4, 64), got {got.shape}")
    left = sine_amplitude(got[got.shape[0] // 2, 8:-8], 0.2)
    want = abs(float(response_at(gaussian_kernel1d(0.5), 0.4)))
    expect(abs(left - want) < 0.01, f"{left:.0%} of the stripes are left, the sigma-0.5 blur leaves {want:.0%}: "
           + ("no blur before shrinking means aliasing" if left > 0.99 else "check sigma = (F - 1) / 2"))


@points(1)
def check_pyramid(student: Student, rng: np.random.Generator) -> None:
    """pyramid(image, 3) of a 32 x 24 image: the image, then each level halved from the one before."""
    image = rng.random((32, 24))
    got = student.call("pyramid", image, 3)
    expect(isinstance(got, list) and len(got) == 3, "pyramid(image, 3) must return a list of 3 arrays, level 0 the "
           "image itself")
    want = [image, _recipe(image, 2), _recipe(_recipe(image, 2), 2)]
    for k in range(3):
        expect_close(got[k], want[k], f"level {k} differs (level 0 is the image; level k is downsample(level k-1, 2))",
                     rtol=0, atol=1e-10)
