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
# # 07 · Separability and cost: why a Gaussian blur is fast
#
# **Questions**
# - Why can a 2-D Gaussian blur be done as two 1-D blurs, and is the result really the same?
# - How much work does that save, counted and on the clock?
# - Which methods stay fast when sigma grows, and what does each of them give up?
# - How do OpenCV's `GaussianBlur` arguments translate into SciPy's?
#
# **Objectives**
# - Decide whether a 2-D kernel can be split into 1-D passes, by looking at its rows and with NumPy.
# - Verify that two 1-D passes reproduce the 2-D filter on float images, and explain why `uint8` results differ.
# - Count the multiply-adds per pixel of each method and read a log-log plot of counts and run times.
# - Choose between SciPy's separable filter, the FFT, box cascades and a recursive filter by speed and accuracy.
# - Translate OpenCV's `ksize`, `sigmaX` and `borderType` into SciPy's `sigma`, `radius` and `mode`.
#
# **Time:** about 45 minutes (18 code cells and 3 predict-first prompts; the timing cell runs for about half a
# minute).
#
# **Prerequisites:** [03 · The Gaussian kernel](03_gaussian_kernel.ipynb) (1-D and 2-D kernels),
# [04 · Filtering](04_filtering.ipynb) (correlation as a weighted sum, integer outputs),
# [06 · Borders](06_borders.ipynb) (border modes).

# %%
# %matplotlib inline
import numpy as np
from scipy import ndimage
from scipy.fft import next_fast_len

from gausslearn import filters
from gausslearn.borders import mode_table, pad
from gausslearn.images import disc, impulse, sample
from gausslearn.kernels import box_kernel1d, gaussian_kernel1d, gaussian_kernel2d, kernel_size_conventions
from gausslearn.plotting import plot_curves, plot_kernel, plot_profiles
from gausslearn.timing import time_runs
from gausslearn.widgets import predict

np.set_printoptions(linewidth=110)

# %% [markdown]
# ## 1. What the 2-D kernel is made of
#
# Here is the 2-D Gaussian kernel for sigma 1, cut to radius 2 so that its numbers fit on the screen. Look at
# its rows: how does row −1 compare with row 0?

# %%
k1 = gaussian_kernel1d(1.0, radius=2)
k2 = gaussian_kernel2d(1.0, radius=2)
for offset, row in zip(range(-2, 3), k2, strict=True):
    print(f"row {offset:+d}: {np.array2string(row, precision=4, floatmode='fixed')}")

# %%
plot_kernel(k2, fmt=".3f", alt="A 5 by 5 grid of the sigma-1 Gaussian weights, each written in its cell: largest, 0.162, at the centre, falling towards 0.003 in the corners, symmetric in rows and columns.")

# %% [markdown]
# The **rank** of a matrix is the number of its rows that are independent: rows that cannot be made by
# scaling and adding the other rows.

# %%
predict(
    "The Gaussian kernel for sigma 2 is a 17×17 matrix. What is its rank?",
    options={
        "17": "all 17 rows hold different numbers, so none seems to repeat another",
        "9": "row -2 equals row +2 (the kernel is symmetric), which leaves 9 different rows",
        "1": "every row is the same 1-D kernel, only scaled by the weight of its row offset",
        "5 or so": "the outer rows are almost 0, so only the few rows near the centre seem to count",
    },
    answer="1",
    explanation="Row r of the kernel is g(r) times the 1-D kernel: every row is a multiple of one row, so "
                "there is one independent row. Symmetry alone would bring it down to 9 only, and tiny rows "
                "still count as long as they are not exactly 0.",
    key="nb07-rank",
)

# %% [markdown]
# The reveal: divide each row by its centre value.

# %% tags=["hide-output"]
print("each row divided by its own centre value:")
print(np.array2string(k2 / k2[:, 2:3], precision=4, floatmode="fixed"))
print(f"np.outer(k1, k1) equals the 2-D kernel (to 1e-15): {np.allclose(np.outer(k1, k1), k2, rtol=0, atol=1e-15)}")

