"""The Gaussian weight function and the sampled kernels built from it.

The continuous normal density :func:`gaussian` is sampled at the integers ``-radius .. radius`` with
``radius = int(truncate * sigma + 0.5)`` (:func:`kernel_radius`, SciPy's rule) and the samples are divided by
their sum (:func:`gaussian_kernel1d`). Dividing matters: at small sigma the unnormalised samples do not sum to
1 (:func:`sampled_sum`), and a kernel that does not sum to 1 brightens or darkens the image.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from gausslearn._validation import (
    check_int,
    check_number,
    check_order,
    check_radius,
    check_sigma,
    check_truncate,
    per_axis,
)

__all__ = [
    "box_kernel1d",
    "box_kernel2d",
    "frequency_response",
    "gaussian",
    "gaussian_frequency_response",
    "gaussian_kernel1d",
    "gaussian_kernel2d",
    "kernel_radius",
    "kernel_size_conventions",
    "sampled_sum",
    "sigma_in_pixels",
]


def _positive_sigma(sigma: Any) -> float:
    (s,) = check_sigma(sigma, 1)
    if s == 0:
        raise ValueError("sigma must be > 0 for a density (a Gaussian of width 0 is not a function); "
                         "pass a positive sigma such as 1.0.")
    return s


def gaussian(x: Any, sigma: float, mu: float = 0.0) -> np.ndarray | float:
    """The normal density ``exp(-(x - mu)**2 / (2 sigma**2)) / (sqrt(2 pi) sigma)``.

    Parameters
    ----------
    x : array_like
        Where to evaluate the density.
    sigma : float
        Standard deviation (> 0).
    mu : float
        Mean.

    Returns
    -------
    ndarray or float
        The density at ``x`` (a float for scalar ``x``).

    Examples
    --------
    >>> round(gaussian(0.0, 1.0), 6)
    0.398942
    >>> np.round(gaussian([-1, 0, 1], 2.0, mu=1.0), 4)
    array([0.121 , 0.176 , 0.1995])
    """
    s = _positive_sigma(sigma)
    xs = np.asarray(x, dtype=float)
    values = np.exp(-((xs - float(mu)) ** 2) / (2.0 * s * s)) / (math.sqrt(2.0 * math.pi) * s)
    return float(values) if values.ndim == 0 else values


def kernel_radius(sigma: float, truncate: float = 4.0) -> int:
    """SciPy's kernel radius ``int(truncate * sigma + 0.5)``.

    This rounds halves up, unlike Python's ``round`` (which rounds halves to even): sigma 1.125 with
    truncate 4 gives 4.5, so radius 5 here and in SciPy, but ``round(4.5) == 4``.

    Examples
    --------
    >>> kernel_radius(1.0), kernel_radius(1.125), kernel_radius(2.0, truncate=3.0)
    (4, 5, 6)
    """
    (s,) = check_sigma(sigma, 1)
    t = check_truncate(truncate)
    return int(t * s + 0.5)


def _hermite_coefficients(order: int, sigma2: float) -> np.ndarray:
    """Coefficients ``c`` of the polynomial ``q`` with ``d^order/dx^order exp(-x^2/2s^2) = q(x) exp(...)``.

    Uses ``q_{k+1}(x) = q_k'(x) - x q_k(x) / s^2`` starting from ``q_0 = 1``; ``c[j]`` multiplies ``x**j``.
    """
    coef = np.zeros(order + 1)
    coef[0] = 1.0
    for _ in range(order):
        new = np.zeros(order + 1)
        new[:-1] += coef[1:] * np.arange(1, order + 1)  # derivative of the polynomial
        new[1:] += coef[:-1] * (-1.0 / sigma2)           # times p'(x) = -x / s^2
        coef = new
    return coef


def gaussian_kernel1d(sigma: float, truncate: float = 4.0, radius: int | None = None, order: int = 0) -> np.ndarray:
    """Sampled Gaussian kernel (or derivative), exactly the weights SciPy's ``gaussian_filter1d`` correlates with.

    Order 0: ``exp(-x**2 / (2 sigma**2))`` at ``x = -radius .. radius``, divided by its sum. Order ``k > 0``:
    the ``k``-th derivative of that *normalised* kernel (it is not renormalised), then flipped, because
    SciPy correlates (a convolution flips the kernel): ``correlate1d(x, gaussian_kernel1d(s, order=k))`` equals
    ``scipy.ndimage.gaussian_filter1d(x, s, order=k)``. For order 1 the flip changes the sign: the weights
    increase from left to right, so a rising edge gives a positive response.

    Parameters
    ----------
    sigma : float
        Standard deviation in pixels (>= 0). Sigma 0 gives the identity kernel (order 0 only).
    truncate : float
        Radius in sigmas when ``radius`` is None.
    radius : int, optional
        Kernel radius; the kernel has ``2 * radius + 1`` taps. Overrides ``truncate``.
    order : int
        Derivative order (0, 1, 2, ...).

    Examples
    --------
    >>> np.round(gaussian_kernel1d(1.0, radius=2), 4)
    array([0.0545, 0.2442, 0.4026, 0.2442, 0.0545])
    >>> gaussian_kernel1d(1.0).size, float(gaussian_kernel1d(1.0).sum())
    (9, 1.0)
    >>> np.round(gaussian_kernel1d(1.0, radius=1, order=1), 4)
    array([-0.2741,  0.    ,  0.2741])
    """
    (s,) = check_sigma(sigma, 1)
    order = check_order(order)
    r = check_radius(radius)
    if r is None:
        r = kernel_radius(s, truncate)
    if s == 0:
        if order:
            raise ValueError("a derivative of a Gaussian needs sigma > 0; pass a positive sigma.")
        kernel = np.zeros(2 * r + 1)
        kernel[r] = 1.0
        return kernel
    sigma2 = s * s
    x = np.arange(-r, r + 1)
    phi = np.exp(-0.5 / sigma2 * x ** 2)
    phi = phi / phi.sum()
    if order == 0:
        return phi
    powers = x[:, None] ** np.arange(order + 1)
    derivative = powers.dot(_hermite_coefficients(order, sigma2)) * phi
    return derivative[::-1]


def gaussian_kernel2d(sigma: Any, truncate: float = 4.0, radius: Any = None) -> np.ndarray:
    """Two-dimensional Gaussian kernel: the outer product of two :func:`gaussian_kernel1d` kernels.

    Parameters
    ----------
    sigma : float or (float, float)
        Standard deviation for both axes, or ``(sigma_rows, sigma_cols)``.
    truncate : float
        Radius in sigmas when ``radius`` is None.
    radius : int or (int, int), optional
        Kernel radius per axis; overrides ``truncate``.

    Returns
    -------
    ndarray
        Shape ``(2 * r0 + 1, 2 * r1 + 1)``, summing to 1.

    Examples
    --------
    >>> k = gaussian_kernel2d(1.0, radius=1)
    >>> k.shape, round(float(k.sum()), 12)
    ((3, 3), 1.0)
    >>> gaussian_kernel2d((1.0, 2.0)).shape
    (9, 17)
    """
    sigmas = check_sigma(sigma, 2)
    radii = per_axis(radius, 2, "radius")
    k0 = gaussian_kernel1d(sigmas[0], truncate, radii[0])
    k1 = gaussian_kernel1d(sigmas[1], truncate, radii[1])
    return np.outer(k0, k1)


def sampled_sum(sigma: float, truncate: float = 4.0) -> float:
    """Sum of the *unnormalised* density samples ``gaussian(x, sigma)`` at ``x = -radius .. radius``.

    The integral of the density is 1, but a sum of samples is not: at sigma below about 0.5 the samples are
    too coarse (the sum is above 1), and a small ``truncate`` cuts off tail mass (the sum is below 1).
    This is why the sampled kernel is divided by its sum.

    Examples
    --------
    >>> round(sampled_sum(0.3), 3), round(sampled_sum(2.0), 6), round(sampled_sum(2.0, truncate=1.0), 3)
    (1.34, 0.999982, 0.794)
    """
    s = _positive_sigma(sigma)
    r = kernel_radius(s, truncate)
    return float(np.sum(gaussian(np.arange(-r, r + 1), s)))


_TAPS = "it is the number of taps"


def box_kernel1d(size: int) -> np.ndarray:
    """A box (moving average) kernel: ``size`` equal weights summing to 1.

    Examples
    --------
    >>> box_kernel1d(4)
    array([0.25, 0.25, 0.25, 0.25])
    """
    n = check_int(size, "size", low=1, meaning=_TAPS)
    return np.full(n, 1.0 / n)


def box_kernel2d(size: Any) -> np.ndarray:
    """A 2-D box kernel of ``size`` x ``size`` (or ``(rows, cols)``) equal weights summing to 1.

    Examples
    --------
    >>> box_kernel2d(2)
    array([[0.25, 0.25],
           [0.25, 0.25]])
    >>> box_kernel2d((1, 3)).shape
    (1, 3)
    """
    rows, cols = (check_int(v, "size", low=1, meaning=_TAPS) for v in per_axis(size, 2, "size"))
    return np.full((rows, cols), 1.0 / (rows * cols))


def kernel_size_conventions(sigma: float, truncate: float = 4.0) -> dict[str, dict]:
    """How large the Gaussian kernel is in SciPy, scikit-image and OpenCV for the same sigma.

    Returns
    -------
    dict
        Keys ``"scipy"``, ``"skimage"``, ``"opencv (float)"``, ``"opencv (uint8)"``; each value a dict with
        ``radius``, ``size`` (``2 * radius + 1``) and ``rule`` (how the size is computed).
        ``skimage.filters.gaussian`` calls SciPy with ``truncate=4`` by default, so its numbers equal SciPy's
        for the default truncate. OpenCV's ``getGaussianKernel`` with ``ksize=0`` derives the size from sigma:
        ``round(sigma * 4 * 2 + 1) | 1`` for float images and ``round(sigma * 3 * 2 + 1) | 1`` for 8-bit ones
        (``| 1`` makes it odd); OpenCV ignores ``truncate``.

    Examples
    --------
    >>> conv = kernel_size_conventions(1.0)
    >>> [(k, v["size"]) for k, v in conv.items()]
    [('scipy', 9), ('skimage', 9), ('opencv (float)', 9), ('opencv (uint8)', 7)]
    >>> kernel_size_conventions(1.125)["scipy"]["radius"]
    5
    """
    (s,) = check_sigma(sigma, 1)
    t = check_truncate(truncate)
    r = kernel_radius(s, t)
    size_float = int(round(s * 4 * 2 + 1)) | 1
    size_uint8 = int(round(s * 3 * 2 + 1)) | 1
    return {
        "scipy": {"radius": r, "size": 2 * r + 1, "rule": f"radius = int(truncate * sigma + 0.5), truncate={t:g}"},
        "skimage": {"radius": r, "size": 2 * r + 1,
                    "rule": f"calls scipy.ndimage.gaussian_filter: radius = int(truncate * sigma + 0.5), "
                            f"truncate={t:g}"},
        "opencv (float)": {"radius": (size_float - 1) // 2, "size": size_float,
                           "rule": "ksize = round(sigma * 4 * 2 + 1) | 1 (float images, truncate ignored)"},
        "opencv (uint8)": {"radius": (size_uint8 - 1) // 2, "size": size_uint8,
                           "rule": "ksize = round(sigma * 3 * 2 + 1) | 1 (8-bit images, truncate ignored)"},
    }


def frequency_response(weights: Any, n: int = 512, *, signed: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The response of a 1-D kernel at ``n`` frequencies: its gain ``|H(f)|``, or ``H(f)`` with its sign.

    Parameters
    ----------
    weights : array_like
        1-D kernel.
    n : int
        Number of frequencies, evenly spaced from 0 to 0.5 cycles per pixel (both included).
    signed : bool
        Return the real response of the kernel centred on its middle tap,
        ``H(f) = sum_k weights[k] cos(2 pi f (k - c))`` with ``c = (len(weights) - 1) / 2``, instead of its
        magnitude. Only a symmetric kernel (``weights == weights[::-1]``) has a real response; where it is
        negative the filter inverts a pattern of that frequency, which the magnitude hides.

    Returns
    -------
    freqs, response : ndarray
        ``response[i] = |sum_k weights[k] exp(-2 pi i freqs[i] k)|`` (or the signed ``H`` above). For a
        kernel summing to 1 it is 1 at frequency 0; the kernel's position does not change the magnitude.

    Examples
    --------
    >>> f, m = frequency_response([0.25, 0.5, 0.25], n=3)
    >>> f, np.round(m, 6)
    (array([0.  , 0.25, 0.5 ]), array([1. , 0.5, 0. ]))
    >>> f, h = frequency_response(np.full(3, 1 / 3), n=3, signed=True)    # a box of 3 inverts f = 0.5
    >>> np.round(h, 6)
    array([ 1.      ,  0.333333, -0.333333])
    """
    w = np.asarray(weights)
    if w.dtype.kind not in "biufc" or w.ndim != 1 or w.size == 0:
        raise ValueError(f"weights must be a non-empty 1-D array of numbers, got shape {w.shape} and dtype "
                         f"{w.dtype}; pass e.g. gaussian_kernel1d(sigma).")
    count = check_int(n, "n", low=2, meaning="it is the number of frequencies")
    if not isinstance(signed, bool):
        raise TypeError(f"signed must be True or False, got {signed!r}.")
    freqs = np.linspace(0.0, 0.5, count)
    taps = np.arange(w.size)
    if signed:
        if w.dtype.kind == "c" or not np.allclose(w, w[::-1], rtol=0.0, atol=1e-12 * float(np.abs(w).max())):
            raise ValueError("signed=True needs a real, symmetric kernel (weights == weights[::-1]): only then is "
                             "the response of the centred kernel real. Use the magnitude (signed=False) otherwise.")
        centre = (w.size - 1) / 2.0
        return freqs, np.cos(2.0 * np.pi * np.outer(freqs, taps - centre)) @ w.astype(np.float64)
    response = np.exp(-2j * np.pi * np.outer(freqs, taps)) @ w.astype(complex)
    return freqs, np.abs(response)


