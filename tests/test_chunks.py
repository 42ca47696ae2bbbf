"""Tests of gausslearn.chunks: chunked filtering equals scipy.ndimage.gaussian_filter, the halo rule, seams."""

from __future__ import annotations

import re
import tracemalloc

import dask.array as da
import numpy as np
import pytest
import zarr
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import ndimage

from gausslearn import chunks as C
from gausslearn._validation import MODES


def impulse_radius(sigma: float, truncate: float) -> int:
    """The radius SciPy really uses: half the width of the support of a filtered impulse."""
    n = 2 * int(truncate * sigma + 3) + 1
    x = np.zeros(n)
    x[n // 2] = 1.0
    support = np.flatnonzero(ndimage.gaussian_filter1d(x, sigma, truncate=truncate, mode="constant"))
    return int(support[-1] - n // 2)


def random_image(shape: tuple[int, ...], dtype: str = "float64", seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if dtype == "uint8":
        return rng.integers(0, 256, size=shape, dtype=np.uint8)
    return rng.standard_normal(shape).astype(dtype)


class Stored:
    """The least a stored array offers (as h5py does): shape, dtype, chunks, slicing; reads are counted."""

    def __init__(self, data: np.ndarray, chunks: tuple[int, ...]) -> None:
        self._data, self.chunks, self.reads = data, chunks, 0
        self.shape, self.dtype = data.shape, data.dtype

    def __getitem__(self, index: tuple[slice, ...]) -> np.ndarray:
        assert all(isinstance(i, slice) and i.step is None for i in index), "only plain slices are used"
        self.reads += 1
        return self._data[index].copy()


def as_kind(image: np.ndarray, kind: str, chunks) -> tuple[object, object]:
    """``image`` as the ``kind`` of input filter_chunked gets, and the ``chunks`` argument to pass with it."""
    if kind == "numpy":
        return image, chunks
    side = C._ints(chunks, image.ndim, "chunks", low=1, meaning="")
    if kind == "dask":
        return da.from_array(image, chunks=side), None
    if kind == "zarr":
        z = zarr.open_array(store=zarr.storage.MemoryStore(), mode="w", shape=image.shape, chunks=side,
                            dtype=image.dtype)
        z[...] = image
        return z, None
    return Stored(image, side), None


KINDS = ["numpy", "dask", "zarr", "stored"]


# ----------------------------------------------------------------------------------------------- halo rule
@pytest.mark.parametrize("truncate", [2.0, 3.0, 4.0, 4.5])
@pytest.mark.parametrize("sigma", [0.3, 0.5, 1.0, 1.1, 1.125, 2.5, 4.0, 7.3])
def test_halo_is_scipys_radius(sigma: float, truncate: float) -> None:
    assert C.halo_for(sigma, truncate) == impulse_radius(sigma, truncate) == int(truncate * sigma + 0.5)


def test_halo_rounds_halves_up_like_scipy_not_like_round() -> None:
    assert C.halo_for(1.125) == 5 and round(4 * 1.125) == 4


def test_halo_per_axis_and_types() -> None:
    assert C.halo_for((1.0, 4.0, 4.0)) == (4, 16, 16)
    assert C.halo_for(np.array([0.0, 2.0])) == (0, 8)
    assert C.halo_for(np.float32(2.0)) == 8
    assert C.halo_for(np.array(2.0)) == 8
    assert C.halo_for([3], truncate=2) == (6,)


@pytest.mark.parametrize(("args", "error", "message"), [
    ((-1.0,), ValueError, "sigma must be >= 0 and finite, got -1.0."),
    ((float("nan"),), ValueError, "sigma must be >= 0 and finite, got nan."),
    (((1.0, -2.0),), ValueError, "sigma must be >= 0 and finite, got -2.0."),
    ((2.0, -1.0), ValueError, "truncate must be >= 0 and finite"),
    (("2",), TypeError, "sigma must be a number or a sequence of numbers, got '2' (str)."),
    (((),), ValueError, "sigma is an empty sequence; pass one number, or one per axis"),
])
def test_halo_errors_say_what_was_wrong(args: tuple, error: type, message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        C.halo_for(*args)


# ----------------------------------------------------------------------------------------------- exactness
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("shape", "chunks", "sigma"), [
    ((37, 53), (8, 13), 1.5),          # uneven last chunks, chunks smaller than the halo (dask merges them)
    ((64, 48), 16, (2.0, 0.7)),        # per-axis sigma
    ((40, 40), (40, 10), 1.125),       # one chunk along an axis; radius 5 from the halves rule
    ((12, 20, 18), (5, 7, 6), 1.0),    # 3-D
    ((9, 30, 8), (4, 10, 8), (0.0, 2.0, 1.0)),  # 3-D, one axis not filtered
])
def test_chunked_equals_scipy_bit_for_bit(kind: str, mode: str, shape: tuple, chunks, sigma) -> None:
    image = random_image(shape, seed=len(shape))
    source, chunk_arg = as_kind(image, kind, chunks)
    out = C.filter_chunked(source, sigma, chunks=chunk_arg, mode=mode, cval=0.25)
    assert isinstance(out, da.Array) and out.shape == image.shape and out.dtype == image.dtype
    np.testing.assert_array_equal(out.compute(), ndimage.gaussian_filter(image, sigma, mode=mode, cval=0.25))


@pytest.mark.parametrize("kind", ["numpy", "zarr"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "uint8"])
@pytest.mark.parametrize("mode", ["reflect", "nearest", "wrap", "constant"])
def test_chunked_equals_scipy_for_every_dtype(kind: str, dtype: str, mode: str) -> None:
    """Integer outputs are truncated after every 1-D pass in SciPy; chunking keeps exactly that."""
    image = random_image((50, 45), dtype, seed=3)
    source, chunk_arg = as_kind(image, kind, (16, 15))
    out = C.filter_chunked(source, 2.0, chunks=chunk_arg, mode=mode).compute()
    assert out.dtype == image.dtype
    np.testing.assert_array_equal(out, ndimage.gaussian_filter(image, 2.0, mode=mode))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("sigma", [2.0, 6.0])
def test_kernel_wider_than_the_image(kind: str, mode: str, sigma: float) -> None:
    """Radius 8 or 24 on axes of 5 and 11 pixels: the padding repeats, and the chunked result still matches."""
    image = random_image((5, 11), seed=4)
    source, chunk_arg = as_kind(image, kind, (2, 3))
    out = C.filter_chunked(source, sigma, chunks=chunk_arg, mode=mode).compute()
    np.testing.assert_array_equal(out, ndimage.gaussian_filter(image, sigma, mode=mode))


def test_per_axis_modes_and_truncate() -> None:
    image = random_image((30, 42), seed=5)
    out = C.filter_chunked(image, (1.5, 2.5), chunks=(7, 10), mode=("reflect", "wrap"), truncate=2.5).compute()
    np.testing.assert_array_equal(out, ndimage.gaussian_filter(image, (1.5, 2.5), mode=("reflect", "wrap"),
                                                               truncate=2.5))


@settings(max_examples=60, deadline=None)
@given(shape=st.lists(st.integers(1, 24), min_size=1, max_size=3), mode=st.sampled_from(MODES),
       sigma=st.floats(0.0, 4.0), seed=st.integers(0, 2**16), kind=st.sampled_from(["numpy", "stored"]),
       data=st.data())
def test_chunked_equals_scipy_on_generated_inputs(shape: list[int], mode: str, sigma: float, seed: int, kind: str,
                                                   data: st.DataObject) -> None:
    chunks = tuple(data.draw(st.integers(1, n)) for n in shape)
    halo = data.draw(st.none() | st.integers(int(4 * sigma + 0.5), 30))  # the rule, or any larger halo
    image = random_image(tuple(shape), seed=seed)
    source, chunk_arg = as_kind(image, kind, chunks)
    out = C.filter_chunked(source, sigma, chunks=chunk_arg, halo=halo, mode=mode, cval=-0.5).compute()
    np.testing.assert_array_equal(out, ndimage.gaussian_filter(image, sigma, mode=mode, cval=-0.5))


def test_stored_input_is_read_once_per_chunk_with_its_halo() -> None:
    image = random_image((40, 36), seed=11)
    stored = Stored(image, (10, 12))
    lazy = C.filter_chunked(stored, 1.0)
    assert stored.reads == 0 and lazy.chunks == ((10,) * 4, (12,) * 3)
    np.testing.assert_array_equal(lazy.compute(), ndimage.gaussian_filter(image, 1.0))
    assert stored.reads == 12   # one read per chunk: nothing wraps
    stored.reads = 0
    C.filter_chunked(stored, 1.0, mode="wrap").compute()
    # A border chunk also reads the opposite side: 2 pieces along rows for the first and last row of chunks,
    # 2 along columns for the first and last column; (2 + 1 + 1 + 2) * (2 + 1 + 2) reads in all.
    assert stored.reads == 30


def test_lazy_inputs_are_not_read_and_keep_their_chunks(tmp_path) -> None:
    image = random_image((40, 30), "float32", seed=6)
    lazy = da.from_array(image, chunks=(20, 15))
    out = C.filter_chunked(lazy, 1.0)
    assert out.chunks == lazy.chunks
    np.testing.assert_array_equal(out.compute(), ndimage.gaussian_filter(image, 1.0))
    stored = zarr.open_array(store=str(tmp_path / "a.zarr"), mode="w", shape=image.shape, chunks=(16, 16),
                             dtype=image.dtype)
    stored[:] = image
    out = C.filter_chunked(stored, 1.0)        # the storage chunks by default
    assert out.chunksize == (16, 16)
    np.testing.assert_array_equal(out.compute(), ndimage.gaussian_filter(image, 1.0))
    rechunked = C.filter_chunked(lazy, 1.0, chunks=8)
    assert rechunked.chunksize == (8, 8)
    nested = C.filter_chunked(image.tolist(), 1.0, chunks=8)   # a list is an in-memory image
    np.testing.assert_array_equal(nested.compute(), ndimage.gaussian_filter(np.asarray(image.tolist()), 1.0))


def test_dask_image_matches_scipy_except_wrap_at_the_image_border() -> None:
    """The notebook relies on this: dask-image is exact but for mode='wrap', which filter_chunked gets right."""
    from dask_image.ndfilters import gaussian_filter

    image = random_image((64, 48), "float32", seed=7)
    for mode in ("reflect", "mirror", "nearest", "constant"):
        out = gaussian_filter(da.from_array(image, chunks=16), 2.0, mode=mode).compute()
        np.testing.assert_array_equal(out, ndimage.gaussian_filter(image, 2.0, mode=mode))
    ref = ndimage.gaussian_filter(image, 2.0, mode="wrap")
    dask_image = gaussian_filter(da.from_array(image, chunks=16), 2.0, mode="wrap").compute()
    err = np.abs(dask_image - ref)
    assert err.max() > 0.01 and err[8:-8, 8:-8].max() == 0  # wrong only within the radius of the image border
    np.testing.assert_array_equal(C.filter_chunked(image, 2.0, chunks=16, mode="wrap").compute(), ref)


# ----------------------------------------------------------------------------------------------- seams
@pytest.mark.parametrize("mode", ["reflect", "mirror", "nearest", "constant"])
@pytest.mark.parametrize("sigma", [1.0, 2.5])
def test_every_halo_below_the_radius_leaves_seams(mode: str, sigma: float) -> None:
    image = random_image((60, 60), seed=8)
    ref = ndimage.gaussian_filter(image, sigma, mode=mode)
    r = C.halo_for(sigma)
    for halo in range(r + 2):
        out = C.filter_chunked(image, sigma, chunks=20, halo=halo, mode=mode).compute()
        seam = C.max_seam_error(out, ref, 20)
        profile = C.seam_error_profile(out, ref, 20, r + 1)
        if halo < r:
            assert seam > 0, f"halo {halo} < radius {r} must leave a seam"
            # Exactly the pixels closer than r - halo to a chunk boundary are wrong.
            assert (profile > 0).tolist() == [d < r - halo for d in range(r + 2)]
        else:
            assert seam == 0.0 and np.array_equal(out, ref)
        # Away from the seams everything is right, and the image border is right in every case.
        assert np.abs(out - ref)[:20 - r, :20 - r].max() == 0


def test_seam_measure_3d_and_per_axis_halo() -> None:
    image = random_image((16, 24, 24), seed=9)
    ref = ndimage.gaussian_filter(image, (1.0, 2.0, 2.0))
    out = C.filter_chunked(image, (1.0, 2.0, 2.0), chunks=(8, 12, 12), halo=(4, 8, 3)).compute()
    seams = C.seam_errors(out, ref, (8, 12, 12))
    assert [(s.axis, s.position) for s in seams] == [(0, 8), (1, 12), (2, 12)]
    assert seams[2].max_error > 0
    # Only axis 2's halo (3) is below its radius (8): wrong within 8 - 3 = 5 pixels of x = 12, right elsewhere.
    err = np.abs(out - ref)
    assert err[..., 7:17].max() > 0 and err[..., :7].max() == 0 and err[..., 17:].max() == 0


def test_wrap_seams_include_the_image_border() -> None:
    """With mode='wrap' the image border is a seam too: a small halo spoils it, the full halo does not."""
    image = random_image((40, 40), seed=10)
    ref = ndimage.gaussian_filter(image, 2.0, mode="wrap")
    out = C.filter_chunked(image, 2.0, chunks=20, halo=3, mode="wrap").compute()
    err = np.abs(out - ref)  # radius 8, halo 3: wrong within 5 pixels of x or y = 0, 20 and 39
    assert err[0].max() > 0 and err[39].max() > 0 and err[5:15, 5:15].max() == 0


def test_seam_errors_lists_every_boundary() -> None:
    ref = np.zeros((10, 7))
    result = ref.copy()
    result[3, 5] = 0.5      # touches the boundary at row 4 (rows 3 and 4 meet there)
    result[6, 0] = 0.25     # touches the boundary at row 7, on no column boundary
    seams = C.seam_errors(result, ref, ((4, 3, 3), (5, 2)))
    assert seams == [C.Seam(0, 4, 0.5), C.Seam(0, 7, 0.25), C.Seam(1, 5, 0.5)]
    assert C.max_seam_error(result, ref, ((4, 3, 3), (5, 2))) == 0.5
    assert C.max_seam_error(result, ref, (10, 7)) == 0.0   # one chunk: no seam
    profile = C.seam_error_profile(result, ref, ((4, 3, 3), (5, 2)), 4)
    assert profile.tolist()[:4] == [0.5, 0.0, 0.0, 0.0] and np.isnan(profile[4])  # no pixel is 4 rows from one
    assert C.seam_error_profile(result.astype(np.uint8), ref.astype(np.uint8), 5, 0).tolist() == [0.0]


def test_chunk_boundaries() -> None:
    assert C.chunk_boundaries((10, 8), 4) == ((4, 8), (4,))
    assert C.chunk_boundaries((10, 8), (10, 3)) == ((), (3, 6))
    assert C.chunk_boundaries((7,), ((2, 2, 3),)) == ((2, 4),)
    assert C.chunk_boundaries((6, 6, 6), (2, 6, 4)) == ((2, 4), (), (4,))


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: C.chunk_boundaries((10, 8), (4, 0)), ValueError,
     "chunks must be a positive integer, got 0; it is a chunk's length in pixels along an axis."),
    (lambda: C.chunk_boundaries((10, 8), (4, 4, 4)), ValueError,
     "chunks has 3 values but the array has 2 axes to filter"),
    (lambda: C.chunk_boundaries((10, 8), 2.5), TypeError, "chunks must be a positive integer, got 2.5 (float)"),
    (lambda: C.chunk_boundaries((10, 8), ((4, 4), (8,))), ValueError,
     "chunks[0] sums to 8 but axis 0 has 10 pixels"),
    (lambda: C.chunk_boundaries((10, 0), 4), ValueError, "shape must be a positive integer, got 0"),
    (lambda: C.chunk_boundaries((10, 8), None), ValueError, "chunks is None; pass a chunk shape"),
    (lambda: C.seam_errors(np.zeros((4, 4)), np.zeros((4, 5)), 2), ValueError,
     "result has shape (4, 4) but reference has shape (4, 5)"),
    (lambda: C.seam_errors("result", np.zeros((4, 4)), 2), TypeError, "result must be a numeric array, got a str"),
    (lambda: C.seam_error_profile(np.zeros((4, 4)), np.zeros((4, 4)), 2, -1), ValueError,
     "max_distance must be >= 0, got -1; it is a distance in pixels."),
])
def test_seam_measure_errors(call, error: type, message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        call()


# ----------------------------------------------------------------------------------------------- errors
@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({}, ValueError, "image is a NumPy array, which has no chunks; pass chunks=..., e.g. chunks=256"),
    ({"chunks": 8, "halo": -1}, ValueError, "halo must be >= 0, got -1; it is how many pixels each chunk borrows"),
    ({"chunks": 8, "halo": 1.5}, TypeError, "halo must be an integer, got 1.5 (float)"),
    ({"chunks": 8, "halo": (1, 2, 3)}, ValueError, "halo has 3 values but the array has 2 axes"),
    ({"chunks": 0}, ValueError, "chunks must be a positive integer, got 0"),
    ({"chunks": 8, "mode": "symmetric"}, ValueError, "numpy.pad's 'symmetric' is SciPy's 'reflect'."),
    ({"chunks": 8, "sigma": -2.0}, ValueError, "sigma must be >= 0 and finite, got -2.0."),
    ({"chunks": 8, "sigma": (1.0, 2.0, 3.0)}, ValueError, "sigma has 3 values but the array has 2 axes"),
    ({"chunks": 8, "cval": float("nan")}, ValueError,
     "cval must be finite, got nan; it is the value outside the image for mode='constant'."),
    ({"chunks": 8, "truncate": -1.0}, ValueError, "truncate must be >= 0 and finite"),
])
def test_filter_chunked_errors_say_what_to_do(kwargs: dict, error: type, message: str) -> None:
    kwargs = {"sigma": 1.0} | kwargs
    with pytest.raises(error, match=re.escape(message)):
        C.filter_chunked(np.zeros((16, 16)), **kwargs)


