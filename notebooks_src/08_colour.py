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
# # 08 · Colour: blurring colour images
#
# **Questions**
# - What does `gaussian_filter(rgb, 2)` do to a colour image?
# - How do we blur only along the two spatial axes, in SciPy and in scikit-image?
# - What about transparency (RGBA) and arrays stored channel-first?
#
# **Objectives**
# - Predict what a filter does to a colour image from the array's shape, and check it on a test image.
# - Blur colour images correctly with `sigma=(s, s, 0)` or `axes=(0, 1)`, and show both give identical bits.
# - Use `skimage.filters.gaussian` with `channel_axis`, and account for its other defaults (mode `nearest`,
#   integer images converted to floats in [0, 1], `preserve_range`).
# - Blur an RGBA image with premultiplied alpha, and blur channel-first `(3, H, W)` arrays.
#
# **Time:** about 35 minutes (17 code cells and 3 predict-first prompts).
#
# **Prerequisites:** [01 · Pixel grids](01_pixel_grids.ipynb) (colour images as `(H, W, 3)` arrays, dtypes),
# [05 · Sigma](05_sigma.ipynb) (per-axis sigma), [06 · Borders](06_borders.ipynb) (border modes).

# %%
# %matplotlib inline
import numpy as np
import skimage.filters
from scipy import ndimage

from gausslearn.dtypes import to_float
from gausslearn.images import disc, rgb_one_hot, sample
from gausslearn.plotting import plot_profiles, show_images
from gausslearn.widgets import predict

np.set_printoptions(linewidth=110)

# %% [markdown]
# ## 1. A colour image is a 3-D array
#
# The test image has three bands of **pure** red, green and blue: every pixel has one channel at 1 and the
# other two at 0.

# %%
bands = rgb_one_hot((48, 96))
print(f"shape {bands.shape} (rows, columns, channels), dtype {bands.dtype}")
print(f"pixel (24, 16), middle of the red band:   {bands[24, 16]}")
print(f"pixel (24, 48), middle of the green band: {bands[24, 48]}")

# %% [markdown]
# To `scipy.ndimage`, this is simply a 3-D array of shape (48, 96, 3).

# %%
predict(
    "We call ndimage.gaussian_filter(bands, 2). What happens to the pixel in the middle of the red band, "
    "16 columns away from the green band?",
    options={
        "it stays pure red, (1, 0, 0)": "the green band is 16 columns away, 8 times sigma: too far for the blur",
        "it stays red but gets darker": "a blur spreads some of the red into the neighbours, so less is left",
        "it turns yellowish": "red and green bands side by side mix into yellow, like paint",
        "it turns nearly grey": "a scalar sigma blurs every axis of the array, the 3-sample colour axis too",
    },
    answer="it turns nearly grey",
    explanation="Sigma 2 along the last axis averages R, G and B of the same pixel with weights reaching 8 "
                "samples away (reflected back into the 3 that exist). The distance to the green band is "
                "irrelevant: the pixel's own red value is averaged with its own green and blue values (0), so "
                "red drops and green and blue rise towards one third each.",
    key="nb08-mixing",
)

# %% tags=["hide-output"]
mixed = ndimage.gaussian_filter(bands, 2)
for name, (row, col) in (("red", (24, 16)), ("green", (24, 48)), ("blue", (24, 80))):
    print(f"middle of the {name:5s} band: before {np.array2string(bands[row, col], precision=3, floatmode='fixed')}"
          f"  after {np.array2string(mixed[row, col], precision=3, floatmode='fixed')}")

# %% tags=["hide-output"]
show_images([bands, mixed], ["pure bands", "gaussian_filter(bands, 2)"],
            alt="Two panels: three pure bands, red, green and blue; after gaussian_filter(bands, 2) all three "
                "bands are nearly the same grey with only a faint tint.")

# %% [markdown]
# The colours are almost gone: along an axis of only 3 samples, a kernel with radius 8 averages the channels
# nearly evenly. The damage does not depend on the picture at all. Even a sigma of 0.5 tints every pixel:

