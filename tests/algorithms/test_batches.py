from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from algorithms.batches import CACHE_BYTES, batch_schedule, resolve_batch_size, schedule_cache


def dataloader_batches(n: int, batch_size: int, shuffle: bool, seed: int, steps: int) -> list[np.ndarray]:
    loader = DataLoader(
        TensorDataset(torch.arange(n)),
        batch_size=batch_size,
        shuffle=shuffle,
        generator=torch.Generator().manual_seed(seed),
    )
    batches: list[np.ndarray] = []
    while len(batches) < steps:
        batches.extend(b.numpy() for (b,) in loader)
    return batches[:steps]


@pytest.mark.parametrize(
    ("n", "batch_size", "seed", "steps"),
    [(10, 3, 0, 25), (7, 7, 3, 6), (100, 32, 1, 40), (3, 1, 5, 20), (5, 2, 123, 17), (64, 64, 9, 3)],
)
@pytest.mark.parametrize("shuffle", [True, False])
def test_schedule_equals_dataloader(n: int, batch_size: int, seed: int, steps: int, shuffle: bool) -> None:
    schedule = batch_schedule(n, batch_size, shuffle, seed, steps)
    expected = dataloader_batches(n, batch_size, shuffle, seed, steps)
    assert len(schedule.bounds) == steps
    for step, batch in enumerate(expected):
        if batch_size == n:  # a full batch is the whole set; its order only changes a sum's rounding
            np.testing.assert_array_equal(schedule.batch(step), np.sort(batch))
        else:
            np.testing.assert_array_equal(schedule.batch(step), batch)


def test_without_shuffle_batches_follow_file_order() -> None:
    schedule = batch_schedule(5, 2, False, 0, 4)
    assert [schedule.batch(t).tolist() for t in range(4)] == [[0, 1], [2, 3], [4], [0, 1]]


def test_full_batch_and_oversized_batch_mean_the_whole_set() -> None:
    assert resolve_batch_size(None, 8) == 8
    assert resolve_batch_size(0, 8) == 8
    assert resolve_batch_size(100, 8) == 8
    assert resolve_batch_size(3, 8) == 3


def test_schedules_are_read_only() -> None:
    schedule = batch_schedule(6, 4, True, 0, 3)
    with pytest.raises(ValueError):
        schedule.indices[0] = 1


@pytest.mark.parametrize(("batch_size", "shuffle"), [(0, True), (0, False), (2_000, True), (7, False)])
def test_full_batch_and_unshuffled_schedules_keep_one_epoch_not_steps_times_n(
    batch_size: int, shuffle: bool
) -> None:
    """5,000 steps over 2,000 samples: O(n + steps) bytes, where steps × n indices would be 80 MB."""
    n, steps = 2_000, 5_000
    schedule_cache.clear()
    tracemalloc.start()
    try:
        schedule = batch_schedule(n, batch_size, shuffle, 1, steps)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert schedule.indices.nbytes == n * 8
    assert schedule.bounds.shape == (steps, 2)
    assert peak < 4 * (n + 2 * steps) * 8  # a few copies of O(n + steps) int64s, never steps · n
    batches = [schedule.batch(t) for t in range(steps)]
    assert sum(len(b) for b in batches[: -(-n // resolve_batch_size(batch_size, n))]) == n


def test_the_schedule_cache_is_bounded_in_bytes() -> None:
    schedule_cache.clear()
    for seed in range(3):  # 3 shuffled schedules of 5,000 × 999 indices: 40 MB each
        batch_schedule(1_000, 999, True, seed, 5_000)
    assert 0 < schedule_cache.nbytes <= CACHE_BYTES
    schedule_cache.clear()
