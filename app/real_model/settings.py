"""The "Real model" window's settings: one Qt-free dataclass whose fields each emit a psygnal signal.

Results (training runs, the landscape) are immutable objects held by the controller, never here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from psygnal import SignalGroupDescriptor

DEFAULT_OPTIMIZERS = ("sgd", "adam")


@dataclass
class RealModelSettings:
    """What the learner picks before pressing Train (and what draws the landscape after it).

    ``dataset`` is a spec as the CLI takes it: "digits", "mnist:FOLDER" or "cifar10:FOLDER".
    ``optimizers`` are names of ``algorithms.optimizers.PRESETS`` sharing one learning rate, in the
    order they were enabled (the first one's final weights are the landscape's origin).
    ``ema_beta`` only smooths the drawn loss curves; it never retrains.
    """

    dataset: str = "digits"
    model: str = "softmax"
    epochs: int = 5
    batch_size: int = 64
    lr: float = 0.05
    optimizers: tuple[str, ...] = DEFAULT_OPTIMIZERS
    # Each optimizer's own knobs the learner changed (momentum, betas…), as (optimizer, knob, value);
    # anything not listed keeps torch's default (or the preset's, e.g. momentum 0.9).
    knobs: tuple[tuple[str, str, float | bool], ...] = ()
    ema_beta: float = 0.9
    resolution: int = 31
    directions: str = "pca"
    eval_samples: int = 1000
    seed: int = 0

    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()  # a signal per field, typed


def dataset_kind(spec: str) -> str:
    """ "digits", "mnist" or "cifar10" from a dataset spec."""
    return spec.partition(":")[0]


def dataset_folder(spec: str) -> str:
    """The folder of an "mnist:FOLDER" / "cifar10:FOLDER" spec ("" for the built-in digits)."""
    return spec.partition(":")[2]
