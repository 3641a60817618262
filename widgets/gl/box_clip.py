"""Cut a path where it leaves the 3D view's box, so a diverging run never draws lines out of the scene."""

from __future__ import annotations

import numpy as np

from widgets.gl.surface_mesh import SCENE_HALF, SCENE_HEIGHT


def clip_to_box(
    points: np.ndarray, half: float = SCENE_HALF, low: float = 0.0, high: float = SCENE_HEIGHT
) -> tuple[np.ndarray, bool]:
    """``points`` (L, 3) up to where the path first leaves the box |x|, |y| <= half, low <= z <= high.

    Returns the points kept (the last one moved onto the box's wall where the path crosses it) and
    whether the path left the box. A path whose first point is already outside keeps that point,
    pulled onto the box.
    """
    lo = np.array([-half, -half, low])
    hi = np.array([half, half, high])
    outside = np.any((points < lo) | (points > hi) | ~np.isfinite(points), axis=1)
    if not outside.any():
        return points, False
    first = int(np.argmax(outside))
    if first == 0:
        return np.clip(np.nan_to_num(points[:1], nan=0.0), lo, hi).astype(points.dtype), True
    inside, beyond = points[first - 1].astype(np.float64), points[first].astype(np.float64)
    step = beyond - inside
    t = 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        for axis in range(3):
            if not np.isfinite(beyond[axis]):
                t = 0.0
            elif beyond[axis] > hi[axis]:
                t = min(t, (hi[axis] - inside[axis]) / step[axis])
            elif beyond[axis] < lo[axis]:
                t = min(t, (lo[axis] - inside[axis]) / step[axis])
    exit_point = np.clip(inside + max(t, 0.0) * np.nan_to_num(step), lo, hi)
    return np.vstack([points[:first], exit_point[None, :].astype(points.dtype)]), True
