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
# - What does a larger sigma buy, and what does it cost?
# - How can we choose sigma for a noisy photograph without the clean version, and without being told the
#   noise level?
# - How do you ask for a blur of 1 micrometre when the pixels are not square?
#
# **Objectives**
# - Interpret sigma as a length in pixels: the spread of a blurred point, the size of details that survive.
# - Measure PSNR and the 10-90 % edge width against sigma, and read the trade-off between them in one picture.
# - Write a filter as a matrix, and use it to read Stein's unbiased risk estimate (SURE), which picks sigma
#   from the noisy image and the noise level; compare its choice with the best possible one.
# - Estimate the noise level from the noisy image alone in two ways, and measure what a wrong noise level
#   does to the sigma SURE picks.
# - Recognise over-blurring in the residual (what the filter removed).
# - Convert a blur given in micrometres into the sigma SciPy needs, for pixels or voxels that are not squares.
#
# **Time:** about 70 minutes: 23 code cells to run and read and 8 predictions. Plan two sittings: sections
# 1-3 (about 30 minutes), then sections 4-7.
#
# **Prerequisites:** [02 · Noise](02_noise.ipynb) (noise std, PSNR, the noise left by a weighted average),
# [03 · The Gaussian kernel](03_gaussian_kernel.ipynb) (radius rule), [04 · Filtering](04_filtering.ipynb)
# (`gaussian_filter`, correlation).

# %%
# %matplotlib inline
import math

import numpy as np
from scipy import ndimage

from gausslearn import filters, metrics
from gausslearn.images import impulse, sample, step_edge
from gausslearn.kernels import gaussian_kernel1d, gaussian_kernel2d, kernel_radius, sigma_in_pixels
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
plot_kernel(gaussian_kernel1d(sigma), annotate=False,
            alt="Bar chart of the 25 weights of the sigma-3 kernel: a bell centred on offset 0 that is already "
                "low at offset 6 and nearly invisible beyond offset 9.")

# %% [markdown]
# The best way to *see* a length scale is to blur a single bright pixel (an impulse): the result is the
# kernel itself, a round spot. How big does that spot look?

# %%
predict(
    "A single bright pixel is blurred with sigma = 3 px. How wide is the spot where it is brighter than half "
    "its peak (the 'full width at half maximum')?",
    options={
        "3 px (sigma is the width)": "sigma is the number we chose, so it sounds like the size of the spot",
        "about 6 px (two sigma)": "a spot reaching one sigma to each side would be two sigma across",
        "about 7 px": "right: the half-maximum points sit at ±1.18 sigma, so the width is 2.355 sigma",
        "25 px (the kernel size)": "the kernel has 25 weights, so the spot seems to be 25 pixels across",
    },
    answer="about 7 px",
    explanation="For a Gaussian the half-maximum points sit at ±1.18 sigma, so the full width at half maximum "
                "is 2.355 sigma, about 7 px for sigma 3. The kernel's 25 weights reach much further, but the "
                "outer ones are tiny and invisible. Sigma is the standard deviation of the spot, not its width.",
    key="nb05-fwhm",
)

# %% tags=["hide-output"]
spot = ndimage.gaussian_filter(impulse((41, 41)), sigma)
offsets = np.arange(41) - 20
rows, cols = np.meshgrid(offsets, offsets, indexing="ij")
centre_row = spot[20]
print(f"standard deviation of the spot along x: {np.sqrt(np.sum(spot * cols ** 2) / spot.sum()):.3f} px "
      f"(sigma = {sigma:g})")
print(f"pixels above half the peak along the centre row: {np.sum(centre_row >= centre_row.max() / 2)} "
      f"(2.355 * sigma = {2.355 * sigma:.2f} px)")
print(f"share of the spot's light within a circle of radius sigma:   "
      f"{spot[rows ** 2 + cols ** 2 <= sigma ** 2].sum():.1%}")
print(f"share of the spot's light within a circle of radius 2 sigma: "
      f"{spot[rows ** 2 + cols ** 2 <= (2 * sigma) ** 2].sum():.1%}")
print(f"continuous 2-D Gaussian, same circles: {1 - np.exp(-0.5):.1%} and {1 - np.exp(-2.0):.1%}; "
      f"1-D within ±sigma: {math.erf(1 / math.sqrt(2)):.1%}")
show_images([impulse((41, 41)), spot / spot.max()], ["one bright pixel", "blurred, sigma 3 (scaled to peak 1)"],
            alt="Two 41 by 41 pixel panels: a single white pixel on black, and the same pixel blurred with "
                "sigma 3, a soft round spot about 7 pixels across at half brightness.")

# %% [markdown]
# In 1-D, ±sigma holds 68 % of the weight (notebook 03). In 2-D a disc of radius sigma holds only about 39 %
# of the light (printed above): most of a blurred point lands *outside* one sigma. Rule of thumb: the visible
# spot is about 2.4 sigma across, and the blur reaches about 2 sigma in every direction.
#
# ### Which details survive?
#
# Stripes make the length scale concrete. We blur long rows of sine stripes of several periods (pixels per
# cycle) with sigma 3 and measure the amplitude that is left (1 at the start), as the ratio of the standard
# deviations after and before. We measure in the middle of each row, far from its ends, because what a filter
# does at the ends of an image is a topic of its own (notebook 06).

