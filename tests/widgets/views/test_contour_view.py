"""ContourView both ways: setters -> plot items, and clicks on the map -> start_picked."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from widgets.common.contour_lines import contour_segments
from widgets.common.view_data import RunPath, SurfaceGrid
from widgets.views.contour_view import ContourView

NX, NY = 40, 30


def bowl(nx: int = NX, ny: int = NY) -> SurfaceGrid:
    xs = np.linspace(-2.0, 2.0, nx)
    ys = np.linspace(-1.0, 3.0, ny)
    gx, gy = np.meshgrid(xs, ys)
    return SurfaceGrid(xs, ys, gx**2 + (gy - 1.0) ** 2, "w", "b", "MSE")


def line_run(key: str, start: tuple[float, float], n: int = 50, ended: bool = False) -> RunPath:
    xy = np.linspace(start, (0.0, 1.0), n)
    return RunPath(key, key, "#00e5ff", xy, xy[:, 0] ** 2 + (xy[:, 1] - 1.0) ** 2, ended)


@pytest.fixture
def view(qtbot: QtBot) -> ContourView:
    v = ContourView()
    qtbot.addWidget(v)
    v.resize(700, 600)
    v.show()
    qtbot.waitExposed(v)
    return v


def pixel_of(view: ContourView, x: float, y: float) -> QPoint:
    """The viewport pixel showing data point (x, y)."""
    scene = view.plot_item.getViewBox().mapViewToScene(QPointF(x, y))
    return view.plot_widget.mapFromScene(scene)


def data_at(view: ContourView, pixel: QPoint) -> tuple[float, float]:
    point = view.plot_item.getViewBox().mapSceneToView(view.plot_widget.mapToScene(pixel))
    return point.x(), point.y()


def send_mouse(widget: QWidget, kind: QEvent.Type, pos: QPointF, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def colorbar_labels(view: ContourView) -> list[str]:
    return [label for _, label in view.colorbar.axis._tickLevels[0]]


def test_set_surface_shows_image_contours_and_colorbar(view: ContourView) -> None:
    grid = bowl()
    view.set_surface(grid)
    image = view.image_item.image
    assert image.shape == (NY, NX)
    np.testing.assert_allclose([np.nanmin(image), np.nanmax(image)], [0.0, 1.0])
    labels = colorbar_labels(view)
    assert labels == ["0", "2", "4", "6", "8"]  # round values (z from ~0 to 8), as on the 3D view
    xs, _ = view.contour_item.getData()
    assert len(xs) > 0 and len(xs) % 2 == 0
    assert view.plot_item.getAxis("bottom").labelText == "w"
    assert view.plot_item.getAxis("left").labelText == "b"
    rect = view.image_item.mapRectToParent(view.image_item.boundingRect())
    dx = grid.xs[1] - grid.xs[0]
    assert rect.left() == pytest.approx(grid.xs[0] - dx / 2)
    assert rect.right() == pytest.approx(grid.xs[-1] + dx / 2)


def test_nan_grid_gives_transparent_pixels_and_open_contours(view: ContourView) -> None:
    grid = bowl()
    z = grid.z.copy()
    z[10:20, 5:15] = np.nan
    z[0, 0] = -np.inf
    view.set_surface(SurfaceGrid(grid.xs, grid.ys, z))
    assert np.isnan(view.image_item.image[10:20, 5:15]).all()
    xs, ys = view.contour_item.getData()
    inside = (xs > grid.xs[5]) & (xs < grid.xs[14]) & (ys > grid.ys[10]) & (ys < grid.ys[19])
    assert not inside.any()
    assert not view.grab().isNull()  # renders; filterwarnings=error catches any warning


def test_log_view_gets_log_spaced_contours(view: ContourView) -> None:
    xs = np.r_[0.0, np.geomspace(0.01, 999.0, 400)]  # fine cells where the log curve bends
    ys = np.linspace(0.0, 1.0, 3)
    z = np.tile(xs, (3, 1))  # the loss is x: contour positions are the levels themselves
    view.set_log_height(True)
    view.set_surface(SurfaceGrid(xs, ys, z))
    cx, _ = view.contour_item.getData()
    levels = np.linspace(0.0, 1.0, 14)[1:-1]
    expected = 10 ** (3 * levels) - 1.0
    found = np.unique(np.round(cx, 6))
    np.testing.assert_allclose(found, expected, rtol=0.02)
    view.set_log_height(False)
    cx, _ = view.contour_item.getData()
    np.testing.assert_allclose(np.unique(np.round(cx, 6)), 999.0 * levels, atol=1e-6)


def test_contour_segments_of_a_ramp() -> None:
    xs = np.array([0.0, 1.0, 2.0])
    ys = np.array([0.0, 1.0])
    values = np.array([[0.0, 1.0, 2.0], [0.0, 1.0, 2.0]])
    seg = contour_segments(xs, ys, values, np.array([0.5, 1.5]))
    assert seg.shape == (4, 2)
    np.testing.assert_allclose(sorted(seg[:, 0]), [0.5, 0.5, 1.5, 1.5])
    values[0, 2] = np.nan
    np.testing.assert_allclose(contour_segments(xs, ys, values, np.array([1.5])), np.zeros((0, 2)))


def test_runs_are_drawn_up_to_the_step(view: ContourView) -> None:
    view.set_surface(bowl())
    runs = [line_run("gd", (-1.5, 2.5)), line_run("adam", (1.5, -0.5), ended=True)]
    view.set_runs(runs)
    view.set_step(10)
    for path, run in zip(view.path_items, runs, strict=True):
        x, _ = path.line.getData()
        assert len(x) == 11 and len(path.outline.getData()[0]) == 11
        np.testing.assert_allclose(path.head.getData(), ([run.xy[10, 0]], [run.xy[10, 1]]))
        assert not path.cross.isVisible()
    first = [item for path in view.path_items for item in path.items]
    view.set_runs(runs)
    assert [item for path in view.path_items for item in path.items] == first
    view.set_step(49)
    ok, ended = view.path_items
    assert ended.cross.isVisible() and not ok.cross.isVisible()
    np.testing.assert_allclose(ended.cross.getData(), ([0.0], [1.0]), atol=1e-12)


def test_start_marker(view: ContourView) -> None:
    view.set_start_marker(0.5, 1.5)
    assert view.start_marker_item.isVisible()
    np.testing.assert_allclose(view.start_marker_item.getData(), ([0.5], [1.5]))


def test_click_on_map_emits_its_data_coordinates(view: ContourView, qtbot: QtBot) -> None:
    grid = bowl()
    view.set_surface(grid)
    pixel = pixel_of(view, 0.5, 0.25)
    expected = data_at(view, pixel)
    with qtbot.waitSignal(view.start_picked, timeout=2000) as blocker:
        qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=pixel)
    x, y = blocker.args
    assert x == pytest.approx(expected[0], abs=4e-6) and y == pytest.approx(expected[1], abs=4e-6)
    assert abs(x - 0.5) < 0.02 and abs(y - 0.25) < 0.02  # within a pixel of the aimed point


def test_drag_on_map_does_not_emit(view: ContourView, qtbot: QtBot) -> None:
    view.set_surface(bowl())
    viewport = view.plot_widget.viewport()
    start = QPointF(pixel_of(view, 0.0, 1.0))
    left = Qt.MouseButton.LeftButton
    with qtbot.assertNotEmitted(view.start_picked):
        send_mouse(viewport, QEvent.Type.MouseButtonPress, start, left)
        for dx in (10, 25, 50):
            send_mouse(viewport, QEvent.Type.MouseMove, start + QPointF(dx, dx), left)
        send_mouse(viewport, QEvent.Type.MouseButtonRelease, start + QPointF(50, 50), Qt.MouseButton.NoButton)


def test_right_click_and_clicks_outside_the_domain_do_not_emit(view: ContourView, qtbot: QtBot) -> None:
    view.set_surface(bowl())
    with qtbot.assertNotEmitted(view.start_picked):
        qtbot.mouseClick(
            view.plot_widget.viewport(), Qt.MouseButton.RightButton, pos=pixel_of(view, 0.0, 1.0)
        )
        qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    menu = view.plot_item.getViewBox().menu
    if menu is not None:
        menu.close()


def test_repeated_step_and_same_colours_touch_no_item(
    view: ContourView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rerun restyles nothing when the colours stay, and `set_step` at the drawn step is free."""
    view.set_surface(bowl())
    runs = [line_run("gd", (-1.5, 2.5)), line_run("adam", (1.5, -0.5), ended=True)]
    view.set_runs(runs)
    view.set_step(10)
    calls: list[str] = []

    def counted(item: object, name: str) -> None:
        original = getattr(item, name)

        def call(*args: object, **kwargs: object) -> object:
            calls.append(name)
            return original(*args, **kwargs)

        monkeypatch.setattr(item, name, call)

    for path in view.path_items:
        for item in path.items:
            for name in ("setData", "setPen", "setBrush"):
                counted(item, name)
    view.set_step(10)
    assert calls == []
    view.set_runs(runs)  # the same runs again (a rerun): only the lines and heads are set
    view.set_step(10)
    assert "setPen" not in calls and "setBrush" not in calls
    assert len(view.path_items[0].line.getData()[0]) == 11
