"""The window: stability marks on the lr slider and flags on the runs, the race dock, each update term by
term beside the graph, and Step by step on the views."""

from __future__ import annotations

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from algorithms.race import race_row
from algorithms.update_terms import update_terms
from app.window.controller import Controller
from app.window.main_window import MainWindow
from app.window.step_by_step_controller import StepByStepController
from tests.app.window.test_course_window import child, record_calls


def _on_ravine(window: MainWindow, controller: Controller, lr: float) -> None:
    window.gallery_panel.item_chosen.emit("ravine")
    controller.state.run.lr = lr
    assert controller.results is not None and controller.results.problem.id == "ravine"


def test_stability_marks_and_flags(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    _on_ravine(window, controller, 0.15)  # GD's limit is 0.1, momentum 0.9's 0.19; Adam has none
    qtbot.waitUntil(lambda: len(window.controls_panel.lr_slider.marks()) == 2, timeout=30_000)  # worker
    marks = window.controls_panel.lr_slider.marks()
    values = sorted(round(m.value, 12) for m in marks)
    assert values == [0.1, 0.19]  # a quadratic: the nearest minimum has the same limit, not marked twice
    gd_mark = next(m for m in marks if abs(m.value - 0.1) < 1e-12)
    assert gd_mark.color == controller.results.entries[0].color
    assert "0.1" in gd_mark.tooltip and "λmax = 20" in gd_mark.tooltip
    assert "0.15" in window.status_panel.warning("gd") and "0.1" in window.status_panel.warning("gd")
    assert window.status_panel.warning("momentum") == ""
    assert window.status_panel.row_widgets("gd")[1].text().startswith("⚠")
    # Below both limits: no flag; the marks stay (they do not depend on the lr).
    controller.state.run.lr = 0.05
    assert window.status_panel.warning("gd") == ""
    assert not window.status_panel.row_widgets("gd")[1].text().startswith("⚠")
    assert sorted(round(m.value, 12) for m in window.controls_panel.lr_slider.marks()) == [0.1, 0.19]
    # Momentum changes the mark: μ = 0.5 → 2·1.5/20 = 0.15.
    controller.state.optimizers["momentum"].momentum = 0.5
    assert sorted(round(m.value, 12) for m in window.controls_panel.lr_slider.marks()) == [0.1, 0.15]


def test_marks_at_start_and_at_the_nearest_minimum(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, _controller = window_and_controller
    window.gallery_panel.item_chosen.emit("rosenbrock")
    qtbot.waitUntil(lambda: len(window.controls_panel.lr_slider.marks()) == 4, timeout=30_000)
    texts = [m.tooltip for m in window.controls_panel.lr_slider.marks()]
    assert sum("nearest minimum (1, 1)" in t for t in texts) == 2


def test_race_table(window_and_controller: tuple[MainWindow, Controller]) -> None:
    window, controller = window_and_controller
    _on_ravine(window, controller, 0.05)
    window.docks["race"].raise_()
    panel = window.race_panel
    results = controller.results
    assert results is not None
    rows = {row[0]: row for row in panel.texts()}
    assert set(rows) == {e.label for e in results.entries}
    gd = results.entries[0]
    expected = race_row(gd.result, 1e-3, [(0.0, 0.0)])
    assert rows[gd.label][1] == str(expected.steps_to_tolerance)
    assert rows[gd.label][2] == f"{expected.final_loss:.4g}"
    assert rows[gd.label][4] == "—"
    # A looser tolerance, typed by the user, reaches the state and the table.
    panel.tolerance_box.setValue(1.0)
    assert controller.state.view.race_tolerance == 1.0
    rows = {row[0]: row for row in panel.texts()}
    assert rows[gd.label][1] == str(race_row(gd.result, 1.0, []).steps_to_tolerance)
    # Sorting by steps puts the fastest first; a diverged run shows its step and sorts last.
    controller.state.run.lr = 0.5
    sorted_rows = panel.texts()
    steps = [int(r[1]) for r in sorted_rows if r[1] != "—"]
    assert steps == sorted(steps)
    diverged = {r[0]: r[4] for r in sorted_rows}
    assert diverged[gd.label] == str(controller.results.entries[0].result.stopped_at)
    panel.run_selected.emit("adam")
    assert controller.state.view.selected_run == "adam"


def test_terms_and_step_by_step(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, controller = window_and_controller
    seen = record_calls(monkeypatch, window.contour_view, "set_arrows", "arrows")
    _on_ravine(window, controller, 0.01)
    controller.state.view.selected_run = "adam"
    window.docks["graph"].raise_()
    qtbot.waitUntil(window.docks["graph"].isVisible)
    controller.state.playback.step = 4
    adam = next(e for e in controller.results.entries if e.key == "adam").result
    terms = update_terms(adam)
    text = window.graph_panel.update_label.text()
    assert "Adam · x:" in text and "(exp_avg)" in text and "(exp_avg_sq)" in text
    assert f"= {terms.values['exp_avg'][3, 0]:.4g}  (exp_avg)" in text  # the update that led to step 4

    window.graph_panel.step_by_step_box.click()
    assert controller.state.view.step_by_step and not controller.state.playback.playing
    steps = child(window, StepByStepController)
    assert steps.sub_step == 0
    first = seen["arrows"][-1]
    assert [a.style for a in first] == ["gradient"]
    x, y = adam.params[3]
    assert (first[0].x, first[0].y) == (x, y)
    assert window.graph_panel.step_label.text().startswith("① ")
    steps.advance()
    assert [a.style for a in seen["arrows"][-1]] == ["gradient", "momentum"]
    assert "m̂ = (" in window.graph_panel.step_label.text()
    steps.advance()
    step_arrow = seen["arrows"][-1][-1]
    np.testing.assert_allclose([step_arrow.dx, step_arrow.dy], adam.params[4] - adam.params[3])
    assert window.graph_panel.step_label.text().startswith("③ ")
    qtbot.waitUntil(lambda: steps.sub_step == 0, timeout=10_000)  # the timer cycles back to ①
    window.graph_panel.step_by_step_box.click()
    assert not controller.state.view.step_by_step
    assert {a.key for a in seen["arrows"][-1]} >= {"gd", "adam"}  # every run's arrows again
