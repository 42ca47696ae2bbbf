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
# # 01 · Pixel grids: an image is an array of numbers
#
# **Questions**
# - What is a digital image, as far as Python is concerned?
# - What do the shape and the dtype of an image array tell me?
# - How do I draw an image so that what I see on screen matches its numbers?
# - What happens when arithmetic on an image gives a value its dtype cannot hold?
#
# **Objectives**
# - Read the shape, dtype and value range of an image array and say what each axis means.
# - Distinguish grey and colour images, and channel-last from channel-first layouts.
# - Display an image with an honest grey scale (`cmap`, `vmin`, `vmax`) and tell when a picture on screen
#   misrepresents its numbers.
# - Predict what uint8 arithmetic and `astype` do with values outside 0..255, and convert safely with
#   `to_float` / `to_uint8`.
#
# **Time:** about 45 minutes.
#
# **Prerequisites:** [00 · Start here](00_start_here.ipynb); Python lists and indexing. A first contact with
# NumPy helps but is not needed.

# %%
import warnings

import numpy as np

from gausslearn.dtypes import dtype_range, to_float, to_uint8
from gausslearn.images import sample
from gausslearn.plotting import NotebookFigure, plot_curves, show_images
from gausslearn.widgets import predict

# %% [markdown]
# ## 1. A tiny image you can read
#
# A grey image is a rectangular grid of numbers, one per **pixel** (picture element): small numbers are
# dark, large numbers bright. Here is a 5×5 image, typed in by hand: a bright plus sign on a dark
# background.

# %%
tiny = np.array([
    [10,  10, 200,  10,  10],
    [10,  10, 200,  10,  10],
    [200, 200, 255, 200, 200],
    [10,  10, 200,  10,  10],
    [10,  10, 200,  10,  10],
], dtype=np.uint8)
print(tiny)
print(f"shape {tiny.shape}, dtype {tiny.dtype}")

# %%
show_images([tiny], ["the 5×5 array drawn as pixels"],
            alt="A 5 by 5 grid of grey squares: a bright plus sign, its arms 200 and its centre 255 (white), on a "
                "dark background of 10.")

# %% [markdown]
# Every number became one square. Indexing works like a table: `tiny[row, column]`, counting from 0, with
# row 0 at the **top** (not at the bottom as on a graph) and column 0 at the left. In (x, y) terms an image
# index is `[y, x]`: the first index goes down, the second goes right.

# %%
print(f"tiny[2, 2] = {tiny[2, 2]} (the centre)")
print(f"tiny[0, 2] = {tiny[0, 2]} (top row, middle column)")
print(f"tiny[0, 0] = {tiny[0, 0]} (top-left corner)")
print("row 1:   ", tiny[1, :])
print("column 1:", tiny[:, 1])

# %% [markdown]
# ## 2. A real photograph: shape, dtype, value range
#
# `gausslearn.images.sample` loads the photographs that ship with scikit-image (no download needed).
# `as_float=False` gives the array exactly as stored in the file.

# %%
camera = sample("camera", as_float=False)
print(f"shape: {camera.shape}  ->  {camera.shape[0]} rows x {camera.shape[1]} columns")
print(f"dtype: {camera.dtype}")
print(f"pixels: {camera.size}, bytes: {camera.nbytes}")
print(f"values: min {camera.min()}, max {camera.max()}, mean {camera.mean():.1f}")

# %% [markdown]
# Slicing works as for the tiny image: `camera[100:200, 180:280]` is the 100×100 crop of rows 100 to 199 and
# columns 180 to 279: the photographer's face, so close that single pixels show.

# %%
show_images([camera, camera[100:200, 180:280]],
            ["camera (512×512, uint8)", "camera[100:200, 180:280]"],
            alt="Two grey panels: the camera photograph (a photographer with a camera on a tripod in a field), and "
                "a 100 by 100 crop of his face, enlarged so far that the single square pixels show.")

# %% [markdown]
# The **dtype** (data type) says what kind of number each pixel is. Two conventions dominate:
#
# | dtype | values | black | white | typical source |
# | --- | --- | --- | --- | --- |
# | `uint8` | whole numbers 0..255 | 0 | 255 | image files (PNG, JPEG), cameras |
# | `float64` / `float32` | real numbers, by convention 0.0..1.0 | 0.0 | 1.0 | computations, scikit-image, this course |
#
# The same grey is 128 in one convention and about 0.502 in the other. `dtype_range` gives the range each
# dtype stands for:

# %%
for dt in (np.uint8, np.uint16, np.float32, np.float64):
    lo, hi = dtype_range(dt)
    print(f"{np.dtype(dt).name:>8}: black = {lo}, white = {hi}")

