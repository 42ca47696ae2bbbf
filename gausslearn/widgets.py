"""Thin interactive widgets for the notebooks: predict-first prompts, a sigma explorer, a border explorer.

Each widget is a shell around plain functions that can be tested without a browser:

- :func:`judge_prediction` decides whether a prediction was right and says so;
- the explorers compute their views with :mod:`gausslearn.views` (plain data) and draw them with
  :mod:`gausslearn.plotting`; their callback, ``update(...)``, recomputes the view from all their controls'
  values and returns it.

:func:`~gausslearn.views.sigma_view`, :func:`~gausslearn.views.border_view` and their dataclasses are re-exported
here because notebooks import them from this module.

The widgets degrade gracefully outside a live kernel. Their ``text/plain`` form is deterministic (no model id,
no memory address), so ``nbval`` can compare it on re-execution. :func:`predict` adds a ``text/html`` fallback
that shows the question and the options but not the answer: the verdicts and reasons travel encoded in a data
attribute that ``gausslearn/static/predict.js`` (:data:`PREDICT_JS`) reveals on a static page after a click.
The explorers add a ``text/html`` ``<img>`` (with its alt text) of the view they show, for a static render of
the notebook (nbconvert without widget state, the course website).

CSS classes for browser tests: ``gl-predict`` and ``gl-predict-<key>`` (prompt container),
``gl-predict-options`` (its buttons), ``gl-predict-reveal`` (the answer, present only after a choice, with
``gl-predict-correct`` or ``gl-predict-wrong``; inside it ``gl-predict-verdict``, ``gl-predict-why``,
``gl-predict-explanation`` and ``gl-predict-others``), ``gl-predict-static`` (the HTML fallback, whose options
list ``gl-predict-static-options`` predict.js turns into ``gl-predict-option`` buttons), ``gl-sigma-explorer`` /
``gl-border-explorer`` (explorer containers), ``gl-controls`` (their row of controls), ``gl-sigma-slider``,
``gl-border-mode``, ``gl-border-sigma``, ``gl-figure`` (the ``<img>`` of an explorer, replaced on every change),
``gl-figure-alt`` (its folded text description) and ``gl-message`` (error text, with ``gl-error`` while an error
is shown).
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from gausslearn import figure_check, plotting
from gausslearn._validation import (
    MODES,
    as_gray_image,
    as_image,
    check_mode,
    check_scalar_sigma,
    check_sigma,
    check_text,
    check_truncate,
)
from gausslearn.views import BorderView, SigmaView, border_view, describe, sigma_view

__all__ = [
    "MIN_OPTIONS",
    "PREDICT_JS",
    "decode_verdict",
    "encode_verdict",
    "judge_prediction",
    "predict",
    "Prediction",
    "verdict_data",
    "SigmaView",
    "sigma_view",
    "sigma_explorer",
    "SigmaExplorer",
    "BorderView",
    "border_view",
    "border_explorer",
    "BorderExplorer",
]

#: Resolution of the pictures shown inside the explorers (fixed, so the bytes are reproducible).
FIGURE_DPI = plotting.FIGURE_DPI

_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SHORT_OPTION = 24  # options longer than this are shown as radio buttons, one per line
#: The fewest options a prompt with reasons may offer: the answer and at least two real misconceptions.
MIN_OPTIONS = 3


# --------------------------------------------------------------------------------------------------------------
# predict-first prompts
# --------------------------------------------------------------------------------------------------------------

def _check_options(options: Any) -> tuple[tuple[str, ...], dict[str, str]]:
    """Return the options of a prompt and their reasons, refusing anything but ``{option: reason}``."""
    if not isinstance(options, Mapping):
        raise TypeError(f"options must be a dict {{option: why it is tempting}}, got {type(options).__name__}; "
                        "every option needs the reason a learner might pick it (shown after the choice), e.g. "
                        "{'brighter': 'a blur adds light', 'darker': 'the dot is shared among 9 pixels', "
                        "'unchanged': 'a blur only smooths'}. (A list of options without reasons is no longer "
                        "accepted.)")
    opts = tuple(options)
    reasons: dict[str, str] = {}
    for i, o in enumerate(opts):
        if not isinstance(o, str) or not o.strip():
            raise TypeError(f"options must map each option (a non-empty string) to the reason it is tempting; "
                            f"option {i} is {o!r}.")
        why = options[o]
        if not isinstance(why, str) or not why.strip():
            raise TypeError(f"options[{o!r}] must be a non-empty string saying why {o!r} is tempting (or, for "
                            f"the answer, why it is right), got {why!r}.")
        if "\n" in why.strip():
            raise ValueError(f"options[{o!r}] is several lines long; a reason is one line, shown after the "
                             "choice (put the longer story in explanation).")
        reasons[o] = why.strip()
    if len(opts) < MIN_OPTIONS:
        raise ValueError(f"options has {len(opts)} entries; a prompt needs at least {MIN_OPTIONS}, each a "
                         "misconception a learner might really hold, with the reason it is tempting.")
    return opts, reasons


def _option_names(options: Any) -> tuple[str, ...]:
    """The options offered, from a prompt's ``{option: reason}`` or a plain sequence (for :func:`judge_prediction`)."""
    if isinstance(options, Mapping):
        return _check_options(options)[0]
    if isinstance(options, str) or not isinstance(options, Sequence):
        raise TypeError(f"options must be the options offered, a dict {{option: reason}} or a list of strings, "
                        f"got {type(options).__name__}.")
    opts = tuple(options)
    if len(opts) < 2:
        raise ValueError(f"options has {len(opts)} entries; a prediction needs at least 2 options to choose from.")
    for i, o in enumerate(opts):
        if not isinstance(o, str) or not o.strip():
            raise TypeError(f"options[{i}] must be a non-empty string, got {o!r}.")
    if len(set(opts)) != len(opts):
        dup = sorted({o for o in opts if opts.count(o) > 1})
        raise ValueError(f"options must be distinct; {dup} appear more than once.")
    return opts


