"""Opening the store at a location: the SQLite file or the PostgreSQL database it names.

The location is what the settings read from ``--db`` (`emulator.store.location`); the
PostgreSQL store, and with it psycopg, is imported only when the location is a URL.
"""

from __future__ import annotations

from pathlib import Path

from tikjobs.emulator.store.base import Store
from tikjobs.emulator.store.location import PostgresUrl
from tikjobs.emulator.store.sqlite import SqliteStore


async def open_store(location: Path | PostgresUrl) -> Store:
    """The store at ``location`` (the settings' ``db_path``), open and migrated."""
    if isinstance(location, PostgresUrl):
        from tikjobs.emulator.store.postgres import PostgresStore

        return await PostgresStore.open(location)
    return await SqliteStore.open(location)
