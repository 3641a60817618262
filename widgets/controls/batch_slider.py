"""Batch-size slider: 1 (SGD) … n (mini-batches) … full batch (GD) at the right end."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QSlider, QWidget

FULL_BATCH = 0
SMALL_FONT_PX = 11


class BatchSliderWidget(QWidget):
    """Positions 1..n are batch sizes, position n + 1 is "full" (reported as 0).

    ``value_changed(int)`` fires while dragging; ``set_batch_size`` never emits.
    """

    value_changed = Signal(int)

    def __init__(self, n_samples: int = 100, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setTracking(True)
        self.value_label = QLabel(self)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        small = QFont(self.font())
        small.setPixelSize(SMALL_FONT_PX)
        ends = []
        for text, align in (
            (self.tr("SGD"), Qt.AlignmentFlag.AlignLeft),
            (self.tr("mini-batch"), Qt.AlignmentFlag.AlignHCenter),
            (self.tr("GD"), Qt.AlignmentFlag.AlignRight),
        ):
            label = QLabel(text, self)
            label.setFont(small)
            label.setAlignment(align | Qt.AlignmentFlag.AlignTop)
            ends.append(label)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(0)
        layout.addWidget(self.slider, 0, 0, 1, 3)
        layout.addWidget(self.value_label, 0, 3)
        for column, label in enumerate(ends):
            layout.addWidget(label, 1, column)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(2, 1)

        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.set_batch_size(FULL_BATCH, n_samples)

    def batch_size(self) -> int:
        """The batch size shown (0 = full batch)."""
        return self._size_at(self.slider.value())

    def set_batch_size(self, size: int, n_samples: int) -> None:
        """Set the range to 1..n_samples + full and show ``size`` (0 = full); never emits."""
        n_samples = max(1, n_samples)
        with QSignalBlocker(self.slider):
            self.slider.setRange(1, n_samples + 1)
            self.slider.setPageStep(max(1, n_samples // 10))
            position = n_samples + 1 if size <= FULL_BATCH else min(size, n_samples)
            self.slider.setValue(position)
        width = self.value_label.fontMetrics().horizontalAdvance(self._text_for(n_samples))
        self.value_label.setMinimumWidth(max(width, self._full_text_width()) + 4)
        self._show(position)

    def setToolTip(self, text: str) -> None:
        super().setToolTip(text)
        self.slider.setToolTip(text)

    def _size_at(self, position: int) -> int:
        return FULL_BATCH if position == self.slider.maximum() else position

    def _text_for(self, size: int) -> str:
        if size == FULL_BATCH:
            return self.tr("full")
        return self.tr("B = {0}").format(size)

    def _full_text_width(self) -> int:
        return self.value_label.fontMetrics().horizontalAdvance(self._text_for(FULL_BATCH))

    def _show(self, position: int) -> None:
        self.value_label.setText(self._text_for(self._size_at(position)))

    def _on_slider_value_changed(self, position: int) -> None:
        self._show(position)
        self.value_changed.emit(self._size_at(position))
