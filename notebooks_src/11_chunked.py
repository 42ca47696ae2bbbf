# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 11 · Beyond one machine's memory: chunked filtering, halos and seams
#
# **Questions**
# - How do you blur an image that does not fit in memory?
# - Filtering piece by piece: where does it go wrong, and by how much?
# - How many pixels must each piece borrow from its neighbours, and where does that number come from?
# - How do the size of the pieces, the time and the memory depend on each other, and what changes on a cluster?
#
# **Objectives**
# - Store a large generated image as a chunked Zarr array and filter it lazily with
#   `dask_image.ndfilters.gaussian_filter`; check the result against `scipy.ndimage.gaussian_filter`.
# - Measure the seams that independent chunks and too-small overlaps leave (the largest error at the chunk
#   boundaries) and draw them.
# - Derive from the size of the kernel how much overlap (the *halo*) every chunk needs, per axis, and check the
#   rule by experiment, also at the image's own border.
# - Measure time and peak memory against the chunk size and choose a chunk size for a memory budget.
# - Run the same code on a `dask.distributed` cluster, open its dashboard, and know what changes on a real one.
#
# **Time:** about 35 minutes (the notebook itself runs in under a minute).
#
# **Prerequisites:** [03 · The Gaussian kernel](03_gaussian_kernel.ipynb) (how many weights a kernel has),
# [06 · Borders](06_borders.ipynb) (border modes), [07 · Separability](07_separability.ipynb).

# %%
# %matplotlib inline
import logging
import tempfile
from pathlib import Path

import dask
import dask.array as da
import numpy as np
import zarr
from dask.distributed import Client, LocalCluster
from dask_image.ndfilters import gaussian_filter as dask_gaussian_filter
from IPython.display import Markdown, display
from scipy import ndimage

from gausslearn.chunks import (
    filter_chunked,
    halo_for,
    max_seam_error,
    measure,
    seam_error_profile,
    seam_errors,
    synthetic_image,
    write_synthetic_image,
)
from gausslearn.kernels import kernel_radius
from gausslearn.plotting import plot_curves, show_images
from gausslearn.widgets import predict

np.set_printoptions(linewidth=110)

# %% [markdown]
# ## 1. An image larger than our memory budget
#
# A whole-slide microscopy scan is easily 100 000 × 100 000 pixels (30 GB in RGB), a light-sheet volume or a
# satellite mosaic more. `scipy.ndimage.gaussian_filter` needs the whole image in memory, and a second array
# of the same size for the result. The standard answer is to store the image in **chunks** (rectangular
# pieces, each a file or an object in a store) and to filter chunk by chunk.
#
# This notebook must run anywhere in under a minute, so we scale the problem down and *choose* a memory
# budget: 48 MiB for image data. Then we generate an image larger than that and write it to a Zarr array in a
# temporary folder, one 256 × 256 chunk at a time: `write_synthetic_image` computes every pixel from its
# coordinates and a seed, so no step needs the whole image. The rules we find do not depend on the scale.

# %%
MiB = 2**20
BUDGET = 48 * MiB
SHAPE = (4096, 4096)
SIGMA = 4.0
workdir = tempfile.TemporaryDirectory(prefix="gausslearn-11-")
store = Path(workdir.name) / "image.zarr"

