"""The lr a scheduler sets, step by step, in TensorBoard and Visdom — read back and compared with
`gdscope trajectory --scheduler …`'s JSON (and with torch's StepLR by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.app.dashboards.conftest import VisdomServer
from tests.app.dashboards.test_cli_streaming import run_cli, scalars, traces, windows

STEPS = 35
SCHEDULED = ["trajectory", "--surface", "bowl", "--optimizer", "sgd", "--steps", str(STEPS)]
SCHEDULED += ["--scheduler", "StepLR", "--scheduler-arg", "step_size=10"]


def step_lr(base: float, steps: int = STEPS) -> list[float]:
    """torch's StepLR(step_size=10, gamma=0.1), stepped after every optimizer step: ×0.1 every 10 steps."""
    values, lr = [], base
    for step in range(steps):
        if step > 0 and step % 10 == 0:
            lr *= 0.1
        values.append(lr)
    return values


def trajectory(capsys: pytest.CaptureFixture[str], *options: str) -> dict[str, Any]:
    code, out, err = run_cli(capsys, *SCHEDULED, *options)
    assert (code, err) == (0, "")
    return dict(json.loads(out))


def run_dir(log_dir: Path) -> Path:
    (found,) = [p for p in (log_dir / "bowl").iterdir() if p.name != "surface"]
    return found


def test_tensorboard_lr_is_the_scheduled_lr_of_every_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("tensorboard")
    record = trajectory(capsys, "--lr", "0.05", "--tensorboard", str(tmp_path))
    lr = np.array(record["lr"])
    assert lr.shape == (STEPS, 1)
    np.testing.assert_allclose(lr[:, 0], step_lr(0.05), rtol=1e-15)
    values, _ = scalars(run_dir(tmp_path))
    assert [s for s, _ in values["lr"]] == list(range(STEPS))
    np.testing.assert_array_equal([v for _, v in values["lr"]], lr[:, 0].astype(np.float32))
    assert [v for _, v in values["lr"]][9:12] == pytest.approx([0.05, 0.005, 0.005], rel=1e-6)
    assert "lr/x" not in values


def test_two_param_groups_give_one_lr_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tensorboard")
    record = trajectory(capsys, "--lr-x", "0.05", "--lr-y", "0.2", "--tensorboard", str(tmp_path))
    lr = np.array(record["lr"])
    values, _ = scalars(run_dir(tmp_path))
    assert "lr" not in values
    for column, (tag, base) in enumerate((("lr/x", 0.05), ("lr/y", 0.2))):
        np.testing.assert_array_equal([v for _, v in values[tag]], lr[:, column].astype(np.float32))
        np.testing.assert_allclose([v for _, v in values[tag]], step_lr(base), rtol=1e-6)


def test_visdom_lr_window_holds_the_scheduled_lr(
    visdom_server: VisdomServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"localhost:{visdom_server.port}/lr"
    record = trajectory(capsys, "--lr-x", "0.05", "--lr-y", "0.2", "--visdom", url)
    lr = np.array(record["lr"])
    shown = traces(windows(visdom_server, "lr")["gdscope-bowl-lr"])
    assert set(shown) == {"sgd · lr/x", "sgd · lr/y"}
    np.testing.assert_array_equal(shown["sgd · lr/x"]["y"], lr[:, 0])
    np.testing.assert_array_equal(shown["sgd · lr/y"]["y"], lr[:, 1])
    np.testing.assert_allclose(shown["sgd · lr/y"]["y"], step_lr(0.2), rtol=1e-15)
    assert shown["sgd · lr/x"]["x"] == list(range(STEPS))
