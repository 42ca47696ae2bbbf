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
# - Why does blurring a uint8 image make it slightly darker?
#
# **Objectives**
# - Compute one output pixel of a Gaussian filter by hand: window times weights, then sum.
# - Reproduce the whole result with `scipy.ndimage.gaussian_filter` and read its exact values.
# - Explain correlation versus convolution and show that they agree for a symmetric kernel.
# - Predict the output dtype of `gaussian_filter`, measure the truncation bias of integer output, and avoid
#   it by filtering in float.
#
# **Time:** about 35 minutes.
#
# **Prerequisites:** [03 · The Gaussian kernel](03_gaussian_kernel.ipynb) (weights, radius rule);
# [01 · Pixel grids](01_pixel_grids.ipynb) (dtypes, `to_float`).

# %%
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
# We blur it with a Gaussian of sigma 1 and border mode `'reflect'`. From notebook 03: the radius is
# `int(4 * 1 + 0.5) = 4`, so the 2-D kernel is 9×9.

# %%
sigma = 1.0
r = kernel_radius(sigma)
weights = gaussian_kernel2d(sigma)
print(f"radius {r}, kernel shape {weights.shape}, sum of weights {weights.sum():.6f}")
plot_kernel(weights, fmt=".3f")

# %% [markdown]
# ## 2. One output pixel by hand
#
# **Correlation**, the operation `gaussian_filter` performs, computes each output pixel like this:
#
# 1. centre the kernel on the pixel;
# 2. take the **window**: the 9×9 block of input pixels under the kernel;
# 3. multiply the window by the weights, element by element;
# 4. **sum** the products. That sum is the output pixel.
#
# The window of the centre pixel (row 3, column 3) reaches 4 pixels in every direction, one pixel beyond the
# 7×7 image on each side. Beyond the border we need values that do not exist: mode `'reflect'` supplies them
# by mirroring the image at its edge (notebook 06 shows all modes). `gausslearn.borders.pad` does exactly
# that padding:

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
    options=["1.0 (the brightest pixel stays the brightest)", "0.9", "0.5", "0.1"],
    answer="0.5",
    explanation="The output is a weighted average, and the centre pixel gets only the kernel's centre weight, "
                "about 0.16 (0.399², printed below). Its neighbours are dimmer (0.7 and 0.2) and more than a "
                "fifth of the kernel's weight falls on black pixels, so the average lands near 0.48: the "
                "peak drops to about half. The brightest pixel does stay the brightest, but not at 1.0.",
    key="nb04-centre",
)

# %%
row, col = 3, 3
window = padded[row:row + 2 * r + 1, col:col + 2 * r + 1]
products = window * weights
print("window (input under the kernel):")
print(np.array2string(window, precision=1, floatmode="fixed"))
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
# Doing that for all 49 pixels is what `scipy.ndimage.gaussian_filter` does (in a faster way, notebook 07):

# %%
blurred = ndimage.gaussian_filter(grid, sigma=1, mode="reflect")
print(f"input  shape {grid.shape}, dtype {grid.dtype}")
print(f"output shape {blurred.shape}, dtype {blurred.dtype}  (same shape, same dtype)")
print(np.array2string(blurred, precision=4, floatmode="fixed"))

# %%
print(f"centre: {grid[3, 3]:.3f} -> {blurred[3, 3]:.3f}")
print(f"corner: {grid[0, 0]:.3f} -> {blurred[0, 0]:.4f}")
print("centre row:", np.array2string(blurred[3], precision=3, floatmode="fixed"))
print(f"the hand computation agrees: centre {abs(products.sum() - blurred[3, 3]) < 1e-6}, "
      f"corner {abs(np.sum(window00 * weights) - blurred[0, 0]) < 1e-6}")

# %%
show_images([grid, blurred], ["worked example", "gaussian_filter, sigma 1, reflect"], vmin=0, vmax=1)

# %% [markdown]
# The blur moves brightness around without creating or destroying it: the weights sum to 1 and
# `'reflect'` mirrors the image back in at the borders, so the total brightness stays. With
# `mode='constant'` (black outside) some of it leaks out through the border instead.