# %% [markdown]
# Every row is the 1-D kernel times the weight of its row offset: the 2-D kernel is the **outer product** of
# the 1-D kernel with itself, `np.outer(k1, k1)`, the table of all products "weight of the row offset ×
# weight of the column offset". The formula says the same: $e^{-(x^2 + y^2)/2\sigma^2} =
# e^{-y^2/2\sigma^2}\, e^{-x^2/2\sigma^2}$. A matrix whose rows are all multiples of one row has **rank 1**:
# that is the precise meaning of *separable*.
#
# How does NumPy compute a rank? With the **singular value decomposition** (SVD): it writes any matrix as a sum
# of outer products, $s_1 u_1 v_1^T + s_2 u_2 v_2^T + \dots$, sorted by their weights $s_1 \ge s_2 \ge \dots
# \ge 0$ (the singular values). The rank is the number of weights that are not 0 (up to rounding). A rank-1
# matrix is one outer product, and the SVD hands us its 1-D factors.

# %%
big = gaussian_kernel2d(2.0)
u, s, vt = np.linalg.svd(big)
print(f"kernel shape {big.shape}, np.linalg.matrix_rank: {np.linalg.matrix_rank(big)}")
print(f"singular values after the first, relative to it, all below 1e-12: {np.all(s[1:] < 1e-12 * s[0])}")
recovered = np.abs(u[:, 0]) * np.sqrt(s[0])
print(f"first factor, scaled, equals gaussian_kernel1d(2.0) (to 1e-12): "
      f"{np.allclose(recovered, gaussian_kernel1d(2.0), rtol=0, atol=1e-12)}")
pillbox = disc((17, 17), radius=6)
print(f"a round 'pillbox' kernel (a disc of radius 6): rank {np.linalg.matrix_rank(pillbox / pillbox.sum())}, "
      f"not separable")
print(f"a square box kernel: rank {np.linalg.matrix_rank(np.ones((7, 7)) / 49)}, separable")

# %% [markdown]
# Among round (rotation-symmetric) kernels, the Gaussian is the only one that separates like this: a disc does
# not. That is one reason it is *the* blur of image processing.
#
# ## 2. Two 1-D passes give the 2-D result
#
# Because the kernel is an outer product, the 2-D weighted sum can be done in two steps: filter every column
# with the 1-D kernel (along axis 0), then every row of that result (along axis 1). The course's filters
# module has both methods:
#
# - `filters.gaussian_filter_direct`: the full 2-D kernel, every tap (notebook 04, section 2);
# - `filters.gaussian_filter`: one 1-D pass per axis, as SciPy does it.

# %%
camera = sample("camera")[::2, ::2]  # 256 x 256, float64 in [0, 1]
print("sigma   max |direct - separable| < 1e-12   max |separable - scipy| < 1e-12")
for sigma in (1.0, 2.0, 3.0):
    direct = filters.gaussian_filter_direct(camera, sigma)
    separable = filters.gaussian_filter(camera, sigma)
    reference = ndimage.gaussian_filter(camera, sigma)
    print(f"{sigma:5.1f}   {str(np.abs(direct - separable).max() < 1e-12):>32s}   "
          f"{str(np.abs(separable - reference).max() < 1e-12):>31s}")
rows_first = ndimage.gaussian_filter1d(ndimage.gaussian_filter1d(camera, 2.0, axis=1), 2.0, axis=0)
columns_first = ndimage.gaussian_filter1d(ndimage.gaussian_filter1d(camera, 2.0, axis=0), 2.0, axis=1)
print(f"rows first vs columns first, max |difference| < 1e-12: {np.abs(rows_first - columns_first).max() < 1e-12}")

# %% [markdown]
# The differences are rounding errors: the additions happen in a different order. On float images the two
# methods are interchangeable, in any order of the passes.
#
# **Not on `uint8` images.** Notebook 04 showed that SciPy stores an integer result after *each* 1-D pass,
# truncating the fractions toward zero. One 2-D correlation (`ndimage.correlate` with the 2-D kernel) truncates
# once, at the end; `gaussian_filter` truncates twice:

