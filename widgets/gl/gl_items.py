"""Groups of pyqtgraph GL items the 3D view reuses: the draped surface, symbols, and the axes box.

The axes (`widgets.gl.gl_axes`), the runs' paths (`widgets.gl.gl_run_paths`) and the shared GL
options (`widgets.gl.gl_style`) are re-exported here.

Plain classes composing pyqtgraph items (no Qt subclasses). They hold geometry in scene
coordinates (see `widgets.gl.surface_mesh`) and never compute anything but drawing positions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from PySide6.QtGui import QBrush, QPainter, QPen

from widgets.common.height_transform import HeightTransform
from widgets.gl.gl_axes import AxesGLItems
from widgets.gl.gl_run_paths import CROSS_GLYPH, RunPathGLItems, RunPathPart, RunPathsGLItems
from widgets.gl.gl_style import (
    DEPTH_AXES,
    DEPTH_MARKER,
    DEPTH_PATH,
    DEPTH_SURFACE,
    DEPTH_WIRE,
    MARKER_GL_OPTIONS,
    OUTLINE_GL_OPTIONS,
    OVERLAY_GL_OPTIONS,
    rgba,
)
from widgets.gl.surface_mesh import PlaneTransform, sample_heights

__all__ = [
    "CROSS_GLYPH",
    "DEPTH_AXES",
    "DEPTH_MARKER",
    "DEPTH_PATH",
    "DEPTH_SURFACE",
    "DEPTH_WIRE",
    "MARKER_GL_OPTIONS",
    "OUTLINE_GL_OPTIONS",
    "OVERLAY_GL_OPTIONS",
    "AxesGLItems",
    "DrapedSurface",
    "GLSymbolsItem",
    "RunPathGLItems",
    "RunPathPart",
    "RunPathsGLItems",
    "rgba",
    "subdivide_segments",
]


@dataclass(frozen=True)
class DrapedSurface:
    """The displayed height field (scene coordinates), for laying overlays onto it."""

    plane: PlaneTransform
    sx: np.ndarray  # (nx,)
    sy: np.ndarray  # (ny,)
    display: np.ndarray  # (ny, nx) scene heights, NaN = hole
    transform: HeightTransform  # loss -> scene height, as for the mesh

    def heights(self, sx: np.ndarray, sy: np.ndarray) -> np.ndarray:
        """Surface heights at scene points, clamped into the domain; 0 over holes."""
        px = np.clip(sx, self.sx[0], self.sx[-1])
        py = np.clip(sy, self.sy[0], self.sy[-1])
        z = sample_heights(self.sx, self.sy, self.display, px, py)
        return np.where(np.isfinite(z), z, 0.0)

    def on_surface(self, x: np.ndarray, y: np.ndarray, loss: np.ndarray, lift: float) -> np.ndarray:
        """Scene points (N, 3) of parameter points with known losses: at the loss's height but
        never below the drawn mesh (it interpolates linearly between grid points), then lifted."""
        sx, sy = self.plane.to_scene(x, y)
        z = self.transform(np.asarray(loss, dtype=np.float64))
        z = np.fmax(np.where(np.isfinite(z), z, 0.0), self.heights(sx, sy))
        return np.column_stack([sx, sy, z + lift]).astype(np.float32)

    def drape(self, scene_xy: np.ndarray, lift: float) -> np.ndarray:
        """Scene points (N, 2) set onto the surface and raised by ``lift``: (N, 3) float32."""
        xy = np.asarray(scene_xy, dtype=np.float64).reshape(-1, 2)
        z = self.heights(xy[:, 0], xy[:, 1]) + lift
        return np.column_stack([xy, z]).astype(np.float32)


def subdivide_segments(ends: np.ndarray, pieces: int, keep_every: int = 1) -> np.ndarray:
    """Split each segment (rows 2k, 2k+1 of ``ends``) into ``pieces``; keep every ``keep_every``-th.

    Returns pair-wise end points (for 'lines' mode), so a draped segment follows the surface;
    ``keep_every=2`` makes it dashed.
    """
    pairs = np.asarray(ends, dtype=np.float64).reshape(-1, 2, ends.shape[-1])
    t = np.linspace(0.0, 1.0, pieces + 1)[:, None]
    points = pairs[:, None, 0] + t[None] * (pairs[:, None, 1] - pairs[:, None, 0])  # (K, pieces+1, D)
    kept = np.arange(0, pieces, keep_every)
    return np.stack([points[:, kept], points[:, kept + 1]], axis=2).reshape(-1, ends.shape[-1])


class GLSymbolsItem(GLGraphicsItem):  # type: ignore[misc]  # pyqtgraph has no type stubs: its classes are Any
    """Screen-aligned outlined symbols at 3D points, in the same shapes as the 2D map's scatter plots.

    `GLScatterPlotItem` draws round dots only; this paints pyqtgraph's symbol paths (triangles,
    diamonds, squares) with QPainter over the scene, like `GLTextItem` paints text.
    """

    def __init__(self, size: float) -> None:
        super().__init__()
        self.setGLOptions(MARKER_GL_OPTIONS)
        self.size = size
        self.pos = np.zeros((0, 3), dtype=np.float32)
        self.symbols: list[str] = []
        self._pens: list[QPen] = []
        self._brushes: list[QBrush] = []

    def setData(
        self, pos: np.ndarray, symbols: Sequence[str], pens: Sequence[QPen], brushes: Sequence[QBrush]
    ) -> None:
        self.pos = np.asarray(pos, dtype=np.float32).reshape(-1, 3)
        self.symbols, self._pens, self._brushes = list(symbols), list(pens), list(brushes)
        self.update()

    def paint(self) -> None:
        view = self.view()
        if view is None or not len(self.pos):
            return
        self.setupGLState()
        mvp = np.array(self.mvpMatrix().data(), dtype=np.float64).reshape(4, 4).T
        clip = np.c_[self.pos, np.ones(len(self.pos))] @ mvp.T
        front = clip[:, 3] > 1e-9  # points behind the camera are not drawn
        w = np.where(front, clip[:, 3], 1.0)
        px = (clip[:, 0] / w + 1.0) / 2.0 * view.width()
        py = (1.0 - clip[:, 1] / w) / 2.0 * view.height()
        painter = QPainter(view)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for k in np.flatnonzero(front):
            painter.save()
            painter.translate(px[k], py[k])
            drawSymbol(painter, self.symbols[k], self.size, self._pens[k], self._brushes[k])
            painter.restore()
        painter.end()
