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
# # 09 · Beyond the Gaussian: when not to use it, and what it builds
#
# **Questions**
# - When is a Gaussian blur the wrong tool, and what works better?
# - How does a blur become a sharpening filter?
# - How is a Gaussian blur related to the convolution layers of neural networks?
#
# **Objectives**
# - Compare a Gaussian with a median filter and a bilateral filter on different kinds of noise, using PSNR and
#   edge width, and pick the filter that suits the noise.
# - Set the border mode of scikit-image's restoration functions so that it means what you intend.
# - Sharpen an image with unsharp masking, and predict what happens at its edges.
# - Write a convolution layer in NumPy, use a Gaussian as its kernel, and state how its padding relates to
#   SciPy's border modes.
#
# **Time:** about 35 minutes (17 code cells and 3 predict-first prompts).
#
# **Prerequisites:** [02 · Noise](02_noise.ipynb) (salt and pepper, PSNR), [05 · Sigma](05_sigma.ipynb)
# (edge width, choosing sigma), [06 · Borders](06_borders.ipynb) (border modes and their names in each library).

# %%
# %matplotlib inline
import inspect

import numpy as np
import skimage.filters
import skimage.restoration
from scipy import ndimage

from gausslearn import metrics
from gausslearn.borders import pad
from gausslearn.images import sample, step_edge
from gausslearn.kernels import gaussian_kernel1d, gaussian_kernel2d
from gausslearn.noise import gaussian_noise, salt_and_pepper
from gausslearn.plotting import plot_profiles, show_images
from gausslearn.widgets import predict

np.set_printoptions(linewidth=110)

# %% [markdown]
# ## 1. When not to use a Gaussian
#
# ### Salt-and-pepper noise
#
# Some sensors and transmissions produce **impulse** noise: a few pixels replaced by pure black or white
# (notebook 02). A Gaussian blur replaces each pixel by a *weighted mean* of its neighbourhood. A **median
# filter** replaces it by the *median* of its neighbourhood instead: sort the values of the window and take
# the middle one. `ndimage.median_filter(image, size=3)` does it over 3×3 windows.

# %%
clean = sample("camera")[64:320, 128:384]
impulses = salt_and_pepper(clean, 0.05, rng=0)
print(f"{np.mean(impulses != clean):.1%} of the pixels replaced by 0 or 1; "
      f"PSNR {metrics.psnr(clean, impulses, data_range=1.0):.2f} dB")

# %%
predict(
    "5 % of the pixels are salt and pepper. Which gives the higher PSNR: the BEST Gaussian blur (sigma chosen "
    "with the clean image) or a plain 3×3 median filter?",
    options={
        "the best Gaussian": "its sigma is tuned on the clean image, while the median's size is not tuned at all",
        "about the same": "both replace a pixel by a summary of a small neighbourhood",
        "the 3×3 median, by several dB": "one or two extreme values in a window cannot move its middle value",
    },
    answer="the 3×3 median, by several dB",
    explanation="An impulse is an outlier. A weighted average lets every outlier through, spread into a grey "
                "blob, so the Gaussian must blur hard to dilute it. In a 3×3 window with one or two impulses "
                "the median is still one of the clean values, so the impulse simply disappears.",
    key="nb09-median",
)

# %% tags=["hide-output"]
sigmas = np.round(np.arange(0.25, 4.01, 0.25), 2)
gauss_noisy = gaussian_noise(clean, 0.1, rng=0)
print("noise                 noisy    best Gaussian (sigma)    median 3x3   median 5x5   (PSNR, dB)")
results = {}
for label, noisy in (("salt and pepper 5 %", impulses), ("Gaussian, std 0.1", gauss_noisy)):
    best_s, best_db = metrics.best_sigma(clean, noisy, sigmas)
    med3 = ndimage.median_filter(noisy, size=3)
    med5 = ndimage.median_filter(noisy, size=5)
    results[label] = (ndimage.gaussian_filter(noisy, best_s), med3)
    print(f"{label:20s}  {metrics.psnr(clean, noisy, data_range=1.0):5.2f}    {best_db:5.2f} ({best_s:4.2f})"
          f"             {metrics.psnr(clean, med3, data_range=1.0):5.2f}        {metrics.psnr(clean, med5, data_range=1.0):5.2f}")

