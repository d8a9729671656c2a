"""Injected faults: the rules in force for synchronous calls and notification deliveries.

One `FaultRules` object lives in the running app. ``/_emulator/faults`` replaces or
clears its rules; the synchronous route and the notification worker ask it, before each
call, for a `FaultOutcome`: how long to wait first and whether the call fails. Draws come
from one random generator that a test may seed.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from enum import StrEnum

from tikjobs.contracts.controls import FaultRule, Faults


class FaultTarget(StrEnum):
    """The kinds of call a fault rule applies to."""

    SYNC = "sync"
    NOTIFICATION = "notification"


@dataclass(frozen=True)
class FaultOutcome:
    """What happens to one call: wait ``delay`` seconds first, then fail when ``fail``."""

    delay: float
    fail: bool

    @property
    def injected(self) -> bool:
        """Whether the call is touched at all."""
        return self.fail or self.delay > 0


NO_FAULT = FaultOutcome(delay=0.0, fail=False)


class FaultRules:
    """The fault rules in force, shared by the API and the notification worker."""

    def __init__(self, rng: random.Random | None = None) -> None:
        self._faults = Faults()
        self._rng = rng or random.Random()  # noqa: S311 - chooses injected failures, not secrets
        self._lock = threading.Lock()

    @property
    def current(self) -> Faults:
        """The rules as ``GET /_emulator/faults`` shows them."""
        return self._faults

    def replace(self, faults: Faults) -> None:
        """Put ``faults`` in force."""
        self._faults = faults

    def clear(self) -> None:
        """No latency, no failures."""
        self._faults = Faults()

    def rule(self, target: FaultTarget) -> FaultRule:
        """The rule for one kind of call."""
        return self._faults.sync if target is FaultTarget.SYNC else self._faults.notification

    def draw(self, target: FaultTarget) -> FaultOutcome:
        """What happens to the next call of this kind."""
        rule = self.rule(target)
        if rule.latency == 0 and rule.failure_rate == 0:
            return NO_FAULT
        with self._lock:
            fail = rule.failure_rate >= 1 or self._rng.random() < rule.failure_rate
        return FaultOutcome(delay=rule.latency, fail=fail)
