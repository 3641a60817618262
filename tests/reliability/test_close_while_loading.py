"""Closing the Real model window while a big data folder loads returns at once (issue 10, item 6).

The folder is read through a slow disk (a file wrapper sleeping on the worker thread as a disk at
4 MB/s would); before the fix the window's close waited for the whole 16 MB file (~4 s, up to the
10 s ``waitForDone`` timeout) and the exit waited again.
"""

from __future__ import annotations

import struct
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from algorithms import image_data
from app.real_model import tasks
from app.real_model.launch import build_real_model_window
from app.real_model.settings import RealModelSettings

DISK_BYTES_PER_SECOND = 4_000_000
TRAIN_IMAGES = 20_000  # 15.7 MB of 28×28 pixels: ~4 s on the slow disk


class _SlowFile:
    """A regular file read at DISK_BYTES_PER_SECOND, however big each read is; ``reading`` is set
    once a read of pixels (more than a header) has begun."""

    reading = threading.Event()

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > 1_000:
            _SlowFile.reading.set()
        data = self._raw.read(size)
        time.sleep(len(data) / DISK_BYTES_PER_SECOND)
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def __enter__(self) -> _SlowFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._raw.close()


def _slow_open_regular(path: Any, max_bytes: int, what: str = "file") -> Any:
    return _SlowFile(open_regular(path, max_bytes, what))


open_regular = image_data.open_regular


def _idx(path: Path, array: np.ndarray, magic: int) -> None:
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def _big_mnist_folder(folder: Path) -> None:
    rng = np.random.default_rng(0)
    for prefix, n in (("train", TRAIN_IMAGES), ("t10k", 10)):
        _idx(folder / f"{prefix}-images-idx3-ubyte", rng.integers(0, 256, (n, 28, 28)), 2051)
        _idx(folder / f"{prefix}-labels-idx1-ubyte", rng.integers(0, 10, n), 2049)


def test_closing_while_a_big_folder_loads_returns_at_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _big_mnist_folder(tmp_path)
    monkeypatch.setattr(image_data, "open_regular", _slow_open_regular)
    loader_ended = threading.Event()
    load = tasks.load_image_dataset

    def watched_load(*args: Any) -> Any:
        try:
            return load(*args)
        finally:
            loader_ended.set()

    monkeypatch.setattr(tasks, "load_image_dataset", watched_load)
    window, controller = build_real_model_window(RealModelSettings())
    window.show()
    qtbot.waitExposed(window)
    controller.load_folder("mnist", str(tmp_path))
    assert controller.phase == "loading"
    _SlowFile.reading.clear()
    qtbot.waitUntil(_SlowFile.reading.is_set, timeout=10_000)

    started = time.perf_counter()
    window.close()
    closed = time.perf_counter() - started
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=5_000)  # deleted, not waiting
    deleted = time.perf_counter() - started
    assert closed < 1.0 and deleted < 1.5, (closed, deleted)  # was ~4 s (up to 10 s) before the fix

    qtbot.waitUntil(loader_ended.is_set, timeout=5_000)  # the job stops at its next chunk...
    ended = time.perf_counter() - started
    assert ended < 2.0, ended
    app = QApplication.instance()
    assert app is not None
    qtbot.waitUntil(lambda: not app.findChildren(QThreadPool), timeout=5_000)  # ...and its thread goes
