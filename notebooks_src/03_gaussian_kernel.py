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
# # 03 · The Gaussian kernel: from a bell curve to a list of weights
#
# **Questions**
# - How does the smooth bell curve become a handful of numbers a computer can use?
# - Why must the weights be normalised, and when does that matter?
# - How many weights does `gaussian_filter` use for a given sigma, and why do libraries disagree?
#
# **Objectives**
# - Sample the Gaussian at integer offsets and normalise the samples so that they sum to 1.
# - Compute the kernel radius with SciPy's rule `int(truncate * sigma + 0.5)` and the kernel size `2r + 1`.
# - Explain where SciPy, scikit-image and OpenCV choose different kernel sizes for the same sigma.
# - Build a 2-D Gaussian kernel as the outer product of two 1-D kernels.
# - Check a hand-made kernel against the one SciPy really uses, by filtering an impulse.
#
# **Time:** about 35 minutes.
#
# **Prerequisites:** [01 · Pixel grids](01_pixel_grids.ipynb), [02 · Noise](02_noise.ipynb) (why we average
# neighbours); the function `exp`.

# %%
import numpy as np
from scipy import ndimage

from gausslearn.images import impulse
from gausslearn.kernels import (
    box_kernel1d,
    gaussian,
    gaussian_kernel1d,
    gaussian_kernel2d,
    kernel_radius,
    kernel_size_conventions,
    sampled_sum,
)
from gausslearn.plotting import plot_curves, plot_kernel, plot_profiles
from gausslearn.widgets import predict

# %% [markdown]
# ## 1. The continuous Gaussian
#
# The Gaussian (normal) density with standard deviation σ (sigma), centred at 0, is
#
# $$g_\sigma(x) = \frac{1}{\sqrt{2\pi}\,\sigma}\, e^{-x^2 / (2\sigma^2)}$$
#
# It is a bell curve: highest at 0, symmetric, and falling fast. σ sets the width; the factor in front keeps
# the area under the curve equal to 1, so a wider bell is also a lower one.

# %%
x = np.linspace(-6, 6, 601)
plot_curves(x, {f"sigma = {s}": gaussian(x, s) for s in (0.5, 1.0, 2.0)}, "x (pixels)", "g(x)",
            title="the Gaussian density for three sigmas")

# %% [markdown]
# How fast does it fall? The share of the area within ±k σ of the centre:

# %%
fine = np.linspace(-10, 10, 200001)
step = fine[1] - fine[0]
for k in (1, 2, 3, 4):
    inside = gaussian(fine[np.abs(fine) <= k], 1.0).sum() * step
    print(f"within ±{k} sigma: {inside:.5f} of the area")

# %% [markdown]
# Beyond 4 σ less than a ten-thousandth of the area is left. That is why SciPy cuts the kernel off at
# `truncate = 4` standard deviations by default.
#
# ## 2. Sampling on the pixel grid
#
# An image only has pixels at whole-number positions, so a filter can only use the curve at the integer
# offsets ..., -2, -1, 0, 1, 2, ... from the centre pixel. Those samples are the raw **weights**.

# %%
offsets = np.arange(-4, 5)
samples = gaussian(offsets, 1.0)
print("offset:", " ".join(f"{o:>7d}" for o in offsets))
print("g(x):  ", " ".join(f"{v:7.4f}" for v in samples))
print(f"sum of the samples: {samples.sum():.6f}")

# %% [markdown]
# The samples nearly sum to 1 here, but not exactly, and at small σ not even nearly.

# %%
predict(
    "We sample the Gaussian density with sigma = 0.3 at the integer offsets (-1, 0, 1, ...). What do the "
    "samples add up to?",
    options=["exactly 1 (it is a probability density)", "a little less than 1", "clearly more than 1"],
    answer="clearly more than 1",
    explanation="The area under the curve is 1, but a sum of samples is only an approximation of the area. At "
                "sigma = 0.3 the bell is narrower than one pixel: the single sample at 0, 1/(√(2π)·0.3), is "
                "already above 1, and the samples at ±1 add a little more. The sampled sum only approaches 1 "
                "once sigma is about 1 pixel or more, and the truncation at ±4 sigma always loses a little.",
    key="nb03-sampled-sum",
)

