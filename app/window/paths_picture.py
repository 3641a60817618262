"""The contour map with every run's whole path, as one picture (TensorBoard's image of the runs)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from app.dashboards.series import RunSeries
from app.window.animation import AnimationSpec, FrameRenderer
from widgets.common.view_data import RunPath, SurfaceGrid


def paths_picture(grid: SurfaceGrid, series: Sequence[RunSeries]) -> np.ndarray:
    """The contour map with every path to its end, as the GIF export draws its last frame."""
    paths = tuple(
        RunPath(s.name, s.label, s.color, s.params, s.loss, s.status != "ok") for s in series if len(s.params)
    )
    steps = max((len(p.xy) - 1 for p in paths), default=0)
    return FrameRenderer(AnimationSpec(grid, paths, steps)).frame(steps)
