"""The run settings a learner plays with: learning rate, batch size, smoothing, data, optimizers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from superqt import QLabeledDoubleSlider

from widgets.controls.batch_slider import BatchSliderWidget
from widgets.controls.log_slider import LogSliderWidget
from widgets.controls.optimizer_knobs import OptimizerSpec
from widgets.controls.optimizer_row import OptimizerRowWidget
from widgets.controls.schedule_controls import ScheduleWidget

LR_MIN, LR_MAX = 1e-4, 1.0
SEED_MAX = 2**31 - 1


class ControlsPanel(QWidget):
    """Setters show values and never emit; the signals report what the user changed.

    ``batch_size_changed`` sends 0 for the full batch. ``optimizer_changed`` sends
    (kind, knob, value) with knob "enabled" or a knob name such as "momentum" or "amsgrad".
    ``lr_changed`` is the learning rate of every parameter, or of the first one when the rates are
    split; ``lr_y_changed`` sends the second parameter's rate (a float) or None when unsplit.
    """

    lr_changed = Signal(float)
    lr_y_changed = Signal(object)
    batch_size_changed = Signal(int)
    ema_beta_changed = Signal(float)
    steps_changed = Signal(int)
    noise_changed = Signal(float)
    samples_changed = Signal(int)
    seed_changed = Signal(int)
    optimizer_changed = Signal(str, str, object)

    def __init__(self, optimizers: Sequence[OptimizerSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(6, 6, 6, 6)
        body_layout.setSpacing(4)

        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setVerticalSpacing(4)
        body_layout.addLayout(self._form)
        self._build_settings()

        heading = QLabel(self.tr("Optimizers"), body)
        bold = QFont(heading.font())
        bold.setBold(True)
        heading.setFont(bold)
        line = QFrame(body)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        body_layout.addWidget(line)
        body_layout.addWidget(heading)

        self.rows: dict[str, OptimizerRowWidget] = {}
        for spec in optimizers:
            row = OptimizerRowWidget(spec, body)
            row.optimizer_changed.connect(self.optimizer_changed)
            self.rows[spec.kind] = row
            body_layout.addWidget(row)
        body_layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _build_settings(self) -> None:
        self.lr_slider = LogSliderWidget(LR_MIN, LR_MAX, ticks_per_decade=100, parent=self)
        self.lr_slider.setToolTip(
            self.tr("Step size of every optimizer (log scale); drag or type a value and press Enter.")
        )
        self.lr_slider.value_changed.connect(self._on_lr_slider_value_changed)
        self.lr_label = QLabel(self.tr("learning rate"), self)
        self._form.addRow(self.lr_label, self.lr_slider)

        self.split_lr_box = QCheckBox(self.tr("separate learning rates"), self)
        self.split_lr_box.setToolTip(
            self.tr("Give each parameter its own learning rate (two torch param groups).")
        )
        self.split_lr_box.toggled.connect(self._on_split_lr_box_toggled)
        self._form.addRow(self.split_lr_box)

        self.lr_y_slider = LogSliderWidget(LR_MIN, LR_MAX, ticks_per_decade=100, parent=self)
        self.lr_y_slider.setToolTip(
            self.tr("Step size of the second parameter (log scale); drag or type a value and press Enter.")
        )
        self.lr_y_slider.value_changed.connect(self._on_lr_y_slider_value_changed)
        self.lr_y_label = QLabel(self)
        self._form.addRow(self.lr_y_label, self.lr_y_slider)
        self._param_names = ("x", "y")

        self.schedule_widget = ScheduleWidget(self)  # the lr slider sets its base lr
        self._form.addRow(self.schedule_widget)

        self.batch_slider = BatchSliderWidget(parent=self)
        self.batch_slider.setToolTip(
            self.tr("Samples per gradient step: 1 is SGD, the right end uses all data (GD).")
        )
        self.batch_slider.value_changed.connect(self._on_batch_slider_value_changed)
        self._form.addRow(self.tr("batch size"), self.batch_slider)

        self.ema_slider = QLabeledDoubleSlider(Qt.Orientation.Horizontal, self)
        self.ema_slider.setRange(0.0, 0.999)
        self.ema_slider.setDecimals(3)
        self.ema_slider.setSingleStep(0.001)  # type: ignore[arg-type]  # float slider, int stub
        self.ema_slider.setPageStep(0.05)  # type: ignore[arg-type]
        self.ema_slider.setToolTip(
            self.tr("Smoothing of the bold loss curves: higher β averages over more past steps.")
        )
        self.ema_slider.valueChanged.connect(self._on_ema_slider_value_changed)
        self._form.addRow(self.tr("EMA β"), self.ema_slider)

        self.steps_spin = self._int_spin(1, 10_000, 200)
        self.steps_spin.setToolTip(self.tr("How many optimizer steps every run takes."))
        self.steps_spin.valueChanged.connect(self._on_steps_spin_value_changed)
        self._form.addRow(self.tr("steps"), self.steps_spin)

        self.noise_spin = QDoubleSpinBox(self)
        self.noise_spin.setRange(0.0, 10.0)
        self.noise_spin.setSingleStep(0.1)
        self.noise_spin.setDecimals(2)
        self.noise_spin.setKeyboardTracking(False)
        self.noise_spin.setToolTip(
            self.tr("Spread σ of the per-sample gradient noise; 0 makes every batch agree.")
        )
        self.noise_spin.valueChanged.connect(self._on_noise_spin_value_changed)
        self._form.addRow(self.tr("noise σ"), self.noise_spin)

        self.samples_spin = self._int_spin(2, 10_000, 100)
        self.samples_spin.setToolTip(
            self.tr("Number of synthetic samples the surface's loss is averaged over.")
        )
        self.samples_spin.valueChanged.connect(self._on_samples_spin_value_changed)
        self._form.addRow(self.tr("samples"), self.samples_spin)

        self.seed_spin = self._int_spin(0, SEED_MAX, 0)
        self.seed_spin.setToolTip(self.tr("Random seed of the noise and batch order: same seed, same runs."))
        self.seed_spin.valueChanged.connect(self._on_seed_spin_value_changed)
        self._form.addRow(self.tr("seed"), self.seed_spin)

        self.set_lr(1e-2)
        self.set_lr_y(None)
        self.set_ema_beta(0.9)

    def _int_spin(self, minimum: int, maximum: int, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(minimum, maximum)
        spin.setValue(value)
        spin.setKeyboardTracking(False)  # one signal on Enter, not one per typed digit
        return spin

    # ----------------------------------------------------------------- setters (never emit)
    def set_lr(self, lr: float) -> None:
        self.lr_slider.set_value(lr)

    def set_lr_y(self, lr_y: float | None) -> None:
        """The second parameter's own rate, or None when both share ``set_lr``'s rate."""
        with QSignalBlocker(self.split_lr_box):
            self.split_lr_box.setChecked(lr_y is not None)
        if lr_y is not None:
            self.lr_y_slider.set_value(lr_y)
        self._show_lr_split(lr_y is not None)

    def set_param_names(self, first: str, second: str) -> None:
        """Name the two parameters in the split labels, e.g. ("w", "b") gives "lr for w" / "lr for b"."""
        self._param_names = (first, second)
        self._show_lr_split(self.split_lr_box.isChecked())

    def set_batch_size(self, size: int, n_samples: int) -> None:
        """Show ``size`` (0 = full batch) on a slider over 1..n_samples + full."""
        self.batch_slider.set_batch_size(size, n_samples)

    def set_ema_beta(self, beta: float) -> None:
        with QSignalBlocker(self.ema_slider):
            self.ema_slider.setValue(beta)

    def set_limits(self, max_steps: int, max_samples: int, max_seed: int) -> None:
        """The largest steps, samples and seed the app allows (its limits table; widgets hold none)."""
        self.steps_spin.setMaximum(max_steps)
        self.samples_spin.setMaximum(max_samples)
        self.seed_spin.setMaximum(max_seed)

    def set_steps(self, steps: int) -> None:
        with QSignalBlocker(self.steps_spin):
            self.steps_spin.setValue(steps)

    def set_noise(self, sigma: float) -> None:
        with QSignalBlocker(self.noise_spin):
            self.noise_spin.setValue(sigma)

    def set_samples(self, n_samples: int) -> None:
        with QSignalBlocker(self.samples_spin):
            self.samples_spin.setValue(n_samples)

    def set_seed(self, seed: int) -> None:
        with QSignalBlocker(self.seed_spin):
            self.seed_spin.setValue(seed)

    def set_optimizer(self, kind: str, values: Mapping[str, object]) -> None:
        """Show any subset of a kind's knobs, "enabled" included."""
        self.rows[kind].set_values(values)

    def set_noise_controls_visible(self, visible: bool) -> None:
        """Noise σ and sample count only mean something on analytic surfaces."""
        self._form.setRowVisible(self.noise_spin, visible)
        self._form.setRowVisible(self.samples_spin, visible)

    def _show_lr_split(self, split: bool) -> None:
        first, second = self._param_names
        if split:
            self.lr_label.setText(self.tr("lr for {name}").format(name=first))
        else:
            self.lr_label.setText(self.tr("learning rate"))
        self.lr_y_label.setText(self.tr("lr for {name}").format(name=second))
        self._form.setRowVisible(self.lr_y_slider, split)

    # ----------------------------------------------------------------- user actions
    def _on_lr_slider_value_changed(self, lr: float) -> None:
        self.lr_changed.emit(lr)

    def _on_split_lr_box_toggled(self, split: bool) -> None:
        """Splitting starts both rates equal, so nothing changes until one of them is moved."""
        if split:
            self.lr_y_slider.set_value(self.lr_slider.value())
        self._show_lr_split(split)
        self.lr_y_changed.emit(self.lr_y_slider.value() if split else None)

    def _on_lr_y_slider_value_changed(self, lr_y: float) -> None:
        self.lr_y_changed.emit(lr_y)

    def _on_batch_slider_value_changed(self, size: int) -> None:
        self.batch_size_changed.emit(size)

    def _on_ema_slider_value_changed(self, beta: float) -> None:
        self.ema_beta_changed.emit(float(beta))

    def _on_steps_spin_value_changed(self, steps: int) -> None:
        self.steps_changed.emit(steps)

    def _on_noise_spin_value_changed(self, sigma: float) -> None:
        self.noise_changed.emit(float(sigma))

    def _on_samples_spin_value_changed(self, n_samples: int) -> None:
        self.samples_changed.emit(n_samples)

    def _on_seed_spin_value_changed(self, seed: int) -> None:
        self.seed_changed.emit(seed)
