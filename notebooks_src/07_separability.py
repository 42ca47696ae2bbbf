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
# # 07 · Separability: why a Gaussian blur is fast
#
# **Questions**
# - Why can a 2-D Gaussian blur be done as two 1-D blurs, and is the result really the same?
# - How much work does that save, on paper and on the clock?
# - When is an FFT faster, and why do repeated box blurs look like a Gaussian?
#
# **Objectives**
# - Show that the 2-D Gaussian kernel is an outer product of 1-D kernels (a matrix of rank 1).
# - Verify numerically that two 1-D passes give the 2-D result, to rounding error.
# - Count the multiply-adds per pixel of the direct and the separable filter, and measure real run times of
#   direct, separable, FFT and SciPy filtering.
# - Explain with the central limit theorem why repeated box blurs approach a Gaussian.
#
# **Time:** about 30 minutes.
#
# **Prerequisites:** [03 · The Gaussian kernel](03_gaussian_kernel.ipynb) (1-D and 2-D kernels),
# [04 · Filtering](04_filtering.ipynb) (correlation as a weighted sum), [06 · Borders](06_borders.ipynb).

# %%
# %matplotlib inline
import time

import numpy as np
from scipy import ndimage

from gausslearn import filters
from gausslearn.images import disc, impulse, sample
from gausslearn.kernels import box_kernel1d, gaussian_kernel1d, gaussian_kernel2d
from gausslearn.plotting import plot_curves, plot_kernel, plot_profiles
from gausslearn.widgets import predict

np.set_printoptions(linewidth=110)

# %% [markdown]
# ## 1. The 2-D kernel is an outer product
#
# The 2-D Gaussian factorises: $g(x, y) = e^{-(x^2 + y^2)/2\sigma^2} / (2\pi\sigma^2) = g(y)\,g(x)$. Sampled, the
# 2-D kernel is the table of all products "weight of the row offset × weight of the column offset": the
# **outer product** of the 1-D kernel with itself.

# %%
k1 = gaussian_kernel1d(1.0, radius=2)
k2 = gaussian_kernel2d(1.0, radius=2)
print("1-D kernel:", np.array2string(k1, precision=4, floatmode="fixed"))
print("np.outer(k1, k1), 4 decimals:")
print(np.array2string(np.outer(k1, k1), precision=4, floatmode="fixed"))
print(f"equal to gaussian_kernel2d: {np.allclose(np.outer(k1, k1), k2, rtol=0, atol=1e-15)}")

# %%
plot_kernel(k2, fmt=".3f")

# %%
predict(
    "The Gaussian kernel for sigma 2 is a 17×17 matrix. What is its rank (the number of independent rows)?",
    options=["17 (all rows differ)", "9 (the rows repeat after the centre)", "1"],
    answer="1",
    explanation="Every row is the same 1-D kernel scaled by the weight of its row offset, so every row is a "
                "multiple of every other row. One independent row: rank 1. Symmetry (row -2 equals row +2) "
                "alone would only bring it down to 9.",
    key="nb07-rank",
)

# %% [markdown]
# Every row of that table is the 1-D kernel times a number, so all rows are multiples of one row: the matrix
# has **rank 1**. That is the precise meaning of *separable*.

# %%
big = gaussian_kernel2d(2.0)
singular_values = np.linalg.svd(big, compute_uv=False)
print(f"kernel shape {big.shape}, np.linalg.matrix_rank: {np.linalg.matrix_rank(big)}")
print(f"largest singular value {singular_values[0]:.4f}; all others below 1e-12 times it: "
      f"{np.all(singular_values[1:] < 1e-12 * singular_values[0])}")
pillbox = disc((17, 17), radius=6)
pillbox = pillbox / pillbox.sum()
print(f"a round 'pillbox' kernel (a disc of radius 6): rank {np.linalg.matrix_rank(pillbox)}, not separable")
print(f"a square box kernel: rank {np.linalg.matrix_rank(np.ones((7, 7)) / 49)}, separable")

# %% [markdown]
# The singular value decomposition even *finds* the 1-D kernel: the first singular vectors, scaled by the
# square root of the first singular value, are the 1-D kernel (up to sign).

