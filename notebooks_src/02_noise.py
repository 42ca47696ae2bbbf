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
# # 02 · Noise, and how to measure it
#
# **Questions**
# - What does noise look like in an image, and where does it come from?
# - How can I put a number on how much an image has been damaged?
# - Why does averaging neighbouring pixels reduce noise, and by how much?
#
# **Objectives**
# - Add Gaussian, Poisson (shot) and salt-and-pepper noise to an image with a fixed seed and describe how
#   each one looks and what values it produces.
# - Compute MSE and PSNR by hand and with `gausslearn.metrics`, on float and on uint8 images.
# - Compare images with SSIM and say what it captures that PSNR does not.
# - Derive how much an average of N noisy values, and a Gaussian-weighted average, shrinks the noise, and
#   check the result numerically.
# - Tell the noise sigma (a grey-level spread) from the filter sigma (a width in pixels).
#
# **Time:** about 45 minutes.
#
# **Prerequisites:** [01 · Pixel grids](01_pixel_grids.ipynb) (dtypes, `to_float`); the mean and the standard
# deviation of a list of numbers.

# %%
import numpy as np
from scipy import ndimage

from gausslearn.dtypes import to_uint8
from gausslearn.images import sample
from gausslearn.kernels import gaussian_kernel1d, gaussian_kernel2d, kernel_radius
from gausslearn.metrics import best_sigma, mse, psnr, ssim
from gausslearn.noise import gaussian_noise, poisson_noise, salt_and_pepper
from gausslearn.plotting import plot_histogram, show_images
from gausslearn.widgets import predict

# %% [markdown]
# We work with a 256×256 version of the camera photograph (every second row and column), as floats in
# [0, 1], so that "noise of 0.1" means a tenth of the range from black to white.

# %%
clean = sample("camera")[::2, ::2]
print(f"clean: shape {clean.shape}, dtype {clean.dtype}, values {clean.min():.3f}..{clean.max():.3f}")

# %% [markdown]
# ## 1. Three kinds of noise
#
# | noise | model | where it comes from |
# | --- | --- | --- |
# | **Gaussian** | every pixel gets `+ N(0, std²)`, independent of its value | sensor electronics (read noise), heat |
# | **Poisson** (shot) | the pixel counts photons: `Poisson(value × peak) / peak` | the light itself: fewer photons, more noise |
# | **salt and pepper** | a fraction of pixels is replaced by pure white or pure black | dead or stuck pixels, transmission errors |
#
# `N(0, std²)` is the normal (Gaussian) distribution with mean 0 and standard deviation `std`; `peak` is the
# number of photons a white pixel collects on average. All three functions in `gausslearn.noise` need an
# explicit `rng` (a seed): the same seed gives the same noise, so these numbers are the same every time you
# run the notebook.

# %%
noisy_gauss = gaussian_noise(clean, 0.1, rng=0)
noisy_poisson = poisson_noise(clean, peak=30, rng=0)
noisy_sp = salt_and_pepper(clean, 0.05, rng=0)
show_images([clean, noisy_gauss, noisy_poisson, noisy_sp],
            ["clean", "Gaussian, std 0.1", "Poisson, peak 30 photons", "salt and pepper, 5 %"], ncols=4,
            alt="Four panels of the camera photograph: clean; with Gaussian noise, a fine grain of equal strength "
                "everywhere; with Poisson noise, a grain that is strong in the bright sky and weak in the dark "
                "coat; and with salt and pepper, scattered pure white and pure black dots on an otherwise "
                "clean picture.")

# %% [markdown]
# Look at the values each one produces, not only at the pictures. The **noise** is what was added:
# noisy minus clean.

# %%
noise_of = {"Gaussian, std 0.1": noisy_gauss - clean, "Poisson, peak 30": noisy_poisson - clean,
            "salt and pepper, 5 %": noisy_sp - clean}
