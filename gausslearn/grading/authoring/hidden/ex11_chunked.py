"""Hidden tests of exercise 11: ``blur_chunked(array, sigma, chunks, truncate=4.0)``, a lazy dask Gaussian blur
equal to ``scipy.ndimage.gaussian_filter`` on the whole image.

A dask array cannot cross to the grader (only plain data does), so every test calls
``blur_chunked_computed``, which the exercise template defines in the learner's process: it calls
``blur_chunked``, computes the dask array there (two threads, under the grader's limits) and returns its
chunks and values (see :func:`gausslearn.checks.ex11_chunked.computed`). Each test checks one property where
the others cannot fail it: the halo on the pixels away from the image's border (so the border mode cannot
matter), the image's border on the pixels away from every chunk edge (so the halo cannot matter), the chunk
structure, and reading a stored array chunk by chunk. A too-small halo is measured from the result: the band of
wrong pixels along the chunk edges is ``radius - halo`` wide.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import ndimage as ndi

from gausslearn.grading.api import Student, expect, expect_close, points

FUNCTIONS = ("blur_chunked",)
#: The template's helper that calls ``blur_chunked`` and computes its result in the learner's process.
HELPER = "blur_chunked_computed"
#: A pixel counts as wrong when it differs from SciPy by more than this times the largest value (the task allows
#: it; the chunked result is exact).
ATOL = 1e-10
#: Where a seam is measured, the smallest error that counts as one (rounding errors are far below it).
TOL = 1e-12
#: The first test: every other one needs a dask array back.
STRUCTURE = "test_returns_dask_array_in_the_given_chunks"
#: What each SciPy mode looks like when a chunked blur produces it at the image's border.
BORDER_CAUSE = {
    "constant": "zeros beyond the image: dask's boundary=0 (or 'constant'), or mode='constant' for the chunks",
    "nearest": "the edge pixel repeated: dask's boundary='nearest', or mode='nearest' for the chunks",
    "wrap": "the opposite side of the image: dask's boundary='periodic', or mode='wrap' for the chunks",
    "mirror": "a mirror without the edge pixel: mode='mirror' for the chunks (numpy.pad's 'reflect')",
}


def radii(sigma: Any, ndim: int, truncate: float = 4.0) -> tuple[int, ...]:
    """SciPy's kernel radius ``int(truncate * sigma + 0.5)`` on every axis: the halo each axis needs.

    Examples
    --------
    >>> radii(1.125, 2), radii((1.0, 4.0), 2, truncate=3.0)
    ((5, 5), (3, 12))
    """
    sigmas = [float(sigma)] * ndim if np.ndim(sigma) == 0 else [float(s) for s in sigma]
    return tuple(int(truncate * s + 0.5) for s in sigmas)


def chunk_sizes(shape: tuple[int, ...], chunks: Any) -> list[list[int]]:
    """dask's ``.chunks`` for ``da.from_array(array, chunks=chunks)`` with a chunk shape (full chunks, then the rest).

    Examples
    --------
    >>> chunk_sizes((10, 8), 4)
    [[4, 4, 2], [4, 4]]
    """
    sizes = [int(chunks)] * len(shape) if np.ndim(chunks) == 0 else [int(c) for c in chunks]
    return [[c] * (n // c) + ([n % c] if n % c else []) for n, c in zip(shape, sizes, strict=True)]


def _boundaries(sizes: list[int]) -> np.ndarray:
    return np.cumsum(sizes)[:-1]


def _call(image: np.ndarray, sigma: Any, chunks: Any, truncate: float | None) -> str:
    extra = "" if truncate is None else f", truncate={truncate!r}"
    return f"blur_chunked(<{image.dtype} image {image.shape}>, sigma={sigma!r}, chunks={chunks!r}{extra})"


def run(student: Student, image: np.ndarray, sigma: Any, chunks: Any, truncate: float | None = None,
        stored: bool = False) -> dict[str, Any]:
    """Call the learner's blur_chunked through the template's helper; fail unless it returned a dask array."""
    kwargs: dict[str, Any] = {} if truncate is None else {"truncate": truncate}
    if stored:
        kwargs["stored"] = True
    report = student.call(HELPER, image, sigma, chunks, **kwargs)
    call = _call(image, sigma, chunks, truncate)
    expect(isinstance(report, dict) and isinstance(report.get("type"), str),
           f"{HELPER} returned {type(report).__name__}, not its report: keep the exercise's cell that defines "
           f"{HELPER} as it is")
    kind = report["type"]
    expect(kind.startswith("dask.array") and isinstance(report.get("result"), np.ndarray),
           f"{call} returned a {kind}; return the lazy dask array itself (da.from_array(array, chunks=chunks) and "
           "map_overlap), without .compute(): the caller decides when to compute")
    got = report["result"]
    expect(got.shape == image.shape, f"{call}: the computed result has shape {got.shape}, the image {image.shape}")
    return report


def _halo_seen(error: np.ndarray, sizes: list[list[int]], rad: tuple[int, ...]) -> list[int | None]:
    """Per axis, the halo that explains the band of wrong pixels along that axis's chunk edges (None: no seam).

    Only pixels at least the radius away from the image's border and from the other axes' chunk edges count, so
    each axis is measured on its own: a halo ``h`` leaves the pixels closer than ``radius - h`` to an edge wrong.
    """
    ndim = error.ndim
    keep = np.ones(error.shape, bool)
    for a in range(ndim):
        index = np.arange(error.shape[a])
        near_border = (index < rad[a]) | (index >= error.shape[a] - rad[a])
        keep &= ~near_border.reshape([-1 if k == a else 1 for k in range(ndim)])
    seen: list[int | None] = []
    for a in range(ndim):
        cuts = _boundaries(sizes[a])
        if cuts.size == 0 or rad[a] == 0:
            seen.append(None)
            continue
        mask = keep.copy()
        for b in range(ndim):
            other = _boundaries(sizes[b])
            if b == a or other.size == 0:
                continue
            index = np.arange(error.shape[b])
            dist = np.min(np.abs(index[:, None] - other[None, :] + 0.5), axis=1) - 0.5
            mask &= (dist >= rad[b]).reshape([-1 if k == b else 1 for k in range(ndim)])
        index = np.arange(error.shape[a])
        dist = (np.min(np.abs(index[:, None] - cuts[None, :] + 0.5), axis=1) - 0.5).astype(int)
        wrong = (error > TOL) & mask
        wrong_at = np.moveaxis(wrong, a, 0).reshape(error.shape[a], -1).any(axis=1)
        if not wrong_at.any():
            seen.append(None)
            continue
        band = int(dist[wrong_at].max()) + 1
        seen.append(max(rad[a] - band, 0))
    return seen


def _name_rule(halo: int, sigma: float, truncate: float, radius: int) -> str:
    """The common wrong rules a learner's halo follows (empty when none gives it)."""
    rules = {
        "no halo at all (every chunk filtered on its own)": 0,
        "int(truncate * sigma), without the + 0.5": int(truncate * sigma),
        "round(truncate * sigma) (Python rounds 4.5 to 4)": round(truncate * sigma),
        "the radius for truncate=4, ignoring the given truncate": int(4 * sigma + 0.5),
        "3 * sigma": int(3 * sigma),
        "sigma itself": int(sigma),
    }
    names = [text for text, value in rules.items() if value == halo and value != radius]
    return f" That is {' or '.join(names)}." if names else ""


