"""SFTP over the device's file store, as RouterOS serves its flash root.

The SFTP root is the device's file store: ``/x.rsc``, ``x.rsc`` and ``/./x.rsc`` all name
the file ``x.rsc``. A file name with ``/`` in it (``pub/x.rsc``) sits in a folder, which
the store lists as a ``directory`` entry. Clients may list, stat, read, write, remove and
rename files and remove empty folders; everything reaches the model through
`DeviceFileSystem`, and the model's errors become SFTP status codes here.

A file opened for writing is created (or truncated) at once, as a file system would, and
what the client wrote is stored when it closes the handle.
"""

from __future__ import annotations

import os
import posixpath
import stat
import time
from collections.abc import Callable
from typing import Any, Final

import paramiko

from tikjobs.vm.exceptions import AlreadyExists, NoSuchItem, RouterOSError
from tikjobs.vm.sim.model import FileInfo, RouterModel

# SFTP status codes (paramiko ships no type information).
FAILURE: Final[int] = paramiko.SFTP_FAILURE
NO_SUCH_FILE: Final[int] = paramiko.SFTP_NO_SUCH_FILE
OK: Final[int] = paramiko.SFTP_OK
OP_UNSUPPORTED: Final[int] = paramiko.SFTP_OP_UNSUPPORTED
PERMISSION_DENIED: Final[int] = paramiko.SFTP_PERMISSION_DENIED

FILE_MODE = stat.S_IFREG | 0o644
FOLDER_MODE = stat.S_IFDIR | 0o755

_STATUS = {NoSuchItem: NO_SUCH_FILE, AlreadyExists: FAILURE}


def status_of(error: RouterOSError) -> int:
    """The SFTP status code that reports a model error."""
    for kind, code in _STATUS.items():
        if isinstance(error, kind):
            return code
    return FAILURE


def store_name(path: str) -> str:
    """The file store's name for an SFTP path; ``""`` is the root folder."""
    return posixpath.normpath("/" + path).lstrip("/")


ROOT = FileInfo(name="", type="directory", size=0, created=0.0, modified=0.0)
"""The root folder, which the store does not list."""


def attributes(info: FileInfo) -> Any:
    """The SFTP attributes of a file or folder."""
    attrs = paramiko.SFTPAttributes()
    attrs.filename = posixpath.basename(info.name) or "/"
    attrs.st_size = info.size
    attrs.st_mode = FOLDER_MODE if info.folder else FILE_MODE
    attrs.st_uid = attrs.st_gid = 0
    attrs.st_atime = attrs.st_mtime = int(info.modified)
    return attrs


def parent_of(name: str) -> str:
    return posixpath.dirname(name)


