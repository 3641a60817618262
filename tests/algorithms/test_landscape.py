"""Loss landscapes: filter normalization, PCA directions, projection, fast grid = pointwise grid."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from algorithms.classifier import build_model, train
from algorithms.image_data import ImageSplit, load_digits_data, split_images
from algorithms.landscape import (
    LandscapeCancelled,
    LandscapeError,
    evaluate_landscape,
    evaluate_landscape_pointwise,
    filter_normalized_direction,
    grid_axes,
    landscape_of_runs,
    pca_directions,
    project,
)
from algorithms.optimizers import preset


@pytest.fixture(scope="module")
def digits() -> ImageSplit:
    return split_images(load_digits_data(), seed=0)


def _flat(tensors: list[torch.Tensor]) -> np.ndarray:
    return torch.cat([t.reshape(-1) for t in tensors]).numpy()


def test_filter_normalized_direction() -> None:
    generator = torch.Generator().manual_seed(0)
    params = [torch.randn(8, 5) * 3, torch.randn(8), torch.randn(4, 3, 2, 2), torch.randn(4)]
    direction = filter_normalized_direction(params, generator)
    assert [d.shape for d in direction] == [p.shape for p in params]
    for d, p in zip(direction, params, strict=True):
        if p.dim() == 1:
            assert torch.count_nonzero(d) == 0  # biases: ignore='biasbn'
        else:
            rows = d.reshape(len(d), -1).norm(dim=1)
            torch.testing.assert_close(rows, p.reshape(len(p), -1).norm(dim=1), rtol=1e-5, atol=0)
    again = filter_normalized_direction(params, torch.Generator().manual_seed(0))
    assert all(torch.equal(a, b) for a, b in zip(direction, again, strict=True))


def test_pca_of_a_straight_line() -> None:
    rng = np.random.default_rng(0)
    final, step = rng.normal(size=50), rng.normal(size=50)
    trajectory = final + np.linspace(1.0, 0.0, 30)[:, None] ** 2 * step  # uneven steps along one line
    d1, d2, ratio = pca_directions(trajectory, final)
    assert ratio[0] == pytest.approx(1.0, abs=1e-12) and ratio[1] < 1e-12
    assert abs(d1 @ step) == pytest.approx(np.linalg.norm(step))  # d1 is the line's direction
    coords = project(trajectory, final, d1, d2)
    np.testing.assert_allclose(coords[:, 1], 0.0, atol=1e-10)  # every point on the line β = 0
    np.testing.assert_allclose(coords[-1], [0.0, 0.0], atol=1e-12)
    assert coords[0, 0] < 0 and np.all(np.diff(coords[:, 0]) >= 0)  # starts at α < 0, moves to 0


def test_pca_plane_of_a_bent_path_is_exact() -> None:
    rng = np.random.default_rng(1)
    final, u, v = rng.normal(size=(3, 40))
    t = np.linspace(0.0, 1.0, 25)[:, None]
    trajectory = final + (1 - t) * 2.0 * u + np.sin(np.pi * t) * v
    d1, d2, ratio = pca_directions(trajectory, final)
    np.testing.assert_allclose([d1 @ d1, d2 @ d2, d1 @ d2], [1.0, 1.0, 0.0], atol=1e-12)
    assert ratio.sum() == pytest.approx(1.0)
    coords = project(trajectory, final, d1, d2)
    rebuilt = final + coords[:, :1] * d1 + coords[:, 1:] * d2
    np.testing.assert_allclose(rebuilt, trajectory, atol=1e-10)
    with pytest.raises(LandscapeError, match="does not move"):
        pca_directions(np.tile(final, (5, 1)), final)


def test_projection_onto_non_orthogonal_directions() -> None:
    rng = np.random.default_rng(2)
    origin, d1, d2 = rng.normal(size=(3, 20))
    coefficients = rng.normal(size=(7, 2))
    points = origin + coefficients[:, :1] * d1 + coefficients[:, 1:] * d2
    np.testing.assert_allclose(project(points, origin, d1, d2), coefficients, atol=1e-12)


@pytest.mark.parametrize("kind", ["softmax", "mlp"])
def test_fast_landscape_equals_pointwise(digits: ImageSplit, kind: str) -> None:
    model = build_model(kind, 64)
    params = [p.detach() for p in model.parameters()]
    generator = torch.Generator().manual_seed(3)
    d1, d2 = (filter_normalized_direction(params, generator) for _ in range(2))
    d2[1] += 0.1  # a bias direction too, so every term of the fast path is exercised
    data = (digits.train.images[:300], digits.train.labels[:300])
    alphas, betas = np.linspace(-1.0, 1.5, 7), np.linspace(-0.5, 1.0, 6)
    slow = evaluate_landscape_pointwise(kind, params, d1, d2, data, alphas, betas)
    assert slow.shape == (6, 7)
    for chunk in (None, 1, 5, 100):
        fast = evaluate_landscape(kind, params, d1, d2, data, alphas, betas, chunk=chunk)
        np.testing.assert_allclose(fast, slow, rtol=1e-5, atol=1e-5)
    # Flat vectors are accepted as well as lists of tensors.
    flat = evaluate_landscape(kind, _flat(params), _flat(d1), _flat(d2), data, alphas, betas)
    np.testing.assert_allclose(flat, slow, rtol=1e-5, atol=1e-5)
    # grid[i, j] is the loss at θ + alphas[j]·d1 + betas[i]·d2.
    with torch.no_grad():
        for p, w, u, v in zip(model.parameters(), params, d1, d2, strict=True):
            p.copy_(w + float(alphas[4]) * u + float(betas[2]) * v)
        x, y = torch.from_numpy(data[0]), torch.from_numpy(data[1])
        direct = float(nn.functional.cross_entropy(model(x), y))
    assert slow[2, 4] == pytest.approx(direct, rel=1e-6)


def test_landscape_progress_cancel_and_bad_vectors(digits: ImageSplit) -> None:
    params = [p.detach() for p in build_model("softmax", 64).parameters()]
    d1 = filter_normalized_direction(params, torch.Generator().manual_seed(0))
    data = (digits.train.images[:50], digits.train.labels[:50])
    axis = np.linspace(-1, 1, 5)
    progress: list[float] = []
    evaluate_landscape("softmax", params, d1, d1, data, axis, axis, chunk=4, progress=progress.append)
    assert progress == sorted(progress) and progress[-1] == 1.0 and len(progress) == 7
    with pytest.raises(LandscapeCancelled):
        evaluate_landscape("softmax", params, d1, d1, data, axis, axis, chunk=4, cancel=lambda: True)
    with pytest.raises(LandscapeError, match="expected 650 parameters"):
        evaluate_landscape("softmax", np.zeros(10), d1, d1, data, axis, axis)


def test_grid_axes_cover_the_points() -> None:
    points = np.array([[-2.0, 0.5], [0.0, 0.0], [1.0, 3.0], [np.nan, 9.0]])
    alphas, betas = grid_axes(points, 11, margin=0.1)
    assert len(alphas) == len(betas) == 11
    assert alphas[0] == pytest.approx(-2.3) and alphas[-1] == pytest.approx(1.3)
    assert betas[0] == pytest.approx(-0.3) and betas[-1] == pytest.approx(3.3)
    alphas, betas = grid_axes(np.zeros((3, 2)), 5, at_least=1.0)
    assert (alphas[0], alphas[-1], betas[0], betas[-1]) == (-1.0, 1.0, -1.0, 1.0)


@pytest.mark.parametrize("directions", ["pca", "random"])
def test_landscape_of_runs(digits: ImageSplit, directions: str) -> None:
    runs = {
        name: train("softmax", digits, preset(name, lr=0.05), epochs=1, batch_size=64, seed=1)
        for name in ("sgd", "adam")
    }
    data = (digits.train.images[:200], digits.train.labels[:200])
    landscape = landscape_of_runs(runs, data, directions, resolution=9, seed=0)
    assert landscape.grid.shape == (9, 9) and np.isfinite(landscape.grid).all()
    assert set(landscape.trajectories) == {"sgd", "adam"}
    np.testing.assert_allclose(landscape.trajectories["sgd"][-1], [0.0, 0.0], atol=1e-6)  # the origin
    for path in landscape.trajectories.values():
        assert len(path) == len(runs["sgd"].snapshots)
        assert landscape.alphas[0] <= path[:, 0].min() and path[:, 0].max() <= landscape.alphas[-1]
        assert landscape.betas[0] <= path[:, 1].min() and path[:, 1].max() <= landscape.betas[-1]
    if directions == "pca":
        assert landscape.explained_ratio is not None and 0.5 < landscape.explained_ratio.sum() <= 1.0
    else:
        assert landscape.alphas[0] <= -1.0 and landscape.alphas[-1] >= 1.0
    with pytest.raises(LandscapeError, match="unknown directions"):
        landscape_of_runs(runs, data, "hessian")
