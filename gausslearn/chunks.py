"""Chunked Gaussian filtering: halos, seams, and a large test image stored as Zarr.

An image too large for memory is split into chunks and filtered chunk by chunk. A Gaussian of radius
``r = int(truncate * sigma + 0.5)`` (SciPy's rule) needs ``r`` pixels on each side of every output pixel, so
each chunk is filtered together with a border of ``r`` pixels borrowed from its neighbours, the **halo**
(dask calls it the *depth* of :func:`dask.array.map_overlap`). With a halo of at least ``r`` on every axis
the chunked result equals ``scipy.ndimage.gaussian_filter`` on the whole image, bit for bit; with a smaller
halo, pixels within ``r - halo`` of a chunk edge are wrong: a *seam*.

- :func:`halo_for` the halo each axis needs (SciPy's radius rule);
- :func:`filter_chunked` a lazy (dask) Gaussian filter with a chosen halo and the right handling of the
  image's own border for every SciPy mode;
- :func:`chunk_boundaries`, :func:`seam_errors`, :func:`max_seam_error`, :func:`seam_error_profile`
  measure where and by how much a chunked result differs from a reference;
- :func:`synthetic_image` and :func:`write_synthetic_image` a deterministic test image of any size, computed
  from the pixel coordinates (any region, in any order, without the rest of the image) and written to a
  chunked Zarr array one chunk at a time;
- :func:`measure` wall time and peak traced memory of one call.

Nothing here draws: pass the arrays to :mod:`gausslearn.plotting`.
"""

from __future__ import annotations

import numbers
import os
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import dask.array as da
import numpy as np
from scipy import ndimage

from ._validation import as_image, check_int, check_mode, check_number, check_sigma, check_truncate, per_axis
from .kernels import kernel_radius

__all__ = [
    "Measurement",
    "Seam",
    "chunk_boundaries",
    "filter_chunked",
    "halo_for",
    "max_seam_error",
    "measure",
    "seam_error_profile",
    "seam_errors",
    "synthetic_image",
    "write_synthetic_image",
]

#: Modes whose image border continues at the opposite end: the chunks at the image border need a halo
#: taken from the other side of the image (dask's ``boundary="periodic"``), not the mode applied to the chunk.
_PERIODIC_MODES = ("wrap", "grid-wrap")
#: Side of the square cells of the coarse pattern in :func:`synthetic_image`.
_CELL = 16
_SYNTHETIC_DTYPES = ("float32", "float64", "uint8", "uint16")


# ----------------------------------------------------------------------------------------------- halo
def halo_for(sigma: float | Sequence[float], truncate: float = 4.0) -> int | tuple[int, ...]:
    """The halo (overlap) each axis needs so that chunked Gaussian filtering is exact.

    It is SciPy's kernel radius ``int(truncate * sigma + 0.5)``, per axis: the output pixel next to a chunk
    edge reads ``radius`` pixels beyond it.

    Parameters
    ----------
    sigma : float or sequence of float
        One sigma for every axis, or one per axis (as for ``scipy.ndimage.gaussian_filter``).
    truncate : float
        Where the kernel is cut off, in sigmas (SciPy's default 4).

    Returns
    -------
    int or tuple of int
        An int for a scalar sigma, a tuple (one halo per axis) for a sequence; either is accepted as the
        ``depth`` of :func:`dask.array.map_overlap`.

    Raises
    ------
    ValueError
        For a negative, NaN or infinite sigma or truncate.

    Examples
    --------
    >>> halo_for(4.0)
    16
    >>> halo_for(1.125)  # 4.5 rounds up, as in SciPy (Python's round(4.5) would give 4)
    5
    >>> halo_for((1.0, 4.0, 4.0))  # a 3-D stack, blurred less along z
    (4, 16, 16)
    >>> halo_for(2.0, truncate=3.0)
    6
    >>> halo_for(-1.0)
    Traceback (most recent call last):
    ...
    ValueError: sigma must be >= 0 and finite, got -1.0. A sigma is a length in pixels; 0 leaves an axis unfiltered. (scipy.ndimage.gaussian_filter silently ignores a negative or NaN sigma and returns the axis unfiltered.)
    """
    t = check_truncate(truncate)
    if isinstance(sigma, str | bytes) or np.ndim(sigma) == 0:
        (s,) = check_sigma(sigma.item() if isinstance(sigma, np.ndarray | np.generic) else sigma, 1)
        return kernel_radius(s, t)
    items = np.asarray(sigma).tolist() if isinstance(sigma, np.ndarray) else list(sigma)
    if not items:
        raise ValueError("sigma is an empty sequence; pass one number, or one per axis such as (1.0, 4.0, 4.0).")
    return tuple(kernel_radius(s, t) for s in check_sigma(items, len(items)))