def judge_prediction(options: Sequence[str] | Mapping[str, str], answer: str, choice: str) -> tuple[bool, str]:
    """Say whether ``choice`` is the right option, in a sentence for the learner.

    Parameters
    ----------
    options : mapping of str to str, or sequence of str
        The options offered (a mapping's keys are the options).
    answer : str
        The right option; must be one of ``options``.
    choice : str
        The option the learner picked; must be one of ``options``.

    Returns
    -------
    (correct, message) : (bool, str)

    Examples
    --------
    >>> judge_prediction(["darker", "brighter"], "darker", "darker")
    (True, 'Right: darker.')
    >>> judge_prediction(["darker", "brighter"], "darker", "brighter")
    (False, 'Not quite: you predicted "brighter"; the answer is "darker".')
    >>> judge_prediction(["darker", "brighter"], "darker", "grey")
    Traceback (most recent call last):
    ...
    ValueError: choice 'grey' is not one of the options ['darker', 'brighter'].
    """
    opts = _option_names(options)
    if answer not in opts:
        raise ValueError(f"answer {answer!r} is not one of the options {list(opts)}; "
                         "the answer must be spelled exactly as one option.")
    if choice is None:
        raise ValueError("no option chosen yet; pick one of the options first.")
    if choice not in opts:
        raise ValueError(f"choice {choice!r} is not one of the options {list(opts)}.")
    if choice == answer:
        return True, f"Right: {answer}."
    return False, f'Not quite: you predicted "{choice}"; the answer is "{answer}".'


def _why(option: str, answer: str, reason: str) -> str:
    """The sentence shown for one option after the choice (also written by static/predict.js)."""
    return f'Why "{option}" is {"right" if option == answer else "tempting"}: {reason}'


def verdict_data(options: Mapping[str, str], answer: str, explanation: str) -> dict[str, Any]:
    """Everything a prompt reveals after a choice, as plain data (what the static fallback embeds, encoded).

    Parameters
    ----------
    options, answer, explanation
        As in :func:`predict`.

    Returns
    -------
    dict
        ``options`` (in order), ``answer``, ``explanation``, ``verdicts`` (the message of
        :func:`judge_prediction` for each option, in order) and ``reasons`` (one sentence per option, in order,
        "Why "x" is tempting: ..." or "Why "y" is right: ...").

    Examples
    --------
    >>> d = verdict_data({"2": "one run per press", "4": "three presses after 1", "3": "two presses"}, "4",
    ...                  "Each run adds 1 to the value the previous run left.")
    >>> d["verdicts"][1], d["reasons"][1]
    ('Right: 4.', 'Why "4" is right: three presses after 1')
    """
    opts, reasons = _check_options(options)
    return {
        "version": 1,
        "options": list(opts),
        "answer": answer,
        "explanation": explanation,
        "verdicts": [judge_prediction(opts, answer, o)[1] for o in opts],
        "reasons": [_why(o, answer, reasons[o]) for o in opts],
    }


