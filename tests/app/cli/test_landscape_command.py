"""`gdscope landscape`: the JSON it writes, and one clear line with exit status 2 for every bad option."""

from __future__ import annotations

import gzip
import json
import os
import struct
from pathlib import Path

import numpy as np
import pytest

from app.cli import landscape_command
from app.cli.errors import UserError
from app.cli.main import main

FIELDS = {"dataset", "model", "parameters", "resolution", "directions", "alphas", "betas", "grid"}
FIELDS |= {"trajectories", "accuracy", "curves"}


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["landscape", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _idx(path: Path, array: np.ndarray, magic: int) -> None:
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in array.shape)
    with gzip.open(path, "wb") as stream:
        stream.write(header + array.astype(np.uint8).tobytes())


@pytest.fixture
def mnist_folder(tmp_path: Path) -> Path:
    """A tiny MNIST in torchvision's layout (gzipped IDX files under MNIST/raw)."""
    raw = tmp_path / "data" / "MNIST" / "raw"
    raw.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for prefix, n in (("train", 50), ("t10k", 10)):
        _idx(raw / f"{prefix}-images-idx3-ubyte.gz", rng.integers(0, 256, (n, 28, 28)), 2051)
        _idx(raw / f"{prefix}-labels-idx1-ubyte.gz", rng.integers(0, 10, n), 2049)
    return tmp_path / "data"


def test_digits_landscape_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "landscape.json"
    code, stdout, stderr = run_cli(
        capsys,
        *("--dataset", "digits", "--model", "softmax", "--optimizer", "sgd", "--optimizer", "adam"),
        *("--epochs", "2", "--batch-size", "64", "--lr", "0.05", "--resolution", "7", "--out", str(out)),
    )
    assert (code, stderr) == (0, "") and str(out) in stdout
    record = json.loads(out.read_text(encoding="utf-8"))
    assert set(record) >= FIELDS
    assert (record["dataset"], record["model"], record["parameters"]) == ("digits", "softmax", 650)
    assert (record["resolution"], record["directions"]) == (7, "pca")
    assert len(record["alphas"]) == len(record["betas"]) == 7
    assert np.array(record["grid"], dtype=float).shape == (7, 7) and np.isfinite(record["grid"]).all()
    assert set(record["trajectories"]) == set(record["accuracy"]) == set(record["curves"]) == {"sgd", "adam"}
    np.testing.assert_allclose(record["trajectories"]["sgd"][-1], [0, 0], atol=1e-6)
    steps = 2 * -(-record["samples"]["train"] // 64)
    for name in ("sgd", "adam"):
        assert set(record["accuracy"][name]) == {"train", "val", "test"}
        assert record["accuracy"][name]["test"] > 0.8
        curves = record["curves"][name]
        assert len(curves["train_loss"]) == steps and len(curves["val_loss"]) == 3
        assert record["optimizers"][name]["lr"] == 0.05
    assert [p.name for p in tmp_path.iterdir()] == ["landscape.json"]  # no temporary file left


def test_mnist_folder_mlp_random_directions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, mnist_folder: Path
) -> None:
    out = tmp_path / "mnist.json"
    code, _, stderr = run_cli(
        capsys,
        *("--dataset", f"mnist:{mnist_folder}", "--model", "mlp", "--directions", "random"),
        *("--epochs", "1", "--batch-size", "8", "--resolution", "5", "--seed", "3", "--out", str(out)),
    )
    assert (code, stderr) == (0, "")
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["dataset"] == "mnist" and record["parameters"] == 784 * 64 + 64 + 64 * 32 + 32 + 330
    assert record["directions"] == "random" and record["alphas"][0] <= -1.0 <= 1.0 <= record["alphas"][-1]
    assert set(record["trajectories"]) == {"sgd", "adam"}  # the default optimizers


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--dataset", "imagenet"], "unknown dataset 'imagenet'"),
        (["--dataset", "mnist:/no/such/folder"], "no such folder"),
        (["--dataset", "cifar10"], "needs a folder"),
        (["--resolution", "4"], "--resolution must be between 5 and 201, got 4"),
        (["--resolution", "202"], "--resolution must be between 5 and 201, got 202"),
        (["--epochs", "0"], "--epochs must be between 1 and 50"),
        (["--batch-size", "0"], "--batch-size must be between 1 and 4,096"),
        (["--optimizer", "lbfgs"], "unknown optimizer 'lbfgs'"),
        (["--optimizer", "adam", "--optimizer", "adam"], "--optimizer adam given more than once"),
        (["--lr", "-1"], "lr must be a positive number"),
        (["--model", "cnn"], "invalid choice: 'cnn'"),
        (["--directions", "hessian"], "invalid choice: 'hessian'"),
        (["--epochs", "two"], "invalid int value: 'two'"),
    ],
)
def test_bad_options_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, options: list[str], words: str
) -> None:
    out = tmp_path / "out.json"
    defaults = {"--dataset": "digits", "--model": "softmax", "--out": str(out)}
    given = dict(zip(options[::2], options[1::2], strict=True))
    args = [item for key, value in defaults.items() if key not in given for item in (key, value)]
    code, stdout, stderr = run_cli(capsys, *args, *options)
    assert code == 2 and stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith("gdscope: error: ") and words in stderr
    assert not out.exists()


def test_output_file_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    common = ["--dataset", "digits", "--model", "softmax", "--out"]
    for out, words in (
        (tmp_path / "table.csv", "must name a .json"),
        (tmp_path / "missing" / "x.json", "does not exist"),
    ):
        code, _, stderr = run_cli(capsys, *common, str(out))
        assert code == 2 and stderr.count("\n") == 1 and words in stderr


def test_a_bad_file_leaves_the_old_output_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, mnist_folder: Path
) -> None:
    labels = mnist_folder / "MNIST" / "raw" / "t10k-labels-idx1-ubyte.gz"
    labels.write_bytes(gzip.compress(gzip.decompress(labels.read_bytes())[:-3]))
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    code, _, stderr = run_cli(
        capsys, "--dataset", f"mnist:{mnist_folder}", "--model", "mlp", "--out", str(out)
    )
    assert code == 2 and "t10k-labels-idx1-ubyte.gz" in stderr and stderr.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "old"


def test_write_atomically_never_leaves_a_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    landscape_command.write_atomically(out, '{"a": 1}')
    assert json.loads(out.read_text(encoding="utf-8")) == {"a": 1}

    def refuse(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UserError, match="the disk is full"):
        landscape_command.write_atomically(out, '{"a": 2}')
    assert json.loads(out.read_text(encoding="utf-8")) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