# %%
u, s, vt = np.linalg.svd(big)
recovered = np.abs(u[:, 0]) * np.sqrt(s[0])
print(f"recovered 1-D kernel equals gaussian_kernel1d(2.0): "
      f"{np.allclose(recovered, gaussian_kernel1d(2.0), rtol=0, atol=1e-12)}")

# %% [markdown]
# Among round (rotation-symmetric) kernels, the Gaussian is the only one that separates like this: a disc
# does not, a Gaussian does. That is one reason it is *the* blur of image processing.
#
# ## 2. Two 1-D passes give the 2-D result
#
# Because the kernel is an outer product, the 2-D weighted sum can be done in two steps: first filter every
# column with the 1-D kernel (along axis 0), then every row of that result (along axis 1). The course's
# filters module has both methods:
#
# - `filters.gaussian_filter_direct`: the full 2-D kernel, every tap (notebook 04, section 2);
# - `filters.gaussian_filter`: one 1-D pass per axis, as SciPy does it.

# %%
camera = sample("camera")[::2, ::2]  # 256 x 256
print("sigma   max |direct - separable| < 1e-12   max |separable - scipy| < 1e-12   direct taps per pixel")
for sigma in (1.0, 2.0, 3.0):
    direct = filters.gaussian_filter_direct(camera, sigma)
    separable = filters.gaussian_filter(camera, sigma)
    reference = ndimage.gaussian_filter(camera, sigma)
    print(f"{sigma:5.1f}   {str(np.abs(direct - separable).max() < 1e-12):>32s}   "
          f"{str(np.abs(separable - reference).max() < 1e-12):>31s}   {filters.operation_count(sigma)['direct']:21d}")

# %% [markdown]
# The differences are rounding errors: the additions happen in a different order. The order of the two passes
# does not matter either:

# %%
rows_first = ndimage.gaussian_filter1d(ndimage.gaussian_filter1d(camera, 2.0, axis=1), 2.0, axis=0)
columns_first = ndimage.gaussian_filter1d(ndimage.gaussian_filter1d(camera, 2.0, axis=0), 2.0, axis=1)
print(f"rows first vs columns first: max |difference| < 1e-12: {np.abs(rows_first - columns_first).max() < 1e-12}")

# %% [markdown]
# ## 3. Counting the work

# %%
predict(
    "Going from sigma 2 to sigma 4 doubles the kernel radius. How does the work per pixel of the DIRECT 2-D "
    "filter change?",
    options=["about 2 times more", "about 4 times more", "about 8 times more", "the same"],
    answer="about 4 times more",
    explanation="The direct filter uses every weight of the (2r+1)×(2r+1) square: doubling r roughly "
                "quadruples the count (289 → 1089 weights). The separable filter uses 2(2r+1) weights: only "
                "about twice as many (34 → 66).",
    key="nb07-ops",
)

# %% [markdown]
# With radius r, the 2-D kernel has (2r+1)² weights: one multiply-add each, per pixel. Two 1-D passes need
# 2(2r+1). `filters.operation_count` counts them (and also the variant that adds the two samples sharing a
# weight before multiplying, r+1 multiplications per pass).

# %%
print(" sigma  radius  taps   direct (2r+1)^2   separable 2(2r+1)   symmetric 2(r+1)   direct / separable")
for sigma in (0.5, 1, 2, 3, 4, 8, 16):
    c = filters.operation_count(sigma)
    print(f"{sigma:6g}  {c['radius'][0]:6d}  {c['taps'][0]:4d}   {c['direct']:15d}   {c['separable']:17d}   "
          f"{c['separable_symmetric']:16d}   {c['ratio']:18.1f}")

# %%
sigma_axis = np.arange(0.5, 16.01, 0.5)
counts = [filters.operation_count(s) for s in sigma_axis]
plot_curves(sigma_axis, {"direct 2-D kernel": [c["direct"] for c in counts],
                         "two 1-D passes": [c["separable"] for c in counts]},
            "sigma (pixels)", "multiply-adds per pixel", title="work per pixel, 2-D image")

