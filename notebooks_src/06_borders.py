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
# - Why is `numpy.pad(..., mode='reflect')` not SciPy's `mode='reflect'`, and what do other libraries call
#   each rule?
# - Why does `mode='constant'` darken the border, and by how much?
# - What happens when the kernel is wider than the image?
#
# **Objectives**
# - Draw the padding of every SciPy border mode on a short row, and state each mode's index rule.
# - Translate mode names between SciPy, `numpy.pad`, scikit-image, OpenCV, PyTorch and MATLAB with a table
#   computed from the rules, and check any library's convention yourself by reading its padding back.
# - Predict and measure the dark rim that `mode='constant'` produces, and remove it with normalised
#   convolution.
# - Explain how padding repeats when the kernel is wider than the image, and which modes keep the mean.
#
# **Time:** about 40 minutes: 18 code cells to run and read and 4 predictions.
#
# **Prerequisites:** [04 · Filtering](04_filtering.ipynb) (a filter as a weighted sum over a window, padding,
# SciPy's default `mode='reflect'`), [03 · The Gaussian kernel](03_gaussian_kernel.ipynb) (radius rule).

# %%
# %matplotlib inline
import inspect

import numpy as np
import skimage.filters
import skimage.restoration
import skimage.transform
from IPython.display import Markdown
from scipy import ndimage

from gausslearn.borders import MODES, library_mode_table, pad, padded_indices, torch_padded_indices
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
# Every filter needs one; SciPy's default is `mode='reflect'` (notebook 04).

# %%
weights = gaussian_kernel1d(4.0)
print(f"sigma 4: radius {kernel_radius(4.0)}; for column 0, {kernel_radius(4.0)} of its "
      f"{weights.size} weights fall outside the image")
print(f"share of the kernel's weight outside the image at column 0: {weights[:kernel_radius(4.0)].sum():.1%}")

# %% [markdown]
# Almost half of the weight falls on invented pixels: the choice of mode matters at the border.
#
# ## 2. Every mode, drawn
#
# SciPy has five rules: `reflect`, `mirror`, `nearest`, `wrap` and `constant`. Notebook 04 padded the row
# `[1 2 3 4 5]` with `reflect` and got `3 2 1 | 1 2 3 4 5 | 5 4 3`. The name `mirror` sounds like the same
# thing. Before you look at the others, predict that one:

# %%
predict(
    "SciPy's mode='mirror' pads the row [1 2 3 4 5] on the left. Which two values come just before the 1?",
    options={
        "2 1 (the edge pixel repeated, as with 'reflect')": "a mirror and a reflection sound like the same "
                                                            "thing",
        "3 2 (mirrored about the centre of the first pixel)": "right: the mirror passes through the first "
                                                              "pixel, so the first pixel is not copied",
        "1 1 (the first pixel repeated)": "a mirror standing on the edge might just show the edge pixel again",
        "4 5 (the row wraps around)": "the missing values could come from the other end of the row",
    },
    answer="3 2 (mirrored about the centre of the first pixel)",
    explanation="SciPy's 'mirror' puts the mirror through the centre of the first pixel, so the first pixel is "
                "not copied: 3 2 | 1 2 3 4 5 | 4 3. 'reflect' puts it on the outer edge of the first pixel, "
                "so the first pixel is copied too: 2 1 | 1 2 ... The two differ by one pixel, and two "
                "libraries can use either word for either rule.",
    key="nb06-mirror",
)

# %% tags=["hide-output"]
row = np.array([1, 2, 3, 4, 5])
width = 4
padded_rows = {mode: pad(row, width, mode=mode, cval=0) for mode in MODES}
for mode, values in padded_rows.items():
    left, right = values[:width], values[width + row.size:]
    print(f"{mode:14s} {np.array2string(left)} | {np.array2string(row)} | {np.array2string(right)}")
