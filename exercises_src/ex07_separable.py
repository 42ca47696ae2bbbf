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
#     exercise: ex07_separable
# ---

# %% [markdown]
# # Exercise 7: a separable Gaussian filter in plain NumPy
#
# **What you practise:** filtering an image as a sequence of 1-D passes, one per axis, and reproducing
# `scipy.ndimage.gaussian_filter` to the last few digits: kernel, radius, border mode, axis order.
#
# Background: [notebook 7, separability](../notebooks/07_separability.ipynb) (and notebooks
# [3](../notebooks/03_gaussian_kernel.ipynb) and [6](../notebooks/06_borders.ipynb) for the kernel and the borders).
#
# A 2-D Gaussian kernel is the outer product of two 1-D kernels, so a 2-D blur equals a 1-D blur along the rows
# followed by a 1-D blur along the columns. For a radius `r` that is `2 (2r + 1)` multiply-adds per pixel
# instead of `(2r + 1)^2`. SciPy's `gaussian_filter` does exactly this: one 1-D pass per axis, axis 0 first.
#
# The public check below your answer covers a few basic cases; the grader runs more tests (every mode, other
# dimensions, tiny images, integer images), so make your function right, not just the checked cases. Put all
# your code inside the answer cell: only that cell is graded. Helpers you reuse from exercises 3 and 6
# (kernel, padding) must be defined in the answer cell too.

# %% tags=["imports"]
import numpy as np

# %% [markdown]
# ## Task: `gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0)`
#
# Return the Gaussian blur of `image` as a new **float64** array of the same shape, equal to
# `scipy.ndimage.gaussian_filter(image.astype(np.float64), sigma, mode=mode, truncate=truncate)` up to rounding
# (the grader allows `1e-10`). Requirements:
#
# - any number of dimensions (1-D signals, 2-D images, 3-D volumes);
# - `sigma` is one number for every axis or a sequence with one value per axis; an axis whose sigma is `0`
#   is left alone;
# - `mode` is one of `"reflect"`, `"mirror"`, `"nearest"`, `"constant"` (zeros outside) and `"wrap"`, with
#   SciPy's meaning;
# - the kernel of each axis is SciPy's (exercise 3): radius `int(truncate * sigma + 0.5)`, weights summing to 1;
# - integer images are filtered in float64 (convert first: no rounding, no wrap-around).
#
# **Not allowed:** this exercise is about writing the filter, so your code must not call SciPy's or
# scikit-image's filtering functions (`scipy.ndimage.gaussian_filter`, `gaussian_filter1d`, `correlate1d`,
# `correlate`, `convolve`, `convolve1d`, `uniform_filter`, ..., `skimage.filters.gaussian`) nor
# `gausslearn.filters`. The grader records every call and takes points off for any of them, however it is
# imported. `np.pad` is fine.
#
# **Hints**
# - One pass along `axis`: pad that axis only by the radius (your `pad` from exercise 6 pads every axis; `np.pad`
#   takes a per-axis list such as `[(0, 0), (r, r)]`), then add up `2r + 1` shifted slices of the padded array,
#   each multiplied by its weight: `out += w[k] * padded[..., k:k + n, ...]` along `axis`.
# - `np.moveaxis(a, axis, -1)` (and back) lets you write the pass once, for the last axis.
# - Test yourself against SciPy here in the notebook: comparing is allowed, calling it from your function is not.
#
# **Pitfalls to avoid**
# - *numpy's mode names:* `np.pad(..., mode="reflect")` is SciPy's `mirror`; SciPy's `reflect` is numpy's
#   `"symmetric"`, SciPy's `nearest` is numpy's `"edge"`.
# - *Wrong axis order:* `sigma[0]` belongs to axis 0 (rows). A swapped sigma only shows on non-square images
#   with different sigmas per axis, so test those.
# - *Filtering in the input dtype:* a uint8 image must become float64 before the first multiplication.
# - *Modifying the input:* work on a float64 copy.

# %% tags=["answer"]
def gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0):
    """Gaussian blur of ``image`` (any ndim) as one 1-D correlation per axis, matching scipy.ndimage."""
    ### BEGIN SOLUTION
    numpy_mode = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge",
                  "constant": "constant", "wrap": "wrap"}[mode]
    out = np.array(image, dtype=np.float64)           # a float64 copy: the input is never touched
    sigmas = [sigma] * out.ndim if np.ndim(sigma) == 0 else list(sigma)
    if len(sigmas) != out.ndim:
        raise ValueError(f"sigma needs one value per axis ({out.ndim}), got {len(sigmas)}")
    for axis, s in enumerate(sigmas):
        if s <= 1e-15:                                # SciPy skips such an axis
            continue
        radius = int(truncate * s + 0.5)
        x = np.arange(-radius, radius + 1, dtype=np.float64)
        weights = np.exp(-0.5 * (x / s) ** 2)
        weights /= weights.sum()
        moved = np.moveaxis(out, axis, -1)
        n = moved.shape[-1]
        widths = [(0, 0)] * (moved.ndim - 1) + [(radius, radius)]
        padded = np.pad(moved, widths, mode=numpy_mode)
        acc = np.zeros_like(moved)
        for k, w in enumerate(weights):
            acc += w * padded[..., k:k + n]
        out = np.moveaxis(acc, -1, axis)
    return np.ascontiguousarray(out)
    ### END SOLUTION


# %%
from gausslearn.checks import run_checks

run_checks("ex07_separable", gaussian_filter_separable=gaussian_filter_separable)

# %% [markdown]
# ## Try it
#
# Compare with SciPy on a non-square image, for every border mode and a per-axis sigma (comparing is allowed
# here, outside your function).

# %%
from scipy import ndimage as ndi

rng = np.random.default_rng(0)
image = rng.random((40, 57))
for mode in ("reflect", "mirror", "nearest", "constant", "wrap"):
    same = np.allclose(gaussian_filter_separable(image, (1.5, 4.0), mode=mode),
                       ndi.gaussian_filter(image, (1.5, 4.0), mode=mode), rtol=0, atol=1e-10)
    print(f"{mode:>8}: equal to SciPy: {same}")
