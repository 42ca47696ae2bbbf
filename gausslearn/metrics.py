"""Image quality measures: MSE, PSNR, SSIM, edge width, and SURE for choosing a Gaussian's sigma.

``mse`` and ``psnr`` are written out here (they agree with ``skimage.metrics``); ``ssim`` calls
scikit-image. All of them compute in ``float64``, so ``uint8`` inputs cannot wrap around: with uint8
arithmetic, ``10 - 20`` would be 246, not -10.

Choosing sigma. :func:`best_sigma` is the *oracle*: it needs the clean image, which a real photograph never
comes with. :func:`sure_risk` estimates the same error from the noisy image alone (Stein's unbiased risk
estimate, which needs only the noise level), and :func:`sure_sigma` picks the sigma it says is best.

The noise level itself can be estimated from the noisy image: :func:`noise_std_mad` from the median absolute
deviation of a high-pass residual, :func:`noise_std_flat` from the flattest patches.
"""

from __future__ import annotations

import math
import numbers
import statistics
from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy import ndimage

from ._validation import (
    as_gray_image,
    as_image,
    check_axis,
    check_finite,
    check_int,
    check_mode,
    check_number,
    check_sigma,
)
from .dtypes import dtype_range

__all__ = ["SECOND_DIFFERENCE", "best_sigma", "edge_width", "mse", "noise_std_flat", "noise_std_mad", "psnr", "ssim",
           "sure_risk", "sure_sigma"]

# scipy.ndimage.gaussian_filter skips an axis whose sigma is at most this (it leaves it unfiltered).
_SIGMA_SKIP = 1e-15
# The window of skimage.metrics.structural_similarity (its default win_size).
_SSIM_WINDOW = 7
# What an argument is, for the error messages.
_DATA_RANGE = "it is the span of possible values, e.g. 1.0 or 255"
_LEVEL = "it is a fraction of the edge's range (0.1 and 0.9 are usual)"
_NOISE_STD = "it is the standard deviation of the noise, in the units of the image"


def mse(a: Any, b: Any) -> float:
    """Mean squared error between two images of the same shape, computed in float64.

    Parameters
    ----------
    a, b : array_like
        Real arrays of the same shape. The values are compared as they are (no rescaling): convert both to
        the same scale first (for example with :func:`gausslearn.dtypes.to_float`).

    Returns
    -------
    float
        ``mean((a - b) ** 2)``.

    Examples
    --------
    >>> mse(np.array([0.0, 0.5, 1.0]), np.array([0.0, 0.5, 0.7]))
    0.03
    >>> a = np.array([10], dtype=np.uint8); b = np.array([20], dtype=np.uint8)
    >>> mse(a, b)                     # not (246 ** 2): no uint8 wrap-around
    100.0
    >>> mse(np.zeros((2, 2)), np.zeros((2, 3)))
    Traceback (most recent call last):
    ...
    ValueError: the two images have different shapes, (2, 2) and (2, 3); compare images of the same shape (crop or resize one of them first).
    """
    x, y = _pair(a, b, "a", "b")
    return _mse64(x.astype(np.float64), y.astype(np.float64))


def psnr(reference: Any, test: Any, data_range: float | None = None) -> float:
    """Peak signal-to-noise ratio in decibels: ``10 * log10(data_range**2 / mse(reference, test))``.

    Parameters
    ----------
    reference : array_like
        The clean image.
    test : array_like
        The image to judge (noisy or filtered), same shape.
    data_range : float, optional
        The span of possible values (the "peak"). When omitted it is taken from the reference's dtype:
        the dtype's maximum for unsigned integers (255 for ``uint8``; for signed integers the maximum, or
        max - min when the reference has negative values, as scikit-image does), 1 for ``bool``, and 1.0
        for floats, which assumes a [0, 1] image. 64-bit integers (what ``np.array([0, 255])`` gives) have no
        default and need ``data_range``. A float reference with values outside [0, 1] is refused
        without an explicit ``data_range``: pass ``data_range=255`` for a float image on the 0..255 scale,
        or the range of your quantity (for example ``reference.max() - reference.min()``).
        The two images must then have the same dtype, or both be floats: a ``uint8`` and a float image are
        on different scales.

    Returns
    -------
    float
        PSNR in dB; ``inf`` for identical images. Higher is better; each +6 dB halves the RMS error.

    Examples
    --------
    >>> ref = np.array([[0.0, 1.0], [0.5, 0.5]])
    >>> round(psnr(ref, ref + 0.1), 6)                       # error 0.1 on [0, 1]: 20 dB
    20.0
    >>> psnr(ref, ref)
    inf
    >>> u = np.array([[0, 100], [200, 50]], dtype=np.uint8)
    >>> round(psnr(u, u + np.uint8(1)), 2)                   # data_range 255 from the dtype
    48.13
    >>> psnr(u, ref)
    Traceback (most recent call last):
    ...
    ValueError: reference has dtype uint8 (values 0..255) but test has dtype float64 (values 0.0..1.0); convert both with gausslearn.dtypes.to_float, or pass data_range explicitly if both are on the same scale.
    """
    x, y = _pair(reference, test, "reference", "test")
    dr = _data_range(x, y, data_range)
    err = _mse64(x.astype(np.float64), y.astype(np.float64))
    if err == 0.0:
        return math.inf
    return float(10.0 * np.log10(dr * dr / err))


