"""Tests of gausslearn.filters against scipy.ndimage: values, dtypes, aliasing, errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import ndimage

from gausslearn import filters as F
from gausslearn._validation import MODES

FILTER_MODES = list(MODES)


def close(ours: np.ndarray, ref: np.ndarray, tol: float = 1e-12) -> None:
    """Same shape and dtype, and equal to ``tol`` relative to the data's scale."""
    assert ours.shape == ref.shape and ours.dtype == ref.dtype
    scale = max(1.0, float(np.abs(ref).max()))
    assert float(np.abs(ours.astype(complex) - ref.astype(complex)).max()) <= tol * scale


shapes = st.lists(st.integers(1, 10), min_size=1, max_size=3)


# ----------------------------------------------------------------------------------- exactness, float64 ---

@settings(max_examples=120, deadline=None)
@given(shape=shapes, mode=st.sampled_from(FILTER_MODES), sigma=st.floats(0.3, 25.0), order=st.integers(0, 2),
       cval=st.floats(-2, 2), seed=st.integers(0, 2 ** 16))
def test_gaussian_filter_equals_scipy(shape: list[int], mode: str, sigma: float, order: int, cval: float,
                                      seed: int) -> None:
    x = np.random.default_rng(seed).standard_normal(shape)
    close(F.gaussian_filter(x, sigma, order=order, mode=mode, cval=cval),
          ndimage.gaussian_filter(x, sigma, order=order, mode=mode, cval=cval))


@settings(max_examples=60, deadline=None)
@given(shape=shapes, mode=st.sampled_from(FILTER_MODES), sigma=st.floats(0.3, 12.0), order=st.integers(0, 3),
       truncate=st.floats(0.5, 5.0), seed=st.integers(0, 2 ** 16), data=st.data())
def test_gaussian_filter1d_equals_scipy(shape: list[int], mode: str, sigma: float, order: int, truncate: float,
                                        seed: int, data: st.DataObject) -> None:
    x = np.random.default_rng(seed).standard_normal(shape)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    close(F.gaussian_filter1d(x, sigma, axis, order, mode=mode, cval=0.5, truncate=truncate),
          ndimage.gaussian_filter1d(x, sigma, axis, order, mode=mode, cval=0.5, truncate=truncate))


@settings(max_examples=80, deadline=None)
@given(shape=shapes, mode=st.sampled_from(FILTER_MODES), size=st.integers(1, 9), seed=st.integers(0, 2 ** 16),
       data=st.data())