def encode_verdict(data: dict[str, Any]) -> str:
    """``data`` as base64 of its UTF-8 JSON: unreadable at a glance, decoded by ``static/predict.js``.

    This hides the answer from a reader of the page, not from someone who decodes it on purpose.

    Examples
    --------
    >>> encode_verdict({"answer": "4"})
    'eyJhbnN3ZXIiOiAiNCJ9'
    >>> decode_verdict(encode_verdict({"answer": "é"}))
    {'answer': 'é'}
    """
    return base64.b64encode(json.dumps(data, ensure_ascii=False).encode("utf-8")).decode("ascii")


def decode_verdict(text: str) -> dict[str, Any]:
    """The inverse of :func:`encode_verdict` (what the course website's script does in the browser)."""
    return json.loads(base64.b64decode(text.encode("ascii")).decode("utf-8"))


class Prediction(widgets.VBox):
    """A predict-first prompt: a question, its options, and the answer revealed after a choice.

    Built by :func:`predict`. After the first choice the options are locked (a prediction is a commitment)
    and an element with the CSS class ``gl-predict-reveal`` shows the verdict, why the chosen option is tempting
    (or right), the explanation, and why each other option is tempting. Nothing is recorded anywhere: no file,
    no network; the choice lives in the widget only.
    """

    def __init__(self, question: str, options: tuple[str, ...], answer: str, explanation: str, key: str,
                 reasons: dict[str, str]):
        self.question, self.options, self.answer, self.explanation, self.key = (
            question, options, answer, explanation, key)
        self.reasons = dict(reasons)
        self.question_html = widgets.HTMLMath(value=f"<b>Predict first.</b> {html.escape(question)}")
        self.question_html.add_class("gl-predict-question")
        if max(len(o) for o in options) <= _SHORT_OPTION:
            self.buttons: widgets.ToggleButtons | widgets.RadioButtons = widgets.ToggleButtons(
                options=list(options), value=None, style={"button_width": "auto"})
        else:
            self.buttons = widgets.RadioButtons(options=list(options), value=None,
                                                layout=widgets.Layout(width="max-content"))
        self.buttons.add_class("gl-predict-options")
        self.reveal = widgets.HTMLMath(value="", layout=widgets.Layout(display="none"))
        super().__init__(children=[self.question_html, self.buttons, self.reveal])
        self.add_class("gl-predict")
        self.add_class(f"gl-predict-{key}")
        self.buttons.observe(self._on_choice, names="value")

    def _on_choice(self, change: dict) -> None:
        if change["new"] is not None:
            self.choose(change["new"])

    def choose(self, option: str) -> tuple[bool, str]:
        """Record ``option`` as the learner's prediction and reveal the answer; return the verdict.

        The same as clicking the option's button. Raises ValueError for an option that is not offered.
        """
        correct, message = judge_prediction(self.options, self.answer, option)
        if self.buttons.value != option:
            self.buttons.value = option  # re-enters through the observer; the reveal below is idempotent
        items = "".join(f"<li>{html.escape(_why(o, self.answer, self.reasons[o]))}</li>"
                        for o in self.options if o != option)
        parts = [f'<p class="gl-predict-verdict"><b>{html.escape(message)}</b></p>',
                 f'<p class="gl-predict-why">{html.escape(_why(option, self.answer, self.reasons[option]))}</p>',
                 f'<p class="gl-predict-explanation">{html.escape(self.explanation)}</p>',
                 f'<ul class="gl-predict-others">{items}</ul>']
        self.reveal.value = "".join(parts)
        self.reveal.remove_class("gl-predict-wrong" if correct else "gl-predict-correct")
        self.reveal.add_class("gl-predict-correct" if correct else "gl-predict-wrong")
        self.reveal.add_class("gl-predict-reveal")
        self.reveal.layout.display = None
        self.buttons.disabled = True
        return correct, message

    @property
    def revealed(self) -> bool:
        """Whether a choice has been made and the answer is shown."""
        return "gl-predict-reveal" in self.reveal._dom_classes

    def _text_plain(self) -> str:
        lines = [f"Predict first: {self.question}"]
        lines += [f"  {chr(ord('a') + i)}) {o}" for i, o in enumerate(self.options)]
        lines.append("(choose in JupyterLab to see the answer)")
        return "\n".join(lines)

    def _text_html(self) -> str:
        data = encode_verdict(verdict_data(dict(self.reasons), self.answer, self.explanation))
        items = "".join(f"<li>{html.escape(o)}</li>" for o in self.options)
        return (f'<div class="gl-predict-static" data-key="{self.key}" data-gl-predict="{data}">\n'
                f'<p class="gl-predict-question"><b>Predict first.</b> {html.escape(self.question)}</p>\n'
                f'<ol class="gl-predict-static-options" type="a">{items}</ol>\n'
                '<p class="gl-predict-hint">Choose an option in JupyterLab, or on the course website, to see the '
                "answer.</p>\n</div>")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self._text_plain()
        data["text/html"] = self._text_html()
        return data


