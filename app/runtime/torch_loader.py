"""torch, imported off the GUI thread once the surface is up, with the GUI kept responsive.

The window, the surface and every path need no torch (algorithms/torch_random.py replays its random
draws); only the autograd views do (critical points, the computation graph, the PyTorch code). Importing
torch takes 1–2 s, so it happens off the GUI thread: in the critical-points job on the course worker
(``import_torch``), or on a thread of its own when a panel needs it first (``TorchLoader``).
An import holds the GIL while C code runs, and the
longest such stretch is ``dlopen`` of libtorch_cpu (0.2–0.3 s here, during which the GUI would freeze):
the libraries are therefore loaded first through libc's ``dlopen`` called by ctypes, which releases
the GIL. What remains holds the GUI for tens of milliseconds at a time at most
(benchmarks/bench_startup.py measures the longest block).
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

# In dependency order; those missing from a build are skipped.
TORCH_LIBRARIES = ("libgomp.so.1", "libc10.so", "libtorch_cpu.so", "libtorch.so", "libtorch_python.so")


def torch_imported() -> bool:
    """Whether torch is imported completely (not half-way, on another thread)."""
    module = sys.modules.get("torch")
    spec = getattr(module, "__spec__", None)
    return module is not None and not getattr(spec, "_initializing", False)


def preload_torch_libraries() -> None:
    """dlopen torch's shared libraries without holding the GIL; ``import torch`` then finds them loaded."""
    spec = importlib.util.find_spec("torch")
    if spec is None or spec.origin is None or not sys.platform.startswith("linux"):
        return
    folder = Path(spec.origin).parent / "lib"
    try:
        libc = ctypes.CDLL(None)  # a CDLL function call releases the GIL; PyDLL and CDLL() itself do not
        dlopen = libc.dlopen
    except (OSError, AttributeError):
        return
    dlopen.restype = ctypes.c_void_p
    dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    for name in TORCH_LIBRARIES:
        path = folder / name
        if path.exists():
            dlopen(os.fsencode(path), os.RTLD_NOW | os.RTLD_GLOBAL)


def preload_torch_libraries_in_background() -> threading.Thread:
    """At the window's start, before its imports: torch's shared libraries are loaded on a thread of
    their own (GIL-free, no ``import torch``). Loading them later, while the window paints, held the
    dynamic loader's lock that the GL driver's symbol lookups need: the first paint with paths froze
    ~160 ms (benchmarks/bench_startup.py)."""
    thread = threading.Thread(target=preload_torch_libraries, name="gdscope-torch-preload", daemon=True)
    thread.start()
    return thread


def import_torch() -> None:
    preload_torch_libraries()
    import torch  # noqa: F401


class TorchLoader(QObject):
    """Imports torch on a thread when first asked; ``ready`` follows on the GUI thread."""

    ready = Signal()
    _finished = Signal()  # emitted on the loading thread, delivered queued on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._finished.connect(self._on_thread_finished)

    @property
    def loaded(self) -> bool:
        return torch_imported()

    def request(self) -> None:
        """Start importing torch unless it is imported or being imported; ``ready`` follows the import."""
        if self._thread is not None or self.loaded:
            return
        self._thread = threading.Thread(target=self._load, name="gdscope-torch-import", daemon=True)
        self._thread.start()

    def wait(self, timeout: float = 60.0) -> bool:
        """Let a started import finish, at most ``timeout`` s (a window closing leaves no thread behind:
        torch initialising on a thread while the app exits aborts it). True once no import runs."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._thread is None or not self._thread.is_alive()

    def _load(self) -> None:
        import_torch()
        with contextlib.suppress(RuntimeError):  # the window (and this loader) went away meanwhile
            self._finished.emit()

    def _on_thread_finished(self) -> None:
        self.ready.emit()