def test_correlate1d_equals_scipy(shape: list[int], mode: str, size: int, seed: int, data: st.DataObject) -> None:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape) * 50
    w = rng.standard_normal(size)
    if data.draw(st.booleans()):
        w = (w + w[::-1]) / 2 if data.draw(st.booleans()) else (w - w[::-1]) / 2  # (anti)symmetric kernels
    origin = data.draw(st.integers(-(size // 2), (size - 1) // 2))
    axis = data.draw(st.integers(0, len(shape) - 1))
    close(F.correlate1d(x, w, axis, mode=mode, cval=-1.5, origin=origin),
          ndimage.correlate1d(x, w, axis, mode=mode, cval=-1.5, origin=origin))


@pytest.mark.parametrize("mode", FILTER_MODES)
@pytest.mark.parametrize("shape", [(5,), (1,), (6, 4), (1, 3), (3, 4, 5)])
@pytest.mark.parametrize("sigma", [0.3, 1.0, 1.125, 3.0, 40.0])
def test_float64_results_are_identical_to_scipy(mode: str, shape: tuple, sigma: float) -> None:
    # Same weights and the same order of additions as SciPy's C loop: identical bits on this machine.
    x = np.random.default_rng(7).standard_normal(shape) * 100
    np.testing.assert_array_equal(F.gaussian_filter(x, sigma, mode=mode, cval=0.3),
                                  ndimage.gaussian_filter(x, sigma, mode=mode, cval=0.3))


def test_per_axis_arguments_axes_radius_and_skipped_axes() -> None:
    x = np.random.default_rng(3).standard_normal((6, 7, 3))
    kwargs = dict(sigma=(1.0, 2.5), order=(0, 1), mode=("wrap", "constant"), radius=(2, None), axes=(1, 0))
    close(F.gaussian_filter(x, cval=1.0, **kwargs), ndimage.gaussian_filter(x, cval=1.0, **kwargs))
    # axes=(0, 1) is sigma=(s, s, 0) bit for bit, and channels are not mixed.
    np.testing.assert_array_equal(F.gaussian_filter(x, 1.5, axes=(0, 1)), F.gaussian_filter(x, (1.5, 1.5, 0)))
    close(F.gaussian_filter(x, 1.5, axes=(0, 1)), ndimage.gaussian_filter(x, 1.5, axes=(0, 1)))
    close(F.gaussian_filter(x, 2.0, axes=-1), ndimage.gaussian_filter(x, 2.0, axes=-1))
    # An axis with sigma <= 1e-15 is skipped entirely, even with a derivative order (SciPy's rule) ...
    close(F.gaussian_filter(x, (1e-16, 1.0, 0.0), order=(1, 0, 2)),
          ndimage.gaussian_filter(x, (1e-16, 1.0, 0.0), order=(1, 0, 2)))
    # ... but a tiny positive sigma above the threshold is a (radius 0) pass.
    close(F.gaussian_filter(x, 1e-10, order=0), ndimage.gaussian_filter(x, 1e-10, order=0))
    out = F.gaussian_filter(x, 0.0)
    np.testing.assert_array_equal(out, x)
    assert out is not x
    np.testing.assert_array_equal(F.gaussian_filter1d(x, 0.0), x)   # SciPy divides by zero here


def test_kernel_wider_than_image_every_mode() -> None:
    x = np.random.default_rng(4).standard_normal((3, 4))
    for mode in FILTER_MODES:
        for sigma in (5.0, 50.0):
            close(F.gaussian_filter(x, sigma, mode=mode, cval=2.0),
                  ndimage.gaussian_filter(x, sigma, mode=mode, cval=2.0))


# ------------------------------------------------------------------------------- float32 and complex ---

@pytest.mark.parametrize("mode", ["reflect", "mirror", "constant", "wrap"])
@pytest.mark.parametrize("sigma", [0.5, 2.0, 9.0])
def test_float32_close_to_scipy(mode: str, sigma: float) -> None:
    x = np.random.default_rng(5).random((40, 33)).astype(np.float32)
    ours = F.gaussian_filter(x, sigma, mode=mode, cval=0.25)
    ref = ndimage.gaussian_filter(x, sigma, mode=mode, cval=0.25)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, ref, rtol=0, atol=5e-7)
    # float32 input with a float64 output is summed in float64: identical to SciPy.
    np.testing.assert_array_equal(F.gaussian_filter(x, sigma, mode=mode, output=np.float64),
                                  ndimage.gaussian_filter(x, sigma, mode=mode, output=np.float64))


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("mode", ["reflect", "constant", "wrap"])
def test_complex_input(dtype: type, mode: str) -> None:
    rng = np.random.default_rng(6)
    z = (rng.standard_normal((9, 8)) + 1j * rng.standard_normal((9, 8))).astype(dtype)
    ours = F.gaussian_filter(z, (1.3, 0.7), mode=mode, cval=1 - 2j)
    ref = ndimage.gaussian_filter(z, (1.3, 0.7), mode=mode, cval=1 - 2j)
    close(ours, ref, 1e-12 if dtype == np.complex128 else 1e-6)
    close(F.gaussian_filter_direct(z.astype(complex), 1.0, mode=mode, cval=1 - 2j),
          ndimage.gaussian_filter(z.astype(complex), 1.0, mode=mode, cval=1 - 2j))
    close(F.gaussian_filter_fft(z.astype(complex), 1.0, mode=mode, cval=1 - 2j),
          ndimage.gaussian_filter(z.astype(complex), 1.0, mode=mode, cval=1 - 2j))


@pytest.mark.parametrize("kind", ["complex128", "float64", "complex64", "int16"])
def test_complex_weights(kind: str) -> None:
    rng = np.random.default_rng(8)
    base = rng.standard_normal((7, 6)) * 10 + 1j * rng.standard_normal((7, 6))
    x = base.astype(kind) if kind.startswith("complex") else base.real.astype(kind)
    w = rng.standard_normal(5) + 1j * rng.standard_normal(5)
    cval = 0.5 - 0.25j if kind.startswith("complex") else 0.5
    for mode in ("reflect", "constant"):
        ours = F.correlate1d(x, w, axis=0, mode=mode, cval=cval)
        ref = ndimage.correlate1d(x, w, axis=0, mode=mode, cval=cval)
        close(ours, ref, 1e-6 if kind == "complex64" else 1e-12)
    with pytest.warns(UserWarning, match="promoting specified output dtype float64 to complex"):
        promoted = F.correlate1d(x, w, output=np.float64)
    assert promoted.dtype == np.complex128


# --------------------------------------------------------------------------------------- integer output ---

INT_OUTPUTS = [None, np.uint8, np.int8, np.uint16, np.int16, np.uint32, np.int32, np.uint64, np.int64, bool]


@pytest.mark.parametrize("output", INT_OUTPUTS)
@pytest.mark.parametrize("order", [0, 1, 2])
def test_integer_output_truncates_and_wraps_like_scipy_bit_for_bit(output: type | None, order: int) -> None:
    x = np.random.default_rng(9).integers(0, 256, (31, 29), dtype=np.uint8)
    ours = F.gaussian_filter(x, 2.0, order=order, output=output)
    ref = ndimage.gaussian_filter(x, 2.0, order=order, output=output)
    assert ours.dtype == ref.dtype
    np.testing.assert_array_equal(ours.view(np.uint8) if ours.dtype == bool else ours,
                                  ref.view(np.uint8) if ref.dtype == bool else ref)


@pytest.mark.parametrize("output", INT_OUTPUTS[1:])
def test_float_input_into_integer_output_bit_for_bit(output: type) -> None:
    x = np.random.default_rng(10).standard_normal((40, 33)) * 3000   # values far outside every small range
    for order in (0, 1):
        ours = F.gaussian_filter(x, 1.5, order=order, output=output)
        ref = ndimage.gaussian_filter(x, 1.5, order=order, output=output)
        np.testing.assert_array_equal(ours.view(np.uint8) if ours.dtype == bool else ours,
                                      ref.view(np.uint8) if ref.dtype == bool else ref)


@pytest.mark.parametrize("output", INT_OUTPUTS[1:])
def test_cast_rule_matches_scipy_on_extreme_values(output: type) -> None:
    # Out-of-range doubles, NaN and infinities: C casts are implementation-defined; match SciPy's bits here.
    values = np.concatenate([np.linspace(-70000.5, 70000.5, 2001),
                             [2.0 ** 31, 2.0 ** 32 + 5.5, -2.0 ** 31 - 3, 2.0 ** 40, 1e20, -1e20, 2.0 ** 63,
                              2.0 ** 64 + 1e6, np.nan, np.inf, -np.inf, -0.999, 0.999]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = F.correlate1d(values, [1.0], output=output)
        ref = ndimage.correlate1d(values, [1.0], output=output)
    np.testing.assert_array_equal(ours.view(np.uint8) if ours.dtype == bool else ours,
                                  ref.view(np.uint8) if ref.dtype == bool else ref)


def test_uint8_truncation_is_a_bias_not_rounding() -> None:
    x = np.random.default_rng(11).integers(0, 256, (64, 64), dtype=np.uint8)
    as_uint8 = F.gaussian_filter(x, 2.0).astype(float)
    exact = F.gaussian_filter(x.astype(float), 2.0)
    bias = float((as_uint8 - exact).mean())
    assert -1.2 < bias < -0.6   # truncation toward zero after each of the two passes
    # derivative into an unsigned type wraps around: negative responses become large values
    edge = np.zeros((5, 10), np.uint8)
    edge[:, 5:] = 200
    wrapped = F.gaussian_filter1d(edge, 1.0, order=1, output=np.uint8)[:, ::-1]
    np.testing.assert_array_equal(wrapped, ndimage.gaussian_filter1d(edge, 1.0, order=1, output=np.uint8)[:, ::-1])
    falling = F.gaussian_filter1d(edge[:, ::-1].copy(), 1.0, order=1, output=np.uint8)
    assert falling.max() > 200 and falling.min() == 0


# --------------------------------------------------------------------------------- output, aliasing, inputs ---

@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.uint8, np.complex128])
def test_output_may_be_the_input_itself(dtype: type) -> None:
    rng = np.random.default_rng(12)
    x = (rng.random((12, 10)) * 200).astype(dtype)
    expected = ndimage.gaussian_filter(x.copy(), 1.7)
    y = x.copy()
    result = F.gaussian_filter(y, 1.7, output=y)
    assert result is y
    np.testing.assert_allclose(y, expected, rtol=0, atol=1e-5)
    if dtype in (np.float64, np.uint8):
        np.testing.assert_array_equal(y, expected)
    # an output overlapping the input in another layout (reversed view): the result is still the filter of
    # the original input
    y = x.copy()
    F.gaussian_filter(y, 1.7, output=y[::-1])
    np.testing.assert_allclose(y[::-1], expected, rtol=0, atol=1e-5)
    y = x.copy()
    F.correlate1d(y, [0.2, 0.5, 0.3], axis=0, output=y)
    np.testing.assert_allclose(y, ndimage.correlate1d(x, [0.2, 0.5, 0.3], axis=0), rtol=0, atol=1e-4)
    y = x.copy()
    F.gaussian_filter1d(y[::2], 1.0, output=y[::2])   # a strided view as input and output
    np.testing.assert_allclose(y[::2], ndimage.gaussian_filter1d(x[::2], 1.0), rtol=0, atol=1e-4)
    np.testing.assert_array_equal(y[1::2], x[1::2])


def test_output_array_and_dtype() -> None:
    x = np.random.default_rng(13).standard_normal((8, 9))
    out = np.empty((8, 9))
    assert F.gaussian_filter(x, 1.0, output=out) is out
    close(out, ndimage.gaussian_filter(x, 1.0))
    f32 = F.gaussian_filter(x, 1.0, output=np.float32)
    np.testing.assert_array_equal(f32, ndimage.gaussian_filter(x, 1.0, output=np.float32))
    assert F.gaussian_filter(x, 1.0, output="float32").dtype == np.float32
    # an output whose axes cannot be regrouped without a copy: results must still land in it
    x3 = np.random.default_rng(18).standard_normal((4, 5, 6))
    strided = np.zeros((4, 5, 12))[:, :, ::2]
    assert F.gaussian_filter(x3, (1.0, 0.7, 2.0), output=strided) is strided
    close(strided, ndimage.gaussian_filter(x3, (1.0, 0.7, 2.0)))
    close(F.gaussian_filter1d(x3[:, ::-1], 1.5, axis=0), ndimage.gaussian_filter1d(x3[:, ::-1], 1.5, axis=0))
    fortran = np.asfortranarray(x)
    close(F.gaussian_filter(fortran, (1.0, 2.0)), ndimage.gaussian_filter(fortran, (1.0, 2.0)))
    close(F.gaussian_filter(x.T, 1.3), ndimage.gaussian_filter(x.T, 1.3))
    close(F.gaussian_filter(x.tolist(), 1.3), ndimage.gaussian_filter(x.tolist(), 1.3))


def test_inputs_are_never_modified() -> None:
    rng = np.random.default_rng(14)
    x = rng.standard_normal((9, 8))
    z = x + 1j * rng.standard_normal((9, 8))
    w = np.array([1.0, 2.0, 0.5])
    copies = (x.copy(), z.copy(), w.copy())
    F.gaussian_filter(x, 1.0)
    F.gaussian_filter(z, 1.0, order=1)
    F.gaussian_filter1d(x, 2.0, axis=0, mode="wrap")
    F.correlate1d(x, w)
    F.correlate1d(z, w * 1j)
    F.correlate_direct(x, np.outer(w, w))
    F.gaussian_filter_direct(x, 1.0)
    F.gaussian_filter_fft(x, 1.0)
    F.box_filter(x, 3)
    F.gaussian_filter_box(x, 2.0)
    for original, after in zip(copies, (x, z, w), strict=True):
        np.testing.assert_array_equal(original, after)


# ------------------------------------------------------------------------------------- worked example ---

def test_worked_example_of_notebook_4() -> None:
    image = np.zeros((7, 7), np.float32)
    image[2:5, 2:5] = [[0.2, 0.7, 0.2], [0.7, 1.0, 0.7], [0.2, 0.7, 0.2]]
    out = F.gaussian_filter(image, sigma=1, mode="reflect")
    assert out.dtype == np.float32
    assert f"{out[3, 3]:.3f}" == "0.476"
    assert f"{out[0, 0]:.4f}" == "0.0011"
    assert str(np.round(out[3], 3)) == "[0.025 0.133 0.349 0.476 0.349 0.133 0.025]"
    np.testing.assert_allclose(out, ndimage.gaussian_filter(image, sigma=1, mode="reflect"), rtol=0, atol=1e-7)


# --------------------------------------------------------------------------------------------- errors ---

def _scipy_error(call) -> type[BaseException]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(Exception) as info:
            call(ndimage)
    return info.type


X = np.arange(12.0).reshape(3, 4)

ERROR_CASES = [
    # (call taking a module, our message)
    (lambda m: m.gaussian_filter1d(X, -1.0), "silently ignores a negative or NaN sigma"),
    (lambda m: m.gaussian_filter1d(X, 1.0, axis=2), "axis 2 is out of range for an array with 2 dimension"),
    (lambda m: m.correlate1d(X, [1.0], axis=-3), "axis -3 is out of range"),
    (lambda m: m.gaussian_filter(X, [1.0, 2.0, 3.0]), "sigma has 3 values but the array has 2 axes"),
    (lambda m: m.gaussian_filter(X, 1.0, order=[0, 1, 2]), "order has 3 values"),
    (lambda m: m.gaussian_filter(X, 1.0, mode=["reflect"]), "mode has 1 values"),
    (lambda m: m.gaussian_filter(X, 1.0, radius=[1, 2, 3]), "radius has 3 values"),
    (lambda m: m.gaussian_filter(X, 1.0, output=np.zeros((4, 3))), r"output has shape \(4, 3\) but input has shape"),
    (lambda m: m.gaussian_filter(X, 1.0, mode="symmetric"), "unknown border mode 'symmetric'"),
    (lambda m: m.gaussian_filter(X, 1.0, mode=("reflect", "edge")), "'edge' is SciPy's 'nearest'"),
    (lambda m: m.correlate1d(X, []), "weights must be a non-empty 1-D sequence"),
    (lambda m: m.correlate1d(X, [[1.0]]), "weights must be a non-empty 1-D sequence"),
    (lambda m: m.correlate1d(X, [1.0, 2.0, 3.0], origin=2), "Invalid origin 2"),
    (lambda m: m.gaussian_filter(X, 1.0, order=-1), "order must be non-negative"),
    (lambda m: m.gaussian_filter1d(X, 1.0, radius=-1), "Radius must be a nonnegative integer"),
    (lambda m: m.gaussian_filter1d(X, 1.0, radius=2.0), "Radius must be a nonnegative integer"),
    (lambda m: m.gaussian_filter(X, 1.0, axes=(0, 2)), "axis 2 in axes is out of range"),
    (lambda m: m.gaussian_filter(X, 1.0, axes=(1, -1)), "axes must be unique"),
    (lambda m: m.gaussian_filter(X.astype(np.float16), 1.0), "float16, which scipy.ndimage does not support"),
    (lambda m: m.gaussian_filter(X, 1.0, output=np.float16), "float16, which scipy.ndimage does not support"),
    (lambda m: m.correlate1d(X + 0j, [1.0], output=np.zeros((3, 4))), "real dtype float64 but the result is complex"),
    (lambda m: m.correlate1d(X + 0j, [1.0], output="float64"), "output dtype 'float64' is real"),
    (lambda m: m.correlate1d(X, [1j], cval=1j), "cval 1j is complex but the input is real"),
    (lambda m: m.correlate1d(X, [1.0], cval=1j), "cval must be a real number for real data"),
    (lambda m: m.correlate1d(X, [1.0, 2.0], origin=0.5), "origin must be an integer, got 0.5"),
    (lambda m: m.gaussian_filter(X, 1.0, axes=[0.5]), "axes must be an integer, a sequence of integers, or None"),
    (lambda m: m.gaussian_filter1d(X, 1.0, axis=0.5), "axis must be an integer, got 0.5"),
    (lambda m: m.gaussian_filter(X, 1.0, order=0.5), "order must be an integer"),
    (lambda m: m.gaussian_filter(X, 1.0, mode=3), "unknown border mode 3"),
    (lambda m: m.uniform_filter(X, [1, 2, 3]) if m is ndimage else m.box_filter(X, [1, 2, 3]), "size has 3 values"),
]


@pytest.mark.parametrize("call, message", ERROR_CASES)
def test_errors_have_scipys_type_and_a_helpful_message(call, message: str) -> None:
    expected = _scipy_error(call)
    with pytest.raises(expected, match=message):
        call(F)


def test_course_refuses_what_scipy_ignores() -> None:
    # SciPy's gaussian_filter silently skips a negative or NaN sigma; the course says so instead.
    np.testing.assert_array_equal(ndimage.gaussian_filter(X, -1.0), X)
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="silently ignores a negative or NaN sigma"):
            F.gaussian_filter(X, bad)
    with pytest.raises(TypeError, match="sigma must be a number"):
        F.gaussian_filter(X, "1")
    with pytest.raises(TypeError, match="order must be an integer"):
        F.gaussian_filter(X, 1.0, order=0.5)
    with pytest.raises(ValueError, match="truncate must be >= 0"):
        F.gaussian_filter(X, 1.0, truncate=-1)
    with pytest.raises(ValueError, match="single number"):
        F.gaussian_filter(np.float64(3.0), 1.0)
    with pytest.raises(ValueError, match="input is empty"):
        F.gaussian_filter(np.zeros((0, 3)), 1.0)
    with pytest.raises(TypeError, match="numeric dtype"):
        F.gaussian_filter(np.array(["a"]), 1.0)
    with pytest.raises(ValueError, match="read-only"):
        F.gaussian_filter(X, 1.0, output=np.broadcast_to(np.zeros(4), (3, 4)))
    with pytest.raises(TypeError, match="output must be None, a dtype or a NumPy array, got list"):
        F.gaussian_filter(X, 1.0, output=[[0.0] * 4] * 3)
    with pytest.raises(RuntimeError, match="output must have a numeric dtype, got object"):
        F.gaussian_filter(X, 1.0, output=object)


# ------------------------------------------------------------------------------ direct, FFT and box ---

@settings(max_examples=40, deadline=None)
@given(shape=shapes, mode=st.sampled_from(FILTER_MODES), seed=st.integers(0, 2 ** 16), data=st.data())
def test_correlate_direct_equals_scipy_correlate(shape: list[int], mode: str, seed: int, data: st.DataObject) -> None:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape)
    kshape = [data.draw(st.integers(1, 4)) for _ in shape]
    k = rng.standard_normal(kshape)
    if data.draw(st.booleans()):
        k = k + 1j * rng.standard_normal(kshape)
    close(F.correlate_direct(x, k, mode=mode, cval=0.5), ndimage.correlate(x, k, mode=mode, cval=0.5))