plot_padding(row, {m: padded_rows[m] for m in ("reflect", "mirror", "nearest", "wrap", "constant")}, width,
             alt="Five strips, one per SciPy mode, each showing the row 1 2 3 4 5 framed in orange with 4 "
                 "hatched padded cells on each side: reflect 4 3 2 1 | ... | 5 4 3 2, mirror 5 4 3 2 | ... | "
                 "4 3 2 1, nearest 1 1 1 1 | ... | 5 5 5 5, wrap 2 3 4 5 | ... | 1 2 3 4, constant 0 0 0 0 | ... "
                 "| 0 0 0 0.")

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
# ## 3. One rule, many names
#
# ### numpy.pad: the same words, other rules
#
# Many tutorials translate SciPy's `reflect` into `np.pad(..., mode='reflect')`. NumPy names the rules
# differently: its `reflect` is SciPy's `mirror`, and SciPy's `reflect` is NumPy's `symmetric`. Padding a row
# by hand with the wrong name changes the filtered values at the border:

# %%
print("SciPy 'reflect':   ", pad(row, 3, mode="reflect"))
print("np.pad 'reflect':  ", np.pad(row, 3, mode="reflect"), "  = SciPy 'mirror':",
      np.array_equal(np.pad(row, 3, mode="reflect"), pad(row, 3, mode="mirror")))
print("np.pad 'symmetric':", np.pad(row, 3, mode="symmetric"), "  = SciPy 'reflect':",
      np.array_equal(np.pad(row, 3, mode="symmetric"), pad(row, 3, mode="reflect")))
signal = np.array([0.9, 0.1, 0.4, 0.8, 0.3, 0.6, 0.2, 0.7])
k = gaussian_kernel1d(1.0)
r = k.size // 2
scipy_reflect = ndimage.gaussian_filter1d(signal, 1.0)
via_symmetric = np.convolve(np.pad(signal, r, mode="symmetric"), k, mode="valid")
via_numpy_reflect = np.convolve(np.pad(signal, r, mode="reflect"), k, mode="valid")
print(f"blurred, np.pad 'symmetric' then the valid part: equals SciPy (max |difference| < 1e-12): "
      f"{np.abs(scipy_reflect - via_symmetric).max() < 1e-12}")
print(f"blurred, np.pad 'reflect' then the valid part: first pixel {via_numpy_reflect[0]:.3f} instead of "
      f"{scipy_reflect[0]:.3f}")

# %% [markdown]
# (`np.convolve(..., 'valid')` keeps only the outputs whose window lies inside the padded array, so the
# padding decides the border values; for the symmetric Gaussian, convolving and correlating agree.)
#
# ### scikit-image: which convention?
#
# scikit-image is built on SciPy; `skimage.filters.gaussian(image, sigma, mode=...)` hands its `mode` to SciPy.
# `skimage.transform.warp` moves an image (rotations, shifts, any geometric transform) and has a `mode`
# argument too, for the pixels that move in from outside. Shift the row `[1 2 3]` two pixels to the right with
# `warp`, nearest-neighbour interpolation (`order=0`) and `mode='reflect'`:

# %%
predict(
    "skimage.transform.warp(mode='reflect', order=0) shifts the row [1 2 3] two pixels to the right. Which two "
    "values fill the two pixels on the left?",
    options={
        "2 1 (SciPy's reflect: the edge pixel repeated)": "scikit-image is built on SciPy, and its filters "
                                                          "use SciPy's names",
        "3 2 (numpy.pad's reflect: the edge pixel not repeated)": "right: skimage.transform takes numpy.pad's "
                                                                  "names and translates them for SciPy",
        "1 1 (the edge pixel repeated)": "a short shift might just stretch the edge pixel",
        "2 3 (the row wraps around)": "the pixels pushed out on the right might come back on the left",
    },
    answer="3 2 (numpy.pad's reflect: the edge pixel not repeated)",
    explanation="skimage.transform (warp, rescale, resize, rotate) and skimage.restoration take numpy.pad's "
                "mode names and translate them to SciPy's: 'reflect' becomes SciPy's 'mirror', 'symmetric' "
                "becomes SciPy's 'reflect', 'edge' becomes 'nearest'. So within one library, 'reflect' means "
                "SciPy's rule in skimage.filters and numpy's rule in skimage.transform.",
    key="nb06-skimage",
)

# %% tags=["hide-output"]
shift = skimage.transform.AffineTransform(translation=(2, 0))  # x (columns) by 2, y by 0
three = np.array([[1.0, 2.0, 3.0]])
for name in ("reflect", "symmetric", "edge", "wrap", "constant"):
    moved = skimage.transform.warp(three, shift.inverse, order=0, mode=name, cval=0.0, preserve_range=True)
    print(f"warp, mode={name!r:12s} -> {moved[0]}")
