"""One pooled PostgreSQL connection as the store's SQL modules use it: dict rows, bound
parameters, and ``WHERE`` clauses composed from optional filters."""

from __future__ import annotations

from typing import Any, LiteralString, TypeAlias

from psycopg import AsyncConnection, sql
from psycopg.rows import DictRow

Connection: TypeAlias = AsyncConnection[DictRow]
Query: TypeAlias = LiteralString | bytes | sql.SQL | sql.Composed
"""A statement: fixed text, or composed with `psycopg.sql` where an identifier varies."""


async def fetch_one(connection: Connection, query: Query, *params: Any) -> DictRow | None:
    """The first row ``query`` answers, if any."""
    cursor = await connection.execute(query, params)
    return await cursor.fetchone()


async def fetch_all(connection: Connection, query: Query, *params: Any) -> list[DictRow]:
    """Every row ``query`` answers."""
    cursor = await connection.execute(query, params)
    return await cursor.fetchall()


async def execute(connection: Connection, query: Query, *params: Any) -> int:
    """Run ``query``; answers how many rows it changed."""
    cursor = await connection.execute(query, params)
    return cursor.rowcount


def where(**equal: object) -> tuple[sql.Composable, list[object]]:
    """``column = %s AND ...`` for each keyword whose value is not ``None`` (``TRUE`` when
    none is), and the values to bind; a keyword ``n__job_id`` names column ``n.job_id``."""
    clauses: list[sql.Composable] = [sql.SQL("TRUE")]
    params: list[object] = []
    for name, value in equal.items():
        if value is not None:
            clauses.append(sql.SQL("{} = %s").format(sql.Identifier(*name.split("__"))))
            params.append(value)
    return sql.SQL(" AND ").join(clauses), params
