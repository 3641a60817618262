"""Learning-rate schedules against the real torch.optim.lr_scheduler objects.

The lr sequences must equal the real schedulers' ``get_last_lr()`` (chained form, two param groups),
and the fast engine's runs with a schedule must equal algorithms/reference.py's real-scheduler runs
to 1e-9 — momentum/β₁ cycling of CyclicLR and OneCycleLR and the loss-driven ReduceLROnPlateau included.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

from algorithms.datasets import course_data
from algorithms.engine import RunSpec, run_many
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import data_problem, surface_problem
from algorithms.reference import reference_run
from algorithms.schedules import SCHEDULERS, ScheduleConfig, ScheduleConfigError, lr_sequence
from tests.algorithms.test_engine_vs_reference import assert_same_run

CALLS = 120
# Each case: a scheduler and its arguments (torch's names), chosen so every branch is reached in CALLS.
CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "step": ("StepLR", {"step_size": 7, "gamma": 0.5}),
    "multistep": ("MultiStepLR", {"milestones": [0, 10, 10, 40], "gamma": 0.3}),
    "exponential": ("ExponentialLR", {"gamma": 0.97}),
    "cosine": ("CosineAnnealingLR", {"T_max": 25, "eta_min": 1e-4}),
    "linear-warmup": ("LinearLR", {"start_factor": 0.1, "total_iters": 30}),
    "linear-decay": ("LinearLR", {"start_factor": 1.0, "end_factor": 0.2, "total_iters": 50}),
    "onecycle": ("OneCycleLR", {"max_lr": 0.05, "total_steps": CALLS}),
    "onecycle-linear-3": (
        "OneCycleLR",
        {"max_lr": [0.05, 0.02], "total_steps": 150, "anneal_strategy": "linear", "three_phase": True},
    ),
    "onecycle-no-momentum": ("OneCycleLR", {"max_lr": 0.05, "cycle_momentum": False, "pct_start": 0.1}),
    "cyclic": ("CyclicLR", {"base_lr": 0.001, "max_lr": 0.01, "step_size_up": 10, "step_size_down": 15}),
    "cyclic-tri2": (
        "CyclicLR",
        {"base_lr": [0.001, 0.002], "max_lr": 0.01, "step_size_up": 8, "mode": "triangular2"},
    ),
    "cyclic-exp": (
        "CyclicLR",
        {"base_lr": 0.001, "max_lr": 0.01, "step_size_up": 6, "mode": "exp_range", "gamma": 0.99},
    ),
}
TWO_GROUPS = OptimizerConfig("sgd", lr=0.01, lr_y=0.004, momentum=0.9)


def real_last_lrs(schedule: ScheduleConfig, config: OptimizerConfig, calls: int) -> tuple[list, list]:
    """get_last_lr() and the groups' momentum/β₁ after construction and after each step, from torch."""
    p0, p1 = (torch.nn.Parameter(torch.tensor(v, dtype=torch.float64)) for v in (1.0, 2.0))
    lr0, lr1 = config.learning_rates
    cls = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "rmsprop": torch.optim.RMSprop}[config.name]
    optimizer = cls([{"params": [p0], "lr": lr0}, {"params": [p1], "lr": lr1}], **config.torch_kwargs())
    scheduler = getattr(torch.optim.lr_scheduler, schedule.name)(
        optimizer, **schedule.kwargs(config, calls, groups=2)
    )
    key = "betas" if config.name == "adam" else "momentum"

    def momenta() -> list[float]:
        return [g[key][0] if key == "betas" else g[key] for g in optimizer.param_groups]

    lrs, moms = [scheduler.get_last_lr()], [momenta()]
    for _ in range(calls):
        optimizer.step()  # no gradients: nothing moves, but torch wants the step before the scheduler's
        scheduler.step()
        lrs.append(scheduler.get_last_lr())
        moms.append(momenta())
    return lrs, moms


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    "config", [TWO_GROUPS, OptimizerConfig("adam", lr=0.01)], ids=["sgd-2-groups", "adam"]
)
def test_lr_sequence_is_get_last_lr(case: str, config: OptimizerConfig) -> None:
    name, args = CASES[case]
    if isinstance(args.get("base_lr"), list) and config.lr_y is None:
        args = {**args, "base_lr": args["base_lr"][0]}
    if isinstance(args.get("max_lr"), list) and config.lr_y is None:
        args = {**args, "max_lr": args["max_lr"][0]}
    schedule = ScheduleConfig.make(name, args)
    ours = lr_sequence(schedule, config, CALLS)
    lrs, moms = real_last_lrs(schedule, config, CALLS)
    assert ours.lr == lrs  # bit for bit: the same float operations in the same order
    if ours.momentum is not None:
        assert ours.momentum == moms
    else:
        assert all(m == moms[0] for m in moms)


