"""ExpressionBar both ways: Enter or Draw submits the text; errors are shown, marked and cleared."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from widgets.controls.expression_bar import MAX_LENGTH, ExpressionBar
from widgets.controls.message_label import WARNING_COLOR


@pytest.fixture
def bar(qtbot: QtBot) -> ExpressionBar:
    widget = ExpressionBar()
    qtbot.addWidget(widget)
    widget.resize(380, 60)
    with qtbot.waitExposed(widget):
        widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def test_field_limits_and_hints(bar: ExpressionBar) -> None:
    assert bar.edit.maxLength() == MAX_LENGTH == 500
    assert bar.edit.placeholderText() == "e.g. x^2 + 3*sin(y)"
    assert "atan2" in bar.edit.toolTip() and "^" in bar.edit.toolTip()
    assert bar.draw_button.toolTip()
    assert not bar.error_label.isVisible()


def test_set_expression_never_emits(qtbot: QtBot, bar: ExpressionBar) -> None:
    with qtbot.assertNotEmitted(bar.expression_submitted):
        bar.set_expression("sin(x) * cos(y)")
    assert bar.edit.text() == "sin(x) * cos(y)"


def test_enter_submits_the_typed_text(qtbot: QtBot, bar: ExpressionBar) -> None:
    bar.edit.setFocus()
    qtbot.keyClicks(bar.edit, "x^2 + 3*sin(y)")
    with qtbot.waitSignal(bar.expression_submitted) as blocker:
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert blocker.args == ["x^2 + 3*sin(y)"]


def test_draw_submits_the_shown_text(qtbot: QtBot, bar: ExpressionBar) -> None:
    bar.set_expression("x*y")
    with qtbot.waitSignal(bar.expression_submitted) as blocker:
        qtbot.mouseClick(bar.draw_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["x*y"]


def test_error_with_a_column_moves_the_cursor_and_marks_the_field(qtbot: QtBot, bar: ExpressionBar) -> None:
    bar.set_expression("x^2 + 3*sin(y")
    with qtbot.assertNotEmitted(bar.expression_submitted):
        bar.set_error("missing ')'", 13)
    assert bar.error_label.isVisible() and bar.error_label.text() == "missing ')'"
    color = bar.error_label.palette().color(QPalette.ColorRole.WindowText)
    assert color.name() == QColor(WARNING_COLOR).name()
    assert bar.edit.cursorPosition() == 13
    assert bar.edit.hasFocus()
    assert bar.has_error_mark() and WARNING_COLOR in bar.edit.styleSheet()

    bar.set_error("far away", 99)  # clamped to the end of the text
    assert bar.edit.cursorPosition() == len("x^2 + 3*sin(y")

    bar.clear_error()
    assert not bar.error_label.isVisible()
    assert not bar.has_error_mark()


def test_error_without_a_column_leaves_the_field_unmarked(bar: ExpressionBar) -> None:
    bar.set_expression("x + y")
    bar.edit.setCursorPosition(2)
    bar.set_error("the surface is flat", 1)
    bar.set_error("the surface is flat", None)
    assert bar.error_label.isVisible()
    assert not bar.has_error_mark()
    assert bar.edit.cursorPosition() == 1
