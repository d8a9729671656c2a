"""This emulator among the other replicas on one PostgreSQL database: its lease, the
tunnels it holds, and the calls it makes to the replica holding another router's tunnel.

How this works
--------------
An agent keeps one tunnel, to one replica; a client's request may reach any replica.
The database says who holds what (`emulator.store.postgres.replicas`): on start a
replica registers itself with a random secret and a lease it renews every
`RENEW_EVERY` seconds (sweeping away replicas whose lease ran out, and so marking their
routers offline), and once it listens, the address its peers call it at. A tunnel that
comes up is recorded as held by this replica; one that ends is released.

A synchronous call for a router whose tunnel another replica holds is sent to that
replica: ``POST {address}/_replica/sync/{router_id}`` with the holder's secret as bearer
token (`emulator.api.replica`). The holder runs the call on its tunnel and answers the
router's result unjudged, or that the router was offline or did not answer in time; the
caller then judges it exactly as its own tunnel's answer would be judged, so a client
gets the same answer (rows, 400 trap, 503, 504) whichever replica it reaches. An
express job submitted here for a router held elsewhere is announced the same way
(``POST /_replica/wake/{router_id}``), and the holder offers it at once.

Why an HTTP call between replicas rather than LISTEN/NOTIFY: a sync answer (an ARP or
route table) is often larger than NOTIFY's 8,000-byte payload, so the answer would need
a second path anyway (a table written and read back: two more round trips and rows to
clean up); a LISTEN needs a dedicated connection per replica outside the pool, and a
NOTIFY sent while the listener's connection is down is lost without an error. An HTTP
request to the holder is one round trip that carries the answer, fails loudly when the
holder is gone (the caller answers 503, as for a lost tunnel), and is served by the
server each replica already runs. The secret is read from the database, which every
replica already trusts with everything; nothing more is configured.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import socket
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit
from uuid import UUID, uuid4

import httpx

from tikjobs.contracts.tunnel import FrameError, SyncResult, from_data
from tikjobs.emulator.exceptions import EmulatorError, RouterOffline, RouterTimeout

if TYPE_CHECKING:
    from tikjobs.emulator.store.postgres import PostgresStore

log = logging.getLogger(__name__)

LEASE_SECONDS = 10.0
"""A replica that has not renewed its lease for this long is taken for dead."""
RENEW_EVERY = 2.0
"""Seconds between a replica's lease renewals (and sweeps of dead replicas)."""
CALL_MARGIN = 5.0
"""Seconds a forwarded sync call may take beyond the sync timeout the holder applies."""
WAKE_TIMEOUT = 5.0
"""Seconds to announce an express job to the holder of its router's tunnel."""


