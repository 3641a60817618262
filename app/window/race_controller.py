"""The race table and the stability limit: marks on the lr slider, flags on the runs past it.

Both compare the runs with what the loss allows: the race with the minima found, the limit with the
Hessian at the start and at the nearest minimum (algorithms/stability.py). Hessians (torch autograd) are
computed on a worker and cached per problem and point, so a learning-rate drag only redoes the cheap part.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject

from algorithms.engine import RunSpec
from algorithms.problems import Problem
from algorithms.race import race_row
from algorithms.stability import Point, StabilityLimit, hessians_at, known_minima, limit_from_hessian
from app.runs.results import Results
from app.runtime.workers import BackgroundWorker
from app.window.controller import Controller
from app.window.course_controller import CourseController
from app.window.main_window import MainWindow
from widgets.common.on_screen import on_screen
from widgets.controls.log_slider import SliderMark
from widgets.panels.race_panel import RaceLine

if TYPE_CHECKING:
    from algorithms.critical import ClassifiedPoint


def _point(value: Point) -> str:
    return f"({value[0]:.3g}, {value[1]:.3g})"


class RaceController(QObject):
    def __init__(self, window: MainWindow, controller: Controller, course: CourseController) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.state = controller.state
        self._problem: Problem | None = None
        self._minima: list[Point] = []
        self._hessians: dict[Point, np.ndarray] = {}
        self.worker = BackgroundWorker(self)
        controller.add_shutdown_hook(self.on_controller_shutdown)
        self._closed = False
        self.torch = course.torch  # Hessians need torch: asked for once it is loaded (start-up stays light)

    # ---- what the views show ---------------------------------------------------------------------
    def _points(self, spec: RunSpec) -> tuple[Point, Point | None]:
        """spec's start and the minimum nearest to it (None: no minimum found)."""
        start = (float(spec.start[0]), float(spec.start[1]))
        if not self._minima:
            return start, None
        return start, min(self._minima, key=partial(_distance, start))

    def _limits(self, spec: RunSpec) -> list[tuple[str, StabilityLimit]]:
        """The limits whose Hessians are known: at the start and at the nearest minimum."""
        start, nearest = self._points(spec)
        return [
            (where, limit_from_hessian(spec.optimizer, self._hessians[point], point))
            for where, point in (("start", start), ("minimum", nearest))
            if point is not None and point in self._hessians
        ]

    def _request_hessians(self, results: Results) -> None:
        """Ask the worker for the Hessians the runs need and the cache lacks."""
        wanted: set[Point] = set()
        for entry in results.completed():
            if entry.plan.spec is not None:
                wanted.update(p for p in self._points(entry.plan.spec) if p is not None)
        missing = sorted(wanted - set(self._hessians))
        if missing and self.torch.loaded:
            self.worker.submit("hessians", partial(_hessians_of, results.problem, missing))

    def _show_stability(self, results: Results) -> None:
        marks: list[SliderMark] = []
        warnings: dict[str, str] = {}
        seen: set[tuple[float, str]] = set()
        for entry in results.completed():
            spec = entry.plan.spec
            if spec is None:
                continue
            lr = spec.optimizer.lr
            for where, limit in self._limits(spec):
                if limit.lr is None:
                    continue
                # The slider sets the shared lr; a lesson's run may use a multiple of it.
                value = limit.lr * self.state.run.lr / lr
                if (round(value, 12), entry.color) not in seen:
                    seen.add((round(value, 12), entry.color))
                    marks.append(SliderMark(value, entry.color, self._mark_text(entry.label, where, limit)))
                if lr > limit.lr:
                    warnings[entry.key] = self._warning_text(lr, where, limit)
        self.window.controls_panel.lr_slider.set_marks(marks)
        self.window.status_panel.set_warnings(warnings)

    @staticmethod
    def _mark_text(label: str, where: str, limit: StabilityLimit) -> str:
        if where == "start":
            text = QCoreApplication.translate(
                "Race", "%1: stability limit lr < %2 at the start %3 (λmax = %4)"
            )
        else:
            text = QCoreApplication.translate(
                "Race", "%1: stability limit lr < %2 at the nearest minimum %3 (λmax = %4)"
            )
        return (
            text.replace("%1", label)
            .replace("%2", f"{limit.lr:.4g}")
            .replace("%3", _point(limit.point))
            .replace("%4", f"{limit.curvature:.4g}")
        )

    @staticmethod
    def _warning_text(lr: float, where: str, limit: StabilityLimit) -> str:
        if where == "start":
            text = QCoreApplication.translate(
                "Race", "lr %1 is past the stability limit %2 at the start: expect it to blow up"
            )
        else:
            text = QCoreApplication.translate(
                "Race", "lr %1 is past the stability limit %2 at the nearest minimum: it cannot settle there"
            )
        return text.replace("%1", f"{lr:.4g}").replace("%2", f"{limit.lr:.4g}")

    def _show_race(self, results: Results) -> None:
        if not on_screen(self.window.docks["race"]):
            return  # a tab behind another one: filled in when it is chosen
        tolerance = self.state.view.race_tolerance
        lines = []
        for entry in results.completed():
            assert entry.result is not None
            row = race_row(entry.result, tolerance, self._minima)
            lines.append(RaceLine(entry.key, entry.label, entry.color, *row.__dict__.values()))
        self.window.race_panel.set_lines(lines)

    # ---- events -----------------------------------------------------------------------------------
    def on_controller_shutdown(self) -> None:
        """The window goes away (a language switch rebuilds it on the same state): stop listening."""
        self._closed = True
        self.worker.shutdown()

    def on_results_changed(self, results: Results) -> None:
        if self._closed:
            return
        if results.problem is not self._problem:
            self._problem = results.problem
            self._hessians = {}
            self._minima = known_minima(results.problem)
        self._request_hessians(results)
        self._show_stability(results)
        self._show_race(results)

    def on_course_critical_points_found(self, points: list[ClassifiedPoint]) -> None:
        """The course's autograd job found the critical points: the minima may be new, and torch is
        loaded now (that job imports it after the surface), so the stability limits' Hessians follow."""
        self._minima = [(p.x, p.y) for p in points if p.kind == "minimum"]
        if self.controller.results is not None:
            self.on_results_changed(self.controller.results)

    def on_torch_ready(self) -> None:
        if not self._closed and self.controller.results is not None:
            self.on_results_changed(self.controller.results)

    def on_worker_result_ready(self, channel: str, found: Any) -> None:
        problem, hessians = found
        if self._closed or channel != "hessians" or problem is not self._problem:
            return
        self._hessians.update(hessians)
        if self.controller.results is not None:
            self._show_stability(self.controller.results)

    def on_race_tolerance_changed(self, _tolerance: float) -> None:
        if self.controller.results is not None:
            self._show_race(self.controller.results)

    def on_race_dock_visibility_changed(self, visible: bool) -> None:
        if visible and not self._closed and self.controller.results is not None:
            self._show_race(self.controller.results)

    def on_race_tolerance_edited(self, tolerance: float) -> None:
        self.state.view.race_tolerance = tolerance

    def on_race_run_selected(self, key: str) -> None:
        self.state.view.selected_run = key


def _distance(a: Point, b: Point) -> float:
    return float(np.hypot(b[0] - a[0], b[1] - a[1]))


def _hessians_of(problem: Problem, points: list[Point]) -> tuple[Problem, dict[Point, np.ndarray]]:
    """On the worker: the Hessians, tagged with their problem (a stale one is dropped)."""
    return problem, hessians_at(problem, points)
