"""Scale: what a filter does to each frequency, and what shrinking an image does to its patterns (notebook 10).

Frequencies are in cycles per pixel: a stripe pattern with a period of 4 pixels has frequency 0.25, and 0.5
(a period of 2 pixels, alternating samples) is the finest pattern a pixel grid can hold.

- :func:`response_at` the real (signed) response of a symmetric kernel at any frequencies;
- :func:`alias_frequency` where a pattern lands after keeping every ``factor``-th sample;
- :func:`sine_amplitude` and :func:`dominant_frequency` measure a pattern in a 1-D signal.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gausslearn._validation import check_int, check_number

__all__ = ["alias_frequency", "dominant_frequency", "response_at", "sine_amplitude"]


def _signal(values: Any, name: str = "signal") -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype.kind not in "biuf" or arr.ndim != 1 or arr.size < 3:
        raise ValueError(f"{name} must be a real 1-D array of at least 3 samples, got shape {arr.shape} and dtype "
                         f"{arr.dtype}; pass one image row, e.g. image[10].")
    return arr.astype(np.float64)


def response_at(weights: Any, freqs: Any) -> np.ndarray:
    """The real response ``H(f) = sum_k w[k] cos(2 pi f (k - c))`` of a symmetric kernel centred on its middle.

    A symmetric kernel multiplies a cosine pattern of frequency ``f`` by ``H(f)``: ``|H|`` is how much of the
    pattern survives, and a negative ``H`` means the pattern comes back inverted (dark and bright swapped).

    Parameters
    ----------
    weights : array_like
        A 1-D kernel with an odd number of taps, symmetric about its middle tap.
    freqs : float or array_like
        Frequencies in cycles per pixel.

    Returns
    -------
    ndarray
        ``H`` at every frequency (a 0-d array for a single frequency).

    Examples
    --------
    >>> np.round(response_at(np.full(5, 0.2), [0.0, 0.2, 0.3]), 4)   # a 5-tap box inverts f = 0.3
    array([ 1.    ,  0.    , -0.2472])
    """
    w = np.asarray(weights)
    if w.dtype.kind not in "biuf" or w.ndim != 1 or w.size % 2 == 0:
        raise ValueError(f"weights must be a real 1-D kernel with an odd number of taps, got shape {w.shape} and "
                         f"dtype {w.dtype}; pass e.g. gaussian_kernel1d(sigma).")
    w = w.astype(np.float64)
    if not np.allclose(w, w[::-1], rtol=0.0, atol=1e-12 * max(float(np.abs(w).max()), 1e-300)):
        raise ValueError("weights must be symmetric about the middle tap (w == w[::-1]) to have a real response; "
                         "for any other kernel use np.abs(np.fft.rfft(weights, n)) for the gain.")
    f = np.asarray(freqs, dtype=np.float64)
    if not np.all(np.isfinite(f)):
        raise ValueError("freqs must be finite numbers (cycles per pixel).")
    offsets = np.arange(w.size) - w.size // 2
    return np.cos(2 * np.pi * np.multiply.outer(f, offsets)) @ w


def alias_frequency(frequency: float, factor: int) -> float:
    """The frequency, in cycles per *new* sample, at which a pattern appears after keeping every ``factor``-th sample.

    Keeping every ``factor``-th sample multiplies every frequency by ``factor`` (in cycles per new sample), and
    a grid cannot tell ``g`` from ``g + 1`` or ``1 - g``: the result is folded back into [0, 0.5].

    Parameters
    ----------
    frequency : float
        The pattern's frequency in cycles per original pixel (>= 0).
    factor : int
        Keep every ``factor``-th sample (>= 1).

    Examples
    --------
    >>> alias_frequency(0.4, 2)     # period 2.5 px: after halving, period 5 new pixels
    0.2
    >>> alias_frequency(0.1, 2)     # slow enough: simply twice as many cycles per sample
    0.2
    """
    f = check_number(frequency, "frequency", low=0.0, meaning="it is a frequency in cycles per pixel")
    k = check_int(factor, "factor", low=1, meaning="it keeps every factor-th sample")
    g = (f * k) % 1.0
    return round(min(g, 1.0 - g), 12)


def sine_amplitude(signal: Any, frequency: float) -> float:
    """The amplitude of the sine pattern of ``frequency`` (cycles per sample) in a 1-D signal.

    Fits ``a cos(2 pi f n) + b sin(2 pi f n) + c`` by least squares and returns ``sqrt(a**2 + b**2)``, so the
    pattern's phase and the signal's mean do not matter, and ``frequency`` need not fit a whole number of
    periods into the signal.

    Examples
    --------
    >>> n = np.arange(50)
    >>> round(sine_amplitude(0.5 + 0.3 * np.sin(2 * np.pi * 0.13 * n + 1.0), 0.13), 6)
    0.3
    """
    x = _signal(signal)
    f = check_number(frequency, "frequency", low=0.0, high=0.5, meaning="it is in cycles per sample")
    n = np.arange(x.size)
    design = np.stack([np.cos(2 * np.pi * f * n), np.sin(2 * np.pi * f * n), np.ones(x.size)], axis=1)
    (a, b, _), *_ = np.linalg.lstsq(design, x, rcond=None)
    return float(np.hypot(a, b))


def dominant_frequency(signal: Any) -> float:
    """The frequency (cycles per sample) of the strongest pattern in a 1-D signal: its largest FFT peak.

    The signal's mean (frequency 0) is ignored; the resolution is ``1 / len(signal)``.

    Examples
    --------
    >>> dominant_frequency(np.cos(2 * np.pi * 0.25 * np.arange(40)))
    0.25
    """
    x = _signal(signal)
    spectrum = np.abs(np.fft.rfft(x - x.mean()))
    return float(np.argmax(spectrum[1:]) + 1) / x.size