def ssim(reference: Any, test: Any, data_range: float | None = None, channel_axis: int | None = None) -> float:
    """Mean structural similarity index (SSIM) of two images, via ``skimage.metrics.structural_similarity``.

    SSIM compares local means, contrasts and correlations in 7x7 windows (scikit-image's defaults: uniform
    window, K1=0.01, K2=0.03) and averages over the image: 1 for identical images, lower for worse.

    Parameters
    ----------
    reference, test : array_like
        Images of the same shape; every spatial axis needs at least 7 pixels.
    data_range : float, optional
        As in :func:`psnr` (same default rule). It is always passed to scikit-image explicitly, because
        scikit-image refuses to guess it for float images.
    channel_axis : int, optional
        The colour axis of a colour image (``-1`` for H x W x 3); SSIM is then computed per channel and
        averaged. ``None`` treats every axis as spatial.

    Returns
    -------
    float

    Examples
    --------
    >>> yy, xx = np.mgrid[:32, :32]
    >>> ref = (np.sin(xx / 3.0) * np.cos(yy / 4.0) + 1) / 2
    >>> ssim(ref, ref)
    1.0
    >>> 0.0 < ssim(ref, np.clip(ref + 0.2 * np.cos(xx), 0, 1)) < 1.0
    True
    >>> ssim(np.zeros((16, 16, 3)), np.zeros((16, 16, 3)))
    Traceback (most recent call last):
    ...
    ValueError: ssim compares 7x7 windows, so every spatial axis needs at least 7 pixels; got shape (16, 16, 3). For a colour image pass channel_axis=-1.
    """
    from skimage.metrics import structural_similarity

    x, y = _pair(reference, test, "reference", "test")
    dr = _data_range(x, y, data_range)
    spatial = list(range(x.ndim))
    if channel_axis is not None:
        if x.ndim < 2:
            raise ValueError(f"channel_axis={channel_axis} needs an image with a colour axis, got shape {x.shape}.")
        channel_axis = check_axis(channel_axis, x.ndim)
        spatial.remove(channel_axis)
    if any(x.shape[ax] < _SSIM_WINDOW for ax in spatial):
        hint = (" For a colour image pass channel_axis=-1."
                if channel_axis is None and x.ndim == 3 and x.shape[-1] in (3, 4) else "")
        raise ValueError(f"ssim compares {_SSIM_WINDOW}x{_SSIM_WINDOW} windows, so every spatial axis needs at "
                         f"least {_SSIM_WINDOW} pixels; got shape {x.shape}.{hint}")
    value = structural_similarity(x.astype(np.float64), y.astype(np.float64), data_range=dr,
                                  channel_axis=channel_axis)
    return float(value)


