"""Public checks of exercise 11 (a chunked Gaussian blur with dask), and :func:`computed`, the helper through
which the grader and these checks call the learner's ``blur_chunked``.

A dask array is a recipe, not data: it cannot be sent from the learner's process to the grader (only plain data
crosses, see :mod:`gausslearn.grading.channel`). The exercise notebook therefore defines
``blur_chunked_computed(array, sigma, chunks, truncate=4.0, *, stored=False)``, which calls the learner's
``blur_chunked`` through :func:`computed`: it computes the dask array in the learner's process, on a bounded
number of threads, and returns plain data (the result, its chunks, and what was read from a stored array).

The checks here call that helper (``FUNCTIONS``); the grader's hidden tests do the same. The grader also tests
per-axis sigma, ``truncate``, 3-D volumes, chunks that do not divide the shape and a stored array read chunk by
chunk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect, expect_close, points

FUNCTIONS = ("blur_chunked_computed",)

#: Threads dask may use while computing the learner's array (the grader's process limit counts threads).
THREADS = 2


class StoredImage:
    """A read-only stand-in for a stored chunked array (Zarr, HDF5): ``shape``, ``dtype``, ``ndim`` and slicing.

    It counts what is read: :attr:`pixels_read` in all, :attr:`largest_read` in one read. Turning the whole of
    it into a NumPy array (``np.asarray``) works, as it does for Zarr, and counts as one read of every pixel.

    Examples
    --------
    >>> stored = StoredImage(np.arange(12.0).reshape(3, 4))
    >>> stored.shape, stored.ndim, float(stored[1:, :2].sum()), stored.pixels_read, stored.largest_read
    ((3, 4), 2, 26.0, 4, 4)
    >>> _ = np.asarray(stored); stored.largest_read
    12
    """

    def __init__(self, data: Any) -> None:
        self._data = np.array(data)                # a private copy
        self._data.setflags(write=False)
        self.shape, self.dtype, self.ndim = self._data.shape, self._data.dtype, self._data.ndim
        self.pixels_read = 0
        self.largest_read = 0

    def _count(self, n: int) -> None:
        self.pixels_read += int(n)
        self.largest_read = max(self.largest_read, int(n))

    def __getitem__(self, key: Any) -> np.ndarray:
        part = np.array(self._data[key])             # a copy, as a store returns
        self._count(part.size)
        return part

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        self._count(self._data.size)
        return np.array(self._data, dtype=dtype)

    def __len__(self) -> int:
        return self.shape[0]

    def __repr__(self) -> str:
        return f"StoredImage(shape={self.shape}, dtype={self.dtype})"


def computed(blur_chunked: Callable[..., Any], array: Any, sigma: Any, chunks: Any, *, stored: bool = False,
             **options: Any) -> dict[str, Any]:
    """Call ``blur_chunked(array, sigma, chunks, **options)`` and compute its dask array here, as plain data.

    Returns a dict with ``"type"`` (the module and name of the returned object's class) and, for a dask array,
    ``"chunks"`` (its ``.chunks`` as lists) and ``"result"`` (the computed NumPy array). With ``stored=True`` the
    array is handed over as a :class:`StoredImage`, and the dict also holds ``"read_before_compute"`` (pixels
    read while ``blur_chunked`` built its recipe), ``"largest_read"`` and ``"pixels_read"``.

    Examples
    --------
    >>> import dask.array as da
    >>> def blur_chunked(array, sigma, chunks, truncate=4.0):
    ...     return da.from_array(array, chunks=chunks).map_overlap(ndi.gaussian_filter, depth=5, boundary="none",
    ...                                                            sigma=sigma, truncate=truncate)
    >>> image = np.random.default_rng(0).random((20, 30))
    >>> report = computed(blur_chunked, image, 1.2, 10, stored=True)
    >>> report["type"], report["chunks"], report["read_before_compute"], report["largest_read"]
    ('dask.array.core.Array', [[10, 10], [10, 10, 10]], 0, 100)
    >>> bool(np.array_equal(report["result"], ndi.gaussian_filter(image, 1.2)))
    True
    """
    source = StoredImage(array) if stored else array
    result = blur_chunked(source, sigma, chunks, **options)
    kind = type(result)
    report: dict[str, Any] = {"type": f"{kind.__module__}.{kind.__qualname__}"}
    if stored:
        report["read_before_compute"] = source.pixels_read
    import dask.array as da

    if isinstance(result, da.Array):
        report["chunks"] = [[int(n) for n in axis] for axis in result.chunks]
        report["result"] = np.asarray(result.compute(scheduler="threads", num_workers=THREADS))
    if stored:
        report["largest_read"] = source.largest_read
        report["pixels_read"] = source.pixels_read
    return report


def _result(student: Student, image: np.ndarray, sigma: Any, chunks: Any) -> np.ndarray:
    report = student.call("blur_chunked_computed", image, sigma, chunks)
    expect(isinstance(report, dict) and "result" in report,
           f"blur_chunked must return a dask array (it returned a {report.get('type') if isinstance(report, dict) else report!r}); "
           "build it with da.from_array(array, chunks=chunks) and map_overlap, and do not call .compute()")
    return report["result"]


@points(1)
def check_inside_the_image(student: Student, rng: np.random.Generator) -> None:
    """Away from the image's border: the halo hides every chunk edge (sigma 2, chunks of 16)."""
    image = rng.random((48, 64))
    got = _result(student, image, 2.0, 16)
    want = ndi.gaussian_filter(image, 2.0)
    r = int(4 * 2.0 + 0.5)
    inside = (slice(r, -r), slice(r, -r))
    expect_close(np.asarray(got)[inside], want[inside], "wrong near the chunk edges (every 16 pixels)? The halo "
                 "(depth) of every axis must be the kernel's radius int(truncate * sigma + 0.5) = 8 here",
                 rtol=0, atol=1e-10)


@points(1)
def check_image_border(student: Student, rng: np.random.Generator) -> None:
    """The whole image, its border included: SciPy's 'reflect' at the image's edge."""
    image = rng.random((40, 40))
    got = _result(student, image, 1.5, 20)
    expect_close(got, ndi.gaussian_filter(image, 1.5), "differs from ndi.gaussian_filter(image, 1.5) near the "
                 "image's border? With map_overlap(..., boundary='none') gaussian_filter's own mode='reflect' "
                 "handles the image's edge", rtol=0, atol=1e-10)
