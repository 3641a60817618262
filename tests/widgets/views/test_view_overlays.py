"""Critical-point marks, their hover text and the play-head arrows, on the map and in 3D."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from widgets.common.critical_marks import EIGEN_FRACTION, critical_tooltip, eigen_segments, nearest_within
from widgets.common.view_data import ArrowMark, CriticalMark, SurfaceGrid
from widgets.gl.arrow_items import SHAFT_PIECES, arrow_segments, arrows_segments
from widgets.gl.critical_items import DRAPE_PIECES
from widgets.gl.surface_mesh import PlaneTransform
from widgets.views.contour_view import ContourView
from widgets.views.surface_view import SurfaceView

HIMMELBLAU_POINTS = {
    "minimum": [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)],
    "maximum": [(-0.270845, -0.923039)],
    "saddle": [(0.086678, 2.884255), (-3.073026, -0.081353), (3.385154, 0.073852), (-0.127961, -1.953715)],
}
SADDLE = (0.086678, 2.884255)


def himmelblau(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def himmelblau_grid(n: int = 100) -> SurfaceGrid:
    xs = np.linspace(-5.0, 5.0, n)
    gx, gy = np.meshgrid(xs, xs)
    return SurfaceGrid(xs, xs.copy(), himmelblau(gx, gy))


def hessian(x: float, y: float, h: float = 1e-4) -> np.ndarray:
    """Central finite differences of himmelblau's second derivatives."""
    f = himmelblau
    fxx = (f(x + h, y) - 2 * f(x, y) + f(x - h, y)) / h**2
    fyy = (f(x, y + h) - 2 * f(x, y) + f(x, y - h)) / h**2
    fxy = (f(x + h, y + h) - f(x + h, y - h) - f(x - h, y + h) + f(x - h, y - h)) / (4 * h**2)
    return np.array([[fxx, fxy], [fxy, fyy]])


def himmelblau_marks() -> list[CriticalMark]:
    marks = []
    for kind, points in HIMMELBLAU_POINTS.items():
        for x, y in points:
            values, vectors = np.linalg.eigh(hessian(x, y))
            pairs = (
                (float(vectors[0, 0]), float(vectors[1, 0])),
                (float(vectors[0, 1]), float(vectors[1, 1])),
            )
            value = float(himmelblau(np.float64(x), np.float64(y)))
            marks.append(CriticalMark(x, y, value, kind, (float(values[0]), float(values[1])), pairs))
    return marks


def close_tooltip() -> None:
    """Hide Qt's tooltip window at once (hideText() waits), so no visible window is left behind."""
    for widget in QApplication.topLevelWidgets():
        if widget.inherits("QTipLabel"):
            widget.hide()


@pytest.fixture
def tooltip_closer() -> Iterator[None]:
    yield
    close_tooltip()


@pytest.fixture
def contour(qtbot: QtBot) -> ContourView:
    v = ContourView()
    qtbot.addWidget(v)
    v.resize(700, 600)
    v.show()
    qtbot.waitExposed(v)
    return v


@pytest.fixture
def surface(qtbot: QtBot) -> SurfaceView:
    v = SurfaceView()
    qtbot.addWidget(v)
    v.resize(800, 600)
    v.show()
    qtbot.waitExposed(v)
    return v


def map_pixel(view: ContourView, x: float, y: float) -> QPoint:
    scene = view.plot_item.getViewBox().mapViewToScene(QPointF(x, y))
    return view.plot_widget.mapFromScene(scene)


