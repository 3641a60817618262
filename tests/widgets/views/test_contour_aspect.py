"""The contour map is drawn to scale: one unit of x as long as one unit of y (issue 11, item 8)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from widgets.common.view_data import SurfaceGrid
from widgets.views.contour_view import ContourView


def pixels_per_unit(view: ContourView) -> tuple[float, float]:
    box = view.plot_item.getViewBox()
    origin = box.mapViewToDevice(QPointF(0.0, 0.0))
    x_one = box.mapViewToDevice(QPointF(1.0, 0.0))
    y_one = box.mapViewToDevice(QPointF(0.0, 1.0))
    return abs(x_one.x() - origin.x()), abs(y_one.y() - origin.y())


@pytest.mark.parametrize("size", [(420, 600), (700, 300), (300, 300)])
def test_a_ravine_looks_wide_at_any_size(qtbot: QtBot, size: tuple[int, int]) -> None:
    view = ContourView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    xs = np.linspace(-2.0, 2.0, 41)
    ys = np.linspace(-1.0, 1.0, 21)
    gx, gy = np.meshgrid(xs, ys)
    view.set_surface(SurfaceGrid(xs, ys, gx**2 + 10 * gy**2, "x", "y", "loss"))
    qtbot.waitUntil(lambda: pixels_per_unit(view)[0] > 0)
    per_x, per_y = pixels_per_unit(view)
    assert per_x == pytest.approx(per_y, rel=0.02)
    shown = view.plot_item.getViewBox().viewRange()
    assert shown[0][0] <= -2.0 and shown[0][1] >= 2.0 and shown[1][0] <= -1.0 and shown[1][1] >= 1.0
