"""The data of a model problem: which dataset, how the loss is reduced, the split and the shuffle."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from widgets.controls.message_label import MessageLabel

NOTE_FONT_PX = 11
SPLIT_TOLERANCE = 1e-9
REDUCTIONS = ("mean", "sum")


class DataControlsPanel(QWidget):
    """Setters show values and never emit; the signals report what the user did.

    ``split_changed`` sends (train, val, test) only when "Apply split" (or Enter in a fraction box)
    finds fractions that add up to 1; otherwise an inline warning is shown and nothing is emitted.
    ``load_csv_requested`` only asks: the app opens the file dialog and reports a failure with
    ``set_message``. A message is cleared by the next user action that emits a value.
    """

    dataset_chosen = Signal(str)
    load_csv_requested = Signal()
    reduction_changed = Signal(str)
    split_changed = Signal(tuple)
    shuffle_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(6, 6, 6, 6)
        form.setVerticalSpacing(4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.dataset_combo = QComboBox(self)
        # Long dataset titles must not widen the dock: the combo elides them instead.
        self.dataset_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.dataset_combo.setMinimumContentsLength(8)
        self.dataset_combo.setToolTip(self.tr("The dataset the model is fitted to."))
        self.dataset_combo.activated.connect(self._on_dataset_combo_activated)
        self.load_button = QPushButton(self.tr("Load CSV…"), self)
        self.load_button.setToolTip(self.tr("Fit the model to samples read from a CSV file of your own."))
        self.load_button.clicked.connect(self._on_load_button_clicked)
        dataset_row = QHBoxLayout()
        dataset_row.addWidget(self.dataset_combo, 1)
        dataset_row.addWidget(self.load_button)
        form.addRow(self.tr("dataset"), dataset_row)
        self.message_label = MessageLabel(self)
        form.addRow(self.message_label)

        self.reduction_combo = QComboBox(self)
        self.reduction_combo.addItem(self.tr("mean"), "mean")
        self.reduction_combo.addItem(self.tr("sum"), "sum")
        self.reduction_combo.setToolTip(
            self.tr("How the per-sample losses are combined into one loss: their mean or their sum.")
        )
        self.reduction_combo.activated.connect(self._on_reduction_combo_activated)
        form.addRow(self.tr("reduction"), self.reduction_combo)
        note = QLabel(
            self.tr("sum multiplies the gradient by the batch size (the course's size_average=False)"), self
        )
        note.setWordWrap(True)
        note_font = QFont(note.font())
        note_font.setPixelSize(NOTE_FONT_PX)
        note_font.setItalic(True)
        note.setFont(note_font)
        form.addRow(note)

        self.split_spins = (
            self._fraction_spin(self.tr("Share of the samples the optimizer trains on.")),
            self._fraction_spin(self.tr("Share held out to watch for overfitting while training.")),
            self._fraction_spin(self.tr("Share kept aside to measure the final model once.")),
        )
        self.apply_button = QPushButton(self.tr("Apply split"), self)
        self.apply_button.setToolTip(
            self.tr("Split the samples into the three fractions (they must add up to 1).")
        )
        self.apply_button.clicked.connect(self._on_apply_button_clicked)
        split_grid = QGridLayout()
        split_grid.setVerticalSpacing(0)
        for column, (title, spin) in enumerate(
            zip((self.tr("train"), self.tr("val"), self.tr("test")), self.split_spins, strict=True)
        ):
            split_grid.addWidget(QLabel(title, self), 0, column, Qt.AlignmentFlag.AlignBottom)
            split_grid.addWidget(spin, 1, column)
        form.addRow(self.tr("split"), split_grid)
        self.split_message_label = MessageLabel(self)
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.split_message_label, 1)
        apply_row.addStretch(0)
        apply_row.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(apply_row)

        self.shuffle_box = QCheckBox(self.tr("shuffle every epoch"), self)
        self.shuffle_box.setToolTip(
            self.tr("Reshuffle the samples every epoch like DataLoader(shuffle=True); off = file order.")
        )
        self.shuffle_box.toggled.connect(self._on_shuffle_box_toggled)
        form.addRow(self.shuffle_box)

    def _fraction_spin(self, tooltip: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(0.0, 1.0)
        spin.setSingleStep(0.05)
        spin.setDecimals(2)
        spin.setKeyboardTracking(False)
        spin.setToolTip(tooltip)
        spin.lineEdit().returnPressed.connect(self._on_split_spin_return_pressed)
        return spin

    # ----------------------------------------------------------------- setters (never emit)
    def set_datasets(self, names: Sequence[tuple[str, str]], current: str) -> None:
        """List the datasets as (key, title) pairs and show ``current`` (a key)."""
        with QSignalBlocker(self.dataset_combo):
            self.dataset_combo.clear()
            for key, title in names:
                self.dataset_combo.addItem(title, key)
            self.dataset_combo.setCurrentIndex(self.dataset_combo.findData(current))

    def set_reduction(self, reduction: str) -> None:
        """Show "mean" or "sum"."""
        if reduction not in REDUCTIONS:
            raise ValueError(f"unknown reduction {reduction!r}")
        with QSignalBlocker(self.reduction_combo):
            self.reduction_combo.setCurrentIndex(self.reduction_combo.findData(reduction))

    def set_split(self, fractions: Sequence[float]) -> None:
        """Show the (train, val, test) fractions and clear any split warning."""
        for spin, value in zip(self.split_spins, fractions, strict=True):
            with QSignalBlocker(spin):
                spin.setValue(value)
        self.split_message_label.set_message("")

    def set_shuffle(self, shuffle: bool) -> None:
        with QSignalBlocker(self.shuffle_box):
            self.shuffle_box.setChecked(shuffle)

    def set_message(self, text: str) -> None:
        """Show a problem with the data (e.g. a CSV that failed to load); "" clears it."""
        self.message_label.set_message(text)

    def split(self) -> tuple[float, float, float]:
        train, val, test = (spin.value() for spin in self.split_spins)
        return (train, val, test)

    # ----------------------------------------------------------------- user actions
    def _on_dataset_combo_activated(self, index: int) -> None:
        self.set_message("")
        self.dataset_chosen.emit(self.dataset_combo.itemData(index))

    def _on_load_button_clicked(self) -> None:
        self.load_csv_requested.emit()

    def _on_reduction_combo_activated(self, index: int) -> None:
        self.set_message("")
        self.reduction_changed.emit(self.reduction_combo.itemData(index))

    def _on_apply_button_clicked(self) -> None:
        self._apply_split()

    def _on_split_spin_return_pressed(self) -> None:
        self._apply_split()

    def _on_shuffle_box_toggled(self, shuffle: bool) -> None:
        self.set_message("")
        self.shuffle_changed.emit(shuffle)

    def _apply_split(self) -> None:
        fractions = self.split()
        if abs(sum(fractions) - 1.0) > SPLIT_TOLERANCE:
            self.split_message_label.set_message(self.tr("the three fractions must add up to 1"))
            return
        self.split_message_label.set_message("")
        self.set_message("")
        self.split_changed.emit(fractions)
