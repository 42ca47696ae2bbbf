"""Every exercise through the real grader: solutions score full marks, and each realistic wrong answer fails the
test named for its mistake, with feedback that names the mistake, and no other test, except the tests that build
on it (they say "fix ... first") and, where one mistake breaks several independent properties, the ones listed.

Each wrong submission is the solution notebook with ONE answer cell replaced by a plausible mistake, graded
with :func:`gausslearn.grading.host.judge.grade_notebook` (a separate, limited student process, as in production).
"""

from __future__ import annotations

import copy
import importlib
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from gradinghelp import ROOT, grade
from scipy import ndimage as ndi

from gausslearn.grading.api import collect_tests

IDS = ("ex01_pixels", "ex02_noise", "ex03_kernel", "ex05_sigma", "ex06_borders", "ex07_separable", "ex08_color",
       "ex09_beyond")

pytestmark = pytest.mark.slow


def _solution(ex: str) -> dict:
    path = ROOT / "solutions" / f"{ex}.ipynb"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `gausslearn build-exercises`")
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _submission(tmp_path: Path, ex: str, function: str, code: str, label: str) -> Path:
    """The solution notebook of ``ex`` with the answer cell defining ``function`` replaced by ``code``."""
    nb = copy.deepcopy(_solution(ex))
    cells = [c for c in nb["cells"] if "answer" in c.get("metadata", {}).get("tags", [])
             and f"def {function}(" in _source(c)]
    assert len(cells) == 1, f"{ex}: expected one answer cell defining {function}"
    cells[0]["source"] = textwrap.dedent(code).strip("\n") + "\n"
    path = tmp_path / f"{ex}-{label}.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _failed(report: dict) -> dict[str, str]:
    return {t["name"]: t["feedback"] for t in report["tests"] if not t["passed"]}


@dataclass(frozen=True)
class Wrong:
    """A realistic wrong answer and exactly what it must cost."""

    ex: str
    function: str
    label: str
    code: str
    test: str                       # the test named for the mistake
    words: str                      # its feedback names the mistake with these words
    blocked: tuple[str, ...] = ()   # tests that build on the failed property: they say "fix ... first"
    also: tuple[str, ...] = ()      # other properties this one mistake breaks (each one says why it fails)
    forbidden: bool = False         # a forbidden call: every test whose call reached it fails, naming it

    @property
    def id(self) -> str:
        return f"{self.ex}-{self.label}"


SEPARABLE = """
    def gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0):
        numpy_mode = {{"reflect": "symmetric", "mirror": "reflect", "nearest": "edge",
                      "constant": "constant", "wrap": "wrap"}}[mode]
        out = np.array(image, dtype=np.float64)
        sigmas = [sigma] * out.ndim if np.ndim(sigma) == 0 else list(sigma){order}
        for axis, s in enumerate(sigmas):
            if s <= 1e-15:
                continue
            radius = {radius}
            x = np.arange(-radius, radius + 1, dtype=np.float64)
            w = np.exp(-0.5 * (x / s) ** 2)
            w /= {norm}
            a = np.moveaxis(out, axis, -1)
            p = np.pad(a, [(0, 0)] * (a.ndim - 1) + [(radius, radius)], mode=numpy_mode)
            acc = sum(wk * p[..., k:k + a.shape[-1]] for k, wk in enumerate(w))
            out = np.moveaxis(acc, -1, axis)
        return out{cast}
"""


def separable(order: str = "", radius: str = "int(truncate * s + 0.5)", norm: str = "w.sum()", cast: str = "") -> str:
    """The model answer of ex07 with one mistake put in."""
    return SEPARABLE.format(order=order, radius=radius, norm=norm, cast=cast)


