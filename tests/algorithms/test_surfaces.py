"""The surface gallery: formulas against hand-computed values, metadata, critical points."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import torch

from algorithms.critical import find_critical_points
from algorithms.surfaces import SURFACE_IDS, SURFACES, CriticalPoint, Surface, get_surface

# (surface, x, y, f(x, y) computed by hand)
HAND_VALUES = [
    ("bowl", 1.0, 2.0, 5.0),
    ("bowl", -3.0, 0.5, 9.25),
    ("ravine", 1.0, 2.0, 41.0),
    ("ravine", -2.0, -0.5, 6.5),
    ("saddle", 1.0, 2.0, -3.0),
    ("saddle", 3.0, 1.0, 8.0),
    ("monkey-saddle", 1.0, 2.0, -11.0),
    ("monkey-saddle", 2.0, 1.0, 2.0),
    ("monkey-saddle", -1.0, 1.0, 2.0),
    ("rosenbrock", 1.0, 1.0, 0.0),
    ("rosenbrock", 0.0, 0.0, 1.0),
    ("rosenbrock", -1.0, 2.0, 104.0),
    ("rosenbrock", 2.0, 3.0, 101.0),
    ("himmelblau", 3.0, 2.0, 0.0),
    ("himmelblau", 0.0, 0.0, 170.0),
    ("himmelblau", 1.0, 1.0, 106.0),
    ("beale", 3.0, 0.5, 0.0),
    ("beale", 0.0, 0.0, 14.203125),  # 1.5² + 2.25² + 2.625²
    ("beale", 2.0, -1.0, 13.203125),  # (−2.5)² + 2.25² + (−1.375)²
    ("rastrigin", 0.0, 0.0, 0.0),
    ("rastrigin", 0.5, 0.5, 40.5),  # 20 + 0.25 + 0.25 + 10 + 10
    ("rastrigin", 1.0, 0.5, 21.25),  # 20 + 1 + 0.25 − 10 + 10
    ("six-hump-camel", 0.0, 0.0, 0.0),
    ("six-hump-camel", 1.0, 1.0, 1.9 + 1 / 3 + 1.0),
    ("six-hump-camel", -1.0, 0.5, 1.9 + 1 / 3 - 0.5 - 0.75),
]

# ∇f by hand: (surface, x, y, ∂f/∂x, ∂f/∂y)
HAND_GRADIENTS = [
    ("rosenbrock", 0.0, 0.0, -2.0, 0.0),
    ("rosenbrock", -1.0, 2.0, -4.0 + 400.0, 200.0),  # −2(1−x) − 400x(y−x²), 200(y−x²)
    ("monkey-saddle", 1.0, 2.0, -9.0, -12.0),  # 3x² − 3y², −6xy
    ("himmelblau", 0.0, 0.0, -14.0, -22.0),
]


def _gradient(surface: Surface, x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    xs = x.detach().clone().requires_grad_(True)
    ys = y.detach().clone().requires_grad_(True)
    gx, gy = torch.autograd.grad(surface.torch_value(xs, ys).sum(), (xs, ys))
    return gx, gy


def _hessian_eigenvalues(surface: Surface, point: CriticalPoint) -> np.ndarray:
    def of_vector(p: torch.Tensor) -> torch.Tensor:
        return surface.torch_value(p[0], p[1])

    h = torch.autograd.functional.hessian(of_vector, torch.tensor([point.x, point.y], dtype=torch.float64))
    return np.linalg.eigvalsh(h.numpy())


@pytest.mark.parametrize(("surface_id", "x", "y", "expected"), HAND_VALUES)
def test_formula_matches_hand_computed_value(surface_id: str, x: float, y: float, expected: float) -> None:
    surface = get_surface(surface_id)
    assert float(surface.value(x, y)) == pytest.approx(expected, abs=1e-12)
    t = surface.torch_value(torch.tensor(x, dtype=torch.float64), torch.tensor(y, dtype=torch.float64))
    assert float(t) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(("surface_id", "x", "y", "gx", "gy"), HAND_GRADIENTS)
def test_torch_value_is_differentiable(surface_id: str, x: float, y: float, gx: float, gy: float) -> None:
    surface = get_surface(surface_id)
    got = _gradient(surface, torch.tensor(x, dtype=torch.float64), torch.tensor(y, dtype=torch.float64))
    assert (float(got[0]), float(got[1])) == pytest.approx((gx, gy), abs=1e-12)


@pytest.mark.parametrize("surface_id", SURFACE_IDS)
def test_numpy_and_torch_agree(surface_id: str) -> None:
    surface = get_surface(surface_id)
    xmin, xmax, ymin, ymax = surface.domain
    xs, ys = np.meshgrid(np.linspace(xmin, xmax, 37), np.linspace(ymin, ymax, 29))
    from_numpy = surface.value(xs, ys)
    from_torch = surface.torch_value(torch.from_numpy(xs), torch.from_numpy(ys)).numpy()
    assert from_numpy.dtype == np.float64
    assert from_numpy.shape == xs.shape
    np.testing.assert_allclose(from_numpy, from_torch, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("surface_id", SURFACE_IDS)
def test_gradient_vanishes_at_every_critical_point(surface_id: str) -> None:
    surface = get_surface(surface_id)
    xs = torch.tensor([p.x for p in surface.critical_points], dtype=torch.float64)
    ys = torch.tensor([p.y for p in surface.critical_points], dtype=torch.float64)
    gx, gy = _gradient(surface, xs, ys)
    assert torch.hypot(gx, gy).max() < 1e-6


@pytest.mark.parametrize("surface_id", SURFACE_IDS)
def test_hessian_signs_match_each_kind(surface_id: str) -> None:
    surface = get_surface(surface_id)
    for point in surface.critical_points:
        low, high = _hessian_eigenvalues(surface, point)
        if point.kind == "degenerate":
            assert min(abs(low), abs(high)) < 1e-8, point
        else:
            assert min(abs(low), abs(high)) > 1e-3, point
            signs = {"minimum": (1, 1), "maximum": (-1, -1), "saddle": (-1, 1)}[point.kind]
            assert (np.sign(low), np.sign(high)) == signs, point


@pytest.mark.parametrize("surface_id", SURFACE_IDS)
def test_critical_points_and_start_lie_in_the_domain(surface_id: str) -> None:
    surface = get_surface(surface_id)
    assert surface.critical_points
    for point in surface.critical_points:
        assert surface.contains(point.x, point.y), point
    assert surface.contains(*surface.start)
    assert len({(p.x, p.y) for p in surface.critical_points}) == len(surface.critical_points)


@pytest.mark.parametrize("surface_id", SURFACE_IDS)
def test_start_is_not_a_critical_point(surface_id: str) -> None:
    surface = get_surface(surface_id)
    gx, gy = _gradient(surface, *torch.tensor(surface.start, dtype=torch.float64))
    assert math.hypot(float(gx), float(gy)) > 0.1


@pytest.mark.parametrize("surface_id", ["himmelblau", "beale", "six-hump-camel", "rosenbrock", "saddle"])
def test_listed_critical_points_are_all_there_are(surface_id: str) -> None:
    surface = get_surface(surface_id)
    found = find_critical_points(lambda x, y: surface.torch_value(x, y), surface.domain, seeds_per_side=30)
    listed = sorted(surface.critical_points, key=lambda p: (p.x, p.y))
    assert len(found) == len(listed)
    for got, want in zip(found, listed, strict=True):
        assert (got.x, got.y, got.kind) == (
            pytest.approx(want.x, abs=1e-8),
            pytest.approx(want.y, abs=1e-8),
            want.kind,
        )


def test_himmelblau_critical_points() -> None:
    points = get_surface("himmelblau").critical_points
    kinds = [p.kind for p in points]
    assert (kinds.count("minimum"), kinds.count("maximum"), kinds.count("saddle")) == (4, 1, 4)
    (maximum,) = (p for p in points if p.kind == "maximum")
    assert (maximum.x, maximum.y) == (pytest.approx(-0.270845, abs=1e-6), pytest.approx(-0.923039, abs=1e-6))
    assert CriticalPoint(3.0, 2.0, "minimum") in points


def test_rastrigin_lattice() -> None:
    surface = get_surface("rastrigin")
    kinds = [p.kind for p in surface.critical_points]
    # 13 critical points per coordinate in (−3.5, 3.5): 7 near the integers (g'' > 0), 6 near the halves.
    assert len(kinds) == 13 * 13
    assert (kinds.count("minimum"), kinds.count("maximum"), kinds.count("saddle")) == (49, 36, 84)
    assert CriticalPoint(0.0, 0.0, "minimum") in surface.critical_points
    # Off the origin the minima are pulled towards it: g'(t) = 2t + 20π sin(2πt) = 0 just inside t = 3.
    xs = sorted({p.x for p in surface.critical_points})
    assert 2.98 < xs[-1] < 3.0
    assert xs == pytest.approx([-x for x in reversed(xs)], abs=1e-14)


def test_monkey_saddle_and_saddle_points() -> None:
    assert get_surface("monkey-saddle").critical_points == (CriticalPoint(0.0, 0.0, "degenerate"),)
    assert get_surface("saddle").critical_points == (CriticalPoint(0.0, 0.0, "saddle"),)


def test_gallery_order_codes_and_ids() -> None:
    expected = (
        "bowl",
        "ravine",
        "saddle",
        "monkey-saddle",
        "rosenbrock",
        "himmelblau",
        "beale",
        "rastrigin",
        "six-hump-camel",
    )
    assert expected == SURFACE_IDS
    assert tuple(SURFACES) == expected
    assert [SURFACES[i].code for i in expected] == list(range(9))
    assert all(SURFACES[i].id == i for i in expected)
    assert all(s.name_en and s.name_zh and s.formula_text for s in SURFACES.values())


def test_convexity_and_tags() -> None:
    assert [i for i, s in SURFACES.items() if s.convex] == ["bowl", "ravine"]
    assert get_surface("bowl").tags() == "convex"
    assert get_surface("rosenbrock").tags() == "non-convex"
    assert get_surface("saddle").tags() == "non-convex · saddle points"
    assert get_surface("monkey-saddle").has_saddle
    assert not get_surface("rosenbrock").has_saddle
    assert get_surface("himmelblau").tags() == "non-convex · saddle points"


def test_bound_is_a_hundred_times_the_largest_domain_edge() -> None:
    assert get_surface("rosenbrock").bound == 300.0
    assert get_surface("himmelblau").bound == 500.0
    assert get_surface("beale").bound == 450.0
    moved = dataclasses.replace(get_surface("bowl"), domain=(-7.0, 1.0, -2.0, 2.0))
    assert moved.bound == 700.0


def test_invalid_surface_definitions_are_refused() -> None:
    bowl = get_surface("bowl")
    with pytest.raises(ValueError, match="outside the domain"):
        dataclasses.replace(bowl, start=(5.0, 0.0))
    with pytest.raises(ValueError, match="empty domain"):
        dataclasses.replace(bowl, domain=(1.0, -1.0, -1.0, 1.0))
    with pytest.raises(ValueError, match="kind"):
        dataclasses.replace(bowl, critical_points=(CriticalPoint(0.0, 0.0, "valley"),))


def test_unknown_surface_names_the_choices() -> None:
    with pytest.raises(ValueError) as error:
        get_surface("foo")
    assert str(error.value) == (
        "unknown surface 'foo'; choose one of: bowl, ravine, saddle, monkey-saddle, rosenbrock, "
        "himmelblau, beale, rastrigin, six-hump-camel"
    )


@pytest.mark.parametrize("surface_id", SURFACE_IDS)
def test_overflow_gives_inf_or_nan_without_warnings(surface_id: str) -> None:
    surface = get_surface(surface_id)
    big = np.array([1e200, -1e200, 1e200, np.inf, np.nan, 1e300])
    other = np.array([1e200, 1e200, -1e300, 0.0, 1.0, np.inf])
    values = surface.value(big, other)  # pytest turns any numpy warning into an error
    assert values.shape == big.shape
    assert not np.isfinite(values[3:]).any()
    assert not np.isfinite(surface.value(1e300, 1e300))  # python floats, which would raise OverflowError


def test_value_accepts_scalars_lists_and_ints() -> None:
    bowl = get_surface("bowl")
    assert bowl.value(3, 4) == 25.0
    assert bowl.value(3, 4).dtype == np.float64
    np.testing.assert_array_equal(bowl.value([1, 2], [0, 1]), [1.0, 5.0])
