"""Safe apply on the router: saving the configuration, arming its restore, confirming
or letting the restore fire, and checking what came back.

How this works
--------------
A job with ``rollback_after`` (RouterOS 7 only) is armed before its script::

    /system backup save name=tikjobs-<key>-safe dont-encrypt=yes   -> ...-safe.backup
    /export file=tikjobs-<key>-safe                                 -> ...-safe.rsc
    /system scheduler add name=tikjobs-<key>-rollback interval=0
        start-date=<router's date> start-time=<router's time + rollback_after>
        on-event=/system backup load name=tikjobs-<key>-safe.backup password=""

The backup is saved before the scheduler entry exists, so the restored configuration
holds no entry and the restore fires once; the job's marker, made by the script, is not
in it either. Files on the router's disk are not part of a backup and survive it.

After the script, `confirm` logs in afresh (never on a session opened before the script,
which a firewall rule or a disabled service lets live on) and runs the job's check
script, if any, which must print ``true``; then, on that same fresh session, it removes
the scheduler entry. Anything else leaves the entry to fire: the router restores the
backup and reboots. `wait_restored` waits for the router to answer again without the
entry, and `export_differences` compares a new export with the saved one, the date line
ignored.

What the router holds tells an agent that restarted mid-window where the job is
(`RouterSide`): entry and marker present, the window is open; entry gone and marker
present, the change was confirmed; both gone, the restore fired.

The restore takes the marker away with the rest of the configuration (the backup was
saved before the script made it), so until the agent puts it back saying ``rolled
back``, the saved backup on the router's disk is what says the key ran: files are not
part of a backup and survive its load, and the saved files stay on the disk until the
marker is back. An agent that lost its ledger and finds no marker, no entry but the
saved backup never runs the key: it reports the rollback.
"""

from __future__ import annotations

import asyncio
import difflib
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal

from tikjobs.agent.config import RouterSettings
from tikjobs.agent.exceptions import (
    BackupFailed,
    FileTransferError,
    LoginRefused,
    RouterError,
    RouterUnreachable,
)
from tikjobs.agent.markers import ROLLED_BACK, marker_name
from tikjobs.agent.router import RouterConnection, RouterPool

log = logging.getLogger(__name__)

SAVED_SUFFIX: Final = "-safe"
AFTER_SUFFIX: Final = "-after"
SCHEDULER_SUFFIX: Final = "-rollback"
RESTORE_GRACE: Final = 300.0
"""Seconds past the window the router may take to restore, reboot and answer again."""
POLL_PAUSE: Final = 1.0
"""Seconds between two looks at a router that is restoring itself."""
COMMAND_TIMEOUT: Final = 30.0
CHECK_TIMEOUT: Final = 60.0
MIN_VERSION: Final = 7


def saved_stem(key: str) -> str:
    """The stem of the files safe apply saves on the router for ``key``."""
    return marker_name(key) + SAVED_SUFFIX


def saved_names(key: str) -> dict[str, Literal["backup", "export"]]:
    """The saved files and their kinds."""
    stem = saved_stem(key)
    return {f"{stem}.backup": "backup", f"{stem}.rsc": "export"}


def scheduler_name(key: str) -> str:
    return marker_name(key) + SCHEDULER_SUFFIX


def restore_source(key: str) -> str:
    """What the scheduler entry runs: load the saved backup (RouterOS then reboots)."""
    return f'/system backup load name={saved_stem(key)}.backup password=""'


def refusal_for_version(version: str | None) -> str | None:
    """Why safe apply cannot run on a router of ``version``; None when it can."""
    major = (version or "").split(".", 1)[0]
    if major.isdigit() and int(major) >= MIN_VERSION:
        return None
    return (
        f"safe apply (rollback_after) needs RouterOS 7; this router runs "
        f"{version or 'an unknown version'}; nothing was run"
    )


def later(date_text: str, time_text: str, seconds: int) -> tuple[str, str]:
    """The router's date and time ``seconds`` after the given ones, in the same forms
    (``2026-12-03`` from 7.10, ``dec/03/2026`` before)."""
    iso = "-" in date_text
    form = "%Y-%m-%d" if iso else "%b/%d/%Y"
    moment = datetime.strptime(f"{date_text.title()} {time_text}", f"{form} %H:%M:%S")
    moment += timedelta(seconds=seconds)
    date = moment.strftime(form)
    return (date if iso else date.lower()), moment.strftime("%H:%M:%S")


