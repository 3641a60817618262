"""The equivalent PyTorch script, read-only and coloured, with a Copy button."""

from __future__ import annotations

import keyword
import re

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

CODE_FONT_PX = 12
# (pattern, colour, bold); later rules paint over earlier ones, so strings and comments win.
RULES = (
    (r"\b(?:" + "|".join(keyword.kwlist) + r")\b", "#c678dd", True),
    (r"\b(?:True|False|None|self)\b", "#d19a66", False),
    (r"\b\d+(?:\.\d*)?(?:[eE][+-]?\d+)?\b", "#d19a66", False),
    (r"\b[A-Za-z_]\w*(?=\()", "#61afef", False),
    (r"[rbfu]?(?:'''.*?'''|\"\"\".*?\"\"\"|'[^'\n]*'|\"[^\"\n]*\")", "#98c379", False),
    (r"#[^\n]*", "#7f848e", False),
)


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, names called, numbers, strings and comments, one line at a time.

    A string or comment painted last overrides anything found inside it; triple-quoted strings are
    coloured only where they open and close on one line (enough for generated scripts).
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._rules = []
        for pattern, color, bold in RULES:
            text_format = QTextCharFormat()
            text_format.setForeground(QColor(color))
            if bold:
                text_format.setFontWeight(QFont.Weight.Bold)
            self._rules.append((re.compile(pattern), text_format))

    def highlightBlock(self, text: str) -> None:
        for pattern, text_format in self._rules:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), text_format)


class CodePanel(QWidget):
    """``set_code`` never emits; the Copy button puts the code on the clipboard and emits ``copied``."""

    copied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit(self)
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPixelSize(CODE_FONT_PX)
        self.editor.setFont(font)
        self.editor.setTabStopDistance(4 * self.editor.fontMetrics().horizontalAdvance(" "))
        self.highlighter = PythonHighlighter(self.editor.document())

        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setToolTip(self.tr("Copy the script to the clipboard, to paste into a notebook."))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 0, 4, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)

        self.copy_button.clicked.connect(self._on_copy_button_clicked)

    def set_code(self, text: str) -> None:
        """Show ``text``; the scroll position is kept when the code is only updated."""
        if text == self.editor.toPlainText():
            return
        scroll = self.editor.verticalScrollBar().value()
        self.editor.setPlainText(text)
        self.editor.verticalScrollBar().setValue(scroll)

    def code(self) -> str:
        return self.editor.toPlainText()

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.editor.toPlainText())
        self.copied.emit()
