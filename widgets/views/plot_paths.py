"""One run drawn on a 2D pyqtgraph plot: dark outline, coloured path, play head, end ✕."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from widgets.common.palette import OUTLINE_COLOR
from widgets.views.path_decimation import drawn_indices, path_stride

Z_PATH = 20  # above the image (0) and the contour lines (10)
Z_MARKER = 30
LINE_WIDTH = 2.5


class RunPathPlotItems:
    """Plain holder of the pyqtgraph items for one run; `set_step` only slices cached arrays.

    A run longer than `MAX_DRAWN_POINTS` draws every stride-th point up to the play head, the
    start and the play head itself exact (`path_decimation.py`).

    The lines are bare `PlotCurveItem`s (what a `PlotDataItem` would wrap, without its per-call
    bookkeeping). Pens and brushes are set only when the run's colour changes (a scatter item
    re-renders its symbols on every `setBrush`), and `set_step` returns at once when neither the
    play head nor the path changed, so callers may repeat it freely.
    """

    def __init__(self, plot: pg.PlotItem) -> None:
        self.outline = pg.PlotCurveItem(pen=pg.mkPen(OUTLINE_COLOR, width=5.5))
        self.line = pg.PlotCurveItem(pen=pg.mkPen("w", width=LINE_WIDTH))
        outline_pen = pg.mkPen(OUTLINE_COLOR, width=1.5)
        self.head = pg.ScatterPlotItem(size=13, pen=outline_pen, symbol="o")
        self.cross = pg.ScatterPlotItem(size=20, pen=outline_pen, symbol="x")
        self._items = (self.outline, self.line, self.head, self.cross)
        for z, item in enumerate(self._items):
            item.setZValue((Z_PATH if z < 2 else Z_MARKER) + z)
            item.setVisible(False)
            plot.addItem(item)
        self._xy = np.zeros((1, 2))
        self._stride = 1  # a long run draws every stride-th point (path_decimation.py)
        self._ended = False
        self._color: str | None = None
        self._cross_at: tuple[float, float] | None = None
        self._shown: int | None = None  # the play-head index drawn; None: draw at the next set_step

    @property
    def items(self) -> tuple[pg.GraphicsObject, ...]:
        return self._items

    def remove_from(self, plot: pg.PlotItem) -> None:
        for item in self._items:
            plot.removeItem(item)

    def set_path(self, xy: np.ndarray, color: str, ended: bool) -> None:
        """Cache the run's finite points (L, 2) and style; call `set_step` to show them.

        A run with no point (its start already outside the problem) is drawn as nothing.
        """
        self._xy = np.ascontiguousarray(xy, dtype=np.float64).reshape(-1, 2)
        self._stride = path_stride(len(self._xy))
        self._ended = ended
        self._shown = None
        if color != self._color:
            self._color = color
            self.line.setPen(pg.mkPen(color, width=LINE_WIDTH))
            brush = pg.mkBrush(color)
            self.head.setBrush(brush)
            self.cross.setBrush(brush)
        if len(self._xy) == 0:
            self._cross_at = None
            return
        end = (float(self._xy[-1, 0]), float(self._xy[-1, 1]))
        if end != self._cross_at:
            self._cross_at = end
            self.cross.setData(pos=self._xy[-1:])

    def set_step(self, step: int) -> None:
        last = len(self._xy) - 1
        if last < 0:
            for item in self._items:
                item.setVisible(False)
            self._shown = None
            return
        k = min(max(step, 0), last)
        if k == self._shown:
            return
        self._shown = k
        shown = self._xy[: k + 1] if self._stride == 1 else self._xy[drawn_indices(k, self._stride)]
        self.outline.setData(shown[:, 0], shown[:, 1])
        self.line.setData(shown[:, 0], shown[:, 1])
        self.head.setData(pos=self._xy[k : k + 1])
        for item in (self.outline, self.line, self.head):
            item.setVisible(True)
        self.cross.setVisible(self._ended and k == last)
