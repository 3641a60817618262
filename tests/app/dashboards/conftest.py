"""A real Visdom server on a free localhost port, and a log directory nobody may write to."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("visdom")

# visdom.server's __main__ first downloads its web assets (offline it fails); run_server.main serves
# the data API without them.
SERVER_CODE = "import sys; from visdom.server.run_server import main; sys.argv[0] = 'visdom'; main()"
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class VisdomServer:
    port: int
    process: subprocess.Popen[bytes]

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def client(self, env: str) -> object:
        import warnings

        import visdom

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return visdom.Visdom(port=self.port, env=env, raise_exceptions=True, use_incoming_socket=False)


def start_visdom(env_path: Path) -> VisdomServer:
    port = free_port()
    command = [sys.executable, "-c", SERVER_CODE, "-port", str(port), "-env_path", str(env_path)]
    command += ["-logging_level", "WARNING", "-bind_local"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = VisdomServer(port, process)
    deadline = time.monotonic() + START_TIMEOUT
    while not _listening(port):
        if process.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"the Visdom server did not start on port {port} within {START_TIMEOUT:.0f} s")
        time.sleep(0.1)  # polling a socket, not the GUI
    return server


@pytest.fixture
def visdom_server(tmp_path: Path) -> Iterator[VisdomServer]:
    server = start_visdom(tmp_path / "visdom-env")
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture
def closed_port() -> int:
    """A localhost port nothing listens on."""
    return free_port()


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """A directory that cannot be written: chmod 555, or a read-only tmpfs when running as root."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    mounted = False
    if os.access(folder, os.W_OK):  # root ignores the mode bits
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], check=False
        )
        mounted = result.returncode == 0
        if not mounted:
            folder.chmod(0o755)
            pytest.skip("running as root and cannot mount a read-only tmpfs: no read-only directory")
    try:
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=False)
        with contextlib.suppress(OSError):
            folder.chmod(0o755)
