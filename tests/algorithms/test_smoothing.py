"""EMA smoothing of loss curves: hand-computed values, exactness, non-finite values, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from algorithms.smoothing import ema

finite_floats = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
betas = st.floats(min_value=0.0, max_value=0.999)


def _reference(values: list[float], beta: float, bias_correction: bool) -> np.ndarray:
    """The definition, term by term: sₜ = Σₖ (1 − β)·β^(t−k)·xₖ, divided by 1 − βᵗ if corrected."""
    out = []
    for t in range(1, len(values) + 1):
        s = sum((1 - beta) * beta ** (t - k) * values[k - 1] for k in range(1, t + 1))
        out.append(s / (1 - beta**t) if bias_correction else s)
    return np.array(out)


def test_hand_computed_without_bias_correction() -> None:
    # s₁ = 0.5·2 = 1, s₂ = 0.5·1 + 0.5·4 = 2.5, s₃ = 0.5·2.5 + 0.5·6 = 4.25
    np.testing.assert_array_equal(ema(np.array([2.0, 4.0, 6.0]), 0.5), [1.0, 2.5, 4.25])


def test_hand_computed_with_bias_correction() -> None:
    # 1 / (1 − 0.5) = 2, 2.5 / (1 − 0.25) = 10/3, 4.25 / (1 − 0.125) = 34/7
    got = ema(np.array([2.0, 4.0, 6.0]), 0.5, bias_correction=True)
    np.testing.assert_allclose(got, [2.0, 10 / 3, 34 / 7], rtol=1e-15)


def test_hand_computed_beta_0_9() -> None:
    # s₁ = 0.1·10 = 1, s₂ = 0.9 + 0.1·20 = 2.9; corrected: 1 / 0.1 = 10, 2.9 / 0.19
    np.testing.assert_allclose(ema([10.0, 20.0], 0.9), [1.0, 2.9], rtol=1e-15)
    np.testing.assert_allclose(ema([10.0, 20.0], 0.9, bias_correction=True), [10.0, 2.9 / 0.19], rtol=1e-15)


@pytest.mark.parametrize("bias_correction", [False, True])
def test_beta_zero_returns_the_input(bias_correction: bool) -> None:
    values = np.random.default_rng(1).normal(size=500) * np.logspace(-200, 200, 500)
    np.testing.assert_array_equal(ema(values, 0.0, bias_correction), values)


@pytest.mark.parametrize("beta", [0.1, 0.5, 0.6, 0.9, 0.99, 0.999])
@pytest.mark.parametrize("constant", [3.7, -2.5, 0.1, 1e-300, 1e300])
def test_constant_series_with_bias_correction_stays_exactly_constant(beta: float, constant: float) -> None:
    np.testing.assert_array_equal(ema(np.full(10_000, constant), beta, True), np.full(10_000, constant))


def test_without_bias_correction_the_curve_starts_at_zero() -> None:
    got = ema(np.ones(3), 0.9)
    np.testing.assert_allclose(got, [0.1, 0.19, 0.271], rtol=1e-14)


@given(st.lists(finite_floats, max_size=30), betas, st.booleans())
def test_matches_the_definition(values: list[float], beta: float, bias_correction: bool) -> None:
    got = ema(np.array(values), beta, bias_correction)
    assert got.shape == (len(values),)
    np.testing.assert_allclose(got, _reference(values, beta, bias_correction), rtol=1e-9, atol=1e-6)


@given(st.lists(finite_floats, min_size=1, max_size=50), betas)
def test_bias_corrected_values_stay_within_the_data_range(values: list[float], beta: float) -> None:
    got = ema(np.array(values), beta, bias_correction=True)
    assert np.all(got >= min(values) - 1e-9 * max(1.0, abs(min(values))))
    assert np.all(got <= max(values) + 1e-9 * max(1.0, abs(max(values))))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_from_the_first_non_finite_value_on(bad: float) -> None:
    got = ema(np.array([2.0, 4.0, bad, 6.0, 8.0]), 0.5)
    np.testing.assert_array_equal(got[:2], [1.0, 2.5])
    assert np.isnan(got[2:]).all()


def test_all_nan_when_the_first_value_is_not_finite() -> None:
    assert np.isnan(ema(np.array([np.inf, 1.0]), 0.5, True)).all()


def test_huge_values_of_opposite_sign_do_not_overflow() -> None:
    np.testing.assert_array_equal(ema(np.array([1.6e308, -1.6e308]), 0.5), [0.8e308, -0.4e308])


def test_empty_input_and_lists() -> None:
    assert ema(np.array([]), 0.9).shape == (0,)
    assert ema([1, 2], 0.5).dtype == np.float64


@pytest.mark.parametrize("beta", [1.0, 1.5, -0.1, np.nan, np.inf, "0.5", None])
def test_beta_out_of_range(beta: object) -> None:
    with pytest.raises(ValueError, match=r"beta must be a number in \[0, 1\)"):
        ema(np.ones(3), beta)  # type: ignore[arg-type]


def test_numpy_float_beta_is_accepted() -> None:
    np.testing.assert_array_equal(ema([2.0], np.float32(0.5)), [1.0])


def test_two_dimensional_input_is_refused() -> None:
    with pytest.raises(ValueError, match="1-D"):
        ema(np.ones((2, 3)), 0.5)


def test_a_long_curve_matches_its_recurrence() -> None:
    """Ten thousand points, checked against the recurrence written out (its speed:
    benchmarks/bench_algorithms.py)."""
    curve = np.random.default_rng(0).normal(size=10_000)
    smoothed, s = ema(curve, 0.9, bias_correction=True), 0.0
    expected = np.empty_like(curve)
    for t, x in enumerate(curve, start=1):
        s = 0.9 * s + 0.1 * x
        expected[t - 1] = s / (1 - 0.9**t)
    np.testing.assert_allclose(smoothed, expected, rtol=1e-9, atol=1e-12)
