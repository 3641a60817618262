"""Every path and play head shows whatever the camera, even at the bottom of a deep pit (issue 11, item 5)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from widgets.common.view_data import RunPath, SurfaceGrid
from widgets.views.surface_view import SurfaceView

COLORS = ("#ff00ff", "#ff7f00", "#00ffff")  # no viridis shade, no text colour


def crater(n: int = 61) -> SurfaceGrid:
    """A flat floor in a ring of steep walls: seen from 30° up, the near wall hides the floor."""
    xs = ys = np.linspace(-1.0, 1.0, n)
    gx, gy = np.meshgrid(xs, ys)
    r = np.hypot(gx, gy)
    return SurfaceGrid(xs, ys, np.where((r > 0.35) & (r < 0.6), 10.0, 0.0), "x", "y", "loss")


def floor_runs() -> list[RunPath]:
    runs = []
    for i, color in enumerate(COLORS):
        t = np.linspace(0.0, 2 * np.pi, 60)
        radius = 0.05 + 0.07 * i
        xy = np.column_stack([radius * np.cos(t), radius * np.sin(t)])
        runs.append(RunPath(f"r{i}", f"run {i}", color, xy, np.zeros(len(t)), False))
    return runs


def rgb_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), np.uint8, count=image.bytesPerLine() * height)
    return data.reshape(height, image.bytesPerLine())[:, : 3 * width].reshape(height, width, 3).astype(int)


def shows_color(rgb: np.ndarray, x: float, y: float, color: str, tolerance: int = 40) -> bool:
    """Whether a pixel within 3 px of (x, y) has ``color``."""
    c = QColor(color)
    target = np.array([c.red(), c.green(), c.blue()])
    box = rgb[max(round(y) - 3, 0) : round(y) + 4, max(round(x) - 3, 0) : round(x) + 4]
    return bool((np.abs(box - target).max(axis=2) <= tolerance).any())


@pytest.mark.parametrize("orbit", [0.0, 90.0])
def test_every_path_shows_from_the_camera(qtbot: QtBot, orbit: float) -> None:
    view = SurfaceView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.set_surface(crater())
    view.set_runs(floor_runs())
    view.set_step(30)  # half of every path drawn, play heads on the floor
    view.gl_view.orbit(orbit, 0.0)
    image = view.grab_image()
    rgb = rgb_array(image)
    ratio = image.width() / view.gl_view.width()  # device pixels per widget pixel
    for run, color in zip(view.path_items, COLORS, strict=True):
        drawn = run.line.pos[:-3]  # the path behind the play head (a marker drawn over it anyway)
        px = view.gl_view.project(drawn.astype(np.float64)) * ratio
        head = view.gl_view.project(run.head.pos.astype(np.float64))[0] * ratio
        # under its own lit (shaded, so not flat-coloured) ball the path is covered by design
        px = px[np.hypot(*(px - head).T) > 8 * ratio]
        missing = [i for i, (x, y) in enumerate(px) if not shows_color(rgb, x, y, color)]
        assert len(missing) <= len(drawn) // 10, (color, missing)
    heads = view.gl_view.project(np.array([run.head.pos[0] for run in view.path_items], np.float64)) * ratio
    for (x, y), color in zip(heads, COLORS, strict=True):
        assert shows_color(rgb, x, y, color)


def test_the_scene_buttons_stay_off_the_colour_bar(qtbot: QtBot) -> None:
    view = SurfaceView()
    qtbot.addWidget(view)
    view.resize(700, 450)
    view.show()
    qtbot.waitExposed(view)
    view.set_surface(crater())
    buttons = view.scene_buttons.geometry()
    assert buttons.right() < view.gl_view.geometry().right()
    assert not buttons.intersects(view.legend.geometry())
    assert view.scene_buttons.reset_button.geometry().width() >= 26
