"""The race between runs: how fast each reaches a loss tolerance, where it ends, and where it blew up."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from algorithms.engine import RunResult

Point = tuple[float, float]
DEFAULT_TOLERANCE = 1e-3


def steps_to_tolerance(loss: npt.ArrayLike, tolerance: float) -> int | None:
    """The first step whose full loss is at most ``tolerance`` (0 = the start), or None if it never is."""
    values = np.asarray(loss, dtype=np.float64)
    reached = np.flatnonzero(values <= tolerance)
    return int(reached[0]) if len(reached) else None


@dataclass(frozen=True)
class RaceRow:
    """One run in the race; None where a value does not exist (never reached, no minimum, no divergence)."""

    steps_to_tolerance: int | None
    final_loss: float | None
    distance_to_minimum: float | None
    diverged_at: int | None


def race_row(result: RunResult, tolerance: float, minima: Sequence[Point]) -> RaceRow:
    """The race columns of one run; ``minima`` are the minima found on the loss (may be empty)."""
    final = float(result.loss[-1]) if len(result.loss) else math.nan
    distance = None
    if len(result.params) and minima and result.status == "ok":
        x, y = (float(v) for v in result.params[-1])
        distance = min(math.hypot(x - mx, y - my) for mx, my in minima)
    return RaceRow(
        steps_to_tolerance=steps_to_tolerance(result.loss, tolerance),
        final_loss=final if math.isfinite(final) else None,
        distance_to_minimum=distance,
        diverged_at=result.stopped_at if result.status != "ok" else None,
    )