# %%
print(f"sum of the input:               {grid.sum():.4f}")
print(f"sum after the blur, 'reflect':  {blurred.sum():.4f}")
print(f"sum after the blur, 'constant': {ndimage.gaussian_filter(grid, 1, mode='constant').sum():.4f}")

# %% [markdown]
# ## 4. Correlation vs convolution
#
# **Correlation** multiplies the window by the weights as they are. **Convolution** (the operation of
# signal-processing textbooks, written f ∗ k) first flips the kernel (left-right and up-down). The clearest
# way to see the difference is a kernel that is *not* symmetric, applied to an impulse:

# %%
signal = impulse((9,))
kernel = np.array([1.0, 2.0, 3.0])
print("signal:     ", signal)
print("correlate1d:", ndimage.correlate1d(signal, kernel, mode="constant"), " <- the kernel, reversed")
print("convolve1d: ", ndimage.convolve1d(signal, kernel, mode="constant"), " <- the kernel as it is")

# %%
predict(
    "The Gaussian kernel is symmetric (w[-x] = w[x]). Does gaussian_filter give a different result if it "
    "convolved instead of correlated?",
    options=["yes, the image would be flipped", "yes, but only at the borders", "no, exactly the same"],
    answer="no, exactly the same",
    explanation="Flipping a symmetric kernel gives the same kernel, so correlation and convolution with it are "
                "the same operation. That is why texts say 'convolve with a Gaussian' while SciPy's code "
                "correlates. The distinction matters for asymmetric kernels such as derivative filters "
                "(order=1), where the flip changes the sign.",
    key="nb04-corr-conv",
)

# %%
grid64 = grid.astype(np.float64)
by_correlation = ndimage.correlate(grid64, weights, mode="reflect")
by_convolution = ndimage.convolve(grid64, weights, mode="reflect")
by_gaussian = ndimage.gaussian_filter(grid64, 1.0, mode="reflect")
print(f"correlate == convolve for the Gaussian: {np.allclose(by_correlation, by_convolution, rtol=0, atol=1e-15)}")
print(f"2-D correlation == gaussian_filter (max |difference| < 1e-12): "
      f"{np.abs(by_correlation - by_gaussian).max() < 1e-12}")
derivative = gaussian_kernel1d(1.0, order=1)
print("derivative kernel (order=1), 3 decimals:", np.array2string(derivative, precision=3, floatmode="fixed"))
print(f"flipping it changes its sign: {np.allclose(derivative[::-1], -derivative)}")

# %% [markdown]
# `gaussian_filter` does not use the 9×9 kernel at all: it runs a 1-D correlation along each axis (the
# separability of notebook 03), 9 + 9 multiplications per pixel instead of 81, with the same result.

# %%
rows_then_columns = ndimage.correlate1d(ndimage.correlate1d(grid64, gaussian_kernel1d(1.0), axis=0,
                                                            mode="reflect"),
                                        gaussian_kernel1d(1.0), axis=1, mode="reflect")
print(f"two 1-D passes == gaussian_filter (max |difference| < 1e-12): "
      f"{np.abs(rows_then_columns - by_gaussian).max() < 1e-12}")

# %% [markdown]
# ## 5. The output dtype, and the truncation trap
#
# `gaussian_filter` returns the **same dtype as its input** unless you pass `output=`. For a float32 image
# that is harmless. For a uint8 image, every weighted sum (a real number like 117.83) must be stored as a
# whole number, and SciPy does not round: it **truncates** toward zero (117.83 becomes 117), and it does so
# after *each* 1-D pass.

# %%
predict(
    "We blur a random uint8 image (values 0-255) with sigma 2, once with uint8 output and once in float64. "
    "On average, how does the uint8 result compare with the float result?",
    options=["the same on average (rounding errors cancel)", "about 0.5 grey level darker",
             "about 1 grey level darker", "about 1 grey level brighter"],
    answer="about 1 grey level darker",
    explanation="Truncation always goes down, by 0.5 on average when the fractional parts are spread evenly. "
                "A 2-D gaussian_filter makes two 1-D passes and truncates after each, so the losses add up "
                "to about 1 grey level. Rounding would have been unbiased; truncation is not.",
    key="nb04-uint8-bias",
)