def predict(question: str, options: Mapping[str, str], answer: str, explanation: str, *, key: str) -> Prediction:
    """A predict-first prompt: the learner picks an option, then sees whether it was right and why.

    In JupyterLab the options are buttons (radio buttons when an option is longer than 24 characters). After
    the choice the options lock and the prompt shows the verdict, why the chosen option is tempting (or right),
    the explanation, and why each other option is tempting. Nothing leaves the notebook.

    Where widgets are not live (a stored notebook, the course website), the prompt shows as HTML with the
    question and the options only: the verdicts, reasons and explanation travel in the ``data-gl-predict``
    attribute, base64 of JSON (:func:`verdict_data`), which ``gausslearn/static/predict.js`` turns into
    buttons that reveal them after a click. Both text forms are deterministic.

    Parameters
    ----------
    question : str
        The question, as plain text.
    options : dict of str to str
        At least three options, each mapped to one line saying why it is tempting (for the answer: why it is
        right); every wrong option should be a misconception a learner might really hold. (A list of options
        without reasons is refused: the learner would learn nothing from a wrong choice but that it was wrong.)
    answer : str
        The right option (spelled exactly as in ``options``).
    explanation : str
        Why; shown after the choice.
    key : str
        A short identifier made of letters, digits, ``-`` and ``_``, unique in its notebook; the prompt gets the
        CSS class ``gl-predict-<key>``.

    Returns
    -------
    Prediction
        An ipywidgets ``VBox``; display it (last line of a cell).

    Examples
    --------
    >>> p = predict("Does blurring change the mean grey level?",
    ...             {"yes, darker": "the blur looks darker at the edges",
    ...              "yes, brighter": "bright spots spread over more pixels",
    ...              "no": "the weights sum to 1, so the total is kept"},
    ...             "no", "The kernel sums to 1: every pixel's value is moved, not lost.", key="mean")
    >>> p.revealed
    False
    >>> p.choose("yes, darker")
    (False, 'Not quite: you predicted "yes, darker"; the answer is "no".')
    >>> p.revealed, p.buttons.disabled
    (True, True)
    >>> print(p._repr_mimebundle_()["text/plain"])
    Predict first: Does blurring change the mean grey level?
      a) yes, darker
      b) yes, brighter
      c) no
    (choose in JupyterLab to see the answer)
    """
    for name, value in (("question", question), ("explanation", explanation)):
        check_text(value, name, allow_empty=False)
    opts, reasons = _check_options(options)
    if not isinstance(answer, str) or answer not in opts:
        raise ValueError(f"answer {answer!r} is not one of the options {list(opts)}; "
                         "the answer must be spelled exactly as one option.")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise ValueError(f"key must be a non-empty string of letters, digits, '-' and '_', got {key!r}; "
                         "it names the prompt (CSS class gl-predict-<key>).")
    return Prediction(question, opts, answer, explanation, key, reasons)


