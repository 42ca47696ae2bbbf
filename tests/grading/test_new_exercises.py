"""Exercises 4 (filtering), 10 (scale) and 11 (chunked) through the real grader.

The solutions score full marks for several seeds, the blank exercises zero; every realistic wrong variant (the
solution with ONE answer cell replaced) fails the test named for its mistake with feedback that names it, and
every other test it fails says "fix ... first" (``blocked_by``); every forbidden route scores zero exactly for
the tests that call the routed function. Graded with :func:`gausslearn.grading.host.judge.grade_notebook`: a
separate, limited learner process, as in production.
"""

from __future__ import annotations

import importlib
import inspect
import json
import textwrap
from pathlib import Path

import numpy as np
import pytest
from gradinghelp import ROOT, by_name, grade, submission
from scipy import ndimage as ndi

from gausslearn.grading.api import collect_tests, forbidden_helpers

IDS = ("ex04_filtering", "ex10_scale", "ex11_chunked")


def _hidden(ex: str) -> object:
    return importlib.import_module(f"gausslearn.grading.authoring.hidden.{ex}")


def _failed(report: dict) -> dict[str, dict]:
    return {t["name"]: t for t in report["tests"] if not t["passed"]}


# ------------------------------------------------------------------------------------------------------------
# the modules themselves (fast)


@pytest.mark.parametrize("ex", IDS)
def test_points_titles_and_checks_are_sensible(ex: str) -> None:
    module = _hidden(ex)
    tests = collect_tests(module)
    assert 8 <= sum(t.max_points for t in tests) <= 12
    assert all(t.title and t.title != t.__name__ for t in tests), "every test has a docstring title"
    names = {t.__name__ for t in tests}
    assert all(set(t.requires) <= names - {t.__name__} for t in tests), "requires= names other tests of the module"
    assert forbidden_helpers(ex) and not hasattr(module, "FORBIDDEN"), "declared once, in the source"
    checks = importlib.import_module(f"gausslearn.checks.{ex}")
    assert len(collect_tests(checks)) < len(tests), "public checks are fewer than the hidden tests"
    assert all(t.__name__.startswith("check_") for t in collect_tests(checks))
    assert not names & {t.__name__ for t in collect_tests(checks)}
    if ex == "ex11_chunked":   # a dask array cannot cross: both call the template's helper, which calls blur_chunked
        assert module.FUNCTIONS == ("blur_chunked",) and checks.FUNCTIONS == (module.HELPER,)
        template = json.loads((ROOT / "exercises" / f"{ex}.ipynb").read_text(encoding="utf-8"))
        imports = "".join("".join(c["source"]) for c in template["cells"] if "imports" in c["metadata"].get("tags", []))
        assert f"def {module.HELPER}(" in imports and "computed(blur_chunked," in imports
    else:
        assert set(checks.FUNCTIONS) == set(module.FUNCTIONS)


