"""Item 2: only regular files of a sane size are read; a FIFO or a device is refused in one line.

Every case is a real special file (a FIFO made with os.mkfifo, /dev/zero, /dev/urandom): before the
fix a FIFO hung the reader forever and /dev/zero ran out of memory. A test that hangs fails on the
per-test timeout; the subprocess ones also carry their own timeout.
"""

from __future__ import annotations

import gzip
import os
import struct
from pathlib import Path

import numpy as np
import pytest

from algorithms.datasets import DatasetError, load_csv
from algorithms.image_data import IDX_IMAGES_MAGIC, ImageDataError, _read_idx, load_cifar10
from algorithms.regular_files import FileRefusedError, read_regular
from app.runs.session_domain import apply_checked_session
from app.state.app_state import AppState
from app.state.session import SessionError, load_session, session_from_state, validated_session
from tests.reliability.conftest import default_session, gdscope, write_session

DEVICES = ["/dev/zero", "/dev/urandom"]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


def _one_line_error(done: object) -> str:
    stderr: str = done.stderr  # type: ignore[attr-defined]
    assert done.returncode == 2, stderr  # type: ignore[attr-defined]
    assert stderr.startswith("gdscope: error:") and stderr.count("\n") == 1 and "Traceback" not in stderr
    return stderr


@pytest.mark.parametrize("device", DEVICES)
def test_devices_are_refused_before_reading(device: str) -> None:
    with pytest.raises(FileRefusedError, match="is a device"):
        read_regular(device, 1_000_000)


def test_a_fifo_is_refused_without_waiting_for_a_writer(fifo: Path) -> None:
    with pytest.raises(FileRefusedError, match=r"pipe\.csv: is a pipe \(FIFO\)"):
        read_regular(fifo, 1_000_000)
    with pytest.raises(DatasetError, match="FIFO"):
        load_csv(fifo)


def test_a_file_over_its_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"x,y\n" + b"1,2\n" * 100)
    with pytest.raises(FileRefusedError, match="larger than 100 bytes"):
        read_regular(big, 100)


def test_csv_rows_past_the_sample_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("x,y\n" + "1,2\n" * 11)
    with pytest.raises(DatasetError, match="11 data rows; at most 10"):
        load_csv(path, max_rows=10)


@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
def test_cli_data_refuses_special_files(target: str, fifo: Path) -> None:
    path = str(fifo) if target == "fifo" else target
    done = gdscope(
        "trajectory", "--surface", "linear-regression", "--data", path, "--optimizer", "sgd", timeout=60
    )
    assert "only regular files are read" in _one_line_error(done)


@pytest.mark.parametrize("target", ["fifo", *DEVICES])
def test_sessions_refuse_special_files(target: str, fifo: Path) -> None:
    path = fifo if target == "fifo" else Path(target)
    with pytest.raises(SessionError, match="only regular files are read"):
        load_session(path)


def test_gdscope_session_fifo_exits_2(fifo: Path) -> None:
    assert "FIFO" in _one_line_error(gdscope("--session", str(fifo), timeout=60))


@pytest.mark.parametrize("target", ["fifo", "missing", "bad"])
def test_a_session_whose_data_file_fails_changes_nothing(target: str, fifo: Path, tmp_path: Path) -> None:
    data_file = {"fifo": str(fifo), "missing": str(tmp_path / "gone.csv"), "bad": str(tmp_path / "bad.csv")}
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    data = default_session()
    data["run"].update(problem_id="linear-regression", data_file=data_file[target], lr=0.05)
    state = AppState()
    before = session_from_state(state).model_dump()
    with pytest.raises(SessionError, match=r"^run\.data_file: "):
        apply_checked_session(validated_session(data), state)
    assert session_from_state(state).model_dump() == before
    if target != "fifo":
        return  # the CLI is the same code path; one subprocess is enough
    session = write_session(tmp_path / "s.gdscope.json", data)
    out = tmp_path / "out.png"
    assert "run.data_file" in _one_line_error(gdscope("render", "--session", str(session), "--out", str(out)))
    assert not out.exists()


def _idx_header(count: int) -> bytes:
    return struct.pack(">IIII", IDX_IMAGES_MAGIC, count, 28, 28)


def test_an_idx_header_claiming_more_than_the_file_holds_allocates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(_idx_header(2**31) + bytes(28 * 28))
    with pytest.raises(ImageDataError, match="need 1683627180032 data bytes, found 784"):
        _read_idx(path, IDX_IMAGES_MAGIC, 3)


def test_a_gzipped_idx_header_past_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(_idx_header(2**31) + bytes(28 * 28)))
    with pytest.raises(ImageDataError, match="claim 1,683,627,180,032 bytes"):
        _read_idx(path, IDX_IMAGES_MAGIC, 3)


def test_a_good_idx_file_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "train-images-idx3-ubyte"
    pixels = np.arange(2 * 28 * 28, dtype=np.uint8)
    path.write_bytes(_idx_header(2) + pixels.tobytes())
    assert np.array_equal(_read_idx(path, IDX_IMAGES_MAGIC, 3).ravel(), pixels)


def test_a_cifar_batch_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    for name in ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin"]:
        (tmp_path / name).write_bytes(bytes(1 + 3072))
    (tmp_path / "data_batch_5.bin").write_bytes(bytes(1 + 3072))
    os.mkfifo(tmp_path / "test_batch.bin")
    with pytest.raises(ImageDataError, match=r"missing test_batch\.bin|FIFO"):
        load_cifar10(tmp_path)
