"""Tests of the border-mode names of other libraries in gausslearn.borders.

scikit-image is installed, so its columns are checked against scikit-image itself (warp, rescale,
denoise_bilateral, filters.gaussian); PyTorch and MATLAB are not, so their rules are checked against the
examples printed in their documentation and against numpy.pad's equivalent rules.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import ndimage

from gausslearn import borders as B

# numpy.pad's rule for each scikit-image (numpy-style) name, and for each PyTorch / MATLAB name.
NUMPY_OF_SKIMAGE = {"constant": "constant", "edge": "edge", "symmetric": "symmetric", "reflect": "reflect",
                    "wrap": "wrap"}
NUMPY_OF_TORCH = {"constant": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}
NUMPY_OF_MATLAB = {"X": "constant", "symmetric": "symmetric", "replicate": "edge", "circular": "wrap"}


def numpy_indices(n: int, before: int, after: int, numpy_mode: str) -> np.ndarray:
    kwargs = {"constant_values": -1} if numpy_mode == "constant" else {}
    return np.pad(np.arange(n), (before, after), mode=numpy_mode, **kwargs)


@settings(max_examples=60, deadline=None)
@given(mode=st.sampled_from(B.SKIMAGE_NUMPY_STYLE_MODES), n=st.integers(1, 7), before=st.integers(0, 15),
       after=st.integers(0, 15))
def test_warp_pads_like_numpy_pad_of_the_same_name(mode: str, n: int, before: int, after: int) -> None:
    np.testing.assert_array_equal(B.skimage_transform_indices(n, before, after, mode),
                                  numpy_indices(n, before, after, NUMPY_OF_SKIMAGE[mode]))


def test_team_notes_example_of_the_warp_trap() -> None:
    """Shifting [[1, 2, 3]] right by 2 with warp(order=0): 'reflect' gives [3, 2, 1], 'symmetric' [3, 3, 2]."""
    assert B.skimage_transform_indices(3, 2, 0, "reflect")[:3].tolist() == [2, 1, 0]
    assert B.skimage_transform_indices(3, 2, 0, "symmetric")[:3].tolist() == [1, 0, 0]


@pytest.mark.parametrize("scipy_mode", B.BASIC_MODES)
def test_rescale_translates_modes_like_warp(scipy_mode: str) -> None:
    """rescale with the name found through warp equals SciPy's zoom with SciPy's mode (grid modes for wrap and
    constant, as scikit-image's own translation does)."""
    from skimage.transform import rescale

    image = np.random.default_rng(1).random((7, 9))
    name = B.skimage_transform_mode(scipy_mode)
    ours = rescale(image, 1.5, order=1, mode=name, cval=0.0, anti_aliasing=False, preserve_range=True)
    grid = {"wrap": "grid-wrap", "constant": "grid-constant"}.get(scipy_mode, scipy_mode)
    theirs = ndimage.zoom(image, 1.5, order=1, mode=grid, cval=0.0, grid_mode=True)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_skimage_columns() -> None:
    rows = {r["scipy"]: r for r in B.library_mode_table()}
    assert {m: r["skimage_filters"] for m, r in rows.items()} == {m: m for m in B.BASIC_MODES}
    expected = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "wrap": "wrap", "constant": "constant"}
    assert {m: r["skimage_transform"] for m, r in rows.items()} == expected
    assert {m: r["skimage_restoration"] for m, r in rows.items()} == expected


def test_skimage_filters_refuses_numpy_names() -> None:
    from skimage.filters import gaussian

    with pytest.raises(RuntimeError):
        gaussian(np.zeros((5, 5)), sigma=1.0, mode="symmetric")