@settings(max_examples=40, deadline=None)
@given(shape=shapes, mode=st.sampled_from(FILTER_MODES), sigma=st.floats(0.3, 15.0), seed=st.integers(0, 2 ** 16))
def test_direct_and_fft_equal_scipy(shape: list[int], mode: str, sigma: float, seed: int) -> None:
    x = np.random.default_rng(seed).standard_normal(shape)
    ref = ndimage.gaussian_filter(x, sigma, mode=mode, cval=-0.5)
    close(F.gaussian_filter_fft(x, sigma, mode=mode, cval=-0.5), ref)
    if len(shape) < 3 or sigma < 3:
        close(F.gaussian_filter_direct(x, sigma, mode=mode, cval=-0.5), ref)


def test_fft_and_direct_per_axis_sigma_and_dtypes() -> None:
    x = np.random.default_rng(15).integers(0, 255, (12, 11)).astype(np.uint8)
    ref = ndimage.gaussian_filter(x.astype(float), (2.0, 0.0), mode=("wrap", "nearest"))
    close(F.gaussian_filter_fft(x, (2.0, 0.0), mode=("wrap", "nearest")), ref)
    close(F.gaussian_filter_direct(x, (2.0, 0.0), mode=("wrap", "nearest")), ref)
    with pytest.raises(ValueError, match="kernel must be a non-empty numeric array with 2 dimension"):
        F.correlate_direct(x, np.ones(3))
    with pytest.raises(ValueError, match="cval .* is complex but the input is real"):
        F.gaussian_filter_fft(x, 1.0, mode="constant", cval=1j)


