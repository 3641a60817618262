"""The race columns: steps to a tolerance, final loss, distance to the nearest minimum, divergence step."""

from __future__ import annotations

import math

import pytest

from algorithms.engine import RunSpec, run_many
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import surface_problem
from algorithms.race import race_row, steps_to_tolerance

BOWL = surface_problem("bowl", noise=0.0)  # x² + y²


def test_steps_to_tolerance_counts_from_the_start() -> None:
    assert steps_to_tolerance([4.0, 1.0, 0.5, 0.001, 0.5], 0.01) == 3
    assert steps_to_tolerance([4.0, 1.0], 0.01) is None
    assert steps_to_tolerance([0.0], 0.01) == 0


def test_gd_on_the_bowl_matches_the_hand_count() -> None:
    # GD with lr 0.25 on x² + y² halves θ each step, so the loss is L0 / 4^t: L0 = 2 from (1, 1).
    (result,) = run_many(BOWL, [RunSpec(OptimizerConfig("sgd", lr=0.25), (1.0, 1.0))], 20)
    row = race_row(result, 1e-3, [(0.0, 0.0)])
    assert row.steps_to_tolerance == math.ceil(math.log(2 / 1e-3, 4))  # 6
    assert row.final_loss == pytest.approx(2 / 4**20)
    assert row.distance_to_minimum == pytest.approx(math.sqrt(2) / 2**20)
    assert row.diverged_at is None


def test_a_diverging_run_reports_where_it_stopped() -> None:
    (result,) = run_many(BOWL, [RunSpec(OptimizerConfig("sgd", lr=5.0), (1.0, 1.0))], 500)
    row = race_row(result, 1e-3, [(0.0, 0.0)])
    assert result.status != "ok"
    assert row.diverged_at == result.stopped_at
    assert row.steps_to_tolerance is None
    assert row.distance_to_minimum is None
    assert row.final_loss == pytest.approx(float(result.loss[-1]))


def test_no_minimum_no_distance() -> None:
    (result,) = run_many(BOWL, [RunSpec(OptimizerConfig("sgd", lr=0.1), (1.0, 1.0))], 5)
    assert race_row(result, 1e-3, []).distance_to_minimum is None
