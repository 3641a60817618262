"""The one playback controller both windows share: the bar writes the state, the player moves the head."""

from __future__ import annotations

from typing import Any

from app.runtime.playback import PlaybackController
from app.state.app_state import PlaybackState
from widgets.controls.playback_bar import PlaybackBar


def _make(
    qtbot: Any, horizon: int, ready: bool, play_before_ready: bool
) -> tuple[PlaybackController, PlaybackBar]:
    bar = PlaybackBar()
    qtbot.addWidget(bar)
    control = PlaybackController(
        PlaybackState(), bar, lambda: horizon, lambda: ready, play_before_ready=play_before_ready
    )
    return control, bar


def test_bar_buttons_move_the_head_within_the_horizon(qtbot: Any) -> None:
    control, bar = _make(qtbot, horizon=10, ready=True, play_before_ready=False)
    bar.scrub_changed.emit(7)
    assert control.playback.step == 7
    bar.step_requested.emit(+1)
    bar.step_requested.emit(+1)
    bar.step_requested.emit(+1)
    assert control.playback.step == 10  # clamped to the horizon
    bar.step_requested.emit(-1)
    assert control.playback.step == 9
    bar.restart_requested.emit()
    assert control.playback.step == 0
    bar.speed_changed.emit(120.0)
    assert control.playback.speed == 120.0


def test_play_at_the_end_starts_again_and_stops_at_the_horizon(qtbot: Any) -> None:
    control, bar = _make(qtbot, horizon=5, ready=True, play_before_ready=False)
    control.move_head(5)
    bar.speed_changed.emit(500.0)
    bar.play_toggled.emit(True)
    assert control.playback.step < 5  # started from 0 again
    assert control.player.is_running()
    assert bar.play_button.isChecked()
    qtbot.waitUntil(lambda: not control.playback.playing, timeout=5000)
    assert control.playback.step == 5
    assert not control.player.is_running()
    assert not bar.play_button.isChecked()
    control.stop()


def test_play_before_anything_is_computed(qtbot: Any) -> None:
    refused, bar = _make(qtbot, horizon=0, ready=False, play_before_ready=False)
    bar.play_toggled.emit(True)
    assert not refused.playback.playing and not refused.player.is_running()
    assert not bar.play_button.isChecked()
    kept, _bar = _make(qtbot, horizon=0, ready=False, play_before_ready=True)
    _bar.play_toggled.emit(True)
    assert kept.playback.playing  # the runs arrive a moment later and then play
    assert kept.playback.step == 0  # the timer moves nothing while nothing is computed
    kept.stop()
    assert not kept.player.is_running()
