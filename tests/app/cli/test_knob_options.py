"""The CLI's optimizer options are the rows' knobs: one declaration, checked against torch.optim."""

from __future__ import annotations

import argparse
import inspect

import pytest
import torch

from algorithms.optimizers import PRESETS
from app.cli.run_options import (
    OPTION_CLASSES,
    PAIRED_KNOBS,
    OptionError,
    add_optimizer_options,
    build_optimizer,
    flag_of,
)
from app.state.optimizer_kinds import KNOBS

TORCH_CLASSES = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop}
TORCH_CLASSES |= {"adam": torch.optim.Adam, "adamw": torch.optim.AdamW}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    add_optimizer_options(parser)
    return parser


def test_every_knob_is_an_option() -> None:
    options = {PAIRED_KNOBS.get(name, name) for name in KNOBS}
    assert options | {"nesterov"} == set(OPTION_CLASSES)
    for option in OPTION_CLASSES:
        value = "0.5,0.6" if option == "betas" else "0.25"
        switch = option in ("nesterov", "amsgrad", "centered")
        words = ["--optimizer", "sgd", flag_of(option)] + ([] if switch else [value])
        parsed = getattr(_parser().parse_args(words), option)
        assert parsed == (True if switch else value if option == "betas" else 0.25), option
    assert flag_of("initial_accumulator_value") == "--initial-accumulator"


@pytest.mark.parametrize("option", sorted(OPTION_CLASSES))
def test_each_option_belongs_to_exactly_the_torch_classes_that_take_it(option: str) -> None:
    takes = {name for name, cls in TORCH_CLASSES.items() if option in inspect.signature(cls).parameters}
    assert set(OPTION_CLASSES[option]) == takes


def test_a_knob_option_reaches_the_optimizer_and_is_refused_elsewhere() -> None:
    args = _parser().parse_args(["--optimizer", "rmsprop", "--alpha", "0.5", "--centered", "--eps", "1e-6"])
    config = build_optimizer(args, "rmsprop")
    assert (config.alpha, config.centered, config.eps) == (0.5, True, 1e-6)
    adam = build_optimizer(_parser().parse_args(["--optimizer", "adam", "--betas", "0.8,0.9"]), "adam")
    assert adam.betas == (0.8, 0.9)
    args = _parser().parse_args(["--optimizer", "adam", "--initial-accumulator", "0.1"])
    refused = r"^--initial-accumulator does not apply to Adam \(--optimizer adam\)$"
    with pytest.raises(OptionError, match=refused):
        build_optimizer(args, "adam")
    assert {config.name for config in PRESETS.values()} == set(TORCH_CLASSES)
