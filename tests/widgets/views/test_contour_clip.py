"""A diverged path on the map: cut at the domain with its ✕ there; the map keeps the domain's range."""

from __future__ import annotations

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from widgets.common.view_data import RunPath, SurfaceGrid
from widgets.views.contour_view import ContourView


def bowl() -> SurfaceGrid:
    xs = np.linspace(-2.0, 2.0, 40)
    ys = np.linspace(-1.0, 3.0, 30)
    gx, gy = np.meshgrid(xs, ys)
    return SurfaceGrid(xs, ys, gx**2 + (gy - 1.0) ** 2, "w", "b", "MSE")


@pytest.fixture
def view(qtbot: QtBot) -> ContourView:
    v = ContourView()
    qtbot.addWidget(v)
    v.resize(500, 500)
    v.show()
    qtbot.waitExposed(v)
    v.set_surface(bowl())
    return v


def diverging() -> RunPath:
    x = np.array([0.5, -0.9, 1.5, -2.5, 6.0, -40.0, 900.0])  # the 4th point leaves x >= -2
    xy = np.column_stack([x, np.full(len(x), 1.0)])
    return RunPath("gd", "GD", "#ff2d2d", xy, xy[:, 0] ** 2, True)


def test_diverged_path_is_cut_at_the_domain_and_the_map_does_not_zoom_out(
    view: ContourView, qtbot: QtBot
) -> None:
    before = view.plot_item.getViewBox().viewRange()
    view.set_runs([diverging()])
    view.set_step(1000)
    view.grab()  # a synchronous paint: the view box applies any pending auto-range first
    path = view.path_items[0]
    xs, ys = path.line.getData()
    assert xs.tolist() == pytest.approx([0.5, -0.9, 1.5, -2.0])  # cut where it crosses x = -2
    assert ys.tolist() == pytest.approx([1.0, 1.0, 1.0, 1.0])
    cross = path.cross.data["x"], path.cross.data["y"]
    assert path.cross.isVisible() and (cross[0][0], cross[1][0]) == pytest.approx((-2.0, 1.0))
    after = view.plot_item.getViewBox().viewRange()
    assert np.allclose(after, before)
    x_range, y_range = after
    assert x_range[0] > -4.0 and x_range[1] < 4.0 and y_range[0] > -3.0 and y_range[1] < 5.0


def test_paths_given_before_the_surface_are_cut_at_it(qtbot: QtBot) -> None:
    view = ContourView()
    qtbot.addWidget(view)
    view.set_runs([diverging()])  # the window may deliver the runs first
    view.set_step(1000)
    view.set_surface(bowl())
    xs, _ = view.path_items[0].line.getData()
    assert xs.tolist() == pytest.approx([0.5, -0.9, 1.5, -2.0])
