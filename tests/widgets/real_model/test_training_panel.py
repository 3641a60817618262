"""TrainingPanel: setters never emit, each control reports its own signal, busy switches the buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.real_model.views import optimizer_row
from widgets.real_model.training_panel import TrainingPanel


@pytest.fixture
def panel(qtbot: QtBot) -> TrainingPanel:
    widget = TrainingPanel()
    qtbot.addWidget(widget)
    widget.set_optimizer_choices(
        [optimizer_row("sgd", "torch.optim.SGD"), optimizer_row("adam", "torch.optim.Adam")]
    )
    widget.resize(340, 700)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def test_setters_never_emit(qtbot: QtBot, panel: TrainingPanel) -> None:
    signals = [
        panel.model_changed,
        panel.optimizer_toggled,
        panel.lr_changed,
        panel.batch_size_changed,
        panel.epochs_changed,
        panel.seed_changed,
        panel.ema_beta_changed,
        panel.resolution_changed,
        panel.directions_changed,
        panel.eval_samples_changed,
    ]
    emitted: list[tuple[object, ...]] = []

    def record(*args: object) -> None:
        emitted.append(args)

    for signal in signals:
        signal.connect(record)
    panel.set_model("mlp")
    panel.set_optimizers(["adam"])
    panel.set_lr(0.003)
    panel.set_batch_size(32)
    panel.set_epochs(7)
    panel.set_seed(4)
    panel.set_ema_beta(0.95)
    panel.set_resolution(41)
    panel.set_directions("random")
    panel.set_eval_samples(500)
    panel.set_parameter_count(6570)
    assert emitted == []
    assert panel.model_combo.currentData() == "mlp"
    assert not panel.optimizer_boxes["sgd"].isChecked() and panel.optimizer_boxes["adam"].isChecked()
    assert panel.lr_slider.value() == pytest.approx(0.003)
    assert (panel.batch_spin.value(), panel.epochs_spin.value(), panel.seed_spin.value()) == (32, 7, 4)
    assert (panel.resolution_spin.value(), panel.samples_spin.value()) == (41, 500)
    assert panel.directions_combo.currentData() == "random"
    assert panel.parameters_label.text() == "6,570 parameters"


def test_user_actions_are_reported(qtbot: QtBot, panel: TrainingPanel) -> None:
    box = panel.optimizer_boxes["adam"]
    with qtbot.waitSignal(panel.optimizer_toggled) as toggled:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert toggled.args == ["adam", True]
    with qtbot.waitSignal(panel.model_changed) as model:
        panel.model_combo.setCurrentIndex(1)
    assert model.args == ["mlp"]
    with qtbot.waitSignal(panel.directions_changed) as directions:
        panel.directions_combo.setCurrentIndex(1)
    assert directions.args == ["random"]
    with qtbot.waitSignal(panel.epochs_changed) as epochs:
        panel.epochs_spin.setValue(9)
    assert epochs.args == [9]
    with qtbot.waitSignal(panel.dataset_requested) as dataset:
        qtbot.mouseClick(panel.cifar_button, Qt.MouseButton.LeftButton)
    assert dataset.args == ["cifar10"]
    with qtbot.waitSignal(panel.train_requested):
        qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)


def test_busy_switches_train_and_cancel(qtbot: QtBot, panel: TrainingPanel) -> None:
    assert panel.train_button.isEnabled() and not panel.cancel_button.isEnabled()
    panel.set_busy(True)
    assert not panel.train_button.isEnabled() and panel.cancel_button.isEnabled()
    assert not panel.mnist_button.isEnabled()
    with qtbot.waitSignal(panel.cancel_requested):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    panel.set_progress(0.25, "Training SGD (1 of 2)…")
    assert panel.progress_bar.isVisible() and panel.progress_bar.value() == 250
    assert panel.status_label.text() == "Training SGD (1 of 2)…"
    panel.set_progress(-1, "Reading…")
    assert panel.progress_bar.maximum() == 0  # busy, length unknown
    panel.set_progress(None, "Done.")
    assert not panel.progress_bar.isVisible()
    panel.set_message("bad file")
    assert panel.message_label.isVisible() and panel.message_label.text() == "bad file"


def test_each_optimizer_row_has_its_own_knobs(qtbot: QtBot, panel: TrainingPanel) -> None:
    row = panel.optimizer_rows["adam"]
    assert {"beta1", "beta2", "amsgrad"} <= set(row.knobs)
    assert set(panel.optimizer_rows["sgd"].knobs) == {"weight_decay"}
    with qtbot.waitSignal(panel.optimizer_knob_changed) as blocker:
        row.knobs["beta1"].setValue(0.8)
    assert blocker.args == ["adam", "beta1", 0.8]
