"""Play, pause, step and scrub through the computed steps of every run."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# The buttons show the style's media icons (many fonts lack ⏮ and ⏸); the text is what
# screen readers and text-only styles get.
PLAY_TEXT = "▶"
PAUSE_TEXT = "⏸"
SP = QStyle.StandardPixmap


class PlaybackBar(QWidget):
    """Playback controls; the bar owns the keyboard shortcuts (window-wide).

    Space toggles play, ←/→ step back/forward, Home restarts. The keys are QShortcuts acting at
    once (a button's own shortcut animates a 100 ms click and drops presses made meanwhile), so
    every press and every auto-repeat counts; they emit exactly what a click emits. The speed box
    gives up the focus on Enter, so Space plays again. Setters never emit.
    """

    play_toggled = Signal(bool)
    step_requested = Signal(int)  # -1 or +1
    scrub_changed = Signal(int)
    speed_changed = Signal(float)
    restart_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.restart_button = self._button("⏮", SP.SP_MediaSkipBackward, self.tr("Go back to step 0 (Home)."))
        self.back_button = self._button(
            "◀|", SP.SP_MediaSeekBackward, self.tr("Move every run one step back (←).")
        )
        self.play_button = self._button(
            PLAY_TEXT, SP.SP_MediaPlay, self.tr("Play or pause the runs (Space).")
        )
        self.play_button.setCheckable(True)
        self.forward_button = self._button(
            "|▶", SP.SP_MediaSeekForward, self.tr("Move every run one step forward (→).")
        )
        self._play_icon = self.style().standardIcon(SP.SP_MediaPlay)
        self._pause_icon = self.style().standardIcon(SP.SP_MediaPause)

        self.scrub_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.scrub_slider.setTracking(True)
        self.scrub_slider.setToolTip(self.tr("Drag to show every run at the chosen step."))
        self.step_label = QLabel(self)
        self.step_label.setToolTip(self.tr("The step shown and the number of steps computed."))

        self.speed_spin = QSpinBox(self)
        self.speed_spin.setRange(1, 500)
        self.speed_spin.setValue(30)
        self.speed_spin.setSuffix(self.tr(" steps/s"))
        self.speed_spin.setKeyboardTracking(False)
        self.speed_spin.setToolTip(self.tr("How many steps play advances per second."))
        speed_label = QLabel(self.tr("speed"), self)
        speed_label.setBuddy(self.speed_spin)

        top = QHBoxLayout()
        top.setSpacing(2)
        for button in (self.restart_button, self.back_button, self.play_button, self.forward_button):
            top.addWidget(button)
        top.addSpacing(6)
        top.addWidget(self.scrub_slider, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.step_label)
        bottom.addStretch(1)
        bottom.addWidget(speed_label)
        bottom.addWidget(self.speed_spin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(bottom)

        self.restart_button.clicked.connect(self._on_restart_button_clicked)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.play_button.toggled.connect(self._on_play_button_toggled)
        self.forward_button.clicked.connect(self._on_forward_button_clicked)
        self.scrub_slider.valueChanged.connect(self._on_scrub_slider_value_changed)
        self.speed_spin.valueChanged.connect(self._on_speed_spin_value_changed)
        self.speed_spin.editingFinished.connect(self._on_speed_spin_editing_finished)
        self.shortcuts = [
            self._shortcut(Qt.Key.Key_Home, self._on_restart_button_clicked),
            self._shortcut(Qt.Key.Key_Left, self._on_back_button_clicked),
            self._shortcut(Qt.Key.Key_Space, self._on_space_shortcut_activated),
            self._shortcut(Qt.Key.Key_Right, self._on_forward_button_clicked),
        ]

        self._max_step = -1
        self.set_step(0, 0)

    def _button(self, text: str, icon: QStyle.StandardPixmap, tooltip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setIcon(self.style().standardIcon(icon))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setToolTip(tooltip)
        button.setAutoRaise(True)
        button.setMinimumWidth(button.sizeHint().height() + 4)
        return button

    def _shortcut(self, key: Qt.Key, handler: Callable[[], None]) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.setAutoRepeat(True)
        shortcut.activated.connect(handler)
        return shortcut

    # ----------------------------------------------------------------- setters (never emit)
    def set_playing(self, playing: bool) -> None:
        with QSignalBlocker(self.play_button):
            self.play_button.setChecked(playing)
        self._show_playing(playing)

    def set_step(self, step: int, max_step: int) -> None:
        """Show ``step`` of ``max_step``; cheap enough to call every frame."""
        with QSignalBlocker(self.scrub_slider):
            if max_step != self._max_step:
                self._max_step = max_step
                self.scrub_slider.setRange(0, max_step)
                self.scrub_slider.setPageStep(max(1, max_step // 10))
                widest = self._step_text(max_step, max_step)
                self.step_label.setMinimumWidth(self.step_label.fontMetrics().horizontalAdvance(widest) + 4)
            self.scrub_slider.setValue(step)
        self.step_label.setText(self._step_text(step, max_step))

    def set_speed(self, steps_per_second: float) -> None:
        with QSignalBlocker(self.speed_spin):
            self.speed_spin.setValue(round(steps_per_second))

    def _step_text(self, step: int, max_step: int) -> str:
        return self.tr("step {0} / {1}").format(step, max_step)

    def _show_playing(self, playing: bool) -> None:
        self.play_button.setText(PAUSE_TEXT if playing else PLAY_TEXT)
        self.play_button.setIcon(self._pause_icon if playing else self._play_icon)

    # ----------------------------------------------------------------- user actions
    def _on_restart_button_clicked(self) -> None:
        self.restart_requested.emit()

    def _on_back_button_clicked(self) -> None:
        self.step_requested.emit(-1)

    def _on_forward_button_clicked(self) -> None:
        self.step_requested.emit(1)

    def _on_space_shortcut_activated(self) -> None:
        self.play_button.toggle()

    def _on_speed_spin_editing_finished(self) -> None:
        if self.speed_spin.hasFocus():
            self.speed_spin.clearFocus()

    def _on_play_button_toggled(self, playing: bool) -> None:
        self._show_playing(playing)
        self.play_toggled.emit(playing)

    def _on_scrub_slider_value_changed(self, step: int) -> None:
        self.step_label.setText(self._step_text(step, self._max_step))
        self.scrub_changed.emit(step)

    def _on_speed_spin_value_changed(self, steps_per_second: int) -> None:
        self.speed_changed.emit(float(steps_per_second))
