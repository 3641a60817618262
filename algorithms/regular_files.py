"""Reading a user's file safely: only regular files, and only up to a size cap per kind of file.

A FIFO, a socket or a device (``/dev/zero``, ``/dev/urandom``) is refused before a single byte is
read: opening a FIFO would block until a writer comes, and a device never ends. The file is opened
with ``O_NONBLOCK`` (so even a FIFO's open returns at once), then checked with ``fstat`` on the open
descriptor, so a file swapped between the check and the read cannot slip through.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

MEGABYTE = 1_000_000
# Caps of the files the maths reads (app/state/limits.py lists them with the app's own limits).
MAX_CSV_BYTES = 20 * MEGABYTE  # a CSV data file: far more than the rows a run may use
MAX_IMAGE_FILE_BYTES = 400 * MEGABYTE  # one IDX file (after gunzip) or one CIFAR-10 batch


class FileRefusedError(ValueError):
    """A file that is not read: missing, not a regular file, too large or unreadable (message for users)."""


_REASONS = {
    errno.ENOENT: "file not found",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a folder, not a file",
    errno.ENXIO: "not a regular file",
}


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    return "is not a regular file"


def size_text(max_bytes: int) -> str:
    """``max_bytes`` as users read it: ``10 MB``."""
    return f"{max_bytes / MEGABYTE:g} MB" if max_bytes >= MEGABYTE else f"{max_bytes} bytes"


def open_regular(path: str | os.PathLike[str], max_bytes: int, what: str = "file") -> BinaryIO:
    """``path`` opened for reading in binary; FileRefusedError unless a regular file of ≤ max_bytes."""
    name = Path(path).name or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        reason = _REASONS.get(error.errno or 0) or error.strerror or str(error)
        raise FileRefusedError(f"{name}: {reason}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefusedError(
                f"{name}: {_kind(info.st_mode)}, not a {what}; only regular files are read"
            )
        if info.st_size > max_bytes:
            raise FileRefusedError(
                f"{name}: larger than {size_text(max_bytes)} ({size_text(info.st_size)}), "
                f"too large for a {what}"
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], max_bytes: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` (FileRefusedError otherwise)."""
    name = Path(path).name or str(path)
    with open_regular(path, max_bytes, what) as stream:
        try:
            raw = stream.read(max_bytes + 1)  # a file growing while read still stops at the cap
        except OSError as error:
            raise FileRefusedError(f"{name}: cannot be read ({error.strerror or error})") from None
    if len(raw) > max_bytes:
        raise FileRefusedError(f"{name}: larger than {size_text(max_bytes)}, too large for a {what}")
    return raw
