"""Figures for the course: they receive computed arrays and draw them, nothing else.

Every function returns a :class:`matplotlib.figure.Figure` (a :class:`NotebookFigure`) built with the object
API. The figures are *not* registered with :mod:`matplotlib.pyplot`, so there is nothing to close and no
figure pops up twice:

- in a notebook, make the call the last line of the cell (no trailing ``;``) or pass the figure to
  ``IPython.display.display``: it shows as an ``<img>`` carrying its ``alt`` text (:class:`NotebookFigure`),
  whose ``text/plain`` form, the alt text, is deterministic;
- in a script, save it with ``fig.savefig("name.png", dpi=100)``.

Nothing here filters an image or measures one: the filtering lives in :mod:`gausslearn.filters` (or
``scipy.ndimage``), the measuring in :mod:`gausslearn.metrics`. A figure only shows what it is given, so the
numbers a learner reads in a figure are the numbers the code computed. Inputs are never modified. What a
figure decides from its data is only how to draw it: whether an image is signed (:func:`show_images`), where
the bins of a histogram fall (:func:`plot_histogram`), which way to scale an axis.

Every figure obeys the rules of :mod:`gausslearn.figure_check` (no overlapping or escaping text, signed data
on a diverging colour map centred on 0 with a colour bar, lines named after a colour drawn in it, colour maps
readable with colour-vision deficiency, at least 100 dpi); with ``GAUSSLEARN_CHECK_FIGURES=1`` each figure is
checked when it is displayed and a violation raises :class:`~gausslearn.figure_check.FigureCheckError`.
Colours: grey for images, ``viridis`` for kernels, ``RdBu_r`` (ColorBrewer, colour-blind safe) for signed
data, the Okabe-Ito palette plus distinct line styles for curves, so that colour never carries meaning alone.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
import struct
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle

from gausslearn import figure_check
from gausslearn._validation import as_image, check_finite, check_int, check_number, check_text
from gausslearn.dtypes import dtype_range, to_float
from gausslearn.views import BorderView, SigmaView, describe

__all__ = [
    "FIGURE_DPI",
    "SIGNED_CMAP",
    "FIGURE_CLASS",
    "GENERATED_ALT",
    "NotebookFigure",
    "png_html",
    "png_size",
    "settle_layout",
    "show_images",
    "plot_kernel",
    "plot_profiles",
    "plot_padding",
    "plot_curves",
    "plot_histogram",
    "plot_frequency_responses",
    "plot_sigma_view",
    "sigma_readouts",
    "plot_border_view",
]

#: Resolution at which the course shows its figures (never below :data:`gausslearn.figure_check.MIN_DPI`).
FIGURE_DPI = 100
#: Colour map of signed data (residuals, differences, derivatives): diverging, white at 0, colour-blind safe.
SIGNED_CMAP = "RdBu_r"


#: CSS class of the ``<img>`` a course figure displays as (:func:`png_html`).
FIGURE_CLASS = "gl-plot"
#: Attribute that marks an ``<img>`` whose ``alt`` was generated from the figure's labels, not written by an
#: author (the course website's build warns about each one).
GENERATED_ALT = "data-gl-alt-generated"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels of a PNG, read from its header.

    Examples
    --------
    >>> png_size(plot_kernel([0.25, 0.5, 0.25])._repr_png_())
    (411, 331)
    >>> png_size(b"GIF89a")
    Traceback (most recent call last):
    ...
    ValueError: not a PNG image (it does not start with the PNG signature and an IHDR chunk).
    """
    head = bytes(png[:24]) if isinstance(png, (bytes, bytearray, memoryview)) else b""
    if head[:8] != _PNG_SIGNATURE or head[12:16] != b"IHDR":
        raise ValueError("not a PNG image (it does not start with the PNG signature and an IHDR chunk).")
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def png_html(png: bytes, alt: str, *, generated: bool = False, css_class: str = FIGURE_CLASS) -> str:
    """An ``<img>`` that shows ``png`` inline (a ``data:`` URL) with its text alternative and its size.

    This is how the course's figures display in JupyterLab, in nbconvert's HTML and on the course website:
    JupyterLab's renderer of ``image/png`` outputs sets no ``alt``, its HTML renderer keeps the one written here.
    ``width`` and ``height`` are the PNG's, so the page does not jump when the picture arrives;
    ``max-width:100%; height:auto`` shrinks a wide figure to its column without distorting it.

    Parameters
    ----------
    png : bytes (or another bytes-like object)
        The picture.
    alt : str
        What it shows, for a reader who cannot see it (escaped here).
    generated : bool
        Whether ``alt`` was generated rather than written by an author: marks the tag with
        :data:`GENERATED_ALT`, which the course website's build reports.
    css_class : str
        The ``class`` of the tag.

    Examples
    --------
    >>> tag = png_html(plot_kernel([0.25, 0.5, 0.25])._repr_png_(), 'Three bars: 0.25, 0.5 & 0.25 "weights"')
    >>> tag[:tag.index("base64,") + 7]  # doctest: +NORMALIZE_WHITESPACE
    '<img class="gl-plot" alt="Three bars: 0.25, 0.5 &amp; 0.25 &quot;weights&quot;" width="411" height="331"
    style="max-width:100%; height:auto" src="data:image/png;base64,'
    """
    width, height = png_size(png)
    mark = f' {GENERATED_ALT}="true"' if generated else ""
    data = base64.b64encode(bytes(png)).decode("ascii")
    return (f'<img class="{html.escape(css_class, quote=True)}" alt="{html.escape(alt, quote=True)}"{mark} '
            f'width="{width}" height="{height}" style="max-width:100%; height:auto" '
            f'src="data:image/png;base64,{data}">')


#: settle_layout stops when no axes moved by more than this fraction of the figure (0.13 px of a 13-inch figure).
SETTLED = 1e-4
#: ... or after this many draws.
MAX_SETTLE_DRAWS = 8


def settle_layout(fig: Figure) -> int:
    """Draw ``fig`` (without rendering) until its layout engine stops moving the axes; return the draws made.

    Constrained layout places colour bars and titles from the previous draw's extents, so each draw moves the
    axes a little less (a fixed layout, without an engine, needs no draw). Settling first makes a figure the same
    however often it was drawn before: by a check, or by nothing.

    Examples
    --------
    >>> import numpy as np
    >>> fig = show_images([np.zeros((4, 4)), np.linspace(-1, 1, 16).reshape(4, 4)], ["zeros", "signed"])
    >>> settle_layout(fig) > 1, settle_layout(fig)
    (True, 1)
    """
    if fig.get_layout_engine() is None:
        return 0
    for draws in range(1, MAX_SETTLE_DRAWS + 1):
        before = np.array([ax.get_position().bounds for ax in fig.axes])
        fig.draw_without_rendering()
        after = np.array([ax.get_position().bounds for ax in fig.axes])
        if before.shape == after.shape and (after.size == 0 or float(np.abs(after - before).max()) <= SETTLED):
            return draws
    return MAX_SETTLE_DRAWS