def edge_width(profile: Any, low: float = 0.1, high: float = 0.9) -> float:
    """Distance in pixels over which a step profile climbs from ``low`` to ``high`` of its range (10-90 %).

    The profile is scaled to [0, 1] by its minimum and maximum (for a falling edge, flipped so that it
    rises). The first sample at or above each level is found and the crossing is placed by linear
    interpolation with the sample before it. For a noisy, non-monotone profile the *first* crossings count.

    Parameters
    ----------
    profile : array_like, 1-D
        Values along a line across the edge (at least 2), rising or falling from one end to the other.
    low, high : float
        The two levels, as fractions of the range, ``0 < low < high < 1``.

    Returns
    -------
    float
        The 10-90 % width in pixels. For an ideal step blurred by a Gaussian of standard deviation sigma it
        is ``2 * 1.2816 * sigma = 2.563 * sigma`` (plus about 0.1 pixel from the linear interpolation between
        samples of the curved profile); a sharp pixel step gives 0.8.

    Examples
    --------
    >>> edge_width([0, 0, 0, 1, 1, 1])
    0.8
    >>> round(edge_width([1.0, 1.0, 0.75, 0.25, 0.0, 0.0]), 6)      # falling: 1.4 -> 3.6
    2.2
    >>> edge_width([0.3, 0.3, 0.3])
    Traceback (most recent call last):
    ...
    ValueError: profile is flat (every value is 0.3); an edge width needs a profile that rises or falls, e.g. a row across a step edge.
    """
    arr = as_image(profile, name="profile", ndim=1, allow_complex=False)
    if arr.size < 2:
        raise ValueError(f"profile has {arr.size} value; pass at least 2 values along a line across the edge.")
    p = check_finite(arr.astype(np.float64), "profile", "pass finite values")
    lo_level = check_number(low, "low", low=0, high=1, open_low=True, open_high=True, meaning=_LEVEL)
    hi_level = check_number(high, "high", low=0, high=1, open_low=True, open_high=True, meaning=_LEVEL)
    if not lo_level < hi_level:
        raise ValueError(f"low must be smaller than high, got low={lo_level!r} and high={hi_level!r} "
                         "(the usual pair is 0.1 and 0.9).")
    pmin, pmax = float(p.min()), float(p.max())
    if pmin == pmax:
        raise ValueError(f"profile is flat (every value is {pmin!r}); an edge width needs a profile that rises "
                         "or falls, e.g. a row across a step edge.")
    if p[-1] > p[0]:
        t = (p - pmin) / (pmax - pmin)
    elif p[-1] < p[0]:
        t = (pmax - p) / (pmax - pmin)
    else:
        raise ValueError(f"profile starts and ends at the same value ({float(p[0])!r}), so it is not a step: it "
                         "has no rising or falling direction. Pass a line that crosses the edge once.")
    return _first_crossing(t, hi_level) - _first_crossing(t, lo_level)


def sure_risk(noisy: Any, noise_std: float, sigma: Any, mode: str | tuple[str, ...] = "reflect") -> float:
    """Estimate the per-pixel MSE of ``gaussian_filter(noisy, sigma)`` against the unknown clean image.

    For ``y = x + n`` with independent Gaussian noise ``n`` of standard deviation ``s`` and a linear filter
    ``A`` (here ``scipy.ndimage.gaussian_filter`` with the given sigma and mode), Stein's unbiased risk
    estimate is::

        SURE = mean((y - A y) ** 2) - s**2 + 2 * s**2 * trace(A) / N

    whose expectation equals ``mean((A y - x) ** 2)`` exactly. The first term alone (how much the filter
    changed the image) always prefers more blur; the trace term is the price of keeping noise.

    ``trace(A) / N`` is computed exactly: the filter is separable, so it is the product over axes of the
    mean diagonal of each 1-D operator. Inside the image the diagonal is the kernel's centre weight; within
    a radius of the border the mode folds other weights onto it (for ``reflect`` the sample next to the
    border is its own mirror image), so those diagonal entries are measured by filtering unit vectors.

    Parameters
    ----------
    noisy : array_like
        The noisy image (values as they are, converted to float64).
    noise_std : float
        Standard deviation of the noise, in the units of ``noisy``; >= 0.
    sigma : float or sequence of float
        The Gaussian's sigma, scalar or one per axis (use ``(s, s, 0)`` for an H x W x 3 colour image).
    mode : str or sequence of str
        SciPy border mode(s), as in ``gaussian_filter`` (``cval`` is 0, which does not affect the estimate).

    Returns
    -------
    float
        Estimated mean squared error per pixel (it can come out slightly negative when the true error is
        tiny, being an estimate).

    Examples
    --------
    >>> from gausslearn.images import sample
    >>> from gausslearn.noise import gaussian_noise
    >>> from scipy.ndimage import gaussian_filter
    >>> clean = sample("camera")
    >>> noisy = gaussian_noise(clean, 0.1, rng=0)
    >>> true_mse = mse(clean, gaussian_filter(noisy, 1.0))
    >>> abs(sure_risk(noisy, 0.1, 1.0) - true_mse) / true_mse < 0.03
    True
    """
    y = _real_image(noisy, "noisy")
    s = check_number(noise_std, "noise_std", low=0, meaning=_NOISE_STD)
    sigmas = check_sigma(sigma, y.ndim)
    modes = check_mode(mode, y.ndim)
    return _sure(y, s, sigmas, modes)