#: The script a static page includes to make :func:`predict`'s fallback interactive (plain JS, no network).
PREDICT_JS = Path(__file__).with_name("static") / "predict.js"


# --------------------------------------------------------------------------------------------------------------
# explorers
# --------------------------------------------------------------------------------------------------------------

def figure_png(fig: Figure, *, dpi: int = FIGURE_DPI) -> bytes:
    """Render a figure to PNG bytes at a fixed resolution, then empty it so it holds no memory.

    A figure with a layout engine is first settled (:func:`gausslearn.plotting.settle_layout`). With
    ``GAUSSLEARN_CHECK_FIGURES=1`` the figure is then checked against :mod:`gausslearn.figure_check` at that
    resolution, after the picture is rendered (so the bytes are the same with or without the check), and a broken
    rule raises :class:`~gausslearn.figure_check.FigureCheckError`.

    Examples
    --------
    >>> from gausslearn.plotting import plot_kernel
    >>> figure_png(plot_kernel([0.25, 0.5, 0.25]))[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    plotting.settle_layout(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    if figure_check.checking_enabled():
        figure_check.require_valid(fig, dpi=dpi)
    fig.clear()
    return buf.getvalue()


def _description_html(view: Any) -> str:
    return ("<details><summary>Text description of the figure</summary>"
            f"<p>{html.escape(describe(view))}</p></details>")


class _Explorer(widgets.VBox):
    """Shared shell: a row of controls, a picture (class ``gl-figure``) and a message line (class ``gl-message``).

    ``controls`` maps each keyword of ``compute`` to the widget that sets it; ``compute(**values)`` makes the view
    for the controls' values (a function of :mod:`gausslearn.views`), ``draw(view)`` its figure (a function of
    :mod:`gausslearn.plotting`) and ``summary(view)`` the deterministic ``text/plain`` form. A change of any
    control calls :meth:`update` with the new value, which recomputes the view from *all* controls' values.
    The picture's text alternative, :func:`gausslearn.views.describe` of the view, is the ``alt`` of the static
    ``<img>`` (``text/html``) and, live, a folded "Text description of the figure" under the picture (class
    ``gl-figure-alt``), updated with it. (An ``Image`` widget cannot carry it: setting its ``tooltip`` makes
    JupyterLab's widget manager 3.0 fail to create the view.)
    """

    def __init__(self, controls: Mapping[str, widgets.ValueWidget], css: str, *, compute: Callable[..., Any],
                 draw: Callable[[Any], Figure], summary: Callable[[Any], str]):
        self.controls = dict(controls)
        self._compute, self._draw, self._summary = compute, draw, summary
        self.view = compute(**self.values())
        self.figure = widgets.Image(value=figure_png(draw(self.view)), format="png",
                                    layout=widgets.Layout(max_width="100%"))
        self.figure.add_class("gl-figure")
        self.description = widgets.HTML(value=_description_html(self.view))
        self.description.add_class("gl-figure-alt")
        self.message = widgets.HTML(value="")
        self.message.add_class("gl-message")
        row = widgets.HBox(children=list(self.controls.values()))
        row.add_class("gl-controls")
        super().__init__(children=[row, self.figure, self.description, self.message])
        self.add_class(css)
        for name, control in self.controls.items():
            control.observe(partial(self._on_change, name), names="value")

    def values(self) -> dict[str, Any]:
        """Each control's current value, by the keyword it sets."""
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, name: str, change: dict) -> None:
        self.update(**{name: change["new"]})

    def update(self, *args: Any, **values: Any) -> Any:
        """Show the view for the controls' values, with ``values`` (by keyword, or in the controls' order) in
        place of theirs; return the view, or None after showing the error message in the widget.

        This is the controls' callback (a change of one control passes its new value). Called directly it does
        not move the controls: the next change of any control recomputes from the controls' own values.
        """
        names = list(self.controls)
        if len(args) > len(names):
            raise TypeError(f"update takes at most {len(names)} positional values ({', '.join(names)}), "
                            f"got {len(args)}.")
        given = dict(zip(names, args, strict=False))
        unknown = sorted(set(values) - set(names))
        if unknown or set(given) & set(values):
            raise TypeError(f"update sets {', '.join(names)}; got {', '.join(unknown) or 'a value twice'}.")
        try:
            view = self._compute(**(self.values() | given | values))
        except (TypeError, ValueError) as error:
            self.message.value = f'<span style="color:#b2182b">{html.escape(str(error))}</span>'
            self.message.add_class("gl-error")
            return None
        self.view = view
        self.figure.value = figure_png(self._draw(view))
        self.description.value = _description_html(view)
        self.message.value = ""
        self.message.remove_class("gl-error")
        return view

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self._summary(self.view)
        # The static picture (a stored notebook without widget state, nbconvert, the course website): the same
        # <img> with alt text as the course's figures; JupyterLab shows the live widget instead (it ranks first).
        data["text/html"] = plotting.png_html(self.figure.value, describe(self.view))
        return data


