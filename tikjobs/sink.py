"""The throwaway notification sink: an HTTPS receiver on loopback that keeps what arrives.

How this works
--------------
MikroCloud posts job notifications to an ``https://`` notify_url, and the emulator
refuses any other scheme, so the sink speaks TLS with a throwaway self-signed
certificate for ``127.0.0.1`` (`SinkCertificate`). The emulator started beside it trusts
that certificate (``notify_ca_bundle``) and lets notifications reach ``127.0.0.1``
(``notify_allow_hosts``); nothing about the public API is relaxed. Without a
certificate it listens on plain ``http://``, for an emulator run with
``--notify-allow-http``.

On its URL (``https://127.0.0.1:<port>/notify``) the sink answers:

- ``POST``: a delivery (to ``/notify`` or any other path). The sink keeps its headers and
  body, checks its Standard Webhooks signature with the customer's webhook secret
  (`emulator.notifications.signing.verify`) and answers 204 either way, so a signature
  problem shows in the record instead of as retries;
- ``GET``: every delivery kept, oldest first, as a JSON list (``?job_id=`` keeps one job's);
- ``DELETE``: forget them all.

`NotificationSink.answer` makes the next deliveries fail instead (a status code, or
`HANG`: no answer until the sender gives up), to watch the emulator retry; the
``tikjobs up`` system, the benchmarks and the tests all use this one sink.

The sink runs under uvicorn in the caller's event loop and leaves the process's signal
handlers alone: stopping is the program's decision, not the sink's.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import json
import socket
import ssl
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tikjobs.emulator.exceptions import SignatureInvalid
from tikjobs.emulator.notifications import signing

SINK_PATH: Final = "/notify"
BODY_LIMIT: Final = 1024 * 1024
"""Largest delivery body the sink keeps; a bigger one is answered 413."""
CERTIFICATE_DAYS: Final = 30
HANG: Final = -1
"""An answer that never comes: the sink holds the delivery open until the sender leaves."""

Arrival = Callable[["ReceivedNotification"], None]


@dataclass(frozen=True)
class SinkCertificate:
    """A self-signed certificate for 127.0.0.1 and ``localhost``, and its key, as PEM files.

    The certificate is its own CA: ``cert_path`` is the CA bundle a client trusts.
    """

    cert_path: Path
    key_path: Path

    @classmethod
    def create(cls, directory: Path) -> SinkCertificate:
        """A fresh certificate written to ``directory`` (the key readable by the owner only)."""
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tikjobs notification sink")])
        now = datetime.datetime.now(datetime.UTC)
        public_key = key.public_key()
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=CERTIFICATE_DAYS))
            .add_extension(
                x509.SubjectAlternativeName(
                    [x509.DNSName("localhost"), x509.IPAddress(ipaddress.IPv4Address("127.0.0.1"))]
                ),
                critical=False,
            )
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(public_key), critical=False
            )
            .sign(key, hashes.SHA256())
        )
        cert_path = directory / "sink-ca.pem"
        key_path = directory / "sink-key.pem"
        cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        key_path.touch(mode=0o600)
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        return cls(cert_path, key_path)

    def client_context(self) -> ssl.SSLContext:
        """A TLS context for clients of the sink: it trusts this certificate."""
        return ssl.create_default_context(cafile=str(self.cert_path))

    def server_context(self) -> ssl.SSLContext:
        """A TLS context for a server that presents this certificate."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_path, self.key_path)
        return context


@dataclass(frozen=True)
class ReceivedNotification:
    """One delivery as it reached the sink: its headers (names in lower case), its JSON
    body (or the body's text when it is not JSON), whether its signature verified, where
    it was posted (path and query) and its exact bytes."""

    received_at: datetime.datetime
    headers: dict[str, str]
    payload: Any
    signature_valid: bool
    signature_error: str | None
    target: str = SINK_PATH
    body: bytes = b""
    method: str = "POST"

    @property
    def webhook_id(self) -> str:
        return self.headers.get(signing.ID_HEADER, "")

    @property
    def status(self) -> str | None:
        """The job status the notification reports, when its payload has one."""
        status = self.payload.get("status") if isinstance(self.payload, dict) else None
        return status if isinstance(status, str) else None

    @property
    def job_id(self) -> str | None:
        job_id = self.payload.get("job_id") if isinstance(self.payload, dict) else None
        return job_id if isinstance(job_id, str) else None

    def as_json(self) -> dict[str, Any]:
        """The record as ``GET`` on the sink answers it."""
        return {
            "webhook_id": self.webhook_id,
            "received_at": self.received_at.isoformat(),
            "headers": self.headers,
            "payload": self.payload,
            "signature_valid": self.signature_valid,
            "signature_error": self.signature_error,
        }


