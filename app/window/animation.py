"""Animated GIF / MP4 of a run as it plays, drawn with numpy + Pillow so it can run off the GUI thread.

Each frame is the contour map (viridis, log-scaled when the range is huge) with every path drawn up to
that step over a dark outline, the head marked, a ✕ where a run stopped, and a legend and step counter.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import imageio.v3 as iio
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from app.runs.file_writing import write_atomically, write_bytes_atomically
from widgets.common.palette import OUTLINE_COLOR
from widgets.common.thumbnail import render_thumbnail
from widgets.common.view_data import RunPath, SurfaceGrid

FRAME_SIZE = 480
LEGEND_HEIGHT = 22


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


@dataclass(frozen=True)
class AnimationSpec:
    grid: SurfaceGrid
    runs: tuple[RunPath, ...]
    steps: int
    frames: int = 100  # at most this many frames, spread evenly over the steps
    fps: int = 20


def mp4_available() -> bool:
    return importlib.util.find_spec("imageio_ffmpeg") is not None


def frame_steps(steps: int, frames: int) -> list[int]:
    """Steps shown by the frames: evenly spread, always the first and the last."""
    count = max(2, min(frames, steps + 1))
    return sorted({round(v) for v in np.linspace(0, steps, count)})


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default()


class FrameRenderer:
    """Draws frame images for one animation spec (background computed once)."""

    def __init__(self, spec: AnimationSpec, size: int = FRAME_SIZE) -> None:
        self.spec = spec
        self.size = size
        detail = max(8, min(size, *spec.grid.z.shape))
        thumbnail = Image.fromarray(render_thumbnail(spec.grid.z, detail))
        self.background = thumbnail.resize((size, size), Image.Resampling.BILINEAR)
        self.font = _font(13)
        grid = spec.grid
        self._x0, self._x1 = float(grid.xs[0]), float(grid.xs[-1])
        self._y0, self._y1 = float(grid.ys[0]), float(grid.ys[-1])

    def to_pixels(self, xy: np.ndarray) -> np.ndarray:
        px = (xy[:, 0] - self._x0) / (self._x1 - self._x0) * (self.size - 1)
        py = (self._y1 - xy[:, 1]) / (self._y1 - self._y0) * (self.size - 1)
        return np.clip(np.stack([px, py], axis=1), -10 * self.size, 11 * self.size)

    def frame(self, step: int) -> np.ndarray:
        image = Image.new("RGB", (self.size, self.size + LEGEND_HEIGHT), (20, 20, 24))
        image.paste(self.background, (0, 0))
        draw = ImageDraw.Draw(image)
        for run in self.spec.runs:
            shown = min(step, len(run.xy) - 1)
            points = [tuple(p) for p in self.to_pixels(run.xy[: shown + 1]).tolist()]
            if len(points) > 1:
                draw.line(points, fill=OUTLINE_COLOR, width=5, joint="curve")
                draw.line(points, fill=run.color, width=2, joint="curve")
            hx, hy = points[-1]
            if run.ended and step >= len(run.xy) - 1:
                for dx in (-1, 1):
                    draw.line([(hx - 6, hy - 6 * dx), (hx + 6, hy + 6 * dx)], fill=OUTLINE_COLOR, width=5)
                    draw.line([(hx - 6, hy - 6 * dx), (hx + 6, hy + 6 * dx)], fill=run.color, width=2)
            else:
                draw.ellipse([hx - 5, hy - 5, hx + 5, hy + 5], fill=run.color, outline=OUTLINE_COLOR, width=2)
        self._legend(draw, step)
        return np.asarray(image)

    def _legend(self, draw: ImageDraw.ImageDraw, step: int) -> None:
        top = self.size + 4
        draw.text((6, top), f"step {step} / {self.spec.steps}", fill=(235, 235, 235), font=self.font)
        x = 130
        for run in self.spec.runs:
            draw.rectangle([x, top + 2, x + 10, top + 12], fill=run.color)
            draw.text((x + 14, top), run.label, fill=(235, 235, 235), font=self.font)
            x += 24 + int(draw.textlength(run.label, font=self.font))


def render_frames(
    spec: AnimationSpec,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[np.ndarray]:
    renderer = FrameRenderer(spec)
    steps = frame_steps(spec.steps, spec.frames)
    for done, step in enumerate(steps, start=1):
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        yield renderer.frame(step)
        if progress is not None:
            progress(done, len(steps))


def write_animation(
    spec: AnimationSpec,
    path: str | Path,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """Write a GIF (or MP4 when imageio-ffmpeg is installed) through the one atomic writer.

    On failure or cancel, no partial file is left and the old file (if any) is untouched.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".gif", ".mp4"):
        raise ValueError(f"animations are .gif or .mp4 files, not '{target.suffix}'")
    if suffix == ".mp4" and not mp4_available():
        raise ValueError("MP4 needs the imageio-ffmpeg package; save a .gif instead")
    frames = np.stack(list(render_frames(spec, progress, cancelled)))

    if suffix == ".gif":
        # Encoded in memory, then written: a full disk is then one OSError from the writer, not a
        # second failing flush in imageio's __del__ ("Exception ignored ..." on stderr).
        data = iio.imwrite("<bytes>", frames, extension=".gif", duration=1000 / spec.fps, loop=0)
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        return write_bytes_atomically(target, data)

    def write(temp: Path) -> None:
        iio.imwrite(temp, frames, extension=".mp4", fps=spec.fps)
        if cancelled is not None and cancelled():
            raise ExportCancelled()

    return write_atomically(target, write)
