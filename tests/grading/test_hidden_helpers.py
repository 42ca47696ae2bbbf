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
