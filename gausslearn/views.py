"""Views: the plain data the explorers show, computed from an image and its settings.

:func:`sigma_view` blurs an image with one sigma and collects the input, the blurred image, the residual
(input minus blurred), a row before and after, the kernel, the 10-90 % edge width that sigma gives a clean
step, and the PSNR against a reference; :func:`border_view` pads and blurs an image with one border mode and
one sigma and collects its top-left corner and the start of one row. Both return frozen dataclasses of
read-only arrays and numbers: :mod:`gausslearn.plotting` draws them (:func:`~gausslearn.plotting.plot_sigma_view`,
:func:`~gausslearn.plotting.plot_border_view`) and :mod:`gausslearn.widgets` puts a control in front of them.
Both import this one; plotting never imports widgets (widgets draws with plotting).

A view is computed in a few milliseconds and holds everything a figure needs, so a test can check what an
explorer would show without a browser and without drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import ndimage

from gausslearn._validation import (
    as_gray_image,
    as_image,
    check_index,
    check_mode,
    check_scalar_sigma,
    check_truncate,
)
from gausslearn.borders import pad
from gausslearn.dtypes import to_float
from gausslearn.kernels import gaussian_kernel1d, kernel_radius
from gausslearn.metrics import edge_width, psnr

__all__ = ["BorderView", "SigmaView", "border_view", "describe", "sigma_view"]

# What each border mode puts beyond the edge, in words (for the text alternative of a border view).
_MODE_WORDS = {
    "reflect": "the image mirrored about its outer edge (the edge pixel repeated once)",
    "grid-mirror": "the image mirrored about its outer edge (the edge pixel repeated once)",
    "mirror": "the image mirrored about its edge pixel (which is not repeated)",
    "nearest": "the edge pixel repeated",
    "wrap": "the opposite side of the image",
    "grid-wrap": "the opposite side of the image",
    "constant": "zeros (black)",
    "grid-constant": "zeros (black)",
}


def _readonly(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class SigmaView:
    """Everything the sigma explorer shows for one sigma (arrays are read-only).

    Attributes
    ----------
    sigma, truncate : float
        The filter's parameters.
    radius : int
        Kernel radius, ``int(truncate * sigma + 0.5)``; the kernel has ``2 * radius + 1`` weights.
    row : int
        The image row whose profile is shown.
    image : ndarray
        The input as floats (:func:`gausslearn.dtypes.to_float`): what is blurred.
    blurred : ndarray
        ``gaussian_filter(image, sigma, truncate=truncate)`` (mode ``reflect``).
    residual : ndarray
        ``image - blurred``, signed: what the blur removed (noise, and detail finer than sigma).
    profile_before, profile_after : ndarray
        Row ``row`` of ``image`` and of ``blurred``.
    kernel : ndarray
        The 1-D weights applied along each axis.
    edge_width : float
        The 10-90 % width (pixels) of a clean unit step blurred with this sigma and truncate
        (:func:`gausslearn.metrics.edge_width`): the sharpness the blur costs, about ``2.563 * sigma``, whatever
        the image holds. A sharp pixel step measures 0.8 px (the interpolation between samples).
    psnr : float or None
        PSNR (dB) of ``blurred`` against the ``reference`` image, when one was given.
    psnr_input : float or None
        PSNR (dB) of ``image`` against the ``reference``: what the blur improves on (or loses).
    """

    sigma: float
    truncate: float
    radius: int
    row: int
    image: np.ndarray
    blurred: np.ndarray
    residual: np.ndarray
    profile_before: np.ndarray
    profile_after: np.ndarray
    kernel: np.ndarray
    edge_width: float
    psnr: float | None
    psnr_input: float | None


@lru_cache(maxsize=256)
def _step_edge_width(sigma: float, truncate: float) -> float:
    """10-90 % width of a unit step blurred with ``sigma`` (the step continues beyond the ends: ``nearest``)."""
    side = kernel_radius(sigma, truncate) + 2
    step = np.concatenate([np.zeros(side), np.ones(side)])
    return float(edge_width(ndimage.gaussian_filter(step, sigma, truncate=truncate, mode="nearest")))


def sigma_view(image: Any, sigma: float, *, row: int | None = None, truncate: float = 4.0,
               reference: Any = None) -> SigmaView:
    """Blur ``image`` with a Gaussian of width ``sigma`` and collect what the sigma explorer shows.

    Integer images are first converted to floats in [0, 1] (:func:`gausslearn.dtypes.to_float`), so the
    filter does not truncate its result to whole numbers.

    Parameters
    ----------
    image : array_like, 2-D
        A grey image (typically a noisy one).
    sigma : float
        Standard deviation of the Gaussian in pixels, >= 0 (0 leaves the image unchanged).
    row : int, optional
        Row whose profile is shown (default: the middle row).
    truncate : float
        Kernel half-width in sigmas, as in ``scipy.ndimage.gaussian_filter``.
    reference : array_like, optional
        A clean image of the same shape; when given, the view reports the PSNR of the blurred image and of the
        input against it (useful when ``image`` is a noisy copy of ``reference``).

    Returns
    -------
    SigmaView

    Examples
    --------
    >>> import numpy as np
    >>> step = np.zeros((8, 8)); step[:, 4:] = 1.0
    >>> v = sigma_view(step, 1.0)
    >>> v.radius, v.kernel.size, v.row
    (4, 9, 4)
    >>> float(v.profile_after.sum()) == float(v.profile_before.sum())
    True
    >>> bool(np.array_equal(v.residual, v.image - v.blurred))
    True
    >>> round(v.edge_width, 2), round(sigma_view(np.eye(8), 1.0).edge_width, 2)   # a property of sigma
    (2.66, 2.66)
    >>> v.psnr is None
    True
    >>> sigma_view(step, -1.0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: sigma must be >= 0 and finite, got -1.0. ...
    """
    arr = as_gray_image(image)
    s = check_scalar_sigma(sigma)
    t = check_truncate(truncate)
    r = check_index(row, arr.shape[0], "row", "rows")
    x = to_float(arr)
    ref = None
    if reference is not None:
        ref = as_image(reference, name="reference", allow_complex=False)
        if ref.shape != arr.shape:
            raise ValueError(f"reference has shape {ref.shape} but image has shape {arr.shape}; "
                             "pass the clean version of the same image.")
    blurred = ndimage.gaussian_filter(x, s, truncate=t, mode="reflect")
    residual = x - blurred
    kernel = np.asarray(gaussian_kernel1d(s, t), dtype=np.float64)
    value = value_input = None
    if ref is not None:
        clean = to_float(ref)
        value = float(psnr(clean, blurred, data_range=1.0))
        value_input = float(psnr(clean, x, data_range=1.0))
    return SigmaView(sigma=s, truncate=t, radius=int(kernel_radius(s, t)), row=r, image=_readonly(x),
                     blurred=_readonly(blurred), residual=_readonly(residual),
                     profile_before=_readonly(x[r].copy()), profile_after=_readonly(blurred[r].copy()),
                     kernel=_readonly(kernel.copy()), edge_width=_step_edge_width(s, t), psnr=value,
                     psnr_input=value_input)


@dataclass(frozen=True, eq=False)
class BorderView:
    """What the border explorer shows for one mode (arrays are read-only).

    Attributes
    ----------
    mode : str
        SciPy border mode.
    sigma : float
    radius : int
        Kernel radius: how far the filter reaches beyond the image.
    pad : int
        Padding shown around the top-left corner (= ``radius``).
    corner_padded : ndarray, shape (pad + h, pad + w)
        The top-left corner of the input padded with ``mode``: what the filter sees there.
    corner_blurred : ndarray, shape (h, w)
        The same corner of the blurred image.
    row : int
        The row shown sample by sample.
    row_pad : int
        Padded samples at the start of ``row_padded`` (``min(radius, 8)``).
    row_padded : ndarray
        ``row_pad`` padded samples followed by the first samples of the row (at most 8).
    """

    mode: str
    sigma: float
    radius: int
    pad: int
    corner_padded: np.ndarray
    corner_blurred: np.ndarray
    row: int
    row_pad: int
    row_padded: np.ndarray


def border_view(image: Any, mode: str, sigma: float, *, row: int | None = None) -> BorderView:
    """Blur ``image`` with border mode ``mode`` and collect what the border explorer shows.

    Integer images are first converted to floats in [0, 1]; ``constant`` modes pad with 0.

    Parameters
    ----------
    image : array_like, 2-D
        A grey image.
    mode : str
        One of SciPy's border modes (:data:`gausslearn.borders.MODES`).
    sigma : float
        Standard deviation of the Gaussian in pixels, >= 0.
    row : int, optional
        The row shown sample by sample (default: the middle row).

    Returns
    -------
    BorderView

    Examples
    --------
    >>> import numpy as np
    >>> v = border_view(np.ones((20, 20)), "constant", 1.0)
    >>> v.pad, v.corner_padded.shape, v.corner_blurred.shape
    (4, (20, 20), (16, 16))
    >>> v.row_padded.tolist()
    [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    >>> round(float(v.corner_blurred[0, 0]), 3)  # zeros leak in: the corner gets darker
    0.489
    >>> border_view(np.ones((4, 4)), "symmetric", 1.0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gausslearn._validation.ScipyCompatibleError: unknown border mode 'symmetric'. ... numpy.pad's 'symmetric' is SciPy's 'reflect'.
    """
    arr = as_gray_image(image)
    m = check_mode(mode, 1)[0]
    s = check_scalar_sigma(sigma)
    r = check_index(row, arr.shape[0], "row", "rows")
    x = to_float(arr)
    radius = int(kernel_radius(s))
    blurred = ndimage.gaussian_filter(x, s, mode=m, cval=0.0)
    h = min(arr.shape[0], max(2 * radius, 16))
    w = min(arr.shape[1], max(2 * radius, 16))
    padded = pad(x, ((radius, 0), (radius, 0)), mode=m, cval=0.0)
    corner_padded = padded[:radius + h, :radius + w].copy()
    row_pad = min(radius, 8)
    k = min(arr.shape[1], 8)
    row_padded = padded[radius + r, radius - row_pad:radius + k].copy()
    return BorderView(mode=m, sigma=s, radius=radius, pad=radius, corner_padded=_readonly(corner_padded),
                      corner_blurred=_readonly(blurred[:h, :w].copy()), row=r, row_pad=row_pad,
                      row_padded=_readonly(row_padded))


def describe(view: SigmaView | BorderView) -> str:
    """A text alternative for the figure of a view: what it shows, with the numbers it writes.

    The explorers give it to their picture (and :mod:`gausslearn.plotting` uses it when a view is drawn
    without an ``alt``), so a reader who cannot see the picture gets the same facts.

    Examples
    --------
    >>> import numpy as np
    >>> step = np.zeros((8, 8)); step[:, 4:] = 1.0
    >>> print(describe(sigma_view(step, 1.0)))  # doctest: +NORMALIZE_WHITESPACE
    Four panels for a Gaussian blur with sigma 1 px (kernel radius 4 px): the input; the blurred image with row
    4 marked; the residual, input minus blurred, blue below 0 and red above on a scale centred on white 0 (RMS
    0.15, largest magnitude 0.3); and row 4 before and after the blur. Readouts: edge width 2.66 px (10 to 90 %
    of a clean step blurred with this sigma).
    >>> print(describe(border_view(np.ones((20, 20)), "constant", 1.0)))  # doctest: +NORMALIZE_WHITESPACE
    Three panels for border mode 'constant' and sigma 1 px (kernel radius 4 px): the top-left corner of the
    image with 4 pixels of padding, which are zeros (black); the same corner after the blur; and the first
    samples of row 10, padding | image: 0.00 0.00 0.00 0.00 | 1.00 1.00 1.00 1.00 1.00 1.00 1.00 1.00.
    """
    if isinstance(view, SigmaView):
        res = view.residual
        rms = float(np.sqrt(np.mean(np.square(res)))) if res.size else 0.0
        largest = float(np.max(np.abs(res))) if res.size else 0.0
        text = (f"Four panels for a Gaussian blur with sigma {view.sigma:g} px (kernel radius {view.radius} px): "
                f"the input; the blurred image with row {view.row} marked; the residual, input minus blurred, blue "
                f"below 0 and red above on a scale centred on white 0 (RMS {rms:.2g}, largest magnitude "
                f"{largest:.2g}); and row {view.row} before and after the blur. Readouts: edge width "
                f"{view.edge_width:.2f} px (10 to 90 % of a clean step blurred with this sigma)")
        if view.psnr is not None:
            text += f"; PSNR against the clean image {view.psnr:.2f} dB (the input: {view.psnr_input:.2f} dB)"
        return text + "."
    if isinstance(view, BorderView):
        padding = " ".join(f"{v:.2f}" for v in view.row_padded[:view.row_pad])
        image = " ".join(f"{v:.2f}" for v in view.row_padded[view.row_pad:])
        return (f"Three panels for border mode '{view.mode}' and sigma {view.sigma:g} px (kernel radius "
                f"{view.radius} px): the top-left corner of the image with {view.pad} pixels of padding, which are {_MODE_WORDS[view.mode]}; the same corner "
                f"after the blur; and the first samples of row {view.row}, padding | image: "
                + (f"{padding} | {image}." if padding else f"(no padding) {image}."))
    raise TypeError(f"describe needs a SigmaView or a BorderView (from sigma_view or border_view), "
                    f"got {type(view).__name__}.")
