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
#     exercise: ex09_beyond
# ---

# %% [markdown]
# # Exercise 9: where the Gaussian stops, and what it is still good for
#
# **What you practise:** recognising noise a Gaussian cannot remove (impulse, "salt-and-pepper" noise), a
# non-linear filter that can, and using a Gaussian blur as a building block (unsharp masking).
#
# Background: [notebook 9, beyond the Gaussian](../notebooks/09_beyond.ipynb).
#
# Each task has a public check below it; the grader runs more tests (other images, integer images, edge
# cases), so make your functions right, not just the checked cases. Put all your code inside the two answer
# cells: only those cells are graded.

# %% tags=["imports"]
import numpy as np
from scipy import ndimage as ndi

# %% [markdown]
# ## Task 1: `remove_impulse_noise(image)`
#
# `image` is a 2-D float image (values 0..1) in which a random fraction of the pixels (a few percent up to
# about 10 %) has been replaced by 0 ("pepper") or 1 ("salt"). Return a cleaned float64 image of the same shape.
#
# The grader corrupts images you have not seen and compares your result with the **best possible Gaussian
# blur** of the same noisy image (sigma chosen with the clean image). Your PSNR must beat it by at least
# **3 dB**.
#
# **Hints**
# - A Gaussian averages: one white pixel among dark ones becomes a grey blob, never disappears. Which statistic
#   of a 3x3 neighbourhood ignores a few extreme values?
# - `scipy.ndimage` has the filter you need; try it on `skimage.data.camera()` / 255 with your own noise and
#   print the PSNR.
#
# **Pitfalls to avoid**
# - *A larger Gaussian:* more blur spreads the impulses wider; it never removes them.
# - *A large window:* the noise goes, but so do thin lines and corners. Start with 3x3.
# - Do not modify `image` in place.

# %% tags=["answer"]
def remove_impulse_noise(image):
    """Remove salt-and-pepper noise with a 3x3 median filter; returns float64."""
    ### BEGIN SOLUTION
    image = np.asarray(image, dtype=np.float64)
    return ndi.median_filter(image, size=3, mode="reflect")
    ### END SOLUTION


# %%
from gausslearn.checks import run_checks

run_checks("ex09_beyond", remove_impulse_noise=remove_impulse_noise)

# %% [markdown]
# ## Task 2: `unsharp_mask(image, sigma, amount)`
#
# Sharpen `image` (a float or integer array, any number of dimensions) by adding back its detail:
#
# $$\text{result} = \text{image} + \text{amount}\cdot(\text{image} - \text{gaussian\_filter}(\text{image}, \sigma))$$
#
# with `scipy.ndimage.gaussian_filter` in its default `reflect` mode. Return float64 values of the same shape,
# computed on the image's values as they are (a `uint8` image stays on the 0..255 scale), and **not clipped**.
# `amount = 0` or `sigma = 0` returns the image unchanged (as float64).
#
# **Hints**
# - The detail `image - blurred` is positive just inside the bright side of an edge and negative on the dark
#   side; adding it steepens the edge.
#
# **Pitfalls to avoid**
# - *Integer arithmetic:* with a `uint8` image, `image - blurred` wraps around below 0 (`3 - 5` is 254).
#   Convert with `np.asarray(image, dtype=np.float64)` first.
# - *Clipping:* the overshoot beyond 0 and 1 is part of the result; clip only when you display or store it.
# - *Sign and roles:* `image - amount * detail` blurs instead of sharpening, and `blurred + amount * detail` is
#   not the formula either.
# - Do not modify `image` in place.

# %% tags=["answer"]
def unsharp_mask(image, sigma, amount):
    """Return ``image + amount * (image - gaussian_filter(image, sigma))`` in float64, unclipped."""
    ### BEGIN SOLUTION
    image = np.asarray(image, dtype=np.float64)
    return image + amount * (image - ndi.gaussian_filter(image, sigma, mode="reflect"))
    ### END SOLUTION


# %%
from gausslearn.checks import run_checks

run_checks("ex09_beyond", unsharp_mask=unsharp_mask)

# %% [markdown]
# ## Try it
#
# Impulse noise on a crop of the camera image: the best Gaussian blur against your filter; then unsharp masking
# on a blurred step, whose edge becomes steeper (and overshoots).

# %%
from skimage import data

from gausslearn.noise import salt_and_pepper

clean = data.camera()[100:228, 100:228] / 255.0
noisy = salt_and_pepper(clean, 0.05, rng=0)


def psnr(a, b):
    return 10 * np.log10(1.0 / np.mean((a - b) ** 2))


best = max(psnr(clean, ndi.gaussian_filter(noisy, s)) for s in np.arange(0.0, 4.01, 0.1))
print(f"noisy {psnr(clean, noisy):.2f} dB, best Gaussian {best:.2f} dB, "
      f"yours {psnr(clean, remove_impulse_noise(noisy)):.2f} dB")
step = ndi.gaussian_filter(np.repeat([0.0, 1.0], 6), 1.0)
print("blurred step:", " ".join(f"{v:+.2f}" for v in step))
print("sharpened:   ", " ".join(f"{v:+.2f}" for v in unsharp_mask(step, 1.0, 1.0)))
