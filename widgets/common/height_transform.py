"""How loss values map to display heights, shared by the 3D surface, its paths and the contour map.

Pure numpy, no Qt. A loss ``z`` goes through a base transform ``t = z - zmin`` (linear) or
``t = log10(1 + z - zmin)`` (log height), is clipped to ``[0, t_top]`` and normalised to
``[0, scale]``. ``t_top`` is a robust upper limit: when the top 1% of the grid spans most of the
range (rosenbrock, beale), the 99th percentile is used instead of the maximum so the rest of the
surface keeps its relief. Non-finite input gives NaN, never a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Clip the top at the 99th percentile when the full range is more than this many times larger.
ROBUST_RATIO = 2.0
ROBUST_PERCENTILE = 99.0


def _base(values: np.ndarray, zmin: float, log: bool) -> np.ndarray:
    """``z - zmin`` or ``log10(1 + z - zmin)``; non-finite in, NaN out; below zmin clipped to 0."""
    out = np.full(values.shape, np.nan, dtype=np.float64)
    finite = np.isfinite(values)
    shifted = np.maximum(values[finite] - zmin, 0.0)
    out[finite] = np.log10(1.0 + shifted) if log else shifted
    return out


@dataclass(frozen=True)
class HeightTransform:
    """``display = clip(base(z), 0, t_top) / t_top * scale``; see the module docstring."""

    zmin: float = 0.0
    t_top: float = 1.0
    log: bool = False
    scale: float = 1.0
    clipped: bool = False  # True when t_top is the robust percentile, below the grid's maximum

    def __post_init__(self) -> None:
        if not (self.scale > 0.0 and self.t_top > 0.0):
            raise ValueError("scale and t_top must be positive")

    @classmethod
    def fit(cls, z: np.ndarray, *, log: bool = False, scale: float = 1.0) -> HeightTransform:
        """The transform for a grid of losses ``z`` (any shape; non-finite entries ignored)."""
        values = np.asarray(z, dtype=np.float64)
        finite = values[np.isfinite(values)]
        if finite.size == 0:
            return cls(0.0, 1.0, log, scale, False)
        zmin = float(finite.min())
        base = _base(finite, zmin, log)
        top = float(base.max())
        robust = float(np.percentile(base, ROBUST_PERCENTILE))
        clipped = robust > 0.0 and top > ROBUST_RATIO * robust
        if clipped:
            top = robust
        if not top > 0.0:  # a flat grid: any positive top keeps it at height 0
            top = 1.0
        return cls(zmin, top, log, scale, clipped)

    @property
    def zmax(self) -> float:
        """The real loss shown at the top of the range (the clip level)."""
        return float(self.to_loss(np.array([self.scale]))[0])

    def __call__(self, z: np.ndarray) -> np.ndarray:
        """Display heights of ``z`` (float64, same shape), clipped to ``[0, scale]``."""
        base = _base(np.asarray(z, dtype=np.float64), self.zmin, self.log)
        np.clip(base, 0.0, self.t_top, out=base)
        return base * (self.scale / self.t_top)

    def unit(self, z: np.ndarray) -> np.ndarray:
        """Display heights normalised to ``[0, 1]`` (what the colour map is indexed by)."""
        return self(z) / self.scale

    def to_loss(self, display: np.ndarray) -> np.ndarray:
        """The real loss at display heights ``display`` (for legend and axis tick labels)."""
        t = np.asarray(display, dtype=np.float64) * (self.t_top / self.scale)
        return self.zmin + (np.power(10.0, t) - 1.0 if self.log else t)