for name, noise_values in noise_of.items():
    print(f"{name:<21} noise from {noise_values.min():+.3f} to {noise_values.max():+.3f}, "
          f"std {noise_values.std():.4f}, exactly 0 in {np.mean(noise_values == 0):.1%} of pixels")

print("Gaussian: noisy values outside [0, 1] in "
      f"{np.mean((noisy_gauss < 0) | (noisy_gauss > 1)):.1%} of pixels")
print("Poisson: the noise std grows with the brightness")
for lo, hi in ((0.0, 0.2), (0.4, 0.6), (0.8, 1.0)):
    region = (clean >= lo) & (clean < hi)
    measured = (noisy_poisson - clean)[region].std()
    predicted = np.sqrt(clean[region] / 30).mean()
    print(f"  clean in [{lo:.1f}, {hi:.1f}): noise std {measured:.3f} (model sqrt(value/peak) ~ {predicted:.3f})")
hit = noisy_sp != clean
print(f"salt and pepper: of the changed pixels {np.mean(noisy_sp[hit] == 1.0):.1%} white, "
      f"{np.mean(noisy_sp[hit] == 0.0):.1%} black; jumps larger than 0.5: "
      f"{np.mean(np.abs(noise_of['salt and pepper, 5 %']) > 0.5):.1%} of all pixels")

# %% [markdown]
# A **histogram** of the noise counts how many pixels fall in each small interval (a *bin*) of noise values.
# The bins below are 0.02 wide, cover every value from the most negative to the most positive (salt and
# pepper reaches ±1), and one bin is centred on 0, so the pixels that salt and pepper left exactly alone land
# in that one bin. The count axis is logarithmic: each grid line is ten times the one below, so a bin holding
# 95 % of the pixels and bins holding 0.01 % are both visible.

# %%
plot_histogram(noise_of, bin_width=0.02, log=True, xlabel="noise = noisy - clean",
               title="histograms of the noise",
               alt="Histograms of the three noises on a logarithmic axis, noise values from -1 to 1. Gaussian: a "
                   "narrow bell, shaped like an upside-down parabola, within -0.45 to 0.47. Poisson: a wider bell "
                   "whose right side reaches 0.84. Salt and pepper: a spike at 0 holding 95 % of the pixels, and "
                   "a low, bumpy spread of jumps all the way to -1 and +1.")

# %% [markdown]
# Three characters:
#
# - **Gaussian**: a bell centred on 0. On a log axis a bell is an upside-down parabola: it falls ever faster,
#   and no value lies beyond about ±0.5 (five standard deviations).
# - **Poisson**: also centred on 0, but made of narrow bells for the dark pixels and wide ones for the bright
#   pixels, so its sides fall more slowly and reach further, most of all to the right (to +0.84 here).
# - **salt and pepper**: a spike at 0 holding 95 % of the pixels (left alone), and a thin spread of jumps over
#   the whole range from -1 to +1. A white pixel replacing a grey value v jumps by 1 - v, a black one by -v, so
#   the spread has the bumps of the photograph's own grey levels, once mirrored (black) and once shifted (white).

# %% [markdown]
# ## 2. Measuring damage: MSE and PSNR
#
# The **mean squared error** averages the squared differences:
#
# $$\mathrm{MSE}(a, b) = \frac{1}{N} \sum_i (a_i - b_i)^2$$
#
# The **peak signal-to-noise ratio** compares it with the largest possible value (the *data range*, 1 for
# float images, 255 for uint8), in decibels:
#
# $$\mathrm{PSNR} = 10 \log_{10} \frac{\text{data range}^2}{\mathrm{MSE}}$$
#
# Higher PSNR is better. Halving every error divides the MSE by 4, which adds 10 log₁₀ 4 ≈ 6 dB. Written out
# in NumPy, then with `gausslearn.metrics`:

