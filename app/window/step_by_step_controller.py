"""Each update term by term beside the computation graph, and *Step by step*: the update that led to the
play head replayed in three sub-steps on the 3D view and the map (gradient, the optimizer's direction,
the step taken), each with its sentence.

The terms come from algorithms/update_terms.py, replayed once per selected run and cached (a few ms for a
thousand steps); a play-head move only indexes them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer

from algorithms.engine import RunResult
from algorithms.update_terms import UpdateTerms, update_terms, update_text
from app.runs.results import RunEntry
from app.window.controller import Controller
from app.window.course_controller import ARROW_FRACTION, CourseController
from app.window.main_window import MainWindow
from widgets.common.on_screen import on_screen
from widgets.common.view_data import ArrowMark

SUB_STEP_MS = 1600
SUB_STEPS = 3
STEP_COLOR = "#ffffff"
Pair = tuple[float, float]


def _pair(values: Pair | np.ndarray) -> str:
    return f"{float(values[0]):.4g}, {float(values[1]):.4g}"


def direction(terms: UpdateTerms, t: int) -> np.ndarray:
    """What update t multiplies by −lr, per parameter: g, v, g + μ·v, g/(√s + ε) or m̂/(√v̂ + ε)."""
    config, v = terms.config, terms.values
    if config.name == "sgd":
        return np.asarray(v["direction"][t])
    if config.name == "adagrad":
        return np.asarray(v["d_p"][t] / v["std"][t])
    if config.name == "rmsprop":
        if config.momentum > 0:
            return np.asarray(v["momentum_buffer"][t])
        return np.asarray(v["d_p"][t] / v["avg"][t])
    return np.asarray(v["m_hat"][t] / v["denom"][t])


def direction_sentence(terms: UpdateTerms, t: int) -> str:
    """Sub-step ②: what the optimizer makes of the gradient."""
    config, v = terms.config, terms.values
    d = _pair(direction(terms, t))
    if config.name == "sgd" and config.momentum == 0:
        return QCoreApplication.translate(
            "StepByStep", "② Plain SGD keeps no memory: its direction is g itself, (%1)."
        ).replace("%1", d)
    if config.name == "sgd" and config.nesterov:
        text = QCoreApplication.translate(
            "StepByStep", "② Nesterov looks ahead: g + μ·v = (%1); the dashed arrow points the opposite way."
        )
        return text.replace("%1", d)
    if config.name == "sgd":
        text = QCoreApplication.translate(
            "StepByStep",
            "② Momentum: v ← μ·v + g = (%1); the dashed arrow is −v, the way SGD with momentum steps.",
        )
        return text.replace("%1", d)
    if config.name == "adagrad":
        text = QCoreApplication.translate(
            "StepByStep",
            "② Adagrad divides g by the root of its running sum of g²: g/(√s + ε) = (%1) (dashed, reversed).",
        )
        return text.replace("%1", d)
    if config.name == "rmsprop":
        text = QCoreApplication.translate(
            "StepByStep",
            "② RMSprop divides g by the root of its running mean of g²: direction (%1) (dashed, reversed).",
        )
        return text.replace("%1", d)
    text = QCoreApplication.translate(
        "StepByStep", "② Adam's moments: m̂ = (%1), v̂ = (%2); the dashed arrow is −m̂/(√v̂ + ε) = −(%3)."
    )
    return text.replace("%1", _pair(v["m_hat"][t])).replace("%2", _pair(v["v_hat"][t])).replace("%3", d)


class StepByStepController(QObject):
    def __init__(self, window: MainWindow, controller: Controller, course: CourseController) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.course = course
        self.state = controller.state
        self.sub_step = 0
        self._cached: tuple[RunResult, UpdateTerms] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(SUB_STEP_MS)
        controller.add_shutdown_hook(self.on_controller_shutdown)
        self.on_step_by_step_changed(self.state.view.step_by_step)

    # ---- the terms --------------------------------------------------------------------------------
    def terms(self, result: RunResult) -> UpdateTerms:
        if self._cached is None or self._cached[0] is not result:
            problem = self.controller.results.problem if self.controller.results is not None else None
            self._cached = (result, update_terms(result, problem))
        return self._cached[1]

    def _selected(self) -> tuple[RunEntry, RunResult, int] | None:
        """The selected run and the update that led to the play head (−1 at step 0)."""
        entry = self.course.selected()
        if entry is None or entry.result is None:
            return None
        taken = min(self.state.playback.step, len(entry.result.grad)) - 1
        return entry, entry.result, taken

    def refresh(self) -> None:
        chosen = self._selected()
        if chosen is None or self.controller.results is None:
            return
        entry, result, taken = chosen
        names = self.controller.results.problem.param_names
        if on_screen(self.window.docks["graph"]):
            lines = update_text(self.terms(result), taken, names) if taken >= 0 else []
            self.window.graph_panel.set_update_terms(lines)
        if self.state.view.step_by_step:
            self._show_sub_step(entry, result, taken)

    # ---- step by step -----------------------------------------------------------------------------
    def sub_step_arrows(self, entry: RunEntry, result: RunResult, taken: int) -> tuple[list[ArrowMark], str]:
        """The arrows and the sentence of the current sub-step of update ``taken``."""
        if taken < 0:
            return [], QCoreApplication.translate(
                "StepByStep", "Move the play head forward: at step 0 no update has been taken yet."
            )
        assert self.controller.results is not None
        xmin, xmax, ymin, ymax = self.controller.results.problem.domain
        length = ARROW_FRACTION * min(xmax - xmin, ymax - ymin)
        x, y = (float(v) for v in result.params[taken])
        gradient = np.asarray(result.grad[taken])
        heading = direction(self.terms(result), taken)
        arrows: list[ArrowMark] = []
        for key, vector, style in ((":g", gradient, "gradient"), (":d", heading, "momentum")):
            size = float(np.hypot(*vector))
            if size > 0 and np.isfinite(size) and (style == "gradient" or self.sub_step >= 1):
                dx, dy = -vector * length / size
                arrows.append(ArrowMark(entry.key + key, entry.color, x, y, float(dx), float(dy), style))
        if self.sub_step == 0:
            text = QCoreApplication.translate(
                "StepByStep",
                "① Gradient: at (%1) the gradient is g = (%2); the solid arrow points downhill, along −g.",
            )
            return arrows, text.replace("%1", _pair((x, y))).replace("%2", _pair(gradient))
        if self.sub_step == 1:
            return arrows, direction_sentence(self.terms(result), taken)
        after = result.params[taken + 1]
        dx, dy = float(after[0]) - x, float(after[1]) - y
        arrows = [a for a in arrows if a.style == "momentum"]
        arrows.append(ArrowMark(entry.key + ":step", STEP_COLOR, x, y, dx, dy, "gradient"))
        text = QCoreApplication.translate(
            "StepByStep", "③ The step: θ moves by (%1) from (%2) to (%3), −lr times that direction."
        )
        return arrows, text.replace("%1", _pair((dx, dy))).replace("%2", _pair((x, y))).replace(
            "%3", _pair(after)
        )

    def _show_sub_step(self, entry: RunEntry, result: RunResult, taken: int) -> None:
        arrows, sentence = self.sub_step_arrows(entry, result, taken)
        self.window.surface_view.set_arrows(arrows)
        self.window.contour_view.set_arrows(arrows)
        self.window.graph_panel.set_step_sentence(sentence)

    def advance(self) -> None:
        """The next sub-step (①→②→③→①…)."""
        self.sub_step = (self.sub_step + 1) % SUB_STEPS
        self.refresh()

    # ---- events -----------------------------------------------------------------------------------
    def on_controller_shutdown(self) -> None:
        """The window goes away (a language switch rebuilds it on the same state)."""
        self.timer.stop()

    def on_results_changed(self, _results: object) -> None:
        self.refresh()

    def on_step_changed(self, *_: object) -> None:
        self.sub_step = 0
        if self.state.view.step_by_step:
            self.timer.start()  # a fresh ① for the new update
        self.refresh()

    def on_step_by_step_changed(self, on: bool) -> None:
        self.sub_step = 0
        if on:
            self.state.playback.playing = False
            self.timer.start()
            self.refresh()
        else:
            self.timer.stop()
            self.course.refresh()  # the usual arrows of every run come back

    def on_graph_step_by_step_toggled(self, on: bool) -> None:
        self.state.view.step_by_step = on

    def on_graph_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.refresh()

    def on_view_changed(self) -> None:
        self.refresh()

    def on_timer_timeout(self) -> None:
        self.advance()
