"""Groups of pyqtgraph GL items the 3D view reuses: the draped surface, symbols, and the axes box.

The runs' paths (`widgets.gl.gl_run_paths`) and the shared GL options (`widgets.gl.gl_style`) are
re-exported here.

Plain classes composing pyqtgraph items (no Qt subclasses). They hold geometry in scene
coordinates (see `widgets.gl.surface_mesh`) and never compute anything but drawing positions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph.opengl as gl
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from widgets.common.height_transform import HeightTransform
from widgets.common.nice_ticks import format_tick, height_ticks, nice_ticks
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
from widgets.gl.surface_mesh import SCENE_HALF, SCENE_HEIGHT, PlaneTransform, sample_heights
from widgets.views.layered_gl_view import StaticGLLinePlotItem

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
MAX_TICKS = 12  # label slots per axis (nice_ticks gives at most 2 * AXIS_TICKS + 1)
TEXT_PX = 13
TICK_PX = 12
TEXT_COLOR = QColor(225, 225, 225)
GRID_COLOR = (1.0, 1.0, 1.0, 0.22)
LABEL_GAP_PX = 4.0  # height tick values keep this far left of the box on screen
MIN_TICK_GAP_PX = 13.0  # height tick values closer than this on screen are hidden (a view from above)


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


class AxesGLItems:
    """A light floor grid, wall lines at the height ticks, a height axis, labels and tick values.

    Ticks sit at round values (`widgets.common.nice_ticks`). The tick values and the height axis
    face the camera: they go to the floor edges nearest to it, outside the box (`face`), so
    they are never drawn over the surface whichever way the scene is orbited.
    """

    def __init__(self, view: gl.GLViewWidget) -> None:
        self.lines = StaticGLLinePlotItem(glOptions="translucent", mode="lines", color=GRID_COLOR, width=1.0)
        self.lines.setDepthValue(DEPTH_AXES)
        self.lines.setVisible(False)
        view.addItem(self.lines)
        self.text = GLTextBatchItem()  # every tick value and label in one QPainter pass
        self.text.setDepthValue(DEPTH_MARKER + 20)
        view.addItem(self.text)
        self.x_ticks = [self._text(TICK_PX) for _ in range(MAX_TICKS)]
        self.y_ticks = [self._text(TICK_PX) for _ in range(MAX_TICKS)]
        self.z_ticks = [self._text(TICK_PX) for _ in range(MAX_TICKS)]
        self.x_label = self._text(TEXT_PX)
        self.y_label = self._text(TEXT_PX)
        self.z_label = self._text(TEXT_PX)
        self._x_at = np.zeros(0)  # scene positions of the ticks shown
        self._y_at = np.zeros(0)
        self._z_at = np.zeros(0)
        self._side: tuple[float, float] = (1.0, -1.0)  # (sign of x, sign of y) of the nearest corner
        self._azimuth = -60.0
        self._project: Callable[[np.ndarray], np.ndarray] | None = None

    def _text(self, pixels: int) -> GLTextLabel:
        return self.text.add_label(color=TEXT_COLOR, font=pixel_font(pixels))

    @property
    def shown_x_ticks(self) -> list[GLTextLabel]:
        return [item for item in self.x_ticks if item.visible()]

    @property
    def shown_y_ticks(self) -> list[GLTextLabel]:
        return [item for item in self.y_ticks if item.visible()]

    @property
    def shown_z_ticks(self) -> list[GLTextLabel]:
        return [item for item in self.z_ticks if item.visible()]

    def update(self, plane: PlaneTransform, heights: HeightTransform, labels: tuple[str, str, str]) -> None:
        """Place lines and labels for a domain, a height transform and (x, y, z) axis labels."""
        h = SCENE_HALF
        x_values = nice_ticks(plane.x0, plane.x1, AXIS_TICKS)
        y_values = nice_ticks(plane.y0, plane.y1, AXIS_TICKS)
        z_values = height_ticks(heights)
        self._x_at = np.asarray(plane.to_scene(np.array(x_values), np.zeros(len(x_values)))[0])
        self._y_at = np.asarray(plane.to_scene(np.zeros(len(y_values)), np.array(y_values))[1])
        self._z_at = heights(np.array(z_values, dtype=np.float64))
        segments: list[list[float]] = []
        for t in self._x_at:  # floor grid at the round values
            segments += [[t, -h, FLOOR_Z], [t, h, FLOOR_Z]]
        for t in self._y_at:
            segments += [[-h, t, FLOOR_Z], [h, t, FLOOR_Z]]
        segments += [[-h, -h, FLOOR_Z], [h, -h, FLOOR_Z], [-h, h, FLOOR_Z], [h, h, FLOOR_Z]]
        segments += [[-h, -h, FLOOR_Z], [-h, h, FLOOR_Z], [h, -h, FLOOR_Z], [h, h, FLOOR_Z]]
        for z in self._z_at:  # back walls (x = -h and y = +h) at each height tick
            segments += [[-h, -h, z], [-h, h, z], [-h, h, z], [h, h, z]]
        self.lines.setData(pos=np.array(segments, dtype=np.float32))
        self.lines.setVisible(True)
        for items, values in ((self.x_ticks, x_values), (self.y_ticks, y_values), (self.z_ticks, z_values)):
            for k, item in enumerate(items):
                shown = k < len(values)
                item.setVisible(shown)
                if shown:
                    item.setData(text=format_tick(values[k]))
        x_text, y_text, z_text = labels
        self.x_label.setData(text=x_text)
        self.y_label.setData(text=y_text)
        self.z_label.setData(text=z_text)
        self._place(self._side)

    def face(self, azimuth: float, project: Callable[[np.ndarray], np.ndarray] | None = None) -> None:
        """Move the tick values to the box edges nearest a camera at this azimuth (degrees);
        ``project`` (scene points -> pixels) picks the height axis' corner: the left-most."""
        self._azimuth = azimuth
        self._project = project
        angle = np.radians(azimuth)
        side = (1.0 if np.cos(angle) >= 0 else -1.0, 1.0 if np.sin(angle) >= 0 else -1.0)
        self._place(side)

    def _left_corner(self, right: np.ndarray) -> tuple[float, float]:
        h = SCENE_HALF
        corners = np.array([[-h, -h], [h, -h], [-h, h], [h, h]])
        if self._project is None:
            at = corners @ right
        else:
            points = np.c_[np.repeat(corners, 2, axis=0), np.tile([FLOOR_Z, SCENE_HEIGHT], 4)]
            at = self._project(points)[:, 0].reshape(4, 2).max(axis=1)
        x, y = corners[int(np.argmin(at))]
        return float(x), float(y)

    def _clear_box(self, labels: list[GLTextLabel]) -> None:
        """Shift right-aligned labels left of the whole box on screen (the surface lies in it)."""
        if self._project is None or not labels:
            for label in labels:
                label.shift_px = 0.0
            return
        h = SCENE_HALF
        box = np.array([[x, y, z] for x in (-h, h) for y in (-h, h) for z in (FLOOR_Z, SCENE_HEIGHT)])
        left = float(self._project(box)[:, 0].min()) - LABEL_GAP_PX
        anchors = self._project(np.array([label.pos for label in labels]))
        for label, x in zip(labels, anchors[:, 0], strict=True):
            label.shift_px = 0.0
            width = -label.offset()[0]  # right-aligned: the text ends at the anchor
            # left of the box, but never cut by the view's left edge
            label.shift_px = min(0.0, max(left - float(x), LABEL_GAP_PX + width - float(x)))
        # Seen from (nearly) straight above the height axis shrinks: its values would pile up.
        roomy = len(labels) < 2 or float(np.abs(np.diff(anchors[:, 1])).min()) >= MIN_TICK_GAP_PX
        for label in labels:
            label.setVisible(roomy)
        self.z_label.setVisible(roomy)
        self.text.update()

    def _place(self, side: tuple[float, float]) -> None:
        self._side = side
        sx, sy = side
        h, top, pad = SCENE_HALF, SCENE_HEIGHT, 0.1 * SCENE_HALF
        angle = np.radians(self._azimuth)
        right = np.array([-np.sin(angle), np.cos(angle)])  # the screen's right, on the floor
        center = Qt.AlignmentFlag.AlignHCenter
        v_center = Qt.AlignmentFlag.AlignVCenter

        def away(x: float, y: float) -> Qt.AlignmentFlag:
            """Under the edge whose outward normal is (x, y), growing away from the box."""
            across = x * right[0] + y * right[1]
            if abs(across) < 0.7:
                return center | Qt.AlignmentFlag.AlignTop
            side = Qt.AlignmentFlag.AlignLeft if across > 0 else Qt.AlignmentFlag.AlignRight
            return side | Qt.AlignmentFlag.AlignTop

        x_edge, y_edge = sy * (h + pad), sx * (h + pad)
        for item, t in zip(self.x_ticks, self._x_at, strict=False):
            item.setData(pos=(t, x_edge, FLOOR_Z), alignment=away(0.0, sy))
        for item, t in zip(self.y_ticks, self._y_at, strict=False):
            item.setData(pos=(y_edge, t, FLOOR_Z), alignment=away(sx, 0.0))
        cx, cy = self._left_corner(right)  # the height axis: at the corner left-most on screen
        ox, oy = np.sign(cx) * pad, np.sign(cy) * pad
        for item, z in zip(self.z_ticks, self._z_at, strict=False):
            item.setData(pos=(cx + ox, cy + oy, z), alignment=Qt.AlignmentFlag.AlignRight | v_center)
        self._clear_box(self.z_ticks[: len(self._z_at)])
        self.x_label.setData(pos=(0.0, sy * (h + 3.5 * pad), FLOOR_Z), alignment=away(0.0, sy))
        self.y_label.setData(pos=(sx * (h + 3.5 * pad), 0.0, FLOOR_Z), alignment=away(sx, 0.0))
        self.z_label.setData(pos=(cx, cy, top + pad), alignment=center | Qt.AlignmentFlag.AlignBottom)
