"""The emulator's clock: the current moment, as every part of the emulator stamps it.

The engine, the delivery worker and the API take a ``clock`` callable so tests can set
the time; `utc_now` is what they use when none is given.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """The current moment, timezone-aware UTC."""
    return datetime.now(UTC)