def check_halo(student: Student, image: np.ndarray, sigma: Any, chunks: Any, truncate: float | None = None) -> None:
    """Compare the pixels away from the image's border (where only the halo matters) and name a too-small halo."""
    t = 4.0 if truncate is None else truncate
    report = run(student, image, sigma, chunks, truncate)
    got = report["result"].astype(np.float64)
    want = ndi.gaussian_filter(image, sigma, truncate=t)
    rad = radii(sigma, image.ndim, t)
    inside = tuple(slice(r, n - r) for r, n in zip(rad, image.shape, strict=True))
    sizes = chunk_sizes(image.shape, chunks)
    error = np.abs(got - want)
    allowed = ATOL * max(1.0, float(np.abs(want).max()))
    if np.all(error[inside] <= allowed):
        return
    call = _call(image, sigma, chunks, truncate)
    sigmas = [float(sigma)] * image.ndim if np.ndim(sigma) == 0 else [float(s) for s in sigma]
    for axis, halo in enumerate(_halo_seen(error, sizes, rad)):
        if halo is not None and halo < rad[axis]:
            raise AssertionError(
                f"{call}: seams along the chunk edges of axis {axis}: the pixels closer than {rad[axis] - halo} to an "
                f"edge are wrong, so your halo on that axis is {halo}.{_name_rule(halo, sigmas[axis], t, rad[axis])} "
                f"The halo (map_overlap's depth) of every axis must be the kernel's radius on that axis, "
                f"int(truncate * sigma + 0.5) = int({t:g} * {sigmas[axis]:g} + 0.5) = {rad[axis]}.")
    expect_close(got[inside], want[inside], f"{call} differs from ndi.gaussian_filter on the whole image, away from "
                 "the image's border, where only the halo matters: the halo (map_overlap's depth) of every axis must "
                 f"be the kernel's radius int(truncate * sigma + 0.5), here {rad}", rtol=0, atol=allowed)


