"""A word-wrapped label for short warnings (a bad formula, a CSV that would not load), hidden when empty."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

WARNING_COLOR = "#e03131"
MESSAGE_FONT_PX = 12


class MessageLabel(QLabel):
    """Shows ``set_message(text)`` in the warning colour; an empty text hides the label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.WindowText, QColor(WARNING_COLOR))
        self.setPalette(palette)
        font = QFont(self.font())
        font.setPixelSize(MESSAGE_FONT_PX)
        self.setFont(font)
        self.hide()

    def set_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