def best_sigma(clean: Any, noisy: Any, sigmas: Iterable[Any], mode: str | tuple[str, ...] = "reflect", *,
               data_range: float | None = None) -> tuple[float | tuple[float, ...], float]:
    """The oracle: the sigma whose ``gaussian_filter(noisy, sigma)`` has the highest PSNR against ``clean``.

    Only possible when the clean image is known (a simulation); compare with :func:`sure_sigma`.

    Parameters
    ----------
    clean, noisy : array_like
        Images of the same shape; ``noisy`` is filtered in float64.
    sigmas : iterable
        The candidate sigmas (scalars, or per-axis sequences). Ties go to the first.
    mode : str or sequence of str
        SciPy border mode(s).
    data_range : float, optional
        As in :func:`psnr`, from ``clean``'s dtype by default.

    Returns
    -------
    (sigma, psnr) : tuple
        The best sigma (a float, or a tuple of floats when given per axis) and its PSNR in dB.

    Examples
    --------
    >>> from gausslearn.images import sample
    >>> from gausslearn.noise import gaussian_noise
    >>> clean = sample("camera")
    >>> noisy = gaussian_noise(clean, 0.1, rng=0)
    >>> sigma, db = best_sigma(clean, noisy, [0.5, 1.0, 1.5, 2.0])
    >>> sigma, round(db, 1)
    (1.0, 27.2)
    """
    x, y = _pair(clean, noisy, "clean", "noisy")
    dr = _data_range(x, x, data_range)
    candidates = _check_sigmas(sigmas, x.ndim)
    modes = check_mode(mode, x.ndim)
    x64, y64 = x.astype(np.float64), y.astype(np.float64)
    best: tuple[Any, float] | None = None
    for given, per_axis_sigma in candidates:
        err = _mse64(x64, ndimage.gaussian_filter(y64, per_axis_sigma, mode=modes))
        db = math.inf if err == 0.0 else float(10.0 * np.log10(dr * dr / err))
        if best is None or db > best[1]:
            best = (given, db)
    assert best is not None
    return best


def sure_sigma(noisy: Any, noise_std: float, sigmas: Iterable[Any],
               mode: str | tuple[str, ...] = "reflect") -> tuple[float | tuple[float, ...], float]:
    """Pick the sigma with the smallest :func:`sure_risk`: the oracle's choice without the clean image.

    Parameters
    ----------
    noisy : array_like
        The noisy image.
    noise_std : float
        Standard deviation of the noise, in the units of ``noisy`` (estimate it from a flat region if unknown).
    sigmas : iterable
        The candidate sigmas (scalars, or per-axis sequences). Ties go to the first.
    mode : str or sequence of str
        SciPy border mode(s).

    Returns
    -------
    (sigma, risk) : tuple
        The chosen sigma and its estimated per-pixel MSE.

    Examples
    --------
    >>> from gausslearn.images import sample
    >>> from gausslearn.noise import gaussian_noise
    >>> noisy = gaussian_noise(sample("camera"), 0.1, rng=0)
    >>> sigma, risk = sure_sigma(noisy, 0.1, [0.5, 1.0, 1.5, 2.0])
    >>> sigma, round(float(10 * np.log10(1 / risk)), 1)    # the oracle also picks 1.0 (27.2 dB)
    (1.0, 27.2)
    """
    y = _real_image(noisy, "noisy")
    s = check_number(noise_std, "noise_std", low=0, meaning=_NOISE_STD)
    candidates = _check_sigmas(sigmas, y.ndim)
    modes = check_mode(mode, y.ndim)
    best: tuple[Any, float] | None = None
    for given, per_axis_sigma in candidates:
        risk = _sure(y, s, per_axis_sigma, modes)
        if best is None or risk < best[1]:
            best = (given, risk)
    assert best is not None
    return best


# ----------------------------------------------------------------------------- the noise level, estimated