# %% [markdown]
# ## 3. Grey and colour
#
# The camera photograph is grey: one number per pixel, shape (512, 512). scikit-image also ships colour
# photographs, for example the astronaut.

# %%
predict(
    "The astronaut photograph is a 512 × 512 colour image, loaded with scikit-image. What is its shape?",
    options={
        "(512, 512)": "camera had this shape: rows and columns, and the colour could be packed into each number",
        "(512, 512, 3)": "scikit-image keeps the colours last: rows, columns, then red, green and blue",
        "(3, 512, 512)": "PyTorch tensors put the colours first, and a stack of three grey images looks natural",
        "(512, 512, 4)": "PNG files often carry a fourth number per pixel, the transparency (alpha)",
    },
    answer="(512, 512, 3)",
    explanation="scikit-image, matplotlib, imageio and Pillow store colour last: rows, columns, channels "
                "(channel-last). (3, 512, 512) is the channel-first layout of PyTorch tensors; 4 channels "
                "would be RGBA, with an alpha (transparency) channel; (512, 512) is a grey image.",
    key="nb01-astronaut-shape",
)

# %% [markdown]
# Load it and look at the shape:

# %% tags=["hide-output"]
astronaut = sample("astronaut", as_float=False)
print(f"shape {astronaut.shape}, dtype {astronaut.dtype}")
print(f"a pixel of the orange suit, astronaut[300, 300], is (R, G, B) = "
      f"{tuple(int(v) for v in astronaut[300, 300])}")
red, green, blue = astronaut[..., 0], astronaut[..., 1], astronaut[..., 2]
print(f"one channel, astronaut[..., 0], has shape {red.shape}")

# %% [markdown]
# A colour image has a third axis, the **channel** axis: three numbers per pixel, the intensities of **red,
# green and blue** (RGB). `astronaut[..., 0]` selects channel 0 (red) of every pixel.

# %%
show_images([astronaut, red, green, blue], ["RGB", "red channel", "green channel", "blue channel"], ncols=4,
            alt="Four panels: the astronaut colour photograph, then its red, green and blue channels each drawn "
                "as a grey image. The orange suit is bright in the red channel, medium grey in the green one and "
                "dark in the blue one.")

# %% [markdown]
# Each channel on its own is a grey image. The orange suit is bright in the red channel, medium in the green
# one and dark in the blue one, as the pixel printed above says with numbers.
#
# **Channel-last vs channel-first.** Libraries disagree on where the channel axis goes. scikit-image,
# matplotlib and most file readers use `(H, W, 3)`; PyTorch and many deep-learning tools use `(3, H, W)`.
# `np.moveaxis` converts without copying a pixel:

# %%
channel_first = np.moveaxis(astronaut, -1, 0)
back = np.moveaxis(channel_first, 0, -1)
print(f"channel-last  {astronaut.shape}")
print(f"channel-first {channel_first.shape}")
print(f"moved back    {back.shape}, identical to the original: {np.array_equal(back, astronaut)}")
print(f"the same suit pixel, channel_first[:, 300, 300]: "
      f"{tuple(int(v) for v in channel_first[:, 300, 300])}")

# %% [markdown]
# This matters for filtering (notebook 08): a filter that treats all three axes as space blurs *across* the
# colour channels too, mixing red into green.

# %% [markdown]
# ## 4. Displaying an image honestly
#
# `matplotlib`'s `plt.imshow(array)` draws a 2-D array as a picture, one coloured square per number. Which
# colour does each number get? Test it with a photograph made four times darker.

# %%
dark = camera // 4
print(f"camera: values {camera.min()}..{camera.max()}, mean {camera.mean():.1f}")
print(f"dark:   values {dark.min()}..{dark.max()}, mean {dark.mean():.1f}")

# %% [markdown]
# A histogram (how many pixels have each value) shows the difference at once: `dark` uses only the bottom
# quarter of the range.

# %%
levels = np.arange(256)
plot_curves(levels, {"camera": np.bincount(camera.ravel(), minlength=256),
                     "camera // 4": np.bincount(dark.ravel(), minlength=256)},
            "grey level (uint8)", "number of pixels", title="histograms",
            alt="Histograms of camera and of camera // 4 over the grey levels 0 to 255. camera spreads over the "
                "whole range, with two peaks among the dark values and two among the bright ones; camera // 4 has "
                "the same shape squeezed into 0 to 63, taller, and nothing above 63.")

