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
# # 10 · Scale: frequencies, shrinking images, pyramids
#
# **Questions**
# - What does a blur do to fine and to coarse patterns, and how does a box blur differ from a Gaussian?
# - What goes wrong when an image is shrunk by keeping every second (or fourth) pixel?
# - How much blur do scikit-image's `rescale`, `resize` and image pyramids apply before shrinking?
# - How can blurring at many sigmas measure the size of the structures in an image?
#
# **Objectives**
# - Compute a kernel's frequency response with its sign, and read from it which patterns a filter keeps,
#   removes or inverts.
# - Predict at which frequency a pattern appears after subsampling, and recognise aliasing (moiré) in a picture.
# - Read the anti-aliasing sigma of a library from its source, verify it by computation, and weigh blur against
#   aliasing for a given shrink factor.
# - Build a Gaussian pyramid and a small scale space of differences of Gaussians, and read blob sizes from it.
#
# **Time:** about 40 minutes (13 code cells and 4 predict-first prompts).
#
# **Prerequisites:** [05 · Sigma](05_sigma.ipynb), [06 · Borders](06_borders.ipynb) (mode names in each
# library), [07 · Separability](07_separability.ipynb) (box blurs, variances add),
# [09 · Beyond the Gaussian](09_beyond.ipynb).

# %%
# %matplotlib inline
import numpy as np
import skimage.transform
from scipy import ndimage

from gausslearn import filters
from gausslearn.images import disc, sample, siemens_star
from gausslearn.kernels import (
    box_kernel1d,
    frequency_response,
    gaussian_frequency_response,
    gaussian_kernel1d,
)
from gausslearn.plotting import plot_curves, plot_frequency_responses, show_images
from gausslearn.scale import alias_frequency, dominant_frequency, response_at, sine_amplitude
from gausslearn.widgets import predict

np.set_printoptions(linewidth=110)

# %% [markdown]
# ## 1. What a filter does to each frequency
#
# A stripe pattern along a row, $\cos(2\pi f x)$, has a **frequency** f in cycles per pixel: f = 0.1 repeats
# every 10 pixels, f = 0.5 alternates from pixel to pixel, the finest pattern a pixel grid can hold. A
# symmetric kernel $w$ turns that pattern into the same pattern times one number, its **response**
#
# $$H(f) = \sum_k w_k \cos(2\pi f k) \qquad (k = \text{offset from the centre}).$$
#
# $|H(f)|$ says how much of the pattern survives; a *negative* $H(f)$ means it comes back with dark and
# bright swapped. `gausslearn.scale.response_at` computes $H$ at any frequency; the check on one pattern:

# %%
x = np.arange(200)
pattern = np.cos(2 * np.pi * 0.1 * x)
blurred = ndimage.gaussian_filter1d(pattern, 2.0, mode="wrap")  # 20 whole periods: no border effects
h = response_at(gaussian_kernel1d(2.0), 0.1)
print(f"H(0.1) of the sigma-2 kernel = {h:.4f}; blurred == H * pattern (to 1e-12): "
      f"{np.allclose(blurred, h * pattern, rtol=0, atol=1e-12)}")
print(f"continuous formula exp(-2 pi^2 sigma^2 f^2) = {gaussian_frequency_response(2.0, 0.1):.4f}")

# %% [markdown]
# The response of a Gaussian kernel is again a Gaussian, $e^{-2\pi^2\sigma^2 f^2}$: smooth, positive, falling
# with f. A box (moving average) of the same variance spreads its weight evenly instead. What does it do to
# fine stripes?