def test_every_declared_scheduler_is_torchs_with_its_defaults() -> None:
    import inspect

    for kind in SCHEDULERS.values():
        signature = inspect.signature(getattr(torch.optim.lr_scheduler, kind.name))
        for arg in kind.args:
            parameter = signature.parameters[arg.name]
            if arg.required:
                assert parameter.default is inspect.Parameter.empty or arg.name == "T_max", arg.name
            else:
                assert parameter.default == arg.default, (kind.name, arg.name)


ENGINE_CASES = {
    **{
        f"{case}-step": (CASES[case], "step")
        for case in ("step", "cosine", "linear-warmup", "cyclic", "onecycle")
    },
    "multistep-epoch": (("MultiStepLR", {"milestones": [3, 5], "gamma": 0.5}), "epoch"),
    "exponential-epoch": (("ExponentialLR", {"gamma": 0.7}), "epoch"),
    "plateau-step": (("ReduceLROnPlateau", {"patience": 3, "factor": 0.5, "threshold": 0.05}), "step"),
    "plateau-epoch-abs-cooldown": (
        ("ReduceLROnPlateau", {"patience": 1, "threshold": 1e-3, "threshold_mode": "abs", "cooldown": 2}),
        "epoch",
    ),
    "plateau-max-min-lr": (
        ("ReduceLROnPlateau", {"mode": "max", "patience": 2, "min_lr": [1e-3, 2e-3]}),
        "step",
    ),
}
ENGINE_OPTIMIZERS = {
    "sgd-momentum-2-groups": TWO_GROUPS,
    "nesterov": OptimizerConfig("sgd", lr=0.01, momentum=0.9, nesterov=True),
    "plain-sgd": OptimizerConfig("sgd", lr=0.01),
    "rmsprop-momentum": OptimizerConfig("rmsprop", lr=0.003, momentum=0.5, centered=True),
    "adam": OptimizerConfig("adam", lr=0.02, lr_y=0.01),
    "adamw-amsgrad": OptimizerConfig("adamw", lr=0.02, amsgrad=True),
}


@pytest.mark.parametrize("optimizer", ENGINE_OPTIMIZERS)
@pytest.mark.parametrize("case", ENGINE_CASES)
def test_engine_with_schedule_equals_real_scheduler(case: str, optimizer: str) -> None:
    (name, args), interval = ENGINE_CASES[case]
    config = ENGINE_OPTIMIZERS[optimizer]
    if name == "ReduceLROnPlateau" and isinstance(args.get("min_lr"), list) and config.lr_y is None:
        args = {**args, "min_lr": 1e-3}
    problem = surface_problem("ravine", noise=2.0, samples=40, seed=3)
    spec = RunSpec(
        config, (-1.5, 0.8), batch_size=8, seed=1, schedule=ScheduleConfig.make(name, args, interval)
    )
    (fast,) = run_many(problem, [spec], CALLS)
    slow = reference_run(problem, spec, CALLS)
    assert_same_run(fast, slow)
    np.testing.assert_allclose(fast.lr, slow.lr, rtol=1e-12, atol=0)
    assert fast.lr.shape == (CALLS, 2)


def test_plateau_really_reduces_and_the_run_uses_it() -> None:
    problem = surface_problem("bowl", noise=3.0, samples=20, seed=0)
    schedule = ScheduleConfig.make("ReduceLROnPlateau", {"patience": 2, "factor": 0.5})
    spec = RunSpec(OptimizerConfig("sgd", lr=0.1), (1.0, 1.0), batch_size=2, schedule=schedule)
    (fast,) = run_many(problem, [spec], 200)
    assert fast.lr[0, 0] == 0.1 and fast.lr[-1, 0] < 0.1 / 4
    assert set(np.unique(fast.lr[:, 0])) <= {0.1 * 0.5**k for k in range(30)}


