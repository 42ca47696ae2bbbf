"""Sample images that work offline, and synthetic test patterns.

Every function returns a *fresh* array: changing it never changes what the next call returns, so a notebook
cell that draws on an image cannot spoil the cells after it.

Sample images come from the files bundled inside the scikit-image wheel (no download, no network). The
synthetic patterns are ``float64`` arrays with values in [0, 1] whose exact content is known, which is what
a test of a filter needs: a step edge to measure blur, an impulse to see the kernel itself, a Siemens star
to see which frequencies survive, three pure colour bands to catch a filter that mixes channels.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from ._validation import check_axis, check_int, check_number
from .dtypes import to_float

__all__ = ["SAMPLES", "checkerboard", "disc", "impulse", "ramp", "rgb_one_hot", "sample", "siemens_star",
           "step_edge", "worked_example"]

#: Names accepted by :func:`sample`: images bundled in scikit-image 0.26 (each checked to load offline).
SAMPLES: tuple[str, ...] = (
    "camera", "astronaut", "coins", "moon", "brick", "grass", "gravel", "text", "checkerboard", "chelsea",
    "coffee", "rocket", "horse", "page", "clock", "hubble_deep_field", "immunohistochemistry", "retina",
    "colorwheel", "logo", "shepp_logan_phantom", "cell", "microaneurysms",
)

# Loaded images, kept read-only; callers always receive a copy.
_CACHE: dict[str, np.ndarray] = {}


def sample(name: str, *, as_float: bool = True) -> np.ndarray:
    """Return a sample image by name, as a fresh array.

    Parameters
    ----------
    name : str
        One of :data:`SAMPLES`, e.g. ``"camera"`` (512 x 512 grey), ``"astronaut"`` (512 x 512 x 3 RGB),
        ``"horse"`` (a binary silhouette), ``"logo"`` (RGBA).
    as_float : bool
        Convert with :func:`gausslearn.dtypes.to_float` (``uint8`` / 255, bool to 0/1) to ``float64`` in
        [0, 1] (the default), or return the stored dtype (mostly ``uint8``).

    Returns
    -------
    ndarray
        A new array on every call.

    Raises
    ------
    ValueError
        For an unknown name; the message lists the valid names.

    Examples
    --------
    >>> img = sample("camera")
    >>> img.shape, img.dtype, float(img.max())
    ((512, 512), dtype('float64'), 1.0)
    >>> sample("camera", as_float=False).dtype
    dtype('uint8')
    >>> sample("astronaut").shape
    (512, 512, 3)
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string such as 'camera', got {name!r}.")
    if name not in SAMPLES:
        raise ValueError(f"unknown sample image {name!r}; available offline: {', '.join(SAMPLES)}.")
    if not isinstance(as_float, (bool, np.bool_)):
        raise TypeError(f"as_float must be True or False, got {as_float!r}.")
    stored = _CACHE.get(name)
    if stored is None:
        import skimage.data

        stored = np.asarray(getattr(skimage.data, name)())
        stored.setflags(write=False)
        _CACHE[name] = stored
    return to_float(stored) if as_float else stored.copy()


def step_edge(shape: Sequence[int] = (64, 64), position: int | None = None, low: float = 0.0, high: float = 1.0,
              axis: int = 1) -> np.ndarray:
    """An ideal step: ``low`` before ``position`` along ``axis``, ``high`` from ``position`` on.

    Parameters
    ----------
    shape : sequence of int
        Array shape (any number of axes, each >= 1; the step's axis needs >= 2).
    position : int, optional
        First index holding ``high``; ``0 < position < shape[axis]``. Default ``shape[axis] // 2``.
    low, high : float
        The two levels.
    axis : int
        The axis along which the value changes (1: a vertical edge, values change along each row).

    Examples
    --------
    >>> step_edge((2, 6))
    array([[0., 0., 0., 1., 1., 1.],
           [0., 0., 0., 1., 1., 1.]])
    >>> step_edge((4, 1), position=1, low=0.2, high=0.8, axis=0).ravel()
    array([0.2, 0.8, 0.8, 0.8])
    """
    shp = _check_shape(shape)
    ax = check_axis(axis, len(shp))
    n = shp[ax]
    if n < 2:
        raise ValueError(f"shape[{ax}] is {n}; a step along axis {ax} needs at least 2 pixels.")
    pos = n // 2 if position is None else check_int(position, "position")
    if not 0 < pos < n:
        raise ValueError(f"position must be between 1 and {n - 1} (the first index holding `high`), got {pos}.")
    lo = check_number(low, "low")
    hi = check_number(high, "high")
    line = np.where(np.arange(n) < pos, lo, hi)
    view = [1] * len(shp)
    view[ax] = n
    return np.broadcast_to(line.reshape(view), shp).astype(np.float64, order="C")


