"""From the state to what the engine runs: the problem and one RunSpec per enabled optimizer row."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from algorithms.datasets import Dataset, get_dataset, load_csv
from algorithms.engine import RunSpec, batches_per_epoch
from algorithms.lr_formulas import ScheduleConfigError
from algorithms.optimizers import OptimizerConfigError
from algorithms.problems import DATA_PROBLEMS, Problem, data_problem, expression_problem, surface_problem
from algorithms.schedules import step_schedule
from app.state.app_state import AppState, RunSettings
from app.state.limits import MAX_SAMPLES
from app.state.optimizer_kinds import (
    KIND_COLORS,
    KIND_LABELS,
    OPTIMIZER_KINDS,
    batch_size_for,
    optimizer_config,
)
from app.state.schedules import ScheduleSettings, resolve
from app.state.session_schema import EXPRESSION_ID


@dataclass(frozen=True)
class PlannedRun:
    key: str
    label: str
    color: str
    spec: RunSpec | None
    error: str = ""  # why the run cannot start (a knob torch.optim would refuse)
    ema_beta: float | None = None  # None: the shared smoothing
    bias_correction: bool | None = None


def build_problem(run: RunSettings, *, critical_points: bool = False) -> Problem:
    """The problem the settings describe (raises ValueError subclasses with a user message).

    The window and the CLI both build their problem here. ``critical_points``: search a typed
    expression's critical points now (the CLI); the window searches them on the course worker.
    """
    if run.problem_id == EXPRESSION_ID:
        return expression_problem(
            run.expression, run.noise, run.samples, run.seed, critical_points=critical_points
        )
    if run.problem_id in DATA_PROBLEMS:
        task = "classification" if run.problem_id == "logistic-regression" else "regression"
        data: Dataset | None
        if run.data_file:
            data = load_csv(run.data_file, task, MAX_SAMPLES)
        else:
            data = get_dataset(run.dataset) if run.dataset else None
        return data_problem(run.problem_id, data, run.split, run.seed, run.reduction)
    return surface_problem(run.problem_id, run.noise, run.samples, run.seed)


def plan_runs(state: AppState, problem: Problem, labels: Mapping[str, str] = KIND_LABELS) -> list[PlannedRun]:
    """One planned run per enabled row in row order, or the lesson's custom runs when it has some.

    ``labels`` names the rows (the window passes them translated; the default is the source text) and
    translates a custom run's worded name (app.state.lessons.TRANSLATED_RUN_LABELS) when it has it.
    """
    if state.run.custom_runs:
        return [
            _plan(
                state,
                problem,
                c.kind,
                c.key,
                labels.get(c.label, c.label),
                c.color,
                c.lr_scale,
                c.ema_beta,
                c.bias_correction,
                c.schedule,
            )
            for c in state.run.custom_runs
        ]
    return [
        _plan(
            state,
            problem,
            kind,
            kind,
            labels[kind],
            KIND_COLORS[kind],
        )
        for kind in OPTIMIZER_KINDS
        if state.optimizers[kind].enabled
    ]


def _plan(
    state: AppState,
    problem: Problem,
    kind: str,
    key: str,
    label: str,
    color: str,
    lr_scale: float = 1.0,
    ema_beta: float | None = None,
    bias_correction: bool | None = None,
    schedule: ScheduleSettings | None = None,
) -> PlannedRun:
    run = state.run
    start = run.start if run.start is not None else problem.start
    try:
        lr_y = None if run.lr_y is None else run.lr_y * lr_scale
        config = optimizer_config(kind, state.optimizers[kind], run.lr * lr_scale, lr_y).validate()
    except OptimizerConfigError as error:
        return PlannedRun(key, label, color, None, str(error))
    spec = RunSpec(config, start, batch_size_for(kind, run.batch_size), run.shuffle, run.seed)
    try:
        spec = replace(spec, schedule=resolve(run.schedule if schedule is None else schedule, config))
        step_schedule(spec.schedule, config, run.steps, batches_per_epoch(problem, spec))
    except ScheduleConfigError as error:
        return PlannedRun(key, label, color, None, str(error))
    return PlannedRun(key, label, color, spec, "", ema_beta, bias_correction)