def test_ex04_reference_is_scipys_correlation_by_the_tasks_formula() -> None:
    """The hidden reference is the task's formula: kernel[a, b] on x[i + a - kh // 2, j + b - kw // 2], 'reflect'."""
    hidden = _hidden("ex04_filtering")
    rng = np.random.default_rng(3)
    for image_shape, kernel_shape in (((7, 9), (3, 5)), ((5, 4), (2, 4)), ((3, 4), (7, 7)), ((6, 6), (1, 2))):
        image, kernel = rng.random(image_shape), rng.random(kernel_shape)
        kh, kw = kernel_shape
        x = np.pad(image, ((kh, kh), (kw, kw)), mode="symmetric")       # wide enough for every offset
        want = np.zeros(image_shape)
        for a in range(kh):
            for b in range(kw):
                want += kernel[a, b] * x[kh + a - kh // 2: kh + a - kh // 2 + image_shape[0],
                                         kw + b - kw // 2: kw + b - kw // 2 + image_shape[1]]
        np.testing.assert_allclose(hidden.reference(image, kernel), want, rtol=0, atol=1e-12)


def test_ex10_measurements_recover_a_known_blur() -> None:
    """The sigma the stripes measure is the sigma used; the ramp gives the sampling offset for any blur."""
    hidden = _hidden("ex10_scale")
    for sigma, frequency in ((0.5, 0.4), (1.0, 0.3), (1.5, 0.2), (2.0, 0.0625)):
        image = hidden.stripes((24, 240), frequency, axis=1)
        blurred = ndi.gaussian_filter(image, sigma)[12, 40:-40]
        from gausslearn.scale import sine_amplitude

        gain = sine_amplitude(blurred, frequency) / hidden.AMPLITUDE
        assert hidden.sigma_seen(gain, frequency) == pytest.approx(sigma, abs=0.011)
    ramp = np.add.outer(np.arange(200.0), np.zeros(8))
    for sigma in (0.0, 0.7, 3.0):
        inside = ndi.gaussian_filter(ramp, sigma)[60:140, 4]
        np.testing.assert_allclose(inside, np.arange(60.0, 140.0), atol=1e-9)


def test_ex11_halo_is_measured_from_the_seams() -> None:
    """_halo_seen reads the halo back from a chunked result made with a known halo, per axis."""
    from gausslearn.chunks import filter_chunked

    hidden = _hidden("ex11_chunked")
    rng = np.random.default_rng(5)
    image = rng.random((48, 104))
    sigma, chunks = (1.0, 3.0), (12, 26)
    rad = hidden.radii(sigma, 2)
    want = ndi.gaussian_filter(image, sigma)
    for halo in ((0, 0), (2, 5), (4, 12), (1, 12)):
        got = filter_chunked(image, sigma, chunks=chunks, halo=halo).compute()
        seen = hidden._halo_seen(np.abs(got - want), hidden.chunk_sizes(image.shape, chunks), rad)
        assert seen == [h if h < r else None for h, r in zip(halo, rad, strict=True)], halo


# ------------------------------------------------------------------------------------------------------------
# through the real grader


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 7])
@pytest.mark.parametrize("ex", IDS)
def test_solution_scores_full_marks(ex: str, seed: int) -> None:
    report = grade(ROOT / "solutions" / f"{ex}.ipynb", seed=seed)
    assert report["status"] == "graded", report
    assert report["score"] == report["max_score"] > 0, _failed(report)


@pytest.mark.slow
@pytest.mark.parametrize("ex", IDS)
def test_blank_exercise_scores_zero_and_says_not_written(ex: str) -> None:
    report = grade(ROOT / "exercises" / f"{ex}.ipynb", seed=0)
    assert report["status"] == "graded" and report["score"] == 0, report
    assert all("not written yet" in t["feedback"] or t.get("blocked_by") for t in report["tests"]), report["tests"]


@pytest.mark.slow
def test_ex11_works_within_a_small_memory_limit() -> None:
    """dask's threads and imports fit in the learner process under a 512 MB limit."""
    report = grade(ROOT / "solutions" / "ex11_chunked.ipynb", seed=0, memory_mb=512)
    assert report["status"] == "graded" and report["score"] == report["max_score"], _failed(report)


@pytest.mark.slow
def test_ex11_endless_dask_task_is_a_timeout(tmp_path: Path) -> None:
    """A task spinning in one of dask's threads counts as the call's CPU time: timeout, the process is replaced."""
    code = ("def _spin(block):\n    while True:\n        pass\n\n\n"
            "def blur_chunked(array, sigma, chunks, truncate=4.0):\n"
            "    return da.from_array(array, chunks=chunks).map_blocks(_spin, dtype=float)\n")
    report = grade(submission(tmp_path, "ex11_chunked", {"blur_chunked": code}), seed=0, timeout_per_call=2, budget=60)
    assert report["status"] == "timeout" and report["score"] == 0, report
    first = report["tests"][0]
    assert first["kind"] == "timeout" and "2 s" in first["feedback"], first