# ----------------------------------------------------------------------------------------------- inputs
def _lazy_image(image: Any) -> tuple[Any, tuple[int, ...], np.dtype]:
    """Check an array without reading a stored or dask array's pixels; return it (lists become an ndarray),
    its shape and its dtype."""
    if isinstance(image, np.ndarray) or not (hasattr(image, "shape") and hasattr(image, "dtype")):
        arr = as_image(image, allow_bool=False)
        return arr, arr.shape, arr.dtype
    shape = tuple(int(n) for n in image.shape)
    # The dtype checks of as_image, on a one-pixel stand-in (the pixels themselves are not read).
    as_image(np.zeros((1,) * max(len(shape), 1), dtype=image.dtype), allow_bool=False)
    if not shape:
        raise ValueError("image has 0 dimensions; pass an array with at least one axis.")
    if 0 in shape:
        raise ValueError(f"image is empty (shape {shape}); pass an array with at least one pixel along every axis.")
    return image, shape, np.dtype(image.dtype)


def _ints(value: Any, n: int, name: str, *, low: int, meaning: str) -> tuple[int, ...]:
    """One int >= ``low`` per axis from a number or a sequence of ``n`` numbers."""
    return tuple(check_int(v, name, low=low, meaning=meaning) for v in per_axis(value, n, name))


_CHUNK_MEANING = "it is a chunk's length in pixels along an axis"
_HALO_MEANING = "it is how many pixels each chunk borrows from its neighbours (0: chunks filtered independently)"


def _chunk_sizes(shape: tuple[int, ...], chunks: Any) -> tuple[tuple[int, ...], ...]:
    """Chunk sizes along every axis from a chunk shape (int or per axis) or dask's ``.chunks`` tuples."""
    n = len(shape)
    if isinstance(chunks, Sequence) and not isinstance(chunks, str) and len(chunks) == n and n and \
            all(isinstance(c, Sequence) and not isinstance(c, str) for c in chunks):
        sizes = tuple(_ints(tuple(c), len(c), f"chunks[{a}]", low=1, meaning=_CHUNK_MEANING) for a, c in enumerate(chunks))
        for axis, (length, c) in enumerate(zip(shape, sizes, strict=True)):
            if sum(c) != length:
                raise ValueError(f"chunks[{axis}] sums to {sum(c)} but axis {axis} has {length} pixels; pass the "
                                 f"chunk sizes of this array (its .chunks), or one chunk shape such as (256, 256).")
        return sizes
    if chunks is None:
        raise ValueError("chunks is None; pass a chunk shape such as 256 or (256, 256), or the array's .chunks.")
    side = _ints(chunks, n, "chunks", low=1, meaning=_CHUNK_MEANING)
    return tuple((c,) * (length // c) + ((length % c,) if length % c else ()) for length, c in zip(shape, side,
                                                                                                    strict=True))


def chunk_boundaries(shape: Sequence[int], chunks: Any) -> tuple[tuple[int, ...], ...]:
    """Where one chunk ends and the next begins, along every axis (the image's own border excluded).

    Parameters
    ----------
    shape : sequence of int
        The array's shape.
    chunks : int, sequence of int, or tuple of tuples
        A chunk shape (one int for every axis, or one per axis; the last chunk along an axis may be
        smaller), or the chunk sizes along every axis as in a dask array's ``.chunks``.

    Returns
    -------
    tuple of tuple of int
        Per axis, the index of the first pixel of every chunk but the first.

    Examples
    --------
    >>> chunk_boundaries((10, 8), 4)
    ((4, 8), (4,))
    >>> chunk_boundaries((10, 8), ((3, 7), (8,)))
    ((3,), ())
    >>> chunk_boundaries((10, 8), (0, 4))
    Traceback (most recent call last):
    ...
    ValueError: chunks must be a positive integer, got 0; it is a chunk's length in pixels along an axis.
    """
    sizes = _chunk_sizes(_check_shape(shape), chunks)
    return tuple(tuple(int(b) for b in np.cumsum(c)[:-1]) for c in sizes)


