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
# # 05 · Sigma: how much to blur
#
# **Questions**
# - What does "sigma = 3 pixels" actually mean in the picture?
# - What does a larger sigma buy (less noise) and what does it cost (blurred edges)?
# - How can we choose sigma for a noisy photograph when we do not have the clean version?
# - What does a different sigma per axis do?
#
# **Objectives**
# - Interpret sigma as a length in pixels: the spread of a blurred point, the size of details that survive.
# - Measure PSNR and the 10-90 % edge width against sigma and explain the trade-off between them.
# - Find the best sigma with the clean image (the oracle) and without it (Stein's unbiased risk estimate, SURE),
#   and compare the two.
# - Recognise over-blurring in images and in the residual (what the filter removed).
# - Blur along one axis only with a per-axis sigma such as `sigma=(0, 4)`.
#
# **Time:** about 35 minutes.
#
# **Prerequisites:** [02 · Noise](02_noise.ipynb) (noise std, PSNR), [03 · The Gaussian kernel](03_gaussian_kernel.ipynb)
# (radius rule), [04 · Filtering](04_filtering.ipynb) (`gaussian_filter`).

# %%
# %matplotlib inline
import math

import numpy as np
from scipy import ndimage

from gausslearn import filters, metrics
from gausslearn.images import checkerboard, impulse, sample, step_edge
from gausslearn.kernels import gaussian_kernel1d, kernel_radius
from gausslearn.noise import gaussian_noise
from gausslearn.plotting import plot_curves, plot_kernel, plot_profiles, show_images
from gausslearn.widgets import predict, sigma_explorer

np.set_printoptions(linewidth=110)

# %% [markdown]
# ## 1. Sigma is a length, measured in pixels
#
# Sigma is the **standard deviation** of the Gaussian weights, and its unit is the pixel. The kernel itself
# is longer: SciPy keeps `radius = int(4 * sigma + 0.5)` pixels on each side (notebook 03).

# %%
sigma = 3.0
print(f"sigma = {sigma:g} px: radius {kernel_radius(sigma)} px, {2 * kernel_radius(sigma) + 1} weights")
plot_kernel(gaussian_kernel1d(sigma), annotate=False)

# %% [markdown]
# The best way to *see* a length scale is to blur a single bright pixel (an impulse): the result is the
# kernel itself, a round spot. How big does that spot look?

# %%
predict(
    "A single bright pixel is blurred with sigma = 3 px. How wide is the spot where it is brighter than half "
    "its peak (the 'full width at half maximum')?",
    options=["3 px (sigma is the width)", "about 6 px (two sigma)", "about 7 px", "25 px (the kernel size)"],
    answer="about 7 px",
    explanation="For a Gaussian the half-maximum points sit at ±1.18 sigma, so the full width at half maximum "
                "is 2.355 sigma, about 7 px for sigma 3. The kernel's 25 weights reach much further, but the "
                "outer ones are tiny and invisible. Sigma is the standard deviation of the spot, not its width.",
    key="nb05-fwhm",
)

# %%
spot = ndimage.gaussian_filter(impulse((41, 41)), sigma)
offsets = np.arange(41) - 20
rows, cols = np.meshgrid(offsets, offsets, indexing="ij")
measured_std = np.sqrt(np.sum(spot * cols ** 2) / spot.sum())
centre_row = spot[20]
print(f"standard deviation of the spot along x: {measured_std:.3f} px (sigma = {sigma:g})")
print(f"pixels above half the peak along the centre row: {np.sum(centre_row >= centre_row.max() / 2)} "
      f"(2.355 * sigma = {2.355 * sigma:.2f} px)")
print(f"share of the spot's light within a circle of radius sigma:   "
      f"{spot[rows ** 2 + cols ** 2 <= sigma ** 2].sum():.1%}")
print(f"share of the spot's light within a circle of radius 2 sigma: "
      f"{spot[rows ** 2 + cols ** 2 <= (2 * sigma) ** 2].sum():.1%}")
print(f"continuous 2-D Gaussian, same circles: {1 - np.exp(-0.5):.1%} and {1 - np.exp(-2.0):.1%}; "
      f"1-D within ±sigma: {math.erf(1 / math.sqrt(2)):.1%}")

