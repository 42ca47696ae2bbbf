"""Hidden tests, one module per exercise id. Instructors only: `gausslearn release` leaves this folder out."""

from __future__ import annotations

import functools

import numpy as np

from gausslearn.images import sample


@functools.cache
def held_out_crop(name: str, size: int = 128) -> np.ndarray:
    """The centred ``size`` x ``size`` crop of a bundled sample image, in [0, 1], read-only and cached.

    Hidden tests grade on these held-out images; call ``.copy()`` before handing one to a learner's function.

    Examples
    --------
    >>> crop = held_out_crop("brick")
    >>> crop.shape, crop.flags.writeable
    ((128, 128), False)
    """
    image = sample(name)                      # float64 in [0, 1]
    h, w = image.shape
    if size > min(h, w):
        raise ValueError(f"a {size}x{size} crop does not fit in {name!r} ({h}x{w}); pass size <= {min(h, w)}.")
    top, left = (h - size) // 2, (w - size) // 2
    crop = np.ascontiguousarray(image[top:top + size, left:left + size])
    crop.setflags(write=False)
    return crop
