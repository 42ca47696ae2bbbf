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
# # 06 · Borders: what the filter sees beyond the edge of the image
#
# **Questions**
# - A kernel centred on a border pixel reaches outside the image. Which values does it use there?
# - Why is `numpy.pad(..., mode='reflect')` *not* SciPy's `mode='reflect'`?
# - Why does `mode='constant'` darken the border, and by how much?
# - What happens when the kernel is wider than the image?
#
# **Objectives**
# - Draw the padding of every SciPy border mode on a short row, and state each mode's index rule.
# - Translate mode names between SciPy, `numpy.pad`, OpenCV and scikit-image using a table computed from the
#   rules, and prove the `reflect` naming trap with code.
# - Predict and measure the dark rim that `mode='constant'` produces, and remove it with normalised
#   convolution.
# - Explain how padding repeats when the kernel is wider than the image, and which modes keep the mean.
#
# **Time:** about 30 minutes.
#
# **Prerequisites:** [04 · Filtering](04_filtering.ipynb) (a filter as a weighted sum over a window, padding),
# [03 · The Gaussian kernel](03_gaussian_kernel.ipynb) (radius rule).

# %%
# %matplotlib inline
import numpy as np
import skimage.filters
from scipy import ndimage

from gausslearn.borders import MODES, mode_table, pad, padded_indices
from gausslearn.images import sample
from gausslearn.kernels import gaussian_kernel1d, kernel_radius
from gausslearn.plotting import plot_padding, plot_profiles, show_images
from gausslearn.widgets import border_explorer, predict

np.set_printoptions(linewidth=110)

# %% [markdown]
# ## 1. The problem
#
# With sigma 4 the kernel has radius `int(4 * 4 + 0.5) = 16`: the output pixel in column 0 is a weighted sum
# over columns -16 to 16. Columns -16 to -1 do not exist. A **border mode** is the rule that invents them.
# Every filter needs one; SciPy's default is `mode='reflect'`.

# %%
print(f"sigma 4: radius {kernel_radius(4.0)}; for column 0, {kernel_radius(4.0)} of its "
      f"{2 * kernel_radius(4.0) + 1} weights fall outside the image")
weights = gaussian_kernel1d(4.0)
print(f"share of the kernel's weight outside the image at column 0: {weights[:kernel_radius(4.0)].sum():.1%}")

# %% [markdown]
# Almost half of the weight falls on invented pixels: the choice of mode matters at the border.
#
# ## 2. Every mode, drawn
#
# We pad the row `[1 2 3 4 5]` by 4 samples on each side with `gausslearn.borders.pad`, which implements each
# SciPy mode from its index rule. Before you look, predict one of them:

# %%
predict(
    "SciPy's mode='reflect' pads the row [1 2 3 4 5] on the left. Which two values come just before the 1?",
    options=["3 2 (mirrored about the first pixel)", "2 1 (mirrored about the edge of the first pixel)",
             "1 1 (the first pixel repeated)", "4 5 (the row wraps around)"],
    answer="2 1 (mirrored about the edge of the first pixel)",
    explanation="SciPy's 'reflect' puts the mirror on the outer edge of the first pixel, so the first pixel "
                "is copied too: ... 3 2 1 | 1 2 3 4 5. Mirroring about the centre of the first pixel "
                "(3 2 | 1 2 ...) is SciPy's 'mirror', and also what numpy.pad calls 'reflect'.",
    key="nb06-reflect",
)

# %%
row = np.array([1, 2, 3, 4, 5])
width = 4
padded_rows = {mode: pad(row, width, mode=mode, cval=0) for mode in MODES}
for mode, values in padded_rows.items():
    left, right = values[:width], values[width + row.size:]
    print(f"{mode:14s} {np.array2string(left)} | {np.array2string(row)} | {np.array2string(right)}")

# %%
plot_padding(row, padded_rows, width)

