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
# # 04 · Filtering: sliding the kernel over the image
#
# **Questions**
# - How exactly does a kernel turn one image into another?
# - What is the difference between correlation and convolution, and when does it matter?
# - What does `gaussian_filter` do to the values of a uint8 image, and how do you keep a uint8 result exact?
#
# **Objectives**
# - Compute one output pixel of a filter by hand: pad, take the window, multiply by the weights, sum.
# - Reproduce the whole result with `scipy.ndimage.gaussian_filter` and read its exact values.
# - Tell correlation from convolution with an asymmetric kernel, and say when the two agree.
# - Predict the output dtype of `gaussian_filter`, measure what integer output does to the values, and get a
#   uint8 result that is rounded once instead.
#
# **Time:** about 40 minutes: 20 code cells to run and read and 3 predictions.
#
# **Prerequisites:** [03 · The Gaussian kernel](03_gaussian_kernel.ipynb) (weights, radius rule);
# [01 · Pixel grids](01_pixel_grids.ipynb) (dtypes, uint8 wrap-around, `to_float`).

# %%
import inspect

import numpy as np
from scipy import ndimage

from gausslearn import filters
from gausslearn.borders import pad
from gausslearn.dtypes import to_float, to_uint8
from gausslearn.images import impulse, sample, worked_example
from gausslearn.kernels import gaussian_kernel1d, gaussian_kernel2d, kernel_radius
from gausslearn.plotting import plot_kernel, show_images
from gausslearn.widgets import predict

np.set_printoptions(linewidth=110)

# %% [markdown]
# ## 1. The worked example
#
# A 7×7 `float32` image: black, with a small bright blob in the middle (a 3×3 bump whose centre is 1.0).

# %%
grid = worked_example()
print(f"shape {grid.shape}, dtype {grid.dtype}")
print(np.array2string(grid, precision=1, floatmode="fixed"))

# %% [markdown]
# We blur it with a Gaussian of sigma 1. From notebook 03: the radius is `int(4 * 1 + 0.5) = 4`, so the 2-D
# kernel is 9×9. Its weights (the outer product of two 1-D kernels) are written on the cells below.

# %%
sigma = 1.0
r = kernel_radius(sigma)
weights = gaussian_kernel2d(sigma)
print(f"radius {r}, kernel shape {weights.shape}, sum of weights {weights.sum():.6f}, "
      f"centre weight {weights[r, r]:.4f}")
plot_kernel(weights, fmt=".3f", alt="A 9 by 9 grid of the sigma-1 Gaussian weights, each written on its cell: "
            "0.159 in the centre, 0.097 beside it, falling to 1.8e-08 in the corners; the bright middle 3 by 3 "
            "holds most of the weight.")

# %% [markdown]
# ## 2. One output pixel by hand
#
# A filter computes each output pixel like this (`gaussian_filter` gets the same numbers in a faster way,
# section 4):
#
# 1. centre the kernel on the pixel;
# 2. take the **window**: the 9×9 block of input pixels under the kernel;
# 3. multiply the window by the weights, element by element;
# 4. **sum** the products. That sum is the output pixel.
#
# The window of the centre pixel (row 3, column 3) reaches 4 pixels in every direction, one pixel beyond the
# 7×7 image on each side. Beyond the border we need values that do not exist. SciPy's filters invent them
# with a rule called the **border mode**; their default, `mode='reflect'`, mirrors the image at its edge, the
# edge pixel included (notebook 06 compares all modes):

# %%
print("default border mode of gaussian_filter:", inspect.signature(ndimage.gaussian_filter).parameters["mode"].default)
print("default border mode of correlate:      ", inspect.signature(ndimage.correlate).parameters["mode"].default)
print("the row [1 2 3 4 5] padded by 3 with 'reflect':", pad(np.array([1, 2, 3, 4, 5]), 3, mode="reflect"))

# %% [markdown]
# `gausslearn.borders.pad` does that padding for the whole grid, 4 pixels on every side:

# %%
padded = pad(grid, r, mode="reflect")
print(f"padded shape {padded.shape} (7 + 2 * {r} = {7 + 2 * r})")
print(np.array2string(padded, precision=1, floatmode="fixed"))

# %% [markdown]
# Output pixel (3, 3) sits at (3 + 4, 3 + 4) in the padded array, so its window is `padded[3:12, 3:12]`.