# %%
mse_by_hand = np.mean((noisy_gauss - clean) ** 2)
psnr_by_hand = 10 * np.log10(1.0 ** 2 / mse_by_hand)
print(f"by hand:            MSE {mse_by_hand:.5f}, PSNR {psnr_by_hand:.2f} dB")
print(f"gausslearn.metrics: MSE {mse(clean, noisy_gauss):.5f}, PSNR {psnr(clean, noisy_gauss):.2f} dB")
print(f"for Gaussian noise MSE ~ std**2 = {0.1 ** 2:.5f}, so PSNR ~ {10 * np.log10(1 / 0.1 ** 2):.2f} dB")
print(f"errors halved: PSNR + {10 * np.log10(4):.2f} dB")

# %% [markdown]
# ### Images stored as uint8
#
# Images loaded from files are uint8, and uint8 arithmetic wraps around (notebook 01). Let us store the clean
# and the noisy image as uint8, the way they would come from PNG files.

# %%
clean_u8 = to_uint8(clean)
noisy_u8 = to_uint8(noisy_gauss)
print(f"clean_u8 {clean_u8.dtype}, noisy_u8 {noisy_u8.dtype}; first pixels:")
print("  clean_u8[0, :6] =", clean_u8[0, :6])
print("  noisy_u8[0, :6] =", noisy_u8[0, :6])

# %%
predict(
    "A noise std of 0.1 is about 25 grey levels, so the MSE in grey levels should be a few hundred. What "
    "does np.mean((noisy_u8 - clean_u8) ** 2) give, computed directly on the uint8 arrays?",
    options={
        "the true MSE": "np.mean returns a float, so the result looks as if it had been computed in float",
        "a number much smaller than the true MSE": "every uint8 result is squeezed into 0..255, squares included",
        "a number much larger than the true MSE": "a negative difference wraps to a large number such as 236, "
                                                  "whose square is huge",
        "an OverflowError": "a square such as 400 does not fit in a uint8, and Python would object",
    },
    answer="a number much smaller than the true MSE",
    explanation="Both the subtraction and the square are computed in uint8, modulo 256: a difference of -20 "
                "becomes 236, and its square 55696 becomes 55696 mod 256 = 144 instead of 400. Every squared "
                "error is squeezed into 0..255, so the mean is far too small, and NumPy raises no error. "
                "Casting after the subtraction, (a - b).astype(float) ** 2, is wrong the other way: 236 ** 2 "
                "is far too large.",
    key="nb02-uint8-mse",
)

# %% tags=["hide-output"]
diff_u8 = noisy_u8 - clean_u8
print("noisy_u8 - clean_u8, first pixels:", diff_u8[0, :6], "(dtype", diff_u8.dtype, ")")
print(f"np.mean((noisy_u8 - clean_u8) ** 2)              = {np.mean(diff_u8 ** 2):10.1f}  (squares wrapped)")
print(f"np.mean((noisy_u8 - clean_u8).astype(float)**2)  = {np.mean(diff_u8.astype(float) ** 2):10.1f}"
      "  (differences wrapped)")
print(f"np.mean((noisy_u8.astype(float) - clean_u8)**2)  = "
      f"{np.mean((noisy_u8.astype(float) - clean_u8) ** 2):10.1f}  (right: cast first)")
print(f"gausslearn.metrics.mse(clean_u8, noisy_u8)        = {mse(clean_u8, noisy_u8):10.1f}  (casts to float64)")
print(f"PSNR with data range 255: {psnr(clean_u8, noisy_u8):.2f} dB "
      f"(the float images gave {psnr(clean, noisy_gauss, data_range=1.0):.2f} dB; the difference comes from "
      "rounding and from clipping to [0, 1])")

# %% [markdown]
# ## 3. SSIM: structural similarity
#
# MSE treats every pixel on its own, so an image made slightly brighter everywhere, with every detail
# intact, scores about as badly as an obviously noisy one. **SSIM** compares local means, contrasts and
# correlations in 7×7 windows and averages them: 1 means identical, lower is worse. It tracks what people
# notice more closely. Compare the three noisy images, and an image made brighter by 0.1 everywhere:

