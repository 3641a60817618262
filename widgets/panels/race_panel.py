"""The race: a sortable table of the runs — steps to a loss tolerance, final loss, distance to the nearest
minimum and the step where a run diverged — with the tolerance as a setting above it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from widgets.controls.sci_spin_box import ScientificSpinBoxWidget

MISSING = "—"
TOLERANCE_RANGE = (1e-12, 1e6)
KEY_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class RaceLine(NamedTuple):
    """One run's row; None shows as "—" and sorts after every number."""

    key: str
    label: str
    color: str
    steps_to_tolerance: int | None
    final_loss: float | None
    distance_to_minimum: float | None
    diverged_at: int | None


class _SortedItem(QTableWidgetItem):
    """A cell that sorts by the number it stands for (missing values last), not by its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return float(self.data(SORT_ROLE)) < float(other.data(SORT_ROLE))


def _cell(value: float | int | None, text: str) -> _SortedItem:
    item = _SortedItem(MISSING if value is None else text)
    item.setData(SORT_ROLE, math.inf if value is None or not math.isfinite(value) else float(value))
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class RacePanel(QWidget):
    """``set_lines`` fills the table (keeping the user's sort); editing the tolerance emits
    ``tolerance_changed``; clicking a row emits ``run_selected(key)``. Setters never emit."""

    tolerance_changed = Signal(float)
    run_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tolerance_box = ScientificSpinBoxWidget(*TOLERANCE_RANGE, decades_per_step=1.0, parent=self)
        self.tolerance_box.setValue(1e-3)
        self.tolerance_box.setToolTip(self.tr("A run has arrived when its full loss is at most this value."))
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Run"),
                self.tr("Steps to tolerance"),
                self.tr("Final loss"),
                self.tr("Distance to minimum"),
                self.tr("Diverged at step"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setToolTip(
            self.tr(
                "Click a column header to sort; the distance is to the nearest minimum found (— if none)."
            )
        )

        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        top.addWidget(QLabel(self.tr("Loss tolerance"), self))
        top.addWidget(self.tolerance_box)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self.tolerance_box.valueChanged.connect(self._on_tolerance_box_value_changed)
        self.table.itemClicked.connect(self._on_table_item_clicked)

    # ----------------------------------------------------------------- setters (never emit)
    def set_tolerance(self, tolerance: float) -> None:
        with QSignalBlocker(self.tolerance_box):
            self.tolerance_box.setValue(tolerance)

    def set_lines(self, lines: Sequence[RaceLine]) -> None:
        """One row per run; the table stays sorted by the column the user chose."""
        with QSignalBlocker(self.table):
            self.table.setSortingEnabled(False)
            self.table.setRowCount(len(lines))
            for row, line in enumerate(lines):
                name = QTableWidgetItem(line.label)
                name.setData(KEY_ROLE, line.key)
                name.setForeground(QColor(line.color))
                self.table.setItem(row, 0, name)
                self.table.setItem(row, 1, _cell(line.steps_to_tolerance, f"{line.steps_to_tolerance}"))
                self.table.setItem(
                    row,
                    2,
                    _cell(line.final_loss, f"{line.final_loss:.4g}" if line.final_loss is not None else ""),
                )
                distance = line.distance_to_minimum
                self.table.setItem(row, 3, _cell(distance, f"{distance:.3g}" if distance is not None else ""))
                self.table.setItem(row, 4, _cell(line.diverged_at, f"{line.diverged_at}"))
            self.table.setSortingEnabled(True)

    def texts(self) -> list[list[str]]:
        """The table's cells row by row as shown (sorted); for tests and screenshots."""
        return [
            [self._item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None
        return item

    # ----------------------------------------------------------------- user actions
    def _on_tolerance_box_value_changed(self, value: float) -> None:
        self.tolerance_changed.emit(float(value))

    def _on_table_item_clicked(self, item: QTableWidgetItem) -> None:
        key = self._item(item.row(), 0).data(KEY_ROLE)
        self.run_selected.emit(str(key))
