"""Whether a rerun fits in a frame on the GUI thread, or goes to the worker (with progress).

The estimate is in nanoseconds of the engine on one core, measured with benchmarks/bench_maxima.py:
~500 ns of fixed work per optimizer step (the optimizer, the scheduler, the bookkeeping) plus ~1 ns per
sample of its batch (the window's runs skip a data problem's full loss: run_many(full_loss=False)).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from algorithms.batches import resolve_batch_size
from algorithms.engine import RunResult, RunSpec, run_many
from algorithms.problems import Problem

STEP_NS = 500
SAMPLE_NS = 1
INLINE_BUDGET_NS = 15_000_000  # a rerun above ~15 ms runs on the worker: the GUI keeps its frames


def rerun_cost_ns(problem: Problem, specs: Sequence[RunSpec], steps: int) -> int:
    """The estimated engine time of ``specs`` over ``steps`` steps on ``problem``."""
    n = max(problem.n_samples, 1)
    per_step = sum(STEP_NS + SAMPLE_NS * resolve_batch_size(spec.batch_size, n) for spec in specs)
    return per_step * steps


def fits_inline(problem: Problem, specs: Sequence[RunSpec], steps: int) -> bool:
    return rerun_cost_ns(problem, specs, steps) <= INLINE_BUDGET_NS


@dataclass(frozen=True, eq=False)
class PlannedRerun:
    """What a rerun computes: its generation, problem, horizon and planned rows (app.runs.run_builder)."""

    generation: int
    problem: Problem
    steps: int
    planned: tuple[Any, ...]


def compute_rerun(
    rerun: PlannedRerun, specs: Sequence[RunSpec], progress: Callable[[int, int], None]
) -> tuple[PlannedRerun, list[RunResult]]:
    """The runs of ``specs`` on the worker, one at a time so ``progress(done, total)`` moves.

    One at a time also keeps run_many from starting its own thread pool from the worker's thread (a
    Python thread pool started there leaves a dummy thread behind for as long as Qt keeps the thread).
    """
    computed: list[RunResult] = []
    for spec in specs:
        computed += run_many(rerun.problem, [spec], rerun.steps, full_loss=False)
        progress(len(computed), len(specs))
    return rerun, computed
