"""gausslearn.timing: every run kept, warm-up calls untimed, arguments passed through."""

from __future__ import annotations

import numpy as np
import pytest

from gausslearn.timing import time_runs


def test_durations_come_from_the_clock_in_order() -> None:
    ticks = iter([10.0, 10.5, 20.0, 22.0])
    runs = time_runs(lambda: None, repeats=2, warmup=0, clock=lambda: next(ticks))
    np.testing.assert_array_equal(runs, [0.5, 2.0])


def test_warmup_calls_are_made_but_not_timed() -> None:
    calls = []
    runs = time_runs(calls.append, "x", repeats=3, warmup=2)
    assert calls == ["x"] * 5 and runs.shape == (3,) and np.all(runs >= 0)


def test_keyword_arguments_reach_the_function() -> None:
    seen = {}
    time_runs(lambda a, *, b: seen.update(a=a, b=b), 1, b=2, repeats=1)
    assert seen == {"a": 1, "b": 2}


def test_invalid_arguments() -> None:
    with pytest.raises(TypeError, match="callable"):
        time_runs(3)
    with pytest.raises(ValueError, match="repeats"):
        time_runs(print, repeats=0)
    with pytest.raises(ValueError, match="warmup"):
        time_runs(print, warmup=-1)