# Each wrong answer is one mistake in an otherwise right answer: the templates are the solution's steps, and a
# variant names only what it changes.
CORRELATE = """
def correlate2d(image, kernel):
    x, k = np.asarray(image, dtype=np.float64), np.asarray(kernel, dtype=np.float64){kernel}
    (kh, kw), (h, w) = k.shape, x.shape
    p = np.pad(x, {widths}, mode="{mode}")
    out = np.zeros((h, w))
    for a in range(kh):
        for b in range(kw):
            out += k[a, b] * p[a:a + h, b:b + w]
    return out
"""
WIDTHS = "((kh // 2, kh // 2), (kw // 2, kw // 2))"
BLUR = """
def blur_uint8(image, sigma):
    return {body}
"""
DOWNSAMPLE = """
def downsample(image, factor):
    image = np.asarray(image, dtype=np.float64)
    {check}
    f = int(factor)
    o = {offset}
    blurred = {blur}
    return blurred[o::f, o::f]{crop}
"""
CHECK = ("if factor < 1 or factor != int(factor) or factor > min(image.shape):\n"
         "        raise ValueError('factor must be a whole number from 1 to the image size')")
PYRAMID = """
def pyramid(image, levels):
    if levels < 1 or levels > min(np.shape(image)).bit_length():
        raise ValueError("too many levels for this image")
    {body}
"""
CHUNKED = """
def blur_chunked(array, sigma, chunks, truncate=4.0):
    image = da.from_array({source}, chunks=chunks)
    sigmas = [sigma] * image.ndim if np.ndim(sigma) == 0 else list(sigma)
    depth = {depth}
    return image.map_overlap(ndi.gaussian_filter, depth=depth, boundary={boundary}, sigma=sigma,
                             truncate=truncate, dtype=image.dtype{extra}){end}
"""


def correlate(kernel: str = "", widths: str = WIDTHS, mode: str = "symmetric") -> str:
    return CORRELATE.format(kernel=kernel, widths=widths, mode=mode)


def downsample(check: str = CHECK, offset: str = "(f - 1) // 2", blur: str = "ndi.gaussian_filter(image, (f - 1) / 2)",
               crop: str = "[:image.shape[0] // f, :image.shape[1] // f]") -> str:
    return DOWNSAMPLE.format(check=check, offset=offset, blur=blur, crop=crop)


def chunked(depth: str = "tuple(int(truncate * s + 0.5) for s in sigmas)", boundary: str = '"none"', extra: str = "",
            end: str = "", source: str = "array") -> str:
    return CHUNKED.format(depth=depth, boundary=boundary, extra=extra, end=end, source=source)