# %%
show_images([impulse((41, 41)), spot / spot.max()], ["one bright pixel", "blurred, sigma 3 (scaled to peak 1)"])

# %% [markdown]
# In 1-D, ±sigma holds 68 % of the weight (notebook 03). In 2-D a disc of radius sigma holds only about 39 %
# of the light (the cell above prints both): most of a blurred point lands *outside* one sigma. Rule of thumb:
# the visible spot is about 2.4 sigma across, and the blur reaches about 2 sigma in every direction.
#
# ### Which details survive?
#
# Stripes make the length scale concrete. We blur sine stripes of several periods (pixels per cycle) with
# sigma 3 and print the amplitude that is left (1 at the start; measured as the ratio of the standard
# deviations after and before, which does not depend on where the samples fall on the sine). The `wrap`
# mode and a length that holds a whole number of periods keep the borders out of the way.

# %%
predict(
    "Sine stripes with a period of 8 px (dark-bright-dark over 8 pixels) are blurred with sigma = 3 px. "
    "What is left of their contrast?",
    options=["most of it (8 px is larger than sigma)", "about half", "almost nothing (about 6 %)"],
    answer="almost nothing (about 6 %)",
    explanation="A Gaussian multiplies a sine of period p by exp(-2 pi^2 sigma^2 / p^2). With sigma 3 that is "
                "6 % for p = 8 and 50 % only at p = 16. A period of 3 sigma (9 px) keeps only about a tenth "
                "of its contrast, finer details even less; a period of about 5 sigma keeps half.",
    key="nb05-stripes",
)

# %%
length = 576  # a multiple of every period below
positions = np.arange(length)
print("period (px)   amplitude left   exp(-2 pi^2 sigma^2 / p^2)")
stripes = {}
for period in (4, 8, 9, 16, 32, 64):
    wave = np.sin(2 * np.pi * positions / period)
    blurred_wave = ndimage.gaussian_filter1d(wave, sigma, mode="wrap")
    stripes[period] = (wave, blurred_wave)
    theory = np.exp(-2 * np.pi ** 2 * sigma ** 2 / period ** 2)
    print(f"{period:11d}   {blurred_wave.std() / wave.std():14.3f}   {theory:26.3f}")
half_period = np.pi * np.sqrt(2 / np.log(2))  # exp(-2 pi^2 sigma^2 / p^2) = 1/2 solved for p / sigma
print(f"half the contrast is left at a period of {half_period:.2f} sigma = {half_period * sigma:.1f} px")

# %%
plot_profiles({f"period {p}, blurred": stripes[p][1][:64] for p in (8, 16, 32)} | {"period 16, input": stripes[16][0][:64]},
              xlabel="x (pixels)", title="sine stripes after a blur with sigma 3")

# %% [markdown]
# The measured amplitudes follow the formula in the last column: a Gaussian blur is a low-pass filter
# (notebook 09 looks at it frequency by frequency). The last line solves the formula for a gain of one half:
# a period of a little over 5 sigma keeps half its contrast.
#
# ### Sigma depends on the resolution
#
# Because sigma is counted in pixels, the *same* physical blur needs half the sigma on an image with half the
# resolution. Blur the 512×512 camera image with sigma 4 and keep every second pixel, or first shrink it to
# 256×256 (average 2×2 blocks) and blur with sigma 2:

# %%
camera = sample("camera")
big_then_small = ndimage.gaussian_filter(camera, 4.0)[::2, ::2]
shrunk = camera.reshape(256, 2, 256, 2).mean(axis=(1, 3))
small_then_blur = ndimage.gaussian_filter(shrunk, 2.0)
difference = np.abs(big_then_small - small_then_blur)
print(f"mean |difference| {difference.mean():.4f}, largest {difference.max():.3f} (grey range 0..1)")

# %% [markdown]
# The two agree to a fraction of a percent on average (the block average and the sampling offset explain
# the rest). When you report "sigma = 2", also report the image size, or convert sigma to physical units
# (micrometres, arc-seconds) with the pixel size.
#
# ## 2. Explore sigma
#
# A noisy crop of the camera image (noise std 0.1). Move the slider: the left panel is the blurred image, the
# middle one row before and after, the right the 1-D kernel. The title gives the PSNR against the clean crop.
# (Without a running kernel you see a static picture for sigma 2.)

