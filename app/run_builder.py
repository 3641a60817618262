"""From the state to what the engine runs: the problem and one RunSpec per enabled optimizer row."""

from __future__ import annotations

from dataclasses import dataclass

from algorithms.datasets import get_dataset
from algorithms.engine import RunSpec
from algorithms.optimizers import OptimizerConfigError
from algorithms.problems import DATA_PROBLEMS, Problem, data_problem, surface_problem
from app.optimizer_kinds import OPTIMIZER_KINDS, batch_size_for, optimizer_config
from app.state import AppState, RunSettings


@dataclass(frozen=True)
class PlannedRun:
    kind: str
    spec: RunSpec | None
    error: str = ""  # why the row cannot run (a knob torch.optim would refuse)


def build_problem(run: RunSettings) -> Problem:
    """The problem the settings describe (raises ValueError subclasses with a user message)."""
    if run.problem_id in DATA_PROBLEMS:
        data = get_dataset(run.dataset) if run.dataset else None
        return data_problem(run.problem_id, data, run.split, run.seed, run.reduction)
    return surface_problem(run.problem_id, run.noise, run.samples, run.seed)


def plan_runs(state: AppState, problem: Problem) -> list[PlannedRun]:
    """One planned run per enabled row, in row order."""
    run = state.run
    start = run.start if run.start is not None else problem.start
    planned = []
    for kind in OPTIMIZER_KINDS:
        settings = state.optimizers[kind]
        if not settings.enabled:
            continue
        try:
            config = optimizer_config(kind, settings, run.lr).validate()
        except OptimizerConfigError as error:
            planned.append(PlannedRun(kind, None, str(error)))
            continue
        spec = RunSpec(config, start, batch_size_for(kind, run.batch_size), run.shuffle, run.seed)
        planned.append(PlannedRun(kind, spec))
    return planned
