"""Turn a sampled loss surface into a small viridis picture. Pure numpy: safe on worker threads."""

from __future__ import annotations

import numpy as np
from pyqtgraph import colormap

from widgets.common.palette import HEIGHT_COLORMAP

HOLE_RGB = (40, 40, 40)
# Log-scale the heights when most of the surface would otherwise be one flat colour: the range is
# more than this many times the median height above the minimum (Rosenbrock: ~17, a round bowl: ~4).
LOG_RANGE_RATIO = 10.0


def _resample(z: np.ndarray, size: int) -> np.ndarray:
    """Nearest-neighbour resample to ``size`` × ``size`` (z[j, i], j = y grows upward)."""
    rows = np.linspace(0, z.shape[0] - 1, size).round().astype(int)
    cols = np.linspace(0, z.shape[1] - 1, size).round().astype(int)
    return np.asarray(z[np.ix_(rows, cols)])


def normalized_heights(z: np.ndarray) -> np.ndarray:
    """Heights mapped to 0..1 (NaN stays NaN), log-scaled when the range is huge."""
    z = np.asarray(z, dtype=float)
    finite = np.isfinite(z)
    out = np.full(z.shape, np.nan)
    if not finite.any():
        return out
    shifted = z[finite] - z[finite].min()
    span = float(shifted.max())
    if span <= 0:
        out[finite] = 0.5
        return out
    median = float(np.median(shifted))
    if span > LOG_RANGE_RATIO * median:
        floor = max(median, span * 1e-6) * 1e-2
        shifted = np.log10(shifted + floor)
        shifted -= shifted.min()
        span = float(shifted.max())
    out[finite] = shifted / span
    return out


def render_thumbnail(z: np.ndarray, size: int = 96) -> np.ndarray:
    """``size`` × ``size`` × 3 uint8 viridis image of the height grid ``z`` (rows = y, upward).

    NaN/inf cells (outside the domain) are drawn dark grey. No Qt objects are created.
    """
    z = np.asarray(z, dtype=float)
    if z.ndim != 2 or z.size == 0:
        raise ValueError(f"need a non-empty 2-D height grid, got shape {z.shape}")
    heights = normalized_heights(_resample(z, size))[::-1]  # image row 0 is the top (largest y)
    holes = np.isnan(heights)
    rgba = colormap.get(HEIGHT_COLORMAP).map(np.where(holes, 0.0, heights), mode="byte")
    rgb = np.ascontiguousarray(rgba[..., :3], dtype=np.uint8)
    rgb[holes] = HOLE_RGB
    return rgb
