"""Screen-space geometry that keeps the 3D view's axis texts off the surface and off each other.

Pure numpy (and scipy's convex hull): rectangles are rows ``(left, top, right, bottom)`` in widget
pixels; the obstacle is the convex hull of the projected surface and floor. A perspective
projection keeps convexity, so the hull of the projected 3D hull's vertices (`hull_vertices`,
computed once per surface) is the projected outline's hull: cheap on every camera move.
"""

from __future__ import annotations

import numpy as np

EPS = 1e-9


def hull_vertices(points: np.ndarray) -> np.ndarray:
    """The points (N, D) on their convex hull (all of them when the hull is degenerate)."""
    # scipy.spatial (~0.2 s to import) is loaded by the first surface's grid job on the worker
    # (app/window/grid_tasks.py), not on the start-up's import path
    from scipy.spatial import ConvexHull, QhullError

    pts = np.asarray(points, dtype=np.float64)
    if len(pts) <= pts.shape[1] + 1:
        return pts
    try:
        return pts[ConvexHull(pts).vertices]
    except QhullError:
        return pts


def hull_2d(points: np.ndarray) -> np.ndarray:
    """Counter-clockwise (in y-down pixels: clockwise on screen) hull polygon (K, 2) of points."""
    return hull_vertices(np.asarray(points, dtype=np.float64).reshape(-1, 2))


def _axes(hull: np.ndarray) -> np.ndarray:
    """Unit separating-axis candidates: the rectangles' two axes and the hull's edge normals."""
    edges = np.roll(hull, -1, axis=0) - hull
    normals = np.c_[-edges[:, 1], edges[:, 0]]
    length = np.hypot(normals[:, 0], normals[:, 1])
    normals = normals[length > EPS] / length[length > EPS, None]
    return np.vstack([[1.0, 0.0], [0.0, 1.0], normals])


def _intervals(rects: np.ndarray, axes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each rectangle's extent (N, A) along each axis."""
    center = np.c_[rects[:, 0] + rects[:, 2], rects[:, 1] + rects[:, 3]] / 2.0
    half = np.c_[rects[:, 2] - rects[:, 0], rects[:, 3] - rects[:, 1]] / 2.0
    mid = center @ axes.T
    reach = half @ np.abs(axes).T
    return mid - reach, mid + reach


def push_out(rects: np.ndarray, direction: np.ndarray, hull: np.ndarray, gap: float) -> np.ndarray:
    """Smallest t >= 0 (N,) moving each rectangle by ``t * direction`` (a unit vector) until it
    is at least ``gap`` pixels clear of the convex polygon ``hull``; inf if it never is."""
    rects = np.asarray(rects, dtype=np.float64).reshape(-1, 4)
    if len(hull) == 0 or len(rects) == 0:
        return np.zeros(len(rects))
    axes = _axes(hull)
    low, high = _intervals(rects, axes)
    proj = hull @ axes.T
    h_low, h_high = proj.min(axis=0) - gap, proj.max(axis=0) + gap
    clear = (low >= h_high) | (high <= h_low)
    k = axes @ np.asarray(direction, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ahead = np.where(k > EPS, (h_high - low) / k, np.inf)
        behind = np.where(k < -EPS, (h_low - high) / k, np.inf)
    t = np.where(clear, 0.0, np.minimum(ahead, behind))
    result: np.ndarray = np.maximum(t.min(axis=1), 0.0)
    return result


def clear_of_hull(rects: np.ndarray, hull: np.ndarray, gap: float = 0.0) -> np.ndarray:
    """Which rectangles (N,) lie wholly outside the convex polygon ``hull`` (by ``gap``)."""
    rects = np.asarray(rects, dtype=np.float64).reshape(-1, 4)
    if len(hull) == 0:
        return np.ones(len(rects), dtype=bool)
    axes = _axes(hull)
    low, high = _intervals(rects, axes)
    proj = hull @ axes.T
    separated = (low >= proj.max(axis=0) + gap) | (high <= proj.min(axis=0) - gap)
    found: np.ndarray = separated.any(axis=1)
    return found


def overlaps(rect: np.ndarray, others: np.ndarray, gap: float) -> bool:
    """Whether ``rect`` comes closer than ``gap`` to any of ``others`` (M, 4)."""
    if len(others) == 0:
        return False
    o = np.asarray(others, dtype=np.float64).reshape(-1, 4)
    apart = (
        (o[:, 2] + gap <= rect[0])
        | (rect[2] + gap <= o[:, 0])
        | (o[:, 3] + gap <= rect[1])
        | (rect[3] + gap <= o[:, 1])
    )
    return not bool(apart.all())


def inside(rects: np.ndarray, width: float, height: float) -> np.ndarray:
    """Which rectangles (N,) lie wholly inside a ``width`` x ``height`` view."""
    r = np.asarray(rects, dtype=np.float64).reshape(-1, 4)
    found: np.ndarray = (r[:, 0] >= 0) & (r[:, 1] >= 0) & (r[:, 2] <= width) & (r[:, 3] <= height)
    return found


def outward_normal(a: np.ndarray, b: np.ndarray, center: np.ndarray) -> np.ndarray:
    """Unit screen normal of the segment a-b pointing away from ``center``."""
    d = np.asarray(b, dtype=np.float64) - np.asarray(a, dtype=np.float64)
    n = np.array([-d[1], d[0]])
    length = float(np.hypot(*n))
    if length < EPS:  # seen end-on: away from the centre through the point
        n, length = np.asarray(a, dtype=np.float64) - center, float(np.hypot(*(a - center)))
        if length < EPS:
            return np.array([0.0, 1.0])
    n = n / length
    mid = (np.asarray(a) + np.asarray(b)) / 2.0
    result: np.ndarray = n if float(n @ (mid - center)) >= 0 else -n
    return result
