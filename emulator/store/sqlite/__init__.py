"""The SQLite store: the emulator's embedded default, one database file.

`SqliteStore` implements `emulator.store.base.Store` on one file with one dedicated
thread (`emulator.store.sqlite.store`); its SQL is in `queries` and `outbox`, its schema
in `schema`. The row mapping and the rules are shared with the PostgreSQL store through
`emulator.store.rows`, `emulator.store.rules` and `emulator.store.migrations`.
"""

from tikjobs.emulator.store.sqlite.schema import MIGRATIONS
from tikjobs.emulator.store.sqlite.store import SqliteStore

__all__ = ["MIGRATIONS", "SqliteStore"]
