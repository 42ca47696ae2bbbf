"""Seeded noise models for float images on the [0, 1] scale.

Every function takes the random source explicitly as ``rng`` (an int seed or a ``numpy.random.Generator``)
and refuses ``None``: a course notebook must print the same numbers on every run, and a hidden global seed
is easy to break by running cells out of order. The same seed always gives the same noise.

The image is never modified; each function returns a new ``float64`` array. Integer images are refused:
convert them first with :func:`gausslearn.dtypes.to_float`, so that ``std=0.1`` means "a tenth of the
full grey range" and not a tenth of one grey level.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._validation import as_image, as_rng, check_finite, check_number

__all__ = ["gaussian_noise", "poisson_noise", "salt_and_pepper"]


def gaussian_noise(image: Any, std: float, *, rng: int | np.random.Generator | None = None,
                   clip: bool = False) -> np.ndarray:
    """Add independent zero-mean Gaussian noise of standard deviation ``std`` to every pixel.

    Parameters
    ----------
    image : array_like of float
        The clean image, values on the [0, 1] scale.
    std : float
        Standard deviation of the noise, in the units of the image (0.1 is a tenth of the grey range).
        Must be >= 0 and finite; 0 returns a copy.
    rng : int or numpy.random.Generator
        The random source (required; ``None`` raises).
    clip : bool
        Clip the result to [0, 1], as a camera's sensor would. The default keeps the noise unbiased
        (values may leave [0, 1]), which is what Gaussian filtering theory and SURE assume.

    Returns
    -------
    ndarray of float64
        ``image + N(0, std**2)``, a new array.

    Examples
    --------
    >>> noisy = gaussian_noise(np.full((200, 200), 0.5), 0.1, rng=0)
    >>> round(float(noisy.mean()), 2), round(float(noisy.std()), 2)
    (0.5, 0.1)
    >>> np.array_equal(noisy, gaussian_noise(np.full((200, 200), 0.5), 0.1, rng=0))   # same seed
    True
    >>> bool(gaussian_noise(np.ones(100), 0.5, rng=1, clip=True).max() <= 1.0)
    True
    >>> gaussian_noise(np.zeros(3), -0.1, rng=0)
    Traceback (most recent call last):
    ...
    ValueError: std must be >= 0 and finite, got -0.1; it is the noise's standard deviation in image units (e.g. 0.1).
    """
    values = _float_image(image)
    s = check_number(std, "std", low=0, meaning="it is the noise's standard deviation in image units (e.g. 0.1)")
    gen = as_rng(rng)
    out = values + gen.normal(0.0, s, size=values.shape)
    if clip:
        np.clip(out, 0.0, 1.0, out=out)
    return out


def poisson_noise(image: Any, peak: float, *, rng: int | np.random.Generator | None = None) -> np.ndarray:
    """Simulate photon (shot) noise: ``Poisson(image * peak) / peak``.

    A pixel of value ``v`` collects on average ``v * peak`` photons; the count is Poisson-distributed, so its
    standard deviation is ``sqrt(v * peak)`` photons, i.e. ``sqrt(v / peak)`` in image units. The noise is
    therefore stronger in bright regions (in absolute terms) and weaker relative to the signal, and a
    smaller ``peak`` (fewer photons, a darker scene) means more noise.

    Parameters
    ----------
    image : array_like of float
        The clean image, values >= 0 (on the [0, 1] scale, 1 collecting ``peak`` photons on average).
    peak : float
        Mean photon count of a pixel of value 1. Must be > 0 and finite.
    rng : int or numpy.random.Generator
        The random source (required; ``None`` raises).

    Returns
    -------
    ndarray of float64
        The photon counts divided by ``peak``: multiples of ``1 / peak``, mean equal to ``image``.

    Examples
    --------
    >>> out = poisson_noise(np.full((300, 300), 0.25), peak=100, rng=0)
    >>> round(float(out.mean()), 2), round(float(out.std()), 2)      # std = sqrt(0.25 / 100) = 0.05
    (0.25, 0.05)
    >>> poisson_noise(np.array([0.5, -0.1]), peak=10, rng=0)
    Traceback (most recent call last):
    ...
    ValueError: image has 1 negative value(s) (minimum -0.1); Poisson noise needs photon rates >= 0. Clip the image first, e.g. np.clip(image, 0, 1).
    """
    values = _float_image(image)
    p = check_number(peak, "peak", low=0, open_low=True,
                     meaning="it is the mean photon count of a white pixel (e.g. 30 for a dark scene)")
    n_neg = int(np.count_nonzero(values < 0))
    if n_neg:
        raise ValueError(f"image has {n_neg} negative value(s) (minimum {float(values.min())!r}); Poisson noise "
                         "needs photon rates >= 0. Clip the image first, e.g. np.clip(image, 0, 1).")
    gen = as_rng(rng)
    return gen.poisson(values * p).astype(np.float64) / p


def salt_and_pepper(image: Any, amount: float, *, salt_fraction: float = 0.5,
                    rng: int | np.random.Generator | None = None) -> np.ndarray:
    """Replace a random fraction of the values by white (1.0, salt) or black (0.0, pepper).

    Each array element is hit independently with probability ``amount``; a hit element becomes 1.0 with
    probability ``salt_fraction`` and 0.0 otherwise. For a colour image each channel is hit on its own
    (coloured specks), like ``skimage.util.random_noise(mode="s&p")``.

    Parameters
    ----------
    image : array_like of float
        The clean image on the [0, 1] scale.
    amount : float
        Probability that an element is replaced, in [0, 1].
    salt_fraction : float
        Share of the replaced elements that become white, in [0, 1].
    rng : int or numpy.random.Generator
        The random source (required; ``None`` raises).

    Returns
    -------
    ndarray of float64
        A new array.

    Notes
    -----
    Impulse noise is the case where a Gaussian filter does badly: each speck is spread into a grey blob
    instead of being removed. A median filter removes it.

    Examples
    --------
    >>> out = salt_and_pepper(np.full((100, 100), 0.5), 0.2, rng=0)
    >>> hit = out != 0.5
    >>> round(float(hit.mean()), 2), sorted(set(out[hit].tolist()))
    (0.2, [0.0, 1.0])
    >>> salt_and_pepper(np.zeros(4), 1.5, rng=0)
    Traceback (most recent call last):
    ...
    ValueError: amount must be in [0, 1], got 1.5; it is the probability that a pixel is replaced (e.g. 0.05).
    """
    values = _float_image(image)
    a = check_number(amount, "amount", low=0, high=1,
                     meaning="it is the probability that a pixel is replaced (e.g. 0.05)")
    f = check_number(salt_fraction, "salt_fraction", low=0, high=1,
                     meaning="it is the share of replaced pixels that become white (0.5: half white, half black)")
    gen = as_rng(rng)
    hit = gen.random(values.shape) < a
    salt = gen.random(values.shape) < f
    out = values.copy()
    out[hit & salt] = 1.0
    out[hit & ~salt] = 0.0
    return out


def _float_image(image: Any) -> np.ndarray:
    """Return a float64 copy of a real floating-point image with finite values; refuse everything else."""
    arr = as_image(image, allow_complex=False)
    if arr.dtype.kind != "f":
        raise TypeError(f"image has dtype {arr.dtype}; noise is added to float images on the [0, 1] scale. "
                        "Convert it first with gausslearn.dtypes.to_float(image).")
    check_finite(arr, "image", "pass a float image with finite values on the [0, 1] scale")
    return arr.astype(np.float64)
