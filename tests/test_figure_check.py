"""Tests of gausslearn.figure_check: each rule catches a bad figure, every course figure obeys them all."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from scipy import ndimage  # noqa: E402

from gausslearn import figure_check, plotting, widgets  # noqa: E402
from gausslearn.borders import pad  # noqa: E402
from gausslearn.figure_check import FigureCheckError, check_figure, looks_signed, require_valid  # noqa: E402
from gausslearn.images import sample, worked_example  # noqa: E402
from gausslearn.kernels import frequency_response, gaussian_kernel1d, gaussian_kernel2d  # noqa: E402
from gausslearn.noise import gaussian_noise, salt_and_pepper  # noqa: E402
from gausslearn.views import border_view, sigma_view  # noqa: E402

RESIDUAL = np.random.default_rng(0).normal(0.0, 0.1, (24, 24))


def _rules(fig: Figure, **kwargs) -> list[str]:
    return sorted({v.rule for v in check_figure(fig, **kwargs)})


def _figure() -> tuple[Figure, object]:
    fig = Figure(figsize=(4, 3), dpi=100, layout="constrained")
    return fig, fig.subplots()


# ----------------------------------------------------------------------------------------- one bad figure per rule

def test_a_clean_figure_passes():
    fig, ax = _figure()
    ax.plot([0, 1], [0, 1], label="before")
    ax.set_title("profile")
    ax.legend()
    assert check_figure(fig) == []


def test_overlapping_text_is_named():
    fig, ax = _figure()
    ax.text(0.5, 0.5, "sigma = 2", transform=ax.transAxes)
    ax.text(0.52, 0.5, "radius = 8", transform=ax.transAxes)
    violations = check_figure(fig)
    assert [v.rule for v in violations] == ["overlap"]
    assert "'sigma = 2'" in violations[0].message and "'radius = 8'" in violations[0].message


def test_text_leaving_the_figure_is_named():
    fig, ax = _figure()
    fig.text(0.95, 0.5, "a note that runs off the right edge")
    violations = check_figure(fig)
    assert [v.rule for v in violations] == ["outside"]
    assert "a note that runs off" in violations[0].message and "leaves the figure" in violations[0].message


@pytest.mark.parametrize(("cmap", "clim", "bar", "problems"), [
    ("gray", (0, 1), False, ["is not diverging", "is not centred on 0", "no colour bar"]),
    ("RdBu_r", (-0.1, 0.5), True, ["is not centred on 0"]),
    ("RdBu_r", (-0.4, 0.4), False, ["no colour bar"]),
])
def test_signed_image_needs_a_centred_diverging_map_and_a_colour_bar(cmap, clim, bar, problems):
    fig, ax = _figure()
    im = ax.imshow(RESIDUAL, cmap=cmap, vmin=clim[0], vmax=clim[1])
    if bar:
        fig.colorbar(im, ax=ax)
    violations = check_figure(fig)
    assert [v.rule for v in violations] == ["signed"]
    assert all(p in violations[0].message for p in problems), violations[0].message


def test_a_correct_signed_image_passes_and_a_declared_unsigned_one_is_respected():
    fig, ax = _figure()
    fig.colorbar(ax.imshow(RESIDUAL, cmap="PuOr", vmin=-0.4, vmax=0.4), ax=ax)
    assert check_figure(fig) == []
    fig, ax = _figure()
    ax.imshow(RESIDUAL, cmap="gray")._gausslearn_signed = False  # what plotting marks for signed=False
    assert check_figure(fig) == []


def test_a_line_named_after_a_colour_must_be_drawn_in_it():
    fig, ax = _figure()
    for label, colour in (("red", "tab:blue"), ("green channel", "tab:orange"), ("blue", "tab:blue"),
                          ("red minus green", "k"), ("_hidden red", "tab:green")):
        ax.plot([0, 1], [0, 1], color=colour, label=label)
    violations = check_figure(fig)
    assert [v.rule for v in violations] == ["colour-name", "colour-name"]
    assert "'red'" in violations[0].message and "drawn in blue" in violations[0].message
    assert "'green channel'" in violations[1].message and "drawn in orange" in violations[1].message


def test_rainbow_colour_maps_are_named():
    fig, ax = _figure()
    ax.imshow(np.linspace(0, 1, 16).reshape(4, 4), cmap="jet")
    violations = check_figure(fig)
    assert [v.rule for v in violations] == ["colormap"] and "'jet'" in violations[0].message


def test_low_resolution_is_named():
    fig, _ = _figure()
    assert _rules(fig, dpi=72) == ["dpi"] and _rules(fig, dpi=100) == [] and _rules(fig, dpi=150) == []
    assert _rules(Figure(dpi=72)) == ["dpi"]  # by default, the figure's own dpi


def test_require_valid_names_every_broken_rule():
    fig, ax = _figure()
    ax.plot([0, 1], color="tab:orange", label="blue")
    with pytest.raises(FigureCheckError, match=r"breaks 2 rule\(s\) of gausslearn.figure_check \(colour-name, dpi\)"):
        require_valid(fig, dpi=50)
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        check_figure(np.zeros((2, 2)))


def test_what_counts_as_signed():
    rng = np.random.default_rng(1)
    assert looks_signed(RESIDUAL) and looks_signed(np.array([[0.0, 0.0, -0.3], [0.2, 0.0, 0.0]]))  # DoG-like
    assert not looks_signed(np.clip(rng.normal(0.5, 0.2, (32, 32)), -0.2, 1.2))  # noisy photograph
    assert not looks_signed(np.linspace(0, 1, 9).reshape(3, 3)) and not looks_signed(np.zeros((3, 3)))
    assert not looks_signed(np.array([[-1e-17, 0.3, 0.9]]))  # rounding after a blur
    assert not looks_signed(np.zeros((2, 2, 3))[..., 0] + 1) and not looks_signed(np.array([[np.nan, np.nan]]))


# --------------------------------------------------------------------------------- every course figure obeys them

CAMERA = sample("camera")[::4, ::4]
NOISY = gaussian_noise(CAMERA, 0.1, rng=0)
BLURRED = ndimage.gaussian_filter(NOISY, 1.5)
ROW = np.arange(5.0)
FREQS = np.linspace(0, 0.5, 65)

FIGURES = {
    "show_images grey, noisy, signed": lambda: plotting.show_images(
        [CAMERA, NOISY, BLURRED, NOISY - BLURRED], ["clean", "noisy", "blurred", "residual"]),
    "show_images DoG grid": lambda: plotting.show_images(
        [ndimage.gaussian_filter(CAMERA, s) - ndimage.gaussian_filter(CAMERA, 1.6 * s) for s in (1, 2, 4)] + [CAMERA],
        ["DoG 1", "DoG 2", "DoG 4", "camera"], ncols=2),
    "show_images colour": lambda: plotting.show_images([sample("astronaut")[::8, ::8], sample("coffee")[::8, ::8]],
                                                        ["astronaut", "coffee"], colorbar=True),
    "show_images annotated": lambda: plotting.show_images(
        [worked_example(), ndimage.gaussian_filter(worked_example(), 1.0)], ["worked example", "blurred"],
        vmin=0, vmax=1, annotate=True, colorbar=True),
    "show_images derivative": lambda: plotting.show_images(
        [ndimage.gaussian_filter(CAMERA, 1.0, order=(0, 1))], ["d/dx"], vmin=-0.2, vmax=0.2),
    "plot_kernel 1-D": lambda: plotting.plot_kernel(gaussian_kernel1d(1.0)),
    "plot_kernel 1-D wide": lambda: plotting.plot_kernel(gaussian_kernel1d(3.0)),
    "plot_kernel 1-D derivative": lambda: plotting.plot_kernel(gaussian_kernel1d(1.0, order=1)),
    "plot_kernel 2-D": lambda: plotting.plot_kernel(gaussian_kernel2d(1.0)),
    "plot_kernel 2-D signed": lambda: plotting.plot_kernel(np.outer([1, 2, 1], [-1, 0, 1]) / 8.0),
    "plot_profiles colours": lambda: plotting.plot_profiles(
        {"red": CAMERA[40], "green": CAMERA[60], "blue": CAMERA[80]}, title="RGB rows"),
    "plot_profiles many": lambda: plotting.plot_profiles({f"sigma {s}": ndimage.gaussian_filter(CAMERA, s)[64]
                                                          for s in (0.5, 1, 2, 4, 8, 16)}),
    "plot_padding": lambda: plotting.plot_padding(ROW, {m: pad(ROW, 3, mode=m) for m in ("reflect", "mirror",
                                                                                             "nearest", "wrap")}, 3),
    "plot_padding wide": lambda: plotting.plot_padding(ROW, {m: pad(ROW, 12, mode=m) for m in ("reflect", "mirror",
                                                                                                 "nearest", "wrap")}, 12),
    "plot_curves log": lambda: plotting.plot_curves(
        np.arange(1, 31), {"direct 2-D": (8 * np.arange(1, 31) + 1) ** 2, "separable": 2 * (8 * np.arange(1, 31) + 1)},
        "sigma (pixels)", "multiply-adds per pixel", mark={"sigma 5": 5}, yscale="log"),
    "plot_histogram log": lambda: plotting.plot_histogram(
        {"Gaussian": NOISY - CAMERA, "salt and pepper": salt_and_pepper(CAMERA, 0.05, rng=0) - CAMERA}, log=True,
        xlabel="noisy - clean"),
    "plot_frequency_responses signed": lambda: plotting.plot_frequency_responses(
        FREQS, {"box, 5 taps": frequency_response(np.full(5, 0.2), 65, signed=True)[1],
                "Gaussian, sigma 1.41": frequency_response(gaussian_kernel1d(1.41), 65, signed=True)[1]}),
    "plot_sigma_view": lambda: plotting.plot_sigma_view(sigma_view(NOISY, 2.0, reference=CAMERA)),
    "plot_sigma_view step": lambda: plotting.plot_sigma_view(sigma_view(np.repeat(np.eye(1, 32, 16).cumsum(1), 32, 0),
                                                                        0.5)),
    "plot_border_view": lambda: plotting.plot_border_view(border_view(CAMERA, "constant", 3.0)),
    "plot_border_view small": lambda: plotting.plot_border_view(border_view(np.eye(6), "mirror", 1.0)),
}


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_plotting_function_obeys_the_rules(name):
    fig = FIGURES[name]()
    assert check_figure(fig, dpi=plotting.FIGURE_DPI) == []


def test_every_public_drawing_function_is_covered():
    drawn = {name.split()[0] for name in FIGURES}
    public = {n for n in plotting.__all__ if n.startswith(("show_", "plot_"))}
    assert public <= drawn, f"add representative figures for {sorted(public - drawn)}"


# -------------------------------------------------------------------------------------- the display-time check

def _bad_course_figure() -> plotting.NotebookFigure:
    fig = plotting.plot_profiles({"a": [0, 1]})
    fig.axes[0].plot([0, 1], color="tab:orange", label="blue")
    return fig


def test_display_is_checked_only_when_asked(monkeypatch):
    monkeypatch.delenv(figure_check.ENV_VAR, raising=False)
    assert _bad_course_figure()._repr_mimebundle_()[0]["text/html"].startswith("<img ")
    assert widgets.figure_png(_bad_course_figure())[:4] == b"\x89PNG"
    monkeypatch.setenv(figure_check.ENV_VAR, "1")
    with pytest.raises(FigureCheckError, match=r"\(alt, colour-name\)"):
        _bad_course_figure()._repr_mimebundle_()
    described = _bad_course_figure()
    described.alt = "One line, labelled blue, rising from 0 to 1."
    with pytest.raises(FigureCheckError, match=r"\(colour-name\)"):
        described._repr_png_()
    with pytest.raises(FigureCheckError, match=r"\(colour-name, dpi\)"):
        widgets.figure_png(_bad_course_figure(), dpi=72)
    good = plotting.plot_profiles({"a": [0, 1]}, alt="One line rising from 0 to 1.")
    assert good._repr_mimebundle_()[0]["text/html"].startswith("<img ")
    with pytest.raises(FigureCheckError, match=r"\(alt\)"):
        plotting.plot_profiles({"a": [0, 1]})._repr_mimebundle_()


def test_checking_does_not_change_the_picture(monkeypatch):
    """The executed notebooks are built with the check on and compared by nbval with it off: the <img> tag, its
    size included, must be the same either way (a layout engine settles only on its second draw)."""
    def shown() -> tuple[str, bytes]:
        fig = FIGURES["show_images grey, noisy, signed"]()
        fig.alt = "Four panels: clean, noisy, blurred and the residual."
        html = fig._repr_mimebundle_()[0]["text/html"]
        return html[:html.index("src=")], widgets.figure_png(FIGURES["show_images grey, noisy, signed"]())

    monkeypatch.delenv(figure_check.ENV_VAR, raising=False)
    unchecked = shown()
    monkeypatch.setenv(figure_check.ENV_VAR, "1")
    assert shown() == unchecked


def test_explorers_render_their_snapshots_at_100_dpi_or_more(monkeypatch):
    monkeypatch.setenv(figure_check.ENV_VAR, "1")
    assert widgets.FIGURE_DPI >= figure_check.MIN_DPI
    explorer = widgets.sigma_explorer(NOISY, reference=CAMERA)
    explorer.update(3.5)
    widgets.border_explorer(CAMERA, sigma=2.0).update("wrap")