def gaussian_frequency_response(sigma: float, freqs: Any) -> np.ndarray:
    """Frequency response of the continuous Gaussian: ``exp(-2 pi**2 sigma**2 f**2)`` (f in cycles/pixel).

    A sampled kernel with sigma above about 1 follows it closely below 0.5 cycles per pixel.

    Examples
    --------
    >>> np.round(gaussian_frequency_response(1.0, [0.0, 0.1, 0.5]), 4)
    array([1.    , 0.8209, 0.0072])
    """
    (s,) = check_sigma(sigma, 1)
    f = np.asarray(freqs, dtype=float)
    return np.exp(-2.0 * np.pi ** 2 * s ** 2 * f ** 2)


def sigma_in_pixels(sigma: Any, spacing: Any) -> tuple[float, ...]:
    """Convert a physical sigma (micrometres, millimetres, ...) into one sigma in pixels per axis.

    SciPy's ``sigma`` counts pixels along each axis. When the pixels are not squares (or the voxels not cubes),
    the same physical blur needs a different number of pixels along each axis:
    ``sigma_pixels[axis] = sigma[axis] / spacing[axis]``.

    Parameters
    ----------
    sigma : float or sequence of float
        The blur in physical units (>= 0), one value for every axis or one per axis.
    spacing : float or sequence of float
        The size of one pixel along each axis, in the same unit, in axis order (for a 3-D stack usually
        ``(z, y, x)``: the slice distance first). Every entry > 0. A single number means square pixels (2-D).

    Returns
    -------
    tuple of float
        One sigma in pixels per axis, ready for ``scipy.ndimage.gaussian_filter(image, sigma=...)``.

    Examples
    --------
    >>> sigma_in_pixels(1.0, (1.0, 0.2, 0.2))        # 1 um blur, 1 um slices, 0.2 um pixels
    (1.0, 5.0, 5.0)
    >>> sigma_in_pixels(0.5, 0.25)                    # square pixels of 0.25 mm, a 0.5 mm blur
    (2.0, 2.0)
    >>> sigma_in_pixels(1.0, (1.0, 0.0))
    Traceback (most recent call last):
    ...
    ValueError: spacing[1] must be > 0 and finite, got 0.0; it is the size of one pixel along that axis, in the unit of sigma.
    """
    if isinstance(spacing, numbers.Real) and not isinstance(spacing, bool):
        spacing = (spacing, spacing)
    if isinstance(spacing, (str, bytes)) or not isinstance(spacing, (Sequence, np.ndarray)):
        raise TypeError(f"spacing must be a number or a sequence of numbers (one per axis), got {spacing!r}.")
    steps = tuple(check_number(v, f"spacing[{i}]", low=0, open_low=True,
                               meaning="it is the size of one pixel along that axis, in the unit of sigma")
                  for i, v in enumerate(spacing))
    if not steps:
        raise ValueError("spacing is empty; pass one pixel size per axis, e.g. (1.0, 0.2, 0.2).")
    physical = check_sigma(sigma, len(steps))
    return tuple(s / d for s, d in zip(physical, steps, strict=True))
