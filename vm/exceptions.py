"""Errors raised by the simulated router and the CHR harness.

    VmError
     ├── ProtocolError            bytes on the wire that are not RouterOS API words
     ├── RouterOSError            an error RouterOS itself reports (a ``!trap``)
     │    ├── NoSuchCommand        unknown menu or command path
     │    ├── NoSuchItem           ``.id``/number that names no item
     │    ├── UnknownParameter     an attribute the command does not take
     │    ├── InvalidValue         a value the property does not accept
     │    ├── AlreadyExists        a uniqueness rule was broken
     │    ├── MissingProperty      a required property was not given
     │    ├── NotSimulated         a real command the simulator does not model
     │    ├── Interrupted          ``/cancel`` or a reboot stopped the command
     │    └── ScriptError          a script failed to parse or run
     └── ChrError                 the CHR harness could not give a usable router
          ├── ImageNotFound        the disk image path names no file
          ├── NotBootable          the file is no disk image a CHR could boot from
          ├── QemuNotFound         qemu-system-x86_64 or qemu-img is not installed
          ├── BootFailed           the VM or container stopped, or never answered /login
          └── DockerUnavailable    testcontainers or a Docker engine is missing

Every ``RouterOSError`` carries the ``message`` RouterOS words and the trap ``category``
(0..7, or ``None`` where RouterOS sends none), so the API server can encode it as-is.
"""

from __future__ import annotations


class VmError(Exception):
    """Base of every error raised by ``vm``."""


class ProtocolError(VmError):
    """Bytes that do not decode as RouterOS API words or sentences."""


class RouterOSError(VmError):
    """An error that RouterOS reports to the client, with its wording and category.

    Trap categories as RouterOS documents them: 0 missing item or command, 1 argument
    value failure, 2 execution interrupted, 3 scripting failure, 4 general failure,
    5 API failure, 6 TTY failure, 7 value generated with ``:return``.
    """

    default_category: int | None = None

    def __init__(self, message: str, category: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.category = self.default_category if category is None else category


class NoSuchCommand(RouterOSError):
    """An unknown menu or command; the API follows it with ``no such command prefix``."""

    default_category = 0


class NoSuchItem(RouterOSError):
    """An item reference that matches nothing."""

    default_category = 0


class UnknownParameter(RouterOSError):
    """An attribute word the command does not take."""

    default_category = 1


class InvalidValue(RouterOSError):
    """A value the property does not accept."""

    default_category = 1


class NotSimulated(RouterOSError):
    """A command the release's command tree has that the simulator does not model.

    Refused loudly (never a silent success), naming the command, so a job that needs it
    fails with a reason instead of passing against a router that did nothing.
    """

    default_category = 4

    def __init__(self, path: tuple[str, ...], verb: str) -> None:
        command = "/" + " ".join((*path, verb))
        super().__init__(f"failure: {command} is not simulated")
        self.command = command


class AlreadyExists(RouterOSError):
    """A uniqueness rule of the menu was broken."""

    default_category = 4


class MissingProperty(RouterOSError):
    """A property the menu requires was not given."""

    default_category = 1


class Interrupted(RouterOSError):
    """The command was cancelled or the device went down under it."""

    default_category = 2

    def __init__(self, message: str = "interrupted", category: int | None = None) -> None:
        super().__init__(message, category)


class ScriptError(RouterOSError):
    """A script that did not parse or failed while running.

    ``line`` and ``column`` are 1-based positions in the script source when known.
    """

    default_category = 3

    def __init__(
        self,
        message: str,
        category: int | None = None,
        *,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message, category)
        self.line = line
        self.column = column


class ChrError(VmError):
    """The CHR harness could not provide a usable router (no image, no qemu, no boot)."""


class ImageNotFound(ChrError):
    """The CHR image path names no readable file."""


class NotBootable(ChrError):
    """The file is not a disk image, or not one a PC could boot from."""


class QemuNotFound(ChrError):
    """qemu-system-x86_64 or qemu-img is not on this machine."""


class BootFailed(ChrError):
    """The router did not come up: its VM exited, or it never answered a ``/login``.

    ``console`` holds the last lines the router wrote to its console, when known.
    """

    def __init__(self, message: str, console: str = "") -> None:
        super().__init__(message)
        self.console = console


class DockerUnavailable(ChrError):
    """testcontainers is not installed, or no Docker engine answers."""