@points(1)
def test_returns_dask_array_in_the_given_chunks(student: Student, rng: np.random.Generator) -> None:
    """blur_chunked returns a lazy dask array chunked as asked."""
    for shape, chunks in (((48, 64), 16), ((50, 45), (20, 15)), ((12, 30, 33), (6, 10, 11))):
        image = rng.random(shape)
        report = run(student, image, 1.0, chunks)
        want = chunk_sizes(shape, chunks)
        expect(report.get("chunks") == want,
               f"{_call(image, 1.0, chunks, None)} returned a dask array with chunks {report.get('chunks')}; "
               f"da.from_array(array, chunks={chunks!r}) gives {want}: keep that chunking (map_overlap does)")


@points(2, requires=STRUCTURE)
def test_halo_is_the_radius(student: Student, rng: np.random.Generator) -> None:
    """Away from the image's border, chunk edges leave no seam: halo int(truncate * sigma + 0.5)."""
    check_halo(student, rng.random((60, 80)), 2.0, 20)
    check_halo(student, rng.random((36, 48)), 1.125, 12)      # 4.5 rounds up: halo 5, not round()'s 4
    check_halo(student, rng.random((48, 36)), 1.2, 12)        # 4.8 + 0.5: halo 5, not int(4.8) = 4


@points(1, requires=(STRUCTURE, "test_halo_is_the_radius"))
def test_halo_follows_truncate(student: Student, rng: np.random.Generator) -> None:
    """The halo grows and shrinks with truncate."""
    check_halo(student, rng.random((60, 80)), 1.5, 20, truncate=6.0)
    check_halo(student, rng.random((48, 48)), 2.0, 12, truncate=2.5)


@points(1, requires=(STRUCTURE, "test_halo_is_the_radius"))
def test_halo_per_axis(student: Student, rng: np.random.Generator) -> None:
    """One sigma per axis: each axis gets its own halo (2-D and 3-D, a sigma of 0 included)."""
    check_halo(student, rng.random((40, 104)), (1.0, 3.0), (10, 26))
    check_halo(student, rng.random((78, 32)), (3.0, 0.0), (26, 16))
    check_halo(student, rng.random((15, 36, 28)), (0.5, 2.0, 1.5), (5, 18, 14))


