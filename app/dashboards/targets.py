"""Where the dashboards go: a Visdom server (URL, port, environment) or a TensorBoard log directory."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_VISDOM_PORT = 8097
DEFAULT_VISDOM_ENV = "gdscope"
SEND_TIMEOUT = 3.0  # seconds one request to a dashboard may take before it counts as down
_ENV_NAME = re.compile(r"^[A-Za-z0-9_.\-]+$")


class DashboardError(Exception):
    """A dashboard could not be reached or written; the message is one line for the user."""


@dataclass(frozen=True)
class VisdomTarget:
    server: str  # scheme and host, as visdom.Visdom takes it: "http://localhost"
    port: int = DEFAULT_VISDOM_PORT
    env: str = DEFAULT_VISDOM_ENV

    def __str__(self) -> str:
        return f"{self.server}:{self.port}/{self.env}"


def parse_visdom_target(text: str) -> VisdomTarget:
    """``URL[:PORT][/ENV]`` (``localhost``, ``http://host:8097/course``) → a target; ValueError if bad."""
    stripped = text.strip()
    if not stripped:
        raise ValueError("the Visdom server is empty; give URL[:PORT][/ENV], e.g. localhost:8097/gdscope")
    parts = urlsplit(stripped if "://" in stripped else f"http://{stripped}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"'{text}' is not a Visdom server URL[:PORT][/ENV] (http or https)")
    try:
        port = parts.port or DEFAULT_VISDOM_PORT
    except ValueError:
        raise ValueError(f"'{text}': the port must be a number from 1 to 65535") from None
    env = parts.path.strip("/") or DEFAULT_VISDOM_ENV
    return visdom_target(f"{parts.scheme}://{parts.hostname}", port, env)


def visdom_target(server: str, port: int, env: str) -> VisdomTarget:
    """A checked target from its three parts (the dialog's fields)."""
    if not 1 <= port <= 65535:
        raise ValueError(f"the port must be a number from 1 to 65535, got {port}")
    if not _ENV_NAME.match(env):
        raise ValueError(f"the environment name '{env}' may use only letters, digits, '_', '-' and '.'")
    parts = urlsplit(server.strip() if "://" in server else f"http://{server.strip()}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"'{server}' is not a server address")
    return VisdomTarget(f"{parts.scheme}://{parts.hostname}", port, env)
