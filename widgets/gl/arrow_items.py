"""Arrows at the play heads (the descent direction, a run's velocity) on the map and in 3D.

`set_arrows` is called every playback frame, so both holders keep their items and only move
them: the map grows a pool of per-arrow items and hides the spare ones; in 3D all arrows are two
line items (an outline and per-vertex coloured lines) whatever their number.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from PySide6.QtCore import QPointF, Qt

from widgets.common.palette import OUTLINE_COLOR
from widgets.common.view_data import ArrowMark
from widgets.gl.gl_items import (
    DEPTH_MARKER,
    OUTLINE_GL_OPTIONS,
    OVERLAY_GL_OPTIONS,
    DrapedSurface,
    rgba,
    subdivide_segments,
)

Z_ARROW = 26  # on the map: above the paths' lines (20s), under the play heads (30s)
DEPTH_ARROW = DEPTH_MARKER - 1.5  # in 3D: after the lines, before the markers
SHAFT_WIDTH = 2.5
OUTLINE_WIDTH = 5.5
HEAD_PX = 15
DASH = (2.4, 1.6)  # dash, gap, in units of the pen width (Qt's convention)
# 3D heads are two barbs in the surface: this fraction of the arrow, at most BARB_MAX scene units.
BARB_FRACTION = 0.3
BARB_MAX = 0.09
BARB_ANGLE = np.radians(28.0)
SHAFT_PIECES = 10  # a 3D shaft follows the surface in this many pieces (every other one if dashed)


def is_dashed(arrow: ArrowMark) -> bool:
    return arrow.style != "gradient"


def arrow_segments(tail: np.ndarray, head: np.ndarray, dashed: bool) -> np.ndarray:
    """A 3D arrow in the plane before draping: shaft pieces and two barbs as pair-wise ends (2M, 2)."""
    delta = head - tail
    length = float(np.hypot(*delta))
    if not length > 1e-12:
        return np.zeros((0, 2))
    back = -delta / length * min(BARB_FRACTION * length, BARB_MAX)
    cos, sin = np.cos(BARB_ANGLE), np.sin(BARB_ANGLE)
    barbs = [head + np.array([cos * back[0] - s * back[1], s * back[0] + cos * back[1]]) for s in (sin, -sin)]
    shaft = subdivide_segments(np.stack([tail, head]), SHAFT_PIECES, keep_every=2 if dashed else 1)
    heads = subdivide_segments(np.stack([head, barbs[0], head, barbs[1]]), 2)
    return np.concatenate([shaft, heads])


def arrows_segments(
    tails: np.ndarray, heads: np.ndarray, dashed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """`arrow_segments` of N arrows at once: their pair-wise ends one arrow after the other (2M, 2),
    and how many end points each arrow has (N,) (0 for a zero-length arrow)."""
    tails = np.asarray(tails, dtype=np.float64).reshape(-1, 2)
    heads = np.asarray(heads, dtype=np.float64).reshape(-1, 2)
    delta = heads - tails
    length = np.hypot(delta[:, 0], delta[:, 1])
    drawn = length > 1e-12
    safe = np.where(drawn, length, 1.0)[:, None]
    back = -delta / safe * np.minimum(BARB_FRACTION * length, BARB_MAX)[:, None]
    cos, sin = np.cos(BARB_ANGLE), np.sin(BARB_ANGLE)
    barbs = [
        heads + np.column_stack([cos * back[:, 0] - s * back[:, 1], s * back[:, 0] + cos * back[:, 1]])
        for s in (sin, -sin)
    ]
    t = np.linspace(0.0, 1.0, SHAFT_PIECES + 1)[None, :, None]
    shaft = tails[:, None] + t * (heads - tails)[:, None]  # (N, pieces + 1, 2)
    shaft_pairs = np.stack([shaft[:, :-1], shaft[:, 1:]], axis=2)  # (N, pieces, 2, 2)
    t2 = np.linspace(0.0, 1.0, 3)[None, :, None]
    head_pairs = []
    for barb in barbs:  # head -> barb in two pieces, as subdivide_segments splits it
        points = heads[:, None] + t2 * (barb - heads)[:, None]  # (N, 3, 2)
        head_pairs.append(np.stack([points[:, :-1], points[:, 1:]], axis=2))  # (N, 2, 2, 2)
    pairs = np.concatenate([shaft_pairs, *head_pairs], axis=1)  # (N, pieces + 4, 2, 2)
    keep = np.ones(pairs.shape[:2], dtype=bool)
    keep[:, 1:SHAFT_PIECES:2] = ~np.asarray(dashed, dtype=bool)[:, None]  # dashed: every other piece
    keep &= drawn[:, None]
    return pairs[keep].reshape(-1, 2), 2 * keep.sum(axis=1)


def _same_arrows(a: tuple[list[ArrowMark], object, float], b: tuple[list[ArrowMark], object, float]) -> bool:
    """Same arrows (ArrowMark compares by value), same surface object, same lift."""
    return a[1] is b[1] and a[2] == b[2] and a[0] == b[0]


class _PlotArrow:
    """One arrow on the map: a dark outline, the coloured shaft and a head fixed in pixels."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.outline = pg.PlotCurveItem(pen=pg.mkPen(OUTLINE_COLOR, width=OUTLINE_WIDTH))
        self.shaft = pg.PlotCurveItem()
        self.head = pg.ArrowItem(headLen=HEAD_PX, tipAngle=38, tailLen=None, pxMode=True)
        for depth, item in enumerate((self.outline, self.shaft, self.head)):
            item.setZValue(Z_ARROW + 0.1 * depth)
            item.setVisible(False)
            plot.addItem(item, ignoreBounds=True)
        self.tail_xy = (0.0, 0.0)
        self.head_xy = (0.0, 0.0)
        self._style: tuple[str, bool] | None = None
        self._arrow: ArrowMark | None = None
        self._angle: float | None = None

    @property
    def items(self) -> tuple[pg.GraphicsObject, ...]:
        return (self.outline, self.shaft, self.head)

    def set_arrow(self, arrow: ArrowMark) -> None:
        if arrow == self._arrow:  # the same arrow again: nothing moves
            return
        self._arrow = arrow
        self.tail_xy = (arrow.x, arrow.y)
        self.head_xy = (arrow.x + arrow.dx, arrow.y + arrow.dy)
        xs = np.array([self.tail_xy[0], self.head_xy[0]])
        ys = np.array([self.tail_xy[1], self.head_xy[1]])
        self.outline.setData(xs, ys)
        self.shaft.setData(xs, ys)
        self.head.setPos(*self.head_xy)
        style = (arrow.color, is_dashed(arrow))
        if style != self._style:  # pens are rebuilt only when a run's colour or style changes
            self._style = style
            pen = pg.mkPen(arrow.color, width=SHAFT_WIDTH)
            if style[1]:
                pen.setStyle(Qt.PenStyle.CustomDashLine)
                pen.setDashPattern(list(DASH))
                # Hollow head: filled with the outline colour, rimmed in the run's colour.
                self.head.setStyle(pen=pg.mkPen(arrow.color, width=2.0), brush=pg.mkBrush(OUTLINE_COLOR))
            else:
                self.head.setStyle(pen=pg.mkPen(OUTLINE_COLOR, width=1.5), brush=pg.mkBrush(arrow.color))
            self.shaft.setPen(pen)

    def set_visible(self, on: bool) -> None:
        for item in self.items:
            item.setVisible(on)

    def aim(self, view_box: pg.ViewBox) -> None:
        """Turn the head (drawn in pixels) along the shaft as it appears on screen."""
        tail = view_box.mapViewToScene(QPointF(*self.tail_xy))
        head = view_box.mapViewToScene(QPointF(*self.head_xy))
        dx, dy = head.x() - tail.x(), head.y() - tail.y()
        # pyqtgraph's arrow points left at angle 0; screen y grows downwards.
        angle = float(np.degrees(np.arctan2(-dy, -dx)))
        if angle != self._angle:  # setStyle rebuilds the head's path
            self._angle = angle
            self.head.setStyle(angle=angle)