def test_cycled_momentum_reaches_a_plain_sgd_run() -> None:
    """OneCycleLR on SGD without momentum still sets momentum 0.95 → 0.85 (torch's default): a real effect."""
    problem = surface_problem("ravine", noise=0.0, samples=1)
    plain = OptimizerConfig("sgd", lr=0.01)
    cycled = ScheduleConfig.make("OneCycleLR", {"max_lr": 0.01})
    flat = ScheduleConfig.make("OneCycleLR", {"max_lr": 0.01, "cycle_momentum": False})
    with_momentum, without = run_many(
        problem, [RunSpec(plain, (1.0, 1.0), schedule=cycled), RunSpec(plain, (1.0, 1.0), schedule=flat)], 50
    )
    assert np.all(with_momentum.velocity != 0.0) and np.all(without.velocity == 0.0)
    slow = reference_run(problem, RunSpec(plain, (1.0, 1.0), schedule=cycled), 50)
    assert_same_run(with_momentum, slow)


def test_data_problem_with_epoch_schedule() -> None:
    problem = data_problem("linear-regression", course_data())
    schedule = ScheduleConfig.make("StepLR", {"step_size": 2, "gamma": 0.5}, "epoch")
    spec = RunSpec(OptimizerConfig("adam", lr=0.05), (0.0, 0.0), batch_size=3, seed=2, schedule=schedule)
    (fast,) = run_many(problem, [spec], 40)
    assert_same_run(fast, reference_run(problem, spec, 40))
    per_epoch = -(-problem.n_samples // 3)
    assert fast.lr[2 * per_epoch - 1, 0] == 0.05 and fast.lr[2 * per_epoch, 0] == 0.025


@pytest.mark.parametrize(
    ("name", "args", "message"),
    [
        ("StepLRR", {}, "unknown scheduler 'StepLRR'"),
        ("StepLR", {}, "StepLR needs step_size=…"),
        ("StepLR", {"step_size": 10, "gama": 0.5}, "StepLR has no argument 'gama'"),
        ("StepLR", {"step_size": 2.5}, "step_size must be an integer"),
        ("MultiStepLR", {"milestones": 30}, "milestones must be a list of integers"),
        ("OneCycleLR", {"max_lr": [0.1, 0.2, 0.3]}, "a list of 1 numbers"),
        ("CyclicLR", {"base_lr": 0.1, "max_lr": 1.0, "mode": "sine"}, "mode must be one of"),
        ("LinearLR", {"start_factor": 0.0}, "Starting multiplicative factor"),
        ("ReduceLROnPlateau", {"factor": 1.5}, "Factor should be < 1.0"),
        ("OneCycleLR", {"max_lr": 0.1, "total_steps": 10}, "total_steps is 10"),
        ("CosineAnnealingLR", {"T_max": 0}, "divide by zero"),
    ],
)
def test_bad_schedules_are_refused_with_a_message(name: str, args: dict[str, Any], message: str) -> None:
    problem = surface_problem("bowl")
    spec = RunSpec(OptimizerConfig("sgd", lr=0.1), (1.0, 1.0), schedule=ScheduleConfig.make(name, args))
    with pytest.raises(ScheduleConfigError, match=message.replace("(", r"\(")):
        run_many(problem, [spec], 20)


def test_adagrad_cannot_cycle_momentum_as_in_torch() -> None:
    config = OptimizerConfig("adagrad", lr=0.1)
    schedule = ScheduleConfig.make("OneCycleLR", {"max_lr": 0.1})
    with pytest.raises(ScheduleConfigError, match="cycle_momentum=False"):
        schedule.validate(config)
    p = torch.nn.Parameter(torch.zeros(()))
    with pytest.raises(ValueError, match="momentum or beta1"):
        torch.optim.lr_scheduler.OneCycleLR(torch.optim.Adagrad([p]), max_lr=0.1, total_steps=5)
    ScheduleConfig.make("OneCycleLR", {"max_lr": 0.1, "cycle_momentum": False}).validate(config)
