"""Engine speed: 9 runs (one per optimizer row) × 1,000 steps, the fast engine against torch.optim.

Prints medians of repeated runs and the ratio, both measured in this one run:
    .venv/bin/python benchmarks/bench_engine.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from algorithms.engine import RunSpec, run_many
from algorithms.problems import Problem, data_problem, surface_problem
from algorithms.reference import reference_run
from app.state.app_state import OptimizerSettings
from app.state.optimizer_kinds import OPTIMIZER_KINDS, batch_size_for, optimizer_config

STEPS = 1000


def nine_runs(problem: Problem, lr: float, minibatch: int) -> list[RunSpec]:
    specs = []
    for kind in OPTIMIZER_KINDS:
        settings = OptimizerSettings(kind=kind)
        if kind in ("momentum", "nesterov"):
            settings.momentum = 0.9
        specs.append(
            RunSpec(optimizer_config(kind, settings, lr), problem.start, batch_size_for(kind, minibatch))
        )
    return specs


def median_seconds(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(name: str, problem: Problem, lr: float, minibatch: int, reference_repeats: int) -> None:
    specs = nine_runs(problem, lr, minibatch)
    run_many(problem, specs, STEPS)  # compile / load the numba cache outside the timing
    run_many(problem, specs, STEPS, full_loss=False)
    fast = median_seconds(lambda: run_many(problem, specs, STEPS), 21)
    slow = median_seconds(lambda: [reference_run(problem, s, STEPS) for s in specs], reference_repeats)
    print(
        f"{name:<34} engine {fast * 1e3:8.2f} ms   torch.optim reference {slow * 1e3:9.1f} ms   "
        f"ratio {slow / fast:7.0f}×"
    )
    if problem.split is not None:  # the window's runs: the full loss only where a view shows it
        window = median_seconds(lambda: run_many(problem, specs, STEPS, full_loss=False), 21)
        print(
            f"{'':<34} engine without the full loss at every point (the window) {window * 1e3:8.2f} ms   "
            f"{fast / window:5.1f}× faster than with it, {slow / window:7.0f}× the reference"
        )


def main() -> None:
    print(f"9 runs (GD, SGD, mini-batch, momentum, Nesterov, Adagrad, RMSprop, Adam, AdamW) × {STEPS} steps")
    print("medians: engine of 21 runs, reference of 3")
    measure("rosenbrock (full batch + noise)", surface_problem("rosenbrock"), 1e-3, 16, 3)
    regression = data_problem("linear-regression", data=_synthetic("synthetic-regression"))
    measure("linear regression n=1000, B=32", regression, 1e-2, 32, 3)
    logistic = data_problem("logistic-regression", data=_synthetic("synthetic-classification"))
    measure("logistic regression n=1000, B=32", logistic, 1e-2, 32, 3)


def _synthetic(name: str):  # type: ignore[no-untyped-def]
    from algorithms import datasets

    if name == "synthetic-regression":
        return datasets.synthetic_regression(n=1000)
    return datasets.synthetic_classification(n=1000)


if __name__ == "__main__":
    main()