try:
    skimage.filters.gaussian(three, sigma=1, mode="symmetric")
except RuntimeError as error:
    print(f"skimage.filters.gaussian(mode='symmetric'): RuntimeError: {error}")

# %% [markdown]
# `warp` with `'reflect'` gives `3 2`: numpy's `reflect`, SciPy's `mirror`. Its `'symmetric'` gives SciPy's
# `reflect`. scikit-image translates these numpy.pad names for SciPy inside `skimage.transform` and
# `skimage.restoration`, while `skimage.filters` refuses `'symmetric'` and passes SciPy's names straight
# through. So the names depend on the module.
#
# The table below finds every name by comparison, never by typing it: `gausslearn.borders.library_mode_table`
# pads with `numpy.pad`, calls `skimage.filters.gaussian`, reads the padding back from `warp` as above, and
# compares `denoise_bilateral` on a pre-padded image with its own padding. OpenCV, PyTorch and MATLAB are not
# installed with the course: their columns come **from their documentation** (OpenCV's letter pictures,
# PyTorch's and MATLAB's written padding definitions), each written down as an index rule in
# `gausslearn.borders` and compared with SciPy's rules the same way. "none" means the library has no such rule;
# the original pixels are in brackets, `k` is the constant.

# %%
table = library_mode_table()


def cell(name: str) -> str:
    return "none" if name == "-" else f"`{name}`"


header = ("| SciPy | numpy.pad | skimage.filters | skimage.transform, skimage.restoration | OpenCV (docs) | "
          "PyTorch `F.pad` (docs) | MATLAB `imfilter` (docs) | a b c d padded by 4 on each side |")
lines = [header, "|" + "---|" * 8]
for entry in table:
    transform, restoration = entry["skimage_transform"], entry["skimage_restoration"]
    both = cell(transform) if transform == restoration else f"{cell(transform)} / {cell(restoration)}"
    left, middle, right = entry["pattern"].split(" | ")
    lines.append(f"| {cell(entry['scipy'])} | {cell(entry['numpy_pad'])} | {cell(entry['skimage_filters'])} | "
                 f"{both} | {cell(entry['opencv'])} | {cell(entry['pytorch'])} | {cell(entry['matlab'])} | "
                 f"`{left} [{middle}] {right}` |")
Markdown("\n".join(lines))

# %% [markdown]
# Read the table by rows: each row is one rule. The word `reflect` appears in two rows, for two rules:
# SciPy's and `skimage.filters`' `reflect` repeat the end pixel; `numpy.pad`'s, `skimage.transform`'s and
# PyTorch's `reflect` do not. MATLAB's `X` stands for a number passed as the option (0 by default). PyTorch
# also documents a limit that SciPy does not have:

# %%
print("SciPy 'mirror', 5 samples padded by 7:", padded_indices(5, 7, 0, "mirror"))
try:
    torch_padded_indices(5, 7, 0, "reflect")
except ValueError as error:
    print("PyTorch 'reflect' (documented rule):", error)

# %% [markdown]
# ### The defaults
#
# The default mode differs between libraries, and even between functions of one library. Read from the
# functions' signatures and translated with the table:

# %%
numpy_to_scipy = {entry["skimage_transform"]: entry["scipy"] for entry in table}
defaults = {"scipy.ndimage.gaussian_filter": (ndimage.gaussian_filter, "SciPy's"),
            "skimage.filters.gaussian": (skimage.filters.gaussian, "SciPy's"),
            "skimage.transform.resize": (skimage.transform.resize, "numpy.pad's"),
            "skimage.transform.rescale": (skimage.transform.rescale, "numpy.pad's"),
            "skimage.transform.warp": (skimage.transform.warp, "numpy.pad's"),
            "skimage.restoration.denoise_bilateral": (skimage.restoration.denoise_bilateral, "numpy.pad's")}
for where, (function, names) in defaults.items():
    default = inspect.signature(function).parameters["mode"].default
    rule = default if names == "SciPy's" else numpy_to_scipy[default]
    print(f"{where:38s} mode={default!r:11s} ({names} name) = SciPy's {rule!r}")

