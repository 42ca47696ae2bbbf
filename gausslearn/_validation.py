"""Input checks shared by the public functions of gausslearn.

Every check raises an error whose message says what was wrong and what to pass instead. The module is private
(its name starts with ``_``); inside the package its helpers are the one place where an argument is checked,
so the computing code behind a public function can trust its input.

Exception types follow ``scipy.ndimage`` wherever SciPy has an opinion (measured with SciPy 1.17), so that code
written for SciPy catches the same errors from the course's drop-in filters:

=====================================================  ==========================================
bad input                                              raised
=====================================================  ==========================================
a value of the wrong type (a string sigma, 0.5 axes)   ``TypeError``
a value out of range (negative sigma or order)         ``ValueError``
an axis out of range                                   ``numpy.exceptions.AxisError``
                                                       (a ``ValueError`` and an ``IndexError``)
a per-axis sequence of the wrong length, an unknown    :class:`ScipyCompatibleError`
border mode (SciPy: ``RuntimeError``)                  (a ``ValueError`` and a ``RuntimeError``)
=====================================================  ==========================================
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

#: Border modes understood by ``scipy.ndimage`` (and by :mod:`gausslearn.borders`).
MODES = ("reflect", "mirror", "nearest", "constant", "wrap", "grid-constant", "grid-mirror", "grid-wrap")


class ScipyCompatibleError(ValueError, RuntimeError):
    """A bad argument for which ``scipy.ndimage`` raises ``RuntimeError``.

    SciPy reports some bad values (an unknown border mode, a sequence of the wrong length, an output array of
    the wrong shape, an unsupported dtype) with ``RuntimeError``. The course raises this class instead: it is
    both a ``ValueError`` (what the course promises for a bad value) and a ``RuntimeError`` (so code written
    for SciPy that catches ``RuntimeError`` keeps working with the drop-in filters).

    Examples
    --------
    >>> issubclass(ScipyCompatibleError, ValueError) and issubclass(ScipyCompatibleError, RuntimeError)
    True
    """


# ------------------------------------------------------------------------------------------------ arrays ---

def as_image(
    image: Any,
    *,
    name: str = "image",
    ndim: int | Sequence[int] | None = None,
    min_ndim: int = 1,
    allow_complex: bool = True,
    allow_bool: bool = True,
) -> np.ndarray:
    """Return ``image`` as an ndarray after checking that it is a non-empty numeric array.

    Parameters
    ----------
    image : array_like
        The array to check. It is not copied when it already is an ndarray.
    name : str
        The argument's name, used in error messages.
    ndim : int or sequence of int, optional
        The accepted number(s) of dimensions.
    min_ndim : int
        The smallest accepted number of dimensions when ``ndim`` is not given.
    allow_complex, allow_bool : bool
        Whether complex or boolean arrays are accepted.

    Examples
    --------
    >>> as_image([[0, 1], [2, 3]]).shape
    (2, 2)
    >>> as_image(np.zeros((0, 3)))
    Traceback (most recent call last):
    ...
    ValueError: image is empty (shape (0, 3)); pass an array with at least one pixel along every axis.
    """
    if isinstance(image, (str, bytes)):
        raise TypeError(f"{name} must be a numeric array, got a {type(image).__name__}; "
                        "load the image into a NumPy array first (for example with gausslearn.images.sample).")
    if image is None:
        raise TypeError(f"{name} is None; pass a NumPy array of pixel values.")
    arr = np.asarray(image)
    kind = arr.dtype.kind
    if kind == "b" and not allow_bool:
        raise TypeError(f"{name} has dtype bool; convert it first, for example with {name}.astype(float).")
    if kind == "c" and not allow_complex:
        raise TypeError(f"{name} has complex dtype {arr.dtype}; pass a real-valued array (for example {name}.real).")
    if kind not in "biufc":
        raise TypeError(f"{name} must have a numeric dtype, got dtype {arr.dtype}; "
                        "pass an array of numbers (for example np.asarray(values, dtype=float)).")
    if arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape}); "
                         "pass an array with at least one pixel along every axis.")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(n) for n in allowed)
            raise ValueError(f"{name} must have {want} dimensions, got {arr.ndim} (shape {arr.shape}).")
    elif arr.ndim < min_ndim:
        raise ValueError(f"{name} must have at least {min_ndim} dimension(s), got {arr.ndim} (shape {arr.shape}); "
                         "a single number is not an image: pass e.g. np.array([value]).")
    return arr


def as_gray_image(image: Any, name: str = "image") -> np.ndarray:
    """Return ``image`` as a real 2-D array, refusing colour images with a hint on how to pass one channel.

    Examples
    --------
    >>> as_gray_image(np.zeros((2, 3))).shape
    (2, 3)
    >>> as_gray_image(np.zeros((4, 4, 3)))
    Traceback (most recent call last):
    ...
    ValueError: image is a colour image (shape (4, 4, 3)); a grey image is needed here: pass one channel, e.g. image[..., 0], or a grey version, e.g. image[..., :3].mean(axis=-1).
    """
    arr = as_image(image, name=name, min_ndim=1, allow_complex=False)
    if arr.ndim == 3 and arr.shape[-1] in (3, 4):
        raise ValueError(f"{name} is a colour image (shape {arr.shape}); a grey image is needed here: pass one "
                         f"channel, e.g. {name}[..., 0], or a grey version, e.g. {name}[..., :3].mean(axis=-1).")
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D grey image, got {arr.ndim} dimension(s) (shape {arr.shape}).")
    return arr


def check_finite(arr: np.ndarray, name: str, why: str) -> np.ndarray:
    """Return ``arr`` after checking that it holds no NaN or infinite value; ``why`` says why that matters.

    Examples
    --------
    >>> check_finite(np.array([0.5, np.nan, np.inf]), "noisy", "a quality measure needs finite values")
    Traceback (most recent call last):
    ...
    ValueError: noisy contains NaN or infinite values (2 of 3); a quality measure needs finite values.
    """
    if arr.dtype.kind in "fc":
        bad = int(arr.size - np.count_nonzero(np.isfinite(arr)))
        if bad:
            raise ValueError(f"{name} contains NaN or infinite values ({bad} of {arr.size}); {why}.")
    return arr


# ----------------------------------------------------------------------------------------------- numbers ---

def _clause(meaning: str) -> str:
    return f"; {meaning}." if meaning else "."


def check_number(value: Any, name: str, *, low: float | None = None, high: float | None = None,
                 open_low: bool = False, open_high: bool = False, meaning: str = "") -> float:
    """Return ``value`` as a finite float within the given bounds.

    Parameters
    ----------
    value : Any
        The argument to check; ``bool`` is refused (``True`` is not a number a learner means).
    name : str
        The argument's name, for the message.
    low, high : float, optional
        Bounds, inclusive unless ``open_low`` / ``open_high``.
    meaning : str
        What the argument is, appended to every message (e.g. ``"it is the noise's standard deviation"``).

    Raises
    ------
    TypeError
        For a value that is not a real number.
    ValueError
        For NaN, infinities and values out of bounds; the message states the allowed range.

    Examples
    --------
    >>> check_number(3, "peak", low=0, open_low=True)
    3.0
    >>> check_number(float("nan"), "std", low=0, meaning="it is the noise's standard deviation")
    Traceback (most recent call last):
    ...
    ValueError: std must be >= 0 and finite, got nan; it is the noise's standard deviation.
    >>> check_number(1.5, "amount", low=0, high=1)
    Traceback (most recent call last):
    ...
    ValueError: amount must be in [0, 1], got 1.5.
    >>> check_number("0.1", "std")
    Traceback (most recent call last):
    ...
    TypeError: std must be a number, got '0.1' (str).
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__}){_clause(meaning)}")
    v = float(value)
    if low is not None and high is not None:
        if open_low and open_high:
            rule = f"strictly between {low:g} and {high:g}"
        else:
            rule = f"in {'(' if open_low else '['}{low:g}, {high:g}{')' if open_high else ']'}"
    elif low is not None:
        rule = f"{'>' if open_low else '>='} {low:g} and finite"
    elif high is not None:
        rule = f"{'<' if open_high else '<='} {high:g} and finite"
    else:
        rule = "finite"
    ok = math.isfinite(v)
    if ok and low is not None:
        ok = v > low if open_low else v >= low
    if ok and high is not None:
        ok = v < high if open_high else v <= high
    if not ok:
        raise ValueError(f"{name} must be {rule}, got {v!r}{_clause(meaning)}")
    return v


