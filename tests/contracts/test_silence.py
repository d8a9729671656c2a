"""The tunnel's silence rule: a wait that lasts the limit ends in TimeoutError, and only
waiting counts."""

from __future__ import annotations

import asyncio

import pytest

from tikjobs.contracts.silence import Silence

pytestmark = pytest.mark.anyio

LIMIT = 0.1
GUARD = 5.0
"""Seconds after which a test that should have timed out is failed instead of hanging."""


async def test_a_wait_as_long_as_the_limit_times_out() -> None:
    loop = asyncio.get_running_loop()
    never: asyncio.Future[str] = loop.create_future()

    async def wait() -> str:
        with Silence(LIMIT) as silence:
            try:
                return await silence.receive(never)
            except TimeoutError as error:
                return str(error)

    began = loop.time()
    assert await asyncio.wait_for(wait(), GUARD) == "nothing heard for 0.1 s"
    assert loop.time() - began >= LIMIT
    assert never.cancelled()


async def test_messages_that_keep_coming_never_time_out() -> None:
    """Twenty waits, each under the limit, add up to far more than the limit."""
    received = []
    with Silence(LIMIT) as silence:
        for number in range(20):
            received.append(await silence.receive(_after(LIMIT / 4, number)))
    assert received == list(range(20))


async def test_handling_a_message_longer_than_the_limit_is_not_cut_short() -> None:
    """The reader's own work between waits is not the peer's silence."""
    with Silence(LIMIT) as silence:
        first = await silence.receive(_after(0, "first"))
        await asyncio.sleep(LIMIT * 3)
        second = await silence.receive(_after(LIMIT / 2, "second"))
    assert (first, second) == ("first", "second")


async def test_a_wait_after_long_handling_still_times_out() -> None:
    with Silence(LIMIT) as silence:
        await asyncio.sleep(LIMIT * 2)
        never = asyncio.get_running_loop().create_future()
        with pytest.raises(TimeoutError, match="nothing heard"):
            async with asyncio.timeout(GUARD):
                await silence.receive(never)


async def test_a_cancellation_from_elsewhere_stays_a_cancellation() -> None:
    async def reader() -> None:
        with Silence(10.0) as silence:
            await silence.receive(asyncio.get_running_loop().create_future())

    task = asyncio.create_task(reader())
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def _after(delay: float, value: object) -> object:
    await asyncio.sleep(delay)
    return value
