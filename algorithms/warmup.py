"""Compile and cache every numba kernel, with every signature the app uses, before the first launch.

numba compiles a kernel the first time it is called with new argument types (~8 s for all of them on
this machine) and, with ``cache=True``, stores the machine code beside the sources (or in
``NUMBA_CACHE_DIR``). The install step (``make run`` / ``make test``) runs ``python -m algorithms.warmup``,
so a new user's first launch loads machine code like every later one. The calls below take the app's
own paths — a gallery surface with noise and mini-batches, a typed f(x, y), each model on data with and
without a validation set, with both reductions, with and without the full loss, the EMA with and
without bias correction — so the argument types (read-only or not, with or without data) are the ones
the app passes;
tests/algorithms/test_warmup.py proves a fresh cache filled by it leaves nothing to compile for them.
"""

from __future__ import annotations

import time

from algorithms.engine import RunSpec, run_many, with_full_loss
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import DATA_PROBLEMS, Problem, data_problem, expression_problem, surface_problem
from algorithms.smoothing import ema
from algorithms.torch_random import TorchGenerator

STEPS = 3
OPTIMIZERS = ("sgd", "adagrad", "rmsprop", "adam", "adamw")


def warm_problems() -> list[Problem]:
    """One problem of each shape the engine meets."""
    problems = [
        surface_problem("rosenbrock"),
        expression_problem("x^2 + 3*sin(y)", critical_points=False),
    ]
    for kind in DATA_PROBLEMS:
        for reduction in ("mean", "sum"):
            problems.append(data_problem(kind, reduction=reduction))
        problems.append(data_problem(kind, fractions=(0.6, 0.2, 0.2)))
    return problems


def warm_up() -> None:
    """Call every kernel the way the app does (the engine, the EMA, torch's replayed random draws)."""
    for problem in warm_problems():
        specs = [
            RunSpec(OptimizerConfig(name, lr=0.01), problem.start, batch_size)
            for name in OPTIMIZERS
            for batch_size in (None, 1)
        ]
        for result in run_many(problem, specs, STEPS):
            for bias_correction in (False, True):
                ema(result.batch_loss, 0.9, bias_correction)
        for result in run_many(problem, specs, STEPS, full_loss=False):  # the window's runs
            with_full_loss(problem, result)
    generator = TorchGenerator(0)
    generator.randn(3)
    generator.randn(17)
    generator.randperm(5)


def main() -> None:
    started = time.perf_counter()
    warm_up()
    print(f"numba kernels compiled and cached in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
