"""The optimizer rows are declared once; the state's fields are checked against that declaration."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import get_type_hints

from app.state.app_state import OptimizerSettings
from app.state.optimizer_kinds import KNOBS, OPTIMIZER_KINDS, OPTIMIZERS, Knobs, default_knobs


def test_optimizer_settings_hold_exactly_the_declared_knobs() -> None:
    names = {f.name for f in fields(OptimizerSettings)} - {"kind", "enabled"}
    assert names == set(KNOBS)
    assert set(get_type_hints(Knobs)) == set(KNOBS)


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
