from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from algorithms.batches import batch_schedule, resolve_batch_size


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
    assert len(schedule.offsets) == steps + 1
    for step, batch in enumerate(expected):
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
