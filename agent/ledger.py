"""The agent's local ledger: per idempotency key, what the agent did with a job and what it
still owes the cloud, kept in the state directory across restarts.

How this works
--------------
The ledger is an append-only file of JSON lines, one router per file
(``ledger-<router>.jsonl``). Each line is the whole current `Entry` of one key; on
load the last line of a key wins. Every append is written and ``fsync``\\ ed before the
agent acts on it, so "started" is on disk before the script is sent and an outcome is on
disk before it is reported. A line torn by a crash is the last one and is skipped.

The disk work stays off the event loop, which serves every router of the process: a
writing method changes the entry in memory at once, queues its line and answers a future
that settles once the line is on disk. One writer task appends the queued lines in order
on a worker thread, everything that queued up while it was busy with one ``fsync``, so the
lines of a key reach the disk in the order they were made. The ledgers of a process share
`WRITER_THREADS` threads of their own: when many routers finish at once their syncs run
side by side, and the file system commits them in one journal commit where it can. A line
nothing waits on ("reported") is deferred: it joins the next group, or starts one half a
second later. A write that fails leaves the entries as the disk has them and the ledger
refuses every later write (a failed ``fsync`` leaves the file's tail unknown); the
agent's next start reads what reached the disk.
"Offered" is kept in memory only, until the key's next line.
Opening the ledger rewrites it compactly (one line per key, oldest settled keys beyond
`MAX_ENTRIES` dropped) into a new file that replaces the old one atomically. An agent
that runs for months does the same as it goes: once the file holds `COMPACT_FACTOR`
times more lines than keys (and at least `COMPACT_AT_LEAST`), the writer rewrites it
between two groups, when no line is waiting; and once a pruned key makes more than
`MAX_ENTRIES`, the oldest settled keys are forgotten, so neither the file nor the memory
grows with the jobs a router has run.

The keys whose marker is still on the router once they are settled are kept in the
order they settled (`Ledger.prunable`), so choosing the markers to prune costs the
markers chosen, not a pass over every key.

Format versions: the file's first line is a header, ``{"format": "tikjobs-ledger",
"version": 2}``. A file without one is version 1 (agents before the header wrote the
same entry lines with nothing before them); it is read as it is and rewritten as the
current version when opened, so an agent takes over an older agent's ledger mid-job
with everything it knew. A file of a version newer than `VERSION` is refused, never
rewritten: that agent's entries may mean more than this one can tell.

Why JSON lines and not sqlite3: one writer per router, a handful of small records per
job, and the questions asked ("what about this key?", "which settled keys are oldest?")
are answered from memory; an append plus ``fsync`` is all the durability needed, a torn
tail is the only failure mode to handle, and an operator can read the file with ``cat``
when a job's fate is in question. The file is locked (``flock``) while open, so two
agents never serve one router from the same state directory.

An entry moves: offered -> started (script sent) -> outcome (the reports to send, the
last one terminal) -> reported (the cloud acknowledged the terminal report) -> pruned
(its marker was removed from the router). A safe-apply job that is rolled back has two
more lines between started and outcome: rollback (the decision and its reason) and
restored (the router came back with its saved configuration; being verified).
"""

from __future__ import annotations

import asyncio
import fcntl
import itertools
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from tikjobs.agent.exceptions import LedgerError

log = logging.getLogger(__name__)

FORMAT = "tikjobs-ledger"
VERSION = 2
"""The ledger format this agent writes; 1 is a file of entry lines without a header."""
DEFER_SECONDS = 0.5
"""Longest a deferred line waits for another line to share its fsync."""
MAX_ENTRIES = 10_000
"""Keys kept when the ledger is compacted; the oldest settled ones go first."""
COMPACT_FACTOR = 3
"""The writer rewrites the file once it holds this many times more lines than keys..."""
COMPACT_AT_LEAST = 3_000
"""...and at least this many lines."""
WRITER_THREADS = 16
"""Threads the ledgers of a process append and ``fsync`` on (started as needed)."""

