"""The emulator's settings: one pydantic-settings class, read from arguments and environment.

Every value can come from the environment with the ``TIKJOBS_`` prefix
(``TIKJOBS_ADMIN_TOKEN``, ``TIKJOBS_DB`` or ``TIKJOBS_DB_PATH``, ``TIKJOBS_RATE_LIMIT``
...); the ``tikjobs emulator`` command passes its arguments as keyword overrides. The
database is an SQLite file path or a ``postgresql://`` URL (`emulator.store.location`).
Outside development mode the admin token must be a real secret: an empty token or the
development default is refused, so a self-hosted emulator never runs with a guessable
control token.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tikjobs.emulator.store.location import DatabaseLocation

DEFAULT_ADMIN_TOKEN = "tikjobs-development"  # noqa: S105 - refused outside development
DOCUMENTED_RATE_LIMIT = 60
"""Requests per minute per key that MikroCloud documents; ``--rate-limit`` without a number."""

MIN_IDEMPOTENCY_TTL = 24 * 3600.0
_WEAK_ADMIN_TOKENS = frozenset({"", DEFAULT_ADMIN_TOKEN, "admin", "changeme", "secret", "token"})

Seconds = Annotated[float, Field(gt=0)]


class Settings(BaseSettings):
    """How one emulator runs: where it listens and stores, and how its jobs are paced."""

    model_config = SettingsConfigDict(
        env_prefix="TIKJOBS_", extra="ignore", frozen=True, populate_by_name=True
    )

    host: str = Field(default="127.0.0.1", description="Address the HTTP server binds.")
    port: int = Field(default=8080, ge=0, le=65535, description="TCP port; 0 picks a free one.")
    db_path: DatabaseLocation = Field(
        default=Path("tikjobs.db"),
        validation_alias=AliasChoices("TIKJOBS_DB", "TIKJOBS_DB_PATH"),
        description="The SQLite database file, or a postgresql:// URL.",
    )
    admin_token: SecretStr = Field(
        default=SecretStr(DEFAULT_ADMIN_TOKEN),
        description="Bearer token for the /_emulator controls.",
    )
    development: bool = Field(
        default=False, description="Allow the default admin token (local experiments only)."
    )

    default_poll_interval: Seconds = Field(
        default=30.0, description="Seconds between a router's check-ins unless set per router."
    )
    heartbeat_interval: Seconds = Field(default=15.0, description="Tunnel heartbeat period.")
    job_timeout: Seconds = Field(
        default=600.0, description="Seconds a job may run once its router took it."
    )
    pending_timeout: Seconds = Field(
        default=24 * 3600.0,
        description="Seconds a job may wait for its router before it fails.",
    )
    sync_timeout: Seconds = Field(
        default=30.0, description="Seconds a synchronous call waits for the router's answer."
    )
    shutdown_grace: int = Field(
        default=10,
        ge=1,
        description="Seconds the requests and tunnels in progress have to end once the "
        "emulator is asked to stop; then they are cut off and it stops.",
    )
    rate_limit: int | None = Field(
        default=None,
        ge=1,
        description="Requests per minute per API key; none means no limit.",
    )
    idempotency_ttl: float = Field(
        default=MIN_IDEMPOTENCY_TTL,
        ge=MIN_IDEMPOTENCY_TTL,
        description="Seconds an Idempotency-Key and its answer are kept (at least 24 h).",
    )

    notify_allow_hosts: list[str] = Field(
        default_factory=list,
        description="Hosts notifications may reach although they resolve to private addresses.",
    )
    notify_allow_http: bool = Field(
        default=False, description="Allow plain http:// delivery to allow-listed hosts."
    )
    notify_ca_bundle: Path | None = Field(
        default=None, description="CA bundle trusted for notification deliveries."
    )
    notify_retry_scale: float = Field(
        default=1.0,
        gt=0,
        le=1.0,
        description="Factor applied to the Standard Webhooks retry schedule (1 = real timing).",
    )
    notify_timeout: Seconds = Field(default=15.0, description="Seconds one delivery may take.")
    notify_concurrency: int = Field(
        default=64,
        ge=1,
        le=1024,
        description="Notification deliveries in flight at once, across all receivers.",
    )

    metrics_host: str = Field(
        default="127.0.0.1", description="Address of the unauthenticated metrics endpoint."
    )
    metrics_port: int | None = Field(
        default=None,
        ge=0,
        le=65535,
        description="Serve GET /metrics without the admin token on this port of "
        "metrics_host (0 picks one); none: /metrics only on the API with the admin token.",
    )

    advertise_url: str | None = Field(
        default=None,
        pattern=r"^https?://[^/\s]+/?$",
        description="Where the other replicas sharing the PostgreSQL database reach this "
        "one (http://host:port); none: the address it listens on.",
    )

    @model_validator(mode="after")
    def _admin_token_is_secret(self) -> Settings:
        token = self.admin_token.get_secret_value()
        if not self.development and token.strip() in _WEAK_ADMIN_TOKENS:
            raise ValueError(
                "admin_token must be set to a secret value (--admin-token or "
                "TIKJOBS_ADMIN_TOKEN); the default is accepted only in development mode"
            )
        if not token.strip():
            raise ValueError("admin_token must not be empty")
        return self