# %% [markdown]
# The direct cost grows with sigma², the separable cost with sigma. In 3-D (a volume) the gap is bigger:
# (2r+1)³ against 3(2r+1).

# %%
c3 = filters.operation_count(4.0, ndim=3)
print(f"3-D, sigma 4: direct {c3['direct']} vs separable {c3['separable']} multiply-adds per voxel "
      f"({c3['ratio']:.0f} times fewer)")

# %% [markdown]
# ## 4. On the clock
#
# Counting is not timing: memory traffic, vectorisation and compiled code matter too. We time four methods on
# the 256×256 image with `time.perf_counter` (best of 3 runs, 2 for the slow direct method):
#
# - **direct**: `filters.gaussian_filter_direct`, the full 2-D kernel (only for small sigma: it gets slow);
# - **separable**: `filters.gaussian_filter`, two 1-D passes in plain NumPy;
# - **FFT**: `filters.gaussian_filter_fft`, multiply in the frequency domain (cost independent of sigma);
# - **SciPy**: `scipy.ndimage.gaussian_filter`, two 1-D passes in compiled C.
#
# The numbers change from machine to machine and run to run (these cells are not compared when the notebook
# is re-tested). Look at the *trends*.

# %% tags=["nbval-ignore-output"]
def best_time(function, *args, repeats=3):
    """Best wall-clock time of `repeats` calls, in milliseconds."""
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - start)
    return 1000 * best


timing_sigmas = np.array([1.0, 2.0, 3.0, 4.0, 8.0, 16.0, 32.0])
direct_limit = 3.0  # the direct method is timed only up to this sigma
times = {"direct": [], "separable (NumPy)": [], "FFT": [], "SciPy": []}
for sigma in timing_sigmas:
    times["direct"].append(best_time(filters.gaussian_filter_direct, camera, sigma, repeats=2)
                           if sigma <= direct_limit else np.nan)
    times["separable (NumPy)"].append(best_time(filters.gaussian_filter, camera, sigma))
    times["FFT"].append(best_time(filters.gaussian_filter_fft, camera, sigma))
    times["SciPy"].append(best_time(ndimage.gaussian_filter, camera, sigma))
print(" sigma " + "".join(f"{name:>19s}" for name in times) + "   (milliseconds)")
for i, sigma in enumerate(timing_sigmas):
    print(f"{sigma:6g} " + "".join(f"{values[i]:19.1f}" for values in times.values()))

# %% tags=["nbval-ignore-output"]
per_tap = min(t / filters.operation_count(s)["direct"]
              for s, t in zip(timing_sigmas, times["direct"], strict=True) if s <= direct_limit)
print(f"direct method: about {per_tap * 1e6 / camera.size:.1f} ns per tap and pixel; at sigma 16 it would need "
      f"about {per_tap * filters.operation_count(16.0)['direct'] / 1000:.0f} s")
figure = plot_curves(timing_sigmas, times, "sigma (pixels)", "time (ms, log scale)",
                     title="measured run time, 256×256 float64 image")
figure.axes[0].set_yscale("log")
figure

# %% [markdown]
# What to read from it (on most machines):
#
# - the direct method's time grows fastest, roughly with the number of taps; it is only usable for small sigma;
# - the separable NumPy filter grows slowly with sigma (one shifted copy per tap);
# - the FFT's time hardly depends on sigma (it grows only because the padding grows with the radius): for
#   large sigma it overtakes the NumPy separable filter, and eventually SciPy's compiled one too;
# - SciPy's compiled separable filter is the fastest for the everyday sigmas of 1 to 5.
#
# On a busy machine the curves are jumpy: run the timing cell again, or time a larger image.
#
# ## 5. Repeated box blurs become a Gaussian
#
# A **box** (moving average) is the cheapest blur there is: with a running sum its cost does not depend on its
# width at all. It is a poor blur on its own (notebook 09 shows its ripples in the frequency domain). What
# happens when you blur with a box again and again?

