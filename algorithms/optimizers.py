"""Optimizer settings exactly as torch.optim names them, and the presets the app and CLI offer."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from typing import Any

OPTIMIZER_CLASSES = ("sgd", "adagrad", "rmsprop", "adam", "adamw")
TORCH_CLASS_NAMES = {
    "sgd": "SGD",
    "adagrad": "Adagrad",
    "rmsprop": "RMSprop",
    "adam": "Adam",
    "adamw": "AdamW",
}
DEFAULT_EPS = {"sgd": 0.0, "adagrad": 1e-10, "rmsprop": 1e-8, "adam": 1e-8, "adamw": 1e-8}
DEFAULT_WEIGHT_DECAY = {"adamw": 1e-2}


class OptimizerConfigError(ValueError):
    """A hyperparameter torch.optim would reject; the message is meant for the user."""


@dataclass(frozen=True)
class OptimizerConfig:
    """One torch.optim optimizer and its options.

    ``lr_y`` gives the second parameter its own learning rate (a second param group);
    ``None`` means both parameters share ``lr``. ``eps``/``weight_decay`` of ``None`` take torch's default.
    """

    name: str = "sgd"
    lr: float = 0.01
    lr_y: float | None = None
    momentum: float = 0.0
    dampening: float = 0.0
    nesterov: bool = False
    weight_decay: float | None = None
    betas: tuple[float, float] = (0.9, 0.999)
    eps: float | None = None
    amsgrad: bool = False
    alpha: float = 0.99
    centered: bool = False
    lr_decay: float = 0.0
    initial_accumulator_value: float = 0.0

    @property
    def learning_rates(self) -> tuple[float, float]:
        return (self.lr, self.lr if self.lr_y is None else self.lr_y)

    @property
    def resolved_eps(self) -> float:
        return DEFAULT_EPS[self.name] if self.eps is None else self.eps

    @property
    def resolved_weight_decay(self) -> float:
        return DEFAULT_WEIGHT_DECAY.get(self.name, 0.0) if self.weight_decay is None else self.weight_decay

    @property
    def torch_class_name(self) -> str:
        return TORCH_CLASS_NAMES[self.name]

    def validate(self) -> OptimizerConfig:
        """Raise OptimizerConfigError for anything torch.optim would refuse (or that cannot run)."""
        if self.name not in OPTIMIZER_CLASSES:
            raise OptimizerConfigError(
                f"unknown optimizer '{self.name}'; choose one of: {', '.join(OPTIMIZER_CLASSES)}"
            )
        for label, lr in (("lr", self.lr), ("lr for the second parameter", self.learning_rates[1])):
            if not (math.isfinite(lr) and lr > 0):
                raise OptimizerConfigError(f"{label} must be a positive number, got {lr}")
        _require_range("momentum", self.momentum, 0.0, None)
        _require_range("dampening", self.dampening, 0.0, 1.0)
        _require_range("weight_decay", self.resolved_weight_decay, 0.0, None)
        _require_range("eps", self.resolved_eps, 0.0, None)
        _require_range("alpha", self.alpha, 0.0, 1.0)
        _require_range("lr_decay", self.lr_decay, 0.0, None)
        _require_range("initial_accumulator_value", self.initial_accumulator_value, 0.0, None)
        for i, beta in enumerate(self.betas):
            if not (math.isfinite(beta) and 0.0 <= beta < 1.0):
                raise OptimizerConfigError(f"betas[{i}] must be in [0, 1), got {beta}")
        if self.nesterov and (self.momentum <= 0 or self.dampening != 0):
            raise OptimizerConfigError("Nesterov momentum requires a momentum > 0 and zero dampening")
        return self

    def torch_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for the torch.optim class (without lr, which goes to the param groups)."""
        common: dict[str, Any] = {"weight_decay": self.resolved_weight_decay}
        if self.name == "sgd":
            return {
                **common,
                "momentum": self.momentum,
                "dampening": self.dampening,
                "nesterov": self.nesterov,
            }
        if self.name == "adagrad":
            return {
                **common,
                "lr_decay": self.lr_decay,
                "initial_accumulator_value": self.initial_accumulator_value,
                "eps": self.resolved_eps,
            }
        if self.name == "rmsprop":
            return {
                **common,
                "alpha": self.alpha,
                "eps": self.resolved_eps,
                "momentum": self.momentum,
                "centered": self.centered,
            }
        return {**common, "betas": tuple(self.betas), "eps": self.resolved_eps, "amsgrad": self.amsgrad}

    def hyperparameters(self) -> dict[str, Any]:
        """What the CLI prints: the learning rate(s) and the class's options."""
        lr_x, lr_y = self.learning_rates
        rates: dict[str, Any] = {"lr": lr_x} if lr_x == lr_y else {"lr": [lr_x, lr_y]}
        kwargs = self.torch_kwargs()
        if "betas" in kwargs:
            kwargs["betas"] = list(kwargs["betas"])
        return {**rates, **kwargs}

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _require_range(name: str, value: float, low: float, high: float | None) -> None:
    ok = math.isfinite(value) and value >= low and (high is None or value <= high)
    if not ok:
        upper = "" if high is None else f" and at most {high}"
        raise OptimizerConfigError(f"{name} must be at least {low}{upper}, got {value}")


# The names the CLI accepts for --optimizer, each a torch.optim configuration.
PRESETS: dict[str, OptimizerConfig] = {
    "sgd": OptimizerConfig("sgd"),
    "momentum": OptimizerConfig("sgd", momentum=0.9),
    "nesterov": OptimizerConfig("sgd", momentum=0.9, nesterov=True),
    "adagrad": OptimizerConfig("adagrad"),
    "rmsprop": OptimizerConfig("rmsprop"),
    "adam": OptimizerConfig("adam"),
    "adamw": OptimizerConfig("adamw"),
}


def preset(name: str, **changes: Any) -> OptimizerConfig:
    """A preset with some options changed, e.g. ``preset("momentum", lr=0.1)``."""
    if name not in PRESETS:
        raise OptimizerConfigError(f"unknown optimizer '{name}'; choose one of: {', '.join(PRESETS)}")
    return replace(PRESETS[name], **changes)
