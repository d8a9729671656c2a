"""The connected agents: one `RouterLink` per router, and the `RouterLinks` registry.

How this works
--------------
When an agent's tunnel is up, the tunnel endpoint wraps its WebSocket in a `RouterLink`
(a way to send a text message and a way to close) and the engine registers it in
`RouterLinks`, replacing (and closing) any older link of the same router. Everything
else reaches a router through its link:

- `RouterLink.send` sends one frame; sends are serialised so frames never interleave.
- `RouterLink.call_sync` sends a `SyncRequest` under a fresh ``request_id`` and waits for
  the `SyncResult` the tunnel hands to `RouterLink.resolve`; any number may be in flight.
  A call that runs out of time sends `SyncCancel` and raises `RouterTimeout`; a caller
  that goes away (cancellation) also sends `SyncCancel`; a link that is lost fails every
  call still waiting with `RouterOffline`.
- ``last_seen`` follows the frames: `RouterLink.heard` says when a new moment is worth
  writing to the store (at most once a second per router; the engine writes the moments
  of all the routers it heard from within a tenth of a second together).

Nothing here touches the store or knows about WebSockets; the tunnel translates its
library's errors into `RouterOffline` in the send and close functions it passes in.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from tikjobs.contracts.tunnel import CloudFrame, SyncCancel, SyncRequest, SyncResult, dump_frame
from tikjobs.emulator.exceptions import RouterOffline, RouterTimeout, RouterTrap

if TYPE_CHECKING:
    from tikjobs.emulator.replicas import Peers

log = logging.getLogger(__name__)

SendText = Callable[[str], Awaitable[None]]
CloseLink = Callable[[int, str], Awaitable[None]]

_REQUEST_PREFIX = secrets.token_hex(8) + "-"
_REQUEST_NUMBERS = itertools.count(1)
"""A synchronous call's ``request_id``: this process's random prefix and a count, unique
among everything an agent may still be running from this or any other emulator (a
fresh UUID per call cost more than the rest of building the request)."""

LAST_SEEN_RESOLUTION = timedelta(seconds=1)
"""``last_seen`` is written to the store at most this often per router."""


class _Expired(Exception):
    """A synchronous call's time ran out before its answer came."""


def _expire(future: asyncio.Future[SyncResult]) -> None:
    if not future.done():
        future.set_exception(_Expired())


class RouterLink:
    """One agent's live tunnel: send frames, correlate synchronous calls."""

    def __init__(self, router_id: UUID, send_text: SendText, close: CloseLink) -> None:
        self.router_id = router_id
        self._send_text = send_text
        self._close = close
        self._send_lock = asyncio.Lock()
        self._calls: dict[str, asyncio.Future[SyncResult]] = {}
        self._background: set[asyncio.Task[None]] = set()
        self._last_written: datetime | None = None
        self.lost = False
        self.offered: set[UUID] = set()
        """Jobs offered on this link (the engine offers each once per link unless polled)."""

    def __repr__(self) -> str:
        return f"RouterLink({self.router_id}, calls={len(self._calls)}, lost={self.lost})"

    @property
    def calls_in_flight(self) -> int:
        return len(self._calls)

    async def send(self, frame: CloudFrame) -> None:
        """Send one frame; `RouterOffline` if the link is lost."""
        if self.lost:
            raise RouterOffline(f"router {self.router_id} is offline")
        text = dump_frame(frame)
        async with self._send_lock:
            await self._send_text(text)

    async def call_sync(
        self,
        command: str,
        words: Sequence[str],
        timeout: float,  # noqa: ASYNC109 - the agent is told the same limit
    ) -> SyncResult:
        """Run one API command on the router and answer its result.

        `RouterOffline` when the link is lost (before or during the call) or the agent
        cannot reach its router; `RouterTimeout` when no answer came within ``timeout``
        seconds (the call is cancelled on the router); `RouterTrap` when RouterOS
        refused the command.
        """
        return judge(self.router_id, await self.exchange(command, words, timeout))

    async def exchange(
        self,
        command: str,
        words: Sequence[str],
        timeout: float,  # noqa: ASYNC109 - the agent is told the same limit
    ) -> SyncResult:
        """`call_sync` without judging the router's answer: traps and agent errors are
        in the `SyncResult`; only a lost link and a timeout raise."""
        request_id = f"{_REQUEST_PREFIX}{next(_REQUEST_NUMBERS):x}"
        loop = asyncio.get_running_loop()
        future: asyncio.Future[SyncResult] = loop.create_future()
        self._calls[request_id] = future
        try:
            await self.send(
                SyncRequest(
                    request_id=request_id, command=command, words=list(words), timeout=timeout
                )
            )
            # A timer that fails the future, not asyncio.timeout: the call waits on a
            # future, and the timer costs a fraction of a timeout scope.
            expiry = loop.call_later(timeout, _expire, future)
            try:
                result = await future
            except _Expired:
                await self._cancel_quietly(request_id)
                raise RouterTimeout(
                    f"router {self.router_id} did not answer within {timeout:g} s"
                ) from None
            except asyncio.CancelledError:
                self._spawn(self._cancel_quietly(request_id))
                raise
            finally:
                expiry.cancel()
        finally:
            self._calls.pop(request_id, None)
        return result

    def resolve(self, result: SyncResult) -> bool:
        """Hand a `SyncResult` to its waiting call; False when nobody waits for it any more
        (it came after a timeout or a cancellation)."""
        future = self._calls.get(result.request_id)
        if future is None or future.done():
            return False
        future.set_result(result)
        return True

    def heard(self, at: datetime) -> bool:
        """Note a frame at ``at``; True when ``last_seen`` should be written now."""
        if self._last_written is not None and at - self._last_written < LAST_SEEN_RESOLUTION:
            return False
        self._last_written = at
        return True

    def lose(self, reason: str) -> None:
        """The tunnel is gone: fail every waiting call with `RouterOffline`."""
        self.lost = True
        for future in self._calls.values():
            if not future.done():
                future.set_exception(RouterOffline(f"router {self.router_id} is offline: {reason}"))
        self._calls.clear()

    async def close(self, code: int, reason: str) -> None:
        """Close the tunnel from the cloud's side and fail what waits on it."""
        self.lose(reason)
        try:
            await self._close(code, reason)
        except RouterOffline:
            pass

    async def _cancel_quietly(self, request_id: str) -> None:
        try:
            await self.send(SyncCancel(request_id=request_id))
        except RouterOffline:
            log.debug(
                "router %s went offline before sync %s was cancelled", self.router_id, request_id
            )

    def _spawn(self, work: Awaitable[None]) -> None:
        async def run() -> None:
            await work

        task = asyncio.get_running_loop().create_task(run())
        self._background.add(task)
        task.add_done_callback(self._background.discard)