# %%
predict(
    "Stripes with a period of 3.33 px (0.3 cycles per pixel) are blurred by a 5-tap box and by the Gaussian "
    "of the same variance (sigma √2). What is left of the stripes?",
    options={
        "nothing after either blur": "3.33 px is finer than both kernels, which span 5 or more pixels",
        "the box removes them completely, the Gaussian leaves a trace": "a box has a hard edge, so it might cut "
                                                                        "off fine detail completely",
        "the box leaves about a quarter, inverted; the Gaussian about 3 %": "the box's response dips below 0 "
                                                                            "between its zeros",
        "the Gaussian leaves more": "the Gaussian's tails are longer, so it might keep more of everything",
    },
    answer="the box leaves about a quarter, inverted; the Gaussian about 3 %",
    explanation="The box's response is 0 only at multiples of 0.2 cycles per pixel (periods of 5 px and 2.5 px: "
                "the 5 taps then hold whole periods, which average to 0). At 0.3 it sits on its first "
                "sidelobe: H about -0.25, so the pattern comes back at a quarter strength, inverted. The "
                "Gaussian's response there is exp(-2 pi^2 * 2 * 0.09), about 0.03.",
    key="nb10-sidelobe",
)

# %% tags=["hide-output"]
box5 = box_kernel1d(5)
sigma_box = np.sqrt((5 ** 2 - 1) / 12)  # the Gaussian with the box's variance
freqs, h_gauss = frequency_response(gaussian_kernel1d(sigma_box), signed=True)
_, h_box = frequency_response(box5, signed=True)
print(f"sigma {sigma_box:.3f} (the variance of a 5-tap box); at f = 0.3: H_box = {response_at(box5, 0.3):+.3f}, "
      f"H_Gaussian = {response_at(gaussian_kernel1d(sigma_box), 0.3):+.3f}")
stripes = np.sin(2 * np.pi * 0.3 * x)  # 60 whole periods of 10/3 px in 200 samples
after_box = ndimage.correlate1d(stripes, box5, mode="wrap")
after_gauss = ndimage.gaussian_filter1d(stripes, sigma_box, mode="wrap")
print(f"measured on the stripes: box leaves {sine_amplitude(after_box, 0.3):.3f} (correlation with the input "
      f"{np.corrcoef(after_box, stripes)[0, 1]:+.2f}), Gaussian {sine_amplitude(after_gauss, 0.3):.3f}")
plot_frequency_responses(freqs, {f"Gaussian, sigma {sigma_box:.2f}": h_gauss, "box, 5 taps": h_box,
                                 "exp(-2 pi^2 sigma^2 f^2)": gaussian_frequency_response(sigma_box, freqs)},
                         title="response of two blurs with the same variance",
                         alt="Response H against frequency from 0 to 0.5 cycles per pixel. The Gaussian and its "
                             "formula overlap, falling smoothly from 1 to nearly 0 and never below. The box "
                             "falls faster, crosses 0 at 0.2, dips to about -0.25 near 0.3 (the shaded negative "
                             "region) and comes back to 0.2 at 0.5.")

# %% tags=["hide-output"]
star = siemens_star(256)
sigma_box9 = np.sqrt((9 ** 2 - 1) / 12)
middle = slice(64, 192)  # the central 128 x 128, where the spokes are finest
show_images([star[middle, middle], filters.box_filter(star, 9)[middle, middle],
             ndimage.gaussian_filter(star, sigma_box9)[middle, middle]],
            ["Siemens star (centre)", "box 9×9", f"Gaussian, sigma {sigma_box9:.2f}"],
            alt="Three panels of the centre of a Siemens star: the sharp spokes; after a 9×9 box, the spokes fade "
                "to grey and then reappear faintly, inverted, in rings closer to the centre; after the Gaussian, "
                "they fade smoothly into a grey disc.")

# %% [markdown]
# (The Gaussian's sigma gives it the variance of the 9×9 box.) Towards the centre of the star the spokes get
# finer (higher frequency). The box blur turns them grey and
# then brings them back, faint and inverted, closer to the centre (one band per sidelobe); the Gaussian fades
# them out once and for all. This is why the Gaussian is the reference blur.
#
# ## 2. Shrinking an image: aliasing
#
# The simplest way to shrink an image by a factor of 2 is to keep every second pixel: `image[::2, ::2]`. The
# new grid is coarser: it can hold at most 0.5 cycles per *new* pixel, which is 0.25 cycles per *original*
# pixel. What happens to finer stripes?