def wrap_check(check: str) -> str:
    """The check script as run: its value printed, so ``true`` can be read back."""
    return f":local tikjobsCheck do={{\n{check}\n}}\n:put [$tikjobsCheck]"


def export_differences(saved: bytes, now: bytes) -> list[str]:
    """The lines a unified diff of two exports shows, their ``# <date> by RouterOS``
    lines ignored; empty when the configurations are the same."""

    def lines(data: bytes) -> list[str]:
        return [
            line.rstrip("\r")
            for line in data.decode("utf-8", "replace").split("\n")
            if not (line.startswith("# ") and " by RouterOS " in line)
        ]

    return [
        line
        for line in difflib.unified_diff(lines(saved), lines(now), "saved", "now", lineterm="")
        if line[:1] in "+-" and not line.startswith(("---", "+++"))
    ]


@dataclass(frozen=True)
class RouterSide:
    """What the router holds of a safe-apply job."""

    scheduler_id: str | None
    marker_comment: str | None
    has_marker: bool
    saved: bool = False
    """The saved backup is on the router's disk (from arming until the job's end)."""


async def arm(pool: RouterPool, settings: RouterSettings, key: str, window: int) -> None:
    """Save the configuration and add the scheduler entry that restores it. `BackupFailed`
    when anything of it fails (the job then fails and its script never runs)."""
    from tikjobs.agent.backup import fetch_files

    stem = saved_stem(key)
    try:
        await disarm(pool, key)
        (
            await pool.run(
                "/system/backup/save",
                [f"=name={stem}", "=dont-encrypt=yes"],
                timeout=settings.backup_timeout,
            )
        ).raise_traps()
        (
            await pool.run("/export", [f"=file={stem}"], timeout=settings.backup_timeout)
        ).raise_traps()
        # The files must be complete before the entry that loads one of them exists.
        await fetch_files(settings, list(saved_names(key)))
        clock = (await pool.run("/system/clock/print", timeout=COMMAND_TIMEOUT)).raise_traps()
        row = clock.rows[0] if clock.rows else {}
        date, at = later(row.get("date", ""), row.get("time", ""), window)
        (
            await pool.run(
                "/system/scheduler/add",
                [
                    f"=name={scheduler_name(key)}",
                    f"=start-date={date}",
                    f"=start-time={at}",
                    "=interval=0s",
                    f"=on-event={restore_source(key)}",
                    f"=comment=tikjobs safe apply: restores {stem}.backup unless confirmed",
                ],
                timeout=COMMAND_TIMEOUT,
            )
        ).raise_traps()
    except RouterError as error:
        raise BackupFailed(f"the router could not arm the rollback: {error.message}") from None
    except FileTransferError as error:
        raise BackupFailed(f"the saved configuration could not be read: {error.message}") from None
    except ValueError:
        raise BackupFailed("the router's clock could not be read") from None
    log.info("%s armed: the router restores itself in %d s unless confirmed", stem, window)


async def disarm(pool: RouterPool, key: str) -> bool:
    """Remove the scheduler entry if it is there; True if it was."""
    found = await pool.run(
        "/system/scheduler/print",
        ["=.proplist=.id", f"?name={scheduler_name(key)}"],
        timeout=COMMAND_TIMEOUT,
    )
    found.raise_traps()
    ids = [row[".id"] for row in found.rows if ".id" in row]
    if ids:
        (
            await pool.run(
                "/system/scheduler/remove", [f"=.id={','.join(ids)}"], timeout=COMMAND_TIMEOUT
            )
        ).raise_traps()
    return bool(ids)


def login_failure(error: LoginRefused | RouterUnreachable) -> str:
    """Why a fresh login after the script did not confirm the change."""
    if isinstance(error, LoginRefused):
        return f"a fresh API login was refused after the script ({error.message})"
    return f"the router did not answer a fresh API login after the script ({error.message})"


