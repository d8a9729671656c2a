"""The connection facts of one router under test: where its API, API-SSL and SSH listen.

Every kind of router the suite runs against (the simulator, a CHR under QEMU, a CHR in
a Docker container) is described by one `RouterTarget`, so a test needs nothing else to
reach it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal, Protocol

TargetKind = Literal["sim", "chr", "docker"]


@dataclass(frozen=True)
class RouterTarget:
    """How to reach a router: host, ports, the user to log in as and its password.

    ``api_ssl_port`` is None where the router serves no API-SSL.
    """

    kind: TargetKind
    host: str
    api_port: int
    ssh_port: int
    user: str
    password: str
    api_ssl_port: int | None = None

    def lines(self) -> list[str]:
        """The facts as ``name=value`` lines for people to read."""
        api_ssl = f"{self.host}:{self.api_ssl_port}" if self.api_ssl_port else "none"
        return [
            f"kind={self.kind}",
            f"api={self.host}:{self.api_port}",
            f"api-ssl={api_ssl}",
            f"ssh={self.host}:{self.ssh_port}",
            f"user={self.user}",
            f"password={self.password}",
        ]

    def to_json(self) -> str:
        """The facts as one JSON object on one line."""
        return json.dumps(asdict(self), sort_keys=True)


class RouterUnderTest(Protocol):
    """A router the harness starts and stops: a CHR under QEMU or in a container."""

    def start(self) -> RouterTarget:
        """Start it; answer its connection facts once a login succeeds."""
        ...

    def stopped(self) -> str | None:
        """Why it is no longer running, or None while it runs."""
        ...

    def close(self) -> None:
        """Stop it and remove everything it left behind; idempotent."""
        ...