# %%
clean = sample("camera")[64:320, 128:384]
noise_std = 0.1
noisy = gaussian_noise(clean, noise_std, rng=0)
print(f"crop {clean.shape}, noise std {noise_std}, PSNR of the noisy crop "
      f"{metrics.psnr(clean, noisy, data_range=1.0):.2f} dB")

# %% tags=["nbval-ignore-output"]
sigma_explorer(noisy, sigmas=(0.0, 6.0, 0.25), sigma=2.0, row=128, reference=clean)

# %% [markdown]
# Things to try: where is the PSNR highest? At which sigma do the thin legs of the tripod disappear? And why
# does nothing seem to happen at sigma 0.25? Its kernel answers that:

# %%
print("sigma 0.25:", np.array2string(gaussian_kernel1d(0.25), precision=4, floatmode="fixed"))
print("sigma 0.5: ", np.array2string(gaussian_kernel1d(0.5), precision=4, floatmode="fixed"))

# %% [markdown]
# At sigma 0.25 the neighbours get almost no weight: the filter is practically the identity. A visible blur
# starts around sigma 0.5, where each neighbour gets about a tenth of the weight.
#
# ## 3. What a larger sigma buys, and what it costs
#
# **The cost: edges widen.** The 10-90 % edge width (`metrics.edge_width`) is the distance over which a
# blurred step climbs from 10 % to 90 % of its height.

# %%
predict(
    "A step edge blurred with sigma 2 has a 10-90 % width of about 5 px. What happens to the width if you "
    "double sigma to 4?",
    options=["it halves", "it stays about the same", "it doubles", "it quadruples"],
    answer="it doubles",
    explanation="The blurred step is the Gaussian's cumulative curve, which crosses 10 % and 90 % at "
                "±1.28 sigma. The width is 2.56 sigma: proportional to sigma. (Variances add up, widths do "
                "not: the variance, sigma squared, quadruples.)",
    key="nb05-edge-width",
)

# %%
step = step_edge((16, 128))
print(" sigma   edge width (px)   width / sigma")
for s in (0.25, 0.5, 1.0, 2.0, 4.0, 8.0):
    width = metrics.edge_width(ndimage.gaussian_filter(step, s)[8])
    print(f"{s:6.2f}   {width:15.2f}   {width / s:13.2f}")

# %% [markdown]
# From sigma 1 on, the width is close to 2.56 sigma. Below sigma 0.5 it stays near 0.8 px: a sharp step
# already climbs within one pixel, and such a small sigma hardly changes it.
#
# **The gain: noise goes down.** We blur the noisy crop with sigmas from 0 to 5 and measure the PSNR against
# the clean crop, next to the edge width of a clean step blurred with the same sigma.

# %%
sigmas = np.round(np.arange(0.0, 5.01, 0.1), 2)
psnr_curve = np.array([metrics.psnr(clean, ndimage.gaussian_filter(noisy, s), data_range=1.0) for s in sigmas])
width_curve = np.array([metrics.edge_width(ndimage.gaussian_filter(step, s)[8]) for s in sigmas])
for s in (0.0, 0.5, 1.0, 2.0, 4.0):
    k = int(np.argmin(np.abs(sigmas - s)))
    print(f"sigma {s:3.1f}: PSNR {psnr_curve[k]:5.2f} dB, edge width {width_curve[k]:5.2f} px")

# %%
plot_curves(sigmas, {"blurred noisy crop": psnr_curve, "noisy crop (no blur)": np.full(sigmas.size, psnr_curve[0])},
            "sigma (pixels)", "PSNR against the clean crop (dB)", title="noise removed: PSNR rises, then falls")

# %%
plot_curves(sigmas, {"10-90 % edge width": width_curve, "2.563 * sigma": 2.563 * sigmas},
            "sigma (pixels)", "edge width (pixels)", title="sharpness lost: the edge widens steadily")