# %% tags=["hide-output"]
show_images([impulses, results["salt and pepper 5 %"][0], results["salt and pepper 5 %"][1]],
            ["salt and pepper", "best Gaussian", "median 3×3"],
            alt="Three panels of the camera crop: with 5 % salt-and-pepper dots; after the best Gaussian, "
                "blurred with the dots smeared into grey blotches; after a 3×3 median, sharp and almost free of "
                "dots.")

# %% [markdown]
# The table cuts both ways: on impulse noise the median wins clearly; on Gaussian noise the best Gaussian beats
# the median. Match the filter to the noise. (The median is non-linear: it is not a convolution, has no kernel
# and no frequency response, and it is not separable.)
#
# ### Keeping edges: the bilateral filter
#
# A Gaussian averages across an edge as readily as along it. A **bilateral** filter multiplies the spatial
# Gaussian weight by a second Gaussian of the *value difference*: a neighbour on the other side of an edge
# (very different value) gets almost no weight. scikit-image has one, `skimage.restoration.denoise_bilateral`.
# Its border mode is not SciPy's default:

# %%
default_mode = inspect.signature(skimage.restoration.denoise_bilateral).parameters["mode"].default
print(f"denoise_bilateral's default mode: {default_mode!r}; gaussian_filter's: "
      f"{inspect.signature(ndimage.gaussian_filter).parameters['mode'].default!r}")

# %%
predict(
    "We want denoise_bilateral to handle the border like gaussian_filter's default and pass mode='reflect'. "
    "How does denoise_bilateral extend the row [1 2 3 ...] to the left with mode='reflect'?",
    options={
        "2 1 | 1 2 3, as SciPy's 'reflect'": "scikit-image builds on SciPy, so one mode name should mean one thing",
        "3 2 | 1 2 3, the edge sample not repeated": "scikit-image's restoration functions take numpy.pad's "
                                                     "names, and numpy's 'reflect' mirrors about the edge sample",
        "1 1 | 1 2 3, the edge sample repeated": "reflecting at a wall might just continue the edge value "
                                                 "outwards",
    },
    answer="3 2 | 1 2 3, the edge sample not repeated",
    explanation="skimage.restoration (like skimage.transform) documents its modes as numpy.pad's and translates "
                "them: numpy's 'reflect' is SciPy's 'mirror', and SciPy's 'reflect' is numpy's 'symmetric'. "
                "Only skimage.filters passes SciPy's names straight through.",
    key="nb09-bilateral-mode",
)

# %% [markdown]
# The check: pad the image ourselves with each SciPy mode (`borders.pad`), filter it with zeros outside, crop
# the padding off again, and compare with `denoise_bilateral(..., mode=...)`.

# %% tags=["hide-output"]
patch = np.random.default_rng(0).random((20, 24))
margin = 8  # wider than the bilateral window's reach (3 * sigma_spatial)
for sk_mode in ("reflect", "symmetric"):
    direct = skimage.restoration.denoise_bilateral(patch, sigma_color=0.2, sigma_spatial=2, mode=sk_mode)
    for scipy_mode in ("reflect", "mirror"):
        padded = skimage.restoration.denoise_bilateral(pad(patch, margin, scipy_mode), sigma_color=0.2,
                                                       sigma_spatial=2)
        same = np.array_equal(direct, padded[margin:-margin, margin:-margin])
        print(f"denoise_bilateral(mode={sk_mode!r:11s}) == padded with SciPy's {scipy_mode!r:9s}: {same}")
print(f"numpy.pad([1, 2, 3], 2, 'reflect') = {np.pad([1, 2, 3], 2, mode='reflect')}; "
      f"SciPy 'mirror' = {pad(np.array([1, 2, 3]), 2, 'mirror')}")

# %% [markdown]
# So to match SciPy's `reflect`, pass `mode="symmetric"` to `denoise_bilateral` (and to `skimage.transform`'s
# `resize`, `rescale` and `warp`); pass `mode="reflect"` to `skimage.filters.gaussian`, which uses SciPy's
# names. Notebook 06's naming table has a column for each.
#
# Now the comparison. We compare the bilateral filter with the Gaussian that leaves the **same** noise in
# flat areas, on a noisy step edge.

