"""Posting windows to a Visdom server with a short timeout (visdom is an optional extra, imported here only).

``visdom.Visdom`` posts without a timeout and ignores HTTP errors; ``_TimedVisdom`` adds both, so a
server that is down, refuses or hangs becomes one ``DashboardError`` within ``SEND_TIMEOUT`` seconds.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from typing import Any

from app.dashboards.targets import SEND_TIMEOUT, DashboardError, VisdomTarget
from app.dashboards.visdom_plots import VisdomPlot

INSTALL_HINT = "Visdom is not installed: pip install -e '.[visdom]'"


def _visdom_class() -> Any:
    try:
        import visdom
    except ImportError:
        raise DashboardError(INSTALL_HINT) from None
    # Its client logs "Setting up a new session..." on every connection: keep stderr for our one line.
    logging.getLogger("visdom").setLevel(logging.ERROR)

    class _TimedVisdom(visdom.Visdom):
        timeout = SEND_TIMEOUT

        def _handle_post(self, url: str, data: Any = None) -> str:
            response = self.session.post(url, data=data or {}, timeout=self.timeout)  # type: ignore[attr-defined]
            response.raise_for_status()
            return str(response.text)

    return _TimedVisdom


class VisdomSender:
    """One connection to a Visdom server; ``send`` raises DashboardError with a message for the user."""

    def __init__(self, target: VisdomTarget, timeout: float = SEND_TIMEOUT) -> None:
        self.target = target
        self.timeout = timeout
        self._client: Any = None

    def _connect(self) -> Any:
        if self._client is None:
            client_class = _visdom_class()
            client_class.timeout = self.timeout
            with warnings.catch_warnings():  # its client calls the deprecated logger.warn without a socket
                warnings.simplefilter("ignore", DeprecationWarning)
                self._client = self._call(
                    client_class,
                    server=self.target.server,
                    port=self.target.port,
                    env=self.target.env,
                    raise_exceptions=True,
                    use_incoming_socket=False,
                )
        return self._client

    def _call(self, function: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DashboardError:
            raise
        except Exception as error:  # requests' and visdom's errors: one message, never a crash
            self._client = None
            raise DashboardError(f"Visdom server {self.target} is not reachable ({_reason(error)})") from None

    def send(self, plots: Sequence[VisdomPlot]) -> None:
        client = self._connect()
        for plot in plots:
            self._call(client._send, plot.message(self.target.env))


def _reason(error: BaseException) -> str:
    cause = error.__cause__ or error.__context__  # visdom re-raises requests' error as a bare ConnectionError
    text = f"{error} {cause or ''}".strip() or type(error).__name__
    if "Connection refused" in text or "Errno 111" in text:
        return "connection refused"
    if "timed out" in text.lower():
        return "no answer within the timeout"
    if "Read timed out" in text or "ReadTimeout" in text:
        return "no answer within the timeout"
    if "Error connecting to Visdom server" in text:
        return "connection refused or closed"
    return text.splitlines()[0][:160]