def judge(router_id: UUID, result: SyncResult) -> SyncResult:
    """The router's answer to a sync call, or the error it stands for: `RouterOffline`
    (the agent cannot reach its router), `RouterTimeout`, `RouterTrap`."""
    if result.error is not None:
        raise RouterOffline(f"router {router_id} is unreachable: {result.error}")
    if result.timed_out:
        raise RouterTimeout(f"router {router_id} did not finish the command in time")
    if result.traps:
        raise RouterTrap(result.traps)
    return result


class RouterLinks:
    """The registry of connected agents: at most one live `RouterLink` per router.

    With ``peers`` (replicas sharing PostgreSQL, `emulator.replicas`), a sync call for a
    router whose agent is connected to another replica goes to that replica.
    """

    def __init__(self) -> None:
        self._links: dict[UUID, RouterLink] = {}
        self.peers: Peers | None = None
        self.on_sync: Callable[[str, float], None] | None = None
        """Called with each synchronous call's outcome (``ok``, ``trap``, ``offline``,
        ``timeout``) and its seconds."""

    def attach(self, link: RouterLink) -> RouterLink | None:
        """Make ``link`` the router's link; answers the link it replaced, if any (the
        caller closes it)."""
        previous = self._links.get(link.router_id)
        self._links[link.router_id] = link
        return previous if previous is not link else None

    def detach(self, link: RouterLink) -> bool:
        """Forget ``link`` if it is still the router's current link; True when it was."""
        if self._links.get(link.router_id) is link:
            del self._links[link.router_id]
            return True
        return False

    def get(self, router_id: UUID) -> RouterLink | None:
        """The router's live link, if its agent is connected."""
        return self._links.get(router_id)

    def is_online(self, router_id: UUID) -> bool:
        return router_id in self._links

    def online(self) -> frozenset[UUID]:
        """Every router with a connected agent."""
        return frozenset(self._links)

    def require(self, router_id: UUID) -> RouterLink:
        """The router's live link, or `RouterOffline`."""
        link = self._links.get(router_id)
        if link is None:
            raise RouterOffline(f"router {router_id} is offline (no agent connected)")
        return link

    async def call_sync(
        self,
        router_id: UUID,
        command: str,
        words: Sequence[str],
        timeout: float,  # noqa: ASYNC109 - the agent is told the same limit
    ) -> SyncResult:
        """`RouterLink.call_sync` on the router's link, or through the replica holding
        it; `RouterOffline` when no replica has the router's agent connected."""
        if self.on_sync is None:
            return await self._call_sync(router_id, command, words, timeout)
        began, outcome = time.perf_counter(), "ok"
        try:
            return await self._call_sync(router_id, command, words, timeout)
        except RouterTrap:
            outcome = "trap"
            raise
        except RouterTimeout:
            outcome = "timeout"
            raise
        except RouterOffline:
            outcome = "offline"
            raise
        finally:
            self.on_sync(outcome, time.perf_counter() - began)

    async def _call_sync(
        self,
        router_id: UUID,
        command: str,
        words: Sequence[str],
        timeout: float,  # noqa: ASYNC109 - the agent is told the same limit
    ) -> SyncResult:
        link = self._links.get(router_id)
        if link is None and self.peers is not None:
            result = await self.peers.call_sync(router_id, command, words, timeout)
            return judge(router_id, result)
        return await self.require(router_id).call_sync(command, words, timeout)

    async def exchange_here(
        self,
        router_id: UUID,
        command: str,
        words: Sequence[str],
        timeout: float,  # noqa: ASYNC109 - the agent is told the same limit
    ) -> SyncResult:
        """`RouterLink.exchange` on this replica's link of the router (a peer asked);
        `RouterOffline` without one."""
        return await self.require(router_id).exchange(command, words, timeout)

    async def close_all(self, code: int, reason: str) -> None:
        """Close every link (the emulator stops, or its state was reset)."""
        links, self._links = list(self._links.values()), {}
        for link in links:
            await link.close(code, reason)