# %%
predict(
    "Sine stripes with a period of 8 px (dark-bright-dark over 8 pixels) are blurred with sigma = 3 px. "
    "What is left of their contrast?",
    options={
        "most of it (8 px is larger than sigma)": "a pattern larger than the blur seems safe from it",
        "about half": "the blur reaches about one stripe, so it seems to average half of it away",
        "almost nothing (about 6 %)": "right: a Gaussian multiplies a sine of period p by "
                                      "exp(-2 pi² sigma² / p²), 0.06 here",
    },
    answer="almost nothing (about 6 %)",
    explanation="A Gaussian multiplies a sine of period p by exp(-2 pi^2 sigma^2 / p^2). With sigma 3 that is "
                "6 % for p = 8 and 50 % only at p = 16. A period of 3 sigma (9 px) keeps only about a tenth "
                "of its contrast, finer details even less; a period of about 5 sigma keeps half.",
    key="nb05-stripes",
)

# %% tags=["hide-output"]
positions = np.arange(1152)  # the middle 576 samples hold a whole number of every period below
middle = slice(288, 864)
print("period (px)   amplitude left   exp(-2 pi^2 sigma^2 / p^2)")
stripes = {}
for period in (4, 8, 9, 16, 32, 64):
    wave = np.sin(2 * np.pi * positions / period)
    blurred_wave = ndimage.gaussian_filter1d(wave, sigma)
    stripes[period] = (wave[middle], blurred_wave[middle])
    theory = np.exp(-2 * np.pi ** 2 * sigma ** 2 / period ** 2)
    print(f"{period:11d}   {blurred_wave[middle].std() / wave[middle].std():14.3f}   {theory:26.3f}")
half_period = np.pi * np.sqrt(2 / np.log(2))  # exp(-2 pi^2 sigma^2 / p^2) = 1/2 solved for p / sigma
print(f"half the contrast is left at a period of {half_period:.2f} sigma = {half_period * sigma:.1f} px")
plot_profiles({"period 16, input": stripes[16][0][:64]}
              | {f"period {p}, blurred": stripes[p][1][:64] for p in (8, 16, 32)},
              xlabel="x (pixels)", title="sine stripes after a blur with sigma 3",
              alt="Line plot over 64 pixels: the input sine of period 16 swings from -1 to 1; after the blur "
                  "the period-32 stripes keep most of their swing, the period-16 stripes about half, and the "
                  "period-8 stripes are almost flat.")

# %% [markdown]
# The measured amplitudes follow the formula in the last column: a Gaussian blur is a low-pass filter
# (notebook 09 looks at it frequency by frequency). A period of a little over 5 sigma keeps half its
# contrast.
#
# ## 2. What a larger sigma buys, and what it costs
#
# A noisy crop of the camera image (noise std 0.1) serves this section and the next.

# %%
clean = sample("camera")[64:320, 128:384]
noise_std = 0.1
noisy = gaussian_noise(clean, noise_std, rng=0)
print(f"crop {clean.shape}, noise std {noise_std}, PSNR of the noisy crop "
      f"{metrics.psnr(clean, noisy, data_range=1.0):.2f} dB")

# %% [markdown]
# **The cost: edges widen.** The 10-90 % edge width (`metrics.edge_width`) is the distance over which a
# blurred step climbs from 10 % to 90 % of its height.

# %%
predict(
    "A step edge blurred with sigma 2 has a 10-90 % width of about 5 px. What happens to the width if you "
    "double sigma to 4?",
    options={
        "it halves": "a larger sigma sounds like a sharper, more concentrated kernel",
        "it stays about the same": "the step is still one step, and the edge seems to keep its size",
        "it doubles": "right: the blurred step crosses 10 % and 90 % at ±1.28 sigma",
        "it quadruples": "the variance, sigma squared, quadruples, and widths might follow it",
    },
    answer="it doubles",
    explanation="The blurred step is the Gaussian's cumulative curve, which crosses 10 % and 90 % at "
                "±1.28 sigma. The width is 2.56 sigma: proportional to sigma. (Variances add up, widths do "
                "not: the variance, sigma squared, quadruples.)",
    key="nb05-edge-width",
)

# %% tags=["hide-output"]
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
# the clean crop; for each sigma we also measure the edge width of a clean step blurred with it.

# %%
sigmas = np.round(np.arange(0.0, 5.01, 0.1), 2)
psnr_curve = np.array([metrics.psnr(clean, ndimage.gaussian_filter(noisy, s), data_range=1.0) for s in sigmas])
width_curve = np.array([metrics.edge_width(ndimage.gaussian_filter(step, s)[8]) for s in sigmas])
for s in (0.0, 0.6, 1.0, 1.6, 2.0, 4.0):
    k = int(np.argmin(np.abs(sigmas - s)))
    print(f"sigma {s:3.1f}: PSNR {psnr_curve[k]:5.2f} dB")