# %% [markdown]
# The PSNR rises quickly, peaks, then falls: past the peak, the filter removes more *image* than noise. The
# edge width barely moves below sigma 0.5 (the step already climbs within one pixel) and then grows in
# proportion to sigma: every further bit of noise removal is paid for in sharpness.
#
# ## 4. The best sigma: with and without the clean image
#
# **The oracle.** With the clean image we can simply try every sigma and keep the one with the highest PSNR
# (`metrics.best_sigma`). In a real photograph there is no clean image, so this is only possible in a
# simulation.
#
# **SURE.** Stein's unbiased risk estimate needs only the noisy image `y` and the noise level `s`. For a
# linear filter `A` (a Gaussian blur is linear):
#
# $$\mathrm{SURE}(\sigma) = \frac{1}{N}\lVert y - A y\rVert^2 - s^2 + \frac{2 s^2}{N}\,\mathrm{trace}(A)$$
#
# Its expected value equals the true mean squared error against the unknown clean image. The first term says
# how much the filter changed the image (more blur, bigger change); the trace term (the weight each pixel
# gives itself, summed) is the price of noise left behind. `metrics.sure_risk` computes it and
# `metrics.sure_sigma` picks the sigma with the smallest estimate.

# %%
oracle_sigma, oracle_psnr = metrics.best_sigma(clean, noisy, sigmas)
sure_choice, sure_mse = metrics.sure_sigma(noisy, noise_std, sigmas)
sure_choice_psnr = metrics.psnr(clean, ndimage.gaussian_filter(noisy, sure_choice), data_range=1.0)
print(f"oracle: sigma {oracle_sigma:.1f}, PSNR {oracle_psnr:.2f} dB (needs the clean image)")
print(f"SURE:   sigma {sure_choice:.1f}, PSNR {sure_choice_psnr:.2f} dB (noisy image and noise std only)")
print(f"SURE's own estimate of that PSNR: {10 * np.log10(1 / sure_mse):.2f} dB")

# %%
sure_curve = np.array([10 * np.log10(1 / metrics.sure_risk(noisy, noise_std, s)) for s in sigmas])
print(f"largest gap between the SURE estimate and the true PSNR over all sigmas: "
      f"{np.abs(sure_curve - psnr_curve).max():.2f} dB")
plot_curves(sigmas, {"true PSNR (needs the clean image)": psnr_curve, "SURE estimate (noisy image only)": sure_curve},
            "sigma (pixels)", "PSNR (dB)", mark={"oracle": oracle_sigma, "SURE": sure_choice})

# %% [markdown]
# The two curves lie on top of each other. Does the best sigma depend on the noise level, and on the picture?

# %%
predict(
    "The smooth moon image and the textured grass image get the same noise (std 0.1). Which one wants the "
    "larger sigma?",
    options=["the same sigma: it depends only on the noise", "grass (more texture, more to smooth)",
             "moon (smooth surfaces lose little when blurred)"],
    answer="moon (smooth surfaces lose little when blurred)",
    explanation="The best sigma balances the noise removed against the detail destroyed. A smooth image has "
                "little fine detail to lose, so a large sigma is cheap; a textured image loses real content "
                "with every extra pixel of blur. A rule based on the noise level alone cannot know that.",
    key="nb05-which-image",
)

# %%
grid = np.round(np.arange(0.0, 6.01, 0.25), 2)
print("image    noise   oracle sigma   SURE sigma   PSNR loss of SURE")
for name in ("camera", "moon", "grass"):
    image = sample(name)[:256, :256]
    for level in (0.05, 0.1, 0.2):
        y = gaussian_noise(image, level, rng=1)
        o_sigma, o_psnr = metrics.best_sigma(image, y, grid)
        s_sigma, _ = metrics.sure_sigma(y, level, grid)
        s_psnr = metrics.psnr(image, ndimage.gaussian_filter(y, s_sigma), data_range=1.0)
        print(f"{name:7s}  {level:5.2f}   {o_sigma:12.2f}   {s_sigma:10.2f}   {o_psnr - s_psnr:14.3f} dB")

