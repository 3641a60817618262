"""One optimizer in the controls panel: enabled box, colour swatch, name and collapsible knobs."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QWidget,
)
from superqt import QCollapsible

from widgets.controls.optimizer_knobs import KnobSpec, OptimizerSpec
from widgets.controls.sci_spin_box import ScientificSpinBoxWidget
from widgets.controls.swatch import make_swatch

KnobWidget = QDoubleSpinBox | QCheckBox
COLLAPSED_ICON = "▸"
EXPANDED_ICON = "▾"


def _form(parent: QWidget) -> QFormLayout:
    form = QFormLayout(parent)
    form.setContentsMargins(0, 0, 0, 0)
    form.setVerticalSpacing(2)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _tighten(collapsible: QCollapsible) -> None:
    """No margins around a collapsible and a short animation: the rows stay compact."""
    collapsible.setDuration(150)
    layout = collapsible.layout()
    assert layout is not None
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)


class OptimizerRowWidget(QWidget):
    """Shows one optimizer kind; reports edits as ``optimizer_changed(kind, knob, value)``.

    ``knob`` is "enabled" or a knob name of ``spec`` ("momentum", "beta1", "amsgrad", ...).
    The knobs sit in a collapsible under the name, with rarely used ones (weight decay, eps)
    in a nested "advanced" collapsible; knobs of a disabled optimizer are greyed.
    """

    optimizer_changed = Signal(str, str, object)

    def __init__(self, spec: OptimizerSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = spec.kind
        self.knobs: dict[str, KnobWidget] = {}

        self.enabled_box = QCheckBox(self)
        self.enabled_box.setToolTip(self.tr("Run this optimizer: draw its path and plot its loss."))
        self.enabled_box.setAccessibleName(self.tr(spec.label))
        self.swatch = make_swatch(spec.color, self)
        self.swatch.setToolTip(self.tr("Colour of this optimizer's path and loss curve."))

        self.collapsible = QCollapsible(
            self.tr(spec.label), self, expandedIcon=EXPANDED_ICON, collapsedIcon=COLLAPSED_ICON
        )
        _tighten(self.collapsible)
        self.collapsible.toggleButton().setToolTip(self.tr(spec.tooltip))

        main_specs = [k for k in spec.knobs if not k.advanced]
        advanced_specs = [k for k in spec.knobs if k.advanced]
        self.main_knobs = QWidget(self)
        self._add_knobs(_form(self.main_knobs), main_specs)
        self.main_knobs.setVisible(bool(main_specs))
        self.collapsible.addWidget(self.main_knobs)

        self.advanced = QCollapsible(
            self.tr("advanced"), self, expandedIcon=EXPANDED_ICON, collapsedIcon=COLLAPSED_ICON
        )
        _tighten(self.advanced)
        self.advanced.toggleButton().setToolTip(self.tr("Show the rarely changed settings."))
        self.advanced_knobs = QWidget(self)
        self._add_knobs(_form(self.advanced_knobs), advanced_specs)
        self.advanced.addWidget(self.advanced_knobs)
        self.advanced.setVisible(bool(advanced_specs))
        self.collapsible.addWidget(self.advanced)

        # Box and swatch sit in a strip as tall as the collapsible's title, so all three line up.
        lead = QWidget(self)
        lead.setFixedHeight(self.collapsible.toggleButton().sizeHint().height())
        lead_layout = QHBoxLayout(lead)
        lead_layout.setContentsMargins(0, 0, 0, 0)
        lead_layout.setSpacing(4)
        lead_layout.addWidget(self.enabled_box)
        lead_layout.addWidget(self.swatch)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(lead, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.collapsible, 1)

        self.enabled_box.toggled.connect(self._on_enabled_box_toggled)
        self._show_enabled(False)

    # ----------------------------------------------------------------- setters (never emit)
    def set_values(self, values: Mapping[str, object]) -> None:
        """Show any subset of {"enabled", knob names}; raises KeyError for an unknown knob."""
        for name, value in values.items():
            if name == "enabled":
                with QSignalBlocker(self.enabled_box):
                    self.enabled_box.setChecked(bool(value))
                self._show_enabled(bool(value))
                continue
            widget = self.knobs.get(name)
            if widget is None:
                raise KeyError(f"{self.kind!r} has no knob {name!r}")
            with QSignalBlocker(widget):
                if isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                else:
                    widget.setValue(float(value))  # type: ignore[arg-type]

    def values(self) -> dict[str, object]:
        """What the row shows, keyed like ``set_values``."""
        shown: dict[str, object] = {"enabled": self.enabled_box.isChecked()}
        for name, widget in self.knobs.items():
            shown[name] = widget.isChecked() if isinstance(widget, QCheckBox) else widget.value()
        return shown

    # ----------------------------------------------------------------- building
    def _add_knobs(self, form: QFormLayout, specs: list[KnobSpec]) -> None:
        for spec in specs:
            widget = self._make_knob(spec)
            widget.setObjectName(spec.name)
            widget.setToolTip(self.tr(spec.tooltip))
            self.knobs[spec.name] = widget
            if isinstance(widget, QCheckBox):
                form.addRow(widget)
            else:
                form.addRow(self.tr(spec.label), widget)

    def _make_knob(self, spec: KnobSpec) -> KnobWidget:
        if spec.kind == "bool":
            box = QCheckBox(self.tr(spec.label), self)
            box.setChecked(bool(spec.default))
            box.toggled.connect(self._on_knob_toggled)
            return box
        spin: QDoubleSpinBox
        if spec.kind == "log":
            spin = ScientificSpinBoxWidget(spec.minimum, spec.maximum, parent=self)
        else:
            spin = QDoubleSpinBox(self)
            spin.setDecimals(spec.decimals)
            spin.setRange(spec.minimum, spec.maximum)
            spin.setSingleStep(spec.step)
            spin.setKeyboardTracking(False)
        spin.setValue(float(spec.default))
        spin.valueChanged.connect(self._on_knob_value_changed)
        return spin

    def _show_enabled(self, enabled: bool) -> None:
        self.main_knobs.setEnabled(enabled)
        self.advanced_knobs.setEnabled(enabled)

    # ----------------------------------------------------------------- user actions
    def _on_enabled_box_toggled(self, checked: bool) -> None:
        self._show_enabled(checked)
        self.optimizer_changed.emit(self.kind, "enabled", checked)

    def _on_knob_value_changed(self, value: float) -> None:
        self.optimizer_changed.emit(self.kind, self.sender().objectName(), float(value))

    def _on_knob_toggled(self, checked: bool) -> None:
        self.optimizer_changed.emit(self.kind, self.sender().objectName(), checked)
