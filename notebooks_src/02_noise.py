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
# - Compute MSE and PSNR by hand and with `gausslearn.metrics`, and avoid the uint8 wrap-around trap.
# - Compare images with SSIM and say what it captures that PSNR does not.
# - Show numerically that averaging N independent samples divides the noise standard deviation by √N.
# - Tell the noise sigma (a grey-level spread) from the filter sigma (a width in pixels).
#
# **Time:** about 35 minutes.
#
# **Prerequisites:** [01 · Pixel grids](01_pixel_grids.ipynb) (dtypes, `to_float`); the mean and the standard
# deviation of a list of numbers.

# %%
import numpy as np
from scipy import ndimage

from gausslearn.dtypes import to_uint8
from gausslearn.images import sample
from gausslearn.kernels import gaussian_kernel2d
from gausslearn.metrics import best_sigma, mse, psnr, ssim
from gausslearn.noise import gaussian_noise, poisson_noise, salt_and_pepper
from gausslearn.plotting import plot_curves, show_images
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
# All three functions in `gausslearn.noise` need an explicit `rng` (a seed): the same seed gives the same
# noise, so these numbers are the same every time you run the notebook.

# %%
noisy_gauss = gaussian_noise(clean, 0.1, rng=0)
noisy_poisson = poisson_noise(clean, peak=30, rng=0)
noisy_sp = salt_and_pepper(clean, 0.05, rng=0)
show_images([clean, noisy_gauss, noisy_poisson, noisy_sp],
            ["clean", "Gaussian, std 0.1", "Poisson, peak 30 photons", "salt and pepper, 5 %"], ncols=4)

# %% [markdown]
# Look at the values each one produces, not only at the pictures.

# %%
diff_gauss = noisy_gauss - clean
print("Gaussian noise (std 0.1):")
print(f"  noise mean {diff_gauss.mean():+.4f}, noise std {diff_gauss.std():.4f}")
print(f"  noisy values {noisy_gauss.min():.3f}..{noisy_gauss.max():.3f}  (outside [0, 1]: "
      f"{np.mean((noisy_gauss < 0) | (noisy_gauss > 1)):.1%} of pixels)")

print("Poisson noise (peak 30): noise std depends on the brightness")
for lo, hi in ((0.0, 0.2), (0.4, 0.6), (0.8, 1.0)):
    region = (clean >= lo) & (clean < hi)
    measured = (noisy_poisson - clean)[region].std()
    predicted = np.sqrt(clean[region] / 30).mean()
    print(f"  clean in [{lo:.1f}, {hi:.1f}): noise std {measured:.3f} (model sqrt(value/peak) ~ {predicted:.3f})")
print(f"  values are multiples of 1/30: {np.allclose(noisy_poisson * 30, np.round(noisy_poisson * 30))}")

hit = noisy_sp != clean
print("salt and pepper (amount 0.05):")
print(f"  pixels changed {hit.mean():.2%}; of those white {np.mean(noisy_sp[hit] == 1.0):.1%}, "
      f"black {np.mean(noisy_sp[hit] == 0.0):.1%}; all other pixels exactly unchanged")

# %% [markdown]
# Histograms of the *noise* (noisy minus clean) show the three characters: a bell curve for Gaussian noise;
# a bell-like curve for Poisson noise, made of narrow bells for the dark pixels and wide ones for the bright
# pixels;
# and for salt and pepper a huge spike at 0 (unchanged pixels) plus a spread of large jumps.

# %%
bins = np.linspace(-0.5, 0.5, 51)
centres = (bins[:-1] + bins[1:]) / 2
hist = {name: np.histogram(noise_values, bins=bins)[0] / noise_values.size
        for name, noise_values in (("Gaussian, std 0.1", noisy_gauss - clean),
                                   ("Poisson, peak 30", noisy_poisson - clean),
                                   ("salt and pepper, 5 %", noisy_sp - clean))}
