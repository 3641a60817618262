"""Training curves of real models: loss per step (raw and EMA) with validation loss per epoch, and
train / validation / test accuracy per epoch, each with a play head."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QWidget

from widgets.common.view_data import LossCurve
from widgets.panels.loss_plot_panel import mask_for_display

AXIS_FONT_PX = 12
TICK_FONT_PX = 11
RAW_ALPHA = 0.3
PLAY_HEAD_COLOR = "#bbbbbb"
PEN_STYLES = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine, "dot": Qt.PenStyle.DotLine}


@dataclass(frozen=True)
class EpochCurve:
    """Values measured once per epoch (x = where they were measured), drawn with dots and a line.

    ``style`` is "solid", "dash" or "dot"; an empty ``label`` keeps the curve out of the legend.
    """

    key: str
    label: str
    color: str
    x: np.ndarray
    y: np.ndarray
    style: str = "solid"


class TrainingCurvesPanel(QWidget):
    """Two plots side by side; setters only, no signals. Items are rebuilt when curves are set
    (a few per run, once per training); only the play heads move per frame."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_widget = pg.PlotWidget(parent=self)
        self.accuracy_widget = pg.PlotWidget(parent=self)
        self.loss_plot: pg.PlotItem = self.loss_widget.getPlotItem()
        self.accuracy_plot: pg.PlotItem = self.accuracy_widget.getPlotItem()
        self._style(self.loss_plot, self.tr("step"), self.tr("loss"))
        self._style(self.accuracy_plot, self.tr("epoch"), self.tr("accuracy"))
        self.loss_widget.setToolTip(
            self.tr(
                "Faint: the loss of each mini-batch. Bold: its moving average (EMA β). "
                "Dashed with dots: the validation loss after each epoch."
            )
        )
        self.accuracy_widget.setToolTip(
            self.tr("Share of images classified correctly after each epoch (epoch 0: the initial weights).")
        )
        self.accuracy_plot.setTitle(self.tr("— train   – – val   ··· test"), size=f"{TICK_FONT_PX}px")
        self.accuracy_plot.setYRange(0.0, 1.0, padding=0.02)
        self.loss_legend = self._legend(self.loss_plot, (-8, 8))  # loss falls: the top right is free
        self.accuracy_legend = self._legend(self.accuracy_plot, (-8, -8))  # accuracy rises: bottom right
        self.loss_head = self._play_head(self.loss_plot)
        self.accuracy_head = self._play_head(self.accuracy_plot)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.loss_widget, 3)
        layout.addWidget(self.accuracy_widget, 2)
        self.loss_items: list[pg.PlotDataItem] = []
        self.accuracy_items: list[pg.PlotDataItem] = []

    def _style(self, plot: pg.PlotItem, x_label: str, y_label: str) -> None:
        plot.showGrid(x=True, y=True, alpha=0.2)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        tick_font, label_font = QFont(self.font()), QFont(self.font())
        tick_font.setPixelSize(TICK_FONT_PX)
        label_font.setPixelSize(AXIS_FONT_PX)
        for side, text in (("bottom", x_label), ("left", y_label)):
            axis = plot.getAxis(side)
            axis.setStyle(tickFont=tick_font)
            # A CSS size in setLabel(..., **{"font-size": ...}) hides the label in pyqtgraph 0.14: set a font.
            plot.setLabel(side, text)
            axis.label.setFont(label_font)

    @staticmethod
    def _legend(plot: pg.PlotItem, offset: tuple[int, int]) -> pg.LegendItem:
        return plot.addLegend(
            offset=offset, labelTextSize=f"{TICK_FONT_PX}px", brush=pg.mkBrush(30, 30, 30, 200), verSpacing=-6
        )

    @staticmethod
    def _play_head(plot: pg.PlotItem) -> pg.InfiniteLine:
        line = pg.InfiniteLine(pos=0, angle=90, movable=False, pen=pg.mkPen(PLAY_HEAD_COLOR, width=1))
        line.setZValue(10)
        line.setVisible(False)
        plot.addItem(line, ignoreBounds=True)
        return line

    # ----------------------------------------------------------------- setters
    def set_loss_curves(self, per_step: Sequence[LossCurve], per_epoch: Sequence[EpochCurve]) -> None:
        self._clear(self.loss_plot, self.loss_legend, self.loss_items)
        for curve in per_step:
            faint = QColor(curve.color)
            faint.setAlphaF(RAW_ALPHA)
            x = np.arange(len(curve.raw), dtype=float)
            raw = pg.PlotDataItem(x, mask_for_display(curve.raw, False), pen=pg.mkPen(faint, width=1))
            smooth = pg.PlotDataItem(
                x,
                mask_for_display(curve.smooth, False),
                pen=pg.mkPen(curve.color, width=2.5),
                name=curve.label,
            )
            self._add(self.loss_plot, self.loss_items, raw, smooth)
        for epoch_curve in per_epoch:
            self._add(self.loss_plot, self.loss_items, self._epoch_item(epoch_curve))
        self.loss_plot.enableAutoRange()

    def set_accuracy_curves(self, curves: Sequence[EpochCurve]) -> None:
        self._clear(self.accuracy_plot, self.accuracy_legend, self.accuracy_items)
        for curve in curves:
            self._add(self.accuracy_plot, self.accuracy_items, self._epoch_item(curve))
        self.accuracy_plot.enableAutoRange(axis="x")
        self.accuracy_plot.setYRange(0.0, 1.0, padding=0.02)

    def set_step(self, step: float, epoch: float) -> None:
        """Move both play heads (to a step of the loss plot and an epoch of the accuracy plot)."""
        self.loss_head.setValue(step)
        self.accuracy_head.setValue(epoch)
        self.loss_head.setVisible(bool(self.loss_items))
        self.accuracy_head.setVisible(bool(self.accuracy_items))

    # ----------------------------------------------------------------- drawing
    @staticmethod
    def _epoch_item(curve: EpochCurve) -> pg.PlotDataItem:
        pen = pg.mkPen(curve.color, width=2, style=PEN_STYLES.get(curve.style, Qt.PenStyle.SolidLine))
        return pg.PlotDataItem(
            np.asarray(curve.x, dtype=float),
            mask_for_display(curve.y, False),
            pen=pen,
            symbol="o",
            symbolSize=5,
            symbolBrush=curve.color,
            symbolPen=None,
            name=curve.label or None,
        )

    @staticmethod
    def _add(plot: pg.PlotItem, items: list[pg.PlotDataItem], *new: pg.PlotDataItem) -> None:
        for item in new:
            plot.addItem(item)
            items.append(item)

    @staticmethod
    def _clear(plot: pg.PlotItem, legend: pg.LegendItem, items: list[pg.PlotDataItem]) -> None:
        for item in items:
            plot.removeItem(item)
        items.clear()
        legend.clear()
