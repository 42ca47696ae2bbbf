"""Tests of gausslearn.plotting: figures show exactly the arrays they are given, and validate their input."""

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gausslearn import plotting  # noqa: E402
from gausslearn.plotting import (  # noqa: E402
    plot_curves,
    plot_frequency_responses,
    plot_kernel,
    plot_padding,
    plot_profiles,
    show_images,
)


def _frozen(a):
    """A read-only copy: any attempt to modify it in place raises."""
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=50, metadata={"Software": None})
    return buf.getvalue()


@pytest.fixture(autouse=True)
def _no_pyplot_figures():
    """Plotting functions must not register figures with pyplot (nothing to close, no double display)."""
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


# ---------------------------------------------------------------------------------------------------- show_images

class TestShowImages:
    def test_titles_and_one_axes_per_image(self):
        imgs = [np.zeros((4, 5)), np.ones((4, 5)), np.full((4, 5), 0.5)]
        fig = show_images(imgs, ["a", "b", "c"])
        assert isinstance(fig, Figure)
        assert [ax.get_title() for ax in fig.axes] == ["a", "b", "c"]

    @pytest.mark.parametrize(("dtype", "clim"), [
        (np.float64, (0.0, 1.0)),
        (np.float32, (0.0, 1.0)),
        (np.uint8, (0.0, 255.0)),
        (np.uint16, (0.0, 65535.0)),
        (bool, (0.0, 1.0)),
    ])
    def test_grey_scale_is_the_dtypes_natural_range_not_the_data_range(self, dtype, clim):
        img = (np.arange(16).reshape(4, 4) % 2).astype(dtype)
        fig = show_images([img])
        assert fig.axes[0].get_images()[0].get_clim() == clim

    def test_dim_image_is_not_stretched(self):
        dim = np.full((4, 4), 0.2)
        dim[0, 0] = 0.3
        im = show_images([dim]).axes[0].get_images()[0]
        assert im.get_clim() == (0.0, 1.0)
        np.testing.assert_array_equal(im.get_array(), dim)

    def test_explicit_vmin_vmax(self):
        fig = show_images([np.zeros((3, 3)), np.ones((3, 3))], vmin=-1, vmax=1)
        assert [ax.get_images()[0].get_clim() for ax in fig.axes] == [(-1.0, 1.0), (-1.0, 1.0)]

    def test_values_outside_the_range_are_flagged(self):
        img = np.array([[-0.5, 0.0], [0.5, 1.5]])
        fig = show_images([img])
        label = fig.axes[0].get_xlabel()
        assert "beyond 0..1 clipped" in label and "-0.5" in label and "1.5" in label
        assert show_images([np.array([[0.0, 1.0]])]).axes[0].get_xlabel() == ""
        # floating-point rounding of a filter result is not a clip
        assert show_images([np.array([[-1e-17, 1.0 + 2e-16]])]).axes[0].get_xlabel() == ""

    def test_rgb_uint8_drawn_as_is(self):
        rgb = np.zeros((3, 3, 3), np.uint8)
        rgb[..., 0] = 200
        np.testing.assert_array_equal(show_images([rgb]).axes[0].get_images()[0].get_array(), rgb)

    def test_rgb_float_out_of_range_is_clipped_with_a_note_and_input_kept(self):
        rgb = np.full((2, 2, 3), 0.5)
        rgb[0, 0, 0] = 1.7
        original = rgb.copy()
        fig = show_images([rgb])
        shown = np.asarray(fig.axes[0].get_images()[0].get_array())
        assert shown.max() == 1.0
        assert "clipped" in fig.axes[0].get_xlabel()
        np.testing.assert_array_equal(rgb, original)

    def test_rgb_uint16_scaled_to_unit_range(self):
        rgb = np.full((2, 2, 3), 65535, np.uint16)
        shown = np.asarray(show_images([rgb]).axes[0].get_images()[0].get_array())
        np.testing.assert_allclose(shown, 1.0)

    def test_single_array_is_one_image(self):
        assert len(show_images(np.zeros((4, 4))).axes) == 1
        assert len(show_images(np.zeros((4, 4, 3))).axes) == 1

    def test_grid_with_ncols_removes_unused_axes(self):
        fig = show_images([np.zeros((2, 2))] * 5, ncols=2)
        assert len(fig.axes) == 5
        positions = sorted({round(ax.get_position().x0, 3) for ax in fig.axes})
        assert len(positions) == 2

    def test_colorbar_adds_a_bar_per_grey_image_only(self):
        fig = show_images([np.zeros((2, 2)), np.zeros((2, 2, 3))], colorbar=True)
        grey, rgb = (ax.get_images()[0] for ax in fig.axes)
        assert grey.colorbar is not None and rgb.colorbar is None
        # the bar belongs to its panel: the grid (and the figure's text/plain) keeps one axes per image
        assert len(fig.axes) == 2 and grey.colorbar.ax in fig.axes[0].child_axes

    def test_figsize(self):
        assert tuple(show_images([np.zeros((2, 2))], figsize=(5, 2)).get_size_inches()) == (5.0, 2.0)

    def test_inputs_not_modified(self):
        a = _frozen(np.linspace(0, 2, 9).reshape(3, 3))
        b = _frozen(np.linspace(0, 1.5, 27).reshape(3, 3, 3))
        show_images([a, b], ["a", "b"], colorbar=True)
        np.testing.assert_array_equal(a, np.linspace(0, 2, 9).reshape(3, 3))

    def test_deterministic_png(self):
        img = np.random.default_rng(0).random((16, 16))
        assert _png(show_images([img], ["x"])) == _png(show_images([img], ["x"]))

    @pytest.mark.parametrize(("args", "kwargs", "error", "match"), [
        (([],), {}, ValueError, "images is empty"),
        (([np.zeros((2, 2))], ["a", "b"]), {}, ValueError, "titles has 2 entries but there are 1 images"),
        (([np.zeros((2, 2))], "a"), {}, TypeError, "titles must be a list of strings"),
        (([np.zeros((2, 2))], [3]), {}, TypeError, r"titles\[0\] must be a string"),
        (([np.zeros((2, 2, 5))],), {}, ValueError, r"images\[0\] has shape \(2, 2, 5\)"),
        (([np.zeros(4)],), {}, ValueError, "must have 2 or 3 dimensions"),
        (([np.zeros((2, 2), complex)],), {}, TypeError, "complex"),
        (([np.zeros((2, 2))],), {"ncols": 0}, ValueError, "ncols must be a positive integer"),
        (([np.zeros((2, 2))],), {"vmin": 1, "vmax": 0}, ValueError, "vmin .* must be smaller than vmax"),
        (([np.zeros((2, 2))],), {"vmin": float("nan")}, ValueError, "vmin must be finite, got nan; it is the value drawn at that end"),
        (("abc",), {}, TypeError, "images must be a list of arrays"),
    ])
    def test_validation(self, args, kwargs, error, match):
        with pytest.raises(error, match=match):
            show_images(*args, **kwargs)


