"""Train / validation / test accuracy of every optimizer, and what the model's parameters are."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

RIGHT_ALIGNED_COLUMNS = (2, 3, 4, 5)  # epochs and the three accuracies
NOTE_FONT_PX = 12


@dataclass(frozen=True)
class AccuracyRow:
    """One trained optimizer. Accuracies are fractions in [0, 1] (NaN: that split is empty).

    ``current`` rows belong to the latest training; earlier ones are kept for comparison (greyed).
    """

    key: str
    label: str
    color: str
    dataset: str
    model: str
    epochs: int
    train: float
    val: float
    test: float
    current: bool = True


def format_accuracy(value: float) -> str:
    return "—" if not math.isfinite(value) else f"{100.0 * value:.1f} %"


class AccuracyTablePanel(QWidget):
    """A read-only table (one row per run) over a note on the model's parameters. Setters only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 6, self)
        headers = [
            (
                self.tr("Optimizer"),
                self.tr("Each optimizer starts from the same initial weights."),
            ),
            (self.tr("Data · model"), self.tr("The images and the model trained on them.")),
            (self.tr("Epochs"), self.tr("Passes over the training images.")),
            (self.tr("Train"), self.tr("Accuracy on the images it learned from.")),
            (self.tr("Val"), self.tr("Accuracy on the validation images (never trained on).")),
            (self.tr("Test"), self.tr("Accuracy on the test images (never trained on).")),
        ]
        for column, (text, tip) in enumerate(headers):
            header_item = QTableWidgetItem(text)
            header_item.setToolTip(tip)
            self.table.setHorizontalHeaderItem(column, header_item)
        self.table.setToolTip(
            self.tr(
                "Share of images classified correctly after the last epoch. Training accuracy far above "
                "validation and test means the model memorises; greyed rows are earlier trainings."
            )
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.parameters_label = QLabel(self)
        self.parameters_label.setWordWrap(True)
        self.parameters_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.parameters_label.setToolTip(
            self.tr("Every nn.Linear(in, out) learns an out×in weight matrix and out biases.")
        )
        self.chance_label = QLabel(self)
        self.chance_label.setWordWrap(True)
        for label in (self.parameters_label, self.chance_label):
            font = QFont(label.font())
            font.setPixelSize(NOTE_FONT_PX)
            label.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.parameters_label)
        layout.addWidget(self.chance_label)
        self.set_classes(10)

    # ----------------------------------------------------------------- setters (never emit)
    def set_rows(self, rows: Sequence[AccuracyRow]) -> None:
        self.table.setRowCount(len(rows))
        faded = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for r, row in enumerate(rows):
            cells = [
                row.label,
                f"{row.dataset} · {row.model}",
                str(row.epochs),
                format_accuracy(row.train),
                format_accuracy(row.val),
                format_accuracy(row.test),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in RIGHT_ALIGNED_COLUMNS:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 0:
                    item.setData(Qt.ItemDataRole.DecorationRole, QColor(row.color))
                if not row.current:
                    item.setForeground(faded)
                    item.setToolTip(self.tr("An earlier training, kept for comparison."))
                self.table.setItem(r, c, item)

    def set_parameters(self, title: str, layers: Sequence[tuple[int, int]]) -> None:
        """Describe a stack of nn.Linear(in, out) layers (``title`` names the model)."""
        lines = [self._layer_text(n_in, n_out) for n_in, n_out in layers]
        total = sum(n_out * n_in + n_out for n_in, n_out in layers)
        if len(layers) > 1:
            lines.append(
                self.tr("{title}: {total} parameters in {count} layers").format(
                    title=title, total=f"{total:,}", count=len(layers)
                )
            )
        self.parameters_label.setText("\n".join(lines))

    def set_classes(self, count: int) -> None:
        self.chance_label.setText(
            self.tr("Guessing at random is right {chance} of the time ({count} classes).").format(
                chance=format_accuracy(1.0 / max(count, 1)), count=count
            )
        )

    def _layer_text(self, n_in: int, n_out: int) -> str:
        weights = n_in * n_out
        return self.tr(
            "nn.Linear({n_in}, {n_out}): {total} parameters "
            "(a {n_out}×{n_in} weight matrix = {weights} weights + {n_out} biases)"
        ).format(n_in=n_in, n_out=n_out, total=f"{weights + n_out:,}", weights=f"{weights:,}")