writing = measure(lambda: write_synthetic_image(store, SHAPE, 256, seed=10))
stored = writing.value
image_bytes = int(np.prod(stored.shape)) * stored.dtype.itemsize
n_chunks = int(np.prod([-(-n // c) for n, c in zip(stored.shape, stored.chunks, strict=True)]))
print(f"image: {stored.shape[0]} × {stored.shape[1]} {stored.dtype}, {image_bytes / MiB:.0f} MiB; "
      f"budget {BUDGET / MiB:.0f} MiB; larger than the budget: {image_bytes > BUDGET}")
print(f"stored as {n_chunks} chunks of {stored.chunks[0]} × {stored.chunks[1]} "
      f"({stored.chunks[0] * stored.chunks[1] * stored.dtype.itemsize // 1024} KiB each)")
print(f"peak memory while writing it below 1/8 of the budget: {writing.peak_bytes < BUDGET / 8}")

# %% [markdown]
# A Zarr array reads only the chunks a slice touches. The top-left corner comes from one chunk; the overview
# reads every 16th pixel (it visits every chunk, but keeps only 1/256 of the pixels):

# %%
show_images([stored[:256, :256], stored[::16, ::16]],
            ["top-left 256 × 256 pixels", "whole image, every 16th pixel"],
            alt="Two grey-scale panels of the stored test image: its top-left corner, squares of 16 by 16 pixels "
                "in random grey levels sprinkled with pixel noise; and the whole image through every 16th pixel, "
                "the same squares shrunk to a fine random texture.")

# %% [markdown]
# Squares of 16 × 16 pixels with random grey levels, plus pixel noise: structure a blur of sigma 4 keeps, and
# detail it removes.
#
# ## 2. Lazy filtering with dask-image
#
# `dask.array.from_zarr` wraps the store in a dask array: a grid of chunks, each a recipe ("read this chunk"),
# nothing read yet. We work in chunks of 512 × 512, each made of 2 × 2 stored chunks.
# `dask_image.ndfilters.gaussian_filter` has SciPy's signature and returns another dask array: one more recipe
# per chunk.

# %%
image = da.from_zarr(str(store), chunks=512)
blurred = dask_gaussian_filter(image, sigma=SIGMA)
print(f"image:   {type(image).__name__}, shape {image.shape}, {image.numblocks[0]} × {image.numblocks[1]} "
      f"chunks of {image.chunksize}")
print(f"blurred: {type(blurred).__name__}, shape {blurred.shape}, dtype {blurred.dtype}, "
      f"chunks of {blurred.chunksize}; nothing has been read or filtered yet")

# %% [markdown]
# dask-image filters every chunk with SciPy, with some pixels of its neighbours around it, and puts the
# chunks together again. Before we compare with SciPy on the whole image:

# %%
predict(
    "dask-image filters the 4096 × 4096 image as 64 separate 512 × 512 pieces and joins the results. Compared "
    "with scipy.ndimage.gaussian_filter on the whole image at once, its result is:",
    options={
        "identical, bit for bit":
            "every output pixel sees the same input pixels, with the same weights, summed in the same order",
        "equal up to float32 rounding (differences around 1e-7)":
            "splitting work often reorders sums, and reordered float sums differ in the last bits",
        "close, but visibly different along the chunk edges":
            "a piece filtered alone seems not to know its neighbours' pixels",
        "different near the image's border only":
            "the pieces at the border might apply the border mode differently from SciPy",
    },
    answer="identical, bit for bit",
    explanation="Every output pixel is a weighted sum of the input pixels within the kernel's radius. dask-image "
                "gives every chunk enough of its neighbours' pixels that each output pixel sees exactly the same "
                "inputs with the same weights, summed in the same order; SciPy's border mode is applied only at "
                "the image's real border. Same numbers in, same operations: same bits out.",
    key="nb11-identical",
)

# %% [markdown]
# To check, we break the budget once, on purpose: read the whole image and filter it with SciPy.

# %%
whole = stored[:]
reference = ndimage.gaussian_filter(whole, SIGMA)
chunked = blurred.compute()
print(f"largest |dask-image - SciPy|: {np.abs(chunked - reference).max()}")
print(f"identical, bit for bit: {np.array_equal(chunked, reference)}")
np.testing.assert_array_equal(chunked, reference)

# %% [markdown]
# On a real 200 GB image there is no whole-image reference. Then you check a crop that fits in memory and
# contains a few chunk edges, because, as we see next, that is where chunking goes wrong if it goes wrong.
#
# ## 3. Chunks on their own: seams
#
# The overlap each chunk borrows from its neighbours is called its **halo** (dask calls it *depth*).
# `gausslearn.chunks.filter_chunked(image, sigma, chunks=..., halo=...)` filters chunk by chunk like dask-image,
# with a halo *you* choose; `halo=0` filters every chunk on its own. We experiment on a 1024 × 1024 piece of
# the image in 256 × 256 chunks: it fits in memory, so SciPy on the whole piece is the reference.

# %%
predict(
    "Every 256 × 256 chunk is blurred on its own (halo 0, sigma 4, SciPy's default mode 'reflect' at each "
    "chunk's edge). Which output pixels are wrong?",
    options={
        "none: 'reflect' invents values close to the real neighbours":
            "in a smooth image the mirrored pixels look much like the real ones",
        "only the one row or column of pixels on each chunk edge":
            "only the edge pixels seem to touch the missing neighbour",
        "a band along every chunk edge, as wide as the kernel's radius (16 pixels)":
            "every pixel whose kernel reaches past the chunk's edge reads invented pixels",
        "every pixel of every chunk":
            "a chunk filtered without its surroundings seems wrong as a whole",
    },
    answer="a band along every chunk edge, as wide as the kernel's radius (16 pixels)",
    explanation="An output pixel near a chunk edge reads input pixels beyond the edge, up to the radius r = 16 "
                "away. Without a halo, those come from reflecting the chunk instead of from the neighbour: wrong. "
                "The closer to the edge, the more of the kernel falls outside, so the errors are largest on the "
                "edge and fade to zero 16 pixels in. The image's own border is handled as in SciPy: not a seam.",
    key="nb11-seams",
)

# %%
piece = whole[:1024, :1024]
piece_reference = ndimage.gaussian_filter(piece, SIGMA)
r = kernel_radius(SIGMA)
alone = filter_chunked(piece, SIGMA, chunks=256, halo=0).compute()
print(f"kernel radius for sigma {SIGMA:g}: {r}")
print("largest error along each chunk boundary (halo 0):")
for seam in seam_errors(alone, piece_reference, 256):
    print(f"  axis {seam.axis}, between pixels {seam.position - 1} and {seam.position}: {seam.max_error:.3f}")
by_distance = seam_error_profile(alone, piece_reference, 256, 255)
print(f"farthest wrong pixel from a chunk edge: {np.flatnonzero(by_distance > 0).max()} pixels")
print(f"every pixel {r} or more pixels from every chunk edge is right (the image border included): "
      f"{bool(np.nanmax(by_distance[r:]) == 0)}")

# %% [markdown]
# Errors of up to a third of the 0-to-1 range, in a band 16 pixels wide: the chunk grid shows in the picture. Around
# the chunk corner at (256, 256):

# %%
corner = (slice(192, 320), slice(192, 320))
show_images([piece[corner], piece_reference[corner], alone[corner]],
            ["input", "SciPy on the whole piece", "chunks on their own (halo 0)"],
            alt="Three panels around a chunk corner: the noisy squares of the input; SciPy's blur of the whole "
                "piece, smooth everywhere; and the chunks blurred on their own, where a sharp cross along the "
                "chunk edges splits the picture into four tiles that do not join.")

# %% [markdown]
# ## 4. How much halo? The rule from the radius
#
# dask-image borrowed enough pixels to be exact. How many are enough? Try fewer:

# %%
predict(
    "The chunks now borrow a halo of 8 pixels (half the radius 16). How wide is the band of wrong pixels along "
    "each chunk edge?",
    options={
        "16 pixels, as without a halo: any halo smaller than the radius is useless":
            "a halo that still misses pixels seems no better than none",
        "8 pixels":
            "the halo supplies 8 of the 16 pixels beyond the edge; pixels deeper than 8 no longer miss any",
        "4 pixels":
            "the errors fall off fast inside the chunk, so the band seems to shrink faster than the halo grows",
        "none: 8 pixels are 2 sigma, where the kernel is already small":
            "beyond 2 sigma the weights are tiny, and tiny seems like zero",
    },
    answer="8 pixels",
    explanation="The pixel d pixels inside the chunk needs r - d pixels beyond the edge; the halo supplies h of "
                "them. So it is right when r - d <= h and wrong when d < r - h: a band of r - h = 8 pixels. The "
                "errors there are much smaller than without a halo (the missing weights are the kernel's tail, "
                "beyond 2 sigma), but not zero.",
    key="nb11-halo",
)

# %%
halos = [0, 4, 8, 12, 15, 16, 20]
profiles, results = {}, {}
print("halo   wrong band (pixels)   r - halo   largest seam error")
for h in halos:
    results[h] = filter_chunked(piece, SIGMA, chunks=256, halo=h).compute()
    profiles[h] = seam_error_profile(results[h], piece_reference, 256, 24)
    band = int(np.count_nonzero(profiles[h] > 0))
    print(f"{h:4d}   {band:19d}   {max(r - h, 0):8d}   {max_seam_error(results[h], piece_reference, 256):18.1e}")
print("wrong exactly at the distances d < r - halo from a chunk edge, for every halo: "
      f"{all((profiles[h] > 0).tolist() == [d < r - h for d in range(25)] for h in halos)}")
print(f"halo >= radius gives SciPy's result bit for bit: "
      f"{all(np.array_equal(results[h], piece_reference) for h in halos if h >= r)}")

# %%
distance = np.arange(25)
plot_curves(distance, {f"halo {h}": np.log10(np.maximum(profiles[h], 1e-9)) for h in (0, 4, 8, 12, 15)},
            "distance from the nearest chunk edge (pixels)", "log10 of the largest |error| (-9: none)",
            mark={"radius": r}, title=f"sigma {SIGMA:g}: the band of wrong pixels is radius - halo wide",
            alt="Log10 of the largest error against the distance from the nearest chunk edge, one line per halo "
                "(0, 4, 8, 12, 15 pixels). Each line starts high at the edge, falls, and drops to -9 (no error) at "
                "radius minus halo pixels: the larger the halo, the lower and narrower the band; the dashed line "
                "marks the radius, where even halo 0 is exact.")

# %% [markdown]
# The errors around the chunk corner at (256, 256) on a logarithmic scale: black is an error below 1e-9
# (none), white an error of 1.

# %%
show_images([np.log10(np.abs(results[h] - piece_reference)[corner] + 1e-9) for h in (0, 8, 15)],
            [f"halo {h}: log10 |error|, -9 to 0" for h in (0, 8, 15)], cmap="magma", vmin=-9, vmax=0,
            alt="Three panels of the logarithm of the error around the chunk corner for halos 0, 8 and 15: a "
                "bright cross along the chunk edges on a black background (no error), wide and bright for halo 0, "
                "narrower and darker for halo 8, a thin faint line for halo 15.")

# %% [markdown]
# **The halo rule.** The output pixel `d` pixels inside a chunk reads `r - d` pixels beyond the chunk's edge;
# a halo of `h` pixels supplies `h` of them. It is right when `r - d <= h`, so the band `d < r - h` is wrong,
# and there is no band at all when
#
# $$h \ge r = \mathrm{int}(\mathit{truncate} \cdot \sigma + 0.5),$$
#
# the kernel's radius from notebook 03, **on every axis, with that axis's sigma**. `halo_for(sigma, truncate)`
# computes it. A larger halo changes nothing but the cost; a halo below it is never exact, only nearer.

# %%
print(f"halo_for({SIGMA:g}) = {halo_for(SIGMA)} = kernel_radius({SIGMA:g}): {halo_for(SIGMA) == r}")
print(f"halo_for(1.125) = {halo_for(1.125)}   (4.5 rounds up, as in SciPy)")
print(f"halo_for({SIGMA:g}, truncate=3) = {halo_for(SIGMA, truncate=3)}   (a shorter kernel needs less)")
print(f"a 3-D stack blurred less along z, sigma (1, 4, 4): halo {halo_for((1.0, 4.0, 4.0))}")
volume = synthetic_image((24, 96, 96), seed=3)
in_3d = filter_chunked(volume, (1.0, 4.0, 4.0), chunks=(8, 32, 32)).compute()
print(f"3-D volume {volume.shape} in chunks of (8, 32, 32): identical to SciPy: "
      f"{np.array_equal(in_3d, ndimage.gaussian_filter(volume, (1.0, 4.0, 4.0)))}")

# %% [markdown]
# ## 5. The image's own border
#
# At the image's real border there is no neighbour to borrow from. dask-image and `filter_chunked` give the
# chunks there no halo on that side and let SciPy apply the border mode, as SciPy does on the whole image.
# That is right for `reflect`, `mirror`, `nearest` and `constant`: they invent the outside from the pixels
# next to the border, which that chunk has. `wrap` continues the image from its *opposite* side, which lives
# in another chunk:

# %%
print("mode       dask-image: largest error   filter_chunked: identical to SciPy")
for mode in ("reflect", "mirror", "nearest", "constant", "wrap"):
    ref = ndimage.gaussian_filter(piece, SIGMA, mode=mode)
    via_dask_image = dask_gaussian_filter(da.from_array(piece, chunks=256), SIGMA, mode=mode).compute()
    via_chunks = filter_chunked(piece, SIGMA, chunks=256, mode=mode).compute()
    print(f"{mode:9s}  {np.abs(via_dask_image - ref).max():26.3f}   {np.array_equal(via_chunks, ref)}")
wrong = np.abs(via_dask_image - ref) > 0
print(f"dask-image with 'wrap': wrong pixels only within {r} pixels of the image's border: "
      f"{not wrong[r:-r, r:-r].any()}")

# %% [markdown]
# dask-image's `gaussian_filter` applies `wrap` to each border chunk *by itself*, so the border chunks wrap
# around onto their own far edge instead of the image's. (dask-image fixed the same problem in `convolve` and
# `correlate`, [dask/dask-image#243](https://github.com/dask/dask-image/pull/243).) For periodic data, take the
# halo of the border chunks from the opposite side of the image, as `filter_chunked` does with
# `dask.array.map_overlap(..., boundary="periodic")`; with `wrap` the image border is just one more seam.
#
# ## 6. Time and peak memory against chunk size
#
# Now the whole stored image, from the Zarr store to a new Zarr store (nothing held whole in memory), with
# dask-image in chunks of 256² to 2048² pixels, on this machine's threads. `measure` returns the wall time and
# the peak memory allocated while a call runs. Tracing memory slows down Python code with many small objects,
# so the time is measured in a second, untraced run.

# %%
predict(
    "Chunks of 2048 × 2048 instead of 512 × 512: 16 times the area. The peak memory of filtering the stored "
    "image chunk by chunk...",
    options={
        "stays about the same: dask streams the image either way":
            "dask never holds the whole image, so the chunk size seems not to matter",
        "grows, but by less than 16 times":
            "each thread's chunk, halo and result grow with the area; the task graph and the store's buffers do not",
        "grows 16 times or more, in proportion to the chunk's area":
            "every array a task holds is 16 times larger",
        "shrinks: fewer chunks to keep track of":
            "4 chunks instead of 64 means less bookkeeping",
    },
    answer="grows, but by less than 16 times",
    explanation="Every thread holds its chunk with the halo, the filtered chunk and a few temporary copies, so "
                "that part grows with the area. But part of the peak does not depend on the chunk size (the "
                "task graph, buffers for reading and writing the store), so the ratio stays below 16.",
    key="nb11-memory",
)

# %%
SIDES = [256, 512, 1024, 2048]
peaks = {}
for side in SIDES:
    run = measure(lambda side=side: dask_gaussian_filter(da.from_zarr(str(store), chunks=side), sigma=SIGMA)
                  .to_zarr(str(Path(workdir.name) / f"traced-{side}.zarr")))
    peaks[side] = run.peak_bytes
scipy_whole = measure(lambda: ndimage.gaussian_filter(stored[:], SIGMA).nbytes)
print(f"SciPy on the whole image: peak at least twice the image (the image and its result): "
      f"{scipy_whole.peak_bytes >= 2 * image_bytes}; over the budget: {scipy_whole.peak_bytes > BUDGET}")
print(f"dask-image, 512² chunks: peak within the {BUDGET / MiB:.0f} MiB budget: {peaks[512] <= BUDGET}")
print(f"dask-image, 2048² chunks: peak over the budget: {peaks[2048] > BUDGET}")
print(f"peak grows from 512² to 2048² chunks, by less than 16 times: {1 < peaks[2048] / peaks[512] < 16}")
print(f"256² chunks: peak more than a quarter of the 512² peak (not in proportion to the area): "
      f"{peaks[256] > peaks[512] / 4}")
for side in SIDES:
    k = SHAPE[0] // side
    overhead = ((SHAPE[0] + 2 * r * (k - 1)) / SHAPE[0]) ** 2  # pixels filtered, halos included, per output pixel
    print(f"chunks of {side:4d}²: {k * k:3d} chunks; pixels filtered per output pixel {overhead:.3f}")

# %% tags=["nbval-ignore-output"]
# Timings differ from run to run and machine to machine: nbval does not compare this cell's output.
seconds = {}
for side in SIDES:
    run = measure(lambda side=side: dask_gaussian_filter(da.from_zarr(str(store), chunks=side), sigma=SIGMA)
                  .to_zarr(str(Path(workdir.name) / f"timed-{side}.zarr")), trace_memory=False)
    seconds[side] = run.seconds
scipy_seconds = measure(lambda: ndimage.gaussian_filter(whole, SIGMA), trace_memory=False).seconds
print("chunk side   seconds   peak MiB")
for side in SIDES:
    print(f"{side:10d}   {seconds[side]:7.2f}   {peaks[side] / MiB:8.1f}")
print(f"SciPy, whole image already in memory: {scipy_seconds:.2f} s, peak {scipy_whole.peak_bytes / MiB:.0f} MiB")

# %%
plot_curves(SIDES, {"dask-image, Zarr to Zarr": [peaks[s] / MiB for s in SIDES],
                    "memory budget": [BUDGET / MiB] * len(SIDES)},
            "chunk side (pixels)", "peak memory (MiB)", title="peak memory against chunk size",
            alt="Peak memory in MiB against the chunk side for dask-image reading and writing Zarr, with the "
                "memory budget as a flat dashed line: small chunks stay under the budget, and peak memory grows "
                "with the chunk side until large chunks go well over it.")

# %%
plot_curves(SIDES, {"dask-image, Zarr to Zarr": [seconds[s] for s in SIDES],
                    "SciPy, whole image in memory": [scipy_seconds] * len(SIDES)},
            "chunk side (pixels)", "seconds", title="time against chunk size (this machine, this run)",
            alt="Seconds against the chunk side for dask-image reading and writing Zarr, beside SciPy's time on "
                "the whole image already in memory as a flat dashed line. The measured times vary from run to "
                "run; the text below says what they show on this machine.")

# %% [markdown]
# Reading the measurements (the timings are this machine's, at the moment the notebook ran):
#
# - Small chunks cost time: every chunk is a few tasks with a fixed overhead, and the halos are filtered
#   twice (at 256² every output pixel costs 1.25 filtered pixels). They do not save memory below a floor
#   either: reading and writing the store and the task graph need some whatever the chunk size.
# - Large chunks cost memory: each thread holds its chunk, the halo and the result, and with few chunks
#   there is little to share between threads. Past the budget, the chunk size is wrong.
# - Chunks of a few hundred to a few thousand pixels on a side, holding a few MiB to a few hundred MiB, are
#   the usual compromise; on a cluster, choose them so that every worker holds a few chunks at once.
#
# One more memory effect. dask-image (through `dask.array.map_overlap`) cuts each chunk's halo out of its
# neighbours as slices, and a NumPy slice is a *view* that keeps its whole array in memory: every neighbour
# stays in memory until all the chunks that borrow from it are done. `filter_chunked` on the Zarr array itself
# reads every chunk together with its halo straight from the store instead: the halo pixels are read twice,
# but no task waits for another.

# %%
neighbour = np.zeros((2048, 2048), np.float32)
sliver = neighbour[:r]
print(f"a {r}-row slice of a 2048² chunk is a view of it: {sliver.base is neighbour}; it keeps "
      f"{sliver.base.nbytes // 1024} KiB alive to use {sliver.nbytes // 1024} KiB")
stored_reads = measure(lambda: filter_chunked(stored, SIGMA, chunks=2048)
                       .to_zarr(str(Path(workdir.name) / "stored-reads.zarr")))
print(f"2048² chunks read with their halos from the store: peak below dask-image's: "
      f"{stored_reads.peak_bytes < peaks[2048]}")
print(f"same result as SciPy: {np.array_equal(da.from_zarr(str(Path(workdir.name) / 'stored-reads.zarr')).compute(), reference)}")

# %% [markdown]
# `python benchmarks/run.py --only chunks` measures both against the image size, up to 8192² pixels.
#
# ## 7. The same code on a dask.distributed cluster
#
# So far dask ran the chunks on threads of this Python process. `dask.distributed` runs them on *workers*
# managed by a *scheduler*, on this machine or on hundreds. A `LocalCluster` starts both here; we keep it small
# (1 worker with 2 threads, inside this process, so it starts quickly and sees our temporary folder).
# Creating a `Client` makes it the default for every `.compute()` and `.to_zarr()` that follows.

# %% tags=["nbval-ignore-output"]
dask.config.set({"distributed.dashboard.link": "http://127.0.0.1:{port}/status"})
cluster = LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address="127.0.0.1:0",
                       silence_logs=logging.ERROR)
client = Client(cluster)
display(Markdown(f"**Dashboard:** [{client.dashboard_link}]({client.dashboard_link}): open it in another "
                 "browser tab, then run the next cell and watch the task stream and the workers' memory."))

# %% [markdown]
# The next cell runs exactly the lazy array `blurred` from section 2, unchanged: only the scheduler is new.

# %%
workers = client.scheduler_info()["workers"]
print(f"{len(workers)} worker with {sum(w['nthreads'] for w in workers.values())} threads; the client is now "
      f"dask's default scheduler: {dask.base.get_scheduler() == client.get}")
on_cluster_store = Path(workdir.name) / "blurred-on-the-cluster.zarr"
blurred.to_zarr(str(on_cluster_store))
on_cluster = zarr.open_array(store=str(on_cluster_store), mode="r")
print(f"result written by the cluster identical to SciPy's: {np.array_equal(on_cluster[:], reference)}")

# %% tags=["nbval-ignore-output"]
client.close()
cluster.close()

# %% [markdown]
# **On a real cluster** the filtering code stays the same; what changes is around it.
# The workers come from a cluster manager: `dask_jobqueue.SLURMCluster` or `PBSCluster` on an HPC system,
# `dask_kubernetes` on Kubernetes, a cloud service, or `dask scheduler` and `dask worker` started by hand; you
# connect with `Client(cluster)` or `Client("tcp://scheduler-address:8786")`, and the dashboard link works the
# same way (through an SSH tunnel or the JupyterHub proxy when the scheduler runs elsewhere). Every worker must
# read the input and write the output, so the Zarr store has to live where all of them can reach it: a shared
# file system, or object storage (`da.from_zarr("s3://bucket/image.zarr")` through fsspec); a temporary
# folder on your laptop, as here, is visible to no one else. Workers are separate processes, usually on
# separate machines, with the same Python packages installed; give each enough memory for a few chunks with
# their halos (section 6 is how you measure it) and prefer chunks of tens to hundreds of MB, so that the
# scheduling overhead per chunk stays small against the filtering. The halo rule does not change: it is a
# property of the kernel, not of the machine.
#
# Finally, the temporary folder goes away:

# %%
workdir.cleanup()
print(f"temporary folder removed: {not Path(workdir.name).exists()}")

# %% [markdown]
# ## Key points
#
# - A chunked array (Zarr) lets you read, filter and write an image piece by piece; dask keeps the work lazy
#   until `.compute()` or `.to_zarr()`, and `dask_image.ndfilters.gaussian_filter` has SciPy's signature.
# - With enough overlap the chunked result equals SciPy's on the whole image bit for bit: same pixels in, same
#   weights, same order of the sums.
# - Chunks filtered on their own leave seams: a band as wide as the kernel's radius along every chunk edge.
#   A halo of `h` pixels narrows the band to `r - h`; the halo rule is `h >= r = int(truncate * sigma + 0.5)`
#   on every axis (`halo_for`). Measure seams as the largest error along the chunk edges against a reference.
# - At the image's own border the border mode applies as in SciPy, except `wrap`, whose outside is the
#   opposite border: take that halo from the other side of the image (dask-image's `gaussian_filter` does not).
# - Small chunks cost time (overhead per task, halos filtered twice); large chunks cost memory. Measure both and
#   choose a chunk size that fits the memory of each worker.
# - The same lazy array runs on a `dask.distributed` cluster: a scheduler, workers, a dashboard, and the data
#   on storage that every worker can reach.
#
# **Exercise:** [Exercise 11](../exercises/ex11_chunked.ipynb): `blur_chunked(array, sigma, chunks)`, a dask array
# equal to SciPy's result. **Back to the start:** [00 · Start here](00_start_here.ipynb).
