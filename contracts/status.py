"""The statuses a job can be in, on their own, so the agent's side of the tunnel can name
them without loading the public API's models."""

from __future__ import annotations

from enum import StrEnum


class JobStatus(StrEnum):
    """Every status a job can be in; see `contracts.lifecycle` for the moves between them."""

    PENDING = "pending"
    LOADED = "loaded"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    DELETED = "deleted"


ROLLED_BACK = "rolled back: "
"""How the error of a job whose configuration was restored begins."""