plot_curves(centres, hist, "noisy - clean", "fraction of pixels", title="histograms of the noise")

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
# Higher PSNR is better; +6 dB halves the typical error, 20 dB is a very noisy image, 30-40 dB looks fine.
# Written out in NumPy, then with `gausslearn.metrics`:

# %%
mse_by_hand = np.mean((noisy_gauss - clean) ** 2)
psnr_by_hand = 10 * np.log10(1.0 ** 2 / mse_by_hand)
print(f"by hand:            MSE {mse_by_hand:.5f}, PSNR {psnr_by_hand:.2f} dB")
print(f"gausslearn.metrics: MSE {mse(clean, noisy_gauss):.5f}, PSNR {psnr(clean, noisy_gauss):.2f} dB")
print(f"for Gaussian noise MSE ~ std**2 = {0.1 ** 2:.5f}, so PSNR ~ {10 * np.log10(1 / 0.1 ** 2):.2f} dB")

# %% [markdown]
# ### The uint8 trap
#
# Images loaded from files are uint8. Subtracting two uint8 arrays wraps around (notebook 01): 10 - 20 is
# 246, not -10. Let us store the clean and the noisy image as uint8, the way they would come from PNG files.

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
    options=["the true MSE", "a number much smaller than the true MSE",
             "a number much larger than the true MSE", "an OverflowError"],
    answer="a number much smaller than the true MSE",
    explanation="Both the subtraction and the square are computed in uint8, modulo 256: a difference of -20 "
                "becomes 236, and its square 55696 becomes 55696 mod 256 = 144 instead of 400. Every squared "
                "error is squeezed into 0..255, so the mean is far too small, and NumPy raises no error. "
                "Casting after the subtraction, (a - b).astype(float) ** 2, is wrong the other way: 236 ** 2 "
                "is far too large.",
    key="nb02-uint8-mse",
)

# %%
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
# The brighter image has an MSE of the same size as the noisy ones, but a far higher SSIM: all its structure
# is intact. (`data_range=1.0` is passed explicitly because the noisy images have values outside [0, 1].)

# %% [markdown]
# ## 4. Why smoothing helps: averaging divides the noise by √N
#
# Suppose we could photograph the same scene N times, each time with fresh, independent noise of standard
# deviation 0.1, and average the N pictures.

# %%
predict(
    "We average 4 independent noisy copies of an image, each with noise std 0.1. What is the noise std of "
    "the average?",
    options=["0.1 (averaging noise gives noise)", "0.05", "0.025", "0.0 (the noise cancels)"],
    answer="0.05",
    explanation="Variances of independent noise add: the sum of 4 copies has variance 4 × 0.1², and dividing "
                "by 4 divides the variance by 16. The average has variance 0.1² / 4, so std 0.1 / √4 = 0.05. "
                "Noise does not cancel completely; it shrinks with the square root of N, not with N.",
    key="nb02-sqrt-n",
)

# %%
print(f"{'N':>3} {'measured std':>13} {'0.1 / sqrt(N)':>14}")
for n_copies in (1, 4, 16, 64):
    copies = [gaussian_noise(clean, 0.1, rng=seed) for seed in range(n_copies)]
    average = np.mean(copies, axis=0)
    print(f"{n_copies:>3} {(average - clean).std():13.4f} {0.1 / np.sqrt(n_copies):14.4f}")

# %% [markdown]
# We rarely have N pictures of the same scene. But neighbouring pixels of *one* picture usually show almost
# the same thing, and their noise is independent. Averaging a pixel with its neighbours is a blur, and the
# same √N rule applies. On a flat grey image (nothing to blur but the noise) a 3×3 average (9 pixels)
# divides the noise by 3. A Gaussian filter is a *weighted* average: with weights wᵢ the noise std is
# multiplied by √(Σ wᵢ²), which for a 2-D Gaussian of sigma s is close to 1 / (2 √π s).

