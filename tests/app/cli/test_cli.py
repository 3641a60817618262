"""`gdscope trajectory` and `gdscope surfaces`: output format, numbers equal to the engine, errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from algorithms.engine import RunSpec, run_many
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import data_problem, surface_problem
from algorithms.reference import reference_run
from algorithms.surfaces import SURFACE_IDS
from app.cli.main import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_trajectory_json_has_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys,
        "trajectory",
        "--surface",
        "bowl",
        "--optimizer",
        "sgd",
        "--lr",
        "0.1",
        "--steps",
        "3",
        "--start",
        "1,2",
    )
    assert code == 0
    record = json.loads(out)
    assert set(record) == {
        "surface",
        "optimizer",
        "hyperparameters",
        "params",
        "loss",
        "batch_loss",
        "grad",
        "status",
        "stopped_at",
        "lr_stability_limit",
        "lr_stability_reason",
        "lr",
    }
    assert record["lr"] == [[0.1]] * 3
    assert record["lr_stability_limit"] == pytest.approx(1.0)  # 2/λmax with λmax = 2
    # Hand computation: on x² + y² plain GD multiplies the point by (1 − 2·lr) = 0.8 each step.
    np.testing.assert_allclose(
        record["params"], [[1, 2], [0.8, 1.6], [0.64, 1.28], [0.512, 1.024]], atol=1e-15
    )
    np.testing.assert_allclose(record["loss"], [5.0, 3.2, 2.048, 1.31072], atol=1e-14)
    np.testing.assert_allclose(record["grad"], [[2, 4], [1.6, 3.2], [1.28, 2.56]], atol=1e-14)
    assert record["status"] == "ok" and record["stopped_at"] is None
    assert record["hyperparameters"]["lr"] == 0.1 and record["hyperparameters"]["momentum"] == 0.0


def test_trajectory_equals_torch_optim(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys,
        "trajectory",
        "--surface",
        "himmelblau",
        "--optimizer",
        "adam",
        "--lr",
        "0.05",
        "--betas",
        "0.8,0.99",
        "--amsgrad",
        "--batch-size",
        "10",
        "--noise",
        "2",
        "--samples",
        "40",
        "--seed",
        "3",
        "--steps",
        "120",
        "--start",
        "0.5,-0.5",
    )
    assert code == 0
    record = json.loads(out)
    problem = surface_problem("himmelblau", noise=2.0, samples=40, seed=3)
    config = OptimizerConfig("adam", lr=0.05, betas=(0.8, 0.99), amsgrad=True)
    slow = reference_run(problem, RunSpec(config, (0.5, -0.5), batch_size=10, seed=3), 120)
    np.testing.assert_allclose(record["params"], slow.params, atol=1e-9)
    np.testing.assert_allclose(record["batch_loss"], slow.batch_loss, atol=1e-9)


def test_separate_learning_rates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys,
        "trajectory",
        "--surface",
        "bowl",
        "--optimizer",
        "sgd",
        "--lr-x",
        "0.1",
        "--lr-y",
        "0.25",
        "--steps",
        "1",
        "--start",
        "1,1",
    )
    assert code == 0
    record = json.loads(out)
    assert record["params"][1] == pytest.approx([0.8, 0.5], abs=1e-15)
    assert record["hyperparameters"]["lr"] == [0.1, 0.25]


def test_trajectory_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys,
        "trajectory",
        "--surface",
        "ravine",
        "--optimizer",
        "momentum",
        "--lr",
        "0.01",
        "--steps",
        "5",
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["step", "x", "y", "loss", "batch_loss", "grad_x", "grad_y"]
    assert len(rows) == 7 and rows[-1][4] == ""  # the last point has no step taken from it
    (fast,) = run_many(
        surface_problem("ravine"),
        [RunSpec(OptimizerConfig("sgd", lr=0.01, momentum=0.9), surface_problem("ravine").start)],
        5,
    )
    assert [float(v) for v in rows[3][1:3]] == fast.params[2].tolist()


def test_data_problem_from_csv_with_validation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "points.csv"
    data.write_text("x,y\n" + "".join(f"{i},{2 * i + 1}\n" for i in range(20)))
    code, out, _ = run_cli(
        capsys,
        "trajectory",
        "--surface",
        "linear-regression",
        "--data",
        str(data),
        "--optimizer",
        "sgd",
        "--lr",
        "0.001",
        "--split",
        "0.5,0.5,0",
        "--reduction",
        "sum",
        "--steps",
        "10",
        "--batch-size",
        "4",
    )
    assert code == 0
    record = json.loads(out)
    assert len(record["params"]) == 11 and len(record["val_loss"]) == 11
    assert record["surface"] == "linear-regression"


def test_divergence_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "trajectory", "--surface", "rosenbrock", "--optimizer", "sgd", "--lr", "0.5", "--steps", "100"
    )
    assert code == 0
    record = json.loads(out)
    assert record["status"] in ("diverged", "left-domain")
    assert record["stopped_at"] == len(record["params"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--surface", "volcano", "--optimizer", "sgd"], "unknown surface 'volcano'"),
        (["--surface", "bowl", "--optimizer", "lbfgs"], "unknown optimizer 'lbfgs'"),
        (["--surface", "bowl", "--optimizer", "sgd", "--lr", "0"], "--lr must be a positive number"),
        (["--surface", "bowl", "--optimizer", "sgd", "--lr", "-1"], "--lr must be a positive number"),
        (["--surface", "bowl", "--optimizer", "sgd", "--lr", "fast"], "invalid float value: 'fast'"),
        (["--surface", "bowl", "--optimizer", "sgd", "--lr", "nan"], "--lr must be a positive number"),
        (["--surface", "bowl", "--optimizer", "sgd", "--start", "1e300,0"], "far outside the domain"),
        (["--surface", "bowl", "--optimizer", "sgd", "--start", "1;2"], "--start must be two numbers"),
        (
            ["--surface", "bowl", "--optimizer", "adam", "--momentum", "0.9"],
            "--momentum does not apply to Adam",
        ),
        (["--surface", "bowl", "--optimizer", "sgd", "--nesterov"], "Nesterov momentum requires"),
        (["--surface", "bowl", "--optimizer", "sgd", "--batch-size", "0"], "--batch-size must be a positive"),
        (["--surface", "bowl", "--optimizer", "sgd", "--betas", "0.9"], "--betas does not apply to SGD"),
        (["--surface", "linear-regression", "--optimizer", "sgd", "--split", "0.5,0.6,0"], "sum"),
        (["--surface", "linear-regression", "--optimizer", "sgd", "--dataset", "mnist"], "mnist"),
        (["--surface", "bowl"], "--optimizer"),
    ],
)
def test_bad_options_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run_cli(capsys, "trajectory", *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err, err


def test_malformed_csv_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "bad.csv"
    data.write_text("x,y\n1,2\n2,oops\n")
    code, _, err = run_cli(
        capsys, "trajectory", "--surface", "linear-regression", "--data", str(data), "--optimizer", "sgd"
    )
    assert code == 2 and "line 3" in err and err.count("\n") == 1


def test_surfaces_lists_the_gallery(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "surfaces")
    assert code == 0
    for surface_id in SURFACE_IDS:
        assert surface_id in out
    assert "non-convex" in out and "linear-regression" in out
    bowl_line = next(line for line in out.splitlines() if line.startswith("bowl "))
    assert bowl_line.rstrip().endswith("convex") and "non-convex" not in bowl_line


def test_the_installed_command_exits_2_without_a_traceback() -> None:
    gdscope = Path(sys.executable).with_name("gdscope")
    done = subprocess.run(
        [str(gdscope), "trajectory", "--surface", "bowl", "--optimizer", "sgd", "--lr", "x"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.startswith("gdscope: error:")


def test_logistic_regression_from_the_cli_matches_engine(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys,
        "trajectory",
        "--surface",
        "logistic-regression",
        "--optimizer",
        "rmsprop",
        "--lr",
        "0.01",
        "--centered",
        "--steps",
        "20",
        "--batch-size",
        "16",
        "--seed",
        "4",
    )
    assert code == 0
    problem = data_problem("logistic-regression", seed=4)
    (fast,) = run_many(
        problem,
        [RunSpec(OptimizerConfig("rmsprop", lr=0.01, centered=True), problem.start, batch_size=16, seed=4)],
        20,
    )
    assert json.loads(out)["params"] == fast.params.tolist()


def test_trajectory_of_a_typed_surface_equals_the_engine(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys,
        "trajectory",
        "--expr",
        "x**2 + 3*sin(y)",
        "--optimizer",
        "adam",
        "--lr",
        "0.05",
        "--steps",
        "40",
        "--batch-size",
        "10",
        "--samples",
        "30",
        "--seed",
        "2",
    )
    assert code == 0
    record = json.loads(out)
    assert record["surface"] == "expr"
    from algorithms.problems import expression_problem

    problem = expression_problem("x**2 + 3*sin(y)", noise=1.0, samples=30, seed=2)
    spec = RunSpec(OptimizerConfig("adam", lr=0.05), problem.start, batch_size=10, seed=2)
    (fast,) = run_many(problem, [spec], 40)
    assert record["params"] == fast.params.tolist() and record["grad"] == fast.grad.tolist()


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("__import__('os').system('touch /tmp/gdscope-pwned')", "--expr: '__import__' is not allowed"),
        ("9**9**9**9", "--expr: the exponent"),
        ("sin(x, y)", "--expr: sin takes 1 argument, got 2 (column 1)"),
        ("x +\ny", "--expr: character '\\n' is not allowed at column 4"),
        ("", "--expr: empty expression"),
    ],
)
def test_hostile_expression_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], expr: str, message: str
) -> None:
    code, out, err = run_cli(capsys, "trajectory", "--expr", expr, "--optimizer", "sgd", "--steps", "3")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err, err


def test_expr_refuses_a_model_problem(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(
        capsys, "trajectory", "--expr", "x*y", "--surface", "linear-regression", "--optimizer", "sgd"
    )
    assert code == 2 and "--expr" in err and err.count("\n") == 1