# ----------------------------------------------------------------------------------------------- filtering
def _filter_block(block: np.ndarray, *, sigma: tuple[float, ...], mode: tuple[str, ...], cval: float,
                  truncate: float) -> np.ndarray:
    return ndimage.gaussian_filter(block, sigma, mode=mode, cval=cval, truncate=truncate)


def _runs(lo: int, hi: int, n: int, periodic: bool) -> list[tuple[int, int]]:
    """The contiguous pieces of source indices ``lo .. hi - 1`` (modulo ``n`` if periodic, else clipped)."""
    if not periodic:
        return [(max(lo, 0), min(hi, n))]
    runs, pos = [], lo
    while pos < hi:
        r = pos % n
        length = min(n - r, hi - pos)
        runs.append((r, r + length))
        pos += length
    return runs


def _read_runs(source: Any, runs: list[list[tuple[int, int]]], axis: int = 0,
               prefix: tuple[slice, ...] = ()) -> np.ndarray:
    """Read the product of the per-axis pieces and join them (one read when nothing wraps)."""
    if axis == len(runs):
        return np.asarray(source[prefix])
    parts = [_read_runs(source, runs, axis + 1, prefix + (slice(a, b),)) for a, b in runs[axis]]
    return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=axis)


def _filter_stored_block(*, source: Any, halos: tuple[int, ...], periodic: tuple[bool, ...],
                         block_info: dict | None = None, **kwargs: Any) -> np.ndarray:
    """Read one output chunk plus its halo from ``source``, filter it, and cut the halo off again."""
    assert block_info is not None  # dask passes it
    location, shape = block_info[None]["array-location"], block_info[None]["shape"]
    runs, keep = [], []
    for (start, stop), h, n, per in zip(location, halos, shape, periodic, strict=True):
        pieces = _runs(start - h, stop + h, n, per)
        runs.append(pieces)
        first = start - h if per else pieces[0][0]  # where the block read begins, in image coordinates
        keep.append(slice(start - first, stop - first))
    out = _filter_block(_read_runs(source, runs), **kwargs)[tuple(keep)]
    return np.ascontiguousarray(out)  # a copy when trimmed: the filtered halo is not kept alive