# %%
for s in (0.5, 1.0, 2.0):
    out = ndimage.gaussian_filter(bands, s)
    print(f"sigma {s}: middle of the red band becomes "
          f"{np.array2string(out[24, 16], precision=3, floatmode='fixed', suppress_small=True)}")

# %% [markdown]
# ## 2. The fix: sigma 0 along the channel axis
#
# Two spellings, both in SciPy:
#
# - `sigma=(s, s, 0)`: one sigma per axis; an axis with sigma 0 is skipped entirely (notebook 05);
# - `axes=(0, 1)`: filter only the listed axes with the scalar sigma (SciPy ≥ 1.11).

# %%
per_axis = ndimage.gaussian_filter(bands, sigma=(2, 2, 0))
by_axes = ndimage.gaussian_filter(bands, sigma=2, axes=(0, 1))
channel_by_channel = np.stack([ndimage.gaussian_filter(bands[..., c], 2) for c in range(3)], axis=-1)
print(f"sigma=(2, 2, 0) and axes=(0, 1) identical bit for bit: {np.array_equal(per_axis, by_axes)}")
print(f"... and identical to blurring each channel separately: {np.array_equal(per_axis, channel_by_channel)}")
print(f"middle of the red band: {np.array2string(per_axis[24, 16], precision=3, floatmode='fixed')}")
print(f"green channel inside the red band (columns 0-23): largest value {per_axis[:, :24, 1].max()}")

# %%
show_images([bands, per_axis], ["pure bands", "sigma=(2, 2, 0): only space is blurred"],
            alt="Two panels: the pure red, green and blue bands, and the same bands after sigma=(2, 2, 0): "
                "colours as saturated as before, only the boundaries between bands are soft.")

# %% [markdown]
# Colours now mix only where they should: **across the band boundaries**, spatially. Far from a boundary the
# pixel stays exactly pure.

# %%
plot_profiles({"red channel": per_axis[24, :, 0], "green channel": per_axis[24, :, 1],
               "blue channel": per_axis[24, :, 2]},
              alt="Row 24 of the blurred bands, one curve per channel: red is 1 on the left third, green in "
                  "the middle, blue on the right, each falling smoothly to 0 over a few pixels at the band "
                  "boundaries and exactly 0 elsewhere.",
              xlabel="column", title="row 24 after sigma=(2, 2, 0): each channel blurred in space only")

# %% [markdown]
# ## 3. scikit-image: `channel_axis` and three other defaults
#
# `skimage.filters.gaussian` calls SciPy, with different defaults:
#
# | | `scipy.ndimage.gaussian_filter` | `skimage.filters.gaussian` |
# |---|---|---|
# | colour axis | none (every axis blurred) | none unless `channel_axis=` is given |
# | border mode | `reflect` | `nearest` |
# | integer input | stays integer (truncated, notebook 04) | converted to float in [0, 1] |
# | output range | same as input | [0, 1] unless `preserve_range=True` |
#
# Each row is checked below.

# %%
without = skimage.filters.gaussian(bands, sigma=2)
with_axis = skimage.filters.gaussian(bands, sigma=2, channel_axis=-1)
print(f"no channel_axis == SciPy with a scalar sigma, mode 'nearest': "
      f"{np.allclose(without, ndimage.gaussian_filter(bands, 2, mode='nearest'), rtol=0, atol=1e-12)}")
print(f"channel_axis=-1 == SciPy sigma=(2, 2, 0), mode 'nearest': "
      f"{np.allclose(with_axis, ndimage.gaussian_filter(bands, (2, 2, 0), mode='nearest'), rtol=0, atol=1e-12)}")
print(f"no channel_axis, middle of the red band: {np.array2string(without[24, 16], precision=3, floatmode='fixed')}")

# %% [markdown]
# On a real photograph stored as `uint8`, the other three defaults show up:

