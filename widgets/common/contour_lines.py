"""Iso-lines of a gridded field as line segments (marching squares), holes left open.

Pure numpy, no Qt. Written here rather than using ``pyqtgraph.isocurve`` because that one runs
a Python loop per cell and per level and knows nothing of holes: it would ring every NaN region
with spurious contours. This is vectorised over cells and skips any cell touching a NaN.
"""

from __future__ import annotations

import numpy as np


def _edge_points(
    a: np.ndarray,
    b: np.ndarray,
    pa: tuple[np.ndarray, np.ndarray],
    pb: tuple[np.ndarray, np.ndarray],
    level: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Where the level crosses the edge a->b (valid only where it does); (N, 2) points and mask."""
    crosses = (a >= level) != (b >= level)
    denom = np.where(crosses, b - a, 1.0)
    t = np.where(crosses, (level - a) / denom, 0.0)
    x = pa[0] + t * (pb[0] - pa[0])
    y = pa[1] + t * (pb[1] - pa[1])
    return np.stack([x, y], axis=-1), crosses


def contour_segments(xs: np.ndarray, ys: np.ndarray, values: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Segments of the iso-lines of ``values[j, i]`` at (xs[i], ys[j]) as (2K, 2) end points.

    Consecutive rows pair up (draw with ``connect='pairs'``). Cells with a non-finite corner
    are skipped, so holes stay open.
    """
    v = np.asarray(values, dtype=np.float64)
    if v.shape[0] < 2 or v.shape[1] < 2:
        return np.zeros((0, 2))
    gx, gy = np.meshgrid(np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64))
    # Corners of every cell: 00 = (j, i), 10 = (j, i+1), 01 = (j+1, i), 11 = (j+1, i+1).
    corners = {
        "00": (v[:-1, :-1], gx[:-1, :-1], gy[:-1, :-1]),
        "10": (v[:-1, 1:], gx[:-1, 1:], gy[:-1, 1:]),
        "01": (v[1:, :-1], gx[1:, :-1], gy[1:, :-1]),
        "11": (v[1:, 1:], gx[1:, 1:], gy[1:, 1:]),
    }
    finite = np.isfinite(v)
    cell_ok = (finite[:-1, :-1] & finite[:-1, 1:] & finite[1:, :-1] & finite[1:, 1:]).ravel()
    filled = {
        k: (np.where(np.isfinite(c[0]), c[0], 0.0).ravel(), c[1].ravel(), c[2].ravel())
        for k, c in corners.items()
    }
    edges = (("00", "10"), ("10", "11"), ("01", "11"), ("00", "01"))  # bottom, right, top, left
    out: list[np.ndarray] = []
    for level in np.asarray(levels, dtype=np.float64).ravel():
        points, masks = [], []
        for ka, kb in edges:
            a, b = filled[ka], filled[kb]
            p, m = _edge_points(a[0], b[0], (a[1], a[2]), (b[1], b[2]), level)
            points.append(p)
            masks.append(m & cell_ok)
        pts = np.stack(points, axis=1)  # (cells, 4 edges, 2)
        mask = np.stack(masks, axis=1)  # (cells, 4)
        count = mask.sum(axis=1)
        two = count == 2
        if two.any():
            first = np.argmax(mask[two], axis=1)
            second = 3 - np.argmax(mask[two][:, ::-1], axis=1)
            rows = np.flatnonzero(two)
            out.append(np.stack([pts[rows, first], pts[rows, second]], axis=1).reshape(-1, 2))
        four = np.flatnonzero(count == 4)  # saddle cells: pair bottom-left and top-right edges
        if four.size:
            pairs = np.stack([pts[four, 0], pts[four, 3], pts[four, 1], pts[four, 2]], axis=1).reshape(-1, 2)
            out.append(pairs)
    return np.concatenate(out) if out else np.zeros((0, 2))