@pytest.mark.parametrize("size", [1, 2, 3, 4, 7, (2, 5)])
@pytest.mark.parametrize("mode", ["reflect", "mirror", "nearest", "wrap", "constant"])
def test_box_filter_equals_uniform_filter(size, mode: str) -> None:
    x = np.random.default_rng(16).standard_normal((13, 9))
    close(F.box_filter(x, size, mode=mode, cval=0.5), ndimage.uniform_filter(x, size, mode=mode, cval=0.5))


def test_box_sizes_and_box_approximation() -> None:
    for sigma in (0.8, 1.0, 2.0, 3.5, 8.0, 20.0):
        for passes in (2, 3, 4, 5):
            sizes = F.box_sizes_for_sigma(sigma, passes)
            assert len(sizes) == passes and all(w % 2 == 1 for w in sizes)
            assert max(sizes) - min(sizes) in (0, 2)
            variance = sum((w * w - 1) / 12 for w in sizes)
            assert abs(variance - sigma ** 2) <= max(sizes) + 1   # at most one width step away
    x = np.random.default_rng(17).random((80, 80))
    errors = {}
    for passes in (1, 3, 6):
        errors[passes] = float(np.abs(F.gaussian_filter_box(x, 4.0, passes=passes)
                                      - ndimage.gaussian_filter(x, 4.0)).max())
    assert errors[3] < 0.01 and errors[6] < errors[1]
    for sigma, bound in ((3.0, 0.015), (8.0, 0.01), (16.0, 0.01)):   # the bounds stated in the docstring
        assert np.abs(F.gaussian_filter_box(x, sigma) - ndimage.gaussian_filter(x, sigma)).max() < bound
    # at sigma 1 the odd widths 1 and 3 cannot reach variance 1: a poor approximation, as documented
    assert np.abs(F.gaussian_filter_box(x, 1.0) - ndimage.gaussian_filter(x, 1.0)).max() > 0.05
    with pytest.raises(ValueError, match="passes must be a positive integer"):
        F.box_sizes_for_sigma(2.0, passes=0)
    with pytest.raises(ValueError, match="size must be a positive integer"):
        F.box_filter(x, 0)


def test_operation_count() -> None:
    c = F.operation_count(2.0)
    assert c["radius"] == [8, 8] and c["taps"] == [17, 17]
    assert c["direct"] == 289 and c["separable"] == 34 and c["separable_symmetric"] == 18
    c3 = F.operation_count((1.0, 2.0, 0.0), ndim=3)
    assert c3["taps"] == [9, 17, 1] and c3["direct"] == 153 and c3["separable"] == 27
    assert F.operation_count(30.0)["ratio"] == pytest.approx(241 / 2)
    with pytest.raises(ValueError, match="ndim must be a positive integer"):
        F.operation_count(1.0, ndim=0)
