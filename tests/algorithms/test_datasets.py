"""Datasets: built-in and synthetic data, the CSV loader's messages, the train/val/test split."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch.utils.data import random_split

from algorithms.datasets import (
    DATASETS,
    Dataset,
    DatasetError,
    course_data,
    get_dataset,
    load_csv,
    parse_fractions,
    split_dataset,
    synthetic_classification,
    synthetic_regression,
    synthetic_tanh,
)


def _write(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _numbered(n: int) -> Dataset:
    return Dataset("numbered", np.arange(n, dtype=np.float64), np.arange(n, dtype=np.float64) * 10)


# --- built-in data ----------------------------------------------------------------------------------


def test_course_data() -> None:
    data = course_data()
    assert (data.name, data.task, len(data)) == ("course", "regression", 3)
    np.testing.assert_array_equal(data.x, [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(data.y, [2.0, 4.0, 6.0])
    assert data.x.dtype == np.float64


def test_arrays_are_read_only() -> None:
    with pytest.raises(ValueError, match="read-only"):
        course_data().x[0] = 5.0


@pytest.mark.parametrize("make", [synthetic_regression, synthetic_classification, synthetic_tanh])
def test_synthetic_data_is_determined_by_the_seed(make) -> None:  # type: ignore[no-untyped-def]
    first, again, other = make(seed=3), make(seed=3), make(seed=4)
    np.testing.assert_array_equal(first.x, again.x)
    np.testing.assert_array_equal(first.y, again.y)
    assert not np.array_equal(first.x, other.x)


def test_synthetic_regression_follows_its_line() -> None:
    data = synthetic_regression(n=2000, a=-3.0, b=0.5, noise=0.2, seed=1)
    assert len(data) == 2000 and data.task == "regression"
    assert data.x.min() >= -2.0 and data.x.max() <= 2.0
    slope, intercept = np.polyfit(data.x, data.y, 1)
    assert (slope, intercept) == (pytest.approx(-3.0, abs=0.03), pytest.approx(0.5, abs=0.03))
    assert np.std(data.y - (-3.0 * data.x + 0.5)) == pytest.approx(0.2, rel=0.1)


def test_synthetic_regression_without_noise_is_exact() -> None:
    data = synthetic_regression(n=5, a=2.0, b=1.0, noise=0.0)
    np.testing.assert_allclose(data.y, 2.0 * data.x + 1.0, rtol=0, atol=1e-15)


def test_synthetic_classification_labels() -> None:
    data = synthetic_classification(n=201, seed=0)
    assert data.task == "classification" and len(data) == 201
    assert set(np.unique(data.y)) == {0.0, 1.0}
    assert abs(int(data.y.sum()) - 100) <= 1  # balanced
    assert data.x[data.y == 0].mean() == pytest.approx(-1.0, abs=0.3)
    assert data.x[data.y == 1].mean() == pytest.approx(1.0, abs=0.3)
    assert data.x[data.y == 0].max() > data.x[data.y == 1].min()  # the classes overlap


def test_synthetic_tanh_follows_its_curve() -> None:
    data = synthetic_tanh(n=500, seed=2)
    assert data.x.min() >= -3.0 and data.x.max() <= 3.0
    assert np.abs(data.y - 1.5 * np.tanh(1.2 * data.x)).max() < 0.5


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: synthetic_regression(n=0), "number of samples"),
        (lambda: synthetic_regression(noise=-1.0), "noise"),
        (lambda: synthetic_classification(n=1), "number of samples"),
        (lambda: synthetic_tanh(n=2.5), "whole number"),
        (lambda: Dataset("d", np.zeros(2), np.zeros(3)), "one length"),
        (lambda: Dataset("d", np.zeros(2), np.array([0.0, 2.0]), "classification"), "0 or 1"),
        (lambda: Dataset("d", np.zeros(2), np.zeros(2), "clustering"), "unknown task"),
    ],
)
def test_bad_dataset_arguments(call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DatasetError, match=message):
        call()


def test_get_dataset() -> None:
    assert list(DATASETS) == ["course", "synthetic-regression", "synthetic-classification", "synthetic-tanh"]
    for name in DATASETS:
        assert get_dataset(name).name == name
    with pytest.raises(DatasetError) as error:
        get_dataset("iris")
    assert str(error.value) == (
        "unknown dataset 'iris'; choose one of: course, synthetic-regression, "
        "synthetic-classification, synthetic-tanh"
    )


# --- CSV ----------------------------------------------------------------------------------------------


def test_load_a_good_csv(tmp_path: Path) -> None:
    path = _write(tmp_path, " x , y \r\n1, 2\n-2.5,4e-1\n 3 ,6 \n\n  \n", name="points.csv")
    data = load_csv(path)
    assert (data.name, data.task, len(data)) == ("points", "regression", 3)
    np.testing.assert_array_equal(data.x, [1.0, -2.5, 3.0])
    np.testing.assert_array_equal(data.y, [2.0, 0.4, 6.0])


def test_load_a_classification_csv_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_bytes("x,y\n0.5,1\n-1,0\n2,1.0\n".encode("utf-8-sig"))
    data = load_csv(str(path), task="classification")
    assert data.task == "classification"
    np.testing.assert_array_equal(data.y, [1.0, 0.0, 1.0])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x,y\n1,2\n2,3\n3,4\n4,5\n5,6\n6,7,8\n", 'data.csv line 7: expected 2 values "x,y", got 3'),
        ("x,y\n1,2\n2,3\nabc,4\n", "data.csv line 4: 'abc' is not a number"),
        ("x,y\n1,2\n2,abc\n", "data.csv line 3: 'abc' is not a number"),
        ("a,b\n1,2\n", 'data.csv line 1: the header must be "x,y", got "a,b"'),
        ("y,x\n1,2\n", 'data.csv line 1: the header must be "x,y"'),
        ("1,2\n3,4\n", 'data.csv line 1: the header must be "x,y", got "1,2"'),
        ("\nx,y\n1,2\n", 'data.csv line 1: the header must be "x,y"'),
        ("x,y\n1,2\n3\n", 'data.csv line 3: expected 2 values "x,y", got 1'),
        ("x,y\n1,\n", "data.csv line 2: '' is not a number"),
        ("x,y\n1,2\nnan,3\n", "data.csv line 3: 'nan' is not a finite number"),
        ("x,y\n1,inf\n", "data.csv line 2: 'inf' is not a finite number"),
        ("x,y\n1,2\n\n3,4\n", "data.csv line 3: empty line"),
        ("x,y\n1e999,2\n", "data.csv line 2: '1e999' is not a finite number"),
        ("", "data.csv: the file is empty"),
        ("\n \n\n", "data.csv: the file is empty"),
        ("x,y\n", 'data.csv: no data rows after the header "x,y"'),
    ],
)
def test_malformed_csv_names_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DatasetError) as error:
        load_csv(_write(tmp_path, text))
    assert message in str(error.value)


@pytest.mark.parametrize(("label", "line"), [("2", 3), ("0.5", 3), ("-1", 3)])
def test_classification_labels_must_be_0_or_1(tmp_path: Path, label: str, line: int) -> None:
    path = _write(tmp_path, f"x,y\n1,0\n2,{label}\n")
    with pytest.raises(DatasetError, match=rf"data\.csv line {line}: y must be 0 or 1 for classification"):
        load_csv(path, task="classification")
    assert len(load_csv(path)) == 2  # fine as regression data


def test_missing_file_folder_and_unknown_task(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="file not found"):
        load_csv(tmp_path / "missing.csv")
    with pytest.raises(DatasetError, match="is a folder"):
        load_csv(tmp_path)
    with pytest.raises(DatasetError, match="unknown task"):
        load_csv(_write(tmp_path, "x,y\n1,2\n"), task="ranking")


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"x,y\n1,2\n\xff\xfe,3\n")
    with pytest.raises(DatasetError, match=r"data\.csv line 3: the file is not UTF-8 text"):
        load_csv(path)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=60) | st.text(alphabet="xy,01.-e \n\r\tn", max_size=40))
def test_any_content_loads_or_gives_a_dataset_error(tmp_path: Path, content: bytes | str) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    try:
        data = load_csv(path, task="classification")
    except DatasetError as error:
        assert str(error).startswith("fuzz.csv")
    else:
        assert len(data) >= 1 and np.isfinite(data.x).all()


# --- split -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "fractions", "sizes"),
    [
        (100, (0.7, 0.15, 0.15), (70, 15, 15)),
        (10, (0.5, 0.3, 0.2), (5, 3, 2)),
        (7, (0.5, 0.25, 0.25), (4, 2, 1)),  # floors 3, 1, 1; the remainder 2 goes round-robin
        (10, (0.1, 0.2, 0.7), (1, 2, 7)),  # the float sum is 1 + 1 ulp
        (3, (0.0, 0.5, 0.5), (1, 1, 1)),  # torch's round-robin gives train the remainder
        (5, (0.8, 0.2, 0.0), (4, 1, 0)),
    ],
)
def test_split_sizes(n: int, fractions: tuple[float, float, float], sizes: tuple[int, int, int]) -> None:
    split = split_dataset(_numbered(n), fractions, seed=0)
    assert (len(split.train), len(split.val), len(split.test)) == sizes
    assert (len(split.train_indices), len(split.val_indices), len(split.test_indices)) == sizes


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_split_is_torch_random_split_with_order_kept(seed: int) -> None:
    data = _numbered(40)
    split = split_dataset(data, (0.5, 0.25, 0.25), seed=seed)
    expected = random_split(range(40), [0.5, 0.25, 0.25], generator=torch.Generator().manual_seed(seed))
    for subset, indices, part in zip(
        expected,
        (split.train_indices, split.val_indices, split.test_indices),
        (split.train, split.val, split.test),
        strict=True,
    ):
        np.testing.assert_array_equal(indices, sorted(subset.indices))
        np.testing.assert_array_equal(part.x, data.x[indices])
        np.testing.assert_array_equal(part.y, data.y[indices])
        assert part.task == data.task


def test_split_is_disjoint_covering_and_reproducible() -> None:
    data = _numbered(57)
    split = split_dataset(data, (0.6, 0.2, 0.2), seed=7)
    joined = np.concatenate([split.train_indices, split.val_indices, split.test_indices])
    np.testing.assert_array_equal(np.sort(joined), np.arange(57))
    again = split_dataset(data, (0.6, 0.2, 0.2), seed=7)
    np.testing.assert_array_equal(split.val_indices, again.val_indices)
    other = split_dataset(data, (0.6, 0.2, 0.2), seed=8)
    assert not np.array_equal(split.train_indices, other.train_indices)


def test_whole_data_in_file_order() -> None:
    data = synthetic_regression(n=30)
    split = split_dataset(data)
    np.testing.assert_array_equal(split.train_indices, np.arange(30))
    np.testing.assert_array_equal(split.train.x, data.x)
    np.testing.assert_array_equal(split.train.y, data.y)
    assert len(split.val) == len(split.test) == 0
    assert split.val_indices.dtype == np.int64


@pytest.mark.parametrize(
    "fractions", [(0.5, 0.5, 0.5), (-0.1, 0.6, 0.5), (0.5, 0.5), (float("nan"), 0.5, 0.5), ("a", 0, 1)]
)
def test_split_refuses_bad_fractions(fractions) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DatasetError, match="fractions"):
        split_dataset(course_data(), fractions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.7,0.15,0.15", (0.7, 0.15, 0.15)),
        (" 1 , 0 , 0 ", (1.0, 0.0, 0.0)),
        ("0.1,0.2,0.7", (0.1, 0.2, 0.7)),
        ("0.7,0.15,0.1500000001", (0.7, 0.15, 0.1500000001)),  # within 1e-9
    ],
)
def test_parse_fractions(text: str, expected: tuple[float, float, float]) -> None:
    assert parse_fractions(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0.7,0.3", "expected 3 fractions"),
        ("1,0,0,0", "expected 3 fractions"),
        ("", "expected 3 fractions"),
        ("a,b,c", "must be numbers"),
        ("0.5,0.5,0.5", "must sum to 1"),
        ("0.7,0.15,0.15001", "must sum to 1"),
        ("-0.1,0.6,0.5", "≥ 0"),
        ("nan,0.5,0.5", "≥ 0"),
    ],
)
def test_parse_fractions_errors(text: str, message: str) -> None:
    with pytest.raises(DatasetError, match=message):
        parse_fractions(text)
