"""The "Real model" window end to end: train on digits, see curves, accuracies, images and the landscape;
cancel cleanly; bad folders change nothing; `gdscope landscape --out FILE.png` draws the window."""

from __future__ import annotations

import gzip
import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from app.cli.main import main
from app.real_model.controller import RealModelController
from app.real_model.launch import RealModelWindows, build_real_model_window
from app.real_model.settings import RealModelSettings
from app.real_model.window import RealModelWindow
from app.state.app_state import AppState

TRAINING_TIMEOUT_MS = 120_000


@pytest.fixture
def window_and_controller(qtbot: QtBot) -> Iterator[tuple[RealModelWindow, RealModelController]]:
    """A small configuration: 2 epochs, an 11×11 landscape over 200 images, SGD and Adam."""
    settings = RealModelSettings(epochs=2, resolution=11, eval_samples=200)
    window, controller = build_real_model_window(settings)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window, controller
    if shiboken6.isValid(window):
        window.close()
    QApplication.processEvents()


def train(qtbot: QtBot, window: RealModelWindow, controller: RealModelController) -> None:
    qtbot.mouseClick(window.training_panel.train_button, Qt.MouseButton.LeftButton)
    assert controller.busy
    qtbot.waitUntil(lambda: not controller.busy, timeout=TRAINING_TIMEOUT_MS)


def curve_points(items: list) -> list[int]:  # type: ignore[type-arg]
    return [int(np.isfinite(item.getData()[1]).sum()) for item in items]


def test_train_softmax_then_mlp_on_digits(
    qtbot: QtBot, window_and_controller: tuple[RealModelWindow, RealModelController]
) -> None:
    window, controller = window_and_controller
    panel = window.training_panel
    assert window.landscape_stack.currentIndex() == 0  # a message until there is a landscape
    assert panel.parameters_label.text() == "650 parameters"

    train(qtbot, window, controller)
    assert controller.training is not None and controller.landscape is not None, panel.message_label.text()
    runs = controller.training.runs
    assert list(runs) == ["sgd", "adam"]

    # Curves: per-step losses (raw + EMA), validation loss and accuracies per epoch (3 values: 0, 1, 2).
    steps = len(runs["sgd"].batch_loss)
    loss_points = curve_points(window.curves_panel.loss_items)
    assert loss_points[:4] == [steps] * 4 and loss_points[4:] == [3, 3]
    assert curve_points(window.curves_panel.accuracy_items) == [3] * 6

    # The table: one row per optimizer, softmax beats 50 % on digits after 2 epochs.
    table = window.accuracy_table.table
    assert table.rowCount() == 2
    assert [table.item(r, 0).text() for r in range(2)] == ["SGD", "Adam"]
    for name, run in runs.items():
        accuracy = run.final_accuracy()
        assert accuracy["test"] > 0.5, (name, accuracy)
    assert table.item(1, 5).text() == f"{100 * runs['adam'].final_accuracy()['test']:.1f} %"
    assert "nn.Linear(64, 10): 650 parameters (a 10×64 weight matrix = 640 weights + 10 biases)" in (
        window.accuracy_table.parameters_label.text()
    )

    # Test images with the first optimizer's guesses, wrong ones marked.
    grid = window.image_grid
    guesses = controller.training.predictions["sgd"]
    truths = controller.training.split.test.labels[controller.training.shown]
    assert len(grid.tiles) == len(guesses) == 24
    assert [tile.wrong for tile in grid.tiles] == (guesses != truths).tolist()

    # The landscape: an 11×11 surface in both views, two paths ending at the play head.
    assert window.landscape_stack.currentIndex() == 1
    assert controller.landscape.grid.shape == (11, 11)
    assert window.surface_view.surface_item.visible()
    assert len(window.surface_view.path_items) == 2 and len(window.contour_view.path_items) == 2
    assert controller.playback.step == steps

    # Play from the start: the head moves, then pause.
    qtbot.mouseClick(window.playback_bar.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.playback.step > 0 and controller.player.is_running())
    qtbot.mouseClick(window.playback_bar.play_button, Qt.MouseButton.LeftButton)
    assert not controller.player.is_running()

    # The EMA β only redraws the curves.
    window.training_panel.ema_spin.setValue(0.5)
    assert controller.state.ema_beta == 0.5 and not controller.busy

    # Now a small MLP for one epoch: the softmax rows stay below, greyed, for comparison.
    panel.model_combo.setCurrentIndex(panel.model_combo.findData("mlp"))
    panel.epochs_spin.setValue(1)
    assert (controller.state.model, controller.state.epochs) == ("mlp", 1)
    assert panel.parameters_label.text() == "6,570 parameters"
    train(qtbot, window, controller)
    assert controller.landscape is not None and controller.training.request.model == "mlp"
    assert table.rowCount() == 4
    assert [table.item(r, 1).text() for r in range(4)] == ["digits · MLP"] * 2 + ["digits · softmax"] * 2
    assert "nn.Linear(64, 64): 4,160 parameters" in window.accuracy_table.parameters_label.text()


