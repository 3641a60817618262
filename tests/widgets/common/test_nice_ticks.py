"""Round tick values: nice_ticks, the log-height decades and their texts."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.common.height_transform import HeightTransform
from widgets.common.nice_ticks import format_tick, height_ticks, nice_ticks


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (-2.0, 2.0, [-2, -1, 0, 1, 2]),
        (-1.0, 3.0, [-1, 0, 1, 2, 3]),
        (0.004999, 49.0, [0, 10, 20, 30, 40]),  # 0 ticks a range that starts a hair above it
        (0.0001031, 2509.0, [0, 500, 1000, 1500, 2000, 2500]),
        (-0.484, 1.98, [0, 0.5, 1, 1.5]),
        (1.0, 1.0, [1.0]),
    ],
)
def test_nice_ticks_are_round(low: float, high: float, expected: list[float]) -> None:
    assert nice_ticks(low, high) == pytest.approx(expected)


def test_tick_texts_are_short() -> None:
    texts = [format_tick(v) for v in (0.0, 0.5, 2.0, 250.0, 1e-4, 0.01, 2.5e5, -1.5)]
    assert texts == ["0", "0.5", "2", "250", "1e-4", "0.01", "2.5e5", "-1.5"]


def test_log_height_ticks_are_decades_far_apart() -> None:
    x = np.linspace(-2.0, 2.0, 101)
    gx, gy = np.meshgrid(x, np.linspace(-1.0, 3.0, 101))
    z = (1 - gx) ** 2 + 100 * (gy - gx**2) ** 2  # Rosenbrock, 0 .. 2509
    transform = HeightTransform.fit(z, log=True)
    values = height_ticks(transform)
    assert [format_tick(v) for v in values] == ["0", "10", "100", "1000"]
    at = transform.unit(np.array(values))
    assert np.diff(at).min() >= 0.1
    linear = HeightTransform.fit(z)
    assert [format_tick(v) for v in height_ticks(linear)] == ["0", "500", "1000", "1500", "2000", "2500"]