@pytest.mark.parametrize(("image", "error", "message"), [
    (np.zeros((4, 4), bool), TypeError, "image has dtype bool; convert it first"),
    (da.zeros((4, 4), dtype=bool, chunks=2), TypeError, "image has dtype bool; convert it first"),
    (da.zeros((4, 0), chunks=2), ValueError, "image is empty (shape (4, 0))"),
    (np.array(["a", "b"]), TypeError, "image must have a numeric dtype"),
    ("image.png", TypeError, "image must be a numeric array, got a str"),
])
def test_filter_chunked_refuses_bad_images(image, error: type, message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        C.filter_chunked(image, 1.0, chunks=2)


# ----------------------------------------------------------------------------------------------- test image
def test_synthetic_image_is_deterministic_and_pinned() -> None:
    a = C.synthetic_image((64, 80), seed=10)
    assert np.array_equal(a, C.synthetic_image((64, 80), seed=10))
    assert not np.array_equal(a, C.synthetic_image((64, 80), seed=11))
    # Pinned values: a change here changes every printed number of notebook 11 (chunked filtering).
    assert a.dtype == np.float32 and a.shape == (64, 80)
    assert [round(float(v), 6) for v in (a[0, 0], a[17, 33], a.astype(np.float64).mean())] == \
        [0.927285, 0.139852, 0.528499]
    assert 0.0 <= a.min() and a.max() < 1.0


@settings(max_examples=30, deadline=None)
@given(shape=st.lists(st.integers(1, 40), min_size=1, max_size=3), seed=st.integers(0, 2**70), data=st.data())
def test_any_region_equals_the_same_part_of_the_whole(shape: list[int], seed: int, data: st.DataObject) -> None:
    region = []
    for n in shape:
        start = data.draw(st.integers(0, n - 1))
        region.append(slice(start, data.draw(st.integers(start + 1, n))))
    whole = C.synthetic_image(shape, seed=seed, dtype="float64")
    part = C.synthetic_image(shape, seed=seed, region=tuple(region), dtype="float64")
    np.testing.assert_array_equal(part, whole[tuple(region)])


def test_synthetic_image_dtypes_and_structure() -> None:
    f = C.synthetic_image((256, 256), seed=1, dtype="float64")
    u8 = C.synthetic_image((256, 256), seed=1, dtype="uint8")
    u16 = C.synthetic_image((256, 256), seed=1, dtype=np.uint16)
    assert u8.dtype == np.uint8 and u16.dtype == np.uint16
    np.testing.assert_array_equal(u8, np.floor(f * 256).astype(np.uint8))
    assert u16.max() > 60000
    # The 16-pixel mosaic survives a blur that removes the pixel noise: cell means spread far more than noise.
    cells = f.reshape(16, 16, 16, 16).mean(axis=(1, 3))
    assert cells.std() > 0.1 and abs(float(f.mean()) - 0.5) < 0.05


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"seed": -1}, ValueError, "seed must be >= 0, got -1; the same seed gives the same image."),
    ({"seed": None}, TypeError, "seed must be an integer, got None"),
    ({"seed": True}, TypeError, "seed must be an integer, got True"),
    ({"seed": 0, "shape": (4, 0)}, ValueError, "shape must be a positive integer, got 0"),
    ({"seed": 0, "shape": "4x4"}, TypeError, "shape must be a sequence of ints such as (4096, 4096)"),
    ({"seed": 0, "dtype": "int8"}, ValueError, "dtype must be one of float32, float64, uint8, uint16, got int8."),
    ({"seed": 0, "region": (slice(0, 4),)}, ValueError, "region must be one slice per axis (2 of them)"),
    ({"seed": 0, "region": (slice(0, 4), slice(0, 4, 2))}, ValueError, "region[1] = slice(0, 4, 2) selects no "
                                                                       "pixels or has a step"),
    ({"seed": 0, "region": (slice(3, 3), slice(0, 4))}, ValueError, "region[0] = slice(3, 3, None) selects no"),
])
def test_synthetic_image_errors(kwargs: dict, error: type, message: str) -> None:
    kwargs = {"shape": (8, 8)} | kwargs
    with pytest.raises(error, match=re.escape(message)):
        C.synthetic_image(**kwargs)