# %%
flat = np.full((256, 256), 0.5)
flat_noisy = gaussian_noise(flat, 0.1, rng=1)
box3 = ndimage.uniform_filter(flat_noisy, size=3, mode="reflect")
print(f"noise std before:              {(flat_noisy - flat).std():.4f}")
print(f"after a 3x3 average:           {(box3 - flat).std():.4f}   (0.1 / 3 = {0.1 / 3:.4f})")
for s in (1.0, 2.0):
    blurred = ndimage.gaussian_filter(flat_noisy, s, mode="reflect")
    factor = np.sqrt(np.sum(gaussian_kernel2d(s) ** 2))
    print(f"after a Gaussian, sigma = {s:.0f}:  {(blurred - flat).std():.4f}   "
          f"(0.1 * sqrt(sum w^2) = {0.1 * factor:.4f}; 0.1 / (2 sqrt(pi) sigma) = {0.1 / (2 * np.sqrt(np.pi) * s):.4f})")

# %% [markdown]
# On a real image the blur also averages pixels that are *not* the same (across edges), which costs detail.
# The best blur balances the two; notebook 05 explores that trade-off.

# %%
for s in (0.5, 1.0, 2.0, 4.0):
    smoothed = ndimage.gaussian_filter(noisy_gauss, s, mode="reflect")
    print(f"Gaussian noise std 0.1, filter sigma {s:.1f}: PSNR {psnr(clean, smoothed, data_range=1.0):.2f} dB "
          f"(noisy: {psnr(clean, noisy_gauss, data_range=1.0):.2f} dB)")

# %% [markdown]
# ### Salt and pepper is different
#
# A Gaussian blur spreads each white or black speck into a grey blob instead of removing it. A **median**
# filter (the middle value of the neighbourhood) ignores a few extreme values, and removes the specks almost
# completely (more in notebook 09).

# %%
gauss_on_sp = ndimage.gaussian_filter(noisy_sp, 1.0, mode="reflect")
median_on_sp = ndimage.median_filter(noisy_sp, size=3, mode="reflect")
print(f"salt and pepper:        PSNR {psnr(clean, noisy_sp):.2f} dB")
print(f"  Gaussian, sigma 1:    PSNR {psnr(clean, gauss_on_sp):.2f} dB")
print(f"  median 3x3:           PSNR {psnr(clean, median_on_sp):.2f} dB")
show_images([noisy_sp, gauss_on_sp, median_on_sp], ["salt and pepper", "Gaussian, sigma 1", "median 3×3"])

# %% [markdown]
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
# The best filter sigma is *not* the noise sigma. For the noisy images below, `best_sigma` tries filter sigmas
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
# More noise calls for a wider filter, but the two numbers live on different scales: a noise std of 0.1 does
# not mean "filter with sigma 0.1" (that would barely touch the image: the kernel would be a single weight).

# %% [markdown]
# ## Key points
#
# - Gaussian noise adds the same spread everywhere; Poisson (shot) noise grows with brightness (std
#   √(value/peak)); salt and pepper replaces a few pixels with pure white or black.
# - Always seed noise (`rng=0`), so the numbers can be reproduced.
# - MSE averages squared differences; PSNR = 10 log₁₀(range² / MSE) in dB, higher is better. Compute both in
#   float: uint8 subtraction wraps around.
# - SSIM compares local structure: a uniform brightness change lowers it far less than noise of the same MSE.
# - Averaging N independent samples divides the noise std by √N; a blur averages neighbours, which is why it
#   reduces noise, at the cost of detail. It does not suit salt and pepper (use a median).
# - Noise sigma (grey levels) and filter sigma (pixels) are different quantities.
#
# **Exercise:** [Exercise 2: noise](../exercises/ex02_noise.ipynb). **Next:**
# [03 · The Gaussian kernel](03_gaussian_kernel.ipynb).
