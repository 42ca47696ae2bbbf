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
# - What does the kernel have to do with the normal distribution, and what does blurring twice amount to?
#
# **Objectives**
# - Sample the Gaussian at integer offsets and normalise the samples so that they sum to 1.
# - Compute the kernel radius and size SciPy uses for a given sigma and `truncate`.
# - Explain where SciPy, scikit-image and OpenCV choose different kernel sizes for the same sigma.
# - Build a 2-D Gaussian kernel as the outer product of two 1-D kernels.
# - Check a hand-made kernel against the one SciPy really uses, by filtering an impulse.
# - Compute the mean and variance of a kernel, and predict the sigma of two blurs applied one after the other.
#
# **Time:** about 50 minutes.
#
# **Prerequisites:** [01 · Pixel grids](01_pixel_grids.ipynb), [02 · Noise](02_noise.ipynb) (why we average
# neighbours); the function `exp`.

# %%
import math

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
from gausslearn.plotting import plot_curves, plot_kernel
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
            title="the Gaussian density for three sigmas",
            alt="Three bell curves centred on 0, for sigma 0.5, 1 and 2: the smaller sigma, the narrower and the "
                "taller the bell (peaks 0.80, 0.40 and 0.20); each encloses the same area.")

# %% [markdown]
# How fast does it fall? The share of the area within ±k σ of the centre has a closed form,
# `erf(k / √2)`, where `erf` is the *error function* (`math.erf` in Python); it does not depend on σ.

# %%
for k in (1, 2, 3, 4):
    inside = math.erf(k / math.sqrt(2))
    print(f"within ±{k} sigma: {inside:.5f} of the area, outside: {1 - inside:.1e}")

# %% [markdown]
# About 68 % of the area lies within one σ of the centre, 95 % within two; beyond 4 σ less than a
# ten-thousandth is left.
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
# The samples nearly sum to 1 here, but not exactly. Does that hold for every σ?

# %%
predict(
    "We sample the Gaussian density with sigma = 0.3 at the integer offsets (-1, 0, 1, ...). What do the "
    "samples add up to?",
    options={
        "exactly 1": "it is a probability density, and its area is exactly 1",
        "a little less than 1": "at sigma 1 the sum above was a little less than 1",
        "clearly less than 1": "a bell narrower than a pixel falls mostly between the samples and is missed",
        "clearly more than 1": "a narrow bell is tall: its one sample at 0 is above 1 already",
    },
    answer="clearly more than 1",
    explanation="The area under the curve is 1, but a sum of samples is only an approximation of the area. At "
                "sigma = 0.3 the bell is narrower than one pixel: the single sample at 0, 1/(√(2π)·0.3), is "
                "already above 1, and the samples at ±1 add a little more. The sampled sum only approaches 1 "
                "once sigma is about 1 pixel or more, and the truncation at ±4 sigma always loses a little.",
    key="nb03-sampled-sum",
)

# %% [markdown]
# `sampled_sum(sigma)` adds up the samples of the density over the offsets the kernel uses (section 3 says how
# far they reach):

# %% tags=["hide-output"]
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
    print(f"sigma {s:>3}: sum = {w.sum():.6f}, centre weight = {w[w.size // 2]:.4f}")

# %% [markdown]
# The weights for σ = 1, each written on its bar. The outermost ones are small but not zero: the bell never
# reaches zero.

# %%
w1 = gaussian_kernel1d(1.0)
print("sigma 1 weights:", np.array2string(w1, formatter={"float_kind": lambda v: f"{v:.2e}"}))
plot_kernel(w1, alt="Bar chart of the 9 weights for sigma 1 at the offsets -4 to 4, each written on its bar: "
                    + ", ".join(f"{v:#.3g}" for v in w1[4:]) + " from the centre outwards, the same on both sides. "
                    "The outermost bars are too small to see, but their labels are not zero.")

# %% [markdown]
# ## 3. How long is the kernel? `truncate` and the radius rule
#
# Since the bell never reaches zero, the kernel must stop somewhere. Where does SciPy stop?