# %%
step = step_edge((64, 128))
noisy_step = gaussian_noise(step, 0.1, rng=0)
bilateral = skimage.restoration.denoise_bilateral(noisy_step, sigma_color=0.2, sigma_spatial=3, mode="symmetric")
flat = (slice(None), slice(8, 48))  # a flat part, left of the edge at column 64
target = bilateral[flat].std()
matching = next(s for s in np.arange(0.25, 6.01, 0.05) if ndimage.gaussian_filter(noisy_step, s)[flat].std() <= target)
gauss_step = ndimage.gaussian_filter(noisy_step, matching)
print(f"noise left in the flat part: bilateral {target:.4f}, Gaussian sigma {matching:.2f} "
      f"{gauss_step[flat].std():.4f}")
centre = slice(32, 96)  # away from the image borders; rows averaged, so the edge profile is clean
for label, result in (("noisy", noisy_step), ("Gaussian", gauss_step), ("bilateral", bilateral)):
    print(f"{label:9s}: 10-90 % edge width {metrics.edge_width(result.mean(axis=0)[centre]):5.2f} px, "
          f"PSNR {metrics.psnr(step, result, data_range=1.0):5.2f} dB")

# %%
plot_profiles({"noisy (row 32)": noisy_step[32, 48:80], f"Gaussian, sigma {matching:.2f}": gauss_step[32, 48:80],
               "bilateral": bilateral[32, 48:80]}, xlabel="column - 48", title="one row across the edge",
              alt="One image row across a step from 0 to 1: the noisy row jumps in one pixel with noise on "
                  "both sides; the Gaussian rises gradually over about five pixels; the bilateral filter "
                  "jumps in one pixel like the input, with far less noise.")

# %% [markdown]
# Same noise reduction, but the bilateral filter keeps the edge about as sharp as the input while the Gaussian
# widens it. The price: the bilateral filter is non-linear and slower, and its `sigma_color` must suit the
# noise (too large and it becomes a Gaussian; too small and it removes nothing).
#
# On a photograph:

# %%
photo_bilateral = skimage.restoration.denoise_bilateral(gauss_noisy, sigma_color=0.15, sigma_spatial=2,
                                                        mode="symmetric")
photo_gauss = results["Gaussian, std 0.1"][0]
photo_nlm = skimage.restoration.denoise_nl_means(gauss_noisy, h=0.08, sigma=0.1, patch_size=5, patch_distance=6,
                                                 fast_mode=True)
for label, result in (("best Gaussian", photo_gauss), ("bilateral", photo_bilateral),
                      ("non-local means", photo_nlm)):
    print(f"camera crop, noise 0.1, {label:15s}: {metrics.psnr(clean, result, data_range=1.0):.2f} dB")

# %%
show_images([photo_gauss, photo_bilateral, photo_nlm], ["best Gaussian", "bilateral", "non-local means"],
            alt="Three denoised versions of the noisy camera crop: the best Gaussian, soft and still grainy; the "
                "bilateral filter, crisp strong edges but speckles left in flat areas; non-local means, clean "
                "flat areas and sharp edges.")

# %% [markdown]
# On the photograph the bilateral filter does **not** beat the best Gaussian in PSNR. With noise std 0.1 the
# noise itself creates value differences as large as many of the photo's edges, so the filter cannot tell them
# apart: it keeps strong edges crisp but leaves speckles. Edge-preserving filters shine when the edges are
# strong compared with the noise, like the step above (contrast 1, noise 0.1). **Non-local means** averages
# pixels whose whole *neighbourhoods* look alike, wherever they are, and clearly beats the Gaussian here.
# The Gaussian remains the baseline every denoiser is measured against.
#
# ## 2. What the Gaussian builds: sharpening
#
# `image - blur(image)` is the **detail** the blur removed. Adding some of it back sharpens:
#
# $$\text{sharpened} = \text{image} + \text{amount}\cdot(\text{image} - G_\sigma * \text{image})$$

# %%
predict(
    "We unsharp-mask a clean step from 0 to 1 (sigma 2, amount 1). What is the largest value in the result?",
    options={
        "1.0: sharpening cannot go beyond the input's range": "a clean step is already as sharp as it gets",
        "about 1.4: it overshoots": "beside the edge the blur lags behind the step, and the detail adds back "
                                    "that lag",
        "2.0: the step doubles": "amount 1 adds the image once more, so the step might count twice",
    },
    answer="about 1.4: it overshoots",
    explanation="Just right of the edge the blur is below 1, so the detail image - blur is positive there and "
                "pushes the value above 1; just left of the edge it pushes below 0. These overshoots are the "
                "'halos' of oversharpened photos. The amount and sigma set their height and width.",
    key="nb09-unsharp",
)

