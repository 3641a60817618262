"""A schedule's ``args`` that are neither a mapping nor [name, value] pairs: a SessionError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.state.session import SessionError, load_session
from tests.reliability.conftest import default_session, write_session


@pytest.mark.parametrize("args", [[None], [1], ["ab"], [[1, 2, 3]], [["gamma"]], [None, None]])
def test_schedule_args_that_are_not_pairs_are_refused(tmp_path: Path, args: list[Any]) -> None:
    data = default_session()
    data["run"]["schedule"]["args"] = args
    with pytest.raises(SessionError, match="schedule"):
        load_session(write_session(tmp_path / "s.gdscope.json", data))


def test_schedule_args_as_pairs_still_load(tmp_path: Path) -> None:
    data = default_session()
    data["run"]["schedule"] = {
        "name": "StepLR",
        "args": [["step_size", 50], ["gamma", 0.5]],
        "interval": "step",
    }
    session = load_session(write_session(tmp_path / "s.gdscope.json", data))
    assert session.run.schedule.args == {"step_size": 50, "gamma": 0.5}