# %%
brighter = np.clip(clean + 0.1, 0, 1)
print(f"{'image':<22} {'MSE':>8} {'PSNR (dB)':>10} {'SSIM':>6}")
for name, test in (("Gaussian, std 0.1", noisy_gauss), ("Poisson, peak 30", noisy_poisson),
                   ("salt and pepper, 5 %", noisy_sp), ("brighter by 0.1", brighter)):
    print(f"{name:<22} {mse(clean, test):8.5f} {psnr(clean, test, data_range=1.0):10.2f} "
          f"{ssim(clean, test, data_range=1.0):6.3f}")

# %% [markdown]
# The brighter image has about the same MSE as the Gaussian-noisy one, but a far higher SSIM: all its structure
# is intact. (`data_range=1.0` is passed explicitly because the noisy images have values outside [0, 1].)

# %% [markdown]
# ## 4. Why smoothing helps: averaging
#
# Suppose we could photograph the same scene N times, each time with fresh, independent noise of standard
# deviation 0.1, and average the N pictures.

# %%
predict(
    "We average 4 independent noisy copies of an image, each with noise std 0.1. What is the noise std of "
    "the average?",
    options={
        "0.1": "each copy is as noisy as the others, and an average of equals is more of the same",
        "0.05": "independent errors partly cancel: the std shrinks with the square root of the count",
        "0.025": "the average divides by 4, so the noise should be divided by 4 too",
        "0.0": "with enough copies positive and negative noise cancel out",
    },
    answer="0.05",
    explanation="Variances of independent noise add: the sum of 4 copies has variance 4 × 0.1², and dividing "
                "by 4 divides the variance by 16. The average has variance 0.1² / 4, so std 0.1 / √4 = 0.05. "
                "Noise does not cancel completely; it shrinks with the square root of N, not with N.",
    key="nb02-sqrt-n",
)

# %% tags=["hide-output"]
print(f"{'N':>3} {'measured std':>13} {'0.1 / sqrt(N)':>14}")
for n_copies in (1, 4, 16, 64):
    copies = [gaussian_noise(clean, 0.1, rng=seed) for seed in range(n_copies)]
    average = np.mean(copies, axis=0)
    print(f"{n_copies:>3} {(average - clean).std():13.4f} {0.1 / np.sqrt(n_copies):14.4f}")

# %% [markdown]
# Averaging N independent values divides the noise std by √N. Why: for independent noise values nᵢ, each of
# standard deviation s, the variance of a **weighted sum** Σ wᵢ nᵢ is s² Σ wᵢ² (multiplying a value by wᵢ
# multiplies its variance by wᵢ², and variances of independent values add). So
#
# $$\text{noise std after} = s \sqrt{\textstyle\sum_i w_i^2}.$$
#
# An average of N values has N weights 1/N: Σ wᵢ² = N/N² = 1/N, and the std becomes s/√N.
#
# We rarely have N pictures of the same scene. But neighbouring pixels of *one* picture usually show almost
# the same thing, and their noise is independent. Replacing each pixel by an average of its neighbours is a
# **filter**; the list of weights it uses is called its **kernel**. A 3×3 average has 9 weights 1/9, so it
# divides the noise by 3. A **Gaussian filter** weighs the neighbours by a bell curve instead, heavy in the
# middle and fading with distance: in 2-D the weight at offset (x, y) is g(x) g(y), with
#
# $$g(x) = \frac{1}{\sqrt{2\pi}\,\sigma}\, e^{-x^2/(2\sigma^2)},$$
#
# where the *filter sigma* σ is a width in pixels (notebook 03 builds these weights). Its Σ wᵢ² is close to
# the integral of g(x)² g(y)², which splits into two equal 1-D integrals. Squaring g gives
# e^{-x²/σ²}/(2πσ²), and e^{-x²/σ²} integrates to √π σ, so
#
# $$\int g(x)^2\,dx = \frac{\sqrt{\pi}\,\sigma}{2\pi\sigma^2} = \frac{1}{2\sqrt{\pi}\,\sigma}, \qquad
# \sum_i w_i^2 \approx \frac{1}{4\pi\sigma^2}, \qquad
# \text{noise std after} \approx \frac{s}{2\sqrt{\pi}\,\sigma}.$$
#
# Check it on a flat grey image, where there is nothing to blur but the noise: the sum of the squared weights
# of SciPy's real kernel, the formula, and the noise left after filtering.