# %%
camera_uint8 = sample("camera", as_float=False)  # 512 x 512, uint8
exact = ndimage.gaussian_filter(camera_uint8.astype(np.float64), 2.0)
two_passes = ndimage.gaussian_filter(camera_uint8, 2.0).astype(np.int64)
one_pass = ndimage.correlate(camera_uint8, gaussian_kernel2d(2.0)).astype(np.int64)
gap = two_passes - one_pass
print(f"sigma 2 on uint8: gaussian_filter differs from one 2-D correlation in {np.mean(gap != 0):.1%} of the "
      f"pixels, by {sorted(set(np.unique(gap).tolist()) - {0})} grey level(s)")
print(f"mean error against the exact float result: two passes {np.mean(two_passes - exact):+.2f}, "
      f"one 2-D correlation {np.mean(one_pass - exact):+.2f} grey levels")

# %% [markdown]
# About half the pixels come out one grey level darker: each truncation removes half a grey level on average.
# Separability is exact in real arithmetic, not in integer storage. Compute in float and round once at the end
# (notebook 04) and the two methods agree again.
#
# ## 3. Counting the work

# %%
predict(
    "Going from sigma 2 to sigma 4 doubles the kernel radius. How does the work per pixel of the DIRECT 2-D "
    "filter change?",
    options={
        "about 2 times more": "the radius doubles, so the kernel is twice as wide",
        "about 4 times more": "the kernel is a square: twice as wide and twice as tall",
        "hardly at all": "most of the new weights far from the centre are tiny, so they seem to cost nothing",
    },
    answer="about 4 times more",
    explanation="The direct filter multiplies every weight of the (2r+1)×(2r+1) square, tiny or not: doubling "
                "r roughly quadruples the count (289 → 1089 weights). The separable filter uses 2(2r+1) "
                "weights: only about twice as many (34 → 66).",
    key="nb07-ops",
)

# %% [markdown]
# With radius r, the 2-D kernel has (2r+1)² weights: one multiply-add each, per pixel. Two 1-D passes need
# 2(2r+1). `filters.operation_count` counts them (and also the variant that adds the two samples sharing a
# weight before multiplying, r+1 multiplications per pass).

# %% tags=["hide-output"]
print(" sigma  radius  taps   direct (2r+1)^2   separable 2(2r+1)   symmetric 2(r+1)   direct / separable")
for sigma in (0.5, 1, 2, 3, 4, 8, 16, 32):
    c = filters.operation_count(sigma)
    print(f"{sigma:6g}  {c['radius'][0]:6d}  {c['taps'][0]:4d}   {c['direct']:15d}   {c['separable']:17d}   "
          f"{c['separable_symmetric']:16d}   {c['ratio']:18.1f}")

# %% [markdown]
# The direct cost grows with sigma², the separable cost with sigma. Both are drawn below on logarithmic axes,
# where a power of sigma becomes a straight line: slope 2 for the direct filter, slope 1 for the separable one.
# (The third curve is a method of section 4.) In 3-D (a volume) the gap is bigger still: (2r+1)³ against
# 3(2r+1).

# %% tags=["hide-output"]
sigma_axis = np.geomspace(0.5, 32, 25)
counts = [filters.operation_count(s) for s in sigma_axis]
figure = plot_curves(sigma_axis, {"direct 2-D kernel": [c["direct"] for c in counts],
                                  "two 1-D passes": [c["separable"] for c in counts],
                                  "recursive filter (section 4)": [c["recursive"] for c in counts]},
                     "sigma (pixels, log scale)", "multiply-adds per pixel (log scale)",
                     title="work per pixel, 2-D image", xscale="log", yscale="log",
                     alt="Log-log plot of multiply-adds per pixel against sigma from 0.5 to 32. The direct "
                         "2-D kernel rises as a straight line of slope 2 from 25 to about 66,000; two 1-D passes "
                         "rise with slope 1 from 10 to 514; the recursive filter is a flat line at 16.")
