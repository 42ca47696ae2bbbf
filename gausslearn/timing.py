"""Wall-clock timing for the course's cost comparisons: every run kept, so a figure can show median and spread.

A single timing is noise: another program, a cache, a frequency change can double it. The course therefore
times each call several times and shows the median of the runs with the range from the fastest to the slowest
run, and never prints a time where a test compares outputs (only figures show them).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from gausslearn._validation import check_int

__all__ = ["time_runs"]


def time_runs(function: Callable[..., Any], *args: Any, repeats: int = 5, warmup: int = 1,
              clock: Callable[[], float] = time.perf_counter, **kwargs: Any) -> np.ndarray:
    """Call ``function(*args, **kwargs)`` ``warmup + repeats`` times and return the last ``repeats`` durations.

    Parameters
    ----------
    function : callable
        What to time; its result is discarded.
    *args, **kwargs
        Passed to ``function`` on every call.
    repeats : int
        Timed calls (>= 1).
    warmup : int
        Untimed calls first (>= 0): the first call often pays for caches and memory that later calls reuse.
    clock : callable
        Returns the time in seconds (``time.perf_counter``; a test passes a fake clock).

    Returns
    -------
    ndarray
        ``repeats`` durations in seconds, in the order they were measured.

    Examples
    --------
    >>> ticks = iter([0.0, 1.0, 1.0, 3.0, 3.0, 4.5])           # a fake clock: runs of 1, 2 and 1.5 s
    >>> runs = time_runs(sum, [1, 2], repeats=3, warmup=0, clock=lambda: next(ticks))
    >>> runs.tolist(), float(np.median(runs))
    ([1.0, 2.0, 1.5], 1.5)
    """
    if not callable(function):
        raise TypeError(f"function must be callable, got {type(function).__name__}; pass e.g. ndimage.gaussian_filter.")
    n = check_int(repeats, "repeats", low=1, meaning="it is the number of timed calls")
    w = check_int(warmup, "warmup", low=0, meaning="it is the number of untimed calls made first")
    for _ in range(w):
        function(*args, **kwargs)
    durations = np.empty(n)
    for i in range(n):
        start = clock()
        function(*args, **kwargs)
        durations[i] = clock() - start
    return durations
