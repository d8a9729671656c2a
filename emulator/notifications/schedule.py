"""When a notification is attempted again, and which answers end its delivery.

How this works
--------------
Attempt 1 is made as soon as the notification is in the outbox. After a failed attempt
``n`` the next one waits ``delays[n]`` seconds (times ``scale``); when there is no
``delays[n]`` the notification is abandoned and recorded as failed. The default is the
schedule the team adopted from Standard Webhooks: immediately, then 5 s, 5 min, 30 min,
2 h, 5 h, 10 h, 10 h — eight attempts over about 28 hours. (The specification's own
example continues 14 h, 20 h, 24 h; pass ``delays`` to follow it.) A ``scale`` such as
0.001 shrinks every wait for tests without changing the number of attempts.

Only a 2xx answer delivers. ``410 Gone`` means the receiver wants no more of these
notifications: the entry is abandoned at once instead of retried, as Standard Webhooks
suggests. Every other status, a timeout and a connection error are retried. Redirects
are not followed (a 3xx is a failure), and ``Retry-After`` is not consulted: the
schedule alone decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Final

STANDARD_WEBHOOKS_DELAYS: Final[tuple[float, ...]] = (
    0.0,
    5.0,
    5 * 60.0,
    30 * 60.0,
    2 * 3600.0,
    5 * 3600.0,
    10 * 3600.0,
    10 * 3600.0,
)
"""Seconds to wait before each attempt; the first is immediate."""


class Verdict(Enum):
    """What one attempt's outcome means for the notification."""

    DELIVERED = "delivered"
    RETRY = "retry"
    GONE = "gone"
    """The receiver answered ``410 Gone``: abandoned at once."""
    REFUSED = "refused"
    """The emulator will not send it (SSRF guard, scheme, no secret): abandoned at once."""


def judge_status(status_code: int) -> Verdict:
    """The verdict on an HTTP answer: 2xx delivers, 410 stops, anything else retries."""
    if 200 <= status_code <= 299:
        return Verdict.DELIVERED
    if status_code == 410:
        return Verdict.GONE
    return Verdict.RETRY


@dataclass(frozen=True)
class RetrySchedule:
    """The waits between attempts, optionally scaled down for tests."""

    delays: tuple[float, ...] = STANDARD_WEBHOOKS_DELAYS
    scale: float = 1.0

    def __post_init__(self) -> None:
        if not self.delays:
            raise ValueError("a retry schedule needs at least one attempt")
        if any(delay < 0 for delay in self.delays):
            raise ValueError("retry delays must not be negative")
        if not self.scale > 0:
            raise ValueError("the retry scale must be positive")

    @property
    def attempts(self) -> int:
        """How many attempts are made before a notification is abandoned."""
        return len(self.delays)

    def delay_after(self, attempt: int) -> float | None:
        """Seconds to wait after failed attempt ``attempt`` (1-based); ``None``: abandon."""
        if attempt < 1:
            raise ValueError("attempts are counted from 1")
        if attempt >= len(self.delays):
            return None
        return self.delays[attempt] * self.scale