# ---------------------------------------------------------------------------------------------------- plot_kernel

class TestPlotKernel:
    def test_1d_annotations_are_the_formatted_weights(self):
        w = np.array([0.054, 0.244, 0.403, 0.244, 0.054])
        ax = plot_kernel(w).axes[0]
        assert [t.get_text() for t in ax.texts] == [format(v, "#.3g") for v in w]  # 3 significant digits
        assert [p.get_height() for p in ax.patches] == pytest.approx(w.tolist())
        assert [p.get_x() + p.get_width() / 2 for p in ax.patches] == pytest.approx([-2, -1, 0, 1, 2])
        assert ax.get_title() == "1-D kernel: 5 weights, sum 0.999"

    def test_fmt_and_annotate_false(self):
        w = [0.25, 0.5, 0.25]
        assert [t.get_text() for t in plot_kernel(w, fmt=".1e").axes[0].texts] == ["2.5e-01", "5.0e-01", "2.5e-01"]
        assert len(plot_kernel(w, annotate=False).axes[0].texts) == 0

    def test_2d_heat_map_annotated_row_by_row(self):
        w = np.outer([1, 2, 1], [1, 2, 1]) / 16.0
        ax = plot_kernel(w, fmt=".4f").axes[0]
        assert [t.get_text() for t in ax.texts] == [format(v, ".4f") for v in w.ravel()]
        positions = [t.get_position() for t in ax.texts]
        assert positions[:3] == [(0, 0), (1, 0), (2, 0)]
        np.testing.assert_array_equal(ax.get_images()[0].get_array(), w)
        assert ax.get_title() == "2-D kernel: 3\u00d73 weights, sum 1.0000"

    def test_negative_zero_is_written_as_zero(self):
        texts = [t.get_text() for t in plot_kernel([-1e-12, 1.0], fmt=".3f").axes[0].texts]
        assert texts == ["0.000", "1.000"]

    def test_derivative_kernel_with_negative_weights(self):
        w = np.array([-0.5, 0.0, 0.5])
        ax = plot_kernel(w, fmt=".3f").axes[0]
        assert [t.get_text() for t in ax.texts] == ["-0.500", "0.000", "0.500"]
        assert ax.get_title().endswith("sum 0.000")

    def test_input_not_modified(self):
        w = _frozen([[0.1, 0.2], [0.3, 0.4]])
        plot_kernel(w)
        plot_kernel(w[0])

    @pytest.mark.parametrize(("weights", "kwargs", "error", "match"), [
        (np.zeros((2, 2, 2)), {}, ValueError, "must have 1 or 2 dimensions"),
        ([], {}, ValueError, "weights is empty"),
        ([0.5, 0.5], {"fmt": "q"}, ValueError, "not a valid format specification"),
        ([0.5, 0.5], {"fmt": 3}, TypeError, "fmt must be a format specification string"),
        ([True, False], {}, TypeError, "dtype bool"),
    ])
    def test_validation(self, weights, kwargs, error, match):
        with pytest.raises(error, match=match):
            plot_kernel(weights, **kwargs)