@points(2, requires=STRUCTURE)
def test_image_border_is_reflect(student: Student, rng: np.random.Generator) -> None:
    """At the image's own border (away from every chunk edge) the result is SciPy's 'reflect'."""
    for shape, sigma, chunks in (((60, 60), 1.5, 30), ((48, 56), (2.0, 1.0), (24, 28))):
        image = rng.random(shape)
        report = run(student, image, sigma, chunks)
        got = report["result"].astype(np.float64)
        rad = radii(sigma, image.ndim)
        sizes = chunk_sizes(shape, chunks)
        region = np.zeros(shape, bool)
        for a in range(image.ndim):            # within the radius of the image's border on some axis ...
            index = np.arange(shape[a])
            region |= ((index < rad[a]) | (index >= shape[a] - rad[a])).reshape([-1 if k == a else 1 for k in
                                                                                  range(image.ndim)])
        for a in range(image.ndim):            # ... and at least the radius from every chunk edge
            cuts = _boundaries(sizes[a])
            if cuts.size:
                index = np.arange(shape[a])
                dist = np.min(np.abs(index[:, None] - cuts[None, :] + 0.5), axis=1) - 0.5
                region &= (dist >= rad[a]).reshape([-1 if k == a else 1 for k in range(image.ndim)])
        want = ndi.gaussian_filter(image, sigma)
        if np.all(np.abs(got - want)[region] <= ATOL):
            continue
        call = _call(image, sigma, chunks, None)
        for mode, cause in BORDER_CAUSE.items():
            if np.allclose(got[region], ndi.gaussian_filter(image, sigma, mode=mode)[region], rtol=0, atol=1e-10):
                raise AssertionError(f"{call}: at the image's border your result is SciPy's mode={mode!r}: {cause}. "
                                     "The whole-image result uses 'reflect': with map_overlap(..., boundary='none') "
                                     "gaussian_filter's own default mode handles the image's edge")
        expect_close(got[region], want[region], f"{call} differs from ndi.gaussian_filter near the image's border "
                     "(away from the chunk edges)", rtol=0, atol=ATOL)


@points(1, requires=(STRUCTURE, "test_halo_is_the_radius", "test_halo_follows_truncate", "test_halo_per_axis",
                     "test_image_border_is_reflect"))
def test_equals_scipy_on_the_whole_image(student: Student, rng: np.random.Generator) -> None:
    """Equal to SciPy on the whole image: chunks that do not divide the shape, 3-D, float32."""
    cases = (((70, 53), 1.7, 20), ((10, 24, 26), (1.0, 2.0, 2.5), (5, 12, 13)), ((45, 64), 2.2, (15, 32)))
    for shape, sigma, chunks in cases:
        image = rng.random(shape)
        got = run(student, image, sigma, chunks)["result"]
        expect_close(got, ndi.gaussian_filter(image, sigma), f"{_call(image, sigma, chunks, None)} differs from "
                     "ndi.gaussian_filter on the whole image", rtol=0, atol=ATOL)
    image = rng.random((40, 36)).astype(np.float32)
    got = run(student, image, 1.5, 12)["result"]
    expect_close(got, ndi.gaussian_filter(image, 1.5), f"{_call(image, 1.5, 12, None)} differs from "
                 "ndi.gaussian_filter on the whole image", rtol=0, atol=1e-6)


@points(1, requires=STRUCTURE)
def test_stored_array_read_chunk_by_chunk(student: Student, rng: np.random.Generator) -> None:
    """A stored (Zarr-like) array is read lazily, a chunk and its halo at a time, never whole."""
    image = rng.random((64, 96))
    sigma, chunks = 1.5, 16
    report = run(student, image, sigma, chunks, stored=True)
    call = _call(image, sigma, chunks, None).replace("<float64 image", "<stored float64 array")
    before = int(report.get("read_before_compute", -1))
    expect(before == 0, f"{call} read {before} pixels before anything was computed: wrap the stored array with "
           "da.from_array(array, chunks=chunks) instead of reading it (np.asarray, array[:]); the image may not fit "
           "in memory")
    r = radii(sigma, 2)[0]
    limit = (chunks + 2 * r) ** 2
    largest = int(report.get("largest_read", -1))
    expect(0 < largest <= limit, f"{call}: one read took {largest} pixels; a chunk with its halo is at most "
           f"{limit} ({chunks} + 2 x {r} pixels per side), the whole image {image.size}. Let dask read the chunks "
           "(da.from_array(array, chunks=chunks))")
