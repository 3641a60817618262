"""Item 4: a rerun above a frame's budget runs on the worker, with progress; stale runs are dropped."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.runs.run_builder import plan_runs
from app.runs.run_cost import INLINE_BUDGET_NS, fits_inline, rerun_cost_ns
from app.state.limits import MAX_SAMPLES, MAX_STEPS
from app.state.optimizer_kinds import OPTIMIZER_KINDS
from app.window.controller import Controller
from app.window.main_window import MainWindow


def test_a_rerun_at_the_maxima_goes_to_the_worker_and_only_the_newest_arrives(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    state = controller.state
    for kind in OPTIMIZER_KINDS:
        state.optimizers[kind].enabled = True
    state.run.batch_size = 0
    state.run.samples = MAX_SAMPLES
    state.run.steps = MAX_STEPS
    specs = [p.spec for p in plan_runs(state, controller.problem, controller.presenter.kind_labels) if p.spec]
    assert not fits_inline(controller.problem, specs, MAX_STEPS)
    assert rerun_cost_ns(controller.problem, specs, MAX_STEPS) > INLINE_BUDGET_NS
    qtbot.waitUntil(
        lambda: controller.results is not None and controller.results.steps == MAX_STEPS, timeout=60_000
    )
    before = controller.results
    started = time.perf_counter()
    window.controls_panel.lr_changed.emit(0.002)
    window.controls_panel.lr_changed.emit(0.003)
    blocked = time.perf_counter() - started
    assert controller.results is before  # nothing computed on the GUI thread
    assert window.statusBar().currentMessage().startswith("Computing the runs")
    assert blocked < 0.5  # two submissions, never the 9 × 5,000-step engine run (generous: shared CI)
    qtbot.waitUntil(lambda: controller.results is not before, timeout=60_000)
    newest = controller.results
    assert newest is not None
    planned = plan_runs(state, controller.problem, controller.presenter.kind_labels)
    assert [e.result.spec if e.result else None for e in newest.entries] == [p.spec for p in planned]
    assert state.run.lr == 0.003
    qtbot.waitUntil(controller.worker.is_idle, timeout=60_000)
    QCoreApplication.processEvents()  # a stale delivery still queued must not replace the newest
    assert controller.results is newest
    assert window.statusBar().currentMessage() == ""
