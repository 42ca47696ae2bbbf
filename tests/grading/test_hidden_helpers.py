"""Helpers shared by the hidden tests."""

from __future__ import annotations

import numpy as np
import pytest

from gausslearn.grading.authoring.hidden import held_out_crop
from gausslearn.images import sample


def test_held_out_crop_is_the_centred_read_only_crop() -> None:
    crop = held_out_crop("clock", 64)
    full = sample("clock")
    top, left = (full.shape[0] - 64) // 2, (full.shape[1] - 64) // 2
    np.testing.assert_array_equal(crop, full[top:top + 64, left:left + 64])
    assert not crop.flags.writeable
    assert held_out_crop("clock", 64) is crop        # cached: graded images are loaded once


def test_held_out_crop_refuses_a_crop_larger_than_the_image() -> None:
    with pytest.raises(ValueError, match=r"a 4096x4096 crop does not fit in 'brick' \(512x512\); pass size <= 512"):
        held_out_crop("brick", 4096)


def test_the_stored_crops_are_the_sample_images_crops() -> None:
    from gausslearn.grading.authoring import hidden

    assert hidden.HELD_OUT.is_file(), "run gausslearn.grading.authoring.hidden.store_held_out()"
    stored = hidden._stored()
    assert sorted(stored) == sorted(f"{name}_{size}" for name, size in hidden.STORED_CROPS)
    for name, size in hidden.STORED_CROPS:
        np.testing.assert_array_equal(hidden.held_out_crop(name, size), hidden.crop_of(name, size), err_msg=name)


@pytest.mark.parametrize("ex", ["ex05_sigma", "ex09_beyond"])
def test_the_oracles_search_finds_the_best_of_every_sigma(ex: str) -> None:
    """best_blur walks the grid from 0 and stops past the peak: on the graded images it finds what trying every
    sigma finds (the PSNR has one peak)."""
    from scipy import ndimage as ndi

    from gausslearn.grading.authoring.hidden import ex05_sigma, ex09_beyond, psnr

    if ex == "ex05_sigma":
        cases = [(name, ex05_sigma.noisy_case(name, std, seed)[:1]) for seed in (0, 1)
                 for name, std in (("brick", 0.03), ("text", 0.2), ("clock", 0.2), ("shepp_logan_phantom", 0.1))]
        top, step = ex05_sigma.TOP, ex05_sigma.STEP
    else:
        cases = [(name, ex09_beyond.impulse_case(name, amount, 3)[:1]) for name, amount in
                 (("brick", 0.05), ("clock", 0.05), ("text", 0.1), ("moon", 0.1))]
        top, step = ex09_beyond.TOP, ex09_beyond.STEP
    for name, (noisy,) in cases:
        clean = held_out_crop(name, 128)
        every = max((psnr(clean, ndi.gaussian_filter(noisy, s)), -s) for s in np.round(np.arange(0, top + 1e-9, step), 6))
        from gausslearn.grading.authoring.hidden import best_blur

        assert best_blur(clean, noisy, top, step) == (round(-every[1], 6), every[0]), name
