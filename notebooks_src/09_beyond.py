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
# # 09 · Beyond the Gaussian: its limits, and where it leads
#
# **Questions**
# - When is a Gaussian blur the wrong tool, and what works better?
# - How does the Gaussian become a building block: sharpening, blob detection, scale space?
# - What does a Gaussian do to each frequency, and why is a box blur worse?
# - How is all this related to CNN convolution layers and to the normal distribution?
#
# **Objectives**
# - Compare the Gaussian with a median filter on salt-and-pepper noise and with a bilateral filter at edges,
#   using PSNR and edge width.
# - Sharpen with unsharp masking and detect blobs of different sizes with a scale-normalised Laplacian of
#   Gaussian / difference of Gaussians.
# - Compute and compare the frequency responses of Gaussian and box kernels.
# - Write a convolution layer in NumPy and use a Gaussian as its kernel.
# - Verify numerically that blurring with sigma1 then sigma2 equals blurring with sqrt(sigma1² + sigma2²).
#
# **Time:** about 40 minutes.
#
# **Prerequisites:** notebooks [05 · Sigma](05_sigma.ipynb) (PSNR, edge width),
# [07 · Separability](07_separability.ipynb) (box blurs, variances add).

# %%
# %matplotlib inline
import numpy as np
import skimage.filters
import skimage.restoration
from scipy import ndimage

from gausslearn import filters, metrics
from gausslearn.images import disc, impulse, sample, siemens_star, step_edge
from gausslearn.kernels import (
    box_kernel1d,
    frequency_response,
    gaussian,
    gaussian_frequency_response,
    gaussian_kernel1d,
    gaussian_kernel2d,
)
from gausslearn.noise import gaussian_noise, salt_and_pepper
from gausslearn.plotting import plot_curves, plot_frequency_responses, plot_profiles, show_images
from gausslearn.widgets import predict

np.set_printoptions(linewidth=110)

# %% [markdown]
# ## 1. When not to use a Gaussian
#
# ### Salt-and-pepper noise: use a median
#
# Some sensors and transmissions produce **impulse** noise: a few pixels replaced by pure black or white. A
# Gaussian averages them into their neighbours. A **median** filter replaces each pixel by the middle value of
# its neighbourhood, and a few extreme values cannot move the middle.

# %%
clean = sample("camera")[64:320, 128:384]
impulses = salt_and_pepper(clean, 0.05, rng=0)
print(f"{np.mean(impulses != clean):.1%} of the pixels replaced by 0 or 1; "
      f"PSNR {metrics.psnr(clean, impulses, data_range=1.0):.2f} dB")

# %%
predict(
    "5 % of the pixels are salt and pepper. Which gives the higher PSNR: the BEST Gaussian blur (sigma chosen "
    "with the clean image) or a plain 3×3 median filter?",
    options=["the best Gaussian: it is optimised, the median is not",
             "about the same", "the 3×3 median, by several dB"],
    answer="the 3×3 median, by several dB",
    explanation="An impulse is an outlier. A weighted average lets every outlier through, spread into a grey "
                "blob, so the Gaussian must blur hard to dilute it. In a 3×3 window with one or two impulses "
                "the median is still one of the clean values, so the impulse simply disappears.",
    key="nb09-median",
)

# %%
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

# %%
show_images([impulses, results["salt and pepper 5 %"][0], results["salt and pepper 5 %"][1]],
            ["salt and pepper", "best Gaussian", "median 3×3"])

# %% [markdown]
# The table cuts both ways: on impulse noise the median wins clearly; on Gaussian noise the best Gaussian beats
# the median. Match the filter to the noise. (The median is non-linear: it is not a convolution, has no kernel
# and no frequency response, and it is not separable.)
#
# ### Keeping edges: the bilateral filter
#
# A Gaussian averages across an edge as readily as along it. A **bilateral** filter multiplies the spatial
# Gaussian weight by a second Gaussian of the *value difference*: a neighbour on the other side of an edge
# (very different value) gets almost no weight. We compare it with the Gaussian that leaves the **same** noise
# in flat areas, on a noisy step edge.

