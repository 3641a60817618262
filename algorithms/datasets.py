"""Data for the model problems: the course example, seeded synthetic sets, CSV files, and the split."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from algorithms.regular_files import MAX_CSV_BYTES, FileRefusedError, read_regular
from algorithms.torch_random import randperm

TASKS = ("regression", "classification")
FloatArray = npt.NDArray[np.float64]
IndexArray = npt.NDArray[np.int64]


class DatasetError(ValueError):
    """A problem with data, in words meant for the user."""


def _frozen(values: npt.ArrayLike) -> FloatArray:
    """A read-only float64 copy."""
    array = np.array(values, dtype=np.float64)
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class Dataset:
    """One feature x and one target y per sample (read-only float64 arrays)."""

    name: str
    x: FloatArray
    y: FloatArray
    task: str = "regression"

    def __post_init__(self) -> None:
        object.__setattr__(self, "x", _frozen(self.x))
        object.__setattr__(self, "y", _frozen(self.y))
        if self.task not in TASKS:
            raise DatasetError(f"unknown task '{self.task}'; choose one of: {', '.join(TASKS)}")
        if self.x.ndim != 1 or self.x.shape != self.y.shape:
            raise DatasetError(
                f"x and y must be two 1-D arrays of one length, got {self.x.shape} and {self.y.shape}"
            )
        if self.task == "classification" and not np.isin(self.y, (0.0, 1.0)).all():
            raise DatasetError("classification labels must be 0 or 1")

    def __len__(self) -> int:
        return len(self.x)

    def subset(self, indices: IndexArray) -> Dataset:
        """The samples at these indices, in the order given."""
        return Dataset(self.name, self.x[indices], self.y[indices], self.task)


# --- built-in data -------------------------------------------------------------------------------


def course_data() -> Dataset:
    """The course's example: x = 1, 2, 3 and y = 2, 4, 6."""
    return Dataset("course", np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0]))


