"""Which point of a displayed height field lies under a pixel: unproject, march, bisect.

Pure numpy, no Qt. The caller gives the inverse of the (projection x view) matrix as a row-major
4x4 array and the click in normalised device coordinates.
"""

from __future__ import annotations

import numpy as np

from widgets.gl.surface_mesh import sample_heights

MARCH_SAMPLES = 600
BISECT_STEPS = 40


def unproject(inverse_mvp: np.ndarray, ndc_x: float, ndc_y: float) -> tuple[np.ndarray, np.ndarray]:
    """The ray (origin on the near plane, unit direction) through a point of the screen."""
    near = inverse_mvp @ np.array([ndc_x, ndc_y, -1.0, 1.0])
    far = inverse_mvp @ np.array([ndc_x, ndc_y, 1.0, 1.0])
    origin = near[:3] / near[3]
    direction = far[:3] / far[3] - origin
    return origin, direction / np.linalg.norm(direction)


def _box_interval(
    origin: np.ndarray, direction: np.ndarray, lo: np.ndarray, hi: np.ndarray
) -> tuple[float, float] | None:
    """Ray parameters where the ray is inside the axis-aligned box [lo, hi] (slab method)."""
    t_enter, t_exit = 0.0, np.inf
    for axis in range(3):
        d, o = direction[axis], origin[axis]
        if abs(d) < 1e-12:
            if o < lo[axis] or o > hi[axis]:
                return None
            continue
        t0, t1 = sorted(((lo[axis] - o) / d, (hi[axis] - o) / d))
        t_enter, t_exit = max(t_enter, t0), min(t_exit, t1)
    return (t_enter, t_exit) if t_enter <= t_exit else None


def pick_height_field(
    origin: np.ndarray,
    direction: np.ndarray,
    sx: np.ndarray,
    sy: np.ndarray,
    heights: np.ndarray,
) -> tuple[float, float] | None:
    """Scene (x, y) of the first point where the ray meets the surface, or None if it misses.

    ``heights[j, i]`` is the scene height over ``(sx[i], sy[j])``; NaN cells are holes.
    """
    finite = heights[np.isfinite(heights)]
    if finite.size == 0:
        return None
    pad = 1e-6
    lo = np.array([sx[0], sy[0], finite.min() - pad])
    hi = np.array([sx[-1], sy[-1], finite.max() + pad])
    span = _box_interval(origin, direction, lo, hi)
    if span is None:
        return None

    def gap(t: np.ndarray) -> np.ndarray:  # ray height above the surface (NaN over a hole)
        p = origin[:, None] + direction[:, None] * t[None, :]
        above: np.ndarray = p[2] - sample_heights(sx, sy, heights, p[0], p[1])
        return above

    ts = np.linspace(span[0], span[1], MARCH_SAMPLES)
    g = gap(ts)
    crossing = np.isfinite(g[:-1]) & np.isfinite(g[1:]) & (g[:-1] >= 0) & (g[1:] <= 0)
    hits = np.flatnonzero(crossing)
    if hits.size == 0:
        return None
    a, b = ts[hits[0]], ts[hits[0] + 1]
    for _ in range(BISECT_STEPS):
        mid = 0.5 * (a + b)
        if gap(np.array([mid]))[0] >= 0:
            a = mid
        else:
            b = mid
    point = origin + direction * (0.5 * (a + b))
    return float(point[0]), float(point[1])