_writers = ThreadPoolExecutor(max_workers=WRITER_THREADS, thread_name_prefix="tikjobs-ledger")


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Entry:
    """What the agent knows about one idempotency key."""

    key: str
    job_id: str
    needs_acknowledgement: bool = True
    offered_at: str = ""
    started: bool = False
    statuses: tuple[str, ...] = ()
    """The reports that make up the outcome, in order; the last one is the outcome."""
    output: str | None = None
    error: str | None = None
    reported: bool = False
    pruned: bool = False
    rollback: str | None = None
    """Safe apply: why the change is being rolled back, once the agent decided so."""
    restored: bool = False
    """Safe apply: the router restored its saved configuration and answered again; what
    is left is to verify it and report (the script never runs again)."""

    @property
    def has_outcome(self) -> bool:
        return bool(self.statuses)

    @property
    def settled(self) -> bool:
        """Nothing more to do for this key but to remember it."""
        return self.has_outcome and self.reported

    def to_json(self) -> str:
        # Every field is a str, bool, None or a tuple of str: read them as they are
        # (`dataclasses.asdict` copies each value recursively, at four times the cost).
        record = {name: getattr(self, name) for name in _ENTRY_FIELDS}
        record["statuses"] = list(self.statuses)
        return json.dumps(record, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Entry:
        record: dict[str, Any] = json.loads(line)
        record["statuses"] = tuple(record.get("statuses", ()))
        known = {name: record[name] for name in cls.__dataclass_fields__ if name in record}
        return cls(**known)


_ENTRY_FIELDS = tuple(entry_field.name for entry_field in fields(Entry))


@dataclass
class _Write:
    """One line on its way to the disk, with what the key held before it."""

    entry: Entry
    before: Entry | None
    durable: asyncio.Future[Entry]


@dataclass
class Ledger:
    """The ledger of one router; use `Ledger.open` and `close`.

    The writing methods change the entry at once and answer a future that settles when
    the line is on disk; await it before acting on the entry. They are plain methods so a
    synchronous callback can write too (and must look at the future's outcome).
    """

    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    _handle: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _queue: list[_Write] = field(default_factory=list)
    _writer: asyncio.Task[None] | None = None
    _deferred: asyncio.TimerHandle | None = None
    _broken: LedgerError | None = None
    _lines: int = 0
    """Lines in the file: the header, then every entry line written since it was made."""
    _unpruned: dict[str, None] = field(default_factory=dict)
    """Settled keys whose marker is still on the router, in the order they settled."""
    on_fsync: Callable[[float], None] | None = None
    """Called (on the writer thread) with the seconds each write-and-fsync took."""

    @classmethod
    def open(cls, path: Path) -> Ledger:
        """Load, lock and compact the ledger at ``path`` (created if missing); blocking."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = path.open("a+", encoding="utf-8")
        except OSError as error:
            raise LedgerError(f"cannot open the ledger {path}: {error.strerror or error}") from None
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise LedgerError(
                f"the ledger {path} is in use by another agent; one agent serves one router"
            ) from None
        ledger = cls(path)
        try:
            handle.seek(0)
            ledger.entries = read_entries(handle.read(), path)
            ledger._handle = _compact(path, handle, ledger.entries)
            ledger._lines = 1 + len(ledger.entries)
            ledger._unpruned = {
                entry.key: None
                for entry in ledger.entries.values()
                if entry.settled and not entry.pruned
            }
        except LedgerError:
            handle.close()
            raise
        except OSError as error:
            handle.close()
            raise LedgerError(f"cannot use the ledger {path}: {error.strerror or error}") from None
        return ledger

    async def close(self) -> None:
        """Wait for the lines on their way to the disk, then release the file."""
        await self.written()
        with self._lock:
            if self._handle is not None:
                self._handle.close()
                self._handle = None

    async def written(self) -> None:
        """Wait until every line written so far is on disk (or could not be written),
        deferred ones included."""
        self._start_writer()
        while self._writer is not None:
            await asyncio.wait([self._writer])

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def offered(self, key: str, job_id: str, *, needs_acknowledgement: bool) -> Entry:
        """Note a job the agent is about to take (kept if the key is already known).

        Held in memory only: it reaches the disk with the key's next line. A crash before
        that loses nothing, since a key the ledger does not know and the router has no
        marker of is run, exactly as a key only offered would be.
        """
        entry = self.entries.get(key)
        if entry is not None:
            return entry
        entry = Entry(
            key, job_id, needs_acknowledgement=needs_acknowledgement, offered_at=now_text()
        )
        self.entries[key] = entry
        return entry

    def started(self, key: str) -> asyncio.Future[Entry]:
        """The script is about to be sent: from now on the key never runs again."""
        return self._change(key, started=True)

    def outcome(
        self,
        key: str,
        statuses: tuple[str, ...],
        *,
        output: str | None = None,
        error: str | None = None,
    ) -> asyncio.Future[Entry]:
        """The reports the cloud must receive for this key, the last one terminal."""
        return self._change(key, statuses=statuses, output=output, error=error)

    def rollback_decided(self, key: str, reason: str) -> asyncio.Future[Entry]:
        """Safe apply: the change is not kept and the router's restore is left to fire;
        an agent restarted after this line waits for the restore and never confirms."""
        return self._change(key, rollback=reason)

    def restore_seen(self, key: str) -> asyncio.Future[Entry]:
        """Safe apply: the router came back restored ("rolled back, verifying"); written
        before the restored configuration is compared or anything is reported."""
        return self._change(key, restored=True)

    def reported(self, key: str) -> asyncio.Future[Entry]:
        """The cloud acknowledged the key's terminal report.

        The line is deferred: it goes to the disk with the next line that must (the next
        job's "started"), at `written`/`close`, or after `DEFER_SECONDS`, so a busy
        router's job costs two fsyncs, not three.
        A crash before then only sends the acknowledged report once more.
        """
        return self._change(key, defer=True, reported=True)

    def pruned(self, key: str) -> asyncio.Future[Entry]:
        """The key's marker was removed from the router."""
        return self._change(key, pruned=True)

    def prunable(self, keep: int) -> list[Entry]:
        """Settled keys whose marker is still on the router, oldest settled first, but
        for the newest ``keep`` of them."""
        excess = len(self._unpruned) - keep
        return [self.entries[key] for key in itertools.islice(self._unpruned, max(excess, 0))]

    def unreported(self) -> list[Entry]:
        """Entries with an outcome the cloud has not acknowledged, oldest first."""
        return [
            entry for entry in self.entries.values() if entry.has_outcome and not entry.reported
        ]

    def _change(self, key: str, *, defer: bool = False, **changes: Any) -> asyncio.Future[Entry]:
        durable: asyncio.Future[Entry] = asyncio.get_running_loop().create_future()
        before = self.entries.get(key)
        if before is None:
            durable.set_exception(LedgerError(f"the ledger has no entry for {key}"))
        elif self._broken is not None:
            durable.set_exception(self._broken)
        elif self._handle is None:
            durable.set_exception(LedgerError(f"the ledger {self.path} is closed"))
        else:
            entry = replace(before, **changes)
            self.entries.pop(key)
            self.entries[key] = entry
            self._follow(key, before, entry)
            if entry.pruned and len(self.entries) > MAX_ENTRIES:
                self._forget_oldest()
            self._queue.append(_Write(entry, before, durable))
            if not defer:
                self._start_writer()
            elif self._deferred is None:
                self._deferred = asyncio.get_running_loop().call_later(
                    DEFER_SECONDS, self._start_writer
                )
        return durable

    def _follow(self, key: str, before: Entry | None, entry: Entry | None) -> None:
        """Keep `_unpruned` in step with a key's change (None: no entry)."""
        was = before is not None and before.settled and not before.pruned
        now = entry is not None and entry.settled and not entry.pruned
        if was == now:
            return
        if now:
            self._unpruned[key] = None
        else:
            self._unpruned.pop(key, None)

    def _forget_oldest(self) -> None:
        """Forget settled keys, least recently changed first, down to `MAX_ENTRIES`;
        their lines go at the next compaction."""
        excess = len(self.entries) - MAX_ENTRIES
        doomed: list[str] = []
        for entry in self.entries.values():
            if len(doomed) >= excess:
                break
            if entry.settled and entry.pruned:
                doomed.append(entry.key)
        for key in doomed:
            del self.entries[key]

    def _start_writer(self) -> None:
        if self._deferred is not None:
            self._deferred.cancel()
            self._deferred = None
        if self._writer is None and self._queue:
            self._writer = asyncio.create_task(self._write_queued(), name=f"{self.path}")

    async def _write_queued(self) -> None:
        """Append the queued lines in order, all that queued up meanwhile with one fsync."""
        batch: list[_Write] = []
        try:
            while self._queue and self._broken is None:
                batch = self._queue
                self._queue = []
                try:
                    await asyncio.get_running_loop().run_in_executor(
                        _writers, partial(self._append, [write.entry for write in batch])
                    )
                except LedgerError as error:
                    self._broken = error
                    self._undo(batch + self._queue, error)
                    self._queue = []
                    return
                self._lines += len(batch)
                for write in batch:
                    if not write.durable.done():
                        write.durable.set_result(write.entry)
                if not self._queue and self._compaction_due():
                    broken = await self._compact_now()
                    if broken is not None:
                        self._broken = broken
                        self._undo(self._queue, broken)
                        self._queue = []
                        return
        finally:
            self._writer = None
            for write in batch + self._queue:
                if not write.durable.done():
                    write.durable.cancel()

    def _compaction_due(self) -> bool:
        return self._lines >= max(COMPACT_AT_LEAST, COMPACT_FACTOR * (len(self.entries) + 1))

    async def _compact_now(self) -> LedgerError | None:
        """Rewrite the file as the entries stand; called by the writer with no line
        waiting, so memory holds what the disk holds (and keys only offered, which a line
        on disk tells no more of than no line). A failure before the new file is in place
        leaves the old one, whole: the ledger goes on appending to it and tries again
        after as many lines again. Answers the error that leaves neither file usable."""
        entries = dict(self.entries)
        self._lines = 1 + len(entries)
        try:
            await asyncio.get_running_loop().run_in_executor(
                _writers, partial(self._rewrite, entries)
            )
        except LedgerError as error:
            return error
        except OSError as error:
            log.warning("could not compact the ledger %s: %s", self.path, error)
        return None

    def _rewrite(self, entries: dict[str, Entry]) -> None:
        """Compact the file (on a worker thread)."""
        with self._lock:
            if self._handle is None:
                raise LedgerError(f"the ledger {self.path} is closed")
            try:
                self._handle = _compact(self.path, self._handle, entries)
            except LedgerError:
                self._handle = None  # _compact closed it
                raise

    def _undo(self, writes: list[_Write], error: LedgerError) -> None:
        """Lines that never reached the disk: the entries go back to what is on disk."""
        log.error("%s; the ledger takes no more writes until the agent restarts", error)
        for write in reversed(writes):
            if write.before is None:
                self.entries.pop(write.entry.key, None)
            else:
                self.entries[write.entry.key] = write.before
            self._follow(write.entry.key, write.entry, write.before)
            if not write.durable.done():
                write.durable.set_exception(error)

    def _append(self, entries: list[Entry]) -> None:
        """Write and fsync lines (on a worker thread)."""
        text = "".join(entry.to_json() + "\n" for entry in entries)
        with self._lock:
            if self._handle is None:
                raise LedgerError(f"the ledger {self.path} is closed")
            began = time.perf_counter()
            try:
                self._handle.write(text)
                self._handle.flush()
                os.fsync(self._handle.fileno())
            except OSError as error:
                raise LedgerError(
                    f"cannot write the ledger {self.path}: {error.strerror or error}"
                ) from None
            if self.on_fsync is not None:
                self.on_fsync(time.perf_counter() - began)


def header() -> str:
    """The first line of a ledger written by this agent."""
    return json.dumps({"format": FORMAT, "version": VERSION}, separators=(",", ":"))


def format_version(line: str) -> int | None:
    """The version a header line names, or None when ``line`` is not a header."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return None
    version = record.get("version")
    return version if isinstance(version, int) else 0


def read_entries(text: str, path: Path) -> dict[str, Entry]:
    """The entries of a ledger's text, of this version or an older one; `LedgerError`
    for a ledger written by a newer agent."""
    entries: dict[str, Entry] = {}
    lines = text.split("\n")
    first = next((line for line in lines if line.strip()), "")
    version = format_version(first)
    if version is not None and not 1 <= version <= VERSION:
        raise LedgerError(
            f"the ledger {path} is format version {version}, written by a newer agent; this "
            f"agent reads versions 1 to {VERSION}: run that agent, or a newer one, here"
        )
    for number, line in enumerate(lines, start=1):
        if not line.strip() or format_version(line) is not None:
            continue
        try:
            entry = Entry.from_json(line)
        except (ValueError, TypeError, KeyError):
            torn = number >= len(lines) - 1
            log.warning(
                "%s line %d is %s; skipped", path, number, "torn" if torn else "not an entry"
            )
            continue
        entries.pop(entry.key, None)
        entries[entry.key] = entry
    return entries


def _compact(path: Path, handle: Any, entries: dict[str, Entry]) -> Any:
    """Rewrite the ledger as this version, a header then one line per key; answers the
    locked handle to append to, and closes ``handle``.

    `OSError` while the old file is still the ledger (``handle`` stays usable);
    `LedgerError` when the new file is in place but its name may not be on disk, so
    neither file can be appended to safely (both are closed)."""
    excess = len(entries) - MAX_ENTRIES
    if excess > 0:
        for key in [entry.key for entry in entries.values() if entry.settled][:excess]:
            del entries[key]
    fresh = path.with_name(path.name + ".new")
    with fresh.open("w", encoding="utf-8") as out:
        out.write(header() + "\n")
        out.writelines(entry.to_json() + "\n" for entry in entries.values())
        out.flush()
        os.fsync(out.fileno())
    replacement = fresh.open("a", encoding="utf-8")
    try:
        fcntl.flock(replacement.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.replace(fresh, path)
    except OSError:
        replacement.close()
        raise
    handle.close()
    try:
        _sync_directory(path.parent)
    except OSError as error:
        replacement.close()
        raise LedgerError(
            f"cannot sync the directory of the ledger {path}: {error.strerror or error}"
        ) from None
    return replacement


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