plot_curves(sigmas, {"blurred noisy crop": psnr_curve, "noisy crop (no blur)": np.full(sigmas.size, psnr_curve[0])},
            "sigma (pixels)", "PSNR against the clean crop (dB)", title="noise removed: PSNR rises, then falls",
            alt="PSNR against sigma from 0 to 5: the curve starts at 20 dB, rises steeply to a peak of 27 dB "
                "near sigma 0.9, then falls slowly to about 20 dB at sigma 5; a flat line marks the noisy "
                "crop's 20 dB.")

# %% [markdown]
# The PSNR rises quickly, peaks, then falls: past the peak, the filter removes more *image* than noise. Two
# sigmas on either side of the peak give the same PSNR, for example 0.6 and 1.6 (25.5 dB each, printed
# above).

# %%
predict(
    "Sigma 0.6 and sigma 1.6 give the noisy crop the same PSNR, 25.5 dB. How do the two results differ?",
    options={
        "they do not: equal PSNR means equal quality": "PSNR is the measure of quality used so far, so equal "
                                                       "numbers seem to mean equal images",
        "sigma 0.6 keeps edges about 2 px wide, but leaves more noise": "right: the same total error is split "
                                                                        "differently between noise and blur",
        "sigma 1.6 removes more noise and keeps edges as sharp": "more blur removes more noise, and 1.6 px "
                                                                 "sounds too small to hurt an edge",
    },
    answer="sigma 0.6 keeps edges about 2 px wide, but leaves more noise",
    explanation="PSNR adds every error into one number. At sigma 0.6 most of the error is noise left behind; "
                "at sigma 1.6 most of it is detail blurred away, with edges more than twice as wide (about "
                "4.2 px against 1.8 px). Plotting PSNR against edge width shows each sigma as one point: the "
                "curve climbs while the edge widens, then turns back down.",
    key="nb05-tradeoff",
)

# %% tags=["hide-output"]
best = int(np.argmax(psnr_curve))
pair = [int(np.argmin(np.abs(sigmas - s))) for s in (0.6, 1.6)]
for k in (pair[0], best, pair[1]):
    print(f"sigma {sigmas[k]:.1f}: PSNR {psnr_curve[k]:5.2f} dB, edge width {width_curve[k]:.2f} px")
plot_curves(width_curve, {"one point per sigma, 0 to 5 in steps of 0.1": psnr_curve},
            "10-90 % edge width of a blurred step (pixels)", "PSNR against the clean crop (dB)",
            mark={"sigma 0.6": round(float(width_curve[pair[0]]), 2),
                  f"sigma {sigmas[best]:.1f}, best PSNR": round(float(width_curve[best]), 2),
                  "sigma 1.6": round(float(width_curve[pair[1]]), 2)},
            title="the trade-off: noise removed against sharpness lost",
            alt="PSNR plotted against edge width, one point per sigma: the curve climbs from 20 dB at 0.8 px "
                "to its peak of 27 dB at 2.5 px, then falls as the edge keeps widening to 13 px. Dashed lines "
                "at 1.8 px (sigma 0.6) and 4.2 px (sigma 1.6) cut the curve at the same height, on either side "
                "of the peak.")

# %% [markdown]
# Read the picture from left to right: every step to the right is a wider edge. Up to the peak, each extra
# pixel of edge width buys PSNR (noise removed); after it, edge width is spent for nothing. The best sigma
# for PSNR still widens the edge to about three times its sharp width. When edges matter more than the
# remaining noise (measuring a boundary, reading text), choose a sigma left of the peak on purpose.

# %% [markdown]
# ## 3. Explore sigma
#
# The same noisy crop. Move the slider. From left to right: the noisy input; the blurred image, with row 128
# marked by a line; the **residual**, input minus blurred, which is what the blur
# removed (blue below 0, red above, white 0, on a colour bar); and row 128 before and after the blur. The
# title line reads out sigma, the kernel radius, the 10-90 % edge width that this sigma gives a clean step
# (a property of sigma alone, whatever the image), and the PSNR of the blurred crop against the clean one,
# beside that of the noisy input. Under the picture, a text description gives the same facts. (Without a
# running kernel you see a static picture for sigma 2.)

# %% tags=["nbval-ignore-output"]
sigma_explorer(noisy, sigmas=(0.0, 6.0, 0.25), sigma=2.0, row=128, reference=clean)

# %% [markdown]
# Things to try: find the PSNR peak of section 2 with the slider. At which sigma do the thin legs of the tripod disappear? From which
# sigma does the residual stop being even grain and show the outlines of the coat and the camera, detail the
# blur has removed along with the noise? And why does nothing seem to happen at sigma 0.25? Its kernel answers
# that:

# %%
print("sigma 0.25:", np.array2string(gaussian_kernel1d(0.25), precision=4, floatmode="fixed"))
print("sigma 0.5: ", np.array2string(gaussian_kernel1d(0.5), precision=4, floatmode="fixed"))

# %% [markdown]
# At sigma 0.25 the neighbours get almost no weight: the filter is practically the identity. A visible blur
# starts around sigma 0.5, where each neighbour gets about a tenth of the weight.
#
# ## 4. The best sigma: with and without the clean image
#
# **The oracle.** With the clean image we can simply try every sigma and keep the one with the highest PSNR
# (`metrics.best_sigma`). In a real photograph there is no clean image, so this is only possible in a
# simulation.
#
# **A filter is a matrix.** To choose without the clean image we need one more way of looking at a filter.
# A linear filter (a weighted sum, like the Gaussian) turns the N pixel values of an image into N new ones;
# written as vectors, `blurred = A @ image` for an N×N matrix `A`. Row `i` of `A` holds the weights that
# output pixel `i` gives every input pixel, and column `j` is what the filter makes of an image that is 1 at
# pixel `j` and 0 elsewhere. On a row of 8 pixels:

