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

Other libraries name the same rules differently, and one library may use two conventions:
:func:`library_mode_table` finds every name by comparison. scikit-image is probed by really calling it
(:func:`skimage_filters_mode`, :func:`skimage_transform_mode`, :func:`skimage_restoration_mode`); PyTorch and
MATLAB are not installed here, so their documented padding definitions are written down as index rules
(:func:`torch_padded_indices`, :func:`matlab_padded_indices`) and compared with SciPy's.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from gausslearn._validation import MODES, ScipyCompatibleError, as_image, check_int, check_mode

__all__ = [
    "BASIC_MODES",
    "MATLAB_OPTIONS",
    "MODES",
    "SKIMAGE_NUMPY_STYLE_MODES",
    "TORCH_MODES",
    "library_mode_table",
    "matlab_padded_indices",
    "mode_table",
    "numpy_pad_mode",
    "pad",
    "padded_indices",
    "skimage_filters_mode",
    "skimage_restoration_mode",
    "skimage_transform_indices",
    "skimage_transform_mode",
    "torch_padded_indices",
]

#: The five SciPy rules (the ``grid-*`` names are synonyms of three of them inside the filters).
BASIC_MODES = ("reflect", "mirror", "nearest", "wrap", "constant")
#: The ``mode`` names of ``skimage.transform`` (``warp``, ``rescale``, ``resize``, ...) and ``skimage.restoration``
#: (``denoise_bilateral``): numpy.pad's names, translated to SciPy's inside scikit-image.
SKIMAGE_NUMPY_STYLE_MODES = ("constant", "edge", "symmetric", "reflect", "wrap")
#: ``torch.nn.functional.pad`` modes.
TORCH_MODES = ("constant", "reflect", "replicate", "circular")
#: MATLAB ``imfilter`` boundary options; ``"X"`` stands for a number given instead of a name (the constant,
#: 0 when no boundary option is given).
MATLAB_OPTIONS = ("X", "symmetric", "replicate", "circular")

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

    def agrees(candidate: str) -> bool:
        kwargs = {"constant_values": -1} if candidate == "constant" else {}
        return all(np.array_equal(np.pad(np.arange(n), (before, after), mode=candidate, **kwargs),
                                  padded_indices(n, before, after, mode)) for n, before, after in _probe_cases())

    found = _first_agreeing(NUMPY_CANDIDATES, agrees)
    if found == "-":  # pragma: no cover
        raise AssertionError(f"no numpy.pad mode reproduces SciPy's {mode!r}")
    return found


def _first_agreeing(candidates: Iterable[str], agrees: Callable[[str], bool]) -> str:
    """The first name for which ``agrees(name)`` holds, ``"-"`` when none does.

    A name the library refuses (``ValueError`` or ``RuntimeError``, as SciPy does for numpy.pad's names) does
    not agree. Every "which name does library X use for this rule" question of this module is answered so.
    """
    for candidate in candidates:
        try:
            if agrees(candidate):
                return candidate
        except (ValueError, RuntimeError):
            continue
    return "-"


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
    ``skimage`` (the name for ``skimage.filters``, which passes ``mode`` to SciPy, so the name is SciPy's;
    ``skimage.transform`` and ``skimage.restoration`` use numpy.pad's names instead, see
    :func:`library_mode_table`) and ``pattern``, a picture of 4 pixels ``a b c d`` padded by 4 on each side
    (``k`` is the constant).

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


# ----------------------------------------------------------------------------------------------------------
# Other libraries: scikit-image probed by calling it, PyTorch and MATLAB from their documentation
# ----------------------------------------------------------------------------------------------------------

def _check_padding(n: Any, before: Any, after: Any) -> tuple[int, int, int]:
    n = check_int(n, "n", low=1, meaning="it is the length of the axis; an axis without pixels has nothing to pad")
    before = check_int(before, "before", low=0, meaning=_PADDED)
    after = check_int(after, "after", low=0, meaning=_PADDED)
    return n, before, after


