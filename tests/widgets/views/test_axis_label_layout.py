"""Screen geometry of the 3D view's axis texts, against hand-computed numbers."""

from __future__ import annotations

import numpy as np

from widgets.gl.axis_label_layout import clear_of_hull, hull_2d, outward_normal, overlaps, push_out

SQUARE = hull_2d(np.array([[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [5.0, 5.0]]))


def test_hull_drops_inner_points() -> None:
    assert len(SQUARE) == 4 and not any((SQUARE == [5.0, 5.0]).all(axis=1))


def test_push_out_moves_a_box_just_clear_of_the_hull() -> None:
    # a 4 x 2 box centred at (5, 9): its bottom edge must pass y = 10 + gap 1 -> move 3 down
    box = np.array([[3.0, 8.0, 7.0, 10.0]])
    assert push_out(box, np.array([0.0, 1.0]), SQUARE, 1.0)[0] == 3.0
    # diagonally, the first way out is still past y = 11
    t = push_out(box, np.array([1.0, 1.0]) / np.sqrt(2), SQUARE, 1.0)[0]
    assert np.isclose(t, 3.0 * np.sqrt(2))  # the bottom edge clears y = 11 after 3 px down (and 3 right)
    assert push_out(np.array([[20.0, 0.0, 24.0, 2.0]]), np.array([1.0, 0.0]), SQUARE, 1.0)[0] == 0.0


def test_clear_and_overlap_tests() -> None:
    assert clear_of_hull(np.array([[11.0, 0.0, 12.0, 1.0], [9.0, 9.0, 12.0, 12.0]]), SQUARE).tolist() == [
        True,
        False,
    ]
    assert overlaps(np.array([0.0, 0.0, 4.0, 4.0]), np.array([[5.0, 0.0, 8.0, 4.0]]), gap=2.0)
    assert not overlaps(np.array([0.0, 0.0, 4.0, 4.0]), np.array([[7.0, 0.0, 8.0, 4.0]]), gap=2.0)


def test_outward_normal_points_away_from_the_centre() -> None:
    n = outward_normal(np.array([0.0, 10.0]), np.array([10.0, 10.0]), np.array([5.0, 5.0]))
    assert np.allclose(n, [0.0, 1.0])