# %%
A = ndimage.gaussian_filter1d(np.eye(8), 1.0, axis=0)  # column j: the filtered unit vector e_j
y = np.random.default_rng(1).random(8)
print("A for sigma 1 on 8 pixels (2 decimals):")
print(np.array2string(A, precision=2, floatmode="fixed", suppress_small=True))
print(f"A @ y equals gaussian_filter1d(y, 1.0): {np.allclose(A @ y, ndimage.gaussian_filter1d(y, 1.0))}")
print("diagonal of A (the weight each pixel gives itself):", np.array2string(np.diag(A), precision=3))
print(f"centre weight of the 1-D kernel: {gaussian_kernel1d(1.0)[4]:.3f}; of the 2-D kernel: "
      f"{gaussian_kernel2d(1.0)[4, 4]:.3f}")

# %% [markdown]
# The **diagonal** of `A` is the weight each pixel keeps of *itself*: the kernel's centre weight, except near
# the ends, where the way the filter treats the border (notebook 06) adds some more. Its sum is the
# **trace**, `trace(A)`. For a 2-D Gaussian on an image of N pixels, `trace(A) / N` is about the 2-D centre
# weight.
#
# **SURE.** Stein's unbiased risk estimate needs only the noisy image `y` and the noise level `s`:
#
# $$\mathrm{SURE}(\sigma) = \frac{1}{N}\lVert y - A y\rVert^2 - s^2 + \frac{2 s^2}{N}\,\mathrm{trace}(A)$$
#
# Its expected value equals the true mean squared error against the unknown clean image. The first term says
# how much the filter changed the image (more blur, bigger change). The trace term is the price of noise left
# behind: a pixel that keeps a large share of itself keeps a large share of its own noise. `metrics.sure_risk`
# computes it (the trace exactly, border included) and `metrics.sure_sigma` picks the sigma with the smallest
# estimate.

# %%
oracle_sigma, oracle_psnr = metrics.best_sigma(clean, noisy, sigmas)
sure_choice, sure_mse = metrics.sure_sigma(noisy, noise_std, sigmas)
sure_choice_psnr = metrics.psnr(clean, ndimage.gaussian_filter(noisy, sure_choice), data_range=1.0)
print(f"oracle: sigma {oracle_sigma:.1f}, PSNR {oracle_psnr:.2f} dB (needs the clean image)")
print(f"SURE:   sigma {sure_choice:.1f}, PSNR {sure_choice_psnr:.2f} dB (noisy image and noise std only)")
sure_curve = np.array([10 * np.log10(1 / metrics.sure_risk(noisy, noise_std, s)) for s in sigmas])
print(f"largest gap between the SURE estimate and the true PSNR over all sigmas: "
      f"{np.abs(sure_curve - psnr_curve).max():.2f} dB")
plot_curves(sigmas, {"true PSNR (needs the clean image)": psnr_curve, "SURE estimate (noisy image only)": sure_curve},
            "sigma (pixels)", "PSNR (dB)", mark={"oracle": oracle_sigma, "SURE": sure_choice},
            alt="Two curves of PSNR against sigma that lie on top of each other: the true PSNR and SURE's "
                "estimate, both peaking at sigma 0.9, where two dashed lines mark the oracle's and SURE's "
                "choice.")

# %% [markdown]
# The two curves lie on top of each other. Does the best sigma depend on the noise level, and on the picture?

# %%
predict(
    "The smooth moon image and the textured grass image get the same noise (std 0.1). Which one wants the "
    "larger sigma?",
    options={
        "the same sigma: it depends only on the noise": "the filter is there to remove noise, and the noise "
                                                        "is the same",
        "grass (more texture, more to smooth)": "a busy image looks as if it needs more smoothing",
        "moon (a smooth surface has little fine structure)": "right: a smooth image has little fine detail to "
                                                           "lose, so a large sigma is cheap",
    },
    answer="moon (a smooth surface has little fine structure)",
    explanation="The best sigma balances the noise removed against the detail destroyed. A smooth image has "
                "little fine detail to lose, so a large sigma is cheap; a textured image loses real content "
                "with every extra pixel of blur. A rule based on the noise level alone cannot know that.",
    key="nb05-which-image",
)

# %% tags=["hide-output"]
candidates = np.round(np.arange(0.0, 6.01, 0.25), 2)
crops = {name: sample(name)[:256, :256] for name in ("camera", "moon", "grass")}
print("image    noise   oracle sigma   SURE sigma   PSNR loss of SURE")
for name, image in crops.items():
    for level in (0.05, 0.1, 0.2):
        y = gaussian_noise(image, level, rng=1)
        o_sigma, o_psnr = metrics.best_sigma(image, y, candidates)
        s_sigma, _ = metrics.sure_sigma(y, level, candidates)
        s_psnr = metrics.psnr(image, ndimage.gaussian_filter(y, s_sigma), data_range=1.0)
        print(f"{name:7s}  {level:5.2f}   {o_sigma:12.2f}   {s_sigma:10.2f}   {o_psnr - s_psnr:14.3f} dB")