def _check_name(name: Any, allowed: tuple[str, ...], what: str) -> str:
    if not isinstance(name, str) or name not in allowed:
        raise ValueError(f"unknown {what} {name!r}; choose one of {', '.join(map(repr, allowed))}.")
    return name


def skimage_transform_indices(n: int, before: int, after: int, mode: str) -> np.ndarray:
    """Read back how ``skimage.transform.warp`` pads an axis, by really calling it.

    A row ``0, 1, ..., n-1`` is shifted right by ``before`` pixels with nearest-neighbour interpolation
    (``order=0``) into an output of ``before + n + after`` pixels, with ``cval=-1``: every output pixel is the
    index of the input pixel it came from, or ``-1`` for the constant. ``rescale``, ``resize`` and the other
    functions of ``skimage.transform`` translate ``mode`` exactly as ``warp`` does.

    Parameters
    ----------
    n : int
        Length of the row (>= 1).
    before, after : int
        Samples read in front of and behind the row (>= 0).
    mode : str
        A ``skimage.transform`` mode: one of :data:`SKIMAGE_NUMPY_STYLE_MODES` (numpy.pad's names).

    Returns
    -------
    ndarray of int
        Like :func:`padded_indices`: the source index at every position, ``-1`` for the constant.

    Examples
    --------
    >>> skimage_transform_indices(3, 2, 0, "reflect")     # numpy's 'reflect' = SciPy's 'mirror'
    array([2, 1, 0, 1, 2])
    >>> skimage_transform_indices(3, 2, 0, "symmetric")   # numpy's 'symmetric' = SciPy's 'reflect'
    array([1, 0, 0, 1, 2])
    >>> skimage_transform_indices(3, 1, 1, "mirror")
    Traceback (most recent call last):
    ...
    ValueError: unknown skimage.transform mode 'mirror'; choose one of 'constant', 'edge', 'symmetric', 'reflect', 'wrap'.
    """
    from skimage.transform import warp

    n, before, after = _check_padding(n, before, after)
    mode = _check_name(mode, SKIMAGE_NUMPY_STYLE_MODES, "skimage.transform mode")
    row = np.arange(n, dtype=np.float64)[np.newaxis, :]
    shift = np.array([before, 0.0])  # warp's coordinates are (column, row)
    out = warp(row, lambda xy: xy - shift, output_shape=(1, before + n + after), order=0, mode=mode,
               cval=-1.0, preserve_range=True)
    return np.rint(out[0]).astype(np.intp)


def _probe_cases() -> list[tuple[int, int, int]]:
    """(n, before, after) cases for comparing rules: short and long axes, pads narrower and wider than the axis."""
    return [(n, before, after) for n in (1, 2, 3, 5) for before, after in ((0, 0), (1, 2), (4, 3), (11, 7))]


def _basic_mode(mode: Any) -> str:
    (mode,) = check_mode(mode, 1)
    return {"grid-mirror": "reflect", "grid-wrap": "wrap", "grid-constant": "constant"}.get(mode, mode)


def skimage_transform_mode(mode: str) -> str:
    """The ``mode`` to pass to ``skimage.transform`` (``warp``, ``rescale``, ``resize``) for SciPy's ``mode``.

    Found by calling ``warp`` (:func:`skimage_transform_indices`) for several axis lengths and pad widths and
    comparing with :func:`padded_indices`; ``"-"`` when no name gives SciPy's rule.

    Examples
    --------
    >>> [skimage_transform_mode(m) for m in ("reflect", "mirror", "nearest", "wrap", "constant")]
    ['symmetric', 'reflect', 'edge', 'wrap', 'constant']
    """
    scipy_mode = _basic_mode(mode)
    return _first_agreeing(SKIMAGE_NUMPY_STYLE_MODES, lambda c: all(
        np.array_equal(_warp_probe(n, b, a, c), padded_indices(n, b, a, scipy_mode)) for n, b, a in _probe_cases()))


