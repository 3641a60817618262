"""Mini-batch index schedules, identical to what torch's DataLoader yields.

Running a real DataLoader per slider move would cost ~30 µs a batch, so this replays exactly the
random draws DataLoader makes on its seeded generator (tests/algorithms/test_batches.py proves the
equality against ``DataLoader(..., shuffle=True, generator=torch.Generator().manual_seed(seed))``):
each epoch's iterator draws an int64 base seed, then RandomSampler draws ``randperm(n)``, and, once
the epoch is exhausted, one more ``randperm(n)`` for its (empty) remainder. The draws come from
algorithms/torch_random.py, so a schedule needs no torch import (start-up time).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from algorithms.torch_random import TorchGenerator


@dataclass(frozen=True)
class BatchSchedule:
    """Batch t holds ``indices[offsets[t]:offsets[t + 1]]``."""

    indices: np.ndarray  # int64, concatenated batches
    offsets: np.ndarray  # int64, (steps + 1,)

    def batch(self, step: int) -> np.ndarray:
        return self.indices[self.offsets[step] : self.offsets[step + 1]]


def resolve_batch_size(batch_size: int | None, n: int) -> int:
    """``None`` or 0 means the whole data set (plain gradient descent)."""
    if batch_size is None or batch_size == 0 or batch_size >= n:
        return n
    if batch_size < 0:
        raise ValueError(f"batch size must be positive, got {batch_size}")
    return batch_size


@lru_cache(maxsize=256)
def batch_schedule(n: int, batch_size: int | None, shuffle: bool, seed: int, steps: int) -> BatchSchedule:
    """The first ``steps`` batches of an n-sample DataLoader, epoch after epoch (drop_last=False)."""
    if n <= 0:
        raise ValueError("the data set is empty")
    size = resolve_batch_size(batch_size, n)
    batches_per_epoch = -(-n // size)
    epochs = -(-steps // batches_per_epoch) if steps > 0 else 0
    generator = TorchGenerator(seed)
    orders = []
    for _ in range(epochs):
        if shuffle:
            generator.int64_random_()
            orders.append(generator.randperm(n))
            generator.randperm(n)
        else:
            orders.append(np.arange(n, dtype=np.int64))
    epoch_lengths = np.full(batches_per_epoch, size, dtype=np.int64)
    epoch_lengths[-1] = n - size * (batches_per_epoch - 1)
    lengths = np.tile(epoch_lengths, epochs)[:steps]
    offsets = np.zeros(steps + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    indices = np.concatenate(orders)[: offsets[-1]] if orders else np.zeros(0, dtype=np.int64)
    indices = np.ascontiguousarray(indices, dtype=np.int64)
    indices.flags.writeable = False
    offsets.flags.writeable = False
    return BatchSchedule(indices, offsets)
