"""The optimizer rows are declared once; the state's fields are checked against that declaration."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import get_type_hints

from algorithms.optimizers import OptimizerConfig
from app.state.app_state import OptimizerSettings
from app.state.optimizer_kinds import KNOBS, OPTIMIZER_KINDS, OPTIMIZERS, default_knobs


def test_optimizer_settings_hold_exactly_the_declared_knobs() -> None:
    names = {f.name for f in fields(OptimizerSettings)} - {"kind", "enabled"}
    assert names == set(KNOBS)


def test_every_knob_is_an_option_of_its_rows_torch_class() -> None:
    """optimizer_config passes each declared knob by name (Adam's beta1/beta2 as torch's betas)."""
    options = {f.name for f in fields(OptimizerConfig)} | {"beta1", "beta2"}
    for spec in OPTIMIZERS:
        assert {knob.name for knob in spec.knobs} <= options, spec.kind


def test_field_types_follow_the_knob_kinds() -> None:
    hints = get_type_hints(OptimizerSettings)
    for name, knob in KNOBS.items():
        assert hints[name] is (bool if knob.kind == "bool" else float), name


def test_each_row_starts_from_its_declared_defaults() -> None:
    assert tuple(spec.kind for spec in OPTIMIZERS) == OPTIMIZER_KINDS
    for spec in OPTIMIZERS:
        settings = OptimizerSettings(kind=spec.kind, **default_knobs(spec.kind))
        assert settings.enabled is spec.enabled
        for knob in spec.knobs:
            assert getattr(settings, knob.name) == knob.default
            assert knob.minimum <= knob.default <= knob.maximum or knob.kind == "bool"


def test_fields_default_to_a_declared_value() -> None:
    """A field's own default is the value one of the rows declares (so a bare row is a real row)."""
    for f in fields(OptimizerSettings):
        if f.name in KNOBS:
            assert f.default is not MISSING
            declared = {k.default for spec in OPTIMIZERS for k in spec.knobs if k.name == f.name}
            assert f.default in declared, f.name