# ------------------------------------------------------------------------------------------------- plot_profiles

def test_plot_profiles_draws_each_profile_at_its_indices():
    before, after = np.array([0, 0, 1, 1.0]), np.array([0.1, 0.3, 0.7, 0.9])
    ax = plot_profiles({"before": before, "after": after}, xlabel="x", ylabel="y", title="t").axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == ("x", "y", "t")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["before", "after"]
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), after)
    np.testing.assert_array_equal(ax.lines[1].get_xdata(), [0, 1, 2, 3])


@pytest.mark.parametrize(("profiles", "error", "match"), [
    ({}, ValueError, "profiles is empty"),
    ([1, 2, 3], TypeError, "profiles must be a dict"),
    ({"a": np.zeros((2, 2))}, ValueError, "must have 1 dimensions"),
    ({1: [1, 2]}, TypeError, "labels must be strings"),
])
def test_plot_profiles_validation(profiles, error, match):
    with pytest.raises(error, match=match):
        plot_profiles(profiles)


# -------------------------------------------------------------------------------------------------- plot_padding

class TestPlotPadding:
    row = np.array([1, 2, 3, 4])

    def _padded(self, before, after):
        b = (before, after)
        return {"reflect": np.pad(self.row, b, mode="symmetric"), "constant": np.pad(self.row, b),
                "wrap": np.pad(self.row, b, mode="wrap")}

    def test_one_strip_per_mode_with_values_written_in(self):
        padded = self._padded(2, 2)
        fig = plot_padding(self.row, padded, 2)
        assert [ax.get_ylabel() for ax in fig.axes] == ["reflect", "constant", "wrap"]
        for ax, values in zip(fig.axes, padded.values(), strict=True):
            assert [t.get_text() for t in ax.texts] == [format(v, "g") for v in values.astype(float)]
        assert fig.get_suptitle() == "4 samples padded with 2 before and 2 after"

    def test_ticks_give_indices_in_the_original_row(self):
        fig = plot_padding(self.row, self._padded(2, 3), (2, 3))
        labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
        assert labels == [str(i) for i in range(-2, 7)]

    def test_original_framed_and_padding_shaded(self):
        ax = plot_padding(self.row, self._padded(1, 2), (1, 2)).axes[0]
        frames = [p for p in ax.patches if not p.get_fill()]
        shades = [p for p in ax.patches if p.get_fill()]
        assert [(f.get_x(), f.get_width()) for f in frames] == [(0.5, 4)]
        assert sorted((s.get_x(), s.get_width()) for s in shades) == [(-0.5, 1), (4.5, 2)]

    def test_no_padding_no_shading(self):
        ax = plot_padding(self.row, {"reflect": self.row}, 0).axes[0]
        assert all(not p.get_fill() for p in ax.patches)

    def test_inputs_not_modified(self):
        padded = {k: _frozen(v) for k, v in self._padded(2, 2).items()}
        plot_padding(_frozen(self.row), padded, 2)

    @pytest.mark.parametrize(("padded", "pad_width", "error", "match"), [
        ({"reflect": np.arange(7)}, 2, ValueError, r"has 7 samples, but a row of 4 padded with 2 before and 2 after has 8"),
        ({"reflect": np.arange(8)}, 2, ValueError, r"the middle of padded\['reflect'\]"),
        ({"reflect": np.arange(8)}, -1, ValueError, "pad_width must be >= 0, got -1; it counts the samples"),
        ({"reflect": np.arange(8)}, (1, 2, 3), ValueError, "pad_width must be an int or a pair"),
        ({}, 2, ValueError, "padded is empty"),
    ])
    def test_validation(self, padded, pad_width, error, match):
        with pytest.raises(error, match=match):
            plot_padding(self.row, padded, pad_width)

    def test_bad_fmt(self):
        with pytest.raises(ValueError, match="not a valid format"):
            plot_padding(self.row, {"x": self.row}, 0, fmt="zz")