# %%
predict(
    "With SciPy's default settings, how many weights does the 1-D Gaussian kernel for sigma = 2.5 have?",
    options={
        "3": "the 3×3 kernel that most tutorials show for 'a Gaussian blur'",
        "17": "OpenCV's automatic size for an 8-bit image at this sigma",
        "20": "SciPy reaches 4 sigma = 10 pixels to each side: 10 + 10",
        "21": "10 pixels to each side of the centre, plus the centre itself",
    },
    answer="21",
    explanation="SciPy keeps the offsets up to truncate × sigma pixels from the centre, with truncate = 4 by "
                "default: the radius is int(4 × 2.5 + 0.5) = int(10.5) = 10, so the offsets run from -10 to "
                "10: 2 × 10 + 1 = 21 weights. A 3-weight (3×3) kernel is what many tutorials show for 'a "
                "Gaussian blur', but at sigma 2.5 it would cut the bell at less than half a sigma; 20 forgets "
                "the centre; 17 is OpenCV's choice for a uint8 image (about ±3 sigma, section 4).",
    key="nb03-size-sigma",
)

# %% [markdown]
# SciPy keeps the offsets up to a **radius** of `truncate` standard deviations (4 by default), rounded:
#
# ```python
# radius = int(truncate * sigma + 0.5)      # SciPy's rule, truncate = 4.0 by default
# size = 2 * radius + 1                     # the centre plus radius on each side
# ```

# %% tags=["hide-output"]
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
# ### Exact halves: `round` or `int(x + 0.5)`?
#
# SciPy's documentation says the radius is `round(truncate * sigma)`. The code computes
# `int(truncate * sigma + 0.5)`. Are these always the same? Test the case where `truncate * sigma` is
# exactly halfway between two integers.

# %%
predict(
    "sigma = 1.125 and truncate = 4, so truncate × sigma = 4.5 exactly. What radius does SciPy use?",
    options={
        "4": "the documentation says round(truncate * sigma), and round(4.5) in Python is 4",
        "5": "the code adds 0.5 and drops the fraction: int(4.5 + 0.5) = int(5.0) = 5",
        "it depends on the machine": "decimal fractions are often inexact in binary, so 4.5 might be stored "
                                     "as 4.4999...",
    },
    answer="5",
    explanation="SciPy computes int(4.5 + 0.5) = int(5.0) = 5. Python's round(4.5) gives 4 (ties go to the "
                "even neighbour), so following the documentation word for word gives a kernel two weights "
                "shorter than SciPy's. Nothing depends on the machine: 1.125 = 9/8 and 4.5 are exact in "
                "binary floating point.",
    key="nb03-half",
)

# %% tags=["hide-output"]
s_half = 1.125
print(f"truncate * sigma = {4.0 * s_half}, stored exactly: {4.0 * s_half == 9 / 2}")
print(f"round(4.5)       = {round(4.0 * s_half)}   (Python rounds halves to even)")
print(f"int(4.5 + 0.5)   = {int(4.0 * s_half + 0.5)}   (SciPy's code)")
print(f"kernel_radius(1.125) = {kernel_radius(s_half)}")
# What SciPy really does: filter a single bright pixel and count the pixels it reaches.
response = ndimage.gaussian_filter1d(impulse((31,)), s_half)
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
#   converts integer images to float first and handles the border differently by default, notebook 06).
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
# the nearest neighbours the most weight and fades out smoothly. To compare them fairly, give both the same
# spread: the standard deviation of the weights around the centre, √(Σ x² w(x)) over the offsets x (for the
# Gaussian kernel that is σ, section 8). A box of size n has standard deviation √((n² − 1)/12), so a 5-wide
# box (std √2 ≈ 1.41) is compared with a Gaussian of the same std:

# %%
box5 = box_kernel1d(5)
sigma_box = np.sqrt((5 ** 2 - 1) / 12)
gauss_same_std = gaussian_kernel1d(sigma_box)
box_offsets = np.arange(5) - 2
print(f"box of 5: weights {np.array2string(box5, precision=3)}, std sqrt((5^2 - 1)/12) = {sigma_box:.4f}, "
      f"from the weights sqrt(sum x^2 w) = {np.sqrt(np.sum(box_offsets ** 2 * box5)):.4f}")
print(f"Gaussian with sigma {sigma_box:.4f}: {gauss_same_std.size} weights")
pad = (gauss_same_std.size - box5.size) // 2
plot_curves(np.arange(gauss_same_std.size) - gauss_same_std.size // 2,
            {"box, 5 weights": np.pad(box5, pad), f"Gaussian, sigma {sigma_box:.2f}": gauss_same_std},
            "offset from the centre (pixels)", "weight", title="box and Gaussian weights with the same std",
            alt=f"Two kernels with the same standard deviation {sigma_box:.2f}: the box is flat at 0.2 from offset -2 "
                f"to 2 and zero elsewhere; the Gaussian is a bell peaking at {gauss_same_std.max():.2f} in the "
                f"centre and fading out towards offsets -{gauss_same_std.size // 2} and {gauss_same_std.size // 2}.")

