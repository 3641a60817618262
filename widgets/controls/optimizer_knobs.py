"""What each optimizer row shows: its label, its knobs, their ranges, defaults and tooltips.

Plain data (no widgets). Strings are marked for translation in the ``OptimizerRowWidget``
context, which translates them when it builds the row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from PySide6 import QtCore

# Same function, typed as returning str (PySide's stub says object); lupdate still finds the calls,
# but only with the context spelled out as a string literal in each call.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)


@dataclass(frozen=True)
class KnobSpec:
    """One optimizer hyperparameter. ``kind`` is "float", "log" (decades, e.g. eps) or "bool"."""

    name: str
    label: str
    tooltip: str
    kind: str = "float"
    default: float | bool = 0.0
    minimum: float = 0.0
    maximum: float = 1.0
    step: float = 0.01
    decimals: int = 3
    advanced: bool = False


@dataclass(frozen=True)
class OptimizerSpec:
    kind: str
    label: str
    tooltip: str
    knobs: tuple[KnobSpec, ...]


def _momentum(default: float) -> KnobSpec:
    return KnobSpec(
        "momentum",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "momentum"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "How much of the previous step is carried into the next one."
        ),
        default=default,
        maximum=0.999,
    )


def _beta1() -> KnobSpec:
    return KnobSpec(
        "beta1",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "β1"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "Decay rate of the running mean of gradients (first moment)."
        ),
        default=0.9,
        maximum=0.999,
    )


def _beta2() -> KnobSpec:
    return KnobSpec(
        "beta2",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "β2"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "Decay rate of the running mean of squared gradients (second moment)."
        ),
        default=0.999,
        maximum=0.9999,
        step=0.001,
        decimals=4,
    )


def _amsgrad() -> KnobSpec:
    return KnobSpec(
        "amsgrad",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "AMSGrad"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Divide by the largest second moment seen so far instead of the current one.",
        ),
        kind="bool",
        default=False,
    )


def _eps(default: float) -> KnobSpec:
    return KnobSpec(
        "eps",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "eps"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "Small constant added to the denominator so the step never divides by zero."
        ),
        kind="log",
        default=default,
        minimum=1e-12,
        maximum=1.0,
        advanced=True,
    )


def _weight_decay(default: float, advanced: bool) -> KnobSpec:
    return KnobSpec(
        "weight_decay",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "weight decay"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "Pulls the parameters toward zero by this fraction each step (L2 penalty)."
        ),
        default=default,
        step=0.001,
        decimals=4,
        advanced=advanced,
    )


OPTIMIZERS: tuple[OptimizerSpec, ...] = (
    OptimizerSpec(
        "gd",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "GD (full batch)"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Plain gradient descent: every step uses the gradient of the whole data set.",
        ),
        (_weight_decay(0.0, advanced=True),),
    ),
    OptimizerSpec(
        "sgd",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "SGD (batch 1)"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "Stochastic gradient descent: every step uses the gradient of one sample."
        ),
        (_weight_decay(0.0, advanced=True),),
    ),
    OptimizerSpec(
        "minibatch",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "Mini-batch SGD"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Every step uses the gradient of a batch of the size set by the batch slider.",
        ),
        (_weight_decay(0.0, advanced=True),),
    ),
    OptimizerSpec(
        "momentum",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "Momentum"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "SGD with momentum: steps build up speed along directions that keep agreeing.",
        ),
        (
            _momentum(0.9),
            KnobSpec(
                "dampening",
                QT_TRANSLATE_NOOP("OptimizerRowWidget", "dampening"),
                QT_TRANSLATE_NOOP(
                    "OptimizerRowWidget", "Fraction of each new gradient left out of the momentum buffer."
                ),
                maximum=1.0,
                step=0.05,
                decimals=2,
            ),
            _weight_decay(0.0, advanced=True),
        ),
    ),
    OptimizerSpec(
        "nesterov",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "Nesterov"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Momentum that looks ahead: the gradient is taken where the momentum is heading.",
        ),
        (_momentum(0.9), _weight_decay(0.0, advanced=True)),
    ),
    OptimizerSpec(
        "adagrad",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "Adagrad"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Divides each step by the root of all squared gradients so far, per coordinate.",
        ),
        (
            KnobSpec(
                "lr_decay",
                QT_TRANSLATE_NOOP("OptimizerRowWidget", "lr decay"),
                QT_TRANSLATE_NOOP(
                    "OptimizerRowWidget", "Shrinks the learning rate as lr / (1 + (step − 1) · lr_decay)."
                ),
                maximum=10.0,
                step=0.001,
                decimals=4,
            ),
            KnobSpec(
                "initial_accumulator_value",
                QT_TRANSLATE_NOOP("OptimizerRowWidget", "initial accum."),
                QT_TRANSLATE_NOOP(
                    "OptimizerRowWidget",
                    "Starting value of the sum of squared gradients (larger = smaller first steps).",
                ),
                maximum=100.0,
                step=0.1,
                decimals=3,
            ),
            _eps(1e-10),
            _weight_decay(0.0, advanced=True),
        ),
    ),
    OptimizerSpec(
        "rmsprop",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "RMSprop"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "Divides each step by a running root-mean-square of recent gradients."
        ),
        (
            KnobSpec(
                "alpha",
                QT_TRANSLATE_NOOP("OptimizerRowWidget", "α"),
                QT_TRANSLATE_NOOP(
                    "OptimizerRowWidget", "Decay rate of the running mean of squared gradients."
                ),
                default=0.99,
                maximum=0.9999,
                step=0.001,
                decimals=4,
            ),
            _momentum(0.0),
            KnobSpec(
                "centered",
                QT_TRANSLATE_NOOP("OptimizerRowWidget", "centered"),
                QT_TRANSLATE_NOOP(
                    "OptimizerRowWidget",
                    "Divide by the gradient's estimated variance instead of its raw second moment.",
                ),
                kind="bool",
                default=False,
            ),
            _eps(1e-8),
            _weight_decay(0.0, advanced=True),
        ),
    ),
    OptimizerSpec(
        "adam",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "Adam"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Momentum on the gradient, divided by a running root-mean-square, bias-corrected.",
        ),
        (_beta1(), _beta2(), _amsgrad(), _eps(1e-8), _weight_decay(0.0, advanced=True)),
    ),
    OptimizerSpec(
        "adamw",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "AdamW"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Adam with weight decay applied to the parameters directly, not through the gradient.",
        ),
        (_beta1(), _beta2(), _weight_decay(0.01, advanced=False), _amsgrad(), _eps(1e-8)),
    ),
)

OPTIMIZER_KINDS: tuple[str, ...] = tuple(spec.kind for spec in OPTIMIZERS)
