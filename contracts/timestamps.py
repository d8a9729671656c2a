"""Timestamps as the seed writes them (UTC, whole seconds, ``+00:00``), for the API models
and the tunnel frames alike. Plain functions: the API models' pydantic type for them,
`contracts.api.Timestamp`, is built on `format_timestamp`."""

from __future__ import annotations

from datetime import UTC, datetime

TIMESTAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$"


def format_timestamp(moment: datetime) -> str:
    """A moment as the seed writes it: UTC, whole seconds, ``+00:00``."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must carry a time zone")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()