@functools.cache
def _warp_probe(n: int, before: int, after: int, mode: str) -> tuple[int, ...]:
    """:func:`skimage_transform_indices` remembered (the table asks for the same probes for every mode)."""
    return tuple(int(k) for k in skimage_transform_indices(n, before, after, mode))


def skimage_filters_mode(mode: str) -> str:
    """The ``mode`` to pass to ``skimage.filters.gaussian`` for SciPy's ``mode``, found by calling both.

    Every SciPy name, then every numpy.pad name, is tried on a small random image with a kernel wider than the
    image; the first that reproduces ``scipy.ndimage.gaussian_filter(..., mode=mode)`` exactly is returned
    (``"-"`` when none does). ``skimage.filters`` hands ``mode`` to SciPy unchanged, so the names are SciPy's.

    Examples
    --------
    >>> [skimage_filters_mode(m) for m in ("reflect", "mirror", "nearest", "wrap", "constant")]
    ['reflect', 'mirror', 'nearest', 'wrap', 'constant']
    """
    from scipy import ndimage
    from skimage.filters import gaussian

    scipy_mode = _basic_mode(mode)
    image = np.random.default_rng(0).random((5, 6))
    expected = ndimage.gaussian_filter(image, 2.0, mode=scipy_mode, cval=0.25)
    candidates = BASIC_MODES + tuple(m for m in SKIMAGE_NUMPY_STYLE_MODES if m not in BASIC_MODES)
    return _first_agreeing(candidates, lambda c: np.array_equal(
        gaussian(image, sigma=2.0, mode=c, cval=0.25, preserve_range=True), expected))


def skimage_restoration_mode(mode: str) -> str:
    """The ``mode`` to pass to ``skimage.restoration.denoise_bilateral`` for SciPy's ``mode``, found by calling it.

    ``denoise_bilateral`` pads internally. Its result with a candidate ``mode`` is compared with its result on
    the image padded beforehand by :func:`pad` with SciPy's ``mode`` (then cropped): they agree exactly when
    both paddings are the same rule. Returns the first numpy-style name that agrees, ``"-"`` when none does.

    Examples
    --------
    >>> skimage_restoration_mode("reflect"), skimage_restoration_mode("nearest")   # numpy.pad's names
    ('symmetric', 'edge')
    >>> skimage_restoration_mode("grid-wrap")    # SciPy's synonyms are understood
    'wrap'
    """
    from skimage.restoration import denoise_bilateral

    image = np.random.default_rng(0).random((6, 7))
    scipy_mode = _basic_mode(mode)
    r = 2  # win_size 5 reads 2 pixels beyond the border
    options = {"win_size": 2 * r + 1, "sigma_color": 0.3, "sigma_spatial": 1.0, "cval": 0.25}
    expected = denoise_bilateral(pad(image, r, mode=scipy_mode, cval=0.25), mode="constant", **options)[r:-r, r:-r]
    return _first_agreeing(SKIMAGE_NUMPY_STYLE_MODES, lambda c: np.allclose(
        denoise_bilateral(image, mode=c, **options), expected, rtol=0.0, atol=1e-12))