# %%
astronaut = sample("astronaut", as_float=False)[::2, ::2]  # 256 x 256 x 3, uint8
sk_default = skimage.filters.gaussian(astronaut, sigma=2, channel_axis=-1)
sk_range = skimage.filters.gaussian(astronaut, sigma=2, channel_axis=-1, preserve_range=True)
scipy_uint8 = ndimage.gaussian_filter(astronaut, sigma=(2, 2, 0))
scipy_float_nearest = ndimage.gaussian_filter(to_float(astronaut), sigma=(2, 2, 0), mode="nearest")
scipy_float_reflect = ndimage.gaussian_filter(to_float(astronaut), sigma=(2, 2, 0))
print(f"input {astronaut.dtype}, range {astronaut.min()}..{astronaut.max()}")
print(f"skimage default:              {sk_default.dtype}, max {sk_default.max():.3f}   (divided by 255)")
print(f"skimage preserve_range=True:  {sk_range.dtype}, max {sk_range.max():.1f}   (still float, 0..255 scale)")
print(f"scipy on uint8:               {scipy_uint8.dtype}")
print(f"skimage default == scipy on to_float(image), mode 'nearest' (to 1e-12): "
      f"{np.abs(sk_default - scipy_float_nearest).max() < 1e-12}")

# %%
border = 8  # the kernel radius for sigma 2
inner = (slice(border, -border), slice(border, -border))
mode_gap = np.abs(sk_default - scipy_float_reflect)
print(f"skimage vs scipy default (reflect), both in [0, 1]: max |difference| {mode_gap.max():.4f} "
      f"in the {border}-pixel rim; below 1e-12 inside it: {mode_gap[inner].max() < 1e-12}")
truncation = scipy_uint8.astype(np.float64) - 255 * scipy_float_reflect
print(f"scipy on uint8 vs exact float result (grey levels): mean {truncation.mean():+.2f}, "
      f"min {truncation.min():+.2f}, max {truncation.max():+.2f}   (truncated once per spatial pass)")

# %% [markdown]
# So the two libraries agree inside the image once the channel axis is set, differ in a rim of one kernel
# radius (mode), and differ in *type and scale* of the result. Use one library consistently, or convert with
# `to_float` first and state the mode explicitly.
#
# ## 4. Transparency: RGBA
#
# An RGBA image has a fourth channel, **alpha** (opacity: 0 transparent, 1 opaque). Two rules:
#
# 1. alpha must not be mixed into the colours (same problem as above, with a 4-sample channel axis);
# 2. the colour of a transparent pixel is meaningless (you cannot see it), but it is still stored, and a
#    filter does not know that it is meaningless.
#
# Our test image: a red disc (alpha 1) on a fully transparent background whose *stored* colour happens to be
# green. On screen it is a red disc on nothing.

# %%
alpha = disc((64, 64), radius=20)
rgba = np.zeros((64, 64, 4))
rgba[..., 0] = alpha          # red where the disc is
rgba[..., 1] = 1.0 - alpha    # green where it is invisible
rgba[..., 3] = alpha
print(f"shape {rgba.shape}; a pixel outside the disc: {rgba[2, 2]} (green, but alpha 0: invisible)")

# %%
predict(
    "We blur this RGBA image spatially only, sigma=(3, 3, 0), and show it over a white background. What "
    "appears at the edge of the disc?",
    options={
        "a soft red edge fading into white": "alpha falls smoothly across the edge, like a soft shadow",
        "a dark, muddy fringe": "the blur averages the stored colour of the transparent pixels into the edge",
        "a hard red edge": "with sigma 0 on the last axis, alpha seems to keep its sharp outline",
    },
    answer="a dark, muddy fringe",
    explanation="The spatial blur averages each channel over the edge: the red channel there becomes about "
                "half, and so does the green stored in the invisible pixels. The edge pixels now have alpha "
                "about 0.5 AND a colour of half red, half green: a muddy fringe. The invisible colour became "
                "visible. Premultiplying by alpha before blurring prevents it.",
    key="nb08-rgba",
)

# %% tags=["hide-output"]
straight = ndimage.gaussian_filter(rgba, sigma=(3, 3, 0))

