"""Loss per step of every run: a faint raw line and a bold EMA line, drawn up to the play head."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from widgets.common.view_data import LossCurve
from widgets.panels.lr_plot_view import LrPlotView
from widgets.views.scene_flush import SceneFlusher

AXIS_FONT_PX = 12
TICK_FONT_PX = 11
RAW_ALPHA = 0.3
SMOOTH_WIDTH = 2.5
PLAY_HEAD_COLOR = "#bbbbbb"
LEFT_AXIS_WIDTH = 56
# Small enough that the lr plot fits under it in the dock's height: the lr plot takes its room from
# the loss plot (which gives up its step axis to the lr plot's), never from the 3D view and map.
PLOT_MIN_HEIGHT = 84
PLOT_STRETCH, LR_STRETCH = 3, 2


@dataclass
class _CurveItems:
    """The two plot items of one run and the arrays they are cut from (already masked)."""

    raw_item: pg.PlotDataItem
    smooth_item: pg.PlotDataItem
    x: np.ndarray
    raw: np.ndarray
    smooth: np.ndarray
    color: str = ""  # the pens' colour (pens are only rebuilt when it changes)


def mask_for_display(values: np.ndarray, log_y: bool) -> np.ndarray:
    """Float copy with non-finite values (and, on a log axis, values ≤ 0) replaced by NaN (gaps)."""
    values = np.asarray(values, dtype=float)
    keep = np.isfinite(values)
    if log_y:
        keep &= values > 0
    return np.where(keep, values, np.nan)


EXPLODED = 3.0  # a tail that stays beyond this many times the largest starting |loss| has exploded
SPIKE_SHARE = 0.01  # the highest and lowest 1 % of the points may fall outside the range


def _calm_part(values: np.ndarray, limit: float) -> np.ndarray:
    """A curve's finite values without its exploded tail: the steps from where |loss| stays above
    ``limit`` (or non-finite) to the end."""
    wild = ~np.isfinite(values) | (np.abs(values) > limit)
    calm = np.flatnonzero(~wild)
    end = int(calm[-1]) + 1 if calm.size else 0
    kept = values[:end]
    finite: np.ndarray = kept[np.isfinite(kept)]
    return finite


def _start(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    return float(abs(finite[0])) if finite.size else 0.0


def y_range(curves: Sequence[np.ndarray], log_y: bool) -> tuple[float, float] | None:
    """The y range (in the axis' units: log10 on a log axis) that frames every curve's calm part:
    non-finite values and exploded tails are left out, and single spikes may poke out of the top
    and bottom when they would stretch the range more than twice."""
    arrays = [np.asarray(c, dtype=float) for c in curves]
    limit = EXPLODED * max([_start(a) for a in arrays] + [1e-12])
    parts = [_calm_part(a, limit) for a in arrays]
    values = np.concatenate(parts) if parts else np.empty(0)
    if log_y:
        values = np.log10(values[values > 0])
    if values.size == 0:
        return None
    low, high = float(values.min()), float(values.max())
    q_low, q_high = np.quantile(values, [SPIKE_SHARE, 1.0 - SPIKE_SHARE])
    spread = float(q_high - q_low)
    low, high = max(low, float(q_low) - spread), min(high, float(q_high) + spread)
    if high - low < 1e-12:
        low, high = low - 0.5, high + 0.5
    return low, high


class LossPlotPanel(QWidget):
    """Setters never emit; the two check boxes report ``log_y_toggled`` / ``bias_correction_toggled``.

    ``set_step(s)`` shows ``raw[:s]`` and ``smooth[:s]`` at x = 0..s-1 and the play head at x = s.
    The view range is fitted to the whole curves when they are set, so it stays still while playing.
    Curves are cut once per change: `set_step` at the step already drawn does nothing.
    """

    log_y_toggled = Signal(bool)
    bias_correction_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(parent=self)
        self.plot_widget.setMinimumHeight(PLOT_MIN_HEIGHT)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot_item.showGrid(x=True, y=True, alpha=0.2)
        for name in ("left", "bottom"):
            # Grid lines at the major ticks only: the minor levels tripled the panel's paint time
            # (23 → 8 ms under software rendering) for lines a learner hardly sees.
            self.plot_item.getAxis(name).setStyle(maxTickLevel=0)
        self.plot_item.setMenuEnabled(False)
        tick_font = QFont(self.font())
        tick_font.setPixelSize(TICK_FONT_PX)
        label_style = {"font-size": f"{AXIS_FONT_PX}px"}
        for side, text in (("bottom", self.tr("step")), ("left", self.tr("loss"))):
            self.plot_item.getAxis(side).setStyle(tickFont=tick_font)
            self.plot_item.setLabel(side, text, **label_style)
        # The legend sits right of the plot, in the plot item's own layout: it never covers a curve.
        # (A size given turns off LegendItem's own sizing, which moves it to the scene's corner.)
        self.legend = pg.LegendItem(size=(1, 1), labelTextSize=f"{TICK_FONT_PX}px", verSpacing=-6)
        self.legend.setParentItem(self.plot_item)
        self.plot_item.layout.addItem(self.legend, 2, 3)
        self.plot_item.legend = self.legend  # PlotItem.addItem lists named curves here
        self.play_head = pg.InfiniteLine(
            pos=0, angle=90, movable=False, pen=pg.mkPen(PLAY_HEAD_COLOR, width=1)
        )
        self.play_head.setZValue(10)
        self.plot_item.addItem(self.play_head, ignoreBounds=True)

        self.log_y_box = QCheckBox(self.tr("log y"), self)
        self.log_y_box.setToolTip(self.tr("Show the loss on a logarithmic axis (values ≤ 0 are not drawn)."))
        self.bias_box = QCheckBox(self.tr("EMA bias correction"), self)
        self.bias_box.setToolTip(
            self.tr("Divide the smoothed loss by 1 − βᵗ so early steps are not pulled toward zero.")
        )
        toggles = QHBoxLayout()
        toggles.setContentsMargins(4, 0, 4, 0)
        toggles.addWidget(self.log_y_box)
        toggles.addWidget(self.bias_box)
        toggles.addStretch(1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.plot_widget, 1)
        self.lr_view = LrPlotView(self)  # the lr of every step, under the losses (shown when it varies)
        # The same steps at the same pixels: one x range, one left-axis width, and a gutter in the
        # lr plot as wide as the loss legend (LrPlotView.set_right_gutter).
        for plot in (self.plot_item, self.lr_view.plot_item):
            plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
        self.lr_view.plot_item.setXLink(self.plot_item)
        self._layout.addWidget(self.lr_view, 0)
        self._layout.addLayout(toggles)
        self._lr_shown = False
        self.lr_view.installEventFilter(self)  # shown and hidden by its own set_curves

        self._curves: dict[str, _CurveItems] = {}
        self._source: list[LossCurve] = []
        self._labels: list[tuple[str, str]] = []
        self._log_y = False
        self._step: int | None = None  # None: draw the whole curves
        self._drawn: int | bool | None = False  # the step the items show; False: arrays changed since

        self._flusher = SceneFlusher(self.plot_widget)  # drawn in the window's pending repaint
        self.log_y_box.toggled.connect(self._on_log_y_box_toggled)
        self.bias_box.toggled.connect(self._on_bias_box_toggled)

    # ----------------------------------------------------------------- setters (never emit)
    def set_curves(self, curves: Sequence[LossCurve]) -> None:
        """Replace the curves; plot items are reused when the keys and labels are unchanged."""
        self._source = list(curves)
        labels = [(c.key, c.label) for c in curves]
        if labels != self._labels:
            self._rebuild_items(curves)
            self._labels = labels
        for curve in curves:
            items = self._curves[curve.key]
            if curve.color != items.color:
                items.color = curve.color
                items.raw_item.setPen(self._raw_pen(curve.color))
                items.smooth_item.setPen(pg.mkPen(curve.color, width=SMOOTH_WIDTH))
        self._prepare_arrays()
        self._draw()
        self._fit_view()

    def set_step(self, step: int) -> None:
        """Cut every curve at ``step`` and move the play head there (called every frame)."""
        self._step = max(0, int(step))
        if self.play_head.value() != self._step:
            self.play_head.setValue(self._step)
            self.lr_view.set_step(self._step)
        self._draw()

    def set_log_y(self, log_y: bool) -> None:
        with QSignalBlocker(self.log_y_box):
            self.log_y_box.setChecked(log_y)
        self._apply_log_y(log_y)

    def set_bias_correction(self, enabled: bool) -> None:
        with QSignalBlocker(self.bias_box):
            self.bias_box.setChecked(enabled)

    # ----------------------------------------------------------------- read (tests, exports)
    def curve_items(self) -> dict[str, tuple[pg.PlotDataItem, pg.PlotDataItem]]:
        """The plot items of each run, by key: (raw loss, smoothed loss), as drawn."""
        return {key: (items.raw_item, items.smooth_item) for key, items in self._curves.items()}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lr_view and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._share_room_with_lr_view(self.lr_view.isVisibleTo(self))
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._flusher.attach()  # shown in a (new) window

    # ----------------------------------------------------------------- drawing
    def _raw_pen(self, color: str) -> pg.QtGui.QPen:
        faint = QColor(color)
        faint.setAlphaF(RAW_ALPHA)
        return pg.mkPen(faint, width=1)

    def _rebuild_items(self, curves: Sequence[LossCurve]) -> None:
        for items in self._curves.values():
            self.plot_item.removeItem(items.raw_item)
            self.plot_item.removeItem(items.smooth_item)
        self.legend.clear()
        self._curves = {}
        empty = np.empty(0)
        for curve in curves:
            raw_item = pg.PlotDataItem(pen=self._raw_pen(curve.color))
            smooth_item = pg.PlotDataItem(pen=pg.mkPen(curve.color, width=SMOOTH_WIDTH), name=curve.label)
            self.plot_item.addItem(raw_item)
            self.plot_item.addItem(smooth_item)
            self._curves[curve.key] = _CurveItems(raw_item, smooth_item, empty, empty, empty, curve.color)
        self._fit_legend()

    def _share_room_with_lr_view(self, shown: bool) -> None:
        """The lr plot takes its room from the loss plot's, and gives it back when it goes."""
        if shown == self._lr_shown:
            return
        self._lr_shown = shown
        self._layout.setStretchFactor(self.lr_view, LR_STRETCH if shown else 0)
        self._layout.setStretchFactor(self.plot_widget, PLOT_STRETCH if shown else 1)
        bottom = self.plot_item.getAxis("bottom")
        bottom.setStyle(showValues=not shown)  # the lr plot right under it shows the steps
        bottom.showLabel(not shown)

    def _fit_legend(self) -> None:
        """Give the legend's layout cell the width of its widest label and the height of its rows,
        at the top of the cell, each row's sample centred beside its label."""
        grid = self.legend.layout
        spacing = grid.horizontalSpacing()
        width = 0.0
        for column in range(grid.columnCount()):
            cells = [grid.itemAt(row, column) for row in range(grid.rowCount())]
            width += max((cell.minimumWidth() for cell in cells if cell is not None), default=0.0)
            width += spacing
        height = 0.0
        for sample, label in self.legend.items:
            label.setMaximumHeight(label.minimumHeight())  # a stretched row would keep it at the top
            grid.setAlignment(label, Qt.AlignmentFlag.AlignVCenter)
            height += max(sample.minimumHeight(), label.minimumHeight()) + grid.verticalSpacing()
        _, top, _, bottom = grid.getContentsMargins()
        legend_width = width + 12 if width > 0 else 0.0
        self.legend.setFixedWidth(legend_width)
        self.legend.setFixedHeight(height + top + bottom if height > 0 else 0)
        self.plot_item.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop)
        self.legend.setVisible(width > 0)
        self.lr_view.set_right_gutter(legend_width)
        self.plot_item.layout.activate()

    def _prepare_arrays(self) -> None:
        for curve in self._source:
            items = self._curves[curve.key]
            items.raw = mask_for_display(curve.raw, self._log_y)
            items.smooth = mask_for_display(curve.smooth, self._log_y)
            items.x = np.arange(max(len(items.raw), len(items.smooth)), dtype=float)
        self._drawn = False

    def _draw(self) -> None:
        stop = self._step
        if self._drawn is not False and self._drawn == stop:
            return
        self._drawn = stop
        for items in self._curves.values():
            raw, smooth = items.raw[:stop], items.smooth[:stop]
            items.raw_item.setData(items.x[: len(raw)], raw)
            items.smooth_item.setData(items.x[: len(smooth)], smooth)

    def _fit_view(self) -> None:
        """Frame the whole curves (not only the part drawn so far), in the axis' own units; a
        diverged run's tail and single spikes do not squash the other curves (`y_range`)."""
        curves = [a for c in self._curves.values() for a in (c.raw, c.smooth)]
        length = max((len(c.x) for c in self._curves.values()), default=0)
        self.plot_item.setXRange(0, max(length, 1), padding=0.02)
        shown = y_range(curves, self._log_y)
        if shown is not None:
            self.plot_item.setYRange(*shown, padding=0.05)
        self.plot_item.disableAutoRange()

    def _apply_log_y(self, log_y: bool) -> None:
        if log_y == self._log_y:
            return
        self._log_y = log_y
        self.plot_item.setLogMode(y=log_y)
        self._prepare_arrays()
        self._draw()
        self._fit_view()

    # ----------------------------------------------------------------- user actions
    def _on_log_y_box_toggled(self, checked: bool) -> None:
        self._apply_log_y(checked)
        self.log_y_toggled.emit(checked)

    def _on_bias_box_toggled(self, checked: bool) -> None:
        self.bias_correction_toggled.emit(checked)
