"""`gdscope code`: the printed script, run on its own, retraces `gdscope trajectory` step for step."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from collections.abc import Iterator

import numpy as np
import pytest

from app.cli.main import main

CONFIGS = {
    "bowl-sgd-full-batch": ["--surface", "bowl", "--optimizer", "sgd", "--lr", "0.1", "--steps", "50"],
    "rosenbrock-adam": ["--surface", "rosenbrock", "--optimizer", "adam", "--lr", "0.05", "--steps", "100"],
    "himmelblau-noisy-momentum": [
        "--surface", "himmelblau", "--optimizer", "momentum", "--lr", "0.002", "--noise", "2.5",
        "--samples", "50", "--batch-size", "10", "--shuffle", "--seed", "3", "--steps", "80",
    ],
    "course-linear-regression": [
        "--surface", "linear-regression", "--dataset", "course", "--reduction", "sum",
        "--optimizer", "sgd", "--lr", "0.01", "--batch-size", "1", "--no-shuffle", "--steps", "60",
    ],
    "logistic-rmsprop-two-lrs": [
        "--surface", "logistic-regression", "--optimizer", "rmsprop", "--lr-x", "0.05", "--lr-y", "0.01",
        "--batch-size", "16", "--steps", "60",
    ],
    "tiny-net-adamw-split": [
        "--surface", "tiny-net", "--optimizer", "adamw", "--lr", "0.05", "--split", "0.8,0.1,0.1",
        "--batch-size", "16", "--seed", "2", "--steps", "60",
    ],
    "two-linear-layers-momentum": [
        "--surface", "linear-net", "--optimizer", "momentum", "--lr", "0.005", "--batch-size", "2",
        "--seed", "1", "--steps", "60", "--start=-1.5,-0.5",
    ],
    "typed-formula-nesterov": [
        "--expr", "x^2 + 3*sin(y) + 0.1*exp(x)", "--optimizer", "nesterov", "--lr", "0.02",
        "--batch-size", "25", "--steps", "60",
    ],
    "rosenbrock-sgd-diverges": [
        "--surface", "rosenbrock", "--optimizer", "sgd", "--lr", "0.5", "--steps", "50",
    ],
    "ravine-sgd-onecycle-cycles-momentum": [
        "--surface", "ravine", "--optimizer", "sgd", "--lr", "0.01", "--batch-size", "20", "--steps", "60",
        "--scheduler", "OneCycleLR", "--scheduler-arg", "max_lr=0.05", "--scheduler-arg", "pct_start=0.2",
    ],
    "course-momentum-cosine-per-epoch": [
        "--surface", "linear-regression", "--dataset", "course", "--optimizer", "momentum", "--lr", "0.01",
        "--batch-size", "4", "--steps", "60", "--scheduler", "CosineAnnealingLR",
        "--scheduler-arg", "T_max=5", "--scheduler-interval", "epoch",
    ],
    "himmelblau-rmsprop-two-lrs-plateau": [
        "--surface", "himmelblau", "--optimizer", "rmsprop", "--lr-x", "0.02", "--lr-y", "0.01",
        "--batch-size", "10", "--steps", "80", "--scheduler", "ReduceLROnPlateau",
        "--scheduler-arg", "patience=3", "--scheduler-arg", "min_lr=[0.001, 0.002]",
    ],
    "bowl-adam-plateau-per-epoch": [
        "--surface", "bowl", "--optimizer", "adam", "--lr", "0.05", "--batch-size", "30", "--steps", "60",
        "--scheduler", "ReduceLROnPlateau", "--scheduler-arg", "patience=1", "--scheduler-arg", "factor=0.5",
        "--scheduler-interval", "epoch",
    ],
}  # fmt: skip


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _output_of(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(args)) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, subprocess.Popen[str]]]:
    """Every config's script, written by `gdscope code` and started at once (each imports torch)."""
    folder = tmp_path_factory.mktemp("scripts")
    processes = {}
    for name, options in CONFIGS.items():
        path = folder / f"{name}.py"
        path.write_text(_output_of("code", *options), encoding="utf-8")
        processes[name] = subprocess.Popen(
            [sys.executable, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    yield processes
    for process in processes.values():
        if process.poll() is None:
            process.kill()
        process.communicate()


@pytest.mark.timeout(300)  # the first test waits for every script's torch import, all started at once
@pytest.mark.parametrize("name", CONFIGS)
def test_script_prints_the_trajectory(name: str, started: dict[str, subprocess.Popen[str]]) -> None:
    options = CONFIGS[name]
    record = json.loads(_output_of("trajectory", *options))
    out, err = started[name].communicate(timeout=240)
    assert started[name].returncode == 0, err
    printed = [json.loads(line) for line in out.splitlines()]
    expected = record["params"][1:]
    assert len(printed) == len(expected)
    np.testing.assert_allclose(printed, np.array(expected).reshape(-1, 2), rtol=0, atol=1e-9)
    if name.endswith("diverges"):
        # The point reached by step stopped_at is out of bounds: neither prints it.
        assert record["status"] == "left-domain" and record["stopped_at"] == len(printed) + 1
    else:
        assert record["status"] == "ok" and len(printed) == int(options[options.index("--steps") + 1])


@pytest.mark.parametrize(
    "options",
    [
        ["--surface", "nowhere", "--optimizer", "sgd"],
        ["--surface", "bowl", "--optimizer", "adam", "--momentum", "0.9"],
        ["--surface", "bowl", "--optimizer", "sgd", "--batch-size", "zero"],
        ["--surface", "bowl"],  # --optimizer is required
    ],
)
def test_bad_options_exit_2_with_one_line(options: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "code", *options)
    assert code == 2 and out == ""
    assert err.startswith("gdscope: error: ") and err.count("\n") == 1