# %%
predict(
    "The centre pixel is 1.0 and its 8 neighbours are 0.7 or 0.2. After the Gaussian blur with sigma 1, what "
    "is the centre pixel closest to?",
    options={
        "1.0": "the brightest pixel stays the brightest, so it seems to keep its value",
        "0.9": "only a little light seems to leak to the dimmer neighbours",
        "0.5": "right: the centre gets only its own weight, 0.16, and about a fifth of the weight lands on black",
        "0.1": "the centre weight is 0.16, and multiplying the pixel by it alone forgets the neighbours",
    },
    answer="0.5",
    explanation="The output is a weighted average. The centre pixel gets only the kernel's centre weight, about "
                "0.16 (0.399², printed below). Its neighbours are dimmer (0.7 and 0.2) and more than a fifth of "
                "the kernel's weight falls on black pixels, so the average lands near 0.48: the peak drops to "
                "about half. The brightest pixel does stay the brightest, but not at 1.0.",
    key="nb04-centre",
)

# %% tags=["hide-output"]
row, col = 3, 3
window = padded[row:row + 2 * r + 1, col:col + 2 * r + 1]
products = window * weights
print("window x weights (products, 4 decimals):")
print(np.array2string(products, precision=4, floatmode="fixed"))
print(f"sum of the products = output pixel ({row}, {col}) = {products.sum():.4f}")
print(f"(the centre weight is {weights[r, r]:.3f}; the middle 3x3 of the kernel holds "
      f"{weights[r - 1:r + 2, r - 1:r + 2].sum():.1%} of the total weight)")

# %% [markdown]
# Only the 3×3 middle of the products matters here; the window's other values are black. The corner pixel
# (0, 0) is more interesting, because its window lies mostly in the padding: the mirrored copy of the blob
# contributes.

# %%
window00 = padded[0:2 * r + 1, 0:2 * r + 1]
print("window of pixel (0, 0):")
print(np.array2string(window00, precision=1, floatmode="fixed"))
print(f"output pixel (0, 0) = {np.sum(window00 * weights):.4f}")

# %% [markdown]
# ## 3. The whole image with `gaussian_filter`
#
# Doing that for all 49 pixels is what `scipy.ndimage.gaussian_filter` does (in a faster way, shown in
# section 4):

# %%
blurred = ndimage.gaussian_filter(grid, sigma=1)
print(f"input  shape {grid.shape}, dtype {grid.dtype}")
print(f"output shape {blurred.shape}, dtype {blurred.dtype}  (same shape, same dtype)")
print(f"centre: {grid[3, 3]:.3f} -> {blurred[3, 3]:.3f}")
print(f"corner: {grid[0, 0]:.3f} -> {blurred[0, 0]:.4f}")
print("centre row:", np.array2string(blurred[3], precision=3, floatmode="fixed"))
print(f"the hand computation agrees: centre {abs(products.sum() - blurred[3, 3]) < 1e-6}, "
      f"corner {abs(np.sum(window00 * weights) - blurred[0, 0]) < 1e-6}")

# %%
show_images([grid, blurred], ["worked example", "gaussian_filter, sigma 1"], vmin=0, vmax=1, annotate=True,
            fmt=".2g", colorbar=True,
            alt="Two 7 by 7 grids with every value written on its cell and a grey colour bar from 0 to 1. Left: "
                "the bright blob, 1 in the centre, 0.7 and 0.2 around it, 0 elsewhere. Right: after the blur "
                "the centre is 0.48 and the light has spread over the whole grid, down to 0.0011 in the "
                "corners.")

# %% [markdown]
# The blur moves brightness around without creating or destroying it: the weights sum to 1 and `'reflect'`
# mirrors the image back in at the borders, so the total brightness stays. With `mode='constant'` (black
# outside) some of it leaks out through the border instead.

# %%
print(f"sum of the input:               {grid.sum():.4f}")
print(f"sum after the blur, 'reflect':  {blurred.sum():.4f}")
print(f"sum after the blur, 'constant': {ndimage.gaussian_filter(grid, 1, mode='constant').sum():.4f}")