# %%
flat = np.full((256, 256), 0.5)
flat_noisy = gaussian_noise(flat, 0.1, rng=1)
box3 = ndimage.uniform_filter(flat_noisy, size=3)
print(f"noise std before:     {(flat_noisy - flat).std():.4f}")
print(f"after a 3x3 average:  {(box3 - flat).std():.4f}   (0.1 / 3 = {0.1 / 3:.4f})")
print()
print(f"{'sigma':>5} {'sum w^2':>9} {'1/(4 pi sigma^2)':>17} {'noise std after':>16} "
      f"{'0.1 sqrt(sum w^2)':>18} {'0.1/(2 sqrt(pi) sigma)':>23}")
for s in (0.5, 1.0, 2.0, 4.0):
    sum_w2 = np.sum(gaussian_kernel2d(s) ** 2)
    blurred = ndimage.gaussian_filter(flat_noisy, s)
    print(f"{s:>5} {sum_w2:>9.5f} {1 / (4 * np.pi * s ** 2):>17.5f} {(blurred - flat).std():>16.4f} "
          f"{0.1 * np.sqrt(sum_w2):>18.4f} {0.1 / (2 * np.sqrt(np.pi) * s):>23.4f}")

# %% [markdown]
# From sigma 1 on, the formula agrees with the real kernel to three digits, and the noise left after
# filtering matches `0.1 √(Σ w²)`. At sigma 0.5 the bell is so narrow that a few samples describe it poorly:
# the real kernel puts more weight on the centre than the integral suggests, and removes less noise.
#
# On a real image the blur also averages pixels that are *not* the same (across edges), which costs detail.
# The PSNR against the clean photograph rises, then falls again as sigma grows:

# %%
print(f"noisy (Gaussian noise, std 0.1): PSNR {psnr(clean, noisy_gauss, data_range=1.0):.2f} dB")
for s in (0.5, 1.0, 2.0, 4.0):
    smoothed = ndimage.gaussian_filter(noisy_gauss, s)
    print(f"  filter sigma {s:.1f}: PSNR {psnr(clean, smoothed, data_range=1.0):.2f} dB")

# %% [markdown]
# The best blur balances noise against detail; notebook 05 explores that trade-off. (Salt and pepper needs a
# different tool: a weighted average only spreads each white or black speck into a grey blob. Notebook 09
# shows what works.)
#
# ## 5. Two different sigmas
#
# The word *sigma* means two different things in this course, and mixing them up is a classic mistake:
#
# | | **noise sigma** (noise std) | **filter sigma** |
# | --- | --- | --- |
# | what | the spread of the noise values | the width of the Gaussian kernel |
# | unit | grey levels (0.1 = a tenth of black-to-white) | pixels |
# | set by | the camera and the light | you, when you filter |
# | in code | `gaussian_noise(image, std=0.1, ...)` | `gaussian_filter(image, sigma=2)` |
#
# The best filter sigma is not the noise sigma. For the noisy images below, `best_sigma` tries filter sigmas
# and keeps the one with the smallest MSE (highest PSNR) against the clean image (an oracle: it needs the clean
# image, which a real photograph never comes with; notebook 05 estimates the best sigma without it).

# %%
filter_sigmas = np.round(np.arange(0.25, 4.01, 0.25), 2)
for noise_std in (0.05, 0.1, 0.2):
    noisy = gaussian_noise(clean, noise_std, rng=2)
    best, best_db = best_sigma(clean, noisy, filter_sigmas)
    print(f"noise std {noise_std:.2f} (grey levels)  ->  best filter sigma {best:.2f} (pixels), "
          f"PSNR {psnr(clean, noisy, data_range=1.0):.2f} dB -> {best_db:.2f} dB")