def filter_chunked(
    image: Any,
    sigma: float | Sequence[float],
    *,
    chunks: Any = None,
    halo: int | Sequence[int] | None = None,
    mode: str | Sequence[str] = "reflect",
    cval: float = 0.0,
    truncate: float = 4.0,
) -> da.Array:
    """``scipy.ndimage.gaussian_filter`` chunk by chunk, each chunk with a halo of its neighbours' pixels.

    Nothing is computed until you call ``.compute()``, ``.to_zarr(...)`` or ``.store(...)`` on the result.
    With the default halo (:func:`halo_for`) the result equals SciPy's on the whole image, bit for bit, for
    every mode, also for integer dtypes. A smaller halo leaves seams within ``radius - halo`` pixels of the
    chunk edges; ``halo=0`` filters every chunk on its own.

    How the image's own border is handled: for ``reflect``, ``mirror``, ``nearest`` and ``constant`` (and
    their ``grid-`` synonyms) the chunks at the image border get no halo on that side and SciPy applies
    ``mode`` there, exactly as on the whole image. For ``wrap`` the image border is just another seam: the halo
    is taken from the opposite side of the image (dask's ``boundary="periodic"``).

    Two ways to get the halo, same result:

    - a NumPy or dask array goes through :func:`dask.array.map_overlap`: every chunk is cut into slivers that
      its neighbours borrow (an axis whose halo reaches across the whole image becomes one chunk). A sliver is
      a view that keeps its whole chunk in memory until every neighbour has used it, so the peak memory grows
      with the number of chunks in flight (``dask_image.ndfilters.gaussian_filter`` works this way too);
    - a stored array (Zarr, h5py: anything with ``shape``, ``dtype``, ``chunks`` and slicing) is read by
      every task itself: its chunk plus the halo around it, straight from storage. The halo pixels are read
      twice, but no task waits for another, so the memory stays at a few chunks per thread whatever the
      image size.

    Parameters
    ----------
    image : ndarray, dask array or stored array (Zarr, h5py)
        The image (any number of dimensions, numeric, not bool). A dask or stored array is not read here.
    sigma : float or sequence of float
        Standard deviation(s) in pixels, as for SciPy.
    chunks : int or sequence of int, optional
        Chunk shape of the work (and of the result). Default: the chunks of a dask or stored array; required
        for an ndarray. For a stored array, multiples of its storage chunks read fewest bytes.
    halo : int or sequence of int, optional
        Pixels borrowed from the neighbouring chunks on each side, per axis. Default :func:`halo_for`.
    mode : str or sequence of str
        SciPy border mode(s) of the whole image (default ``"reflect"``).
    cval : float
        The value outside the image for ``mode="constant"``.
    truncate : float
        Kernel cut-off in sigmas (SciPy's default 4).

    Returns
    -------
    dask.array.Array
        Same shape and dtype as ``image``.

    Raises
    ------
    ValueError
        For a bad sigma, mode, truncate, halo or chunk shape, or an ndarray given without ``chunks``.
    TypeError
        For a non-numeric or boolean image, or a halo/chunk size that is not an int.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import ndimage
    >>> image = np.random.default_rng(0).random((60, 50))
    >>> exact = filter_chunked(image, 2.0, chunks=16)
    >>> bool((exact.compute() == ndimage.gaussian_filter(image, 2.0)).all())
    True
    >>> independent = filter_chunked(image, 2.0, chunks=16, halo=0).compute()
    >>> bool((independent == ndimage.gaussian_filter(image, 2.0)).all())
    False
    >>> filter_chunked(image, 2.0)
    Traceback (most recent call last):
    ...
    ValueError: image is a NumPy array, which has no chunks; pass chunks=..., e.g. chunks=256 or chunks=(256, 256).
    """
    image, shape, dtype = _lazy_image(image)
    ndim = len(shape)
    sigmas = check_sigma(sigma, ndim)
    modes = check_mode(mode, ndim)
    t = check_truncate(truncate)
    c = check_number(cval, "cval", meaning="it is the value outside the image for mode='constant'")
    needed = tuple(kernel_radius(s, t) for s in sigmas)
    halos = needed if halo is None else _ints(halo, ndim, "halo", low=0, meaning=_HALO_MEANING)

    side = None if chunks is None else _ints(chunks, ndim, "chunks", low=1, meaning=_CHUNK_MEANING)
    periodic = tuple(m in _PERIODIC_MODES for m in modes)
    kwargs = {"sigma": sigmas, "mode": modes, "cval": c, "truncate": t}
    meta = np.empty((0,) * ndim, dtype=dtype)
    if not isinstance(image, np.ndarray | da.Array):
        # A stored array (Zarr, h5py): every task reads its chunk and the halo around it straight from storage.
        # No task depends on another, so memory stays at a few chunks per thread whatever the image size.
        stored_chunks = getattr(image, "chunks", None)
        if side is None and stored_chunks is None:
            raise ValueError(f"image is a {type(image).__name__} without chunks; pass chunks=..., e.g. chunks=256.")
        sizes = _chunk_sizes(shape, side if side is not None else tuple(int(n) for n in stored_chunks))
        return da.map_blocks(_filter_stored_block, dtype=dtype, chunks=sizes, meta=meta, source=image, halos=halos,
                             periodic=periodic, **kwargs)
    if isinstance(image, da.Array):
        arr = image if side is None else image.rechunk(side)
    elif side is not None:
        arr = da.from_array(image, chunks=side)
    else:
        raise ValueError("image is a NumPy array, which has no chunks; pass chunks=..., e.g. chunks=256 or "
                         "chunks=(256, 256).")

    # An axis whose halo would reach across the whole image: one chunk along it, no halo needed.
    whole = {a for a in range(ndim) if halos[a] >= shape[a] and len(arr.chunks[a]) > 1}
    if whole:
        arr = arr.rechunk({a: -1 for a in whole})
    depth = {a: (0 if len(arr.chunks[a]) == 1 else halos[a]) for a in range(ndim)}
    boundary = {a: ("periodic" if periodic[a] and depth[a] else "none") for a in range(ndim)}
    return arr.map_overlap(_filter_block, depth=depth, boundary=boundary, dtype=dtype, meta=meta, **kwargs)