# %%
predict(
    "Stripes of 0.4 cycles per pixel (2.5 px from one bright stripe to the next) lose every second sample: "
    "row[::2]. What does the shrunken row show?",
    options={
        "stripes of 0.8 cycles per new pixel": "the same stripes on half as many pixels: twice as many per pixel",
        "a flat row": "stripes finer than the new grid can hold should simply vanish",
        "wide stripes, 5 new pixels apart": "the kept samples hit the fine stripes at a slowly drifting "
                                                  "phase, which traces a slow wave",
    },
    answer="wide stripes, 5 new pixels apart",
    explanation="0.4 cycles per pixel become 0.8 cycles per new sample, and a grid cannot tell 0.8 from "
                "1 - 0.8 = 0.2: the samples trace a wave of 0.2 cycles per new sample, a period of 5 new "
                "samples (10 original pixels), at full strength. A pattern that was not in the image appears: "
                "this is aliasing.",
    key="nb10-alias",
)

# %% tags=["hide-output"]
fine = np.cos(2 * np.pi * 0.4 * np.arange(400))
kept = fine[::2]
print(f"after row[::2]: strongest pattern at {dominant_frequency(kept):.3f} cycles per new pixel "
      f"(alias_frequency(0.4, 2) = {alias_frequency(0.4, 2)}), amplitude {sine_amplitude(kept, 0.2):.3f} "
      f"(the original: {sine_amplitude(fine, 0.4):.3f})")
print(f"a slow pattern, 0.1 cycles per pixel, lands where it should: alias_frequency(0.1, 2) = "
      f"{alias_frequency(0.1, 2)} cycles per new pixel")

# %% [markdown]
# A real image holds many frequencies at once, so every too-fine pattern folds back to a false, coarser one:
# **moiré**. The Siemens star shows it. `skimage.transform.rescale(image, 1/4)` shrinks by 4; with
# `anti_aliasing=False` it only interpolates between neighbouring pixels, with `anti_aliasing=True` it blurs
# first:

