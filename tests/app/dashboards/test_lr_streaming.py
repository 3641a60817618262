"""The lr a scheduler sets, step by step, in TensorBoard and Visdom — read back and checked by hand."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from algorithms.engine import RunResult, run_many
from algorithms.schedules import ScheduleConfig
from app.cli.dashboard_options import Dashboards, stream_trajectory
from app.cli.main import _parser
from app.cli.run_options import RunRequest, build_request
from app.dashboards.targets import VisdomTarget
from tests.app.dashboards.conftest import VisdomServer
from tests.app.dashboards.test_cli_streaming import scalars, traces, windows

STEPS = 35
BOWL = ["trajectory", "--surface", "bowl", "--optimizer", "sgd", "--steps", str(STEPS)]


def step_lr(base: float, steps: int = STEPS) -> list[float]:
    """torch's StepLR(step_size=10, gamma=0.1), stepped after every optimizer step: ×0.1 every 10 steps."""
    values, lr = [], base
    for step in range(steps):
        if step > 0 and step % 10 == 0:
            lr *= 0.1
        values.append(lr)
    return values


def scheduled_run(*options: str) -> tuple[RunRequest, RunResult]:
    """`gdscope trajectory OPTIONS` with StepLR(step_size=10) stepped every step."""
    request = build_request(_parser([*BOWL, *options]).parse_args([*BOWL, *options]), "sgd")
    schedule = ScheduleConfig.make("StepLR", {"step_size": 10})
    request = replace(request, spec=replace(request.spec, schedule=schedule))
    (result,) = run_many(request.problem, [request.spec], request.steps)
    return request, result


def test_tensorboard_lr_is_the_scheduled_lr_of_every_step(tmp_path: Path) -> None:
    pytest.importorskip("tensorboard")
    request, result = scheduled_run("--lr", "0.05")
    np.testing.assert_allclose(result.lr[:, 0], step_lr(0.05), rtol=1e-15)
    assert stream_trajectory(Dashboards(None, str(tmp_path)), request, result)
    (run_dir,) = [p for p in (tmp_path / "bowl").iterdir() if p.name != "surface"]
    values, _ = scalars(run_dir)
    assert [s for s, _ in values["lr"]] == list(range(STEPS))
    np.testing.assert_array_equal([v for _, v in values["lr"]], result.lr[:, 0].astype(np.float32))
    assert [v for _, v in values["lr"]][9:12] == pytest.approx([0.05, 0.005, 0.005], rel=1e-6)
    assert "lr/x" not in values


def test_two_param_groups_give_one_lr_each(tmp_path: Path) -> None:
    pytest.importorskip("tensorboard")
    request, result = scheduled_run("--lr-x", "0.05", "--lr-y", "0.2")
    assert stream_trajectory(Dashboards(None, str(tmp_path)), request, result)
    (run_dir,) = [p for p in (tmp_path / "bowl").iterdir() if p.name != "surface"]
    values, _ = scalars(run_dir)
    assert "lr" not in values
    for tag, base in (("lr/x", 0.05), ("lr/y", 0.2)):
        np.testing.assert_allclose([v for _, v in values[tag]], step_lr(base), rtol=1e-6)


def test_visdom_lr_window_holds_the_scheduled_lr(visdom_server: VisdomServer) -> None:
    request, result = scheduled_run("--lr-x", "0.05", "--lr-y", "0.2")
    target = VisdomTarget("http://localhost", visdom_server.port, "lr")
    assert stream_trajectory(Dashboards(target, None), request, result)
    lr = traces(windows(visdom_server, "lr")["gdscope-bowl-lr"])
    assert set(lr) == {"sgd · lr/x", "sgd · lr/y"}
    np.testing.assert_array_equal(lr["sgd · lr/x"]["y"], result.lr[:, 0])
    np.testing.assert_array_equal(lr["sgd · lr/y"]["y"], result.lr[:, 1])
    np.testing.assert_allclose(lr["sgd · lr/y"]["y"], step_lr(0.2), rtol=1e-15)
    assert lr["sgd · lr/x"]["x"] == list(range(STEPS))
