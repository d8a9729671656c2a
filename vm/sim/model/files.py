"""The device's files: the ``/file`` table's rows and the bytes behind them.

A file is an item of the ``file`` table (name, type, size, times, and ``contents`` for a
small text file, as ``/file/print`` shows) plus its bytes, kept by item id so a rename
through ``/file/set`` keeps them. Directories are items of type ``directory`` and appear
when a file is written inside one. SFTP and the model's own writers (``/export
file=``, backups) use `FileStore`; ``/file`` menu commands change the table and call
`FileStore.changed` so the bytes follow.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from tikjobs.vm.exceptions import InvalidValue, NoSuchItem
from tikjobs.vm.sim.model.store import Table, Values

TEXT_CONTENTS_LIMIT: Final = 4096
"""Files smaller than this show their text in ``contents``."""

TYPES: Final = {"backup": "backup", "rsc": "script", "npk": "package"}


def file_type(name: str) -> str:
    """The ``type`` RouterOS shows for a file name: ``backup``, ``script``, ``.txt file``."""
    _, dot, extension = name.rpartition(".")
    if not dot or "/" in extension:
        return "file"
    return TYPES.get(extension, f".{extension} file")


def parse_stamp(text: str | None) -> float:
    """A ``2024-05-28 08:05:28`` time (UTC) as a Unix timestamp; 0 when absent."""
    if not text:
        return 0.0
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return 0.0


@dataclass(frozen=True)
class FileInfo:
    """One entry of the device's file store, for SFTP listings."""

    name: str
    type: str
    size: int
    created: float
    modified: float

    @property
    def folder(self) -> bool:
        """Whether this entry is a directory."""
        return self.type == "directory"


class FileStore:
    """Files over a ``file`` table; ``stamp`` answers the device's current time text."""

    def __init__(self, table: Table, stamp: Callable[[], str]) -> None:
        self.table = table
        self.blobs: dict[int, bytes] = {}
        self._stamp = stamp

    @property
    def used(self) -> int:
        """Bytes taken by all files."""
        return sum(len(blob) for blob in self.blobs.values())

    def number(self, name: str) -> int | None:
        """The item id of the file or directory with this name."""
        for number, values in self.table.items.items():
            if values.get("name") == name:
                return number
        return None

    def _values(self, name: str, data: bytes, created: str | None) -> Values:
        stamp = self._stamp()
        values = {
            "name": name,
            "type": file_type(name),
            "size": str(len(data)),
            "creation-time": created or stamp,
            "last-modified": stamp,
        }
        if len(data) < TEXT_CONTENTS_LIMIT and values["type"] != "backup":
            try:
                values["contents"] = data.decode()
            except UnicodeDecodeError:
                pass
        return values

    def changed(self, number: int, action: str) -> None:
        """Bring the bytes in step after ``/file`` added, set or removed an item."""
        if action == "removed":
            self.blobs = {n: blob for n, blob in self.blobs.items() if n in self.table.items}
            return
        values = self.table.items[number]
        if values.get("type") == "directory":
            return
        contents = values.get("contents")
        data = contents.encode() if contents is not None else self.blobs.get(number, b"")
        self.blobs[number] = data
        self.table.put(number, self._values(values["name"], data, values.get("creation-time")))

    def _ensure_directories(self, name: str) -> None:
        parts = name.split("/")[:-1]
        for end in range(1, len(parts) + 1):
            directory = "/".join(parts[:end])
            if self.number(directory) is None:
                stamp = self._stamp()
                self.table.insert(
                    {
                        "name": directory,
                        "type": "directory",
                        "size": "0",
                        "creation-time": stamp,
                        "last-modified": stamp,
                    }
                )

    def list(self) -> list[FileInfo]:
        """Every file and directory, in creation order."""
        return [
            FileInfo(
                name=values["name"],
                type=values.get("type", "file"),
                size=int(values.get("size", "0")),
                created=parse_stamp(values.get("creation-time")),
                modified=parse_stamp(values.get("last-modified")),
            )
            for values in self.table.items.values()
        ]

    def read(self, name: str) -> bytes:
        """A file's bytes; `NoSuchItem` when there is no such file."""
        number = self.number(name.strip("/"))
        if number is None or number not in self.blobs:
            raise NoSuchItem("no such item")
        return self.blobs[number]

    def write(self, name: str, data: bytes) -> None:
        """Create or replace a file (its directories appear as needed)."""
        name = name.strip("/")
        if not name or any(part in ("", ".", "..") for part in name.split("/")):
            raise InvalidValue("invalid value for argument name")
        number = self.number(name)
        created = None
        if number is not None:
            if self.table.items[number].get("type") == "directory":
                raise InvalidValue("failure: file is a directory", 4)
            created = self.table.items[number].get("creation-time")
        self._ensure_directories(name)
        values = self._values(name, bytes(data), created)
        if number is None:
            number = self.table.insert(values)
        else:
            self.table.put(number, values)
        self.blobs[number] = bytes(data)

    def remove(self, name: str) -> None:
        """Remove a file, or a directory with everything in it."""
        name = name.strip("/")
        number = self.number(name)
        if number is None:
            raise NoSuchItem("no such item")
        prefix = name + "/"
        for other, values in list(self.table.items.items()):
            if other == number or values.get("name", "").startswith(prefix):
                self.table.remove(other)
                self.blobs.pop(other, None)

    def to_state(self) -> dict[str, object]:
        return {
            "table": self.table.to_state(),
            "blobs": {str(n): base64.b64encode(blob).decode() for n, blob in self.blobs.items()},
        }

    @classmethod
    def from_state(cls, state: Mapping[str, object], stamp: Callable[[], str]) -> FileStore:
        """A store rebuilt from `to_state`; raises ValueError/KeyError/TypeError if bad."""
        table = state["table"]
        blobs = state["blobs"]
        if not isinstance(table, Mapping) or not isinstance(blobs, Mapping):
            raise TypeError("files state is not a mapping")
        store = cls(Table.from_state(table), stamp)
        store.blobs = {int(k): base64.b64decode(str(v)) for k, v in blobs.items()}
        return store
