"""The explanation of the lesson being shown, with buttons to replay it or leave it."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

TITLE_FONT_PX = 16
MIN_TEXT_HEIGHT = 120
WIDTH_STEP = 8
# A "<" that opens none of these tags is text ("lr < 0.1"): Qt would read it as a tag and drop the rest.
_STRAY_LESS_THAN = re.compile(r"<(?!/?(?:b|i|u|em|strong|code|tt|p|br|ul|ol|li|a|h[1-6]|sub|sup|span|div)\b)")


def escape_stray_brackets(text: str) -> str:
    """``text`` with every "<" that does not open a known rich-text tag written as ``&lt;``."""
    return _STRAY_LESS_THAN.sub("&lt;", text)


class LessonPanel(QWidget):
    """``set_lesson`` shows a lesson, ``clear`` a hint to pick one; the buttons only report clicks."""

    replay_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        font = QFont(self.title_label.font())
        font.setPixelSize(TITLE_FONT_PX)
        font.setBold(True)
        self.title_label.setFont(font)

        self.text_browser = QTextBrowser(self)
        self.text_browser.setOpenExternalLinks(True)
        self.text_browser.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.text_browser.setMinimumHeight(MIN_TEXT_HEIGHT)
        self.text_browser.setToolTip(self.tr("What this lesson shows and what to look for."))

        self.replay_button = QPushButton(self.tr("Replay"), self)
        self.replay_button.setToolTip(self.tr("Run the lesson again from its first step."))
        self.replay_button.clicked.connect(self._on_replay_button_clicked)
        self.leave_button = QPushButton(self.tr("Leave lesson"), self)
        self.leave_button.setToolTip(self.tr("Close the lesson and go back to exploring freely."))
        self.leave_button.clicked.connect(self._on_leave_button_clicked)

        # The buttons beside the title, not under the text: every pixel of height goes to the text.
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.replay_button)
        header.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.text_browser, 1)
        self.clear()

    # ----------------------------------------------------------------- setters (never emit)
    def set_lesson(self, title: str, html: str) -> None:
        """Show a lesson; ``html`` may use Qt's rich-text subset (headings, lists, <b>, <code>, links);
        any other "<" is shown as written."""
        self.title_label.setText(title)
        self.title_label.show()
        self.text_browser.setHtml(escape_stray_brackets(html))
        self.replay_button.setEnabled(True)
        self.leave_button.setEnabled(True)

    def clear(self) -> None:
        """No lesson: a hint where the text goes, and nothing to replay or leave."""
        self.title_label.clear()
        self.title_label.hide()
        self.text_browser.clear()
        self.text_browser.setPlaceholderText(self.tr("Pick a lesson from the Lessons menu."))
        self.replay_button.setEnabled(False)
        self.leave_button.setEnabled(False)

    # ----------------------------------------------------------------- layout
    def text_fits(self) -> bool:
        """Whether the whole text shows in the text box as it is now, without scrolling."""
        return self.text_height(self.text_browser.viewport().width()) <= self.text_browser.viewport().height()

    def text_height(self, width: int) -> float:
        """The height the text takes when the text box's viewport is ``width`` pixels wide."""
        document = self.text_browser.document().clone()
        document.setTextWidth(width)
        return float(document.size().height())

    def width_to_fit_text(self, most: int) -> int:
        """The narrowest panel width (at most ``most``) at which the text shows whole at the text
        box's current height; ``most`` when even that is too narrow."""
        height = self.text_browser.viewport().height()
        inside = self.text_browser.contentsRect().width()  # the viewport's width without a scroll bar
        chrome = self.width() - inside
        # Fitting even beside a scroll bar: one shown while the box was narrower may otherwise stay.
        bar = self.text_browser.verticalScrollBar().sizeHint().width()
        for width in range(inside, most - chrome + 1, WIDTH_STEP):
            if self.text_height(width - bar) <= height:
                return width + chrome
        return most

    # ----------------------------------------------------------------- user actions
    def _on_replay_button_clicked(self) -> None:
        self.replay_requested.emit()

    def _on_leave_button_clicked(self) -> None:
        self.leave_requested.emit()