class ArrowPlotItems:
    """All arrows on a 2D plot; items are kept and reused from frame to frame."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self._plot = plot
        self._pool: list[_PlotArrow] = []
        self._shown = 0

    @property
    def arrows(self) -> tuple[_PlotArrow, ...]:
        """The arrows in use, in the order given to `set_arrows`."""
        return tuple(self._pool[: self._shown])

    @property
    def items(self) -> tuple[pg.GraphicsObject, ...]:
        return tuple(item for arrow in self._pool for item in arrow.items)

    def set_arrows(self, arrows: Sequence[ArrowMark]) -> None:
        drawn = [a for a in arrows if np.isfinite([a.x, a.y, a.dx, a.dy]).all() and (a.dx or a.dy)]
        while len(self._pool) < len(drawn):
            self._pool.append(_PlotArrow(self._plot))
        view_box = self._plot.getViewBox()
        for item, arrow in zip(self._pool, drawn, strict=False):
            item.set_arrow(arrow)
            item.aim(view_box)
            item.set_visible(True)
        for item in self._pool[len(drawn) : self._shown]:
            item.set_visible(False)
        self._shown = len(drawn)

    def aim(self) -> None:
        """Re-aim the heads after the view's scale changed (zoom, resize, aspect)."""
        view_box = self._plot.getViewBox()
        for item in self.arrows:
            item.aim(view_box)