WRONG = [
    # ex01: pixels
    Wrong("ex01_pixels", "to_uint8", "no-rint", """
        def to_uint8(image):
            return (np.clip(np.asarray(image, dtype=np.float64), 0.0, 1.0) * 255.0).astype(np.uint8)
     """, "test_rounds_not_truncates", "truncates instead of rounding"),
    Wrong("ex01_pixels", "to_uint8", "wraps", """
        def to_uint8(image):
            return np.rint(np.asarray(image, dtype=np.float64) * 255.0).astype(np.int64).astype(np.uint8)
     """, "test_clips_instead_of_wrapping", "wraps around instead of clipping"),
    Wrong("ex01_pixels", "to_uint8", "clips-in-place", """
        def to_uint8(image):
            np.clip(image, 0.0, 1.0, out=image)
            return np.rint(image * 255.0).astype(np.uint8)
     """, "test_does_not_clip_in_place", "modified its input in place",
          blocked=("test_clips_instead_of_wrapping",)),
    Wrong("ex01_pixels", "to_float", "own-maximum", """
        def to_float(image):
            image = np.asarray(image)
            return image.astype(np.float64) / image.max()
     """, "test_uint8_scaled_by_dtype_max", "own maximum",
          also=("test_uint16_scaled_by_65535", "test_float_values_unchanged")),   # the same rule, two more dtypes
    Wrong("ex01_pixels", "to_float", "uint16-by-255", """
        def to_float(image):
            image = np.asarray(image)
            if image.dtype.kind == "b":
                return image.astype(np.float64)
            if image.dtype.kind in "ui":
                return image.astype(np.float64) / 255.0
            return np.array(image, dtype=np.float64)
     """, "test_uint16_scaled_by_65535", "divides uint16 by 255"),
    Wrong("ex01_pixels", "to_float", "no-copy", """
        def to_float(image):
            image = np.asarray(image)
            if image.dtype == np.float64:
                return image
            if image.dtype.kind == "b":
                return image.astype(np.float64)
            if image.dtype.kind in "ui":
                return image.astype(np.float64) / float(np.iinfo(image.dtype).max)
            return image.astype(np.float64)
     """, "test_float64_returns_copy", "return a copy"),
    # ex02: noise
    Wrong("ex02_noise", "mse", "wrapping-subtraction", """
        def mse(a, b):
            a, b = np.asarray(a), np.asarray(b)
            if a.shape != b.shape:
                raise ValueError(f"shapes {a.shape} and {b.shape} differ")
            diff = a - b
            return float(np.mean(diff.astype(np.float64) ** 2))
     """, "test_mse_uint8_does_not_wrap", "wraps around"),
    Wrong("ex02_noise", "mse", "sum", """
        def mse(a, b):
            a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
            if a.shape != b.shape:
                raise ValueError(f"shapes {a.shape} and {b.shape} differ")
            return float(np.sum((a - b) ** 2))
     """, "test_mse_float_images", "sums the squared differences", blocked=("test_mse_uint8_does_not_wrap",)),
    Wrong("ex02_noise", "mse", "no-shape-check", """
        def mse(a, b):
            return float(np.mean((np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)) ** 2))
     """, "test_mse_rejects_different_shapes", "NumPy broadcast them"),
    Wrong("ex02_noise", "psnr", "float-255", """
        def psnr(reference, test, data_range=None):
            reference = np.asarray(reference)
            if data_range is None:
                data_range = float(np.iinfo(reference.dtype).max) if reference.dtype.kind in "ui" else 255.0
            error = mse(reference, test)
            return float("inf") if error == 0.0 else float(10.0 * np.log10(data_range ** 2 / error))
     """, "test_psnr_float_default_range", "uses 255 as the range of a float image"),
    Wrong("ex02_noise", "psnr", "own-maximum", """
        def psnr(reference, test, data_range=None):
            reference = np.asarray(reference)
            if data_range is None:
                data_range = float(reference.max())
            error = mse(reference, test)
            return float("inf") if error == 0.0 else float(10.0 * np.log10(data_range ** 2 / error))
     """, "test_psnr_uint8_default_range", "own maximum",
          also=("test_psnr_float_default_range", "test_psnr_uint16_default_range")),   # the same rule, other dtypes
    Wrong("ex02_noise", "psnr", "divides-by-zero", """
        import math

        def psnr(reference, test, data_range=None):
            reference = np.asarray(reference)
            if data_range is None:
                data_range = float(np.iinfo(reference.dtype).max) if reference.dtype.kind in "ui" else 1.0
            return float(10.0 * math.log10(data_range ** 2 / mse(reference, test)))
     """, "test_psnr_identical_is_infinite", "ZeroDivisionError"),
    # ex03: kernel
    Wrong("ex03_kernel", "gaussian_kernel1d", "unnormalised", """
        def gaussian_kernel1d(sigma, truncate=4.0):
            radius = int(truncate * sigma + 0.5)
            x = np.arange(-radius, radius + 1)
            return np.exp(-x**2 / (2 * sigma**2)) / (np.sqrt(2 * np.pi) * sigma)
     """, "test_kernel1d_basic", "unnormalised kernel",
          blocked=("test_kernel1d_random_sigmas", "test_kernel1d_tiny")),
    Wrong("ex03_kernel", "gaussian_kernel1d", "round-radius", """
        def gaussian_kernel1d(sigma, truncate=4.0):
            radius = round(truncate * sigma)
            x = np.arange(-radius, radius + 1)
            w = np.exp(-x**2 / (2 * sigma**2))
            return w / w.sum()
     """, "test_kernel1d_radius_rule", "round(truncate * sigma)"),
    Wrong("ex03_kernel", "gaussian_kernel1d", "int-radius", """
        def gaussian_kernel1d(sigma, truncate=4.0):
            radius = int(truncate * sigma)
            x = np.arange(-radius, radius + 1)
            w = np.exp(-x**2 / (2 * sigma**2))
            return w / w.sum()
     """, "test_kernel1d_radius_rule", "int(truncate * sigma)",
          blocked=("test_kernel1d_random_sigmas", "test_kernel1d_truncate", "test_kernel1d_tiny")),
    Wrong("ex03_kernel", "gaussian_kernel1d", "ignores-truncate", """
        def gaussian_kernel1d(sigma, truncate=4.0):
            radius = int(4.0 * sigma + 0.5)
            x = np.arange(-radius, radius + 1)
            w = np.exp(-x**2 / (2 * sigma**2))
            return w / w.sum()
     """, "test_kernel1d_radius_rule", "use the truncate argument", blocked=("test_kernel1d_truncate", "test_kernel1d_tiny")),
    Wrong("ex03_kernel", "gaussian_kernel2d", "swapped-axes", """
        def gaussian_kernel2d(sigma, truncate=4.0):
            s = (sigma, sigma) if np.ndim(sigma) == 0 else sigma
            return np.outer(gaussian_kernel1d(s[1], truncate), gaussian_kernel1d(s[0], truncate))
     """, "test_kernel2d_per_axis", "axes are swapped"),
    # ex05: sigma from the noise
    Wrong("ex05_sigma", "denoise", "over-blur", """
        def denoise(noisy, noise_std):
            return ndi.gaussian_filter(np.asarray(noisy, dtype=np.float64), 3.0 if noise_std > 0 else 0.0)
     """, "test_close_to_best_low_noise", "over-blur",
          also=("test_beats_noisy_input", "test_close_to_best_medium_noise", "test_close_to_best_high_noise")),
    Wrong("ex05_sigma", "denoise", "noise-rule", """
        def denoise(noisy, noise_std):
            return ndi.gaussian_filter(np.asarray(noisy, dtype=np.float64), 8 * noise_std)
     """, "test_close_to_best_high_noise", "blur (",
          also=("test_beats_noisy_input", "test_close_to_best_low_noise", "test_close_to_best_medium_noise")),
    Wrong("ex05_sigma", "denoise", "in-place", """
        def denoise(noisy, noise_std):
            noisy[...] = ndi.gaussian_filter(noisy, 10 * noise_std)
            return noisy
     """, "test_float64_same_shape", "modified its input in place",
          blocked=("test_beats_noisy_input", "test_close_to_best_low_noise", "test_close_to_best_medium_noise",
                   "test_close_to_best_high_noise")),
    # ex06: borders
    Wrong("ex06_borders", "pad", "numpy-reflect", """
        def pad(image, radius, mode, cval=0.0):
            names = {"reflect": "reflect", "mirror": "reflect", "nearest": "edge", "wrap": "wrap"}
            if mode == "constant":
                return np.pad(image, radius, mode="constant", constant_values=cval)
            return np.pad(image, radius, mode=names[mode])
     """, "test_reflect", "numpy.pad's 'reflect' is SciPy's 'mirror'",
          blocked=("test_radius_larger_than_image", "test_any_ndim")),
    Wrong("ex06_borders", "pad", "slices", """
        def pad(image, radius, mode, cval=0.0):
            out = np.asarray(image)
            for axis in range(out.ndim):
                a = np.moveaxis(out, axis, 0)
                if mode == "reflect":
                    before, after = a[:radius][::-1], a[a.shape[0] - radius:][::-1]
                elif mode == "mirror":
                    before, after = a[1:radius + 1][::-1], a[a.shape[0] - radius - 1:-1][::-1]
                elif mode == "nearest":
                    before, after = np.repeat(a[:1], radius, 0), np.repeat(a[-1:], radius, 0)
                elif mode == "wrap":
                    before, after = a[a.shape[0] - radius:], a[:radius]
                else:
                    before = np.full((radius,) + a.shape[1:], cval, a.dtype)
                    after = before
                out = np.moveaxis(np.concatenate([before, a, after]), 0, axis)
            return out
     """, "test_radius_larger_than_image", "larger than the image"),
    Wrong("ex06_borders", "pad", "ignores-cval", """
        def pad(image, radius, mode, cval=0.0):
            names = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "wrap": "wrap",
                     "constant": "constant"}
            return np.pad(image, radius, mode=names[mode])
     """, "test_constant", "instead of cval"),
    Wrong("ex06_borders", "pad", "last-axis-only", """
        def pad(image, radius, mode, cval=0.0):
            names = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "wrap": "wrap",
                     "constant": "constant"}
            image = np.asarray(image)
            extra = {"constant_values": cval} if mode == "constant" else {}
            return np.pad(image, [(0, 0)] * (image.ndim - 1) + [(radius, radius)], mode=names[mode], **extra)
     """, "test_any_ndim", "BOTH sides of every axis"),
    Wrong("ex06_borders", "pad", "float-result", """
        def pad(image, radius, mode, cval=0.0):
            names = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "wrap": "wrap",
                     "constant": "constant"}
            extra = {"constant_values": cval} if mode == "constant" else {}
            return np.pad(np.asarray(image, dtype=np.float64), radius, mode=names[mode], **extra)
     """, "test_edge_cases", "keep the dtype uint8"),
    # ex07: separable filter
    Wrong("ex07_separable", "gaussian_filter_separable", "numpy-reflect", """
        def gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0):
            out = np.array(image, dtype=np.float64)
            sigmas = [sigma] * out.ndim if np.ndim(sigma) == 0 else list(sigma)
            for axis, s in enumerate(sigmas):
                if s == 0:
                    continue
                r = int(truncate * s + 0.5)
                w = np.exp(-0.5 * (np.arange(-r, r + 1) / s) ** 2)
                w /= w.sum()
                a = np.moveaxis(out, axis, -1)
                width = [(0, 0)] * (a.ndim - 1) + [(r, r)]
                p = np.pad(a, width, mode={"nearest": "edge"}.get(mode, mode))   # numpy's names!
                acc = sum(wk * p[..., k:k + a.shape[-1]] for k, wk in enumerate(w))
                out = np.moveaxis(acc, -1, axis)
            return out
     """, "test_every_mode", "SciPy's result for mode='mirror'", blocked=("test_tiny_images",)),
    Wrong("ex07_separable", "gaussian_filter_separable", "radius-3-sigmas", separable(radius="int(3 * s)"),
          "test_truncate_and_radius", "follows int(3 * sigma) (it ignores truncate)"),
    Wrong("ex07_separable", "gaussian_filter_separable", "radius-round", separable(radius="round(truncate * s)"),
          "test_truncate_and_radius", "follows round(truncate * sigma)"),
    Wrong("ex07_separable", "gaussian_filter_separable", "radius-own-rule",
          separable(radius="int(truncate * s + 0.5) + 2"), "test_truncate_and_radius", "about 6.22 sigmas"),
    Wrong("ex07_separable", "gaussian_filter_separable", "unnormalised", separable(norm="np.sqrt(2 * np.pi) * s"),
          "test_2d_scalar_sigma", "the kernel weights must sum to 1",
          blocked=("test_per_axis_sigma", "test_sigma_zero_axis", "test_every_mode", "test_other_ndim",
                   "test_tiny_images", "test_integer_input", "test_no_library_filter")),
    Wrong("ex07_separable", "gaussian_filter_separable", "reversed-axes", separable(order="[::-1]"),
          "test_per_axis_sigma", "reverse axis order"),
    Wrong("ex07_separable", "gaussian_filter_separable", "cast-back", separable(cast=".astype(np.asarray(image).dtype)"),
          "test_integer_input", "cast back to the image's integer dtype"),
    Wrong("ex07_separable", "gaussian_filter_separable", "alias", """
        from scipy.ndimage import gaussian_filter as smooth

        def gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0):
            return smooth(np.asarray(image, dtype=np.float64), sigma, mode=mode, truncate=truncate)
     """, "test_no_library_filter", "scipy.ndimage.gaussian_filter, which", forbidden=True),
    Wrong("ex07_separable", "gaussian_filter_separable", "getattr-importlib", """
        import importlib

        def gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0):
            one_d = getattr(importlib.import_module("scipy." + "ndimage"), "gaussian" + "_filter1d")
            out = np.array(image, dtype=np.float64)
            sigmas = [sigma] * out.ndim if np.ndim(sigma) == 0 else list(sigma)
            for axis, s in enumerate(sigmas):
                if s > 0:
                    out = one_d(out, s, axis=axis, mode=mode, truncate=truncate)
            return out
     """, "test_no_library_filter", "scipy.ndimage.gaussian_filter1d, which", forbidden=True),
    Wrong("ex07_separable", "gaussian_filter_separable", "course-filter", """
        from gausslearn import filters as course

        def gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0):
            return course.gaussian_filter(np.asarray(image, dtype=np.float64), sigma, mode=mode, truncate=truncate)
     """, "test_no_library_filter", "gausslearn.filters.gaussian_filter, which", forbidden=True),
    # ex08: colour
    Wrong("ex08_color", "blur_color", "channel-mixing", """
        def blur_color(image, sigma, channel_axis=-1):
            return ndi.gaussian_filter(to_float(image), sigma)
     """, "test_one_hot_no_mixing", "your blur mixes colour channels",
          blocked=("test_rgb_channel_last", "test_channel_first", "test_other_channel_counts")),
    Wrong("ex08_color", "blur_color", "uint8-truncation", """
        def blur_color(image, sigma, channel_axis=-1):
            image = np.asarray(image)
            sigmas = [sigma] * image.ndim
            if channel_axis is not None:
                sigmas[channel_axis] = 0
            return to_float(ndi.gaussian_filter(image, sigmas))
     """, "test_uint8", "truncates every value toward zero"),
    Wrong("ex08_color", "blur_color", "skimage-defaults", """
        from skimage.filters import gaussian

        def blur_color(image, sigma, channel_axis=-1):
            return gaussian(to_float(image), sigma, channel_axis=channel_axis)
     """, "test_reflect_border", "skimage.filters.gaussian, which", forbidden=True),
    Wrong("ex08_color", "blur_color", "nearest-border", """
        def blur_color(image, sigma, channel_axis=-1):
            image = to_float(image)
            sigmas = np.full(image.ndim, float(sigma))
            if channel_axis is not None:
                sigmas[channel_axis] = 0.0
            return ndi.gaussian_filter(image, sigmas, mode="nearest")
     """, "test_reflect_border", "mode='nearest'"),
    Wrong("ex08_color", "blur_color", "channel-always-last", """
        def blur_color(image, sigma, channel_axis=-1):
            image = to_float(image)
            sigmas = [sigma] * image.ndim
            if channel_axis is not None:
                sigmas[-1] = 0
            return ndi.gaussian_filter(image, sigmas)
     """, "test_channel_first", "not always at the last axis"),
    Wrong("ex08_color", "blur_color", "own-maximum", """
        def blur_color(image, sigma, channel_axis=-1):
            image = np.asarray(image, dtype=np.float64)
            if image.max() > 1:
                image = image / image.max()
            sigmas = np.full(image.ndim, float(sigma))
            if channel_axis is not None:
                sigmas[channel_axis] = 0.0
            return ndi.gaussian_filter(image, sigmas)
     """, "test_uint8", "divided by the image's maximum", also=("test_other_dtypes",)),   # uint16 too
    # ex09: beyond the Gaussian
    Wrong("ex09_beyond", "remove_impulse_noise", "gaussian", """
        def remove_impulse_noise(image):
            return ndi.gaussian_filter(np.asarray(image, dtype=np.float64), 1.0)
     """, "test_impulses_5_percent", "Your result is a Gaussian blur", blocked=("test_impulses_10_percent",)),
    Wrong("ex09_beyond", "unsharp_mask", "clipped", """
        def unsharp_mask(image, sigma, amount):
            image = np.asarray(image, dtype=np.float64)
            return np.clip(image + amount * (image - ndi.gaussian_filter(image, sigma)), 0, 1)
     """, "test_unsharp_not_clipped", "clipped to [0, 1]", blocked=("test_unsharp_uint8",)),
    Wrong("ex09_beyond", "unsharp_mask", "uint8-wrap", """
        def unsharp_mask(image, sigma, amount):
            return image + amount * (image - ndi.gaussian_filter(image, sigma))
     """, "test_unsharp_uint8", "wraps around"),
    Wrong("ex09_beyond", "unsharp_mask", "wrong-sign", """
        def unsharp_mask(image, sigma, amount):
            image = np.asarray(image, dtype=np.float64)
            return image - amount * (image - ndi.gaussian_filter(image, sigma))
     """, "test_unsharp_formula", "you subtract the detail", blocked=("test_unsharp_not_clipped", "test_unsharp_uint8")),
    Wrong("ex09_beyond", "unsharp_mask", "in-place", """
        def unsharp_mask(image, sigma, amount):
            image = np.asarray(image, dtype=np.float64)
            image += amount * (image - ndi.gaussian_filter(image, sigma))
            return image
     """, "test_unsharp_leaves_input_alone", "modified its input in place",
          blocked=("test_unsharp_formula", "test_unsharp_not_clipped")),
]


