"""Run as ``python -m tests.reliability.rebuild_memory_probe OPENS SWITCHES``: prints, as JSON, the
process's RSS (MB) after each of OPENS opens and closes of the main window, then after each of
SWITCHES language switches (each rebuilds the window). A fresh process, so nothing else the test
session holds shows up in the numbers; used by test_rebuild_memory.py."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import shutil
import sys
import tempfile
import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
_THROWAWAY = tempfile.mkdtemp(prefix="gdscope-probe-")  # settings and sessions: never the user's own
for _variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_variable] = os.path.join(_THROWAWAY, _variable)

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.state.app_state import AppState  # noqa: E402
from app.window.controller import Controller  # noqa: E402
from app.window.launch import WindowHost  # noqa: E402

SETTLE_SECONDS = 30.0


def release_free_memory() -> None:
    """Give the allocator's free pages back to the system (glibc's ``malloc_trim``), so RSS counts what is
    held, not what glibc keeps cached in its arenas after a rebuild's peak (noise of 2–3 MB a rebuild on a
    loaded machine, in steps that no Python object explains)."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: RSS as it is
        ctypes.CDLL(None).malloc_trim(0)


def rss_mb() -> float:
    release_free_memory()
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def settle(app: QApplication, controller: Controller) -> None:
    """Until the window's grid is drawn and its worker idle, then the deferred deletes done."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline and not (controller.grid is not None and controller.worker.is_idle()):
        app.processEvents()
        time.sleep(0.005)
    for _ in range(3):
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()


def main(opens: int, switches: int) -> dict[str, list[float]]:
    app = QApplication(sys.argv[:1])
    state = AppState()
    opened: list[float] = []
    for _ in range(opens):  # as the user does: open the app's window, close it
        host = WindowHost(app, state, "en")
        host.window.show()
        settle(app, host.controller)
        host.window.close()  # saves the session, shuts the controller down
        host.window.deleteLater()
        settle(app, host.controller)
        host.state = state
        del host
        gc.collect()
        opened.append(rss_mb())
    host = WindowHost(app, state, "en")
    host.window.show()
    settle(app, host.controller)
    switched: list[float] = []
    for index in range(switches):
        host.switch_language(("zh_CN", "en")[index % 2])
        settle(app, host.controller)
        switched.append(rss_mb())
    host.window.close()
    shutil.rmtree(_THROWAWAY, ignore_errors=True)
    return {"opens": opened, "switches": switched}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]))))
