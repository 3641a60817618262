"""LessonPanel: shows a lesson or a hint; its buttons report Replay and Leave."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from widgets.panels.lesson_panel import MIN_TEXT_HEIGHT, LessonPanel


@pytest.fixture
def panel(qtbot: QtBot) -> LessonPanel:
    widget = LessonPanel()
    qtbot.addWidget(widget)
    widget.resize(380, 260)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def test_starts_with_a_hint(panel: LessonPanel) -> None:
    assert not panel.title_label.isVisible()
    assert panel.text_browser.toPlainText() == ""
    assert panel.text_browser.placeholderText() == "Pick a lesson from the Lessons menu."
    assert not panel.replay_button.isEnabled() and not panel.leave_button.isEnabled()
    assert panel.text_browser.minimumHeight() >= MIN_TEXT_HEIGHT


def test_set_lesson_and_clear(qtbot: QtBot, panel: LessonPanel) -> None:
    with qtbot.assertNotEmitted(panel.replay_requested), qtbot.assertNotEmitted(panel.leave_requested):
        panel.set_lesson("Saddle points", "<p>GD <b>slows down</b> near a saddle.</p>")
    assert panel.title_label.isVisible() and panel.title_label.text() == "Saddle points"
    assert panel.title_label.font().bold()
    assert panel.title_label.font().pixelSize() > panel.font().pixelSize()
    assert panel.text_browser.toPlainText() == "GD slows down near a saddle."
    assert "font-weight" in panel.text_browser.toHtml()
    assert panel.replay_button.isEnabled() and panel.leave_button.isEnabled()

    panel.clear()
    assert not panel.title_label.isVisible()
    assert panel.text_browser.toPlainText() == ""
    assert not panel.replay_button.isEnabled()


def test_buttons_report_clicks(qtbot: QtBot, panel: LessonPanel) -> None:
    panel.set_lesson("Momentum", "<p>A heavy ball.</p>")
    with qtbot.waitSignal(panel.replay_requested):
        qtbot.mouseClick(panel.replay_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.leave_requested):
        qtbot.mouseClick(panel.leave_button, Qt.MouseButton.LeftButton)


def test_every_control_has_a_tooltip(panel: LessonPanel) -> None:
    assert all(w.toolTip() for w in (panel.text_browser, panel.replay_button, panel.leave_button))


def test_a_less_than_sign_is_text_not_a_tag(panel: LessonPanel) -> None:
    panel.set_lesson("lr", "GD is <b>stable</b> only while lr < 2 / curvature, so lr < 0.1 &amp; x<y.")
    assert (
        panel.text_browser.toPlainText() == "GD is stable only while lr < 2 / curvature, so lr < 0.1 & x<y."
    )
