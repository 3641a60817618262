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
