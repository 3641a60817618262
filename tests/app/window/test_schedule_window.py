"""The lr schedule in the window: selector → state → runs, the lr curve, the code panel, sessions."""

from __future__ import annotations

import numpy as np
from pytestqt.qtbot import QtBot

from app.state.app_state import AppState
from app.state.schedules import ScheduleSettings
from app.state.session import apply_session, session_from_state
from app.window.controller import Controller
from app.window.main_window import MainWindow


def test_choosing_a_schedule_reruns_with_it(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    state, widget = controller.state, window.controls_panel.schedule_widget
    assert not window.loss_panel.lr_view.isVisibleTo(window.loss_panel)  # constant lr: no lr curve
    state.run.problem_id, state.run.lr = "bowl", 0.01
    widget.name_combo.setCurrentIndex(widget.name_combo.findData("StepLR"))  # as the learner picks it
    assert state.run.schedule.name == "StepLR" and dict(state.run.schedule.args) == {
        "step_size": 100,
        "gamma": 0.1,
    }
    assert set(widget.knobs) == {"step_size", "gamma"}
    widget.knobs["step_size"].setValue(50)  # type: ignore[attr-defined]
    assert dict(state.run.schedule.args)["step_size"] == 50
    qtbot.waitUntil(lambda: controller.results.entries[0].result.lr[50, 0] != 0.01)
    for entry in controller.results.completed():
        lr = entry.result.lr[:, 0]
        assert np.all(lr[:50] == 0.01) and np.allclose(lr[50:100], 0.001) and np.allclose(lr[100:150], 1e-4)
    assert window.loss_panel.lr_view.isVisibleTo(window.loss_panel)
    assert len(window.loss_panel.lr_view.curves) == len(controller.results.completed())
    window.docks["code"].raise_()
    qtbot.waitUntil(lambda: "torch.optim.lr_scheduler.StepLR(" in window.code_panel.code())
    assert "step_size=50," in window.code_panel.code() and "scheduler.step()" in window.code_panel.code()
    # The slider is the base lr of a OneCycleLR: max_lr = 1 × lr.
    widget.name_combo.setCurrentIndex(widget.name_combo.findData("OneCycleLR"))
    state.run.lr = 0.02
    spec = controller.results.entries[0].result.spec
    assert spec.schedule is not None and spec.schedule.given()["max_lr"] == 0.02
    # A session keeps it.
    saved = session_from_state(state)
    fresh = AppState()
    apply_session(saved, fresh)
    assert fresh.run.schedule == state.run.schedule and fresh.run.schedule.name == "OneCycleLR"
    # Back to a constant lr.
    widget.name_combo.setCurrentIndex(0)
    assert state.run.schedule == ScheduleSettings()
    qtbot.waitUntil(lambda: not window.loss_panel.lr_view.isVisibleTo(window.loss_panel))


def test_a_schedule_torch_refuses_is_reported_not_run(
    window_and_controller: tuple[MainWindow, Controller],
) -> None:
    window, controller = window_and_controller
    controller.state.optimizers["adagrad"].enabled = True
    controller.state.run.schedule = ScheduleSettings("CyclicLR", (("base_lr", 1.0), ("max_lr", 4.0)))
    entries = {e.key: e for e in controller.results.entries}
    assert entries["adagrad"].result is None and "cycle_momentum=False" in entries["adagrad"].plan.error
    assert entries["adam"].result is not None  # Adam cycles β₁ instead
    assert window.controls_panel.schedule_widget.name() == "CyclicLR"
