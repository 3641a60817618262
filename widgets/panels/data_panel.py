"""The data a model is fitted to: train / validation / test marks, the model's curve and the batch."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

AXIS_FONT_PX = 12
TICK_FONT_PX = 11
TRAIN_COLOR = "#4dabf7"
VAL_COLOR = "#69db7c"
TEST_COLOR = "#f783ac"
PREDICTION_COLOR = "#ff922b"
HIGHLIGHT_COLOR = "#ffe600"
MARK_SIZE = 8
RING_SIZE = 15


def _pairs(values: np.ndarray | Sequence[Sequence[float]] | None) -> np.ndarray:
    """An (n, 2) float array; None or empty gives (0, 2)."""
    if values is None:
        return np.zeros((0, 2))
    array = np.asarray(values, dtype=float)
    return array.reshape(-1, 2) if array.size else np.zeros((0, 2))


class DataPanel(QWidget):
    """Setters only (the panel reports nothing): it draws what the controller computed.

    ``set_data`` also frames the view on the data, so the model's curve moving during playback
    never rescales the axes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(parent=self)
        self.plot_widget.setMinimumHeight(140)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot_item.showGrid(x=True, y=True, alpha=0.2)
        self.plot_item.setMenuEnabled(False)
        tick_font = QFont(self.font())
        tick_font.setPixelSize(TICK_FONT_PX)
        for side, text in (("bottom", self.tr("x")), ("left", self.tr("y"))):
            self.plot_item.getAxis(side).setStyle(tickFont=tick_font)
            self.plot_item.setLabel(side, text, **{"font-size": f"{AXIS_FONT_PX}px"})
        self.legend = self.plot_item.addLegend(
            offset=(8, 8), labelTextSize=f"{TICK_FONT_PX}px", brush=pg.mkBrush(30, 30, 30, 200), verSpacing=-6
        )

        self.train_item = pg.ScatterPlotItem(
            symbol="o", size=MARK_SIZE - 1, pen=None, brush=pg.mkBrush(TRAIN_COLOR), name=self.tr("train")
        )
        self.val_item = pg.ScatterPlotItem(
            symbol="s",
            size=MARK_SIZE,
            pen=pg.mkPen(VAL_COLOR, width=1.5),
            brush=None,
            name=self.tr("validation"),
        )
        self.test_item = pg.ScatterPlotItem(
            symbol="t", size=MARK_SIZE + 1, pen=None, brush=pg.mkBrush(TEST_COLOR), name=self.tr("test")
        )
        self.highlight_item = pg.ScatterPlotItem(
            symbol="o", size=RING_SIZE, pen=pg.mkPen(HIGHLIGHT_COLOR, width=2), brush=None
        )
        self.prediction_item = pg.PlotDataItem(pen=pg.mkPen(PREDICTION_COLOR, width=2.5))
        self.highlight_item.setZValue(5)
        self.prediction_item.setZValue(3)
        for item in (self.train_item, self.val_item, self.test_item, self.prediction_item):
            self.plot_item.addItem(item)
        self.plot_item.addItem(self.highlight_item)

        self.test_loss_label = QLabel(self)
        self.test_loss_label.setToolTip(
            self.tr("The loss on the test set, which the optimizer never sees while it trains.")
        )
        self.message_label = QLabel(self)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        for label in (self.test_loss_label, self.message_label):
            font = QFont(label.font())
            font.setPixelSize(max(AXIS_FONT_PX, font.pixelSize()))
            label.setFont(font)
            label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.message_label, 1)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.test_loss_label)

        self._train = np.zeros((0, 2))
        self._highlight: np.ndarray = np.zeros(0, dtype=np.int64)
        self._prediction_label = ""

    # ----------------------------------------------------------------- setters
    def set_data(
        self,
        train_xy: np.ndarray | None,
        val_xy: np.ndarray | None = None,
        test_xy: np.ndarray | None = None,
    ) -> None:
        """Replace the three sets ((n, 2) arrays of x, y) and frame the view on them."""
        self._train = _pairs(train_xy)
        for item, xy in (
            (self.train_item, self._train),
            (self.val_item, _pairs(val_xy)),
            (self.test_item, _pairs(test_xy)),
        ):
            item.setData(x=xy[:, 0], y=xy[:, 1])
        self._draw_highlight()
        self._fill_legend()
        self._fit_view()

    def set_prediction(self, xs: np.ndarray, ys: np.ndarray, label: str) -> None:
        """The model's curve (computed by the caller), named ``label`` in the legend."""
        self.prediction_item.setData(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
        if label != self._prediction_label:
            self._prediction_label = label
            self._fill_legend()

    def set_highlight(self, indices: np.ndarray | Sequence[int]) -> None:
        """Ring the training samples at ``indices`` (the current mini-batch)."""
        self._highlight = np.asarray(indices, dtype=np.int64).reshape(-1)
        self._draw_highlight()

    def set_test_loss(self, text: str) -> None:
        self.test_loss_label.setText(text)
        self.test_loss_label.setVisible(bool(text))

    def set_message(self, text: str) -> None:
        """A message in place of the plot (e.g. an analytic surface has no data); "" shows the plot."""
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        self.plot_widget.setVisible(not text)

    def highlighted(self) -> np.ndarray:
        """Indices into the training set that are ringed; for tests."""
        return self._highlight[(self._highlight >= 0) & (self._highlight < len(self._train))]

    # ----------------------------------------------------------------- drawing
    def _draw_highlight(self) -> None:
        rings = self._train[self.highlighted()]
        self.highlight_item.setData(x=rings[:, 0], y=rings[:, 1])

    def _fill_legend(self) -> None:
        self.legend.clear()
        for item in (self.train_item, self.val_item, self.test_item):
            if len(item.data):
                self.legend.addItem(item, item.name())
        if self._prediction_label:
            self.legend.addItem(self.prediction_item, self._prediction_label)

    def _fit_view(self) -> None:
        points = np.concatenate(
            [_pairs(np.column_stack(i.getData())) for i in (self.train_item, self.val_item, self.test_item)]
        )
        points = points[np.isfinite(points).all(axis=1)]
        if len(points) == 0:
            return
        low, high = points.min(axis=0), points.max(axis=0)
        span = np.maximum(high - low, 1e-9)
        self.plot_item.setXRange(low[0], high[0], padding=0.08)
        self.plot_item.setYRange(low[1] - 0.02 * span[1], high[1] + 0.02 * span[1], padding=0.08)
        self.plot_item.disableAutoRange()
