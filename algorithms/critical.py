"""Critical points of f(x, y): found by batched Newton iteration on ∇f = 0, classified by the Hessian."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import torch
from torch.func import grad, jacrev, vmap

ScalarFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
Domain = tuple[float, float, float, float]

ACCEPT_GRADIENT = 1e-7  # |∇f| accepted after the iterations (degenerate points converge only linearly)
MERGE_DISTANCE = 1e-5  # points closer than this times the domain size are the same point
LINE_SEARCH_HALVINGS = 8


@dataclass(frozen=True)
class ClassifiedPoint:
    """A critical point with its value and the Hessian's eigen-decomposition (eigenvalues ascending)."""

    x: float
    y: float
    kind: str
    value: float
    eigenvalues: tuple[float, float]
    eigenvectors: tuple[tuple[float, float], tuple[float, float]]


def classify_hessian(h: npt.ArrayLike, tol: float = 1e-8) -> str:
    """Kind of a critical point from its Hessian; degenerate when some |λ| <= tol * max(1, max |λ|)."""
    matrix = np.asarray(h, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"the Hessian must be a square matrix, got shape {matrix.shape}")
    eigenvalues = np.linalg.eigvalsh((matrix + matrix.T) / 2)
    scale = max(1.0, float(np.max(np.abs(eigenvalues))))
    if np.any(np.abs(eigenvalues) <= tol * scale):
        return "degenerate"
    if np.all(eigenvalues > 0):
        return "minimum"
    if np.all(eigenvalues < 0):
        return "maximum"
    return "saddle"


def _oriented(vector: npt.NDArray[np.float64]) -> tuple[float, float]:
    """The unit vector with its sign fixed so that its largest component is positive."""
    unit = vector / np.linalg.norm(vector)
    if unit[int(np.argmax(np.abs(unit)))] < 0:
        unit = -unit
    return float(unit[0]), float(unit[1])


def analyse_point(fn: ScalarFn, x: float, y: float) -> ClassifiedPoint:
    """Value, Hessian eigen-decomposition and kind of fn at (x, y), in float64."""

    def of_vector(p: torch.Tensor) -> torch.Tensor:
        return fn(p[0], p[1])

    point = torch.tensor([x, y], dtype=torch.float64)
    hessian = torch.autograd.functional.hessian(of_vector, point)
    assert isinstance(hessian, torch.Tensor)
    h = hessian.detach().numpy()
    eigenvalues, eigenvectors = np.linalg.eigh((h + h.T) / 2)
    with torch.no_grad():
        value = float(of_vector(point))
    return ClassifiedPoint(
        x=float(x),
        y=float(y),
        kind=classify_hessian(h),
        value=value,
        eigenvalues=(float(eigenvalues[0]), float(eigenvalues[1])),
        eigenvectors=(_oriented(eigenvectors[:, 0]), _oriented(eigenvectors[:, 1])),
    )


def _seed_grid(domain: Domain, seeds_per_side: int) -> torch.Tensor:
    """A seeds_per_side² grid of points inside the domain (cell centres), shape (n, 2)."""
    xmin, xmax, ymin, ymax = domain
    offsets = (torch.arange(seeds_per_side, dtype=torch.float64) + 0.5) / seeds_per_side
    xs = xmin + (xmax - xmin) * offsets
    ys = ymin + (ymax - ymin) * offsets
    gx, gy = torch.meshgrid(xs, ys, indexing="xy")
    return torch.stack([gx.reshape(-1), gy.reshape(-1)], dim=1)