# ----------------------------------------------------------------------------------------------- seams
class Seam(NamedTuple):
    """The largest error on the two pixel planes that meet at one chunk boundary."""

    axis: int
    position: int
    max_error: float


def _error_image(result: Any, reference: Any) -> np.ndarray:
    res = as_image(result, name="result", allow_complex=False)
    ref = as_image(reference, name="reference", allow_complex=False)
    if res.shape != ref.shape:
        raise ValueError(f"result has shape {res.shape} but reference has shape {ref.shape}; compare the chunked "
                         "result with the reference filtered from the same image.")
    return np.abs(res.astype(np.float64) - ref.astype(np.float64))


def seam_errors(result: Any, reference: Any, chunks: Any) -> list[Seam]:
    """The largest absolute error along every chunk boundary, one entry per boundary.

    The error of a boundary at position ``p`` along axis ``a`` is the largest ``|result - reference|`` on
    the two planes that meet there (indices ``p - 1`` and ``p`` along ``a``). The image's own border is
    not a chunk boundary and is not measured (with ``mode="wrap"`` it is one: measure it with
    :func:`seam_error_profile` on a rolled copy if needed).

    Parameters
    ----------
    result, reference : array_like
        The chunked result (computed) and the reference (e.g. SciPy on the whole image), same shape.
    chunks : int, sequence of int, or tuple of tuples
        The chunking of ``result`` (see :func:`chunk_boundaries`), e.g. the dask array's ``.chunks``.

    Returns
    -------
    list of Seam
        ``Seam(axis, position, max_error)`` in axis order, then position order.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import ndimage
    >>> image = np.random.default_rng(1).random((32, 24))
    >>> reference = ndimage.gaussian_filter(image, 1.0)
    >>> independent = filter_chunked(image, 1.0, chunks=(16, 12), halo=0).compute()
    >>> [(s.axis, s.position, s.max_error > 0.01) for s in seam_errors(independent, reference, (16, 12))]
    [(0, 16, True), (1, 12, True)]
    >>> seam_errors(reference, reference, (16, 12))
    [Seam(axis=0, position=16, max_error=0.0), Seam(axis=1, position=12, max_error=0.0)]
    """
    err = _error_image(result, reference)
    seams = []
    for axis, positions in enumerate(chunk_boundaries(err.shape, chunks)):
        for p in positions:
            planes = np.take(err, [p - 1, p], axis=axis)
            seams.append(Seam(axis, int(p), float(planes.max())))
    return seams


def max_seam_error(result: Any, reference: Any, chunks: Any) -> float:
    """The largest absolute error along any chunk boundary (0.0 when there is a single chunk).

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import ndimage
    >>> image = np.random.default_rng(2).random((40, 40))
    >>> reference = ndimage.gaussian_filter(image, 2.0)
    >>> small_halo = filter_chunked(image, 2.0, chunks=20, halo=4).compute()  # halo_for(2.0) is 8
    >>> max_seam_error(small_halo, reference, 20) > 0
    True
    >>> max_seam_error(filter_chunked(image, 2.0, chunks=20).compute(), reference, 20)
    0.0
    """
    return max((s.max_error for s in seam_errors(result, reference, chunks)), default=0.0)


