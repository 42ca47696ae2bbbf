"""The running-sum box approximation: the same result as gaussian_filter_box, at a cost independent of width."""

from __future__ import annotations

import numpy as np
import pytest

from gausslearn import filters as F
from gausslearn._validation import MODES


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("sigma", [0.8, 2.0, 5.0])
def test_equals_the_correlation_version(mode: str, sigma: float) -> None:
    x = np.random.default_rng(3).random((23, 31))
    np.testing.assert_allclose(F.gaussian_filter_box_running(x, sigma, mode=mode),
                               F.gaussian_filter_box(x, sigma, mode=mode), rtol=0, atol=1e-12)


def test_passes_and_per_axis_sigma() -> None:
    x = np.random.default_rng(4).random((12, 40, 3))
    for passes in (1, 2, 4):
        np.testing.assert_allclose(F.gaussian_filter_box_running(x, (1.5, 3.0, 0.0), passes=passes),
                                   F.gaussian_filter_box(x, (1.5, 3.0, 0.0), passes=passes), rtol=0, atol=1e-12)


def test_input_untouched_and_real_only() -> None:
    x = np.arange(30, dtype=np.uint8).reshape(5, 6)
    before = x.copy()
    out = F.gaussian_filter_box_running(x, 1.0)
    np.testing.assert_array_equal(x, before)
    assert out.dtype == np.float64
    with pytest.raises(TypeError, match="real input"):
        F.gaussian_filter_box_running(x + 1j, 1.0)
    with pytest.raises(ValueError, match="negative"):
        F.gaussian_filter_box_running(x, -2.0)