# %% [markdown]
# ## 4. Correlation vs convolution
#
# What we computed by hand is a **correlation**: the window times the kernel *as it is*, weight `k[i, j]` on
# the window's pixel `[i, j]`. A **convolution** (the operation of signal-processing textbooks, written
# f ∗ k) first flips the kernel along both axes, then does the same. SciPy has both: `ndimage.correlate`
# and `ndimage.convolve`, each with the default border mode `'reflect'`.
#
# For the Gaussian the difference is invisible, so take a kernel that is not symmetric, the numbers 1 to 9,
# and filter an image that is 0 everywhere except one pixel of value 1 (an **impulse**):

# %%
asymmetric = np.arange(1.0, 10.0).reshape(3, 3)
spike = impulse((5, 5))
print("kernel:")
print(asymmetric)
print("image: zeros with a 1 at", tuple(int(i) for i in np.argwhere(spike == 1)[0]))

# %%
predict(
    "ndimage.correlate(image, kernel) on the impulse: what appears in the 3x3 block around the bright pixel?",
    options={
        "the kernel as it is (1 top left, 9 bottom right)": "correlation uses the kernel as it is, so it "
                                                             "seems it should copy it as it is",
        "the kernel rotated by 180° (9 top left, 1 bottom right)": "right: the pixel above-left of the impulse "
                                                                    "sees the impulse under the kernel's "
                                                                    "bottom-right weight",
        "the kernel mirrored left-right only (3 top left)": "a flip sounds like a mirror image, and a mirror "
                                                             "swaps left and right only",
    },
    answer="the kernel rotated by 180° (9 top left, 1 bottom right)",
    explanation="Output pixel (1, 1), above and left of the impulse at (2, 2), puts its window's bottom-right "
                "weight, 9, on the impulse: correlation draws the kernel upside down and back to front. "
                "Convolution flips the kernel first, so convolving an impulse copies the kernel as it is: that "
                "is why the kernel of a convolution is also called its impulse response.",
    key="nb04-corr-conv",
)

# %% tags=["hide-output"]
print("correlate(impulse, kernel):")
print(ndimage.correlate(spike, asymmetric)[1:4, 1:4])
print("convolve(impulse, kernel):")
print(ndimage.convolve(spike, asymmetric)[1:4, 1:4])

# %% [markdown]
# So a convolution is a correlation with the kernel flipped along both axes (`kernel[::-1, ::-1]`), and the
# other way round. On an ordinary image the two differ everywhere, not just at the borders. For a kernel
# that is symmetric along both axes, such as the Gaussian, flipping changes nothing: that is why texts say
# "convolve with a Gaussian" while SciPy's code correlates. A derivative kernel (`order=1`) is not symmetric:
# flipping it changes its sign.

# %%
photo = sample("camera")[::2, ::2]  # 256 x 256, float64 in [0, 1]
print(f"correlate(k) == convolve(k flipped along both axes): "
      f"{np.allclose(ndimage.correlate(photo, asymmetric), ndimage.convolve(photo, asymmetric[::-1, ::-1]))}")
print(f"correlate(k) vs convolve(k), same kernel: largest difference "
      f"{np.abs(ndimage.correlate(photo, asymmetric) - ndimage.convolve(photo, asymmetric)).max():.2f}")
grid64 = grid.astype(np.float64)
same = np.abs(ndimage.correlate(grid64, weights) - ndimage.convolve(grid64, weights)).max() < 1e-15
print(f"Gaussian kernel: correlate == convolve (to 1e-15): {same}")
derivative = gaussian_kernel1d(1.0, order=1)
print("derivative kernel (order=1), 3 decimals:", np.array2string(derivative, precision=3, floatmode="fixed"))
print(f"flipping it changes its sign: {np.allclose(derivative[::-1], -derivative)}")

# %% [markdown]
# `gaussian_filter` does not use the 9×9 kernel at all: it runs a 1-D correlation along each axis, first down
# the columns (axis 0), then along the rows (axis 1), 9 + 9 multiplications per pixel instead of 81, with the
# same result (notebook 07 explains why).

# %%
by_2d = ndimage.correlate(grid64, weights)
by_gaussian = ndimage.gaussian_filter(grid64, 1.0)
rows_then_columns = ndimage.correlate1d(ndimage.correlate1d(grid64, gaussian_kernel1d(1.0), axis=0),
                                        gaussian_kernel1d(1.0), axis=1)