# %% tags=["hide-output"]
quarter = (star.shape[0] // 4, star.shape[1] // 4)
plain = star[::4, ::4]
no_blur = skimage.transform.rescale(star, 0.25, anti_aliasing=False)
with_blur = skimage.transform.rescale(star, 0.25, anti_aliasing=True)
print(f"shapes: {star.shape} -> {plain.shape}, {no_blur.shape}, {with_blur.shape}")
show_images([plain, no_blur, with_blur], ["star[::4, ::4]", "rescale, anti_aliasing=False",
                                          "rescale, anti_aliasing=True"],
            alt="Three 64×64 versions of the Siemens star: keeping every fourth pixel gives jagged spokes and a "
                "centre of broken false patterns; rescale without anti-aliasing is only slightly smoother; with "
                "anti-aliasing the spokes are smooth and the centre fades to grey.")

# %% [markdown]
# Near the centre the spokes are far finer than the 64×64 grid can hold: kept as samples, they turn into
# broken, false patterns; interpolation alone helps little. Blurred first, they turn grey, which is the honest
# picture of detail too fine for the new grid.
#
# ## 3. How much blur before shrinking?
#
# Blur removes the frequencies that would fold back (above 0.5/F cycles per original pixel for a factor F),
# but a Gaussian only turns them down gradually, and it turns down the detail the smaller image *could* keep
# too. scikit-image's `resize` (which `rescale` calls) chooses the sigma in its source,
# `skimage/transform/_warps.py`: `anti_aliasing_sigma = np.maximum(0, (factors - 1) / 2)`. For halving, that
# is (2 − 1)/2 = 0.5.

# %%
predict(
    "Halving with rescale(..., anti_aliasing=True) blurs with sigma 0.5 first. How much of the 0.4-cycles-per-"
    "pixel stripes above, the ones that fold back, does that blur let through?",
    options={
        "less than 5 %": "anti-aliasing is meant to remove exactly the patterns that would alias",
        "about a quarter": "0.4 is close to the finest pattern a grid holds, where blurs act most",
        "about 45 %": "the formula exp(-2 pi^2 sigma^2 f^2) gives 0.45 for sigma 0.5 and f 0.4",
        "about 60 %": "a sigma of half a pixel is a light blur that barely touches even fine stripes",
    },
    answer="about 60 %",
    explanation="The sampled sigma-0.5 kernel has the response H(0.4) = 0.61: most of the stripes pass the "
                "blur and fold back. (The continuous formula says 0.45, but at sigma 0.5 the sampled kernel is "
                "almost a 3-tap kernel, 0.11, 0.79, 0.11, and lets more through.) scikit-image's choice keeps "
                "the result sharp and accepts some aliasing; its linear interpolation then averages two "
                "neighbours, which removes a little more.",
    key="nb10-antialias",
)

# %% tags=["hide-output"]
stripes_image = np.tile(fine[:256], (16, 1))  # the 0.4-cycles-per-pixel stripes as a 16 x 256 image
by_rescale = skimage.transform.rescale(stripes_image, 0.5, anti_aliasing=True)
by_hand = skimage.transform.resize(ndimage.gaussian_filter(stripes_image, 0.5, mode="mirror"), by_rescale.shape,
                                   anti_aliasing=False)
print(f"rescale(anti_aliasing=True) == gaussian_filter(sigma 0.5, mode='mirror'), then resize without blur: "
      f"{np.array_equal(by_rescale, by_hand)}")
print(f"response of the sampled sigma-0.5 kernel at 0.4: {response_at(gaussian_kernel1d(0.5), 0.4):.3f}; "
      f"stripes left after the blur alone: {sine_amplitude(ndimage.gaussian_filter1d(fine, 0.5), 0.4):.3f}")
print(f"false stripes in rescale's result (0.2 cycles per new pixel): {sine_amplitude(by_rescale[4], 0.2):.3f}, "
      f"of which linear interpolation at half-pixel positions contributes the factor "
      f"cos(pi * 0.4) = {np.cos(np.pi * 0.4):.3f}")

# %% [markdown]
# `mode="mirror"`: `resize` takes numpy.pad's names (its default `'reflect'`), and translates them into SciPy's
# (`'mirror'`), as notebook 09 showed for `denoise_bilateral`.
#
# **Where the new pixels sit.** `image[::F]` keeps the *first* pixel of each block of F pixels; `resize` puts
# each new pixel at the *centre* of its block, at the original coordinate F·i + (F − 1)/2. The two differ by a
# shift of (F − 1)/2 original pixels, half a pixel when halving. On a ramp whose values are its coordinates:

# %%
ramp = np.arange(12, dtype=np.float64)
for factor in (2, 3, 4):
    centred = skimage.transform.resize(ramp, (12 // factor,), order=1, anti_aliasing=False, mode="edge")
    print(f"F = {factor}: ramp[::F] keeps {ramp[::factor].tolist()}, resize samples at {centred.tolist()} "
          f"(shift {float(np.mean(centred - ramp[::factor])):g} = (F - 1)/2)")

# %% [markdown]
# For an odd factor the centre is a pixel of the image (`ramp[1::3]` for F = 3); for an even one it falls
# between two pixels, and `resize` interpolates.
#
# Any sigma is a trade-off between the two frequencies that matter after shrinking by F: the limit of the new
# grid, 0.5/F, where patterns start to fold back (want: a small response), and half of it, detail the smaller
# image can still show (want: a response near 1). The table compares scikit-image's two rules: `resize`'s
# (F − 1)/2 and the `2 F / 6` of its pyramids (section 4).

# %%
print(" F   rule         sigma   H at the new limit 0.5/F   H at half of it, 0.25/F")
for factor in (2, 4, 8):
    for rule, sigma in (("(F - 1) / 2", (factor - 1) / 2), ("2 F / 6", 2 * factor / 6)):
        kernel = gaussian_kernel1d(sigma)
        print(f"{factor:2d}   {rule:11s}  {sigma:5.2f}   {response_at(kernel, 0.5 / factor):24.2f}   "
              f"{response_at(kernel, 0.25 / factor):23.2f}")

# %% [markdown]
# Neither rule silences the new limit: they leave 40-80 % of the patterns right at 0.5/F, in exchange for
# keeping 80-95 % of the detail at half the limit. A larger sigma trades the other way: less aliasing, a softer
# result. Whatever the sigma, blur *before* you keep every F-th pixel, and blur with the border mode you mean.
#
# ## 4. Image pyramids
#
# A **Gaussian pyramid** is the image at a series of scales, each level blurred and halved from the one
# before: coarse levels are cheap to search (for objects, for matches between images), fine levels hold the
# detail. `skimage.transform.pyramid_gaussian` builds one; every level is `pyramid_reduce` of the level before,
# which blurs with `sigma = 2 * downscale / 6` and resizes with linear interpolation:

# %%
camera = sample("camera")  # 512 x 512
levels = list(skimage.transform.pyramid_gaussian(camera, max_layer=4, downscale=2))
print("shapes:", [level.shape for level in levels])
print(f"all levels together: {sum(level.size for level in levels) / camera.size:.3f} times the pixels of the "
      f"image (1 + 1/4 + 1/16 + ... < 4/3)")
reduced = skimage.transform.resize(ndimage.gaussian_filter(levels[1], 2 * 2 / 6, mode="reflect"),
                                   levels[2].shape, order=1, mode="reflect", anti_aliasing=False)
print(f"level 2 == resize(gaussian_filter(level 1, 2/3, mode='reflect'), order=1): "
      f"{np.array_equal(levels[2], reduced)}")

# %% [markdown]
# One detail of scikit-image shows in that check: `pyramid_reduce` passes its `mode='reflect'` to SciPy's
# filter unchanged (SciPy's `reflect`), but to `resize`, which translates it into SciPy's `mirror`. Two
# conventions inside one function; it only matters at the border.

# %%
show_images(levels[:4], [f"level {k}: {level.shape[0]}×{level.shape[1]}" for k, level in enumerate(levels[:4])],
            alt="Four pyramid levels of the camera image drawn at the same size: 512, 256, 128 and 64 pixels "
                "wide, each softer and blockier than the one before, the photographer still recognisable in "
                "the smallest.")

# %% [markdown]
# (Each level is drawn at the same size, so the coarse ones look blocky: they hold fewer pixels.)
#
# ## 5. A small scale space: differences of Gaussians
#
# Blurring with a growing sigma, without shrinking, produces a **scale space**: a stack of ever coarser
# versions of the image. Differences between neighbouring levels, `G(kσ) * image − G(σ) * image`, respond to
# structures of size about σ: the **difference of Gaussians** (DoG). It approximates (k − 1) σ² times the
# Laplacian of the Gaussian (LoG, `ndimage.gaussian_laplace`), the sum of the second derivatives, which is
# large and negative at the centre of a bright blob of matching size.
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
s = 4.0
log_scaled = (k - 1) * s ** 2 * ndimage.gaussian_laplace(blobs, np.sqrt(k) * s)
print(f"correlation between DoG(sigma {s:g}, {k * s:g}) and the scaled LoG at sqrt(k) * sigma: "
      f"{np.corrcoef(dogs[1].ravel(), log_scaled.ravel())[0, 1]:.4f}")

# %%
show_images([blobs] + dogs, ["three discs"] + [f"DoG, sigma {s:g} and {k * s:g}" for s in scales],
            alt="Four panels: three white discs of radius 4, 8 and 16 on black, then their difference of "
                "Gaussians at three scales on a blue-white-red scale centred on 0. The small disc is darkest "
                "blue at the smallest scale, the middle disc at the middle scale, the large disc at the "
                "largest; at the smallest scale the large disc shows only a ring.")

# %% [markdown]
# Each disc responds most strongly, with the most negative centre, at the level that matches its size: read
# each column of the table. At the smallest scale the large disc gives only a ring along its outline: at small
# scales the DoG is an edge detector. And the DoG has the shape of the LoG taken between its two scales.
#
# **Scale selection.** Multiply the LoG by σ² (the *scale-normalised* LoG, so that responses at different
# scales are comparable) and follow its value at each disc's centre as σ grows. Where does it peak?

# %%
predict(
    "The scale-normalised LoG response at the centre of a disc of radius 8 is largest at which sigma?",
    options={
        "about 1": "the smallest sigma keeps the most detail, so it might respond the most",
        "about 5.7": "the LoG's negative centre should fit the disc",
        "about 16": "the disc's diameter is its size, so the matching sigma might be the diameter",
    },
    answer="about 5.7",
    explanation="The response is largest when the LoG's negative centre fits the disc: for a disc of radius "
                "r that happens at sigma = r / √2 = 5.66 for r = 8. So the sigma of the strongest response "
                "measures the blob's size: the idea behind blob detectors (skimage.feature.blob_log and "
                "blob_dog) and SIFT's keypoint scales.",
    key="nb10-scale",
)

# %% tags=["hide-output"]
scale_axis = np.arange(1.0, 16.01, 0.5)
normalised_log = np.array([-(sc ** 2) * ndimage.gaussian_laplace(blobs, sc)[64] for sc in scale_axis])
responses = {f"disc radius {radius}": normalised_log[:, column] for radius, column in radii_and_columns}
for (radius, _), (label, values) in zip(radii_and_columns, responses.items(), strict=True):
    print(f"{label}: strongest at sigma {scale_axis[np.argmax(values)]:.1f} "
          f"(r / sqrt(2) = {radius / np.sqrt(2):.2f}, grid step 0.5)")
plot_curves(scale_axis, responses, "sigma (pixels)", "-sigma² × LoG at the disc centre",
            title="scale selection: the peak sigma measures the blob size",
            alt="The scale-normalised LoG response at each disc's centre against sigma from 1 to 16: each curve "
                "rises to one peak and falls, the peak at about 3 for radius 4, 5.5 for radius 8 and 11.5 for "
                "radius 16.")

# %% [markdown]
# ## Key points
#
# - A symmetric kernel multiplies a stripe pattern of frequency f by its response H(f). A Gaussian's response
#   is a Gaussian, positive and falling; a box's response changes sign, so a box blur lets some fine patterns
#   through inverted. Plot H with its sign, not |H|.
# - Keeping every F-th pixel folds every pattern above 0.5/F cycles per pixel back to a false, coarser one:
#   aliasing, seen as moiré. Blur before you shrink.
# - scikit-image's `resize`/`rescale` blur with sigma (F − 1)/2 and `mode` translated from numpy.pad's names
#   (`'reflect'` → SciPy's `'mirror'`); its pyramids use 2F/6. Both are compromises: some aliasing stays, most
#   detail is kept.
# - A Gaussian pyramid stores all scales in less than 4/3 of the image's pixels.
# - Differences of Gaussians approximate the scale-normalised LoG; the sigma of the strongest response at a
#   blob's centre (r/√2 for a disc) measures its size.
#
# **Exercise:** [Exercise 10](../exercises/ex10_scale.ipynb): shrink an image by an integer factor with an
# anti-aliasing blur.
# **Next:** 11 · Chunked filtering: images larger than memory.