class DeviceFileSystem(paramiko.SFTPServerInterface):  # type: ignore[misc]
    """The SFTP requests of one session, answered from the device's file store."""

    def __init__(
        self, server: Any, model: RouterModel, persist: Callable[[], None] = lambda: None
    ) -> None:
        super().__init__(server)
        self._model = model
        self._persist = persist
        """Puts a change on the device's disk at once (`Device.persist`)."""

    # -- reading the tree ------------------------------------------------------------

    def _entries(self) -> dict[str, FileInfo]:
        """Every file and folder in the store, the root included."""
        entries = {info.name: info for info in self._model.list_files()}
        entries[""] = ROOT
        return entries

    def list_folder(self, path: str) -> list[Any] | int:
        name = store_name(path)
        entries = self._entries()
        folder = entries.get(name)
        if folder is None:
            return NO_SUCH_FILE
        if not folder.folder:
            return FAILURE
        return [
            attributes(entry)
            for entry in entries.values()
            if entry.name and parent_of(entry.name) == name
        ]

    def stat(self, path: str) -> Any:
        entry = self._entries().get(store_name(path))
        return NO_SUCH_FILE if entry is None else attributes(entry)

    lstat = stat

    def canonicalize(self, path: str) -> str:
        return "/" + store_name(path)

    # -- changing it -------------------------------------------------------------------

    def open(self, path: str, flags: int, attr: Any) -> Any:
        name = store_name(path)
        access = flags & os.O_ACCMODE
        writable = access in (os.O_WRONLY, os.O_RDWR)
        with self._model.lock:
            entries = self._entries()
            entry = entries.get(name)
            if entry is not None and entry.folder:
                return FAILURE
            if entry is None:
                parent = entries.get(parent_of(name))
                if not (flags & os.O_CREAT) or parent is None or not parent.folder:
                    return NO_SUCH_FILE
            elif flags & os.O_CREAT and flags & os.O_EXCL:
                return FAILURE
            try:
                if entry is None or (writable and flags & os.O_TRUNC):
                    data = b""
                    if writable:
                        self._model.write_file(name, data)
                else:
                    data = self._model.read_file(name)
            except RouterOSError as error:
                return status_of(error)
        return FileHandle(
            self._model,
            name,
            data,
            flags,
            readable=access in (os.O_RDONLY, os.O_RDWR),
            writable=writable,
            persist=self._persist,
        )

    def remove(self, path: str) -> int:
        name = store_name(path)
        entry = self._entries().get(name)
        if entry is None:
            return NO_SUCH_FILE
        if entry.folder:
            return FAILURE
        try:
            self._model.remove_file(name)
        except RouterOSError as error:
            return status_of(error)
        self._persist()
        return OK

    def rename(self, oldpath: str, newpath: str) -> int:
        return self._rename(store_name(oldpath), store_name(newpath), replace=False)

    def posix_rename(self, oldpath: str, newpath: str) -> int:
        return self._rename(store_name(oldpath), store_name(newpath), replace=True)

    def _rename(self, old: str, new: str, *, replace: bool) -> int:
        with self._model.lock:
            entries = self._entries()
            source, target = entries.get(old), entries.get(new)
            parent = entries.get(parent_of(new))
            if source is None or parent is None or not parent.folder:
                return NO_SUCH_FILE
            if source.folder or not new or (target is not None and (target.folder or not replace)):
                return FAILURE
            if old == new:
                return OK
            try:
                self._model.write_file(new, self._model.read_file(old))
                self._model.remove_file(old)
            except RouterOSError as error:
                return status_of(error)
        self._persist()
        return OK

    def chattr(self, path: str, attr: Any) -> int:
        return OP_UNSUPPORTED

    def mkdir(self, path: str, attr: Any) -> int:
        return OP_UNSUPPORTED

    def rmdir(self, path: str) -> int:
        name = store_name(path)
        with self._model.lock:
            entries = self._entries()
            folder = entries.get(name)
            if folder is None:
                return NO_SUCH_FILE
            if not name or not folder.folder:
                return FAILURE
            if any(parent_of(other) == name for other in entries if other):
                return FAILURE
            try:
                self._model.remove_file(name)
            except RouterOSError as error:
                return status_of(error)
        self._persist()
        return OK


class FileHandle(paramiko.SFTPHandle):  # type: ignore[misc]
    """An open file: its content in memory, stored back on close if it was written."""

    def __init__(
        self,
        model: RouterModel,
        name: str,
        data: bytes,
        flags: int,
        *,
        readable: bool,
        writable: bool,
        persist: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(flags)
        self._model = model
        self._persist = persist
        self._name = name
        self._data = bytearray(data)
        self._append = bool(flags & os.O_APPEND)
        self._readable = readable
        self._writable = writable
        self._written = False
        self._opened = time.time()

    def read(self, offset: int, length: int) -> bytes | int:
        if not self._readable:
            return PERMISSION_DENIED
        return bytes(self._data[offset : offset + length])

    def write(self, offset: int, data: bytes) -> int:
        if not self._writable:
            return PERMISSION_DENIED
        if self._append:
            offset = len(self._data)
        if offset > len(self._data):
            self._data.extend(bytes(offset - len(self._data)))
        self._data[offset : offset + len(data)] = data
        self._written = True
        return OK

    def stat(self) -> Any:
        size = len(self._data)
        return attributes(FileInfo(self._name, "file", size, self._opened, self._opened))

    def chattr(self, attr: Any) -> int:
        return OP_UNSUPPORTED

    def close(self) -> None:
        if self._written:
            self._written = False
            self._model.write_file(self._name, bytes(self._data))
            self._persist()
        super().close()
