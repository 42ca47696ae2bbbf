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
# # 00 · Start here: how this course works
#
# **Questions**
# - What will I learn in this course, and in which order?
# - How do I run a notebook, and what do I do when it gets into a strange state?
# - What are the "predict first" prompts, and how are the exercises checked and graded?
#
# **Objectives**
# - Run a notebook cell by cell, run all cells, and restart the kernel.
# - Check that your Python set-up has every package the course needs.
# - Answer a predict-first prompt before running the cell that reveals the answer.
# - Open an exercise notebook, run its public checks, and grade it with `gausslearn grade`.
#
# **Time:** about 30 minutes.
#
# **Prerequisites:** basic Python (variables, functions, lists, `import`). No image processing is assumed;
# NumPy arrays are introduced in notebook 01.

# %% [markdown]
# ## 1. The course at a glance
#
# The course teaches one operation very thoroughly, the **Gaussian blur**
# (`scipy.ndimage.gaussian_filter`), starting from what an image is and ending with where the Gaussian
# stops being the right tool and how to filter images larger than memory. The notebooks build on each other;
# work through them in order. Each one states its time at the top (the same time as in this table), and
# exercise `exNN` practises notebook `NN`. This notebook has no exercise of its own.
#
# | notebook | what you learn | time | exercise |
# | --- | --- | --- | --- |
# | [00 start here](00_start_here.ipynb) | how the course, the prompts, the exercises and the grading work (this page) | 30 min | none |
# | [01 pixel grids](01_pixel_grids.ipynb) | an image is an array: shape, dtype, value range, channels, displaying it honestly, uint8 arithmetic | 45 min | [ex01_pixels](../exercises/ex01_pixels.ipynb) |
# | [02 noise](02_noise.ipynb) | Gaussian, Poisson and salt-and-pepper noise; measuring damage with MSE, PSNR and SSIM; why averaging helps, and by how much | 45 min | [ex02_noise](../exercises/ex02_noise.ipynb) |
# | [03 the Gaussian kernel](03_gaussian_kernel.ipynb) | from the bell curve to a list of weights: sampling, normalising, `truncate` and the radius rule; the link to the normal distribution | 50 min | [ex03_kernel](../exercises/ex03_kernel.ipynb) |
# | [04 filtering](04_filtering.ipynb) | correlation by hand on a 7×7 grid, convolution, `gaussian_filter`, output dtype and its truncation bias | 40 min | [ex04_filtering](../exercises/ex04_filtering.ipynb) |
# | [05 sigma](05_sigma.ipynb) | what sigma does: noise against edge sharpness, choosing sigma without the clean image, sigma in physical units | 70 min | [ex05_sigma](../exercises/ex05_sigma.ipynb) |
# | [06 border modes](06_borders.ipynb) | what happens at the image border: every SciPy mode, and the names other libraries use | 40 min | [ex06_borders](../exercises/ex06_borders.ipynb) |
# | [07 separability and cost](07_separability.ipynb) | two 1-D passes instead of one 2-D kernel; operation counts, timings, faster methods for large sigma | 45 min | [ex07_separable](../exercises/ex07_separable.ipynb) |
# | [08 colour](08_colour.ipynb) | blurring colour images without mixing the channels | 35 min | [ex08_color](../exercises/ex08_color.ipynb) |
# | [09 beyond the Gaussian](09_beyond.ipynb) | when another filter is better (median, bilateral), sharpening, the link to convolution layers | 35 min | [ex09_beyond](../exercises/ex09_beyond.ipynb) |
# | [10 scale](10_scale.ipynb) | frequencies, aliasing when shrinking an image, image pyramids, blob sizes | 40 min | [ex10_scale](../exercises/ex10_scale.ipynb) |
# | [11 chunked filtering](11_chunked.ipynb) | blurring images larger than memory: chunks, halos and seams | 35 min | [ex11_chunked](../exercises/ex11_chunked.ipynb) |
#
# Every notebook has the same shape: **Questions** and **Objectives** at the top, short sections that
# alternate explanation, code and pictures, a few predict-first prompts, and **Key points** at the end with
# a link to the exercise.

