"""Mini-batch index schedules, identical to what torch's DataLoader yields.

Running a real DataLoader per slider move would cost ~30 µs a batch, so this replays exactly the
random draws DataLoader makes on its seeded generator (tests/algorithms/test_batches.py proves the
equality against ``DataLoader(..., shuffle=True, generator=torch.Generator().manual_seed(seed))``):
each epoch's iterator draws an int64 base seed, then RandomSampler draws ``randperm(n)``, and, once
the epoch is exhausted, one more ``randperm(n)`` for its (empty) remainder. The draws come from
algorithms/torch_random.py, so a schedule needs no torch import (start-up time).

A schedule whose epochs all look alike is stored as one epoch: without shuffle every epoch is the
file order, and a full batch is the whole set every step, whatever the shuffle (a batch's order only
changes the rounding of its sum, and torch's own reduction order matches neither). So 5,000 full-batch
steps of 2,000 samples keep 2,000 indices, not 10 million (it used to cost 80 MB and ~300 ms a rerun).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

import numpy as np

from algorithms.torch_random import TorchGenerator

CACHE_BYTES = 64 * 2**20  # schedules kept for the next rerun (every optimizer of a rerun shares one)


@dataclass(frozen=True)
class BatchSchedule:
    """Batch t holds ``indices[bounds[t, 0]:bounds[t, 1]]`` (bounds: int64, (steps, 2))."""

    indices: np.ndarray  # int64: one epoch's order, or the shuffled epochs concatenated
    bounds: np.ndarray  # int64, (steps, 2): where each batch starts and ends in ``indices``

    def batch(self, step: int) -> np.ndarray:
        start, end = self.bounds[step]
        return self.indices[start:end]

    @property
    def nbytes(self) -> int:
        return int(self.indices.nbytes + self.bounds.nbytes)


def resolve_batch_size(batch_size: int | None, n: int) -> int:
    """``None`` or 0 means the whole data set (plain gradient descent)."""
    if batch_size is None or batch_size == 0 or batch_size >= n:
        return n
    if batch_size < 0:
        raise ValueError(f"batch size must be positive, got {batch_size}")
    return batch_size


class _ScheduleCache:
    """The most recently used schedules, at most ``limit`` bytes in all.

    functools.lru_cache bounds a count, but a schedule weighs from a few bytes to 80 MB (5,000 shuffled
    mini-batches of 2,000 samples), so this one bounds the bytes.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[int, int, bool, int, int], BatchSchedule] = OrderedDict()
        self._lock = Lock()  # the engine runs optimizers on a thread pool

    def get(self, key: tuple[int, int, bool, int, int]) -> BatchSchedule | None:
        with self._lock:
            schedule = self._items.get(key)
            if schedule is not None:
                self._items.move_to_end(key)
            return schedule

    def put(self, key: tuple[int, int, bool, int, int], schedule: BatchSchedule) -> None:
        with self._lock:
            self._items[key] = schedule
            self._items.move_to_end(key)
            while len(self._items) > 1 and self.nbytes > self.limit:
                self._items.popitem(last=False)

    @property
    def nbytes(self) -> int:
        return sum(schedule.nbytes for schedule in self._items.values())

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


schedule_cache = _ScheduleCache(CACHE_BYTES)


def batch_schedule(n: int, batch_size: int | None, shuffle: bool, seed: int, steps: int) -> BatchSchedule:
    """The first ``steps`` batches of an n-sample DataLoader, epoch after epoch (drop_last=False)."""
    if n <= 0:
        raise ValueError("the data set is empty")
    if steps < 0:
        raise ValueError(f"steps must be ≥ 0, got {steps}")
    size = resolve_batch_size(batch_size, n)
    cyclic = not shuffle or size == n  # every epoch the same batches
    key = (n, size, False, 0, steps) if cyclic else (n, size, True, seed, steps)
    schedule = schedule_cache.get(key)
    if schedule is None:
        schedule = _cyclic(n, size, steps) if cyclic else _shuffled(n, size, seed, steps)
        schedule.indices.flags.writeable = False
        schedule.bounds.flags.writeable = False
        schedule_cache.put(key, schedule)
    return schedule


def _epoch_bounds(n: int, size: int) -> np.ndarray:
    starts = np.arange(0, n, size, dtype=np.int64)
    return np.stack([starts, np.minimum(starts + size, n)], axis=1)


def _cyclic(n: int, size: int, steps: int) -> BatchSchedule:
    """File order every epoch: one epoch of indices, the batches' bounds repeated (O(n + steps))."""
    epoch = _epoch_bounds(n, size)
    repeats = -(-steps // len(epoch)) if steps > 0 else 0
    bounds = np.ascontiguousarray(np.tile(epoch, (repeats, 1))[:steps])
    return BatchSchedule(np.arange(n, dtype=np.int64), bounds)


def _shuffled(n: int, size: int, seed: int, steps: int) -> BatchSchedule:
    """A fresh permutation every epoch, drawn as DataLoader draws it (O(steps · size) indices)."""
    epoch = _epoch_bounds(n, size)
    epochs = -(-steps // len(epoch)) if steps > 0 else 0
    generator = TorchGenerator(seed)
    orders = []
    for _ in range(epochs):
        generator.int64_random_()
        orders.append(generator.randperm(n))
        generator.randperm(n)
    shifts = np.arange(epochs, dtype=np.int64)[:, None, None] * n
    bounds = np.ascontiguousarray((epoch[None, :, :] + shifts).reshape(-1, 2)[:steps])
    used = int(bounds[-1, 1]) if steps > 0 else 0
    indices = np.concatenate(orders)[:used] if orders else np.zeros(0, dtype=np.int64)
    return BatchSchedule(np.ascontiguousarray(indices, dtype=np.int64), bounds)
