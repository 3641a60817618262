"""The numba engine on user-typed surfaces against real torch.optim + autograd (algorithms/reference.py).

The kernel runs the expression's postfix program with forward-mode derivatives; the reference runs the
same program with torch operations and autograd. Agreement to 1e-9 over 200 steps on runs that are not
chaotic (smooth surfaces, moderate learning rates).
"""

from __future__ import annotations

import numpy as np
import pytest

from algorithms.engine import RunSpec, run_many
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import expression_problem, surface_problem
from algorithms.reference import reference_run
from tests.algorithms.test_engine_vs_reference import assert_same_run

STEPS = 200
SURFACES = {
    "valley": "(1 - x)^2 + 5*(y - x^2)^2 + 0.1*sin(3*x)*cos(y)",
    "smooth-mix": "sqrt(x^2 + y^2 + 1) + 0.5*tanh(x - y) + 0.2*atan2(y, x + 5) + exp(-(x - 1)^2) / 4",
    "log-bowl": "log(1 + x^2 + 2*y^2) + 0.05*cosh(x/2)*abs(y + 3) - min(x, 2)*0.1 + max(y, -1)^2 / 3",
}
OPTIMIZERS = {
    "sgd": OptimizerConfig("sgd", lr=0.01),
    "momentum": OptimizerConfig("sgd", lr=0.005, momentum=0.9),
    "adam": OptimizerConfig("adam", lr=0.05),
}


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_engine_equals_torch_optim(surface: str, optimizer: str) -> None:
    problem = expression_problem(SURFACES[surface])
    spec = RunSpec(OPTIMIZERS[optimizer], start=problem.start)
    (fast,) = run_many(problem, [spec], STEPS)
    assert_same_run(fast, reference_run(problem, spec, STEPS))
    assert fast.status == "ok" and fast.loss[-1] < fast.loss[0] - 0.1  # a real descent, not a stall


@pytest.mark.parametrize("shuffle", [True, False])
def test_noisy_minibatches(shuffle: bool) -> None:
    problem = expression_problem(SURFACES["valley"], noise=2.0, samples=40, seed=3)
    spec = RunSpec(OPTIMIZERS["momentum"], start=(-1.0, 1.5), batch_size=8, shuffle=shuffle, seed=5)
    (fast,) = run_many(problem, [spec], STEPS)
    assert_same_run(fast, reference_run(problem, spec, STEPS))
    assert np.ptp(fast.batch_loss - fast.loss[:-1]) > 0.1  # the batches really add noise


def test_divergence_stops_both_at_the_same_step() -> None:
    problem = expression_problem("x^4 + y^2")  # too large a step on a quartic overshoots ever more
    spec = RunSpec(OptimizerConfig("sgd", lr=0.5), start=(2.0, 1.0))
    (fast,) = run_many(problem, [spec], 50)
    assert fast.status in ("diverged", "left-domain")
    assert_same_run(fast, reference_run(problem, spec, 50))


def test_undefined_start_is_diverged_not_an_error() -> None:
    problem = expression_problem("log(x) + y^2")
    spec = RunSpec(OptimizerConfig("sgd", lr=0.1), start=(-1.0, 1.0))
    (fast,) = run_many(problem, [spec], 10)
    assert (fast.status, fast.stopped_at, len(fast.params)) == ("diverged", 0, 0)
    assert_same_run(fast, reference_run(problem, spec, 10))


def test_typed_rosenbrock_follows_the_gallery_one() -> None:
    """The same formula through the program and through the hand-written gallery kernel."""
    typed = expression_problem("(1 - x)^2 + 100*(y - x^2)^2")
    gallery = surface_problem("rosenbrock")
    spec = RunSpec(OptimizerConfig("adam", lr=0.01), start=(-1.5, 2.0))
    (mine,) = run_many(typed, [spec], 300)
    (theirs,) = run_many(gallery, [spec], 300)
    assert_same_run(mine, theirs)


def test_many_runs_share_one_program() -> None:
    problem = expression_problem("x^2 + 3*sin(y)")
    specs = [RunSpec(OPTIMIZERS[name], start=(x0, 2.0)) for name in OPTIMIZERS for x0 in (-2.0, 1.0)]
    results = run_many(problem, specs, 50)
    for spec, result in zip(specs, results, strict=True):
        (alone,) = run_many(problem, [spec], 50)
        np.testing.assert_array_equal(result.params, alone.params)
        assert result.params[0].tolist() == list(spec.start)