class NotebookFigure(Figure):
    """A :class:`matplotlib.figure.Figure` that shows itself in Jupyter as an ``<img>`` with its alt text.

    IPython draws a plain ``Figure`` only after a matplotlib backend has registered a formatter for it, which
    happens when :mod:`matplotlib.pyplot` is imported. The figures of this module stay outside pyplot (nothing
    to close, never displayed twice) and display themselves (``_ipython_display_``), so neither pyplot's
    formatter nor any other adds a second copy of the picture: the output holds

    - ``text/html``: :func:`png_html` of the PNG rendered at :data:`FIGURE_DPI`, with ``alt``. JupyterLab
      shows ``text/html`` before ``image/png`` and keeps the ``alt`` (its image renderer would drop it);
      nbconvert's HTML export and the course website show the same tag;
    - ``text/plain``: the ``alt`` text, for a front end that shows text instead of HTML.

    ``alt`` is the text alternative (what the figure shows, for a reader who cannot see it), set by the
    ``alt=`` argument of every plotting function. Without it, the ``<img>`` gets a sentence made from the
    figure's titles and labels (:meth:`default_alt`), marked with :data:`GENERATED_ALT` so that the site build
    warns, and ``text/plain`` stays matplotlib's ``<NotebookFigure size ... with N Axes>``. When
    ``GAUSSLEARN_CHECK_FIGURES=1``, the figure is checked against :mod:`gausslearn.figure_check` first, and a
    figure without an ``alt`` text fails too (rule ``alt``).
    """

    #: What the figure shows, for a reader who cannot see it (set by the plotting functions' ``alt=``).
    alt: str | None = None

    def default_alt(self) -> str:
        """A description made from the figure's own words (titles, labels, legends), used when ``alt`` is None.

        Examples
        --------
        >>> import numpy as np
        >>> show_images([np.zeros((2, 2)), np.ones((2, 2))], ["before", "after"]).default_alt()
        "A figure of 2 panels: 'before', 'after'."
        """
        parts = []
        for ax in self.axes:
            name = repr(ax.get_title()) if ax.get_title() else "an untitled panel"
            labels = [str(line.get_label()) for line in ax.get_lines() if not str(line.get_label()).startswith("_")]
            if labels and ax.get_ylabel():
                name += f" ({ax.get_ylabel()} against {ax.get_xlabel() or 'x'}: {', '.join(labels)})"
            parts.append(name)
        head = f"{self.get_suptitle()}. " if self.get_suptitle() else ""
        count = f"{len(parts)} panel{'s' if len(parts) != 1 else ''}"
        return f"{head}A figure of {count}: {', '.join(parts)}."

    def _png(self) -> bytes:
        # Rendered before it is checked: the check draws the figure again, which moves a layout engine's result
        # a little, and the picture (and the size in its <img>, which nbval compares) must not depend on whether
        # the figure was checked.
        settle_layout(self)
        buf = io.BytesIO()
        self.savefig(buf, format="png", dpi=FIGURE_DPI, bbox_inches="tight", metadata={"Software": None})
        if figure_check.checking_enabled():
            figure_check.require_valid(self, dpi=FIGURE_DPI, require_alt=True)
        return buf.getvalue()

    def _repr_png_(self) -> bytes:
        """The PNG alone (what :meth:`_repr_mimebundle_` embeds), for code that asks for one."""
        return self._png()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
        """``({"text/html": <img>, "text/plain": alt}, {})``: what the figure displays as (see the class)."""
        png = self._png()
        if self.alt:
            return {"text/html": png_html(png, self.alt), "text/plain": self.alt}, {}
        return {"text/html": png_html(png, self.default_alt(), generated=True), "text/plain": repr(self)}, {}

    def _ipython_display_(self) -> None:
        # Display the bundle as it is: through IPython's formatters, pyplot's inline backend (which registers a
        # PNG formatter for every Figure) would add the picture a second time, as image/png.
        from IPython.display import display

        data, metadata = self._repr_mimebundle_()
        display(data, metadata=metadata, raw=True)


def _check_alt(alt: Any) -> str | None:
    """``alt`` as one line of text (white space folded), or None; refuse anything but a non-empty string."""
    if alt is None:
        return None
    return " ".join(check_text(alt, "alt", allow_empty=False).split())


def _finish(fig: NotebookFigure, alt: str | None) -> NotebookFigure:
    fig.alt = alt
    return fig


# Colours that stay readable in print and for the common colour-vision deficiencies (Okabe & Ito).
_ORIGINAL_EDGE = "#D55E00"   # vermillion frame around the original samples
_PADDING = "#0072B2"         # blue hatching of padded samples
_ROW_MARK = "#009E73"        # bluish green line marking the profile row
_BAR = "#0072B2"
_CURVE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
_LINE_STYLES = ("-", "--", "-.", ":")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X")
# A curve whose label names one colour is drawn in it (tab10's shades, one family each; see figure_check).
_NAMED = {"red": "#d62728", "green": "#2ca02c", "blue": "#1f77b4", "orange": "#ff7f0e", "purple": "#9467bd",
          "violet": "#9467bd", "brown": "#8c564b", "pink": "#e377c2", "magenta": "#e377c2", "grey": "#7f7f7f",
          "gray": "#7f7f7f", "black": "#000000", "cyan": "#17becf", "teal": "#17becf", "yellow": "#bcbd22"}
_NAMED_RE = re.compile(r"\b(" + "|".join(_NAMED) + r")\b", re.IGNORECASE)


# --------------------------------------------------------------------------------------------------------------
# small private helpers
# --------------------------------------------------------------------------------------------------------------

def _natural_range(dtype: np.dtype) -> tuple[float, float]:
    """The range of values an image of this dtype is meant to use: 0..1 for float and bool, the dtype's
    limits for integers (0..255 for uint8)."""
    lo, hi = dtype_range(dtype)
    return float(lo), float(hi)


def _fmt(value: float, fmt: str, scale: float = 0.0) -> str:
    """``format(value, fmt)``, without ``-0.000`` and without hiding a small value as zero.

    A value that is not zero (beyond rounding: more than 1e-9 of ``scale``, the largest magnitude shown beside
    it) but that ``fmt`` would print as zero is written with two significant digits instead, so ``0.000134``
    reads ``0.00013`` and not ``0.000``.
    """
    v = float(value)
    text = format(v, fmt)
    try:
        shown = float(text)
    except ValueError:  # formats such as '.1%' do not parse back; keep the text as is
        return text
    if shown == 0.0:
        if v != 0.0 and abs(v) > 1e-9 * scale:
            return format(v, ".2g")
        return text.lstrip("-")
    return text


def _check_fmt(fmt: Any) -> str:
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format specification string such as '#.3g' or '.2f', got {fmt!r}.")
    try:
        format(0.5, fmt)
    except ValueError:
        raise ValueError(f"fmt {fmt!r} is not a valid format specification for numbers; "
                         "pass something like '#.3g' (3 significant digits), '.3f' (3 decimals) or '.2e'.") from None
    return fmt


def _check_cmap(cmap: Any) -> str:
    check_text(cmap, "cmap")
    if cmap.removesuffix("_r") in figure_check.CVD_UNSAFE_COLORMAPS:
        raise ValueError(f"cmap {cmap!r} cannot be read with a colour-vision deficiency (its hues carry the "
                         "values); use 'gray', 'viridis' or 'cividis', or signed=True for signed data.")
    return cmap


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


def _check_scale(value: Any, name: str) -> str:
    if value not in ("linear", "log"):
        raise ValueError(f"{name} must be 'linear' or 'log', got {value!r}.")
    return value


