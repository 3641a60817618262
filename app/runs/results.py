"""The runs of one configuration, immutable (Qt-free; app/window/run_views.py makes view values of them)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from algorithms.engine import RunResult, with_full_loss
from algorithms.problems import Problem
from app.runs.run_builder import PlannedRun


@dataclass(frozen=True)
class RunEntry:
    plan: PlannedRun
    result: RunResult | None

    @property
    def key(self) -> str:
        return self.plan.key

    @property
    def label(self) -> str:
        return self.plan.label

    @property
    def color(self) -> str:
        return self.plan.color


@dataclass(frozen=True, eq=False)
class Results:
    """What the engine computed for one configuration; replaced whole when anything changes."""

    generation: int
    problem: Problem
    steps: int
    entries: tuple[RunEntry, ...]

    def completed(self) -> list[RunEntry]:
        return [entry for entry in self.entries if entry.result is not None]

    def with_full_losses(self) -> Results:
        """The same runs with the full training (and validation) loss at every point, for exports and
        dashboards: the window's runs of a model on data leave it out (see Controller.rerun)."""
        entries = tuple(
            RunEntry(e.plan, None if e.result is None else with_full_loss(self.problem, e.result))
            for e in self.entries
        )
        return replace(self, entries=entries)
