"""`gdscope trajectory --visdom/--tensorboard` against a real Visdom server and tensorboard's reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from algorithms.smoothing import ema
from app.cli.main import main
from app.dashboards.series import DEFAULT_EMA_BETA
from tests.app.dashboards.conftest import VisdomServer

RUN = ["trajectory", "--surface", "himmelblau", "--optimizer", "adam", "--lr", "0.05", "--steps", "60"]
SGD_DIR = "sgd_lr=0.01_weight_decay=0_momentum=0.5_dampening=0_nesterov=false"  # optimizer + hyperparameters
SGD_RUN = ["trajectory", "--surface", "bowl", "--optimizer", "sgd", "--batch-size", "8", "--steps", "40"]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def windows(server: VisdomServer, env: str) -> dict[str, Any]:
    client: Any = server.client(env)
    return dict(json.loads(client.get_window_data(None, env)))


def traces(window: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {trace["name"]: trace for trace in window["content"]["data"]}


def test_visdom_windows_hold_the_numbers_trajectory_prints(
    visdom_server: VisdomServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"localhost:{visdom_server.port}/course"
    code, out, err = run_cli(capsys, *SGD_RUN, "--visdom", url)
    assert (code, err) == (0, "")
    record = json.loads(out)
    shown = windows(visdom_server, "course")
    assert set(shown) == {f"gdscope-bowl-{w}" for w in ("loss", "lr", "surface", "contour")}
    loss = traces(shown["gdscope-bowl-loss"])
    raw = np.array(record["batch_loss"])
    np.testing.assert_allclose(loss["sgd · raw"]["y"], raw, rtol=0, atol=0)
    assert loss["sgd · raw"]["x"] == list(range(40))
    np.testing.assert_allclose(loss["sgd · EMA"]["y"], ema(raw, DEFAULT_EMA_BETA, True), rtol=1e-15)
    contour = traces(shown["gdscope-bowl-contour"])
    path = np.array(record["params"])
    np.testing.assert_array_equal(np.column_stack([contour["sgd"]["x"], contour["sgd"]["y"]]), path)
    surface = shown["gdscope-bowl-surface"]["content"]["data"][0]
    assert surface["type"] == "surface"
    assert np.array(surface["z"], dtype=float).shape == (100, 100)
    assert contour["loss"]["type"] == "contour"


def test_validation_loss_is_sent_when_there_is_a_validation_set(
    visdom_server: VisdomServer, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["trajectory", "--surface", "linear-regression", "--optimizer", "sgd", "--steps", "30"]
    code, out, _ = run_cli(
        capsys, *args, "--split", "0.6,0.4,0", "--visdom", f"localhost:{visdom_server.port}/v"
    )
    assert code == 0
    loss = traces(windows(visdom_server, "v")["gdscope-linear-regression-loss"])
    np.testing.assert_allclose(loss["sgd · validation"]["y"], json.loads(out)["val_loss"], rtol=0)


def test_nothing_listening_is_one_line_and_the_run_still_prints(
    closed_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, *RUN, "--visdom", f"localhost:{closed_port}")
    assert code == 0
    assert len(json.loads(out)["params"]) == 61
    assert err.count("\n") == 1
    assert err.startswith("gdscope: visdom: Visdom server http://localhost:") and "not reachable" in err


def test_only_streaming_to_a_dead_port_exits_2(closed_port: int, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, *RUN, "--format", "none", "--visdom", f"127.0.0.1:{closed_port}/x")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "connection refused" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--visdom", "localhost:99999"],
            "--visdom: 'localhost:99999': the port must be a number from 1 to 65535",
        ),
        (["--visdom", "ftp://host"], "is not a Visdom server"),
        (["--visdom", "localhost/bad env"], "environment name"),
        (["--format", "none"], "--format none prints nothing"),
    ],
)
def test_bad_dashboard_options_exit_2_before_computing(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run_cli(capsys, *RUN, *args)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1


def scalars(run_dir: Path) -> tuple[dict[str, list[tuple[int, float]]], Any]:
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    accumulator = EventAccumulator(str(run_dir), size_guidance={"scalars": 0, "images": 0})
    accumulator.Reload()
    values = {
        tag: [(e.step, e.value) for e in accumulator.Scalars(tag)] for tag in accumulator.Tags()["scalars"]
    }
    return values, accumulator


def hparams(accumulator: Any) -> dict[str, Any]:
    from tensorboard.plugins.hparams import plugin_data_pb2

    content = accumulator.PluginTagToContent("hparams")["_hparams_/session_start_info"]
    start = plugin_data_pb2.HParamsPluginData.FromString(content).session_start_info
    return {key: getattr(value, value.WhichOneof("kind")) for key, value in start.hparams.items()}


def test_tensorboard_event_files_hold_the_numbers_trajectory_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("tensorboard")
    code, out, err = run_cli(capsys, *SGD_RUN, "--momentum", "0.5", "--tensorboard", str(tmp_path))
    assert (code, err) == (0, "")
    record = json.loads(out)
    family = tmp_path / "bowl"
    assert sorted(p.name for p in family.iterdir()) == [SGD_DIR, "surface"]
    values, accumulator = scalars(family / SGD_DIR)
    raw = np.array(record["batch_loss"])
    as_float32 = raw.astype(np.float32)  # event files store 32-bit scalars
    assert [s for s, _ in values["loss/raw"]] == list(range(40))
    np.testing.assert_array_equal([v for _, v in values["loss/raw"]], as_float32)
    np.testing.assert_array_equal(
        [v for _, v in values["loss/ema"]], ema(raw, DEFAULT_EMA_BETA, True).astype(np.float32)
    )
    params = np.array(record["params"], dtype=np.float32)
    np.testing.assert_array_equal([v for _, v in values["param/x"]], params[:, 0])
    np.testing.assert_array_equal([v for _, v in values["param/y"]], params[:, 1])
    grad_norm = np.linalg.norm(np.array(record["grad"]), axis=1).astype(np.float32)
    np.testing.assert_allclose([v for _, v in values["grad_norm"]], grad_norm, rtol=1e-6)
    assert {v for _, v in values["lr"]} == {np.float32(0.01)}
    assert values["hparam/final_loss"] == [(0, pytest.approx(record["loss"][-1], rel=1e-6))]
    assert hparams(accumulator) == {
        "optimizer": "sgd",
        "lr": 0.01,
        "momentum": 0.5,
        "dampening": 0.0,
        "weight_decay": 0.0,
        "nesterov": 0.0,
    }
    _, pictures = scalars(family / "surface")
    (image,) = pictures.Images("surface with paths")
    assert (image.width, image.height) == (480, 502)


def test_tensorboard_in_a_read_only_directory_is_one_line(
    read_only_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("tensorboard")
    code, out, err = run_cli(capsys, *RUN, "--tensorboard", str(read_only_dir))
    assert code == 0 and json.loads(out)["status"] == "ok"
    assert err.count("\n") == 1
    assert err.startswith("gdscope: tensorboard: cannot write TensorBoard logs in ")
    code, out, err = run_cli(capsys, *RUN, "--format", "none", "--tensorboard", str(read_only_dir))
    assert (code, out) == (2, "") and err.count("\n") == 1


def test_landscape_streams_its_curves_per_epoch_and_the_landscape(
    visdom_server: VisdomServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "landscape.json"
    args = ["landscape", "--dataset", "digits", "--model", "softmax", "--epochs", "2", "--resolution", "5"]
    code, _, err = run_cli(capsys, *args, "--out", str(out), "--visdom", f"localhost:{visdom_server.port}/rm")
    assert (code, err) == (0, "")
    record = json.loads(out.read_text())
    shown = windows(visdom_server, "rm")
    accuracy = traces(shown["gdscope-real-model-accuracy"])
    for name in ("sgd", "adam"):
        curves = record["curves"][name]
        np.testing.assert_allclose(accuracy[f"{name} · val accuracy"]["y"], curves["val_accuracy"], rtol=0)
        epoch_loss = traces(shown["gdscope-real-model-epoch-loss"])
        np.testing.assert_allclose(epoch_loss[f"{name} · val loss"]["y"], curves["val_loss"], rtol=0)
    surface = shown["gdscope-real-model-surface"]["content"]["data"][0]
    np.testing.assert_allclose(np.array(surface["z"], dtype=float), np.array(record["grid"], dtype=float))
    contour = traces(shown["gdscope-real-model-contour"])
    np.testing.assert_allclose(contour["adam"]["x"], np.array(record["trajectories"]["adam"])[:, 0])


def test_landscape_only_streaming_to_a_dead_port_exits_2(
    closed_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["landscape", "--dataset", "digits", "--model", "softmax", "--epochs", "1", "--resolution", "5"]
    code, out, err = run_cli(capsys, *args, "--visdom", f"localhost:{closed_port}")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "not reachable" in err
