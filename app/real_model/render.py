"""`gdscope landscape … --out FILE.png`: the "Real model" window after training and landscape, as a PNG."""

from __future__ import annotations

from collections.abc import Callable

from algorithms.image_data import ImageSet
from app.cli.errors import UserError
from app.real_model.controller import RealModelController
from app.real_model.launch import build_real_model_window
from app.real_model.settings import RealModelSettings
from app.runs.file_writing import WriteError, write_bytes_atomically
from app.runtime.event_loop import after_turns, png_bytes, wait_until
from app.window.launch import create_application

SETTLE_FRAMES = 8  # event-loop turns after the landscape arrives, so the GL view has drawn it


def render_real_model(settings: RealModelSettings, data: ImageSet, size: tuple[int, int], out: str) -> int:
    """Train and draw in the real window (worker thread and all), grab it, write ``out`` atomically."""
    app = create_application()
    window, controller = build_real_model_window(settings)
    controller.datasets[settings.dataset] = data
    controller.show_settings()
    window.resize(*size)
    window.show()
    try:
        controller.train()
        wait_until(_idle(controller))
        if controller.landscape is None:
            panel = window.training_panel
            message = panel.message_label.text() or panel.status_label.text()
            raise UserError(message or "the landscape could not be computed")
        wait_until(after_turns(SETTLE_FRAMES))
        try:
            picture = png_bytes(window.screen().grabWindow(window.winId()).toImage())
        except ValueError:
            raise UserError(f"could not encode the window as PNG for {out}") from None
        try:
            write_bytes_atomically(out, picture)
        except WriteError as error:
            raise UserError(str(error)) from None
    finally:
        window.close()
        app.processEvents()
    return 0


def _idle(controller: RealModelController) -> Callable[[], bool]:
    def idle() -> bool:
        return not controller.busy

    return idle