# %%
step = step_edge((64, 128))
noisy_step = gaussian_noise(step, 0.1, rng=0)
bilateral = skimage.restoration.denoise_bilateral(noisy_step, sigma_color=0.2, sigma_spatial=3, mode="reflect")
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
               "bilateral": bilateral[32, 48:80]}, xlabel="column - 48", title="one row across the edge")

# %% [markdown]
# Same noise reduction, but the bilateral filter keeps the edge about as sharp as the input while the Gaussian
# widens it. The price: the bilateral filter is non-linear and slower, and its `sigma_color` must suit the
# noise (too large and it becomes a Gaussian; too small and it removes nothing). Note also
# `denoise_bilateral`'s default border mode is `constant` (zeros): we passed `mode="reflect"`.
#
# On a photograph:

# %%
photo_bilateral = skimage.restoration.denoise_bilateral(gauss_noisy, sigma_color=0.15, sigma_spatial=2,
                                                        mode="reflect")
photo_gauss = results["Gaussian, std 0.1"][0]
photo_nlm = skimage.restoration.denoise_nl_means(gauss_noisy, h=0.08, sigma=0.1, patch_size=5, patch_distance=6,
                                                 fast_mode=True)
for label, result in (("best Gaussian", photo_gauss), ("bilateral", photo_bilateral),
                      ("non-local means", photo_nlm)):
    print(f"camera crop, noise 0.1, {label:15s}: {metrics.psnr(clean, result, data_range=1.0):.2f} dB")

# %%
show_images([photo_gauss, photo_bilateral, photo_nlm], ["best Gaussian", "bilateral", "non-local means"])

# %% [markdown]
# On the photograph the bilateral filter does **not** beat the best Gaussian in PSNR. With noise std 0.1 the
# noise itself creates value differences as large as many of the photo's edges, so the filter cannot tell them
# apart: it keeps strong edges crisp but leaves speckles. Edge-preserving filters shine when the edges are
# strong compared with the noise, like the step above (contrast 1, noise 0.1). **Non-local means** averages
# pixels whose whole *neighbourhoods* look alike, wherever they are, and clearly beats the Gaussian here.
# The Gaussian remains the baseline every denoiser is measured against.
#
# ## 2. Where the Gaussian leads
#
# ### Unsharp masking: sharpening with a blur
#
# `image - blur(image)` is the **detail** the blur removed. Adding some of it back sharpens:
#
# $$\text{sharpened} = \text{image} + \text{amount}\cdot(\text{image} - G_\sigma * \text{image})$$

# %%
predict(
    "We unsharp-mask a clean step from 0 to 1 (sigma 2, amount 1). What is the largest value in the result?",
    options=["1.0: sharpening cannot go beyond the input's range", "about 1.4: it overshoots",
             "2.0: the step doubles"],
    answer="about 1.4: it overshoots",
    explanation="Just right of the edge the blur is below 1, so the detail image - blur is positive there and "
                "pushes the value above 1; just left of the edge it pushes below 0. These overshoots are the "
                "'halos' of oversharpened photos. The amount and sigma set their height and width.",
    key="nb09-unsharp",
)

# %%
sharp_step = step + 1.0 * (step - ndimage.gaussian_filter(step, 2.0))
print(f"step 0 -> 1, unsharp mask sigma 2 amount 1: max {sharp_step.max():.3f}, min {sharp_step.min():.3f}")
plot_profiles({"step": step[32, 48:80], "blurred": ndimage.gaussian_filter(step, 2.0)[32, 48:80],
               "unsharp masked": sharp_step[32, 48:80]}, xlabel="column - 48", title="unsharp masking a step")

# %%
amount = 1.5
detail = clean - ndimage.gaussian_filter(clean, 2.0)
sharpened = clean + amount * detail
ours_clipped = np.clip(sharpened, 0.0, 1.0)
by_skimage = skimage.filters.unsharp_mask(clean, radius=2.0, amount=amount)
print(f"skimage.filters.unsharp_mask(radius=2) == clip(image + amount * detail) with sigma 2: "
      f"{np.allclose(by_skimage, ours_clipped, rtol=0, atol=1e-12)}")