# %% [markdown]
# More noise calls for a wider filter, but the two numbers live on different scales. What if someone types
# the noise std where the filter sigma belongs?

# %%
predict(
    "The noise std is 0.1. What does ndimage.gaussian_filter(noisy_gauss, sigma=0.1) do to the noisy image?",
    options={
        "removes most of the noise": "the filter sigma matches the noise sigma, which sounds like the right "
                                     "setting",
        "blurs it slightly": "a small sigma should give a small blur, and any blur averages some noise away",
        "returns it unchanged, bit for bit": "SciPy's kernel reaches int(4 × 0.1 + 0.5) = 0 pixels to each side: "
                                             "one weight, 1",
        "raises an error: sigma is below 1": "a width of a tenth of a pixel sounds meaningless on a pixel grid",
    },
    answer="returns it unchanged, bit for bit",
    explanation="SciPy's Gaussian kernel reaches int(4 × sigma + 0.5) pixels to each side of the centre. At "
                "sigma 0.1 that is int(0.9) = 0: the kernel is the single weight 1, so every output pixel is "
                "its input pixel. Only from sigma 0.125 on does the kernel reach the neighbours, and up to "
                "about sigma 0.3 their weights are still tiny.",
    key="nb02-tiny-sigma",
)

# %% tags=["hide-output"]
print(f"{'sigma':>6} {'radius':>6} {'weight at +-1':>14} {'identical to the input':>23} "
      f"{'largest change of a pixel':>26}")
for s in (0.1, 0.125, 0.2, 0.3, 0.5, 1.0):
    radius = kernel_radius(s)
    weights = gaussian_kernel1d(s)
    side = f"{weights[radius + 1]:.1e}" if radius > 0 else "-"
    out = ndimage.gaussian_filter(noisy_gauss, s)
    print(f"{s:>6} {radius:>6} {side:>14} {str(np.array_equal(out, noisy_gauss)):>23} "
          f"{np.abs(out - noisy_gauss).max():>26.1e}")

# %% [markdown]
# At sigma 0.1 the output is the input, bit for bit: the "filter" did nothing. At sigma 0.125 and 0.2 the
# neighbours get weights of about 10⁻¹⁴ and 10⁻⁶, and no pixel moves by more than 10⁻⁵, far below one grey
# level (1/255 ≈ 0.004). At sigma 0.3 a pixel moves by at most 0.01; from sigma 0.5 on the filter really
# averages. Noise std 0.1 and filter sigma 0.1 have nothing to do with each other.

# %% [markdown]
# ## Key points
#
# - Gaussian noise adds the same spread everywhere; Poisson (shot) noise grows with brightness (std
#   √(value/peak)); salt and pepper replaces a few pixels with pure white or black.
# - Always seed noise (`rng=0`), so the numbers can be reproduced. Histogram noise with bins that cover every
#   value and a log count axis, so rare large values stay visible.
# - MSE averages squared differences; PSNR = 10 log₁₀(range² / MSE) in dB, higher is better. Compute both in
#   float: uint8 subtraction wraps around.
# - SSIM compares local structure: a uniform brightness change lowers it far less than noise of the same MSE.
# - A weighted average of independent noise multiplies its std by √(Σ wᵢ²): 1/√N for N equal weights,
#   about 1/(2√π σ) for a 2-D Gaussian of filter sigma σ. A blur reduces noise at the cost of detail.
# - Noise sigma (grey levels) and filter sigma (pixels) are different quantities; at filter sigma 0.1 SciPy's
#   kernel is a single weight and the image comes back unchanged.
#
# **Exercise:** [Exercise 2: noise](../exercises/ex02_noise.ipynb). **Next:**
# [03 · The Gaussian kernel](03_gaussian_kernel.ipynb).