#: The high-pass kernel of :func:`noise_std_mad`: the second difference along the rows times the second
#: difference along the columns, ``outer([1, -2, 1], [1, -2, 1])``. It sums to 0 and cancels every image that is
#: constant or a straight ramp along either axis, so on smooth regions only the noise is left.
SECOND_DIFFERENCE = np.outer([1.0, -2.0, 1.0], [1.0, -2.0, 1.0])
# The median of |z| for a standard normal z: the MAD of a normal sample is this many standard deviations.
_MAD_PER_STD = statistics.NormalDist().inv_cdf(0.75)


def noise_std_mad(image: Any, kernel: Any = None) -> float:
    """Estimate the standard deviation of white Gaussian noise from the noisy image alone.

    The image is filtered with a high-pass ``kernel`` (weights summing to 0), which removes the smooth part of
    the picture and keeps the noise. Only the pixels whose window lies inside the image are used (no border
    mode). The noise part of the residual has standard deviation ``s * sqrt(sum(kernel ** 2))`` (a weighted
    sum of independent noise values, notebook 02), so the estimate is::

        median(|r - median(r)|) / 0.6745 / sqrt(sum(kernel ** 2))

    The median absolute deviation (MAD) divided by 0.6745 is the standard deviation of normal data, and
    unlike the standard deviation it ignores the few large residuals that edges and texture leave behind.

    Parameters
    ----------
    image : array_like, 2-D
        The noisy grey image (converted to float64), at least as large as the kernel.
    kernel : array_like, 2-D, optional
        The high-pass weights; they must sum to 0 (within 1e-9 of their largest magnitude). Default
        :data:`SECOND_DIFFERENCE`. Another choice is the image minus its blur: ``delta - gaussian_kernel2d(s)``.

    Returns
    -------
    float
        The estimated noise standard deviation, in the units of ``image``. Textured images, whose fine detail
        survives the high-pass, give an estimate that is too high.

    Examples
    --------
    >>> from gausslearn.images import sample
    >>> from gausslearn.noise import gaussian_noise
    >>> round(noise_std_mad(gaussian_noise(sample("moon"), 0.1, rng=0)), 3)
    0.1
    >>> noise_std_mad(np.ones((8, 8)), kernel=np.ones((3, 3)))
    Traceback (most recent call last):
    ...
    ValueError: kernel must sum to 0 (a high-pass filter that removes the picture's smooth part), but its weights sum to 9; subtract a blur kernel from a delta, e.g. delta - gaussian_kernel2d(1.0).
    """
    y = check_finite(as_gray_image(image).astype(np.float64), "image", "the noise level needs finite values")
    k = SECOND_DIFFERENCE if kernel is None else as_image(kernel, name="kernel", ndim=2, allow_complex=False,
                                                          allow_bool=False).astype(np.float64)
    check_finite(k, "kernel", "the weights must be finite")
    scale = float(np.abs(k).max())
    if scale == 0.0:
        raise ValueError("kernel is all zeros; pass high-pass weights such as SECOND_DIFFERENCE.")
    if abs(float(k.sum())) > 1e-9 * scale:
        raise ValueError(f"kernel must sum to 0 (a high-pass filter that removes the picture's smooth part), but its "
                         f"weights sum to {float(k.sum()):.6g}; subtract a blur kernel from a delta, e.g. "
                         "delta - gaussian_kernel2d(1.0).")
    if y.shape[0] < k.shape[0] or y.shape[1] < k.shape[1]:
        raise ValueError(f"image {y.shape} is smaller than the kernel {k.shape}; the residual is only computed where "
                         "the kernel fits inside the image.")
    residual = _valid_correlation(y, k)
    mad = float(np.median(np.abs(residual - np.median(residual))))
    return mad / _MAD_PER_STD / float(np.sqrt(np.sum(k * k)))