# %% [markdown]
# More noise wants more blur, and the same noise wants much more blur on the smooth moon than on the grass.
# SURE tracks the oracle from the noisy image alone; the PSNR it gives away is in the last column.
#
# ## 5. The noise level, estimated from the image
#
# SURE needs the noise std `s`. Sometimes it is known (a camera's data sheet, a calibration with a flat grey
# target); often it is not, and it has to be estimated from the noisy image itself. Two classic ways:
#
# **Flat patches.** Cut the image into 8×8 tiles and compute the standard deviation of each. A tile where the
# picture is flat holds only noise, so its standard deviation measures the noise level. The method takes the
# flattest tiles, for example the 10th percentile of all tile values
# (`metrics.noise_std_flat(..., calibrated=False)`).

# %%
predict(
    "The moon image (large flat areas) gets noise of std 0.1. What does the 10th percentile of the 8x8 tiles' "
    "standard deviations come out as?",
    options={
        "0.10, the noise std": "a flat tile holds nothing but noise, so its spread is the noise level",
        "clearly less than 0.10 (about 0.09)": "right: the flattest tiles are partly those whose noise "
                                               "happened to come out low",
        "clearly more than 0.10 (about 0.11)": "even the flattest tiles of a photograph hold a little of the "
                                               "picture, which adds to their spread",
    },
    answer="clearly less than 0.10 (about 0.09)",
    explanation="The standard deviation of 64 noisy pixels scatters by about 9 % around the true value. Picking "
                "the lowest tenth of the tiles picks the tiles whose noise came out low by chance, so the "
                "estimate is biased low by about 11 %. The fix is to divide by the same percentile measured "
                "on pure noise of std 1.",
    key="nb05-flat-patches",
)

# %% tags=["hide-output"]
moon_noisy = gaussian_noise(sample("moon"), 0.1, rng=2)
pure_noise = gaussian_noise(np.zeros((512, 512)), 1.0, rng=3)
factor = metrics.noise_std_flat(pure_noise, calibrated=False)
tile_stds = pure_noise.reshape(64, 8, 64, 8).std(axis=(1, 3), ddof=1)
print(f"pure noise of std 1: the 4096 tiles' standard deviations scatter by {tile_stds.std():.3f} around "
      f"{tile_stds.mean():.3f}")
print(f"moon, noise std 0.1: 10th percentile of the tiles {metrics.noise_std_flat(moon_noisy, calibrated=False):.4f}")
print(f"the same on pure noise of std 1: {factor:.4f}  (the flattest tenth is low by chance)")
print(f"moon estimate divided by it: {metrics.noise_std_flat(moon_noisy, calibrated=False) / factor:.4f}; "
      f"metrics.noise_std_flat (calibrated with the chi distribution): {metrics.noise_std_flat(moon_noisy):.4f}")

# %% [markdown]
# **A high-pass residual.** The other way does not look for flat places: it removes the picture everywhere
# and measures what is left. Correlate the image with a kernel whose weights sum to 0: flat regions and
# smooth ramps vanish, the noise stays. `metrics.SECOND_DIFFERENCE`, the outer product of `[1, -2, 1]` with
# itself, cancels anything constant or linear along either axis. The noise in the residual is a weighted sum
# of independent noise values, so its standard deviation is `s * sqrt(sum(weights²))` (notebook 02), and the
# weights are known. Edges still leave a few large residual values. The **median absolute deviation** (MAD,
# the median distance from the median) ignores them, where the standard deviation would not; for normal data,
# MAD = 0.6745 × std. `metrics.noise_std_mad` does all that, on the pixels where the kernel fits inside the
# image. Below, both are tried at two noise levels: at the low one the edges matter.

# %%
gain = np.sqrt(np.sum(metrics.SECOND_DIFFERENCE ** 2))
print("kernel:", metrics.SECOND_DIFFERENCE.tolist(), f"sqrt(sum of squares) = {gain:.0f}")
residuals_by_level = {}
for level in (0.1, 0.02):
    y = noisy if level == 0.1 else gaussian_noise(clean, level, rng=0)
    res = ndimage.correlate(y, metrics.SECOND_DIFFERENCE)[1:-1, 1:-1]
    residuals_by_level[level] = res
    print(f"camera crop, noise std {level}: MAD / 0.6745 / {gain:.0f} = {metrics.noise_std_mad(y):.4f}, "
          f"std / {gain:.0f} = {res.std() / gain:.4f}")
show_images([noisy, residuals_by_level[0.1], residuals_by_level[0.02]],
            ["noisy crop, noise std 0.1", "its residual", "residual at noise std 0.02"],
            alt="Three panels. Left: the noisy camera crop. Middle: its high-pass residual in a blue-white-red "
                "colour map centred on 0 with a colour bar: fine grain everywhere, the picture is gone. Right: "
                "the residual of a less noisy copy (std 0.02) on its own colour bar: now the outlines of the "
                "coat, the face and the camera stand out as the largest values.")