def _distance_to_boundary(length: int, sizes: tuple[int, ...]) -> np.ndarray:
    """Per index along one axis: pixels to the nearest chunk boundary (0 = touching it); large if none."""
    far = np.iinfo(np.int64).max // 2
    dist = np.full(length, far, dtype=np.int64)
    idx = np.arange(length)
    start = 0
    for size in sizes:
        stop = start + size
        part = idx[start:stop]
        if start > 0:
            dist[start:stop] = np.minimum(dist[start:stop], part - start)
        if stop < length:
            dist[start:stop] = np.minimum(dist[start:stop], stop - 1 - part)
        start = stop
    return dist


def seam_error_profile(result: Any, reference: Any, chunks: Any, max_distance: int) -> np.ndarray:
    """The largest absolute error at each distance from the nearest chunk boundary.

    Entry ``d`` is the largest ``|result - reference|`` over the pixels exactly ``d`` pixels away from the
    nearest chunk boundary (``d = 0``: the pixels touching a boundary, on either side), counting along every
    axis; ``NaN`` where no pixel is at that distance. With a halo ``h`` below the radius ``r``, errors stop at
    ``d = r - h - 1``: the pixel ``d`` pixels inside a chunk reads ``r - d`` pixels beyond its edge.

    Parameters
    ----------
    result, reference : array_like
        Same shape.
    chunks : int, sequence of int, or tuple of tuples
        The chunking of ``result`` (see :func:`chunk_boundaries`).
    max_distance : int
        The largest distance reported (the profile has ``max_distance + 1`` entries).

    Returns
    -------
    ndarray of float64

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import ndimage
    >>> image = np.random.default_rng(3).random((48, 48))
    >>> reference = ndimage.gaussian_filter(image, 1.0)             # radius 4
    >>> chunked = filter_chunked(image, 1.0, chunks=24, halo=1).compute()
    >>> (seam_error_profile(chunked, reference, 24, 5) > 0).tolist()  # wrong up to r - h - 1 = 2
    [True, True, True, False, False, False]
    """
    err = _error_image(result, reference)
    max_distance = check_int(max_distance, "max_distance", low=0, meaning="it is a distance in pixels")
    sizes = _chunk_sizes(err.shape, chunks)
    per_axis_dist = [_distance_to_boundary(n, c) for n, c in zip(err.shape, sizes, strict=True)]
    dist = per_axis_dist[0].reshape((-1,) + (1,) * (err.ndim - 1))
    for axis in range(1, err.ndim):
        dist = np.minimum(dist, per_axis_dist[axis].reshape((1,) * axis + (-1,) + (1,) * (err.ndim - axis - 1)))
    dist = np.broadcast_to(dist, err.shape)
    near = dist <= max_distance
    profile = np.full(int(max_distance) + 1, -np.inf)
    np.maximum.at(profile, dist[near], err[near])
    profile[np.isneginf(profile)] = np.nan
    return profile


