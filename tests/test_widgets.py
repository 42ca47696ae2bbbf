"""Tests of gausslearn.widgets without a browser: callbacks are plain functions, views are plain data."""

import base64
import dataclasses
import html
import re

import matplotlib

matplotlib.use("Agg")

import ipywidgets as ipw  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from scipy import ndimage  # noqa: E402

from gausslearn import metrics  # noqa: E402
from gausslearn._validation import MODES  # noqa: E402
from gausslearn.borders import pad  # noqa: E402
from gausslearn.kernels import gaussian_kernel1d  # noqa: E402
from gausslearn.plotting import png_html  # noqa: E402
from gausslearn.widgets import (  # noqa: E402
    PREDICT_JS,
    BorderView,
    Prediction,
    SigmaView,
    border_explorer,
    border_view,
    decode_verdict,
    describe,
    encode_verdict,
    judge_prediction,
    predict,
    sigma_explorer,
    sigma_view,
    verdict_data,
)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _img_png(tag: str) -> bytes:
    """The PNG bytes of an <img src="data:image/png;base64,..."> tag."""
    return base64.b64decode(re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', tag).group(1))


def _step(rows=24, cols=24, at=12):
    img = np.zeros((rows, cols))
    img[:, at:] = 1.0
    return img


def _noisy_texture(seed=0, shape=(24, 28)):
    return np.random.default_rng(seed).random(shape)


def _no_ids(text: str) -> bool:
    """No widget model id (32 hex digits) and no memory address in a text the notebook stores."""
    return re.search(r"[0-9a-f]{32}|0x[0-9a-f]{6,}", text) is None


# ------------------------------------------------------------------------------------------------ judge_prediction

class TestJudgePrediction:
    options = ["darker", "brighter", "unchanged"]

    def test_right(self):
        assert judge_prediction(self.options, "unchanged", "unchanged") == (True, "Right: unchanged.")

    def test_wrong_names_both_choice_and_answer(self):
        correct, message = judge_prediction(self.options, "unchanged", "darker")
        assert correct is False
        assert message == 'Not quite: you predicted "darker"; the answer is "unchanged".'

    @pytest.mark.parametrize(("options", "answer", "choice", "error", "match"), [
        (["a", "b"], "c", "a", ValueError, r"answer 'c' is not one of the options \['a', 'b'\]"),
        (["a", "b"], "a", "z", ValueError, r"choice 'z' is not one of the options"),
        (["a", "b"], "a", None, ValueError, "no option chosen yet"),
        (["a"], "a", "a", ValueError, "at least 2 options"),
        (["a", "a", "b"], "a", "a", ValueError, r"options must be distinct; \['a'\]"),
        ("ab", "a", "a", TypeError, r"options must be the options offered, a dict \{option: reason\} or a list"),
        (["a", 2], "a", "a", TypeError, r"options\[1\] must be a non-empty string"),
    ])
    def test_validation(self, options, answer, choice, error, match):
        with pytest.raises(error, match=match):
            judge_prediction(options, answer, choice)


# ---------------------------------------------------------------------------------------------------------- predict

def _prompt(**kw):
    args = {"question": "A 3x3 box blur of a <b>bright</b> dot: brighter or darker?",
            "options": {"brighter": "a blur spreads light around", "darker": "the dot is shared among 9 pixels",
                        "unchanged": "a blur only smooths"},
            "answer": "darker", "explanation": "The dot's value is shared among 9 pixels & each gets 1/9.",
            "key": "box-dot"}
    args.update(kw)
    return predict(**args)


class TestPredict:
    def test_structure_and_css_classes(self):
        p = _prompt()
        assert isinstance(p, Prediction) and isinstance(p, ipw.VBox)
        assert {"gl-predict", "gl-predict-box-dot"} <= set(p._dom_classes)
        assert isinstance(p.buttons, ipw.ToggleButtons)
        assert "gl-predict-options" in p.buttons._dom_classes
        assert p.buttons.options == ("brighter", "darker", "unchanged")
        assert p.buttons.value is None  # nothing preselected: the learner must choose

    def test_answer_hidden_until_a_choice(self):
        p = _prompt()
        assert not p.revealed
        assert "gl-predict-reveal" not in p.reveal._dom_classes
        assert p.reveal.layout.display == "none"
        assert p.reveal.value == ""

    def test_clicking_an_option_reveals_verdict_and_explanation(self):
        p = _prompt()
        p.buttons.value = "brighter"  # what a click does
        assert p.revealed
        assert {"gl-predict-reveal", "gl-predict-wrong"} <= set(p.reveal._dom_classes)
        assert p.reveal.layout.display is None
        assert "Not quite: you predicted &quot;brighter&quot;; the answer is &quot;darker&quot;." in p.reveal.value
        assert "shared among 9 pixels &amp; each" in p.reveal.value
        assert p.buttons.disabled  # a prediction is a commitment

    def test_choose_returns_the_verdict(self):
        p = _prompt()
        assert p.choose("darker") == (True, "Right: darker.")
        assert p.buttons.value == "darker"
        assert "gl-predict-correct" in p.reveal._dom_classes
        assert "gl-predict-wrong" not in p.reveal._dom_classes
        with pytest.raises(ValueError, match="choice 'grey' is not one of the options"):
            p.choose("grey")

    def test_long_options_become_radio_buttons(self):
        p = _prompt(options={"it gets brighter everywhere": "light spreads", "darker": "shared among 9",
                             "unchanged": "a blur only smooths"})
        assert isinstance(p.buttons, ipw.RadioButtons)
        assert p.buttons.value is None
        p.buttons.value = "darker"
        assert p.revealed

    def test_mimebundle_has_widget_view_and_deterministic_text_fallbacks(self):
        p, q = _prompt(), _prompt()
        data = p._repr_mimebundle_()
        assert data[WIDGET_VIEW]["model_id"] == p.model_id
        assert data["text/plain"] == q._repr_mimebundle_()["text/plain"]
        assert data["text/html"] == q._repr_mimebundle_()["text/html"]
        assert p._repr_mimebundle_() == data  # same object, called twice
        assert _no_ids(data["text/plain"]) and _no_ids(data["text/html"])
        assert data["text/plain"].splitlines() == [
            "Predict first: A 3x3 box blur of a <b>bright</b> dot: brighter or darker?",
            "  a) brighter", "  b) darker", "  c) unchanged", "(choose in JupyterLab to see the answer)"]

    def test_fallback_does_not_change_after_the_choice(self):
        p = _prompt()
        before = p._repr_mimebundle_()
        p.choose("brighter")
        after = p._repr_mimebundle_()
        assert (before["text/plain"], before["text/html"]) == (after["text/plain"], after["text/html"])

    @pytest.mark.parametrize("options", [["brighter", "darker", "unchanged"], ("brighter", "darker", "unchanged")])
    def test_the_list_form_without_reasons_is_refused(self, options):
        with pytest.raises(TypeError, match=r"options must be a dict \{option: why it is tempting\}, got "
                                            r"(list|tuple); every option needs the reason .* no longer accepted"):
            _prompt(options=options)

    @pytest.mark.parametrize(("kw", "error", "match"), [
        ({"key": "has space"}, ValueError, "key must be a non-empty string of letters"),
        ({"key": ""}, ValueError, "key must be"),
        ({"answer": "grey"}, ValueError, r"answer 'grey' is not one of the options"),
        ({"question": ""}, TypeError, "question must be a non-empty string"),
        ({"explanation": None}, TypeError, "explanation must be a non-empty string"),
        ({"options": "abc"}, TypeError, "options must be a dict"),
    ])
    def test_validation(self, kw, error, match):
        with pytest.raises(error, match=match):
            _prompt(**kw)


# ------------------------------------------------------------------------------- predict with reasons (the new form)

REASONS = {
    "brighter": "a blur spreads light, so it feels like it adds some",
    "darker": "the dot's value is shared among 9 pixels",
    "unchanged": "a blur only smooths, so a single dot should survive",
}
EXPLANATION = "Each of the 9 pixels gets 1/9 of the dot: the peak drops to a ninth & the total is kept."


def _reasoned(answer="darker", **kw):
    args = {"question": "A 3x3 box blur of a <b>bright</b> dot: what happens to the peak?", "options": REASONS,
            "answer": answer, "explanation": EXPLANATION, "key": "box-dot"}
    args.update(kw)
    return predict(**args)


def _visible(html_text: str) -> str:
    """The fallback HTML as a reader sees it: the encoded data attribute removed."""
    return re.sub(r' data-gl-predict="[^"]*"', "", html_text)


class TestPredictWithReasons:
    def test_options_keep_their_order_and_reasons(self):
        p = _reasoned()
        assert p.options == ("brighter", "darker", "unchanged") and p.buttons.options == p.options
        assert p.reasons == REASONS

    def test_choice_reveals_verdict_why_explanation_and_the_other_reasons(self):
        p = _reasoned()
        assert p.choose("unchanged") == (False, 'Not quite: you predicted "unchanged"; the answer is "darker".')
        shown = p.reveal.value
        assert '<p class="gl-predict-why">Why &quot;unchanged&quot; is tempting: a blur only smooths' in shown
        assert "the peak drops to a ninth &amp; the total is kept." in shown
        others = re.search(r'<ul class="gl-predict-others">(.*)</ul>', shown).group(1)
        assert "Why &quot;darker&quot; is right: the dot&#x27;s value is shared" in others
        assert "Why &quot;brighter&quot; is tempting" in others and "unchanged" not in others
        assert shown.index("gl-predict-verdict") < shown.index("gl-predict-why") < shown.index("gl-predict-explanation")
        assert p.buttons.disabled and "gl-predict-wrong" in p.reveal._dom_classes

    def test_right_choice_says_why_it_is_right(self):
        p = _reasoned()
        p.buttons.value = "darker"
        assert "Right: darker." in p.reveal.value
        assert "Why &quot;darker&quot; is right:" in p.reveal.value and "gl-predict-correct" in p.reveal._dom_classes

    def test_static_html_shows_question_and_options_but_no_answer(self):
        bundle = _reasoned()._repr_mimebundle_()
        page, text = bundle["text/html"], bundle["text/plain"]
        visible = _visible(page)
        assert "<details" not in page and "Answer" not in visible
        assert "&lt;b&gt;bright&lt;/b&gt;" in visible
        assert '<ol class="gl-predict-static-options" type="a"><li>brighter</li><li>darker</li><li>unchanged</li></ol>' \
            in visible
        for secret in [EXPLANATION, html.escape(EXPLANATION), *REASONS.values(), *map(html.escape, REASONS.values()),
                       "Right:", "Not quite", "tempting", "is right"]:
            assert secret not in visible and secret not in text
        # the answer is one option among others: moving it changes nothing a reader can see
        for other in ("brighter", "unchanged"):
            moved = _reasoned(answer=other)._repr_mimebundle_()
            assert _visible(moved["text/html"]) == visible and moved["text/plain"] == text
            assert moved["text/html"] != page

    def test_the_data_attribute_decodes_to_the_verdict_data(self):
        page = _reasoned()._repr_mimebundle_()["text/html"]
        encoded = re.search(r' data-gl-predict="([A-Za-z0-9+/=]+)"', page).group(1)
        assert not any(word in encoded for word in ("darker", "ninth", "shared"))  # not readable as it stands
        data = decode_verdict(encoded)
        assert data == verdict_data(REASONS, "darker", EXPLANATION)
        assert data["options"] == ["brighter", "darker", "unchanged"] and data["answer"] == "darker"
        assert data["explanation"] == EXPLANATION
        assert data["verdicts"] == ['Not quite: you predicted "brighter"; the answer is "darker".', "Right: darker.",
                                    'Not quite: you predicted "unchanged"; the answer is "darker".']
        assert data["reasons"][1] == 'Why "darker" is right: ' + REASONS["darker"]
        assert data["reasons"][0] == 'Why "brighter" is tempting: ' + REASONS["brighter"]
        assert encode_verdict(data) == encoded

    def test_fallback_is_deterministic_and_free_of_ids(self):
        a, b = _reasoned()._repr_mimebundle_(), _reasoned()._repr_mimebundle_()
        assert (a["text/html"], a["text/plain"]) == (b["text/html"], b["text/plain"])
        assert _no_ids(a["text/html"]) and _no_ids(a["text/plain"])

    def test_choosing_records_nothing_outside_the_notebook(self, monkeypatch):
        import builtins
        import socket

        def refuse(*args, **kwargs):
            raise AssertionError("a prediction must not open files or sockets")

        p = _reasoned()
        monkeypatch.setattr(builtins, "open", refuse)
        monkeypatch.setattr(socket, "socket", refuse)
        monkeypatch.setattr(socket, "create_connection", refuse)
        p.buttons.value = "brighter"
        p.choose("brighter")
        p._repr_mimebundle_()
        assert p.revealed

    @pytest.mark.parametrize(("kw", "error", "match"), [
        ({"options": {"a": "x", "b": "y"}, "answer": "a"}, ValueError, "options has 2 entries; a prompt needs at least 3"),
        ({"options": {**REASONS, "darker": ""}}, TypeError, r"options\['darker'\] must be a non-empty string saying why"),
        ({"options": {**REASONS, "darker": None}}, TypeError, r"options\['darker'\] must be a non-empty string"),
        ({"options": {**REASONS, "darker": "one\ntwo"}}, ValueError, r"options\['darker'\] is several lines long"),
        ({"options": {**REASONS, 3: "x"}}, TypeError, "must map each option .* option 3 is 3"),
        ({"answer": "grey"}, ValueError, r"answer 'grey' is not one of the options \['brighter', 'darker', 'unchanged'\]"),
    ])
    def test_validation(self, kw, error, match):
        with pytest.raises(error, match=match):
            _reasoned(**kw)


def test_predict_js_is_plain_offline_javascript():
    script = PREDICT_JS.read_text(encoding="utf-8")
    for network in ("fetch(", "XMLHttpRequest", "WebSocket", "sendBeacon", "import(", "http:", "https:",
                    "localStorage", "sessionStorage", "document.cookie", "innerHTML", "eval(", "</script"):
        assert network not in script, f"predict.js uses {network}"
    for needed in ('"data-gl-predict"', "aria-pressed", 'button.type = "button"', '"aria-live"', "textContent",
                   "gl-predict-reveal", "gl-predict-correct", "gl-predict-wrong", ".gl-predict-static-options"):
        assert needed in script
    # the sentences predict.js shows come from the data Python wrote: no verdict wording is duplicated in JS
    assert "Not quite" not in script and "Right:" not in script


# ------------------------------------------------------------------------------------------------------- sigma_view

class TestSigmaView:
    def test_blurred_is_scipys_gaussian_filter_of_the_float_image(self):
        img = _noisy_texture()
        v = sigma_view(img, 1.7, truncate=3.0)
        np.testing.assert_array_equal(v.blurred, ndimage.gaussian_filter(img, 1.7, truncate=3.0))
        assert (v.sigma, v.truncate, v.radius) == (1.7, 3.0, int(3.0 * 1.7 + 0.5))

    def test_kernel_has_2r_plus_1_weights_summing_to_one(self):
        v = sigma_view(_noisy_texture(), 2.0)
        np.testing.assert_array_equal(v.kernel, gaussian_kernel1d(2.0))
        assert v.kernel.shape == (2 * v.radius + 1,)
        assert v.kernel.sum() == pytest.approx(1.0)
        assert np.argmax(v.kernel) == v.radius

    def test_profiles_are_rows_of_input_and_output(self):
        img = _noisy_texture()
        v = sigma_view(img, 1.0, row=5)
        assert v.row == 5
        np.testing.assert_array_equal(v.profile_before, img[5])
        np.testing.assert_array_equal(v.profile_after, v.blurred[5])
        assert sigma_view(img, 1.0).row == img.shape[0] // 2

    def test_uint8_image_is_converted_to_float_first(self):
        img = (_noisy_texture() * 255).astype(np.uint8)
        v = sigma_view(img, 1.0)
        np.testing.assert_allclose(v.blurred, ndimage.gaussian_filter(img / 255.0, 1.0))

    def test_edge_width_is_a_property_of_sigma(self):
        # 10-90 % width of a Gaussian-blurred ideal step: 2 * 1.2816 * sigma, on a clean step whatever the image
        for s in (1.0, 2.0, 4.0):
            assert sigma_view(_noisy_texture(), s).edge_width == pytest.approx(2.563 * s, rel=0.05)
        widths = {sigma_view(img, 2.0).edge_width for img in (_step(), _step()[:, ::-1], _noisy_texture(),
                                                                 np.full((6, 6), 0.5), _step(64, 64, 32))}
        assert len(widths) == 1
        # the same as measuring a wide clean step blurred by SciPy, far from any border
        step = _step(8, 200, 100)
        measured = metrics.edge_width(ndimage.gaussian_filter(step, 3.0, truncate=2.5)[4])
        assert sigma_view(_noisy_texture(), 3.0, truncate=2.5).edge_width == pytest.approx(measured)

    def test_edge_width_of_no_blur_is_that_of_a_pixel_step(self):
        assert sigma_view(_noisy_texture(), 0.0).edge_width == pytest.approx(0.8)  # metrics.edge_width of a step
        assert sigma_view(_noisy_texture(), 0.1).edge_width == pytest.approx(0.8)  # radius 0: no blur either

    def test_input_and_residual(self):
        img = (_noisy_texture() * 255).astype(np.uint8)
        v = sigma_view(img, 1.5)
        np.testing.assert_array_equal(v.image, img / 255.0)
        np.testing.assert_array_equal(v.residual, v.image - v.blurred)
        assert v.residual.min() < 0 < v.residual.max()  # signed

    def test_psnr_only_against_a_reference(self):
        clean = _step()
        noisy = clean + np.random.default_rng(1).normal(0, 0.1, clean.shape)
        v = sigma_view(noisy, 1.0, reference=clean)
        assert v.psnr == pytest.approx(metrics.psnr(clean, v.blurred, data_range=1.0))
        assert v.psnr_input == pytest.approx(metrics.psnr(clean, noisy, data_range=1.0))
        plain = sigma_view(noisy, 1.0)
        assert plain.psnr is None and plain.psnr_input is None
        # blurring noise away raises the PSNR against the clean image
        assert v.psnr > v.psnr_input

    def test_sigma_zero_leaves_the_image(self):
        img = _noisy_texture()
        v = sigma_view(img, 0.0)
        np.testing.assert_array_equal(v.blurred, img)
        assert v.radius == 0

    def test_view_is_frozen_and_read_only_and_input_untouched(self):
        img = _noisy_texture()
        keep = img.copy()
        img.setflags(write=False)
        v = sigma_view(img, 1.0)
        np.testing.assert_array_equal(img, keep)
        assert isinstance(v, SigmaView)
        with pytest.raises(dataclasses.FrozenInstanceError):
            v.sigma = 3.0
        for name in ("image", "blurred", "residual", "profile_before", "profile_after", "kernel"):
            with pytest.raises(ValueError, match="read-only"):
                getattr(v, name)[0] = 1.0

    @pytest.mark.parametrize(("args", "kw", "error", "match"), [
        ((np.zeros((4, 4)), -1.0), {}, ValueError, r"sigma must be >= 0 and finite, got -1.0"),
        ((np.zeros((4, 4)), float("nan")), {}, ValueError, "silently ignores a negative or NaN sigma"),
        ((np.zeros((4, 4)), [1.0, 2.0]), {}, TypeError, "sigma must be one number"),
        ((np.zeros((4, 4, 3)), 1.0), {}, ValueError, r"colour image .* pass one channel"),
        ((np.zeros(4), 1.0), {}, ValueError, "must be a 2-D grey image"),
        ((np.zeros((4, 4)), 1.0), {"row": 4}, ValueError, r"row 4 is outside the image, which has rows 0..3"),
        ((np.zeros((4, 4)), 1.0), {"row": 1.5}, TypeError, "row must be an integer"),
        ((np.zeros((4, 4)), 1.0), {"truncate": -1}, ValueError, "truncate must be >= 0"),
        ((np.zeros((4, 4)), 1.0), {"reference": np.zeros((3, 3))}, ValueError, "reference has shape"),
    ])
    def test_validation(self, args, kw, error, match):
        with pytest.raises(error, match=match):
            sigma_view(*args, **kw)


# --------------------------------------------------------------------------------------------------- sigma_explorer

@pytest.fixture
def no_figure_leak():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


class TestSigmaExplorer:
    def test_parts_and_css_classes(self, no_figure_leak):
        ex = sigma_explorer(_step(), sigmas=(0.5, 4.0, 0.5))
        assert isinstance(ex, ipw.VBox)
        assert "gl-sigma-slider" in ex.slider._dom_classes
        assert "gl-figure" in ex.figure._dom_classes and "gl-sigma-explorer" in ex._dom_classes
        controls = ex.children[0]
        assert "gl-controls" in controls._dom_classes and controls.children == (ex.slider,)
        assert ex.children[1:] == (ex.figure, ex.description, ex.message)
        assert ex.controls == {"sigma": ex.slider} and ex.values() == {"sigma": 2.0}
        assert (ex.slider.min, ex.slider.max, ex.slider.step, ex.slider.value) == (0.5, 4.0, 0.5, 2.0)
        assert ex.figure.value[:8] == b"\x89PNG\r\n\x1a\n"

    def test_moving_the_slider_rerenders(self, no_figure_leak):
        ex = sigma_explorer(_step())
        first = ex.figure.value
        ex.slider.value = 4.0
        assert ex.view.sigma == 4.0
        assert ex.figure.value != first
        four = ex.figure.value
        ex.slider.value = 2.0
        assert ex.figure.value == first  # same sigma, same bytes
        ex.slider.value = 4.0
        assert ex.figure.value == four

    def test_update_is_the_callback_and_returns_the_view(self, no_figure_leak):
        ex = sigma_explorer(_noisy_texture(), row=3)
        v = ex.update(1.5)
        assert isinstance(v, SigmaView) and v is ex.view and v.row == 3 and v.sigma == 1.5

    def test_bad_value_shows_message_in_widget_and_keeps_the_picture(self, no_figure_leak):
        ex = sigma_explorer(_step())
        shown = ex.figure.value
        assert ex.update(-2.0) is None
        assert "sigma must be &gt;= 0 and finite, got -2.0" in ex.message.value
        assert "gl-error" in ex.message._dom_classes
        assert ex.figure.value == shown and ex.view.sigma == 2.0
        ex.update(1.0)
        assert ex.message.value == "" and "gl-error" not in ex.message._dom_classes

    def test_mimebundle_static_fallback(self, no_figure_leak):
        ex = sigma_explorer(_step(16, 20, 8), sigmas=(0.5, 8.0, 0.5), sigma=1.5)
        data = ex._repr_mimebundle_()
        assert data[WIDGET_VIEW]["model_id"] == ex.model_id
        assert "image/png" not in data  # the picture is stored once, in the <img>
        assert data["text/html"] == png_html(ex.figure.value, describe(ex.view))
        assert _img_png(data["text/html"]) == ex.figure.value
        assert data["text/plain"] == ("Sigma explorer: sigma = 1.5 px (slider 0.5 to 8 in steps of 0.5), row 8 of "
                                      "a 16x20 image. Move the slider in JupyterLab.")
        again = sigma_explorer(_step(16, 20, 8), sigmas=(0.5, 8.0, 0.5), sigma=1.5)._repr_mimebundle_()
        assert again["text/plain"] == data["text/plain"] and again["text/html"] == data["text/html"]
        assert _no_ids(data["text/plain"])
        # the picture's text alternative: the alt of the static <img>, and a folded text under the live picture
        alt = html.unescape(re.search(r' alt="([^"]*)"', data["text/html"]).group(1))
        assert alt == describe(ex.view) and "sigma 1.5 px (kernel radius 6 px)" in alt
        assert "gl-figure-alt" in ex.description._dom_classes
        assert html.escape(describe(ex.view)) in ex.description.value and "<details>" in ex.description.value
        ex.slider.value = 3.0
        assert "sigma 3 px" in ex.description.value

    def test_description_names_the_readouts(self, no_figure_leak):
        clean = _step()
        noisy = clean + np.random.default_rng(2).normal(0, 0.1, clean.shape)
        ex = sigma_explorer(noisy, reference=clean, sigma=2.0, row=5)
        v = ex.view
        text = describe(v)
        for part in ("the input", "the blurred image with row 5 marked", "the residual, input minus blurred",
                     "row 5 before and after", f"edge width {v.edge_width:.2f} px",
                     f"PSNR against the clean image {v.psnr:.2f} dB (the input: {v.psnr_input:.2f} dB)"):
            assert part in text
        assert text in html.unescape(ex.description.value)

    def test_explorer_keeps_its_own_copy_of_the_image(self, no_figure_leak):
        img = _step()
        ex = sigma_explorer(img, reference=img)
        img[:] = 0.5  # the learner reuses the variable
        np.testing.assert_array_equal(ex.update(1.0).image, _step())
        assert ex.view.psnr < 60  # still compared with the step, not with the flat image

    def test_no_matplotlib_figures_left_behind(self, no_figure_leak):
        ex = sigma_explorer(_step())
        for s in (0.5, 1.0, 1.5, 3.0):
            ex.slider.value = s

    @pytest.mark.parametrize(("kw", "error", "match"), [
        ({"sigmas": (2.0, 1.0, 0.5)}, ValueError, "smallest < largest and step > 0"),
        ({"sigmas": (0.5, 2.0)}, ValueError, r"sigmas must be \(smallest, largest, step\)"),
        ({"sigmas": (-1.0, 2.0, 0.5)}, ValueError, "sigmas must be >= 0"),
        ({"sigma": 9.0}, ValueError, r"sigma 9 is outside the slider's range 0.5..8"),
        ({"row": 99}, ValueError, "row 99 is outside the image"),
    ])
    def test_validation(self, kw, error, match):
        with pytest.raises(error, match=match):
            sigma_explorer(_step(), **kw)


# ------------------------------------------------------------------------------------------------------ border_view

class TestBorderView:
    img = np.arange(400, dtype=float).reshape(20, 20) / 400

    @pytest.mark.parametrize(("mode", "np_mode"), [("reflect", "symmetric"), ("mirror", "reflect"),
                                                   ("nearest", "edge"), ("wrap", "wrap"),
                                                   ("constant", "constant"), ("grid-wrap", "wrap")])
    def test_padding_follows_the_mode(self, mode, np_mode):
        v = border_view(self.img, mode, 1.0, row=3)
        expected = np.pad(self.img, ((4, 0), (4, 0)), mode=np_mode)
        np.testing.assert_array_equal(v.corner_padded, expected[:20, :20])
        np.testing.assert_array_equal(v.row_padded, np.pad(self.img[3], (4, 0), mode=np_mode)[:12])

    @pytest.mark.parametrize("mode", MODES)
    def test_padding_is_gausslearn_borders_pad(self, mode):
        v = border_view(self.img, mode, 1.5, row=7)
        padded = pad(self.img, 6, mode=mode)
        np.testing.assert_array_equal(v.corner_padded, padded[:22, :22])
        np.testing.assert_array_equal(v.row_padded, padded[6 + 7, :6 + 8])

    @pytest.mark.parametrize("mode", MODES)
    def test_blurred_corner_is_scipys_result(self, mode):
        v = border_view(self.img, mode, 2.0)
        full = ndimage.gaussian_filter(self.img, 2.0, mode=mode)
        np.testing.assert_array_equal(v.corner_blurred, full[:16, :16])
        assert (v.mode, v.sigma, v.radius, v.pad) == (mode, 2.0, 8, 8)
        assert v.corner_padded.shape == (24, 24)

    def test_constant_mode_darkens_the_corner_of_a_flat_image(self):
        flat = np.full((20, 20), 0.8)
        assert border_view(flat, "constant", 2.0).corner_blurred[0, 0] < 0.8 * 0.5
        np.testing.assert_allclose(border_view(flat, "reflect", 2.0).corner_blurred, 0.8)

    def test_small_image_with_wide_kernel(self):
        v = border_view(np.eye(5), "reflect", 3.0)
        assert v.radius == 12 and v.corner_blurred.shape == (5, 5) and v.corner_padded.shape == (17, 17)
        assert v.row_pad == 8 and v.row_padded.shape == (13,)

    def test_frozen_and_read_only(self):
        v = border_view(self.img, "wrap", 1.0)
        assert isinstance(v, BorderView)
        with pytest.raises(dataclasses.FrozenInstanceError):
            v.mode = "reflect"
        with pytest.raises(ValueError, match="read-only"):
            v.corner_blurred[0, 0] = 0.0

    @pytest.mark.parametrize(("args", "error", "match"), [
        ((np.zeros((4, 4)), "edge", 1.0), ValueError, r"unknown border mode 'edge'.*SciPy's 'nearest'"),
        ((np.zeros((4, 4)), "reflect", -1.0), ValueError, "sigma must be >= 0"),
        ((np.zeros((4, 4, 3)), "reflect", 1.0), ValueError, "colour image"),
    ])
    def test_validation(self, args, error, match):
        with pytest.raises(error, match=match):
            border_view(*args)


class TestBorderExplorer:
    def test_dropdown_of_scipy_modes_rerenders(self, no_figure_leak):
        ex = border_explorer(_noisy_texture(), sigma=2.0)
        assert "gl-border-mode" in ex.dropdown._dom_classes and "gl-figure" in ex.figure._dom_classes
        assert ex.dropdown.options == MODES and ex.dropdown.value == "reflect"
        first = ex.figure.value
        ex.dropdown.value = "constant"
        assert ex.view.mode == "constant" and ex.figure.value != first
        ex.dropdown.value = "reflect"
        assert ex.figure.value == first

    def test_sigma_slider_beside_the_dropdown(self, no_figure_leak):
        ex = border_explorer(_noisy_texture(), sigma=2.0, sigmas=(0.5, 6.0, 0.5))
        assert "gl-border-sigma" in ex.slider._dom_classes and "gl-border-explorer" in ex._dom_classes
        assert ex.children[0].children == (ex.dropdown, ex.slider) and "gl-controls" in ex.children[0]._dom_classes
        assert (ex.slider.min, ex.slider.max, ex.slider.step, ex.slider.value) == (0.5, 6.0, 0.5, 2.0)
        first = ex.figure.value
        ex.slider.value = 4.0
        assert (ex.view.mode, ex.view.sigma, ex.view.radius) == ("reflect", 4.0, 16) and ex.figure.value != first

    def test_each_change_recomputes_from_every_control(self, no_figure_leak):
        img = _noisy_texture()
        ex = border_explorer(img, sigma=1.0, row=3)
        ex.dropdown.value = "wrap"
        ex.slider.value = 2.5
        assert (ex.view.mode, ex.view.sigma) == ("wrap", 2.5)  # the slider kept the chosen mode
        ex.dropdown.value = "mirror"
        assert (ex.view.mode, ex.view.sigma) == ("mirror", 2.5)  # and the drop-down the chosen sigma
        expected = border_view(img, "mirror", 2.5, row=3)
        np.testing.assert_array_equal(ex.view.corner_blurred, expected.corner_blurred)
        np.testing.assert_array_equal(ex.view.row_padded, expected.row_padded)
        assert ex.figure.value == border_explorer(img, sigma=2.5, mode="mirror", row=3).figure.value

    def test_update_is_the_callback(self, no_figure_leak):
        ex = border_explorer(_noisy_texture(), sigma=1.0)
        assert ex.update("nearest").mode == "nearest"  # positional: the drop-down's value
        v = ex.update(sigma=3.0)
        assert (v.mode, v.sigma) == ("reflect", 3.0) and v is ex.view  # the controls were not moved
        assert ex.update("wrap", 1.5).sigma == 1.5 and ex.update(mode="wrap", sigma=2.0).radius == 8
        with pytest.raises(TypeError, match="update sets mode, sigma; got width"):
            ex.update(width=3)
        with pytest.raises(TypeError, match="at most 2 positional values"):
            ex.update("wrap", 1.0, 3)

    def test_bad_values_show_a_message(self, no_figure_leak):
        ex = border_explorer(_noisy_texture(), sigma=1.0)
        assert ex.update("symmetric") is None
        assert "unknown border mode &#x27;symmetric&#x27;" in ex.message.value
        assert ex.view.mode == "reflect"
        assert ex.update(sigma=-1.0) is None and "sigma must be &gt;= 0" in ex.message.value
        assert ex.update(sigma=1.0) is not None and ex.message.value == ""

    def test_mimebundle(self, no_figure_leak):
        ex = border_explorer(_step(), sigma=3.0, mode="wrap")
        data = ex._repr_mimebundle_()
        alt = html.unescape(re.search(r' alt="([^"]*)"', data["text/html"]).group(1))
        assert alt == describe(ex.view)
        assert "border mode 'wrap' and sigma 3 px (kernel radius 12 px)" in alt
        assert "the opposite side of the image" in alt
        assert data["text/plain"] == ("Border explorer: mode = 'wrap', sigma = 3 px (radius 12; slider 0.5 to 8 in "
                                      "steps of 0.5), a 24x24 image. Choose a mode and a sigma in JupyterLab.")
        assert _img_png(data["text/html"]) == ex.figure.value and "image/png" not in data
        assert WIDGET_VIEW in data

    def test_validation(self):
        with pytest.raises(ValueError, match="unknown border mode 'edge'"):
            border_explorer(_step(), mode="edge")
        with pytest.raises(ValueError, match="sigma must be >= 0"):
            border_explorer(_step(), sigma=-3)
        with pytest.raises(ValueError, match=r"sigma 9 is outside the slider's range 0.5..8"):
            border_explorer(_step(), sigma=9.0)
        with pytest.raises(ValueError, match="smallest < largest"):
            border_explorer(_step(), sigmas=(4.0, 1.0, 0.5))
