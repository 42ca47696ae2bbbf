"""Hidden tests of exercise 6: padding with SciPy's border modes.

The reference is ``np.pad`` under the SciPy -> numpy name table (reflect -> symmetric, mirror -> reflect,
nearest -> edge, wrap -> wrap, constant -> constant), which equals SciPy's own extension for every size and
radius (tests/grading/test_exercises_wrong.py checks that against ``scipy.ndimage.correlate1d``). One test per mode
on small radii of 1-D signals; the tests of larger radii and more dimensions build on them (``requires``), so a mode mistake
is reported once, by its mode's test.
"""

from __future__ import annotations

import numpy as np

from gausslearn.grading.api import (
    Student,
    expect,
    expect_dtype,
    expect_equal_array,
    points,
)

FUNCTIONS = ("pad",)

#: SciPy's mode name -> the numpy.pad mode that produces the same samples.
NUMPY_NAME = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "wrap": "wrap", "constant": "constant"}

PATTERN = {"reflect": "mirror including the edge sample: c b a | a b c d | d c b",
           "mirror": "mirror around the edge sample: d c b | a b c d | c b a",
           "nearest": "repeat the edge sample: a a a | a b c d | d d d",
           "wrap": "continue from the other side: b c d | a b c d | a b c",
           "constant": "the constant cval: k k k | a b c d | k k k"}


def reference_pad(image: np.ndarray, radius: int, mode: str, cval: float = 0.0) -> np.ndarray:
    """SciPy's padding of every axis by ``radius`` for ``mode``.

    Examples
    --------
    >>> reference_pad(np.array([1, 2, 3]), 2, "reflect").tolist()
    [2, 1, 1, 2, 3, 3, 2]
    >>> reference_pad(np.array([1, 2, 3]), 2, "mirror").tolist()
    [3, 2, 1, 2, 3, 2, 1]
    """
    kwargs = {"constant_values": cval} if mode == "constant" else {}
    return np.pad(image, radius, mode=NUMPY_NAME[mode], **kwargs)


def check_pad(student: Student, image: np.ndarray, radius: int, mode: str, cval: float | None = None) -> None:
    """Call the learner's ``pad`` and compare with SciPy's padding; name the mode that was produced instead."""
    args = (image, radius, mode) if cval is None else (image, radius, mode, cval)
    got = student.call("pad", *args)
    c = 0.0 if cval is None else cval
    want = reference_pad(image, radius, mode, c)
    call = f"pad(<{image.dtype} array of shape {image.shape}>, radius={radius}, mode={mode!r}" + \
        ("" if cval is None else f", cval={cval!r}") + ")"
    arr = np.asarray(got) if isinstance(got, np.ndarray) else None
    if arr is not None and arr.shape == want.shape and not np.array_equal(arr, want):
        for other, numpy_name in NUMPY_NAME.items():
            if other == mode:
                continue
            kw = {"constant_values": c} if other == "constant" else {}
            if other == "constant" and mode != "constant":
                continue
            if np.array_equal(arr, np.pad(image, radius, mode=numpy_name, **kw)):
                numpy_hint = ""
                if mode in ("reflect", "mirror"):
                    numpy_hint = (f" Same word, different pattern: numpy.pad's 'reflect' is SciPy's 'mirror'; SciPy's "
                                  f"'{mode}' is numpy.pad's '{NUMPY_NAME[mode]}'.")
                raise AssertionError(f"{call} produced SciPy's {other!r} pattern ({PATTERN[other]}); "
                                     f"mode {mode!r} means: {PATTERN[mode]}.{numpy_hint}")
        if mode == "constant" and np.array_equal(arr, reference_pad(image, radius, "constant", 0.0)):
            raise AssertionError(f"{call} padded with 0 instead of cval={c!r}: use the cval argument.")
    if arr is not None and arr.shape != want.shape:
        if radius > min(image.shape):
            raise AssertionError(f"{call} returned shape {arr.shape}, expected {want.shape}. The radius is larger "
                                 "than the image here: the pattern must repeat (keep reflecting or wrapping) "
                                 "instead of stopping at the image's far edge.")
        if arr.shape == tuple(n + radius for n in image.shape):
            raise AssertionError(f"{call} returned shape {arr.shape}, expected {want.shape}: pad `radius` samples "
                                 "on BOTH sides of every axis.")
        skipped = [a for a, (got_n, n) in enumerate(zip(arr.shape, image.shape, strict=False)) if got_n == n]
        if arr.ndim == image.ndim and skipped and radius > 0:
            raise AssertionError(f"{call} returned shape {arr.shape}, expected {want.shape}: axis "
                                 f"{', '.join(map(str, skipped))} was not padded. Pad `radius` samples on BOTH sides of "
                                 "every axis (an image has as many axes as its ndim, not only the last one).")
    if arr is not None and arr.shape == want.shape and radius > min(image.shape):
        if not np.array_equal(arr, want):
            raise AssertionError(f"{call} differs from SciPy where the radius is larger than the image: the "
                                 f"pattern ({PATTERN[mode]}) must repeat over and over, as np.pad and SciPy do.")
    expect_equal_array(got, want, f"{call} differs from SciPy's {mode!r} padding ({PATTERN[mode]})")


