"""Item 5: extreme CSV values and diverging landscapes end in one line of message, never a warning or a
traceback (pytest runs with filterwarnings=error, so any RuntimeWarning here fails the test)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from algorithms.datasets import MAX_CSV_VALUE, DatasetError, load_csv
from algorithms.landscape import LandscapeError, project
from app.cli.main import main
from tests.reliability.conftest import gdscope

ALL_OPTIMIZERS = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"]


def _trajectory(surface: str, data: Path, optimizer: str = "sgd", lr: str = "10") -> list[str]:
    args = ["trajectory", "--surface", surface, "--data", str(data), "--optimizer", optimizer]
    return [*args, "--lr", lr, "--steps", "200", "--format", "json"]


@pytest.mark.parametrize("value", ["1e308", "-1e308", "1e300", "1.0000001e6", "-2e6"])
def test_a_csv_value_past_the_limit_is_refused_naming_the_line(tmp_path: Path, value: str) -> None:
    path = tmp_path / "extreme.csv"
    path.write_text(f"x,y\n1,2\n{value},3\n")
    with pytest.raises(
        DatasetError, match=r"extreme\.csv line 3: .* out of range; values must lie within ±1e\+06"
    ):
        load_csv(path)


def test_a_csv_value_past_the_limit_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "extreme.csv"
    path.write_text("x,y\n1e308,1e308\n-1e308,2\n3,1e-320\n")
    done = gdscope(*_trajectory("linear-regression", path))
    assert done.returncode == 2
    assert done.stderr.startswith("gdscope: error: extreme.csv line 2:") and done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("surface", "rows"),
    [
        (
            "linear-regression",
            [(MAX_CSV_VALUE, MAX_CSV_VALUE), (-MAX_CSV_VALUE, 2.0), (3.0, 1e-300), (0.0, -MAX_CSV_VALUE)],
        ),
        ("tiny-net", [(MAX_CSV_VALUE, -MAX_CSV_VALUE), (-MAX_CSV_VALUE, MAX_CSV_VALUE), (1e-300, 0.0)]),
        ("logistic-regression", [(MAX_CSV_VALUE, 0.0), (-MAX_CSV_VALUE, 1.0), (1e-300, 1.0), (2.0, 0.0)]),
        ("linear-regression", [(1.0, 1.0), (1.000000000001, 2.0), (1.000000000002, 3.0)]),
    ],
)
def test_csv_values_at_the_limit_run_every_optimizer_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], surface: str, rows: list[tuple[float, float]]
) -> None:
    path = tmp_path / "edge.csv"
    path.write_text("x,y\n" + "".join(f"{x!r},{y!r}\n" for x, y in rows))
    for optimizer in ALL_OPTIMIZERS:
        for lr in ("10", "0.001"):
            assert main(_trajectory(surface, path, optimizer, lr)) == 0
            out, err = capsys.readouterr()
            assert err == ""
            assert json.loads(out)["optimizer"] == optimizer


def test_projecting_a_diverged_path_gives_nan_for_its_non_finite_snapshots() -> None:
    snapshots = np.array([[np.nan, 1.0, 2.0], [1.0, 2.0, 3.0], [np.inf, 0.0, 0.0]])
    coords = project(snapshots, np.zeros(3), np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0]))
    assert np.isnan(coords[[0, 2]]).all()
    np.testing.assert_allclose(coords[1], [1.0, 2.0])


def test_projecting_on_directions_that_are_not_finite_is_a_landscape_error() -> None:
    with pytest.raises(LandscapeError, match="not finite"):
        project(np.ones((2, 3)), np.zeros(3), np.array([np.inf, 0.0, 0.0]), np.array([0.0, 1.0, 0.0]))


def test_landscape_of_a_diverging_lr_with_random_directions_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """momentum at lr 10, batch 1 on the MLP: weights outgrow float32's filter norms (was LinAlgError)."""
    out = tmp_path / "l.json"
    code = main(
        [
            "landscape", "--dataset", "digits", "--model", "mlp",
            "--optimizer", "momentum", "--optimizer", "sgd",
            "--lr", "10", "--epochs", "2", "--batch-size", "1", "--directions", "random", "--resolution", "5",
            "--out", str(out),
        ]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("gdscope: error:") and err.count("\n") == 1
    assert "diverged" in err
    assert not out.exists()
