"""Rules a drawn figure must obey, checked on the figure itself after drawing it.

:func:`check_figure` draws a :class:`matplotlib.figure.Figure` once and returns every :class:`Violation` of
these rules (the ``rule`` names are what a test or an error message quotes):

``overlap``
    No two pieces of text overlap (titles, labels, tick labels, legend entries, annotations, colour bars),
    judged by the window extents the renderer gives them.
``outside``
    No text leaves the figure.
``signed``
    An image of signed data (values on both sides of 0, centred on 0: residuals, differences of Gaussians,
    derivatives; see :func:`looks_signed`) uses a diverging colour map centred on 0, with a colour bar.
``colour-name``
    A line whose label names a colour ("red", "green channel", ...) is drawn in that colour.
``colormap``
    No colour map that colour-vision deficiency makes unreadable (jet, rainbow, hsv, RdYlGn, ...).
``dpi``
    The figure is saved or shown at 100 dpi or more.
``alt``
    (when asked, as the course's display does) The figure carries a text alternative.

:func:`require_valid` raises :class:`FigureCheckError` naming the broken rules. The course calls it on every
figure it displays (``NotebookFigure`` in :mod:`gausslearn.plotting` and :func:`gausslearn.widgets.figure_png`)
when the environment variable ``GAUSSLEARN_CHECK_FIGURES`` is ``1`` (:func:`checking_enabled`); otherwise
nothing is checked and displaying costs nothing extra.

This module only inspects figures; it never draws into them or changes what they show (it may give a figure
without a canvas an Agg canvas, to be able to measure its text).
"""

from __future__ import annotations

import colorsys
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import CenteredNorm, TwoSlopeNorm, to_rgb
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.text import Text

__all__ = [
    "CVD_UNSAFE_COLORMAPS",
    "DIVERGING_COLORMAPS",
    "ENV_VAR",
    "MIN_DPI",
    "FigureCheckError",
    "Violation",
    "check_figure",
    "checking_enabled",
    "colour_family",
    "looks_signed",
    "require_valid",
]

#: Set this environment variable to ``1`` to check every figure the course displays.
ENV_VAR = "GAUSSLEARN_CHECK_FIGURES"
#: The lowest resolution at which a figure may be saved or shown.
MIN_DPI = 100
#: Colour maps accepted for signed data (each also reversed, ``_r``): ColorBrewer's colour-blind-safe
#: diverging maps, matplotlib's perceptually uniform ones, and a few common others.
DIVERGING_COLORMAPS = frozenset({
    "RdBu", "PuOr", "BrBG", "PiYG", "PRGn", "RdYlBu", "coolwarm", "bwr", "seismic", "berlin", "managua", "vanimo",
})
#: Colour maps that people with a colour-vision deficiency cannot read reliably (hue carries the values).
CVD_UNSAFE_COLORMAPS = frozenset({
    "jet", "rainbow", "gist_rainbow", "hsv", "nipy_spectral", "gist_ncar", "turbo", "RdYlGn", "Spectral", "brg",
    "gist_stern", "prism", "flag",
})

