"""Faults a test can switch on in the simulated router: latency, silence, dropped links.

`Faults` is data plus rules: tests set entries, the API server asks the rules. Every
control takes effect for the next command or sentence, on every connection, and may be
changed from any thread while the router runs.

- latency: a command whose word matches a glob pattern (``/ip/address/*``) waits that
  many seconds before it is answered;
- silence: a command whose word matches never answers, until it is cancelled or the
  connection closes;
- dropping: a connection is closed once it has sent N sentences;
- reboot delay: how long the ports refuse connections while the device reboots.
"""

from __future__ import annotations

import fnmatch
import threading
from dataclasses import dataclass, field

DEFAULT_REBOOT_DELAY = 0.5


@dataclass
class Faults:
    """The fault settings of one simulated router."""

    latency: dict[str, float] = field(default_factory=dict)
    silent: set[str] = field(default_factory=set)
    drop_after_sentences: int | None = None
    reboot_delay: float = DEFAULT_REBOOT_DELAY
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add_latency(self, pattern: str, seconds: float) -> None:
        """Delay every command whose word matches ``pattern`` by ``seconds``."""
        if seconds < 0:
            raise ValueError(f"latency {seconds} is negative")
        with self._lock:
            self.latency[pattern] = seconds

    def never_answer(self, pattern: str) -> None:
        """Leave every command whose word matches ``pattern`` unanswered."""
        with self._lock:
            self.silent.add(pattern)

    def drop_after(self, sentences: int | None) -> None:
        """Close each connection once it has sent ``sentences`` sentences (None: never)."""
        if sentences is not None and sentences < 1:
            raise ValueError(f"a connection must be allowed at least one sentence, not {sentences}")
        with self._lock:
            self.drop_after_sentences = sentences

    def clear(self) -> None:
        """Switch every fault off (the reboot delay returns to its default)."""
        with self._lock:
            self.latency.clear()
            self.silent.clear()
            self.drop_after_sentences = None
            self.reboot_delay = DEFAULT_REBOOT_DELAY

    def latency_for(self, word: str) -> float:
        """Seconds to wait before answering ``word``: the largest matching latency."""
        with self._lock:
            matching = [s for p, s in self.latency.items() if fnmatch.fnmatchcase(word, p)]
        return max(matching, default=0.0)

    def is_silent(self, word: str) -> bool:
        """Whether ``word`` must never be answered."""
        with self._lock:
            return any(fnmatch.fnmatchcase(word, pattern) for pattern in self.silent)

    def must_drop(self, sentences_sent: int) -> bool:
        """Whether a connection that has sent ``sentences_sent`` sentences must close."""
        limit = self.drop_after_sentences
        return limit is not None and sentences_sent >= limit

    @property
    def active(self) -> bool:
        """Whether any command-level fault is set (lets the server keep its fast path)."""
        return bool(self.latency or self.silent)