class SigmaExplorer(_Explorer):
    """A sigma slider (class ``gl-sigma-slider``) above :func:`gausslearn.plotting.plot_sigma_view`.

    Built by :func:`sigma_explorer`. ``update(sigma)`` is the slider's callback; it returns the new
    :class:`~gausslearn.views.SigmaView`.
    """

    @property
    def slider(self) -> widgets.FloatSlider:
        """The slider (the explorer's control)."""
        return self.controls["sigma"]


def _check_sigmas(sigmas: Any) -> tuple[float, float, float]:
    if not isinstance(sigmas, Sequence) or isinstance(sigmas, str) or len(sigmas) != 3:
        raise ValueError(f"sigmas must be (smallest, largest, step), e.g. (0.5, 8.0, 0.5); got {sigmas!r}.")
    lo, hi = check_sigma(list(sigmas[:2]), 2, name="sigmas")
    step = check_sigma(sigmas[2], 1, name="sigmas step")[0]
    if not lo < hi or step <= 0:
        raise ValueError(f"sigmas must be (smallest, largest, step) with smallest < largest and step > 0; "
                         f"got {sigmas!r}.")
    return lo, hi, step


def _sigma_slider(sigmas: Any, sigma: float | None, default: float, css: str) -> widgets.FloatSlider:
    """A sigma slider over ``sigmas`` = (smallest, largest, step) starting at ``sigma`` (or ``default``)."""
    lo, hi, step = _check_sigmas(sigmas)
    if sigma is None:
        sigma = default if lo <= default <= hi else lo
    start = check_scalar_sigma(sigma)
    if not lo <= start <= hi:
        raise ValueError(f"sigma {start:g} is outside the slider's range {lo:g}..{hi:g}.")
    slider = widgets.FloatSlider(value=start, min=lo, max=hi, step=step, description="sigma",
                                 continuous_update=False, readout_format=".2f")
    slider.add_class(css)
    return slider


def sigma_explorer(image: Any, *, sigmas: tuple[float, float, float] = (0.5, 8.0, 0.5), sigma: float | None = None,
                   row: int | None = None, truncate: float = 4.0, reference: Any = None) -> SigmaExplorer:
    """A slider for sigma and the picture of :func:`sigma_view` for the chosen value.

    The picture (:func:`gausslearn.plotting.plot_sigma_view`) shows the input, the blurred image, the residual
    and one row before and after, under the readouts: sigma, the kernel radius, the 10-90 % edge width this
    sigma gives a clean step and, with a ``reference``, the PSNR of the blurred image and of the input.

    Parameters
    ----------
    image : array_like, 2-D
        A grey image (typically a noisy one).
    sigmas : (float, float, float)
        The slider's smallest value, largest value and step.
    sigma : float, optional
        The initial value (default: 2.0 if inside ``sigmas``, else the smallest value).
    row, truncate, reference
        As in :func:`sigma_view`.

    Returns
    -------
    SigmaExplorer
        An ipywidgets ``VBox``; ``.slider`` is the slider, ``.figure`` the picture, ``.view`` the current
        :class:`SigmaView`, ``.update(sigma)`` the callback.

    Examples
    --------
    >>> import numpy as np
    >>> ex = sigma_explorer(np.eye(32), sigmas=(0.5, 4.0, 0.5))
    >>> ex.slider.value, ex.view.radius
    (2.0, 8)
    >>> ex.slider.value = 1.0
    >>> ex.view.sigma, ex.view.radius
    (1.0, 4)
    >>> ex.update(-1.0) is None, "sigma must be &gt;= 0" in ex.message.value
    (True, True)
    """
    arr = as_gray_image(image).copy()  # the explorer keeps its own copy: later edits of `image` do not leak in
    arr.setflags(write=False)
    slider = _sigma_slider(sigmas, sigma, 2.0, "gl-sigma-slider")
    t = check_truncate(truncate)
    if reference is not None:
        reference = as_image(reference, name="reference", allow_complex=False).copy()
        reference.setflags(write=False)
    rows, cols = arr.shape

    def summary(v: SigmaView) -> str:
        return (f"Sigma explorer: sigma = {v.sigma:g} px (slider {slider.min:g} to {slider.max:g} in steps of "
                f"{slider.step:g}), row {v.row} of a {rows}x{cols} image. Move the slider in JupyterLab.")

    return SigmaExplorer({"sigma": slider}, "gl-sigma-explorer", draw=plotting.plot_sigma_view, summary=summary,
                         compute=partial(sigma_view, arr, row=row, truncate=t, reference=reference))


