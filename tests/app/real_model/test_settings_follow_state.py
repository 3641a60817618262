"""Every setting of the Real model window follows its state, whoever changes it, without echo.

The fields come from RealModelSettings' declaration: a new field fails here until it has a row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.real_model.controller import RealModelController
from app.real_model.launch import build_real_model_window
from app.real_model.settings import RealModelSettings
from app.real_model.views import DATASET_LABELS
from app.real_model.window import RealModelWindow
from widgets.real_model.training_panel import TrainingPanel

Shown = Callable[[TrainingPanel], object]
FIELDS: dict[str, tuple[object, Shown]] = {
    "dataset": (
        "mnist:/data/mnist-here",
        lambda p: p.dataset_label.text().startswith(DATASET_LABELS["mnist"]),
    ),
    "model": ("mlp", lambda p: p.model_combo.currentData()),
    "epochs": (3, lambda p: p.epochs_spin.value()),
    "batch_size": (32, lambda p: p.batch_spin.value()),
    "lr": (0.01, lambda p: p.lr_slider.value()),
    "optimizers": (("adam",), lambda p: tuple(n for n, box in p.optimizer_boxes.items() if box.isChecked())),
    "knobs": ((("momentum", "momentum", 0.5),), lambda p: p.optimizer_rows["momentum"].values()["momentum"]),
    "ema_beta": (0.5, lambda p: p.ema_spin.value()),
    "resolution": (21, lambda p: p.resolution_spin.value()),
    "directions": ("random", lambda p: p.directions_combo.currentData()),
    "eval_samples": (500, lambda p: p.samples_spin.value()),
    "seed": (3, lambda p: p.seed_spin.value()),
}
SHOWN_AS = {"dataset": True, "knobs": 0.5}  # what the reader returns once the field is shown


@pytest.fixture
def built(qtbot: QtBot) -> Iterator[tuple[RealModelWindow, RealModelController]]:
    window, controller = build_real_model_window(RealModelSettings())
    window.show()
    qtbot.waitExposed(window)
    yield window, controller
    if shiboken6.isValid(window):
        window.close()
    QApplication.processEvents()


def test_every_field_has_a_widget() -> None:
    assert [f.name for f in fields(RealModelSettings)] == list(FIELDS)


def test_each_field_from_code_moves_its_widget_without_echo(
    built: tuple[RealModelWindow, RealModelController],
) -> None:
    window, controller = built
    panel = window.training_panel
    heard: list[str] = []
    names = [n for n, v in vars(TrainingPanel).items() if isinstance(v, Signal)]
    recorders = [_Recorder(heard, name) for name in names]
    for name, recorder in zip(names, recorders, strict=True):
        getattr(panel, name).connect(recorder.hear)
    for name, (value, shown) in FIELDS.items():
        expected = SHOWN_AS.get(name, value)
        assert shown(panel) != expected, name
        setattr(controller.state, name, value)
        assert shown(panel) == expected, name
        assert getattr(controller.state, name) == value, name
    assert heard == []


def test_playback_speed_from_code_moves_the_speed_box(
    built: tuple[RealModelWindow, RealModelController],
) -> None:
    window, controller = built
    controller.playback.speed = 75.0
    assert window.playback_bar.speed_spin.value() == 75


class _Recorder:
    def __init__(self, heard: list[str], name: str) -> None:
        self.heard, self.name = heard, name

    def hear(self, *_args: Any) -> None:
        self.heard.append(self.name)