premultiplied = rgba.copy()
premultiplied[..., :3] *= rgba[..., 3:]          # colour times alpha: invisible pixels contribute nothing
blurred_pm = ndimage.gaussian_filter(premultiplied, sigma=(3, 3, 0))
unpremultiplied = blurred_pm.copy()
visible = blurred_pm[..., 3] > 1e-6
unpremultiplied[visible, :3] /= blurred_pm[visible, 3:]  # back to straight colour where alpha > 0

inside = np.flatnonzero(alpha[32])
edge = (32, int(inside[0]))  # the disc's first pixel in row 32
print(f"row 32 of the disc covers columns {inside[0]}..{inside[-1]}; edge pixel {edge}, RGBA:")
print(f"  straight blur:       {np.array2string(straight[edge], precision=3, floatmode='fixed')}")
print(f"  premultiplied blur:  {np.array2string(unpremultiplied[edge], precision=3, floatmode='fixed')}")
mixed_alpha = ndimage.gaussian_filter(rgba, 3)
print(f"  scalar sigma (alpha mixed in): {np.array2string(mixed_alpha[edge], precision=3, floatmode='fixed')}")
edge_alpha = straight[edge][3]  # the same alpha in both blurs
for label, result in (("straight", straight), ("premultiplied", unpremultiplied)):
    seen = result[edge][:3] * edge_alpha + (1 - edge_alpha)
    print(f"  {label + ' blur seen over white:':36s} RGB {np.array2string(seen, precision=3, floatmode='fixed')}")

# %% tags=["hide-output"]
white = np.ones(3)


def over_white(image_rgba):
    """Composite an RGBA image (straight colour) over a white background."""
    a = np.clip(image_rgba[..., 3:], 0.0, 1.0)
    return np.clip(image_rgba[..., :3], 0.0, 1.0) * a + white * (1.0 - a)


show_images([over_white(rgba), over_white(straight), over_white(unpremultiplied), over_white(mixed_alpha)],
            ["RGBA disc over white", "straight blur: fringe", "premultiplied blur: clean",
             "scalar sigma: alpha mixed in"],
            alt="Four panels over white: the sharp red disc; the straight blur with a dark brownish ring and a "
                "faint green halo at the edge; the premultiplied blur, a clean soft red edge; and the scalar "
                "sigma, a washed-out grey disc.")

# %% [markdown]
# The recipe for RGBA: multiply the colour channels by alpha, blur all four channels spatially
# (`sigma=(s, s, 0)`), divide the colours by the blurred alpha where it is not 0. (Image formats such as PNG
# store straight colour; compositing software often works premultiplied for exactly this reason.)
#
# ## 5. Channel-first arrays
#
# Deep-learning libraries (PyTorch) and some microscopy formats store colour **first**: shape `(3, H, W)`.
# Then the channel axis is axis 0, and the sigmas must move with it.

# %%
predict(
    "For a channel-first array of shape (3, H, W), what does gaussian_filter(image, sigma=(2, 2, 0)) blur?",
    options={
        "rows and columns, as intended": "sigma=(2, 2, 0) is the recipe of section 2 for colour images",
        "the channels and the rows, but not the columns": "sigmas are matched to the axes by position",
        "nothing: SciPy raises an error, it expects the channels last": "scikit-image's channel_axis makes it "
                                                                        "look as if libraries know where the "
                                                                        "colours are",
    },
    answer="the channels and the rows, but not the columns",
    explanation="Sigmas are matched to axes by position. In (3, H, W), axis 0 is the channel axis and axis 2 "
                "the columns, so (2, 2, 0) mixes the channels, blurs the rows and leaves the columns alone. "
                "For channel-first data write sigma=(0, 2, 2) or axes=(1, 2).",
    key="nb08-channel-first",
)