print(f"values outside [0, 1] before clipping: {np.mean((sharpened < 0) | (sharpened > 1)):.1%} of the pixels")
show_images([clean, ours_clipped], ["original", f"sharpened, sigma 2, amount {amount}"])

# %%
show_images([detail], ["detail = image - blur (grey = 0)"], vmin=-0.3, vmax=0.3)

# %% [markdown]
# Two traps in scikit-image's version: its `radius` argument is the Gaussian's **sigma**, not a radius, and the
# result is **clipped** to [0, 1] (or [-1, 1]), which hides the overshoot. The detail image is the band of
# fine structure that the blur removed: outlines, texture, and noise too, which is why sharpening a noisy
# image amplifies its noise.
#
# ### Difference of Gaussians and a small scale space
#
# Blurring with a growing sigma produces a **scale space**: a stack of ever coarser versions of the image.
# Differences between neighbouring levels, `G(kσ) * image - G(σ) * image`, respond to structures of size
# about σ: the **difference of Gaussians** (DoG). It approximates (k - 1) σ² times the Laplacian of the
# Gaussian (LoG), the sum of second derivatives, which is large and negative at the centre of a bright blob of
# matching size.
#
# Three bright discs, radii 4, 8 and 16:

# %%
shape = (128, 192)
radii_and_columns = ((4, 32), (8, 80), (16, 144))
blobs = np.zeros(shape)
for radius, column in radii_and_columns:
    blobs += disc(shape, radius, center=(64, column))
scales = (2.0, 4.0, 8.0)
k = 1.6
dogs = [ndimage.gaussian_filter(blobs, k * s) - ndimage.gaussian_filter(blobs, s) for s in scales]
print("DoG at each disc's centre (most negative = strongest response)")
print("level (sigma, k*sigma)" + "".join(f"   disc r={radius:<2d}" for radius, _ in radii_and_columns))
for s, dog_level in zip(scales, dogs, strict=True):
    # round, then add 0.0: a value within 1e-15 of zero prints as +0.000, never as -0.000
    print(f"{s:5g}, {k * s:4.1f}           " + "".join(f"{np.round(dog_level[64, column], 3) + 0.0:+11.3f}"
                                                     for _, column in radii_and_columns))
show_images([blobs] + dogs, ["three discs"] + [f"DoG, sigma {s:g} and {k * s:g}" for s in scales],
            vmin=-0.3, vmax=0.3, ncols=2)

# %% [markdown]
# (Grey is 0, black negative, white positive.) Each disc responds most strongly, with the most negative
# centre, at the level that matches its size: read each column of the table. At the smallest scale the large
# disc gives only a ring along its outline: at small scales the DoG is an edge detector.
#
# Is the DoG really a scaled LoG?

# %%
s = 4.0
dog = ndimage.gaussian_filter(blobs, k * s) - ndimage.gaussian_filter(blobs, s)
for log_sigma, label in ((s, "sigma"), (np.sqrt(k) * s, "sqrt(k) * sigma")):
    log_scaled = (k - 1) * s ** 2 * ndimage.gaussian_laplace(blobs, log_sigma)
    print(f"correlation between DoG(sigma {s:g}, {k * s:g}) and the LoG at {label} = {log_sigma:.2f}: "
          f"{np.corrcoef(dog.ravel(), log_scaled.ravel())[0, 1]:.4f}")

# %% [markdown]
# The shapes agree closely, and better still against the LoG at the geometric mean of the two sigmas,
# √k σ: a DoG behaves like a LoG taken *between* its two scales. (The factor (k - 1) σ² is the first-order
# approximation for k close to 1; with k = 1.6 the amplitudes differ somewhat, the shapes hardly.)
#
# **Scale selection.** Multiply the LoG by σ² (the *scale-normalised* LoG, so that responses at different
# scales are comparable) and follow its value at each disc's centre as σ grows. Where does it peak?

