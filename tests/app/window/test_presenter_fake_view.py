"""The presenter against a small fake window (ndv-style): what it pushes to each view setter.

The fake records every setter call; the real window's tests (test_controller.py, test_end_to_end.py)
check the same pushes land in real widgets.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

from algorithms.engine import run_many
from app.runs.results import Results, RunEntry
from app.runs.run_builder import build_problem, plan_runs
from app.state.app_state import AppState
from app.state.limits import MAX_SAMPLES, MAX_SEED, MAX_STEPS
from app.state.optimizer_kinds import OPTIMIZER_BY_KIND, OPTIMIZER_KINDS
from app.window.presenter import Presenter
from app.window.run_views import status_lines


class FakeView:
    """Any setter: records (name, args)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        def setter(*args: Any) -> None:
            self.calls.append((name, args))

        return setter

    def last(self, name: str) -> tuple[Any, ...]:
        return [args for called, args in self.calls if called == name][-1]

    def all(self, name: str) -> list[tuple[Any, ...]]:
        return [args for called, args in self.calls if called == name]


class FakeWindow:
    """The views and menu checks the presenter pushes to."""

    def __init__(self) -> None:
        for name in ("controls_panel", "loss_panel", "playback_bar", "gallery_panel", "surface_view"):
            setattr(self, name, FakeView())
        self.contour_view = FakeView()
        self.status_panel = FakeView()
        for name in ("data_controls", "expression_bar", "race_panel", "graph_panel"):
            setattr(self, name, FakeView())
        self.controls_panel.schedule_widget = FakeView()
        for name in ("log_height_action", "wireframe_action", "gradient_action", "momentum_action"):
            setattr(self, name, _check_action())
        self.critical_action = _check_action()


def _check_action() -> QAction:
    action = QAction()
    action.setCheckable(True)
    return action


def _presenter(state: AppState) -> tuple[Presenter, Any]:
    window = FakeWindow()
    return Presenter(window, state), window  # type: ignore[arg-type]  # a fake with the same setters


def test_limits_are_pushed_once_at_start(qapp: Any) -> None:
    _, window = _presenter(AppState())
    assert window.controls_panel.all("set_limits") == [(MAX_STEPS, MAX_SAMPLES, MAX_SEED)]


def test_show_settings_pushes_every_setting_of_the_state(qapp: Any) -> None:
    state = AppState()
    state.run.problem_id = "linear-regression"
    state.run.lr, state.run.batch_size, state.run.steps, state.run.seed = 0.05, 8, 120, 7
    state.view.ema_beta, state.view.log_loss, state.view.bias_correction = 0.5, True, False
    state.view.wireframe, state.view.show_critical, state.view.show_gradient = True, True, False
    state.playback.speed = 90.0
    state.optimizers["adam"].beta1 = 0.7
    problem = build_problem(state.run)
    presenter, window = _presenter(state)
    presenter.show_settings(problem)
    panel = window.controls_panel
    assert panel.last("set_lr") == (0.05,)
    assert panel.last("set_batch_size") == (8, problem.n_samples)
    assert panel.last("set_steps") == (120,)
    assert panel.last("set_seed") == (7,)
    assert panel.last("set_ema_beta") == (0.5,)
    assert panel.last("set_noise_controls_visible") == (False,)  # a model on data: no synthetic noise
    rows = {kind: values for kind, values in panel.all("set_optimizer")}
    assert list(rows) == list(OPTIMIZER_KINDS)
    for kind, values in rows.items():  # each row gets exactly what it declares
        assert list(values) == ["enabled", *(k.name for k in OPTIMIZER_BY_KIND[kind].knobs)]
    assert rows["adam"]["beta1"] == 0.7
    assert window.loss_panel.last("set_log_y") == (True,)
    assert window.loss_panel.last("set_bias_correction") == (False,)
    assert window.playback_bar.last("set_speed") == (90.0,)
    assert window.gallery_panel.last("set_current") == ("linear-regression",)
    assert window.wireframe_action.isChecked() and window.critical_action.isChecked()
    assert not window.gradient_action.isChecked()


def test_show_step_pushes_the_head_to_every_view(qapp: Any) -> None:
    state = AppState()
    state.run.steps = 20
    problem = build_problem(state.run)
    planned = plan_runs(state, problem)
    computed = run_many(problem, [p.spec for p in planned if p.spec is not None], state.run.steps)
    runnable = [p for p in planned if p.spec is not None]
    entries = tuple(RunEntry(p, r) for p, r in zip(runnable, computed, strict=True))
    results = Results(1, problem, state.run.steps, entries)
    state.playback.step = 7
    presenter, window = _presenter(state)
    presenter.show_step(results)
    for view in (window.surface_view, window.contour_view, window.loss_panel):
        assert view.last("set_step") == (7,)
    assert window.playback_bar.last("set_step") == (7, 20)
    assert window.surface_view.last("set_step_text") == ("step 7 / 20",)
    assert window.status_panel.last("set_lines") == (status_lines(results, 7),)
