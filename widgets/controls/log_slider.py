"""A slider on a log10 scale paired with an editable value box (used for the learning rate)."""

from __future__ import annotations

import math

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSlider, QWidget

from widgets.controls.sci_spin_box import ScientificSpinBoxWidget


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

        self.slider = QSlider(Qt.Orientation.Horizontal, self)
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

    def setToolTip(self, text: str) -> None:
        super().setToolTip(text)
        self.slider.setToolTip(text)
        self.box.setToolTip(text)

    def _on_slider_value_changed(self, position: int) -> None:
        value = self.value_at(position)
        with QSignalBlocker(self.box):
            self.box.setValue(value)
        self.value_changed.emit(value)

    def _on_box_value_changed(self, value: float) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setValue(self.position_for(value))
        self.value_changed.emit(float(value))