# %% tags=["hide-output"]
sharp_step = step + 1.0 * (step - ndimage.gaussian_filter(step, 2.0))
print(f"step 0 -> 1, unsharp mask sigma 2 amount 1: max {sharp_step.max():.3f}, min {sharp_step.min():.3f}")
plot_profiles({"step": step[32, 48:80], "blurred": ndimage.gaussian_filter(step, 2.0)[32, 48:80],
               "unsharp masked": sharp_step[32, 48:80]}, xlabel="column - 48", title="unsharp masking a step",
              alt="A step from 0 to 1, its blur rising gradually, and the unsharp-masked step, which dips to "
                  "-0.4 just before the edge and overshoots to 1.4 just after it, settling back within about "
                  "five pixels.")

# %%
amount = 1.5
detail = clean - ndimage.gaussian_filter(clean, 2.0)
sharpened = clean + amount * detail
ours_clipped = np.clip(sharpened, 0.0, 1.0)
by_skimage = skimage.filters.unsharp_mask(clean, radius=2.0, amount=amount)
print(f"skimage.filters.unsharp_mask(radius=2) == clip(image + amount * detail) with sigma 2: "
      f"{np.allclose(by_skimage, ours_clipped, rtol=0, atol=1e-12)}")
print(f"values outside [0, 1] before clipping: {np.mean((sharpened < 0) | (sharpened > 1)):.1%} of the pixels")
show_images([clean, ours_clipped], ["original", f"sharpened, sigma 2, amount {amount}"],
            alt="Two panels: the camera crop, and the same crop sharpened, with crisper outlines and bright and "
                "dark halos along strong edges such as the head against the sky.")

# %%
show_images([detail], ["detail = image - blur"], vmin=-0.3, vmax=0.3,
            alt="The detail image on a blue-white-red scale centred on 0: white in flat areas, red and blue "
                "line pairs along every outline and in the textured grass.")

# %% [markdown]
# Two traps in scikit-image's version: its `radius` argument is the Gaussian's **sigma**, not a radius, and the
# result is **clipped** to [0, 1] (or [-1, 1]), which hides the overshoot. The detail image is the band of
# fine structure that the blur removed: outlines, texture, and noise too, which is why sharpening a noisy
# image amplifies its noise.
#
# ## 3. The link to CNN convolution layers
#
# A convolutional layer of a neural network does what `ndimage.correlate` does: for each output channel it
# slides a small kernel over every input channel, multiplies and sums (a correlation, although it is called
# convolution), then adds a bias. The difference: its kernel weights are **learned** from data instead of
# being fixed by a formula. Here is such a layer in plain NumPy. It pads with zeros so that the output keeps
# the input's size, what PyTorch and Keras call `padding='same'`:

# %%
def conv_layer(x, weights, bias):
    """A convolution layer: x (C_in, H, W), weights (C_out, C_in, k, k), bias (C_out,) -> (C_out, H, W)."""
    c_out, c_in, kh, kw = weights.shape
    padded = np.pad(x, ((0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2)))  # zeros, like padding='same'
    windows = np.lib.stride_tricks.sliding_window_view(padded, (kh, kw), axis=(1, 2))  # (C_in, H, W, kh, kw)
    # multiply every window by every kernel and sum over (input channel, kernel row, kernel column)
    summed = np.tensordot(windows, weights, axes=([0, 3, 4], [1, 2, 3]))  # (H, W, C_out)
    return np.moveaxis(summed, -1, 0) + bias[:, None, None]


# %% [markdown]
# Give it fixed weights: output channel 0 = a Gaussian blur (sigma 1, 9×9) of the grey input, output channel 1 =
# a horizontal Gaussian derivative (an edge detector, notebook 04's `order=1`).

