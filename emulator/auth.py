"""API keys, the Bearer credentials that carry them, and the per-key rate limit.

How this works
--------------
An API key has MikroCloud's shape ``<token_id>:<customer_id>:<secret>``: two UUIDs and
a 62-character alphanumeric secret. The store keeps the token id, the customer and a
SHA-256 digest of the secret (the secret has 370 bits of entropy, so a fast digest is
enough; it is never stored or logged). A request's key is parsed, looked up by token id,
checked against its customer and compared in constant time. `bearer_token` reads the
credentials of an ``Authorization: Bearer`` header for the API, the controls and the
agents' tunnel alike.

The rate limit is a token bucket per key: ``per_minute`` tokens, refilled continuously.
A request that finds the bucket empty is refused with the seconds until the next token
(``Retry-After``). It is off unless the emulator or the key sets a limit.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import math
import secrets
import string
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from uuid import UUID, uuid4

from tikjobs.emulator.exceptions import NotAuthenticated, RateLimited

SECRET_LENGTH = 62
SECRET_ALPHABET = string.ascii_letters + string.digits
TUNNEL_TOKEN_BYTES = 32


@dataclass(frozen=True)
class PresentedKey:
    """A key as a client presented it: its token id, its customer and its secret's digest
    (the secret itself is not kept)."""

    token_id: UUID
    customer_id: UUID
    secret_hash: str = field(repr=False)

    def matches(self, secret_hash: str) -> bool:
        """Whether the secret is the one ``secret_hash`` was made from (constant time)."""
        return hmac.compare_digest(self.secret_hash, secret_hash)


@dataclass(frozen=True)
class IssuedKey:
    """A new key: the full text for the client once, and the digest for the store."""

    token_id: UUID
    customer_id: UUID
    api_key: str = field(repr=False)
    secret_hash: str = field(repr=False)


def hash_secret(secret: str) -> str:
    """The digest the store keeps for a key secret or a tunnel token."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    """A fresh 62-character alphanumeric key secret."""
    return "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))


def new_tunnel_token() -> str:
    """A fresh token an agent presents on the tunnel."""
    return secrets.token_urlsafe(TUNNEL_TOKEN_BYTES)


def issue_key(customer_id: UUID) -> IssuedKey:
    """A new API key for ``customer_id``."""
    token_id, secret = uuid4(), new_secret()
    return IssuedKey(
        token_id=token_id,
        customer_id=customer_id,
        api_key=f"{token_id}:{customer_id}:{secret}",
        secret_hash=hash_secret(secret),
    )


@functools.lru_cache(maxsize=4096)
def parse_key(text: str) -> PresentedKey:
    """The parts of a presented key; `NotAuthenticated` says what is wrong with it.

    Remembered for the keys presented most recently (a client sends its key with every
    request; parsing it and digesting its secret are pure, and only keys that parse are
    kept)."""
    parts = text.split(":")
    if len(parts) != 3:
        raise NotAuthenticated("the API key must be <token_id>:<customer_id>:<secret>")
    token_text, customer_text, secret = parts
    try:
        token_id, customer_id = UUID(token_text), UUID(customer_text)
    except ValueError:
        raise NotAuthenticated("the API key's token id and customer id must be UUIDs") from None
    if len(secret) != SECRET_LENGTH or not all(char in SECRET_ALPHABET for char in secret):
        raise NotAuthenticated(f"the API key's secret must be {SECRET_LENGTH} letters and digits")
    return PresentedKey(token_id=token_id, customer_id=customer_id, secret_hash=hash_secret(secret))


def bearer_token(authorization: str | None) -> str | None:
    """The credentials of an ``Authorization: Bearer <credentials>`` header value; None
    when there is no header or it does not carry Bearer credentials."""
    if authorization is None:
        return None
    scheme, _, credentials = authorization.strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() != "bearer" or not credentials:
        return None
    return credentials


def bearer_credentials(authorization: str | None) -> str:
    """The credentials of an ``Authorization: Bearer ...`` header value, or
    `NotAuthenticated` saying whether the header is missing or malformed."""
    if not authorization:
        raise NotAuthenticated("an API key is required: Authorization: Bearer <api key>")
    credentials = bearer_token(authorization)
    if credentials is None:
        raise NotAuthenticated("the Authorization header must be: Bearer <api key>")
    return credentials


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets per API key; `check` spends one token or raises `RateLimited`."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._buckets: dict[UUID, _Bucket] = {}
        self._lock = threading.Lock()

    def check(self, token_id: UUID, per_minute: int | None) -> None:
        """Spend one request of ``token_id``'s allowance; no limit when ``per_minute`` is None."""
        if per_minute is None:
            return
        rate = per_minute / 60.0
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(token_id)
            if bucket is None:
                bucket = self._buckets[token_id] = _Bucket(tokens=float(per_minute), updated=now)
            bucket.tokens = min(float(per_minute), bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return
            wait = (1.0 - bucket.tokens) / rate
        raise RateLimited(
            f"rate limit of {per_minute} requests per minute exceeded",
            retry_after=max(1, math.ceil(wait)),
        )

    def clear(self) -> None:
        """Forget every bucket (the emulator was reset)."""
        with self._lock:
            self._buckets.clear()
