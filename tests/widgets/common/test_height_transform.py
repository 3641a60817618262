"""The shared height transform: exact numbers, the log option, robust limits, non-finite input."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.common.height_transform import HeightTransform


def test_linear_maps_range_onto_scale() -> None:
    z = np.array([[0.0, 1.0], [2.0, 4.0]])
    t = HeightTransform.fit(z, scale=1.0)
    np.testing.assert_allclose(t(z), [[0.0, 0.25], [0.5, 1.0]])
    np.testing.assert_allclose(HeightTransform.fit(z, scale=2.0)(z), [[0.0, 0.5], [1.0, 2.0]])
    assert (t.zmin, t.zmax, t.clipped) == (0.0, 4.0, False)


def test_offset_minimum_maps_to_zero() -> None:
    z = np.array([10.0, 11.0, 12.0])
    np.testing.assert_allclose(HeightTransform.fit(z)(z), [0.0, 0.5, 1.0])


def test_log_height_is_log10_of_one_plus_excess() -> None:
    z = np.array([5.0, 14.0, 104.0])  # z - zmin = 0, 9, 99 -> log10(1 + .) = 0, 1, 2
    t = HeightTransform.fit(z, log=True, scale=1.0)
    np.testing.assert_allclose(t(z), [0.0, 0.5, 1.0])
    np.testing.assert_allclose(t(np.array([5.0 + np.sqrt(10.0) - 1.0])), [0.25])


@pytest.mark.parametrize("log", [False, True])
def test_to_loss_inverts_the_transform(log: bool) -> None:
    z = np.array([0.5, 1.0, 3.0, 7.5, 20.0])
    t = HeightTransform.fit(z, log=log, scale=1.2)
    np.testing.assert_allclose(t.to_loss(t(z)), z)
    assert t.zmax == pytest.approx(20.0)


def test_non_finite_values_become_nan_without_warnings() -> None:
    z = np.array([0.0, np.nan, np.inf, 2.0, -np.inf])
    t = HeightTransform.fit(z)
    out = t(z)  # filterwarnings = error: any RuntimeWarning fails the test
    np.testing.assert_allclose(out[[0, 3]], [0.0, 1.0])
    assert np.isnan(out[[1, 2, 4]]).all()


def test_all_nan_and_flat_grids() -> None:
    nan_grid = np.full((3, 3), np.nan)
    assert np.isnan(HeightTransform.fit(nan_grid)(nan_grid)).all()
    flat = np.full((2, 2), 3.0)
    np.testing.assert_array_equal(HeightTransform.fit(flat)(flat), np.zeros((2, 2)))


def test_robust_top_clips_a_huge_outlier() -> None:
    z = np.r_[np.linspace(0.0, 1.0, 999), 1e6]
    t = HeightTransform.fit(z, scale=1.0)
    assert t.clipped
    assert t.zmax == pytest.approx(np.percentile(z, 99.0))
    out = t(z)
    assert out.max() == 1.0 and out[-1] == 1.0
    assert out[500] == pytest.approx(z[500] / t.zmax)  # the bulk keeps its relief


def test_values_outside_the_grid_range_are_clipped() -> None:
    t = HeightTransform.fit(np.array([1.0, 3.0]), scale=1.0)
    np.testing.assert_allclose(t(np.array([-5.0, 2.0, 50.0])), [0.0, 0.5, 1.0])


def test_scale_must_be_positive() -> None:
    with pytest.raises(ValueError):
        HeightTransform(scale=0.0)
