"""Critical points drawn on the map and in 3D: a mark per point, shaped by kind, and the Hessian's
two eigen-directions as short segments coloured by the sign of their curvature.

Plain holders of pyqtgraph items (no Qt subclasses); `widgets.common.critical_marks` has the shared
styles and geometry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from PySide6.QtGui import QBrush, QPen

from widgets.common.critical_marks import EIGEN_COLORS, KINDS, MARK_SIZE_PX, MARK_STYLES, eigen_segments
from widgets.common.palette import OUTLINE_COLOR
from widgets.common.view_data import CriticalMark
from widgets.gl.gl_items import (
    DEPTH_MARKER,
    DEPTH_PATH,
    OUTLINE_GL_OPTIONS,
    OVERLAY_GL_OPTIONS,
    DrapedSurface,
    GLSymbolsItem,
    rgba,
    subdivide_segments,
)

Z_SEGMENTS = 15  # on the map: above the contour lines (10), below the paths (20)
Z_MARKS = 18
DEPTH_SEGMENTS = DEPTH_PATH + 2  # in 3D: after the paths (3, 4): 5 to 8, before the arrows and markers
DEPTH_MARKS = DEPTH_MARKER - 1  # under the play heads
SEGMENT_WIDTH = 2.5
SEGMENT_OUTLINE_WIDTH = 5.0
DRAPE_PIECES = 6  # a 3D segment follows the surface in this many straight pieces


def _pen(kind: str) -> QPen:
    style = MARK_STYLES[kind]
    return QPen(pg.mkPen(style.outline, width=style.outline_width))


def _brush(kind: str) -> QBrush:
    fill = MARK_STYLES[kind].fill
    return pg.mkBrush(fill) if fill is not None else QBrush()


class _ShownWhenFilled:
    """Items each shown only while the marks are on and it has something to draw (its count)."""

    def __init__(self, items: tuple[Any, ...]) -> None:
        self._items = items
        self._counts: dict[Any, int] = {}

    @property
    def items(self) -> tuple[Any, ...]:
        return self._items

    def set_visible(self, on: bool) -> None:
        for item in self._items:
            item.setVisible(on and self._counts.get(item, 0) > 0)


class CriticalPlotItems(_ShownWhenFilled):
    """On a 2D plot: one scatter item per kind, one segment item per curvature sign, an outline."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.marks: dict[str, pg.ScatterPlotItem] = {}
        for kind in KINDS:
            style = MARK_STYLES[kind]
            self.marks[kind] = pg.ScatterPlotItem(
                size=MARK_SIZE_PX, symbol=style.symbol, pen=_pen(kind), brush=_brush(kind)
            )
        outline_pen = pg.mkPen(OUTLINE_COLOR, width=SEGMENT_OUTLINE_WIDTH)
        self.outline = pg.PlotCurveItem(pen=outline_pen, connect="pairs")
        self.segments = {
            sign: pg.PlotCurveItem(pen=pg.mkPen(color, width=SEGMENT_WIDTH), connect="pairs")
            for sign, color in EIGEN_COLORS.items()
        }
        super().__init__((self.outline, *self.segments.values(), *self.marks.values()))
        for item in self._items:
            item.setZValue(Z_MARKS if isinstance(item, pg.ScatterPlotItem) else Z_SEGMENTS)
            item.setVisible(False)
            plot.addItem(item, ignoreBounds=True)

    def set_marks(self, marks: Sequence[CriticalMark], width: float, height: float, visible: bool) -> None:
        """Place ``marks`` on a domain of ``width`` x ``height`` (which sets the segment lengths)."""
        kinds = [m.kind if m.kind in MARK_STYLES else "degenerate" for m in marks]
        for kind, item in self.marks.items():
            xy = np.array([[m.x, m.y] for m, k in zip(marks, kinds, strict=True) if k == kind]).reshape(-1, 2)
            item.setData(pos=xy)
            self._counts[item] = len(xy)
        ends, signs = eigen_segments(marks, width, height)
        self.outline.setData(ends[:, 0], ends[:, 1], connect="pairs")
        self._counts[self.outline] = len(ends)
        for sign, item in self.segments.items():
            chosen = ends.reshape(-1, 2, 2)[signs == sign].reshape(-1, 2)
            item.setData(chosen[:, 0], chosen[:, 1], connect="pairs")
            self._counts[item] = len(chosen)
        self.set_visible(visible)


class CriticalGLItems(_ShownWhenFilled):
    """In 3D: the marks as screen-aligned symbols, the eigen-directions draped over the surface."""

    def __init__(self, view: gl.GLViewWidget) -> None:
        self.marks = GLSymbolsItem(MARK_SIZE_PX)
        self.outline = gl.GLLinePlotItem(
            glOptions=OUTLINE_GL_OPTIONS,
            mode="lines",
            width=SEGMENT_OUTLINE_WIDTH + 1.0,
            color=rgba(OUTLINE_COLOR),
        )
        self.segments = {
            sign: gl.GLLinePlotItem(
                glOptions=OVERLAY_GL_OPTIONS, mode="lines", width=SEGMENT_WIDTH + 0.5, color=rgba(color)
            )
            for sign, color in EIGEN_COLORS.items()
        }
        super().__init__((self.outline, *self.segments.values(), self.marks))
        for depth, item in enumerate(self._items):
            item.setDepthValue(DEPTH_SEGMENTS + depth if item is not self.marks else DEPTH_MARKS)
            item.setVisible(False)
            view.addItem(item)
        self._pens = {kind: _pen(kind) for kind in KINDS}
        self._brushes = {kind: _brush(kind) for kind in KINDS}

    @property
    def points(self) -> np.ndarray:
        """Scene positions (N, 3) of the marks, in the order they were given."""
        return self.marks.pos

    def set_marks(
        self, marks: Sequence[CriticalMark], surface: DrapedSurface, lift: float, visible: bool
    ) -> None:
        known = [m if m.kind in MARK_STYLES else replace(m, kind="degenerate") for m in marks]
        xy = np.array([[m.x, m.y] for m in known], dtype=np.float64).reshape(-1, 2)
        values = np.array([m.value for m in known], dtype=np.float64)
        self.marks.setData(
            surface.on_surface(xy[:, 0], xy[:, 1], values, lift),
            [MARK_STYLES[m.kind].symbol for m in known],
            [self._pens[m.kind] for m in known],
            [self._brushes[m.kind] for m in known],
        )
        self._counts[self.marks] = len(known)
        plane = surface.plane
        ends, signs = eigen_segments(known, plane.x1 - plane.x0, plane.y1 - plane.y0)
        ex, ey = plane.to_scene(ends[:, 0], ends[:, 1])
        pairs = np.column_stack([ex, ey]).reshape(-1, 2, 2)
        chosen_pairs = [(self.outline, pairs)] + [(i, pairs[signs == s]) for s, i in self.segments.items()]
        for item, chosen in chosen_pairs:
            self._counts[item] = len(chosen)
            if len(chosen):
                item.setData(pos=surface.drape(subdivide_segments(chosen.reshape(-1, 2), DRAPE_PIECES), lift))
        self.set_visible(visible)