def _contrast(rgba: Sequence[float]) -> str:
    """Black or white, whichever reads better on a cell of colour ``rgba`` (relative luminance, WCAG)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(float(c)) for c in rgba[:3])
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 else "white"


def _fitting_font(cell_inches: float, chars: int) -> float:
    """The font size (points) at which ``chars`` characters fill about 80 % of a cell ``cell_inches`` wide."""
    return 72.0 * cell_inches * 0.8 / (0.68 * max(chars, 1))


def _cell_font(cell_inches: float, chars: int) -> float:
    """A font size (points) at which ``chars`` characters fit in a cell ``cell_inches`` wide, 6 to 10 pt."""
    return float(np.clip(_fitting_font(cell_inches, chars), 6.0, 10.0))


def _annotate_cells(ax: Axes, image: AxesImage, values: np.ndarray, fmt: str, cell_inches: float) -> None:
    """Write every value of a small 2-D array on its cell, in black or white against the cell's colour.

    When the values written with ``fmt`` would not fit their cells at 6 pt, fewer significant digits are used.
    """
    scale = float(np.nanmax(np.abs(values))) if values.size else 0.0
    for candidate in (fmt, ".2g", ".1g"):
        texts = {(r, c): _fmt(v, candidate, scale) for (r, c), v in np.ndenumerate(values)}
        longest = max(len(t) for t in texts.values())
        if _fitting_font(cell_inches, longest) >= 6.0:
            break
    size = _cell_font(cell_inches, longest)
    for (r, c), text in texts.items():
        colour = _contrast(image.cmap(image.norm(values[r, c])))
        ax.text(c, r, text, ha="center", va="center", fontsize=size, color=colour)


def _curve_styles(labels: Sequence[str], *, markers: bool) -> list[dict[str, Any]]:
    """Colour, line style (and marker) per curve: a label naming a colour gets that colour; the others get
    Okabe-Ito colours not already taken; line styles differ too, so colour is never the only cue."""
    named = {}
    for label in labels:
        words = {w.lower() for w in _NAMED_RE.findall(label)}
        if len(words) == 1:
            named[label] = _NAMED[words.pop()]
    taken = {figure_check.colour_family(c) for c in named.values()}
    free = [c for c in _CURVE_COLOURS if figure_check.colour_family(c) not in taken] or ["#000000"]
    styles = []
    k_free = 0
    for k, label in enumerate(labels):
        if label in named:
            colour = named[label]
        else:
            colour = free[k_free % len(free)]
            k_free += 1
        style = {"color": colour, "linestyle": _LINE_STYLES[k % len(_LINE_STYLES)]}
        if markers:
            style["marker"] = _MARKERS[k % len(_MARKERS)]
            style["markersize"] = 4
        styles.append(style)
    return styles


def _draw_lines(ax: Axes, x: np.ndarray | None, curves: dict[str, np.ndarray], *, xlabel: str, ylabel: str,
                title: str | None = None, markers: bool = True) -> None:
    """One line per curve (at x = 0, 1, ... when ``x`` is None), marks on short curves, labelled axes, a grid."""
    styles = _curve_styles(list(curves), markers=markers and max(v.shape[0] for v in curves.values()) <= 64)
    for (label, values), style in zip(curves.items(), styles, strict=True):
        xs = np.arange(values.shape[0]) if x is None else x
        ax.plot(xs, values, label=label, **style)
    ax.set_xlabel(check_text(xlabel, "xlabel"))
    ax.set_ylabel(check_text(ylabel, "ylabel"))
    ax.grid(True, alpha=0.3)
    if title is not None:
        ax.set_title(check_text(title, "title"))


def _legend(ax: Axes, entries: int) -> None:
    """A legend inside the axes for a few entries, below them for many (where it cannot hide a curve)."""
    if entries <= 4:
        ax.legend(fontsize=8)
    else:
        ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=min(entries, 3), frameon=False)


def _wrap(text: str, width_inches: float, *, points: float) -> str:
    """``text`` wrapped (at spaces, existing line breaks kept) to fit a panel ``width_inches`` wide at ``points``."""
    limit = max(12, int(width_inches * 72 / (points * 0.6)))
    return "\n".join("\n".join(textwrap.wrap(line, limit) or [""]) for line in text.split("\n"))


def _note(text: str, width_inches: float) -> str:
    """``text`` wrapped to fit under a panel ``width_inches`` wide at 7 pt."""
    return _wrap(text, width_inches, points=7.0)


def _is_signed(image: np.ndarray, signed: bool | None, vmin: float | None, vmax: float | None) -> bool:
    if signed is not None:
        return signed
    if vmin is not None and vmax is not None and vmin < 0 < vmax:
        return True
    return figure_check.looks_signed(image)


def _prepare_image(image: np.ndarray, index: int, cmap: str, vmin: float | None, vmax: float | None,
                   signed: bool) -> tuple[np.ndarray, dict[str, Any], str]:
    """Return (array to draw, imshow keywords, note for the x label); never modifies ``image``."""
    if image.ndim == 3:
        if image.shape[-1] not in (3, 4):
            raise ValueError(f"images[{index}] has shape {image.shape}; a colour image must have shape "
                             "(rows, cols, 3) or (rows, cols, 4). For one channel pass image[..., c]; "
                             "for a stack of grey images pass a list [stack[0], stack[1], ...].")
        if image.dtype == np.uint8:
            return image, {}, ""
        rgb = to_float(image)  # integers divided by their dtype's maximum; always a new array
        lo, hi = float(np.nanmin(rgb)), float(np.nanmax(rgb))
        note = ""
        if lo < -1e-9 or hi > 1.0 + 1e-9:
            note = f"values beyond 0..1 clipped (min {lo:.3g}, max {hi:.3g})"
        # Always clip (rgb is to_float's new array: the input is untouched): a rounding excess such as
        # 1.0000000000000002 after a blur is no real clip, but matplotlib would still warn about it.
        np.clip(rgb, 0.0, 1.0, out=rgb)
        return rgb, {}, note
    data = image.astype(np.float64) if image.dtype == bool else image
    dmin, dmax = float(np.nanmin(data)), float(np.nanmax(data))
    if signed:
        limits = [abs(v) for v in (vmin, vmax) if v is not None]
        span = max(limits) if limits else max(abs(dmin), abs(dmax))
        span = span if span > 0 else 1.0
        note = ""
        if max(abs(dmin), abs(dmax)) > span * (1 + 1e-9):
            note = f"values beyond ±{span:.3g} clipped (min {dmin:.3g}, max {dmax:.3g})"
        return data, {"cmap": SIGNED_CMAP, "vmin": -span, "vmax": span}, note
    lo, hi = _natural_range(image.dtype)
    lo = lo if vmin is None else float(vmin)
    hi = hi if vmax is None else float(vmax)
    note = ""
    tol = 1e-9 * (hi - lo) if hi > lo else 0.0  # rounding (1.0000000000000002 after a filter) is not a clip
    if dmin < lo - tol or dmax > hi + tol:
        note = f"values beyond {lo:g}..{hi:g} clipped (min {dmin:.3g}, max {dmax:.3g})"
    return data, {"cmap": cmap, "vmin": lo, "vmax": hi}, note


def _draw_image(ax: Axes, image: np.ndarray, *, fig: Figure, panel_inches: float, cmap: str = "gray",
                index: int = 0, vmin: float | None = None, vmax: float | None = None, colorbar: bool = False,
                signed: bool | None = None, annotate: bool = False, fmt: str = ".3g") -> None:
    is_signed = image.ndim == 2 and _is_signed(image, signed, vmin, vmax)
    data, kwargs, note = _prepare_image(image, index, cmap, vmin, vmax, is_signed)
    im = ax.imshow(data, interpolation="nearest" if max(data.shape[:2]) <= 64 else "antialiased", **kwargs)
    if image.ndim == 2:
        im._gausslearn_signed = is_signed  # read by figure_check: a deliberate choice, not a guess
    ax.set_xticks([])
    ax.set_yticks([])
    if note:
        ax.set_xlabel(_note(note, 0.7 * panel_inches), fontsize=7)  # room for a colour bar beside the image
    if annotate:
        if image.ndim != 2 or max(image.shape) > 16:
            raise ValueError(f"annotate=True writes every pixel value, so it needs grey images of at most 16x16 "
                             f"pixels; images[{index}] has shape {image.shape}: crop it first (e.g. image[:8, :8]).")
        _annotate_cells(ax, im, np.asarray(data, dtype=np.float64), fmt, 0.8 * panel_inches / max(image.shape))
    if image.ndim == 2 and (colorbar or is_signed):
        bar = _colour_bar(fig, ax, im)
        if is_signed:
            bar.set_label("value (white = 0)", fontsize=7)


def _colour_bar(fig: Figure, ax: Axes, image: AxesImage) -> Any:
    """A colour bar just right of ``ax``, as a child of it: the panel keeps its place in the grid (and the
    figure its number of axes), and constrained layout still makes room for the bar's tick labels."""
    bar = fig.colorbar(image, cax=ax.inset_axes((1.04, 0.1, 0.05, 0.8)))
    bar.ax.tick_params(labelsize=7)
    return bar


