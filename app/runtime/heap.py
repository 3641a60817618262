"""Start-up's objects, kept out of the cyclic garbage collector's full walks.

A full (generation 2) collection walks every object the collector tracks: ~370,000 once the window,
numba and pyqtgraph are up, 0.1–0.4 s on this machine with the GIL held, so the GUI thread waits
whichever thread started it. Issue 12 measured two of them while torch was imported on the worker
(the GUI's longest blocks after the first frame). What start-up created lives as long as the window:
``launch_window`` moves it out of the collector's sight once the window is shown (``gc.freeze``),
and later collections, those during torch's import included, walk only what was created since.
Cyclic garbage of start-up still alive then is kept for good: a small, bounded cost.
"""

from __future__ import annotations

import gc


def keep_long_lived() -> None:
    """Everything created so far is long-lived: later full collections no longer walk it."""
    gc.freeze()
