"""Loss landscapes of real models: 2-D slices L(θ + α·d₁ + β·d₂), after Li et al. 2018.

As in their code (tomgoldstein/loss-landscape): random directions are filter-normalized (each row of
a weight matrix gets the norm of the same row of the weights; bias directions are zero, their
``ignore='biasbn'``), and trajectories are drawn in the plane of their first two PCA directions
(``setup_PCA_directions``), with the final weights as origin.

Two evaluations of one grid: ``evaluate_landscape_pointwise`` loads each point's weights into the
model and runs it, the way loss-landscape does; ``evaluate_landscape`` does many grid points per
batched forward pass and is what the app uses. The tests hold them equal.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import torch
from torch import nn

from algorithms.classifier import TrainingRun, build_model, parameter_shapes, single_threaded
from algorithms.image_data import ImageSet

DIRECTION_KINDS = ("random", "pca")
CHUNK_BYTES = 4 * 2**20  # activations of one chunk of grid points: small enough to stay in cache

FloatArray = npt.NDArray[np.float64]
Params = Sequence[torch.Tensor] | npt.ArrayLike | torch.Tensor


class LandscapeError(ValueError):
    """A landscape that cannot be computed, in words meant for the user."""


class LandscapeCancelled(Exception):
    """``cancel()`` returned True while the grid was being evaluated."""


# --- directions ------------------------------------------------------------------------------------


def filter_normalized_direction(
    params: Sequence[torch.Tensor], generator: torch.Generator
) -> list[torch.Tensor]:
    """A Gaussian random direction, each filter rescaled to the norm of the matching weight filter.

    A filter is a slice along the first axis (a row of a Linear weight, an output channel of a conv).
    One-dimensional parameters (biases, batch-norm) get a zero direction, loss-landscape's ``biasbn``.
    """
    direction = []
    for p in params:
        d = torch.randn(p.shape, generator=generator, dtype=p.dtype)
        if p.dim() <= 1:
            d.zero_()
        else:
            weight_norms = p.detach().reshape(p.shape[0], -1).norm(dim=1)
            d_norms = d.reshape(p.shape[0], -1).norm(dim=1)
            scale = weight_norms / (d_norms + 1e-10)
            d *= scale.reshape(-1, *([1] * (p.dim() - 1)))
        direction.append(d)
    return direction


def pca_directions(
    trajectory: npt.ArrayLike, final: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """The first two principal directions of θ_t − θ_final, and their explained-variance ratios.

    What loss-landscape's ``setup_PCA_directions`` gets from ``sklearn PCA(n_components=2)``, computed
    from the small T×T Gram matrix of the centred snapshots instead of an SVD of the T×P matrix: the
    same directions, but 0.6 s instead of 26 s for 400 snapshots of the 52,650 weights of the MNIST
    MLP. The sign is fixed so that the first snapshot lies at α ≤ 0, β ≤ 0: paths run towards the origin.
    """
    diffs = np.asarray(trajectory, dtype=np.float64) - np.asarray(final, dtype=np.float64)
    if diffs.ndim != 2 or len(diffs) < 2 or diffs.shape[1] < 2:
        raise LandscapeError(f"PCA needs at least 2 points of at least 2 parameters, got shape {diffs.shape}")
    centred = diffs - diffs.mean(axis=0)
    total = float(np.sum(centred**2))
    if not (math.isfinite(total) and total > 0):
        raise LandscapeError("the trajectory does not move (or is not finite): it has no PCA directions")
    eigenvalues, eigenvectors = np.linalg.eigh(centred @ centred.T)  # ascending
    variance = np.clip(eigenvalues[::-1][:2], 0.0, None)
    d1 = centred.T @ eigenvectors[:, -1]
    d1 /= np.linalg.norm(d1)
    d2 = centred.T @ eigenvectors[:, -2]
    d2 -= (d2 @ d1) * d1  # exact orthogonality even when the second variance is ~0
    norm2 = np.linalg.norm(d2)
    if norm2 == 0.0:  # the path is a line through the mean: any unit vector ⟂ d1 does
        d2 = np.zeros_like(d1)
        d2[int(np.argmin(np.abs(d1)))] = 1.0
        d2 -= (d2 @ d1) * d1
        norm2 = np.linalg.norm(d2)
    d2 /= norm2
    for d in (d1, d2):
        if diffs[0] @ d > 0:
            d *= -1
    return d1, d2, variance / total


def project(
    trajectory: npt.ArrayLike, origin: npt.ArrayLike, d1: npt.ArrayLike, d2: npt.ArrayLike
) -> FloatArray:
    """(T, 2) coordinates (α, β) of each θ_t − origin: least squares onto the plane spanned by d1, d2.

    Snapshots that are not finite (a run that diverged) get NaN coordinates: LAPACK's least squares
    would fail on them ("SVD did not converge") and print to stderr.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        diffs = np.asarray(trajectory, dtype=np.float64) - np.asarray(origin, dtype=np.float64)
    basis = np.stack([np.asarray(d1, dtype=np.float64), np.asarray(d2, dtype=np.float64)], axis=1)
    if not np.isfinite(basis).all():
        raise LandscapeError("the directions are not finite: the weights are too large to draw around")
    finite = np.isfinite(diffs).all(axis=1)
    coords = np.full((len(diffs), 2), np.nan)
    if finite.any():
        coords[finite] = np.linalg.lstsq(basis, diffs[finite].T, rcond=None)[0].T
    return coords


