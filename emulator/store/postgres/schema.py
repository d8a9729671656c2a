"""The PostgreSQL schema: the same numbered migrations as SQLite's, in PostgreSQL's types.

How this works
--------------
Each step here carries the number and summary of its SQLite counterpart in
`emulator.store.sqlite.schema`, so schema version 3 means the same tables in both stores;
only the statements differ. Ids are ``uuid``, moments ``timestamptz``, flags
``boolean``, backups ``bytea``. Orders that SQLite reads from its ``rowid`` (routers by
registration, backups by arrival) and its ``AUTOINCREMENT`` keys (job submission order,
outbox and delivery log ids) are ``bigint`` identity columns, and ``seq_id`` is drawn
from the sequence ``notification_seq_id``; none of them restart when the store is
reset. Notification payloads are ``text``, not ``jsonb``: they are the exact bytes to
post.
"""

from __future__ import annotations

from typing import Final

from tikjobs.emulator.store import rules
from tikjobs.emulator.store.migrations import Migration
from tikjobs.emulator.store.sqlite import schema as sqlite_schema

LOCK_SPACE: Final = 0x74696B6A
"""The first key of every advisory lock the store takes ("tikj"); the second says which."""
SCHEMA_LOCK: Final = 1
"""Held (per session) while a store checks and migrates the schema, so two emulators
opening one database at once apply each migration exactly once."""
# 2 was a transaction lock taken to draw each ``seq_id``; the job's row lock orders a
# job's notifications instead (`emulator.store.postgres.outbox`). Do not reuse it.