# ---------------------------------------------------------------------------------------------------- plot_curves

def test_plot_curves_lines_and_markers():
    x = np.array([0.5, 1.0, 1.5, 2.0])
    psnr = np.array([25.0, 27.0, 26.5, 25.5])
    ax = plot_curves(x, {"PSNR": psnr}, "sigma", "dB", mark={"best": 1.0, "SURE": 1.5}, title="t").axes[0]
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), psnr)
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), x)
    assert [tuple(line.get_xdata()) for line in ax.lines[1:]] == [(1.0, 1.0), (1.5, 1.5)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["PSNR", "best (x = 1)", "SURE (x = 1.5)"]
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == ("sigma", "dB", "t")


def test_plot_curves_keyword_labels_work_too():
    ax = plot_curves([1, 2], {"a": [1, 2]}, xlabel="s", ylabel="v").axes[0]
    assert ax.get_xlabel() == "s"


@pytest.mark.parametrize(("curves", "mark", "error", "match"), [
    ({"a": [1, 2]}, None, ValueError, r"curves\['a'\] has 2 values but x has 3"),
    ({"a": [1, 2, 3]}, {"m": float("inf")}, ValueError, r"mark\['m'\] must be finite, got inf; it is the x position"),
    ({"a": [1, 2, 3]}, [1.0], TypeError, "mark must be a dict"),
    ({}, None, ValueError, "curves is empty"),
])
def test_plot_curves_validation(curves, mark, error, match):
    with pytest.raises(error, match=match):
        plot_curves([1, 2, 3], curves, "x", "y", mark=mark)


# --------------------------------------------------------------------------------------- plot_frequency_responses

def test_plot_frequency_responses():
    f = np.linspace(0, 0.5, 33)
    box = np.abs(1 + 2 * np.cos(2 * np.pi * f)) / 3
    gauss = np.exp(-2 * (np.pi * f) ** 2)
    ax = plot_frequency_responses(f, {"box 3": box, "gauss": gauss}, title="gain").axes[0]
    assert ax.get_xlim() == (0.0, 0.5)
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), gauss)
    assert ax.get_xlabel() == "frequency (cycles per pixel)"
    assert ax.get_title() == "gain"


def test_plot_frequency_responses_validation():
    f = np.linspace(0, 0.5, 4)
    with pytest.raises(TypeError, match=r"is complex; pass np.abs\(values\) for the gain, or the real response"):
        plot_frequency_responses(f, {"H": np.ones(4, complex)})
    with pytest.raises(ValueError, match=r"has 3 values but x has 4"):
        plot_frequency_responses(f, {"H": np.ones(3)})


# ---------------------------------------------------------------------------------------------- views (explorers)

def test_plot_sigma_view_panels_and_readouts():
    from gausslearn.views import sigma_view
    step = np.zeros((20, 20))
    step[:, 10:] = 1.0
    noisy = step + np.random.default_rng(7).normal(0.0, 0.1, step.shape)
    view = sigma_view(noisy, 1.5, row=3, reference=step)
    fig = plotting.plot_sigma_view(view)
    in_ax, blur_ax, res_ax, prof_ax = fig.axes
    assert [ax.get_title() for ax in fig.axes] == ["input", "blurred, row 3 marked", "residual = input - blurred",
                                                   "row 3"]
    assert fig.get_suptitle() == (f"sigma 1.5 px, kernel radius 6 px  |  edge width (10-90 %) {view.edge_width:.2f} px"
                                  f"  |  PSNR {view.psnr:.2f} dB (input {view.psnr_input:.2f} dB)")
    # the arrays of the view, drawn as given: input and blurred on 0..1, the residual signed and centred on 0
    for ax, data in ((in_ax, view.image), (blur_ax, view.blurred), (res_ax, view.residual)):
        np.testing.assert_array_equal(ax.get_images()[0].get_array(), data)
    assert in_ax.get_images()[0].get_clim() == blur_ax.get_images()[0].get_clim() == (0.0, 1.0)
    residual = res_ax.get_images()[0]
    lo, hi = residual.get_clim()
    assert residual.get_cmap().name == plotting.SIGNED_CMAP and -lo == hi and residual.colorbar is not None
    assert hi == pytest.approx(3 * np.sqrt(np.mean(view.residual ** 2)))  # 3 RMS: noise and edges both show
    assert "clipped" in res_ax.get_xlabel()  # the few values beyond are named
    assert [tuple(line.get_ydata()) for line in blur_ax.lines] == [(3, 3)]  # the row mark
    np.testing.assert_array_equal(prof_ax.lines[0].get_ydata(), view.profile_before)
    np.testing.assert_array_equal(prof_ax.lines[1].get_ydata(), view.profile_after)
    assert [t.get_text() for t in prof_ax.get_legend().get_texts()] == ["before (input)", "after (blurred)"]
    assert fig.get_layout_engine() is None  # fixed layout: redrawn on every slider move
    without = plotting.plot_sigma_view(sigma_view(noisy, 1.5))
    assert "PSNR" not in without.get_suptitle() and "edge width (10-90 %)" in without.get_suptitle()