# %% [markdown]
# The rules behind the pictures, for an index `i` outside `0 .. n-1` (here `n = 5`); `padded_indices` returns
# the source index of every padded position (-1 means "the constant `cval`"):
#
# | mode | rule | period |
# |---|---|---|
# | `reflect` | mirror about the outer *edge* of the end pixel (end pixel repeated) | 2n |
# | `mirror` | mirror about the *centre* of the end pixel (end pixel not repeated) | 2n - 2 |
# | `nearest` | repeat the end pixel | - |
# | `wrap` | continue from the other end, `i mod n` | n |
# | `constant` | the value `cval` (default 0) | - |
#
# Inside the filters, `grid-mirror`, `grid-wrap` and `grid-constant` are SciPy's synonyms of `reflect`, `wrap`
# and `constant`. `grid-mirror` is `reflect` everywhere; `grid-wrap` and `grid-constant` differ from `wrap`
# and `constant` only in SciPy's interpolation functions (`ndimage.shift`, `zoom`, ...).

# %%
for mode in ("reflect", "mirror", "nearest", "wrap", "constant"):
    print(f"{mode:9s} source indices: {padded_indices(5, 4, 4, mode)}")
image_row = np.linspace(0.0, 1.0, 12) ** 2
for grid_mode, plain in (("grid-mirror", "reflect"), ("grid-wrap", "wrap"), ("grid-constant", "constant")):
    same = np.array_equal(ndimage.gaussian_filter1d(image_row, 2.0, mode=grid_mode),
                          ndimage.gaussian_filter1d(image_row, 2.0, mode=plain))
    print(f"gaussian_filter1d with '{grid_mode}' equals '{plain}': {same}")

# %% [markdown]
# ## 3. One rule, four names
#
# Libraries name these rules differently, and the same word can mean different rules. The table below is
# **computed** by `gausslearn.borders.mode_table`: the `numpy.pad` column by padding with every numpy mode
# and comparing the result with the index rule, the OpenCV column by comparing with the letter pictures in
# OpenCV's documentation. (scikit-image passes `mode` straight to SciPy, so it uses SciPy's names, but its
# `skimage.filters.gaussian` has a different *default*, see below.)

# %%
table = mode_table()
print(f"{'SciPy':14s} {'numpy.pad':10s} {'OpenCV':19s} {'scikit-image':14s} pattern (4 pixels a b c d, padded by 4)")
for entry in table:
    print(f"{entry['scipy']:14s} {entry['numpy_pad']:10s} {entry['opencv']:19s} {entry['skimage']:14s} "
          f"{entry['pattern']}")

# %% [markdown]
# ### The trap, proven
#
# Many tutorials translate SciPy's `reflect` into `np.pad(..., mode='reflect')`. They are different rules:

# %%
ours = pad(row, 3, mode="reflect")
numpy_reflect = np.pad(row, 3, mode="reflect")
numpy_symmetric = np.pad(row, 3, mode="symmetric")
print("SciPy 'reflect':     ", ours)
print("np.pad 'reflect':    ", numpy_reflect)
print("np.pad 'symmetric':  ", numpy_symmetric)
print(f"SciPy reflect == np.pad reflect:   {np.array_equal(ours, numpy_reflect)}")
print(f"SciPy reflect == np.pad symmetric: {np.array_equal(ours, numpy_symmetric)}")
print(f"SciPy mirror  == np.pad reflect:   {np.array_equal(pad(row, 3, mode='mirror'), numpy_reflect)}")

# %% [markdown]
# The difference reaches the filtered values. Pad a signal with `np.pad` yourself, blur only the valid part
# (`np.convolve(..., 'valid')` never looks past the padded array), and compare with SciPy's own border
# handling:

