"""Export: PNG of the 3D view, the map or the window; CSV/JSON of all runs; GIF/MP4 of the run playing.

Images and text are written atomically; the animation is drawn and encoded on a worker thread while
a progress dialog offers Cancel. A failure shows its reason and leaves no partial file.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from app.connections import Wiring
from app.runs.file_writing import WriteError, write_bytes_atomically, write_text_atomically
from app.runs.run_export import runs_to_csv, runs_to_json
from app.runtime.event_loop import png_bytes
from app.runtime.job_runner import Cancelled, JobRunner, ProgressCallback
from app.window.animation import AnimationSpec, ExportCancelled, mp4_available, write_animation
from app.window.controller import Controller
from app.window.main_window import MainWindow
from app.window.run_views import run_paths
from app.window.wiring import wire_progress_dialog


def _animation_work(
    spec: AnimationSpec, path: Path, progress: ProgressCallback, cancelled: Cancelled
) -> tuple[str, str]:
    """On the job runner: ("finished", path), ("cancelled", "") or ("failed", reason)."""

    def frames_done(done: int, total: int) -> None:
        progress(done / max(total, 1), "")

    try:
        write_animation(spec, path, frames_done, cancelled)
    except ExportCancelled:
        return "cancelled", ""
    except (OSError, ValueError) as error:
        return "failed", str(error)
    return "finished", str(path)


class ExportController(QObject):
    """Handles File → Export; every public method takes the target path (the menu asks for it)."""

    exported = Signal(str)  # path written
    export_failed = Signal(str)

    def __init__(self, window: MainWindow, controller: Controller) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.jobs = JobRunner(self)
        self._dialog: QProgressDialog | None = None
        self._dialog_wiring = Wiring()

    # ---- the exports ----------------------------------------------------------------------
    def export_view_png(self, path: str | Path) -> None:
        self._write_image(self.window.surface_view.grab_image(), path)

    def export_map_png(self, path: str | Path) -> None:
        self._write_image(self.window.contour_view.grab().toImage(), path)

    def export_window_png(self, path: str | Path) -> None:
        screen = self.window.screen()
        self._write_image(screen.grabWindow(self.window.winId()).toImage(), path)

    def export_runs(self, path: str | Path) -> None:
        results = self.controller.results
        results = None if results is None else results.with_full_losses()
        named = [(e.key, e.result) for e in results.entries if e.result is not None] if results else []
        if str(path).lower().endswith(".csv"):
            text = runs_to_csv(named)
        else:
            text = "[]\n" if results is None else runs_to_json(results.problem, named)
        self._finish(path, write_text_atomically, text)

    def export_animation(self, path: str | Path) -> None:
        results, grid = self.controller.results, self.controller.grid
        if results is None or grid is None:
            self._fail(QCoreApplication.translate("MainWindow", "nothing to animate yet"))
            return
        spec = AnimationSpec(grid, tuple(run_paths(results)), results.steps)
        self._dialog = QProgressDialog(
            QCoreApplication.translate("MainWindow", "Drawing the animation…"),
            QCoreApplication.translate("MainWindow", "Cancel"),
            0,
            100,
            self.window,
        )
        self._dialog.setWindowTitle(QCoreApplication.translate("MainWindow", "Export animation"))
        self._dialog_wiring = wire_progress_dialog(self._dialog, self)
        self._dialog.setMinimumDuration(0)
        self._dialog.setValue(0)
        self.jobs.start("animation", partial(_animation_work, spec, Path(path)))

    def is_idle(self) -> bool:
        return not self.jobs.running

    def cancel(self) -> None:
        """Stop the animation being drawn (as its dialog's Cancel does); it leaves no file."""
        self.jobs.cancel()

    def shutdown(self) -> None:
        self.jobs.shutdown()

    # ---- helpers ----------------------------------------------------------------------------
    def _write_image(self, image: QImage, path: str | Path) -> None:
        try:
            data = png_bytes(image)
        except ValueError as error:
            self._fail(str(error))
            return
        self._finish(path, write_bytes_atomically, data)

    def _finish(self, path: str | Path, writer: object, payload: object) -> None:
        try:
            writer(path, payload)  # type: ignore[operator]
        except WriteError as error:
            self._fail(str(error))
            return
        self._exported(str(path))

    def _fail(self, message: str) -> None:
        self.export_failed.emit(message)
        if self.window.isVisible():
            QMessageBox.warning(
                self.window, QCoreApplication.translate("MainWindow", "Export failed"), message
            )

    def _ask(self, title: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.window, title, "", filters)
        return path

    # ---- menu handlers ----------------------------------------------------------------------
    def on_export_view_triggered(self) -> None:
        if path := self._ask(QCoreApplication.translate("MainWindow", "Export the 3D view"), "PNG (*.png)"):
            self.export_view_png(path)

    def on_export_map_triggered(self) -> None:
        if path := self._ask(
            QCoreApplication.translate("MainWindow", "Export the contour map"), "PNG (*.png)"
        ):
            self.export_map_png(path)

    def on_export_window_triggered(self) -> None:
        if path := self._ask(QCoreApplication.translate("MainWindow", "Export the window"), "PNG (*.png)"):
            self.export_window_png(path)

    def on_export_csv_triggered(self) -> None:
        if path := self._ask(QCoreApplication.translate("MainWindow", "Export the runs"), "CSV (*.csv)"):
            self.export_runs(path)

    def on_export_json_triggered(self) -> None:
        if path := self._ask(QCoreApplication.translate("MainWindow", "Export the runs"), "JSON (*.json)"):
            self.export_runs(path)

    def on_export_animation_triggered(self) -> None:
        filters = "GIF (*.gif);;MP4 (*.mp4)" if mp4_available() else "GIF (*.gif)"
        if path := self._ask(QCoreApplication.translate("MainWindow", "Export the animation"), filters):
            self.export_animation(path)

    def on_jobs_progressed(self, fraction: float, _detail: str) -> None:
        if self._dialog is not None:
            self._dialog.setValue(int(100 * fraction))

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog_wiring.undo()
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def on_jobs_finished(self, _channel: str, outcome: tuple[str, str]) -> None:
        self._close_dialog()
        kind, detail = outcome
        if kind == "cancelled":
            self.window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Export cancelled"), 5000
            )
        elif kind == "failed":
            self._fail(detail)
        else:
            self._exported(detail)

    def on_jobs_failed(self, _channel: str, message: str) -> None:
        self._close_dialog()
        self._fail(message)

    def _exported(self, path: str) -> None:
        self.exported.emit(path)
        self.window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Saved %1").replace("%1", path), 5000
        )

    def on_dialog_canceled(self) -> None:
        self.jobs.cancel()
