"""Groups of pyqtgraph GL items the 3D view reuses: one run's path, and the axes box with labels.

Plain classes composing pyqtgraph items (no Qt subclasses). They hold geometry in scene
coordinates (see `widgets.surface_mesh`) and never compute anything but drawing positions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph.opengl as gl
from OpenGL import GL
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen

from widgets.gl_batch_items import GLLineStripsItem, GLTextBatchItem, GLTextLabel
from widgets.height_legend import format_loss
from widgets.height_transform import HeightTransform
from widgets.layered_gl_view import StaticGLLinePlotItem
from widgets.palette import OUTLINE_COLOR
from widgets.surface_mesh import SCENE_HALF, SCENE_HEIGHT, PlaneTransform, sample_heights

# Depth-tested and blended; equal depth passes so an overlay at the surface's height still shows.
# Every option set states the depth mask, because GL keeps it between items (and frames).
OVERLAY_GL_OPTIONS: dict[object, object] = {
    GL.GL_DEPTH_TEST: True,
    GL.GL_BLEND: True,
    GL.GL_CULL_FACE: False,
    "glBlendFuncSeparate": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA, GL.GL_ONE, GL.GL_ONE_MINUS_SRC_ALPHA),
    "glDepthFunc": (GL.GL_LEQUAL,),
    "glDepthMask": (GL.GL_TRUE,),
}
# A path's dark outline is hidden by hills but writes no depth, so the coloured line drawn over it
# (wide lines of different widths rasterise to slightly different depths) never loses to it.
OUTLINE_GL_OPTIONS: dict[object, object] = {**OVERLAY_GL_OPTIONS, "glDepthMask": (GL.GL_FALSE,)}
# Markers stay visible through hills: a play head hidden behind a ridge is still where it is.
MARKER_GL_OPTIONS: dict[object, object] = {**OVERLAY_GL_OPTIONS, GL.GL_DEPTH_TEST: False}

# Draw order (GLViewWidget paints lower depth values first).
DEPTH_AXES, DEPTH_SURFACE, DEPTH_WIRE, DEPTH_PATH = 0, 1, 2, 3
DEPTH_MARKER = 10

FLOOR_Z = -0.04 * SCENE_HEIGHT
AXIS_TICKS = 5
TEXT_PX = 13
TICK_PX = 12
TEXT_COLOR = QColor(225, 225, 225)
GRID_COLOR = (1.0, 1.0, 1.0, 0.22)
CROSS_GLYPH = "✕"


def rgba(color: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    c = QColor(color)
    return (c.redF(), c.greenF(), c.blueF(), alpha)


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


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


class RunPathPart:
    """One run's share of a merged path item, reporting what that run's own item used to hold."""

    def __init__(self, run: RunPathGLItems, kind: str) -> None:
        self._run = run
        self._kind = kind

    @property
    def pos(self) -> np.ndarray:
        """Points drawn for this run: (k+1, 3) for the lines, (1, 3) for the heads, (3,) for the ✕."""
        return self._run.part_pos(self._kind)

    def visible(self) -> bool:
        return self._run.part_visible(self._kind)

    def view(self) -> gl.GLViewWidget | None:
        """The GL view while the run is drawn; None once its run was removed."""
        return self._run.view()


class RunPathGLItems:
    """One run in 3D as drawn by `RunPathsGLItems`: a wide dark outline, the coloured path, a
    play-head dot and an end ✕, each a `RunPathPart` of the items shared by all runs."""

    KINDS = ("outline", "line", "head_outline", "head", "cross_outline", "cross")

    def __init__(self, group: RunPathsGLItems) -> None:
        self._group: RunPathsGLItems | None = group
        self._points = np.zeros((1, 3), dtype=np.float32)
        self._color = ""
        self._ended = False
        self._k = 0
        self._shown = False
        parts = {kind: RunPathPart(self, kind) for kind in self.KINDS}
        self.outline, self.line = parts["outline"], parts["line"]
        self.head_outline, self.head = parts["head_outline"], parts["head"]
        self.cross_outline, self.cross = parts["cross_outline"], parts["cross"]
        self._items = tuple(parts.values())

    @property
    def items(self) -> tuple[RunPathPart, ...]:
        return self._items

    @property
    def points(self) -> np.ndarray:
        """All display points of the run (L, 3), before slicing to the play head."""
        return self._points

    def view(self) -> gl.GLViewWidget | None:
        return self._group.view if self._group is not None else None

    def part_pos(self, kind: str) -> np.ndarray:
        if kind in ("outline", "line"):
            return self._points[: self._k + 1]
        if kind in ("head_outline", "head"):
            return self._points[self._k : self._k + 1]
        return self._points[-1].astype(np.float64)

    def part_visible(self, kind: str) -> bool:
        if self._group is None or not self._shown:
            return False
        if kind in ("cross_outline", "cross"):
            return self.cross_shown
        return True

    @property
    def cross_shown(self) -> bool:
        return self._ended and self._k == len(self._points) - 1


class RunPathsGLItems:
    """Every run's path in 3D with five GL items whatever the number of runs.

    All outlines are one `GLLineStripsItem`, all coloured paths another (per-vertex colours), the
    play heads two scatter items (dark rims, then coloured dots) and the end ✕s one text batch
    (dark glyphs, then coloured ones): the order the per-run items were drawn in. Points are
    uploaded by `set_paths` only; `set_step` changes the drawn ranges and the 2 × N head points,
    and does nothing when no play head moves.
    """

    def __init__(self, view: gl.GLViewWidget) -> None:
        self.view = view
        outline = rgba(OUTLINE_COLOR)
        self.outline = GLLineStripsItem(glOptions=OUTLINE_GL_OPTIONS, width=7.0, color=outline)
        self.line = GLLineStripsItem(glOptions=OVERLAY_GL_OPTIONS, width=3.5, antialias=True)
        self.head_outline = gl.GLScatterPlotItem(glOptions=MARKER_GL_OPTIONS, size=17.0, color=outline)
        self.head = gl.GLScatterPlotItem(glOptions=MARKER_GL_OPTIONS, size=11.0)
        # The end ✕ is a screen-aligned glyph (legible from any camera angle): a dark, larger one
        # behind the coloured one makes the outline.
        self.crosses = GLTextBatchItem()
        self._items = (self.outline, self.line, self.head_outline, self.head, self.crosses)
        for depth, item in enumerate(self._items):
            item.setDepthValue((DEPTH_PATH if depth < 2 else DEPTH_MARKER) + depth)
            item.setVisible(False)
            view.addItem(item)
        self._runs: list[RunPathGLItems] = []
        self._cross_outlines: list[GLTextLabel] = []
        self._crosses: list[GLTextLabel] = []
        self._all = np.zeros((0, 3), dtype=np.float32)
        self._firsts = np.zeros(0, dtype=np.int64)
        self._lasts = np.zeros(0, dtype=np.int64)
        self._ks: np.ndarray | None = None  # play-head index per run as drawn; None: redraw

    @property
    def items(self) -> tuple[GLGraphicsItem, ...]:
        return self._items

    @property
    def runs(self) -> tuple[RunPathGLItems, ...]:
        return tuple(self._runs)

    def set_count(self, n: int) -> None:
        """Keep one `RunPathGLItems` per run (reused); surplus ones report no view."""
        while len(self._runs) > n:
            self._runs.pop()._group = None
        while len(self._runs) < n:
            self._runs.append(RunPathGLItems(self))
        center = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        while len(self._crosses) < n:  # labels are only ever added: extra ones stay hidden
            dark = QColor(OUTLINE_COLOR)
            self._cross_outlines.append(
                GLTextLabel(
                    self.crosses, text=CROSS_GLYPH, color=dark, font=_font(34, bold=True), alignment=center
                )
            )
            self._crosses.append(
                GLTextLabel(self.crosses, text=CROSS_GLYPH, font=_font(24, bold=True), alignment=center)
            )
        self.crosses.labels = [*self._cross_outlines, *self._crosses]  # all dark glyphs first
        for label in self.crosses.labels:
            label.setVisible(False)
        if not self._runs:
            for item in self._items:
                item.setVisible(False)
        self._ks = None

    def set_paths(self, paths: Sequence[tuple[np.ndarray, str, bool]]) -> None:
        """Cache every run's display points (L >= 1, 3), colour and ended flag; `set_step` shows them."""
        assert len(paths) == len(self._runs)
        for run, (points, color, ended) in zip(self._runs, paths, strict=True):
            run._points = np.ascontiguousarray(points, dtype=np.float32).reshape(-1, 3)
            run._color, run._ended = color, ended
        lengths = np.array([len(run._points) for run in self._runs], dtype=np.int64)
        self._firsts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        self._lasts = lengths - 1
        if self._runs:
            self._all = np.concatenate([run._points for run in self._runs])
            colors = np.repeat(np.array([rgba(run._color) for run in self._runs], np.float32), lengths, 0)
            self.outline.setData(pos=self._all)
            self.line.setData(pos=self._all, color=colors)
            self.head.setData(color=np.array([rgba(run._color) for run in self._runs], np.float32))
        for run, outline, cross in zip(self._runs, self._cross_outlines, self._crosses, strict=False):
            end = run._points[-1].astype(np.float64)
            outline.setData(pos=end)
            cross.setData(pos=end, color=QColor(run._color))
        self._ks = None

    def set_step(self, step: int) -> None:
        """Show every path up to ``min(step, L - 1)``: ranges and head points only."""
        if not self._runs:
            return
        ks = np.minimum(max(step, 0), self._lasts)
        if self._ks is not None and np.array_equal(ks, self._ks):
            return
        self._ks = ks
        counts = ks + 1
        self.outline.set_ranges(self._firsts, counts)
        self.line.set_ranges(self._firsts, counts)
        heads = self._all[self._firsts + ks]
        self.head_outline.setData(pos=heads)
        self.head.setData(pos=heads)
        any_cross = False
        for run, k, outline, cross in zip(self._runs, ks, self._cross_outlines, self._crosses, strict=False):
            run._k, run._shown = int(k), True
            shown = run.cross_shown
            outline.setVisible(shown)
            cross.setVisible(shown)
            any_cross |= shown
        for item in self._items[:4]:
            item.setVisible(True)
        self.crosses.setVisible(any_cross)


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
        return self.text.add_label(color=TEXT_COLOR, font=_font(pixels))

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
