"""The runs of one configuration, immutable (Qt-free; app/window/run_views.py makes view values of them)."""

from __future__ import annotations

from dataclasses import dataclass

from algorithms.engine import RunResult
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