# (exercise, function, label, answer cell, the test that must fail, words its feedback must contain)
WRONG = [
    # ex04: correlate2d
    ("ex04_filtering", "correlate2d", "flipped-kernel", correlate(kernel="[::-1, ::-1]"),
     "test_correlation_not_convolution", "you flipped the kernel: that is convolution"),
    ("ex04_filtering", "correlate2d", "numpy-reflect", correlate(mode="reflect"),
     "test_reflect_border", "numpy.pad's 'reflect' is SciPy's 'mirror'"),
    ("ex04_filtering", "correlate2d", "zero-padding", correlate(mode="constant"), "test_reflect_border", "mode='constant'"),
    ("ex04_filtering", "correlate2d", "even-kernel-off-centre",
     correlate(widths="(((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2))"),
     "test_even_kernel_sizes", "kernel[kh // 2, kw // 2]"),
    ("ex04_filtering", "correlate2d", "one-radius-for-both-axes", correlate(widths="kh // 2"),
     "test_kernel_shapes", "correlate2d raised"),
    ("ex04_filtering", "correlate2d", "result-in-image-dtype", """
def correlate2d(image, kernel):
    image, k = np.asarray(image), np.asarray(kernel, dtype=np.float64)
    (kh, kw), (h, w) = k.shape, image.shape
    p = np.pad(image, ((kh // 2, kh // 2), (kw // 2, kw // 2)), mode="symmetric")
    out = np.zeros_like(image)
    for i in range(h):
        for j in range(w):
            out[i, j] = np.sum(p[i:i + kh, j:j + kw] * k)
    return out
""", "test_uint8_input_float64_result", "wrap around"),
    ("ex04_filtering", "correlate2d", "normalises-kernel-in-place",
     correlate().replace("    x, k =", "    kernel /= kernel.sum()\n    x, k ="),
     "test_inputs_unchanged", "modified its input in place"),
    # ex04: blur_uint8
    ("ex04_filtering", "blur_uint8", "scipy-truncates", BLUR.format(body="ndi.gaussian_filter(image, sigma)"),
     "test_blur_no_truncation_bias", "truncation bias"),
    ("ex04_filtering", "blur_uint8", "astype-truncates",
     BLUR.format(body="ndi.gaussian_filter(image.astype(np.float64), sigma).astype(np.uint8)"),
     "test_blur_no_truncation_bias", "Round with np.rint"),
    ("ex04_filtering", "blur_uint8", "float-output",
     BLUR.format(body="np.rint(ndi.gaussian_filter(image.astype(np.float64), sigma))"),
     "test_blur_returns_uint8", "must return a uint8 image"),
    ("ex04_filtering", "blur_uint8", "nearest-border",
     BLUR.format(body="np.rint(ndi.gaussian_filter(image.astype(np.float64), sigma, mode='nearest')).astype(np.uint8)"),
     "test_blur_border_and_sigma", "mode='nearest'"),
    ("ex04_filtering", "blur_uint8", "writes-into-input",
     BLUR.replace("    return", "    image[...] = np.rint(ndi.gaussian_filter(image.astype(np.float64), sigma))\n"
                  "    return").format(body="image"),
     "test_inputs_unchanged", "modified its input in place"),
    # ex10: downsample
    ("ex10_scale", "downsample", "no-blur", downsample(blur="image.copy()"), "test_aliasing_removed",
     "no blur before shrinking"),
    ("ex10_scale", "downsample", "blur-after-shrinking",
     downsample(blur="image").replace("    return blurred[o::f, o::f][:image.shape[0] // f, :image.shape[1] // f]",
                                      "    small = blurred[o::f, o::f][:image.shape[0] // f, :image.shape[1] // f]\n"
                                      "    return ndi.gaussian_filter(small, (f - 1) / 2)"),
     "test_aliasing_removed", "you blurred after shrinking"),
    ("ex10_scale", "downsample", "sigma-too-small", downsample(blur="ndi.gaussian_filter(image, (f - 1) / 4)"),
     "test_aliasing_removed", "sigma too small"),
    ("ex10_scale", "downsample", "sigma-too-large", downsample(blur="ndi.gaussian_filter(image, f / 2)"),
     "test_detail_kept", "sigma too large"),
    ("ex10_scale", "downsample", "block-corner", downsample(offset="0"),
     "test_sampling_in_the_middle_of_each_block", "the block's first pixel"),
    ("ex10_scale", "downsample", "partial-blocks-kept", downsample(crop=".copy()"),
     "test_output_shape", "leftover rows and columns dropped"),
    ("ex10_scale", "downsample", "mirror-border", downsample(blur="ndi.gaussian_filter(image, (f - 1) / 2, mode='mirror')"),
     "test_reflect_border", "mode='mirror'"),
    ("ex10_scale", "downsample", "no-argument-checks", downsample(check="pass"),
     "test_bad_arguments_raise", "must raise a ValueError"),
    # ex10: pyramid
    ("ex10_scale", "pyramid", "levels-from-the-original",
     PYRAMID.format(body="return [np.array(image, dtype=np.float64)] + [downsample(image, 2 ** k) "
                         "for k in range(1, levels)]"),
     "test_pyramid_halves_the_level_before", "the original shrunk by"),
    ("ex10_scale", "pyramid", "no-level-0",
     PYRAMID.format(body="out = [downsample(np.array(image, dtype=np.float64), 2)]\n"
                         "    for _ in range(levels - 1):\n        out.append(downsample(out[-1], 2))\n    return out"),
     "test_pyramid_levels", "level 0 is the image itself"),
    # ex11: blur_chunked
    ("ex11_chunked", "blur_chunked", "no-halo", chunked(depth="0"), "test_halo_is_the_radius", "no halo at all"),
    ("ex11_chunked", "blur_chunked", "int-radius", chunked(depth="tuple(int(truncate * s) for s in sigmas)"),
     "test_halo_is_the_radius", "int(truncate * sigma), without the + 0.5"),
    ("ex11_chunked", "blur_chunked", "truncate-ignored", chunked(depth="tuple(int(4 * s + 0.5) for s in sigmas)"),
     "test_halo_follows_truncate", "ignoring the given truncate"),
    ("ex11_chunked", "blur_chunked", "first-axis-halo-everywhere", chunked(depth="int(truncate * sigmas[0] + 0.5)"),
     "test_halo_per_axis", "int(4 * 3 + 0.5) = 12"),
    ("ex11_chunked", "blur_chunked", "boundary-zero", chunked(boundary="0"), "test_image_border_is_reflect",
     "boundary=0"),
    ("ex11_chunked", "blur_chunked", "chunks-mode-nearest", chunked(extra=", mode='nearest'"),
     "test_image_border_is_reflect", "mode='nearest'"),
    ("ex11_chunked", "blur_chunked", "computes", chunked(end=".compute()"),
     "test_returns_dask_array_in_the_given_chunks", "without .compute()"),
    ("ex11_chunked", "blur_chunked", "one-chunk", chunked(depth="0").replace("chunks=chunks", "chunks=array.shape"),
     "test_returns_dask_array_in_the_given_chunks", "keep that chunking"),
    ("ex11_chunked", "blur_chunked", "reads-the-whole-image", chunked(source="np.asarray(array)"),
     "test_stored_array_read_chunk_by_chunk", "before anything was computed"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("ex", "function", "label", "code", "test", "words"), WRONG,
                         ids=[f"{w[0]}-{w[2]}" for w in WRONG])
def test_wrong_answer_fails_the_test_named_for_it(tmp_path: Path, ex: str, function: str, label: str, code: str,
                                                  test: str, words: str) -> None:
    path = submission(tmp_path, ex, {function: code.strip("\n") + "\n"}, name=f"{ex}-{label}.ipynb")
    report = grade(path, seed=0)
    assert report["status"] == "graded", report
    failed = _failed(report)
    assert test in failed, f"{test} passed; failed: {list(failed)}"
    assert words in failed[test]["feedback"], failed[test]["feedback"]
    assert not failed[test].get("blocked_by"), failed[test]
    others = {name: t for name, t in failed.items() if name != test and not t.get("blocked_by")}
    assert not others, f"one mistake, one loss: these failed too, without 'fix ... first': {others}"


def test_every_new_exercise_has_wrong_answers_for_each_function() -> None:
    for ex in IDS:
        for function in _hidden(ex).FUNCTIONS:
            assert sum(w[0] == ex and w[1] == function for w in WRONG) >= 2, (ex, function)


# (exercise, function, answer cell, the helper the feedback must name, tests that call the function but stop
# before the helper: bad arguments are refused first)
ROUTES = [
    ("ex04_filtering", "correlate2d", """
        from scipy.ndimage import correlate as _correlate

        def correlate2d(image, kernel):
            return _correlate(np.asarray(image, dtype=np.float64), np.asarray(kernel, dtype=np.float64))
     """, "scipy.ndimage.correlate", ()),
    ("ex04_filtering", "correlate2d", """
        import importlib

        def correlate2d(image, kernel):
            direct = getattr(importlib.import_module("gausslearn.filters"), "correlate_direct")
            return direct(np.asarray(image, dtype=np.float64), np.asarray(kernel, dtype=np.float64))
     """, "gausslearn.filters.correlate_direct", ()),
    ("ex04_filtering", "blur_uint8", """
        from gausslearn.dtypes import to_uint8

        def blur_uint8(image, sigma):
            return to_uint8(ndi.gaussian_filter(image / 255.0, sigma))
     """, "gausslearn.dtypes.to_uint8", ()),
    ("ex10_scale", "downsample", """
        import skimage.transform

        def downsample(image, factor):
            image = np.asarray(image, dtype=np.float64)
            if factor < 1 or factor != int(factor) or factor > min(image.shape):
                raise ValueError("factor must be a whole number from 1 to the image's size")
            return skimage.transform.rescale(image, 1 / factor, anti_aliasing=True)
     """, "skimage.transform.rescale", ("test_bad_arguments_raise",)),
    ("ex11_chunked", "blur_chunked", """
        from dask_image.ndfilters import gaussian as _gaussian

        def blur_chunked(array, sigma, chunks, truncate=4.0):
            return _gaussian(da.from_array(array, chunks=chunks), sigma, truncate=truncate)
     """, "dask_image.ndfilters.gaussian_filter", ()),
    ("ex11_chunked", "blur_chunked", """
        from gausslearn.chunks import halo_for

        def blur_chunked(array, sigma, chunks, truncate=4.0):
            image = da.from_array(array, chunks=chunks)
            return image.map_overlap(ndi.gaussian_filter, depth=halo_for(sigma, truncate), boundary="none",
                                     sigma=sigma, truncate=truncate, dtype=image.dtype)
     """, "gausslearn.chunks.halo_for", ()),
]
#: The learner's functions whose tests reach each function (in the solution, pyramid calls downsample). Every ex11
#: test calls blur_chunked, through the template's helper.
REACHES = {"downsample": ("downsample", "pyramid")}


def _calls(test: object, functions: tuple[str, ...]) -> bool:
    """True when the hidden test (or a helper of its module it uses) calls one of the learner's ``functions``."""
    import sys

    source = inspect.getsource(test)
    module = sys.modules[test.__module__]
    helpers = [inspect.getsource(v) for k, v in vars(module).items()
               if inspect.isfunction(v) and not hasattr(v, "max_points") and v.__module__ == module.__name__
               and k in source]
    return any(f'"{f}"' in text for f in functions for text in [source, *helpers])


@pytest.mark.slow
@pytest.mark.parametrize(("ex", "function", "code", "helper", "refused_first"), ROUTES,
                         ids=[f"{r[0]}-{r[3].rpartition('.')[2]}" for r in ROUTES])
def test_forbidden_routes_score_zero_for_the_tests_that_reach_them(tmp_path: Path, ex: str, function: str,
                                                                   code: str, helper: str,
                                                                   refused_first: tuple[str, ...]) -> None:
    path = submission(tmp_path, ex, {function: textwrap.dedent(code).strip("\n") + "\n"})
    report = grade(path, seed=0)
    assert report["status"] == "graded", report["notes"]
    tests = by_name(report)
    affected = [t.__name__ for t in collect_tests(_hidden(ex)) if t.__name__ not in refused_first
                and (ex == "ex11_chunked" or _calls(t, REACHES.get(function, (function,))))]
    assert affected
    for name in affected:
        t = tests[name]
        assert (t["points"], t["kind"]) == (0, "forbidden"), (name, t)
        assert helper in t["feedback"] and forbidden_helpers(ex)[helper] in t["feedback"], t["feedback"]
    others = [t for name, t in tests.items() if name not in affected]
    assert all(t["passed"] for t in others), [t for t in others if not t["passed"]]
