"""The main window: layout, docks and menus only. The controller does all the wiring."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.state.optimizer_kinds import OPTIMIZERS
from app.translatable import QT_TRANSLATE_NOOP
from widgets.common.focus import EnterReleasesFocus
from widgets.controls.controls_panel import ControlsPanel
from widgets.controls.data_controls import DataControlsPanel
from widgets.controls.expression_bar import ExpressionBar
from widgets.controls.playback_bar import PlaybackBar
from widgets.panels.code_panel import CodePanel
from widgets.panels.data_panel import DataPanel
from widgets.panels.gallery_panel import GalleryPanel
from widgets.panels.graph_panel import GraphPanel
from widgets.panels.lesson_panel import LessonPanel
from widgets.panels.loss_plot_panel import LossPlotPanel
from widgets.panels.race_panel import RacePanel
from widgets.panels.status_panel import StatusPanel
from widgets.views.contour_view import ContourView
from widgets.views.surface_view import SurfaceView

LOSS_DOCK_MIN_WIDTH = 480  # what a lesson's text may leave of the loss curves beside it

SHORTCUTS = (
    ("Space", QT_TRANSLATE_NOOP("MainWindow", "play / pause")),
    ("← / →", QT_TRANSLATE_NOOP("MainWindow", "one step back / forward")),
    ("Home", QT_TRANSLATE_NOOP("MainWindow", "back to step 0")),
    ("R", QT_TRANSLATE_NOOP("MainWindow", "reset the 3D camera")),
    ("Ctrl+S / Ctrl+O", QT_TRANSLATE_NOOP("MainWindow", "save / open a session")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("MainWindow", "export the window as PNG")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("MainWindow", "quit")),
)


class MainWindow(QMainWindow):
    language_chosen = Signal(str)
    closing = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("gdscope — see gradient descent"))
        self.surface_view = SurfaceView()
        self.contour_view = ContourView()
        self.playback_bar = PlaybackBar()
        self.controls_panel = ControlsPanel(OPTIMIZERS)
        self.gallery_panel = GalleryPanel()
        self.loss_panel = LossPlotPanel()
        self.status_panel = StatusPanel()
        self.race_panel = RacePanel()
        self.data_panel = DataPanel()
        self.graph_panel = GraphPanel()
        self.code_panel = CodePanel()
        self.lesson_panel = LessonPanel()
        self.expression_bar = ExpressionBar()
        self.data_controls = DataControlsPanel()
        self._build_central()
        self.docks = self._build_docks()
        self._build_menus()
        EnterReleasesFocus(self)
        self.resize(1360, 760)

    def _build_central(self) -> None:
        views = QSplitter(Qt.Orientation.Horizontal)
        views.addWidget(self.surface_view)
        views.addWidget(self.contour_view)
        views.setStretchFactor(0, 3)
        views.setStretchFactor(1, 2)
        views.setSizes([560, 400])
        views.setChildrenCollapsible(False)
        self.contour_view.setMinimumWidth(280)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(views, 1)
        layout.addWidget(self.playback_bar)
        self.setCentralWidget(central)

    def _dock(
        self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea, scroll: bool
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        if scroll:
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setWidget(widget)
            dock.setWidget(holder)
        else:
            dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> dict[str, QDockWidget]:
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        docks = {
            "controls": self._dock(
                self.tr("Optimizers && settings"), "controls", self.controls_panel, left, True
            ),
            "gallery": self._dock(
                self.tr("Gallery"), "gallery", _stacked(self.expression_bar, self.gallery_panel), left, False
            ),
            "loss": self._dock(self.tr("Loss"), "loss", self.loss_panel, bottom, False),
            "status": self._dock(self.tr("Runs"), "status", self.status_panel, bottom, True),
            "data": self._dock(
                self.tr("Data && model"),
                "data",
                _side_by_side(self.data_controls, self.data_panel),
                bottom,
                False,
            ),
            "graph": self._dock(self.tr("Computation graph"), "graph", self.graph_panel, bottom, False),
            "code": self._dock(self.tr("PyTorch code"), "code", self.code_panel, bottom, False),
            # Beside the loss curves, not beside the map: a lesson never squeezes the views.
            "lesson": self._dock(self.tr("Lesson"), "lesson", self.lesson_panel, bottom, False),
            "race": self._dock(self.tr("Race"), "race", self.race_panel, bottom, False),
        }
        self.tabifyDockWidget(docks["controls"], docks["gallery"])
        docks["controls"].raise_()
        self.splitDockWidget(docks["loss"], docks["status"], Qt.Orientation.Horizontal)
        self.tabifyDockWidget(docks["status"], docks["lesson"])
        docks["lesson"].hide()
        for name in ("data", "graph", "code", "race"):
            self.tabifyDockWidget(docks["loss"], docks[name])
        docks["loss"].raise_()
        self.resizeDocks([docks["controls"]], [370], Qt.Orientation.Horizontal)
        self.resizeDocks([docks["loss"]], [230], Qt.Orientation.Vertical)
        self.resizeDocks([docks["loss"], docks["status"]], [560, 420], Qt.Orientation.Horizontal)
        return docks

    def show_lesson_dock(self) -> None:
        """Bring the lesson to the front, as wide as its text needs to show whole (taken from the
        loss curves beside it, down to LOSS_DOCK_MIN_WIDTH): the views above keep their size."""
        lesson, loss = self.docks["lesson"], self.docks["loss"]
        lesson.show()
        lesson.raise_()
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the panel's size now, not when the dock was last shown
        panel = self.lesson_panel
        spare = loss.width() - LOSS_DOCK_MIN_WIDTH
        if loss.isHidden() or spare <= 0 or panel.text_fits():
            return
        extra = min(panel.width_to_fit_text(panel.width() + spare) - panel.width(), spare)
        if extra > 0:
            horizontal = Qt.Orientation.Horizontal
            self.resizeDocks([loss, lesson], [loss.width() - extra, lesson.width() + extra], horizontal)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_session_action = QAction(self.tr("&Open session…"), self)
        self.open_session_action.setShortcut(QKeySequence.StandardKey.Open)
        self.save_session_action = QAction(self.tr("&Save session…"), self)
        self.save_session_action.setShortcut(QKeySequence.StandardKey.Save)
        file_menu.addAction(self.open_session_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        file_menu.addAction(self.save_session_action)
        file_menu.addSeparator()
        export_menu = file_menu.addMenu(self.tr("&Export"))
        self.export_window_action = QAction(self.tr("&Window as PNG…"), self)
        self.export_window_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_view_action = QAction(self.tr("&3D view as PNG…"), self)
        self.export_map_action = QAction(self.tr("&Contour map as PNG…"), self)
        self.export_animation_action = QAction(self.tr("&Animation (GIF/MP4)…"), self)
        self.export_csv_action = QAction(self.tr("Runs as &CSV…"), self)
        self.export_json_action = QAction(self.tr("Runs as &JSON…"), self)
        for action in (
            self.export_window_action,
            self.export_view_action,
            self.export_map_action,
            self.export_animation_action,
            self.export_csv_action,
            self.export_json_action,
        ):
            export_menu.addAction(action)
        file_menu.addSeparator()
        self.visdom_action = QAction(self.tr("Stream to &Visdom…"), self, checkable=True)
        self.tensorboard_action = QAction(self.tr("Log to &TensorBoard…"), self, checkable=True)
        file_menu.addAction(self.visdom_action)
        file_menu.addAction(self.tensorboard_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        self.reset_camera_action = QAction(self.tr("&Reset camera"), self)
        self.reset_camera_action.setShortcut(QKeySequence(Qt.Key.Key_R))
        self.log_height_action = QAction(self.tr("&Log height (for huge ranges)"), self, checkable=True)
        self.wireframe_action = QAction(self.tr("&Wireframe"), self, checkable=True)
        self.gradient_action = QAction(self.tr("&Gradient arrows"), self, checkable=True, checked=True)
        self.momentum_action = QAction(self.tr("&Momentum arrows"), self, checkable=True, checked=True)
        self.critical_action = QAction(self.tr("&Critical points"), self, checkable=True, checked=True)
        for action in (
            self.reset_camera_action,
            self.log_height_action,
            self.wireframe_action,
            self.gradient_action,
            self.momentum_action,
            self.critical_action,
        ):
            view_menu.addAction(action)

        self.lessons_menu = self.menuBar().addMenu(self.tr("&Lessons"))
        self.real_model_action = QAction(self.tr("&Real model: a digit classifier…"), self)
        self.real_model_action.setToolTip(
            self.tr("Train softmax regression or a small MLP on real images and see its loss landscape")
        )

        self.language_menu = self.menuBar().addMenu(self.tr("L&anguage"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), self)
        self.about_action = QAction(self.tr("&About gdscope"), self)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def set_languages(self, languages: dict[str, str], current: str) -> None:
        """One checkable entry per language (in its own script); choosing one emits language_chosen."""
        self.language_menu.clear()
        group = QActionGroup(self)
        for code, name in languages.items():
            action = QAction(name, self, checkable=True, checked=code == current)
            action.setData(code)
            group.addAction(action)
            self.language_menu.addAction(action)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)

    def on_language_menu_triggered(self, action: QAction) -> None:
        self.language_chosen.emit(str(action.data()))

    def shortcuts_text(self) -> str:
        rows = "".join(f"<tr><td><b>{key}</b></td><td>{self.tr(what)}</td></tr>" for key, what in SHORTCUTS)
        return f"<table cellspacing='6'>{rows}</table>"

    def on_shortcuts_triggered(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), self.shortcuts_text())

    def on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About gdscope"),
            self.tr(
                "gdscope shows how gradient descent works: optimizers stepping across a loss surface, "
                "each exactly as torch.optim does."
            ),
        )


def _stacked(top: QWidget, rest: QWidget) -> QWidget:
    return _joined(QVBoxLayout, top, rest)


def _side_by_side(left: QWidget, right: QWidget) -> QWidget:
    return _joined(QHBoxLayout, left, right)


def _joined(layout_type: type[QHBoxLayout | QVBoxLayout], first: QWidget, rest: QWidget) -> QWidget:
    """One widget holding ``first`` and, after it along the layout, ``rest`` taking the room left."""
    holder = QWidget()
    layout = layout_type(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(first)
    layout.addWidget(rest, 1)
    return holder
