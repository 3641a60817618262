"""algorithms/torch_random.py draws exactly what torch's CPU generator draws (bit for bit)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.utils.data import random_split

from algorithms.datasets import split_dataset, synthetic_regression
from algorithms.problems import surface_problem
from algorithms.torch_random import TorchGenerator, centred_noise, randperm

SEEDS = (0, 1, 7, 42, 2**31, 2**32 - 1, 2**40 + 5, -1, -12345)
SIZES = (1, 2, 3, 7, 15, 16, 17, 31, 64, 100, 1000, 1001)


@pytest.mark.parametrize("seed", SEEDS)
def test_randperm_is_torchs(seed: int) -> None:
    for n in SIZES:
        expected = torch.randperm(n, generator=torch.Generator().manual_seed(seed)).numpy()
        np.testing.assert_array_equal(randperm(n, seed), expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_centred_noise_is_torchs_bit_for_bit(seed: int) -> None:
    for samples in SIZES:
        generator = torch.Generator().manual_seed(seed)
        eps = torch.randn(samples, 2, generator=generator, dtype=torch.float64) * 0.37
        expected = (eps - eps.mean(dim=0, keepdim=True)).numpy()
        assert np.array_equal(centred_noise(samples, 0.37, seed), expected), samples


@pytest.mark.parametrize("seed", (0, 3, 2**32 - 1))
def test_a_sequence_of_draws_stays_in_step_with_torch(seed: int) -> None:
    generator, mine = torch.Generator().manual_seed(seed), TorchGenerator(seed)
    for count in (3, 5, 1, 16, 2, 40, 7):  # odd counts below 16 use (and keep) the cached sine half
        assert torch.empty((), dtype=torch.int64).random_(generator=generator).item() == mine.int64_random_()
        expected_order = torch.randperm(count, generator=generator).numpy()
        np.testing.assert_array_equal(mine.randperm(count), expected_order)
        expected = torch.randn(count, generator=generator, dtype=torch.float64).numpy()
        assert np.array_equal(mine.randn(count), expected), count


def test_random_split_and_problem_noise_match_torch() -> None:
    data = synthetic_regression()
    split = split_dataset(data, (0.6, 0.3, 0.1), seed=5)
    subsets = random_split(range(len(data)), [60, 30, 10], generator=torch.Generator().manual_seed(5))
    parts = (split.train_indices, split.val_indices, split.test_indices)
    for mine, theirs in zip(parts, subsets, strict=True):
        np.testing.assert_array_equal(mine, np.sort(np.asarray(theirs.indices)))
    eps = torch.randn(100, 2, generator=torch.Generator().manual_seed(3), dtype=torch.float64) * 1.5
    expected = (eps - eps.mean(0, keepdim=True)).numpy()
    assert np.array_equal(surface_problem("bowl", 1.5, 100, 3).noise, expected)
