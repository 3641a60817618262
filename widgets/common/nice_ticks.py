"""Tick values at round numbers (1, 2, 2.5, 5 × 10ᵏ steps; decades on a log height), pure numpy.

The 3D axes and the colour bars label these values, never the ends of a range (0.484, 1.98,
0.0001031): a learner reads 0.5, 1, 2 at a glance.
"""

from __future__ import annotations

import math

import numpy as np

from widgets.common.height_transform import HeightTransform

NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
STEP_SLACK = 0.75  # a step may cut the span into up to count / STEP_SLACK pieces
END_SLACK = 0.01  # a round value this fraction of a step outside the range still ticks its end
MIN_GAP = 0.1  # log-height ticks closer than this fraction of the height are dropped
MIN_LOG_TICKS = 4  # fewer decades than this: 5 × and 2 × 10ᵏ are added


def nice_step(span: float, count: int) -> float:
    """The smallest step 1, 2, 2.5 or 5 × 10ᵏ that cuts ``span`` into about ``count`` pieces
    (at most ``count / STEP_SLACK``)."""
    if not (span > 0.0 and math.isfinite(span)):
        return 1.0
    raw = span / max(count, 1)
    decade = 10.0 ** math.floor(math.log10(raw))
    for factor in NICE_STEPS:
        if factor * decade >= raw * STEP_SLACK:
            return factor * decade
    return 10.0 * decade  # pragma: no cover - NICE_STEPS ends at 10


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values in ``[low, high]`` (or within `END_SLACK` of a step outside), about ``count``
    of them (at least 2 for a non-empty range)."""
    if not (math.isfinite(low) and math.isfinite(high)) or high < low:
        return []
    if high == low:
        return [low]
    for n in range(count, 2 * count + 1):
        step = nice_step(high - low, n)
        first = math.ceil(low / step - END_SLACK)  # 0 labels a range starting at 0.0001 too
        last = math.floor(high / step + END_SLACK)
        values = [round(k * step, 12) + 0.0 for k in range(first, last + 1)]
        if len(values) >= 2:
            return values
    return [low, high]


def format_tick(value: float) -> str:
    """A round tick value as short as it goes: 0.5, 2, 250, 1e-4, 1e+05."""
    if value == 0.0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e5 or magnitude < 1e-3:
        mantissa, exponent = f"{value:.1e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(exponent)}"
    return f"{value:.6g}"


def height_ticks(transform: HeightTransform, count: int = 5) -> list[float]:
    """Round losses between the bottom and the top of a height transform.

    Linear heights: `nice_ticks`. Log heights: 0 and the decades (…0.01, 0.1, 1, 10, 100…), then
    5 × and 2 × 10ᵏ while fewer than `MIN_LOG_TICKS`; any closer than `MIN_GAP` of the height to
    one already kept is dropped, so labels never collide.
    """
    low, high = transform.zmin, transform.zmax
    if not transform.log:
        return nice_ticks(low, high, count)
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low] if math.isfinite(low) else []
    top = math.floor(math.log10(high)) if high > 0 else 0
    bottom = math.ceil(math.log10(low)) if low > 0 else top - 12
    decades = [10.0**k for k in range(top, bottom - 1, -1)]
    passes = [[0.0, *decades], [5.0 * d for d in decades], [2.0 * d for d in decades]]
    kept: list[float] = []
    kept_at: list[float] = []
    slack = END_SLACK * (high - low)  # 0 ticks a range starting a hair above it
    for number, candidates in enumerate(passes):
        if number and len(kept) >= MIN_LOG_TICKS:
            break
        for value in candidates:
            if not low - slack <= value <= high:
                continue
            at = float(transform.unit(np.array([value]))[0])
            if all(abs(at - other) >= MIN_GAP for other in kept_at):
                kept.append(value)
                kept_at.append(at)
    return sorted(kept)