print(f"one 2-D correlation == gaussian_filter (max |difference| < 1e-12): {np.abs(by_2d - by_gaussian).max() < 1e-12}")
print(f"two 1-D passes == gaussian_filter (max |difference| < 1e-12): "
      f"{np.abs(rows_then_columns - by_gaussian).max() < 1e-12}")

# %% [markdown]
# ## 5. The output dtype
#
# `gaussian_filter` returns the **same dtype as its input** unless you pass `output=`. For a float32 image
# that is harmless. For a uint8 image, every weighted sum (a real number like 117.83) has to be stored as a
# whole number between 0 and 255.

# %%
predict(
    "We blur a random uint8 image (values 0-255) with sigma 2, once with uint8 output and once in float64. "
    "On average, how does the uint8 result compare with the float result?",
    options={
        "the same on average (rounding errors cancel)": "storing a whole number looks like rounding, and "
                                                        "rounding errors go both ways",
        "about 0.5 grey level darker": "dropping the fraction of each stored value once costs 0.5 on average",
        "about 1 grey level darker": "right: the fraction is dropped after each of the two 1-D passes, "
                                     "0.5 + 0.5",
        "about 1 grey level brighter": "storing a whole number might round every value up",
    },
    answer="about 1 grey level darker",
    explanation="SciPy does not round: it truncates toward zero (117.83 becomes 117), which loses 0.5 on average "
                "when the fractional parts are spread evenly. A 2-D gaussian_filter makes two 1-D passes and "
                "stores the intermediate result in the output dtype, truncating after each pass, so the losses "
                "add up to about 1 grey level. Rounding would have been unbiased; truncation is not.",
    key="nb04-uint8-bias",
)

# %% tags=["hide-output"]
rng = np.random.default_rng(0)
noise_u8 = rng.integers(0, 256, size=(256, 256), dtype=np.uint8)
out_u8 = ndimage.gaussian_filter(noise_u8, 2)
out_f64 = ndimage.gaussian_filter(noise_u8, 2, output=np.float64)
difference = out_u8.astype(np.float64) - out_f64
print(f"uint8 in -> {out_u8.dtype} out")
print(f"uint8 result minus float result: mean {difference.mean():+.2f}, "
      f"min {difference.min():+.2f}, max {difference.max():+.2f} grey levels")
print(f"pixels where the uint8 result is lower: {np.mean(difference < 0):.1%}")
one_pass = ndimage.gaussian_filter1d(noise_u8, 2, axis=0) - ndimage.gaussian_filter1d(noise_u8, 2, axis=0,
                                                                                        output=np.float64)
print(f"one 1-D pass alone: mean difference {one_pass.mean():+.2f} grey levels")

# %% [markdown]
# Every single pixel came out lower, never higher: a bias, not noise. SciPy **truncates** each weighted sum
# toward zero when it stores it as an integer, and it does so after *each* 1-D pass, so the two passes lose
# about half a grey level each. (`output=np.float64` asks SciPy for a float result instead, computed from the
# same uint8 input.)
#
# ### Rounding once, at the end
#
# The fix is to keep the filtering in float and convert back to uint8 **once**, rounding to the nearest whole
# number. Three NumPy facts make that conversion safe:

# %%
values = np.array([117.83, 117.5, 118.5, -0.4, 255.4, 256.0])
print("values:                        ", values)
print("astype(np.uint8) truncates:     ", values[:3].astype(np.uint8), "(117.83 -> 117)")
print("np.rint rounds, halves to even: ", np.rint(values[:3]))
print("integers out of range wrap:     ", np.array([-1, 256]).astype(np.uint8), "(-1 -> 255, 256 -> 0)")
print("np.clip first keeps 0..255:     ", np.clip(np.rint(values[3:]), 0, 255).astype(np.uint8))

# %% [markdown]
# A Gaussian blur stays within the range of its input (its weights are positive and sum to 1), but other
# filters, such as the sharpening of notebook 09, overshoot to values like -0.4 or 255.4: clip before
# converting. The course's helpers from notebook 01 follow the same recipe on the [0, 1] scale: `to_float`
# divides by 255, `to_uint8` clips, scales back, rounds once and converts. The bias is gone; what is left is
# rounding, at most half a grey level per pixel:

# %%
print(f"float result: {out_f64.min():.2f} .. {out_f64.max():.2f}, inside the input's "
      f"{noise_u8.min()} .. {noise_u8.max()}")
