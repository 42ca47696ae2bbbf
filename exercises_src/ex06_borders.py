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
#     exercise: ex06_borders
# ---

# %% [markdown]
# # Exercise 6: pad an image the way SciPy does
#
# **What you practise:** what a filter sees beyond the image border, SciPy's five basic border modes, and
# the names other libraries use for the same patterns.
#
# Background: [notebook 6, borders](../notebooks/06_borders.ipynb).
#
# A filter with radius `r` needs `r` extra samples on each side of every axis. `scipy.ndimage` invents them
# with a *border mode*. For a row `a b c d` and 3 extra samples on each side:
#
# | SciPy `mode` | padded row                    | rule                                   |
# |--------------|-------------------------------|----------------------------------------|
# | `reflect`    | `c b a · a b c d · d c b`     | mirror **including** the edge sample   |
# | `mirror`     | `d c b · a b c d · c b a`     | mirror **around** the edge sample      |
# | `nearest`    | `a a a · a b c d · d d d`     | repeat the edge sample                 |
# | `constant`   | `k k k · a b c d · k k k`     | a constant `k = cval`                  |
# | `wrap`       | `b c d · a b c d · a b c`     | continue from the other side           |
#
# The grader also pads tiny images with a large radius: the patterns above then **repeat** (a mirror sees the
# image, then its mirror image, then the image again, ...).
#
# The public check below your answer covers a few basic cases; the grader runs more tests (larger radii, more
# dimensions, `cval`, integer images), so make your function right, not just the checked cases. Put all your
# code inside the answer cell: only that cell is graded.

# %% tags=["imports"]
import numpy as np

# %% [markdown]
# ## Task: `pad(image, radius, mode, cval=0.0)`
#
# Return a new array with `radius` extra samples before and after **every axis** of `image` (any number of
# dimensions), filled the way `scipy.ndimage` fills them for `mode` in `"reflect"`, `"mirror"`, `"nearest"`,
# `"constant"` (with the value `cval`) and `"wrap"`. The result keeps the dtype of `image`; its shape is the
# image's shape plus `2 * radius` along every axis. `radius` is an integer >= 0 and may be larger than the image.
#
# You may write the index rule yourself (recommended: it is what the table says) or use `np.pad`.
#
# **Hints**
# - Build, for one axis of length `n`, the index into the original axis for every padded position
#   `i = -radius ... n + radius - 1`, then `np.take(image, indices, axis=axis)`; repeat for every axis.
# - Reflections repeat with a period: `2n` for `reflect` (every sample appears twice per period), `2n - 2` for
#   `mirror` (the edge samples appear once); `wrap` repeats with period `n` (`i % n`).
# - A 1-sample axis has only one value to offer, whatever the mode (except `constant`).
#
# **Pitfalls to avoid**
# - *Same word, different pattern:* `np.pad(..., mode="reflect")` is SciPy's **`mirror`**; SciPy's
#   `reflect` is numpy's `"symmetric"`, and SciPy's `nearest` is numpy's `"edge"`. OpenCV's default
#   `BORDER_REFLECT_101` is SciPy's `mirror` too.
# - *Radius larger than the image:* slicing `image[1:radius + 1][::-1]` silently returns fewer samples than you
#   asked for when `radius >= n`.
# - *Forgetting `cval`* in `constant` mode, and *modifying* `image` itself (always return a new array).

# %% tags=["answer"]
def pad(image, radius, mode, cval=0.0):
    """Pad every axis of ``image`` by ``radius`` samples on both sides, as ``scipy.ndimage`` does for ``mode``."""
    ### BEGIN SOLUTION
    image = np.asarray(image)
    if mode == "constant":
        out = np.full(tuple(n + 2 * radius for n in image.shape), cval, dtype=image.dtype)
        out[tuple(slice(radius, radius + n) for n in image.shape)] = image
        return out
    out = image
    for axis, n in enumerate(image.shape):
        i = np.arange(-radius, n + radius)
        if mode == "nearest":
            index = np.clip(i, 0, n - 1)
        elif mode == "wrap":
            index = i % n
        elif mode == "reflect":               # period 2n: ... b a | a b c d | d c ...
            j = i % (2 * n)
            index = np.where(j < n, j, 2 * n - 1 - j)
        elif mode == "mirror":                # period 2n - 2: ... c b | a b c d | c b ...
            if n == 1:
                index = np.zeros_like(i)
            else:
                j = i % (2 * n - 2)
                index = np.where(j < n, j, 2 * n - 2 - j)
        else:
            raise ValueError(f"unknown mode {mode!r}; use reflect, mirror, nearest, constant or wrap")
        out = np.take(out, index, axis=axis)
    return out                                # np.take always returns a new array
    ### END SOLUTION


# %%
from gausslearn.checks import run_checks

run_checks("ex06_borders", pad=pad)

# %% [markdown]
# ## Try it
#
# The five patterns on the row 1 2 3 4, then a radius larger than a 3-sample row: the pattern repeats.

# %%
row = np.array([1, 2, 3, 4])
for mode in ("reflect", "mirror", "nearest", "constant", "wrap"):
    print(f"{mode:>8}: {pad(row, 3, mode)}")
print("reflect, radius 6 on [1 2 3]:", pad(np.array([1, 2, 3]), 6, "reflect"))
