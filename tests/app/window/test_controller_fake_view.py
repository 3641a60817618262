"""The Controller's core loop against a small fake window (ndv-style), wired by core_wiring.

The user moves the lr slider (the fake emits lr_changed) → the state → the Controller reruns → the
presenter pushes the new paths; the numbers are checked against the engine run on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from algorithms.engine import run_many
from app.runs.run_builder import build_problem, plan_runs
from app.state.app_state import AppState
from app.window.controller import Controller
from app.window.wiring import core_wiring


class FakeView(QObject):
    """Records every setter call: (name, args)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)

        def setter(*args: Any) -> None:
            self.calls.append((name, args))

        return setter

    def last(self, name: str) -> tuple[Any, ...]:
        return [args for called, args in self.calls if called == name][-1]

    def count(self, name: str) -> int:
        return sum(called == name for called, _ in self.calls)


class FakeControls(FakeView):
    lr_changed = Signal(float)
    batch_size_changed = Signal(int)
    ema_beta_changed = Signal(float)
    steps_changed = Signal(int)
    noise_changed = Signal(float)
    samples_changed = Signal(int)
    seed_changed = Signal(int)
    optimizer_changed = Signal(str, str, object)


class FakeGallery(FakeView):
    item_chosen = Signal(str)


class FakePlot(FakeView):
    start_picked = Signal(float, float)
    log_height_toggled = Signal(bool)


class FakeLoss(FakeView):
    log_y_toggled = Signal(bool)
    bias_correction_toggled = Signal(bool)


class FakeBar(FakeView):
    play_toggled = Signal(bool)
    step_requested = Signal(int)
    scrub_changed = Signal(int)
    speed_changed = Signal(float)
    restart_requested = Signal()


class FakeWindow(QObject):
    """The views the Controller and its presenter use: signals to emit, setters that record."""

    def __init__(self) -> None:
        super().__init__()
        self.controls_panel = FakeControls()
        self.controls_panel.schedule_widget = FakeView()
        self.gallery_panel = FakeGallery()
        self.surface_view, self.contour_view = FakePlot(), FakePlot()
        self.loss_panel = FakeLoss()
        self.playback_bar = FakeBar()
        for name in ("status_panel", "data_controls", "expression_bar", "race_panel", "graph_panel"):
            setattr(self, name, FakeView())
        self.status = FakeView()
        for name in (
            "reset_camera",
            "log_height",
            "wireframe",
            "gradient",
            "momentum",
            "critical",
            "real_model",
        ):
            action = QAction(self)
            action.setCheckable(name != "reset_camera" and name != "real_model")
            setattr(self, f"{name}_action", action)

    def statusBar(self) -> FakeView:  # QMainWindow's name
        return self.status


@pytest.fixture
def fake(qtbot: QtBot) -> Iterator[tuple[FakeWindow, Controller]]:
    state = AppState()
    state.run.steps = 40
    window = FakeWindow()
    controller = Controller(state, window)  # type: ignore[arg-type]  # a fake with the same signals and setters
    wiring = core_wiring(window, controller)  # type: ignore[arg-type]
    wiring.connect()
    controller.add_shutdown_hook(wiring.undo_state, first=True)
    controller.start()
    yield window, controller
    controller.shutdown()
    qtbot.waitUntil(controller.worker.is_idle, timeout=30_000)


def _expected_paths(state: AppState) -> list[np.ndarray]:
    problem = build_problem(state.run)
    specs = [p.spec for p in plan_runs(state, problem) if p.spec is not None]
    return [r.params for r in run_many(problem, specs, state.run.steps, full_loss=False)]


def test_start_pushes_the_settings_and_the_paths(fake: tuple[FakeWindow, Controller]) -> None:
    window, _ = fake
    assert window.controls_panel.last("set_lr") == (1e-3,)
    runs = window.surface_view.last("set_runs")[0]
    assert [len(r.xy) for r in runs] == [41] * len(runs)
    assert window.contour_view.last("set_runs") == window.surface_view.last("set_runs")


def test_lr_from_the_view_reruns_and_pushes_new_paths(fake: tuple[FakeWindow, Controller]) -> None:
    window, controller = fake
    before = window.surface_view.count("set_runs")
    window.controls_panel.lr_changed.emit(0.02)  # the user moved the lr slider
    assert controller.state.run.lr == 0.02
    assert window.controls_panel.last("set_lr") == (0.02,)  # the presenter shows what the state holds
    assert window.surface_view.count("set_runs") == before + 1  # one rerun, drawn once
    runs = window.surface_view.last("set_runs")[0]
    expected = _expected_paths(controller.state)
    assert len(runs) == len(expected)
    for run, params in zip(runs, expected, strict=True):
        np.testing.assert_allclose(np.asarray(run.xy), params, rtol=1e-6)


def test_a_state_change_from_code_reaches_the_fake_views(fake: tuple[FakeWindow, Controller]) -> None:
    window, controller = fake
    controller.state.run.steps = 25
    assert window.controls_panel.last("set_steps") == (25,)
    assert {len(r.xy) for r in window.surface_view.last("set_runs")[0]} == {26}
    assert window.playback_bar.last("set_step")[1] == 25
