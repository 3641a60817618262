"""The one atomic file writer: every file gdscope writes goes through ``write_atomically``.

The bytes go to a temporary sibling (same folder, so ``os.replace`` is atomic), are flushed to disk,
then renamed over the target: a reader sees the old file or the new one, never a partial file. On any
failure or interruption (a full disk, a cancel, Ctrl+C) the temporary file is removed and the old file
is left untouched. Qt-free on purpose (sessions and the CLI use it without Qt), which is why this is
written with ``os`` rather than Qt's ``QSaveFile``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import uuid
from collections.abc import Callable
from pathlib import Path

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.EISDIR: "it is a folder",
}


class WriteError(OSError):
    """A file could not be written: ``str()`` is the message for the user, ``reason`` the cause alone."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write {path.name}: {reason}")
        self.path = path
        self.reason = reason


def reason(error: OSError) -> str:
    """Why an OS call failed, in the user's words ("the disk is full")."""
    return _REASONS.get(error.errno or 0) or error.strerror or str(error) or type(error).__name__


def write_atomically(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Let ``write`` fill a temporary sibling of ``path``, then put it in place atomically.

    ``write`` gets the temporary path (it ends in ``path``'s suffix, for writers that pick a format
    by extension). An OSError becomes a WriteError; anything else (a cancel) propagates unchanged.
    """
    target = Path(path)
    _refuse_read_only(target)
    _remove_leftovers(target)
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.partial{target.suffix}")
    try:
        write(temp)
        _sync_file(temp)
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise WriteError(target, reason(error)) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target


def _refuse_read_only(target: Path) -> None:
    """A file marked read-only is not replaced (os.replace would, silently; even root is refused)."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError(target, "the file is read-only")


def _remove_leftovers(target: Path) -> None:
    """Delete the temporary siblings a killed save of ``target`` left behind (best effort)."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.[0-9a-f]{{12}}\.partial{re.escape(target.suffix)}$")
    try:
        names = [entry.name for entry in os.scandir(target.parent) if pattern.match(entry.name)]
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            (target.parent / name).unlink()


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    def write(temp: Path) -> None:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)

    return write_atomically(path, write)


def write_text_atomically(path: str | os.PathLike[str], text: str) -> Path:
    return write_bytes_atomically(path, text.encode("utf-8"))


def _sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows (POSIX); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
