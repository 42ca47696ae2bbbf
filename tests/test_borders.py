"""Tests of gausslearn.borders: the index rule against SciPy itself, numpy.pad, and the naming table."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import ndimage

from gausslearn import borders as B

# Facts from the SciPy / NumPy documentation (and the team notes), typed here as the expectation.
NUMPY_EQUIVALENT = {"reflect": "symmetric", "grid-mirror": "symmetric", "mirror": "reflect", "nearest": "edge",
                    "wrap": "wrap", "grid-wrap": "wrap", "constant": "constant", "grid-constant": "constant"}


def scipy_extension(n: int, p: int, mode: str) -> np.ndarray:
    """The index SciPy's filters read at positions -p .. n-1+p, probed with one-hot weights.

    correlate1d with weights e_t (length 2p+1) gives out[i] = x[i + t - p]; on x = arange(n) with cval=-1
    the outputs spell the source indices.
    """
    x = np.arange(n, dtype=float)
    ext = np.empty(n + 2 * p)
    for t in range(2 * p + 1):
        w = np.zeros(2 * p + 1)
        w[t] = 1.0
        out = ndimage.correlate1d(x, w, mode=mode, cval=-1.0)
        # out[i] reads offset i + t - p, which is position i + t of the extended axis.
        ext[t:t + n] = out
    return ext.astype(int)


@pytest.mark.parametrize("mode", B.MODES)
@pytest.mark.parametrize("n", [1, 2, 3, 4, 7])
@pytest.mark.parametrize("p", [0, 1, 3, 9])
def test_padded_indices_reproduce_scipy_filters(mode: str, n: int, p: int) -> None:
    np.testing.assert_array_equal(B.padded_indices(n, p, p, mode), scipy_extension(n, p, mode))


@settings(max_examples=150, deadline=None)
@given(mode=st.sampled_from(B.MODES), n=st.integers(1, 9), before=st.integers(0, 25), after=st.integers(0, 25))
def test_padded_indices_match_numpy_pad(mode: str, n: int, before: int, after: int) -> None:
    kwargs = {"constant_values": -1} if NUMPY_EQUIVALENT[mode] == "constant" else {}
    expected = np.pad(np.arange(n), (before, after), mode=NUMPY_EQUIVALENT[mode], **kwargs)
    np.testing.assert_array_equal(B.padded_indices(n, before, after, mode), expected)


def test_padded_indices_small_cases() -> None:
    np.testing.assert_array_equal(B.padded_indices(1, 3, 2, "mirror"), [0] * 6)   # one pixel: nothing to mirror
    np.testing.assert_array_equal(B.padded_indices(1, 2, 2, "constant"), [-1, -1, 0, -1, -1])
    np.testing.assert_array_equal(B.padded_indices(3, 0, 0, "wrap"), [0, 1, 2])
    np.testing.assert_array_equal(B.padded_indices(2, 4, 0, "mirror"), [0, 1, 0, 1, 0, 1])


def test_padded_indices_errors() -> None:
    with pytest.raises(ValueError, match="unknown border mode 'symmetric'.*numpy.pad's 'symmetric' is SciPy's"):
        B.padded_indices(3, 1, 1, "symmetric")
    with pytest.raises(ValueError, match="n must be a positive integer, got 0; it is the length of the axis"):
        B.padded_indices(0, 1, 1, "reflect")
    with pytest.raises(ValueError, match="before must be >= 0, got -1"):
        B.padded_indices(3, -1, 1, "reflect")
    with pytest.raises(TypeError, match="after must be an integer, got 1.5"):
        B.padded_indices(3, 1, 1.5, "reflect")


# ------------------------------------------------------------------------------------------------- pad ---

@settings(max_examples=60, deadline=None)
@given(mode=st.sampled_from(B.MODES), shape=st.lists(st.integers(1, 6), min_size=1, max_size=3),
       data=st.data())
def test_pad_matches_numpy_pad_any_ndim(mode: str, shape: list[int], data: st.DataObject) -> None:
    widths = [(data.draw(st.integers(0, 8)), data.draw(st.integers(0, 8))) for _ in shape]
    image = np.random.default_rng(len(shape)).standard_normal(shape)
    kwargs = {"constant_values": 2.5} if NUMPY_EQUIVALENT[mode] == "constant" else {}
    expected = np.pad(image, widths, mode=NUMPY_EQUIVALENT[mode], **kwargs)
    np.testing.assert_array_equal(B.pad(image, widths, mode, cval=2.5), expected)


def test_pad_width_forms_dtype_and_no_mutation() -> None:
    image = np.arange(6, dtype=np.uint8).reshape(2, 3)
    before = image.copy()
    assert B.pad(image, 1).shape == (4, 5)
    assert B.pad(image, (1, 2)).shape == (4, 7)             # per axis
    assert B.pad(image, [(0, 1), (2, 0)]).shape == (3, 5)   # per axis (before, after)
    assert B.pad(image, 1, "constant", cval=7).dtype == np.uint8
    np.testing.assert_array_equal(image, before)
    same = B.pad(image, 0)
    assert same is not image and np.array_equal(same, image)
    z = np.array([1 + 2j, 3j])
    np.testing.assert_array_equal(B.pad(z, 1, "constant", cval=1j), [1j, 1 + 2j, 3j, 1j])
    # per-axis modes
    np.testing.assert_array_equal(B.pad(image, 1, ("constant", "wrap"), cval=9)[0], [9, 9, 9, 9, 9])
    np.testing.assert_array_equal(B.pad(image, 1, ("constant", "wrap"), cval=9)[1], [2, 0, 1, 2, 0])


def test_pad_errors() -> None:
    with pytest.raises(ValueError, match="pad_width has 3 entries but the image has 2 axes"):
        B.pad(np.zeros((2, 2)), (1, 1, 1))
    with pytest.raises(ValueError, match="must be an int or a \\(before, after\\) pair"):
        B.pad(np.zeros((2, 2)), [(1, 1, 1), 2])
    with pytest.raises(TypeError, match="pad_width must be an int, a sequence of ints"):
        B.pad(np.zeros(2), None)
    with pytest.raises(ValueError, match="pad_width must be >= 0"):
        B.pad(np.zeros(2), -1)
    with pytest.raises(ValueError, match="mode has 3 values but the array has 2 axes"):
        B.pad(np.zeros((2, 2)), 1, ("reflect",) * 3)
    with pytest.raises(ValueError, match="image is empty"):
        B.pad(np.zeros((0, 2)), 1)


# ------------------------------------------------------------------------------------------ naming table ---

def test_numpy_pad_mode_found_by_comparison() -> None:
    for mode, name in NUMPY_EQUIVALENT.items():
        assert B.numpy_pad_mode(mode) == name
    with pytest.raises(ValueError, match="unknown border mode 'edge'.*'edge' is SciPy's 'nearest'"):
        B.numpy_pad_mode("edge")


def test_mode_table() -> None:
    rows = B.mode_table()
    assert [row["scipy"] for row in rows] == list(B.MODES)
    by_mode = {row["scipy"]: row for row in rows}
    assert set(rows[0]) == {"scipy", "numpy_pad", "opencv", "skimage", "pattern"}
    # Pictures from SciPy's documentation (4 pixels, 4 padded samples each side).
    assert by_mode["reflect"]["pattern"] == "d c b a | a b c d | d c b a"
    assert by_mode["nearest"]["pattern"] == "a a a a | a b c d | d d d d"
    assert by_mode["wrap"]["pattern"] == "a b c d | a b c d | a b c d"
    assert by_mode["constant"]["pattern"] == "k k k k | a b c d | k k k k"
    assert by_mode["mirror"]["pattern"] == "c d c b | a b c d | c b a b"
    assert by_mode["grid-mirror"]["pattern"] == by_mode["reflect"]["pattern"]
    opencv = {"reflect": "BORDER_REFLECT", "mirror": "BORDER_REFLECT_101", "nearest": "BORDER_REPLICATE",
              "wrap": "BORDER_WRAP", "constant": "BORDER_CONSTANT"}
    for mode, name in opencv.items():
        assert by_mode[mode]["opencv"] == name
        assert by_mode[mode]["numpy_pad"] == NUMPY_EQUIVALENT[mode]
        assert by_mode[mode]["skimage"] == mode
