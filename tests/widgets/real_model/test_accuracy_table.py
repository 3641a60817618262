"""AccuracyTablePanel: accuracies as percentages, earlier rows greyed, what the parameters are."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from widgets.real_model.accuracy_table import AccuracyRow, AccuracyTablePanel


@pytest.fixture
def table(qtbot: QtBot) -> AccuracyTablePanel:
    panel = AccuracyTablePanel()
    qtbot.addWidget(panel)
    panel.resize(520, 260)
    return panel


def texts(panel: AccuracyTablePanel, row: int) -> list[str]:
    return [panel.table.item(row, c).text() for c in range(panel.table.columnCount())]


def test_rows_show_the_accuracies_as_percentages(table: AccuracyTablePanel) -> None:
    table.set_rows(
        [
            AccuracyRow("sgd", "SGD", "#ff9f1c", "digits", "softmax", 5, 0.93, 0.915, 0.9107),
            AccuracyRow("adam", "Adam", "#ffd60a", "digits", "softmax", 5, 0.983, math.nan, 0.952),
            AccuracyRow("adam", "Adam", "#ffd60a", "CIFAR-10", "MLP", 3, 0.45, 0.41, 0.405, current=False),
        ]
    )
    assert table.table.rowCount() == 3
    assert texts(table, 0) == ["SGD", "digits · softmax", "5", "93.0 %", "91.5 %", "91.1 %"]
    assert texts(table, 1)[3:] == ["98.3 %", "—", "95.2 %"]  # an empty split has no accuracy
    assert texts(table, 2)[1] == "CIFAR-10 · MLP" and texts(table, 2)[5] == "40.5 %"
    swatch = table.table.item(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert QColor(swatch).name() == "#ff9f1c"
    current = table.table.item(0, 3).foreground().color()
    earlier = table.table.item(2, 3).foreground().color()
    assert earlier != current  # earlier trainings are greyed
    table.set_rows([])
    assert table.table.rowCount() == 0


def test_softmax_parameters_are_spelled_out(table: AccuracyTablePanel) -> None:
    table.set_parameters("softmax", [(64, 10)])
    assert table.parameters_label.text() == (
        "nn.Linear(64, 10): 650 parameters (a 10×64 weight matrix = 640 weights + 10 biases)"
    )


def test_mlp_parameters_have_one_line_per_layer_and_a_total(table: AccuracyTablePanel) -> None:
    table.set_parameters("MLP", [(3072, 64), (64, 32), (32, 10)])
    lines = table.parameters_label.text().split("\n")
    assert lines[0] == (
        "nn.Linear(3072, 64): 196,672 parameters (a 64×3072 weight matrix = 196,608 weights + 64 biases)"
    )
    assert lines[1].startswith("nn.Linear(64, 32): 2,080 parameters")
    assert lines[-1] == "MLP: 199,082 parameters in 3 layers"


def test_chance_level_follows_the_class_count(table: AccuracyTablePanel) -> None:
    assert "10.0 %" in table.chance_label.text()
    table.set_classes(4)
    assert "25.0 %" in table.chance_label.text() and "4 classes" in table.chance_label.text()