def _check_size(n: int, least: int = 1) -> None:
    """DatasetError unless n is an integer >= least."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < least:
        raise DatasetError(f"the number of samples must be a whole number ≥ {least}, got {n!r}")


def synthetic_regression(
    n: int = 100, a: float = 2.0, b: float = 1.0, noise: float = 0.5, seed: int = 0
) -> Dataset:
    """y = a·x + b + N(0, noise²) with x uniform in [−2, 2]; the same seed gives the same data."""
    _check_size(n)
    if not (math.isfinite(noise) and noise >= 0):
        raise DatasetError(f"noise must be a number ≥ 0, got {noise}")
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2.0, 2.0, n)
    return Dataset("synthetic-regression", x, a * x + b + rng.normal(0.0, noise, n))


def synthetic_classification(n: int = 200, seed: int = 0) -> Dataset:
    """Two overlapping classes, x ~ N(−1, 1) for label 0 and N(+1, 1) for label 1, half each, shuffled."""
    _check_size(n, least=2)
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % 2).astype(np.float64)
    x = rng.normal(2.0 * labels - 1.0, 1.0)
    return Dataset("synthetic-classification", x, labels, task="classification")


def synthetic_tanh(n: int = 100, seed: int = 0) -> Dataset:
    """y = 1.5·tanh(1.2·x) + N(0, 0.1²) with x uniform in [−3, 3], for the network ŷ = w₂·tanh(w₁·x)."""
    _check_size(n)
    rng = np.random.default_rng(seed)
    x = rng.uniform(-3.0, 3.0, n)
    return Dataset("synthetic-tanh", x, 1.5 * np.tanh(1.2 * x) + rng.normal(0.0, 0.1, n))


DATASETS: dict[str, Callable[[], Dataset]] = {
    "course": course_data,
    "synthetic-regression": synthetic_regression,
    "synthetic-classification": synthetic_classification,
    "synthetic-tanh": synthetic_tanh,
}


def get_dataset(name: str) -> Dataset:
    """A built-in dataset by name; DatasetError listing the choices otherwise."""
    if name not in DATASETS:
        raise DatasetError(f"unknown dataset '{name}'; choose one of: {', '.join(DATASETS)}")
    return DATASETS[name]()


# --- CSV -----------------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    """The file's text; DatasetError when it is missing, not a regular file, too large or not UTF-8."""
    try:
        raw = read_regular(path, MAX_CSV_BYTES, "CSV file")
    except FileRefusedError as error:
        raise DatasetError(str(error)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DatasetError(f"{path.name} line {line}: the file is not UTF-8 text") from None


# |x| and |y| of a CSV row. Past it a squared error overflows float64 (1e308 → RuntimeWarnings from
# polyfit and the loss) long before the plots could show anything; 1e6 keeps every loss and gradient of
# the three model problems finite at any lr the window allows.
MAX_CSV_VALUE = 1e6


def _number(text: str, where: str) -> float:
    """One finite number of at most MAX_CSV_VALUE in magnitude from a CSV field."""
    try:
        value = float(text)
    except ValueError:
        raise DatasetError(f"{where}: '{text}' is not a number") from None
    if not math.isfinite(value):
        raise DatasetError(f"{where}: '{text}' is not a finite number")
    if abs(value) > MAX_CSV_VALUE:
        raise DatasetError(f"{where}: {text} is out of range; values must lie within ±{MAX_CSV_VALUE:g}")
    return value


def _parse_row(line: str, where: str, task: str) -> tuple[float, float]:
    """(x, y) from one data line."""
    if not line.strip():
        raise DatasetError(f'{where}: empty line; every row needs two values "x,y"')
    fields = [field.strip() for field in line.split(",")]
    if len(fields) != 2:
        raise DatasetError(f'{where}: expected 2 values "x,y", got {len(fields)}')
    x, y = (_number(field, where) for field in fields)
    if task == "classification" and y not in (0.0, 1.0):
        raise DatasetError(f"{where}: y must be 0 or 1 for classification, got {fields[1]}")
    return x, y


def load_csv(path: str | Path, task: str = "regression", max_rows: int | None = None) -> Dataset:
    """A dataset from a CSV file with the header "x,y" and one "x,y" row per sample (at most max_rows)."""
    if task not in TASKS:
        raise DatasetError(f"unknown task '{task}'; choose one of: {', '.join(TASKS)}")
    path = Path(path)
    lines = _read_text(path).splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise DatasetError(f'{path.name}: the file is empty; it needs the header "x,y" and rows of data')
    if [field.strip() for field in lines[0].split(",")] != ["x", "y"]:
        raise DatasetError(f'{path.name} line 1: the header must be "x,y", got "{lines[0].strip()}"')
    if len(lines) == 1:
        raise DatasetError(f'{path.name}: no data rows after the header "x,y"')
    if max_rows is not None and len(lines) - 1 > max_rows:
        raise DatasetError(f"{path.name}: {len(lines) - 1:,} data rows; at most {max_rows:,} are used")
    rows = [_parse_row(line, f"{path.name} line {number}", task) for number, line in enumerate(lines[1:], 2)]
    xs, ys = zip(*rows, strict=True)
    return Dataset(path.stem, np.array(xs), np.array(ys), task)


# --- train / validation / test split -------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Split:
    """Three disjoint subsets that cover the data, each in the data's original order."""

    train: Dataset
    val: Dataset
    test: Dataset
    train_indices: IndexArray
    val_indices: IndexArray
    test_indices: IndexArray


def _check_fractions(fractions: tuple[float, float, float]) -> tuple[float, float, float]:
    """The fractions as floats; DatasetError unless three numbers >= 0 that sum to 1 (±1e-9)."""
    try:
        values = tuple(float(f) for f in fractions)
    except (TypeError, ValueError):
        raise DatasetError(f"fractions must be three numbers, got {fractions!r}") from None
    if len(values) != 3:
        raise DatasetError(f"fractions must be three numbers (train, validation, test), got {len(values)}")
    if not all(math.isfinite(f) and f >= 0 for f in values):
        raise DatasetError(f"fractions must be numbers ≥ 0, got {', '.join(map(str, values))}")
    if abs(sum(values) - 1.0) > 1e-9:
        raise DatasetError(
            f"fractions must sum to 1, got {', '.join(map(str, values))} (sum {sum(values):g})"
        )
    return values[0], values[1], values[2]


def _subset_lengths(n: int, fractions: tuple[float, float, float]) -> list[int]:
    """Subset sizes by random_split's own rule for fractions: floor(n·f), then the remainder round-robin.

    Computed here and passed as whole lengths because random_split refuses fractions whose float sum
    exceeds 1 by an ulp (0.1 + 0.2 + 0.7), and warns about the empty subsets we allow.
    """
    total = math.fsum(fractions)
    lengths = [math.floor(n * f / total) for f in fractions]
    for i in range(n - sum(lengths)):
        lengths[i % len(lengths)] += 1
    return lengths


def _split_indices(n: int, fractions: tuple[float, float, float], seed: int) -> list[IndexArray]:
    """torch's random_split of range(n), each subset's indices sorted ascending.

    random_split takes consecutive slices of ``randperm(n, generator)``; the permutation is replayed by
    algorithms/torch_random.py (no torch import; tests/algorithms/test_datasets.py checks it against
    random_split itself).
    """
    order = randperm(n, seed)
    lengths = _subset_lengths(n, fractions)
    ends = np.cumsum(lengths)
    return [np.sort(order[end - length : end]) for end, length in zip(ends, lengths, strict=True)]


def split_dataset(
    data: Dataset, fractions: tuple[float, float, float] = (1.0, 0.0, 0.0), seed: int = 0
) -> Split:
    """Random train/validation/test subsets (torch.utils.data.random_split, seeded), original order kept."""
    checked = _check_fractions(fractions)
    train, val, test = _split_indices(len(data), checked, seed)
    for indices in (train, val, test):
        indices.flags.writeable = False
    return Split(data.subset(train), data.subset(val), data.subset(test), train, val, test)


def parse_fractions(text: str) -> tuple[float, float, float]:
    """ "0.7,0.15,0.15" -> (0.7, 0.15, 0.15); DatasetError unless 3 numbers >= 0 summing to 1."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 3:
        raise DatasetError(
            f"expected 3 fractions 'train,validation,test' such as 0.7,0.15,0.15, got '{text}'"
        )
    try:
        values = (float(parts[0]), float(parts[1]), float(parts[2]))
    except ValueError:
        raise DatasetError(f"fractions must be numbers such as 0.7,0.15,0.15, got '{text}'") from None
    return _check_fractions(values)