@pytest.mark.parametrize("ex", IDS)
def test_solution_scores_full_marks(ex: str) -> None:
    report = grade(ROOT / "solutions" / f"{ex}.ipynb", seed=0)
    assert report["status"] == "graded", report
    assert report["score"] == report["max_score"] > 0, _failed(report)


@pytest.mark.parametrize("ex", ["ex05_sigma", "ex09_beyond"])
@pytest.mark.parametrize("seed", [1, 7])
def test_statistical_exercises_pass_for_other_seeds(ex: str, seed: int) -> None:
    """The held-out-image tests draw random noise; the solution must pass whatever the seed."""
    report = grade(ROOT / "solutions" / f"{ex}.ipynb", seed=seed)
    assert report["score"] == report["max_score"], _failed(report)


@pytest.mark.parametrize("wrong", WRONG, ids=[w.id for w in WRONG])
def test_wrong_answer_fails_the_test_named_for_its_mistake_and_no_other(tmp_path: Path, wrong: Wrong) -> None:
    report = grade(_submission(tmp_path, wrong.ex, wrong.function, wrong.code, wrong.label), seed=0)
    assert report["status"] == "graded", report
    tests = {t["name"]: t for t in report["tests"]}
    failed = _failed(report)
    assert wrong.test in failed, f"{wrong.test} passed; failed: {failed}"
    assert wrong.words in failed[wrong.test], failed[wrong.test]
    if wrong.forbidden:
        reached = {name for name, t in tests.items() if t["kind"] == "forbidden"}
        assert reached == set(failed) and wrong.test in reached, failed
        return
    assert set(failed) == {wrong.test, *wrong.blocked, *wrong.also}, failed
    assert not tests[wrong.test].get("blocked_by"), tests[wrong.test]
    for name in wrong.blocked:
        assert tests[name].get("blocked_by") and failed[name].startswith("fix “"), (name, tests[name])
    for name in wrong.also:
        assert not tests[name].get("blocked_by") and not failed[name].startswith("fix "), (name, tests[name])


