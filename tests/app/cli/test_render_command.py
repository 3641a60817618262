"""`gdscope render`: a real screenshot of the window, and clear errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

GDSCOPE = str(Path(sys.executable).with_name("gdscope"))


def test_render_writes_a_screenshot_of_the_window(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    done = subprocess.run(
        [
            GDSCOPE,
            "render",
            "--out",
            str(out),
            "--surface",
            "himmelblau",
            "--optimizer",
            "adam",
            "--optimizer",
            "momentum",
            "--steps",
            "40",
            "--lr",
            "0.01",
            "--size",
            "1200x700",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 700)
    colours = {image.pixel(x, y) for x in range(0, 1200, 9) for y in range(0, 700, 9)}
    assert len(colours) > 300


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--surface", "volcano"], "unknown surface 'volcano'"),
        (["--optimizer", "lbfgs"], "unknown optimizer 'lbfgs'"),
        (["--lr", "-1"], "--lr must be a positive number"),
        (["--size", "big"], "--size must look like"),
        (["--steps", "-3"], "--steps must be between"),
    ],
)
def test_bad_options_exit_2_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "shot.png"
    done = subprocess.run(
        [GDSCOPE, "render", "--out", str(out), *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1
    assert not out.exists()


def test_render_a_lesson_an_expression_and_a_gif(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    out, gif = tmp_path / "lesson.png", tmp_path / "run.gif"
    done = subprocess.run(
        [GDSCOPE, "render", "--lesson", "saddle-escape", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert QImage(str(out)).width() == 1366
    done = subprocess.run(
        [
            GDSCOPE,
            "render",
            "--expr",
            "x^2 - y^2 + 0.1*sin(3*x)",
            "--optimizer",
            "adam",
            "--steps",
            "30",
            "--gif",
            str(gif),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    from PIL import Image

    with Image.open(gif) as animation:
        assert animation.n_frames == 31


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lesson", "nope", "--out", "x.png"], "unknown lesson 'nope'"),
        (["--expr", "__import__('os')", "--out", "x.png"], "--expr:"),
        (["--gif", "x.txt"], "--gif must be a .gif or .mp4 file"),
        ([], "give --out FILE.png and/or --gif FILE.gif"),
    ],
)
def test_bad_render_inputs(tmp_path: Path, args: list[str], message: str) -> None:
    done = subprocess.run(
        [GDSCOPE, "render", *args], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
