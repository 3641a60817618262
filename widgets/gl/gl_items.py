"""Groups of pyqtgraph GL items the 3D view reuses: the draped surface, symbols, and the axes box.

The runs' paths (`widgets.gl.gl_run_paths`) and the shared GL options (`widgets.gl.gl_style`) are
re-exported here.

Plain classes composing pyqtgraph items (no Qt subclasses). They hold geometry in scene
coordinates (see `widgets.gl.surface_mesh`) and never compute anything but drawing positions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph.opengl as gl
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from widgets.gl.gl_batch_items import GLTextBatchItem, GLTextLabel
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
    pixel_font,
    rgba,
)
from widgets.views.height_legend import format_loss
from widgets.common.height_transform import HeightTransform
from widgets.views.layered_gl_view import StaticGLLinePlotItem
from widgets.gl.surface_mesh import SCENE_HALF, SCENE_HEIGHT, PlaneTransform, sample_heights

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


FLOOR_Z = -0.04 * SCENE_HEIGHT
AXIS_TICKS = 5
TEXT_PX = 13
TICK_PX = 12
TEXT_COLOR = QColor(225, 225, 225)
GRID_COLOR = (1.0, 1.0, 1.0, 0.22)


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


class GLSymbolsItem(GLGraphicsItem):
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


class AxesGLItems:
    """A light floor grid, wall lines at the height ticks, a height axis, labels and tick values.

    The height axis stands at the (x0, y0) corner, the left-most one from the default camera.
    """

    def __init__(self, view: gl.GLViewWidget) -> None:
        self.lines = StaticGLLinePlotItem(glOptions="translucent", mode="lines", color=GRID_COLOR, width=1.0)
        self.lines.setDepthValue(DEPTH_AXES)
        self.lines.setVisible(False)
        view.addItem(self.lines)
        self.text = GLTextBatchItem()  # every tick value and label in one QPainter pass
        self.text.setDepthValue(DEPTH_MARKER + 20)
        view.addItem(self.text)
        self.x_ticks = [self._text(TICK_PX) for _ in range(AXIS_TICKS)]
        self.y_ticks = [self._text(TICK_PX) for _ in range(AXIS_TICKS)]
        self.z_ticks = [self._text(TICK_PX) for _ in range(3)]
        self.x_label = self._text(TEXT_PX)
        self.y_label = self._text(TEXT_PX)
        self.z_label = self._text(TEXT_PX)

    def _text(self, pixels: int) -> GLTextLabel:
        return self.text.add_label(color=TEXT_COLOR, font=pixel_font(pixels))

    def update(self, plane: PlaneTransform, heights: HeightTransform, labels: tuple[str, str, str]) -> None:
        """Place lines and labels for a domain, a height transform and (x, y, z) axis labels."""
        h, top = SCENE_HALF, SCENE_HEIGHT
        ticks = np.linspace(-h, h, AXIS_TICKS)
        segments: list[list[float]] = []
        for t in ticks:  # floor grid
            segments += [[t, -h, FLOOR_Z], [t, h, FLOOR_Z], [-h, t, FLOOR_Z], [h, t, FLOOR_Z]]
        z_levels = (0.0, 0.5 * top, top)
        for z in z_levels:  # back walls (x = -h and y = +h) at each height tick
            segments += [[-h, -h, z], [-h, h, z], [-h, h, z], [h, h, z]]
        segments += [[-h, -h, FLOOR_Z], [-h, -h, top]]  # the height axis, at the left corner
        self.lines.setData(pos=np.array(segments, dtype=np.float32))
        self.lines.setVisible(True)

        center = Qt.AlignmentFlag.AlignHCenter
        x_values = np.linspace(plane.x0, plane.x1, AXIS_TICKS)
        y_values = np.linspace(plane.y0, plane.y1, AXIS_TICKS)
        pad = 0.1 * h
        for item, t, value in zip(self.x_ticks, ticks, x_values, strict=True):
            item.setData(
                pos=(t, -h - pad, FLOOR_Z), text=f"{value:.3g}", alignment=center | Qt.AlignmentFlag.AlignTop
            )
        for item, t, value in zip(self.y_ticks, ticks, y_values, strict=True):
            item.setData(
                pos=(h + pad, t, FLOOR_Z),
                text=f"{value:.3g}",
                alignment=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
        losses = heights.to_loss(np.array(z_levels))
        for item, z, loss in zip(self.z_ticks, z_levels, losses, strict=True):
            item.setData(
                pos=(-h - 0.5 * pad, -h - 0.5 * pad, z),
                text=format_loss(float(loss)),
                alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            )
        x_text, y_text, z_text = labels
        self.x_label.setData(
            pos=(0.0, -h - 3.2 * pad, FLOOR_Z), text=x_text, alignment=center | Qt.AlignmentFlag.AlignTop
        )
        self.y_label.setData(
            pos=(h + 3.2 * pad, 0.0, FLOOR_Z),
            text=y_text,
            alignment=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
        self.z_label.setData(
            pos=(-h, -h, top + pad), text=z_text, alignment=center | Qt.AlignmentFlag.AlignBottom
        )
