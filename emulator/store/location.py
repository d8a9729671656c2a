"""Where the emulator keeps its state: an SQLite file or a PostgreSQL URL.

``--db`` (``TIKJOBS_DB``) takes either a file path, for the embedded SQLite store, or a
``postgresql://`` URL, for `emulator.store.postgres`. `database_location` decides which
while the settings are read and refuses anything else with a reason; `PostgresUrl`
keeps the URL, checked by libpq's own parser, and shows it without its password.
`emulator.store.open.open_store` opens the store at a location. psycopg is imported only
when a URL is used, so the SQLite default needs nothing beyond the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator

SCHEMES = ("postgresql://", "postgres://")
EXAMPLE = "postgresql://postgres@127.0.0.1:5432/tikjobs"
APPLICATION_NAME = "tikjobs-emulator"


@dataclass(frozen=True, slots=True)
class PostgresUrl:
    """A checked ``postgresql://`` URL; ``str()`` shows it without its password."""

    url: str = field(repr=False)
    parts: tuple[tuple[str, str], ...] = field(repr=False, compare=False)
    """The URL's connection parameters as libpq reads them."""

    @classmethod
    def parse(cls, text: str) -> PostgresUrl:
        """The URL in ``text``, or `ValueError` saying what is wrong with it."""
        if not text.startswith(SCHEMES):
            scheme = text.split("://", 1)[0]
            raise ValueError(
                f"the database is a file path or a postgresql:// URL, not a {scheme}:// URL"
            )
        try:
            from psycopg import Error
            from psycopg.conninfo import conninfo_to_dict
        except ImportError:
            raise ValueError(
                "a postgresql:// database needs the postgres extra: pip install 'tikjobs[postgres]'"
            ) from None
        try:
            parameters = conninfo_to_dict(text)
        except Error as error:
            reason = str(error).strip()
            raise ValueError(f"not a valid PostgreSQL URL: {reason}") from None
        if not str(parameters.get("dbname") or "").strip():
            raise ValueError(f"a PostgreSQL URL must name its database, as in {EXAMPLE}")
        for port in str(parameters.get("port") or "").split(","):
            if port and not (port.isdigit() and 0 < int(port) < 65536):
                raise ValueError(f"not a valid PostgreSQL URL: port {port!r} is not 1 to 65535")
        parts = tuple((key, str(value)) for key, value in parameters.items() if value is not None)
        return cls(text, parts)

    def conninfo(self, **defaults: str | int) -> str:
        """The libpq connection string, with ``defaults`` for parameters the URL leaves out."""
        from psycopg.conninfo import make_conninfo

        given = dict(self.parts)
        extra: dict[str, str | int] = {"application_name": APPLICATION_NAME, **defaults}
        return make_conninfo(self.url, **{k: v for k, v in extra.items() if k not in given})

    def __str__(self) -> str:
        given = dict(self.parts)
        user = f"{given['user']}@" if "user" in given else ""
        port = f":{given['port']}" if "port" in given else ""
        return f"postgresql://{user}{given.get('host', '')}{port}/{given['dbname']}"

    def __repr__(self) -> str:
        return f"PostgresUrl({str(self)!r})"


def database_location(value: object) -> object:
    """``--db`` as given: a ``scheme://`` text must be a PostgreSQL URL, an empty one is
    refused, anything else is left for the path type to read."""
    if isinstance(value, str):
        if "://" in value:
            return PostgresUrl.parse(value.strip())
        if not value.strip():
            raise ValueError(f"the database must be a file path or a URL such as {EXAMPLE}")
    return value


DatabaseLocation = Annotated[Path | PostgresUrl, BeforeValidator(database_location)]
"""The settings' type for where the store lives."""
