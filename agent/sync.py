"""Synchronous calls: the cloud's `SyncRequest` frames run on the router's API, answered
with `SyncResult` frames carrying the router's rows and traps as it sent them.

How this works
--------------
Each request runs in its own task on a connection from the `RouterPool`, so several are
in flight at once and at most ``pool_size`` reach the router together (the rest wait for
a connection within their own time). A request that outlives its ``timeout`` or is
cancelled by `SyncCancel` has its connection closed, which makes RouterOS abandon the
command, and is answered ``timed_out``. Words that would break the session's framing
(``.tag=``, and empty words, which would end the sentence early) are dropped;
``/login``, ``/quit`` and ``/cancel`` are refused with a trap,
since they act on the agent's session rather than on the router.

An answer is read whole before it is sent on, so its size is bounded: once the text of
its rows (or its ``=ret=``) passes the router's ``sync_answer_max`` setting (4 MiB by
default, `agent.config.SYNC_ANSWER_DEFAULT`), the agent closes the connection (RouterOS
abandons the command) and answers with a trap of category 2 (execution interrupted)
that says so and how to ask for less. A larger answer would cost the agent its memory
and the cloud its event loop, and could not travel as one tunnel frame.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from tikjobs.agent.exceptions import AgentError, AnswerTooLarge, RouterError, RouterTimeout
from tikjobs.agent.router import RouterPool
from tikjobs.contracts.tunnel import SyncRequest, SyncResult, Trap

log = logging.getLogger(__name__)

SESSION_COMMANDS = frozenset({"/login", "/quit", "/cancel"})
INTERRUPTED = 2
"""RouterOS's trap category for a command whose execution was interrupted."""

SendResult = Callable[[SyncResult], Awaitable[None]]


class SyncCalls:
    """The synchronous calls of one router that are in flight."""

    def __init__(self, pool: RouterPool, send: SendResult, *, answer_max: int) -> None:
        self.pool = pool
        self._send = send
        self._answer_max = answer_max
        self._tasks: dict[str, asyncio.Task[None]] = {}

    def __len__(self) -> int:
        return len(self._tasks)

    def start(self, request: SyncRequest) -> None:
        """Run a request in the background; its answer is sent when it ends."""
        previous = self._tasks.get(request.request_id)
        if previous is not None and not previous.done():
            log.debug("sync %s is already running", request.request_id)
            return
        task = asyncio.get_running_loop().create_task(
            self._serve(request), name=f"tikjobs-agent sync {request.request_id}"
        )
        self._tasks[request.request_id] = task
        task.add_done_callback(lambda _: self._forget(request.request_id, task))

    def cancel(self, request_id: str) -> None:
        """Abandon a request (the cloud gave up on it)."""
        task = self._tasks.get(request_id)
        if task is not None:
            task.cancel()

    async def close(self) -> None:
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _forget(self, request_id: str, task: asyncio.Task[None]) -> None:
        if self._tasks.get(request_id) is task:
            del self._tasks[request_id]

    async def _serve(self, request: SyncRequest) -> None:
        try:
            result = await run_request(self.pool, request, self._answer_max)
        except asyncio.CancelledError:
            result = SyncResult(request_id=request.request_id, timed_out=True)
            await self._answer(result)
            raise
        await self._answer(result)

    async def _answer(self, result: SyncResult) -> None:
        try:
            await self._send(result)
        except AgentError as error:
            log.debug("sync %s could not be answered: %s", result.request_id, error)


async def run_request(pool: RouterPool, request: SyncRequest, answer_max: int) -> SyncResult:
    """One synchronous call on the router, answered as the frame the cloud expects; an
    answer past ``answer_max`` characters is abandoned and answered with a trap."""
    command = request.command.strip()
    if not command.startswith("/") or command in SESSION_COMMANDS:
        return SyncResult(
            request_id=request.request_id,
            traps=[Trap(message=f"{command!r} is not a command the tunnel runs", category=0)],
        )
    words = [word for word in request.words if word and not word.startswith(".tag=")]
    try:
        async with asyncio.timeout(request.timeout):
            answer = await pool.run(command, words, limit=answer_max)
    except (TimeoutError, RouterTimeout):
        return SyncResult(request_id=request.request_id, timed_out=True)
    except AnswerTooLarge as error:
        message = (
            f"{command}: {error.message}, more than a synchronous call carries, so the"
            " command was abandoned; ask for less: =.proplist= names the properties to"
            " return, a ?query the rows"
        )
        return SyncResult(
            request_id=request.request_id, traps=[Trap(message=message, category=INTERRUPTED)]
        )
    except RouterError as error:
        return SyncResult(request_id=request.request_id, error=error.message)
    return SyncResult(
        request_id=request.request_id, rows=answer.rows, ret=answer.ret, traps=answer.traps
    )