_COLOUR_WORDS = {
    "red": "red", "orange": "orange", "yellow": "yellow", "green": "green", "cyan": "cyan", "teal": "cyan",
    "blue": "blue", "purple": "purple", "violet": "purple", "magenta": "magenta", "pink": "magenta",
    "brown": "brown", "black": "black", "white": "white", "grey": "grey", "gray": "grey",
}
_COLOUR_RE = re.compile(r"\b(" + "|".join(_COLOUR_WORDS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Violation:
    """One broken rule: ``rule`` is its name (see the module docstring), ``message`` says where and how."""

    rule: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


class FigureCheckError(AssertionError):
    """A displayed figure broke one or more rules; ``violations`` lists them, the message names each rule."""

    def __init__(self, violations: list[Violation]):
        self.violations = list(violations)
        rules = sorted({v.rule for v in self.violations})
        lines = "\n".join(f"  {v}" for v in self.violations)
        super().__init__(f"the figure breaks {len(rules)} rule(s) of gausslearn.figure_check "
                         f"({', '.join(rules)}):\n{lines}")


def checking_enabled() -> bool:
    """Whether ``GAUSSLEARN_CHECK_FIGURES=1`` asks for every displayed figure to be checked."""
    return os.environ.get(ENV_VAR, "").strip() == "1"


# ------------------------------------------------------------------------------------------- judgements ---

def looks_signed(values: Any) -> bool:
    """Whether an image holds *signed data*: values on both sides of 0, centred on 0.

    True when the finite values reach below and above 0 (beyond rounding: 1e-6 of the largest magnitude) and
    their median lies within 10 % of the largest magnitude from 0, as in a residual, a difference of Gaussians
    or a derivative. A noisy photograph also dips below 0, but its median is far from 0, so it is not signed.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> looks_signed(rng.normal(0.0, 0.1, (32, 32)))          # a residual
    True
    >>> looks_signed(np.clip(rng.normal(0.5, 0.3, (32, 32)), -0.2, 1.2))  # a noisy image
    False
    >>> looks_signed(np.array([[-1e-17, 0.5], [1.0, 0.2]]))    # a blur's rounding is not a sign
    False
    """
    arr = np.ma.asarray(values)
    if arr.dtype.kind not in "iuf":
        return False
    data = np.asarray(arr.compressed(), dtype=np.float64)
    data = data[np.isfinite(data)]
    if data.size == 0:
        return False
    lo, hi = float(data.min()), float(data.max())
    scale = max(abs(lo), abs(hi))
    if scale == 0.0 or not (lo < -1e-6 * scale and hi > 1e-6 * scale):
        return False
    return abs(float(np.median(data))) <= 0.1 * scale


def colour_family(colour: Any) -> str:
    """The name of the colour family a matplotlib colour belongs to (``"red"``, ``"blue"``, ``"grey"``, ...).

    Examples
    --------
    >>> [colour_family(c) for c in ("#d62728", "tab:green", "#0072B2", "orange", "0.5", "k")]
    ['red', 'green', 'blue', 'orange', 'grey', 'black']
    """
    r, g, b = to_rgb(colour)
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    if v < 0.2:
        return "black"
    if s < 0.2:
        return "white" if v > 0.9 else "grey"
    deg = h * 360.0
    if deg < 15 or deg >= 345:
        return "red"
    if deg < 45:
        return "orange" if v > 0.65 else "brown"
    if deg < 70:
        return "yellow"
    if deg < 165:
        return "green"
    if deg < 195:
        return "cyan"
    if deg < 255:
        return "blue"
    if deg < 290:
        return "purple"
    return "magenta"


def _diverging_and_centred(image: AxesImage) -> tuple[bool, bool]:
    name = image.get_cmap().name
    diverging = name.removesuffix("_r") in DIVERGING_COLORMAPS
    norm = image.norm
    if isinstance(norm, (TwoSlopeNorm, CenteredNorm)):
        return diverging, float(norm.vcenter) == 0.0
    lo, hi = norm.vmin, norm.vmax
    if lo is None or hi is None:
        return diverging, False
    return diverging, abs(lo + hi) <= 1e-9 * max(abs(lo), abs(hi), 1e-300)


# --------------------------------------------------------------------------------------------- drawing ---

@contextmanager
def _recording_texts() -> Iterator[list[Text]]:
    """Collect every Text object that really draws itself (visible, non-empty) while the figure is drawn."""
    drawn: list[Text] = []
    original = Text.draw

    def draw(self: Text, renderer: Any) -> None:
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)

    Text.draw = draw  # type: ignore[method-assign]
    try:
        yield drawn
    finally:
        Text.draw = original  # type: ignore[method-assign]


def _describe(text: Text) -> str:
    content = " ".join(text.get_text().split())
    return repr(content if len(content) <= 40 else content[:37] + "...")


def _where(text: Text, owners: dict[int, Any]) -> str:
    ax = text.axes or owners.get(id(text))
    return "the figure" if ax is None else _axes_name(ax)


def _text_boxes(fig: Figure) -> tuple[list[Text], np.ndarray, Any]:
    canvas = fig.canvas if hasattr(fig.canvas, "get_renderer") else FigureCanvasAgg(fig)
    # Two draws, as a display does (Jupyter and savefig(bbox_inches="tight") draw once to measure, once to
    # render): a layout engine with fixed-aspect images settles only on the second pass.
    canvas.draw()
    with _recording_texts() as drawn:
        canvas.draw()
    renderer = canvas.get_renderer()
    unique = list(dict.fromkeys(drawn))
    boxes = np.array([t.get_window_extent(renderer).extents for t in unique]).reshape(-1, 4)
    return unique, boxes, renderer


def _owners(fig: Figure) -> dict[int, Any]:
    """Which axes each text belongs to, axis labels and tick labels included (their ``.axes`` may be None)."""
    return {id(t): ax for ax in fig.axes for t in ax.findobj(Text)}


def _overlaps(texts: list[Text], boxes: np.ndarray, tol: float, owners: dict[int, Any]) -> list[Violation]:
    if len(texts) < 2:
        return []
    x0, y0, x1, y1 = (boxes[:, i] + (tol if i < 2 else -tol) for i in range(4))
    width = np.minimum(x1[:, None], x1[None, :]) - np.maximum(x0[:, None], x0[None, :])
    height = np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :])
    hit = (width > 0) & (height > 0)
    hit = np.triu(hit, k=1)
    out = []
    for i, j in zip(*np.nonzero(hit), strict=True):
        out.append(Violation("overlap", f"text {_describe(texts[i])} ({_where(texts[i], owners)}) overlaps "
                                        f"{_describe(texts[j])} ({_where(texts[j], owners)})"))
    return out


