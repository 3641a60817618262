"""The one atomic writer: the new file whole, or the old file untouched and no temporary file left."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from app.runs.file_writing import WriteError, write_atomically, write_bytes_atomically, write_text_atomically


def test_text_and_bytes_replace_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    assert write_text_atomically(target, "ünïcode") == target
    assert target.read_text(encoding="utf-8") == "ünïcode"
    write_bytes_atomically(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_the_callback_gets_a_sibling_with_the_same_suffix(tmp_path: Path) -> None:
    seen: list[Path] = []

    def write(temp: Path) -> None:
        seen.append(temp)
        temp.write_bytes(b"GIF89a")

    write_atomically(tmp_path / "run.gif", write)
    assert seen[0].parent == tmp_path and seen[0].suffix == ".gif" and seen[0].name != "run.gif"
    assert (tmp_path / "run.gif").read_bytes() == b"GIF89a"
    assert not seen[0].exists()


def test_a_full_disk_is_a_write_error_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("app.runs.file_writing.os.replace", full)
    with pytest.raises(WriteError) as caught:
        write_text_atomically(target, "new")
    monkeypatch.undo()
    assert str(caught.value) == "cannot write out.csv: the disk is full"
    assert caught.value.reason == "the disk is full"
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_cancel_inside_the_callback_propagates_and_leaves_nothing(tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    def write(temp: Path) -> None:
        temp.write_bytes(b"half")
        raise Cancelled

    with pytest.raises(Cancelled):
        write_atomically(tmp_path / "run.gif", write)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match=r"cannot write x\.json: the folder does not exist"):
        write_text_atomically(tmp_path / "nowhere" / "x.json", "{}")
    assert os.listdir(tmp_path) == []
