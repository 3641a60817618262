"""Which points of a long run a 2D view draws: about two per pixel, the ends always exact.

A 400 px view cannot show 5,000 steps; handing Qt every point makes the paint of 9 runs (outline +
line each, wide pens) take tens of ms on the GUI thread. The stride is fixed by the run's whole
length, so the drawn points do not shift while the play head moves, and it is odd, so a path that
zig-zags every step (too large a learning rate) is still drawn zig-zagging, not along one wall.
"""

from __future__ import annotations

import numpy as np

MAX_DRAWN_POINTS = 1_000  # ~2 points per pixel across a view up to 500 px wide


def path_stride(length: int, limit: int = MAX_DRAWN_POINTS) -> int:
    """The odd step between drawn points of a run of `length` points: 1 while it fits in `limit`."""
    if limit < 2:
        raise ValueError(f"limit must be at least 2, got {limit}")
    stride = max(1, -(-length // limit))  # ceil(length / limit)
    return stride if stride % 2 else stride + 1


def drawn_indices(head: int, stride: int) -> np.ndarray:
    """Indices of points 0 … head to draw: every `stride`-th from 0, and `head` itself, exactly."""
    if head < 0:
        return np.zeros(0, dtype=np.intp)
    picked = np.arange(0, head + 1, stride, dtype=np.intp)
    if picked[-1] != head:
        picked = np.append(picked, head)
    return picked