# %% [markdown]
# `sampled_sum(sigma)` adds up the samples of the density over the kernel's support (offsets -r..r):

# %%
for s in (0.3, 0.5, 1.0, 2.0):
    print(f"sigma {s:>3}: sum of sampled density = {sampled_sum(s):.6f}   "
          f"peak sample g(0) = {gaussian(0.0, s):.4f}")

# %% [markdown]
# A kernel whose weights sum to more than 1 makes the image brighter; less than 1, darker. (Blur a flat grey
# image: every output is the weighted sum of equal values, i.e. the value times the sum of the weights.) So
# SciPy does not use the density's factor at all: it computes `exp(-x²/(2σ²))` at each offset and divides by
# the sum. `gausslearn.kernels.gaussian_kernel1d` gives exactly SciPy's weights:

# %%
for s in (0.3, 0.5, 1.0, 2.0):
    w = gaussian_kernel1d(s)
    print(f"sigma {s:>3}: {w.size:>2} weights, sum = {w.sum():.6f}, centre weight = {w[w.size // 2]:.4f}")

# %%
w1 = gaussian_kernel1d(1.0)
print("sigma 1 weights:", np.array2string(w1, formatter={"float_kind": lambda v: f"{v:.4f}"}))
plot_kernel(w1, fmt=".3f")

# %% [markdown]
# ## 3. How long is the kernel? `truncate` and the radius rule
#
# The bell never reaches zero, so the kernel must stop somewhere. SciPy keeps the offsets up to a **radius**
# of `truncate` standard deviations, rounded:
#
# ```python
# radius = int(truncate * sigma + 0.5)      # SciPy's rule, truncate = 4.0 by default
# size = 2 * radius + 1                     # the centre plus radius on each side
# ```

# %%
predict(
    "With SciPy's defaults (truncate = 4), how many weights does the 1-D kernel for sigma = 2.5 have?",
    options=["3 (the usual small blur kernel)", "5 (two sigma, rounded)", "17", "21"],
    answer="21",
    explanation="The radius is int(4 × 2.5 + 0.5) = int(10.5) = 10, so the offsets run from -10 to 10: "
                "2 × 10 + 1 = 21 weights. A 3-weight (3×3) kernel is what many tutorials show for 'a Gaussian "
                "blur', but at sigma 2.5 it would cut the bell at less than half a sigma; 5 mixes up sigma "
                "with the size; 17 is OpenCV's choice for a uint8 image (about ±3 sigma, section 4).",
    key="nb03-size-sigma",
)

# %%
print(f"{'sigma':>6} {'truncate*sigma':>15} {'radius':>7} {'size':>5}   size of gaussian_kernel1d")
for s in (0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 3.0, 5.0):
    r = kernel_radius(s)
    print(f"{s:>6} {4.0 * s:>15.1f} {r:>7} {2 * r + 1:>5}   {gaussian_kernel1d(s).size:>5}")

# %% [markdown]
# A smaller `truncate` gives a shorter kernel (faster, less accurate); the weights are renormalised over
# whatever is kept, so they still sum to 1.

# %%
for t in (1.0, 2.0, 3.0, 4.0):
    w = gaussian_kernel1d(2.0, truncate=t)
    print(f"sigma 2, truncate {t}: radius {kernel_radius(2.0, truncate=t)}, {w.size:>2} weights, "
          f"sum {w.sum():.6f}, centre {w[w.size // 2]:.4f}")

# %% [markdown]
# ### The exact halves: "round" is not `int(x + 0.5)`
#
# SciPy's documentation says the radius is `round(truncate * sigma)`. The code computes
# `int(truncate * sigma + 0.5)`. Are these always the same? Test the case where `truncate * sigma` is
# exactly halfway between two integers.

# %%
predict(
    "sigma = 1.125 and truncate = 4, so truncate × sigma = 4.5 exactly. What radius does SciPy use?",
    options=["4", "5"],
    answer="5",
    explanation="SciPy computes int(4.5 + 0.5) = int(5.0) = 5. Python's round(4.5) gives 4 (ties go to the "
                "even neighbour), so following the documentation word for word gives a kernel two weights "
                "shorter than SciPy's.",
    key="nb03-half",
)