# %% [markdown]
# ## 2. Running a notebook
#
# A notebook is a list of **cells**. Markdown cells (like this one) hold text; code cells hold Python that
# runs in a **kernel**, a Python process that remembers every variable you created.
#
# | you want to ... | do this |
# | --- | --- |
# | run the selected cell and move to the next | **Shift+Enter** |
# | run the cell and stay on it | **Ctrl+Enter** |
# | run the whole notebook from the top | menu **Run → Run All Cells** |
# | forget every variable and start clean | menu **Kernel → Restart Kernel...** |
# | start clean *and* run everything (the cure for most strange errors) | menu **Kernel → Restart Kernel and Run All Cells...** |
# | stop a cell that runs for too long | the ■ button, or **Kernel → Interrupt Kernel** |
#
# The number in `[ ]` left of a code cell says in which order the cells ran. Cells can be run in any
# order, and that is the main source of confusion: a variable may hold a value from a cell you have since
# edited. If something looks impossible, **restart and run all**. Every notebook of this course is written
# to run from top to bottom in a fresh kernel and prints the same numbers every time (random numbers come
# from generators with a fixed seed).
#
# Try it: select the next cell and press Shift+Enter.

# %%
message = "Hello from the kernel"
print(message)
print(f"2 + 3 = {2 + 3}")

# %% [markdown]
# The kernel now remembers `message`. Run the next cell; then restart the kernel (Kernel → Restart
# Kernel...) and run only the next cell again: you get a `NameError`, because the restart forgot
# `message`. Run all cells to get it back.

# %%
print(message.upper())

# %% [markdown]
# What does the kernel's memory mean when you run the same cell again? A first taste of the predict-first
# prompts of section 4: pick an answer before you read on.

# %%
from gausslearn.widgets import predict

predict(
    "A cell holds the single line `counter = counter + 1`, and an earlier cell set `counter = 1`. You run "
    "the earlier cell once and then press Shift+Enter on the counter cell three times. What is counter now?",
    options={
        "2": "the cell says `+ 1`, and it is easy to picture every run starting again from counter = 1",
        "3": "three presses feel like three results: 1, 2, 3",
        "4": "each run starts from the value the previous run left behind: 1, then 2, 3, 4",
        "a NameError": "counter is read on the right of `=` before this cell has ever assigned it",
    },
    answer="4",
    explanation="Each run starts from the value the previous run left behind: 1 -> 2 -> 3 -> 4. Nothing is "
                "reset between runs of a cell; only a kernel restart forgets. A NameError would appear only "
                "if the cell setting counter = 1 had never run since the last restart.",
    key="nb00-counter",
)

# %% [markdown]
# The next two cells replay that: the first sets `counter`, the second stands for pressing Shift+Enter three
# times on the cell `counter = counter + 1`.

# %%
counter = 1

# %% tags=["hide-output"]
for run in (1, 2, 3):
    counter = counter + 1
    print(f"after run {run} of the counter cell: counter = {counter}")

# %% [markdown]
# ## 3. Set-up check
#
# The next cell prints the version of every package the course uses and checks it against the minimum the
# course needs. The exact versions differ from machine to machine, and that is fine; what matters is the
# `OK` / `TOO OLD` / `MISSING` verdict on each line.

# %% tags=["nbval-ignore-output"]
import importlib
import importlib.metadata
import platform
import re
import sys

