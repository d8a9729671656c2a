"""The PostgreSQL store: the emulator's state in a PostgreSQL database, for self-hosting.

Run the emulator on PostgreSQL by giving ``--db`` (or ``TIKJOBS_DB``) a URL instead of a
file path::

    createdb -h 127.0.0.1 -U postgres tikjobs
    tikjobs emulator --db postgresql://postgres@127.0.0.1:5432/tikjobs --admin-token T

The database must exist; the emulator creates its tables on first start and brings
them up to date on every later one (numbered migrations recorded in
``schema_migrations``, the same numbers as the SQLite store's). Several emulators may
share one database: they migrate it one at a time and never deliver the same
notification twice. Any libpq URL works, with its parameters
(``postgresql://user:password@host:5432/tikjobs?sslmode=require``; a schema other than
``public`` with ``?options=-csearch_path%3Dtikjobs``). PostgreSQL 13 or newer.

`PostgresStore` implements `emulator.store.base.Store` with the same semantics as the
SQLite store; the row mapping and the rules (lifecycle, payloads, delivery outcomes,
migration numbering) are shared with it through `emulator.store.rows`,
`emulator.store.rules` and `emulator.store.migrations`.
"""

from tikjobs.emulator.store.postgres.schema import MIGRATIONS
from tikjobs.emulator.store.postgres.store import PostgresStore

__all__ = ["MIGRATIONS", "PostgresStore"]