def torch_padded_indices(n: int, before: int, after: int, mode: str) -> np.ndarray:
    """PyTorch's padding (``torch.nn.functional.pad``) as an index rule, written from its documentation.

    PyTorch is not installed with the course, so this is the documented definition, not a measurement:

    - ``constant``: the value ``value`` (default 0).
    - ``reflect`` (``torch.nn.ReflectionPad1d``): "the reflection of the input boundary"; the documented example
      pads ``[0, 1, 2, 3]`` by 2 to ``[2, 1, 0, 1, 2, 3, 2, 1]`` (the end sample is not repeated), and "padding
      size should be less than the corresponding input dimension".
    - ``replicate`` (``torch.nn.ReplicationPad1d``): the end sample repeated.
    - ``circular`` (``torch.nn.CircularPad1d``): "values at the beginning of the dimension are used to pad the
      end, and values at the end are used to pad the beginning"; the padding must be at most the input size.

    Sources: https://pytorch.org/docs/stable/generated/torch.nn.functional.pad.html,
    https://pytorch.org/docs/stable/generated/torch.nn.ReflectionPad1d.html,
    https://pytorch.org/docs/stable/generated/torch.nn.CircularPad1d.html

    Parameters
    ----------
    n, before, after : int
        As in :func:`padded_indices` (the axis length, the samples added in front and behind).
    mode : str
        One of :data:`TORCH_MODES`.

    Returns
    -------
    ndarray of int
        Like :func:`padded_indices` (``-1`` for the constant).

    Raises
    ------
    ValueError
        For a pad wider than PyTorch documents (``reflect``: at least ``n``; ``circular``: more than ``n``),
        where PyTorch raises an error instead of reflecting again as SciPy and numpy.pad do.

    Examples
    --------
    >>> torch_padded_indices(4, 2, 2, "reflect")      # the documented example
    array([2, 1, 0, 1, 2, 3, 2, 1])
    >>> torch_padded_indices(4, 3, 1, "circular")
    array([1, 2, 3, 0, 1, 2, 3, 0])
    >>> torch_padded_indices(3, 3, 0, "reflect")
    Traceback (most recent call last):
    ...
    ValueError: PyTorch's 'reflect' needs a padding smaller than the axis (documented), got 3 on an axis of 3; SciPy and numpy.pad would reflect again instead.
    """
    n, before, after = _check_padding(n, before, after)
    mode = _check_name(mode, TORCH_MODES, "PyTorch padding mode")
    widest = max(before, after)
    if mode == "reflect" and widest >= n:
        raise ValueError(f"PyTorch's 'reflect' needs a padding smaller than the axis (documented), got {widest} on an "
                         f"axis of {n}; SciPy and numpy.pad would reflect again instead.")
    if mode == "circular" and widest > n:
        raise ValueError(f"PyTorch's 'circular' needs a padding of at most the axis length (documented), got "
                         f"{widest} on an axis of {n}; SciPy and numpy.pad would wrap again instead.")
    i = np.arange(-before, n + after)
    if mode == "reflect":  # mirror about the end sample's centre: -1 -> 1, n -> n - 2
        src = np.where(i < 0, -i, np.where(i >= n, 2 * (n - 1) - i, i))
    elif mode == "replicate":
        src = np.clip(i, 0, n - 1)
    elif mode == "circular":  # the other end's samples: -1 -> n - 1, n -> 0
        src = np.where(i < 0, i + n, np.where(i >= n, i - n, i))
    else:  # constant
        src = np.where((i >= 0) & (i < n), i, -1)
    return src.astype(np.intp)


def matlab_padded_indices(n: int, before: int, after: int, option: str) -> np.ndarray:
    """MATLAB ``imfilter``'s boundary options as an index rule, written from its documentation.

    MATLAB is not available here, so this is the documented definition, not a measurement
    (https://www.mathworks.com/help/images/ref/imfilter.html, boundary options; ``padarray`` pads the same way):

    - ``X`` (a number given as the option; 0 when no boundary option is given, the default): "input array
      values outside the bounds of the array are assigned the value X".
    - ``symmetric``: "computed by mirror-reflecting the array across the array border": the mirror lies on the
      border between pixels, so the end pixel is repeated; pads wider than the array continue the reflections.
    - ``replicate``: "assumed to equal the nearest array border value".
    - ``circular``: "computed by implicitly assuming the input array is periodic".

    Parameters
    ----------
    n, before, after : int
        As in :func:`padded_indices`.
    option : str
        One of :data:`MATLAB_OPTIONS` (``"X"`` for a number).

    Returns
    -------
    ndarray of int
        Like :func:`padded_indices` (``-1`` for the constant X).

    Examples
    --------
    >>> matlab_padded_indices(4, 4, 4, "symmetric")
    array([3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0])
    >>> matlab_padded_indices(3, 2, 2, "X")
    array([-1, -1,  0,  1,  2, -1, -1])
    """
    n, before, after = _check_padding(n, before, after)
    option = _check_name(option, MATLAB_OPTIONS, "MATLAB imfilter boundary option")
    i = np.arange(-before, n + after)
    if option == "symmetric":  # reflections across the borders: a b c | c b a | a b c ..., period 2n
        m = np.mod(i, 2 * n)
        src = np.where(m < n, m, 2 * n - 1 - m)
    elif option == "replicate":
        src = np.clip(i, 0, n - 1)
    elif option == "circular":  # periodic with period n
        src = np.mod(i, n)
    else:  # X, a constant
        src = np.where((i >= 0) & (i < n), i, -1)
    return src.astype(np.intp)