def noise_std_flat(image: Any, patch: int = 8, fraction: float = 0.1, *, calibrated: bool = True) -> float:
    """Estimate the noise standard deviation from the flattest patches of the noisy image.

    The image is cut into ``patch`` x ``patch`` tiles (a remainder at the right and bottom is left out) and the
    standard deviation of every tile is computed (``ddof=1``). On a flat tile that is the noise alone, so the
    ``fraction`` quantile of the tile values (the flattest 10 % by default) estimates the noise level.

    That raw value is too *low*: with 64 noisy pixels per tile, a tile's standard deviation scatters around
    the true value by about 9 %, and the flattest tiles are partly those whose noise happened to come out
    low. ``calibrated=True`` divides by the same quantile for tiles of pure noise of standard deviation 1
    (``sqrt(chi2.ppf(fraction, m - 1) / (m - 1))`` with ``m = patch ** 2``), which removes that bias when
    enough tiles are flat. On a textured image without flat tiles every tile holds picture too, and the
    estimate is too high either way.

    Parameters
    ----------
    image : array_like, 2-D
        The noisy grey image (converted to float64); at least one tile must fit.
    patch : int
        Tile side in pixels (>= 2).
    fraction : float
        Quantile of the tile standard deviations, ``0 < fraction <= 1``.
    calibrated : bool
        Divide by the quantile of pure noise (see above).

    Returns
    -------
    float

    Examples
    --------
    >>> from gausslearn.noise import gaussian_noise
    >>> flat = gaussian_noise(np.full((256, 256), 0.5), 0.1, rng=0)
    >>> round(noise_std_flat(flat, calibrated=False), 3), round(noise_std_flat(flat), 3)
    (0.088, 0.1)
    """
    from scipy.stats import chi2

    y = check_finite(as_gray_image(image).astype(np.float64), "image", "the noise level needs finite values")
    p = check_int(patch, "patch", low=2, meaning="it is the side of a tile in pixels; a standard deviation needs "
                                                 "at least 2 pixels")
    q = check_number(fraction, "fraction", low=0, high=1, open_low=True,
                     meaning="it is the quantile of the tile standard deviations, e.g. 0.1 for the flattest 10 %")
    if not isinstance(calibrated, (bool, np.bool_)):
        raise TypeError(f"calibrated must be True or False, got {calibrated!r}.")
    rows, cols = y.shape[0] // p, y.shape[1] // p
    if rows == 0 or cols == 0:
        raise ValueError(f"image {y.shape} is smaller than one {p}x{p} tile; pass a larger image or a smaller patch.")
    tiles = y[:rows * p, :cols * p].reshape(rows, p, cols, p).transpose(0, 2, 1, 3).reshape(rows * cols, p * p)
    value = float(np.quantile(tiles.std(axis=1, ddof=1), q))
    if calibrated:
        dof = p * p - 1
        value /= math.sqrt(float(chi2.ppf(q, dof)) / dof)
    return value


# ----------------------------------------------------------------------------------------------- helpers