def test_plot_sigma_view_with_nothing_removed():
    from gausslearn.views import sigma_view
    fig = plotting.plot_sigma_view(sigma_view(np.eye(8), 0.0))
    residual = fig.axes[2].get_images()[0]
    assert residual.get_clim() == (-1.0, 1.0) and not np.any(residual.get_array())


def test_plot_border_view_panels_and_strip_values():
    from gausslearn.views import border_view
    img = np.linspace(0, 1, 400).reshape(20, 20)
    view = border_view(img, "nearest", 1.0, row=2)
    fig = plotting.plot_border_view(view)
    assert [ax.get_title() for ax in fig.axes] == ["input padded by 4 (mode nearest)", "blurred, same corner",
                                                   "row 2, first samples"]
    assert [t.get_text() for t in fig.axes[2].texts] == [format(v, ".2f") for v in view.row_padded]
    assert fig.get_suptitle() == "border mode 'nearest', sigma = 1 px (kernel radius 4 px)"


def test_plot_views_refuse_other_objects():
    with pytest.raises(TypeError, match=r"expected a SigmaView, the result of gausslearn.views.sigma_view\(\.\.\.\) "
                                        r"\(also importable from gausslearn.widgets\), got ndarray"):
        plotting.plot_sigma_view(np.zeros((3, 3)))
    with pytest.raises(TypeError, match=r"expected a BorderView, the result of gausslearn.views.border_view"):
        plotting.plot_border_view({"mode": "reflect"})


def test_drawing_emits_no_warnings():
    """A warning would land on the notebook's stderr, which nbval compares: none may appear."""
    import warnings

    from gausslearn.views import border_view, sigma_view
    rng = np.random.default_rng(3)
    img = rng.random((40, 50))
    row = np.arange(6.0)
    modes = {"reflect": np.pad(row, 5, mode="symmetric"), "mirror": np.pad(row, 5, mode="reflect"),
             "nearest": np.pad(row, 5, mode="edge"), "wrap": np.pad(row, 5, mode="wrap"),
             "constant": np.pad(row, 5)}
    f = np.linspace(0, 0.5, 65)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figures = [
            show_images([img, img * 3 - 1, rng.random((8, 8, 3)) * 1.5], ["a", "b", "c"], colorbar=True),
            show_images([img] * 7, ncols=3),
            plot_kernel(np.exp(-0.5 * np.arange(-12, 13) ** 2 / 9)),
            plot_kernel(np.outer(*[np.exp(-0.5 * np.arange(-4, 5) ** 2 / 4)] * 2)),
            plot_profiles({"a": img[0], "b": img[1]}),
            plot_padding(row, modes, 5),
            plot_curves(f, {"c": f ** 2}, "x", "y", mark={"m": 0.25}),
            plot_frequency_responses(f, {"g": np.exp(-2 * (np.pi * f) ** 2)}),
            plotting.plot_sigma_view(sigma_view(img, 8.0, reference=img)),
            plotting.plot_border_view(border_view(img, "mirror", 6.0)),
        ]
        for fig in figures:
            assert _png(fig)[:4] == b"\x89PNG"


@pytest.fixture
def shell():
    """An IPython shell that records what it displays, with pyplot's inline PNG formatter for every Figure (what
    `%matplotlib inline` registers in a notebook's kernel)."""
    from IPython.core.displaypub import CapturingDisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats

    shell = InteractiveShell.instance()
    shell.display_pub = CapturingDisplayPublisher()
    select_figure_formats(shell, {"png"})
    try:
        yield shell
    finally:
        InteractiveShell.clear_instance()