# --- parameters as lists or flat vectors -----------------------------------------------------------


def _param_list(model_kind: str, features: int, value: Params) -> list[torch.Tensor]:
    """float32 tensors shaped like ``model.parameters()``, from such a list or one flat vector."""
    shapes = parameter_shapes(model_kind, features)
    if isinstance(value, Sequence) and len(value) == len(shapes) and all(torch.is_tensor(v) for v in value):
        tensors = [torch.as_tensor(v, dtype=torch.float32) for v in value]
    else:
        flat = torch.as_tensor(np.asarray(value), dtype=torch.float32).reshape(-1)
        sizes = [math.prod(shape) for shape in shapes]
        if flat.numel() != sum(sizes):
            raise LandscapeError(f"expected {sum(sizes)} parameters for this model, got {flat.numel()}")
        tensors = list(flat.split(sizes))
        tensors = [t.reshape(shape) for t, shape in zip(tensors, shapes, strict=True)]
    if [t.shape for t in tensors] != shapes:
        raise LandscapeError(f"parameter shapes {[tuple(t.shape) for t in tensors]} do not fit the model")
    return tensors


def _data(data: tuple[npt.ArrayLike, npt.ArrayLike]) -> tuple[torch.Tensor, torch.Tensor]:
    x = torch.as_tensor(np.asarray(data[0]), dtype=torch.float32)
    y = torch.as_tensor(np.asarray(data[1]), dtype=torch.int64)
    return x, y


# --- evaluation ------------------------------------------------------------------------------------


@torch.no_grad()
def evaluate_landscape_pointwise(
    model_kind: str,
    base_params: Params,
    d1: Params,
    d2: Params,
    data: tuple[npt.ArrayLike, npt.ArrayLike],
    alphas: npt.ArrayLike,
    betas: npt.ArrayLike,
) -> FloatArray:
    """grid[i, j] = mean cross-entropy at θ + alphas[j]·d1 + betas[i]·d2, one forward pass per point."""
    x, y = _data(data)
    features = x.shape[1]
    model = build_model(model_kind, features)
    base, dir1, dir2 = (_param_list(model_kind, features, v) for v in (base_params, d1, d2))
    loss_fn = nn.CrossEntropyLoss()
    a32, b32 = np.asarray(alphas, dtype=np.float32), np.asarray(betas, dtype=np.float32)
    grid = np.empty((len(b32), len(a32)))
    with single_threaded():
        for i, b in enumerate(b32.tolist()):
            for j, a in enumerate(a32.tolist()):
                for p, w, u, v in zip(model.parameters(), base, dir1, dir2, strict=True):
                    p.copy_(w + a * u + b * v)
                grid[i, j] = float(loss_fn(model(x), y))
    return grid