# %% [markdown]
# Both methods on scikit-image's test images, at two noise levels. The last column runs SURE with the MAD
# estimate instead of the true noise level and gives the PSNR lost against the oracle:

# %%
blur_residual = -gaussian_kernel2d(1.0)
blur_residual[4, 4] += 1.0  # the image minus its blur, as one kernel that sums to 0
print("image   true   MAD (2nd diff.)   MAD (image - blur)   flat tiles, raw   calibrated   SURE loss with MAD")
for name in ("moon", "camera", "coins", "grass"):
    image = sample(name)[:256, :256]
    for level in (0.05, 0.1):
        y = gaussian_noise(image, level, rng=4)
        estimate = metrics.noise_std_mad(y)
        o_sigma, o_psnr = metrics.best_sigma(image, y, candidates)
        s_sigma, _ = metrics.sure_sigma(y, estimate, candidates)
        loss = o_psnr - metrics.psnr(image, ndimage.gaussian_filter(y, s_sigma), data_range=1.0)
        print(f"{name:6s}  {level:4.2f}   {estimate:15.4f}   {metrics.noise_std_mad(y, blur_residual):18.4f}   "
              f"{metrics.noise_std_flat(y, calibrated=False):15.4f}   {metrics.noise_std_flat(y):10.4f}   "
              f"{loss:15.2f} dB")

# %% [markdown]
# The second-difference MAD is within a few percent of the truth on every image with smooth regions; the
# image-minus-blur residual keeps more of the picture and reads higher. The raw flat-tile value is about
# 11 % low, the calibrated one close. On the textured grass every method reads too high: its fine texture
# survives any high-pass and it has no flat tiles, so texture is counted as noise. How much does such an error
# cost when SURE uses it?

# %%
predict(
    "On the camera crop (true noise std 0.1), SURE is given a wrong noise std: half the truth (0.05), or "
    "double (0.2). Which mistake costs more PSNR?",
    options={
        "both the same: each is off by a factor of 2": "the two mistakes are equally large, so their costs "
                                                       "seem equal too",
        "double: too much blur destroys detail": "blurring away detail seems worse than leaving some noise",
        "half: too little blur leaves much of the noise": "right: the PSNR curve is steep below the best "
                                                          "sigma and flat above it",
    },
    answer="half: too little blur leaves much of the noise",
    explanation="An assumed noise level that is too low makes the trace term too cheap, so SURE picks a small "
                "sigma; too high a level makes it pick a large one. The PSNR curve rises steeply from sigma 0 "
                "to its peak and falls slowly after it, so the same factor of 2 costs about 5.6 dB on the small "
                "side and 2.7 dB on the large side here. On the smooth moon the asymmetry is stronger still; on "
                "the textured grass, whose best sigma is small, the two cost about the same.",
    key="nb05-wrong-noise",
)

# %% tags=["hide-output"]
assumed = np.array([0.05, 0.08, 0.1, 0.12, 0.15, 0.2])
losses = {}
for name, image, y in (("camera crop", clean, noisy),
                       ("moon", crops["moon"], gaussian_noise(crops["moon"], 0.1, rng=0)),
                       ("grass", crops["grass"], gaussian_noise(crops["grass"], 0.1, rng=0))):
    o_sigma, o_psnr = metrics.best_sigma(image, y, sigmas)
    chosen = [metrics.sure_sigma(y, a, sigmas)[0] for a in assumed]
    losses[name] = np.array([o_psnr - metrics.psnr(image, ndimage.gaussian_filter(y, s), data_range=1.0)
                             for s in chosen])
    print(f"{name:11s} oracle sigma {o_sigma:.1f}; SURE's sigma for an assumed std of "
          + ", ".join(f"{a:g}: {s:.1f}" for a, s in zip(assumed, chosen, strict=True)))
print("PSNR lost against the oracle (dB), assumed std 0.05 ... 0.2:")
for name, loss in losses.items():
    print(f"  {name:11s}" + "".join(f"{v:7.2f}" for v in loss))
plot_curves(assumed, losses, "noise std given to SURE (the truth is 0.1)", "PSNR lost against the oracle (dB)",
            mark={"true noise std": 0.1}, title="SURE with a wrong noise level",
            alt="PSNR lost against the noise std given to SURE, for the camera crop, the moon and the grass: "
                "every curve is 0 at the true value 0.1; below it the camera crop and especially the moon lose "
                "several decibels, above it all three lose at most about 3 dB.")

# %% [markdown]
# Measured here: assuming 0.08 instead of 0.1 costs the camera crop about 1.5 dB, assuming 0.05 about 5.6 dB;
# the moon loses far more, 8.5 dB already at 0.08. An underestimated noise level is the expensive mistake for
# images with smooth regions: when unsure, err high. With the MAD estimate of the table above, SURE stayed
# within 0.6 dB of the oracle on all four images (its last column).
#
# ## 6. Over-blurring, made visible
#
# A single PSNR number hides *what* is lost. Here is the crop at half, exactly, twice and four times the
# oracle's sigma, and below each the **residual** `noisy - blurred`: what the filter took away. Pure noise in
# the residual is what we want removed; every outline of the picture that shows up there is image that the
# filter removed too.