def _shown(shell, code: str, **names) -> list[dict]:
    shell.user_ns.update(names)
    shell.display_pub.outputs.clear()
    result = shell.run_cell(code, silent=False, store_history=False)
    assert result.success, result.error_in_exec
    return [{"data": o["data"], "metadata": o["metadata"]} for o in shell.display_pub.outputs]


def test_figures_display_as_an_img_with_alt_text_and_no_second_png(shell, capsys):
    """As the last line of a cell and through display(), once each, as HTML and text: not as image/png, which
    pyplot's inline formatter would add for any other Figure (a second copy of the picture)."""
    alt = "Two panels: zeros and ones."
    fig = show_images([np.zeros((4, 4)), np.ones((4, 4))], ["zeros", "ones"], alt=alt)
    assert isinstance(fig, plotting.NotebookFigure)
    for code in ("fig", "from IPython.display import display\ndisplay(fig)"):
        outputs = _shown(shell, code, fig=fig)
        assert outputs == [{"data": {"text/html": plotting.png_html(fig._repr_png_(), alt), "text/plain": alt},
                            "metadata": {}}], code
    plain = Figure()
    plain.subplots()
    assert "image/png" in shell.display_formatter.format(plain)[0]  # the inline formatter is there
    capsys.readouterr()


def _img(tag: str) -> dict[str, str]:
    import html
    import re

    assert tag.startswith("<img ") and tag.endswith(">") and tag.count("<") == 1
    return {k: html.unescape(v) for k, v in re.findall(r' ([a-z-]+)="([^"]*)"', tag)}


def test_png_html_is_an_escaped_img_of_the_pngs_size():
    import base64

    png = plot_kernel([0.25, 0.5, 0.25])._repr_png_()
    attrs = _img(plotting.png_html(png, 'weights "a" < b & c'))
    assert attrs["alt"] == 'weights "a" < b & c' and attrs["class"] == plotting.FIGURE_CLASS
    assert (int(attrs["width"]), int(attrs["height"])) == plotting.png_size(png)
    assert attrs["style"] == "max-width:100%; height:auto"
    assert base64.b64decode(attrs["src"].removeprefix("data:image/png;base64,")) == png
    assert plotting.GENERATED_ALT not in attrs
    assert _img(plotting.png_html(png, "x", generated=True))[plotting.GENERATED_ALT] == "true"
    with pytest.raises(ValueError, match="not a PNG image"):
        plotting.png_html(b"GIF89a" + bytes(30), "x")


def test_line_plots_never_modify_their_inputs():
    x = _frozen(np.linspace(0, 0.5, 5))
    y = _frozen([3.0, 1.0, 2.0, 5.0, 4.0])
    plot_profiles({"y": y})
    plot_curves(x, {"y": y}, "x", "y", mark={"m": 0.1})
    plot_frequency_responses(x, {"y": y})
    np.testing.assert_array_equal(y, [3.0, 1.0, 2.0, 5.0, 4.0])


# -------------------------------------------------------------------------------------- issue 14: readable figures

class TestSignedImages:
    residual = np.random.default_rng(4).normal(0.0, 0.1, (16, 16))

    def test_signed_data_gets_a_centred_diverging_map_and_a_colour_bar(self):
        im = show_images([self.residual], ["residual"]).axes[0].get_images()[0]
        span = float(np.abs(self.residual).max())
        assert im.get_cmap().name == plotting.SIGNED_CMAP and im.get_clim() == (-span, span)
        assert im.colorbar is not None and "white = 0" in im.colorbar.ax.get_ylabel()
        np.testing.assert_array_equal(im.get_array(), self.residual)  # drawn as given, nothing computed

    def test_symmetric_vmin_vmax_declare_signed_and_set_the_range(self):
        im = show_images([np.abs(self.residual)], vmin=-0.3, vmax=0.3).axes[0].get_images()[0]
        assert im.get_cmap().name == plotting.SIGNED_CMAP and im.get_clim() == (-0.3, 0.3)

    def test_explicit_flags_override_the_data(self):
        photo = np.linspace(0.0, 1.0, 64).reshape(8, 8)
        fig = show_images([self.residual, photo], signed=[False, True])
        first, second = (ax.get_images()[0] for ax in fig.axes)
        assert first.get_cmap().name == "gray" and first.colorbar is None and first._gausslearn_signed is False
        assert second.get_cmap().name == plotting.SIGNED_CMAP and second.get_clim() == (-1.0, 1.0)
        with pytest.raises(TypeError, match="signed must be None, True, False or a list of 2 booleans"):
            show_images([photo, photo], signed=[True])

    def test_a_noisy_photograph_is_not_signed(self):
        noisy = np.clip(np.random.default_rng(5).normal(0.5, 0.3, (16, 16)), -0.3, 1.3)
        assert show_images([noisy]).axes[0].get_images()[0].get_cmap().name == "gray"

    def test_unreadable_colour_maps_are_refused(self):
        with pytest.raises(ValueError, match="cmap 'jet' cannot be read with a colour-vision deficiency"):
            show_images([np.zeros((2, 2))], cmap="jet")