# %%
rng = np.random.default_rng(0)
noise_u8 = rng.integers(0, 256, size=(256, 256), dtype=np.uint8)
out_u8 = ndimage.gaussian_filter(noise_u8, 2)
out_f64 = ndimage.gaussian_filter(noise_u8.astype(np.float64), 2)
difference = out_u8.astype(np.float64) - out_f64
print(f"uint8 in -> {out_u8.dtype} out")
print(f"uint8 result minus float result: mean {difference.mean():+.2f}, "
      f"min {difference.min():+.2f}, max {difference.max():+.2f} grey levels")
print(f"pixels where the uint8 result is lower: {np.mean(difference < 0):.1%}")

# %% [markdown]
# Every single pixel came out lower, never higher: a bias, not noise. One pass alone loses about half a grey
# level:

# %%
one_pass_u8 = ndimage.gaussian_filter1d(noise_u8, 2, axis=0)
one_pass_f64 = ndimage.gaussian_filter1d(noise_u8.astype(np.float64), 2, axis=0)
print(f"one 1-D pass: mean difference {(one_pass_u8 - one_pass_f64).mean():+.2f} grey levels")

# %% [markdown]
# The fix is the recipe of notebook 01: convert to float, filter, convert back once with rounding. (Or ask
# SciPy for a float output with `output=np.float64`.)

# %%
via_float = to_uint8(ndimage.gaussian_filter(to_float(noise_u8), 2))
difference_fixed = via_float.astype(np.float64) - out_f64
print(f"to_float -> filter -> to_uint8: mean difference {difference_fixed.mean():+.3f}, "
      f"largest |difference| {np.abs(difference_fixed).max():.2f} grey levels (rounding only)")
as_float_output = ndimage.gaussian_filter(noise_u8, 2, output=np.float64)
print(f"output=np.float64 gives dtype {as_float_output.dtype}, "
      f"equal to filtering the float copy: {np.allclose(as_float_output, out_f64, rtol=0, atol=1e-9)}")

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
gap_reflect = np.abs(sk - ndimage.gaussian_filter(to_float(noise_u8), 2, mode="reflect"))
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
photo = sample("camera")[::2, ::2]
for s in (0.5, 1.0, 2.0, 4.0):
    ours = filters.gaussian_filter(photo, s, mode="reflect")
    scipys = ndimage.gaussian_filter(photo, s, mode="reflect")
    print(f"sigma {s}: same shape and dtype {ours.shape == scipys.shape and ours.dtype == scipys.dtype}, "
          f"max |difference| < 1e-12: {np.abs(ours - scipys).max() < 1e-12}")
print(f"worked example (float32), max |difference| < 1e-6: "
      f"{np.abs(filters.gaussian_filter(grid, 1.0) - blurred).max() < 1e-6}")
ours_u8 = filters.gaussian_filter(noise_u8, 2)
print(f"random uint8 image: dtype {ours_u8.dtype}, identical to SciPy's truncated result: "
      f"{np.array_equal(ours_u8, out_u8)}")

# %%
show_images([photo, ndimage.gaussian_filter(photo, 2.0), ndimage.gaussian_filter(photo, 4.0)],
            ["camera (256×256)", "sigma 2", "sigma 4"])

# %% [markdown]
# ## Key points
#
# - Each output pixel of a filter is a weighted sum: the window of input pixels under the kernel, times the
#   weights, summed. Near the border the window needs padding, which the `mode` decides.
# - On the worked example (sigma 1, `'reflect'`) the centre 1.000 becomes about 0.476 and the corner gets a
#   little brightness from the mirrored blob; the output has the input's shape.
# - Correlation uses the kernel as it is, convolution flips it; for the symmetric Gaussian they are the same.
# - `gaussian_filter` returns the input's dtype. For integer images each 1-D pass truncates, a bias of about
#   -1 grey level at sigma 2: filter in float (`to_float`, then `to_uint8`) or pass `output=np.float64`.
# - `skimage.filters.gaussian` converts to float in [0, 1] and uses border mode `'nearest'`: same result as
#   SciPy away from the borders, different near them.
#
# **Exercise:** after notebook 07 you will write the whole filter yourself in
# [Exercise 5: a separable Gaussian filter](../exercises/ex05_separable.ipynb). **Next:**
# [05 · Sigma](05_sigma.ipynb).