# module to import -> (package name, minimum version the course needs)
REQUIREMENTS = {
    "numpy": ("numpy", "1.24"),
    "scipy": ("scipy", "1.11"),           # gaussian_filter(..., axes=...) appeared in SciPy 1.11
    "skimage": ("scikit-image", "0.22"),  # channel_axis= everywhere, bundled sample images
    "matplotlib": ("matplotlib", "3.7"),
    "ipywidgets": ("ipywidgets", "8.0"),  # sliders and predict-first buttons
    "dask": ("dask", "2025.1"),           # notebook 11: images larger than memory, in chunks
    "distributed": ("distributed", "2025.1"),
    "dask_image": ("dask-image", "2024.5.3"),
    "zarr": ("zarr", "2.18"),             # chunked arrays stored on disk
}
MIN_PYTHON = (3, 10)


def version_tuple(text):
    """'1.26.4' -> (1, 26, 4); '2.0.0rc1' -> (2, 0, 0): the leading numbers only."""
    return tuple(int(part) for part in re.findall(r"\d+", text.split("+")[0])[:3])


checks = {}
python_ok = sys.version_info[:2] >= MIN_PYTHON
checks["python"] = python_ok
print(f"{'python':<14} {platform.python_version():<12} needs >= {'.'.join(map(str, MIN_PYTHON)):<9} "
      f"{'OK' if python_ok else 'TOO OLD'}")
for module_name, (shown, minimum) in REQUIREMENTS.items():
    try:
        importlib.import_module(module_name)
        version = importlib.metadata.version(shown)
    except ImportError:  # importlib.metadata.PackageNotFoundError is an ImportError too
        checks[shown] = False
        print(f"{shown:<14} {'-':<12} needs >= {minimum:<9} MISSING")
        continue
    ok = version_tuple(version) >= version_tuple(minimum)
    checks[shown] = ok
    print(f"{shown:<14} {version:<12} needs >= {minimum:<9} {'OK' if ok else 'TOO OLD'}")

# %% [markdown]
# The next line sums the checks up. It is the same on every machine where the set-up works, so it is the
# line to look at: if it does not say `set-up OK`, install what is listed (from the course folder,
# `make setup` installs everything) and restart the kernel.

# %%
failed = [name for name, ok in checks.items() if not ok]
if failed:
    print(f"set-up NOT OK: fix {', '.join(failed)} (see the table above), then restart the kernel")
else:
    print(f"set-up OK: {len(checks)} of {len(checks)} requirements met")

# %% [markdown]
# The course also needs its own helper package, `gausslearn`, which holds the sample images, the plotting
# functions, the widgets and the grader. Importing it is the last check:

# %%
from gausslearn import dtypes, images, kernels, metrics, noise, plotting, widgets

print("gausslearn imported; modules used in this course:",
      ", ".join(m.__name__.split(".")[-1] for m in (dtypes, images, kernels, metrics, noise, plotting, widgets)))

# %% [markdown]
# ## 4. Predict first
#
# People learn more from a result they *predicted* than from one they merely read. So before a cell
# reveals something surprising, you will meet a prompt like the counter question of section 2 or the one
# below. How it works:
#
# 1. run the prompt's cell: the question appears with one button per option;
# 2. think, then click the option you believe; your choice is locked once made (a prediction is a
#    commitment), and the verdict, the explanation and, for every option, the reason it is tempting appear
#    under the buttons;
# 3. run the next cell, which computes the answer, and compare.
#
# The wrong options are not random: each is a mistake people really make. Nothing is recorded or graded;
# the prompts are only for you. The notebooks in the `notebooks/` folder come without stored results, so no
# answer is on screen before you choose. On the course website the prompts work as buttons too, and the
# result of the cell after a prompt stays folded until you open it.

