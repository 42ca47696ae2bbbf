# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   gausslearn:
#     exercise: ex08_color
# ---

# %% [markdown]
# # Exercise 8: blur a colour image without mixing its colours
#
# **What you practise:** per-axis sigma, the channel axis, and converting integer images to floats before
# filtering.
#
# Background: [notebook 8, colour images](../notebooks/08_colour.ipynb).
#
# An RGB image of shape `(height, width, 3)` is a 3-D array to `scipy.ndimage`. `gaussian_filter(rgb, 2)` blurs
# along all three axes, **including the channel axis**: the red channel receives some green and blue. A
# spatial blur needs sigma 0 along the channel axis: `sigma=(2, 2, 0)`, or `axes=(0, 1)`.
#
# The public check below your answer covers a few basic cases; the grader runs more tests (channel positions
# and counts, grayscale, dtypes), so make your function right, not just the checked cases. Put all your code
# inside the answer cell: only that cell is graded.

# %% tags=["imports"]
import numpy as np
from scipy import ndimage as ndi

from gausslearn.dtypes import to_float

# %% [markdown]
# ## Task: `blur_color(image, sigma, channel_axis=-1)`
#
# Return the spatial Gaussian blur of `image` with `scipy.ndimage.gaussian_filter`'s default border mode
# (`reflect`) and the same `sigma` (one number) along every **spatial** axis, as a float64 array of the same
# shape as `image`:
#
# - `channel_axis` is the position of the colour axis: `-1` (the default, `(H, W, C)`), `0` (`(C, H, W)`) or any
#   other valid axis, negative or not; `None` means a grayscale image without a channel axis;
# - any number of channels (1, 3 for RGB, 4 for RGBA, ...);
# - integer images are converted like `to_float` does (`uint8` divided by 255, `uint16` by 65535, ..., `bool`
#   to 0/1) **before** filtering; float images keep their values; the result is float64 either way.
#
# **Hints**
# - Build one sigma per axis (`np.full(image.ndim, float(sigma))`) and set the entry at `channel_axis` to 0; a
#   negative index works there too.
# - `to_float` is already imported for you.
#
# **Pitfalls to avoid**
# - *Channel mixing:* a plain scalar sigma blurs across the channel axis. Test with an image whose left half is
#   pure red and right half pure blue: after your blur the green channel must still be exactly 0.
# - *Integer arithmetic:* filtering a `uint8` array returns `uint8`, truncating every result toward zero (a
#   systematic darkening); converting the result back with `.astype(np.uint8)` truncates as well.
# - *Dividing by the image's maximum* instead of the dtype's: a dark photo would come out as bright as a light one.
# - *scikit-image's defaults differ:* `skimage.filters.gaussian` uses `mode="nearest"` and mixes channels unless
#   you pass `channel_axis`.
# - Do not modify `image` in place.

# %% tags=["answer"]
def blur_color(image, sigma, channel_axis=-1):
    """Blur every channel of ``image`` spatially (sigma 0 along ``channel_axis``); returns float64."""
    ### BEGIN SOLUTION
    image = to_float(image)
    sigmas = np.full(image.ndim, float(sigma))
    if channel_axis is not None:
        sigmas[channel_axis] = 0.0              # no blur across the colours
    return ndi.gaussian_filter(image, sigmas, mode="reflect")
    ### END SOLUTION


# %%
from gausslearn.checks import run_checks

run_checks("ex08_color", blur_color=blur_color)

# %% [markdown]
# ## Try it
#
# Three pure colour bands: in the middle of the green band, red and blue must stay 0. A plain scalar sigma
# mixes them in.

# %%
from gausslearn.images import rgb_one_hot

bands = rgb_one_hot((8, 96))
mine = blur_color(bands, 1.5)
mixed = ndi.gaussian_filter(bands, 1.5)
print("yours:  red, green, blue in the middle of the green band:", np.round(mine[4, 48], 3))
print("mixing: red, green, blue in the middle of the green band:", np.round(mixed[4, 48], 3))