def check_int(value: Any, name: str, *, low: int | None = None, meaning: str = "") -> int:
    """Return ``value`` as an int, at least ``low`` when given.

    Raises
    ------
    TypeError
        For a value that is not an integer (``bool`` and ``2.0`` included: a count is a whole number).
    ValueError
        For a value below ``low``.

    Examples
    --------
    >>> check_int(np.int64(3), "size", low=1)
    3
    >>> check_int(0, "size", low=1, meaning="it is the number of taps")
    Traceback (most recent call last):
    ...
    ValueError: size must be a positive integer, got 0; it is the number of taps.
    >>> check_int(1.5, "after", low=0)
    Traceback (most recent call last):
    ...
    TypeError: after must be an integer, got 1.5 (float).
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        want = "a positive integer" if low == 1 else "an integer"
        raise TypeError(f"{name} must be {want}, got {value!r} ({type(value).__name__}){_clause(meaning)}")
    v = int(value)
    if low is not None and v < low:
        rule = {0: ">= 0", 1: "a positive integer"}.get(low, f"an integer >= {low}")
        raise ValueError(f"{name} must be {rule}, got {v}{_clause(meaning)}")
    return v


def check_text(value: Any, name: str, *, allow_empty: bool = True) -> str:
    """Return ``value`` after checking that it is a string (a non-blank one unless ``allow_empty``).

    Examples
    --------
    >>> check_text("sigma", "xlabel")
    'sigma'
    >>> check_text("  ", "question", allow_empty=False)
    Traceback (most recent call last):
    ...
    TypeError: question must be a non-empty string, got '  ' (str).
    """
    if not isinstance(value, str) or not (allow_empty or value.strip()):
        want = "a string" if allow_empty else "a non-empty string"
        raise TypeError(f"{name} must be {want}, got {value!r} ({type(value).__name__}).")
    return value


# ---------------------------------------------------------------------------- filter parameters (SciPy's) ---

def per_axis(value: Any, n: int, name: str) -> tuple:
    """Expand a scalar to ``n`` copies, or check that a sequence has exactly ``n`` items.

    A sequence of the wrong length raises :class:`ScipyCompatibleError` (SciPy: ``RuntimeError``).

    Examples
    --------
    >>> per_axis(2.0, 3, "sigma")
    (2.0, 2.0, 2.0)
    >>> per_axis([1, 2], 3, "sigma")
    Traceback (most recent call last):
    ...
    gausslearn._validation.ScipyCompatibleError: sigma has 2 values but the array has 3 axes to filter; pass one value, or exactly 3 (one per axis).
    """
    if isinstance(value, str) or not isinstance(value, Sequence | np.ndarray):
        return (value,) * n
    items = tuple(value.tolist() if isinstance(value, np.ndarray) else value)
    if len(items) != n:
        raise ScipyCompatibleError(f"{name} has {len(items)} values but the array has {n} axes to filter; "
                                   f"pass one value, or exactly {n} (one per axis).")
    return items


def check_sigma(sigma: Any, n: int, *, name: str = "sigma") -> tuple[float, ...]:
    """Return one float sigma per axis, refusing negative, NaN and infinite values.

    SciPy's ``gaussian_filter`` silently skips an axis whose sigma is negative or NaN; the course refuses
    such a value instead, because a typo should not look like a result.

    Examples
    --------
    >>> check_sigma(1, 2)
    (1.0, 1.0)
    >>> check_sigma(-1.0, 2)
    Traceback (most recent call last):
    ...
    ValueError: sigma must be >= 0 and finite, got -1.0. A sigma is a length in pixels; 0 leaves an axis unfiltered. (scipy.ndimage.gaussian_filter silently ignores a negative or NaN sigma and returns the axis unfiltered.)
    """
    values = per_axis(sigma, n, name)
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise TypeError(f"{name} must be a number or a sequence of numbers, got {v!r} ({type(v).__name__}).")
        f = float(v)
        if not math.isfinite(f) or f < 0:
            raise ValueError(
                f"{name} must be >= 0 and finite, got {f!r}. A sigma is a length in pixels; 0 leaves an axis "
                "unfiltered. (scipy.ndimage.gaussian_filter silently ignores a negative or NaN sigma and "
                "returns the axis unfiltered.)")
        out.append(f)
    return tuple(out)


def check_scalar_sigma(sigma: Any) -> float:
    """Return one sigma for every axis, refusing a per-axis sequence (the explorers blur both axes alike).

    Examples
    --------
    >>> check_scalar_sigma(2)
    2.0
    >>> check_scalar_sigma([1.0, 2.0])
    Traceback (most recent call last):
    ...
    TypeError: sigma must be one number (pixels), got [1.0, 2.0]; the same sigma is used along both axes here.
    """
    if isinstance(sigma, bool) or not isinstance(sigma, numbers.Real):
        raise TypeError(f"sigma must be one number (pixels), got {sigma!r}; the same sigma is used along both "
                        "axes here.")
    return check_sigma(sigma, 1)[0]


def check_truncate(truncate: Any) -> float:
    """Return ``truncate`` as a float, refusing negative or non-finite values.

    Examples
    --------
    >>> check_truncate(4)
    4.0
    >>> check_truncate(-1)
    Traceback (most recent call last):
    ...
    ValueError: truncate must be >= 0 and finite, got -1.0; the kernel reaches truncate * sigma pixels (SciPy's default is 4.0, four sigmas).
    """
    return check_number(truncate, "truncate", low=0,
                        meaning="the kernel reaches truncate * sigma pixels (SciPy's default is 4.0, four sigmas)")


def check_order(order: Any) -> int:
    """Return a derivative order (0 smooths, 1 and 2 differentiate); SciPy's types and wording.

    Examples
    --------
    >>> check_order(-1)
    Traceback (most recent call last):
    ...
    ValueError: order must be non-negative, got -1; use 0 to smooth, 1 or 2 for derivatives.
    """
    if isinstance(order, bool) or not isinstance(order, numbers.Integral):
        raise TypeError(f"order must be an integer (0 = smoothing, 1 = first derivative, ...), got {order!r}.")
    if order < 0:
        raise ValueError(f"order must be non-negative, got {order}; use 0 to smooth, 1 or 2 for derivatives.")
    return int(order)


def check_radius(radius: Any) -> int | None:
    """Return a kernel radius, or None (then ``int(truncate * sigma + 0.5)`` applies); SciPy raises
    ``ValueError`` for anything but a non-negative integer, a float like ``2.0`` included.

    Examples
    --------
    >>> check_radius(None) is None, check_radius(3)
    (True, 3)
    >>> check_radius(2.0)
    Traceback (most recent call last):
    ...
    ValueError: Radius must be a nonnegative integer, got 2.0; pass None to use int(truncate * sigma + 0.5).
    """
    if radius is None:
        return None
    if isinstance(radius, bool) or not isinstance(radius, numbers.Integral) or radius < 0:
        raise ValueError(f"Radius must be a nonnegative integer, got {radius!r}; "
                         "pass None to use int(truncate * sigma + 0.5).")
    return int(radius)


def check_mode(mode: Any, n: int) -> tuple[str, ...]:
    """Return one border-mode name per axis; an unknown name raises :class:`ScipyCompatibleError`.

    Examples
    --------
    >>> check_mode("reflect", 2)
    ('reflect', 'reflect')
    >>> check_mode("symmetric", 1)
    Traceback (most recent call last):
    ...
    gausslearn._validation.ScipyCompatibleError: unknown border mode 'symmetric'. SciPy's modes are: reflect, mirror, nearest, constant, wrap, grid-constant, grid-mirror, grid-wrap. numpy.pad's 'symmetric' is SciPy's 'reflect'.
    """
    hints = {"symmetric": "numpy.pad's 'symmetric' is SciPy's 'reflect'.",
             "edge": "numpy.pad's 'edge' is SciPy's 'nearest'.",
             "reflect_101": "OpenCV's BORDER_REFLECT_101 is SciPy's 'mirror'.",
             "replicate": "OpenCV's BORDER_REPLICATE is SciPy's 'nearest'."}
    modes = per_axis(mode, n, "mode")
    for m in modes:
        if not isinstance(m, str) or m not in MODES:
            hint = hints.get(str(m).lower(), "")
            raise ScipyCompatibleError(f"unknown border mode {m!r}. SciPy's modes are: {', '.join(MODES)}." +
                                       (f" {hint}" if hint else ""))
    return tuple(modes)


def check_axis(axis: Any, ndim: int) -> int:
    """Return ``axis`` as a non-negative index; out of range raises ``numpy.exceptions.AxisError`` (as SciPy).

    Examples
    --------
    >>> check_axis(-1, 3)
    2
    >>> check_axis(2, 2)
    Traceback (most recent call last):
    ...
    numpy.exceptions.AxisError: axis 2 is out of range for an array with 2 dimension(s); use 0..1 or -2..-1.
    """
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"axis must be an integer, got {axis!r}.")
    if not -ndim <= axis < ndim:
        raise np.exceptions.AxisError(f"axis {axis} is out of range for an array with {ndim} dimension(s); "
                                      f"use 0..{ndim - 1} or -{ndim}..-1.")
    return int(axis) % ndim


def check_index(index: Any, length: int, name: str, what: str) -> int:
    """Return a non-negative index into ``length`` items (``None`` is the middle one); ``what`` names them.

    Examples
    --------
    >>> check_index(None, 5, "row", "rows"), check_index(4, 5, "row", "rows")
    (2, 4)
    >>> check_index(5, 5, "row", "rows")
    Traceback (most recent call last):
    ...
    ValueError: row 5 is outside the image, which has rows 0..4.
    """
    if index is None:
        return length // 2
    if isinstance(index, bool) or not isinstance(index, numbers.Integral):
        raise TypeError(f"{name} must be an integer index or None (the middle one), got {index!r}.")
    if not 0 <= index < length:
        raise ValueError(f"{name} {index} is outside the image, which has {what} 0..{length - 1}.")
    return int(index)


# ------------------------------------------------------------------------------------------------- random ---

def as_rng(rng: Any, *, name: str = "rng") -> np.random.Generator:
    """Return a ``numpy.random.Generator`` from a seed or a Generator; refuse ``None``.

    Noise must be reproducible in a course: the same notebook must print the same numbers on every run.

    Examples
    --------
    >>> as_rng(0).integers(10, size=3).tolist() == np.random.default_rng(0).integers(10, size=3).tolist()
    True
    >>> as_rng(None)
    Traceback (most recent call last):
    ...
    ValueError: rng is None; pass a seed (an int such as 0) or a numpy.random.Generator so the result is reproducible.
    """
    if rng is None:
        raise ValueError(f"{name} is None; pass a seed (an int such as 0) or a numpy.random.Generator "
                         "so the result is reproducible.")
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, bool) or not isinstance(rng, numbers.Integral):
        raise TypeError(f"{name} must be an int seed or a numpy.random.Generator, got {type(rng).__name__}.")
    return np.random.default_rng(int(rng))