def _draw_kernel1d(ax: Axes, weights: np.ndarray, *, annotate: bool, fmt: str, width_inches: float) -> None:
    n = weights.shape[0]
    offsets = np.arange(n) - n // 2
    ax.bar(offsets, weights, width=0.8, color=_BAR, edgecolor="black", linewidth=0.5)
    ax.axhline(0.0, color="black", linewidth=0.8)
    if annotate:
        scale = float(np.max(np.abs(weights)))
        texts = [_fmt(w, fmt, scale) for w in weights]
        cell = width_inches * 0.8 / n
        vertical = _cell_font(cell, max(len(t) for t in texts)) < 7.0
        size = _cell_font(cell, 2 if vertical else max(len(t) for t in texts))
        for x, w, text in zip(offsets, weights, texts, strict=True):
            up = w >= 0
            ax.annotate(text, (float(x), float(w)), xytext=(0, 2 if up else -2), textcoords="offset points",
                        ha="center", va="bottom" if up else "top", fontsize=size, rotation=90 if vertical else 0)
        ax.margins(y=0.35 if vertical else 0.2)
    step = max(1, math.ceil(n / 11))
    ax.set_xticks(offsets[offsets % step == 0])
    ax.set_xlabel("offset from the centre (pixels)")
    ax.set_ylabel("weight")


def _draw_strip(ax: Axes, padded: np.ndarray, before: int, after: int, *, fmt: str,
                lo: float, hi: float, width_inches: float, annotate: bool = True) -> None:
    """One padded row as a strip of cells: padding hatched, original samples framed, values written in."""
    total = padded.shape[0]
    n = total - before - after
    im = ax.imshow(padded[np.newaxis, :].astype(np.float64), cmap="gray", vmin=lo, vmax=hi, aspect="auto",
                   interpolation="nearest")
    for start, width in ((-0.5, before), (before + n - 0.5, after)):
        if width > 0:
            ax.add_patch(Rectangle((start, -0.5), width, 1.0, facecolor="none", hatch="//", edgecolor=_PADDING,
                                   linewidth=0.0, alpha=0.6))
    ax.add_patch(Rectangle((before - 0.5, -0.5), n, 1.0, fill=False, edgecolor=_ORIGINAL_EDGE, linewidth=2.5))
    if annotate:
        scale = float(np.nanmax(np.abs(padded))) if padded.size else 0.0
        texts = [_fmt(v, fmt, scale) for v in padded]
        size = _cell_font(width_inches / total, max(len(t) for t in texts))
        for i, (v, text) in enumerate(zip(padded, texts, strict=True)):
            colour = _contrast(im.cmap(im.norm(float(v))))
            halo = "white" if colour == "black" else "black"
            ax.text(i, 0.0, text, ha="center", va="center", fontsize=size, color=colour,
                    path_effects=[patheffects.withStroke(linewidth=2.0, foreground=halo)])
    step = max(1, math.ceil(total / max(4, int(width_inches * 2.5))))
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
    signed: bool | Sequence[bool] | None = None,
    annotate: bool = False,
    fmt: str = ".3g",
    alt: str | None = None,
) -> Figure:
    """Show images side by side, grey images on a fixed, honest scale and signed ones centred on 0.

    Why the fixed scale: left alone, ``imshow`` stretches every grey image from its own minimum to its own
    maximum. A blurred image then looks exactly as bright and as contrasted as the original, and a nearly
    flat image looks like pure noise. Here a grey image is drawn from ``vmin`` to ``vmax``, which default to
    the natural range of its dtype: 0..1 for float and bool images, 0..255 for uint8 (the dtype's limits for
    other integers). A loss of contrast therefore *shows*. Values outside the range are clipped by the
    display and the panel says so. Colour (RGB/RGBA) images are drawn as they are: uint8 as 0..255, floats
    as 0..1 (values outside are clipped, with a note), other integers divided by their dtype's maximum.

    *Signed* images (a residual, a difference of Gaussians, a derivative) are drawn with the diverging
    colour map :data:`SIGNED_CMAP` on a range centred on 0 (``-L..L``, ``L`` the largest magnitude, or the
    larger of ``|vmin|`` and ``|vmax|``), with a colour bar: white is 0, blue below, red above.

    Parameters
    ----------
    images : sequence of array_like, or one array
        2-D grey images and/or (rows, cols, 3|4) colour images. A single array is shown alone.
    titles : sequence of str, optional
        One title per image.
    cmap : str
        Colour map for unsigned grey images (``gray``; ``viridis`` or ``cividis`` also read well with a
        colour-vision deficiency; ``jet`` and other rainbows are refused).
    vmin, vmax : float, optional
        The values drawn at the ends of the colour map. ``vmin < 0 < vmax`` declares the images signed.
    colorbar : bool
        Add a colour bar next to every grey image (signed images always get one).
    ncols : int, optional
        Images per row (default: all in one row, at most 4).
    figsize : (float, float), optional
        Figure size in inches (default: about 3.2 inches per image).
    signed : bool or sequence of bool, optional
        Whether each grey image is signed. By default decided from the data, as
        :func:`gausslearn.figure_check.looks_signed` does: values on both sides of 0 with a median near 0.
        Pass ``True`` for signed data that happens to have one sign, ``False`` for an image that happens to
        look signed (a noisy, almost black photograph).
    annotate : bool
        Write every pixel's value on it, in ``fmt`` (grey images of at most 16x16 pixels).
    fmt : str
        Format specification of the written values (3 significant digits by default).
    alt : str, optional
        What the figure shows, for a reader who cannot see it (see :class:`NotebookFigure`).

    Returns
    -------
    matplotlib.figure.Figure
        One panel per image, in a grid; a colour bar sits beside each signed image (and each grey image when
        ``colorbar``), inside its panel.

    Examples
    --------
    >>> import numpy as np
    >>> img = np.linspace(0, 0.5, 16).reshape(4, 4)
    >>> fig = show_images([img, img * 2], ["dim", "bright"])
    >>> [ax.get_title() for ax in fig.axes]
    ['dim', 'bright']
    >>> fig.axes[0].get_images()[0].get_clim()
    (0.0, 1.0)
    >>> residual = show_images([img - 0.25], ["residual"])
    >>> residual.axes[0].get_images()[0].get_cmap().name, residual.axes[0].get_images()[0].get_clim()
    ('RdBu_r', (-0.25, 0.25))
    """
    alt = _check_alt(alt)
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
            check_number(v, name, meaning="it is the value drawn at that end of the colour map, or None")
    if vmin is not None and vmax is not None and vmin >= vmax:
        raise ValueError(f"vmin ({vmin}) must be smaller than vmax ({vmax}).")
    cmap = _check_cmap(cmap)
    fmt = _check_fmt(fmt)
    if signed is None or isinstance(signed, bool):
        flags: list[bool | None] = [signed] * n
    elif isinstance(signed, Sequence) and len(signed) == n and all(isinstance(s, bool) for s in signed):
        flags = list(signed)
    else:
        raise TypeError(f"signed must be None, True, False or a list of {n} booleans (one per image), got {signed!r}.")
    nrows = math.ceil(n / ncols)
    if figsize is None:
        figsize = (3.2 * ncols + (0.8 * ncols if colorbar else 0.0), 3.2 * nrows + 0.2)
    fig = NotebookFigure(figsize=figsize, layout="constrained")
    panel = figsize[0] / ncols
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for k, ax in enumerate(axes.flat):
        if k >= n:
            fig.delaxes(ax)
            continue
        _draw_image(ax, arrays[k], fig=fig, panel_inches=panel, cmap=cmap, index=k, vmin=vmin, vmax=vmax,
                    colorbar=colorbar, signed=flags[k], annotate=annotate, fmt=fmt)
        if titles is not None:
            ax.set_title(_wrap(titles[k], panel, points=12.0))
    return _finish(fig, alt)