def test_annotated_image_writes_every_value_and_refuses_large_images():
    grid = np.array([[0.0, 0.476], [0.0011, 1.0]])
    ax = show_images([grid], annotate=True, colorbar=True, figsize=(4, 3.6)).axes[0]
    assert [t.get_text() for t in ax.texts] == ["0", "0.476", "0.0011", "1"]
    assert [t.get_color() for t in ax.texts] == ["white", "black", "white", "black"]  # contrast with the cell
    with pytest.raises(ValueError, match=r"at most 16x16 pixels; images\[0\] has shape \(17, 17\)"):
        show_images([np.zeros((17, 17))], annotate=True)


def test_kernel_weights_are_never_written_as_zero_unless_they_are():
    ax = plot_kernel(np.array([0.000134, 0.4, 0.000134]), fmt=".3f").axes[0]
    assert [t.get_text() for t in ax.texts] == ["0.00013", "0.400", "0.00013"]
    assert [t.get_text() for t in plot_kernel([1.2e-5, 0.5]).axes[0].texts] == ["1.20e-05", "0.500"]


def test_signed_2d_kernel_is_centred_with_a_colour_bar():
    dx = np.outer([1, 2, 1], [-1, 0, 1]) / 8.0
    im = plot_kernel(dx).axes[0].get_images()[0]
    assert im.get_cmap().name == plotting.SIGNED_CMAP and im.get_clim() == (-0.25, 0.25) and im.colorbar is not None


def test_curves_named_after_a_colour_are_drawn_in_it_and_styles_differ():
    from gausslearn.figure_check import colour_family
    ax = plot_profiles({"red": [0, 1], "green": [1, 0], "blue": [0, 0], "average": [1, 1]}).axes[0]
    assert [colour_family(line.get_color()) for line in ax.lines[:3]] == ["red", "green", "blue"]
    assert len({line.get_linestyle() for line in ax.lines}) == 4  # never colour alone
    assert colour_family(ax.lines[3].get_color()) not in {"red", "green", "blue"}


def test_log_axes_for_counts_and_timings():
    ax = plot_curves([1, 2, 4], {"direct": [81, 289, 1089], "separable": [18, 34, 66]}, "sigma", "operations",
                     xscale="log", yscale="log").axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    with pytest.raises(ValueError, match=r"yscale='log' needs positive values, but curves\['a'\] has values <= 0"):
        plot_curves([1, 2], {"a": [0, 1]}, "x", "y", yscale="log")
    with pytest.raises(ValueError, match="xscale must be 'linear' or 'log', got 'ln'"):
        plot_curves([1, 2], {"a": [1, 1]}, "x", "y", xscale="ln")


class TestHistogram:
    def test_no_value_is_lost_and_zero_is_a_bin_centre(self):
        rng = np.random.default_rng(6)
        values = np.concatenate([np.zeros(950), rng.choice([-0.9, 0.95], 50)])  # a spike and far jumps
        line = plotting.plot_histogram(values, bin_width=0.02).axes[0].lines[0]
        edges, heights = line.get_xdata(), line.get_ydata()[:-1]
        assert heights.sum() == pytest.approx(1.0)
        assert edges.min() < values.min() and edges.max() > values.max()
        centres = (edges[:-1] + edges[1:]) / 2
        assert np.isclose(centres, 0.0).sum() == 1 and heights[np.argmin(np.abs(centres))] == pytest.approx(0.95)

    def test_several_groups_share_the_bins_and_log_hides_empty_bins(self):
        fig = plotting.plot_histogram({"a": np.zeros(10), "b": np.array([-1.0, 1.0])}, log=True)
        ax = fig.axes[0]
        assert ax.get_yscale() == "log" and [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]
        np.testing.assert_array_equal(ax.lines[0].get_xdata(), ax.lines[1].get_xdata())
        assert np.isnan(ax.lines[0].get_ydata()).any()  # empty bins are gaps, not log(0)

    @pytest.mark.parametrize(("kwargs", "error", "match"), [
        ({"values": [0.0, np.nan]}, ValueError, r"values\['values'\] contains NaN or infinite values \(1 of 2\)"),
        ({"values": {}}, ValueError, "values is empty"),
        ({"values": [1.0], "bin_width": 0}, ValueError, "bin_width must be > 0 and finite"),
    ])
    def test_validation(self, kwargs, error, match):
        with pytest.raises(error, match=match):
            plotting.plot_histogram(**kwargs)