figure.axes[0].set_xticks([0.5, 1, 2, 4, 8, 16, 32], ["0.5", "1", "2", "4", "8", "16", "32"])
figure

# %%
c3 = filters.operation_count(4.0, ndim=3)
print(f"3-D, sigma 4: direct {c3['direct']} vs separable {c3['separable']} multiply-adds per voxel "
      f"({c3['ratio']:.0f} times fewer)")

# %% [markdown]
# ## 4. Blurs whose cost does not grow with sigma
#
# Even the separable filter gets slow for a large sigma: 2(2r+1) grows without end. Three ideas avoid that.
#
# ### Repeated box blurs
#
# A **box** (moving average) is the cheapest blur there is: keep a running sum along the line, add the
# sample that enters the window and subtract the one that leaves, and the cost per pixel does not depend on
# the width at all. On its own a box is a poor blur (notebook 10 shows why). What happens when you blur with a
# box again and again?

# %%
predict(
    "A 1-D box kernel of width 5 (all weights 1/5) is applied 3 times in a row. What shape does the combined "
    "kernel have?",
    options={
        "a wider box": "averaging an average should give another, wider average",
        "a triangle": "a box of a box is a triangle, so a third box might keep the straight sides",
        "a smooth bell, though not exactly Gaussian": "every pass rounds the corners more, towards a bell",
        "exactly a Gaussian of the same spread": "repeated averaging is what makes bell curves in statistics",
    },
    answer="a smooth bell, though not exactly Gaussian",
    explanation="Two boxes make a triangle; a third pass rounds it into three pieces of parabola, already "
                "close to a Gaussian but still ending abruptly 6 taps from the centre. This is the central "
                "limit theorem: the kernel of repeated blurs is the distribution of a sum of independent "
                "random offsets, which tends to a normal distribution without ever reaching it.",
    key="nb07-boxes",
)

# %% tags=["hide-output"]
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
plot_profiles(profiles, xlabel="tap (centre = 8)", ylabel="weight", title="box kernels of width 5, repeated",
              alt="Kernel weights against tap position for 1 to 4 passes of a width-5 box and the Gaussian of "
                  "variance 8: one pass is a flat box, two a triangle, three and four smooth bells that come "
                  "ever closer to the Gaussian curve.")

# %% [markdown]
# Variances add under repeated blurring (a box of odd width w has variance (w² − 1)/12), so the cascade has a
# known spread, and its distance to the Gaussian of that spread shrinks with every pass.
#
# `filters.gaussian_filter_box(image, sigma, passes)` uses this: `filters.box_sizes_for_sigma` picks odd box
# widths whose variances add up as close to sigma² as odd integers allow, and
# `filters.gaussian_filter_box_running` computes the same boxes with running sums. How close to
# `gaussian_filter(camera, sigma)` do 3 passes get?

# %%
print("sigma   box widths    max |3 box passes - gaussian_filter|   running sums == correlations (to 1e-12)")
for sigma in (1.0, 2.0, 3.0, 8.0):
    widths = filters.box_sizes_for_sigma(sigma, 3)
    running = filters.gaussian_filter_box_running(camera, sigma)
    same = np.allclose(running, filters.gaussian_filter_box(camera, sigma), rtol=0, atol=1e-12)
    error = np.abs(running - ndimage.gaussian_filter(camera, sigma)).max()
    print(f"{sigma:5g}   {str(widths):12s}  {error:36.4f}   {str(same):>39s}")

# %% [markdown]
# At sigma 1 odd widths cannot reach a variance of 1 (widths 1 and 3 give 0 or 2/3 per pass), so the error is
# large; from sigma 3 on it is 1.5 % of the image's range or less.
#
# ### The recursive (IIR) Gaussian
#
# A **recursive** filter reuses its own earlier outputs. Young and van Vliet (1995) run along each line
# forward, `y[n] = B x[n] − a1 y[n−1] − a2 y[n−2] − a3 y[n−3]`, then the same recursion backward (so that
# nothing is shifted). Each output leans on three outputs before it, and through them on everything before,
# so 4 multiply-adds per sample and pass give a blur of any width: its response is infinitely long, hence the
# name *infinite impulse response* (IIR), against the *finite* kernels so far. Only the four coefficients
# depend on sigma (`filters.recursive_coefficients`):

