"""Image classifiers trained as the course writes them: nn.Module, CrossEntropyLoss, torch.optim, DataLoader.

Two models on flattened images: softmax regression ``nn.Linear(d, 10)`` and an MLP d → 64 → 32 → 10
with ReLU. Several optimizers start from the same initial weights (``initial_state``), and a run is
reproducible from its seed: the weights, the DataLoader's shuffling and everything else come from
explicit seeded generators, never from the global random state.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import torch
from torch import nn
from torch.nn.utils import parameters_to_vector
from torch.utils.data import DataLoader, TensorDataset

from algorithms.image_data import ImageSet, ImageSplit
from algorithms.optimizers import OptimizerConfig
from algorithms.reference import TORCH_OPTIMIZERS

MODEL_KINDS = ("softmax", "mlp")
HIDDEN = (64, 32)
CLASSES = 10
TARGET_SNAPSHOTS = 100  # parameter vectors kept per run: enough for a smooth path in the plane
SPLITS = ("train", "val", "test")

StateDict = dict[str, torch.Tensor]
FloatArray = npt.NDArray[np.float64]


class ClassifierError(ValueError):
    """A bad training request, in words meant for the user."""


_threads_lock = threading.Lock()
_threads_users = 0
_threads_saved = 0


@contextmanager
def single_threaded() -> Iterator[None]:
    """Run torch on one intra-op thread inside the block (process-wide), restored by the last to leave.

    Batches of 32 images through layers of 64 units are far too small to share: OpenMP's fork/join
    costs more than the matmul (Linear(64, 64) on 32 rows: 11 µs on one thread, 95 µs on two, and
    worse when the cores are busy), so a training run is ~10× faster on one thread.
    """
    global _threads_users, _threads_saved
    with _threads_lock:
        if _threads_users == 0:
            _threads_saved = torch.get_num_threads()
            torch.set_num_threads(1)
        _threads_users += 1
    try:
        yield
    finally:
        with _threads_lock:
            _threads_users -= 1
            if _threads_users == 0:
                torch.set_num_threads(_threads_saved)


def build_model(model_kind: str, features: int) -> nn.Sequential:
    """The model for flattened images of ``features`` pixels (weights from torch's global generator)."""
    if model_kind == "softmax":
        return nn.Sequential(nn.Linear(features, CLASSES))
    if model_kind == "mlp":
        return nn.Sequential(
            nn.Linear(features, HIDDEN[0]),
            nn.ReLU(),
            nn.Linear(HIDDEN[0], HIDDEN[1]),
            nn.ReLU(),
            nn.Linear(HIDDEN[1], CLASSES),
        )
    raise ClassifierError(f"unknown model '{model_kind}'; choose one of: {', '.join(MODEL_KINDS)}")


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def parameter_shapes(model_kind: str, features: int) -> list[torch.Size]:
    """The shapes of ``model.parameters()`` in order: weight, bias of each Linear layer."""
    return [p.shape for p in build_model(model_kind, features).parameters()]


def initial_state(model_kind: str, features: int, seed: int) -> StateDict:
    """PyTorch's default initialisation drawn after ``torch.manual_seed(seed)``, global state untouched."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = build_model(model_kind, features)
    return {name: value.detach().clone() for name, value in model.state_dict().items()}


@dataclass(frozen=True, eq=False)
class TrainingRun:
    """One optimizer's training, recorded for curves and for trajectories in a loss landscape.

    ``batch_loss[t]`` is the loss of the batch used by step t. ``snapshots[i]`` is the flattened parameter
    vector (``parameters_to_vector``) after ``snapshot_steps[i]`` steps; the first is the initial weights
    and the last the final ones. Epoch metrics have one entry per finished epoch plus entry 0 for the
    initial weights; a split with no samples gives NaN.
    """

    model_kind: str
    optimizer: OptimizerConfig
    seed: int
    batch_size: int
    steps_per_epoch: int
    batch_loss: npt.NDArray[np.float32]
    snapshot_steps: npt.NDArray[np.int64]
    snapshots: npt.NDArray[np.float32]
    metrics: dict[str, FloatArray]
    final_state: StateDict = field(repr=False)
    cancelled: bool = False

    @property
    def final_params(self) -> npt.NDArray[np.float32]:
        final: npt.NDArray[np.float32] = self.snapshots[-1]
        return final

    @property
    def epochs_done(self) -> int:
        return len(self.metrics["train_loss"]) - 1

    def final_accuracy(self) -> dict[str, float]:
        return {split: float(self.metrics[f"{split}_accuracy"][-1]) for split in SPLITS}


def _tensors(data: ImageSet) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.from_numpy(data.images), torch.from_numpy(data.labels)


@torch.no_grad()
def evaluate(model: nn.Module, data: ImageSet, chunk: int = 8192) -> tuple[float, float]:
    """Mean cross-entropy and accuracy over a whole set (NaN for an empty set)."""
    if len(data) == 0:
        return math.nan, math.nan
    x, y = _tensors(data)
    total, correct = 0.0, 0
    for start in range(0, len(y), chunk):
        logits = model(x[start : start + chunk])
        target = y[start : start + chunk]
        total += float(nn.functional.cross_entropy(logits, target, reduction="sum"))
        correct += int((logits.argmax(dim=1) == target).sum())
    return total / len(y), correct / len(y)


@single_threaded()
def train(
    model_kind: str,
    data_split: ImageSplit,
    optimizer: OptimizerConfig,
    epochs: int,
    batch_size: int,
    seed: int,
    init_state: StateDict | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    on_epoch: Callable[[int, dict[str, float]], None] | None = None,
) -> TrainingRun:
    """Train with the real torch.optim class; ``cancel()`` is polled before each batch.

    ``on_epoch(epoch, metrics)`` hears each epoch's metrics (the ``metrics`` keys, one float each) as
    soon as they are measured, epoch 0 being the initial weights: a live dashboard's feed. It runs on
    the training thread, so it must return quickly.

    A cancelled run returns cleanly with ``cancelled=True`` and what was recorded so far (the last
    snapshot is the weights at the moment it stopped). Runs on one torch thread (``single_threaded``).
    """
    if model_kind not in MODEL_KINDS:
        raise ClassifierError(f"unknown model '{model_kind}'; choose one of: {', '.join(MODEL_KINDS)}")
    if epochs < 1 or batch_size < 1:
        raise ClassifierError(f"epochs and batch size must be ≥ 1, got {epochs} and {batch_size}")
    if len(data_split.train) == 0:
        raise ClassifierError("the training set is empty")
    optimizer.validate()
    features = data_split.train.features
    with torch.random.fork_rng(devices=[]):  # its default initialisation is replaced just below
        model = build_model(model_kind, features)
    model.load_state_dict(initial_state(model_kind, features, seed) if init_state is None else init_state)
    torch_optimizer = TORCH_OPTIMIZERS[optimizer.name](
        model.parameters(), lr=optimizer.lr, **optimizer.torch_kwargs()
    )
    loss_fn = nn.CrossEntropyLoss()
    loader = DataLoader(
        TensorDataset(*_tensors(data_split.train)),
        batch_size=batch_size,
        shuffle=True,
        generator=torch.Generator().manual_seed(seed),
    )
    total_steps = epochs * len(loader)
    every = max(1, math.ceil(total_steps / TARGET_SNAPSHOTS))
    batch_losses: list[torch.Tensor] = []
    snapshot_steps = [0]
    snapshots = [parameters_to_vector(model.parameters()).detach().clone()]
    metrics: dict[str, list[float]] = {f"{s}_{m}": [] for s in SPLITS for m in ("loss", "accuracy")}

    def record_epoch() -> None:
        model.eval()
        for split in SPLITS:
            loss, accuracy = evaluate(model, getattr(data_split, split))
            metrics[f"{split}_loss"].append(loss)
            metrics[f"{split}_accuracy"].append(accuracy)
        model.train()
        if on_epoch is not None:
            on_epoch(len(metrics["train_loss"]) - 1, {key: values[-1] for key, values in metrics.items()})

    record_epoch()
    cancelled = False
    step = 0
    for _ in range(epochs):
        for x, y in loader:
            if cancel is not None and cancel():
                cancelled = True
                break
            torch_optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            torch_optimizer.step()
            batch_losses.append(loss.detach())
            step += 1
            if step % every == 0 or step == total_steps:
                snapshot_steps.append(step)
                snapshots.append(parameters_to_vector(model.parameters()).detach().clone())
            if progress is not None:
                progress(step / total_steps)
        if cancelled:
            break
        record_epoch()
    if snapshot_steps[-1] != step:  # stopped between two snapshots
        snapshot_steps.append(step)
        snapshots.append(parameters_to_vector(model.parameters()).detach().clone())
    losses = torch.stack(batch_losses).numpy() if batch_losses else np.zeros(0, dtype=np.float32)
    return TrainingRun(
        model_kind=model_kind,
        optimizer=optimizer,
        seed=seed,
        batch_size=batch_size,
        steps_per_epoch=len(loader),
        batch_loss=losses,
        snapshot_steps=np.asarray(snapshot_steps, dtype=np.int64),
        snapshots=torch.stack(snapshots).numpy(),
        metrics={name: np.asarray(values, dtype=np.float64) for name, values in metrics.items()},
        final_state={name: value.detach().clone() for name, value in model.state_dict().items()},
        cancelled=cancelled,
    )