def test_write_synthetic_image_round_trip(tmp_path) -> None:
    path = tmp_path / "img.zarr"
    z = C.write_synthetic_image(path, (70, 45, 3), (32, 20, 3), seed=2, dtype="uint8")
    assert z.shape == (70, 45, 3) and z.chunks == (32, 20, 3) and z.dtype == np.uint8
    np.testing.assert_array_equal(z[:], C.synthetic_image((70, 45, 3), seed=2, dtype="uint8"))
    lazy = da.from_zarr(str(path))
    assert lazy.chunksize == (32, 20, 3)
    with pytest.raises(Exception):  # noqa: B017 - opened read-only: the type differs between zarr 2 and 3
        z[0, 0, 0] = 1
    with pytest.raises(FileExistsError, match=re.escape("already exists; pass a new folder (nothing is overwritten)")):
        C.write_synthetic_image(path, (4, 4), 2, seed=0)
    with pytest.raises(TypeError, match=re.escape("path must be a str or a pathlib.Path naming a new folder")):
        C.write_synthetic_image(3, (4, 4), 2, seed=0)


# ----------------------------------------------------------------------------------------------- measure
def test_measure_returns_value_time_and_peak() -> None:
    m = C.measure(lambda: np.ones((500, 500)))
    assert m.value.shape == (500, 500) and m.seconds >= 0 and m.peak_bytes >= 500 * 500 * 8
    assert not tracemalloc.is_tracing()
    timed = C.measure(lambda: 3, trace_memory=False)
    assert timed == (3, timed.seconds, None)


def test_measure_inside_an_outer_trace_leaves_it_running() -> None:
    tracemalloc.start()
    try:
        keep = np.ones(1_000_000)  # allocated before: not counted
        m = C.measure(lambda: np.zeros(1000).sum())
        assert m.peak_bytes < keep.nbytes and tracemalloc.is_tracing()
    finally:
        tracemalloc.stop()


def test_measure_refuses_a_value() -> None:
    with pytest.raises(TypeError, match=re.escape("fn must be a function to call without arguments, got ndarray; "
                                                  "wrap a call with arguments in a lambda")):
        C.measure(np.ones(3))
