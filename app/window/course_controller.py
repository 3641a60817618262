"""The course panels: the data being fitted, the autograd graph of the current step, the PyTorch code,
the gradient / momentum arrows at the play head and the critical points of the surface."""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from algorithms.batches import batch_schedule
from algorithms.engine import RunResult
from algorithms.problems import Problem
from app.runs.results import Results, RunEntry
from app.runtime.torch_loader import TorchLoader, import_torch
from app.runtime.workers import BackgroundWorker
from app.window.controller import Controller
from app.window.main_window import MainWindow
from widgets.common.on_screen import on_screen
from widgets.common.view_data import ArrowMark, CriticalMark

if TYPE_CHECKING:
    import torch

    from algorithms.critical import ClassifiedPoint

# The modules behind the course panels import torch; they are imported once TorchLoader has it
# (after the first frame), never on the start-up's critical path.

ARROW_FRACTION = 0.12  # a gradient arrow is this share of the smaller domain side
MAX_MOMENTUM_RATIO = 3.0
LOADING_CODE = "# PyTorch is loading…"  # code, like the script that replaces it: not translated


def critical_points_of(problem: Problem) -> list[ClassifiedPoint]:
    """Known points of a gallery surface, analysed; a model's points found by Newton (worker thread).

    The first call imports torch here, on the worker, its libraries loaded without holding the GIL.
    """
    import_torch()
    import torch

    from algorithms.critical import analyse_point, find_critical_points

    if problem.surface is not None:
        fn = problem.surface.torch_value
        if problem.surface.critical_points:
            return [analyse_point(fn, p.x, p.y) for p in problem.surface.critical_points]
        found = find_critical_points(fn, problem.domain, seeds_per_side=10)  # a typed f(x, y)
        return [p for p in found if np.isfinite(p.value)]
    x, y = problem.data_arrays("train")
    batch = (torch.from_numpy(x.copy()), torch.from_numpy(y.copy()))

    def loss(p0: torch.Tensor, p1: torch.Tensor) -> torch.Tensor:
        return problem.torch_loss(p0, p1, batch)

    return find_critical_points(loss, problem.domain, seeds_per_side=9)


def prediction_curve(problem: Problem, w: float, b: float) -> tuple[np.ndarray, np.ndarray, str]:
    x = np.concatenate([problem.data_arrays(part)[0] for part in ("train", "val", "test")])
    low, high = float(x.min()), float(x.max())
    margin = 0.1 * max(high - low, 1.0)
    xs = np.linspace(low - margin, high + margin, 200)
    names = problem.param_names
    if problem.kind == "linear-regression":
        return xs, w * xs + b, f"ŷ = {w:.3g}·x + {b:.3g}"
    if problem.kind == "logistic-regression":
        return xs, 1.0 / (1.0 + np.exp(-(w * xs + b))), f"ŷ = σ({w:.3g}·x + {b:.3g})"
    if problem.kind == "linear-net":
        return xs, b * (w * xs), f"ŷ = {b:.3g}·({w:.3g}·x) = {b * w:.3g}·x  ({names[0]}, {names[1]})"
    return xs, b * np.tanh(w * xs), f"ŷ = {b:.3g}·tanh({w:.3g}·x)  ({names[0]}, {names[1]})"