# %% [markdown]
# The box's hard edges have a price: in frequency terms it lets some fine detail through with its sign
# flipped (notebook 10). The Gaussian's response only fades, smoothly, as the detail gets finer (cutting the
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
print(f"weight in the central 3x3 block: {k2[2:5, 2:5].sum():.3f}; "
      f"in the outer ring of the 7x7: {k2.sum() - k2[1:6, 1:6].sum():.4f}")
plot_kernel(k2, alt=f"The 7 by 7 kernel for sigma 0.8 as a grid of coloured cells, each with its weight written in: "
                    f"{k2[3, 3]:#.3g} in the centre, {k2[3, 4]:#.3g} beside it, {k2[2, 2]:#.3g} on the "
                    f"diagonal, down to {k2[0, 0]:.3g} in the corners.")

# %% [markdown]
# Most of the weight sits in the centre 3×3 block and the outer ring carries very little. This factorisation
# is also what makes Gaussian filtering fast (notebook 07): one 1-D pass along the rows and one along the
# columns give the same result as the 2-D kernel.
#
# ## 7. Checking against SciPy: filter an impulse
#
# How do we know these are the weights SciPy really uses? Filter an **impulse** (a single 1 among zeros):
# every output pixel is then exactly one weight, so the output *is* the kernel. (The impulse sits more than
# a kernel radius away from the ends of the array, so what a filter does beyond the ends, the topic of
# notebook 06, plays no part.) `gaussian_filter1d` filters a 1-D array, `gaussian_filter` a 2-D one.

# %%
for s in (0.5, 1.0, 1.125, 2.0, 3.7):
    w = gaussian_kernel1d(s)
    r = w.size // 2
    n = 2 * r + 11
    out = ndimage.gaussian_filter1d(impulse((n,)), s)
    centre = n // 2
    same_support = np.count_nonzero(out) == w.size
    max_diff = np.abs(out[centre - r:centre + r + 1] - w).max()
    print(f"1-D, sigma {s}: SciPy reaches {np.count_nonzero(out):>2} pixels, kernel has {w.size:>2}; "
          f"max |difference| < 1e-15: {same_support and max_diff < 1e-15}")
out2 = ndimage.gaussian_filter(impulse((15, 15)), 1.0)
print(f"2-D, sigma 1: impulse response equals gaussian_kernel2d(1.0) (max |difference| < 1e-15): "
      f"{np.abs(out2[3:12, 3:12] - gaussian_kernel2d(1.0)).max() < 1e-15}; sum of the response {out2.sum():.6f}")

# %% [markdown]
# ## 8. The link to the normal distribution
#
# The kernel is the normal density, sampled and divided by its sum. So it is itself a probability
# distribution over the offsets x: weights w(x) that are non-negative and sum to 1. Like the density it was
# sampled from, it has a **mean** Σ x w(x) and a **variance** Σ x² w(x), the square of its standard
# deviation. The density has mean 0 and variance σ². Does the kernel?

# %%
print(f"{'sigma':>5} {'truncate':>8} {'kernel = density / sum':>23} {'sum':>9} {'|mean| < 1e-12':>15} "
      f"{'variance':>11} {'sigma^2':>8}")
for s in (0.5, 1.0, 2.0):
    for t in (4.0, 8.0):
        kernel = gaussian_kernel1d(s, truncate=t)
        x = np.arange(kernel.size) - kernel.size // 2
        density = gaussian(x, s)
        same = np.abs(kernel - density / density.sum()).max() < 1e-15
        mean = np.sum(x * kernel)
        print(f"{s:>5} {t:>8} {str(same):>23} {kernel.sum():>9.6f} {str(abs(mean) < 1e-12):>15} "
              f"{np.sum(x ** 2 * kernel):>11.6f} {s * s:>8g}")

# %% [markdown]
# The mean is 0: the kernel is symmetric. With the default `truncate = 4`, the variance falls a hair short
# of σ² at sigma 1 and 2, and with `truncate = 8` the gap is gone: it was the tails beyond 4σ, cut off. At
# sigma 0.5 the variance stays short at any truncate: there the bell is so narrow that sampling it at whole
# pixels changes its shape (section 2).
#
# Blurring therefore has a probabilistic reading. The blurred value at a pixel is a weighted average of its
# neighbours with weights that are probabilities: the **expected** value of the image at a position displaced
# at random, with a normally distributed displacement of standard deviation σ. What does that say about
# blurring twice?