# %% [markdown]
# `skimage.transform.resize` reflects without repeating the edge pixel (SciPy's `mirror`) while
# `skimage.filters.gaussian` repeats the edge pixel itself (`nearest`). From the documentation: OpenCV's
# filters default to `BORDER_REFLECT_101` (SciPy's `mirror`), PyTorch's `F.pad` and convolution layers to zero
# padding, MATLAB's `imfilter` to 0. The practical rule: name the mode explicitly in every call, and when you
# port code between libraries, translate it with the table rather than by the word.
#
# ## 4. On a real image
#
# First the `constant` mode, on the simplest image there is:

# %%
predict(
    "A uniform grey image (every pixel 0.8) is blurred with sigma 4 and mode='constant' (cval 0). "
    "What is the blurred value in the middle of the left edge?",
    options={
        "0.8 (a blur keeps flat regions flat)": "averaging equal values gives the same value",
        "about 0.44 (a little over half)": "right: half the kernel lies on zeros, the centre weight is inside",
        "about 0.2 (a quarter)": "the edge loses on both sides, like a corner",
        "0 (the border is black)": "the padding is black, so the border seems to become black",
    },
    answer="about 0.44 (a little over half)",
    explanation="Along the row, the kernel's left half lies on zeros. What remains is the right half plus the "
                "centre weight: 0.5 + w0/2 of the total, a bit more than half. 0.8 times that is about 0.44. "
                "In the corner two axes lose half each, leaving about 0.3 of the value.",
    key="nb06-constant",
)

# %% tags=["hide-output"]
flat = np.full((64, 64), 0.8)
dimmed = ndimage.gaussian_filter(flat, 4.0, mode="constant", cval=0.0)
w0 = weights[kernel_radius(4.0)]
print(f"middle of the left edge: {dimmed[32, 0]:.4f}; predicted 0.8 * (0.5 + w0 / 2) = {0.8 * (0.5 + w0 / 2):.4f}")
print(f"corner: {dimmed[0, 0]:.4f} = {dimmed[0, 0] / 0.8:.1%} of 0.8")
depth = int(np.sum(dimmed[32, :32] < 0.99 * 0.8))
print(f"columns more than 1 % too dark at the left end of row 32: {depth} (= {depth / 4.0:.1f} sigma deep)")
print(f"share of the image's pixels more than 1 % too dark: {np.mean(dimmed < 0.99 * 0.8):.1%}")

# %% [markdown]
# On a photograph the modes differ only where the invented pixels differ from the real ones. A photograph's
# own border is often calm (sky, floor), and there `reflect`, `mirror` and `nearest` agree. A **cut-out** is
# different: its border cuts through objects. Here is a 96×96 crop of the camera image (the cameraman's gloved
# hand) whose top-left corner cuts through a small bright patch, blurred with sigma 3 under each mode. Look at
# the first few rows and columns of each corner:

# %%
cut = sample("camera")[200:296, 186:282]
basic = ("reflect", "mirror", "nearest", "wrap", "constant")
blurred = {mode: ndimage.gaussian_filter(cut, 3.0, mode=mode) for mode in basic}
corner = (slice(0, 24), slice(0, 24))
show_images([cut[corner]] + [blurred[m][corner] for m in basic], ["the crop's corner"] + [f"'{m}'" for m in basic],
            ncols=3,
            alt="Six 24 by 24 pixel corners: the crop's top-left corner, dark with a small bright patch at the "
                "very corner, and the same corner blurred with sigma 3 under reflect, mirror, nearest, wrap and "
                "constant. nearest keeps the brightest corner, wrap pulls in dark content from the far side "
                "and constant darkens the top and left rows.")

# %% [markdown]
# The differences are easier to see subtracted: each mode minus `reflect`, on one colour scale (white is no
# difference):

# %%
differences = {m: blurred[m] - blurred["reflect"] for m in basic[1:]}
limit = max(float(np.abs(d[corner]).max()) for d in differences.values())
for m, d in differences.items():
    print(f"'{m}' - 'reflect': largest |difference| {np.abs(d).max():.3f}; "
          f"beyond 2 sigma (6 px) from the border {np.abs(d[6:-6, 6:-6]).max():.3f}")
sky = sample("camera")[:96, :96]
calm = {m: ndimage.gaussian_filter(sky, 3.0, mode=m) for m in ("reflect", "mirror", "nearest")}
print(f"the image's own top-left corner (sky): mirror and nearest differ from reflect by at most "
      f"{max(np.abs(calm[m] - calm['reflect']).max() for m in ('mirror', 'nearest')):.3f}")