# %%
for sigma in (1.0, 3.0, 30.0):
    big_b, a = filters.recursive_coefficients(sigma)
    print(f"sigma {sigma:4g}: B = {big_b:.4f}, a1..a3 = {np.array2string(a[1:], precision=4, floatmode='fixed')}"
          f"; multiply-adds per pixel, 2-D: {filters.operation_count(sigma)['recursive']}")
spike = impulse((401,))
print("sigma   max |recursive - exact| for an impulse, relative to the peak   same, camera (range 0..1)")
for sigma in (1.0, 2.0, 3.0, 8.0, 32.0):
    exact_1d = ndimage.gaussian_filter1d(spike, sigma)
    impulse_error = np.abs(filters.gaussian_filter_recursive(spike, sigma) - exact_1d).max() / exact_1d.max()
    camera_error = np.abs(filters.gaussian_filter_recursive(camera, sigma) - ndimage.gaussian_filter(camera, sigma))
    print(f"{sigma:5g}   {impulse_error:61.1%}   {camera_error.max():27.4f}")

# %% [markdown]
# The price of the constant cost is accuracy: the recursion's response is close to a Gaussian but not equal,
# off by 4-10 % of the peak for sigma up to 3 and by a few percent beyond. Where exact weights matter (a
# reference result, a derivative), use the exact filter; where speed at large sigma matters more, the
# recursion is hard to beat.
#
# ### The FFT
#
# The **fast Fourier transform** (FFT) writes an image as a sum of waves (notebook 10 looks at filters this
# way). In that form a convolution with *any* kernel becomes one multiplication per wave, so the cost is that of
# the transforms, about N log N for N pixels, with no factor for the number of taps. `filters.gaussian_filter_fft`
# pads the image by the kernel radius with the border mode, multiplies and crops; its result equals the
# separable filter's to rounding. Sigma still enters through the padding, and through the padded size: an FFT
# is fastest when the size is a product of small primes, and the padded sizes rarely are:

# %%
print(f"FFT result == separable result (to 1e-12): "
      f"{np.allclose(filters.gaussian_filter_fft(camera, 3.0), ndimage.gaussian_filter(camera, 3.0), rtol=0, atol=1e-12)}")
print("sigma   1024 padded to   the next size made of the primes 2, 3 and 5 (scipy.fft.next_fast_len)")
for sigma in (1, 2, 4, 8, 16, 32):
    size = 1024 + 2 * filters.operation_count(sigma)["radius"][0]
    print(f"{sigma:5d}   {size:14d}   {next_fast_len(size, real=True):5d}")

# %% [markdown]
# ## 5. On the clock
#
# Counting is not timing: memory traffic, vectorised and compiled code matter too. We time each method on a
# 1024×1024 float64 image, 5 runs per method and sigma (after one untimed warm-up run), with
# `gausslearn.timing.time_runs`, and draw the median run with a band from the fastest to the slowest:
#
# - **SciPy (separable)**: `scipy.ndimage.gaussian_filter`, two 1-D passes in compiled C;
# - **FFT**: `filters.gaussian_filter_fft`;
# - **3 box passes**: `filters.gaussian_filter_box_running` (SciPy's compiled running sums);
# - **recursive**: `filters.gaussian_filter_recursive` (SciPy's compiled `lfilter`);
# - **direct**: `filters.gaussian_filter_direct` is far too slow at this size (minutes at sigma 32), so it is
#   timed on a 128×128 crop for sigma up to 4, and its time per tap and pixel is multiplied by the taps and
#   pixels of the full image: an *extrapolation*, labelled so, with hollow markers.
#
# The times differ from machine to machine and from run to run, so this cell prints nothing; the figure shows
# the measurement of the last run of this notebook.