# ----------------------------------------------------------------------------------------------- test image
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _splitmix64(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser on a uint64 array (wraps modulo 2**64, as intended)."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _uniform(seed: int, stream: int, flat_index: np.ndarray) -> np.ndarray:
    """A uniform number in [0, 1) for every flat index: a hash of (seed, stream, index), no generator state."""
    key = np.uint64((seed * 0x2545F4914F6CDD1D + stream * 0xD6E8FEB86659FD93) % 2**64)
    z = _splitmix64(flat_index.astype(np.uint64) * _GOLDEN + key)
    return (z >> np.uint64(11)).astype(np.float64) * 2.0**-53


def _check_shape(shape: Any) -> tuple[int, ...]:
    if isinstance(shape, numbers.Integral) and not isinstance(shape, bool):
        shape = (shape,)
    if isinstance(shape, str) or not isinstance(shape, Sequence) or not shape:
        raise TypeError(f"shape must be a sequence of ints such as (4096, 4096), got {shape!r}.")
    return tuple(check_int(n, "shape", low=1, meaning="every axis needs at least one pixel") for n in shape)


def _check_seed(seed: Any) -> int:
    return check_int(seed, "seed", low=0, meaning="the same seed gives the same image")


def synthetic_image(shape: Sequence[int], *, seed: int, region: Sequence[slice] | None = None,
                    dtype: Any = np.float32) -> np.ndarray:
    """A deterministic test image of any size, or any rectangular region of it.

    Every pixel is a function of its coordinates and the seed only: 60 % a mosaic of 16-pixel cells of random
    grey levels (structure a blur keeps) and 40 % pixel noise (detail a blur removes). So a region computed
    alone equals the same region cut from the whole image, and an image far larger than memory can be written
    piece by piece (:func:`write_synthetic_image`).

    Parameters
    ----------
    shape : sequence of int
        Shape of the whole image (any number of dimensions).
    seed : int
        Any int >= 0. The same seed gives the same image on every machine.
    region : sequence of slice, optional
        One slice per axis (step 1) selecting the part to compute; default the whole image.
    dtype : float32, float64, uint8 or uint16
        Floats lie in [0, 1); integers span the dtype's range.

    Returns
    -------
    ndarray
        The region, of shape given by the slices.

    Examples
    --------
    >>> whole = synthetic_image((40, 30), seed=7)
    >>> whole.shape, whole.dtype.name, bool(0 <= whole.min() and whole.max() < 1)
    ((40, 30), 'float32', True)
    >>> part = synthetic_image((40, 30), seed=7, region=(slice(10, 20), slice(5, 30)))
    >>> bool((part == whole[10:20, 5:30]).all())
    True
    >>> bool((synthetic_image((40, 30), seed=8) == whole).all())
    False
    >>> synthetic_image((40, 30), seed=7, dtype="int8")
    Traceback (most recent call last):
    ...
    ValueError: dtype must be one of float32, float64, uint8, uint16, got int8.
    """
    shape_t = _check_shape(shape)
    seed_i = _check_seed(seed)
    dt = np.dtype(dtype)
    if dt.name not in _SYNTHETIC_DTYPES:
        raise ValueError(f"dtype must be one of {', '.join(_SYNTHETIC_DTYPES)}, got {dt.name}.")
    if region is None:
        region = tuple(slice(0, n) for n in shape_t)
    if not isinstance(region, Sequence) or len(region) != len(shape_t) or \
            not all(isinstance(s, slice) for s in region):
        raise ValueError(f"region must be one slice per axis ({len(shape_t)} of them), e.g. (slice(0, 256),) * "
                         f"{len(shape_t)}; got {region!r}.")
    ranges = []
    for axis, (s, n) in enumerate(zip(region, shape_t, strict=True)):
        start, stop, step = s.indices(n)
        if step != 1 or stop <= start:
            raise ValueError(f"region[{axis}] = {s!r} selects no pixels or has a step; pass a slice such as "
                             f"slice(0, {n}) with 0 <= start < stop <= {n}.")
        ranges.append(np.arange(start, stop, dtype=np.uint64))
    ndim = len(shape_t)
    cells = tuple(-(-n // _CELL) for n in shape_t)
    flat = np.zeros((1,) * ndim, dtype=np.uint64)       # flat index of every pixel in the whole image
    flat_cell = np.zeros((1,) * ndim, dtype=np.uint64)  # flat index of every mosaic cell the region touches
    expand = []                                         # per axis: the cell of each pixel, from the first one
    for axis, coords in enumerate(ranges):
        view = (1,) * axis + (-1,) + (1,) * (ndim - axis - 1)
        flat = flat * np.uint64(shape_t[axis]) + coords.reshape(view)
        first, last = int(coords[0]) // _CELL, int(coords[-1]) // _CELL
        flat_cell = flat_cell * np.uint64(cells[axis]) + np.arange(first, last + 1, dtype=np.uint64).reshape(view)
        expand.append(coords.astype(np.int64) // _CELL - first)
    mosaic = _uniform(seed_i, 1, flat_cell)[np.ix_(*expand)]
    value = 0.6 * mosaic + 0.4 * _uniform(seed_i, 2, flat)
    value = np.broadcast_to(value, tuple(len(r) for r in ranges))
    if dt.kind == "f":
        return value.astype(dt)
    return np.floor(value * (np.iinfo(dt).max + 1)).astype(dt)


def write_synthetic_image(path: str | os.PathLike[str], shape: Sequence[int], chunks: int | Sequence[int], *,
                          seed: int, dtype: Any = np.float32) -> Any:
    """Write :func:`synthetic_image` to a new chunked Zarr array, one chunk at a time.

    Only one chunk is ever in memory, so the image may be far larger than the memory.

    Parameters
    ----------
    path : str or path-like
        A folder that does not exist yet (the Zarr store).
    shape : sequence of int
        The image's shape.
    chunks : int or sequence of int
        The stored chunk shape.
    seed : int
        See :func:`synthetic_image`.
    dtype : float32, float64, uint8 or uint16

    Returns
    -------
    zarr.Array
        The written array, opened read-only.

    Raises
    ------
    FileExistsError
        If ``path`` exists (nothing is overwritten).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "image.zarr"
    >>> z = write_synthetic_image(folder, (100, 70), 32, seed=0)
    >>> z.shape, z.chunks, bool((z[:] == synthetic_image((100, 70), seed=0)).all())
    ((100, 70), (32, 32), True)
    """
    import zarr

    shape_t = _check_shape(shape)
    side = _ints(chunks, len(shape_t), "chunks", low=1, meaning=_CHUNK_MEANING)
    seed_i = _check_seed(seed)
    dt = np.dtype(dtype)
    if dt.name not in _SYNTHETIC_DTYPES:
        raise ValueError(f"dtype must be one of {', '.join(_SYNTHETIC_DTYPES)}, got {dt.name}.")
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a str or a pathlib.Path naming a new folder, got {type(path).__name__}.")
    target = os.fspath(path)
    if os.path.exists(target):
        raise FileExistsError(f"{target!r} already exists; pass a new folder (nothing is overwritten), for example "
                              "one inside tempfile.mkdtemp().")
    z = zarr.open_array(store=target, mode="w-", shape=shape_t, chunks=side, dtype=dt)
    for index in np.ndindex(*(-(-n // c) for n, c in zip(shape_t, side, strict=True))):
        region = tuple(slice(i * c, min((i + 1) * c, n)) for i, c, n in zip(index, side, shape_t, strict=True))
        z[region] = synthetic_image(shape_t, seed=seed_i, region=region, dtype=dt)
    return zarr.open_array(store=target, mode="r")


# ----------------------------------------------------------------------------------------------- measuring
class Measurement(NamedTuple):
    """What one call returned, how long it took, and the most memory it held at once (``None``: not traced)."""

    value: Any
    seconds: float
    peak_bytes: int | None


def measure(fn: Callable[[], Any], *, trace_memory: bool = True) -> Measurement:
    """Call ``fn()`` once; return its value, its wall time and (optionally) its peak traced memory.

    The peak is the largest amount of memory allocated through Python's and NumPy's allocators at any moment
    during the call, above what was allocated before it, counted in every thread of this process (dask's
    threaded scheduler, an in-process dask.distributed cluster) but not in other processes; what C libraries
    allocate by themselves is not seen. Tracing is deterministic enough to compare runs, but it slows down
    code that creates many small Python objects (dask's scheduler with many small chunks: up to 3x), so time
    a run with ``trace_memory=False`` when the time matters.

    Parameters
    ----------
    fn : callable
        Called once without arguments (use ``functools.partial`` or a ``lambda`` to pass some).
    trace_memory : bool
        Trace allocations with :mod:`tracemalloc` (``peak_bytes``); ``False`` measures only the time.

    Returns
    -------
    Measurement
        ``(value, seconds, peak_bytes)``.

    Examples
    --------
    >>> import numpy as np
    >>> m = measure(lambda: np.ones((1000, 1000)))   # 8 MB of float64
    >>> m.value.shape, m.peak_bytes >= 8_000_000, m.seconds >= 0
    ((1000, 1000), True, True)
    >>> measure(lambda: None, trace_memory=False).peak_bytes is None
    True
    """
    if not callable(fn):
        raise TypeError(f"fn must be a function to call without arguments, got {type(fn).__name__}; "
                        "wrap a call with arguments in a lambda: measure(lambda: f(x, 2)).")
    if not trace_memory:
        t0 = time.perf_counter()
        value = fn()
        return Measurement(value, time.perf_counter() - t0, None)
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        t0 = time.perf_counter()
        value = fn()
        seconds = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        if started:
            tracemalloc.stop()
    return Measurement(value, seconds, max(int(peak), 0))
