"""The nine optimizer rows of the window, declared once, and how each becomes a torch.optim configuration.

``OPTIMIZERS`` is the single declaration of every row: its colour, its name, its knobs with their
defaults, ranges, labels and tooltips. Everything else is derived from it: the state's per-row defaults
(app/state/app_state.py), the session schema (app/state/session_schema.py), the presenter and the knob
widgets (the window hands these declarations to widgets/controls as plain values). Qt-free; the strings
are translated by the views in the ``OptimizerRowWidget`` context.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from algorithms.optimizers import OptimizerConfig
from app.translatable import QT_TRANSLATE_NOOP

LABEL_CONTEXT = "OptimizerRowWidget"  # the translation context of every label and tooltip below


@dataclass(frozen=True)
class Knob:
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
    limit: str = "unit"  # what a session may hold: "unit" [0, 1], "decay" [0, 1), "non-negative"


@dataclass(frozen=True)
class OptimizerKind:
    """One optimizer row: its key, path colour, name, tooltip and knobs (in the order shown)."""

    kind: str
    # "#rrggbb": the row's swatch, path and loss curve. Picked to stay visible on viridis (dark blue ->
    # green -> yellow): paths are drawn over a dark outline, so light colours read on yellow, dark on blue.
    color: str
    label: str
    tooltip: str
    knobs: tuple[Knob, ...]
    enabled: bool = False  # the rows a fresh window runs
    torch_name: str = "sgd"  # the torch.optim class it configures (lower-case); each knob is its option
    nesterov: bool = False  # SGD's one fixed option a row sets without a knob


def _momentum(default: float) -> Knob:
    return Knob(
        "momentum",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "momentum"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "How much of the previous step is carried into the next one."
        ),
        default=default,
        maximum=0.999,
    )


def _beta1() -> Knob:
    return Knob(
        "beta1",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "β1"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "Decay rate of the running mean of gradients (first moment)."
        ),
        default=0.9,
        maximum=0.999,
        limit="decay",
    )


def _beta2() -> Knob:
    return Knob(
        "beta2",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "β2"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "Decay rate of the running mean of squared gradients (second moment)."
        ),
        default=0.999,
        maximum=0.9999,
        step=0.001,
        decimals=4,
        limit="decay",
    )


def _amsgrad() -> Knob:
    return Knob(
        "amsgrad",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "AMSGrad"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Divide by the largest second moment seen so far instead of the current one.",
        ),
        kind="bool",
        default=False,
    )


def _eps(default: float) -> Knob:
    return Knob(
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


def _weight_decay(default: float, advanced: bool) -> Knob:
    return Knob(
        "weight_decay",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "weight decay"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "Pulls the parameters toward zero by this fraction each step (L2 penalty)."
        ),
        default=default,
        step=0.001,
        decimals=4,
        advanced=advanced,
        limit="non-negative",
    )


OPTIMIZERS: tuple[OptimizerKind, ...] = (
    OptimizerKind(
        "gd",
        "#ff2d2d",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "GD (full batch)"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Plain gradient descent: every step uses the gradient of the whole data set.",
        ),
        (_weight_decay(0.0, advanced=True),),
        enabled=True,
    ),
    OptimizerKind(
        "sgd",
        "#ff9f1c",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "SGD (batch 1)"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "Stochastic gradient descent: every step uses the gradient of one sample."
        ),
        (_weight_decay(0.0, advanced=True),),
    ),
    OptimizerKind(
        "minibatch",
        "#ff66cc",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "Mini-batch SGD"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Every step uses the gradient of a batch of the size set by the batch slider.",
        ),
        (_weight_decay(0.0, advanced=True),),
    ),
    OptimizerKind(
        "momentum",
        "#ffffff",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "Momentum"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "SGD with momentum: steps build up speed along directions that keep agreeing.",
        ),
        (
            _momentum(0.9),
            Knob(
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
        enabled=True,
    ),
    OptimizerKind(
        "nesterov",
        "#a0c4ff",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "Nesterov"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Momentum that looks ahead: the gradient is taken where the momentum is heading.",
        ),
        (_momentum(0.9), _weight_decay(0.0, advanced=True)),
        nesterov=True,
    ),
    OptimizerKind(
        "adagrad",
        "#00e5ff",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "Adagrad"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Divides each step by the root of all squared gradients so far, per coordinate.",
        ),
        (
            Knob(
                "lr_decay",
                QT_TRANSLATE_NOOP("OptimizerRowWidget", "lr decay"),
                QT_TRANSLATE_NOOP(
                    "OptimizerRowWidget", "Shrinks the learning rate as lr / (1 + (step − 1) · lr_decay)."
                ),
                maximum=10.0,
                step=0.001,
                decimals=4,
                limit="non-negative",
            ),
            Knob(
                "initial_accumulator_value",
                QT_TRANSLATE_NOOP("OptimizerRowWidget", "initial accum."),
                QT_TRANSLATE_NOOP(
                    "OptimizerRowWidget",
                    "Starting value of the sum of squared gradients (larger = smaller first steps).",
                ),
                maximum=100.0,
                step=0.1,
                decimals=3,
                limit="non-negative",
            ),
            _eps(1e-10),
            _weight_decay(0.0, advanced=True),
        ),
        torch_name="adagrad",
    ),
    OptimizerKind(
        "rmsprop",
        "#c77dff",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "RMSprop"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget", "Divides each step by a running root-mean-square of recent gradients."
        ),
        (
            Knob(
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
            Knob(
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
        torch_name="rmsprop",
    ),
    OptimizerKind(
        "adam",
        "#ffd60a",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "Adam"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Momentum on the gradient, divided by a running root-mean-square, bias-corrected.",
        ),
        (_beta1(), _beta2(), _amsgrad(), _eps(1e-8), _weight_decay(0.0, advanced=True)),
        enabled=True,
        torch_name="adam",
    ),
    OptimizerKind(
        "adamw",
        "#9ef01a",
        QT_TRANSLATE_NOOP("OptimizerRowWidget", "AdamW"),
        QT_TRANSLATE_NOOP(
            "OptimizerRowWidget",
            "Adam with weight decay applied to the parameters directly, not through the gradient.",
        ),
        (_beta1(), _beta2(), _weight_decay(0.01, advanced=False), _amsgrad(), _eps(1e-8)),
        torch_name="adamw",
    ),
)


OPTIMIZER_KINDS: tuple[str, ...] = tuple(spec.kind for spec in OPTIMIZERS)
OPTIMIZER_BY_KIND: dict[str, OptimizerKind] = {spec.kind: spec for spec in OPTIMIZERS}
KIND_LABELS: dict[str, str] = {spec.kind: spec.label for spec in OPTIMIZERS}
KIND_COLORS: dict[str, str] = {spec.kind: spec.color for spec in OPTIMIZERS}
KNOBS: dict[str, Knob] = {
    knob.name: knob for spec in OPTIMIZERS for knob in spec.knobs
}  # by name, first seen


def default_knobs(kind: str) -> dict[str, Any]:
    """The row's declared defaults: whether it runs and the value of each of its knobs."""
    spec = OPTIMIZER_BY_KIND[kind]
    return {"enabled": spec.enabled, **{knob.name: knob.default for knob in spec.knobs}}


def batch_size_for(kind: str, minibatch_size: int) -> int | None:
    """GD uses the whole data, SGD one sample, every other row the mini-batch size (0 = full)."""
    if kind == "gd":
        return None
    if kind == "sgd":
        return 1
    return minibatch_size or None


def optimizer_config(kind: str, knobs: object, lr: float, lr_y: float | None = None) -> OptimizerConfig:
    """The row's torch.optim configuration: its declared class and fixed option, and each of its knobs
    read from ``knobs`` (an OptimizerSettings, or anything with the knobs' names); Adam's two betas are
    torch's one ``betas`` option."""
    spec = OPTIMIZER_BY_KIND[kind]
    options: dict[str, Any] = {knob.name: getattr(knobs, knob.name) for knob in spec.knobs}
    if "beta1" in options:
        options["betas"] = (options.pop("beta1"), options.pop("beta2"))
    if spec.nesterov:
        options["nesterov"] = True
    return OptimizerConfig(spec.torch_name, lr=lr, lr_y=lr_y, **options)
