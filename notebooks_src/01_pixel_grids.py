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
# - Why does a picture sometimes look right on screen although its numbers are wrong (or the other way round)?
# - Why can adding 10 to a bright pixel make it black?
#
# **Objectives**
# - Read the shape, dtype and value range of an image array and say what each axis means.
# - Distinguish grey and colour images, and channel-last from channel-first layouts.
# - Display an image with an honest grey scale (`cmap`, `vmin`, `vmax`) and recognise auto-scaling.
# - Explain uint8 wrap-around and truncation, and convert safely with `to_float` / `to_uint8`.
#
# **Time:** about 30 minutes.
#
# **Prerequisites:** [00 · Start here](00_start_here.ipynb); Python lists and indexing. A first contact with
# NumPy helps but is not needed.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np

from gausslearn.dtypes import dtype_range, to_float, to_uint8
from gausslearn.images import rgb_one_hot, sample
from gausslearn.plotting import plot_curves, show_images
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
show_images([tiny], ["the 5×5 array drawn as pixels"])

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

# %%
show_images([camera, camera[100:200, 180:280]],
            ["camera (512×512, uint8)", "camera[100:200, 180:280]: a 100×100 crop"])

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
# ## 3. Grey and colour: the channel axis
#
# A colour image has a third axis: three numbers per pixel, the intensities of **red, green and blue**.

# %%
predict(
    "The astronaut photograph is a 512 × 512 colour image. What is its shape?",
    options=["(512, 512)", "(512, 512, 3)", "(3, 512, 512)", "(512, 512, 4)"],
    answer="(512, 512, 3)",
    explanation="scikit-image, matplotlib, imageio and Pillow store colour last: rows, columns, channels "
                "(channel-last). (3, 512, 512) is the channel-first layout of PyTorch tensors; 4 channels "
                "would be RGBA, with an alpha (transparency) channel; (512, 512) is a grey image.",
    key="nb01-astronaut-shape",
)

# %%
astronaut = sample("astronaut", as_float=False)
print(f"shape {astronaut.shape}, dtype {astronaut.dtype}")
print(f"a pixel of the orange suit, astronaut[300, 300], is (R, G, B) = "
      f"{tuple(int(v) for v in astronaut[300, 300])}")
red, green, blue = astronaut[..., 0], astronaut[..., 1], astronaut[..., 2]
print(f"one channel, astronaut[..., 0], has shape {red.shape}")

# %%
show_images([astronaut, red, green, blue], ["RGB", "red channel", "green channel", "blue channel"], ncols=4)

# %% [markdown]
# Each channel on its own is a grey image. The orange suit is bright in the red channel, medium in the green
# one and dark in the blue one, as the pixel printed above says with numbers. A synthetic image makes the layout unmistakable: three bands of pure red, green and blue.

# %%
bands = rgb_one_hot()
print(f"shape {bands.shape}, dtype {bands.dtype}")
print("one pixel from each band (R, G, B):")
for column in (0, bands.shape[1] // 2, bands.shape[1] - 1):
    print(f"  column {column:>2}: {bands[0, column]}")

# %% [markdown]
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
# `matplotlib`'s `imshow` has two defaults that fool people:
#
# 1. **the colormap**: a 2-D array is drawn with the `viridis` colormap (blue-green-yellow), not in grey;
# 2. **auto-scaling**: the darkest value of *this* image becomes the darkest colour and the brightest
#    value the brightest colour, whatever the numbers are.
#
# To see the second trap, make the photograph four times darker.

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
            "grey level (uint8)", "number of pixels", title="histograms")

# %%
predict(
    "We draw `dark` (every value divided by 4) with plain `plt.imshow(dark, cmap='gray')`, "
    "next to the original. How will it look?",
    options=["much darker than the original", "the same as the original", "brighter than the original",
             "almost black"],
    answer="the same as the original",
    explanation="Without vmin/vmax, imshow stretches each image from its own minimum (drawn black) to its own "
                "maximum (drawn white). The dark image's range 0..63 is stretched just like 0..255, so the "
                "two pictures look the same. Only vmin=0, vmax=255 shows the truth.",
    key="nb01-autoscale",
)

# %%
fig, axes = plt.subplots(1, 4, figsize=(13, 3.6))
axes[0].imshow(camera)
axes[0].set_title("camera, imshow defaults\n(viridis colormap!)")
axes[1].imshow(camera, cmap="gray")
axes[1].set_title("camera, cmap='gray'")
axes[2].imshow(dark, cmap="gray")
axes[2].set_title("dark, cmap='gray'\n(auto-scaled: looks normal)")
axes[3].imshow(dark, cmap="gray", vmin=0, vmax=255)
axes[3].set_title("dark, cmap='gray', vmin=0, vmax=255\n(the truth)")
for ax in axes:
    ax.set_axis_off()
fig.tight_layout()
plt.show()

# %% [markdown]
# The course's `show_images` always uses the grey colormap and the full range of the dtype (0..255 for uint8,
# 0..1 for floats), so a darker or lower-contrast image *looks* darker. This will matter when we blur: a blur
# lowers contrast, and an auto-scaled display would hide that.

# %%
show_images([camera, dark], ["camera", "camera // 4 on the honest 0..255 scale"])

# %% [markdown]
# ## 5. uint8 arithmetic wraps around
#
# A `uint8` has 8 bits, so only 0..255 fit. What happens when a result does not fit?

# %%
predict(
    "What is np.uint8(250) + np.uint8(10)?",
    options=["260", "255", "4", "an OverflowError"],
    answer="4",
    explanation="uint8 arithmetic is modulo 256: 260 - 256 = 4. NumPy does not clip to 255 (that would be "
                "'saturating' arithmetic, which OpenCV uses) and the result cannot be 260, which does not fit "
                "in 8 bits. On single numbers NumPy prints a RuntimeWarning; on arrays it says nothing at all.",
    key="nb01-wrap",
)

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    scalar_sum = np.uint8(250) + np.uint8(10)
print(f"np.uint8(250) + np.uint8(10) = {scalar_sum} (dtype {scalar_sum.dtype})")
print("warning on scalars:", [str(w.message) for w in caught])

pixels = np.array([250, 100, 5], dtype=np.uint8)
print(f"array {pixels} + 10  ->  {pixels + 10}   (no warning for arrays)")
print(f"array {pixels} - 10  ->  {pixels - 10}   (5 - 10 wraps to 251)")

# %% [markdown]
# So "brighten by 10" turns the brightest pixels nearly black: white specks become black specks.

# %%
naive = camera + 50                                        # uint8 + int stays uint8: wraps
honest = to_uint8(to_float(camera) + 50 / 255)             # compute in float, clip, convert once
print(f"pixels that wrapped around: {np.count_nonzero(camera > 205)} of {camera.size}")
brightest = np.unravel_index(np.argmax(camera), camera.shape)
print(f"the brightest pixel camera{tuple(int(i) for i in brightest)} = {camera[brightest]}: "
      f"naive +50 gives {naive[brightest]}, float +50 gives {honest[brightest]}")
show_images([camera, naive, honest], ["camera", "camera + 50 in uint8 (wraps)", "in float, then to_uint8"])

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
