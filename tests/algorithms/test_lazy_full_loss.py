"""The window's runs of a model on data skip the full training loss (run_many(full_loss=False)): the
paths, gradients and statuses are the very same numbers, still torch.optim's to 1e-9, and
with_full_loss fills in exactly the losses run_many computes with it."""

from __future__ import annotations

import numpy as np
import pytest

from algorithms.datasets import Dataset, synthetic_classification
from algorithms.engine import RunSpec, run_many, with_full_loss
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import data_problem, surface_problem
from algorithms.reference import reference_run

NAMES = ("sgd", "adagrad", "rmsprop", "adam", "adamw")


@pytest.mark.parametrize("kind", ["linear-regression", "logistic-regression", "tiny-net"])
@pytest.mark.parametrize("fractions", [(1.0, 0.0, 0.0), (0.7, 0.15, 0.15)])
def test_skipping_the_full_loss_changes_nothing_else(
    kind: str, fractions: tuple[float, float, float]
) -> None:
    problem = data_problem(kind, fractions=fractions, seed=2)
    specs = [
        RunSpec(OptimizerConfig(name, lr=0.05), problem.start, size) for name in NAMES for size in (None, 4)
    ]
    for full, lazy in zip(
        run_many(problem, specs, 300), run_many(problem, specs, 300, full_loss=False), strict=True
    ):
        assert np.isnan(lazy.loss).all() and np.isnan(lazy.val_loss).all()
        for field in ("params", "batch_loss", "grad", "velocity", "lr"):
            assert np.array_equal(getattr(full, field), getattr(lazy, field)), field
        assert (full.status, full.stopped_at) == (lazy.status, lazy.stopped_at)
        filled = with_full_loss(problem, lazy)
        assert np.array_equal(filled.loss, full.loss)
        assert np.array_equal(filled.val_loss, full.val_loss, equal_nan=True)


def test_logistic_regression_without_the_full_loss_is_torch_optim() -> None:
    problem = data_problem("logistic-regression", synthetic_classification(1000), seed=0)
    for name in NAMES:
        spec = RunSpec(OptimizerConfig(name, lr=0.05), problem.start, 32)
        (lazy,) = run_many(problem, [spec], 200, full_loss=False)
        expected = reference_run(problem, spec, 200)
        np.testing.assert_allclose(lazy.params, expected.params, rtol=0, atol=1e-9)
        np.testing.assert_allclose(with_full_loss(problem, lazy).loss, expected.loss, rtol=0, atol=1e-9)


def test_a_loss_that_overflows_still_stops_the_run_where_it_would() -> None:
    # |y| ~ 1e160: (w₂·tanh(w₁·x) − y)² overflows whatever the parameters, so the bound cannot vouch
    # for the full loss and the kernel computes it: the run ends as "diverged" at once, as with it.
    data = Dataset("huge", np.array([1.0, -2.0, 3.0]), np.array([1e160, -2e160, 3.0]))
    problem = data_problem("tiny-net", data)
    spec = RunSpec(OptimizerConfig("sgd", lr=1e-3), problem.start)
    (full,) = run_many(problem, [spec], 5)
    (lazy,) = run_many(problem, [spec], 5, full_loss=False)
    assert (lazy.status, lazy.stopped_at, len(lazy.params)) == (
        full.status,
        full.stopped_at,
        len(full.params),
    )


def test_surfaces_always_carry_their_loss() -> None:
    problem = surface_problem("rosenbrock")
    (lazy,) = run_many(
        problem, [RunSpec(OptimizerConfig("adam", lr=0.01), problem.start, 8)], 50, full_loss=False
    )
    assert np.isfinite(lazy.loss).all() and with_full_loss(problem, lazy) is lazy
