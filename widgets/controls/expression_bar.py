"""A line to type a loss surface f(x, y) as a formula; the app parses it and reports errors back."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from widgets.controls.message_label import WARNING_COLOR, MessageLabel

MAX_LENGTH = 500
ERROR_STYLE = f"QLineEdit {{ border: 2px solid {WARNING_COLOR}; border-radius: 3px; padding: 1px; }}"


class ExpressionBar(QWidget):
    """Enter or "Draw" emits ``expression_submitted(text)``; setters never emit.

    ``set_error(text, column)`` shows why a formula was refused; with a column it also puts the
    cursor there and gives the field a red border. ``clear_error`` undoes both.
    """

    expression_submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(MAX_LENGTH)
        self.edit.setPlaceholderText(self.tr("e.g. x^2 + 3*sin(y)"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(
            self.tr(
                "A formula in x and y made of numbers, + - * / ^, pi, e and "
                "sin cos tan exp log sqrt abs tanh sinh cosh atan atan2 min max."
            )
        )
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        label = QLabel(self.tr("f(x, y) ="), self)
        label.setBuddy(self.edit)
        self.draw_button = QPushButton(self.tr("Draw"), self)
        self.draw_button.setToolTip(self.tr("Draw the surface of the formula (same as pressing Enter)."))
        self.draw_button.clicked.connect(self._on_draw_button_clicked)
        self.error_label = MessageLabel(self)

        layout = QGridLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setHorizontalSpacing(4)
        layout.setVerticalSpacing(2)
        layout.addWidget(label, 0, 0)
        layout.addWidget(self.edit, 0, 1)
        layout.addWidget(self.draw_button, 0, 2)
        layout.addWidget(self.error_label, 1, 1, 1, 2)
        layout.setColumnStretch(1, 1)

    # ----------------------------------------------------------------- setters (never emit)
    def set_expression(self, text: str) -> None:
        with QSignalBlocker(self.edit):
            self.edit.setText(text)

    def set_error(self, text: str, column: int | None = None) -> None:
        """Show ``text``; a ``column`` (0-based) also moves the cursor there and marks the field."""
        self.error_label.set_message(text)
        if column is None:
            self.edit.setStyleSheet("")
            return
        self.edit.setStyleSheet(ERROR_STYLE)
        self.edit.setFocus()
        self.edit.setCursorPosition(min(max(column, 0), len(self.edit.text())))

    def clear_error(self) -> None:
        self.error_label.set_message("")
        self.edit.setStyleSheet("")

    def has_error_mark(self) -> bool:
        """Whether the field has its red border; for tests."""
        return bool(self.edit.styleSheet())

    # ----------------------------------------------------------------- user actions
    def _on_edit_return_pressed(self) -> None:
        self.expression_submitted.emit(self.edit.text())

    def _on_draw_button_clicked(self) -> None:
        self.expression_submitted.emit(self.edit.text())
