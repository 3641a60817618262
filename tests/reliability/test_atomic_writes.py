"""Item 3: every file goes through the one atomic writer; a full disk never destroys the old file.

The full disk is real: a 256 kB tmpfs mounted for the test (this needs root, as in CI's container);
where it cannot be mounted, the same checks run against a writer whose os.write raises ENOSPC.
"""

from __future__ import annotations

import errno
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.errors import UserError
from app.cli.landscape_command import write_atomically as write_landscape_json
from app.runs.file_writing import WriteError, write_bytes_atomically, write_text_atomically
from tests.reliability.conftest import gdscope

OLD = b"\x89PNG old picture that must survive"


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a real, full file system (a small tmpfs), holding ``old.png`` and ``old.gif``."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root); test_enospc_from_the_writer covers it")
    try:
        (folder / "old.png").write_bytes(OLD)
        (folder / "old.gif").write_bytes(OLD)
        fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError as error:
            assert error.errno == errno.ENOSPC
        finally:
            os.close(fd)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _leftovers(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if ".partial" in name]


def test_render_png_on_a_full_disk_keeps_the_old_file(full_disk: Path) -> None:
    done = gdscope("render", "--surface", "bowl", "--steps", "20", "--out", str(full_disk / "old.png"))
    assert done.returncode == 2
    assert done.stderr == "gdscope: error: cannot write old.png: the disk is full\n"
    assert (full_disk / "old.png").read_bytes() == OLD
    assert _leftovers(full_disk) == []


def test_render_gif_on_a_full_disk_is_one_message(full_disk: Path) -> None:
    done = gdscope("render", "--surface", "bowl", "--steps", "20", "--gif", str(full_disk / "old.gif"))
    assert done.returncode == 2
    assert done.stderr == "gdscope: error: cannot write old.gif: the disk is full\n"  # no "Exception ignored"
    assert (full_disk / "old.gif").read_bytes() == OLD
    assert _leftovers(full_disk) == []


def test_enospc_from_the_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "old.png"
    target.write_bytes(OLD)

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(WriteError, match=r"cannot write old\.png: the disk is full"):
        write_bytes_atomically(target, b"new")
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_leftovers_of_a_killed_save_are_removed_at_the_next_save(tmp_path: Path) -> None:
    target = tmp_path / "s.gdscope.json"
    killed = [tmp_path / f".s.gdscope.json.{uuid.uuid4().hex[:12]}.partial.json" for _ in range(15)]
    for temp in killed:
        temp.write_text("{half")
    unrelated = tmp_path / ".other.json.0123456789ab.partial.json"
    unrelated.write_text("not ours")
    write_text_atomically(target, "{}")
    assert target.read_text() == "{}"
    assert _leftovers(tmp_path) == [unrelated.name]


def test_a_read_only_file_is_refused_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "landscape.json"
    target.write_text("old")
    target.chmod(0o444)
    with pytest.raises(UserError, match=r"landscape\.json: the file is read-only"):
        write_landscape_json(target, "{}")
    with pytest.raises(WriteError, match="read-only"):
        write_bytes_atomically(target, b"x")
    assert target.read_text() == "old"
