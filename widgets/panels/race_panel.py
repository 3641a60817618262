"""The race: a sortable table of the runs — steps to a loss tolerance, final loss, distance to the nearest
minimum and the step where a run diverged — with the tolerance as a setting above it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QSignalBlocker, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
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


def _cell(value: float | int | None, text: str) -> QStandardItem:
    """A cell showing ``text`` that sorts by the number it stands for (missing values last)."""
    item = QStandardItem(MISSING if value is None else text)
    item.setData(math.inf if value is None or not math.isfinite(value) else float(value), SORT_ROLE)
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
        # A model sorted by a proxy on SORT_ROLE (numbers), not on the text; no Python item subclass,
        # whose wrappers PySide may delete before the view at teardown.
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Run"),
                self.tr("Steps to tolerance"),
                self.tr("Final loss"),
                self.tr("Distance to minimum"),
                self.tr("Diverged at step"),
            ]
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
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
        self.table.clicked.connect(self._on_table_clicked)

    # ----------------------------------------------------------------- setters (never emit)
    def set_tolerance(self, tolerance: float) -> None:
        with QSignalBlocker(self.tolerance_box):
            self.tolerance_box.setValue(tolerance)

    def set_lines(self, lines: Sequence[RaceLine]) -> None:
        """One row per run; the table stays sorted by the column the user chose."""
        self.model.setRowCount(0)
        for line in lines:
            name = QStandardItem(line.label)
            name.setData(line.key, KEY_ROLE)
            name.setData(line.label, SORT_ROLE)
            name.setForeground(QColor(line.color))
            final, distance = line.final_loss, line.distance_to_minimum
            self.model.appendRow(
                [
                    name,
                    _cell(line.steps_to_tolerance, f"{line.steps_to_tolerance}"),
                    _cell(final, f"{final:.4g}" if final is not None else ""),
                    _cell(distance, f"{distance:.3g}" if distance is not None else ""),
                    _cell(line.diverged_at, f"{line.diverged_at}"),
                ]
            )

    def texts(self) -> list[list[str]]:
        """The table's cells row by row as shown (sorted); for tests and screenshots."""
        return [
            [str(self.proxy.index(r, c).data()) for c in range(self.proxy.columnCount())]
            for r in range(self.proxy.rowCount())
        ]

    # ----------------------------------------------------------------- user actions
    def _on_tolerance_box_value_changed(self, value: float) -> None:
        self.tolerance_changed.emit(float(value))

    def _on_table_clicked(self, index: QModelIndex) -> None:
        key = self.proxy.index(index.row(), 0).data(KEY_ROLE)
        self.run_selected.emit(str(key))
