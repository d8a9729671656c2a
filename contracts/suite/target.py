"""What the contract suite checks: a server, its credentials, and how far it may go.

A `Target` is everything a run needs to know about the server: its base URL, the API
key and router to act as, and the optional extras that open more properties — a second
customer's key (tenancy), a notification sink (notifications), the emulator's admin token
(triggering a router's check-in) and permission to change the router's configuration.
`Need` names those extras, so a property that lacks one is skipped with a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Final

DEFAULT_EXAMPLES: Final = 10
DEFAULT_WAIT: Final = 60.0
ENVIRONMENT: Final[Mapping[str, str]] = {
    "base_url": "MIKROCLOUD_URL",
    "token": "MIKROCLOUD_TOKEN",
    "router_id": "MIKROCLOUD_ROUTER",
    "second_token": "MIKROCLOUD_SECOND_TOKEN",
    "notify_sink": "MIKROCLOUD_NOTIFY_SINK",
    "notify_sink_ca": "MIKROCLOUD_NOTIFY_SINK_CA",
    "admin_token": "MIKROCLOUD_ADMIN_TOKEN",
}
"""Environment variables a target's options fall back to (``tikjobs contract``, pytest)."""
REQUIRED: Final = ("base_url", "token", "router_id")
"""The options without which there is no target."""


class Need(Enum):
    """An extra a property needs beyond a URL, a key and a router."""

    OTHER_CUSTOMER = "--second-token (another customer's API key)"
    NOTIFY_SINK = "--notify-sink (a sink the server can post notifications to)"
    ALLOW_WRITES = "--allow-writes (permission to change the router's configuration)"


@dataclass(frozen=True)
class Target:
    """A server to check and how.

    ``notify_sink`` is a URL the server may post notifications to and that answers
    ``GET`` (optionally ``?job_id=``) with the JSON list of what it received, oldest
    first: bodies, or records carrying the body as ``payload`` (as ``tikjobs up``'s sink
    does); ``notify_sink_ca`` is the certificate to trust when reading it. Without
    ``allow_writes`` only read commands and harmless scripts (``:log info``, comments,
    ``:error``) reach the router.
    """

    base_url: str
    token: str
    router_id: str
    second_token: str | None = None
    notify_sink: str | None = None
    notify_sink_ca: Path | None = None
    admin_token: str | None = None
    allow_writes: bool = False
    max_examples: int = DEFAULT_EXAMPLES
    """Examples each property tries (the state machine: runs of it)."""
    wait: float = DEFAULT_WAIT
    """Seconds to wait for a job or a notification before calling it missing."""
    shrink: bool = False
    """Shrink a failing example to a minimal one (costs many more requests)."""

    def missing(self, needs: frozenset[Need]) -> list[Need]:
        """The extras in ``needs`` this target does not have."""
        have = {
            Need.OTHER_CUSTOMER: self.second_token is not None,
            Need.NOTIFY_SINK: self.notify_sink is not None,
            Need.ALLOW_WRITES: self.allow_writes,
        }
        return [need for need in Need if need in needs and not have[need]]
