"""What every public request looks up first, kept in memory: API keys and routers.

How this works
--------------
Each public request needs its API key's record (to check the secret and find the
customer) and, on a router's path, the router's record (to check it is the caller's).
Both are read far more often than they change: a key never changes once issued, and a
router's owner never changes. `Lookups` answers them from memory after the first read,
so a request no longer waits for the store's thread (behind a group commit's fsync) just
to learn what it learned a moment ago.

Only what was found is kept (a key or router created a moment later is found at once),
each entry for at most `TTL` seconds, and `Lookups.forget` drops everything: the
emulator calls it when its state is reset, which is the only way keys and routers go
away. The bound on age keeps replicas that share one PostgreSQL database from trusting
a key another replica's reset removed for longer than that. The cached router record is
for ownership; what changes on a router (online, last seen, facts) is read from the
store by the route that shows it.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar
from uuid import UUID

from tikjobs.emulator.store import ApiKeyRecord, RouterRecord, Store

TTL = 10.0
"""Seconds an entry is trusted before it is read again."""
MAX_ENTRIES = 100_000
"""Entries kept per kind; past that the oldest half goes."""

K = TypeVar("K")
V = TypeVar("V")


class TimedCache(Generic[K, V]):
    """Values ``read`` found, by key, each trusted for ``ttl`` seconds; misses are not kept."""

    def __init__(self, read: Callable[[K], Awaitable[V | None]], ttl: float) -> None:
        self._read = read
        self._ttl = ttl
        self._entries: dict[K, tuple[float, V]] = {}
        self._generation = 0

    async def get(self, key: K) -> V | None:
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self._ttl:
            return entry[1]
        generation = self._generation
        value = await self._read(key)
        # A reset while the read was on its way may have removed what it found.
        if value is not None and generation == self._generation:
            if len(self._entries) >= MAX_ENTRIES:
                oldest = sorted(self._entries.items(), key=lambda item: item[1][0])
                for stale, _ in oldest[: MAX_ENTRIES // 2]:
                    del self._entries[stale]
            self._entries[key] = (now, value)
        else:
            self._entries.pop(key, None)
        return value

    def clear(self) -> None:
        self._generation += 1
        self._entries.clear()


class Lookups:
    """API keys by token id and routers by id, from memory when recently read."""

    def __init__(self, store: Store, ttl: float = TTL) -> None:
        self._keys: TimedCache[UUID, ApiKeyRecord] = TimedCache(store.get_api_key, ttl)
        self._routers: TimedCache[UUID, RouterRecord] = TimedCache(store.get_router, ttl)

    async def api_key(self, token_id: UUID) -> ApiKeyRecord | None:
        """The API key with ``token_id``, or ``None``."""
        return await self._keys.get(token_id)

    async def router(self, router_id: UUID) -> RouterRecord | None:
        """The router with ``router_id`` as it was when last read (its owner is current;
        its online state and facts may be older), or ``None``."""
        return await self._routers.get(router_id)

    def forget(self) -> None:
        """Drop everything (the emulator's state was reset)."""
        self._keys.clear()
        self._routers.clear()
