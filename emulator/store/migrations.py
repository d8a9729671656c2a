"""How both stores' schemas change: numbered migrations, applied in order and recorded.

How this works
--------------
``schema_migrations`` holds one row per applied migration. Opening a database applies,
each in its own transaction, every migration whose number is above the highest recorded
one, so a database written by an older emulator is brought up to date and a fresh one is
built from nothing. A database that records a number this code does not know was written
by a newer emulator and is refused. Migrations are append-only: a released one never
changes; a change of schema is a new number. `pending` decides what to apply; the SQLite
store's steps are in `emulator.store.sqlite.schema`, and the PostgreSQL store
(`emulator.store.postgres.schema`) writes the same numbered steps in its own dialect, so
a schema version means the same tables in both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tikjobs.emulator.exceptions import SchemaTooNew


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: its number, what it does, and its statements."""

    number: int
    summary: str
    statements: tuple[str, ...]


def pending(migrations: Iterable[Migration], current: int) -> list[Migration]:
    """The migrations to apply, in order, to a database at schema version ``current``.

    `SchemaTooNew` when ``current`` is beyond every migration known here: the database
    was written by a newer emulator.
    """
    ordered = sorted(migrations, key=lambda migration: migration.number)
    known = ordered[-1].number if ordered else 0
    if current > known:
        raise SchemaTooNew(
            f"the database is at schema version {current}; this emulator knows up to {known}"
        )
    return [migration for migration in ordered if migration.number > current]
