"""A vertical colour scale for the 3D view: height -> colour, labelled in real loss units."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from widgets.common.palette import HEIGHT_COLORMAP

LABEL_PX = 12


def format_loss(value: float) -> str:
    """A loss value for a tick label: 4 significant digits, no trailing noise."""
    return f"{value:.4g}"


def _label_font() -> QFont:
    font = QFont()
    font.setPixelSize(LABEL_PX)
    return font


class GradientBarWidget(QWidget):
    """The colour bar itself: the colour map from bottom (low) to top (high)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colormap = pg.colormap.get(HEIGHT_COLORMAP)
        self.setFixedWidth(18)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.rect().adjusted(0, 0, -1, -1)
        gradient = self._colormap.getGradient(QPointF(0, rect.bottom()), QPointF(0, rect.top()))
        painter.fillRect(rect, gradient)
        painter.setPen(QPen(QColor(90, 90, 90)))
        painter.drawRect(rect)
        painter.end()


class HeightLegendWidget(QWidget):
    """Title (the z label), the bar, and max / middle / min labels in real loss units."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = _label_font()
        self.title_label = QLabel("loss", self)
        self.max_label = QLabel("", self)
        self.mid_label = QLabel("", self)
        self.min_label = QLabel("", self)
        for label in (self.title_label, self.max_label, self.mid_label, self.min_label):
            label.setFont(font)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._bar = GradientBarWidget(self)

        ticks = QVBoxLayout()
        ticks.setContentsMargins(0, 0, 0, 0)
        ticks.addWidget(self.max_label, 0, Qt.AlignmentFlag.AlignTop)
        ticks.addStretch(1)
        ticks.addWidget(self.mid_label, 0, Qt.AlignmentFlag.AlignVCenter)
        ticks.addStretch(1)
        ticks.addWidget(self.min_label, 0, Qt.AlignmentFlag.AlignBottom)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self._bar)
        row.addLayout(ticks)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 8, 6, 8)
        outer.addWidget(self.title_label)
        outer.addLayout(row, 1)
        self.setMinimumWidth(70)

    def set_range(self, low: float, mid: float, high: float, clipped: bool, title: str) -> None:
        """Show real losses at the bottom, middle and top of the bar; ``clipped`` marks a robust top."""
        self.title_label.setText(title)
        self.min_label.setText(format_loss(low))
        self.mid_label.setText(format_loss(mid))
        self.max_label.setText(("≥ " if clipped else "") + format_loss(high))
