"""Critical points: Newton on ∇f = 0 from a grid of seeds, classification from the Hessian."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
import torch

from algorithms.critical import (
    LINE_SEARCH_HALVINGS,
    ClassifiedPoint,
    analyse_point,
    classify_hessian,
    find_critical_points,
)
from algorithms.surfaces import SURFACES, get_surface

# Himmelblau's critical points as published (e.g. Wikipedia, "Himmelblau's function"), to 6 decimals.
HIMMELBLAU = {
    "minimum": [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)],
    "maximum": [(-0.270845, -0.923039)],
    "saddle": [(0.086678, 2.884255), (-3.073026, -0.081353), (3.385154, 0.073852), (-0.127961, -1.953715)],
}


def _surface_fn(surface_id: str) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    return get_surface(surface_id).torch_value


def _find(surface_id: str, **kwargs: int) -> list[ClassifiedPoint]:
    return find_critical_points(_surface_fn(surface_id), get_surface(surface_id).domain, **kwargs)


@pytest.mark.parametrize(
    ("h", "kind"),
    [
        ([[2.0, 0.0], [0.0, 3.0]], "minimum"),
        ([[2.0, 1.0], [1.0, 2.0]], "minimum"),  # eigenvalues 1, 3
        ([[-1.0, 0.0], [0.0, -4.0]], "maximum"),
        ([[-2.0, 1.0], [1.0, -2.0]], "maximum"),  # eigenvalues −3, −1
        ([[1.0, 0.0], [0.0, -1.0]], "saddle"),
        ([[1.0, 2.0], [2.0, 1.0]], "saddle"),  # eigenvalues −1, 3
        ([[0.0, 5.0], [5.0, 0.0]], "saddle"),
        ([[1.0, 1.0], [1.0, 1.0]], "degenerate"),  # eigenvalues 0, 2
        ([[0.0, 0.0], [0.0, 0.0]], "degenerate"),
        ([[1e-10, 0.0], [0.0, 1.0]], "degenerate"),
        ([[1e-6, 0.0], [0.0, 1.0]], "minimum"),
        ([[1e3, 0.0], [0.0, 1e-6]], "degenerate"),  # relative to the largest eigenvalue
    ],
)
def test_classify_hessian(h: list[list[float]], kind: str) -> None:
    assert classify_hessian(np.array(h)) == kind


def test_classify_hessian_tolerance_and_shape() -> None:
    assert classify_hessian(np.diag([1e-6, 1.0]), tol=1e-5) == "degenerate"
    assert classify_hessian(np.diag([-1e-6, -1.0]), tol=1e-7) == "maximum"
    with pytest.raises(ValueError, match="square"):
        classify_hessian(np.zeros((2, 3)))


def test_analyse_point_rosenbrock_minimum() -> None:
    point = analyse_point(_surface_fn("rosenbrock"), 1.0, 1.0)
    # H = [[2 + 1200x² − 400y, −400x], [−400x, 200]] = [[802, −400], [−400, 200]] at (1, 1).
    root = math.sqrt(1002**2 - 4 * 400)
    assert point.kind == "minimum"
    assert point.value == 0.0
    assert point.eigenvalues == pytest.approx(((1002 - root) / 2, (1002 + root) / 2), rel=1e-12)
    h = np.array([[802.0, -400.0], [-400.0, 200.0]])
    for value, vector in zip(point.eigenvalues, point.eigenvectors, strict=True):
        assert math.hypot(*vector) == pytest.approx(1.0, abs=1e-14)
        np.testing.assert_allclose(h @ np.array(vector), value * np.array(vector), atol=1e-9)
    assert np.dot(*point.eigenvectors) == pytest.approx(0.0, abs=1e-14)


def test_himmelblau_has_four_minima_one_maximum_four_saddles() -> None:
    points = _find("himmelblau")
    assert len(points) == 9
    for kind, coordinates in HIMMELBLAU.items():
        found = sorted((p.x, p.y) for p in points if p.kind == kind)
        assert len(found) == len(coordinates), kind
        for (x, y), (ex, ey) in zip(found, sorted(coordinates), strict=True):
            assert (x, y) == (pytest.approx(ex, abs=1e-5), pytest.approx(ey, abs=1e-5))
    minima = [p for p in points if p.kind == "minimum"]
    assert max(p.value for p in minima) < 1e-20
    assert all(p.eigenvalues[0] > 0 for p in minima)


def test_points_are_sorted_by_x_then_y() -> None:
    points = _find("six-hump-camel")
    keys = [(p.x, p.y) for p in points]
    assert keys == sorted(keys)


@pytest.mark.parametrize("seeds", [15, 16])  # 15 has a seed exactly at the origin, 16 does not
def test_monkey_saddle_has_one_degenerate_point_at_the_origin(seeds: int) -> None:
    (point,) = _find("monkey-saddle", seeds_per_side=seeds)
    assert point.kind == "degenerate"
    assert (point.x, point.y) == (pytest.approx(0.0, abs=1e-6), pytest.approx(0.0, abs=1e-6))
    assert point.eigenvalues == pytest.approx((0.0, 0.0), abs=1e-8)


def test_bowl_has_one_minimum() -> None:
    (point,) = _find("bowl")
    assert point.kind == "minimum"
    assert (point.x, point.y, point.value) == (0.0, 0.0, 0.0)
    assert point.eigenvalues == (2.0, 2.0)


def test_saddle_eigen_decomposition_follows_the_axes() -> None:
    (point,) = _find("saddle")
    assert (point.x, point.y, point.kind) == (0.0, 0.0, "saddle")
    assert point.eigenvalues == (-2.0, 2.0)
    down, up = point.eigenvectors
    assert (abs(down[0]), abs(down[1])) == (0.0, 1.0)  # f falls along y
    assert (abs(up[0]), abs(up[1])) == (1.0, 0.0)  # and rises along x


def test_six_hump_camel_global_minima() -> None:
    points = _find("six-hump-camel")
    minima = [p for p in points if p.kind == "minimum"]
    assert len(minima) == 6  # the six humps
    best = sorted(minima, key=lambda p: p.value)[:2]
    best.sort(key=lambda p: p.x)
    assert (best[0].x, best[0].y) == (pytest.approx(-0.0898, abs=1e-4), pytest.approx(0.7126, abs=1e-4))
    assert (best[1].x, best[1].y) == (pytest.approx(0.0898, abs=1e-4), pytest.approx(-0.7126, abs=1e-4))
    assert [p.value for p in best] == pytest.approx([-1.0316, -1.0316], abs=1e-4)


def test_only_points_inside_the_domain_are_kept() -> None:
    fn = _surface_fn("himmelblau")
    points = find_critical_points(fn, (0.0, 5.0, 0.0, 5.0))
    expected = [(0.086678, 2.884255, "saddle"), (3.0, 2.0, "minimum"), (3.385154, 0.073852, "saddle")]
    assert [(p.x, p.y, p.kind) for p in points] == [
        (pytest.approx(x, abs=1e-5), pytest.approx(y, abs=1e-5), kind) for x, y, kind in expected
    ]
    assert find_critical_points(_surface_fn("bowl"), (1.0, 2.0, 1.0, 2.0)) == []


def test_a_plane_has_no_critical_points() -> None:
    assert find_critical_points(lambda x, y: x + 2 * y, (-1.0, 1.0, -1.0, 1.0)) == []


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="seeds_per_side"):
        find_critical_points(_surface_fn("bowl"), (-1.0, 1.0, -1.0, 1.0), seeds_per_side=0)


def test_found_points_are_critical_and_match_their_kind() -> None:
    for surface_id in ("beale", "rosenbrock", "rastrigin"):
        fn = _surface_fn(surface_id)
        for point in _find(surface_id):
            p = torch.tensor([point.x, point.y], dtype=torch.float64, requires_grad=True)
            (g,) = torch.autograd.grad(fn(p[0], p[1]), p)
            assert float(g.norm()) < 1e-7
            assert point.kind == classify_hessian(np.diag(point.eigenvalues))


def test_all_nine_surfaces_batch_their_seeds() -> None:
    """The search is fast because every Newton step of all 225 seeds is one batched evaluation: the
    surface is called at most once per step and line-search halving, plus once or twice per point
    found — never once per seed. (Its time: benchmarks/bench_algorithms.py.)"""
    counts = {}
    for surface_id in SURFACES:
        surface, calls = get_surface(surface_id), [0]

        def counted(
            x: torch.Tensor,
            y: torch.Tensor,
            fn: Callable[..., torch.Tensor] = surface.torch_value,
            calls: list[int] = calls,
        ) -> torch.Tensor:
            calls[0] += 1
            return fn(x, y)

        points = find_critical_points(counted, surface.domain, seeds_per_side=15, max_iter=50)
        counts[surface_id] = len(points)
        assert calls[0] <= (50 + 1) * (1 + LINE_SEARCH_HALVINGS) + 2 * len(points), surface_id
    assert counts["himmelblau"] == 9
    assert counts["rosenbrock"] == 1