_STATEMENTS: Final[dict[int, tuple[str, ...]]] = {
    1: (
        """
        CREATE TABLE customers (
            id uuid PRIMARY KEY,
            name text NOT NULL,
            webhook_secret text NOT NULL,
            created_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE api_keys (
            token_id uuid PRIMARY KEY,
            customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            secret_hash text NOT NULL,
            rate_limit integer,
            created_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE routers (
            id uuid PRIMARY KEY,
            position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            token_hash text NOT NULL UNIQUE,
            poll_interval double precision NOT NULL,
            online boolean NOT NULL DEFAULT false,
            last_seen timestamptz,
            created_at timestamptz NOT NULL,
            identity text,
            serial_number text,
            software_version text,
            model text,
            board_name text,
            uptime text
        )
        """,
        "CREATE INDEX routers_customer ON routers (customer_id, created_at, position)",
        """
        CREATE TABLE jobs (
            position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id uuid NOT NULL UNIQUE,
            router_id uuid NOT NULL REFERENCES routers (id) ON DELETE CASCADE,
            customer_id uuid NOT NULL,
            request_id uuid NOT NULL,
            idempotency_key uuid NOT NULL,
            token text NOT NULL,
            description text NOT NULL,
            script text NOT NULL,
            make_backup boolean NOT NULL,
            express_execute boolean NOT NULL,
            needs_acknowledgement boolean NOT NULL,
            notify_url text,
            created_at timestamptz NOT NULL,
            timeout double precision,
            status text NOT NULL,
            started_at timestamptz,
            running_at timestamptz,
            completed_at timestamptz,
            failed_at timestamptz,
            deleted_at timestamptz,
            output text,
            error text
        )
        """,
        "CREATE INDEX jobs_router ON jobs (router_id, position)",
        "CREATE INDEX jobs_router_status ON jobs (router_id, status, position)",
        """
        CREATE TABLE idempotency (
            customer_id uuid NOT NULL,
            key text NOT NULL,
            request_hash text NOT NULL,
            state text NOT NULL,
            created_at timestamptz NOT NULL,
            status_code integer,
            response text,
            PRIMARY KEY (customer_id, key)
        )
        """,
        "CREATE INDEX idempotency_created ON idempotency (created_at)",
        "CREATE SEQUENCE notification_seq_id AS bigint",
        """
        CREATE TABLE notifications (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            seq_id bigint NOT NULL UNIQUE,
            job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
            customer_id uuid NOT NULL,
            router_id uuid NOT NULL,
            url text NOT NULL,
            status text NOT NULL,
            payload text NOT NULL,
            state text NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz,
            created_at timestamptz NOT NULL,
            delivered_at timestamptz,
            last_error text
        )
        """,
        "CREATE INDEX notifications_job ON notifications (job_id, seq_id)",
        "CREATE INDEX notifications_customer ON notifications (customer_id, seq_id)",
        """
        CREATE TABLE deliveries (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            notification_id bigint NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
            attempt integer NOT NULL,
            at timestamptz NOT NULL,
            status_code integer,
            error text,
            delivered boolean NOT NULL
        )
        """,
        "CREATE INDEX deliveries_notification ON deliveries (notification_id)",
        """
        CREATE TABLE backups (
            id uuid PRIMARY KEY,
            position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            router_id uuid NOT NULL REFERENCES routers (id) ON DELETE CASCADE,
            job_id uuid,
            name text NOT NULL,
            kind text NOT NULL,
            size bigint NOT NULL,
            sha256 text NOT NULL,
            content bytea NOT NULL,
            created_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX backups_router ON backups (router_id, created_at, position)",
        "CREATE INDEX backups_job ON backups (job_id)",
    ),
    2: (
        "ALTER TABLE jobs ADD COLUMN offered_at timestamptz",
        "CREATE INDEX notifications_due ON notifications (state, next_attempt_at, seq_id)",
    ),
    3: ("ALTER TABLE deliveries ADD COLUMN duration double precision",),
    4: (
        """
        CREATE TABLE enrollment_codes (
            code_hash text PRIMARY KEY,
            router_id uuid NOT NULL REFERENCES routers (id) ON DELETE CASCADE,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            used_at timestamptz
        )
        """,
        "CREATE INDEX enrollment_codes_router ON enrollment_codes (router_id)",
    ),
    5: (
        """
        CREATE TABLE replicas (
            id uuid PRIMARY KEY,
            address text,
            secret text NOT NULL,
            started_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE tunnel_holders (
            router_id uuid PRIMARY KEY REFERENCES routers (id) ON DELETE CASCADE,
            replica_id uuid NOT NULL,
            since timestamptz NOT NULL
        )
        """,
        "CREATE INDEX tunnel_holders_replica ON tunnel_holders (replica_id)",
    ),
    6: (
        "ALTER TABLE jobs ADD COLUMN rollback_after integer",
        "ALTER TABLE jobs ADD COLUMN rollback_check text",
    ),
    7: (f"CREATE INDEX jobs_queue ON jobs (router_id, position) WHERE {rules.UNFINISHED_SQL}",),
    8: (
        """
        CREATE TABLE router_job_counts (
            router_id uuid NOT NULL REFERENCES routers (id) ON DELETE CASCADE,
            status text NOT NULL,
            total bigint NOT NULL,
            PRIMARY KEY (router_id, status)
        )
        """,
        "INSERT INTO router_job_counts (router_id, status, total)"
        " SELECT router_id, status, count(*) FROM jobs GROUP BY router_id, status",
        # Each transaction changes one job's status at most, and a job's statuses only
        # move forward, so the two rows a change updates are always taken in the same
        # order (the old status's, then the new one's): no two transactions wait on each
        # other's count rows in a cycle.
        """
        CREATE FUNCTION tikjobs_count_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                UPDATE router_job_counts SET total = total - 1
                WHERE router_id = OLD.router_id AND status = OLD.status;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO router_job_counts AS counted (router_id, status, total)
                VALUES (NEW.router_id, NEW.status, 1)
                ON CONFLICT (router_id, status) DO UPDATE SET total = counted.total + 1;
            END IF;
            RETURN NULL;
        END
        $$
        """,
        "CREATE TRIGGER jobs_counted_in AFTER INSERT ON jobs"
        " FOR EACH ROW EXECUTE FUNCTION tikjobs_count_jobs()",
        "CREATE TRIGGER jobs_counted_moved AFTER UPDATE OF status ON jobs FOR EACH ROW"
        " WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION tikjobs_count_jobs()",
        "CREATE TRIGGER jobs_counted_out AFTER DELETE ON jobs"
        " FOR EACH ROW EXECUTE FUNCTION tikjobs_count_jobs()",
    ),
}


def _written_for_postgres(steps: tuple[Migration, ...]) -> tuple[Migration, ...]:
    missing = [step.number for step in steps if step.number not in _STATEMENTS]
    if missing:
        raise RuntimeError(f"migrations {missing} have no PostgreSQL statements")
    return tuple(Migration(step.number, step.summary, _STATEMENTS[step.number]) for step in steps)


MIGRATIONS: Final[tuple[Migration, ...]] = _written_for_postgres(sqlite_schema.MIGRATIONS)
"""Every step of the schema, numbered and summarised as SQLite's, in PostgreSQL's SQL."""