def _rule_name(rule: Any, names: tuple[str, ...], scipy_mode: str) -> str:
    """The first name whose ``rule(n, before, after, name)`` equals SciPy's rule on every case it allows."""
    for name in names:
        compared = 0
        for n, b, a in _probe_cases():
            try:
                got = rule(n, b, a, name)
            except ValueError:  # a pad the library does not allow: nothing to compare
                continue
            if not np.array_equal(got, padded_indices(n, b, a, scipy_mode)):
                break
            compared += 1
        else:
            if compared:
                return name
    return "-"


def library_mode_table(modes: tuple[str, ...] = BASIC_MODES) -> list[dict[str, str]]:
    """One row per SciPy mode: the name of the same padding rule in other libraries, every entry found by comparison.

    Columns (keys):

    - ``scipy``: the mode.
    - ``numpy_pad``: :func:`numpy_pad_mode` (calls ``numpy.pad``).
    - ``skimage_filters``: :func:`skimage_filters_mode` (calls ``skimage.filters.gaussian``): SciPy's names.
    - ``skimage_transform``: :func:`skimage_transform_mode` (calls ``skimage.transform.warp``): numpy.pad's names.
    - ``skimage_restoration``: :func:`skimage_restoration_mode` (calls ``denoise_bilateral``): numpy.pad's names.
    - ``opencv``: OpenCV's documented letter pictures (as in :func:`mode_table`).
    - ``pytorch``: :func:`torch_padded_indices`, PyTorch's documented rules (on the pads PyTorch allows).
    - ``matlab``: :func:`matlab_padded_indices`, MATLAB ``imfilter``'s documented options (``X`` is a number).
    - ``pattern``: 4 pixels ``a b c d`` padded by 4 on each side (``k`` is the constant).

    ``"-"`` means the library has no name for that rule.

    Examples
    --------
    >>> rows = {row["scipy"]: row for row in library_mode_table()}
    >>> rows["reflect"]["skimage_filters"], rows["reflect"]["skimage_transform"], rows["reflect"]["matlab"]
    ('reflect', 'symmetric', 'symmetric')
    >>> rows["mirror"]["skimage_transform"], rows["mirror"]["pytorch"], rows["mirror"]["matlab"]
    ('reflect', 'reflect', '-')
    """
    rows = []
    for mode in modes:
        scipy_mode = _basic_mode(mode)
        rows.append({
            "scipy": mode,
            "numpy_pad": numpy_pad_mode(scipy_mode),
            "skimage_filters": skimage_filters_mode(scipy_mode),
            "skimage_transform": skimage_transform_mode(scipy_mode),
            "skimage_restoration": skimage_restoration_mode(scipy_mode),
            "opencv": _opencv_name(scipy_mode),
            "pytorch": _rule_name(torch_padded_indices, TORCH_MODES, scipy_mode),
            "matlab": _rule_name(matlab_padded_indices, MATLAB_OPTIONS, scipy_mode),
            "pattern": _picture(4, 4, 4, scipy_mode),
        })
    return rows