# %%
predict(
    "You blur an image with sigma 3, then blur the result with sigma 4. Which single blur gives the same "
    "result?",
    options={
        "sigma 7": "two widths in a row look like they add: 3 + 4",
        "sigma 5": "two independent normal displacements: their variances add, 9 + 16 = 25 = 5²",
        "sigma 12": "the second blur widens the first one by its own factor: 3 × 4",
        "sigma 4": "the wider blur hides the narrower one",
    },
    answer="sigma 5",
    explanation="Each blur adds an independent normal displacement. For independent random displacements the "
                "variances add, 9 + 16 = 25, so the combined standard deviation is √25 = 5. This is the "
                "semigroup property of the Gaussian, and why a scale space can be built by blurring the "
                "previous level a little more.",
    key="nb03-variances",
)

# %% [markdown]
# Check it on kernels. As in section 7, blurring an impulse gives the kernel; blurring it with sigma 3 and
# then with sigma 4 gives the kernel of the two blurs in a row. Compare it with the kernels of sigma 5 and 7.

# %% tags=["hide-output"]
spike = impulse((121,))  # 60 samples on each side: farther than the two blurs together reach (12 + 16)
offsets_121 = np.arange(121) - 60
twice = ndimage.gaussian_filter1d(ndimage.gaussian_filter1d(spike, 3.0), 4.0)
print(f"blur 3 then 4: sum {twice.sum():.6f}, variance {np.sum(offsets_121 ** 2 * twice):.4f} "
      f"(3^2 + 4^2 = {3 ** 2 + 4 ** 2})")
for label, single in (("sigma 5 = sqrt(3^2 + 4^2)", 5.0), ("sigma 7 = 3 + 4", 7.0)):
    gap = np.abs(twice - ndimage.gaussian_filter1d(spike, single)).max()
    print(f"vs one blur with {label:26s}: max |difference| {gap:.1e} (peak {twice.max():.4f})")
window = slice(30, 91)  # offsets -30..30
plot_curves(offsets_121[window], {"blur 3, then 4": twice[window],
                                  "one blur, sigma 5": ndimage.gaussian_filter1d(spike, 5.0)[window],
                                  "one blur, sigma 7": ndimage.gaussian_filter1d(spike, 7.0)[window]},
            "offset from the impulse (pixels)", "weight",
            title="blur 3, then 4: the same curve as one blur with sigma 5",
            alt="Three bell curves over the offsets -30 to 30. Blurring the impulse with sigma 3 and then 4 and "
                "blurring it once with sigma 5 give the same bell, so the first curve lies hidden under the "
                "second; one blur with sigma 7 gives a clearly wider and lower bell.")

# %% [markdown]
# Blurring twice adds two independent displacements, and for independent random variables **variances add**:
#
# $$G_{\sigma_2} * (G_{\sigma_1} * I) = G_{\sqrt{\sigma_1^2 + \sigma_2^2}} * I$$
#
# (read `G_σ * I` as "the image I blurred with sigma σ"). The two-step kernel matches sigma 5 to about 10⁻⁵,
# what sampling and cutting the kernels at 4σ leave; sigma 7 is clearly wider. Variances add for *any*
# independent displacements, not only normal ones: notebook 07 uses this to find the spread of a box blur
# applied several times. That the *shape* of many such blurs in a row tends to a Gaussian is a separate fact,
# the central limit theorem.

# %% [markdown]
# ## Key points
#
# - A Gaussian kernel is the bell curve sampled at integer offsets, then divided by the sum of the samples so
#   that the weights add up to exactly 1 (otherwise the blur changes the brightness).
# - The sampled density does not sum to 1 at small sigma: normalising by the sum, not by √(2π)σ, is what
#   keeps the brightness.
# - SciPy's radius is `int(truncate * sigma + 0.5)` (truncate = 4), the size `2 * radius + 1`: 9 weights at
#   sigma 1, 21 at sigma 2.5. At exact halves this differs from `round` (sigma 1.125: radius 5, not 4).
# - scikit-image uses SciPy's size; OpenCV picks its own (smaller for uint8 images).
# - The 2-D kernel is the outer product of two 1-D kernels; an impulse response shows the kernel a library
#   really uses.
# - The kernel is a sampled normal distribution: mean 0, variance σ² (a hair less: the cut tails, and below
#   sigma 1 the sampling). A
#   blur averages over normally distributed displacements, so two blurs in a row add their variances:
#   sigma 3 then 4 equals one blur with sigma √(9 + 16) = 5.
#
# **Exercise:** [Exercise 3: build the kernel](../exercises/ex03_kernel.ipynb). **Next:**
# [04 · Filtering](04_filtering.ipynb).