# %%
predict(
    "The scale-normalised LoG response at the centre of a disc of radius 8 is largest at which sigma?",
    options=["about 1 (the smallest sigma, the strongest detail)", "about 5.7 (radius / √2)",
             "about 16 (the disc's diameter)"],
    answer="about 5.7 (radius / √2)",
    explanation="The response is largest when the LoG's negative centre fits the disc: for a disc of radius "
                "r that happens at sigma = r / √2. So the sigma of the strongest response measures the blob's "
                "size: this is the idea behind blob detectors (skimage.feature.blob_log and blob_dog) and "
                "behind SIFT's keypoint scales.",
    key="nb09-scale",
)

# %%
scale_axis = np.arange(1.0, 16.01, 0.5)
normalised_log = np.array([-(sc ** 2) * ndimage.gaussian_laplace(blobs, sc)[64] for sc in scale_axis])
responses = {f"disc radius {radius}": normalised_log[:, column] for radius, column in radii_and_columns}
for (radius, _), (label, values) in zip(radii_and_columns, responses.items(), strict=True):
    print(f"{label}: strongest at sigma {scale_axis[np.argmax(values)]:.1f} "
          f"(r / sqrt(2) = {radius / np.sqrt(2):.2f}, grid step 0.5)")
plot_curves(scale_axis, responses, "sigma (pixels)", "-sigma² × LoG at the disc centre",
            title="scale selection: the peak sigma measures the blob size")

# %% [markdown]
# ### The frequency response: a Gaussian is a low-pass filter
#
# A filter multiplies each frequency (a sine pattern of a given period) by its **gain**. The gain of a kernel
# is the magnitude of its Fourier transform, `kernels.frequency_response`. The Fourier transform of a Gaussian
# is again a Gaussian: `exp(-2 π² σ² f²)` (f in cycles per pixel, up to 0.5, the finest pattern a pixel grid
# can hold) - smooth, always positive, falling monotonically. A box kernel's transform is a (periodic) *sinc*, with
# ripples ("sidelobes") that let some fine patterns through.

# %%
predict(
    "Stripes with a period of 3.33 px (0.3 cycles per pixel) are blurred by a 5-tap box and by the Gaussian "
    "of the same variance (sigma √2). What is left of the stripes?",
    options=["nothing after either blur: 3.33 px is finer than both kernels",
             "the box removes them completely, the Gaussian leaves a trace",
             "the box leaves about a quarter, with dark and bright swapped; the Gaussian about 3 %",
             "the Gaussian leaves more: the box's hard cut-off removes fine detail better"],
    answer="the box leaves about a quarter, with dark and bright swapped; the Gaussian about 3 %",
    explanation="The box's gain is 0 only at multiples of 0.2 cycles per pixel (periods of 5 px and 2.5 px: "
                "the 5 taps then hold whole periods, which average to 0). At 0.3 it sits on its first "
                "sidelobe: |gain| about 0.25 with a negative "
                "sign, so the pattern comes back inverted. The Gaussian's gain there is "
                "exp(-2 pi^2 * 2 * 0.09), about 0.03. The next cells compute both.",
    key="nb09-sidelobe",
)

# %%
box5 = box_kernel1d(5)
sigma_box = np.sqrt((5 ** 2 - 1) / 12)  # the Gaussian with the box's variance
freqs, gain_gauss = frequency_response(gaussian_kernel1d(sigma_box))
_, gain_box = frequency_response(box5)
continuous = gaussian_frequency_response(sigma_box, freqs)
print(f"sigma {sigma_box:.3f} (same variance as a 5-tap box)")
print(f"sampled Gaussian kernel vs exp(-2 pi^2 sigma^2 f^2): max |difference| {np.abs(gain_gauss - continuous).max():.1e}")
first_zero = 1 / 5
print(f"box: gain 0 at f = {first_zero:.1f}, then up again to {gain_box[freqs > first_zero].max():.3f} (sidelobe); "
      f"Gaussian above f = {first_zero:.1f}: at most {gain_gauss[freqs > first_zero].max():.3f}")
plot_frequency_responses(freqs, {f"Gaussian, sigma {sigma_box:.2f}": gain_gauss, "box, 5 taps": gain_box,
                                 "exp(-2 pi^2 sigma^2 f^2)": continuous},
                         title="gain of two blurs with the same variance")

