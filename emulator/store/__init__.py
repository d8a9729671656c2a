"""Where the emulator keeps its state: the `Store` protocol and its implementations.

The SQLite store (`emulator.store.sqlite`) is the embedded default; the PostgreSQL store
(`emulator.store.postgres`) serves self-hosting and several emulators on one database.
`emulator.store.open.open_store` opens the one the settings name.
"""

from tikjobs.emulator.store.base import (
    ApiKeyRecord,
    BackupRecord,
    CustomerRecord,
    DeliveryRecord,
    IdempotencyOutcome,
    IdempotencyRecord,
    IdempotencyState,
    JobCount,
    JobListing,
    JobPage,
    JobRecord,
    NewJob,
    NotificationRecord,
    NotificationState,
    OutboxCounts,
    RouterRecord,
    Store,
    TransitionResult,
    hash_token,
)

__all__ = [
    "ApiKeyRecord",
    "BackupRecord",
    "CustomerRecord",
    "DeliveryRecord",
    "IdempotencyOutcome",
    "IdempotencyRecord",
    "IdempotencyState",
    "JobCount",
    "JobListing",
    "JobPage",
    "JobRecord",
    "NewJob",
    "NotificationRecord",
    "NotificationState",
    "OutboxCounts",
    "RouterRecord",
    "Store",
    "TransitionResult",
    "hash_token",
]
