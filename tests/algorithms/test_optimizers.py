from __future__ import annotations

import pytest
import torch

from algorithms.optimizers import PRESETS, OptimizerConfig, OptimizerConfigError, preset
from algorithms.reference import TORCH_OPTIMIZERS


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_build_the_torch_optimizer_with_torch_defaults(name: str) -> None:
    config = PRESETS[name]
    parameter = torch.zeros(1, requires_grad=True)
    optimizer = TORCH_OPTIMIZERS[config.name]([parameter], lr=config.lr, **config.torch_kwargs())
    defaults = TORCH_OPTIMIZERS[config.name]([torch.zeros(1, requires_grad=True)], lr=config.lr).defaults
    for key in config.torch_kwargs():
        if name in ("momentum", "nesterov") and key in ("momentum", "nesterov"):
            continue
        assert optimizer.defaults[key] == defaults[key], key


def test_momentum_and_nesterov_presets() -> None:
    assert PRESETS["momentum"].momentum == 0.9 and not PRESETS["momentum"].nesterov
    assert PRESETS["nesterov"].momentum == 0.9 and PRESETS["nesterov"].nesterov
    assert PRESETS["adamw"].resolved_weight_decay == 0.01
    assert PRESETS["adam"].resolved_weight_decay == 0.0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lr": 0.0}, "lr must be a positive number"),
        ({"lr": float("nan")}, "lr must be a positive number"),
        ({"lr_y": -1.0}, "second parameter"),
        ({"momentum": -0.1}, "momentum must be at least 0"),
        ({"nesterov": True}, "Nesterov momentum requires"),
        ({"dampening": 2.0}, "dampening"),
    ],
)
def test_invalid_sgd_options_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(OptimizerConfigError, match=message):
        OptimizerConfig("sgd", **changes).validate()  # type: ignore[arg-type]


def test_invalid_betas_and_unknown_names() -> None:
    with pytest.raises(OptimizerConfigError, match=r"betas\[1\]"):
        preset("adam", betas=(0.9, 1.0)).validate()
    with pytest.raises(OptimizerConfigError, match="unknown optimizer 'lbfgs'"):
        preset("lbfgs")


def test_hyperparameters_show_separate_learning_rates() -> None:
    assert OptimizerConfig("sgd", lr=0.1).hyperparameters()["lr"] == 0.1
    assert OptimizerConfig("sgd", lr=0.1, lr_y=0.2).hyperparameters()["lr"] == [0.1, 0.2]
    assert preset("adam").hyperparameters()["betas"] == [0.9, 0.999]
