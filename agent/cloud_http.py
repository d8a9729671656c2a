"""Plain HTTP requests from the agent to the cloud (enrollment, the site check), with the
same TLS rules as the tunnel: ``cloud_ca``, and a ``cloud_pin`` checked after the TLS
handshake and before the request is written.

The agent's base install has no HTTP client library; `http.client` is all this needs.
`OSError`, `ssl.SSLError` and `http.client.HTTPException` become `CloudUnreachable`,
a pin that does not match `CloudRefused`.
"""

from __future__ import annotations

import http.client
import json
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tikjobs.agent import pins
from tikjobs.agent.cloud_tls import PIN_MISMATCH, client_context, peer_certificate
from tikjobs.agent.exceptions import CloudRefused, CloudUnreachable, describe

TIMEOUT = 15.0


@dataclass(frozen=True)
class CloudAnswer:
    """An HTTP answer: its status and its JSON body (None when it has none)."""

    status: int
    body: Any
    date: str | None = None
    """The answer's ``Date`` header."""

    def message(self) -> str:
        """The error envelope's message, or the status."""
        if isinstance(self.body, dict) and isinstance(self.body.get("message"), str):
            return str(self.body["message"])
        return f"HTTP {self.status}"


@dataclass(frozen=True)
class CloudEndpoint:
    """Where the cloud answers HTTP, and how its TLS is checked."""

    url: str
    cloud_ca: Path | None = None
    cloud_pin: str | None = None

    @property
    def secure(self) -> bool:
        return urlsplit(self.url).scheme.lower() in {"https", "wss"}

    def request(self, method: str, path: str, body: Any = None) -> CloudAnswer:
        """One request; answers whatever status the cloud gave."""
        connection = self._connect()
        try:
            payload = None if body is None else json.dumps(body).encode()
            headers = {"Accept": "application/json"}
            if payload is not None:
                headers["Content-Type"] = "application/json"
            connection.request(method, self._base_path() + path, body=payload, headers=headers)
            response = connection.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as error:
            raise CloudUnreachable(f"{self.url}: {describe(error)}") from None
        finally:
            connection.close()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return CloudAnswer(response.status, parsed, response.getheader("Date"))

    def certificate(self) -> bytes | None:
        """The DER certificate the cloud shows (None over plain HTTP); checks TLS."""
        connection = self._connect()
        try:
            return peer_certificate(connection.sock) if self.secure else None
        finally:
            connection.close()

    def _base_path(self) -> str:
        return urlsplit(self.url).path.rstrip("/")

    def _connect(self) -> http.client.HTTPConnection:
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        connection: http.client.HTTPConnection
        if self.secure:
            context = client_context(self.cloud_ca, self.cloud_pin)
            connection = http.client.HTTPSConnection(
                host, parts.port or 443, timeout=TIMEOUT, context=context
            )
        else:
            connection = http.client.HTTPConnection(host, parts.port or 80, timeout=TIMEOUT)
        try:
            connection.connect()
        except ssl.SSLCertVerificationError as error:
            connection.close()
            raise CloudRefused(
                "certificate", f"{self.url}: the certificate is not trusted: {error.verify_message}"
            ) from None
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            raise CloudUnreachable(f"cannot reach {self.url}: {describe(error)}") from None
        if self.secure and self.cloud_pin:
            if not pins.matches(self.cloud_pin, peer_certificate(connection.sock)):
                connection.close()
                raise CloudRefused("certificate_pin", PIN_MISMATCH)
        return connection