# %%
image = np.random.default_rng(0).random((1024, 1024))
timing_sigmas = np.array([1.0, 2.0, 4.0, 8.0, 16.0, 32.0])
methods = {"SciPy (separable)": ndimage.gaussian_filter, "FFT": filters.gaussian_filter_fft,
           "3 box passes": filters.gaussian_filter_box_running, "recursive": filters.gaussian_filter_recursive}
runs_ms = {name: np.array([1000 * time_runs(method, image, sigma) for sigma in timing_sigmas])
           for name, method in methods.items()}
crop = image[:128, :128]
per_tap_ms = np.median([np.median(time_runs(filters.gaussian_filter_direct, crop, sigma, repeats=3)) * 1000
                        / (filters.operation_count(sigma)["direct"] * crop.size) for sigma in (1.0, 2.0, 4.0)])
direct_ms = np.array([per_tap_ms * filters.operation_count(s)["direct"] * image.size for s in timing_sigmas])

# %%
medians = {"direct (extrapolated from a 128×128 crop)": direct_ms}
medians.update({name: np.median(runs, axis=1) for name, runs in runs_ms.items()})
figure = plot_curves(timing_sigmas, medians, "sigma (pixels, log scale)", "time per call (ms, log scale)",
                     title="run time, 1024×1024 float64\n(median of 5 runs; band: fastest to slowest run)",
                     xscale="log", yscale="log",
                     alt="Log-log plot of measured run time against sigma from 1 to 32 for five methods, each "
                         "with a shaded band from its fastest to its slowest run. The direct method, extrapolated "
                         "from a crop, rises steeply far above the others; SciPy's separable filter rises "
                         "gently; the FFT, the running-sum boxes and the recursive filter stay roughly flat.")
axes = figure.axes[0]
axes.set_xticks(timing_sigmas, [f"{s:g}" for s in timing_sigmas])
lines = axes.get_lines()
lines[0].set_markerfacecolor("none")
for line, runs in zip(lines[1:], runs_ms.values(), strict=True):
    axes.fill_between(timing_sigmas, runs.min(axis=1), runs.max(axis=1), color=line.get_color(), alpha=0.2)
axes.legend(fontsize=8)
figure

# %% [markdown]
# What holds on every machine, because it follows from the operation counts:
#
# - the direct method's time rises with slope 2 on these axes (it grows with sigma²), far above all the others
#   from sigma 2 or so;
# - SciPy's separable filter rises too, with slope approaching 1 at large sigma (its cost grows with sigma);
# - the running-sum boxes and the recursive filter stay flat: their work per pixel does not depend on sigma;
# - the FFT stays nearly flat, with bumps where the padded size has a large prime factor.
#
# So for large sigma the flat methods must win; where the rising SciPy curve crosses them depends on the
# machine (compiled code, cache sizes, the load from other programs): read it from your figure. At the
# everyday sigmas of 1 to 3 SciPy's exact filter is fast, so the approximations are worth their error only at
# large sigma.
#
# ## 6. Matching OpenCV's `GaussianBlur`
#
# OpenCV describes the kernel by its size: `cv2.GaussianBlur(image, (ksize, ksize), sigmaX, borderType=...)`.
# Its documentation (`cv2.getGaussianKernel`) defines the weights as $\alpha\, e^{-(i - (k-1)/2)^2 / 2\sigma^2}$
# for $i = 0 \dots k-1$, with $\alpha$ making them sum to 1. That is SciPy's kernel of radius $(k - 1)/2$.
# SciPy accepts the radius directly (`radius=`, SciPy ≥ 1.10), or as `truncate = radius / sigma`:

# %%
sigma, ksize = 1.5, 11
i = np.arange(ksize)
opencv_weights = np.exp(-(i - (ksize - 1) / 2) ** 2 / (2 * sigma ** 2))
opencv_weights /= opencv_weights.sum()
radius = (ksize - 1) // 2
print(f"ksize {ksize} -> radius {radius}; OpenCV's documented weights == gaussian_kernel1d(sigma, radius=radius) "
      f"(to 1e-15): {np.allclose(opencv_weights, gaussian_kernel1d(sigma, radius=radius), rtol=0, atol=1e-15)}")