def _valid_correlation(y: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Correlation of ``y`` with ``k`` at the positions where ``k`` lies entirely inside ``y``."""
    kr, kc = k.shape
    out = np.zeros((y.shape[0] - kr + 1, y.shape[1] - kc + 1))
    for i in range(kr):
        for j in range(kc):
            if k[i, j] != 0.0:
                out += k[i, j] * y[i:i + out.shape[0], j:j + out.shape[1]]
    return out



def _mse64(x: np.ndarray, y: np.ndarray) -> float:
    diff = x - y
    return float(np.mean(diff * diff))


def _pair(a: Any, b: Any, name_a: str, name_b: str) -> tuple[np.ndarray, np.ndarray]:
    """Check two real, finite, non-empty arrays of the same shape."""
    x = as_image(a, name=name_a, allow_complex=False)
    y = as_image(b, name=name_b, allow_complex=False)
    if x.shape != y.shape:
        raise ValueError(f"the two images have different shapes, {x.shape} and {y.shape}; compare images of the "
                         "same shape (crop or resize one of them first).")
    for arr, name in ((x, name_a), (y, name_b)):
        check_finite(arr, name, "a quality measure needs finite values")
    return x, y


def _describe_range(dtype: np.dtype) -> str:
    lo, hi = dtype_range(dtype)
    return f"values {lo}..{hi}"


def _data_range(reference: np.ndarray, test: np.ndarray, data_range: Any) -> float:
    """``data_range`` checked, or the default implied by the reference's dtype when it is None."""
    if data_range is None:
        return _default_data_range(reference, test)
    return check_number(data_range, "data_range", low=0, open_low=True, meaning=_DATA_RANGE)


def _default_data_range(reference: np.ndarray, test: np.ndarray) -> float:
    """The data range implied by the reference's dtype; refuse mixed scales and out-of-range floats."""
    rd, td = reference.dtype, test.dtype
    if rd != td and not (rd.kind == "f" and td.kind == "f"):
        raise ValueError(f"reference has dtype {rd} ({_describe_range(rd)}) but test has dtype {td} "
                         f"({_describe_range(td)}); convert both with gausslearn.dtypes.to_float, or pass "
                         "data_range explicitly if both are on the same scale.")
    if rd.kind == "f":
        rmin, rmax = float(reference.min()), float(reference.max())
        if rmin < 0.0 or rmax > 1.0:
            raise ValueError(f"reference is a float image with values from {rmin:g} to {rmax:g}, outside [0, 1], "
                             "so the default data_range=1.0 does not fit; pass data_range explicitly (255 for a "
                             "float image on the 0..255 scale, or reference.max() - reference.min()).")
        return 1.0
    if rd.kind in "ui" and rd.itemsize == 8:
        raise ValueError(f"reference has dtype {rd}, which is not an image dtype (NumPy gives it to arrays built "
                         "from Python lists of ints), so there is no default data_range; pass data_range "
                         "explicitly (e.g. 255 for 0..255 values), or convert to np.uint8 first.")
    lo, hi = dtype_range(rd)
    if rd.kind == "i" and int(reference.min()) < 0:
        return float(hi - lo)
    return float(hi)


def _real_image(image: Any, name: str) -> np.ndarray:
    arr = as_image(image, name=name, allow_complex=False)
    return check_finite(arr.astype(np.float64), name, "pass finite values")


def _check_sigmas(sigmas: Iterable[Any], ndim: int) -> list[tuple[Any, tuple[float, ...]]]:
    """Return ``(as given, per axis)`` pairs for a non-empty collection of candidate sigmas."""
    if isinstance(sigmas, (str, bytes)) or not isinstance(sigmas, Iterable):
        raise TypeError(f"sigmas must be a list or array of candidate sigmas, got {sigmas!r}; "
                        "for example np.linspace(0.5, 3, 11).")
    out = []
    for s in sigmas:
        per = check_sigma(s, ndim)
        given = float(s) if isinstance(s, numbers.Real) else per
        out.append((given, per))
    if not out:
        raise ValueError("sigmas is empty; pass at least one candidate sigma, e.g. np.linspace(0.5, 3, 11).")
    return out


def _first_crossing(t: np.ndarray, level: float) -> float:
    """Interpolated position where ``t`` first reaches ``level`` (``t.max() >= level`` is guaranteed)."""
    i = int(np.argmax(t >= level))
    if i == 0:
        return 0.0
    t0, t1 = float(t[i - 1]), float(t[i])
    return (i - 1) + (level - t0) / (t1 - t0)


def _axis_diagonal(n: int, sigma: float, mode: str) -> np.ndarray:
    """Diagonal of the n x n matrix of ``gaussian_filter1d(., sigma, mode=mode)`` on one axis of length n.

    Rows farther than the kernel radius from both borders all hold the kernel's centre weight; only the
    border rows (and one interior row, to read that centre weight) are measured, by filtering unit vectors.
    """
    if sigma <= _SIGMA_SKIP:
        return np.ones(n)
    radius = int(4.0 * sigma + 0.5)  # SciPy's radius for truncate=4.0, the default used by the filters here
    if n <= 2 * radius + 1:
        probes = np.arange(n)
        interior = None
    else:
        probes = np.concatenate([np.arange(radius + 1), np.arange(n - radius, n)])
        interior = radius  # row `radius` reaches exactly from 0 to 2 * radius: no border involved
    columns = np.arange(probes.size)
    units = np.zeros((n, probes.size))
    units[probes, columns] = 1.0
    filtered = ndimage.gaussian_filter1d(units, sigma, axis=0, mode=mode)
    measured = filtered[probes, columns]
    diag = np.empty(n)
    if interior is not None:
        diag[:] = measured[interior]
    diag[probes] = measured
    return diag


def _trace_fraction(shape: tuple[int, ...], sigmas: tuple[float, ...], modes: tuple[str, ...]) -> float:
    """``trace(A) / N`` for the separable Gaussian filter A on an array of the given shape."""
    frac = 1.0
    for n, s, m in zip(shape, sigmas, modes, strict=True):
        frac *= float(_axis_diagonal(n, s, m).mean())
    return frac


def _sure(y: np.ndarray, s: float, sigmas: tuple[float, ...], modes: tuple[str, ...]) -> float:
    smoothed = ndimage.gaussian_filter(y, sigmas, mode=modes)
    var = s * s
    return _mse64(y, smoothed) - var + 2.0 * var * _trace_fraction(y.shape, sigmas, modes)
