"""Backups before a job: a binary backup and an export made on the router, fetched over
SFTP, and removed from the router's flash once the cloud keeps them.

How this works
--------------
`take_backup` asks the router for ``/system/backup/save =name=tikjobs-<key>
=dont-encrypt=yes`` and ``/export =file=tikjobs-<key>``, then fetches
``tikjobs-<key>.backup`` and ``tikjobs-<key>.rsc`` over SFTP. RouterOS may answer before
a file is complete, so a file is fetched once it exists and its size holds still between
two looks. `remove_files` deletes them over SFTP afterwards.

SSH host keys: the router's key is checked against a known_hosts file; a router never
seen before is trusted on first use and its key written there, so a changed key is
refused from then on. paramiko is blocking; every session runs in a worker thread and
its errors (paramiko, OSError, socket timeouts) become `FileTransferError` here.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import stat
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import paramiko

from tikjobs.agent.config import RouterSettings
from tikjobs.agent.exceptions import BackupFailed, FileTransferError, RouterError, describe
from tikjobs.agent.markers import marker_name
from tikjobs.agent.router import RouterPool

log = logging.getLogger(__name__)

SETTLE_PAUSE = 0.2
"""Seconds between two looks at a file the router is still writing."""


@dataclass(frozen=True)
class BackupFile:
    """One file taken from the router."""

    name: str
    kind: Literal["backup", "export"]
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


class TrustOnFirstUse(paramiko.MissingHostKeyPolicy):  # type: ignore[misc]
    """Keep the key of a router seen for the first time in known_hosts; a router whose
    key is already there must present that key (paramiko refuses any other)."""

    def __init__(self, known_hosts: Path) -> None:
        self.known_hosts = known_hosts

    def missing_host_key(self, client: Any, hostname: str, key: Any) -> None:
        client.get_host_keys().add(hostname, key.get_name(), key)
        client.save_host_keys(str(self.known_hosts))
        log.info("trusting the SSH key of %s seen for the first time", hostname)


def backup_names(key: str) -> dict[str, Literal["backup", "export"]]:
    """The files a job's backup leaves on the router, and their kinds."""
    stem = marker_name(key)
    return {f"{stem}.backup": "backup", f"{stem}.rsc": "export"}


async def take_backup(pool: RouterPool, settings: RouterSettings, key: str) -> list[BackupFile]:
    """Make the backup and the export on the router and fetch both. `BackupFailed`."""
    stem = marker_name(key)
    timeout = settings.backup_timeout
    try:
        (
            await pool.run(
                "/system/backup/save", [f"=name={stem}", "=dont-encrypt=yes"], timeout=timeout
            )
        ).raise_traps()
        (await pool.run("/export", [f"=file={stem}"], timeout=timeout)).raise_traps()
    except RouterError as error:
        raise BackupFailed(f"the router could not make the backup: {error.message}") from None
    names = backup_names(key)
    try:
        contents = await asyncio.to_thread(_fetch, settings, list(names), timeout)
    except FileTransferError as error:
        raise BackupFailed(f"the backup could not be fetched: {error.message}") from None
    return [BackupFile(name, names[name], contents[name]) for name in names]


async def fetch_files(settings: RouterSettings, names: Sequence[str]) -> dict[str, bytes]:
    """Fetch files once they are complete on the router. `FileTransferError`."""
    return await asyncio.to_thread(_fetch, settings, list(names), settings.backup_timeout)


async def remove_files(settings: RouterSettings, names: Sequence[str]) -> None:
    """Delete files from the router's flash (missing ones are fine). `FileTransferError`."""
    await asyncio.to_thread(_remove, settings, list(names))


def _session(settings: RouterSettings) -> tuple[Any, Any]:
    """An SSH client and its SFTP session, logged in. `FileTransferError`."""
    where = f"{settings.router}:{settings.ssh_port}"
    client = paramiko.SSHClient()
    known_hosts = settings.known_hosts
    try:
        known_hosts.parent.mkdir(parents=True, exist_ok=True)
        known_hosts.touch(exist_ok=True)
        client.load_host_keys(str(known_hosts))
        client.set_missing_host_key_policy(TrustOnFirstUse(known_hosts))
        client.connect(
            settings.router,
            port=settings.ssh_port,
            username=settings.user,
            password=settings.password.get_secret_value(),
            look_for_keys=False,
            allow_agent=False,
            timeout=settings.connect_timeout,
            banner_timeout=settings.connect_timeout,
            auth_timeout=settings.connect_timeout,
        )
        try:
            sftp = client.open_sftp()
        except paramiko.SSHException as error:
            if "channel closed" not in str(error).lower():
                raise
            client.close()
            raise FileTransferError(
                f"{where} let {settings.user} log in over SSH but refused SFTP: "
                "the user's group lacks the ftp policy"
            ) from None
        sftp.get_channel().settimeout(settings.backup_timeout)
    except paramiko.BadHostKeyException:
        client.close()
        raise FileTransferError(
            f"the SSH host key of {where} does not match {known_hosts}; refusing to connect"
        ) from None
    except paramiko.AuthenticationException:
        client.close()
        raise FileTransferError(f"{where} refused the SSH login") from None
    except (paramiko.SSHException, OSError, EOFError) as error:
        client.close()
        raise FileTransferError(f"cannot open SFTP to {where}: {describe(error)}") from None
    return client, sftp


def _fetch(settings: RouterSettings, names: list[str], timeout: float) -> dict[str, bytes]:
    client, sftp = _session(settings)
    try:
        deadline = time.monotonic() + timeout
        return {name: _settled_read(sftp, name, deadline) for name in names}
    except (paramiko.SSHException, OSError, EOFError) as error:
        raise FileTransferError(describe(error)) from None
    finally:
        client.close()


def _settled_read(sftp: Any, name: str, deadline: float) -> bytes:
    """The file's content once it exists and its size stopped changing."""
    last_size = -1
    while True:
        try:
            attributes = sftp.stat(name)
        except FileNotFoundError:
            attributes = None
        if attributes is not None and stat.S_ISREG(attributes.st_mode or stat.S_IFREG):
            if attributes.st_size == last_size:
                break
            last_size = attributes.st_size
        if time.monotonic() > deadline:
            missing = "did not appear" if attributes is None else "kept changing"
            raise FileTransferError(f"{name} {missing} on the router in time")
        time.sleep(SETTLE_PAUSE)
    with sftp.open(name, "rb") as handle:
        data: bytes = handle.read()
    return data


def _remove(settings: RouterSettings, names: list[str]) -> None:
    client, sftp = _session(settings)
    try:
        for name in names:
            try:
                sftp.remove(name)
            except FileNotFoundError:
                log.debug("%s was already gone from %s", name, settings.label)
    except (paramiko.SSHException, OSError, EOFError) as error:
        raise FileTransferError(f"cannot remove files: {describe(error)}") from None
    finally:
        client.close()