# %%
signal = np.array([0.9, 0.1, 0.4, 0.8, 0.3, 0.6, 0.2, 0.7])
k = gaussian_kernel1d(1.0)
r = k.size // 2
scipy_reflect = ndimage.gaussian_filter1d(signal, 1.0, mode="reflect")
via_symmetric = np.convolve(np.pad(signal, r, mode="symmetric"), k, mode="valid")
via_numpy_reflect = np.convolve(np.pad(signal, r, mode="reflect"), k, mode="valid")
print(f"scipy 'reflect' vs np.pad 'symmetric': max |difference| < 1e-12: "
      f"{np.abs(scipy_reflect - via_symmetric).max() < 1e-12}")
print(f"scipy 'reflect' vs np.pad 'reflect':   max |difference| {np.abs(scipy_reflect - via_numpy_reflect).max():.3f}")
print("                           first pixel: "
      f"{scipy_reflect[0]:.3f} (scipy reflect) vs {via_numpy_reflect[0]:.3f} (np.pad reflect)")

# %% [markdown]
# Three more defaults to keep apart:
#
# - `scipy.ndimage.gaussian_filter`: `mode='reflect'`.
# - `skimage.filters.gaussian`: `mode='nearest'`. The same sigma gives different border pixels than SciPy's
#   default, and identical interior pixels (checked below).
# - OpenCV's `cv2.GaussianBlur`: `BORDER_DEFAULT`, which is `BORDER_REFLECT_101`, i.e. SciPy's `mirror`
#   (see the table). Its filters do not accept `BORDER_WRAP` at all: the table row names the padding
#   rule, which `cv2.copyMakeBorder` can apply before filtering.

# %%
camera = sample("camera")[::2, ::2]  # 256 x 256, values in [0, 1]
by_skimage = skimage.filters.gaussian(camera, sigma=4)
by_scipy_default = ndimage.gaussian_filter(camera, 4)
by_scipy_nearest = ndimage.gaussian_filter(camera, 4, mode="nearest")
rim = kernel_radius(4.0)
inner = (slice(rim, -rim), slice(rim, -rim))
print(f"skimage default == scipy mode='nearest' (max |difference| < 1e-12): "
      f"{np.abs(by_skimage - by_scipy_nearest).max() < 1e-12}")
print(f"skimage default vs scipy default: max |difference| {np.abs(by_skimage - by_scipy_default).max():.3f} "
      f"overall; below 1e-12 more than {rim} px from the border: "
      f"{np.abs(by_skimage - by_scipy_default)[inner].max() < 1e-12}")

# %% [markdown]
# ## 4. On a real image
#
# The camera image (256×256), blurred with sigma 4 under each basic mode. We look at the top-left corner and
# at a column profile from the top edge down. The top of the image is bright sky; the bottom is darker
# ground.

# %%
predict(
    "A uniform grey image (every pixel 0.8) is blurred with sigma 4 and mode='constant' (cval 0). "
    "What is the blurred value in the middle of the left edge?",
    options=["0.8 (a blur keeps flat regions flat)", "about 0.44 (a little over half)",
             "about 0.2 (a quarter)", "0 (the border is black)"],
    answer="about 0.44 (a little over half)",
    explanation="Along the row, the kernel's left half lies on zeros. What remains is the right half plus the "
                "centre weight: 0.5 + w0/2 of the total, a bit more than half. 0.8 times that is about 0.44. "
                "In the corner two axes lose half each, leaving about 0.3 of the value.",
    key="nb06-constant",
)

# %%
flat = np.full((64, 64), 0.8)
dimmed = ndimage.gaussian_filter(flat, 4.0, mode="constant", cval=0.0)
w0 = weights[kernel_radius(4.0)]
print(f"middle of the left edge: {dimmed[32, 0]:.4f}; predicted 0.8 * (0.5 + w0 / 2) = {0.8 * (0.5 + w0 / 2):.4f}")
print(f"corner: {dimmed[0, 0]:.4f} = {dimmed[0, 0] / 0.8:.1%} of 0.8")
depth = int(np.sum(dimmed[32, :32] < 0.99 * 0.8))
print(f"columns more than 1 % too dark at the left end of row 32: {depth} (= {depth / 4.0:.1f} sigma deep)")
print(f"share of the image's pixels more than 1 % too dark: {np.mean(dimmed < 0.99 * 0.8):.1%}")