# %% [markdown]
# More noise wants more blur, and the same noise wants much more blur on the smooth moon than on the grass.
# SURE tracks the oracle from the noisy image alone. It does need the noise std, which is usually known from
# the camera or can be measured on a flat patch (notebook 02). In the table the SURE choice is never far from
# the oracle, and the PSNR it gives away is in the last column.
#
# ## 5. Over-blurring, made visible
#
# A single PSNR number hides *what* is lost. Here is the crop at half, exactly, twice and four times the
# oracle's sigma, and below each the **residual** `noisy - blurred`: what the filter took away. Pure noise
# in the residual is what we want removed; every outline of the picture that shows up there is image that
# the filter removed too.

# %%
factors = (0.5, 1.0, 2.0, 4.0)
blurs = [ndimage.gaussian_filter(noisy, f * oracle_sigma) for f in factors]
titles = [f"sigma {f * oracle_sigma:.2f}: {metrics.psnr(clean, b, data_range=1.0):.2f} dB"
          for f, b in zip(factors, blurs, strict=True)]
for title in titles:
    print(title)
show_images(blurs, titles)

# %%
show_images([noisy - b for b in blurs], [f"residual, sigma {f * oracle_sigma:.2f}" for f in factors],
            vmin=-0.3, vmax=0.3)

# %% [markdown]
# (The residuals are drawn from -0.3, black, to +0.3, white; mid-grey is 0.) Faint outlines are there even
# at the best sigma, and they grow with sigma: at four times the best sigma the residual clearly shows the
# cameraman and his camera, structure the filter has taken out of the image. Two numbers tell the same story
# without looking. The residual's standard deviation grows with sigma: far below the noise std, much of the
# noise was left behind; above it, image was removed as well. It is no exact recipe, though: even on a flat
# image, where a blur removes nothing but noise, the residual's std stays a little *below* the noise std
# (each blurred pixel keeps part of its own noise), so "residual std = noise std" picks too large a sigma;
# compare the best sigma's line below. The residual's correlation with the clean image, zero for pure noise,
# grows as more of the picture ends up in the residual.

# %%
for f, b in zip(factors, blurs, strict=True):
    residual = noisy - b
    corr = np.corrcoef(residual.ravel(), clean.ravel())[0, 1]
    print(f"sigma {f * oracle_sigma:4.2f}: residual std {residual.std():.3f} (noise std {noise_std}), "
          f"correlation with the clean image {corr:+.3f}")

# %% [markdown]
# Even at the best sigma the correlation is not zero: the best Gaussian already takes a little image away
# with the noise. That is the trade-off of section 3, and the reason edge-preserving filters exist
# (notebook 09).

# %% [markdown]
# ## 6. A different sigma per axis
#
# `sigma` may be one number per axis, **in axis order: (rows, columns) = (y, x)**. `sigma=(0, 4)` leaves the
# rows axis alone and blurs along x only; an axis with sigma 0 is skipped entirely.

# %%
predict(
    "gaussian_filter(image, sigma=(0, 4)) blurs along x (along each row) only. Which edges get blurred?",
    options=["horizontal edges, like the horizon", "vertical edges, like a lamp post",
             "all edges, half as much"],
    answer="vertical edges, like a lamp post",
    explanation="Blurring along a row mixes pixels to the left and right of each other. A vertical edge is a "
                "change from left to right, so it is smeared; a horizontal edge is a change from top to bottom, "
                "and every row on one side of it is uniform, so averaging within the row changes nothing.",
    key="nb05-anisotropic",
)

# %%
board = checkerboard((64, 64), square=16)
along_x = ndimage.gaussian_filter(board, sigma=(0, 4))
print(f"row profile across a vertical edge:     width {metrics.edge_width(along_x[8, 8:24]):.2f} px")
print(f"column profile across a horizontal edge: width {metrics.edge_width(along_x[8:24, 8]):.2f} px")
print(f"sigma=(0, 4) equals one gaussian_filter1d along axis 1 (axis 0 skipped): "
      f"{np.array_equal(along_x, ndimage.gaussian_filter1d(board, 4, axis=1))}")