# %%
predict(
    "We draw `dark` (every value divided by 4) with plain `plt.imshow(dark, cmap='gray')`, "
    "next to the original. How will it look?",
    options={
        "much darker than the original": "every value is a quarter of the original, so a quarter of the light",
        "almost black": "its values 0..63 are the bottom quarter of 0..255, close to black",
        "the same as the original": "imshow draws each image from its own minimum (black) to its own maximum "
                                    "(white)",
        "as bright, but in visible bands": "only 64 grey levels are left, so smooth shades might turn into steps",
    },
    answer="the same as the original",
    explanation="Without vmin/vmax, imshow stretches each image from its own minimum (drawn black) to its own "
                "maximum (drawn white). The dark image's range 0..63 is stretched just like 0..255, so the "
                "two pictures look the same; 64 grey levels are still too fine a staircase for the eye to see "
                "steps. Only vmin=0, vmax=255 shows the truth.",
    key="nb01-autoscale",
)

# %% [markdown]
# The reveal draws `camera` and `dark` with `imshow`'s defaults, with `cmap="gray"`, and with a fixed range.
# It draws into the panels (`axes`) of one figure: `ax.imshow` is the function `plt.imshow` calls, with the
# same defaults.

# %% tags=["hide-output"]
fig = NotebookFigure(figsize=(13, 3.8), layout="constrained")
axes = fig.subplots(1, 4)
axes[0].imshow(camera)
axes[0].set_title("camera, imshow defaults\n(viridis colormap!)")
axes[1].imshow(camera, cmap="gray")
axes[1].set_title("camera, cmap='gray'")
axes[2].imshow(dark, cmap="gray")
axes[2].set_title("dark, cmap='gray'\n(auto-scaled: looks normal)")
axes[3].imshow(dark, cmap="gray", vmin=0, vmax=255)
axes[3].set_title("dark, cmap='gray',\nvmin=0, vmax=255: the truth")
for ax in axes:
    ax.set_axis_off()
fig.alt = ("Four panels. camera drawn with imshow's defaults, in blue, green and yellow (viridis); camera in grey; "
           "the four times darker image in grey, auto-scaled, which looks exactly like the original; and the "
           "darker image with vmin=0, vmax=255, which is really dark.")
fig

# %% [markdown]
# `imshow` has two defaults that fool people:
#
# 1. **the colormap**: without `cmap`, a 2-D array is drawn with the `viridis` colormap (blue-green-yellow),
#    not in grey;
# 2. **auto-scaling**: without `vmin` and `vmax`, the smallest value of *this* image is drawn black and its
#    largest value white, whatever the numbers are. A dark image and a bright one can look the same.
#
# The course's `show_images` always uses the grey colormap and the full range of the dtype (0..255 for uint8,
# 0..1 for floats), so a darker or lower-contrast image *looks* darker. This will matter when we blur: a blur
# lowers contrast, and an auto-scaled display would hide that.

# %%
show_images([camera, dark], ["camera", "camera // 4, on 0..255"],
            alt="Two panels on the fixed 0 to 255 grey scale: camera, and camera // 4, which is clearly darker.")

# %% [markdown]
# ## 5. uint8 arithmetic: when a result does not fit
#
# A `uint8` has 8 bits, so only 0..255 fit. What happens when a result does not fit?

# %%
predict(
    "What is np.uint8(250) + np.uint8(10)?",
    options={
        "260": "Python's own integers never run out of room, so the sum is just the sum",
        "255": "a pixel cannot be brighter than white, and image editors stop there",
        "4": "8 bits count modulo 256, like a clock: 260 - 256 = 4",
        "an OverflowError": "NumPy refuses np.uint8(300) with an OverflowError, so a sum that leaves the range "
                            "should fail too",
    },
    answer="4",
    explanation="uint8 arithmetic is modulo 256: 260 - 256 = 4. NumPy does not clip to 255 (that would be "
                "'saturating' arithmetic, which OpenCV uses) and the result cannot be 260, which does not fit "
                "in 8 bits. NumPy raises an OverflowError only when a Python number that does not fit is turned "
                "into a uint8, as in np.uint8(300). On the sum of two uint8 scalars it prints a RuntimeWarning; "
                "on arrays it says nothing at all.",
    key="nb01-wrap",
)

# %% tags=["hide-output"]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    scalar_sum = np.uint8(250) + np.uint8(10)
print(f"np.uint8(250) + np.uint8(10) = {scalar_sum} (dtype {scalar_sum.dtype})")
print("warning on scalars:", [str(w.message) for w in caught])

