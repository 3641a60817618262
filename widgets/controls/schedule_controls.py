"""The learning-rate schedule under the lr slider: a torch scheduler, its knobs, and when it steps.

The knobs are built from algorithms.schedules.SCHEDULERS (the one declaration of every scheduler's
arguments); arguments with an ``lr_factor`` are shown as a multiple of the lr slider ("× lr").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from algorithms.schedules import INTERVALS, SCHEDULERS, SchedulerArg

CONSTANT = ""


class ScheduleWidget(QWidget):
    """``schedule_changed(name, args, interval)``: scheduler ("" = constant lr), knobs, interval."""

    schedule_changed = Signal(str, object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self.name_combo = QComboBox(self)
        self.name_combo.addItem(self.tr("constant lr"), CONSTANT)
        for name in SCHEDULERS:
            self.name_combo.addItem(name, name)
        self.name_combo.setToolTip(self.tr("A torch.optim.lr_scheduler; the lr slider sets its base lr."))
        self.name_combo.currentIndexChanged.connect(self._on_name_combo_current_index_changed)
        self._form.addRow(self.tr("lr schedule"), self.name_combo)
        self.interval_combo = QComboBox(self)
        self.interval_combo.addItem(self.tr("every step"), INTERVALS[0])
        self.interval_combo.addItem(self.tr("every epoch"), INTERVALS[1])
        self.interval_combo.setToolTip(self.tr("Call scheduler.step() after every optimizer step or epoch."))
        self.interval_combo.currentIndexChanged.connect(self._on_interval_combo_current_index_changed)
        self._form.addRow(self.tr("steps the schedule"), self.interval_combo)
        self.knobs: dict[str, QWidget] = {}
        self._args: dict[str, SchedulerArg] = {}
        self._name = CONSTANT
        self._set_interval_visible(False)

    # ----------------------------------------------------------------- setters (never emit)
    def set_schedule(self, name: str, args: Mapping[str, Any], interval: str) -> None:
        with QSignalBlocker(self.name_combo), QSignalBlocker(self.interval_combo):
            self.name_combo.setCurrentIndex(max(self.name_combo.findData(name), 0))
            self.interval_combo.setCurrentIndex(max(self.interval_combo.findData(interval), 0))
        if list(self._args) != list(args) or name != self._name:
            self._rebuild_knobs(name, args)
        for key, value in args.items():
            self._show_value(key, value)
        self._set_interval_visible(bool(name))

    def name(self) -> str:
        return str(self.name_combo.currentData())

    def values(self) -> dict[str, Any]:
        return {key: self._read(key) for key in self._args}

    # ----------------------------------------------------------------- knobs
    def _rebuild_knobs(self, name: str, args: Mapping[str, Any]) -> None:
        self._name = name
        for widget in self.knobs.values():
            self._form.removeRow(widget)
        self.knobs, self._args = {}, {}
        if not name:
            return
        kind = SCHEDULERS[name]
        for key in args:
            arg = kind.arg(key)
            widget = self._knob(arg)
            self.knobs[key], self._args[key] = widget, arg
            label = f"{key} (× lr)" if arg.lr_factor is not None else key
            self._form.addRow(label, widget)

    def _knob(self, arg: SchedulerArg) -> QWidget:
        widget: QWidget
        if arg.kind == "int":
            spin = QSpinBox(self)
            spin.setRange(int(arg.low), int(min(arg.high, 10**6)))
            spin.valueChanged.connect(self._on_knob_changed)
            widget = spin
        elif arg.kind in ("float", "lr"):
            double = QDoubleSpinBox(self)
            double.setDecimals(6)
            double.setRange(arg.low, arg.high)
            double.setSingleStep(0.01 if arg.high <= 1.0 else 0.1)
            double.valueChanged.connect(self._on_knob_changed)
            widget = double
        elif arg.kind == "bool":
            box = QCheckBox(self)
            box.toggled.connect(self._on_knob_changed)
            widget = box
        elif arg.kind == "choice":
            combo = QComboBox(self)
            combo.addItems(list(arg.choices))
            combo.currentIndexChanged.connect(self._on_knob_changed)
            widget = combo
        else:  # a list of ints, typed as "100, 200"
            line = QLineEdit(self)
            line.editingFinished.connect(self._on_knob_changed)
            widget = line
        widget.setToolTip(self.tr("torch's argument {name}").format(name=arg.name))
        return widget

    def _show_value(self, key: str, value: Any) -> None:
        widget = self.knobs.get(key)
        if widget is None:
            return
        with QSignalBlocker(widget):
            if isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QDoubleSpinBox):
                widget.setValue(float(value))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentText(str(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(", ".join(str(v) for v in value))

    def _read(self, key: str) -> Any:
        widget = self.knobs[key]
        if isinstance(widget, QSpinBox):
            return widget.value()
        if isinstance(widget, QDoubleSpinBox):
            return widget.value()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        assert isinstance(widget, QLineEdit)
        parts = [p.strip() for p in widget.text().replace(";", ",").split(",") if p.strip()]
        return [int(p) for p in parts if p.lstrip("-").isdigit()]

    def _set_interval_visible(self, visible: bool) -> None:
        self._form.setRowVisible(self.interval_combo, visible)

    # ----------------------------------------------------------------- user actions
    def _on_name_combo_current_index_changed(self, _index: int) -> None:
        self.schedule_changed.emit(self.name(), {}, str(self.interval_combo.currentData()))

    def _on_interval_combo_current_index_changed(self, _index: int) -> None:
        self.schedule_changed.emit(self.name(), self.values(), str(self.interval_combo.currentData()))

    def _on_knob_changed(self, *_args: object) -> None:
        self.schedule_changed.emit(self.name(), self.values(), str(self.interval_combo.currentData()))