class BorderExplorer(_Explorer):
    """A drop-down of border modes (class ``gl-border-mode``) and a sigma slider (class ``gl-border-sigma``)
    above :func:`gausslearn.plotting.plot_border_view`.

    Built by :func:`border_explorer`. ``update(mode=..., sigma=...)`` is the controls' callback (``update(mode)``
    for the mode alone); it returns the new :class:`~gausslearn.views.BorderView`.
    """

    @property
    def dropdown(self) -> widgets.Dropdown:
        """The drop-down of modes."""
        return self.controls["mode"]

    @property
    def slider(self) -> widgets.FloatSlider:
        """The sigma slider."""
        return self.controls["sigma"]


def border_explorer(image: Any, *, sigma: float = 3.0, mode: str = "reflect", sigmas: tuple[float, float, float] = (
        0.5, 8.0, 0.5), row: int | None = None) -> BorderExplorer:
    """A drop-down of SciPy border modes, a sigma slider, and the picture of :func:`border_view` for the two.

    Parameters
    ----------
    image : array_like, 2-D
        A grey image.
    sigma : float
        The slider's initial standard deviation of the Gaussian in pixels.
    mode : str
        The initially selected mode.
    sigmas : (float, float, float)
        The sigma slider's smallest value, largest value and step.
    row : int, optional
        As in :func:`border_view`.

    Returns
    -------
    BorderExplorer
        An ipywidgets ``VBox``; ``.dropdown`` is the drop-down, ``.slider`` the sigma slider, ``.figure`` the
        picture, ``.view`` the current :class:`BorderView`, ``.update(mode=..., sigma=...)`` the callback.

    Examples
    --------
    >>> import numpy as np
    >>> ex = border_explorer(np.eye(24), sigma=1.0)
    >>> ex.dropdown.value, ex.view.mode, ex.view.radius
    ('reflect', 'reflect', 4)
    >>> ex.dropdown.value = "wrap"
    >>> ex.slider.value = 2.0
    >>> ex.view.mode, ex.view.sigma, ex.view.radius
    ('wrap', 2.0, 8)
    """
    arr = as_gray_image(image).copy()  # the explorer keeps its own copy: later edits of `image` do not leak in
    arr.setflags(write=False)
    first = check_mode(mode, 1)[0]
    dropdown = widgets.Dropdown(options=list(MODES), value=first, description="mode")
    dropdown.add_class("gl-border-mode")
    slider = _sigma_slider(sigmas, sigma, 3.0, "gl-border-sigma")
    rows, cols = arr.shape

    def summary(v: BorderView) -> str:
        return (f"Border explorer: mode = '{v.mode}', sigma = {v.sigma:g} px (radius {v.radius}; slider "
                f"{slider.min:g} to {slider.max:g} in steps of {slider.step:g}), a {rows}x{cols} image. Choose a "
                "mode and a sigma in JupyterLab.")

    return BorderExplorer({"mode": dropdown, "sigma": slider}, "gl-border-explorer", draw=plotting.plot_border_view,
                          summary=summary, compute=partial(border_view, arr, row=row))