def test_frequency_response_signed_or_gain():
    from gausslearn.kernels import frequency_response
    f, h = frequency_response(np.full(5, 0.2), n=65, signed=True)
    ax = plot_frequency_responses(f, {"box 5": h}).axes[0]
    assert ax.get_ylabel().startswith("response H(f)") and ax.get_ylim()[0] < h.min()
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), h)
    assert plot_frequency_responses(f, {"box 5": np.abs(h)}).axes[0].get_ylabel() == "gain |H(f)|"
    assert plot_frequency_responses(f, {"g": np.abs(h)}, signed=True).axes[0].get_ylabel().startswith("response")
    with pytest.raises(ValueError, match=r"signed=False draws a gain \|H\(f\)\|, but a response has negative values"):
        plot_frequency_responses(f, {"box 5": h}, signed=False)


# --------------------------------------------------------------------------------------- issue 15: alt texts

def test_every_plotting_function_takes_an_alt_keyword():
    import inspect
    for name in plotting.__all__:
        if name.startswith(("show_", "plot_")):
            parameter = inspect.signature(getattr(plotting, name)).parameters.get("alt")
            assert parameter is not None and parameter.kind is inspect.Parameter.KEYWORD_ONLY, name
            assert parameter.default is None, name


def test_alt_text_goes_to_the_img_and_the_text_form():
    alt = "Two panels: the camera image, and the same image blurred with sigma 2, softer everywhere."
    fig = show_images([np.zeros((4, 4)), np.ones((4, 4))], ["camera", "blurred"], alt=alt)
    assert fig.alt == alt
    data, metadata = fig._repr_mimebundle_()
    assert set(data) == {"text/html", "text/plain"} and metadata == {}
    assert data["text/plain"] == alt and _img(data["text/html"])["alt"] == alt
    assert plotting.GENERATED_ALT not in _img(data["text/html"])
    assert plot_curves([1, 2], {"a": [1, 2]}, "x", "y", alt="  a line\n rising ").alt == "a line rising"


def test_without_alt_the_text_form_stays_and_a_generated_alt_is_marked():
    fig = plot_profiles({"before": [0, 1], "after": [0.2, 0.8]}, xlabel="column", ylabel="value", title="row 3")
    data, _ = fig._repr_mimebundle_()
    assert data["text/plain"] == "<NotebookFigure size 640x360 with 1 Axes>"
    attrs = _img(data["text/html"])
    assert attrs["alt"] == "A figure of 1 panel: 'row 3' (value against column: before, after)."
    assert attrs[plotting.GENERATED_ALT] == "true"


def test_views_are_described_by_default():
    from gausslearn.views import border_view, describe, sigma_view
    view = sigma_view(np.eye(16), 1.0)
    assert plotting.plot_sigma_view(view).alt == describe(view)
    assert plotting.plot_sigma_view(view, alt="custom").alt == "custom"
    bview = border_view(np.eye(16), "wrap", 1.0)
    assert plotting.plot_border_view(bview).alt == describe(bview)
    with pytest.raises(TypeError, match="describe needs a SigmaView or a BorderView"):
        describe(np.eye(3))


@pytest.mark.parametrize("alt", ["", "   ", 3, ["a"]])
def test_alt_must_be_a_sentence(alt):
    with pytest.raises(TypeError, match="alt must be a non-empty string"):
        plot_kernel([0.25, 0.5, 0.25], alt=alt)


def test_long_titles_wrap_inside_their_panel():
    from gausslearn.figure_check import check_figure
    title = "camera[100:200, 180:280]: a 100x100 crop of the camera image"
    fig = show_images([np.zeros((8, 8)), np.zeros((8, 8))], ["camera", title])
    assert fig.axes[1].get_title().replace("\n", " ") == title and "\n" in fig.axes[1].get_title()
    assert check_figure(fig) == []