show_images([d[corner] for d in differences.values()], [f"'{m}' - 'reflect'" for m in differences],
            vmin=-limit, vmax=limit, signed=True,
            alt="Four difference maps in a blue-white-red colour map centred on 0 with colour bars, for mirror, "
                "nearest, wrap and constant minus reflect: mirror and nearest differ only in a small area at the "
                "corner where the bright patch is cut; wrap and constant differ along the whole top and left rims, "
                "constant always darker (blue).")

# %% [markdown]
# Reading the maps:
#
# - `mirror` and `nearest` differ from `reflect` only where the crop's border cuts through the bright patch, and
#   only within about 2 sigma of the border: on a calm border (the sky corner) the three agree to 0.001.
#   For natural images any of these three is fine.
# - `wrap` pulls in the **opposite** side of the crop. It is right only for data that really is periodic (a
#   texture tile, a 360° panorama along its horizontal axis) and it is what an FFT-based filter does
#   implicitly.
# - `constant` pulls in black: the dark rim the prediction above quantified.
#
# A profile down column 1, through the bright patch, puts numbers on it:

# %%
column = 1
plot_profiles({"input": cut[:16, column]} | {f"'{m}'": blurred[m][:16, column] for m in basic},
              xlabel="row (0 = top edge of the crop)", title=f"column {column} of the crop, sigma 3",
              alt="Line plot of column 1 over the first 16 rows: the input is bright (about 1) in rows 0 to 2 "
                  "and dark below. At row 0 nearest keeps the most of the bright patch (0.62), then reflect "
                  "(0.48), mirror (0.38), wrap (0.26) and constant (0.17); the curves come together further "
                  "down.")

# %% [markdown]
# ### Removing the dark rim: normalised convolution
#
# When the outside really is unknown, the honest answer is to average only the pixels that exist. Blur the
# image with zeros outside, blur an all-ones mask the same way, and divide: the mask's blur is exactly the
# share of the kernel that fell inside the image.

# %%
mask = np.ones_like(cut)
normalised = ndimage.gaussian_filter(cut, 3.0, mode="constant") / ndimage.gaussian_filter(mask, 3.0, mode="constant")
flat_fixed = (ndimage.gaussian_filter(flat, 4.0, mode="constant")
              / ndimage.gaussian_filter(np.ones_like(flat), 4.0, mode="constant"))
print(f"uniform 0.8 image: every pixel 0.8 after normalised convolution (to 1e-12): "
      f"{np.abs(flat_fixed - 0.8).max() < 1e-12}")
print(f"crop, row 0 of column {column}: constant {blurred['constant'][0, column]:.3f}, "
      f"normalised {normalised[0, column]:.3f}, reflect {blurred['reflect'][0, column]:.3f}")

# %% [markdown]
# The same trick handles masks with holes (missing or saturated pixels): put 0 in the image and in the mask
# where the data is missing.
#
# ## 5. Kernels wider than the image
#
# What does a radius-10 kernel (sigma 2.5) do on a row of 5 pixels? The padding needs 10 samples on each
# side, more than the row has. SciPy and `numpy.pad` do not fail: they **apply the rule again**, reflecting
# the reflection (PyTorch refuses, as seen above).

# %%
wide = kernel_radius(2.5)
print(f"sigma 2.5 needs radius {wide}: pad {wide} samples on each side of a {row.size}-pixel row")
for mode in ("reflect", "mirror", "wrap"):
    print(f"{mode:8s}", padded_indices(row.size, wide, wide, mode))
plot_padding(row, {m: pad(row, wide, mode=m) for m in ("reflect", "mirror", "wrap")}, wide,
             alt="Three strips showing the row 1 2 3 4 5 padded by 10 on each side: reflect repeats 5 4 3 2 1 1 2 "
                 "3 4 5 outwards, mirror repeats 2 3 4 5 4 3 2 1, wrap repeats 1 2 3 4 5; every value is written "
                 "in its cell.")

# %% [markdown]
# Push sigma far beyond the image and every output pixel becomes an average over the repeated padding.
# Which average depends on the mode:

# %%
predict(
    "The row [1 2 3 4 10] (mean 4) is blurred with a huge sigma (500). With mode='mirror', what do all five "
    "output values approach?",
    options={
        "4, the mean of the row": "a very wide average seems to end at the plain mean",
        "3.625, less than the mean": "right: in the mirror pattern the end pixels appear once per period, the "
                                     "inner ones twice",
        "5.5, the average of the two end pixels": "far from the image only the repeated end pixels seem to "
                                                  "remain",
        "0": "a very wide kernel lies mostly outside the image",
    },
    answer="3.625, less than the mean",
    explanation="Mirror repeats the pattern 1 2 3 4 10 4 3 2 (period 2n - 2 = 8): the end pixels appear once "
                "per period, the inner ones twice. A very wide blur averages one period: (1 + 10 + 2 * (2 + 3 "
                "+ 4)) / 8 = 3.625. Reflect repeats 1 2 3 4 10 10 4 3 2 1, every pixel twice, so it keeps the "
                "mean 4; so does wrap. Nearest piles up the end pixels and approaches 5.5; constant fades to 0.",
    key="nb06-wide",
)

# %% tags=["hide-output"]
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
# case. Give such an axis a smaller sigma, or 0 (notebook 05).
#
# Modes can also differ **per axis**: `mode=('reflect', 'wrap')` treats the rows as a photograph and the
# columns as periodic (a 360° panorama).

# %%
camera = sample("camera")[::2, ::2]
panorama_blur = ndimage.gaussian_filter(camera, 4.0, mode=("reflect", "wrap"))
same = np.array_equal(panorama_blur, ndimage.gaussian_filter1d(ndimage.gaussian_filter1d(camera, 4.0, axis=0,
                                                                                         mode="reflect"),
                                                               4.0, axis=1, mode="wrap"))
print(f"mode=('reflect', 'wrap') == reflect along rows, then wrap along columns: {same}")

# %% [markdown]
# ## 6. Explore the modes
#
# The same crop as in section 4. Pick a mode and a sigma: the top left shows the corner of the padded input
# (the image starts at the orange lines; everything above and left of them is invented), the top right the
# blurred corner, the bottom strip the first samples of one row with their padding. Switch between `reflect`,
# `mirror` and `nearest` and watch the bright patch in the corner of the padded input: it is mirrored with its
# edge row, mirrored without it, or stretched outwards. Then move sigma: the padding is as wide as the kernel
# radius, `int(4 * sigma + 0.5)`, and the title reads it out, so a larger sigma invents more of the image and
# lets the border decide more of the blurred corner; with `constant`, watch the dark rim grow. (Without a
# running kernel you see a static picture for `wrap` at sigma 3: the padding comes from the crop's bottom and
# right edges.)

# %% tags=["nbval-ignore-output"]
border_explorer(cut, sigma=3.0, mode="wrap", row=4)

# %% [markdown]
# ## Key points
#
# - A filter near the border needs pixels that do not exist; the border mode invents them from an index rule.
#   With sigma 4, almost half of the kernel's weight falls outside at the border.
# - SciPy `reflect` (end pixel repeated) = `numpy.pad` `symmetric` = `skimage.transform`/`restoration`
#   `symmetric` = OpenCV `BORDER_REFLECT` = MATLAB `symmetric`. SciPy `mirror` (end pixel not repeated) =
#   `numpy.pad`, `skimage.transform`/`restoration` and PyTorch `reflect` = OpenCV `BORDER_REFLECT_101`.
#   `skimage.filters` uses SciPy's names. Same word, different rules: translate by the table, not the word.
# - Defaults differ: SciPy `reflect`, `skimage.filters.gaussian` `nearest`, `skimage.transform.resize`
#   `reflect` (SciPy's `mirror`), `warp` `constant`. Name the mode in every call.
# - On calm borders the mirror-like modes agree; where the border cuts through an object they differ within
#   about 2 sigma. `constant` with cval 0 darkens a rim about two sigma deep (a corner keeps about 30 %);
#   normalised convolution removes the rim honestly.
# - `wrap` is for periodic data only. When the kernel is wider than the image the rule repeats; `reflect` and
#   `wrap` keep the mean, `mirror`, `nearest` and `constant` do not.
#
# **Exercise:** [Exercise 6: pad an image the way SciPy does](../exercises/ex06_borders.ipynb). **Next:**
# [07 · Separability](07_separability.ipynb).
