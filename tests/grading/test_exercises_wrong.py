"""Exercises 3-8 through the real grader: solutions score full marks, realistic wrong answers lose points
with feedback that names the mistake.

Each wrong submission is the solution notebook with ONE answer cell replaced by a plausible mistake, graded
with :func:`gausslearn.grading.host.judge.grade_notebook` (a separate, limited student process, as in production).
"""

from __future__ import annotations

import copy
import importlib
import json
import textwrap
from pathlib import Path

import numpy as np
import pytest
from gradinghelp import ROOT, grade
from scipy import ndimage as ndi

from gausslearn.grading.api import collect_tests

IDS = ("ex03_kernel", "ex06_borders", "ex07_separable", "ex05_sigma", "ex08_color", "ex09_beyond")

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


# ------------------------------------------------------------------------------------------------------------
# the wrong answers: (exercise, function, label, code, test that must fail, words its feedback must contain)

WRONG = [
    # ex03: kernel
    ("ex03_kernel", "gaussian_kernel1d", "unnormalised", """
        def gaussian_kernel1d(sigma, truncate=4.0):
            radius = int(truncate * sigma + 0.5)
            x = np.arange(-radius, radius + 1)
            return np.exp(-x**2 / (2 * sigma**2)) / (np.sqrt(2 * np.pi) * sigma)
     """, "test_kernel1d_basic", "unnormalised kernel"),
    ("ex03_kernel", "gaussian_kernel1d", "round-radius", """
        def gaussian_kernel1d(sigma, truncate=4.0):
            radius = round(truncate * sigma)
            x = np.arange(-radius, radius + 1)
            w = np.exp(-x**2 / (2 * sigma**2))
            return w / w.sum()
     """, "test_kernel1d_radius_rule", "round(truncate * sigma)"),
    ("ex03_kernel", "gaussian_kernel1d", "int-radius", """
        def gaussian_kernel1d(sigma, truncate=4.0):
            radius = int(truncate * sigma)
            x = np.arange(-radius, radius + 1)
            w = np.exp(-x**2 / (2 * sigma**2))
            return w / w.sum()
     """, "test_kernel1d_radius_rule", "int(truncate * sigma)"),
    ("ex03_kernel", "gaussian_kernel2d", "swapped-axes", """
        def gaussian_kernel2d(sigma, truncate=4.0):
            s = (sigma, sigma) if np.ndim(sigma) == 0 else sigma
            return np.outer(gaussian_kernel1d(s[1], truncate), gaussian_kernel1d(s[0], truncate))
     """, "test_kernel2d_per_axis", "axes are swapped"),
    # ex04: borders
    ("ex06_borders", "pad", "numpy-reflect", """
        def pad(image, radius, mode, cval=0.0):
            names = {"reflect": "reflect", "mirror": "reflect", "nearest": "edge", "wrap": "wrap"}
            if mode == "constant":
                return np.pad(image, radius, mode="constant", constant_values=cval)
            return np.pad(image, radius, mode=names[mode])
     """, "test_reflect", "numpy.pad's 'reflect' is SciPy's 'mirror'"),
    ("ex06_borders", "pad", "slices", """
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
    ("ex06_borders", "pad", "ignores-cval", """
        def pad(image, radius, mode, cval=0.0):
            names = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "wrap": "wrap",
                     "constant": "constant"}
            return np.pad(image, radius, mode=names[mode])
     """, "test_constant", "instead of cval"),
    # ex05: separable filter
    ("ex07_separable", "gaussian_filter_separable", "numpy-reflect", """
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
     """, "test_2d_scalar_sigma", "SciPy's result for mode='mirror'"),
    ("ex07_separable", "gaussian_filter_separable", "alias", """
        from scipy.ndimage import gaussian_filter as smooth

        def gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0):
            return smooth(np.asarray(image, dtype=np.float64), sigma, mode=mode, truncate=truncate)
     """, "test_no_library_filter", "scipy.ndimage.gaussian_filter"),
    ("ex07_separable", "gaussian_filter_separable", "getattr-importlib", """
        import importlib

        def gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0):
            one_d = getattr(importlib.import_module("scipy." + "ndimage"), "gaussian" + "_filter1d")
            out = np.array(image, dtype=np.float64)
            sigmas = [sigma] * out.ndim if np.ndim(sigma) == 0 else list(sigma)
            for axis, s in enumerate(sigmas):
                if s > 0:
                    out = one_d(out, s, axis=axis, mode=mode, truncate=truncate)
            return out
     """, "test_no_library_filter", "scipy.ndimage.gaussian_filter1d"),
    ("ex07_separable", "gaussian_filter_separable", "course-filter", """
        from gausslearn import filters as course

        def gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0):
            return course.gaussian_filter(np.asarray(image, dtype=np.float64), sigma, mode=mode, truncate=truncate)
     """, "test_no_library_filter", "gausslearn.filters.gaussian_filter"),
    ("ex07_separable", "gaussian_filter_separable", "reversed-axes", """
        def gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0):
            numpy_mode = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge",
                          "constant": "constant", "wrap": "wrap"}[mode]
            out = np.array(image, dtype=np.float64)
            sigmas = [sigma] * out.ndim if np.ndim(sigma) == 0 else list(sigma)[::-1]
            for axis, s in enumerate(sigmas):
                if s == 0:
                    continue
                r = int(truncate * s + 0.5)
                w = np.exp(-0.5 * (np.arange(-r, r + 1) / s) ** 2)
                w /= w.sum()
                a = np.moveaxis(out, axis, -1)
                p = np.pad(a, [(0, 0)] * (a.ndim - 1) + [(r, r)], mode=numpy_mode)
                acc = sum(wk * p[..., k:k + a.shape[-1]] for k, wk in enumerate(w))
                out = np.moveaxis(acc, -1, axis)
            return out
     """, "test_per_axis_sigma", "reverse axis order"),
    ("ex07_separable", "gaussian_filter_separable", "cast-back", """
        def gaussian_filter_separable(image, sigma, mode="reflect", truncate=4.0):
            image = np.asarray(image)
            numpy_mode = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge",
                          "constant": "constant", "wrap": "wrap"}[mode]
            out = image.astype(np.float64)
            sigmas = [sigma] * out.ndim if np.ndim(sigma) == 0 else list(sigma)
            for axis, s in enumerate(sigmas):
                if s == 0:
                    continue
                r = int(truncate * s + 0.5)
                w = np.exp(-0.5 * (np.arange(-r, r + 1) / s) ** 2)
                w /= w.sum()
                a = np.moveaxis(out, axis, -1)
                p = np.pad(a, [(0, 0)] * (a.ndim - 1) + [(r, r)], mode=numpy_mode)
                acc = sum(wk * p[..., k:k + a.shape[-1]] for k, wk in enumerate(w))
                out = np.moveaxis(acc, -1, axis)
            return out.astype(image.dtype)          # "keep the input's dtype"
     """, "test_integer_input", "cast back to the image's integer dtype"),
    # ex06: sigma from the noise
    ("ex05_sigma", "denoise", "over-blur", """
        def denoise(noisy, noise_std):
            return ndi.gaussian_filter(np.asarray(noisy, dtype=np.float64), 3.0 if noise_std > 0 else 0.0)
     """, "test_close_to_best_low_noise", "over-blur"),
    ("ex05_sigma", "denoise", "noise-rule", """
        def denoise(noisy, noise_std):
            return ndi.gaussian_filter(np.asarray(noisy, dtype=np.float64), 8 * noise_std)
     """, "test_close_to_best_high_noise", "blur ("),
    ("ex05_sigma", "denoise", "in-place", """
        def denoise(noisy, noise_std):
            noisy[...] = ndi.gaussian_filter(noisy, 10 * noise_std)
            return noisy
     """, "test_beats_noisy_input", "modified its input in place"),
    # ex07: colour
    ("ex08_color", "blur_color", "channel-mixing", """
        def blur_color(image, sigma, channel_axis=-1):
            return ndi.gaussian_filter(to_float(image), sigma)
     """, "test_one_hot_no_mixing", "your blur mixes colour channels"),
    ("ex08_color", "blur_color", "uint8-truncation", """
        def blur_color(image, sigma, channel_axis=-1):
            image = np.asarray(image)
            sigmas = [sigma] * image.ndim
            if channel_axis is not None:
                sigmas[channel_axis] = 0
            return to_float(ndi.gaussian_filter(image, sigmas))
     """, "test_uint8", "truncates every value toward zero"),
    ("ex08_color", "blur_color", "skimage-defaults", """
        from skimage.filters import gaussian

        def blur_color(image, sigma, channel_axis=-1):
            return gaussian(to_float(image), sigma, channel_axis=channel_axis)
     """, "test_rgb_channel_last", "mode='nearest'"),
    ("ex08_color", "blur_color", "channel-always-last", """
        def blur_color(image, sigma, channel_axis=-1):
            image = to_float(image)
            sigmas = [sigma] * image.ndim
            if channel_axis is not None:
                sigmas[-1] = 0
            return ndi.gaussian_filter(image, sigmas)
     """, "test_channel_first", "not always at the last axis"),
    # ex08: beyond the Gaussian
    ("ex09_beyond", "remove_impulse_noise", "gaussian", """
        def remove_impulse_noise(image):
            return ndi.gaussian_filter(np.asarray(image, dtype=np.float64), 1.0)
     """, "test_impulses_5_percent", "Your result is a Gaussian blur"),
    ("ex09_beyond", "unsharp_mask", "clipped", """
        def unsharp_mask(image, sigma, amount):
            image = np.asarray(image, dtype=np.float64)
            return np.clip(image + amount * (image - ndi.gaussian_filter(image, sigma)), 0, 1)
     """, "test_unsharp_not_clipped", "clipped to [0, 1]"),
    ("ex09_beyond", "unsharp_mask", "uint8-wrap", """
        def unsharp_mask(image, sigma, amount):
            return image + amount * (image - ndi.gaussian_filter(image, sigma))
     """, "test_unsharp_uint8", "wraps around"),
    ("ex09_beyond", "unsharp_mask", "in-place", """
        def unsharp_mask(image, sigma, amount):
            image = np.asarray(image, dtype=np.float64)
            image += amount * (image - ndi.gaussian_filter(image, sigma))
            return image
     """, "test_unsharp_formula", "modified its input in place"),
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


@pytest.mark.parametrize(("ex", "function", "label", "code", "test", "words"), WRONG,
                         ids=[f"{w[0]}-{w[2]}" for w in WRONG])
def test_wrong_answer_loses_points_with_named_feedback(tmp_path: Path, ex: str, function: str, label: str,
                                                       code: str, test: str, words: str) -> None:
    report = grade(_submission(tmp_path, ex, function, code, label), seed=0)
    assert report["status"] == "graded", report
    failed = _failed(report)
    assert report["score"] < report["max_score"]
    assert test in failed, f"{test} passed; failed: {failed}"
    assert words in failed[test], failed[test]


def test_every_exercise_has_at_least_two_wrong_answers() -> None:
    for ex in IDS:
        assert sum(w[0] == ex for w in WRONG) >= 2, ex


@pytest.mark.parametrize("ex", IDS)
def test_points_are_sensible(ex: str) -> None:
    module = importlib.import_module(f"gausslearn.grading.authoring.hidden.{ex}")
    tests = collect_tests(module)
    assert 8 <= sum(t.max_points for t in tests) <= 12
    assert all(t.title and t.title != t.__name__ for t in tests), "every test has a docstring title"
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
