"""render_thumbnail: a pure function (numpy in, uint8 RGB out), safe for worker threads."""

from __future__ import annotations

import threading
import warnings

import numpy as np
import pytest
from pyqtgraph import colormap

from widgets.common.thumbnail import HOLE_RGB, normalized_heights, render_thumbnail


def grid(f: object, n: int = 120) -> np.ndarray:
    x = np.linspace(-2, 2, n)
    xs, ys = np.meshgrid(x, x + 1)
    return f(xs, ys)  # type: ignore[operator]


def test_shape_dtype_and_orientation() -> None:
    z = grid(lambda x, y: y)  # grows upward: top of the image is the highest
    image = render_thumbnail(z, size=64)
    assert image.shape == (64, 64, 3) and image.dtype == np.uint8
    viridis = colormap.get("viridis").map(np.array([0.0, 1.0]), mode="byte")[:, :3]
    np.testing.assert_array_equal(image[0, 0], viridis[1])
    np.testing.assert_array_equal(image[-1, 0], viridis[0])


def test_nan_holes_are_grey_and_silent() -> None:
    z = grid(lambda x, y: x**2 + y**2)
    z[:20, :20] = np.nan
    z[-1, -1] = np.inf
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        image = render_thumbnail(z, size=96)
        empty = render_thumbnail(np.full((8, 8), np.nan), size=16)
        flat = render_thumbnail(np.ones((8, 8)), size=16)
    assert tuple(image[-1, 0]) == HOLE_RGB  # bottom-left = smallest x and y
    assert (empty == HOLE_RGB).all()
    assert len({tuple(p) for p in flat.reshape(-1, 3)}) == 1


def test_huge_ranges_are_log_scaled() -> None:
    rosenbrock = grid(lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2)
    heights = normalized_heights(rosenbrock)
    # Linear scaling would squeeze most of the surface into the bottom tenth of the colours.
    assert np.median(heights) > 0.3
    bowl = normalized_heights(grid(lambda x, y: x**2 + y**2))
    assert np.median(bowl) < 0.3  # a plain bowl stays linear


def test_runs_on_a_worker_thread() -> None:
    results: list[np.ndarray] = []

    def work() -> None:
        results.append(render_thumbnail(grid(np.hypot)))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert results[0].shape == (96, 96, 3)


def test_rejects_non_grids() -> None:
    with pytest.raises(ValueError):
        render_thumbnail(np.zeros(5))