# %%
x = np.arange(200)  # 60 whole periods of 10/3 px: no border effects with mode='wrap'
stripes = np.sin(2 * np.pi * 0.3 * x)
after_box = ndimage.correlate1d(stripes, box5, mode="wrap")
after_gauss = ndimage.gaussian_filter1d(stripes, sigma_box, mode="wrap")
# amplitude left = std after / std before (independent of where the samples fall on the sine)
print(f"amplitude left: box {after_box.std() / stripes.std():.3f} (correlation with the input "
      f"{np.corrcoef(after_box, stripes)[0, 1]:+.2f}), Gaussian {after_gauss.std() / stripes.std():.3f}")

# %%
star = siemens_star(256)
sigma_box9 = np.sqrt((9 ** 2 - 1) / 12)
middle = slice(64, 192)  # the central 128 x 128, where the spokes are finest
show_images([star[middle, middle], filters.box_filter(star, 9)[middle, middle],
             ndimage.gaussian_filter(star, sigma_box9)[middle, middle]],
            ["Siemens star (centre)", "box 9×9", f"Gaussian, sigma {sigma_box9:.2f} (same variance)"])

# %% [markdown]
# Towards the centre of the star the spokes get finer (higher frequency). The box blur turns them grey and
# then brings them back, faint and with dark and bright swapped, closer to the centre (one band per sidelobe);
# the Gaussian fades them out once and for all. This is why the Gaussian is the reference blur, and why a Gaussian (or a close approximation) is
# used before **downsampling**: frequencies above the new grid's limit must go, or they fold back as aliasing.
#
# ## 3. The link to CNN convolution layers
#
# A convolutional layer of a neural network does what `ndimage.correlate` does: for each output channel it
# slides a small kernel over every input channel, multiplies and sums (a correlation, although it is called
# convolution), then adds a bias. The difference: its kernel weights are **learned** from data instead of
# being fixed by a formula. Here is such a layer in plain NumPy, with "same" zero padding (`mode='constant'`),
# as `padding='same'` in PyTorch or Keras:

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
show_images([grey[0], out[0]], ["input", "channel 0: Gaussian"])

# %%
show_images([out[1]], ["channel 1: d/dx of Gaussian (grey = 0)"], vmin=-0.2, vmax=0.2)

# %% [markdown]
# So a Gaussian blur *is* a (one-channel, fixed-weight) convolution layer, with zero padding by default: the
# dark border rim of notebook 06 is built into many networks. Networks use fixed Gaussian-like (binomial)
# kernels too, before downsampling ("blur pooling"), for the anti-aliasing reason above; and the first layers of
# trained image networks often learn oriented edge and blob detectors that resemble Gabor filters and
# Gaussian derivatives. A CNN layer is, however, more
# general: several input channels summed, many output channels, a bias and a non-linearity after it.
#
# ## 4. The link to the normal distribution
#
# The kernel *is* the normal density, sampled and renormalised. It is a probability distribution: weights
# that are non-negative and sum to 1, with mean 0 and variance σ².

# %%
sigma = 2.0
kernel = gaussian_kernel1d(sigma)
offsets = np.arange(kernel.size) - kernel.size // 2
density = gaussian(offsets, sigma)
print(f"kernel vs normal density / its sum: max |difference| < 1e-15: "
      f"{np.abs(kernel - density / density.sum()).max() < 1e-15}")
print(f"sum {kernel.sum():.6f}, mean 0 to rounding error (|mean| < 1e-12): {abs(np.sum(offsets * kernel)) < 1e-12}, "
      f"variance {np.sum(offsets ** 2 * kernel):.4f} (sigma^2 = {sigma ** 2:g})")

# %% [markdown]
# (The variance falls a hair short of σ² because the tails beyond 4σ are cut off.)
#
# Blurring therefore has a probabilistic reading: the blurred value at a pixel is the **expected** value of
# the image at a randomly displaced position, with a normally distributed displacement. What does that say
# about blurring twice?