# %%
factors = (0.5, 1.0, 2.0, 4.0)
blurs = [ndimage.gaussian_filter(noisy, f * oracle_sigma) for f in factors]
titles = [f"sigma {f * oracle_sigma:.2f}: {metrics.psnr(clean, b, data_range=1.0):.2f} dB"
          for f, b in zip(factors, blurs, strict=True)]
for title in titles:
    print(title)
show_images(blurs, titles,
            alt="The noisy crop blurred with four sigmas, 0.45, 0.9, 1.8 and 3.6: noise fades from left to right "
                "while the tripod legs and the face blur more and more.")

# %%
residuals = [noisy - b for b in blurs]
limit = max(float(np.abs(res).max()) for res in residuals)
print("residual std: " + ", ".join(f"{res.std():.3f}" for res in residuals) + f" (noise std {noise_std})")
print("correlation of the residual with the clean crop: "
      + ", ".join(f"{np.corrcoef(res.ravel(), clean.ravel())[0, 1]:+.3f}" for res in residuals))
show_images(residuals, [f"residual, sigma {f * oracle_sigma:.2f}" for f in factors], vmin=-limit, vmax=limit,
            ncols=2,
            alt="Four residuals, noisy minus blurred, in a blue-white-red colour map centred on 0 with colour "
                "bars: at sigma 0.45 they are fine grain only; from sigma 1.8 on, red and blue outlines of the "
                "cameraman, his coat and the camera appear, and at sigma 3.6 the whole figure shows.")

# %% [markdown]
# Faint outlines are there even at the best sigma, and they grow with sigma: at four times the best sigma the
# residual clearly shows the cameraman and his camera, structure the filter has taken out of the image. The
# two printed numbers tell the same story without looking: the residual's standard deviation grows past the
# noise std, and its correlation with the clean image, zero for pure noise, grows as more of the picture ends
# up in the residual. Even at the best sigma the correlation is not zero: the best Gaussian already takes a
# little image away with the noise. That is the trade-off of section 2, and the reason edge-preserving filters
# exist (notebook 09).
#
# ## 7. A sigma per axis, and sigma in physical units
#
# `sigma` may be one number per axis, **in axis order: (rows, columns) = (y, x)**. `sigma=(0, 4)` leaves the
# rows axis alone and blurs along x only (an axis with sigma 0 is skipped): vertical edges smear, horizontal
# ones stay sharp, like the motion blur of a camera moving sideways.

# %%
crop = sample("camera")[64:320, 128:384]
along_x = ndimage.gaussian_filter(crop, sigma=(0, 4))
print(f"sigma=(0, 4) equals one gaussian_filter1d along axis 1 (axis 0 skipped): "
      f"{np.array_equal(along_x, ndimage.gaussian_filter1d(crop, 4, axis=1))}")
show_images([crop, along_x, ndimage.gaussian_filter(crop, sigma=(4, 0))],
            ["original", "sigma=(0, 4): along x", "sigma=(4, 0): along y"],
            alt="The camera crop three times: sharp; blurred along x only, where the vertical tripod legs smear "
                "sideways while the horizon stays sharp; and blurred along y only, where the opposite happens.")

# %% [markdown]
# **Sigma depends on the resolution.** Because sigma is counted in pixels, the *same* physical blur needs
# half the sigma on an image with half the resolution. Blur the 512×512 camera image with sigma 4 and keep
# every second pixel, or first shrink it to 256×256 (average 2×2 blocks) and blur with sigma 2:

# %%
camera = sample("camera")
big_then_small = ndimage.gaussian_filter(camera, 4.0)[::2, ::2]
small_then_blur = ndimage.gaussian_filter(camera.reshape(256, 2, 256, 2).mean(axis=(1, 3)), 2.0)
difference = np.abs(big_then_small - small_then_blur)
print(f"mean |difference| {difference.mean():.4f}, largest {difference.max():.3f} (grey range 0..1)")

# %% [markdown]
# The two agree to a fraction of a percent on average (the block average and the sampling offset explain the
# rest). So a blur is best specified in physical units (micrometres, millimetres, arc-seconds) and converted
# to pixels with the pixel size. Microscopes and CT scanners often record 3-D stacks whose voxels are not
# cubes: the slices lie further apart than the pixels within a slice.

# %%
predict(
    "A microscope stack has 0.2 µm pixels within each slice and 1 µm between slices; its axes are (z, y, x). "
    "You want a blur of 1 µm in every direction. Which sigma do you pass to gaussian_filter?",
    options={
        "sigma=1": "the blur we want is 1, so it seems the number to pass",
        "sigma=5": "5 pixels of 0.2 µm make 1 µm",
        "sigma=(1, 5, 5)": "right: 1 µm is 1 slice along z and 5 pixels along y and x",
        "sigma=(5, 1, 1)": "the thick slices seem to need the larger number",
    },
    answer="sigma=(1, 5, 5)",
    explanation="SciPy counts sigma in pixels along each axis, so divide the physical sigma by the pixel size of "
                "each axis: 1 µm / 1 µm = 1 slice along z, 1 µm / 0.2 µm = 5 pixels along y and x. sigma=1 blurs "
                "only 0.2 µm within the slices; sigma=5 blurs 5 µm between them.",
    key="nb05-physical",
)