@points(2)
def test_reflect(student: Student, rng: np.random.Generator) -> None:
    """'reflect' mirrors including the edge sample (numpy's 'symmetric')."""
    check_pad(student, np.array([1.0, 2.0, 3.0, 4.0, 5.0]), 3, "reflect")
    check_pad(student, rng.random(9), 2, "reflect")


@points(2)
def test_mirror(student: Student, rng: np.random.Generator) -> None:
    """'mirror' mirrors around the edge sample (numpy's 'reflect')."""
    check_pad(student, np.array([1.0, 2.0, 3.0, 4.0, 5.0]), 3, "mirror")
    check_pad(student, rng.random(9), 2, "mirror")


@points(1)
def test_nearest(student: Student, rng: np.random.Generator) -> None:
    """'nearest' repeats the edge sample (numpy's 'edge')."""
    check_pad(student, np.array([1.0, 2.0, 3.0, 4.0]), 3, "nearest")
    check_pad(student, rng.random(7), 3, "nearest")


@points(1)
def test_wrap(student: Student, rng: np.random.Generator) -> None:
    """'wrap' continues with the samples from the other side."""
    check_pad(student, np.array([1.0, 2.0, 3.0, 4.0]), 3, "wrap")
    check_pad(student, rng.random(8), 2, "wrap")


@points(1)
def test_constant(student: Student, rng: np.random.Generator) -> None:
    """'constant' fills with cval (0 by default)."""
    check_pad(student, rng.random(6), 2, "constant")
    check_pad(student, rng.random(5), 3, "constant", cval=0.5)
    check_pad(student, np.array([1.0, 2.0]), 1, "constant", cval=-7.0)


MODE_TESTS = ("test_reflect", "test_mirror", "test_nearest", "test_wrap", "test_constant")


@points(1, requires=MODE_TESTS)
def test_radius_larger_than_image(student: Student, rng: np.random.Generator) -> None:
    """A radius larger than the image: the pattern repeats, in every mode (1-sample axes too)."""
    for mode in NUMPY_NAME:
        check_pad(student, np.array([1.0, 2.0, 3.0]), 8, mode)
        check_pad(student, rng.random(2), 5, mode)
        check_pad(student, rng.random(1), 3, mode)


@points(1, requires=MODE_TESTS)
def test_any_ndim(student: Student, rng: np.random.Generator) -> None:
    """Every axis is padded: 2-D, 3-D and 4-D arrays."""
    for mode in NUMPY_NAME:
        check_pad(student, rng.random((5, 4)), 2, mode)
        check_pad(student, rng.random((3, 4, 5)), 2, mode)
    check_pad(student, rng.random((2, 3, 2, 3)), 1, "reflect")


@points(1, in_place="pad")
def test_edge_cases(student: Student, rng: np.random.Generator) -> None:
    """Radius 0 returns a new equal array (the input is never changed); integer images keep their dtype."""
    image = rng.random((3, 4))
    for mode in NUMPY_NAME:
        check_pad(student, image, 0, mode)      # no padding: the same values whatever the mode
        expect(not student.returned_input(),
               f"pad(image, 0, {mode!r}) returned the input array itself; return a new array (a copy), "
               "so that changing the result cannot change the image")
    image8 = rng.integers(0, 256, size=(4, 4), dtype=np.uint8)
    for mode in ("reflect", "mirror", "wrap", "nearest"):
        expect_dtype(student.call("pad", image8, 2, mode), np.uint8,
                     f"pad of a uint8 image with mode {mode!r} must keep the dtype uint8 (padding copies "
                     "samples, it does not compute new values)")