def test_every_exercise_has_at_least_two_wrong_answers() -> None:
    for ex in IDS:
        assert sum(w.ex == ex for w in WRONG) >= 2, ex


@pytest.mark.parametrize("ex", IDS)
def test_points_are_sensible(ex: str) -> None:
    module = importlib.import_module(f"gausslearn.grading.authoring.hidden.{ex}")
    tests = collect_tests(module)
    assert 8 <= sum(t.max_points for t in tests) <= 16
    assert all(t.title and t.title != t.__name__ for t in tests), "every test has a docstring title"
    names = {t.__name__ for t in tests}
    assert all(set(t.requires) <= names - {t.__name__} for t in tests), "requires= names other tests of the module"
    assert all(set(t.in_place) <= set(module.FUNCTIONS) for t in tests), "in_place= names the learner's functions"
    checks = importlib.import_module(f"gausslearn.checks.{ex}")
    assert set(checks.FUNCTIONS) == set(module.FUNCTIONS)
    assert len(collect_tests(checks)) < len(tests), "public checks are fewer than the hidden tests"


@pytest.mark.parametrize("n", [1, 2, 3, 5])
@pytest.mark.parametrize("radius", [0, 1, 2, 4, 9])
def test_ex06_reference_is_scipys_extension(n: int, radius: int) -> None:
    """The hidden tests' np.pad table gives the samples SciPy's filters see (checked with one-hot weights)."""
    hidden = importlib.import_module("gausslearn.grading.authoring.hidden.ex06_borders")
    x = np.arange(1.0, n + 1)
    for mode in hidden.NUMPY_NAME:
        want = np.empty(n + 2 * radius)
        for j in range(n + 2 * radius):
            t = j - radius                      # index into the infinitely extended signal
            i = min(max(t, 0), n - 1)           # an output sample whose window reaches t
            weights = np.zeros(2 * radius + 1)
            weights[t - i + radius] = 1.0
            want[j] = ndi.correlate1d(x, weights, mode=mode, cval=-5.0)[i]
        np.testing.assert_array_equal(hidden.reference_pad(x, radius, mode, cval=-5.0), want, err_msg=mode)