# %% tags=["hide-output"]
chw = np.moveaxis(bands, -1, 0)  # (3, 48, 96): a view, no copy
print(f"channel-first shape: {chw.shape}")
right = ndimage.gaussian_filter(chw, sigma=(0, 2, 2))
print(f"sigma=(0, 2, 2) == axes=(1, 2): {np.array_equal(right, ndimage.gaussian_filter(chw, 2, axes=(1, 2)))}")
print(f"... == the channel-last result, moved: {np.array_equal(right, np.moveaxis(per_axis, -1, 0))}")
wrong = ndimage.gaussian_filter(chw, sigma=(2, 2, 0))
print(f"sigma=(2, 2, 0) on channel-first, middle of the red band: "
      f"{np.array2string(wrong[:, 24, 16], precision=3, floatmode='fixed')}")

# %% [markdown]
# For scikit-image: `skimage.filters.gaussian(chw, sigma=2, channel_axis=0)`.
#
# ## 6. One step further: blurring in linear light
#
# The values in an 8-bit photo are **gamma-encoded** (sRGB): value 0.5 emits only about 21 % of the light of
# value 1. A blur of the stored values averages the codes, not the light, so a red/green boundary gets a
# darker middle than a physical blur (an out-of-focus lens) would give. For physically faithful blur, convert
# to linear light, blur, convert back. (For denoising, blurring the stored values is the usual practice.)

# %%
def srgb_to_linear(v):
    """sRGB code values in [0, 1] to linear light (IEC 61966-2-1)."""
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(v):
    """Linear light in [0, 1] to sRGB code values."""
    return np.where(v <= 0.0031308, 12.92 * v, 1.055 * np.power(np.clip(v, 0, None), 1 / 2.4) - 0.055)


print(f"sRGB code 0.5 emits {srgb_to_linear(0.5):.1%} of the light of code 1.0")
two = rgb_one_hot((16, 64))[..., :2].copy()
two = np.concatenate([two, np.zeros((16, 64, 1))], axis=-1)  # red | green | black bands
code_blur = ndimage.gaussian_filter(two, (4, 4, 0))
light_blur = linear_to_srgb(ndimage.gaussian_filter(srgb_to_linear(two), (4, 4, 0)))
light_code = srgb_to_linear(code_blur[8, :32, :2]).sum(axis=-1)   # light emitted along row 8, red/green part
light_true = srgb_to_linear(light_blur[8, :32, :2]).sum(axis=-1)
seam = int(np.argmin(light_code))
print(f"darkest column near the red/green boundary: {seam}")
print(f"  blur of code values: RGB {np.array2string(code_blur[8, seam], precision=3, floatmode='fixed')}, "
      f"light {light_code[seam]:.3f}")
print(f"  blur in linear light: RGB {np.array2string(light_blur[8, seam], precision=3, floatmode='fixed')}, "
      f"light {light_true[seam]:.3f}")
print(f"light far from the boundary (column 5): {light_code[5]:.3f}")

# %%
show_images([two, code_blur, np.clip(light_blur, 0, 1)], ["red | green | black", "blur of sRGB codes",
                                                          "blur in linear light"],
            alt="Three panels: red, green and black bands; the blur of the stored sRGB codes with a dark seam "
                "between red and green; the blur in linear light with a bright yellowish transition instead.")

# %% [markdown]
# The code-value blur leaves a dark seam between red and green; the linear-light blur does not.
#
# ## Key points
#
# - To SciPy a colour image is just a 3-D array: a scalar sigma blurs across the channels too, and even
#   sigma 0.5 tints every pixel.
# - Blur space only: `sigma=(s, s, 0)` or `axes=(0, 1)` (identical bits, identical to channel-by-channel).
#   For channel-first arrays: `sigma=(0, s, s)` or `axes=(1, 2)`.
# - `skimage.filters.gaussian` needs `channel_axis=-1` for colour, uses mode `nearest`, converts integers to
#   floats in [0, 1] and keeps that scale unless `preserve_range=True`.
# - RGBA: never blur alpha into the colours; premultiply the colours by alpha, blur, divide by the blurred
#   alpha, or invisible colours leak out as fringes.
# - Stored values are gamma-encoded: for physically faithful blur, work in linear light.
#
# **Exercise:** [Exercise 8: blur a colour image without mixing its colours](../exercises/ex08_color.ipynb).
# **Next:** [09 · Beyond the Gaussian](09_beyond.ipynb).
