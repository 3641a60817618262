"""ImageGridPanel: a tile per image, wrong guesses framed in red, the run picker reports only the user."""

from __future__ import annotations

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from widgets.real_model.image_grid_panel import TILE_PX, WRONG_COLOR, ImageGridPanel, ImageTile


@pytest.fixture
def panel(qtbot: QtBot) -> ImageGridPanel:
    widget = ImageGridPanel()
    qtbot.addWidget(widget)
    widget.resize(420, 300)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def digit_tiles() -> list[ImageTile]:
    rng = np.random.default_rng(0)
    pictures = [rng.integers(0, 256, (8, 8), dtype=np.uint8) for _ in range(6)]
    guesses = ["1", "7", "3", "3", "0", "9"]
    truths = ["1", "1", "3", "8", "0", "9"]
    return [ImageTile(p, g, t) for p, g, t in zip(pictures, guesses, truths, strict=True)]


def test_wrong_guesses_are_marked_in_red(panel: ImageGridPanel) -> None:
    panel.set_tiles(digit_tiles())
    assert len(panel.tiles) == 6
    wrong = [tile.wrong for tile in panel.tiles]
    assert wrong == [False, True, False, True, False, False]
    for tile in panel.tiles:
        framed = WRONG_COLOR in tile.styleSheet()
        assert framed == tile.wrong
        assert (WRONG_COLOR in tile.caption.styleSheet()) == tile.wrong
    assert panel.tiles[1].caption.text() == "✗ 7" and panel.tiles[1].truth_label.text() == "true: 1"
    assert panel.tiles[0].caption.text() == "✓ 1" and panel.tiles[0].truth_label.text() == "true: 1"
    assert "guessed: 7" in panel.tiles[1].toolTip() and "true: 1" in panel.tiles[1].toolTip()
    assert panel.summary_label.text() == "2 of 6 wrong"
    assert not panel.empty_label.isVisible()
    pixmap = panel.tiles[0].image_label.pixmap()
    assert (pixmap.width(), pixmap.height()) == (TILE_PX, TILE_PX)


def test_colour_pictures_and_fewer_tiles(panel: ImageGridPanel) -> None:
    panel.set_tiles(digit_tiles())
    rgb = np.zeros((32, 32, 3), dtype=np.uint8)
    rgb[..., 0] = 255  # pure red
    panel.set_tiles([ImageTile(rgb, "cat", "cat")])
    assert len(panel.tiles) == 1 and not panel.tiles[0].wrong
    image = panel.tiles[0].image_label.pixmap().toImage()
    assert image.pixelColor(5, 5).red() == 255 and image.pixelColor(5, 5).green() == 0
    panel.set_tiles([])
    assert panel.tiles == [] and panel.summary_label.text() == "" and panel.empty_label.isVisible()


def test_tiles_reflow_to_the_width(qtbot: QtBot, panel: ImageGridPanel) -> None:
    panel.set_tiles(digit_tiles())
    panel.resize(900, 300)
    qtbot.waitUntil(lambda: panel.tiles[5].y() == panel.tiles[0].y())  # one row
    panel.resize(260, 300)
    qtbot.waitUntil(lambda: panel.tiles[5].y() > panel.tiles[0].y())


def test_run_picker_emits_only_for_the_user(qtbot: QtBot, panel: ImageGridPanel) -> None:
    with qtbot.assertNotEmitted(panel.run_chosen):
        panel.set_runs([("sgd", "SGD"), ("adam", "Adam")], "adam")
    assert panel.run_combo.currentText() == "Adam" and panel.run_combo.isEnabled()
    with qtbot.waitSignal(panel.run_chosen) as blocker:
        panel.run_combo.setCurrentIndex(0)
    assert blocker.args == ["sgd"]
    panel.set_runs([("sgd", "SGD")], "sgd")
    assert not panel.run_combo.isEnabled()
