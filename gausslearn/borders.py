"""Padding for every SciPy border mode, written from the index rule.

A filter near the border needs pixels that do not exist. A *border mode* is a rule that answers, for every
index outside ``0 .. n-1``, "which pixel of the image do I use here?" (or "use the constant ``cval``").
:func:`padded_indices` writes that rule down and everything else in this module is built on it:
:func:`pad` gathers pixels with it, and :func:`mode_table` *finds* the names other libraries use for the
same rule by comparing index patterns, instead of trusting a typed table.

The rules for an index ``i`` outside ``0 .. n-1`` (``n`` is the length of the axis):

=================  ======================================  ==================================
SciPy mode         source index                            picture (``n = 4``)
=================  ======================================  ==================================
``reflect``        mirror about the pixel *edge*, period   ``d c b a | a b c d | d c b a``
                   ``2n``
``mirror``         mirror about the pixel *centre*,        ``d c b | a b c d | c b a``
                   period ``2n - 2`` (``0`` when ``n = 1``)
``nearest``        clip to ``0 .. n-1``                    ``a a a a | a b c d | d d d d``
``wrap``           ``i mod n``                             ``a b c d | a b c d | a b c d``
``constant``       none: the value ``cval``                ``k k k k | a b c d | k k k k``
=================  ======================================  ==================================

``grid-mirror``, ``grid-wrap`` and ``grid-constant`` are SciPy's synonyms of ``reflect``, ``wrap`` and
``constant`` inside the filters (they differ only in SciPy's interpolation functions).
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from gausslearn._validation import MODES, ScipyCompatibleError, as_image, check_int, check_mode

__all__ = ["MODES", "mode_table", "numpy_pad_mode", "pad", "padded_indices"]

#: numpy.pad modes that can express a SciPy border rule (tried in this order by :func:`numpy_pad_mode`).
NUMPY_CANDIDATES = ("symmetric", "reflect", "edge", "wrap", "constant")

# OpenCV documents its border types with letter pictures (``cv::BorderTypes``, image ``abcdefgh``, ``i`` the
# constant). They are data here; :func:`mode_table` matches them against the pictures computed from the index
# rule, so the OpenCV column is found by comparison as well.
_OPENCV_PICTURES = {
    "BORDER_CONSTANT": "iiiiii|abcdefgh|iiiiiii",
    "BORDER_REPLICATE": "aaaaaa|abcdefgh|hhhhhhh",
    "BORDER_REFLECT": "fedcba|abcdefgh|hgfedcb",
    "BORDER_WRAP": "cdefgh|abcdefgh|abcdefg",
    "BORDER_REFLECT_101": "gfedcb|abcdefgh|gfedcba",
}


_PADDED = "it counts pixels added on one side"


def padded_indices(n: int, before: int, after: int, mode: str) -> np.ndarray:
    """Return, for every position of a padded axis, the index of the original pixel it copies.

    Parameters
    ----------
    n : int
        Length of the original axis (>= 1).
    before, after : int
        Number of samples added in front of and behind the axis (>= 0). They may exceed ``n``: the rule is
        then applied again (repeated reflections), like SciPy and ``numpy.pad`` do.
    mode : str
        A SciPy border mode (see :data:`MODES`).

    Returns
    -------
    ndarray of int
        Length ``before + n + after``. Entry ``k`` is the index into the original axis used at padded position
        ``k``, or ``-1`` where the constant ``cval`` is used (modes ``constant`` and ``grid-constant``).

    Examples
    --------
    >>> padded_indices(4, 4, 4, "reflect")
    array([3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0])
    >>> padded_indices(4, 3, 3, "mirror")
    array([3, 2, 1, 0, 1, 2, 3, 2, 1, 0])
    >>> padded_indices(3, 2, 2, "wrap")
    array([1, 2, 0, 1, 2, 0, 1])
    >>> padded_indices(3, 2, 2, "constant")
    array([-1, -1,  0,  1,  2, -1, -1])
    >>> padded_indices(2, 5, 0, "reflect")   # pads wider than the axis: reflect again and again
    array([0, 0, 1, 1, 0, 0, 1])
    """
    n = check_int(n, "n", low=1, meaning="it is the length of the axis; an axis without pixels has nothing to pad")
    before = check_int(before, "before", low=0, meaning=_PADDED)
    after = check_int(after, "after", low=0, meaning=_PADDED)
    (mode,) = check_mode(mode, 1)
    i = np.arange(-before, n + after)
    if mode in ("reflect", "grid-mirror"):
        # Mirror about the outer edge of the end pixels: the sequence a b c d d c b a repeats (period 2n).
        m = np.mod(i, 2 * n)
        src = np.where(m < n, m, 2 * n - 1 - m)
    elif mode == "mirror":
        # Mirror about the centre of the end pixels: a b c d c b repeats (period 2n - 2). With one pixel there
        # is nothing to mirror and every sample is that pixel (SciPy does the same).
        if n == 1:
            src = np.zeros_like(i)
        else:
            period = 2 * n - 2
            m = np.mod(i, period)
            src = np.where(m < n, m, period - m)
    elif mode == "nearest":
        src = np.clip(i, 0, n - 1)
    elif mode in ("wrap", "grid-wrap"):
        src = np.mod(i, n)
    else:  # constant, grid-constant
        src = np.where((i >= 0) & (i < n), i, -1)
    return src.astype(np.intp)


def _pad_widths(pad_width: Any, ndim: int) -> list[tuple[int, int]]:
    """Normalise ``pad_width`` (int, per-axis int, or per-axis (before, after)) to a list of pairs."""
    if isinstance(pad_width, numbers.Integral) and not isinstance(pad_width, bool):
        w = check_int(pad_width, "pad_width", low=0, meaning=_PADDED)
        return [(w, w)] * ndim
    try:
        items = list(pad_width)
    except TypeError:
        raise TypeError(f"pad_width must be an int, a sequence of ints (one per axis) or a sequence of "
                        f"(before, after) pairs, got {pad_width!r}.") from None
    if len(items) != ndim:
        raise ScipyCompatibleError(f"pad_width has {len(items)} entries but the image has {ndim} axes; "
                                   f"pass one int, or exactly {ndim} entries (one per axis).")
    out = []
    for item in items:
        if isinstance(item, numbers.Integral) and not isinstance(item, bool):
            w = check_int(item, "pad_width", low=0, meaning=_PADDED)
            out.append((w, w))
        else:
            pair = list(item) if isinstance(item, (tuple, list, np.ndarray)) else [item]
            if len(pair) != 2:
                raise ValueError(f"each per-axis pad_width must be an int or a (before, after) pair, got {item!r}.")
            out.append(tuple(check_int(v, "pad_width", low=0, meaning=_PADDED) for v in pair))
    return out


def pad(image: Any, pad_width: Any, mode: str = "reflect", cval: float = 0.0) -> np.ndarray:
    """Pad an array of any dimension with a SciPy border mode, following :func:`padded_indices`.

    Parameters
    ----------
    image : array_like
        Array of any dimension and numeric dtype. It is never modified.
    pad_width : int or sequence
        Samples to add: one int for every side of every axis, one int per axis, or one ``(before, after)``
        pair per axis.
    mode : str or sequence of str
        A SciPy border mode (see :data:`MODES`), or one per axis.
    cval : scalar
        The value used by ``constant`` and ``grid-constant`` (cast to the image's dtype).

    Returns
    -------
    ndarray
        A new array of the image's dtype.

    Examples
    --------
    >>> pad(np.array([1, 2, 3]), 2, "reflect")
    array([2, 1, 1, 2, 3, 3, 2])
    >>> pad(np.array([1, 2, 3]), [(1, 3)], "mirror")
    array([2, 1, 2, 3, 2, 1, 2])
    >>> pad(np.array([[1, 2], [3, 4]]), (1, 0), "constant", cval=9)
    array([[9, 9],
           [1, 2],
           [3, 4],
           [9, 9]])
    """
    arr = as_image(image, min_ndim=1)
    widths = _pad_widths(pad_width, arr.ndim)
    modes = check_mode(mode, arr.ndim)
    out = arr
    for axis, ((before, after), m) in enumerate(zip(widths, modes, strict=True)):
        if before == 0 and after == 0:
            continue
        idx = padded_indices(arr.shape[axis], before, after, m)
        constant = idx < 0
        out = np.take(out, np.where(constant, 0, idx), axis=axis)
        if constant.any():
            where = [slice(None)] * out.ndim
            where[axis] = constant
            out[tuple(where)] = cval
    if out is arr:
        out = arr.copy()
    return out


def numpy_pad_mode(mode: str) -> str:
    """Return the ``numpy.pad`` mode that pads like SciPy's ``mode``, found by comparing index patterns.

    Every candidate numpy mode pads ``np.arange(n)`` (constant value ``-1``) for several lengths and pad
    widths, including pads wider than the axis and an axis of one pixel; the first candidate that reproduces
    :func:`padded_indices` everywhere is returned.

    Examples
    --------
    >>> numpy_pad_mode("reflect"), numpy_pad_mode("mirror"), numpy_pad_mode("nearest")
    ('symmetric', 'reflect', 'edge')
    """
    (mode,) = check_mode(mode, 1)
    cases = [(n, before, after) for n in (1, 2, 3, 5) for before, after in ((0, 0), (1, 2), (4, 3), (11, 7))]
    for candidate in NUMPY_CANDIDATES:
        kwargs = {"constant_values": -1} if candidate == "constant" else {}
        if all(np.array_equal(np.pad(np.arange(n), (before, after), mode=candidate, **kwargs),
                              padded_indices(n, before, after, mode)) for n, before, after in cases):
            return candidate
    raise AssertionError(f"no numpy.pad mode reproduces SciPy's {mode!r}")  # pragma: no cover


def _picture(n: int, before: int, after: int, mode: str, constant: str = "k", sep: str = " ") -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    idx = padded_indices(n, before, after, mode)
    symbols = [constant if k < 0 else letters[k] for k in idx]
    parts = [symbols[:before], symbols[before:before + n], symbols[before + n:]]
    return f"{sep}|{sep}".join(sep.join(p) for p in parts) if sep else "|".join("".join(p) for p in parts)


def _opencv_name(mode: str) -> str:
    for name, picture in _OPENCV_PICTURES.items():
        left, middle, right = picture.split("|")
        if _picture(len(middle), len(left), len(right), mode, constant="i", sep="") == picture:
            return name
    return "-"  # pragma: no cover


def mode_table() -> list[dict[str, str]]:
    """Return one row per SciPy mode with the names other libraries use for the same rule.

    Columns: ``scipy`` (the mode), ``numpy_pad`` (found by :func:`numpy_pad_mode`), ``opencv`` (the
    ``cv2.BORDER_*`` constant whose documented letter picture equals the picture of the index rule),
    ``skimage`` (``skimage.filters.gaussian`` passes ``mode`` to SciPy, so the name is SciPy's) and
    ``pattern``, a picture of 4 pixels ``a b c d`` padded by 4 on each side (``k`` is the constant).

    Examples
    --------
    >>> rows = {row["scipy"]: row for row in mode_table()}
    >>> rows["reflect"]["pattern"]
    'd c b a | a b c d | d c b a'
    >>> rows["mirror"]["numpy_pad"], rows["mirror"]["opencv"]
    ('reflect', 'BORDER_REFLECT_101')
    """
    rows = []
    for mode in MODES:
        rows.append({
            "scipy": mode,
            "numpy_pad": numpy_pad_mode(mode),
            "opencv": _opencv_name(mode),
            "skimage": mode,
            "pattern": _picture(4, 4, 4, mode),
        })
    return rows