@torch.no_grad()
@single_threaded()
def evaluate_landscape(
    model_kind: str,
    base_params: Params,
    d1: Params,
    d2: Params,
    data: tuple[npt.ArrayLike, npt.ArrayLike],
    alphas: npt.ArrayLike,
    betas: npt.ArrayLike,
    chunk: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> FloatArray:
    """The same grid as ``evaluate_landscape_pointwise``, ``chunk`` grid points per batched forward pass.

    Every weight is W₀ + α·D₁ + β·D₂, so a chunk's weights are one matmul of its (1, α, β) rows with
    the stacked (W₀, D₁, D₂). The first layer is linear in (α, β) too: x·Wᵀ is computed once for each
    of the three, not once per grid point — the bulk of the work for wide images. Later layers run as
    batched matmuls (``baddbmm``). ``chunk=None`` picks it from a memory budget; ``cancel()`` is polled
    between chunks and raises LandscapeCancelled. Runs on one thread, like the training (measured
    faster here: each chunk's matmuls are a few MFLOP, and other workers share the cores).
    """
    x, y = _data(data)
    features = x.shape[1]
    base, dir1, dir2 = (_param_list(model_kind, features, v) for v in (base_params, d1, d2))
    stacked = [torch.stack(three) for three in zip(base, dir1, dir2, strict=True)]  # (3, *shape) each
    weights, biases = stacked[0::2], stacked[1::2]
    # Activations are kept as (grid point, unit, sample): the class axis of the last layer is then not
    # the innermost one, and log-sum-exp over it vectorises along the samples (2-3× faster than
    # log_softmax over rows of 10). First layer for the three weight sets, as rows (3, h·N):
    first = torch.baddbmm(biases[0].unsqueeze(2), weights[0], x.T.expand(3, *x.T.shape)).reshape(3, -1)
    a32, b32 = np.asarray(alphas, dtype=np.float32), np.asarray(betas, dtype=np.float32)
    bb, aa = np.meshgrid(b32, a32, indexing="ij")
    coefs = torch.from_numpy(np.stack([np.ones(aa.size, np.float32), aa.ravel(), bb.ravel()], axis=1))
    n, width = len(y), sum(w.shape[1] for w in weights)
    if chunk is None:
        chunk = max(1, CHUNK_BYTES // (4 * n * width))
    target = y.reshape(1, 1, n)
    losses = torch.empty(len(coefs), dtype=torch.float32)
    for start in range(0, len(coefs), chunk):
        if cancel is not None and cancel():
            raise LandscapeCancelled("landscape evaluation cancelled")
        c = coefs[start : start + chunk]
        k = len(c)
        z = (c @ first).reshape(k, -1, n)
        for w, b in zip(weights[1:], biases[1:], strict=True):
            layer_w = (c @ w.reshape(3, -1)).reshape(k, *w.shape[1:])
            z = torch.baddbmm((c @ b).unsqueeze(2), layer_w, z.relu_())
        picked = z.gather(1, target.expand(k, 1, n)).squeeze(1)
        losses[start : start + k] = (torch.logsumexp(z, dim=1) - picked).mean(dim=1)
        if progress is not None:
            progress(min(1.0, (start + k) / len(coefs)))
    return losses.reshape(len(b32), len(a32)).double().numpy()


# --- a landscape for a set of training runs --------------------------------------------------------


def grid_axes(
    points: npt.ArrayLike, resolution: int, at_least: float | None = None, margin: float = 0.1
) -> tuple[FloatArray, FloatArray]:
    """α and β axes of ``resolution`` values that cover the finite points with a margin.

    ``at_least`` makes each axis cover [−at_least, at_least] too (Li et al. plot random slices on [−1, 1]).
    """
    coords = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    coords = coords[np.isfinite(coords).all(axis=1)]
    low, high = (coords.min(axis=0), coords.max(axis=0)) if len(coords) else (np.zeros(2), np.zeros(2))
    pad = margin * np.maximum(high - low, 1e-12)
    low, high = low - pad, high + pad
    if at_least is not None:
        low, high = np.minimum(low, -at_least), np.maximum(high, at_least)
    flat = high - low < 1e-9
    low[flat], high[flat] = low[flat] - 1.0, high[flat] + 1.0
    return np.linspace(low[0], high[0], resolution), np.linspace(low[1], high[1], resolution)


def evaluation_subset(
    data: ImageSet, samples: int, seed: int
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """At most ``samples`` images of data (a seeded random choice when there are more)."""
    if len(data) <= samples:
        return data.images, data.labels
    chosen = torch.randperm(len(data), generator=torch.Generator().manual_seed(seed))[:samples].numpy()
    chosen.sort()
    return data.images[chosen], data.labels[chosen]


@dataclass(frozen=True, eq=False)
class Landscape:
    """A loss grid around ``origin`` (the first run's final weights) and every run's path in its plane."""

    directions: str
    alphas: FloatArray
    betas: FloatArray
    grid: FloatArray
    origin: npt.NDArray[np.float32]
    d1: FloatArray
    d2: FloatArray
    trajectories: dict[str, FloatArray]
    explained_ratio: FloatArray | None
    samples: int


def landscape_of_runs(
    runs: Mapping[str, TrainingRun],
    data: tuple[npt.ArrayLike, npt.ArrayLike],
    directions: str = "pca",
    resolution: int = 41,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Landscape:
    """The landscape around the first run's final weights, with every run's snapshots projected on it.

    "pca": the plane of the first two PCA directions of all runs' snapshots (finite ones) relative to
    that origin. "random": two filter-normalized directions drawn from ``seed``; the grid covers
    [−1, 1]² and the projected paths.
    """
    if directions not in DIRECTION_KINDS:
        raise LandscapeError(
            f"unknown directions '{directions}'; choose one of: {', '.join(DIRECTION_KINDS)}"
        )
    if not runs:
        raise LandscapeError("no training runs to draw")
    first = next(iter(runs.values()))
    model_kind, origin = first.model_kind, first.final_params
    if not np.isfinite(origin).all():
        raise LandscapeError("the first run diverged: its final weights are not finite")
    features = int(np.asarray(data[0]).shape[1])
    ratio = None
    if directions == "pca":
        snapshots = np.concatenate([run.snapshots for run in runs.values()])
        d1, d2, ratio = pca_directions(snapshots[np.isfinite(snapshots).all(axis=1)], origin)
    else:
        generator = torch.Generator().manual_seed(seed)
        base = _param_list(model_kind, features, origin)
        d1, d2 = (
            torch.cat([d.reshape(-1) for d in filter_normalized_direction(base, generator)]).double().numpy()
            for _ in range(2)
        )
        if not (np.isfinite(d1).all() and np.isfinite(d2).all()):  # float32 filter norms overflowed
            raise LandscapeError(
                "the first run's final weights are too large for random directions"
                " (it diverged: try a smaller lr)"
            )
    trajectories = {name: project(run.snapshots, origin, d1, d2) for name, run in runs.items()}
    alphas, betas = grid_axes(
        np.concatenate(list(trajectories.values())),
        resolution,
        at_least=1.0 if directions == "random" else None,
    )
    grid = evaluate_landscape(
        model_kind, origin, d1, d2, data, alphas, betas, progress=progress, cancel=cancel
    )
    return Landscape(
        directions, alphas, betas, grid, origin, d1, d2, trajectories, ratio, len(np.asarray(data[1]))
    )
