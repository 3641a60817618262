"""The course in the window: data fit, graph, code, arrows, critical points, lessons, typed surfaces."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.state.lessons import LESSONS
from app.window.controller import Controller
from app.window.course_controller import CourseController
from app.window.lesson_controller import LessonController
from app.window.main_window import MainWindow
from app.window.problem_inputs import ProblemInputs
from app.window.run_views import status_lines


def child(window: MainWindow, kind: type) -> object:
    found = window.findChild(kind)
    assert found is not None
    return found


def record_calls(
    monkeypatch: pytest.MonkeyPatch,
    widget: object,
    method: str,
    name: str,
    into: dict[str, list[object]] | None = None,
) -> dict[str, list[object]]:
    """Record what the controller passes to a view setter (and still call it)."""
    calls = {} if into is None else into
    calls[name] = []
    original = getattr(widget, method)

    def recorder(value: object) -> None:
        calls[name].append(value)
        original(value)

    monkeypatch.setattr(widget, method, recorder)
    return calls


def test_data_problem_shows_fit_graph_and_update(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, controller = window_and_controller
    state = controller.state
    recorded = record_calls(monkeypatch, window.graph_panel, "set_graph", "graph")
    window.gallery_panel.item_chosen.emit("linear-regression")
    state.run.split = (0.6, 0.2, 0.2)
    for kind in ("momentum", "adam"):
        state.optimizers[kind].enabled = False
    state.run.lr = 0.05
    window.docks["data"].raise_()
    qtbot.waitUntil(window.docks["data"].isVisible)
    state.playback.step = 10
    gd = controller.results.entries[0].result
    w, b = gd.params[10]
    xs, ys = window.data_panel.prediction_item.getData()
    np.testing.assert_allclose(ys, w * xs + b)
    assert "never used for training" in window.data_panel.test_loss_label.text()
    assert len(window.data_panel.highlighted()) == len(controller.problem.split.train)  # GD: the whole set

    window.docks["graph"].raise_()
    qtbot.waitUntil(window.docks["graph"].isVisible)
    recorded["graph"].clear()
    state.playback.step = 11
    qtbot.waitUntil(lambda: len(recorded["graph"]) > 0)  # torch builds the graph on a worker
    labels = [label for label, _, _ in window.graph_panel.box_texts()]
    assert labels == ["x", "w", "mul", "b", "add", "y", "sub", "pow", "mean"]
    nodes = recorded["graph"][-1]
    grads = {node.label: node.grad for node in nodes if node.kind == "parameter"}
    np.testing.assert_allclose([grads["w"], grads["b"]], gd.grad[10], rtol=1e-12)
    update = window.graph_panel.update_label.text()
    # The update term by term: plain SGD here, so g then w ← w − lr·g with the run's numbers.
    assert f"g = ∂L/∂w = {gd.grad[10, 0]:.4g}" in update
    assert f"w ← w − lr·g = {gd.params[10, 0]:.4g} − {state.run.lr:.4g}·" in update
    assert update.splitlines()[2].endswith(f"= {gd.params[11, 0]:.4g}")

    # Curves: the selected run's full training loss and validation loss join the mini-batch curves.
    keys = set(window.loss_panel.curve_items())
    assert {"gd", "gd:train", "gd:val"} <= keys


def test_graph_is_built_off_the_gui_thread_and_only_the_newest_is_drawn(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller], monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import algorithms.autograd_graph as autograd_graph

    window, controller = window_and_controller
    state = controller.state
    window.gallery_panel.item_chosen.emit("linear-regression")
    window.docks["graph"].raise_()
    qtbot.waitUntil(window.docks["graph"].isVisible)
    built_on: list[int] = []
    real_loss_graph = autograd_graph.loss_graph

    def recording_loss_graph(*args: object) -> object:
        built_on.append(threading.get_ident())
        return real_loss_graph(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(autograd_graph, "loss_graph", recording_loss_graph)
    drawn = record_calls(monkeypatch, window.graph_panel, "set_graph", "graph")["graph"]
    for step in range(5, 25):  # a slider dragged through twenty steps
        state.playback.step = step
    gd = controller.results.entries[0].result
    newest = tuple(gd.params[23])  # the update that led to step 24

    def shows_the_newest() -> bool:
        if not drawn:
            return False
        params = [node.value for node in drawn[-1] if node.kind == "parameter"]  # type: ignore[attr-defined]
        return tuple(params) == newest

    qtbot.waitUntil(shows_the_newest)
    assert built_on and threading.get_ident() not in built_on  # never on the GUI thread
    assert len(drawn) <= len(built_on) <= 20
    course = window.findChild(CourseController)
    assert course is not None
    qtbot.waitUntil(course.graph_worker.is_idle)
    QCoreApplication.processEvents()  # deliver any queued result: none may replace the newest graph
    assert shows_the_newest()


def test_code_panel_follows_the_selected_run(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    window.docks["code"].raise_()
    qtbot.waitUntil(window.docks["code"].isVisible)
    assert "torch.optim.SGD" in window.code_panel.code()
    window.status_panel.run_selected.emit("adam")
    assert controller.state.view.selected_run == "adam"
    assert "torch.optim.Adam(" in window.code_panel.code()


def test_arrows_and_critical_points(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, controller = window_and_controller
    seen = record_calls(monkeypatch, window.contour_view, "set_critical_points", "critical")
    record_calls(monkeypatch, window.contour_view, "set_arrows", "arrows", seen)
    window.gallery_panel.item_chosen.emit("himmelblau")
    qtbot.waitUntil(lambda: bool(seen["critical"]) and len(seen["critical"][-1]) == 9, timeout=30_000)
    kinds = sorted(mark.kind for mark in seen["critical"][-1])
    assert kinds.count("minimum") == 4 and kinds.count("saddle") == 4 and kinds.count("maximum") == 1
    controller.state.playback.step = 5
    arrows = seen["arrows"][-1]
    gd = controller.results.entries[0].result
    gradient = next(a for a in arrows if a.key == "gd")
    direction = np.array([gradient.dx, gradient.dy])
    expected = -gd.grad[5] / np.linalg.norm(gd.grad[5])
    np.testing.assert_allclose(direction / np.linalg.norm(direction), expected, atol=1e-12)
    assert any(a.key == "momentum:v" for a in arrows)
    window.momentum_action.trigger()
    assert not any(a.key.endswith(":v") for a in seen["arrows"][-1])
    window.critical_action.trigger()
    assert seen["critical"][-1] == []


def test_lesson_saddle_escape_in_the_window(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    lessons = child(window, LessonController)
    lessons.start("saddle-escape")
    assert controller.problem.id == "saddle" and controller.state.playback.playing
    assert window.docks["lesson"].isVisible() and "saddle" in window.lesson_panel.title_label.text().lower()
    entries = {e.key: e.result for e in controller.results.entries}
    assert np.abs(entries["gd"].params[-1]).max() < 1e-6
    assert abs(entries["sgd"].params[-1][1]) > 1
    controller.state.playback.playing = False
    lesson_actions = [a for a in window.lessons_menu.actions() if a.data()]
    assert len(lesson_actions) == len(LESSONS)


def test_lesson_too_large_lr_reports_divergence(window_and_controller: tuple[MainWindow, Controller]) -> None:
    window, controller = window_and_controller
    child(window, LessonController).start("too-large-lr")
    controller.state.playback.playing = False
    controller.state.playback.step = controller.state.run.steps
    lines = status_lines(controller.results, controller.state.playback.step)
    assert any(line.state != "ok" and "at step" in line.text for line in lines)
    child(window, LessonController).leave()
    assert controller.state.run.custom_runs == ()


def test_typed_surface_and_a_bad_expression(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    inputs = child(window, ProblemInputs)
    assert inputs.submit_expression("x^2 + 3*sin(y)")
    assert controller.problem.id == "expr"
    x, y = controller.results.entries[0].result.params[0]
    assert controller.results.entries[0].result.loss[0] == x**2 + 3 * np.sin(y)
    before = controller.results
    assert not inputs.submit_expression("__import__('os').system('id')")
    assert "not allowed" in window.expression_bar.error_label.text()
    assert controller.results is before and controller.problem.id == "expr"


def test_csv_data_and_a_malformed_file(
    tmp_path: Path, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    inputs = child(window, ProblemInputs)
    window.gallery_panel.item_chosen.emit("linear-regression")
    good = tmp_path / "points.csv"
    good.write_text("x,y\n" + "".join(f"{i},{3 * i - 1}\n" for i in range(10)))
    assert inputs.load_csv_file(str(good))
    assert controller.problem.n_samples == 10
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3\n")
    before = controller.results
    assert not inputs.load_csv_file(str(bad))
    assert "line 3" in window.data_controls.message_label.text()
    assert controller.results is before


def test_separate_learning_rates_make_two_param_groups(
    window_and_controller: tuple[MainWindow, Controller],
) -> None:
    window, controller = window_and_controller
    window.controls_panel.lr_y_changed.emit(0.0002)
    config = controller.results.entries[0].result.spec.optimizer
    assert config.learning_rates == (controller.state.run.lr, 0.0002)
    window.controls_panel.lr_y_changed.emit(None)
    assert controller.results.entries[0].result.spec.optimizer.lr_y is None


def test_reduction_sum_multiplies_the_gradient(window_and_controller: tuple[MainWindow, Controller]) -> None:
    window, controller = window_and_controller
    window.gallery_panel.item_chosen.emit("linear-regression")
    mean_grad = controller.results.entries[0].result.grad[0].copy()
    window.data_controls.reduction_changed.emit("sum")
    sum_grad = controller.results.entries[0].result.grad[0]
    np.testing.assert_allclose(sum_grad, mean_grad * controller.problem.n_samples, rtol=1e-12)
    assert torch.is_tensor(torch.tensor(sum_grad))


def test_typed_surface_gets_its_critical_points_from_the_worker(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, controller = window_and_controller
    seen = record_calls(monkeypatch, window.contour_view, "set_critical_points", "critical")
    assert child(window, ProblemInputs).submit_expression("x^2 - y^2")
    assert controller.problem.surface.critical_points == ()  # not searched on the GUI thread
    qtbot.waitUntil(lambda: bool(seen["critical"]) and len(seen["critical"][-1]) == 1, timeout=30_000)
    (saddle,) = seen["critical"][-1]
    assert saddle.kind == "saddle" and abs(saddle.x) < 1e-9 and abs(saddle.y) < 1e-9