class ArrowGLItems:
    """All arrows in 3D as two line items, draped onto the surface and lifted."""

    def __init__(self, view: gl.GLViewWidget) -> None:
        self.outline = gl.GLLinePlotItem(
            glOptions=OUTLINE_GL_OPTIONS, mode="lines", width=OUTLINE_WIDTH + 1.0, color=rgba(OUTLINE_COLOR)
        )
        self.lines = gl.GLLinePlotItem(glOptions=OVERLAY_GL_OPTIONS, mode="lines", width=SHAFT_WIDTH + 0.5)
        for depth, item in enumerate((self.outline, self.lines)):
            item.setDepthValue(DEPTH_ARROW + 0.1 * depth)
            item.setVisible(False)
            view.addItem(item)
        self._drawn: tuple[list[ArrowMark], DrapedSurface | None, float] | None = None

    @property
    def items(self) -> tuple[gl.GLLinePlotItem, gl.GLLinePlotItem]:
        return (self.outline, self.lines)

    def set_arrows(self, arrows: Sequence[ArrowMark], surface: DrapedSurface | None, lift: float) -> None:
        """All arrows computed at once (called every frame); nothing is redone for the same input."""
        key = (list(arrows), surface, lift)
        if self._drawn is not None and _same_arrows(key, self._drawn):
            return
        self._drawn = key
        ends = np.array([[a.x, a.y, a.x + a.dx, a.y + a.dy] for a in arrows], dtype=np.float64).reshape(-1, 4)
        finite = np.isfinite(ends).all(axis=1)
        if surface is None or not finite.any():
            self.outline.setVisible(False)
            self.lines.setVisible(False)
            return
        shown = [arrows[int(i)] for i in np.flatnonzero(finite)]
        ends = ends[finite]
        tx, ty = surface.plane.to_scene(ends[:, 0], ends[:, 1])
        hx, hy = surface.plane.to_scene(ends[:, 2], ends[:, 3])
        segments, counts = arrows_segments(
            np.column_stack([tx, ty]), np.column_stack([hx, hy]), np.array([is_dashed(a) for a in shown])
        )
        if not len(segments):
            self.outline.setVisible(False)
            self.lines.setVisible(False)
            return
        pos = surface.drape(segments, lift)
        colors = np.repeat(np.array([rgba(a.color) for a in shown], dtype=np.float32), counts, axis=0)
        self.outline.setData(pos=pos)
        self.lines.setData(pos=pos, color=colors)
        self.outline.setVisible(True)
        self.lines.setVisible(True)
