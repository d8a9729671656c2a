"""A TCP port kept for a simulated router while it is down.

A rebooting router's ports refuse connections. Closing the listening sockets does that,
but it also hands the port numbers back to the system: an outgoing connection made
meanwhile may be given one as its local port, and the router could not listen on it
again when it comes up. A `HeldPort` keeps the number: a socket bound to it but not
listening, so a connection is still refused and no other socket is given the port.
"""

from __future__ import annotations

import logging
import socket

logger = logging.getLogger(__name__)


class HeldPort:
    """``host``:``port`` bound and not listening, until `release`."""

    def __init__(self, host: str, port: int) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket: socket.socket | None = socket.socket(family, socket.SOCK_STREAM)
        try:
            # The listener's own connections may be in TIME_WAIT; the listener will set
            # the same option when it binds again.
            self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._socket.bind((host, port))
        except OSError as error:
            self._socket.close()
            self._socket = None
            logger.warning("cannot keep port %s:%d while down: %s", host, port, error)

    def release(self) -> None:
        """Give the port back (just before the listener binds it again)."""
        if self._socket is not None:
            self._socket.close()
            self._socket = None
