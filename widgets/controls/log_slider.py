"""A slider on a log10 scale paired with an editable value box (used for the learning rate)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QSlider, QStyle, QStyleOptionSlider, QWidget

from widgets.controls.sci_spin_box import ScientificSpinBoxWidget

MARK_WIDTH = 3


class SliderMark(NamedTuple):
    """A value marked on the slider (e.g. the stability limit) with its colour and its explanation."""

    value: float
    color: str
    tooltip: str


class _MarkedSliderWidget(QSlider):
    """A QSlider that also paints vertical marks at given positions (over the groove, under the handle)."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.marks: list[tuple[int, str]] = []

    def mark_x(self, position: int) -> int:
        """The x pixel of a slider position, the way the style places the handle's centre."""
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        handle = self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        span = self.width() - handle.width()
        offset = QStyle.sliderPositionFromValue(self.minimum(), self.maximum(), position, span)
        return offset + handle.width() // 2

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.marks:
            return
        painter = QPainter(self)
        for position, color in self.marks:
            painter.setPen(QPen(QColor(color), MARK_WIDTH))
            x = self.mark_x(position)
            painter.drawLine(x, 1, x, self.height() - 2)
        painter.end()


class LogSliderWidget(QWidget):
    """An int QSlider mapped to ``10 ** (lo + i / ticks_per_decade)`` and a value box beside it.

    superqt has no logarithmic slider, hence this small pairing. ``value_changed`` fires while the
    slider is dragged and when a typed value is confirmed with Enter; ``set_value`` never emits.
    """

    value_changed = Signal(float)

    def __init__(
        self,
        minimum: float,
        maximum: float,
        ticks_per_decade: int = 100,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._log_min = math.log10(minimum)
        self._ticks = ticks_per_decade
        n_positions = round((math.log10(maximum) - self._log_min) * ticks_per_decade)

        self.slider = _MarkedSliderWidget(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, n_positions)
        self.slider.setSingleStep(max(1, ticks_per_decade // 10))
        self.slider.setPageStep(ticks_per_decade)
        self.slider.setTracking(True)
        self.box = ScientificSpinBoxWidget(minimum, maximum, decades_per_step=0.1, parent=self)
        self.box.setMinimumWidth(self.box.fontMetrics().horizontalAdvance("0.00001") + 28)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.box)

        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.box.valueChanged.connect(self._on_box_value_changed)
        self._marks: list[SliderMark] = []
        self._tooltip = ""

    def value(self) -> float:
        return float(self.box.value())

    def position_for(self, value: float) -> int:
        """The slider position nearest to ``value``."""
        position = round((math.log10(value) - self._log_min) * self._ticks)
        return min(max(position, self.slider.minimum()), self.slider.maximum())

    def value_at(self, position: int) -> float:
        """The value a slider position stands for, rounded to 3 significant digits."""
        return float(f"{10.0 ** (self._log_min + position / self._ticks):.3g}")

    def set_value(self, value: float) -> None:
        """Show ``value`` in the box and move the slider to its nearest position; never emits."""
        with QSignalBlocker(self.slider), QSignalBlocker(self.box):
            self.box.setValue(value)
            self.slider.setValue(self.position_for(value))

    def set_marks(self, marks: Sequence[SliderMark]) -> None:
        """Mark these values on the slider (outside its range: not drawn); the tooltip lists them."""
        self._marks = list(marks)
        low, high = 10.0**self._log_min, self.value_at(self.slider.maximum())
        self.slider.marks = [
            (self.position_for(m.value), m.color) for m in self._marks if low <= m.value <= high
        ]
        self.slider.setToolTip("\n".join([self._tooltip, *(m.tooltip for m in self._marks)]).strip())
        self.slider.update()

    def marks(self) -> list[SliderMark]:
        return list(self._marks)

    def setToolTip(self, text: str) -> None:
        super().setToolTip(text)
        self._tooltip = text
        self.box.setToolTip(text)
        self.set_marks(self._marks)

    def _on_slider_value_changed(self, position: int) -> None:
        value = self.value_at(position)
        with QSignalBlocker(self.box):
            self.box.setValue(value)
        self.value_changed.emit(value)

    def _on_box_value_changed(self, value: float) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setValue(self.position_for(value))
        self.value_changed.emit(float(value))
