"""DataControlsPanel both ways: setters show values silently; user actions emit; a bad split warns."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from widgets.controls.data_controls import DataControlsPanel
from widgets.controls.message_label import WARNING_COLOR

SIGNALS = ("dataset_chosen", "load_csv_requested", "reduction_changed", "split_changed", "shuffle_changed")
DATASETS = [("linear", "Linear (course)"), ("sine", "Noisy sine"), ("csv", "data.csv")]
SPLIT_WARNING = "the three fractions must add up to 1"


@pytest.fixture
def panel(qtbot: QtBot) -> DataControlsPanel:
    widget = DataControlsPanel()
    qtbot.addWidget(widget)
    widget.resize(380, 260)
    with qtbot.waitExposed(widget):
        widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    widget.set_datasets(DATASETS, "linear")
    widget.set_split((0.7, 0.15, 0.15))
    return widget


@contextmanager
def nothing_emitted(qtbot: QtBot, panel: DataControlsPanel) -> Iterator[None]:
    with ExitStack() as stack:
        for name in SIGNALS:
            stack.enter_context(qtbot.assertNotEmitted(getattr(panel, name)))
        yield


def type_into(qtbot: QtBot, box: QWidget, text: str) -> None:
    box.setFocus()
    box.lineEdit().selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def is_warning(label: QWidget) -> bool:
    return label.palette().color(QPalette.ColorRole.WindowText).name() == QColor(WARNING_COLOR).name()


# ------------------------------------------------------------------------ setters
def test_setters_show_values_and_emit_nothing(qtbot: QtBot, panel: DataControlsPanel) -> None:
    with nothing_emitted(qtbot, panel):
        panel.set_datasets(DATASETS, "sine")
        panel.set_reduction("sum")
        panel.set_split((0.6, 0.2, 0.2))
        panel.set_shuffle(True)
        panel.set_message("could not read data.csv")
    combo = panel.dataset_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [title for _, title in DATASETS]
    assert combo.currentText() == "Noisy sine" and combo.currentData() == "sine"
    assert panel.reduction_combo.currentData() == "sum"
    assert panel.split() == (0.6, 0.2, 0.2)
    assert panel.shuffle_box.isChecked()
    assert panel.message_label.isVisible() and is_warning(panel.message_label)
    assert panel.message_label.text() == "could not read data.csv"

    with nothing_emitted(qtbot, panel):
        panel.set_reduction("mean")
        panel.set_shuffle(False)
        panel.set_message("")
    assert panel.reduction_combo.currentData() == "mean"
    assert not panel.shuffle_box.isChecked()
    assert not panel.message_label.isVisible()


def test_unknown_reduction_is_an_error(panel: DataControlsPanel) -> None:
    with pytest.raises(ValueError):
        panel.set_reduction("median")


def test_fraction_boxes_span_zero_to_one_in_steps_of_005(panel: DataControlsPanel) -> None:
    for spin in panel.split_spins:
        assert (spin.minimum(), spin.maximum(), spin.singleStep()) == (0.0, 1.0, 0.05)


# ------------------------------------------------------------------------ user actions
def test_choosing_a_dataset(qtbot: QtBot, panel: DataControlsPanel) -> None:
    panel.set_message("could not read data.csv")
    panel.dataset_combo.setFocus()
    with qtbot.waitSignal(panel.dataset_chosen) as blocker:
        qtbot.keyClick(panel.dataset_combo, Qt.Key.Key_Down)
    assert blocker.args == ["sine"]
    assert not panel.message_label.isVisible()


def test_load_csv_only_asks(qtbot: QtBot, panel: DataControlsPanel) -> None:
    with qtbot.waitSignal(panel.load_csv_requested) as blocker:
        click(qtbot, panel.load_button)
    assert blocker.args == []


def test_choosing_a_reduction(qtbot: QtBot, panel: DataControlsPanel) -> None:
    panel.reduction_combo.setFocus()
    with qtbot.waitSignal(panel.reduction_changed) as blocker:
        qtbot.keyClick(panel.reduction_combo, Qt.Key.Key_Down)
    assert blocker.args == ["sum"]
    with qtbot.waitSignal(panel.reduction_changed) as blocker:
        qtbot.keyClick(panel.reduction_combo, Qt.Key.Key_Up)
    assert blocker.args == ["mean"]


def test_toggling_shuffle(qtbot: QtBot, panel: DataControlsPanel) -> None:
    box = panel.shuffle_box
    with qtbot.waitSignal(panel.shuffle_changed) as blocker:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert blocker.args == [True]
    with qtbot.waitSignal(panel.shuffle_changed) as blocker:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert blocker.args == [False]


def test_a_split_that_adds_up_is_applied(qtbot: QtBot, panel: DataControlsPanel) -> None:
    panel.set_message("could not read data.csv")
    with qtbot.waitSignal(panel.split_changed) as blocker:
        click(qtbot, panel.apply_button)
    assert blocker.args == [(0.7, 0.15, 0.15)]
    assert not panel.split_message_label.isVisible()
    assert not panel.message_label.isVisible()


def test_a_split_that_does_not_add_up_warns(qtbot: QtBot, panel: DataControlsPanel) -> None:
    train, val, test = panel.split_spins
    with qtbot.assertNotEmitted(panel.split_changed):
        type_into(qtbot, train, "0.8")  # Enter applies: 0.8 + 0.15 + 0.15
        assert panel.split_message_label.isVisible()
        assert panel.split_message_label.text() == SPLIT_WARNING
        assert is_warning(panel.split_message_label)
        click(qtbot, panel.apply_button)
        type_into(qtbot, val, "0.1")
    assert panel.split_message_label.isVisible()
    with qtbot.waitSignal(panel.split_changed) as blocker:
        type_into(qtbot, test, "0.1")
    assert blocker.args == [(0.8, 0.1, 0.1)]
    assert not panel.split_message_label.isVisible()


def test_set_split_clears_the_split_warning(qtbot: QtBot, panel: DataControlsPanel) -> None:
    panel.split_spins[0].setValue(0.9)
    with qtbot.assertNotEmitted(panel.split_changed):
        click(qtbot, panel.apply_button)
    assert panel.split_message_label.isVisible()
    panel.set_split((0.8, 0.1, 0.1))
    assert not panel.split_message_label.isVisible()


def test_every_control_has_a_tooltip(panel: DataControlsPanel) -> None:
    controls = [
        panel.dataset_combo,
        panel.load_button,
        panel.reduction_combo,
        *panel.split_spins,
        panel.apply_button,
        panel.shuffle_box,
    ]
    assert all(control.toolTip() for control in controls)
    assert "DataLoader(shuffle=True)" in panel.shuffle_box.toolTip()
