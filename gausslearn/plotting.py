"""Figures for the course: they receive computed arrays and draw them, nothing else.

Every function returns a :class:`matplotlib.figure.Figure` (a :class:`NotebookFigure`) built with the object
API. The figures are *not* registered with :mod:`matplotlib.pyplot`, so there is nothing to close and no
figure pops up twice:

- in a notebook, make the call the last line of the cell (no trailing ``;``) or pass the figure to
  ``IPython.display.display``; its ``text/plain`` form (``<Figure size ... with N Axes>``) is deterministic;
- in a script, save it with ``fig.savefig("name.png")``.

Nothing here filters an image or measures one: the filtering lives in :mod:`gausslearn.filters` (or
``scipy.ndimage``), the measuring in :mod:`gausslearn.metrics`. A figure only shows what it is given, so the
numbers a learner reads in a figure are the numbers the code computed. Inputs are never modified.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from gausslearn._validation import as_image, check_int, check_number, check_text
from gausslearn.dtypes import dtype_range, to_float
from gausslearn.views import BorderView, SigmaView

__all__ = [
    "NotebookFigure",
    "show_images",
    "plot_kernel",
    "plot_profiles",
    "plot_padding",
    "plot_curves",
    "plot_frequency_responses",
    "plot_sigma_view",
    "plot_border_view",
]

class NotebookFigure(Figure):
    """A :class:`matplotlib.figure.Figure` that shows itself as a PNG in Jupyter, pyplot or not.

    IPython draws a plain ``Figure`` only after a matplotlib backend has registered a formatter for it, which
    happens when :mod:`matplotlib.pyplot` is imported. The figures of this module stay outside pyplot (nothing
    to close, never displayed twice), so they carry their own PNG form, rendered at a fixed resolution.
    """

    def _repr_png_(self) -> bytes:
        buf = io.BytesIO()
        self.savefig(buf, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
        return buf.getvalue()


# Colours that stay readable in print and for the common colour-vision deficiencies.
_ORIGINAL_EDGE = "#d95f02"   # orange frame around the original samples
_ROW_MARK = "#1b9e77"        # green line marking the profile row
_MARKER_COLOURS = ("#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")


# --------------------------------------------------------------------------------------------------------------
# small private helpers
# --------------------------------------------------------------------------------------------------------------

def _natural_range(dtype: np.dtype) -> tuple[float, float]:
    """The range of values an image of this dtype is meant to use: 0..1 for float and bool, the dtype's
    limits for integers (0..255 for uint8)."""
    lo, hi = dtype_range(dtype)
    return float(lo), float(hi)


def _fmt(value: float, fmt: str) -> str:
    """``format(value, fmt)`` without the confusing ``-0.000`` for tiny negative numbers."""
    text = format(float(value), fmt)
    if text.startswith("-"):
        try:
            if float(text) == 0.0:
                text = text[1:]
        except ValueError:  # formats such as '.1%' do not parse back; keep the text as is
            pass
    return text


def _check_fmt(fmt: Any) -> str:
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format specification string such as '.3f' or 'g', got {fmt!r}.")
    try:
        format(0.5, fmt)
    except ValueError:
        raise ValueError(f"fmt {fmt!r} is not a valid format specification for numbers; "
                         "pass something like '.3f' (3 decimals), '.2e' or 'g'.") from None
    return fmt


def _check_curves(curves: Any, name: str, length: int | None = None, *, what: str = "curve") -> dict[str, np.ndarray]:
    """A non-empty mapping label -> real 1-D array (of ``length`` samples when given)."""
    if not isinstance(curves, Mapping):
        raise TypeError(f"{name} must be a dict mapping a label to a 1-D array, got {type(curves).__name__}; "
                        f"for a single {what} pass {{'label': values}}.")
    if len(curves) == 0:
        raise ValueError(f"{name} is empty; pass at least one {what}, e.g. {{'label': values}}.")
    out: dict[str, np.ndarray] = {}
    for label, values in curves.items():
        if not isinstance(label, str):
            raise TypeError(f"{name} labels must be strings, got {label!r}.")
        arr = as_image(values, name=f"{name}[{label!r}]", ndim=1, allow_complex=False)
        if length is not None and arr.shape[0] != length:
            raise ValueError(f"{name}[{label!r}] has {arr.shape[0]} values but x has {length}; "
                             f"every {what} needs one value per x.")
        out[label] = arr
    return out


def _text_colour(value: float, lo: float, hi: float, *, dark_is_low: bool = True) -> str:
    """Black text on light cells, white text on dark cells."""
    t = 0.5 if hi <= lo else (value - lo) / (hi - lo)
    light = t > 0.5 if dark_is_low else t < 0.5
    return "black" if light else "white"


def _font_size(cells: int) -> float:
    """A font size that keeps ``cells`` annotations side by side readable."""
    return float(np.clip(110.0 / max(cells, 1), 5.0, 10.0))


def _prepare_image(image: np.ndarray, index: int, cmap: str, vmin: float | None, vmax: float | None
                   ) -> tuple[np.ndarray, dict[str, Any], str]:
    """Return (array to draw, imshow keywords, note for the x label); never modifies ``image``."""
    if image.ndim == 3:
        if image.shape[-1] not in (3, 4):
            raise ValueError(f"images[{index}] has shape {image.shape}; a colour image must have shape "
                             "(rows, cols, 3) or (rows, cols, 4). For one channel pass image[..., c]; "
                             "for a stack of grey images pass a list [stack[0], stack[1], ...].")
        rgb = image
        if rgb.dtype == np.uint8:
            return rgb, {}, ""
        rgb = to_float(rgb)  # integers divided by their dtype's maximum; always a new array
        lo, hi = float(np.nanmin(rgb)), float(np.nanmax(rgb))
        note = ""
        if lo < -1e-9 or hi > 1.0 + 1e-9:
            note = f"values outside [0, 1] clipped for display (min {lo:.3g}, max {hi:.3g})"
        # Always clip (rgb is to_float's new array: the input is untouched): a rounding excess such as
        # 1.0000000000000002 after a blur is no real clip, but matplotlib would still warn about it.
        np.clip(rgb, 0.0, 1.0, out=rgb)
        return rgb, {}, note
    lo, hi = _natural_range(image.dtype)
    lo = lo if vmin is None else float(vmin)
    hi = hi if vmax is None else float(vmax)
    data = image.astype(np.float64) if image.dtype == bool else image
    dmin, dmax = float(np.nanmin(data)), float(np.nanmax(data))
    note = ""
    tol = 1e-9 * (hi - lo) if hi > lo else 0.0  # rounding (1.0000000000000002 after a filter) is not a clip
    if dmin < lo - tol or dmax > hi + tol:
        note = f"values outside [{lo:g}, {hi:g}] clipped for display (min {dmin:.3g}, max {dmax:.3g})"
    return data, {"cmap": cmap, "vmin": lo, "vmax": hi}, note


def _draw_gray(ax: Axes, image: np.ndarray, *, cmap: str = "gray", index: int = 0,
               vmin: float | None = None, vmax: float | None = None, colorbar: bool = False,
               fig: Figure | None = None) -> None:
    data, kwargs, note = _prepare_image(image, index, cmap, vmin, vmax)
    im = ax.imshow(data, **kwargs)
    ax.set_xticks([])
    ax.set_yticks([])
    if note:
        ax.set_xlabel(note, fontsize=7)
    if colorbar and data.ndim == 2 and fig is not None:
        fig.colorbar(im, ax=ax, shrink=0.8)


def _draw_kernel1d(ax: Axes, weights: np.ndarray, *, annotate: bool, fmt: str) -> None:
    n = weights.shape[0]
    offsets = np.arange(n) - n // 2
    ax.bar(offsets, weights, width=0.8, color="#4c72b0", edgecolor="black", linewidth=0.5)
    ax.axhline(0.0, color="black", linewidth=0.8)
    if annotate:
        size = _font_size(n)
        for x, w in zip(offsets, weights, strict=True):
            ax.text(float(x), float(w), _fmt(w, fmt), ha="center", va="bottom" if w >= 0 else "top",
                    fontsize=size, rotation=90 if n > 11 else 0)
        ax.margins(y=0.25)
    step = max(1, math.ceil(n / 11))
    ax.set_xticks(offsets[offsets % step == 0])
    ax.set_xlabel("offset from the centre (pixels)")
    ax.set_ylabel("weight")


def _draw_lines(ax: Axes, x: np.ndarray | None, curves: dict[str, np.ndarray], *, xlabel: str, ylabel: str,
                title: str | None = None, markers: bool = True) -> None:
    """One line per curve (at x = 0, 1, ... when ``x`` is None), dots on short curves, labelled axes, a grid."""
    for label, values in curves.items():
        xs = np.arange(values.shape[0]) if x is None else x
        ax.plot(xs, values, marker="." if markers and values.shape[0] <= 64 else None, label=label)
    ax.set_xlabel(check_text(xlabel, "xlabel"))
    ax.set_ylabel(check_text(ylabel, "ylabel"))
    ax.grid(True, alpha=0.3)
    if title is not None:
        ax.set_title(check_text(title, "title"))


def _draw_strip(ax: Axes, padded: np.ndarray, before: int, after: int, *, fmt: str,
                lo: float, hi: float, annotate: bool = True) -> None:
    """One padded row as a strip of cells: padding hatched, original samples framed, values written in."""
    total = padded.shape[0]
    n = total - before - after
    ax.imshow(padded[np.newaxis, :].astype(np.float64), cmap="gray", vmin=lo, vmax=hi, aspect="auto",
              interpolation="nearest")
    for start, width in ((-0.5, before), (before + n - 0.5, after)):
        if width > 0:
            ax.add_patch(Rectangle((start, -0.5), width, 1.0, facecolor="#9ecae1", alpha=0.45,
                                   hatch="//", edgecolor="#3182bd", linewidth=0.0))
    ax.add_patch(Rectangle((before - 0.5, -0.5), n, 1.0, fill=False, edgecolor=_ORIGINAL_EDGE, linewidth=2.5))
    if annotate:
        size = _font_size(total)
        for i, v in enumerate(padded):
            ax.text(i, 0.0, _fmt(v, fmt), ha="center", va="center", fontsize=size,
                    color=_text_colour(float(v), lo, hi))
    step = max(1, math.ceil(total / 30))
    ticks = np.arange(0, total, step)
    ax.set_xticks(ticks)
    ax.set_xticklabels([str(int(t) - before) for t in ticks], fontsize=7)
    ax.set_yticks([])


# --------------------------------------------------------------------------------------------------------------
# public figures
# --------------------------------------------------------------------------------------------------------------

def show_images(
    images: Sequence[Any] | np.ndarray,
    titles: Sequence[str] | None = None,
    *,
    cmap: str = "gray",
    vmin: float | None = None,
    vmax: float | None = None,
    colorbar: bool = False,
    ncols: int | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Show images side by side, grey images on a fixed, honest scale.

    Why the fixed scale: left alone, ``imshow`` stretches every grey image from its own minimum to its own
    maximum. A blurred image then looks exactly as bright and as contrasted as the original, and a nearly
    flat image looks like pure noise. Here a grey image is drawn from ``vmin`` to ``vmax``, which default to
    the natural range of its dtype: 0..1 for float and bool images, 0..255 for uint8 (the dtype's limits for
    other integers). A loss of contrast therefore *shows*. Values outside the range are clipped by the
    display and the panel says so. Colour (RGB/RGBA) images are drawn as they are: uint8 as 0..255, floats
    as 0..1 (values outside are clipped, with a note), other integers divided by their dtype's maximum.

    Parameters
    ----------
    images : sequence of array_like, or one array
        2-D grey images and/or (rows, cols, 3|4) colour images. A single array is shown alone.
    titles : sequence of str, optional
        One title per image.
    cmap : str
        Colour map for grey images.
    vmin, vmax : float, optional
        The grey values drawn as black and white (for example -1 and 1 for a derivative).
    colorbar : bool
        Add a colour bar next to every grey image.
    ncols : int, optional
        Images per row (default: all in one row, at most 4).
    figsize : (float, float), optional
        Figure size in inches (default: about 3 inches per image).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> img = np.linspace(0, 0.5, 16).reshape(4, 4)
    >>> fig = show_images([img, img * 2], ["dim", "bright"])
    >>> [ax.get_title() for ax in fig.axes]
    ['dim', 'bright']
    >>> fig.axes[0].get_images()[0].get_clim()
    (0.0, 1.0)
    """
    if isinstance(images, np.ndarray):
        images = [images]
    if isinstance(images, (str, bytes)) or not isinstance(images, Sequence):
        raise TypeError(f"images must be a list of arrays, got {type(images).__name__}; "
                        "pass e.g. [image] or [before, after].")
    if len(images) == 0:
        raise ValueError("images is empty; pass a list with at least one image, e.g. [image].")
    arrays = [as_image(img, name=f"images[{i}]", ndim=(2, 3), allow_complex=False) for i, img in enumerate(images)]
    n = len(arrays)
    if titles is not None:
        if isinstance(titles, str) or not isinstance(titles, Sequence):
            raise TypeError("titles must be a list of strings, one per image; "
                            f"got {type(titles).__name__}. For one image pass [title].")
        if len(titles) != n:
            raise ValueError(f"titles has {len(titles)} entries but there are {n} images; pass one title per image.")
        for i, t in enumerate(titles):
            check_text(t, f"titles[{i}]")
    if ncols is None:
        ncols = min(n, 4)
    ncols = min(check_int(ncols, "ncols", low=1, meaning="it is the number of images per row"), n)
    for name, v in (("vmin", vmin), ("vmax", vmax)):
        if v is not None:
            check_number(v, name, meaning="it is the grey value drawn as black (vmin) or white (vmax), or None")
    if vmin is not None and vmax is not None and vmin >= vmax:
        raise ValueError(f"vmin ({vmin}) must be smaller than vmax ({vmax}).")
    nrows = math.ceil(n / ncols)
    if figsize is None:
        figsize = (3.2 * ncols + (0.8 * ncols if colorbar else 0.0), 3.2 * nrows + 0.2)
    fig = NotebookFigure(figsize=figsize, layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for k, ax in enumerate(axes.flat):
        if k >= n:
            fig.delaxes(ax)
            continue
        _draw_gray(ax, arrays[k], cmap=cmap, index=k, vmin=vmin, vmax=vmax, colorbar=colorbar, fig=fig)
        if titles is not None:
            ax.set_title(titles[k])
    return fig


def plot_kernel(weights: Any, *, annotate: bool = True, fmt: str = ".3f") -> Figure:
    """Draw a kernel: bars for a 1-D kernel, a heat map for a 2-D one, each weight written on it.

    Parameters
    ----------
    weights : array_like, 1-D or 2-D
        The kernel weights (e.g. from :func:`gausslearn.kernels.gaussian_kernel1d`).
    annotate : bool
        Write every weight on its bar or cell.
    fmt : str
        Format specification for the written weights (``format(w, fmt)``).

    Returns
    -------
    matplotlib.figure.Figure
        The title gives the number of weights and their sum (1 for a normalised blur kernel).

    Examples
    --------
    >>> fig = plot_kernel([0.25, 0.5, 0.25], fmt=".2f")
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['0.25', '0.50', '0.25']
    >>> fig.axes[0].get_title()
    '1-D kernel: 3 weights, sum 1.00'
    """
    w = as_image(weights, name="weights", ndim=(1, 2), allow_complex=False, allow_bool=False)
    fmt = _check_fmt(fmt)
    total = _fmt(w.sum(dtype=np.float64), fmt)
    if w.ndim == 1:
        fig = NotebookFigure(figsize=(min(max(4.0, 0.55 * w.shape[0] + 1.5), 14.0), 3.2), layout="constrained")
        ax = fig.subplots()
        _draw_kernel1d(ax, w, annotate=annotate, fmt=fmt)
        ax.set_title(f"1-D kernel: {w.shape[0]} weights, sum {total}")
        return fig
    rows, cols = w.shape
    fig = NotebookFigure(figsize=(min(0.6 * cols + 2.0, 12.0), min(0.6 * rows + 1.2, 12.0)), layout="constrained")
    ax = fig.subplots()
    lo, hi = float(w.min()), float(w.max())
    ax.imshow(w, cmap="viridis", vmin=lo, vmax=hi, interpolation="nearest")
    if annotate:
        size = _font_size(cols)
        for (r, c), v in np.ndenumerate(w):
            ax.text(c, r, _fmt(v, fmt), ha="center", va="center", fontsize=size,
                    color=_text_colour(float(v), lo, hi))
    col_off, row_off = np.arange(cols) - cols // 2, np.arange(rows) - rows // 2
    if cols <= 25:
        ax.set_xticks(np.arange(cols), [str(o) for o in col_off])
    if rows <= 25:
        ax.set_yticks(np.arange(rows), [str(o) for o in row_off])
    ax.set_xlabel("column offset (pixels)")
    ax.set_ylabel("row offset (pixels)")
    ax.set_title(f"2-D kernel: {rows}\u00d7{cols} weights, sum {total}")
    return fig


def plot_profiles(
    profiles: Mapping[str, Any],
    *,
    xlabel: str = "position (pixels)",
    ylabel: str = "value",
    title: str | None = None,
) -> Figure:
    """Plot 1-D profiles (for example one image row before and after blurring) on one set of axes.

    Parameters
    ----------
    profiles : dict of str -> 1-D array_like
        Label -> values. Sample ``i`` is drawn at x = ``i``.
    xlabel, ylabel, title : str
        Axis labels and an optional title.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_profiles({"before": [0, 0, 1, 1], "after": [0.1, 0.3, 0.7, 0.9]}, title="row 2")
    >>> ax = fig.axes[0]
    >>> ax.get_title(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('row 2', ['before', 'after'])
    """
    curves = _check_curves(profiles, "profiles", what="profile")
    fig = NotebookFigure(figsize=(6.4, 3.6), layout="constrained")
    ax = fig.subplots()
    _draw_lines(ax, None, curves, xlabel=xlabel, ylabel=ylabel, title=title)
    ax.legend(fontsize=8)
    return fig


def _pad_pair(pad_width: Any) -> tuple[int, int]:
    items = pad_width if isinstance(pad_width, (tuple, list)) else (pad_width, pad_width)
    if len(items) != 2:
        raise ValueError(f"pad_width must be an int or a pair (before, after), got {pad_width!r}.")
    before, after = (check_int(v, "pad_width", low=0, meaning="it counts the samples added on one side")
                     for v in items)
    return before, after


def plot_padding(row: Any, padded: Mapping[str, Any], pad_width: int | tuple[int, int], *,
                 fmt: str = "g") -> Figure:
    """Show how border modes extend a row: one strip per mode, values written in every cell.

    The original samples are framed in orange, the padded samples are hatched in blue, and the ticks give
    each cell's index in the original row (negative before the start, ``>= len(row)`` after the end).

    Parameters
    ----------
    row : 1-D array_like
        The original samples.
    padded : dict of str -> 1-D array_like
        Mode name -> the row padded with that mode (e.g. by :func:`gausslearn.borders.pad`). Each must hold
        ``row`` unchanged in its middle.
    pad_width : int or (int, int)
        Samples added before and after.
    fmt : str
        Format specification for the written values.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> row = np.array([1, 2, 3])
    >>> fig = plot_padding(row, {"nearest": np.pad(row, 2, mode="edge")}, 2)
    >>> fig.axes[0].get_ylabel()
    'nearest'
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['1', '1', '1', '2', '3', '3', '3']
    """
    base = as_image(row, name="row", ndim=1, allow_complex=False)
    before, after = _pad_pair(pad_width)
    fmt = _check_fmt(fmt)
    n = base.shape[0]
    strips = _check_curves(padded, "padded", what="padded row")
    for mode, values in strips.items():
        if values.shape[0] != n + before + after:
            raise ValueError(f"padded[{mode!r}] has {values.shape[0]} samples, but a row of {n} padded with "
                             f"{before} before and {after} after has {n + before + after}; check pad_width.")
        if not np.array_equal(values[before:before + n], base, equal_nan=True):
            raise ValueError(f"the middle of padded[{mode!r}] (samples {before}..{before + n - 1}) is not the "
                             "original row; padding keeps the row unchanged, so check pad_width and row.")
    lo = min(float(np.nanmin(v)) for v in strips.values())
    hi = max(float(np.nanmax(v)) for v in strips.values())
    total = n + before + after
    fig = NotebookFigure(figsize=(min(0.45 * total + 1.8, 16.0), 0.75 * len(strips) + 1.0), layout="constrained")
    axes = fig.subplots(len(strips), 1, squeeze=False)[:, 0]
    for ax, (mode, values) in zip(axes, strips.items(), strict=True):
        _draw_strip(ax, values, before, after, fmt=fmt, lo=lo, hi=hi)
        ax.set_ylabel(mode, rotation=0, ha="right", va="center")
    axes[-1].set_xlabel("index in the original row (hatched: padding)")
    fig.suptitle(f"{n} samples padded with {before} before and {after} after")
    return fig


def plot_curves(
    x: Any,
    curves: Mapping[str, Any],
    xlabel: str,
    ylabel: str,
    mark: Mapping[str, float] | None = None,
    *,
    title: str | None = None,
) -> Figure:
    """Plot quantities against a parameter (e.g. PSNR and edge width against sigma).

    Parameters
    ----------
    x : 1-D array_like
        The parameter values.
    curves : dict of str -> 1-D array_like
        Label -> one value per ``x``.
    xlabel, ylabel : str
        Axis labels.
    mark : dict of str -> float, optional
        Label -> x position of a dashed vertical marker (e.g. ``{"best sigma": 1.5}``).
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_curves([1, 2, 3], {"PSNR": [20.0, 24.0, 22.0]}, "sigma", "dB", mark={"best": 2})
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['PSNR', 'best (x = 2)']
    """
    xs = as_image(x, name="x", ndim=1, allow_complex=False)
    data = _check_curves(curves, "curves", xs.shape[0])
    fig = NotebookFigure(figsize=(6.4, 3.8), layout="constrained")
    ax = fig.subplots()
    _draw_lines(ax, xs, data, xlabel=xlabel, ylabel=ylabel, title=title)
    if mark is not None:
        if not isinstance(mark, Mapping):
            raise TypeError(f"mark must be a dict mapping a label to an x position, got {type(mark).__name__}.")
        for k, (label, pos) in enumerate(mark.items()):
            xv = check_number(pos, f"mark[{label!r}]", meaning="it is the x position of a marker")
            ax.axvline(xv, linestyle="--", color=_MARKER_COLOURS[k % len(_MARKER_COLOURS)],
                       label=f"{label} (x = {xv:g})")
    ax.legend(fontsize=8)
    return fig


def plot_frequency_responses(
    freqs: Any,
    responses: Mapping[str, Any],
    *,
    xlabel: str = "frequency (cycles per pixel)",
    ylabel: str = "gain |H(f)|",
    title: str | None = None,
) -> Figure:
    """Plot the gain of one or more filters against frequency.

    Parameters
    ----------
    freqs : 1-D array_like
        Frequencies (e.g. from :func:`gausslearn.kernels.frequency_response`); 0.5 cycles per pixel is the
        fastest pattern a pixel grid can hold.
    responses : dict of str -> 1-D array_like
        Label -> real gain at every frequency (pass ``np.abs(H)`` for a complex response).
    xlabel, ylabel, title : str

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> f = np.linspace(0, 0.5, 5)
    >>> fig = plot_frequency_responses(f, {"box 3": np.abs(1 + 2 * np.cos(2 * np.pi * f)) / 3})
    >>> [float(v) for v in fig.axes[0].get_xlim()]
    [0.0, 0.5]
    """
    fs = as_image(freqs, name="freqs", ndim=1, allow_complex=False)
    if isinstance(responses, Mapping):
        for label, values in responses.items():
            if np.iscomplexobj(values):
                raise TypeError(f"responses[{label!r}] is complex; plot its magnitude: pass np.abs(values).")
    data = _check_curves(responses, "responses", fs.shape[0], what="response")
    fig = NotebookFigure(figsize=(6.4, 3.8), layout="constrained")
    ax = fig.subplots()
    _draw_lines(ax, fs, data, xlabel=xlabel, ylabel=ylabel, title=title, markers=False)
    ax.axhline(0.0, color="black", linewidth=0.6)
    if fs.shape[0] > 1 and fs[0] != fs[-1]:
        ax.set_xlim(float(fs.min()), float(fs.max()))
    ax.legend(fontsize=8)
    return fig


def _require_view(view: Any, kind: type, maker: str) -> None:
    if not isinstance(view, kind):
        raise TypeError(f"expected a {kind.__name__}, the result of gausslearn.views.{maker}(...) (also importable "
                        f"from gausslearn.widgets), got {type(view).__name__}.")


def plot_sigma_view(view: SigmaView) -> Figure:
    """Draw a :class:`gausslearn.views.SigmaView`: the blurred image, one row before/after, the kernel.

    Parameters
    ----------
    view : SigmaView
        The result of :func:`gausslearn.views.sigma_view`.

    Returns
    -------
    matplotlib.figure.Figure
        Three panels; the title gives sigma, the kernel radius and, when the view has them, the PSNR
        against the reference and the 10-90 % edge width.

    Examples
    --------
    >>> import numpy as np
    >>> from gausslearn.views import sigma_view
    >>> step = np.zeros((16, 16)); step[:, 8:] = 1.0
    >>> fig = plot_sigma_view(sigma_view(step, 1.0))
    >>> len(fig.axes), fig.axes[0].get_title()
    (3, 'blurred, row 8 marked')
    """
    _require_view(view, SigmaView, "sigma_view")
    # A fixed layout: these figures are redrawn on every slider move and a layout engine doubles the cost.
    fig = NotebookFigure(figsize=(12.0, 3.6))
    ax_img, ax_prof, ax_ker = fig.subplots(1, 3, width_ratios=(1.0, 1.3, 1.1), gridspec_kw={
        "left": 0.03, "right": 0.99, "bottom": 0.16, "top": 0.83, "wspace": 0.22})
    _draw_gray(ax_img, view.blurred)
    ax_img.axhline(view.row, color=_ROW_MARK, linewidth=1.2)
    ax_img.set_title(f"blurred, row {view.row} marked")
    _draw_lines(ax_prof, None, {"before": view.profile_before, "after": view.profile_after},
                xlabel="column (pixels)", ylabel="value")
    ax_prof.legend(fontsize=8)
    prof_title = f"row {view.row}"
    if view.edge_width is not None:
        prof_title += f": 10-90 % edge width {view.edge_width:.2f} px"
    ax_prof.set_title(prof_title)
    n = view.kernel.shape[0]
    _draw_kernel1d(ax_ker, view.kernel, annotate=n <= 13, fmt=".3f")
    ax_ker.set_title(f"1-D kernel: {n} weights")
    head = f"sigma = {view.sigma:g} px, radius = {view.radius} px"
    if view.psnr is not None:
        head += f", PSNR vs reference = {view.psnr:.2f} dB"
    fig.suptitle(head)
    return fig


def plot_border_view(view: BorderView) -> Figure:
    """Draw a :class:`gausslearn.views.BorderView`: what the filter sees at the corner, and the result.

    Top left: the corner of the padded input (the image's first row and column start at the orange lines;
    the padding is what the mode invents). Top right: the blurred image at the same corner. Bottom: the start
    of one row with its padding, values written in.

    Parameters
    ----------
    view : BorderView
        The result of :func:`gausslearn.views.border_view`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> from gausslearn.views import border_view
    >>> fig = plot_border_view(border_view(np.eye(12), "wrap", 1.0))
    >>> [ax.get_title() for ax in fig.axes]
    ['input padded by 4 (mode wrap)', 'blurred, same corner', 'row 6, first samples']
    """
    _require_view(view, BorderView, "border_view")
    fig = NotebookFigure(figsize=(9.0, 6.2))  # fixed layout, as in plot_sigma_view
    axd = fig.subplot_mosaic([["input", "blurred"], ["strip", "strip"]], height_ratios=(3.0, 1.0), gridspec_kw={
        "left": 0.08, "right": 0.98, "bottom": 0.08, "top": 0.89, "hspace": 0.35, "wspace": 0.2})
    p = view.pad
    h, w = view.corner_blurred.shape
    lo, hi = _natural_range(view.corner_padded.dtype)
    ax = axd["input"]
    ax.imshow(view.corner_padded, cmap="gray", vmin=lo, vmax=hi, interpolation="nearest",
              extent=(-p - 0.5, w - 0.5, h - 0.5, -p - 0.5))
    ax.axhline(-0.5, color=_ORIGINAL_EDGE, linewidth=1.5)
    ax.axvline(-0.5, color=_ORIGINAL_EDGE, linewidth=1.5)
    if p > 0:
        ax.add_patch(Rectangle((-p - 0.5, -p - 0.5), w + p, p, facecolor="#9ecae1", alpha=0.25, linewidth=0))
        ax.add_patch(Rectangle((-p - 0.5, -0.5), p, h, facecolor="#9ecae1", alpha=0.25, linewidth=0))
    ax.set_title(f"input padded by {p} (mode {view.mode})")
    ax.set_xlabel("column")
    ax.set_ylabel("row")
    ax = axd["blurred"]
    ax.imshow(view.corner_blurred, cmap="gray", vmin=lo, vmax=hi, interpolation="nearest",
              extent=(-0.5, w - 0.5, h - 0.5, -0.5))
    ax.set_title("blurred, same corner")
    ax.set_xlabel("column")
    row_vals = view.row_padded
    strip_lo = min(lo, float(np.nanmin(row_vals)))
    strip_hi = max(hi, float(np.nanmax(row_vals)))
    _draw_strip(axd["strip"], row_vals, view.row_pad, 0, fmt=".2f", lo=strip_lo, hi=strip_hi,
                annotate=row_vals.shape[0] <= 24)
    axd["strip"].set_title(f"row {view.row}, first samples")
    axd["strip"].set_xlabel("column (hatched: padding)")
    fig.suptitle(f"border mode '{view.mode}', sigma = {view.sigma:g} px (kernel radius {view.radius} px)")
    return fig