@pytest.mark.parametrize(("n", "before", "after", "mode", "expected"), [
    (4, 2, 2, "reflect", [2, 1, 0, 1, 2, 3, 2, 1]),     # torch.nn.ReflectionPad1d(2) example
    (4, 3, 1, "reflect", [3, 2, 1, 0, 1, 2, 3, 2]),     # ReflectionPad1d((3, 1))
    (4, 2, 2, "circular", [2, 3, 0, 1, 2, 3, 0, 1]),    # torch.nn.CircularPad1d(2) example
    (4, 3, 1, "circular", [1, 2, 3, 0, 1, 2, 3, 0]),    # CircularPad1d((3, 1))
    (3, 2, 2, "circular", [1, 2, 0, 1, 2, 0, 1]),       # CircularPad2d(2) on a 3x3 input, along one axis
    (3, 3, 3, "circular", [0, 1, 2, 0, 1, 2, 0, 1, 2]),  # padding equal to the size is allowed
])
def test_torch_rule_reproduces_the_documented_examples(n: int, before: int, after: int, mode: str,
                                                       expected: list[int]) -> None:
    assert B.torch_padded_indices(n, before, after, mode).tolist() == expected


@settings(max_examples=80, deadline=None)
@given(mode=st.sampled_from(B.TORCH_MODES), n=st.integers(1, 8), before=st.integers(0, 12), after=st.integers(0, 12))
def test_torch_rule_within_its_limits_is_numpy_rule(mode: str, n: int, before: int, after: int) -> None:
    limit = {"reflect": n - 1, "circular": n}.get(mode, 10 ** 6)
    if max(before, after) > limit:
        with pytest.raises(ValueError, match="PyTorch's"):
            B.torch_padded_indices(n, before, after, mode)
    else:
        np.testing.assert_array_equal(B.torch_padded_indices(n, before, after, mode),
                                      numpy_indices(n, before, after, NUMPY_OF_TORCH[mode]))


@settings(max_examples=80, deadline=None)
@given(option=st.sampled_from(B.MATLAB_OPTIONS), n=st.integers(1, 8), before=st.integers(0, 20),
       after=st.integers(0, 20))
def test_matlab_rule_is_numpy_rule(option: str, n: int, before: int, after: int) -> None:
    np.testing.assert_array_equal(B.matlab_padded_indices(n, before, after, option),
                                  numpy_indices(n, before, after, NUMPY_OF_MATLAB[option]))


def test_the_whole_table() -> None:
    rows = B.library_mode_table()
    assert [r["scipy"] for r in rows] == list(B.BASIC_MODES)
    table = {r["scipy"]: (r["numpy_pad"], r["opencv"], r["pytorch"], r["matlab"]) for r in rows}
    assert table == {
        "reflect": ("symmetric", "BORDER_REFLECT", "-", "symmetric"),
        "mirror": ("reflect", "BORDER_REFLECT_101", "reflect", "-"),
        "nearest": ("edge", "BORDER_REPLICATE", "replicate", "replicate"),
        "wrap": ("wrap", "BORDER_WRAP", "circular", "circular"),
        "constant": ("constant", "BORDER_CONSTANT", "constant", "X"),
    }
    assert rows[0]["pattern"] == "d c b a | a b c d | d c b a"
    grid = {r["scipy"]: r for r in B.library_mode_table(("grid-mirror", "grid-wrap", "grid-constant"))}
    assert grid["grid-mirror"]["skimage_transform"] == "symmetric"
    assert grid["grid-wrap"]["pytorch"] == "circular"


@pytest.mark.parametrize(("call", "message"), [
    (lambda: B.skimage_transform_indices(3, 1, 1, "nearest"), "unknown skimage.transform mode 'nearest'"),
    (lambda: B.torch_padded_indices(3, 1, 1, "symmetric"), "unknown PyTorch padding mode 'symmetric'"),
    (lambda: B.matlab_padded_indices(3, 1, 1, "reflect"), "unknown MATLAB imfilter boundary option 'reflect'"),
    (lambda: B.torch_padded_indices(3, 4, 0, "circular"), "PyTorch's 'circular' needs a padding of at most"),
    (lambda: B.matlab_padded_indices(0, 1, 1, "X"), "n must be a positive integer"),
    (lambda: B.skimage_transform_mode("symmetric"), "unknown border mode 'symmetric'"),
    (lambda: B.library_mode_table(("edge",)), "unknown border mode 'edge'"),
])
def test_clear_errors(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_matlab_rule_refuses_negative_pads() -> None:
    with pytest.raises(ValueError, match="before must be >= 0"):
        B.matlab_padded_indices(3, -1, 0, "symmetric")