class CourseController(QObject):
    critical_points_found = Signal(object)  # list[ClassifiedPoint] of the current problem

    def __init__(self, window: MainWindow, controller: Controller) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.state = controller.state
        self.worker = BackgroundWorker(self)  # the critical points (Newton; may take a while)
        self.graph_worker = BackgroundWorker(self)  # the autograd graph of the play head, per tick
        self.torch = TorchLoader(self)
        self._problem: Problem | None = None
        self._critical: list[CriticalMark] = []
        self._critical_wanted = False  # the current problem's points are not asked for yet
        self._closed = False
        controller.add_shutdown_hook(self.on_controller_shutdown)

    # ---- selection ------------------------------------------------------------------------------
    def selected(self) -> RunEntry | None:
        results = self.controller.results
        if results is None:
            return None
        done = results.completed()
        chosen = [e for e in done if e.key == self.state.view.selected_run]
        return next(iter(chosen or done), None)

    @property
    def critical_points(self) -> list[CriticalMark]:
        """The current problem's critical points, once the autograd job has found them (else [])."""
        return list(self._critical)

    def refresh(self) -> None:
        """Show the panels and arrows of the play head again (after another controller drew over them)."""
        self.on_step_changed()

    # ---- results and steps ----------------------------------------------------------------------
    def on_results_changed(self, results: Results) -> None:
        if results.problem is not self._problem:
            self._problem = results.problem
            self._critical = []
            self._show_critical()
            self._critical_wanted = True
            # torch loads behind the first surface: now if torch is there; once these runs are drawn if a
            # surface already is (the app's first runs come back from the worker after its first grid:
            # their first paint is posted before this call, so torch's import does not slow it down);
            # else when the grid arrives
            if self.torch.loaded:
                self._submit_critical()
            elif self.controller.grid is not None:
                QTimer.singleShot(0, self, self._submit_critical_if_wanted)
            self._show_data(results.problem)
        self._show_code()
        self.on_step_changed()

    def on_step_changed(self, *_: object) -> None:
        results = self.controller.results
        if results is None:
            return
        step = self.state.playback.step
        self._show_arrows(results, step)
        entry = self.selected()
        self.window.status_panel.set_selected(entry.key if entry else None)
        if entry is None or entry.result is None or len(entry.result.params) == 0:
            return  # nothing to show for a run that never started (its start is outside the domain)
        if on_screen(self.window.docks["data"]):
            self._show_fit(results.problem, entry.result, step)
        if on_screen(self.window.docks["graph"]):
            self._show_graph(results.problem, entry.result, step)

    def _show_arrows(self, results: Results, step: int) -> None:
        view = self.state.view
        arrows: list[ArrowMark] = []
        xmin, xmax, ymin, ymax = results.problem.domain
        length = ARROW_FRACTION * min(xmax - xmin, ymax - ymin)
        for entry in results.completed():
            result = entry.result
            assert result is not None
            if len(result.grad) == 0:
                continue
            at = min(step, len(result.grad) - 1)
            x, y = result.params[at]
            gradient, velocity = result.grad[at], result.velocity[at]
            size = float(np.hypot(*gradient))
            if size == 0 or not np.isfinite(size):
                continue
            scale = length / size
            if view.show_gradient:
                dx, dy = -gradient * scale
                arrows.append(ArrowMark(entry.key, entry.color, x, y, dx, dy, "gradient"))
            speed = float(np.hypot(*velocity))
            if view.show_momentum and speed > 0:
                factor = min(scale, MAX_MOMENTUM_RATIO * length / speed)
                vx, vy = -velocity * factor
                arrows.append(ArrowMark(entry.key + ":v", entry.color, x, y, vx, vy, "momentum"))
        self.window.surface_view.set_arrows(arrows)
        self.window.contour_view.set_arrows(arrows)

    def _show_data(self, problem: Problem) -> None:
        panel = self.window.data_panel
        if problem.split is None:
            panel.set_message(
                QCoreApplication.translate("MainWindow", "No data here: an analytic surface is its own loss.")
            )
            return
        panel.set_message("")
        panel.set_data(*(np.stack(problem.data_arrays(part), axis=1) for part in ("train", "val", "test")))

    def _batch_at(self, problem: Problem, result: RunResult, step: int) -> np.ndarray:
        spec = result.spec
        steps = max(len(result.grad), 1)
        schedule = batch_schedule(problem.n_samples, spec.batch_size, spec.shuffle, spec.seed, steps)
        return schedule.batch(min(step, steps - 1))

    def _show_fit(self, problem: Problem, result: RunResult, step: int) -> None:
        if problem.split is None:
            return
        at = min(step, len(result.params) - 1)
        w, b = (float(v) for v in result.params[at])
        panel = self.window.data_panel
        panel.set_prediction(*prediction_curve(problem, w, b))
        if len(result.grad):
            panel.set_highlight(self._batch_at(problem, result, min(at, len(result.grad) - 1)))
        if len(problem.split.test):
            test_loss = float(problem.loss_at(np.array(w), np.array(b), which="test"))
            text = QCoreApplication.translate("MainWindow", "test loss %1 (never used for training)").replace(
                "%1", f"{test_loss:.4g}"
            )
            panel.set_test_loss(text)
        else:
            panel.set_test_loss(
                QCoreApplication.translate("MainWindow", "no test set: give it a fraction in the split")
            )

    def _show_graph(self, problem: Problem, result: RunResult, step: int) -> None:
        if len(result.grad) == 0:
            return
        if not self.torch.loaded:
            self.window.graph_panel.set_graph([])
            self.torch.request()  # shown again when torch is there
            return
        from algorithms.autograd_graph import loss_graph

        taken = min(max(step - 1, 0), len(result.grad) - 1)  # the update that led to the play head
        batch = self._batch_at(problem, result, taken)
        chosen = self.state.view.graph_sample
        sample = chosen if 0 <= chosen < len(batch) else None
        params = (float(result.params[taken][0]), float(result.params[taken][1]))
        # torch builds the graph on the worker; a newer tick's request replaces a waiting one and
        # only the newest graph is drawn (BackgroundWorker's generation per channel).
        self.graph_worker.submit("graph", partial(loss_graph, problem, params, batch, sample))
        self.window.graph_panel.set_samples(len(batch), -1 if sample is None else sample)

    def _show_code(self) -> None:
        entry, results = self.selected(), self.controller.results
        if (
            entry is None
            or entry.result is None
            or results is None
            or not on_screen(self.window.docks["code"])
        ):
            return
        if not self.torch.loaded:
            self.window.code_panel.set_code(LOADING_CODE)
            self.torch.request()  # written when torch is there
            return
        from algorithms.codegen import pytorch_script

        self.window.code_panel.set_code(pytorch_script(results.problem, entry.result.spec, results.steps))

    # ---- torch, after the first frame ----------------------------------------------------------------
    def on_grid_changed(self, _grid: object) -> None:
        if self._critical_wanted:  # the surface is about to be drawn: torch may now load behind it
            self._submit_critical()

    def on_controller_shutdown(self) -> None:
        self.worker.shutdown()
        self.graph_worker.shutdown()
        self._closed = True  # torch may arrive after the window is gone: start nothing then
        self.torch.wait()

    def on_torch_ready(self) -> None:
        if self._closed:
            return
        self._show_code()
        self.on_step_changed()

    # ---- critical points ------------------------------------------------------------------------
    def _submit_critical_if_wanted(self) -> None:
        if self._critical_wanted and not self._closed:
            self._submit_critical()

    def _submit_critical(self) -> None:
        assert self._problem is not None
        self._critical_wanted = False
        self.worker.submit("critical", partial(critical_points_of, self._problem))

    def _show_critical(self) -> None:
        marks = self._critical if self.state.view.show_critical else []
        self.window.surface_view.set_critical_points(marks)
        self.window.contour_view.set_critical_points(marks)

    def on_worker_result_ready(self, channel: str, points: Any) -> None:
        self._critical = [CriticalMark(**asdict(p)) for p in points]
        self._show_critical()
        self.critical_points_found.emit(points)

    def on_graph_worker_result_ready(self, _channel: str, nodes: Any) -> None:
        if not self._closed:
            self.window.graph_panel.set_graph(nodes)

    # ---- user actions -----------------------------------------------------------------------------
    def on_graph_sample_chosen(self, sample: int) -> None:
        self.state.view.graph_sample = sample

    def on_status_run_selected(self, key: str) -> None:
        self.state.view.selected_run = key

    def on_selected_run_changed(self, _key: str) -> None:
        self._show_code()

    def on_show_critical_changed(self, _on: bool) -> None:
        self._show_critical()

    def on_view_changed(self) -> None:
        self._show_critical()
        self.on_step_changed()

    def on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self._show_code()
            self.on_step_changed()
