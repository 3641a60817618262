"""Each window connects its signals in one place: no `.connect(` or `.disconnect(` elsewhere in its room.

The source is parsed (ast), so comments and strings do not count. widgets/ wire their own internals.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("app/window", "app/real_model")
WIRING = {"app/window/wiring.py", "app/real_model/wiring.py"}
EXEMPT = {
    # the app host outlives the windows it rebuilds for a language switch: its own two connections
    # (language chosen, closing) are the app's, not a window's
    "app/window/launch.py": "the app host (WindowHost), not a window",
    # a modal dialog's own OK / Cancel buttons: a view's internals, as in widgets/
    "app/window/dashboard_dialogs.py": "a dialog's own buttons",
}


def connection_calls(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, ast.unparse(node.func))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("connect", "disconnect")
    ]


def test_windows_connect_only_in_their_wiring_module() -> None:
    found = []
    for room in ROOMS:
        for path in sorted((ROOT / room).glob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name in WIRING or name in EXEMPT:
                continue
            found += [f"{name}:{line}: {call}" for line, call in connection_calls(path)]
    assert found == []


def test_the_wiring_modules_do_connect() -> None:
    """The check above reads the right files: the wiring modules hold the connections."""
    for name in WIRING:
        assert any(call.endswith(".connect") for _, call in connection_calls(ROOT / name)), name


def test_the_exemptions_still_exist() -> None:
    for name in EXEMPT:
        assert connection_calls(ROOT / name), f"{name} no longer connects anything: drop its exemption"
