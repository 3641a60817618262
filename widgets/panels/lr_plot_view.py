"""The learning rate each run used at every step, drawn under the loss curves (hidden while constant).

Its x axis is linked to the loss plot's (LossPlotPanel): both show the same steps at the same pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

LR_PLOT_MIN_HEIGHT = 64
TICK_FONT_PX = 10
PLAY_HEAD_COLOR = "#adb5bd"


@dataclass(frozen=True, eq=False)
class LrCurve:
    """One run's lr per step: ``lr`` is (steps, 2), one column per parameter's param group."""

    key: str
    label: str
    color: str
    lr: np.ndarray


class LrPlotView(QWidget):
    """lr against step for every run; the second parameter's lr dashed where it differs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(parent=self)
        self.plot_widget.setMinimumHeight(LR_PLOT_MIN_HEIGHT)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot_item.showGrid(x=True, y=True, alpha=0.2)
        self.plot_item.setMenuEnabled(False)
        tick_font = QFont(self.font())
        tick_font.setPixelSize(TICK_FONT_PX)
        for side in ("left", "bottom"):
            self.plot_item.getAxis(side).setStyle(tickFont=tick_font, maxTickLevel=0)
        self.plot_item.setLabel("left", self.tr("lr"), **{"font-size": f"{TICK_FONT_PX}px"})
        self.plot_item.getAxis("left").enableAutoSIPrefix(False)  # 0.02, not "20 (×0.001)"
        self.play_head = pg.InfiniteLine(pos=0, angle=90, movable=False, pen=pg.mkPen(PLAY_HEAD_COLOR))
        self.plot_item.addItem(self.play_head, ignoreBounds=True)
        self.plot_item.enableAutoRange(x=False)  # x follows the loss plot it is linked to
        # An empty cell where the loss plot has its legend, so both plots are equally wide.
        self.right_gutter = pg.GraphicsWidget()
        self.right_gutter.setFixedWidth(0)
        self.plot_item.layout.addItem(self.right_gutter, 2, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self._items: list[pg.PlotDataItem] = []
        self.curves: list[LrCurve] = []
        self.setVisible(False)

    def set_curves(self, curves: Sequence[LrCurve]) -> None:
        """Replace the curves; the view shows only when some run's lr changes during the run."""
        self.curves = list(curves)
        for item in self._items:
            self.plot_item.removeItem(item)
        self._items = []
        varying = any(c.lr.size and np.ptp(c.lr) > 0 for c in curves)
        self.setVisible(varying)
        if not varying:
            return
        for curve in curves:
            steps = np.arange(len(curve.lr), dtype=float)
            for column in range(curve.lr.shape[1] if curve.lr.ndim == 2 else 0):
                if column == 1 and np.array_equal(curve.lr[:, 1], curve.lr[:, 0]):
                    continue
                style = Qt.PenStyle.SolidLine if column == 0 else Qt.PenStyle.DashLine
                item = pg.PlotDataItem(
                    steps, curve.lr[:, column], pen=pg.mkPen(curve.color, width=2, style=style)
                )
                self.plot_item.addItem(item)
                self._items.append(item)

    def set_right_gutter(self, width: float) -> None:
        """Leave ``width`` pixels empty right of the plot (the width of the loss plot's legend)."""
        self.right_gutter.setFixedWidth(width)
        self.plot_item.layout.activate()

    def set_step(self, step: int) -> None:
        self.play_head.setValue(max(0, int(step)))
