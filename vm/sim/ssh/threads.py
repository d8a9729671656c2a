"""The threads a running SSH server owns, so closing it can wait for every one of them.

Paramiko is thread-based: each connection's transport is a thread, the SFTP subsystem is a
thread, and every exec or shell channel runs in a worker thread here. `SessionThreads`
keeps them in one place; `join` waits for them within a deadline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class SessionThreads:
    """Threads started for one server's sessions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._threads: set[threading.Thread] = set()

    def start(self, name: str, target: Callable[[], None]) -> threading.Thread:
        """Start ``target`` in a new thread called ``name`` and keep track of it."""
        thread = threading.Thread(target=target, name=name, daemon=True)
        self.add(thread)
        thread.start()
        return thread

    def add(self, thread: threading.Thread) -> None:
        """Keep track of a thread someone else starts (a transport, an SFTP subsystem)."""
        with self._lock:
            self._threads = {t for t in self._threads if t.is_alive() or not t.ident}
            self._threads.add(thread)

    def join(self, timeout: float) -> list[threading.Thread]:
        """Wait up to ``timeout`` seconds for every thread to end; return those still alive."""
        deadline = time.monotonic() + timeout
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            if thread.ident is not None:
                thread.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            self._threads = {t for t in self._threads if t.is_alive() or not t.ident}
            return [t for t in self._threads if t.ident is not None]