def plot_kernel(weights: Any, *, annotate: bool = True, fmt: str = "#.3g", alt: str | None = None) -> Figure:
    """Draw a kernel: bars for a 1-D kernel, a heat map for a 2-D one, each weight written on it.

    Parameters
    ----------
    weights : array_like, 1-D or 2-D
        The kernel weights (e.g. from :func:`gausslearn.kernels.gaussian_kernel1d`).
    annotate : bool
        Write every weight on its bar or cell.
    fmt : str
        Format specification for the written weights (``format(w, fmt)``); the default shows 3 significant
        digits, so the tails of a Gaussian read ``0.000134``, not ``0.000``. Whatever the format, a weight
        that is not zero is never written as zero: it falls back to 2 significant digits.
    alt : str, optional
        What the figure shows, for a reader who cannot see it (see :class:`NotebookFigure`).

    Returns
    -------
    matplotlib.figure.Figure
        The title gives the number of weights and their sum (1 for a normalised blur kernel). A 2-D kernel
        with negative weights (a derivative) is drawn on the diverging map centred on 0, with a colour bar.

    Examples
    --------
    >>> fig = plot_kernel([0.25, 0.5, 0.25], fmt=".2f")
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['0.25', '0.50', '0.25']
    >>> fig.axes[0].get_title()
    '1-D kernel: 3 weights, sum 1.00'
    >>> [t.get_text() for t in plot_kernel([0.000134, 0.9997, 0.000134], fmt=".3f").axes[0].texts]
    ['0.00013', '1.000', '0.00013']
    """
    w = as_image(weights, name="weights", ndim=(1, 2), allow_complex=False, allow_bool=False)
    fmt = _check_fmt(fmt)
    alt = _check_alt(alt)
    total = _fmt(w.sum(dtype=np.float64), fmt, float(np.max(np.abs(w))))
    if w.ndim == 1:
        width = min(max(4.0, 0.55 * w.shape[0] + 1.5), 14.0)
        fig = NotebookFigure(figsize=(width, 3.2), layout="constrained")
        ax = fig.subplots()
        _draw_kernel1d(ax, w, annotate=annotate, fmt=fmt, width_inches=width)
        ax.set_title(f"1-D kernel: {w.shape[0]} weights, sum {total}")
        return _finish(fig, alt)
    rows, cols = w.shape
    signed = bool(np.any(w < 0))
    width = min(0.6 * cols + 2.0, 12.0)
    fig = NotebookFigure(figsize=(width, min(0.6 * rows + 1.2, 12.0)), layout="constrained")
    ax = fig.subplots()
    if signed:
        span = float(np.max(np.abs(w)))
        im = ax.imshow(w, cmap=SIGNED_CMAP, vmin=-span, vmax=span, interpolation="nearest")
    else:
        im = ax.imshow(w, cmap="viridis", vmin=float(w.min()), vmax=float(w.max()), interpolation="nearest")
    im._gausslearn_signed = signed
    if signed:
        _colour_bar(fig, ax, im)
    if annotate:
        _annotate_cells(ax, im, w.astype(np.float64), fmt, (width - 1.4) / cols)
    col_off, row_off = np.arange(cols) - cols // 2, np.arange(rows) - rows // 2
    step_c, step_r = max(1, math.ceil(cols / 13)), max(1, math.ceil(rows / 13))
    ax.set_xticks(np.arange(0, cols, step_c), [str(o) for o in col_off[::step_c]])
    ax.set_yticks(np.arange(0, rows, step_r), [str(o) for o in row_off[::step_r]])
    ax.set_xlabel("column offset (pixels)")
    ax.set_ylabel("row offset (pixels)")
    ax.set_title(f"2-D kernel: {rows}\u00d7{cols} weights, sum {total}")
    return _finish(fig, alt)


def plot_profiles(
    profiles: Mapping[str, Any],
    *,
    xlabel: str = "position (pixels)",
    ylabel: str = "value",
    title: str | None = None,
    alt: str | None = None,
) -> Figure:
    """Plot 1-D profiles (for example one image row before and after blurring) on one set of axes.

    Each profile gets its own colour *and* line style; a profile whose label names a colour ("red",
    "green channel") is drawn in that colour.

    Parameters
    ----------
    profiles : dict of str -> 1-D array_like
        Label -> values. Sample ``i`` is drawn at x = ``i``.
    xlabel, ylabel, title : str
        Axis labels and an optional title.
    alt : str, optional
        What the figure shows, for a reader who cannot see it (see :class:`NotebookFigure`).

    Returns
    -------
    matplotlib.figure.Figure
        One axes with a line (and marks, for up to 64 samples) per profile and a legend.

    Examples
    --------
    >>> fig = plot_profiles({"before": [0, 0, 1, 1], "after": [0.1, 0.3, 0.7, 0.9]}, title="row 2")
    >>> ax = fig.axes[0]
    >>> ax.get_title(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('row 2', ['before', 'after'])
    >>> plot_profiles({"red": [1, 0], "blue": [0, 1]}).axes[0].lines[0].get_color()
    '#d62728'
    """
    curves = _check_curves(profiles, "profiles", what="profile")
    alt = _check_alt(alt)
    fig = NotebookFigure(figsize=(6.4, 3.6), layout="constrained")
    ax = fig.subplots()
    _draw_lines(ax, None, curves, xlabel=xlabel, ylabel=ylabel, title=title)
    _legend(ax, len(curves))
    return _finish(fig, alt)


