"""Where the emulator keeps its state: the `Store` protocol and its SQLite implementation."""

from emulator.store.base import (
    ApiKeyRecord,
    BackupRecord,
    CustomerRecord,
    DeliveryRecord,
    IdempotencyOutcome,
    IdempotencyRecord,
    IdempotencyState,
    JobPage,
    JobRecord,
    NewJob,
    NotificationRecord,
    NotificationState,
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
    "JobPage",
    "JobRecord",
    "NewJob",
    "NotificationRecord",
    "NotificationState",
    "RouterRecord",
    "Store",
    "TransitionResult",
    "hash_token",
]
