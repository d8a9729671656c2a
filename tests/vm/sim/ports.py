"""Whether a simulated router's port listens, for the tests that reboot it."""

from __future__ import annotations

import socket


def refused(host: str, port: int, timeout: float) -> bool:
    """Whether nothing listens on the port. A reset is the listener closing under the
    connect: not yet refused."""
    try:
        socket.create_connection((host, port), timeout).close()
    except ConnectionRefusedError:
        return True
    except ConnectionResetError:
        return False
    return False