def _pad_pair(pad_width: Any) -> tuple[int, int]:
    items = pad_width if isinstance(pad_width, (tuple, list)) else (pad_width, pad_width)
    if len(items) != 2:
        raise ValueError(f"pad_width must be an int or a pair (before, after), got {pad_width!r}.")
    before, after = (check_int(v, "pad_width", low=0, meaning="it counts the samples added on one side")
                     for v in items)
    return before, after


def plot_padding(row: Any, padded: Mapping[str, Any], pad_width: int | tuple[int, int], *,
                 fmt: str = "g", alt: str | None = None) -> Figure:
    """Show how border modes extend a row: one strip per mode, values written in every cell.

    The original samples are framed in vermillion, the padded samples are hatched in blue, and the ticks give
    each cell's index in the original row (negative before the start, ``>= len(row)`` after the end). Each
    cell is at least a third of an inch wide, so the values stay readable for wide paddings.

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
    alt : str, optional
        What the figure shows, for a reader who cannot see it (see :class:`NotebookFigure`).

    Returns
    -------
    matplotlib.figure.Figure
        One strip per mode, in the order of ``padded``, each labelled with its mode.

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
    alt = _check_alt(alt)
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
    width = min(0.45 * total + 1.8, 16.0)
    fig = NotebookFigure(figsize=(width, 0.75 * len(strips) + 1.0), layout="constrained")
    axes = fig.subplots(len(strips), 1, squeeze=False)[:, 0]
    for ax, (mode, values) in zip(axes, strips.items(), strict=True):
        _draw_strip(ax, values, before, after, fmt=fmt, lo=lo, hi=hi, width_inches=width - 1.8)
        ax.set_ylabel(mode, rotation=0, ha="right", va="center")
    axes[-1].set_xlabel("index in the original row (hatched: padding)")
    fig.suptitle(f"{n} samples padded with {before} before and {after} after")
    return _finish(fig, alt)


def plot_curves(
    x: Any,
    curves: Mapping[str, Any],
    xlabel: str,
    ylabel: str,
    mark: Mapping[str, float] | None = None,
    *,
    title: str | None = None,
    xscale: str = "linear",
    yscale: str = "linear",
    alt: str | None = None,
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
    xscale, yscale : {"linear", "log"}
        Axis scales. Use ``yscale="log"`` for operation counts or timings that span decades (a curve near
        zero on a linear axis hides how it grows); a log axis needs positive values.
    alt : str, optional
        What the figure shows, for a reader who cannot see it (see :class:`NotebookFigure`).

    Returns
    -------
    matplotlib.figure.Figure
        One axes with a line per curve, a dashed line per mark, and a legend.

    Examples
    --------
    >>> fig = plot_curves([1, 2, 3], {"PSNR": [20.0, 24.0, 22.0]}, "sigma", "dB", mark={"best": 2})
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['PSNR', 'best (x = 2)']
    >>> plot_curves([1, 2, 3], {"direct": [9, 81, 625]}, "sigma", "operations", yscale="log").axes[0].get_yscale()
    'log'
    """
    xs = as_image(x, name="x", ndim=1, allow_complex=False)
    data = _check_curves(curves, "curves", xs.shape[0])
    xscale, yscale = _check_scale(xscale, "xscale"), _check_scale(yscale, "yscale")
    alt = _check_alt(alt)
    if xscale == "log" and not np.all(xs > 0):
        raise ValueError("xscale='log' needs every x > 0; drop the x values <= 0 or use xscale='linear'.")
    if yscale == "log":
        for label, values in data.items():
            if not np.all(values[np.isfinite(values)] > 0):
                raise ValueError(f"yscale='log' needs positive values, but curves[{label!r}] has values <= 0; "
                                 "plot them on a linear axis, or drop them (np.nan is skipped).")
    entries = len(data) + (0 if mark is None else len(mark))
    fig = NotebookFigure(figsize=(6.4, 3.8), layout="constrained")
    ax = fig.subplots()
    _draw_lines(ax, xs, data, xlabel=xlabel, ylabel=ylabel, title=title)
    ax.set_xscale(xscale)
    ax.set_yscale(yscale)
    if mark is not None:
        if not isinstance(mark, Mapping):
            raise TypeError(f"mark must be a dict mapping a label to an x position, got {type(mark).__name__}.")
        for k, (label, pos) in enumerate(mark.items()):
            xv = check_number(pos, f"mark[{label!r}]", meaning="it is the x position of a marker")
            ax.axvline(xv, linestyle="--", color=_CURVE_COLOURS[(len(data) + k) % len(_CURVE_COLOURS)],
                       label=f"{label} (x = {xv:g})")
    _legend(ax, entries)
    return _finish(fig, alt)


def _centred_edges(values: np.ndarray, bin_width: float | None) -> np.ndarray:
    """Bin edges at (k + 1/2) * width: 0 is the centre of a bin, and every value falls inside the edges."""
    lo, hi = float(values.min()), float(values.max())
    if bin_width is None:
        span = max(abs(lo), abs(hi))
        bin_width = span / 25.0 if span > 0 else 1.0
    first = math.floor(lo / bin_width - 0.5)
    last = math.ceil(hi / bin_width + 0.5)
    return (np.arange(first, last + 1) + 0.5) * bin_width


