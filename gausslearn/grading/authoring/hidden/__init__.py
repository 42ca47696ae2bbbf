"""Hidden tests, one module per exercise id. Instructors only: `gausslearn release` leaves this folder out."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import ndimage as ndi

from gausslearn.images import sample

#: The held-out crops the hidden tests use, stored beside them: reading them from scikit-image costs half a second
#: per grading process (importing skimage.io). ``tests/grading/test_hidden_helpers.py`` checks that every stored crop
#: equals the one computed from :func:`gausslearn.images.sample`; :func:`store_held_out` writes the file.
HELD_OUT = Path(__file__).with_name("held_out.npz")
#: What :data:`HELD_OUT` holds: (image name, crop size).
STORED_CROPS = (("brick", 128), ("clock", 128), ("text", 128), ("moon", 128), ("shepp_logan_phantom", 128))


def crop_of(name: str, size: int) -> np.ndarray:
    """The centred ``size`` x ``size`` crop of ``sample(name)``, computed (float64 in [0, 1])."""
    image = sample(name)                      # float64 in [0, 1]
    h, w = image.shape
    if size > min(h, w):
        raise ValueError(f"a {size}x{size} crop does not fit in {name!r} ({h}x{w}); pass size <= {min(h, w)}.")
    top, left = (h - size) // 2, (w - size) // 2
    return np.ascontiguousarray(image[top:top + size, left:left + size])


def _as_stored(crop: np.ndarray) -> np.ndarray:
    """A crop as stored: uint8 grey levels when it is exactly k / 255 (the sample images are 8-bit), else as is."""
    levels = np.rint(crop * 255.0)
    return levels.astype(np.uint8) if np.array_equal(levels / 255.0, crop) else crop


def store_held_out(path: Path = HELD_OUT) -> None:
    """Write :data:`STORED_CROPS` to ``path`` (run it when the list changes; a test compares the file)."""
    np.savez_compressed(path, **{f"{name}_{size}": _as_stored(crop_of(name, size)) for name, size in STORED_CROPS})


@functools.cache
def _stored() -> dict[str, np.ndarray]:
    if not HELD_OUT.is_file():
        return {}
    with np.load(HELD_OUT) as data:
        return {key: data[key] for key in data.files}


@functools.cache
def held_out_crop(name: str, size: int = 128) -> np.ndarray:
    """The centred ``size`` x ``size`` crop of a bundled sample image, in [0, 1], read-only and cached.

    Hidden tests grade on these held-out images; call ``.copy()`` before handing one to a learner's function.

    Examples
    --------
    >>> crop = held_out_crop("brick")
    >>> crop.shape, crop.flags.writeable
    ((128, 128), False)
    """
    stored = _stored().get(f"{name}_{size}")
    if stored is None:
        crop = crop_of(name, size)
    else:
        crop = stored / 255.0 if stored.dtype == np.uint8 else stored.astype(np.float64)
    crop.setflags(write=False)
    return crop


def psnr(clean: np.ndarray, test: np.ndarray) -> float:
    """PSNR in dB of ``test`` against ``clean``, for images on the [0, 1] scale (inf when they are equal).

    Examples
    --------
    >>> psnr(np.zeros((2, 2)), np.full((2, 2), 0.1))
    20.0
    """
    err = float(np.mean((np.asarray(test, dtype=np.float64) - clean) ** 2))
    return float("inf") if err == 0.0 else round(float(10 * np.log10(1.0 / err)), 12)


def peak_search(score: Callable[[float], float], top: float, step: float) -> tuple[float, float]:
    """The ``s`` in ``0, step, ..., top`` with the highest ``score(s)`` (the smallest such ``s``), and that score,
    for a score with one peak: a grid five steps apart is walked up from 0 until the score falls, then the steps
    around its best point finish the search. With the peak at a small ``s`` (where filtering is cheap too) that
    is a few evaluations instead of every step.

    Examples
    --------
    >>> peak_search(lambda s: -(s - 1.37) ** 2, 4.0, 0.05)[0]
    1.35
    >>> peak_search(lambda s: s, 4.0, 0.05)
    (4.0, 4.0)
    """
    n = int(round(top / step))
    scores: dict[int, float] = {}
    for k in [*range(0, n + 1, 5), *([n] if n % 5 else [])]:
        scores[k] = score(k * step)
        if len(scores) > 1 and scores[k] < max(scores.values()):
            break
    peak = max(scores, key=lambda k: (scores[k], -k))
    for k in range(max(0, peak - 4), min(n, peak + 4) + 1):
        if k not in scores:
            scores[k] = score(k * step)
    best = max(scores, key=lambda k: (scores[k], -k))
    return round(best * step, 6), scores[best]


def best_blur(clean: np.ndarray, noisy: np.ndarray, top: float, step: float) -> tuple[float, float]:
    """The oracle: the sigma in ``0, step, ..., top`` whose Gaussian blur of ``noisy`` has the highest PSNR against
    ``clean`` (PSNR against sigma has one peak: :func:`peak_search`), and that PSNR.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> clean = held_out_crop("brick", 64)
    >>> noisy = clean + rng.normal(0, 0.1, clean.shape)
    >>> every = max((psnr(clean, ndi.gaussian_filter(noisy, s)), -s) for s in np.arange(0, 4.001, 0.05))
    >>> best_blur(clean, noisy, 4.0, 0.05) == (round(-every[1], 6), every[0])
    True
    """
    return peak_search(lambda s: psnr(clean, ndi.gaussian_filter(noisy, s)), top, step)


def fail_if_named(call: str, diagnose: Callable[[], str]) -> None:
    """Fail with ``"<call>: <the mistake>"`` when ``diagnose()`` recognises the learner's mistake (returns its
    description). Naming the mistake is a bonus: a failure inside ``diagnose`` is ignored, and the test's own
    comparison still decides.

    Examples
    --------
    >>> fail_if_named("f(1)", lambda: "")
    >>> fail_if_named("f(1)", lambda: 1 / 0)
    >>> fail_if_named("f(1)", lambda: "you rounded twice.")
    Traceback (most recent call last):
    ...
    AssertionError: f(1): you rounded twice.
    """
    try:
        reason = diagnose()
    except Exception:  # noqa: BLE001 - see above
        reason = ""
    if reason:
        raise AssertionError(f"{call}: {reason}")