def _newton_direction(g: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    """−H⁺g per seed: the Newton step, with the pseudo-inverse where H is (nearly) singular."""
    eigenvalues, eigenvectors = torch.linalg.eigh((h + h.transpose(1, 2)) / 2)
    scale = eigenvalues.abs().amax(dim=1, keepdim=True)
    keep = eigenvalues.abs() > 1e-13 * scale
    inverse = torch.where(keep, 1.0 / torch.where(keep, eigenvalues, torch.ones_like(eigenvalues)), 0.0)
    coefficients = torch.einsum("bij,bi->bj", eigenvectors, g) * inverse
    return -torch.einsum("bij,bj->bi", eigenvectors, coefficients)


class _BatchedDerivatives:
    """∇f and the Hessian of fn for a batch of points, built with torch.func."""

    def __init__(self, fn: ScalarFn) -> None:
        def of_vector(p: torch.Tensor) -> torch.Tensor:
            return fn(p[0], p[1])

        gradient = grad(of_vector)

        def gradient_twice(p: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            g = gradient(p)
            return g, g

        self.gradient = vmap(gradient)
        self.hessian_and_gradient = vmap(jacrev(gradient_twice, has_aux=True))


def _damped_newton_step(
    derivatives: _BatchedDerivatives, points: torch.Tensor, g: torch.Tensor, h: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """One Newton step per seed, halved until |∇f| decreases.

    Returns the new points and gradients, the full Newton step lengths, and which seeds improved.
    """
    direction = _newton_direction(g, h)
    norm = g.norm(dim=1)
    new_points, new_g = points.clone(), g.clone()
    pending = torch.ones(len(points), dtype=torch.bool)
    step = 1.0
    for _ in range(LINE_SEARCH_HALVINGS):
        trial = points + step * direction
        trial_g = derivatives.gradient(trial)
        better = pending & torch.isfinite(trial_g).all(dim=1) & (trial_g.norm(dim=1) < norm)
        new_points[better], new_g[better] = trial[better], trial_g[better]
        pending &= ~better
        if not pending.any():
            break
        step /= 2
    return new_points, new_g, direction.norm(dim=1), ~pending


def _newton(
    derivatives: _BatchedDerivatives, points: torch.Tensor, tol: float, step_tol: float, max_iter: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """Damped Newton iteration on ∇f = 0 for every seed; returns the points and their gradients.

    A seed is done when |∇f| <= tol and its Newton step <= step_tol (so that degenerate points,
    where Newton converges only linearly, are located precisely), or when it stops improving.
    """
    _, g = derivatives.hessian_and_gradient(points)
    done = ~torch.isfinite(g).all(dim=1)
    for _ in range(max_iter):
        active = ~done
        if not active.any():
            break
        h_active, g_active = derivatives.hessian_and_gradient(points[active])
        new_points, new_g, step, improved = _damped_newton_step(
            derivatives, points[active], g_active, h_active
        )
        points[active], g[active] = new_points, new_g
        done[active] = ~improved | ((step <= step_tol) & (new_g.norm(dim=1) <= tol))
    return points, g


def _inside(x: float, y: float, domain: Domain) -> bool:
    """Whether (x, y) lies in the closed domain rectangle."""
    xmin, xmax, ymin, ymax = domain
    return xmin <= x <= xmax and ymin <= y <= ymax


def _distinct(candidates: list[tuple[float, float, float]], merge: float) -> list[tuple[float, float]]:
    """One point per cluster (the one with the smallest |∇f|), from (|∇f|, x, y) candidates."""
    kept: list[tuple[float, float]] = []
    for _, x, y in sorted(candidates):
        if all(math.hypot(x - kx, y - ky) >= merge for kx, ky in kept):
            kept.append((x, y))
    return kept


def find_critical_points(
    fn: ScalarFn, domain: Domain, seeds_per_side: int = 15, tol: float = 1e-10, max_iter: int = 50
) -> list[ClassifiedPoint]:
    """Critical points of fn inside domain = (xmin, xmax, ymin, ymax), classified, sorted by (x, y)."""
    if seeds_per_side < 1 or max_iter < 0:
        raise ValueError("seeds_per_side must be >= 1 and max_iter >= 0")
    xmin, xmax, ymin, ymax = domain
    size = max(xmax - xmin, ymax - ymin)
    derivatives = _BatchedDerivatives(fn)
    points, g = _newton(derivatives, _seed_grid(domain, seeds_per_side), tol, tol * size, max_iter)
    norms = g.norm(dim=1)
    accepted = torch.isfinite(norms) & (norms < max(tol, ACCEPT_GRADIENT))
    candidates = [
        (float(n), float(p[0]), float(p[1]))
        for p, n in zip(points[accepted], norms[accepted], strict=True)
        if _inside(float(p[0]), float(p[1]), domain)
    ]
    merge = MERGE_DISTANCE * size
    found = [analyse_point(fn, x, y) for x, y in _distinct(candidates, merge)]
    return sorted(found, key=lambda p: (p.x, p.y))
