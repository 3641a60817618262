"""A vertical colour scale for the 3D view: height -> colour, ticked at round loss values."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from widgets.common.palette import HEIGHT_COLORMAP

LABEL_PX = 12
BAR_WIDTH = 18
TICK_LENGTH = 4
GAP = 4


def format_loss(value: float) -> str:
    """A loss value (hover texts, the map's bar): 4 significant digits, no trailing noise."""
    return f"{value:.4g}"


def _label_font() -> QFont:
    font = QFont()
    font.setPixelSize(LABEL_PX)
    return font


class GradientBarWidget(QWidget):
    """The colour bar with its ticks: the colour map from bottom (low) to top (high), a tick and
    its text at each (fraction of the height, text); the widget is as wide as its longest text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colormap = pg.colormap.get(HEIGHT_COLORMAP)
        self.setFont(_label_font())
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.ticks: list[tuple[float, str]] = []
        self._fit_width()

    def set_ticks(self, ticks: Sequence[tuple[float, str]]) -> None:
        self.ticks = list(ticks)
        self._fit_width()
        self.update()

    def _fit_width(self) -> None:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(text) for _, text in self.ticks), default=0)
        self.setFixedWidth(BAR_WIDTH + TICK_LENGTH + GAP + widest + 2)

    def bar_rect(self) -> QRect:
        """The gradient's rectangle: half a text line inside the top and bottom, so the end
        ticks' texts fit."""
        half = QFontMetrics(self.font()).height() // 2 + 1
        return QRect(0, half, BAR_WIDTH, max(self.height() - 2 * half, 1))

    def tick_text_rects(self) -> list[QRect]:
        """Where each tick's text is drawn (widget coordinates)."""
        metrics = QFontMetrics(self.font())
        bar = self.bar_rect()
        rects = []
        for fraction, text in self.ticks:
            y = bar.bottom() - fraction * (bar.height() - 1)
            rect = metrics.boundingRect(text)
            left = bar.right() + TICK_LENGTH + GAP
            rects.append(QRect(left, round(y - metrics.height() / 2), rect.width() + 1, metrics.height()))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        bar = self.bar_rect()
        gradient = self._colormap.getGradient(QPointF(0, bar.bottom()), QPointF(0, bar.top()))
        painter.fillRect(bar, gradient)
        painter.setPen(QPen(QColor(90, 90, 90)))
        painter.drawRect(bar.adjusted(0, 0, -1, -1))
        painter.setPen(self.palette().windowText().color())
        for (fraction, text), rect in zip(self.ticks, self.tick_text_rects(), strict=True):
            y = round(bar.bottom() - fraction * (bar.height() - 1))
            painter.drawLine(bar.right() + 1, y, bar.right() + TICK_LENGTH, y)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()


class HeightLegendWidget(QWidget):
    """Title (the z label) over the bar, ticked at round losses placed by the height transform."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel("loss", self)
        self.title_label.setFont(_label_font())
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.bar = GradientBarWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 8, 6, 8)
        outer.addWidget(self.title_label)
        outer.addWidget(self.bar, 1)

    @property
    def tick_texts(self) -> list[str]:
        """The texts beside the bar, bottom to top."""
        return [text for _, text in self.bar.ticks]

    def set_ticks(self, ticks: Sequence[tuple[float, str]], clipped: bool, title: str) -> None:
        """(fraction of the bar's height, text) per tick; ``clipped``: the top is a robust cut
        (the title's tooltip says so)."""
        self.title_label.setText(title)
        self.title_label.setToolTip(self.tr("The highest part of the surface is cut off") if clipped else "")
        self.bar.set_ticks(ticks)
        self.updateGeometry()
