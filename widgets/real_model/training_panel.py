"""The "Real model" settings: data, model, optimizers, training and landscape knobs, Train / Cancel."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from widgets.controls.log_slider import LogSliderWidget
from widgets.controls.message_label import MessageLabel
from widgets.controls.optimizer_knobs import OptimizerSpec
from widgets.controls.optimizer_row import OptimizerRowWidget

LR_RANGE = (1e-4, 1.0)
BATCH_SIZE_RANGE = (1, 4096)
EPOCHS_RANGE = (1, 50)
RESOLUTION_RANGE = (11, 81)
EVAL_SAMPLES_RANGE = (100, 10_000)
SEED_MAX = 2**31 - 1


class TrainingPanel(QWidget):
    """Setters show values and never emit; the signals report what the user did.

    ``dataset_requested(kind)`` asks for "digits", "mnist" or "cifar10" (choosing the folder is the
    controller's business). ``optimizer_toggled(name, on)`` uses the names given to
    ``set_optimizer_choices``.
    """

    dataset_requested = Signal(str)
    model_changed = Signal(str)
    optimizer_toggled = Signal(str, bool)
    optimizer_knob_changed = Signal(str, str, object)  # optimizer, knob, value
    lr_changed = Signal(float)
    batch_size_changed = Signal(int)
    epochs_changed = Signal(int)
    seed_changed = Signal(int)
    ema_beta_changed = Signal(float)
    resolution_changed = Signal(int)
    directions_changed = Signal(str)
    eval_samples_changed = Signal(int)
    train_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        body = QWidget(self)
        self._body = QVBoxLayout(body)
        self._body.setContentsMargins(6, 6, 6, 6)
        self._body.setSpacing(4)
        self._build_data()
        self._build_model()
        self._build_optimizers()
        self._build_training()
        self._build_landscape()
        self._body.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)

        self.train_button = QPushButton(self.tr("Train"), self)
        self.train_button.setToolTip(
            self.tr("Train every ticked optimizer from the same initial weights, then draw the landscape.")
        )
        self.train_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop the training or the landscape being computed."))
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setToolTip(self.tr("Progress of the training or of the landscape."))
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button, 1)
        buttons.addWidget(self.cancel_button)
        footer = QVBoxLayout()
        footer.setContentsMargins(6, 0, 6, 0)
        footer.addLayout(buttons)
        footer.addWidget(self.progress_bar)
        footer.addWidget(self.status_label)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 4)
        outer.setSpacing(4)
        outer.addWidget(scroll, 1)
        outer.addLayout(footer)

        self.optimizer_boxes: dict[str, QCheckBox] = {}
        self.optimizer_rows: dict[str, OptimizerRowWidget] = {}
        self.train_button.clicked.connect(self._on_train_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.set_busy(False)
        self.set_progress(None, "")

    # ----------------------------------------------------------------- building
    def _heading(self, text: str) -> None:
        label = QLabel(text, self)
        bold = QFont(label.font())
        bold.setBold(True)
        label.setFont(bold)
        self._body.addWidget(label)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(3)
        self._body.addLayout(form)
        return form

    def _spin(self, low: int, high: int, tooltip: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setKeyboardTracking(False)  # one signal on Enter, not one per typed digit
        spin.setToolTip(tooltip)
        return spin

    def _build_data(self) -> None:
        self._heading(self.tr("Data"))
        self.dataset_label = QLabel(self)
        self.dataset_label.setWordWrap(True)
        self.dataset_label.setToolTip(self.tr("The images the model learns from, split 70/15/15."))
        self._body.addWidget(self.dataset_label)
        self.digits_button = QPushButton(self.tr("Digits (built in)"), self)
        self.digits_button.setToolTip(self.tr("scikit-learn's 1,797 digits of 8×8 pixels (built in)."))
        self.mnist_button = QPushButton(self.tr("Load MNIST folder…"), self)
        self.mnist_button.setToolTip(
            self.tr("A folder with MNIST's IDX files (as torchvision downloads them): 28×28 digits.")
        )
        self.cifar_button = QPushButton(self.tr("Load CIFAR-10 folder…"), self)
        self.cifar_button.setToolTip(
            self.tr("A folder with CIFAR-10's binary batches: 32×32 colour photos of 10 kinds of things.")
        )
        buttons = QGridLayout()
        buttons.setSpacing(3)
        buttons.addWidget(self.digits_button, 0, 0, 1, 2)
        buttons.addWidget(self.mnist_button, 1, 0)
        buttons.addWidget(self.cifar_button, 1, 1)
        self._body.addLayout(buttons)
        self.message_label = MessageLabel(self)
        self._body.addWidget(self.message_label)
        self.digits_button.clicked.connect(self._on_digits_button_clicked)
        self.mnist_button.clicked.connect(self._on_mnist_button_clicked)
        self.cifar_button.clicked.connect(self._on_cifar_button_clicked)

    def _build_model(self) -> None:
        form = self._form()
        self.model_combo = QComboBox(self)
        self.model_combo.addItem(self.tr("Softmax regression"), "softmax")
        self.model_combo.addItem(self.tr("MLP (64, 32 hidden)"), "mlp")
        self.model_combo.setToolTip(
            self.tr(
                "Softmax regression: one nn.Linear from the pixels to 10 scores. MLP: two hidden "
                "layers of 64 and 32 ReLU units before the 10 scores."
            )
        )
        self.parameters_label = QLabel(self)
        self.parameters_label.setToolTip(self.tr("Weights and biases the optimizer adjusts."))
        form.addRow(self.tr("Model"), self.model_combo)
        form.addRow("", self.parameters_label)
        self.model_combo.currentIndexChanged.connect(self._on_model_combo_current_index_changed)

    def _build_optimizers(self) -> None:
        self._heading(self.tr("Optimizers"))
        holder = QWidget(self)
        self._optimizer_layout = QVBoxLayout(holder)
        self._optimizer_layout.setContentsMargins(0, 0, 0, 0)
        self._optimizer_layout.setSpacing(2)
        self._body.addWidget(holder)

    def _build_training(self) -> None:
        self._heading(self.tr("Training"))
        form = self._form()
        self.lr_slider = LogSliderWidget(*LR_RANGE, ticks_per_decade=100, parent=self)
        self.lr_slider.setToolTip(self.tr("Learning rate of every optimizer (log scale)."))
        self.batch_spin = self._spin(*BATCH_SIZE_RANGE, self.tr("Images per gradient step (DataLoader)."))
        self.epochs_spin = self._spin(*EPOCHS_RANGE, self.tr("Passes over the training images."))
        self.seed_spin = self._spin(
            0, SEED_MAX, self.tr("Seed of the initial weights, the split, the batches and the directions.")
        )
        form.addRow(self.tr("learning rate"), self.lr_slider)
        form.addRow(self.tr("batch size"), self.batch_spin)
        form.addRow(self.tr("epochs"), self.epochs_spin)
        form.addRow(self.tr("seed"), self.seed_spin)
        self.lr_slider.value_changed.connect(self._on_lr_slider_value_changed)
        self.batch_spin.valueChanged.connect(self._on_batch_spin_value_changed)
        self.epochs_spin.valueChanged.connect(self._on_epochs_spin_value_changed)
        self.seed_spin.valueChanged.connect(self._on_seed_spin_value_changed)

    def _build_landscape(self) -> None:
        self._heading(self.tr("Curves and landscape"))
        form = self._form()
        self.ema_spin = QDoubleSpinBox(self)
        self.ema_spin.setRange(0.0, 0.999)
        self.ema_spin.setDecimals(3)
        self.ema_spin.setSingleStep(0.01)
        self.ema_spin.setKeyboardTracking(False)
        self.ema_spin.setToolTip(self.tr("Smoothing of the bold loss curves: higher β averages more steps."))
        self.resolution_spin = self._spin(
            *RESOLUTION_RANGE, self.tr("Grid points per axis of the landscape (n × n model evaluations).")
        )
        self.directions_combo = QComboBox(self)
        self.directions_combo.addItem(self.tr("PCA of the paths"), "pca")
        self.directions_combo.addItem(self.tr("random (filter-normalized)"), "random")
        self.directions_combo.setToolTip(
            self.tr(
                "The plane through the final weights: the two directions the paths moved along most, "
                "or two random ones scaled like the weights (Li et al. 2018)."
            )
        )
        self.samples_spin = self._spin(
            *EVAL_SAMPLES_RANGE, self.tr("Training images the landscape's loss is averaged over.")
        )
        self.samples_spin.setSingleStep(100)
        self.samples_spin.setSuffix(self.tr(" images"))
        form.addRow(self.tr("EMA β"), self.ema_spin)
        form.addRow(self.tr("resolution"), self.resolution_spin)
        form.addRow(self.tr("directions"), self.directions_combo)
        form.addRow(self.tr("loss over"), self.samples_spin)
        self.ema_spin.valueChanged.connect(self._on_ema_spin_value_changed)
        self.resolution_spin.valueChanged.connect(self._on_resolution_spin_value_changed)
        self.directions_combo.currentIndexChanged.connect(self._on_directions_combo_current_index_changed)
        self.samples_spin.valueChanged.connect(self._on_samples_spin_value_changed)

    # ----------------------------------------------------------------- setters (never emit)
    def set_optimizer_choices(self, choices: Sequence[OptimizerSpec]) -> None:
        """One row per optimizer (its ``kind`` is the name it reports): check box, swatch and its own
        knobs (the same rows as the 2D window's, so momentum, betas, alpha… are set the same way)."""
        for row in self.optimizer_rows.values():
            row.optimizer_changed.disconnect(self._on_optimizer_row_changed)
            row.deleteLater()
        self.optimizer_rows = {}
        self.optimizer_boxes = {}
        for spec in choices:
            name = spec.kind
            row = OptimizerRowWidget(spec, self)
            self._optimizer_layout.addWidget(row)
            row.optimizer_changed.connect(self._on_optimizer_row_changed)
            self.optimizer_rows[name] = row
            self.optimizer_boxes[name] = row.enabled_box

    def set_optimizer_knobs(self, name: str, values: dict[str, object]) -> None:
        """Show an optimizer's knob values (never emits)."""
        row = self.optimizer_rows[name]
        row.set_values({knob: value for knob, value in values.items() if knob in row.knobs})

    def set_optimizers(self, enabled: Collection[str]) -> None:
        for name, row in self.optimizer_rows.items():
            row.set_values({"enabled": name in enabled})

    def set_dataset(self, text: str) -> None:
        self.dataset_label.setText(text)

    def set_message(self, text: str) -> None:
        """A warning under the data buttons (a file that would not load); "" hides it."""
        self.message_label.set_message(text)

    def set_model(self, model: str) -> None:
        with QSignalBlocker(self.model_combo):
            self.model_combo.setCurrentIndex(max(self.model_combo.findData(model), 0))

    def set_parameter_count(self, count: int) -> None:
        self.parameters_label.setText(self.tr("{count} parameters").format(count=f"{count:,}"))

    def set_lr(self, lr: float) -> None:
        self.lr_slider.set_value(lr)

    def set_batch_size(self, size: int) -> None:
        self._set_spin(self.batch_spin, size)

    def set_limits(self, max_epochs: int, resolution: tuple[int, int], max_batch: int) -> None:
        """The app's limits on epochs, landscape resolution and batch size (widgets hold none)."""
        self.epochs_spin.setMaximum(max_epochs)
        self.resolution_spin.setRange(*resolution)
        self.batch_spin.setMaximum(max_batch)

    def set_epochs(self, epochs: int) -> None:
        self._set_spin(self.epochs_spin, epochs)

    def set_seed(self, seed: int) -> None:
        self._set_spin(self.seed_spin, seed)

    def set_ema_beta(self, beta: float) -> None:
        with QSignalBlocker(self.ema_spin):
            self.ema_spin.setValue(beta)

    def set_resolution(self, resolution: int) -> None:
        self._set_spin(self.resolution_spin, resolution)

    def set_directions(self, directions: str) -> None:
        with QSignalBlocker(self.directions_combo):
            self.directions_combo.setCurrentIndex(max(self.directions_combo.findData(directions), 0))

    def set_eval_samples(self, samples: int) -> None:
        self._set_spin(self.samples_spin, samples)

    def set_busy(self, busy: bool) -> None:
        """While work runs: Train and the data buttons are off, Cancel is on."""
        self.train_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        for button in (self.digits_button, self.mnist_button, self.cifar_button):
            button.setEnabled(not busy)

    def set_progress(self, fraction: float | None, text: str) -> None:
        """A fraction in [0, 1], a negative one for "busy, length unknown", or None to hide the bar."""
        self.progress_bar.setVisible(fraction is not None)
        if fraction is not None and fraction < 0:
            self.progress_bar.setRange(0, 0)
        elif fraction is not None:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(round(1000 * min(max(fraction, 0.0), 1.0)))
        self.status_label.setText(text)

    @staticmethod
    def _set_spin(spin: QSpinBox, value: int) -> None:
        with QSignalBlocker(spin):
            spin.setValue(value)

    # ----------------------------------------------------------------- user actions
    def _on_digits_button_clicked(self) -> None:
        self.dataset_requested.emit("digits")

    def _on_mnist_button_clicked(self) -> None:
        self.dataset_requested.emit("mnist")

    def _on_cifar_button_clicked(self) -> None:
        self.dataset_requested.emit("cifar10")

    def _on_model_combo_current_index_changed(self, index: int) -> None:
        self.model_changed.emit(str(self.model_combo.itemData(index)))

    def _on_lr_slider_value_changed(self, lr: float) -> None:
        self.lr_changed.emit(lr)

    def _on_batch_spin_value_changed(self, size: int) -> None:
        self.batch_size_changed.emit(size)

    def _on_epochs_spin_value_changed(self, epochs: int) -> None:
        self.epochs_changed.emit(epochs)

    def _on_seed_spin_value_changed(self, seed: int) -> None:
        self.seed_changed.emit(seed)

    def _on_ema_spin_value_changed(self, beta: float) -> None:
        self.ema_beta_changed.emit(float(beta))

    def _on_resolution_spin_value_changed(self, resolution: int) -> None:
        self.resolution_changed.emit(resolution)

    def _on_directions_combo_current_index_changed(self, index: int) -> None:
        self.directions_changed.emit(str(self.directions_combo.itemData(index)))

    def _on_samples_spin_value_changed(self, samples: int) -> None:
        self.eval_samples_changed.emit(samples)

    def _on_train_button_clicked(self) -> None:
        self.train_requested.emit()

    def _on_cancel_button_clicked(self) -> None:
        self.cancel_requested.emit()

    def _on_optimizer_row_changed(self, name: str, knob: str, value: object) -> None:
        if knob == "enabled":
            self.optimizer_toggled.emit(name, bool(value))
        else:
            self.optimizer_knob_changed.emit(name, knob, value)