# %%
crop = sample("camera")[64:320, 128:384]
show_images([crop, ndimage.gaussian_filter(crop, sigma=(0, 4)), ndimage.gaussian_filter(crop, sigma=(4, 0))],
            ["original", "sigma=(0, 4): along x", "sigma=(4, 0): along y"])

# %% [markdown]
# Blur along one direction looks like **motion blur** from a camera moving sideways. A real motion blur at
# constant speed is a *box* along the path, not a Gaussian: every position of the path is exposed for the
# same time. The box of length L has variance (L² - 1) / 12, so a 13-pixel streak has about the same spread
# as sigma 3.7. The Gaussian version is the smooth model: no hard ends to the streak.

# %%
streak = ndimage.uniform_filter1d(crop, 13, axis=1)
print(f"variance of a 13-px box: {(13 ** 2 - 1) / 12:.1f} px^2, i.e. sigma {np.sqrt((13 ** 2 - 1) / 12):.2f} px")
show_images([streak, ndimage.gaussian_filter(crop, sigma=(0, np.sqrt((13 ** 2 - 1) / 12)))],
            ["13-px box along x (motion)", "Gaussian along x, same variance"])

# %% [markdown]
# ### A trap: a negative sigma is silently ignored
#
# A sigma is a length, so it cannot be negative. `scipy.ndimage.gaussian_filter` does not complain, though: it
# skips any axis whose sigma is negative (or NaN) and returns that axis unfiltered. A sign error in your code
# therefore gives an image that is simply not blurred, without any message. `gaussian_filter1d` raises for a
# clearly negative sigma, but only because the kernel radius `int(4 * sigma + 0.5)` turns negative: a small
# negative sigma such as -0.1 (radius 0) passes silently there too. The course's own
# `gausslearn.filters.gaussian_filter` refuses every negative sigma:

# %%
print(f"ndimage.gaussian_filter(board, -2) returns the input unchanged: "
      f"{np.array_equal(ndimage.gaussian_filter(board, -2.0), board)}")
print(f"ndimage.gaussian_filter(board, (-2, 2)) blurs only along x: "
      f"{np.array_equal(ndimage.gaussian_filter(board, (-2.0, 2.0)), ndimage.gaussian_filter1d(board, 2.0, axis=1))}")
try:
    ndimage.gaussian_filter1d(board, -2.0)
except ValueError as error:
    print(f"ndimage.gaussian_filter1d(board, -2): ValueError: {error}")
print(f"ndimage.gaussian_filter1d(board, -0.1) returns the input unchanged: "
      f"{np.array_equal(ndimage.gaussian_filter1d(board, -0.1), board)}")
try:
    filters.gaussian_filter(board, -2.0)
except ValueError as error:
    print(f"gausslearn.filters.gaussian_filter: ValueError: {error}")

# %% [markdown]
# Per-axis sigma is also how you keep **channels** out of the blur of a colour image (`sigma=(s, s, 0)`,
# notebook 08), and how you blur a 3-D stack with voxels that are not cubes (a smaller sigma along the thicker
# axis, so that the blur has the same physical size in every direction).
#
# ## Key points
#
# - Sigma is a length in pixels: a blurred point is a spot with standard deviation sigma, about 2.4 sigma
#   across at half maximum; a pattern with a period of about 5 sigma keeps half its contrast, one of 3 sigma
#   only about a tenth.
# - Sigma is tied to the resolution: halve the image size, halve sigma for the same physical blur.
# - The 10-90 % edge width grows as 2.56 sigma, while the PSNR against the clean image rises, peaks and falls:
#   the best sigma balances noise removed against detail lost, and depends on noise level *and* image.
# - The oracle needs the clean image; SURE picks nearly the same sigma from the noisy image and the noise std.
# - Over-blurring shows in the residual `noisy - blurred`: the stronger the picture's outlines there, the more
#   image the filter removed. Even the best Gaussian removes a little.
# - `sigma=(sy, sx)` is per axis, in (rows, columns) order; a 0 skips that axis. SciPy silently skips a
#   *negative* sigma too: check your signs.
#
# **Exercise:** [Exercise 6: choose sigma from the noise](../exercises/ex06_sigma.ipynb). **Next:**
# [06 · Borders](06_borders.ipynb).
