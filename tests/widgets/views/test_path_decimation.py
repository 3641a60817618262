"""A long run on the map: at most ~MAX_DRAWN_POINTS drawn, the start and the play head exact."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from pytestqt.qtbot import QtBot

from widgets.views.path_decimation import MAX_DRAWN_POINTS, drawn_indices, path_stride
from widgets.views.plot_paths import RunPathPlotItems


def test_a_run_that_fits_is_drawn_point_for_point() -> None:
    assert path_stride(MAX_DRAWN_POINTS) == 1
    assert drawn_indices(7, 1).tolist() == [0, 1, 2, 3, 4, 5, 6, 7]


def test_the_stride_is_odd_and_bounds_the_count() -> None:
    assert path_stride(5_001) == 7  # ceil(5001 / 1000) = 6, made odd
    assert path_stride(3_000) == 3
    for length in (1_001, 2_000, 4_999, 5_001, 20_000):
        stride = path_stride(length)
        assert stride % 2 == 1
        assert len(drawn_indices(length - 1, stride)) <= MAX_DRAWN_POINTS + 1


def test_the_ends_are_exact_and_points_do_not_shift_with_the_play_head() -> None:
    assert drawn_indices(10, 3).tolist() == [0, 3, 6, 9, 10]
    assert drawn_indices(9, 3).tolist() == [0, 3, 6, 9]
    assert drawn_indices(0, 3).tolist() == [0]
    assert drawn_indices(-1, 3).tolist() == []
    with pytest.raises(ValueError, match="at least 2"):
        path_stride(10, limit=1)


def test_the_map_draws_a_5000_step_run_decimated_with_its_play_head_exact(qtbot: QtBot) -> None:
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    items = RunPathPlotItems(plot.getPlotItem())
    xy = np.column_stack([np.arange(5_001.0), np.sin(np.arange(5_001.0))])
    items.set_path(xy, "#ff0000", ended=True)
    items.set_step(4_321)
    xs, ys = items.line.getData()
    assert len(xs) == 4_321 // 7 + 2 and len(xs) <= MAX_DRAWN_POINTS + 1
    assert (xs[0], ys[0]) == (0.0, 0.0)
    assert (xs[-1], ys[-1]) == (4_321.0, float(np.sin(4_321.0)))
    assert np.array_equal(items.outline.getData()[0], xs)
    head = items.head.getData()
    assert (head[0][0], head[1][0]) == (4_321.0, float(np.sin(4_321.0)))
    items.set_step(5_000)
    xs, _ = items.line.getData()
    assert xs[-1] == 5_000.0 and items.cross.isVisible()
