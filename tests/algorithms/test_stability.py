"""The lr stability limit: hand-derived values, the characteristic polynomial checked numerically against
torch.optim.SGD's own update, and real divergence just past the limit (engine and torch.optim)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from algorithms.datasets import course_data
from algorithms.engine import RunSpec, run_many
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import data_problem, surface_problem
from algorithms.reference import reference_run
from algorithms.stability import (
    known_minima,
    past_limit,
    stability_limit,
    stability_marks,
)

RAVINE = surface_problem("ravine", noise=0.0)


def test_hand_derived_limits_on_the_ravine() -> None:
    # x² + 10y²: Hessian diag(2, 20), λmax = 20
    sgd = stability_limit(RAVINE, OptimizerConfig("sgd"), (-2.5, 1.0))
    assert sgd.lr == pytest.approx(0.1, rel=1e-12)
    assert sgd.curvature == pytest.approx(20.0)
    heavy = stability_limit(RAVINE, OptimizerConfig("sgd", momentum=0.9), (-2.5, 1.0))
    assert heavy.lr == pytest.approx(0.19, rel=1e-12)
    nesterov = stability_limit(RAVINE, OptimizerConfig("sgd", momentum=0.9, nesterov=True), (0.0, 0.0))
    assert nesterov.lr == pytest.approx(2 * 1.9 / 2.8 / 20, rel=1e-12)
    damped = stability_limit(RAVINE, OptimizerConfig("sgd", momentum=0.5, dampening=0.5), (1.0, 1.0))
    assert damped.lr == pytest.approx(2 * 1.5 / 0.5 / 20, rel=1e-12)
    decayed = stability_limit(RAVINE, OptimizerConfig("sgd", weight_decay=1.0), (1.0, 1.0))
    assert decayed.lr == pytest.approx(2 / 21, rel=1e-12)


@pytest.mark.parametrize("name", ["adam", "adamw", "adagrad", "rmsprop"])
def test_adaptive_optimizers_have_no_closed_form(name: str) -> None:
    limit = stability_limit(RAVINE, OptimizerConfig(name), (1.0, 1.0))
    assert limit.lr is None
    assert "adaptively" in limit.reason
    assert not past_limit(100.0, limit)


def test_no_limit_without_upward_curvature_and_for_two_lrs() -> None:
    saddle = surface_problem("saddle", noise=0.0)
    limit = stability_limit(saddle, OptimizerConfig("sgd"), (0.0, 0.0))  # Hessian diag(2, −2): λmax = 2
    assert limit.lr == pytest.approx(1.0)
    assert stability_limit(RAVINE, OptimizerConfig("sgd", lr_y=0.5), (1.0, 1.0)).lr is None


def test_linear_regression_mean_and_sum() -> None:
    # course data x = 1, 2, 3: H = (2/n)·[[Σx², Σx], [Σx, n]] = (2/3)·[[14, 6], [6, 3]]
    mean = data_problem("linear-regression", course_data())
    total = data_problem("linear-regression", course_data(), reduction="sum")
    lam = (17 + math.sqrt(265)) / 2
    at_mean = stability_limit(mean, OptimizerConfig("sgd"), mean.start)
    assert at_mean.lr == pytest.approx(2 / (2 / 3 * lam), rel=1e-12)
    at_sum = stability_limit(total, OptimizerConfig("sgd"), mean.start)
    assert at_sum.lr == pytest.approx(at_mean.lr / 3, rel=1e-12)


def _torch_step_matrix(
    lam: float, lr: float, momentum: float, dampening: float, nesterov: bool
) -> np.ndarray:
    """The linear map (θ, buffer) → (θ', buffer') of torch.optim.SGD on the loss ½·λ·θ², column by column."""
    columns = []
    for theta0, buffer0 in ((1.0, 0.0), (0.0, 1.0)):
        theta = torch.nn.Parameter(torch.tensor(theta0, dtype=torch.float64))
        optimizer = torch.optim.SGD([theta], lr=lr, momentum=momentum, dampening=dampening, nesterov=nesterov)
        optimizer.state[theta]["momentum_buffer"] = torch.tensor(buffer0, dtype=torch.float64)
        theta.grad = lam * theta.detach().clone()
        optimizer.step()
        columns.append((theta.item(), float(optimizer.state[theta]["momentum_buffer"])))
    return np.array(columns).T


@pytest.mark.parametrize(
    ("momentum", "dampening", "nesterov"),
    [
        (0.5, 0.0, False),
        (0.9, 0.0, False),
        (0.7, 0.4, False),
        (0.5, 0.0, True),
        (0.9, 0.0, True),
        (0.2, 0.0, True),
    ],
)
def test_limit_is_where_torch_sgd_spectral_radius_crosses_one(
    momentum: float, dampening: float, nesterov: bool
) -> None:
    lam = 7.0
    config = OptimizerConfig("sgd", momentum=momentum, dampening=dampening, nesterov=nesterov)
    problem = surface_problem("bowl", noise=0.0)  # x² + y²: λ = 2
    limit = stability_limit(problem, config, (0.3, 0.3)).lr
    assert limit is not None
    at_lam = limit * 2.0 / lam  # the same factor over λ = 7
    for scale, stable in ((0.999, True), (1.001, False)):
        matrix = _torch_step_matrix(lam, at_lam * scale, momentum, dampening, nesterov)
        radius = max(abs(np.linalg.eigvals(matrix)))
        assert bool(radius < 1) is stable, (scale, radius)


@pytest.mark.parametrize(
    "config",
    [
        OptimizerConfig("sgd"),
        OptimizerConfig("sgd", momentum=0.9),
        OptimizerConfig("sgd", momentum=0.9, nesterov=True),
    ],
    ids=["gd", "momentum", "nesterov"],
)
def test_just_below_converges_just_above_diverges(config: OptimizerConfig) -> None:
    start = (-2.5, 1.0)
    limit = stability_limit(RAVINE, config, start).lr
    assert limit is not None
    for scale, converges in ((0.98, True), (1.02, False)):
        spec = RunSpec(OptimizerConfig(**{**config.as_dict(), "lr": limit * scale}), start)
        for result in (run_many(RAVINE, [spec], 3000)[0], reference_run(RAVINE, spec, 3000)):
            if converges:
                assert result.status == "ok"
                assert result.loss[-1] < 1e-6 * result.loss[0]
            else:
                assert result.status != "ok" or result.loss[-1] > 1e3 * result.loss[0]


def test_data_divergence_follows_the_limit() -> None:
    problem = data_problem("linear-regression", course_data(), reduction="sum")
    limit = stability_limit(problem, OptimizerConfig("sgd"), problem.start).lr
    assert limit is not None
    below = run_many(problem, [RunSpec(OptimizerConfig("sgd", lr=0.97 * limit), problem.start)], 3000)[0]
    above = run_many(problem, [RunSpec(OptimizerConfig("sgd", lr=1.03 * limit), problem.start)], 3000)[0]
    assert below.status == "ok" and below.loss[-1] < 1e-6
    assert above.status != "ok"


def test_marks_at_start_and_nearest_minimum() -> None:
    rosenbrock = surface_problem("rosenbrock", noise=0.0)
    marks = stability_marks(rosenbrock, OptimizerConfig("sgd"), rosenbrock.start, known_minima(rosenbrock))
    assert marks.minimum is not None
    assert marks.minimum.point == (1.0, 1.0)
    # At (1, 1) the Hessian is [[802, −400], [−400, 200]].
    lam = np.linalg.eigvalsh(np.array([[802.0, -400.0], [-400.0, 200.0]]))[-1]
    assert marks.minimum.lr == pytest.approx(2 / lam, rel=1e-12)
    assert len(marks.marks()) == 2
    ravine = stability_marks(RAVINE, OptimizerConfig("sgd"), (-2.5, 1.0), known_minima(RAVINE))
    assert ravine.minimum is None  # a quadratic: the same limit everywhere
    assert ravine.marks() == [pytest.approx(0.1)]