# %% tags=["hide-output"]
spacing = (1.0, 0.2, 0.2)  # micrometres per pixel along (z, y, x)
print(f"sigma_in_pixels(1.0, {spacing}) = {sigma_in_pixels(1.0, spacing)}")
point = impulse((41, 101, 101))  # 41 um deep, 20 um wide
spots = {label: ndimage.gaussian_filter(point, s) for label, s in
         (("sigma=1", 1.0), ("sigma=5", 5.0), ("sigma=(1, 5, 5)", sigma_in_pixels(1.0, spacing)))}
for label, vol in spots.items():
    spread = []
    for axis, step_um in enumerate(spacing):
        profile = vol.sum(axis=tuple(a for a in range(3) if a != axis))
        x = (np.arange(profile.size) - profile.size // 2) * step_um
        spread.append(np.sqrt(np.sum(profile * x ** 2) / profile.sum()))
    print(f"{label:16s} spread of the blurred point: z {spread[0]:.2f} µm, y {spread[1]:.2f} µm, "
          f"x {spread[2]:.2f} µm")
# The middle 21 slices of an x-z section in true proportions: each slice drawn 5 pixels tall (1 um = 5 pixels).
show_images([np.repeat(vol[10:31, 50, :] / vol.max(), 5, axis=0) for vol in spots.values()], list(spots),
            alt="Three x-z slices through a blurred point, drawn in true proportions (about 20 µm square), "
                "depth downwards. sigma=1 gives a short, thin upright dash, sigma=5 a long upright streak, "
                "and only sigma=(1, 5, 5) a roughly round spot, blocky from top to bottom because each slice is "
                "drawn 5 pixels tall.")

# %% [markdown]
# (x runs across, depth z downwards.) Only the per-axis sigma gives a round spot: the same 1 µm in every direction. `sigma=1` blurs 0.2 µm within
# the slices but 1 µm across them, a thin upright dash; `sigma=5` blurs the right 1 µm within the slices but
# smears 5 µm across them. `gausslearn.kernels.sigma_in_pixels(sigma_um, spacing_um)` does the division per
# axis.
#
# ### A trap: a negative sigma is silently ignored
#
# A sigma is a length, so it cannot be negative. `scipy.ndimage.gaussian_filter` does not complain, though: it
# skips any axis whose sigma is negative (or NaN) and returns that axis unfiltered, so a sign error gives an
# image that is simply not blurred, without any message. `gaussian_filter1d` raises for a clearly negative
# sigma, but only because the kernel radius `int(4 * sigma + 0.5)` turns negative: -0.1 (radius 0) passes
# silently there too. The course's own `gausslearn.filters.gaussian_filter` refuses every negative sigma:

# %%
board = step_edge((32, 32))
print(f"ndimage.gaussian_filter(image, -2) returns the input unchanged: "
      f"{np.array_equal(ndimage.gaussian_filter(board, -2.0), board)}")
print(f"ndimage.gaussian_filter(image, (-2, 2)) blurs only along x: "
      f"{np.array_equal(ndimage.gaussian_filter(board, (-2.0, 2.0)), ndimage.gaussian_filter1d(board, 2.0, axis=1))}")
try:
    ndimage.gaussian_filter1d(board, -2.0)
except ValueError as error:
    print(f"ndimage.gaussian_filter1d(image, -2): ValueError: {error}")
print(f"ndimage.gaussian_filter1d(image, -0.1) returns the input unchanged: "
      f"{np.array_equal(ndimage.gaussian_filter1d(board, -0.1), board)}")
try:
    filters.gaussian_filter(board, -2.0)
except ValueError as error:
    print(f"gausslearn.filters.gaussian_filter: ValueError: {error}")

# %% [markdown]
# ## Key points
#
# - Sigma is a length in pixels: a blurred point is a spot with standard deviation sigma, about 2.4 sigma
#   across at half maximum; a pattern with a period of about 5 sigma keeps half its contrast, one of 3 sigma
#   only about a tenth.
# - The 10-90 % edge width grows as 2.56 sigma while the PSNR rises, peaks and falls. Plotted against each
#   other they show the trade-off: two sigmas with the same PSNR split the error differently between noise
#   left and detail lost.
# - A linear filter is a matrix; the diagonal is what each pixel keeps of itself. SURE uses its trace to pick
#   nearly the oracle's sigma from the noisy image and the noise std; the best sigma depends on noise level
#   *and* image.
# - The noise std can be estimated from the image: the MAD of a second-difference residual, or the flattest
#   tiles (calibrated, because the flattest tiles are low by chance). Texture reads as noise. Underestimating
#   the noise costs SURE far more than overestimating it on images with smooth regions (5.6 dB against
#   2.7 dB for a factor of 2 here).
# - Over-blurring shows in the residual `noisy - blurred`: the stronger the picture's outlines there, the more
#   image the filter removed.
# - `sigma=(sy, sx)` is per axis, in (rows, columns) order; a 0 skips that axis. For non-square pixels or
#   voxels divide a physical sigma by each axis's pixel size (`sigma_in_pixels`). SciPy silently skips a
#   *negative* sigma: check your signs.
#
# **Exercise:** [Exercise 5: choose sigma from the noise](../exercises/ex05_sigma.ipynb). **Next:**
# [06 · Borders](06_borders.ipynb).
