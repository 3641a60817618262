"""SurfaceView both ways: setters -> GL items, and clicks on the surface -> start_picked."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from widgets.common.view_data import RunPath, SurfaceGrid
from widgets.gl.surface_mesh import SCENE_HEIGHT, PlaneTransform
from widgets.views.picking_gl_view import PickingGLViewWidget
from widgets.views.ray_pick import pick_height_field
from widgets.views.surface_view import SurfaceView

NX, NY = 30, 20


def bowl(nx: int = NX, ny: int = NY) -> SurfaceGrid:
    xs = np.linspace(-2.0, 2.0, nx)
    ys = np.linspace(-1.0, 3.0, ny)
    gx, gy = np.meshgrid(xs, ys)
    return SurfaceGrid(xs, ys, gx**2 + (gy - 1.0) ** 2, "w", "b", "MSE")


def line_run(key: str, start: tuple[float, float], n: int = 50, ended: bool = False) -> RunPath:
    xy = np.linspace(start, (0.0, 1.0), n)
    return RunPath(key, key, "#ff2d2d", xy, xy[:, 0] ** 2 + (xy[:, 1] - 1.0) ** 2, ended)


@pytest.fixture
def view(qtbot: QtBot) -> SurfaceView:
    v = SurfaceView()
    qtbot.addWidget(v)
    v.resize(800, 600)
    v.show()
    qtbot.waitExposed(v)
    return v


def send_mouse(widget: PickingGLViewWidget, kind: QEvent.Type, pos: QPointF, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.LeftButton
    if kind == QEvent.Type.MouseMove:
        button = Qt.MouseButton.NoButton
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_set_surface_fills_mesh_and_legend(view: SurfaceView) -> None:
    grid = bowl()
    view.set_surface(grid)
    md = view.surface_item.opts["meshdata"]
    assert md.vertexes().shape == (NX * NY, 3)
    assert md.vertexColors().shape == (NX * NY, 4)
    assert md.faces().shape == (2 * (NX - 1) * (NY - 1), 3)
    assert view.surface_item.visible()
    # z from 0 to 8 (x² + (b - 1)² on [-2, 2] × [-1, 3]): round ticks, not the ends
    assert view.legend.tick_texts == ["0", "2", "4", "6", "8"]
    assert view.legend.title_label.text() == "MSE"
    axes_text = [item.text for item in (view.axes.x_label, view.axes.y_label, view.axes.z_label)]
    assert axes_text == ["w", "b", "MSE"]
    assert [item.text for item in view.axes.shown_x_ticks] == ["-2", "-1", "0", "1", "2"]
    assert [item.text for item in view.axes.shown_z_ticks] == ["0", "2", "4", "6", "8"]


def test_colours_are_shaded_not_just_height(view: SurfaceView) -> None:
    view.set_surface(bowl(nx=31, ny=21))
    colors = view.surface_item.opts["meshdata"].vertexColors().reshape(21, 31, 4)
    # (x=-1.6, b=1) and (x=+1.6, b=1) have equal heights but face opposite ways.
    left, right = colors[10, 3, :3], colors[10, 27, :3]
    assert not np.allclose(left, right, atol=0.02)
    assert np.allclose(colors[..., 3], 1.0)


def test_same_shape_reuses_items_and_vertex_buffer(view: SurfaceView) -> None:
    view.set_surface(bowl())
    item, md = view.surface_item, view.surface_item.opts["meshdata"]
    vertices = md.vertexes()
    grid = bowl()
    view.set_surface(SurfaceGrid(grid.xs, grid.ys, grid.z * 2.0 + 1.0))
    assert view.surface_item is item and item.opts["meshdata"] is md
    assert np.shares_memory(md.vertexes(), vertices)
    assert view.legend.tick_texts == ["2.5", "5", "7.5", "10", "12.5", "15"]  # z from 1 to 17
    view.set_surface(bowl(nx=12, ny=9))
    assert view.surface_item is item
    assert md.vertexes().shape == (12 * 9, 3)


def test_nan_cells_are_holes_without_warnings(view: SurfaceView, qtbot: QtBot) -> None:
    grid = bowl()
    z = grid.z.copy()
    z[5:9, 10:15] = np.nan
    z[0, 0] = np.inf
    view.set_surface(SurfaceGrid(grid.xs, grid.ys, z))
    md = view.surface_item.opts["meshdata"]
    bad = np.flatnonzero(~np.isfinite(z.ravel()))
    faces = md.faces()
    assert not np.isin(faces, bad).any()
    assert len(faces) < 2 * (NX - 1) * (NY - 1)
    assert np.isfinite(md.vertexes()).all() and np.isfinite(md.vertexColors()).all()
    view.set_wireframe(True)
    assert np.isfinite(view.wireframe_item.pos).all()
    assert not view.grab_image().isNull()  # renders; filterwarnings=error catches any warning

    view.set_surface(SurfaceGrid(grid.xs, grid.ys, np.full_like(z, np.nan)))
    assert not view.surface_item.visible()


def test_runs_are_drawn_up_to_the_step(view: SurfaceView) -> None:
    grid = bowl()
    view.set_surface(grid)
    runs = [line_run("gd", (-1.5, 2.5)), line_run("adam", (1.5, -0.5))]
    view.set_runs(runs)
    view.set_step(10)
    plane = PlaneTransform.fit(grid.xs, grid.ys)
    assert len(view.path_items) == 2
    for path, run in zip(view.path_items, runs, strict=True):
        assert path.line.pos.shape == (11, 3) and path.outline.pos.shape == (11, 3)
        sx, sy = plane.to_scene(run.xy[10, 0], run.xy[10, 1])
        np.testing.assert_allclose(path.head.pos[0, :2], [sx, sy], atol=1e-6)
        surface_z = view.height_transform(np.array([run.loss[10]]))[0]
        assert path.head.pos[0, 2] > surface_z  # lifted above the surface
        assert not path.cross.visible()
    view.set_step(1000)
    assert view.path_items[0].line.pos.shape == (50, 3)


def test_ended_run_shows_cross_at_its_last_point(view: SurfaceView) -> None:
    view.set_surface(bowl())
    view.set_runs([line_run("gd", (-1.5, 2.5)), line_run("sgd", (1.0, 0.0), n=20, ended=True)])
    view.set_step(10)
    assert not view.path_items[1].cross.visible()
    view.set_step(60)
    ok, ended = view.path_items
    assert not ok.cross.visible()
    assert ended.cross.visible() and ended.cross_outline.visible()
    np.testing.assert_allclose(ended.cross.pos, ended.points[-1])


def test_same_run_count_reuses_path_items(view: SurfaceView) -> None:
    view.set_surface(bowl())
    view.set_runs([line_run("a", (-1.0, 2.0)), line_run("b", (1.0, 0.0))])
    first = [item for path in view.path_items for item in path.items]
    view.set_runs([line_run("a", (-1.5, 2.0)), line_run("b", (1.5, 0.0))])
    assert [item for path in view.path_items for item in path.items] == first
    view.set_runs([line_run("a", (-1.5, 2.0))])
    assert len(view.path_items) == 1
    assert all(item.view() is None for item in first[len(view.path_items[0].items) :])


def test_runs_given_before_the_surface_appear_with_it(view: SurfaceView) -> None:
    view.set_runs([line_run("a", (-1.0, 2.0))])
    view.set_step(5)
    view.set_surface(bowl())
    assert view.path_items[0].line.pos.shape == (6, 3)
    assert view.path_items[0].line.visible()


def test_log_height_changes_heights_not_legend_ends(view: SurfaceView) -> None:
    grid = bowl()
    view.set_surface(grid)
    linear = view.surface_item.opts["meshdata"].vertexes()[:, 2].copy()
    view.set_log_height(True)
    logged = view.surface_item.opts["meshdata"].vertexes()[:, 2]
    assert not np.allclose(linear, logged)
    assert logged.max() == pytest.approx(SCENE_HEIGHT)
    assert view.legend.tick_texts == ["0", "0.5", "1", "5"]  # log height, 0..8: 0, the decade 1, then 5 ×


def test_wireframe_toggle(view: SurfaceView) -> None:
    view.set_surface(bowl())
    assert not view.wireframe_item.visible()
    view.set_wireframe(True)
    assert view.wireframe_item.visible()
    assert view.wireframe_item.pos.shape == (2 * (NY * (NX - 1) + NX * (NY - 1)), 3)
    view.set_wireframe(False)
    assert not view.wireframe_item.visible()


def test_start_marker_and_step_text_and_camera(view: SurfaceView) -> None:
    grid = bowl()
    view.set_start_marker(1.0, 2.0)
    assert not view.start_marker_item.visible()
    view.set_surface(grid)
    assert view.start_marker_item.visible()
    sx, sy = PlaneTransform.fit(grid.xs, grid.ys).to_scene(1.0, 2.0)
    np.testing.assert_allclose(view.start_marker_item.pos[0, :2], [sx, sy], atol=1e-6)
    view.set_step_text("step 37 / 200")
    assert view.step_label.text() == "step 37 / 200" and view.step_label.isVisible()
    view.gl_view.orbit(40, 10)
    view.reset_camera()
    assert view.gl_view.opts["elevation"] == 30 and view.gl_view.opts["azimuth"] == -60


def test_click_on_surface_emits_the_point_under_the_cursor(view: SurfaceView, qtbot: QtBot) -> None:
    grid = bowl()
    view.set_surface(grid)
    j, i = 6, 21  # a vertex in the front half of the bowl
    vertex = view.surface_item.opts["meshdata"].vertexes()[j * NX + i]
    px, py = view.gl_view.project(vertex[None, :])[0]
    cell = max(grid.xs[1] - grid.xs[0], grid.ys[1] - grid.ys[0])
    with qtbot.waitSignal(view.start_picked, timeout=2000) as blocker:
        qtbot.mouseClick(view.gl_view, Qt.MouseButton.LeftButton, pos=QPoint(round(px), round(py)))
    x, y = blocker.args
    assert abs(x - grid.xs[i]) < cell and abs(y - grid.ys[j]) < cell


def test_drag_orbits_and_does_not_pick(view: SurfaceView, qtbot: QtBot) -> None:
    view.set_surface(bowl())
    gl_view = view.gl_view
    azimuth = gl_view.opts["azimuth"]
    start = QPointF(400, 300)
    left = Qt.MouseButton.LeftButton
    with qtbot.assertNotEmitted(view.start_picked):
        send_mouse(gl_view, QEvent.Type.MouseButtonPress, start, left)
        for dx in (10, 20, 40):
            send_mouse(gl_view, QEvent.Type.MouseMove, start + QPointF(dx, 0), left)
        send_mouse(gl_view, QEvent.Type.MouseButtonRelease, start + QPointF(40, 0), Qt.MouseButton.NoButton)
    assert gl_view.opts["azimuth"] != azimuth


def test_click_off_the_surface_emits_nothing(view: SurfaceView, qtbot: QtBot) -> None:
    view.set_surface(bowl())
    with qtbot.assertNotEmitted(view.start_picked):
        qtbot.mouseClick(view.gl_view, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_ray_pick_hits_a_flat_plane() -> None:
    sx = np.linspace(-1.0, 1.0, 11)
    sy = np.linspace(-1.0, 1.0, 11)
    heights = np.full((11, 11), 0.5)
    heights[0, 0] = np.nan
    down = np.array([0.0, 0.0, -1.0])
    hit = pick_height_field(np.array([0.3, -0.2, 5.0]), down, sx, sy, heights)
    assert hit is not None
    np.testing.assert_allclose(hit, (0.3, -0.2), atol=1e-9)
    assert pick_height_field(np.array([3.0, 0.0, 5.0]), down, sx, sy, heights) is None


def test_grab_image_of_a_bowl_is_not_blank(view: SurfaceView, qtbot: QtBot) -> None:
    view.set_surface(bowl(nx=60, ny=60))
    image = view.grab_image()
    assert image.width() > 100 and image.height() > 100
    colors = {image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    assert len(colors) > 100


def test_run_legend_has_one_entry_per_run(view: SurfaceView) -> None:
    legend = view.run_legend
    assert not legend.isVisible()
    gd = line_run("gd", (-1.5, 2.5))
    adam = RunPath("adam", "Adam (lr 0.1)", "#ffd60a", gd.xy, gd.loss)
    view.set_runs([gd, adam])
    assert legend.isVisible()
    assert legend.labels == ["gd", "Adam (lr 0.1)"] and legend.colors == ["#ff2d2d", "#ffd60a"]
    area = view.gl_view.geometry()
    assert area.contains(legend.geometry()) and legend.geometry().bottom() > area.center().y()
    view.set_runs([adam])
    assert legend.labels == ["Adam (lr 0.1)"]
    view.set_runs([])
    assert not legend.isVisible()


def test_reset_button_resets_the_camera(view: SurfaceView, qtbot: QtBot) -> None:
    opts = view.gl_view.opts
    defaults = (opts["distance"], opts["elevation"], opts["azimuth"])
    view.gl_view.setCameraPosition(distance=9.0, elevation=70.0, azimuth=10.0)
    button = view.scene_buttons.reset_button
    assert button.isVisible() and button.toolTip() == "Reset the camera (R)"
    assert view.gl_view.geometry().contains(button.mapTo(view, button.rect().center()))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert (opts["distance"], opts["elevation"], opts["azimuth"]) == defaults


def test_log_button_reports_clicks_and_follows_the_setter(view: SurfaceView, qtbot: QtBot) -> None:
    button = view.scene_buttons.log_button
    assert button.isCheckable() and not button.isChecked()
    with qtbot.waitSignal(view.log_height_toggled, timeout=1000) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True]
    view.set_log_height(True)
    with qtbot.assertNotEmitted(view.log_height_toggled):
        view.set_log_height(False)
        assert not button.isChecked()
        view.set_log_height(True)
        assert button.isChecked()


def rgba_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).copy()


def test_cached_surface_layer_draws_the_same_pixels(view: SurfaceView) -> None:
    """The surface, wireframe and axes lines come from a framebuffer drawn once per change."""
    view.set_surface(bowl(nx=60, ny=50))
    view.set_wireframe(True)
    view.set_runs([line_run("a", (-1.5, 2.5)), line_run("b", (1.5, -0.5), n=30, ended=True)])
    view.set_start_marker(1.0, 2.0)
    gl_view = view.gl_view

    def both() -> tuple[np.ndarray, np.ndarray]:
        cached = rgba_array(view.grab_image())
        gl_view.layer_cache_enabled = False
        drawn = rgba_array(view.grab_image())
        gl_view.layer_cache_enabled = True
        return cached, drawn

    for change in (
        lambda: view.set_step(40),
        lambda: gl_view.orbit(30, 5),
        lambda: view.set_log_height(True),
    ):
        change()
        cached, drawn = both()
        np.testing.assert_array_equal(cached, drawn)
    assert gl_view.layer_cache_enabled  # the copy worked: no fall-back to drawing everything
    renders = gl_view.layer_renders
    for step in (5, 10, 49):  # moving the play heads leaves the layer alone
        view.set_step(step)
        view.grab_image()
    assert gl_view.layer_renders == renders
    view.set_surface(bowl(nx=40, ny=40))
    view.grab_image()
    assert gl_view.layer_renders == renders + 1


def test_paths_use_the_same_few_gl_items_for_any_number_of_runs(view: SurfaceView) -> None:
    view.set_surface(bowl())
    view.set_runs([line_run("a", (-1.0, 2.0))])
    count = len(view.gl_view.items)
    runs = [line_run(str(i), (-1.5 + 0.3 * i, 2.5)) for i in range(9)]
    view.set_runs(runs)
    assert len(view.gl_view.items) == count
    view.set_step(20)
    assert [p.line.pos.shape for p in view.path_items] == [(21, 3)] * 9
    np.testing.assert_array_equal(view.path_items[4].head.pos, view.path_items[4].points[20:21])