def plot_histogram(
    values: Mapping[str, Any] | Any,
    *,
    bin_width: float | None = None,
    log: bool = False,
    xlabel: str = "value",
    ylabel: str | None = None,
    title: str | None = None,
    alt: str | None = None,
) -> Figure:
    """Histograms whose bins cannot lose a value, with 0 in the middle of a bin, on a linear or log axis.

    The bin edges are ``(k + 1/2) * bin_width`` for every ``k`` needed to cover the smallest and the largest
    value, so nothing falls outside and a spike of exact zeros (pixels the noise left alone) sits in one bin
    centred on 0 instead of on an edge. Each histogram is drawn as a step line of the *fraction* of values
    per bin, so histograms of different sizes compare. With ``log=True`` the fractions are on a log axis,
    where a spike holding 95 % of the values and the rare large jumps are both visible.

    Parameters
    ----------
    values : array_like, or dict of str -> array_like
        The values (any shape; flattened), or label -> values for several histograms on one axis.
    bin_width : float, optional
        Width of a bin (> 0). Default: the largest magnitude over 25, the same for every histogram.
    log : bool
        Logarithmic fraction axis.
    xlabel, ylabel, title : str
        Axis labels (the x label also gets the bin width) and an optional title.
    alt : str, optional
        What the figure shows, for a reader who cannot see it (see :class:`NotebookFigure`).

    Returns
    -------
    matplotlib.figure.Figure
        One step line per group on one axes, a thin line at 0, a legend.

    Examples
    --------
    >>> import numpy as np
    >>> noise = np.array([0.0] * 95 + [0.7, -0.3, 0.7, -0.3, 0.01])
    >>> ax = plot_histogram({"salt and pepper": noise}, bin_width=0.02).axes[0]
    >>> heights = ax.lines[0].get_ydata()[:-1]       # a step line repeats its last height
    >>> round(float(heights.sum()), 6)               # every value counted once
    1.0
    >>> edges = ax.lines[0].get_xdata()
    >>> bool(np.any(np.isclose(edges, -0.01)) and np.any(np.isclose(edges, 0.01)))   # 0 is a bin centre
    True
    >>> plot_histogram(noise, log=True).axes[0].get_yscale()
    'log'
    """
    alt = _check_alt(alt)
    groups = values if isinstance(values, Mapping) else {"values": values}
    if len(groups) == 0:
        raise ValueError("values is empty; pass an array, or {'label': array}.")
    arrays: dict[str, np.ndarray] = {}
    for label, arr in groups.items():
        if not isinstance(label, str):
            raise TypeError(f"values labels must be strings, got {label!r}.")
        a = as_image(arr, name=f"values[{label!r}]", allow_complex=False).astype(np.float64).ravel()
        arrays[label] = check_finite(a, f"values[{label!r}]", "drop them first (e.g. a[np.isfinite(a)]): a "
                                                               "histogram cannot place NaN or infinity in a bin")
    if bin_width is not None:
        bin_width = check_number(bin_width, "bin_width", low=0, open_low=True, meaning="it is the width of a bin")
    everything = np.concatenate(list(arrays.values()))
    edges = _centred_edges(everything, bin_width)
    fig = NotebookFigure(figsize=(6.4, 3.8), layout="constrained")
    ax = fig.subplots()
    styles = _curve_styles(list(arrays), markers=False)
    for (label, a), style in zip(arrays.items(), styles, strict=True):
        counts, _ = np.histogram(a, bins=edges)
        fraction = counts / a.size
        heights = np.append(fraction, fraction[-1])
        if log:
            heights = np.where(heights > 0, heights, np.nan)  # an empty bin has no place on a log axis
        ax.step(edges, heights, where="post", label=label, **style)
    ax.set_yscale("log" if log else "linear")
    ax.axvline(0.0, color="0.6", linewidth=0.8, zorder=0)
    ax.set_xlabel(f"{check_text(xlabel, 'xlabel')} (bins {edges[1] - edges[0]:.3g} wide, one centred on 0)")
    ax.set_ylabel(check_text(ylabel, "ylabel") if ylabel is not None else
                  "fraction of values" + (" (log scale)" if log else ""))
    ax.grid(True, alpha=0.3)
    if title is not None:
        ax.set_title(check_text(title, "title"))
    _legend(ax, len(arrays))
    return _finish(fig, alt)


def plot_frequency_responses(
    freqs: Any,
    responses: Mapping[str, Any],
    *,
    signed: bool | None = None,
    xlabel: str = "frequency (cycles per pixel)",
    ylabel: str | None = None,
    title: str | None = None,
    alt: str | None = None,
) -> Figure:
    """Plot the response of one or more filters against frequency: the gain ``|H|``, or ``H`` with its sign.

    A symmetric kernel centred on its middle tap has a real response ``H(f)``. Where ``H`` is negative the
    filter inverts the pattern of that frequency (a box blur turns fine stripes into stripes of the opposite
    phase); ``|H|`` hides that. Pass the signed response (``gausslearn.kernels.frequency_response(w,
    signed=True)``) to see it.

    Parameters
    ----------
    freqs : 1-D array_like
        Frequencies (e.g. from :func:`gausslearn.kernels.frequency_response`); 0.5 cycles per pixel is the
        fastest pattern a pixel grid can hold.
    responses : dict of str -> 1-D array_like
        Label -> real response at every frequency (pass ``np.abs(H)`` for the gain of a complex response).
    signed : bool, optional
        Draw ``H`` with its sign: the y axis is labelled ``H(f)`` and the negative half is shaded. By default,
        signed when any response is negative, a gain ``|H(f)|`` otherwise.
    xlabel, ylabel, title : str
        ``ylabel`` defaults to ``"response H(f)"`` or ``"gain |H(f)|"``.
    alt : str, optional
        What the figure shows, for a reader who cannot see it (see :class:`NotebookFigure`).

    Returns
    -------
    matplotlib.figure.Figure
        One line per response from 0 to the highest frequency given, with the zero line drawn.

    Examples
    --------
    >>> import numpy as np
    >>> f = np.linspace(0, 0.5, 5)
    >>> fig = plot_frequency_responses(f, {"box 3": (1 + 2 * np.cos(2 * np.pi * f)) / 3})
    >>> [float(v) for v in fig.axes[0].get_xlim()], fig.axes[0].get_ylabel()
    ([0.0, 0.5], 'response H(f) (negative: the pattern is inverted)')
    """
    fs = as_image(freqs, name="freqs", ndim=1, allow_complex=False)
    alt = _check_alt(alt)
    if isinstance(responses, Mapping):
        for label, values in responses.items():
            if np.iscomplexobj(values):
                raise TypeError(f"responses[{label!r}] is complex; pass np.abs(values) for the gain, or the real "
                                "response of a symmetric kernel (kernels.frequency_response(w, signed=True)).")
    data = _check_curves(responses, "responses", fs.shape[0], what="response")
    negative = any(bool(np.any(v < 0)) for v in data.values())
    if signed is None:
        signed = negative
    elif not isinstance(signed, bool):
        raise TypeError(f"signed must be True, False or None, got {signed!r}.")
    elif not signed and negative:
        raise ValueError("signed=False draws a gain |H(f)|, but a response has negative values; pass their "
                         "magnitude (np.abs), or signed=True to show the sign.")
    if ylabel is None:
        ylabel = "response H(f) (negative: the pattern is inverted)" if signed else "gain |H(f)|"
    fig = NotebookFigure(figsize=(6.4, 3.8), layout="constrained")
    ax = fig.subplots()
    _draw_lines(ax, fs, data, xlabel=xlabel, ylabel=ylabel, title=title, markers=False)
    ax.axhline(0.0, color="black", linewidth=0.8)
    if signed:
        bottom = min(min(float(np.nanmin(v)) for v in data.values()), -0.05)
        ax.axhspan(bottom * 1.1, 0.0, color="0.9", zorder=0)
        ax.set_ylim(bottom * 1.1, None)
    if fs.shape[0] > 1 and fs[0] != fs[-1]:
        ax.set_xlim(float(fs.min()), float(fs.max()))
    _legend(ax, len(data))
    return _finish(fig, alt)


def _require_view(view: Any, kind: type, maker: str) -> None:
    if not isinstance(view, kind):
        raise TypeError(f"expected a {kind.__name__}, the result of gausslearn.views.{maker}(...) (also importable "
                        f"from gausslearn.widgets), got {type(view).__name__}.")