by_radius = ndimage.gaussian_filter(camera, sigma, radius=radius)
by_truncate = ndimage.gaussian_filter(camera, sigma, truncate=radius / sigma)
print(f"gaussian_filter(radius={radius}) == gaussian_filter(truncate={radius / sigma:.4f}): "
      f"{np.array_equal(by_radius, by_truncate)}")

# %% [markdown]
# With `ksize=(0, 0)` OpenCV picks the size itself, by a rule of its own (`kernels.kernel_size_conventions`
# holds both rules), and its default border is not SciPy's default (`borders.mode_table`):

# %%
print("sigma   SciPy size (truncate 4)   OpenCV size, float image   OpenCV size, uint8 image")
for sigma in (1.0, 1.1, 2.0, 2.1, 3.0):
    c = kernel_size_conventions(sigma)
    print(f"{sigma:5g}   {c['scipy']['size']:23d}   {c['opencv (float)']['size']:24d}   "
          f"{c['opencv (uint8)']['size']:24d}")
row = np.array([1.0, 2.0, 3.0, 4.0])
for entry in mode_table():
    if entry["scipy"] in ("reflect", "mirror"):
        print(f"OpenCV {entry['opencv']:18s} = SciPy {entry['scipy']!r:9s}: [1 2 3 4] padded by 3 -> "
              f"{pad(row, 3, entry['scipy']).astype(int)}")

# %% [markdown]
# So, for a float image, these two calls compute the same blur:
#
# ```python
# cv2.GaussianBlur(image, (2 * r + 1, 2 * r + 1), sigmaX=sigma, borderType=cv2.BORDER_REFLECT)
# ndimage.gaussian_filter(image, sigma, radius=r, mode="reflect")
# ```
#
# and OpenCV's *default* border, `BORDER_REFLECT_101`, is SciPy's `mirror`. Pass the size explicitly: the
# automatic sizes differ (sigma 1.1 above), and OpenCV's 8-bit rule cuts the kernel at about 3 sigma instead
# of 4. OpenCV is not installed with this course (it is a large binary package used only here), so these
# cells compute both sides from OpenCV's documented rules; with OpenCV installed,
# `np.abs(cv2.GaussianBlur(x, (2*r+1, 2*r+1), sigmaX=s, borderType=cv2.BORDER_REFLECT) -
# ndimage.gaussian_filter(x, s, radius=r, mode="reflect")).max()` on a float64 array is a rounding error.
# (For `uint8` images OpenCV computes in fixed point and rounds, where SciPy truncates after each pass:
# compare integer results only with a tolerance of one grey level.)
#
# ## Key points
#
# - The 2-D Gaussian kernel is the outer product of two 1-D kernels, a matrix of rank 1; a round disc kernel is
#   not separable. The SVD finds the rank and the 1-D factors of any kernel.
# - On float images two 1-D passes give the 2-D result to rounding error, in either order. On `uint8` images
#   `gaussian_filter` truncates after each pass, and about half the pixels end one grey level below a single
#   2-D correlation.
# - The direct filter costs (2r+1)² multiply-adds per pixel, the separable one 2(2r+1): a factor of about r.
# - Running-sum box cascades and the recursive (IIR) Gaussian cost the same at every sigma, at the price of an
#   approximation (a few percent); the FFT's cost grows only with the padded image size. For large sigma they
#   beat the separable filter; at everyday sigmas SciPy's exact separable filter is fast enough.
# - Repeated box blurs tend to a Gaussian (central limit theorem; variances add) without reaching it.
# - OpenCV's `GaussianBlur(ksize=2r+1, sigmaX=s, borderType=BORDER_REFLECT)` is SciPy's
#   `gaussian_filter(s, radius=r, mode="reflect")`; OpenCV's default border is SciPy's `mirror`.
#
# **Exercise:** [Exercise 7: a separable Gaussian filter in plain NumPy](../exercises/ex07_separable.ipynb).
# **Next:** [08 · Colour](08_colour.ipynb).
