"""torch's CPU random draws, replayed bit for bit without importing torch.

Importing torch costs ~2 s of a ~3 s start, yet the first picture only needs three of its draws: the
batch order of ``DataLoader(shuffle=True, generator=torch.Generator().manual_seed(seed))``, the
``random_split`` of a data set, and the gradient noise ``torch.randn(n, 2, generator=…)`` re-centred
with ``eps - eps.mean(dim=0, keepdim=True)``. torch's CPU generator is the standard MT19937 seeded
with ``init_genrand(seed mod 2³²)`` — numpy's legacy ``RandomState`` seeding, whose raw 32-bit stream
numpy's ``MT19937`` bit generator hands out. On that stream this module repeats ATen's CPU code:

- ``random()`` is one 32-bit draw, ``random64()`` two (the first is the high word);
- ``randperm(n)`` is Fisher–Yates with ``z = random() % (n − i)`` (n < 2³²/20);
- an int64 ``random_()`` takes one ``random64()``;
- a float64 ``uniform`` is ``(random64() & (2⁵³ − 1)) · 2⁻⁵³``;
- ``normal_`` of ≥ 16 contiguous values fills them with uniforms and applies Box–Muller to blocks of
  16 (the last block redrawn over the tail); fewer than 16 values draw Box–Muller pairs one by one,
  caching the sine half;
- ``sum`` over dim 0 of an (n, 2) tensor is ATen's ``row_sum``: four interleaved cascade accumulators.

tests/algorithms/test_torch_random.py proves every draw equal to torch's for many seeds and sizes.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

_MASK53 = np.uint64((1 << 53) - 1)
_CASCADE_LEVELS = 4
_ILP = 4


class TorchGenerator:
    """The draws of ``torch.Generator().manual_seed(seed)`` on the CPU, in the order they are made."""

    def __init__(self, seed: int) -> None:
        self._bits = np.random.MT19937()
        # init_genrand(seed mod 2³²), as torch seeds it; numpy's stubs type the state dict loosely.
        self._bits.state = np.random.RandomState(seed % 2**32).get_state(legacy=False)  # type: ignore[assignment]
        self._normal_cache: float | None = None

    def random32(self, count: int) -> np.ndarray:
        """``count`` raw 32-bit draws (``generator->random()``), as uint64."""
        draws: np.ndarray = np.asarray(self._bits.random_raw(count), dtype=np.uint64)
        return draws

    def random64(self, count: int) -> np.ndarray:
        """``count`` 64-bit draws: two 32-bit draws each, the first one the high word."""
        words = self.random32(2 * count)
        combined: np.ndarray = (words[0::2] << np.uint64(32)) | words[1::2]
        return combined

    def uniform(self, count: int) -> np.ndarray:
        """``count`` float64 uniforms in [0, 1), as ``uniform_real_distribution<double>`` makes them."""
        return (self.random64(count) & _MASK53).astype(np.float64) * 2.0**-53

    def int64_random_(self) -> int:
        """``torch.empty((), dtype=torch.int64).random_(generator=…)`` (DataLoader's base seed)."""
        return int(self.random64(1)[0] % np.uint64(2**63))

    def randperm(self, n: int) -> np.ndarray:
        """``torch.randperm(n, generator=…)`` as int64."""
        if n >= 2**32 // 20:
            raise ValueError(f"randperm is replayed for n < {2**32 // 20}, got {n}")
        return _fisher_yates(self.random32(max(n - 1, 0)), n)

    def randn(self, count: int) -> np.ndarray:
        """``torch.randn(count, generator=…, dtype=torch.float64)`` (any shape with that many values)."""
        if count >= 16:
            data = self.uniform(count)
            _box_muller_blocks(data, count - count % 16)
            if count % 16:
                data[count - 16 :] = self.uniform(16)
                _box_muller_blocks(data[count - 16 :], 16)
            return data
        out = np.empty(count)
        for i in range(count):
            out[i] = self._normal()
        return out

    def _normal(self) -> float:
        if self._normal_cache is not None:
            value, self._normal_cache = self._normal_cache, None
            return value
        u1, u2 = self.uniform(2)
        radius = math.sqrt(-2.0 * math.log1p(-u2))
        theta = 2.0 * math.pi * u1
        self._normal_cache = radius * math.sin(theta)
        return radius * math.cos(theta)


def randperm(n: int, seed: int) -> np.ndarray:
    """``torch.randperm(n, generator=torch.Generator().manual_seed(seed))``."""
    return TorchGenerator(seed).randperm(n)


def centred_noise(samples: int, scale: float, seed: int) -> np.ndarray:
    """``eps = torch.randn(samples, 2, …) * scale; eps - eps.mean(dim=0, keepdim=True)`` as (samples, 2)."""
    eps = TorchGenerator(seed).randn(2 * samples).reshape(samples, 2) * scale
    means = np.array([_row_sum(eps[:, 0].copy()), _row_sum(eps[:, 1].copy())]) / samples
    centred: np.ndarray = eps - means
    return centred


@njit(cache=True)
def _fisher_yates(draws: np.ndarray, n: int) -> np.ndarray:  # pragma: no cover - compiled
    order = np.arange(n)
    for i in range(n - 1):
        z = i + np.int64(draws[i] % np.uint64(n - i))
        order[i], order[z] = order[z], order[i]
    return order


@njit(cache=True)
def _box_muller_blocks(data: np.ndarray, end: int) -> None:  # pragma: no cover - compiled
    """ATen's normal_fill_16 on each block of 16 uniforms in data[:end]: 8 cosines, then 8 sines."""
    for start in range(0, end, 16):
        for k in range(8):
            u1 = 1.0 - data[start + k]
            u2 = data[start + 8 + k]
            radius = math.sqrt(-2.0 * math.log(u1))
            theta = 2.0 * math.pi * u2
            data[start + k] = radius * math.cos(theta)
            data[start + 8 + k] = radius * math.sin(theta)


@njit(cache=True)
def _row_sum(values: np.ndarray) -> float:  # pragma: no cover - compiled
    """ATen's row_sum: rows of 4 interleaved values summed by multi_row_sum's cascade, then folded."""
    size = values.shape[0]
    rows = size // _ILP
    power = 4
    if rows > 2:
        bits = 0
        while (1 << bits) < rows:
            bits += 1
        power = max(4, bits // _CASCADE_LEVELS)
    step = 1 << power
    mask = step - 1
    acc = np.zeros((_CASCADE_LEVELS, _ILP))
    i = 0
    while i + step <= rows:
        for _ in range(step):
            for k in range(_ILP):
                acc[0, k] += values[i * _ILP + k]
            i += 1
        for j in range(1, _CASCADE_LEVELS):
            for k in range(_ILP):
                acc[j, k] += acc[j - 1, k]
                acc[j - 1, k] = 0.0
            if (i & (mask << (j * power))) != 0:
                break
    while i < rows:
        for k in range(_ILP):
            acc[0, k] += values[i * _ILP + k]
        i += 1
    for j in range(1, _CASCADE_LEVELS):
        for k in range(_ILP):
            acc[0, k] += acc[j, k]
    total = acc[0, 0]
    for i in range(rows * _ILP, size):
        total += values[i]
    for k in range(1, _ILP):
        total += acc[0, k]
    result: float = total
    return result