def sigma_readouts(view: SigmaView) -> str:
    """The title line of :func:`plot_sigma_view`: sigma, the kernel radius, the edge width and the PSNR.

    Examples
    --------
    >>> import numpy as np
    >>> from gausslearn.views import sigma_view
    >>> step = np.zeros((16, 16)); step[:, 8:] = 1.0
    >>> sigma_readouts(sigma_view(step, 2.0))
    'sigma 2 px, kernel radius 8 px  |  edge width (10-90 %) 5.10 px'
    >>> sigma_readouts(sigma_view(step + 0.1, 2.0, reference=step))
    'sigma 2 px, kernel radius 8 px  |  edge width (10-90 %) 5.10 px  |  PSNR 14.22 dB (input 20.00 dB)'
    """
    text = (f"sigma {view.sigma:g} px, kernel radius {view.radius} px  |  "
            f"edge width (10-90 %) {view.edge_width:.2f} px")
    if view.psnr is not None:
        text += f"  |  PSNR {view.psnr:.2f} dB (input {view.psnr_input:.2f} dB)"
    return text


def plot_sigma_view(view: SigmaView, *, alt: str | None = None) -> Figure:
    """Draw a :class:`gausslearn.views.SigmaView`: input, blurred, residual and one row, under the readouts.

    Four panels in one row: the input; the blurred image with the profile row marked; the residual (input minus
    blurred) on :data:`SIGNED_CMAP` centred on 0, with a colour bar; the row before and after the blur. The
    title line gives the readouts (:func:`sigma_readouts`): sigma, the kernel radius, the 10-90 % edge width
    this sigma gives a clean step and, with a reference, the PSNR of the blurred image and of the input.
    The layout is fixed (no layout engine): the explorer redraws this figure on every slider move.

    Parameters
    ----------
    view : SigmaView
        The result of :func:`gausslearn.views.sigma_view`.
    alt : str, optional
        The text alternative; by default :func:`gausslearn.views.describe` of the view.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> from gausslearn.views import sigma_view
    >>> step = np.zeros((16, 16)); step[:, 8:] = 1.0
    >>> fig = plot_sigma_view(sigma_view(step, 1.0))
    >>> [ax.get_title() for ax in fig.axes]
    ['input', 'blurred, row 8 marked', 'residual = input - blurred', 'row 8']
    """
    _require_view(view, SigmaView, "sigma_view")
    alt = _check_alt(alt) or describe(view)
    # A fixed layout (no layout engine: the figure is redrawn on every slider move), in inches: three square
    # image panels, room for the residual's colour bar and for the profile's tick labels, then the profile.
    width, height, panel, bottom = 13.0, 3.7, 2.5, 0.55
    fig = NotebookFigure(figsize=(width, height))

    def place(left: float, wide: float) -> Axes:
        return fig.add_axes((left / width, bottom / height, wide / width, panel / height))

    ax_in, ax_blur, ax_res, ax_prof = place(0.1, panel), place(2.85, panel), place(5.6, panel), place(9.55, 3.35)
    _draw_image(ax_in, view.image, fig=fig, panel_inches=panel, signed=False)
    ax_in.set_title("input")
    _draw_image(ax_blur, view.blurred, fig=fig, panel_inches=panel, signed=False)
    ax_blur.axhline(view.row, color=_ROW_MARK, linewidth=1.2)
    ax_blur.set_title(f"blurred, row {view.row} marked")
    # The residual's colour scale: +-3 RMS (values beyond are clipped, and the panel says so), so that noise and
    # the edges the blur removed both show; the largest magnitude would leave most of the panel white.
    rms = float(np.sqrt(np.mean(np.square(view.residual)))) if view.residual.size else 0.0
    span = 3.0 * rms if rms > 0 else None
    _draw_image(ax_res, view.residual, fig=fig, panel_inches=panel, signed=True,
                vmin=None if span is None else -span, vmax=span)
    ax_res.set_title("residual = input - blurred")
    profiles = {"before (input)": view.profile_before, "after (blurred)": view.profile_after}
    _draw_lines(ax_prof, None, profiles, xlabel="column (pixels)", ylabel="value", markers=False)
    lo = min(float(np.min(v)) for v in profiles.values())
    hi = max(float(np.max(v)) for v in profiles.values())
    room = (hi - lo) or 1.0
    ax_prof.set_ylim(lo - 0.05 * room, hi + 0.35 * room)  # the legend's row above the curves
    ax_prof.legend(fontsize=8, loc="upper center", ncols=2, frameon=False)
    ax_prof.set_title(f"row {view.row}")
    fig.suptitle(sigma_readouts(view))
    return _finish(fig, alt)


def plot_border_view(view: BorderView, *, alt: str | None = None) -> Figure:
    """Draw a :class:`gausslearn.views.BorderView`: what the filter sees at the corner, and the result.

    Top left: the corner of the padded input (the image's first row and column start at the vermillion lines;
    the padding is what the mode invents, hatched). Top right: the blurred image at the same corner. Bottom:
    the start of one row with its padding, values written in.

    Parameters
    ----------
    view : BorderView
        What :func:`gausslearn.views.border_view` computed for one mode (the explorer redraws it per mode).
    alt : str, optional
        The text alternative; by default :func:`gausslearn.views.describe` of the view.

    Returns
    -------
    matplotlib.figure.Figure
        Three panels under a title naming the mode, sigma and the kernel radius (the width of the padding).

    Examples
    --------
    >>> import numpy as np
    >>> from gausslearn.views import border_view
    >>> fig = plot_border_view(border_view(np.eye(12), "wrap", 1.0))
    >>> [ax.get_title() for ax in fig.axes]
    ['input padded by 4 (mode wrap)', 'blurred, same corner', 'row 6, first samples']
    """
    _require_view(view, BorderView, "border_view")
    alt = _check_alt(alt) or describe(view)
    fig = NotebookFigure(figsize=(9.0, 6.2))  # fixed layout, as in plot_sigma_view
    axd = fig.subplot_mosaic([["input", "blurred"], ["strip", "strip"]], height_ratios=(3.0, 1.0), gridspec_kw={
        "left": 0.09, "right": 0.98, "bottom": 0.08, "top": 0.89, "hspace": 0.38, "wspace": 0.22})
    p = view.pad
    h, w = view.corner_blurred.shape
    lo, hi = _natural_range(view.corner_padded.dtype)
    ax = axd["input"]
    ax.imshow(view.corner_padded, cmap="gray", vmin=lo, vmax=hi, interpolation="nearest",
              extent=(-p - 0.5, w - 0.5, h - 0.5, -p - 0.5))
    ax.axhline(-0.5, color=_ORIGINAL_EDGE, linewidth=1.5)
    ax.axvline(-0.5, color=_ORIGINAL_EDGE, linewidth=1.5)
    if p > 0:
        for xy, width, height in (((-p - 0.5, -p - 0.5), w + p, p), ((-p - 0.5, -0.5), p, h)):
            ax.add_patch(Rectangle(xy, width, height, facecolor="none", hatch="//", edgecolor=_PADDING,
                                   linewidth=0, alpha=0.5))
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
    _draw_strip(axd["strip"], row_vals, view.row_pad, 0, fmt=".2f", lo=strip_lo, hi=strip_hi, width_inches=8.0,
                annotate=row_vals.shape[0] <= 24)
    axd["strip"].set_title(f"row {view.row}, first samples")
    axd["strip"].set_xlabel("column (hatched: padding)")
    fig.suptitle(f"border mode '{view.mode}', sigma = {view.sigma:g} px (kernel radius {view.radius} px)")
    return _finish(fig, alt)
