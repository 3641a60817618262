"""`gdscope trajectory`: "lr_stability_limit" and "--tolerance" → "steps_to_tolerance"."""

from __future__ import annotations

import json

import pytest

from app.cli.main import main


def trajectory(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    code = main(["trajectory", *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    record: dict[str, object] = json.loads(captured.out)
    return record


@pytest.mark.parametrize(
    ("optimizer", "extra", "limit"),
    [
        ("sgd", [], 0.1),
        ("momentum", [], 0.19),
        ("nesterov", [], 2 * 1.9 / 2.8 / 20),
        ("sgd", ["--weight-decay", "1"], 2 / 21),
        ("adam", [], None),
        ("adagrad", [], None),
        ("rmsprop", [], None),
    ],
)
def test_stability_limit_on_the_ravine(
    capsys: pytest.CaptureFixture[str], optimizer: str, extra: list[str], limit: float | None
) -> None:
    record = trajectory(capsys, "--surface", "ravine", "--optimizer", optimizer, "--steps", "1", *extra)
    if limit is None:
        assert record["lr_stability_limit"] is None
        assert "no closed-form" in str(record["lr_stability_reason"])
    else:
        assert record["lr_stability_limit"] == pytest.approx(limit, rel=1e-12)


def test_sum_reduction_divides_the_limit_by_n(capsys: pytest.CaptureFixture[str]) -> None:
    common = ("--surface", "linear-regression", "--dataset", "course", "--optimizer", "sgd", "--steps", "1")
    mean = trajectory(capsys, *common)
    total = trajectory(capsys, *common, "--reduction", "sum")
    assert total["lr_stability_limit"] == pytest.approx(float(mean["lr_stability_limit"]) / 3, rel=1e-12)  # type: ignore[arg-type]


def test_steps_to_tolerance(capsys: pytest.CaptureFixture[str]) -> None:
    # GD lr 0.25 on x² + y² from (1, 1): loss 2/4^t, first ≤ 1e-3 at t = 6.
    args = ("--surface", "bowl", "--optimizer", "sgd", "--lr", "0.25", "--start", "1,1", "--noise", "0")
    record = trajectory(capsys, *args, "--steps", "20", "--tolerance", "1e-3")
    assert record["steps_to_tolerance"] == 6 and record["tolerance"] == 1e-3
    never = trajectory(capsys, *args, "--steps", "3", "--tolerance", "1e-3")
    assert never["steps_to_tolerance"] is None
    assert "steps_to_tolerance" not in trajectory(capsys, *args, "--steps", "3")


def test_bad_tolerance_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["trajectory", "--surface", "bowl", "--optimizer", "sgd", "--tolerance", "nan"])
    captured = capsys.readouterr()
    assert code == 2 and captured.err.count("\n") == 1 and "--tolerance" in captured.err
