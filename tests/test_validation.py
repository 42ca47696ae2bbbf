"""Tests of gausslearn._validation: one check per kind of input, SciPy's exception types, helpful messages."""

from __future__ import annotations

import numpy as np
import pytest

from gausslearn import _validation as V


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: V.check_number("1", "std"), TypeError, r"std must be a number, got '1' \(str\)\.$"),
    (lambda: V.check_number(True, "std"), TypeError, r"got True \(bool\)"),
    (lambda: V.check_number(np.bool_(True), "std"), TypeError, r"got np.True_ \(bool\)"),
    (lambda: V.check_number(float("inf"), "x"), ValueError, r"x must be finite, got inf\.$"),
    (lambda: V.check_number(-1, "std", low=0, meaning="m"), ValueError, r"std must be >= 0 and finite, got -1\.0; m\.$"),
    (lambda: V.check_number(0, "peak", low=0, open_low=True), ValueError, "peak must be > 0 and finite, got 0.0"),
    (lambda: V.check_number(2, "x", high=1), ValueError, "x must be <= 1 and finite, got 2.0"),
    (lambda: V.check_number(1, "x", high=1, open_high=True), ValueError, "x must be < 1 and finite"),
    (lambda: V.check_number(float("nan"), "a", low=0, high=1), ValueError, r"a must be in \[0, 1\], got nan"),
    (lambda: V.check_number(1.0, "a", low=0, high=1, open_high=True), ValueError, r"a must be in \[0, 1\), got 1\.0"),
    (lambda: V.check_number(0, "lvl", low=0, high=1, open_low=True, open_high=True), ValueError,
     "lvl must be strictly between 0 and 1, got 0.0"),
    (lambda: V.check_int(2.0, "n"), TypeError, r"n must be an integer, got 2\.0 \(float\)"),
    (lambda: V.check_int(True, "n"), TypeError, "n must be an integer, got True"),
    (lambda: V.check_int(1.5, "size", low=1), TypeError, "size must be a positive integer, got 1.5"),
    (lambda: V.check_int(-1, "pad", low=0, meaning="m"), ValueError, r"pad must be >= 0, got -1; m\.$"),
    (lambda: V.check_int(1, "n", low=2), ValueError, "n must be an integer >= 2, got 1"),
    (lambda: V.check_text(3, "title"), TypeError, r"title must be a string, got 3 \(int\)"),
    (lambda: V.check_text("", "q", allow_empty=False), TypeError, "q must be a non-empty string"),
    (lambda: V.check_index(2.0, 4, "row", "rows"), TypeError, "row must be an integer index or None"),
    (lambda: V.check_index(-1, 4, "row", "rows"), ValueError, r"row -1 is outside the image, which has rows 0\.\.3"),
    (lambda: V.check_finite(np.array([1.0, np.nan]), "x", "why"), ValueError,
     r"x contains NaN or infinite values \(1 of 2\); why\.$"),
    (lambda: V.as_gray_image(np.zeros(3)), ValueError, "must be a 2-D grey image"),
    (lambda: V.check_scalar_sigma((1, 2)), TypeError, "sigma must be one number"),
    (lambda: V.check_scalar_sigma(-1), ValueError, "silently ignores a negative or NaN sigma"),
    (lambda: V.check_truncate("4"), TypeError, "truncate must be a number"),
    (lambda: V.check_order(0.5), TypeError, "order must be an integer"),
    (lambda: V.check_radius(-1), ValueError, "Radius must be a nonnegative integer, got -1"),
    (lambda: V.check_radius(True), ValueError, "Radius must be a nonnegative integer"),
    (lambda: V.check_axis(1.0, 2), TypeError, "axis must be an integer"),
])
def test_checks_say_what_was_wrong(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_scipy_exception_types_are_raised_directly():
    # SciPy raises RuntimeError for a per-axis sequence of the wrong length and for an unknown mode, and
    # AxisError for an axis out of range; the course's errors are those types and still ValueErrors.
    with pytest.raises(RuntimeError) as info:
        V.per_axis([1, 2, 3], 2, "sigma")
    assert isinstance(info.value, ValueError) and type(info.value) is V.ScipyCompatibleError
    with pytest.raises(RuntimeError, match="unknown border mode 'edge'.*SciPy's 'nearest'"):
        V.check_mode("edge", 1)
    with pytest.raises(np.exceptions.AxisError) as axis_info:
        V.check_axis(-3, 2)
    assert isinstance(axis_info.value, ValueError) and isinstance(axis_info.value, IndexError)
    assert str(axis_info.value) == "axis -3 is out of range for an array with 2 dimension(s); use 0..1 or -2..-1."


def test_valid_values_pass_through_converted():
    assert V.check_number(np.float32(0.5), "x", low=0, high=1) == 0.5
    assert V.check_int(np.int64(3), "n", low=1) == 3 and type(V.check_int(np.int64(3), "n")) is int
    assert V.check_index(None, 7, "row", "rows") == 3
    assert V.check_radius(None) is None and V.check_radius(np.int32(2)) == 2
    assert V.check_mode(("wrap", "nearest"), 2) == ("wrap", "nearest")
    assert V.check_scalar_sigma(np.float64(1.5)) == 1.5
    arr = np.zeros((2, 2))
    assert V.check_finite(arr, "x", "why") is arr
