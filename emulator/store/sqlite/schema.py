"""The SQLite schema as numbered migrations, in SQLite's types.

Moments are stored as fixed-width ISO 8601 text in UTC (``...T08:05:28.000000+00:00``)
so they compare correctly as strings; booleans as 0/1; ids as canonical UUID text. How
migrations are numbered and applied is `emulator.store.migrations`; the PostgreSQL store
(`emulator.store.postgres.schema`) writes the same numbered steps in its own dialect.
"""

from __future__ import annotations

from typing import Final

from tikjobs.emulator.store import rules
from tikjobs.emulator.store.migrations import Migration

MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(
        1,
        "customers, keys, routers, jobs, idempotency, outbox, delivery log, backups",
        (
            """
            CREATE TABLE customers (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                webhook_secret TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE api_keys (
                token_id TEXT PRIMARY KEY,
                customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
                secret_hash TEXT NOT NULL,
                rate_limit INTEGER,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE routers (
                id TEXT PRIMARY KEY,
                customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
                token_hash TEXT NOT NULL UNIQUE,
                poll_interval REAL NOT NULL,
                online INTEGER NOT NULL DEFAULT 0,
                last_seen TEXT,
                created_at TEXT NOT NULL,
                identity TEXT,
                serial_number TEXT,
                software_version TEXT,
                model TEXT,
                board_name TEXT,
                uptime TEXT
            )
            """,
            "CREATE INDEX routers_customer ON routers (customer_id, created_at)",
            """
            CREATE TABLE jobs (
                position INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                router_id TEXT NOT NULL REFERENCES routers (id) ON DELETE CASCADE,
                customer_id TEXT NOT NULL,
                request_id TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                token TEXT NOT NULL,
                description TEXT NOT NULL,
                script TEXT NOT NULL,
                make_backup INTEGER NOT NULL,
                express_execute INTEGER NOT NULL,
                needs_acknowledgement INTEGER NOT NULL,
                notify_url TEXT,
                created_at TEXT NOT NULL,
                timeout REAL,
                status TEXT NOT NULL,
                started_at TEXT,
                running_at TEXT,
                completed_at TEXT,
                failed_at TEXT,
                deleted_at TEXT,
                output TEXT,
                error TEXT
            )
            """,
            "CREATE INDEX jobs_router ON jobs (router_id, position)",
            "CREATE INDEX jobs_router_status ON jobs (router_id, status, position)",
            """
            CREATE TABLE idempotency (
                customer_id TEXT NOT NULL,
                key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                state TEXT NOT NULL,
                created_at TEXT NOT NULL,
                status_code INTEGER,
                response TEXT,
                PRIMARY KEY (customer_id, key)
            )
            """,
            "CREATE INDEX idempotency_created ON idempotency (created_at)",
            """
            CREATE TABLE sequences (
                name TEXT PRIMARY KEY,
                value INTEGER NOT NULL
            )
            """,
            "INSERT INTO sequences (name, value) VALUES ('seq_id', 0)",
            """
            CREATE TABLE notifications (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                seq_id INTEGER NOT NULL UNIQUE,
                job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
                customer_id TEXT NOT NULL,
                router_id TEXT NOT NULL,
                url TEXT NOT NULL,
                status TEXT NOT NULL,
                payload TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT,
                created_at TEXT NOT NULL,
                delivered_at TEXT,
                last_error TEXT
            )
            """,
            "CREATE INDEX notifications_job ON notifications (job_id, seq_id)",
            "CREATE INDEX notifications_customer ON notifications (customer_id, seq_id)",
            """
            CREATE TABLE deliveries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                notification_id INTEGER NOT NULL
                    REFERENCES notifications (id) ON DELETE CASCADE,
                attempt INTEGER NOT NULL,
                at TEXT NOT NULL,
                status_code INTEGER,
                error TEXT,
                delivered INTEGER NOT NULL
            )
            """,
            "CREATE INDEX deliveries_notification ON deliveries (notification_id)",
            """
            CREATE TABLE backups (
                id TEXT PRIMARY KEY,
                router_id TEXT NOT NULL REFERENCES routers (id) ON DELETE CASCADE,
                job_id TEXT,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                content BLOB NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX backups_router ON backups (router_id, created_at)",
            "CREATE INDEX backups_job ON backups (job_id)",
        ),
    ),
    Migration(
        2,
        "remember when a job was last offered; index the outbox by due time",
        (
            "ALTER TABLE jobs ADD COLUMN offered_at TEXT",
            "CREATE INDEX notifications_due ON notifications (state, next_attempt_at, seq_id)",
        ),
    ),
    Migration(
        3,
        "log how long each notification delivery attempt took",
        ("ALTER TABLE deliveries ADD COLUMN duration REAL",),
    ),
    Migration(
        4,
        "one-time enrollment codes of routers, kept hashed",
        (
            """
            CREATE TABLE enrollment_codes (
                code_hash TEXT PRIMARY KEY,
                router_id TEXT NOT NULL REFERENCES routers (id) ON DELETE CASCADE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT
            )
            """,
            "CREATE INDEX enrollment_codes_router ON enrollment_codes (router_id)",
        ),
    ),
    Migration(
        5,
        "emulator replicas and the router tunnels each holds, with a lease",
        (
            # Used by replicas sharing PostgreSQL; one SQLite emulator holds every tunnel
            # itself and leaves these tables empty.
            """
            CREATE TABLE replicas (
                id TEXT PRIMARY KEY,
                address TEXT,
                secret TEXT NOT NULL,
                started_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE tunnel_holders (
                router_id TEXT PRIMARY KEY REFERENCES routers (id) ON DELETE CASCADE,
                replica_id TEXT NOT NULL,
                since TEXT NOT NULL
            )
            """,
            "CREATE INDEX tunnel_holders_replica ON tunnel_holders (replica_id)",
        ),
    ),
    Migration(
        6,
        "safe apply: a job's rollback window and check script",
        (
            "ALTER TABLE jobs ADD COLUMN rollback_after INTEGER",
            "ALTER TABLE jobs ADD COLUMN rollback_check TEXT",
        ),
    ),
    Migration(
        7,
        "index each router's unfinished jobs in queue order",
        (
            # The head of a router's queue is read for every offer; without this, the
            # read walked every job the router ever ran, oldest first.
            f"CREATE INDEX jobs_queue ON jobs (router_id, position) WHERE {rules.UNFINISHED_SQL}",
        ),
    ),
    Migration(
        8,
        "count each router's jobs by status as they change",
        (
            # A job list's X-Total-Count counted the router's jobs on every request (11 ms
            # at 100,000 jobs), and every metrics scrape and console page counted every
            # job (17 ms, 40 ms for one customer). The triggers keep the counts in the
            # job's own transaction.
            """
            CREATE TABLE router_job_counts (
                router_id TEXT NOT NULL REFERENCES routers (id) ON DELETE CASCADE,
                status TEXT NOT NULL,
                total INTEGER NOT NULL,
                PRIMARY KEY (router_id, status)
            ) WITHOUT ROWID
            """,
            "INSERT INTO router_job_counts (router_id, status, total)"
            " SELECT router_id, status, count(*) FROM jobs GROUP BY router_id, status",
            """
            CREATE TRIGGER jobs_counted_in AFTER INSERT ON jobs BEGIN
                INSERT INTO router_job_counts (router_id, status, total)
                VALUES (NEW.router_id, NEW.status, 1)
                ON CONFLICT (router_id, status) DO UPDATE SET total = total + 1;
            END
            """,
            """
            CREATE TRIGGER jobs_counted_moved AFTER UPDATE OF status ON jobs
            WHEN OLD.status IS NOT NEW.status BEGIN
                UPDATE router_job_counts SET total = total - 1
                WHERE router_id = OLD.router_id AND status = OLD.status;
                INSERT INTO router_job_counts (router_id, status, total)
                VALUES (NEW.router_id, NEW.status, 1)
                ON CONFLICT (router_id, status) DO UPDATE SET total = total + 1;
            END
            """,
            """
            CREATE TRIGGER jobs_counted_out AFTER DELETE ON jobs BEGIN
                UPDATE router_job_counts SET total = total - 1
                WHERE router_id = OLD.router_id AND status = OLD.status;
            END
            """,
        ),
    ),
)