pixels = np.array([250, 100, 5], dtype=np.uint8)
print(f"array {pixels} + 10  ->  {pixels + 10}   (no warning for arrays)")
print(f"array {pixels} - 10  ->  {pixels - 10}   (5 - 10 wraps to 251)")
try:
    np.uint8(300)
except OverflowError as error:
    print(f"np.uint8(300) raises OverflowError: {error}")

# %% [markdown]
# A result that leaves 0..255 **wraps around**: it is taken modulo 256, like the hours on a clock, and for
# arrays without any warning. So "brighten by 50" turns the brightest pixels nearly black: white specks
# become black specks.

# %%
naive = camera + 50                                        # uint8 + int stays uint8: wraps
honest = to_uint8(to_float(camera) + 50 / 255)             # compute in float, clip, convert once
print(f"pixels that wrapped around: {np.count_nonzero(camera > 205)} of {camera.size}")
brightest = np.unravel_index(np.argmax(camera), camera.shape)
print(f"the brightest pixel camera{tuple(int(i) for i in brightest)} = {camera[brightest]}: "
      f"naive +50 gives {naive[brightest]}, float +50 gives {honest[brightest]}")
show_images([camera, naive, honest], ["camera", "camera + 50 in uint8 (wraps)", "in float, then to_uint8"],
            alt="Three panels: camera; camera + 50 computed in uint8, where the bright sky and other light areas "
                "have wrapped around to black; and the same brightening computed in float and clipped, "
                "evenly brighter, with the sky pure white.")

# %% [markdown]
# ## 6. Converting between uint8 and float
#
# The safe recipe: **convert to float once at the start, compute in float, convert back once at the end.**
#
# - `to_float(image)` divides by the dtype's maximum (255 for uint8), so 0..255 becomes 0..1. It never divides
#   by the image's own maximum: that would make a dark photograph as bright as a light one.
# - `to_uint8(image)` first **clips** to [0, 1], then multiplies by 255 and **rounds** to the nearest integer.
#
# Why not `astype`? `image.astype(np.uint8)` **truncates** toward zero (254.9 becomes 254), and for values
# outside 0..255 its result is not defined by NumPy at all.

# %%
values = np.array([0.0, 0.2, 0.5, 0.999, 1.0])
scaled = values * 255
print("float values:             ", values)
print("times 255:                ", np.array2string(scaled, precision=3))
print("(values * 255).astype:    ", scaled.astype(np.uint8), " <- truncated: 254.745 -> 254")
print("to_uint8(values):         ", to_uint8(values), " <- rounded: 254.745 -> 255")
print("to_uint8([-0.1, 1.2]):    ", to_uint8(np.array([-0.1, 1.2])), " <- clipped, not wrapped")

# %%
camera_f = to_float(camera)
print(f"to_float(camera): dtype {camera_f.dtype}, values {camera_f.min():.3f}..{camera_f.max():.3f}")
print(f"grey level 128 becomes {to_float(np.uint8(128)):.4f}")
round_trip = to_uint8(camera_f)
print(f"to_uint8(to_float(camera)) equals camera: {np.array_equal(round_trip, camera)}")

# %% [markdown]
# The round trip is exact: every uint8 value survives float and back. A common bug is the *half* conversion
# `camera.astype(float)`, which changes the dtype but keeps 0..255: a later `to_uint8` then clips everything
# above 1 to white.

# %%
half = camera.astype(float)
print(f"camera.astype(float): dtype {half.dtype}, values {half.min():.1f}..{half.max():.1f}")
print(f"pixels that to_uint8 would turn pure white: {np.count_nonzero(to_uint8(half) == 255)} of {half.size} "
      f"(only pixels that were 0 stay black: {np.count_nonzero(camera == 0)})")

# %% [markdown]
# ## Key points
#
# - An image is a NumPy array: grey images are `(rows, columns)`, colour images `(rows, columns, 3)`
#   (channel-last); index it as `image[row, column]`, row 0 at the top.
# - The dtype fixes the meaning of the numbers: `uint8` 0..255 or float 0..1. Check `shape`, `dtype`,
#   `min()` and `max()` of every image you load.
# - `plt.imshow` auto-scales and uses viridis: pass `cmap="gray", vmin=..., vmax=...` (or use `show_images`)
#   to see the real brightness.
# - uint8 arithmetic wraps around silently (250 + 10 = 4) and `astype(np.uint8)` truncates: convert with
#   `to_float` once, compute in float, and convert back with `to_uint8` (clip and round) once.
#
# **Exercise:** [Exercise 1: pixels](../exercises/ex01_pixels.ipynb). **Next:** [02 · Noise](02_noise.ipynb).