async def confirm(settings: RouterSettings, key: str, check: str | None) -> str | None:
    """Keep the change: a fresh login, the check, then the entry removed on that session.
    None when kept; otherwise why not (the restore is then left to fire)."""
    try:
        connection = await RouterConnection.open(settings)
    except (LoginRefused, RouterUnreachable) as error:
        return login_failure(error)
    try:
        if check is not None:
            answer = await connection.command(
                "/execute", [f"=script={wrap_check(check)}", "=as-string="], timeout=CHECK_TIMEOUT
            )
            said = "; ".join(trap.message for trap in answer.traps) or (answer.ret or "")
            if answer.traps or said.strip() != "true":
                return f"the check script did not return true (it said {said.strip()!r})"
        found = await connection.command(
            "/system/scheduler/print",
            ["=.proplist=.id", f"?name={scheduler_name(key)}"],
            timeout=COMMAND_TIMEOUT,
        )
        found.raise_traps()
        if not found.rows:
            return "the rollback window closed before the change was confirmed"
        removed = await connection.command(
            "/system/scheduler/remove", [f"=.id={found.rows[0]['.id']}"], timeout=COMMAND_TIMEOUT
        )
        removed.raise_traps()
    except RouterError as error:
        return f"the confirmation failed ({error.message})"
    finally:
        await connection.close()
    return None


async def look(settings: RouterSettings, key: str) -> RouterSide:
    """What the router holds of the job, read over a fresh login. `RouterError`."""
    connection = await RouterConnection.open(settings)
    try:
        entry = await connection.command(
            "/system/scheduler/print",
            ["=.proplist=.id", f"?name={scheduler_name(key)}"],
            timeout=COMMAND_TIMEOUT,
        )
        entry.raise_traps()
        marker = await connection.command(
            "/system/script/print",
            ["=.proplist=.id,comment", f"?name={marker_name(key)}"],
            timeout=COMMAND_TIMEOUT,
        )
        marker.raise_traps()
        saved = await connection.command(
            "/file/print",
            ["=.proplist=name", f"?name={saved_stem(key)}.backup"],
            timeout=COMMAND_TIMEOUT,
        )
        saved.raise_traps()
    finally:
        await connection.close()
    return RouterSide(
        scheduler_id=entry.rows[0].get(".id") if entry.rows else None,
        marker_comment=marker.rows[0].get("comment") if marker.rows else None,
        has_marker=bool(marker.rows),
        saved=bool(saved.rows),
    )


async def wait_restored(settings: RouterSettings, key: str, deadline: float) -> RouterSide | None:
    """Wait until the router answers a fresh login without the scheduler entry (the
    restore fired and the router came back, or a confirmation removed it: the marker
    tells which) and answer what it holds; None when the monotonic deadline passes."""
    while time.monotonic() < deadline:
        try:
            side = await look(settings, key)
        except RouterError:
            side = None
        if side is not None and side.scheduler_id is None:
            return side
        await asyncio.sleep(POLL_PAUSE)
    return None


async def mark_rolled_back(pool: RouterPool, key: str) -> bool:
    """Put the job's marker back, saying it was rolled back: the restore took it away, and
    the key must still never run again. False when the router did not take it (the saved
    files must then stay on its disk, the only record that the key ran)."""
    name = marker_name(key)
    try:
        found = await pool.run(
            "/system/script/print", ["=.proplist=.id", f"?name={name}"], timeout=COMMAND_TIMEOUT
        )
        found.raise_traps()
        if found.rows:
            words = [f"=.id={found.rows[0]['.id']}", f"=comment={ROLLED_BACK}"]
            (await pool.run("/system/script/set", words, timeout=COMMAND_TIMEOUT)).raise_traps()
        else:
            words = [f"=name={name}", "=source=", f"=comment={ROLLED_BACK}"]
            (await pool.run("/system/script/add", words, timeout=COMMAND_TIMEOUT)).raise_traps()
    except RouterError as error:
        log.warning("could not mark %s rolled back on the router: %s", name, error)
        return False
    return True


async def verify(pool: RouterPool, settings: RouterSettings, key: str) -> list[str]:
    """Export the restored configuration and compare it with the saved export: the
    differing lines (none when the restore is complete). `RouterError`, `FileTransferError`."""
    from tikjobs.agent.backup import fetch_files, remove_files

    stem = marker_name(key) + AFTER_SUFFIX
    (await pool.run("/export", [f"=file={stem}"], timeout=settings.backup_timeout)).raise_traps()
    saved = f"{saved_stem(key)}.rsc"
    contents = await fetch_files(settings, [saved, f"{stem}.rsc"])
    await remove_files(settings, [f"{stem}.rsc"])
    return export_differences(contents[saved], contents[f"{stem}.rsc"])
