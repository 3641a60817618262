"""The one playback controller both windows share: the playback bar, the play head and the Player.

It writes what the bar asks into a ``PlaybackState`` (step, playing, speed) and lets the Player move
the head while playing; the window's own controller only listens to ``PlaybackState.events.step``
to draw the step. ``horizon()`` is the last step that can be shown, ``ready()`` whether anything has
been computed yet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from app.runtime.player import Player
from app.state.app_state import PlaybackState
from widgets.controls.playback_bar import PlaybackBar


class PlaybackController(QObject):
    """Wires a ``PlaybackBar`` and a ``Player`` to a ``PlaybackState``.

    ``play_before_ready``: pressing Play before anything is computed keeps the Play state (the main
    window: the runs are computed a moment later and then play); otherwise Play is refused.
    """

    def __init__(
        self,
        playback: PlaybackState,
        bar: PlaybackBar,
        horizon: Callable[[], int],
        ready: Callable[[], bool],
        *,
        play_before_ready: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.playback = playback
        self.bar = bar
        self.player = Player(self)
        self._horizon = horizon
        self._ready = ready
        self._play_before_ready = play_before_ready
        self._stopped = False
        self._connections = (
            (bar.play_toggled, self._on_bar_play_toggled),
            (bar.step_requested, self._on_bar_step_requested),
            (bar.scrub_changed, self._on_bar_scrub_changed),
            (bar.speed_changed, self._on_bar_speed_changed),
            (bar.restart_requested, self._on_bar_restart_requested),
            (self.player.advance, self._on_player_advance),
        )
        for signal, slot in self._connections:
            signal.connect(slot)
        playback.events.playing.connect(self._on_playback_playing_changed)
        playback.events.speed.connect(self.player.set_speed)

    def move_head(self, step: int) -> None:
        """Put the play head at ``step``, clamped to what can be shown."""
        self.playback.step = max(0, min(step, self._horizon()))

    def stop(self) -> None:
        """Stop the timer for good and stop listening to the state (the window goes away; idempotent)."""
        self.player.stop()
        if self._stopped:
            return
        self._stopped = True
        self.playback.events.playing.disconnect(self._on_playback_playing_changed)
        self.playback.events.speed.disconnect(self.player.set_speed)

    # ---- the bar ------------------------------------------------------------------------------
    def _on_bar_play_toggled(self, playing: bool) -> None:
        if playing and self._ready() and self.playback.step >= self._horizon():
            self.playback.step = 0
        self.playback.playing = playing and (self._play_before_ready or self._ready())
        self.bar.set_playing(self.playback.playing)

    def _on_bar_step_requested(self, delta: int) -> None:
        self.playback.playing = False
        self.move_head(self.playback.step + delta)

    def _on_bar_scrub_changed(self, step: int) -> None:
        self.move_head(step)

    def _on_bar_speed_changed(self, speed: float) -> None:
        self.playback.speed = speed

    def _on_bar_restart_requested(self) -> None:
        self.move_head(0)

    # ---- the timer ----------------------------------------------------------------------------
    def _on_player_advance(self, steps: int) -> None:
        if not self._ready():
            return
        target = self.playback.step + steps
        if target >= self._horizon():
            self.playback.playing = False
        self.move_head(target)

    def _on_playback_playing_changed(self, playing: bool) -> None:
        self.bar.set_playing(playing)
        if playing:
            self.player.set_speed(self.playback.speed)  # a lesson sets it with the signals held
            self.player.start()
        else:
            self.player.stop()