# %%
s_half = 1.125
print(f"truncate * sigma = {4.0 * s_half}")
print(f"round(4.5)       = {round(4.0 * s_half)}   (Python rounds halves to even)")
print(f"int(4.5 + 0.5)   = {int(4.0 * s_half + 0.5)}   (SciPy's code)")
print(f"kernel_radius(1.125) = {kernel_radius(s_half)}")
# What SciPy really does: filter a single bright pixel and count the pixels it reaches.
response = ndimage.gaussian_filter1d(impulse((31,)), s_half, mode="constant")
reached = np.flatnonzero(response)
print(f"SciPy spreads an impulse over {reached.size} pixels: radius {reached.size // 2}")

# %% [markdown]
# The two rules agree except when `truncate * sigma` ends in exactly .5: Python's `round` rounds halves to
# the nearest **even** number, `int(x + 0.5)` always rounds them **up**. SciPy's code, not its documentation,
# decides, and the impulse shows what the code does.
#
# ## 4. Kernel-size conventions across libraries
#
# "A Gaussian blur with sigma 2" is not the same operation everywhere: each library picks its own kernel
# size (and its own border handling, notebook 06).
#
# - **SciPy** (`scipy.ndimage.gaussian_filter`): radius `int(truncate * sigma + 0.5)`, truncate 4.
# - **scikit-image** (`skimage.filters.gaussian`): calls SciPy with `truncate = 4`, so the same size (but it
#   converts integer images to float first and uses border mode `'nearest'`).
# - **OpenCV** (`cv2.GaussianBlur` with `ksize=(0, 0)`): derives the size from sigma itself, about ±4 σ for
#   float images but only about ±3 σ for uint8 images, and always an odd size.

# %%
for library, info in kernel_size_conventions(1.0).items():
    print(f"{library:<15} {info['rule']}")
print()
libraries = list(kernel_size_conventions(1.0))
print(f"{'sigma':>6} | " + " | ".join(f"{name:>14}" for name in libraries) + "   (kernel size)")
for s in (0.5, 1.0, 1.125, 1.5, 2.0, 3.0, 5.0):
    table = kernel_size_conventions(s)
    print(f"{s:>6} | " + " | ".join(f"{table[name]['size']:>14}" for name in libraries))

# %% [markdown]
# ## 5. Gaussian weights vs box weights
#
# The simplest blur, the **box** (moving average), gives every neighbour the same weight. The Gaussian gives
# the nearest neighbours the most weight and fades out smoothly. A box of size n has standard deviation
# √((n² − 1)/12), so a 5-wide box (std √2 ≈ 1.41) is compared with a Gaussian of the same std:

# %%
box5 = box_kernel1d(5)
sigma_box = np.sqrt((5 ** 2 - 1) / 12)
gauss_same_std = gaussian_kernel1d(sigma_box)
print(f"box of 5: weights {np.array2string(box5, precision=3)}, std {sigma_box:.4f}")
print(f"Gaussian with sigma {sigma_box:.4f}: {gauss_same_std.size} weights")
pad = (gauss_same_std.size - box5.size) // 2
plot_profiles({"box, 5 weights": np.pad(box5, pad),
               f"Gaussian, sigma {sigma_box:.2f}": gauss_same_std},
              xlabel="kernel index", ylabel="weight", title="box and Gaussian weights with the same std")

# %% [markdown]
# The box's hard edges have a price: in frequency terms it lets some fine detail through with its sign
# flipped (notebook 09). The Gaussian's response only fades, smoothly, as the detail gets finer (cutting the
# kernel at 4 sigma leaves ripples far too small to see), which is one reason it is the default blur.
#
# ## 6. The 2-D kernel
#
# For images we need weights on a 2-D grid of offsets (dy, dx). The 2-D Gaussian is the product of two 1-D
# Gaussians, `g(dy) * g(dx)`, so the 2-D kernel is the **outer product** of the 1-D kernel with itself.
# Here it is for sigma 0.8 (radius 3, a 7×7 kernel), each weight written in its cell:

# %%
k1 = gaussian_kernel1d(0.8)
k2 = gaussian_kernel2d(0.8)
print(f"shape {k2.shape}, sum {k2.sum():.6f}")
print(f"equal to np.outer(k1, k1): {np.allclose(k2, np.outer(k1, k1), rtol=0, atol=1e-15)}")
print(f"centre weight {k2[3, 3]:.4f}, corner weight {k2[0, 0]:.2e}")
plot_kernel(k2, fmt=".3f")

