"""The app's first window shows its surface first: its first runs (which load the engine's kernels)
come back from the worker after the grid; from then on reruns that fit in a frame are inline again."""

from __future__ import annotations

import numpy as np
from pytestqt.qtbot import QtBot

from algorithms.engine import run_many
from app.state.app_state import AppState
from app.window.launch import build_window


def test_first_runs_arrive_from_the_worker_after_the_surface_then_reruns_are_inline(qtbot: QtBot) -> None:
    window, controller = build_window(AppState(), first_runs_on_worker=True)
    qtbot.addWidget(window)
    order: list[str] = []

    def on_grid(_grid: object) -> None:
        order.append("grid")

    def on_runs(_results: object) -> None:
        order.append("runs")

    controller.grid_changed.connect(on_grid)
    controller.results_changed.connect(on_runs)
    assert controller.results is None  # nothing computed on the GUI thread yet
    window.show()
    try:
        qtbot.waitUntil(
            lambda: controller.results is not None and controller.worker.is_idle(),
            timeout=30_000,
        )
        assert order[:2] == ["grid", "runs"]
        first = controller.results
        assert first is not None
        specs = [entry.result.spec for entry in first.completed()]
        alone = run_many(first.problem, specs, first.steps, full_loss=False)
        for entry, expected in zip(first.completed(), alone, strict=True):
            np.testing.assert_array_equal(entry.result.params, expected.params)  # the same paths as inline

        controller.state.run.lr = controller.state.run.lr / 2
        assert controller.results is not first  # inline again: the new runs are there at once
        assert controller.results is not None
        assert controller.results.completed()[0].result.spec.optimizer.lr == controller.state.run.lr
    finally:
        controller.shutdown()


def test_a_window_built_otherwise_computes_its_first_runs_inline(qtbot: QtBot) -> None:
    window, controller = build_window(AppState())
    qtbot.addWidget(window)
    try:
        assert controller.results is not None and controller.results.completed()
    finally:
        controller.shutdown()