via_float = to_uint8(ndimage.gaussian_filter(to_float(noise_u8), 2))
difference_fixed = via_float.astype(np.float64) - out_f64
print(f"to_float -> filter -> to_uint8: mean difference {difference_fixed.mean():+.3f}, "
      f"largest |difference| {np.abs(difference_fixed).max():.2f} grey levels (rounding only)")

# %% [markdown]
# ### scikit-image chooses differently
#
# `skimage.filters.gaussian` wraps SciPy's filter but changes two defaults. It converts integer images to
# float in [0, 1] first (like `to_float`), so it has no truncation bias but returns float64, not uint8; and
# its default border mode is `'nearest'` (repeat the edge pixel) instead of SciPy's `'reflect'`. So the two
# libraries agree in the middle of the image and differ near the borders:

# %%
from skimage.filters import gaussian as skimage_gaussian

sk = skimage_gaussian(noise_u8, sigma=2)
print(f"skimage.filters.gaussian(uint8 image): dtype {sk.dtype}, values {sk.min():.3f}..{sk.max():.3f}")
same_nearest = np.abs(sk - ndimage.gaussian_filter(to_float(noise_u8), 2, mode="nearest")).max() < 1e-12
gap_reflect = np.abs(sk - ndimage.gaussian_filter(to_float(noise_u8), 2))
print(f"equals SciPy on to_float(image) with mode='nearest' (max |difference| < 1e-12): {same_nearest}")
print(f"vs SciPy's default 'reflect': largest difference {gap_reflect.max():.3f} near the border, "
      f"inside (10 pixels from the border) < 1e-12: {gap_reflect[10:-10, 10:-10].max() < 1e-12}")

# %% [markdown]
# ## 6. The course's own filter matches SciPy
#
# `gausslearn.filters.gaussian_filter` is written in plain NumPy from the steps of this notebook (pad, then
# weighted sums of shifted copies, one axis at a time). It is a drop-in for SciPy's function, with the same
# parameters, and agrees to rounding error; it even reproduces SciPy's per-pass truncation for uint8 images:

# %%
for s in (0.5, 1.0, 2.0, 4.0):
    ours = filters.gaussian_filter(photo, s)
    scipys = ndimage.gaussian_filter(photo, s)
    print(f"sigma {s}: same shape and dtype {ours.shape == scipys.shape and ours.dtype == scipys.dtype}, "
          f"max |difference| < 1e-12: {np.abs(ours - scipys).max() < 1e-12}")
ours_u8 = filters.gaussian_filter(noise_u8, 2)
print(f"random uint8 image: dtype {ours_u8.dtype}, identical to SciPy's truncated result: "
      f"{np.array_equal(ours_u8, out_u8)}")

# %%
show_images([photo, ndimage.gaussian_filter(photo, 2.0), ndimage.gaussian_filter(photo, 4.0)],
            ["camera (256×256)", "sigma 2", "sigma 4"],
            alt="The camera photograph three times: sharp, blurred with sigma 2, and blurred with sigma 4; the "
                "thin tripod legs and the grass texture fade first.")

# %% [markdown]
# ## Key points
#
# - Each output pixel of a filter is a weighted sum: the window of input pixels under the kernel, times the
#   weights, summed. Near the border the window needs padding, which the `mode` decides; SciPy's default is
#   `'reflect'` (the edge pixel mirrored too).
# - On the worked example (sigma 1) the centre 1.000 becomes about 0.476 and the corner gets 0.0011 from the
#   mirrored blob; the output has the input's shape.
# - Correlation uses the kernel as it is, so an impulse comes out as the kernel rotated by 180°; convolution
#   flips the kernel first. For the symmetric Gaussian they are the same; for asymmetric kernels they are not.
# - `gaussian_filter` returns the input's dtype. For integer images each 1-D pass truncates toward zero, a bias
#   of about -1 grey level at sigma 2: filter in float and round once at the end (`np.rint`, clip, then
#   convert), or pass `output=np.float64`.
# - `skimage.filters.gaussian` converts to float in [0, 1] and uses border mode `'nearest'`: same result as
#   SciPy away from the borders, different near them.
#
# **Exercise:** [Exercise 4: correlation by hand and a uint8 blur without the bias](../exercises/ex04_filtering.ipynb).
# (After notebook 07 you will write the whole separable filter yourself.) **Next:** [05 · Sigma](05_sigma.ipynb).