# %%
basic = ("reflect", "mirror", "nearest", "wrap", "constant")
blurred = {mode: ndimage.gaussian_filter(camera, 4.0, mode=mode) for mode in basic}
show_images([camera[:48, :48]] + [blurred[m][:48, :48] for m in basic],
            ["original, top-left corner"] + [f"'{m}'" for m in basic], ncols=3)

# %%
column = 128
plot_profiles({"original": camera[:40, column]} | {f"'{m}'": blurred[m][:40, column] for m in basic},
              xlabel="row (0 = top edge)", title=f"column {column}, top 40 rows, sigma 4")

# %%
for m in basic:
    print(f"'{m:8s}': row 0 of column {column} = {blurred[m][0, column]:.3f}, row 20 = {blurred[m][20, column]:.3f}")
print(f"original  : row 0 of column {column} = {camera[0, column]:.3f}, row 20 = {camera[20, column]:.3f}")

# %% [markdown]
# Reading the profiles:
#
# - `reflect`, `mirror` and `nearest` agree closely: near the border of a photograph the invented pixels
#   look like the real ones, so any of these is fine for natural images.
# - `wrap` pulls the **bottom** of the image into the top rows: a darker band over the sky. It is right only
#   for data that really is periodic (a texture tile, a full 360° panorama along its horizontal axis) and it
#   is what an FFT-based filter does implicitly.
# - `constant` pulls in black: the dip the prediction above quantified.
#
# ### Removing the dark rim: normalised convolution
#
# When the outside really is unknown, the honest answer is to average only the pixels that exist. Blur the
# image with zeros outside, blur an all-ones mask the same way, and divide: the mask's blur is exactly the
# share of the kernel that fell inside the image.

# %%
mask = np.ones_like(camera)
normalised = (ndimage.gaussian_filter(camera, 4.0, mode="constant")
              / ndimage.gaussian_filter(mask, 4.0, mode="constant"))
flat_fixed = (ndimage.gaussian_filter(flat, 4.0, mode="constant")
              / ndimage.gaussian_filter(np.ones_like(flat), 4.0, mode="constant"))
print(f"uniform 0.8 image: every pixel 0.8 after normalised convolution (to 1e-12): "
      f"{np.abs(flat_fixed - 0.8).max() < 1e-12}")
print(f"camera, row 0 of column {column}: constant {blurred['constant'][0, column]:.3f}, "
      f"normalised {normalised[0, column]:.3f}, reflect {blurred['reflect'][0, column]:.3f}")

# %% [markdown]
# The same trick handles masks with holes (missing or saturated pixels): put 0 in the image and in the mask
# where the data is missing.
#
# ## 5. Kernels wider than the image
#
# What does a radius-12 kernel (sigma 3) do on a row of 5 pixels? The padding needs 12 samples on each side,
# more than the row has. SciPy and `numpy.pad` do not fail: they **apply the rule again**, reflecting the
# reflection.

# %%
wide = 12
print(f"sigma 3 needs radius {kernel_radius(3.0)}: pad {wide} samples on each side of a {row.size}-pixel row")
for mode in ("reflect", "mirror", "wrap"):
    print(f"{mode:8s}", padded_indices(row.size, wide, wide, mode))
plot_padding(row, {m: pad(row, wide, mode=m) for m in ("reflect", "mirror", "nearest", "wrap")}, wide)

# %% [markdown]
# Push sigma far beyond the image and every output pixel becomes an average over the repeated padding.
# Which average depends on the mode:

# %%
predict(
    "The row [1 2 3 4 10] (mean 4) is blurred with a huge sigma (500). With mode='mirror', what do all five "
    "output values approach?",
    options=["4, the mean of the row", "3.625, less than the mean", "5.5, the average of the two end pixels",
             "0"],
    answer="3.625, less than the mean",
    explanation="Mirror repeats the pattern 1 2 3 4 10 4 3 2 (period 2n - 2 = 8): the end pixels appear once "
                "per period, the inner ones twice. A very wide blur averages one period: (1 + 10 + 2 * (2 + 3 "
                "+ 4)) / 8 = 3.625. Reflect repeats 1 2 3 4 10 10 4 3 2 1, every pixel twice, so it keeps the "
                "mean 4; so does wrap. Nearest piles up the end pixels and approaches 5.5; constant fades to 0.",
    key="nb06-wide",
)

# %%
spiky = np.array([1.0, 2.0, 3.0, 4.0, 10.0])
print(f"row {spiky}, mean {spiky.mean():.3f}")
print("mode       sigma 1   sigma 3   sigma 50  sigma 500   (mean of the blurred row)")
for mode in basic:
    means = [ndimage.gaussian_filter1d(spiky, s, mode=mode).mean() for s in (1, 3, 50, 500)]
    print(f"{mode:9s}" + "".join(f"{m:10.3f}" for m in means))
for mode in ("mirror", "reflect"):
    print(f"sigma 500, {mode!r:9s} output:", np.array2string(ndimage.gaussian_filter1d(spiky, 500, mode=mode),
                                                             precision=3, floatmode="fixed"))

# %% [markdown]
# `reflect` and `wrap` conserve the total brightness at *every* sigma (each pixel appears equally often in
# the padding); `mirror`, `nearest` and `constant` do not. Sigma larger than the image is rarely what you
# want, but it happens: a 3-D stack with a handful of slices and the same sigma on every axis is the usual
# case. Give such an axis a smaller sigma, or 0.
#
# Modes can also differ **per axis**: `mode=('reflect', 'wrap')` treats the rows as a photograph and the
# columns as periodic (a 360° panorama).

# %%
panorama_blur = ndimage.gaussian_filter(camera, 4.0, mode=("reflect", "wrap"))
same = np.array_equal(panorama_blur, ndimage.gaussian_filter1d(ndimage.gaussian_filter1d(camera, 4.0, axis=0,
                                                                                         mode="reflect"),
                                                               4.0, axis=1, mode="wrap"))
print(f"mode=('reflect', 'wrap') == reflect along rows, then wrap along columns: {same}")

# %% [markdown]
# ## 6. Explore the modes
#
# Pick a mode: the top left shows the corner of the padded input (the image starts at the orange lines,
# everything above and left of them is invented), the top right the blurred corner, the bottom strip the first
# samples of one row with their padding. (Without a running kernel you see a static picture for `reflect`.)

# %% tags=["nbval-ignore-output"]
border_explorer(sample("camera")[::4, ::4], sigma=3.0, mode="reflect")

# %% [markdown]
# ## Key points
#
# - A filter near the border needs pixels that do not exist; the border mode invents them from an index rule.
#   With sigma 4, almost half of the kernel's weight falls outside at the border.
# - SciPy `reflect` = `numpy.pad` `symmetric` = OpenCV `BORDER_REFLECT` (end pixel repeated); SciPy `mirror` =
#   `numpy.pad` `reflect` = OpenCV `BORDER_REFLECT_101` (OpenCV's default). Same word, different rules.
# - SciPy's default is `reflect`; `skimage.filters.gaussian` defaults to `nearest`; they differ only within
#   the kernel radius of the border.
# - `constant` with cval 0 darkens a rim about two sigma deep (the edge keeps a little over half its value, a
#   corner about 30 %); normalised convolution removes the rim honestly.
# - `wrap` is for periodic data only. When the kernel is wider than the image the rule repeats; `reflect` and
#   `wrap` keep the mean, `mirror`, `nearest` and `constant` do not.
#
# **Exercise:** [Exercise 4: pad an image the way SciPy does](../exercises/ex04_borders.ipynb). **Next:**
# [07 · Separability](07_separability.ipynb).
