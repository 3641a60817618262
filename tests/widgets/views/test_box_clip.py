"""Paths are cut where they leave the 3D box, with the ✕ there (issue 11, item 6)."""

from __future__ import annotations

import numpy as np
from pytestqt.qtbot import QtBot

from widgets.common.view_data import RunPath, SurfaceGrid
from widgets.gl.box_clip import clip_to_box
from widgets.gl.surface_mesh import SCENE_HALF, SCENE_HEIGHT
from widgets.views.surface_view import PATH_LIFT, SurfaceView


def test_clip_keeps_a_path_inside_and_cuts_at_the_wall() -> None:
    inside = np.array([[0.0, 0.0, 0.1], [0.5, 0.0, 0.2]])
    kept, left = clip_to_box(inside)
    assert not left and np.array_equal(kept, inside)
    leaving = np.array([[0.0, 0.0, 0.1], [0.5, 0.0, 0.1], [1.5, 0.0, 0.1], [9.0, 0.0, 0.1]])
    kept, left = clip_to_box(leaving)
    assert left
    np.testing.assert_allclose(kept, [[0.0, 0.0, 0.1], [0.5, 0.0, 0.1], [1.0, 0.0, 0.1]])
    upward = np.array([[0.0, 0.0, 0.5], [0.0, 0.0, 5.0]])
    kept, left = clip_to_box(upward, high=1.0)
    assert left
    np.testing.assert_allclose(kept[-1], [0.0, 0.0, 1.0])
    exploded = np.array([[0.0, 0.0, 0.5], [np.nan, np.inf, 0.5]])
    kept, left = clip_to_box(exploded)
    assert left and np.isfinite(kept).all() and len(kept) == 2


def test_a_diverging_run_stops_at_the_box_with_its_cross(qtbot: QtBot) -> None:
    view = SurfaceView()
    qtbot.addWidget(view)
    view.resize(600, 450)
    view.show()
    qtbot.waitExposed(view)
    xs = np.linspace(-2.0, 2.0, 41)
    ys = np.linspace(-2.0, 2.0, 41)
    gx, gy = np.meshgrid(xs, ys)
    view.set_surface(SurfaceGrid(xs, ys, gx**2 - gy**2, "x", "y", "loss"))
    # escapes along y while its loss falls far below the surface's lowest value
    t = np.arange(40, dtype=np.float64)
    xy = np.column_stack([np.zeros_like(t), 0.01 * 1.3**t])
    loss = -(xy[:, 1] ** 2)
    view.set_runs([RunPath("sgd", "SGD", "#ff00ff", xy, loss, False)])
    view.set_step(40)
    run = view.path_items[0]
    drawn = run.line.pos
    eps = 1e-5
    assert np.all(np.abs(drawn[:, :2]) <= SCENE_HALF + eps)
    assert np.all((drawn[:, 2] >= -eps) & (drawn[:, 2] <= SCENE_HEIGHT + PATH_LIFT + eps))
    assert len(drawn) < 40
    assert run.cross.visible()
    np.testing.assert_allclose(run.cross.pos, drawn[-1])
    last = drawn[-1]
    on_wall = (
        np.isclose(np.abs(last[:2]), SCENE_HALF, atol=1e-4).any()
        or np.isclose(last[2], [0.0, SCENE_HEIGHT + PATH_LIFT], atol=1e-4).any()
    )
    assert on_wall, last
    view.set_step(3)
    assert not run.cross.visible()