# %%
predict(
    "You blur an image with sigma 3, then blur the result with sigma 4. Which single blur gives the same result?",
    options=["sigma 7 (sigmas add)", "sigma 5 (variances add: sqrt(9 + 16))", "sigma 12 (sigmas multiply)",
             "sigma 4 (the larger one wins)"],
    answer="sigma 5 (variances add: sqrt(9 + 16))",
    explanation="Each blur adds an independent normal displacement; the variances add, 9 + 16 = 25, so the "
                "combined standard deviation is 5. This is the semigroup property of the Gaussian, and why a "
                "scale space can be built by blurring the previous level a little more.",
    key="nb09-variances",
)

# %% [markdown]
# Blurring twice adds two independent displacements, and for independent random variables **variances add**:
#
# $$G_{\sigma_2} * (G_{\sigma_1} * I) = G_{\sqrt{\sigma_1^2 + \sigma_2^2}} * I$$
#
# (Variances add for *any* independent displacements, not only normal ones: that is how notebook 07 knew the
# spread of repeated box blurs. Their *shape* tending to a Gaussian is the separate fact, the central limit
# theorem: a sum of many independent displacements is close to normally distributed whatever their own
# distribution.) The check, on the camera image:

# %%
photo = sample("camera")[::2, ::2]
twice = ndimage.gaussian_filter(ndimage.gaussian_filter(photo, 3.0), 4.0)
for label, single in (("sigma 5 = sqrt(3^2 + 4^2)", 5.0), ("sigma 7 = 3 + 4", 7.0), ("sigma 4", 4.0)):
    gap = np.abs(twice - ndimage.gaussian_filter(photo, single))
    print(f"blur 3 then 4 vs one blur with {label:26s}: max |difference| {gap.max():.1e}, mean {gap.mean():.1e}")
rim = 30  # more than the radius of the sigma-5 kernel
inside = np.abs(twice - ndimage.gaussian_filter(photo, 5.0))[rim:-rim, rim:-rim].max()
print(f"sigma 5, only pixels more than {rim} px from the border: max |difference| {inside:.1e}")

# %% [markdown]
# With sigma 5 the match is close to exact, and the borders add nothing: with `'reflect'` two blurs compose
# exactly at the border too, so the largest gap inside equals the largest gap overall. What remains comes from
# the kernels being sampled and truncated at 4 sigma. An impulse shows it on the kernels themselves:

# %%
spike = impulse((81,))
composed = ndimage.gaussian_filter1d(ndimage.gaussian_filter1d(spike, 3.0), 4.0)
print(f"impulse: max |blur 3 then 4 - blur 5| = {np.abs(composed - ndimage.gaussian_filter1d(spike, 5.0)).max():.1e}"
      f" (peak {composed.max():.4f})")

# %% [markdown]
# ## Key points
#
# - Match the filter to the problem: a median removes salt-and-pepper noise that a Gaussian only smears; a
#   bilateral filter denoises flat areas while keeping strong edges sharp. On Gaussian noise the best Gaussian
#   beat the median and (on the photograph) the bilateral filter, while non-local means beat them all.
# - Unsharp masking, `image + amount * (image - blur)`, sharpens and overshoots at edges (halos);
#   scikit-image's `radius` is sigma and its result is clipped.
# - A difference of Gaussians approximates the scale-normalised LoG (best at the scale between its two
#   sigmas); the sigma of the strongest response at a blob centre (r / √2 for a disc) measures its size: a
#   small scale space.
# - A Gaussian is a low-pass filter whose gain is again a Gaussian, smooth and without sidelobes (truncating the
#   kernel at 4 sigma leaves only a tiny deviation); a box filter of the same variance has sidelobes that let
#   fine patterns through, inverted.
# - A CNN convolution layer is a learned multi-channel correlation; a fixed Gaussian is one such kernel.
# - The kernel is the normal density: blurring averages over normal displacements, and variances add:
#   blurring with σ1 then σ2 equals blurring with √(σ1² + σ2²).
#
# **Exercise:** [Exercise 8: where the Gaussian stops, and what it is still good for](../exercises/ex08_beyond.ipynb).
# **Back to the start:** [00 · Start here](00_start_here.ipynb).
