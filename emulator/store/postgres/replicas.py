"""The SQL of emulator replicas sharing one PostgreSQL database: who is alive, where it
answers, and which router's tunnel each holds.

How this works
--------------
Each replica has a row in ``replicas``: its id, the internal address its peers call it
at, a random secret they present, and a lease (``expires_at``) that it renews every few
seconds. Leases are measured on the database server's clock (``now()``), so replicas on
hosts whose clocks disagree still agree on who is alive. A replica that dies stops
renewing; the first live replica to sweep after its lease ran out deletes its row and
its tunnel holders and marks those routers offline, in one statement.

``tunnel_holders`` says which replica holds each connected router's tunnel: written
when the tunnel comes up (replacing another replica's claim: the newest tunnel wins, as
within one replica), deleted when it ends, but only by the replica that still holds it,
in the same transaction as marking the router offline, so an old replica's late
goodbye never marks offline a router that reconnected elsewhere. The lease is the
replica's, not the tunnel's: renewing costs one row per replica whatever the number of
routers.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from tikjobs.emulator.store.postgres.connection import Connection, execute, fetch_one


@dataclass(frozen=True)
class Holder:
    """The live replica holding a router's tunnel, and how to reach it."""

    replica_id: UUID
    address: str | None
    secret: str


async def register_replica(
    connection: Connection, replica_id: UUID, secret: str, lease: float
) -> None:
    await connection.execute(
        "INSERT INTO replicas (id, address, secret, started_at, expires_at)"
        " VALUES (%s, NULL, %s, now(), now() + make_interval(secs => %s))",
        (replica_id, secret, lease),
    )


async def advertise_replica(connection: Connection, replica_id: UUID, address: str) -> None:
    await execute(connection, "UPDATE replicas SET address = %s WHERE id = %s", address, replica_id)


async def renew_replica(connection: Connection, replica_id: UUID, lease: float) -> bool:
    """Extend the replica's lease; False when its row is gone (it was taken for dead)."""
    changed = await execute(
        connection,
        "UPDATE replicas SET expires_at = now() + make_interval(secs => %s) WHERE id = %s",
        lease,
        replica_id,
    )
    return changed == 1


async def sweep_dead_replicas(connection: Connection) -> int:
    """Forget replicas whose lease ran out; their routers go offline. Answers how many
    routers were let go."""
    row = await fetch_one(
        connection,
        "WITH dead AS (DELETE FROM replicas WHERE expires_at < now() RETURNING id),"
        " gone AS (DELETE FROM tunnel_holders AS h USING dead"
        " WHERE h.replica_id = dead.id RETURNING h.router_id),"
        " marked AS (UPDATE routers SET online = FALSE"
        " WHERE id IN (SELECT router_id FROM gone) RETURNING id)"
        " SELECT count(*) AS routers FROM marked",
    )
    return 0 if row is None else int(row["routers"])


async def retire_replica(connection: Connection, replica_id: UUID) -> None:
    """A replica stops: its routers go offline, its row and holders go."""
    await connection.execute(
        "WITH gone AS (DELETE FROM tunnel_holders WHERE replica_id = %s RETURNING router_id)"
        " UPDATE routers SET online = FALSE WHERE id IN (SELECT router_id FROM gone)",
        (replica_id,),
    )
    await connection.execute("DELETE FROM replicas WHERE id = %s", (replica_id,))


async def hold_tunnel(connection: Connection, router_id: UUID, replica_id: UUID) -> None:
    await connection.execute(
        "INSERT INTO tunnel_holders (router_id, replica_id, since) VALUES (%s, %s, now())"
        " ON CONFLICT (router_id) DO UPDATE"
        " SET replica_id = excluded.replica_id, since = excluded.since",
        (router_id, replica_id),
    )


async def release_tunnel(connection: Connection, router_id: UUID, replica_id: UUID) -> bool:
    """The replica's tunnel of the router ended: if it still held it, the router goes
    offline. Answers whether it did."""
    released = await execute(
        connection,
        "DELETE FROM tunnel_holders WHERE router_id = %s AND replica_id = %s",
        router_id,
        replica_id,
    )
    if released:
        await connection.execute("UPDATE routers SET online = FALSE WHERE id = %s", (router_id,))
    return released > 0


async def tunnel_holder(connection: Connection, router_id: UUID) -> Holder | None:
    """The live replica holding the router's tunnel, if any."""
    row = await fetch_one(
        connection,
        "SELECT r.id, r.address, r.secret FROM tunnel_holders AS h"
        " JOIN replicas AS r ON r.id = h.replica_id"
        " WHERE h.router_id = %s AND r.expires_at > now()",
        router_id,
    )
    if row is None:
        return None
    return Holder(replica_id=row["id"], address=row["address"], secret=row["secret"])
