"""`gdscope trajectory --scheduler ...`: torch's scheduler names and arguments, the "lr" of every group."""

from __future__ import annotations

import json

import pytest
import torch

from app.cli.main import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_step_lr_per_step_is_torchs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "trajectory", "--surface", "bowl", "--optimizer", "sgd", "--lr", "0.1", "--steps", "7",
        "--scheduler", "StepLR", "--scheduler-arg", "step_size=3", "--scheduler-arg", "gamma=0.5",
    )  # fmt: skip
    assert code == 0
    record = json.loads(out)
    p = torch.nn.Parameter(torch.tensor(1.0))
    optimizer = torch.optim.SGD([p], lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.5)
    expected = []
    for _ in range(7):
        expected.append(scheduler.get_last_lr())
        optimizer.step()
        scheduler.step()
    assert record["lr"] == expected  # one param group: one lr per step
    assert record["scheduler"] == {
        "name": "StepLR",
        "args": {"step_size": 3, "gamma": 0.5},
        "interval": "step",
    }
    # GD on x² + y²: x ← x·(1 − 2·lr), lr 0.1 for three steps then 0.05
    x0 = record["params"][0][0]
    assert record["params"][4][0] == pytest.approx(x0 * 0.8**3 * 0.9)


def test_two_param_groups_and_epoch_interval(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "trajectory", "--surface", "bowl", "--optimizer", "adam", "--lr-x", "0.1", "--lr-y", "0.02",
        "--batch-size", "25", "--samples", "100", "--steps", "12", "--scheduler", "MultiStepLR",
        "--scheduler-arg", "milestones=[1, 2]", "--scheduler-interval", "epoch",
    )  # fmt: skip
    assert code == 0
    lr = json.loads(out)["lr"]
    assert lr[:4] == [[0.1, 0.02]] * 4  # 4 batches an epoch
    assert lr[4] == pytest.approx([0.01, 0.002]) and lr[8] == pytest.approx([0.001, 0.0002])


def test_without_scheduler_lr_is_constant(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "trajectory", "--surface", "bowl", "--optimizer", "sgd", "--steps", "3")
    assert code == 0 and json.loads(out)["lr"] == [[0.01]] * 3 and "scheduler" not in json.loads(out)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--scheduler", "WarmupLR"], "unknown scheduler 'WarmupLR'"),
        (["--scheduler", "StepLR"], "StepLR needs step_size=…"),
        (["--scheduler", "StepLR", "--scheduler-arg", "step=3"], "StepLR has no argument 'step'"),
        (["--scheduler", "StepLR", "--scheduler-arg", "step_size"], "must be KEY=VALUE"),
        (["--scheduler", "StepLR", "--scheduler-arg", "step_size=[1,"], "is not a Python literal"),
        (["--scheduler", "StepLR", "--scheduler-arg", "step_size=0.5"], "step_size must be an integer"),
        (["--scheduler-arg", "gamma=0.5"], "--scheduler-arg needs --scheduler NAME"),
        (
            ["--scheduler", "OneCycleLR", "--scheduler-arg", "max_lr=1", "--scheduler-arg", "total_steps=5"],
            "total_steps is 5",
        ),
        (
            ["--scheduler", "ExponentialLR", "--scheduler-arg", "gamma=0.9", "--scheduler-interval", "week"],
            "invalid choice",
        ),
    ],
)  # fmt: skip
def test_bad_scheduler_exits_2_with_one_line(
    extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    options = ("--surface", "bowl", "--optimizer", "sgd", "--steps", "9", *extra)
    for command in ("trajectory", "code"):
        code, out, err = run_cli(capsys, command, *options)
        assert code == 2 and out == ""
        assert err.startswith("gdscope: error: ") and err.count("\n") == 1 and message in err


def test_string_values_may_be_bare_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "trajectory", "--surface", "bowl", "--optimizer", "sgd", "--steps", "4",
        "--scheduler", "CyclicLR", "--scheduler-arg", "base_lr=0.01", "--scheduler-arg", "max_lr=0.1",
        "--scheduler-arg", "step_size_up=2", "--scheduler-arg", "mode=triangular2",
    )  # fmt: skip
    assert code == 0
    assert [row[0] for row in json.loads(out)["lr"]] == pytest.approx([0.01, 0.055, 0.1, 0.055])