def check_figure(fig: Figure, *, dpi: float | None = None, require_alt: bool = False) -> list[Violation]:
    """Draw ``fig`` and return every rule it breaks (an empty list when it obeys them all).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, as it would be shown.
    dpi : float, optional
        The resolution it is saved or shown at (default: the figure's own ``dpi``).
    require_alt : bool
        Also require a text alternative: a non-empty ``alt`` attribute (set by the course's plotting
        functions, see :class:`gausslearn.plotting.NotebookFigure`); rule ``alt``.

    Returns
    -------
    list of Violation

    Examples
    --------
    >>> fig = Figure(dpi=100)
    >>> ax = fig.subplots()
    >>> _ = ax.plot([0, 1], [0, 1], color="tab:blue", label="red channel")
    >>> [v.rule for v in check_figure(fig)], [v.rule for v in check_figure(fig, dpi=72)]
    (['colour-name'], ['colour-name', 'dpi'])
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}.")
    shown_dpi = float(fig.dpi if dpi is None else dpi)
    texts, boxes, _ = _text_boxes(fig)
    owners = _owners(fig)
    violations = _overlaps(texts, boxes, tol=0.0, owners=owners)
    width, height = fig.bbox.width, fig.bbox.height
    slack = 1.0 * fig.dpi / 100.0
    for text, (x0, y0, x1, y1) in zip(texts, boxes, strict=True):
        if x0 < -slack or y0 < -slack or x1 > width + slack or y1 > height + slack:
            violations.append(Violation("outside", f"text {_describe(text)} ({_where(text, owners)}) leaves the figure "
                                                   f"(extent {x0:.0f}..{x1:.0f} x {y0:.0f}..{y1:.0f} px in a "
                                                   f"{width:.0f} x {height:.0f} px figure)"))
    for ax in fig.axes:
        for image in ax.get_images():
            if image.get_array() is None:
                continue
            cmap = image.get_cmap().name
            if cmap.removesuffix("_r") in CVD_UNSAFE_COLORMAPS:
                violations.append(Violation("colormap", f"an image in {_axes_name(ax)} uses the colour map "
                                                        f"{cmap!r}, unreadable with colour-vision deficiency; use "
                                                        "gray or viridis/cividis (sequential), RdBu_r (signed)"))
            if np.ndim(image.get_array()) != 2 or getattr(image, "_gausslearn_signed", None) is False:
                continue
            if not looks_signed(image.get_array()):
                continue
            diverging, centred = _diverging_and_centred(image)
            problems = []
            if not diverging:
                problems.append(f"colour map {cmap!r} is not diverging")
            if not centred:
                problems.append(f"its range {image.norm.vmin:.3g}..{image.norm.vmax:.3g} is not centred on 0")
            if image.colorbar is None:
                problems.append("it has no colour bar")
            if problems:
                violations.append(Violation("signed", f"an image of signed data in {_axes_name(ax)}: "
                                                      + "; ".join(problems)))
        for line in ax.get_lines():
            violations.extend(_colour_name(line, ax))
    if require_alt and not str(getattr(fig, "alt", None) or "").strip():
        violations.append(Violation("alt", "the figure has no text alternative: pass alt=\"what the figure "
                                           "shows\" to the plotting function that made it"))
    if shown_dpi < MIN_DPI:
        violations.append(Violation("dpi", f"the figure is shown at {shown_dpi:g} dpi; use {MIN_DPI} or more"))
    return violations


def _axes_name(ax: Any) -> str:
    title = ax.get_title()
    return f"axes {title!r}" if title else "an untitled axes"


def _colour_name(line: Line2D, ax: Any) -> list[Violation]:
    label = str(line.get_label())
    if label.startswith("_"):
        return []
    named = {_COLOUR_WORDS[m.lower()] for m in _COLOUR_RE.findall(label)}
    if len(named) != 1:
        return []
    (want,) = named
    got = colour_family(line.get_color())
    if got == want or (want == "brown" and got == "orange"):
        return []
    return [Violation("colour-name", f"the line {label!r} in {_axes_name(ax)} is drawn in {got} "
                                     f"({line.get_color()!s}), not {want}")]


def require_valid(fig: Figure, *, dpi: float | None = None, require_alt: bool = False) -> None:
    """Raise :class:`FigureCheckError` naming every rule ``fig`` breaks (see :func:`check_figure`).

    Examples
    --------
    >>> fig = Figure(dpi=100)
    >>> _ = fig.subplots().plot([0, 1], color="tab:blue", label="red")
    >>> require_valid(fig)
    Traceback (most recent call last):
    ...
    gausslearn.figure_check.FigureCheckError: the figure breaks 1 rule(s) of gausslearn.figure_check (colour-name):
      [colour-name] the line 'red' in an untitled axes is drawn in blue (tab:blue), not red
    """
    violations = check_figure(fig, dpi=dpi, require_alt=require_alt)
    if violations:
        raise FigureCheckError(violations)