# %% [markdown]
# Most of the weight sits in the centre 3×3 block and the outer ring carries very little (the next cell
# prints both shares). This factorisation is
# also what makes Gaussian filtering fast (notebook 07): one 1-D pass along the rows and one along the
# columns give the same result as the 2-D kernel.

# %%
centre_block = k2[2:5, 2:5].sum()
outer_ring = k2.sum() - k2[1:6, 1:6].sum()
print(f"weight in the central 3x3 block: {centre_block:.3f}; in the outer ring of the 7x7: {outer_ring:.4f}")

# %% [markdown]
# ## 7. A kernel calculator
#
# Edit `sigma` and `truncate` in the call at the bottom of the next cell and run it (Shift+Enter). It prints
# what SciPy would use. Try sigma 0.4, 1.125, 2.5 and truncate 2, 3, 4.

# %%
def describe_kernel(sigma, truncate=4.0):
    """Print the radius, the size, the weights and their sum of SciPy's 1-D Gaussian kernel."""
    r = kernel_radius(sigma, truncate=truncate)
    w = gaussian_kernel1d(sigma, truncate=truncate)
    print(f"sigma {sigma}, truncate {truncate}: radius int({truncate} * {sigma} + 0.5) = {r}, size {w.size}")
    print("  weights", np.array2string(w, formatter={"float_kind": lambda v: f"{v:.4f}"}, max_line_width=100))
    print(f"  sum {w.sum():.6f}, centre weight {w[r]:.4f}, end weights {w[0]:.2e}")
    print(f"  2-D kernel: {w.size} x {w.size} = {w.size ** 2} weights")


describe_kernel(sigma=1.5, truncate=4.0)

# %% [markdown]
# ## 8. Checking against SciPy: filter an impulse
#
# How do we know these are the weights SciPy really uses? Filter an **impulse** (a single 1 among zeros):
# every output pixel is then exactly one weight, so the output *is* the kernel.

# %%
for s in (0.5, 1.0, 1.125, 2.0, 3.7):
    w = gaussian_kernel1d(s)
    r = w.size // 2
    n = 2 * r + 11
    out = ndimage.gaussian_filter1d(impulse((n,)), s, mode="constant")
    centre = n // 2
    same_support = np.count_nonzero(out) == w.size
    max_diff = np.abs(out[centre - r:centre + r + 1] - w).max()
    print(f"sigma {s}: SciPy reaches {np.count_nonzero(out):>2} pixels, kernel has {w.size:>2}; "
          f"max |difference| < 1e-15: {same_support and max_diff < 1e-15}")

# %% [markdown]
# The same check in 2-D: `gaussian_filter` on a 2-D impulse gives the 2-D kernel.

# %%
out2 = ndimage.gaussian_filter(impulse((15, 15)), 1.0, mode="constant")
k = gaussian_kernel2d(1.0)
print(f"2-D impulse response equals gaussian_kernel2d(1.0) (max |difference| < 1e-15): "
      f"{np.abs(out2[3:12, 3:12] - k).max() < 1e-15}; sum of the response {out2.sum():.6f}")

# %% [markdown]
# ## Key points
#
# - A Gaussian kernel is the bell curve sampled at integer offsets, then divided by the sum of the samples so
#   that the weights add up to exactly 1 (otherwise the blur changes the brightness).
# - The sampled density does not sum to 1 at small sigma: normalising by the sum, not by √(2π)σ, is what
#   keeps the brightness.
# - SciPy's radius is `int(truncate * sigma + 0.5)` (truncate = 4), the size `2 * radius + 1`: 9 weights at
#   sigma 1. At exact halves this differs from `round` (sigma 1.125: radius 5, not 4).
# - scikit-image uses SciPy's size; OpenCV picks its own (smaller for uint8 images).
# - The 2-D kernel is the outer product of two 1-D kernels; an impulse response shows the kernel a library
#   really uses.
#
# **Exercise:** [Exercise 3: build the kernel](../exercises/ex03_kernel.ipynb). **Next:**
# [04 · Filtering](04_filtering.ipynb).