def impulse(shape: Sequence[int] = (15, 15), value: float = 1.0, position: Sequence[int] | None = None) -> np.ndarray:
    """Zeros with a single pixel set to ``value``: filtering it shows the filter's kernel.

    Parameters
    ----------
    shape : sequence of int
        Array shape.
    value : float
        The value of the lit pixel.
    position : sequence of int, optional
        Index of the lit pixel, one per axis (negative indices count from the end). Default the centre,
        ``shape[i] // 2`` on every axis.

    Examples
    --------
    >>> impulse((3, 3))
    array([[0., 0., 0.],
           [0., 1., 0.],
           [0., 0., 0.]])
    >>> impulse((2, 3), value=5, position=(0, -1))
    array([[0., 0., 5.],
           [0., 0., 0.]])
    """
    shp = _check_shape(shape)
    v = check_number(value, "value")
    if position is None:
        idx = tuple(n // 2 for n in shp)
    else:
        if isinstance(position, (str, bytes)) or not isinstance(position, Sequence | np.ndarray):
            raise TypeError(f"position must be a sequence of {len(shp)} integers (one per axis), got {position!r}.")
        items = list(position)
        if len(items) != len(shp):
            raise ValueError(f"position has {len(items)} indices but shape {shp} has {len(shp)} axes; "
                             "pass one index per axis.")
        idx_list = []
        for k, (p, n) in enumerate(zip(items, shp, strict=True)):
            i = check_int(p, f"position[{k}]")
            if not -n <= i < n:
                raise ValueError(f"position[{k}] = {i} is outside axis {k} of length {n}; use 0..{n - 1}.")
            idx_list.append(i % n)
        idx = tuple(idx_list)
    out = np.zeros(shp)
    out[idx] = v
    return out


def checkerboard(shape: Sequence[int] = (64, 64), square: int = 8) -> np.ndarray:
    """A 2-D checkerboard of 0 and 1 squares of side ``square``, starting with 0 at the top left.

    Examples
    --------
    >>> checkerboard((4, 6), square=2)
    array([[0., 0., 1., 1., 0., 0.],
           [0., 0., 1., 1., 0., 0.],
           [1., 1., 0., 0., 1., 1.],
           [1., 1., 0., 0., 1., 1.]])
    """
    shp = _check_shape(shape, ndim=2)
    sq = check_int(square, "square")
    if sq < 1:
        raise ValueError(f"square must be >= 1 (the side of a square in pixels), got {sq}.")
    rows = np.arange(shp[0])[:, None] // sq
    cols = np.arange(shp[1])[None, :] // sq
    return ((rows + cols) % 2).astype(np.float64)


def disc(shape: Sequence[int] = (64, 64), radius: float = 20, center: Sequence[float] | None = None) -> np.ndarray:
    """A filled disc: 1 where the distance to ``center`` is at most ``radius``, 0 elsewhere.

    Parameters
    ----------
    shape : sequence of int
        2-D shape.
    radius : float
        Radius in pixels, > 0.
    center : (row, col), optional
        Centre in pixel coordinates (may be fractional). Default the middle of the array,
        ``((rows - 1) / 2, (cols - 1) / 2)``.

    Examples
    --------
    >>> disc((5, 5), radius=1).astype(int)
    array([[0, 0, 0, 0, 0],
           [0, 0, 1, 0, 0],
           [0, 1, 1, 1, 0],
           [0, 0, 1, 0, 0],
           [0, 0, 0, 0, 0]])
    """
    shp = _check_shape(shape, ndim=2)
    r = check_number(radius, "radius")
    if r <= 0:
        raise ValueError(f"radius must be > 0 (in pixels), got {r!r}.")
    if center is None:
        cy, cx = (shp[0] - 1) / 2, (shp[1] - 1) / 2
    else:
        if isinstance(center, (str, bytes)) or not isinstance(center, Sequence | np.ndarray) or len(center) != 2:
            raise ValueError(f"center must be a (row, col) pair, got {center!r}.")
        cy, cx = check_number(center[0], "center[0]"), check_number(center[1], "center[1]")
    yy, xx = np.mgrid[: shp[0], : shp[1]]
    return (((yy - cy) ** 2 + (xx - cx) ** 2) <= r * r).astype(np.float64)


def siemens_star(size: int = 256, spokes: int = 32) -> np.ndarray:
    """A Siemens star: ``spokes`` white wedges alternating with black ones around the centre.

    The wedges get narrower towards the centre, so one image holds every spatial frequency: after a blur,
    the radius where the spokes merge into grey shows the finest detail that survived.

    Parameters
    ----------
    size : int
        Side of the square image, >= 4.
    spokes : int
        Number of white wedges (as many black ones between them), >= 1.

    Examples
    --------
    >>> star = siemens_star(64, spokes=8)
    >>> star.shape, sorted(np.unique(star).tolist()), round(float(star.mean()), 2)
    ((64, 64), [0.0, 1.0], 0.5)
    """
    n = check_int(size, "size")
    if n < 4:
        raise ValueError(f"size must be >= 4 pixels, got {n}.")
    k = check_int(spokes, "spokes")
    if k < 1:
        raise ValueError(f"spokes must be >= 1, got {k}.")
    c = (n - 1) / 2
    yy, xx = np.mgrid[:n, :n]
    theta = np.arctan2(yy - c, xx - c)
    return (np.sin(k * theta) >= 0).astype(np.float64)


def ramp(shape: Sequence[int] = (64, 64), axis: int = 1) -> np.ndarray:
    """A linear ramp from 0 to 1 along ``axis`` (constant along the other axes).

    A Gaussian filter leaves a linear ramp unchanged away from the borders (the kernel is symmetric), so a
    ramp is a good test of border handling.

    Examples
    --------
    >>> ramp((2, 5))
    array([[0.  , 0.25, 0.5 , 0.75, 1.  ],
           [0.  , 0.25, 0.5 , 0.75, 1.  ]])
    """
    shp = _check_shape(shape)
    ax = check_axis(axis, len(shp))
    n = shp[ax]
    if n < 2:
        raise ValueError(f"shape[{ax}] is {n}; a ramp along axis {ax} needs at least 2 pixels.")
    view = [1] * len(shp)
    view[ax] = n
    return np.broadcast_to(np.linspace(0.0, 1.0, n).reshape(view), shp).astype(np.float64, order="C")


def rgb_one_hot(shape: Sequence[int] = (48, 96)) -> np.ndarray:
    """Three vertical bands of pure red, green and blue: an H x W x 3 float64 image.

    Every pixel has exactly one channel equal to 1 and the others 0. A filter that blurs the colour axis
    too (``gaussian_filter(rgb, sigma)`` without ``axes=(0, 1)``) produces pixels that are no longer pure,
    even in the middle of a band.

    Parameters
    ----------
    shape : (height, width)
        Spatial shape; the width needs at least 3 pixels. Band ``k`` holds the columns
        ``k * width // 3`` up to ``(k + 1) * width // 3``.

    Examples
    --------
    >>> img = rgb_one_hot((1, 6))
    >>> img.shape, img[0, :, 0].tolist(), img[0, :, 2].tolist()
    ((1, 6, 3), [1.0, 1.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 1.0, 1.0])
    """
    shp = _check_shape(shape, ndim=2)
    h, w = shp
    if w < 3:
        raise ValueError(f"the width must be at least 3 pixels (one per colour band), got shape {shp}.")
    # band k holds the columns with k*w//3 <= col < (k+1)*w//3
    band = np.searchsorted([w // 3, 2 * w // 3], np.arange(w), side="right")
    out = np.zeros((h, w, 3))
    out[:, np.arange(w), band] = 1.0
    return out


def worked_example() -> np.ndarray:
    """The 7 x 7 ``float32`` grid of the worked example: a small bright blob on a black background.

    Zeros, with the 3 x 3 pattern ``[[0.2, 0.7, 0.2], [0.7, 1.0, 0.7], [0.2, 0.7, 0.2]]`` in rows and
    columns 2 to 4.

    Examples
    --------
    >>> g = worked_example()
    >>> g.dtype, g.shape, float(g[3, 3]), round(float(g.sum()), 6)
    (dtype('float32'), (7, 7), 1.0, 4.6)
    >>> g[1:6, 1:6]
    array([[0. , 0. , 0. , 0. , 0. ],
           [0. , 0.2, 0.7, 0.2, 0. ],
           [0. , 0.7, 1. , 0.7, 0. ],
           [0. , 0.2, 0.7, 0.2, 0. ],
           [0. , 0. , 0. , 0. , 0. ]], dtype=float32)
    """
    grid = np.zeros((7, 7), dtype=np.float32)
    grid[2:5, 2:5] = np.array([[0.2, 0.7, 0.2], [0.7, 1.0, 0.7], [0.2, 0.7, 0.2]], dtype=np.float32)
    return grid


# ----------------------------------------------------------------------------------------------- helpers


def _check_shape(shape: Any, ndim: int | None = None) -> tuple[int, ...]:
    """Return ``shape`` as a tuple of positive ints, with ``ndim`` entries when given."""
    if isinstance(shape, numbers.Integral) and not isinstance(shape, (bool, np.bool_)):
        shape = (shape,)
    if isinstance(shape, (str, bytes)) or not isinstance(shape, Sequence | np.ndarray):
        raise TypeError(f"shape must be a tuple of integers such as (64, 64), got {shape!r}.")
    dims = tuple(check_int(n, "every entry of shape") for n in shape)
    if ndim is not None and len(dims) != ndim:
        raise ValueError(f"shape must have {ndim} entries (rows, columns), got {dims}.")
    if not dims:
        raise ValueError("shape is empty; pass at least one axis length, e.g. (64, 64).")
    if any(n < 1 for n in dims):
        raise ValueError(f"every entry of shape must be >= 1, got {dims}.")
    return dims