def hover(widget: QWidget, pos: QPoint) -> None:
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(pos),
        widget.mapToGlobal(QPointF(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


# ---- shared helpers: text, hit test, segment geometry ----
def test_tooltip_of_a_saddle() -> None:
    mark = CriticalMark(0.0, 0.0, 0.0, "saddle", (-2.0, 2.0), ((0.0, 1.0), (1.0, 0.0)))
    first, second = critical_tooltip(mark).splitlines()
    assert first == "saddle at (0, 0): eigenvalues −2, 2 — curves up along (1, 0), down along (0, 1)"
    assert second == "loss = 0"
    assert critical_tooltip(mark, "MSE").endswith("MSE = 0")


def test_tooltip_of_a_minimum_and_a_degenerate_point() -> None:
    s = float(np.sqrt(0.5))
    minimum = CriticalMark(3.0, -2.805118, 1e-12, "minimum", (34.0, 74.0), ((s, s), (-s, s)))
    assert critical_tooltip(minimum).splitlines()[0] == (
        "minimum at (3, −2.81): eigenvalues 34, 74 — curves up along (0.71, 0.71) and (−0.71, 0.71)"
    )
    flat = CriticalMark(-0.0, 1.5, 2.0, "degenerate", (0.0, 3.0), ((1.0, 0.0), (0.0, 1.0)))
    assert critical_tooltip(flat).splitlines()[0] == (
        "degenerate point at (0, 1.5): eigenvalues 0, 3 — curves up along (0, 1), flat along (1, 0)"
    )


def test_nearest_within_picks_the_closest_point_in_reach() -> None:
    pixels = np.array([[10.0, 10.0], [20.0, 10.0], [np.nan, np.nan]])
    assert nearest_within(pixels, 14.0, 10.0) == 0
    assert nearest_within(pixels, 15.5, 10.0) == 1
    assert nearest_within(pixels, 10.0, 18.0) == 0  # 8 px away: still in reach
    assert nearest_within(pixels, 10.0, 18.5) is None
    assert nearest_within(np.zeros((0, 2)), 0.0, 0.0) is None


def test_eigen_segments_span_a_fraction_of_the_domain_along_the_eigenvectors() -> None:
    s = float(np.sqrt(0.5))
    mark = CriticalMark(1.0, 1.0, 0.0, "saddle", (-1.0, 2.0), ((1.0, 0.0), (s, s)))
    ends, signs = eigen_segments([mark], width=10.0, height=2.0)
    assert ends.shape == (4, 2) and signs.tolist() == [-1, 1]
    half = EIGEN_FRACTION / 2
    np.testing.assert_allclose(ends[:2], [[1.0 - 10 * half, 1.0], [1.0 + 10 * half, 1.0]])
    delta = (ends[3] - ends[2]) / np.array([10.0, 2.0])  # in units of the domain's sides
    assert np.hypot(*delta) == pytest.approx(EIGEN_FRACTION)
    assert delta[1] == pytest.approx(5.0 * delta[0])  # parallel to (s, s) / (10, 2)
    np.testing.assert_allclose(ends[2:].mean(axis=0), [1.0, 1.0])


# ---- the map ----
def test_map_marks_the_nine_himmelblau_critical_points(contour: ContourView) -> None:
    contour.set_surface(himmelblau_grid())
    marks = himmelblau_marks()
    contour.set_critical_points(marks)
    items = contour.critical_items
    counts = {kind: len(item.data) for kind, item in items.marks.items()}
    assert counts == {"minimum": 4, "maximum": 1, "saddle": 4, "degenerate": 0}
    x, y = items.marks["minimum"].getData()
    np.testing.assert_allclose(np.c_[x, y], HIMMELBLAU_POINTS["minimum"])
    segments = sum(len(item.getData()[0]) for item in items.segments.values()) // 2
    assert segments == 18 and len(items.outline.getData()[0]) == 36
    up, down = (len(items.segments[s].getData()[0]) // 2 for s in (1, -1))
    assert (up, down) == (4 * 2 + 4, 1 * 2 + 4)  # minima curve up twice, maxima down twice
    assert all(item.isVisible() for item in items.marks.values() if len(item.data))
    assert not items.marks["degenerate"].isVisible()

    contour.set_critical_points_visible(False)
    assert not any(item.isVisible() for item in items.items)
    contour.set_critical_points_visible(True)
    assert items.outline.isVisible()
    contour.set_critical_points([])
    assert not any(item.isVisible() for item in items.items)


def test_map_hover_text_finds_the_saddle_under_the_pixel(contour: ContourView) -> None:
    contour.set_surface(himmelblau_grid())
    contour.set_critical_points(himmelblau_marks())
    pixel = map_pixel(contour, *SADDLE)
    text = contour.critical_tip_at(pixel.x() + 3, pixel.y() - 3)
    assert text.startswith("saddle at (0.0867, 2.88): eigenvalues ")
    assert contour.critical_tip_at(pixel.x() + 20, pixel.y()) == ""
    contour.set_critical_points_visible(False)
    assert contour.critical_tip_at(pixel.x(), pixel.y()) == ""


def test_map_hover_shows_a_tooltip(contour: ContourView, tooltip_closer: None) -> None:
    contour.set_surface(himmelblau_grid())
    marks = himmelblau_marks()
    contour.set_critical_points(marks)
    hover(contour.plot_widget.viewport(), map_pixel(contour, *SADDLE))
    assert QToolTip.isVisible()
    assert QToolTip.text() == critical_tooltip(marks[5])


def test_map_arrows_go_from_the_point_to_point_plus_vector(contour: ContourView) -> None:
    contour.set_surface(himmelblau_grid())
    arrows = [
        ArrowMark("gd", "#ff2d2d", 1.0, 2.0, 0.5, -0.25, "gradient"),
        ArrowMark("gd", "#ff2d2d", 1.0, 2.0, -0.3, 0.4, "momentum"),
    ]
    contour.set_arrows(arrows)
    drawn = contour.arrow_items.arrows
    assert len(drawn) == 2
    for item, arrow in zip(drawn, arrows, strict=True):
        x, y = item.shaft.getData()
        np.testing.assert_allclose(x, [arrow.x, arrow.x + arrow.dx])
        np.testing.assert_allclose(y, [arrow.y, arrow.y + arrow.dy])
        assert (item.head.pos().x(), item.head.pos().y()) == pytest.approx(
            (arrow.x + arrow.dx, arrow.y + arrow.dy)
        )
        assert item.shaft.isVisible() and item.head.isVisible()
    assert drawn[0].shaft.opts["pen"].style() == Qt.PenStyle.SolidLine
    assert drawn[1].shaft.opts["pen"].style() == Qt.PenStyle.CustomDashLine

    items = contour.arrow_items.items
    contour.set_arrows([ArrowMark("gd", "#ff2d2d", 0.0, 0.0, 1.0, 0.0)])
    assert contour.arrow_items.items == items  # reused, the spare one hidden
    assert not drawn[1].shaft.isVisible()
    assert drawn[0].head.opts["angle"] % 360 == pytest.approx(180.0)  # pointing right on screen
    contour.set_arrows([])
    assert not any(item.isVisible() for item in items)
    contour.set_arrows(arrows)
    assert contour.arrow_items.items == items


# ---- the 3D view ----
def test_3d_marks_the_nine_critical_points_on_the_surface(surface: SurfaceView) -> None:
    grid = himmelblau_grid()
    marks = himmelblau_marks()
    surface.set_critical_points(marks)  # before the surface: drawn once it exists
    assert not surface.critical_items.marks.visible()
    surface.set_surface(grid)
    items = surface.critical_items
    points = items.points
    assert points.shape == (9, 3)
    assert items.marks.symbols.count("t") == 4 and items.marks.symbols.count("t1") == 1
    sx, sy = PlaneTransform.fit(grid.xs, grid.ys).to_scene(*np.array([[m.x, m.y] for m in marks]).T)
    np.testing.assert_allclose(points[:, :2], np.c_[sx, sy], atol=1e-6)
    heights = surface.height_transform(np.array([m.value for m in marks]))
    assert (points[:, 2] > heights).all()
    drawn = sum(len(items.segments[sign].pos) for sign in (1, -1)) // (2 * DRAPE_PIECES)
    assert not items.segments[0].visible()  # no flat directions
    assert drawn == 18 and len(items.outline.pos) == 36 * DRAPE_PIECES
    assert not surface.grab_image().isNull()  # the symbols paint without warnings

    surface.set_critical_points_visible(False)
    assert not any(item.visible() for item in items.items)
    surface.set_critical_points_visible(True)
    assert items.marks.visible()


def test_3d_hover_text_and_tooltip(surface: SurfaceView, tooltip_closer: None) -> None:
    surface.set_surface(himmelblau_grid())
    marks = himmelblau_marks()
    surface.set_critical_points(marks)
    x, y = surface.gl_view.project(surface.critical_items.points[5:6])[0]
    assert surface.critical_tip_at(x + 2, y + 2) == critical_tooltip(marks[5])
    assert surface.critical_tip_at(x + 30, y) == ""
    hover(surface.gl_view, QPoint(round(x), round(y)))
    assert QToolTip.isVisible() and QToolTip.text().startswith("saddle at (0.0867, 2.88)")


def test_3d_arrows_are_draped_and_reuse_their_items(surface: SurfaceView) -> None:
    grid = himmelblau_grid()
    surface.set_surface(grid)
    arrows = [
        ArrowMark("gd", "#ff2d2d", 1.0, 2.0, 0.5, -0.25, "gradient"),
        ArrowMark("mom", "#ffffff", -1.0, 0.0, 0.0, 1.0, "momentum"),
    ]
    surface.set_arrows(arrows)
    outline, lines = surface.arrow_items.items
    assert lines.visible() and outline.visible()
    pos = lines.pos
    plane = PlaneTransform.fit(grid.xs, grid.ys)
    tail = plane.to_scene(1.0, 2.0)
    head = plane.to_scene(1.5, 1.75)
    np.testing.assert_allclose(pos[0, :2], tail, atol=1e-6)
    np.testing.assert_allclose(pos[2 * SHAFT_PIECES - 1, :2], head, atol=1e-6)
    loss = himmelblau(np.float64(1.0), np.float64(2.0))
    assert pos[0, 2] > surface.height_transform(np.array([loss]))[0] - 0.01
    white = np.all(np.isclose(lines.color, 1.0), axis=1)
    solid = (~white).sum() // 2
    dashed = white.sum() // 2
    assert solid == SHAFT_PIECES + 4 and dashed == SHAFT_PIECES // 2 + 4  # dashed: every other piece

    surface.set_arrows(arrows[:1])
    assert surface.arrow_items.items == (outline, lines)
    assert len(lines.pos) == 2 * (SHAFT_PIECES + 4)
    surface.set_arrows([])
    assert not lines.visible() and not outline.visible()


def test_arrows_are_computed_together_as_one_by_one() -> None:
    rng = np.random.default_rng(1)
    tails = rng.normal(size=(40, 2))
    heads = tails + rng.normal(size=(40, 2)) * rng.choice([0.0, 1e-3, 1.0], size=(40, 1))  # some zero-length
    dashed = rng.random(40) < 0.5
    one_by_one = [arrow_segments(t, h, d) for t, h, d in zip(tails, heads, dashed, strict=True)]
    together, counts = arrows_segments(tails, heads, dashed)
    assert counts.tolist() == [len(s) for s in one_by_one]
    np.testing.assert_array_equal(together, np.concatenate(one_by_one))