class Peers:
    """This replica's place among the replicas sharing its PostgreSQL database."""

    def __init__(
        self,
        store: PostgresStore,
        *,
        lease: float = LEASE_SECONDS,
        renew_every: float = RENEW_EVERY,
    ) -> None:
        self.store = store
        self.replica_id = uuid4()
        self.secret = secrets.token_urlsafe(32)
        self.address: str | None = None
        self._lease = lease
        self._renew_every = renew_every
        self._renewer: asyncio.Task[None] | None = None
        self.on_taken_for_dead: Callable[[], Awaitable[None]] | None = None
        """Called after this replica, paused past its lease, was swept by another and
        registered again: its tunnels are no longer recorded, so they are closed and
        their agents reconnect (to whichever replica)."""
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(WAKE_TIMEOUT), limits=httpx.Limits(max_keepalive_connections=32)
        )

    async def start(self) -> None:
        """Register this replica and keep renewing its lease."""
        await self.store.sweep_dead_replicas()
        await self.store.register_replica(self.replica_id, self.secret, self._lease)
        self._renewer = asyncio.get_running_loop().create_task(
            self._keep_lease(), name="tikjobs-replica-lease"
        )

    async def advertise(self, url: str) -> None:
        """Tell the other replicas where to call this one (once it listens)."""
        self.address = url.rstrip("/")
        await self.store.advertise_replica(self.replica_id, self.address)
        log.info("replica %s answers its peers at %s", self.replica_id, self.address)

    async def stop(self) -> None:
        """Stop renewing; the replica's routers go offline and its row goes."""
        if self._renewer is not None:
            self._renewer.cancel()
            await asyncio.gather(self._renewer, return_exceptions=True)
            self._renewer = None
        try:
            await self.store.retire_replica(self.replica_id)
        except EmulatorError:
            log.exception("could not retire replica %s", self.replica_id)
        await self._client.aclose()

    async def _keep_lease(self) -> None:
        while True:
            await asyncio.sleep(self._renew_every)
            try:
                if not await self.store.renew_replica(self.replica_id, self._lease):
                    log.warning("replica %s was taken for dead; registering again", self)
                    await self.store.register_replica(self.replica_id, self.secret, self._lease)
                    if self.address is not None:
                        await self.store.advertise_replica(self.replica_id, self.address)
                    if self.on_taken_for_dead is not None:
                        await self.on_taken_for_dead()
                let_go = await self.store.sweep_dead_replicas()
                if let_go:
                    log.info("%d routers of replicas that stopped renewing went offline", let_go)
            except EmulatorError:
                log.exception("could not renew the lease of replica %s", self.replica_id)

    def __str__(self) -> str:
        return str(self.replica_id)

    # -- tunnels ----------------------------------------------------------------------

    async def hold(self, router_id: UUID) -> None:
        """This replica now holds the router's tunnel."""
        await self.store.hold_tunnel(router_id, self.replica_id)

    async def release(self, router_id: UUID) -> bool:
        """This replica's tunnel of the router ended; True (and the router is offline)
        when no other replica had taken it over."""
        return await self.store.release_tunnel(router_id, self.replica_id)

    def authorised(self, token: str | None) -> bool:
        """Whether a peer's bearer token is this replica's secret."""
        return token is not None and secrets.compare_digest(token, self.secret)

    # -- calls to the holder ----------------------------------------------------------

    async def call_sync(
        self,
        router_id: UUID,
        command: str,
        words: Sequence[str],
        timeout: float,  # noqa: ASYNC109 - the holder applies it to the router
    ) -> SyncResult:
        """Run a sync call on the replica holding the router's tunnel; the router's
        result unjudged. `RouterOffline` when no live replica holds it or the holder
        cannot be reached; `RouterTimeout` when the router did not answer in time."""
        address, secret = await self._holder(router_id)
        try:
            answer = await self._client.post(
                f"{address}/_replica/sync/{router_id}",
                json={"command": command, "words": list(words), "timeout": timeout},
                headers={"Authorization": f"Bearer {secret}"},
                timeout=timeout + CALL_MARGIN,
            )
        except httpx.TimeoutException:
            raise RouterTimeout(f"router {router_id} did not answer within {timeout:g} s") from None
        except httpx.HTTPError as error:
            raise RouterOffline(
                f"router {router_id} is offline: the replica holding its tunnel is "
                f"unreachable ({type(error).__name__})"
            ) from None
        return _sync_answer(router_id, answer)

    async def wake(self, router_id: UUID, *, poll: bool) -> bool:
        """Ask the holder of the router's tunnel to offer its due job now (an express
        job was submitted) or, with ``poll``, to check the router in; False when no
        live replica holds the tunnel or the holder cannot be reached."""
        try:
            address, secret = await self._holder(router_id)
        except RouterOffline:
            return False
        try:
            answer = await self._client.post(
                f"{address}/_replica/wake/{router_id}",
                params={"poll": "1" if poll else "0"},
                headers={"Authorization": f"Bearer {secret}"},
            )
        except httpx.HTTPError as error:
            log.warning("could not wake router %s at %s: %r", router_id, address, error)
            return False
        return answer.status_code == 200 and bool(answer.json().get("held"))

    async def _holder(self, router_id: UUID) -> tuple[str, str]:
        holder = await self.store.tunnel_holder(router_id)
        if holder is None or holder.replica_id == self.replica_id or holder.address is None:
            raise RouterOffline(f"router {router_id} is offline (no agent connected)")
        return holder.address, holder.secret


def _sync_answer(router_id: UUID, answer: httpx.Response) -> SyncResult:
    """The holder's answer to a forwarded sync call, as the caller's own tunnel gives it."""
    body: Any = answer.json() if answer.status_code == 200 else None
    if not isinstance(body, dict):
        raise RouterOffline(
            f"router {router_id} is offline: the replica holding its tunnel answered "
            f"HTTP {answer.status_code}"
        )
    outcome, message = body.get("outcome"), str(body.get("message") or "")
    if outcome == "result":
        try:
            return from_data(SyncResult, body.get("result"))
        except FrameError as error:
            raise RouterOffline(
                f"router {router_id}: the replica holding its tunnel answered a call "
                f"with a bad result ({error})"
            ) from None
    if outcome == "timeout":
        raise RouterTimeout(message or f"router {router_id} did not answer in time")
    raise RouterOffline(message or f"router {router_id} is offline")


def advertised_url(listening: str, configured: str | None) -> str:
    """The address peers call this replica at: ``configured`` when set, otherwise the
    URL it listens on, with a wildcard host replaced by this machine's name."""
    if configured:
        return configured.rstrip("/")
    parts = urlsplit(listening)
    host = parts.hostname or "127.0.0.1"
    if host in {"0.0.0.0", "::"}:  # noqa: S104 - naming the wildcard, not binding it
        host = socket.gethostname()
    shown = f"[{host}]" if ":" in host else host
    netloc = f"{shown}:{parts.port}" if parts.port else shown
    return urlunsplit((parts.scheme, netloc, "", "", ""))
