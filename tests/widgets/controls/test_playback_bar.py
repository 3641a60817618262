"""PlaybackBar both ways: setters show the play head silently; buttons and slider emit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractSlider
from pytestqt.qtbot import QtBot

from widgets.controls.playback_bar import PAUSE_TEXT, PLAY_TEXT, PlaybackBar

SIGNALS = ("play_toggled", "step_requested", "scrub_changed", "speed_changed", "restart_requested")


@pytest.fixture
def bar(qtbot: QtBot) -> PlaybackBar:
    widget = PlaybackBar()
    qtbot.addWidget(widget)
    widget.resize(360, 70)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


@contextmanager
def nothing_emitted(qtbot: QtBot, bar: PlaybackBar) -> Iterator[None]:
    with ExitStack() as stack:
        for name in SIGNALS:
            stack.enter_context(qtbot.assertNotEmitted(getattr(bar, name)))
        yield


def test_setters_show_values_and_emit_nothing(qtbot: QtBot, bar: PlaybackBar) -> None:
    with nothing_emitted(qtbot, bar):
        bar.set_step(37, 200)
        bar.set_playing(True)
        bar.set_speed(120.0)
    assert bar.step_label.text() == "step 37 / 200"
    assert (bar.scrub_slider.value(), bar.scrub_slider.maximum()) == (37, 200)
    assert bar.play_button.isChecked() and bar.play_button.text() == PAUSE_TEXT
    assert bar.speed_spin.value() == 120
    with nothing_emitted(qtbot, bar):
        bar.set_playing(False)
        bar.set_step(200, 200)
        bar.set_step(3, 10)
    assert bar.play_button.text() == PLAY_TEXT
    assert bar.step_label.text() == "step 3 / 10"
    assert (bar.scrub_slider.value(), bar.scrub_slider.maximum()) == (3, 10)


def test_play_button_toggles(qtbot: QtBot, bar: PlaybackBar) -> None:
    with qtbot.waitSignal(bar.play_toggled) as blocker:
        qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True]
    assert bar.play_button.text() == PAUSE_TEXT
    with qtbot.waitSignal(bar.play_toggled) as blocker:
        qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [False]
    assert bar.play_button.text() == PLAY_TEXT


def test_step_and_restart_buttons(qtbot: QtBot, bar: PlaybackBar) -> None:
    with qtbot.waitSignal(bar.step_requested) as blocker:
        qtbot.mouseClick(bar.back_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [-1]
    with qtbot.waitSignal(bar.step_requested) as blocker:
        qtbot.mouseClick(bar.forward_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [1]
    with qtbot.waitSignal(bar.restart_requested):
        qtbot.mouseClick(bar.restart_button, Qt.MouseButton.LeftButton)


def test_scrubbing_emits_while_dragging(qtbot: QtBot, bar: PlaybackBar) -> None:
    bar.set_step(0, 200)
    slider = bar.scrub_slider
    slider.setSliderDown(True)
    with qtbot.waitSignal(bar.scrub_changed) as blocker:
        slider.setSliderPosition(50)
    assert blocker.args == [50]
    assert bar.step_label.text() == "step 50 / 200"
    with qtbot.waitSignal(bar.scrub_changed) as blocker:
        slider.setSliderPosition(51)
    assert blocker.args == [51]
    slider.setSliderDown(False)
    with qtbot.waitSignal(bar.scrub_changed) as blocker:
        slider.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
    assert blocker.args == [200]


def test_speed_emits_float(qtbot: QtBot, bar: PlaybackBar) -> None:
    bar.speed_spin.setFocus()
    bar.speed_spin.selectAll()
    with qtbot.waitSignal(bar.speed_changed) as blocker:
        qtbot.keyClicks(bar.speed_spin, "90")
        qtbot.keyClick(bar.speed_spin, Qt.Key.Key_Return)
    assert blocker.args == [90.0]
    assert isinstance(blocker.args[0], float)
    with qtbot.waitSignal(bar.speed_changed) as blocker:
        bar.speed_spin.stepUp()
    assert blocker.args == [91.0]


def test_shortcuts_and_tooltips(bar: PlaybackBar) -> None:
    expected = {
        bar.play_button: ("Space", "Space"),
        bar.back_button: ("Left", "←"),
        bar.forward_button: ("Right", "→"),
        bar.restart_button: ("Home", "Home"),
    }
    for button, (_key, mention) in expected.items():
        assert mention in button.toolTip()
    keys = {shortcut.key() for shortcut in bar.shortcuts}
    assert keys == {QKeySequence(key) for key, _ in expected.values()}
    assert all(shortcut.autoRepeat() for shortcut in bar.shortcuts)
    assert bar.scrub_slider.toolTip() and bar.speed_spin.toolTip()


def test_space_shortcut_plays(qtbot: QtBot, bar: PlaybackBar) -> None:
    with qtbot.waitActive(bar):
        bar.activateWindow()
    bar.scrub_slider.setFocus()
    with qtbot.waitSignal(bar.play_toggled) as blocker:
        qtbot.keyClick(bar.scrub_slider, Qt.Key.Key_Space)
    assert blocker.args == [True]
    with qtbot.waitSignal(bar.step_requested) as blocker:
        qtbot.keyClick(bar.scrub_slider, Qt.Key.Key_Right)
    assert blocker.args == [1]
