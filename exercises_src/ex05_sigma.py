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
#     exercise: ex05_sigma
# ---

# %% [markdown]
# # Exercise 5: choose sigma from the noise
#
# **What you practise:** the trade-off behind sigma (too small leaves noise, too large erases detail), and
# choosing sigma *without* the clean image, from the noisy image and the noise level alone.
#
# Background: [notebook 5, choosing sigma](../notebooks/05_sigma.ipynb).
#
# Notebook 5 picked sigma by comparing with the clean image (the *oracle*), then without it, with Stein's
# unbiased risk estimate. A real photo has no clean version; what you do know is the noise level (a sensor's
# noise is measured once, in the lab). Here you write that choice of sigma yourself.
#
# The public check below your answer covers a few basic cases; the grader runs more tests (other images, other
# noise levels), so make your function right, not just the checked cases. Put all your code inside the answer
# cell: only that cell is graded.

# %% tags=["imports"]
import numpy as np
from scipy import ndimage as ndi

# %% [markdown]
# ## Task: `denoise(noisy, noise_std)`
#
# `noisy` is a 2-D float image (values about 0..1) with added Gaussian noise of standard deviation
# `noise_std` (a number >= 0, `0` meaning no noise). Return `scipy.ndimage.gaussian_filter(noisy, sigma)`
# (default mode `reflect`) for a sigma **you choose from `noisy` and `noise_std`**, as a float64 array of the
# same shape. You may use `scipy.ndimage.gaussian_filter` here.
#
# The grader adds noise of several levels to images you have not seen, and compares your result with the best
# Gaussian blur of the same noisy image (the oracle sigma, found with the clean image). To pass, your result must
#
# 1. have a higher PSNR than the noisy input, and
# 2. stay within **0.5 dB** of the oracle's PSNR.
#
# It also tells you which sigma your result corresponds to and whether you blur too little or too much.
#
# **A method that works: Stein's unbiased risk estimate (SURE).** For a linear filter `A` applied to
# `y = x + noise` the quantity
#
# $$\mathrm{SURE} = \frac{1}{N}\lVert y - Ay\rVert^2 - \sigma_n^2 + \frac{2\sigma_n^2}{N}\,\mathrm{trace}(A)$$
#
# has the same expected value as the error you care about, $\frac{1}{N}\lVert x - Ay\rVert^2$, and needs no clean
# image. Evaluate it on a grid of sigmas (say `0, 0.1, ..., 6`) and keep the smallest. (You may compare your
# numbers with `gausslearn.metrics.sure_risk` from notebook 5.)
#
# **Hints**
# - `trace(A)` is the sum of the weights each pixel gives *itself*. Away from the borders that is the centre
#   weight of the 2-D kernel, `w0 ** 2`, where `w0` is the centre of the normalised 1-D kernel (exercise 3), so
#   `trace(A) / N` is about `w0 ** 2`. For sigma = 0, `w0 = 1`.
# - Try your function on `skimage.data.camera()` or `skimage.data.coins()` (divide by 255) with
#   `noisy = clean + rng.normal(0, 0.1, clean.shape)` and plot PSNR against sigma to see the curve you are
#   minimising.
#
# **Pitfalls to avoid**
# - *A fixed sigma*, or one that ignores the image: the best sigma depends on the noise **and** on the picture
#   (a textured image wants much less blur than a smooth one).
# - *Over-blurring:* a sigma that makes the image look clean usually has erased more detail than noise.
# - With `noise_std = 0` there is nothing to remove: return the image unchanged (sigma 0).
# - Do not modify `noisy` in place.

# %% tags=["answer"]
def denoise(noisy, noise_std):
    """Gaussian-smooth ``noisy`` with the sigma that minimises Stein's unbiased risk estimate."""
    ### BEGIN SOLUTION
    noisy = np.asarray(noisy, dtype=np.float64)
    best_risk, best_sigma = np.inf, 0.0
    for sigma in np.arange(0.0, 6.05, 0.1):
        smoothed = ndi.gaussian_filter(noisy, sigma)
        if sigma == 0:
            centre = 1.0
        else:
            radius = int(4.0 * sigma + 0.5)
            x = np.arange(-radius, radius + 1)
            centre = 1.0 / np.exp(-0.5 * (x / sigma) ** 2).sum()
        risk = (np.mean((noisy - smoothed) ** 2) - noise_std**2
                + 2 * noise_std**2 * centre**noisy.ndim)
        if risk < best_risk:
            best_risk, best_sigma = risk, sigma
    return ndi.gaussian_filter(noisy, best_sigma)
    ### END SOLUTION


# %%
from gausslearn.checks import run_checks

run_checks("ex05_sigma", denoise=denoise)

# %% [markdown]
# ## Try it
#
# A crop of the camera image at three noise levels: the PSNR gained by your choice of sigma.

# %%
from skimage import data

rng = np.random.default_rng(0)
clean = data.camera()[100:228, 180:308] / 255.0
for std in (0.05, 0.1, 0.2):
    noisy = clean + rng.normal(0.0, std, clean.shape)
    before = 10 * np.log10(1.0 / np.mean((noisy - clean) ** 2))
    after = 10 * np.log10(1.0 / np.mean((denoise(noisy, std) - clean) ** 2))
    print(f"noise std {std:.2f}: PSNR {before:5.2f} dB -> {after:5.2f} dB")