# %%
predict(
    "A 1-D box kernel of width 5 (all weights 1/5) is applied 3 times in a row. What shape does the combined "
    "kernel have?",
    options=["a wider box", "a triangle", "a smooth bell, close to a Gaussian"],
    answer="a smooth bell, close to a Gaussian",
    explanation="Two boxes make a triangle; a third pass rounds it into three pieces of parabola, already "
                "close to a Gaussian. This is the central limit theorem: the kernel of repeated blurs is the "
                "distribution of a sum of independent random offsets, which tends to a normal distribution.",
    key="nb07-boxes",
)

# %%
box = box_kernel1d(5)
combined = np.array([1.0])
profiles = {}
print("passes  width  variance  max |box cascade - Gaussian of equal variance|  (relative to the peak)")
for passes in range(1, 5):
    combined = np.convolve(combined, box)
    variance = passes * (5 ** 2 - 1) / 12  # variances add: (w^2 - 1) / 12 per box
    gauss = gaussian_kernel1d(np.sqrt(variance), radius=combined.size // 2)
    error = np.abs(combined - gauss).max()
    print(f"{passes:6d}  {combined.size:5d}  {variance:8.2f}  {error:46.4f}  ({error / gauss.max():.1%})")
    profiles[f"{passes} box pass(es)"] = np.pad(combined, (17 - combined.size) // 2)
profiles["Gaussian, variance 8"] = gaussian_kernel1d(np.sqrt(8.0), radius=8)

# %%
plot_profiles(profiles, xlabel="tap (centre = 8)", ylabel="weight", title="box kernels of width 5, repeated")

# %% [markdown]
# Variances add under repeated blurring (a box of odd width w has variance (w² - 1)/12), so the cascade has a
# known spread, and the gap to the Gaussian of that spread shrinks with every pass.
#
# `filters.gaussian_filter_box(image, sigma, passes)` uses this in practice: `filters.box_sizes_for_sigma`
# picks odd box widths whose variances add up as close to sigma² as odd integers allow. Compare each
# cascade, applied to an impulse, with the Gaussian of the *same* variance:

# %%
spike = impulse((81,))
print("passes  widths           variance (sigma^2 = 9)   max |cascade - Gaussian of equal variance|")
for passes in (1, 2, 3, 4):
    widths = filters.box_sizes_for_sigma(3.0, passes)
    variance = sum((w * w - 1) / 12 for w in widths)
    cascade = filters.gaussian_filter_box(spike, 3.0, passes=passes)
    equal_variance = ndimage.gaussian_filter1d(spike, np.sqrt(variance))
    print(f"{passes:6d}  {str(widths):15s}  {variance:22.2f}   {np.abs(cascade - equal_variance).max():40.4f}")

# %% [markdown]
# The shape error falls with every pass. Odd widths cannot hit every variance, though: for sigma 3 the
# cascades above miss the target variance of 9 by a whole unit (the third column). On a real image the two
# errors mix, and the gap to `gaussian_filter(image, 3)` hardly changes after two passes: more passes only
# help when the variance can be matched too (an "extended" box with fractional end weights can do that).

# %%
for passes in (1, 2, 3, 4):
    approx = filters.gaussian_filter_box(camera, 3.0, passes=passes)
    print(f"{passes} pass(es): max |box approximation - gaussian_filter(camera, 3)| = "
          f"{np.abs(approx - ndimage.gaussian_filter(camera, 3.0)).max():.4f}")

# %% [markdown]
# ## Key points
#
# - The 2-D Gaussian kernel is the outer product of two 1-D kernels, a matrix of rank 1; a round disc kernel is
#   not separable.
# - Filtering the columns and then the rows with the 1-D kernel gives the 2-D result to rounding error
#   (differences below 1e-12 here), in any order.
# - The direct filter costs (2r+1)² multiply-adds per pixel, the separable one 2(2r+1): a factor of about r.
# - Measured: the direct method is only usable for small sigma; the FFT's cost depends on sigma only through
#   the padding and wins for large sigma; SciPy's compiled separable filter is the everyday choice.
# - Repeated box blurs tend to a Gaussian (central limit theorem; variances add), which is how some fast
#   libraries approximate large blurs.
#
# **Exercise:** [Exercise 5: a separable Gaussian filter in plain NumPy](../exercises/ex05_separable.ipynb).
# **Next:** [08 · Colour](08_colour.ipynb).
