"""The 3D view's look (issue 11 item 7): overlays apart, labels never clipped nor over the surface."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QFontMetrics
from pytestqt.qtbot import QtBot

from widgets.common.view_data import RunPath, SurfaceGrid
from widgets.views.surface_view import SurfaceView


def ravine() -> SurfaceGrid:
    xs = np.linspace(-3.0, 3.0, 60)
    ys = np.linspace(-2.0, 2.0, 40)
    gx, gy = np.meshgrid(xs, ys)
    return SurfaceGrid(xs, ys, gx**2 + 10 * gy**2, "x", "y", "loss")


@pytest.fixture
def view(qtbot: QtBot) -> SurfaceView:
    v = SurfaceView()
    qtbot.addWidget(v)
    v.resize(572, 450)  # the 3D view's size in the window at 1366×768
    v.show()
    qtbot.waitExposed(v)
    v.set_surface(ravine())
    return v


def label_rects(view: SurfaceView) -> list[tuple[str, QRect]]:
    """Each shown axis text and where it is painted (GL widget pixels)."""
    items = [label for label in view.axes.text.labels if label.visible() and label.text]
    anchors = view.gl_view.project(np.array([label.pos for label in items]))
    rects = []
    for label, (x, y) in zip(items, anchors, strict=True):
        dx, dy = label.offset()
        rect = QFontMetrics(label.font).tightBoundingRect(label.text)
        rects.append((label.text, rect.translated(round(x + dx), round(y + dy))))
    return rects


def test_reset_button_never_over_the_colour_bar(view: SurfaceView, qtbot: QtBot) -> None:
    for width in (572, 420, 900):
        view.resize(width, 450)
        qtbot.waitUntil(lambda w=width: view.width() == w)
        buttons = view.scene_buttons
        for button in (buttons.reset_button, buttons.log_button):
            rect = QRect(button.mapTo(view, QPoint(0, 0)), button.size())
            assert not rect.intersects(view.legend.geometry()), (width, rect, view.legend.geometry())
            assert view.gl_view.geometry().contains(rect)


def test_colour_bar_ticks_round_and_unclipped(view: SurfaceView) -> None:
    # the robust top: 49 clipped at the 99th percentile
    assert view.legend.tick_texts == ["0", "10", "20", "30", "40"]
    bar = view.legend.bar
    for rect in bar.tick_text_rects():
        assert bar.rect().contains(rect), (rect, bar.rect())
    rects = bar.tick_text_rects()
    for above, below in zip(rects[1:], rects[:-1], strict=True):
        assert not above.intersects(below)


@pytest.mark.parametrize("turn", [0.0, 90.0, 180.0, 270.0, 45.0])
def test_axis_labels_inside_view_and_off_the_surface(view: SurfaceView, turn: float) -> None:
    view.gl_view.orbit(turn, 0.0)
    gl = view.gl_view
    area = QRect(0, 0, gl.width(), gl.height())
    vertices = view.surface_item.opts["meshdata"].vertexes()
    surface = gl.project(vertices)
    texts = label_rects(view)
    assert {"0", "40", "-3", "3", "-2", "2"} <= {text for text, _ in texts}
    for text, rect in texts:
        assert area.contains(rect), (text, rect, area)
        inside = (
            (surface[:, 0] >= rect.left())
            & (surface[:, 0] <= rect.right())
            & (surface[:, 1] >= rect.top())
            & (surface[:, 1] <= rect.bottom())
        )
        assert not inside.any(), (turn, text, rect)


def test_play_head_is_a_lit_sphere(view: SurfaceView, qtbot: QtBot) -> None:
    xy = np.linspace((-2.5, 1.0), (0.0, 0.0), 50)
    view.set_runs([RunPath("gd", "GD", "#ff2d2d", xy, xy[:, 0] ** 2 + 10 * xy[:, 1] ** 2, False)])
    view.set_step(20)
    qtbot.waitUntil(lambda: view.path_items[0].head.visible())
    image = view.grab_image()
    scale = image.devicePixelRatio()
    x, y = view.gl_view.project(view.path_items[0].head.pos)[0] * scale
    row = [QColor(image.pixel(round(x + dx), round(y))) for dx in range(-5, 6)]
    left, right = row[1], row[-2]
    # lit from the upper left: a brightness gradient across the ball, in the run's red
    assert left.red() - right.red() > 60, [c.getRgb() for c in row]
    assert all(c.red() > 2 * c.green() for c in row[1:-1])
    ball = [QColor(image.pixel(round(x + dx), round(y + dy))) for dx in range(-5, 6) for dy in range(-5, 6)]
    assert max(c.green() for c in ball) > 80  # the white specular highlight


def test_height_ticks_hidden_when_seen_from_above(view: SurfaceView) -> None:
    assert len(view.axes.shown_z_ticks) == 5
    view.gl_view.orbit(0.0, 90.0)  # straight down: the height axis is a point
    assert view.axes.shown_z_ticks == [] and not view.axes.z_label.visible()
    texts = [rect for _, rect in label_rects(view)]
    for k, a in enumerate(texts):  # nothing left on screen overlaps
        assert not any(a.intersects(b) for b in texts[k + 1 :])
    view.reset_camera()
    assert len(view.axes.shown_z_ticks) == 5


def test_legend_rows_never_overlap(view: SurfaceView, qtbot: QtBot) -> None:
    xy = np.zeros((3, 2))

    def runs(names: list[str]) -> list[RunPath]:
        return [RunPath(n, n, "#ff2d2d", xy, np.zeros(3), False) for n in names]

    view.set_runs(runs(["GD (full batch)", "Momentum", "Adam"]))  # the default rows, then a lesson's
    view.set_runs([])
    view.set_runs(runs(["GD (full batch)", "Adagrad", "RMSprop", "Adam"]))
    legend = view.run_legend
    qtbot.waitUntil(legend.isVisible)
    rows = [label.geometry() for label in legend.label_widgets]
    for k, a in enumerate(rows):
        assert a.height() >= legend.label_widgets[k].sizeHint().height(), rows
        assert not any(a.intersects(b) for b in rows[k + 1 :]), rows
    assert all(legend.rect().contains(row) for row in rows)


def rosenbrock() -> SurfaceGrid:
    xs = np.linspace(-2.0, 2.0, 80)
    ys = np.linspace(-1.0, 3.0, 80)
    gx, gy = np.meshgrid(xs, ys)
    return SurfaceGrid(xs, ys, (1 - gx) ** 2 + 100 * (gy - gx**2) ** 2, "w1", "w2", "loss")


def shown_counts(view: SurfaceView) -> tuple[int, int, int]:
    axes = view.axes
    return len(axes.shown_x_ticks), len(axes.shown_y_ticks), len(axes.shown_z_ticks)


@pytest.mark.parametrize(("surface", "at_default"), [(ravine, (7, 5, 5)), (rosenbrock, (5, 5, 6))])
def test_axis_texts_off_the_surface_and_apart_from_any_camera(
    view: SurfaceView, surface: object, at_default: tuple[int, int, int]
) -> None:
    assert callable(surface)
    view.set_surface(surface())
    assert shown_counts(view) == at_default  # the default picture keeps all its ticks
    gl = view.gl_view
    area = QRect(0, 0, gl.width(), gl.height())
    counts = []
    for elevation in range(-10, 91, 15):
        for azimuth in range(0, 360, 45):
            gl.setCameraPosition(elevation=elevation, azimuth=azimuth)
            surface_px = gl.project(view.surface_item.opts["meshdata"].vertexes())
            texts = label_rects(view)
            for k, (text, rect) in enumerate(texts):
                where = (elevation, azimuth, text, rect)
                assert area.contains(rect), where
                on_surface = (
                    (surface_px[:, 0] >= rect.left())
                    & (surface_px[:, 0] <= rect.right())
                    & (surface_px[:, 1] >= rect.top())
                    & (surface_px[:, 1] <= rect.bottom())
                )
                assert not on_surface.any(), where
                assert not any(rect.intersects(other) for _, other in texts[k + 1 :]), (where, texts)
            counts.append(shown_counts(view))
    # fewer ticks rather than overlapping ones, but most stay: x and y keep nearly all of theirs
    mean = np.mean(counts, axis=0)
    assert mean[0] >= at_default[0] - 0.5 and mean[1] >= at_default[1] - 0.5, mean
    view.reset_camera()
    assert shown_counts(view) == at_default