class _EmbeddedServer(uvicorn.Server):
    """A uvicorn server that leaves signal handling to the program it runs in."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class NotificationSink:
    """An HTTPS receiver of job notifications on loopback; an async context manager.

    ``secret`` is the customer's webhook secret (``whsec_...``) the signatures are checked
    with (None: not checked); ``certificate`` None listens on plain http; ``on_arrival`` is
    called with each delivery as it is kept.
    """

    def __init__(
        self,
        secret: str | None,
        certificate: SinkCertificate | None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        on_arrival: Arrival | None = None,
    ) -> None:
        if secret is not None:
            signing.secret_key(secret)
        self.secret = secret
        self.certificate = certificate
        self.host = host
        self._port = port
        self._on_arrival = on_arrival
        self._received: list[ReceivedNotification] = []
        self._answers: dict[str | None, deque[int]] = {}
        self._arrived = asyncio.Condition()
        self._server: _EmbeddedServer | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        """Where notifications go and where ``GET`` reads them: ``https://127.0.0.1:N/notify``."""
        return self.url_for()

    @property
    def port(self) -> int:
        """The port the sink listens on (chosen when it starts, unless given)."""
        return self._port

    def url_for(self, host: str | None = None, path: str = SINK_PATH) -> str:
        """The sink's URL with another host name (``localhost``) or path."""
        scheme = "https" if self.certificate is not None else "http"
        return f"{scheme}://{host or self.host}:{self._port}{path}"

    def answer(self, statuses: Iterable[int], path: str | None = None) -> None:
        """Answer the next deliveries to ``path`` (to any path without answers of its own
        when None) with ``statuses`` in turn, each a status code or `HANG`; once they are
        used up the sink answers 204 again."""
        self._answers.setdefault(path, deque()).extend(statuses)

    @property
    def received(self) -> list[ReceivedNotification]:
        """Every delivery kept, oldest first."""
        return list(self._received)

    def clear(self) -> None:
        """Forget every delivery kept so far."""
        self._received.clear()

    async def wait_for(
        self,
        check: Callable[[list[ReceivedNotification]], bool],
        timeout: float = 15.0,  # noqa: ASYNC109 - a bound the caller chooses per wait
    ) -> list[ReceivedNotification]:
        """The deliveries once ``check`` holds for them; `TimeoutError` after ``timeout``."""
        async with asyncio.timeout(timeout), self._arrived:
            await self._arrived.wait_for(lambda: check(list(self._received)))
        return list(self._received)

    async def __aenter__(self) -> NotificationSink:
        listener = socket.create_server((self.host, self._port))
        self._port = int(listener.getsockname()[1])
        tls = self.certificate
        config = uvicorn.Config(
            self._app(),
            ssl_certfile=str(tls.cert_path) if tls is not None else None,
            ssl_keyfile=str(tls.key_path) if tls is not None else None,
            log_level="warning",
            access_log=False,
            lifespan="off",
            server_header=False,
            timeout_graceful_shutdown=2,
        )
        server = self._server = _EmbeddedServer(config)
        self._task = asyncio.create_task(server.serve([listener]), name="tikjobs-sink")
        try:
            while not server.started:
                if self._task.done():
                    break
                await asyncio.sleep(0.01)
            if not server.started:
                with contextlib.suppress(SystemExit):
                    await self._task
                raise OSError(f"the notification sink could not listen on {self.url}")
        except BaseException:
            listener.close()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            with contextlib.suppress(SystemExit):
                await self._task
        self._server = self._task = None

    # -- the HTTP side ------------------------------------------------------------------

    def _app(self) -> Starlette:
        return Starlette(
            routes=[
                Route(SINK_PATH, self._list, methods=["GET"]),
                Route(SINK_PATH, self._forget, methods=["DELETE"]),
                Route("/{path:path}", self._deliver, methods=["POST"]),
            ]
        )

    async def _deliver(self, request: Request) -> Response:
        body = bytearray()
        try:
            async for chunk in request.stream():
                body += chunk
                if len(body) > BODY_LIMIT:
                    return JSONResponse({"error": "body too large"}, status_code=413)
        except ClientDisconnect:
            # The sender went away mid-body (an emulator killed while it delivered): it
            # never learns of this delivery and sends it again; nothing is kept.
            return Response(status_code=400)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        await self._keep(dict(request.headers), bytes(body), target)
        status = self._next_answer(request.url.path)
        if status == HANG:
            while (await request.receive())["type"] != "http.disconnect":
                pass
        return Response(status_code=204 if status in (None, HANG) else status)

    def _next_answer(self, path: str) -> int | None:
        answers = self._answers.get(path) or self._answers.get(None)
        return answers.popleft() if answers else None

    async def _list(self, request: Request) -> Response:
        job_id = request.query_params.get("job_id")
        kept = [item for item in self._received if job_id is None or item.job_id == job_id]
        return JSONResponse([item.as_json() for item in kept])

    async def _forget(self, request: Request) -> Response:
        self.clear()
        return Response(status_code=204)

    async def _keep(self, headers: dict[str, str], body: bytes, target: str) -> None:
        problem: str | None = "no webhook secret to check the signature with"
        if self.secret is not None:
            try:
                signing.verify(self.secret, headers, body, now=time.time())
                problem = None
            except SignatureInvalid as error:
                problem = error.message
        text = body.decode("utf-8", errors="replace")
        try:
            payload: Any = json.loads(text)
        except ValueError:
            payload = text
        received = ReceivedNotification(
            received_at=datetime.datetime.now(datetime.UTC),
            headers={name.lower(): value for name, value in headers.items()},
            payload=payload,
            signature_valid=problem is None,
            signature_error=problem,
            target=target,
            body=body,
        )
        async with self._arrived:
            self._received.append(received)
            self._arrived.notify_all()
        if self._on_arrival is not None:
            self._on_arrival(received)
