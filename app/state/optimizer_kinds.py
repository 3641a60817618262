"""The nine optimizer rows of the window and how each becomes a torch.optim configuration."""

from __future__ import annotations

from typing import Any, Protocol

from algorithms.optimizers import OptimizerConfig


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for lupdate (which finds the calls by this name) without importing Qt here.

    The UI shows it as ``QCoreApplication.translate(context, text)``.
    """
    return text


OPTIMIZER_KINDS = ("gd", "sgd", "minibatch", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")
KIND_LABELS = {
    "gd": QT_TRANSLATE_NOOP("OptimizerKinds", "GD (full batch)"),
    "sgd": QT_TRANSLATE_NOOP("OptimizerKinds", "SGD (batch 1)"),
    "minibatch": QT_TRANSLATE_NOOP("OptimizerKinds", "Mini-batch SGD"),
    "momentum": QT_TRANSLATE_NOOP("OptimizerKinds", "Momentum"),
    "nesterov": QT_TRANSLATE_NOOP("OptimizerKinds", "Nesterov"),
    "adagrad": QT_TRANSLATE_NOOP("OptimizerKinds", "Adagrad"),
    "rmsprop": QT_TRANSLATE_NOOP("OptimizerKinds", "RMSprop"),
    "adam": QT_TRANSLATE_NOOP("OptimizerKinds", "Adam"),
    "adamw": QT_TRANSLATE_NOOP("OptimizerKinds", "AdamW"),
}
DEFAULT_ENABLED = ("gd", "momentum", "adam")


class Knobs(Protocol):
    momentum: float
    dampening: float
    beta1: float
    beta2: float
    eps: float
    amsgrad: bool
    alpha: float
    centered: bool
    lr_decay: float
    initial_accumulator_value: float
    weight_decay: float


def default_knobs(kind: str) -> dict[str, Any]:
    knobs: dict[str, Any] = {"enabled": kind in DEFAULT_ENABLED}
    if kind in ("momentum", "nesterov"):
        knobs["momentum"] = 0.9
    if kind == "adagrad":
        knobs["eps"] = 1e-10
    if kind == "adamw":
        knobs["weight_decay"] = 0.01
    return knobs


def batch_size_for(kind: str, minibatch_size: int) -> int | None:
    """GD uses the whole data, SGD one sample, every other row the mini-batch size (0 = full)."""
    if kind == "gd":
        return None
    if kind == "sgd":
        return 1
    return minibatch_size or None


def optimizer_config(kind: str, knobs: Knobs, lr: float, lr_y: float | None = None) -> OptimizerConfig:
    common: dict[str, Any] = {"lr": lr, "lr_y": lr_y, "weight_decay": knobs.weight_decay}
    if kind in ("gd", "sgd", "minibatch"):
        return OptimizerConfig("sgd", **common)
    if kind == "momentum":
        return OptimizerConfig("sgd", momentum=knobs.momentum, dampening=knobs.dampening, **common)
    if kind == "nesterov":
        return OptimizerConfig("sgd", momentum=knobs.momentum, nesterov=True, **common)
    if kind == "adagrad":
        return OptimizerConfig(
            "adagrad",
            lr_decay=knobs.lr_decay,
            initial_accumulator_value=knobs.initial_accumulator_value,
            eps=knobs.eps,
            **common,
        )
    if kind == "rmsprop":
        return OptimizerConfig(
            "rmsprop",
            alpha=knobs.alpha,
            momentum=knobs.momentum,
            centered=knobs.centered,
            eps=knobs.eps,
            **common,
        )
    return OptimizerConfig(
        kind, betas=(knobs.beta1, knobs.beta2), eps=knobs.eps, amsgrad=knobs.amsgrad, **common
    )