# %%
predict(
    "A grey photograph is stored as an array of uint8 numbers (unsigned 8-bit integers). "
    "What is the largest value one pixel can hold?",
    options={
        "1": "many image tools describe brightness from 0 (black) to 1 (white)",
        "127": "the largest 8-bit integer you may have met is 127, the top of the signed type int8",
        "255": "8 bits give 2**8 = 256 different values, and counting starts at 0",
        "256": "8 bits give 2**8 = 256 values, so 256 looks like the top",
    },
    answer="255",
    explanation="8 bits give 2**8 = 256 different values, numbered 0 to 255. 256 itself does not fit. The "
                "signed type int8 spends one bit on the sign and holds -128 to 127, but image files use the "
                "unsigned type. 1 is the top of the *float* convention (0.0 to 1.0) that you meet in "
                "notebook 01.",
    key="nb00-uint8-max",
)

# %% [markdown]
# Now the reveal: NumPy knows the range of every integer type.

# %% tags=["hide-output"]
import numpy as np

for integer_type in (np.uint8, np.int8):
    info = np.iinfo(integer_type)
    print(f"{info.dtype} holds the whole numbers {info.min} to {info.max}: {info.max - info.min + 1} values "
          f"= 2**{info.bits}")

# %% [markdown]
# ## 5. Exercises and grading
#
# Each notebook from 01 on ends with a link to its **exercise notebook** in the `exercises/` folder: exercise
# `exNN` practises notebook `NN`, for example [`exercises/ex01_pixels.ipynb`](../exercises/ex01_pixels.ipynb)
# after notebook 01. An exercise notebook has:
#
# - **answer cells**: a function with its name and parameters already written and a body for you to fill
#   in. Keep the name and the parameters; the grader calls your function with its own inputs.
# - **public checks**: after each answer cell, a cell that calls your function on a few inputs and prints
#   one line per check, `✓` when it passed and `✗` with a hint when it did not. Run them after every
#   change.
#
# When all public checks pass, grade the notebook. Save it (Ctrl+S), open a terminal in the course folder
# (in JupyterLab: File → New → Terminal) and run
#
# ```bash
# gausslearn grade exercises/ex01_pixels.ipynb
# ```
#
# The grader runs your saved notebook in a separate, sandboxed Python process and calls your functions
# with its **hidden tests**: more inputs than the public checks use (other sizes, other dtypes, edge cases
# such as an empty border or a sigma of zero). It prints one line per test with its points and, for a
# failed test, what was wrong, then your total. Hidden tests exist so that a function which merely
# reproduces the few public examples does not get full marks: write the function right in general, and
# the hidden tests pass too. `gausslearn grade exercises/ex01_pixels.ipynb --json` prints the same result as
# JSON, which is what an instructor's batch grading collects.
#
# The rules the grader enforces, so that nothing surprises you:
#
# - only your answer cells (and the import cell at the top) are taken from your notebook; editing the
#   checks changes nothing;
# - where an exercise asks you to write something SciPy already has (say, a Gaussian filter), calling the
#   SciPy function inside your answer is not allowed, and the grader notices;
# - your functions must return plain data (NumPy arrays, numbers, strings, lists of these);
# - your functions must not modify their input arrays (make a copy first, or compute into a new array);
# - each call has a time limit: a function that loops over every pixel in pure Python may be too slow.
#
# Worked solutions live in `solutions/`; try the exercise first.

# %% [markdown]
# ## Key points
#
# - Work through the notebooks in order; the table in section 1 gives each one's time. Exercise `exNN`
#   practises notebook `NN` (this notebook has none).
# - Shift+Enter runs a cell; when a notebook behaves strangely, **Kernel → Restart Kernel and Run All
#   Cells**.
# - The set-up check must print `set-up OK`; `make setup` installs what is missing.
# - Predict first, then run the reveal cell: the prompts are for you and are not graded.
# - Exercises: fill in the answer cells, run the public checks (✓/✗), then
#   `gausslearn grade exercises/exNN_name.ipynb` runs the hidden tests and gives your score.
#
# **Next:** [01 · Pixel grids](01_pixel_grids.ipynb), then its exercise,
# [Exercise 1: pixels](../exercises/ex01_pixels.ipynb) (notebook 00 has no exercise of its own).