# %%
grey = clean[None, ::2, ::2]  # (1, 128, 128): one input channel
blur_kernel = gaussian_kernel2d(1.0)
edge_kernel = np.outer(gaussian_kernel1d(1.0), gaussian_kernel1d(1.0, order=1))
weights = np.stack([blur_kernel, edge_kernel])[:, None]  # (2 outputs, 1 input, 9, 9)
out = conv_layer(grey, weights, bias=np.zeros(2))
print(f"input {grey.shape} -> output {out.shape}")
print(f"channel 0 == gaussian_filter(mode='constant') (to 1e-12): "
      f"{np.allclose(out[0], ndimage.gaussian_filter(grey[0], 1.0, mode='constant'), rtol=0, atol=1e-12)}")
print(f"channel 1 == gaussian_filter(order=(0, 1), mode='constant') (to 1e-12): "
      f"{np.allclose(out[1], ndimage.gaussian_filter(grey[0], 1.0, order=(0, 1), mode='constant'), rtol=0, atol=1e-12)}")
show_images([grey[0], out[0]], ["input", "channel 0: Gaussian"],
            alt="Two panels: the grey input, and output channel 0, the same image slightly blurred with a thin "
                "dark rim along the border from the zero padding.")

# %%
show_images([out[1]], ["channel 1: d/dx of Gaussian"], vmin=-0.2, vmax=0.2,
            alt="Output channel 1 on a blue-white-red scale centred on 0: white where the image is flat, red and "
                "blue along vertical edges depending on whether brightness rises or falls to the right.")

# %% [markdown]
# So a Gaussian blur *is* a (one-channel, fixed-weight) convolution layer. Only the borders differ, and the
# defaults are not the same:

# %%
scipy_default = inspect.signature(ndimage.gaussian_filter).parameters["mode"].default
rim = 4  # the radius of the sigma-1 kernel
gap = np.abs(out[0] - ndimage.gaussian_filter(grey[0], 1.0))
print(f"gaussian_filter's default mode: {scipy_default!r}; the zero-padded layer differs from it by up to "
      f"{gap.max():.3f} within {rim} px of the border, and inside that rim by less than 1e-12: "
      f"{gap[rim:-rim, rim:-rim].max() < 1e-12}")
valid = np.lib.stride_tricks.sliding_window_view(grey[0], (9, 9))
print(f"without any padding ('valid'), a 9×9 kernel fits {valid.shape[0]}×{valid.shape[1]} positions "
      f"in the {grey.shape[1]}×{grey.shape[2]} input")

# %% [markdown]
# SciPy's `gaussian_filter` reflects at the border by default; a zero-padded layer equals it with
# `mode='constant'`, and darkens a rim of one kernel radius (notebook 06). Deep-learning libraries pad with
# zeros when they pad at all: by their documentation PyTorch's `Conv2d` pads nothing unless told (`padding=0`,
# so the output shrinks as in the `'valid'` line above; `padding_mode='zeros'` when it pads), and Keras'
# `Conv2D` defaults to `padding='valid'`. Networks also use fixed Gaussian-like (binomial) kernels before
# downsampling ("blur pooling"), for the anti-aliasing reason of notebook 10; and the first layers of trained
# image networks often learn oriented edge and blob detectors that resemble Gaussian derivatives. A CNN layer
# is, however, more general: several input channels summed, many output channels, a bias and a non-linearity
# after it.
#
# ## Key points
#
# - Match the filter to the problem: a median removes salt-and-pepper noise that a Gaussian only smears; a
#   bilateral filter denoises flat areas while keeping strong edges sharp. On Gaussian noise the best Gaussian
#   beat the median and (on the photograph) the bilateral filter, while non-local means beat them all.
# - scikit-image's restoration and transform functions take numpy.pad's mode names: their `'reflect'` is
#   SciPy's `'mirror'`, their `'symmetric'` is SciPy's `'reflect'`; `denoise_bilateral` pads with zeros unless
#   told otherwise.
# - Unsharp masking, `image + amount * (image - blur)`, sharpens and overshoots at edges (halos);
#   scikit-image's `radius` is sigma and its result is clipped.
# - A CNN convolution layer is a learned multi-channel correlation; a fixed Gaussian is one such kernel. SciPy
#   reflects at the border by default, a zero-padded layer equals `mode='constant'`, and PyTorch and Keras pad
#   nothing unless told.
#
# **Exercise:** [Exercise 9: where the Gaussian stops, and what it is still good for](../exercises/ex09_beyond.ipynb).
# **Next:** [10 · Scale](10_scale.ipynb): frequencies, aliasing and pyramids.
