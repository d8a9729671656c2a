"""The httpx transport notifications travel on: guarded connections and verified TLS.

`GuardedTransport` keeps two httpcore connection pools, one for ``https`` and one for
plain ``http``, each on a `GuardedNetworkBackend` so every connection is checked against
the `AddressPolicy` at the address it actually reaches. TLS verifies certificates
against the public roots (certifi) plus an optional CA bundle, the way a local sink with
a self-signed certificate is trusted in tests. Responses are read whole, up to a cap:
a notification's answer only matters for its status code, and a receiver must not be
able to make the emulator buffer without end. httpcore's errors become httpx's, as
httpx's own transport translates them, so callers of the client see one error family.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

import certifi
import httpcore
import httpx

from tikjobs.emulator.exceptions import NotificationError
from tikjobs.emulator.notifications.ssrf import AddressPolicy, GuardedNetworkBackend

RESPONSE_LIMIT: Final = 64 * 1024
"""Bytes of a receiver's answer that are read; the rest is dropped with the connection."""

_ERRORS: Final[tuple[tuple[type[Exception], type[httpx.TransportError]], ...]] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
)


def trusted_context(ca_bundle: Path | None = None) -> ssl.SSLContext:
    """A verifying TLS context: the public roots, plus ``ca_bundle`` when given."""
    context = ssl.create_default_context(cafile=certifi.where())
    if ca_bundle is not None:
        try:
            context.load_verify_locations(cafile=str(ca_bundle))
        except (OSError, ssl.SSLError) as error:
            raise NotificationError(f"cannot read the CA bundle {ca_bundle}: {error}") from None
    return context


@contextmanager
def _translated(request: httpx.Request) -> Iterator[None]:
    try:
        yield
    except httpcore.TimeoutException as error:
        raise _translate(error, request) from error
    except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as error:
        raise _translate(error, request) from error


def _translate(error: Exception, request: httpx.Request) -> httpx.TransportError:
    for source, target in _ERRORS:
        if isinstance(error, source):
            return target(str(error) or type(error).__name__, request=request)
    return httpx.TransportError(str(error), request=request)


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport that reaches only what the `AddressPolicy` allows."""

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        ca_bundle: Path | None = None,
        max_connections: int = 20,
        response_limit: int = RESPONSE_LIMIT,
    ) -> None:
        self._policy = policy
        self._response_limit = response_limit
        self._secure = httpcore.AsyncConnectionPool(
            ssl_context=trusted_context(ca_bundle),
            max_connections=max_connections,
            network_backend=GuardedNetworkBackend(policy),
        )
        self._plain = httpcore.AsyncConnectionPool(
            max_connections=max_connections,
            network_backend=GuardedNetworkBackend(policy, plain=True),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        self._policy.check_scheme(url.scheme, url.host)
        pool = self._secure if url.scheme == "https" else self._plain
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _translated(request):
            response = await pool.handle_async_request(core_request)
            try:
                body = await self._read_capped(response)
            finally:
                await response.aclose()
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            content=body,
            extensions={
                key: response.extensions[key]
                for key in ("http_version", "reason_phrase")
                if key in response.extensions
            },
            request=request,
        )

    async def _read_capped(self, response: httpcore.Response) -> bytes:
        body = bytearray()
        async for chunk in response.aiter_stream():
            body += chunk[: self._response_limit - len(body)]
            if len(body) >= self._response_limit:
                break
        return bytes(body)

    async def aclose(self) -> None:
        await self._secure.aclose()
        await self._plain.aclose()
