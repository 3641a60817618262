"""ScheduleWidget both ways: set_schedule shows the knobs silently; user edits emit name, args, interval."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from algorithms.schedules import SCHEDULERS
from widgets.controls.schedule_controls import ScheduleWidget


@pytest.fixture
def widget(qtbot: QtBot) -> ScheduleWidget:
    w = ScheduleWidget()
    qtbot.addWidget(w)
    w.show()
    return w


def test_every_scheduler_is_offered_after_constant(widget: ScheduleWidget) -> None:
    combo = widget.name_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["", *SCHEDULERS]
    assert widget.knobs == {} and not widget.interval_combo.isVisibleTo(widget)


def test_set_schedule_builds_knobs_without_emitting(qtbot: QtBot, widget: ScheduleWidget) -> None:
    args = {"max_lr": 2.0, "pct_start": 0.25, "anneal_strategy": "linear", "cycle_momentum": False}
    with qtbot.assertNotEmitted(widget.schedule_changed):
        widget.set_schedule("OneCycleLR", args, "epoch")
    assert widget.name() == "OneCycleLR" and widget.interval_combo.currentData() == "epoch"
    assert isinstance(widget.knobs["max_lr"], QDoubleSpinBox) and widget.knobs["max_lr"].value() == 2.0
    assert isinstance(widget.knobs["anneal_strategy"], QComboBox)
    assert (
        isinstance(widget.knobs["cycle_momentum"], QCheckBox)
        and not widget.knobs["cycle_momentum"].isChecked()
    )
    assert widget.values() == args
    with qtbot.assertNotEmitted(widget.schedule_changed):
        widget.set_schedule("MultiStepLR", {"milestones": (100, 200), "gamma": 0.1}, "step")
    assert (
        isinstance(widget.knobs["milestones"], QLineEdit) and widget.knobs["milestones"].text() == "100, 200"
    )
    assert set(widget.knobs) == {"milestones", "gamma"}


def test_user_edits_emit_the_whole_schedule(qtbot: QtBot, widget: ScheduleWidget) -> None:
    widget.set_schedule("StepLR", {"step_size": 100, "gamma": 0.1}, "step")
    spin = widget.knobs["step_size"]
    assert isinstance(spin, QSpinBox)
    with qtbot.waitSignal(widget.schedule_changed) as blocker:
        spin.setValue(30)
    assert blocker.args == ["StepLR", {"step_size": 30, "gamma": 0.1}, "step"]
    with qtbot.waitSignal(widget.schedule_changed) as blocker:
        widget.interval_combo.setCurrentIndex(1)
    assert blocker.args == ["StepLR", {"step_size": 30, "gamma": 0.1}, "epoch"]
    with qtbot.waitSignal(widget.schedule_changed) as blocker:
        widget.name_combo.setCurrentIndex(widget.name_combo.findData("ExponentialLR"))
    assert blocker.args == ["ExponentialLR", {}, "epoch"]  # the controller fills in the starting values
