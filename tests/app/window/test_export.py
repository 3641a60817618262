"""File → Export: images, runs and the animation; failures leave no partial file."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.window.animation import frame_steps
from app.window.controller import Controller
from app.window.export_controller import ExportController
from app.window.main_window import MainWindow


def exporter(window: MainWindow) -> ExportController:
    found = window.findChild(ExportController)
    assert found is not None
    return found


def test_png_exports_are_real_images(
    qtbot: QtBot, tmp_path: Path, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, _ = window_and_controller
    exports = exporter(window)
    for method, name in (
        (exports.export_view_png, "view.png"),
        (exports.export_map_png, "map.png"),
        (exports.export_window_png, "window.png"),
    ):
        with qtbot.waitSignal(exports.exported):
            method(tmp_path / name)
        image = QImage(str(tmp_path / name))
        assert image.width() > 200 and image.height() > 200
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png", "view.png", "window.png"]


def test_runs_as_csv_and_json_match_the_results(
    tmp_path: Path, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    exports = exporter(window)
    exports.export_runs(tmp_path / "runs.json")
    exports.export_runs(tmp_path / "runs.csv")
    records = json.loads((tmp_path / "runs.json").read_text())
    entries = [e for e in controller.results.entries if e.result is not None]
    assert [r["optimizer"] for r in records] == [e.key for e in entries]
    np.testing.assert_array_equal(records[0]["params"], entries[0].result.params)
    rows = list(csv.reader((tmp_path / "runs.csv").read_text().splitlines()))
    assert rows[0] == ["run", "step", "x", "y", "loss", "batch_loss", "grad_x", "grad_y"]
    assert len(rows) == 1 + sum(len(e.result.params) for e in entries)


def test_a_failed_write_says_why_and_leaves_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    window_and_controller: tuple[MainWindow, Controller],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, _ = window_and_controller
    exports = exporter(window)
    window.hide()  # no modal message box in the test: the failure is reported through the signal
    old = tmp_path / "runs.json"
    old.write_text("old content")

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with qtbot.waitSignal(exports.export_failed) as failure:
        exports.export_runs(old)
    assert "the disk is full" in failure.args[0]
    assert old.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["runs.json"]
    with qtbot.waitSignal(exports.export_failed) as failure:
        exports.export_runs(tmp_path / "missing-folder" / "runs.csv")
    assert "cannot write" in failure.args[0]


def test_animation_is_written_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    controller.state.run.steps = 60
    exports = exporter(window)
    target = tmp_path / "run.gif"
    with qtbot.waitSignal(exports.exported, timeout=60_000):
        exports.export_animation(target)
    with Image.open(target) as gif:
        assert gif.n_frames == len(frame_steps(60, 100)) == 61
    assert [p.name for p in tmp_path.iterdir()] == ["run.gif"]


def test_cancelled_animation_leaves_no_file(
    qtbot: QtBot, tmp_path: Path, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, _controller = window_and_controller
    exports = exporter(window)
    exports.export_animation(tmp_path / "run.gif")
    exports.cancel()  # as if Cancel was pressed in the progress dialog
    qtbot.waitUntil(exports.is_idle, timeout=30_000)
    assert list(tmp_path.iterdir()) == []
    assert window.statusBar().currentMessage() == "Export cancelled"


def test_frame_steps_cover_first_and_last() -> None:
    assert frame_steps(10, 100) == list(range(11))
    steps = frame_steps(1000, 50)
    assert steps[0] == 0 and steps[-1] == 1000 and len(steps) == 50