def test_cancel_stops_training_and_changes_nothing(
    qtbot: QtBot, window_and_controller: tuple[RealModelWindow, RealModelController]
) -> None:
    window, controller = window_and_controller
    controller.state.batch_size = 1
    controller.state.epochs = 50  # minutes of work: only a cancel ends it in time
    qtbot.mouseClick(window.training_panel.train_button, Qt.MouseButton.LeftButton)
    bar = window.training_panel.progress_bar
    qtbot.waitUntil(lambda: controller.phase == "training" and bar.value() > 0, timeout=30_000)
    assert window.training_panel.cancel_button.isEnabled()
    qtbot.mouseClick(window.training_panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not controller.busy, timeout=10_000)
    assert controller.training is None and controller.landscape is None
    assert not controller.jobs.running and controller.jobs.worker.is_idle()
    assert "cancelled" in window.training_panel.status_label.text()
    assert window.training_panel.train_button.isEnabled()
    assert window.accuracy_table.table.rowCount() == 0


def test_closing_during_training_waits_for_the_worker(
    qtbot: QtBot, window_and_controller: tuple[RealModelWindow, RealModelController]
) -> None:
    window, controller = window_and_controller
    controller.state.batch_size = 1
    controller.state.epochs = 50
    controller.train()
    qtbot.waitUntil(lambda: window.training_panel.progress_bar.value() > 0, timeout=30_000)
    window.close()
    assert controller.jobs.worker.is_idle() and not controller.busy


def _idx(path: Path, array: np.ndarray, magic: int) -> None:
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in array.shape)
    with gzip.open(path, "wb") as stream:
        stream.write(header + array.astype(np.uint8).tobytes())


def test_dataset_folders(
    qtbot: QtBot,
    window_and_controller: tuple[RealModelWindow, RealModelController],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, controller = window_and_controller
    panel = window.training_panel
    chosen = {"folder": str(tmp_path)}

    def choose(*_args: object) -> str:
        return chosen["folder"]

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)

    # A folder without MNIST: the loader's message, and the settings unchanged.
    qtbot.mouseClick(panel.mnist_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not controller.busy, timeout=10_000)
    assert controller.state.dataset == "digits"
    assert panel.message_label.isVisible() and "train-images-idx3-ubyte" in panel.message_label.text()

    # A tiny MNIST folder: read on the worker, then chosen.
    rng = np.random.default_rng(0)
    for prefix, n in (("train", 50), ("t10k", 10)):
        _idx(tmp_path / f"{prefix}-images-idx3-ubyte.gz", rng.integers(0, 256, (n, 28, 28)), 2051)
        _idx(tmp_path / f"{prefix}-labels-idx1-ubyte.gz", rng.integers(0, 10, n), 2049)
    qtbot.mouseClick(panel.mnist_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not controller.busy, timeout=10_000)
    assert controller.state.dataset == f"mnist:{tmp_path}"
    assert not panel.message_label.isVisible()
    assert panel.dataset_label.text().startswith("MNIST: 60 images of 28×28 pixels")
    assert panel.parameters_label.text() == "7,850 parameters"  # nn.Linear(784, 10)

    qtbot.mouseClick(panel.digits_button, Qt.MouseButton.LeftButton)
    assert controller.state.dataset == "digits"


def test_open_real_model_window_returns_the_shown_window(qtbot: QtBot) -> None:
    parent = AppState()
    parent.run.seed = 7
    windows = RealModelWindows()
    window = windows.open(parent)
    try:
        assert isinstance(window, RealModelWindow) and window.isVisible()
        controller = window.findChild(RealModelController)
        assert controller is not None and controller.state.seed == 7
        assert windows.open(None) is window  # one window: raised, not duplicated
    finally:
        windows.close_all()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))  # closed windows are deleted


def test_landscape_png_needs_a_display(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    out = tmp_path / "window.png"
    code = main(["landscape", "--dataset", "digits", "--model", "softmax", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "needs an X display" in err and "xvfb-run" in err
    assert not out.exists()


def test_landscape_png_draws_the_window(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "window.png"
    code = main(
        [
            "landscape",
            *("--dataset", "digits", "--model", "softmax", "--epochs", "1", "--lr", "0.05"),
            *("--resolution", "7", "--size", "1366x768", "--out", str(out)),
        ]
    )
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "") and str(out) in captured.out
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert [p.name for p in tmp_path.iterdir()] == ["window.png"]


def test_optimizer_knobs_reach_torch_optim() -> None:
    from app.real_model.tasks import configured

    knobs = (
        ("adam", "beta1", 0.8),
        ("adam", "amsgrad", True),
        ("momentum", "momentum", 0.5),
        ("sgd", "weight_decay", 0.1),
    )
    adam = configured("adam", 0.01, knobs)
    assert adam.betas == (0.8, 0.999) and adam.amsgrad and adam.lr == 0.01
    assert configured("momentum", 0.1, knobs).momentum == 0.5
    assert configured("sgd", 0.1, knobs).resolved_weight_decay == 0.1
    assert configured("rmsprop", 0.1, knobs).alpha == 0.99  # untouched: torch's default
    with pytest.raises(ValueError, match="Nesterov"):
        configured("nesterov", 0.1, (("nesterov", "momentum", 0.0),))
