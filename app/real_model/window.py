"""The "Real model" window: layout and menus only. `RealModelController` does all the wiring."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from widgets.controls.playback_bar import PlaybackBar
from widgets.real_model.accuracy_table import AccuracyTablePanel
from widgets.real_model.image_grid_panel import ImageGridPanel
from widgets.real_model.training_curves_panel import TrainingCurvesPanel
from widgets.real_model.training_panel import TrainingPanel
from widgets.views.contour_view import ContourView
from widgets.views.surface_view import SurfaceView

PANEL_WIDTH = 330
WIDTH, HEIGHT = 1366, 768


class RealModelWindow(QMainWindow):
    """Settings on the left; the landscape (3D and map) over the curves and results on the right.

    ``closing`` is emitted from closeEvent, before the window goes away.
    """

    closing = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("gdscope — a real model: image classification"))
        self.training_panel = TrainingPanel()
        self.surface_view = SurfaceView()
        self.contour_view = ContourView()
        self.playback_bar = PlaybackBar()
        self.curves_panel = TrainingCurvesPanel()
        self.accuracy_table = AccuracyTablePanel()
        self.image_grid = ImageGridPanel()
        self.placeholder_label = QLabel()
        self.placeholder_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder_label.setWordWrap(True)
        self._build_central()
        self._build_menus()
        self.resize(WIDTH, HEIGHT)
        self.main_splitter.setSizes([PANEL_WIDTH, WIDTH - PANEL_WIDTH])
        self.views_splitter.setSizes([580, 440])
        self.right_splitter.setSizes([430, 310])
        self.bottom_splitter.setSizes([560, 460])

    def _build_central(self) -> None:
        views = _splitter(Qt.Orientation.Horizontal, self.surface_view, self.contour_view)
        self.landscape_stack = QStackedWidget()
        self.landscape_stack.addWidget(self.placeholder_label)
        self.landscape_stack.addWidget(views)
        landscape = QWidget()
        landscape_layout = QVBoxLayout(landscape)
        landscape_layout.setContentsMargins(0, 0, 0, 0)
        landscape_layout.setSpacing(0)
        landscape_layout.addWidget(self.landscape_stack, 1)
        landscape_layout.addWidget(self.playback_bar)

        self.results_tabs = QTabWidget()
        self.results_tabs.addTab(self.accuracy_table, self.tr("Accuracy"))
        self.results_tabs.addTab(self.image_grid, self.tr("Test images"))
        bottom = _splitter(Qt.Orientation.Horizontal, self.curves_panel, self.results_tabs)
        right = _splitter(Qt.Orientation.Vertical, landscape, bottom)
        self.training_panel.setMinimumWidth(PANEL_WIDTH)
        self.training_panel.setMaximumWidth(PANEL_WIDTH + 120)
        main = _splitter(Qt.Orientation.Horizontal, self.training_panel, right, grows=1)
        self.setCentralWidget(main)
        self.main_splitter, self.views_splitter = main, views
        self.bottom_splitter, self.right_splitter = bottom, right

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.load_digits_action = QAction(self.tr("Use the built-in &digits"), self)
        self.load_mnist_action = QAction(self.tr("Load &MNIST folder…"), self)
        self.load_cifar_action = QAction(self.tr("Load &CIFAR-10 folder…"), self)
        for action in (self.load_digits_action, self.load_mnist_action, self.load_cifar_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.close_action = QAction(self.tr("&Close window"), self)
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        file_menu.addAction(self.close_action)

        train_menu = self.menuBar().addMenu(self.tr("&Train"))
        self.train_action = QAction(self.tr("&Train"), self)
        self.train_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.cancel_action = QAction(self.tr("&Cancel"), self)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        train_menu.addAction(self.train_action)
        train_menu.addAction(self.cancel_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.reset_camera_action = QAction(self.tr("&Reset camera"), self)
        self.reset_camera_action.setShortcut(QKeySequence(Qt.Key.Key_R))
        view_menu.addAction(self.reset_camera_action)

    def show_landscape(self, shown: bool, message: str = "") -> None:
        """The 3D view and the map, or a message in their place."""
        self.placeholder_label.setText(message)
        self.landscape_stack.setCurrentIndex(1 if shown else 0)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)


def _splitter(orientation: Qt.Orientation, first: QWidget, second: QWidget, grows: int = 0) -> QSplitter:
    """Two panes; the pane ``grows`` (0 or 1) takes what the window gains when it is resized."""
    splitter = QSplitter(orientation)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setChildrenCollapsible(False)
    splitter.setStretchFactor(grows, 1)
    return splitter
