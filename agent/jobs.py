"""Running offered jobs on the router at most once and reporting each outcome exactly once.

How this works
--------------
`JobRunner.handle` takes one `JobOffer` at a time. It first asks what is already known
about the offer's idempotency key, and runs the script only when nothing is::

    the ledger has an outcome           -> send that outcome again (never re-run)
    a safe-apply job (rollback_after)   -> the ledger's "started", then the router's
                                           restore entry, marker and saved backup decide
                                           first (`agent.safe_runner`: resume, recover)
    the router has the key's marker:
        finished                        -> completed (output unknown unless the ledger has it)
        failed                          -> failed
        started                         -> failed "interrupted: outcome unknown"
    the ledger says the script was sent -> failed: the router never started it
    nothing, the cloud has it running   -> run it (it never started; see below)
    nothing                             -> run it

The marker is read before anything else only when the ledger says the script was sent
(or for a safe-apply job); otherwise it is read on the connection that is to send the
script, just before "started" is noted (that read is also the round trip that proves a
reused connection still answers), and a marker found there settles the job as above.
Either way no script is sent while the key has a marker. For a plain job (no backup, no
safe apply, acknowledged) that read is made while the cloud answers the ``loaded``
report, since a read changes nothing on the router: the job waits for one round trip, not
two. The connection is kept for the script only when the answer comes within
`EARLY_MARKER_WAIT`; after a longer wait it is given back and the marker read again.

A run: report ``loaded`` and wait for the cloud to accept it (a job deleted between the
offer and that report is refused, and nothing runs); with ``make_backup``, back up first
(a failed backup fails the job, the script never runs); report ``running``; note
"started" in the ledger; send the wrapped script (`agent.markers`) and wait for what it
printed or RouterOS's error (``/execute =as-string=`` on RouterOS 7, a background run
that writes a file on RouterOS 6: `agent.script_run`). An answer whose last line says
the wrapped script's finish line ran (`markers.finished_output`) is a completed run;
any other answer, or none, is told from the marker, read again.
With ``needs_acknowledgement=false`` the script is handed over with ``/execute`` alone
(it answers at once with a job id) after ``loaded``, and ``completed`` is reported: a
script that reboots the router neither hangs the agent nor fails the job.

An offer of a job the cloud already has ``running`` (its ``loaded`` report is refused
with that status) while the ledger has no "started" and the router no marker is a job
whose script provably never started: the agent stopped after reporting ``running`` and
before noting "started". It runs now, under the marker's guard, rather than failing: the
marker still keeps the key to one run, and the client gets the run it asked for instead
of a failure to retry by hand. Every other refused ``loaded`` (deleted, ended) runs
nothing, and the cloud stops offering it, since the job is over.

Each step of the path calls `contracts.steps.crash_point` (a no-op outside the
crash-point tests).

Every outcome is written to the ledger before it is reported, and reported through the
`ReportOutbox` until the cloud acknowledges it. If the router drops while a script runs,
the runner waits (until the job's time is up) for it to come back and reads the marker.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tikjobs.agent import markers, safe_apply
from tikjobs.agent.config import RouterSettings
from tikjobs.agent.exceptions import (
    AgentError,
    BackupFailed,
    CloudError,
    FileTransferError,
    LedgerError,
    LoginRefused,
    RouterError,
    RouterTimeout,
    RouterUnreachable,
)
from tikjobs.agent.ledger import Entry, Ledger
from tikjobs.agent.markers import MarkerState
from tikjobs.agent.reports import BackupUploads, ReportOutbox
from tikjobs.agent.router import Answer, RouterConnection, RouterPool
from tikjobs.agent.safe_runner import SafeApplyRunner
from tikjobs.agent.script_run import run_wrapped
from tikjobs.contracts import steps
from tikjobs.contracts.status import JobStatus
from tikjobs.contracts.steps import Step
from tikjobs.contracts.tunnel import (
    MAX_FRAME_BYTES,
    BackupUpload,
    JobOffer,
    JobReport,
    ReportAck,
    RouterFacts,
)
from tikjobs.logs import job_id_var

if TYPE_CHECKING:
    from tikjobs.agent.backup import BackupFile

log = logging.getLogger(__name__)

INTERRUPTED = "interrupted: outcome unknown"
NEVER_STARTED = "interrupted: the router never started the script; it was not run again"
OUTPUT_UNKNOWN = "output unknown: the script finished on the router while the agent was away"
FAILED_UNRECORDED = "the script failed on the router; its message was not recorded"
ROLLED_BACK_UNRECORDED = "rolled back: the router restored its saved configuration"
BAD_KEY = "the idempotency key {key!r} cannot name a router marker"

LOADED, RUNNING = JobStatus.LOADED.value, JobStatus.RUNNING.value
COMPLETED, FAILED = JobStatus.COMPLETED.value, JobStatus.FAILED.value

QUERY_TIMEOUT = 30.0
"""Seconds a marker read or update may take."""
EARLY_MARKER_WAIT = 1.0
"""Seconds a connection whose marker read was made while the cloud answered ``loaded`` is
held for that answer; past them it is given back and the marker read afresh, so the
script never goes on a connection that sat idle for long."""
PRUNE_BATCH_DIVISOR = 5
"""Markers are pruned once ``keep_markers // 5`` (at least one) are due."""

RouterBack = Callable[[float], Awaitable[bool]]
"""Wait until the router answers again or the monotonic deadline passes; True if it does."""


@dataclass(frozen=True)
class _EarlyRead:
    """A key's marker read while the cloud answered ``loaded``, the connection it was read
    on, and what gives that connection back to the pool."""

    connection: RouterConnection
    marker: Answer
    release: contextlib.AsyncExitStack


class JobRunner:
    """Runs one router's jobs; `handle` must be called for one offer at a time."""

    def __init__(
        self,
        settings: RouterSettings,
        pool: RouterPool,
        ledger: Ledger,
        outbox: ReportOutbox,
        uploads: BackupUploads,
        router_back: RouterBack,
        facts: Callable[[], RouterFacts] = RouterFacts,
    ) -> None:
        self.settings = settings
        self.pool = pool
        self.ledger = ledger
        self.outbox = outbox
        self.uploads = uploads
        self.router_back = router_back
        self.facts = facts
        """The router's latest facts; its version chooses how a script is run."""
        self.safe = SafeApplyRunner(self)

    async def resend_unreported(self) -> None:
        """Queue every outcome the cloud has not acknowledged (after a restart)."""
        for entry in self.ledger.unreported():
            await self._report_outcome(entry, already_sent=0)

    async def handle(self, offer: JobOffer) -> None:
        """Deal with one offer as the module docstring says; never raises `AgentError`."""
        key = offer.idempotency_key
        token = job_id_var.set(offer.job_id)
        try:
            await self._handle(offer)
        except (RouterError, FileTransferError) as error:
            log.warning("job %s (%s): the router is not answering: %s", offer.job_id, key, error)
        except (LedgerError, CloudError) as error:
            log.error("job %s (%s) could not be handled: %s", offer.job_id, key, error)
        finally:
            job_id_var.reset(token)

    async def _handle(self, offer: JobOffer) -> None:
        key = offer.idempotency_key
        if not markers.is_usable_key(key):
            self._note_offer(offer)
            refused = await self.ledger.outcome(key, (FAILED,), error=BAD_KEY.format(key=key))
            await self._report_outcome(refused, already_sent=0)
            return
        entry = self.ledger.get(key)
        if entry is not None and entry.has_outcome:
            if not self.outbox.holds(offer.job_id):
                log.info("job %s was offered again; its outcome is sent again", offer.job_id)
                await self._report_outcome(entry, already_sent=0)
            return
        if offer.rollback_after is not None:
            if entry is not None and entry.started:
                await self.safe.resume(offer, entry)
                return
            if await self.safe.recover(offer):
                return
        elif entry is None or not entry.started:
            await self._run(offer)  # the marker is read just before the script is sent
            return
        state, _ = await self._marker(key)
        if state is not None:
            await self._settle_from_marker(offer, state)
        elif entry is not None and entry.started:
            never = (LOADED, RUNNING, FAILED) if offer.needs_acknowledgement else (LOADED, FAILED)
            await self._settle(offer, never, error=NEVER_STARTED)
        else:
            await self._run(offer)

    # -- what is known ----------------------------------------------------------------

    def note_offer(self, offer: JobOffer) -> Entry:
        """`_note_offer` for the safe-apply runner."""
        return self._note_offer(offer)

    def _note_offer(self, offer: JobOffer) -> Entry:
        return self.ledger.offered(
            offer.idempotency_key,
            offer.job_id,
            needs_acknowledgement=offer.needs_acknowledgement,
        )

    def _path(self, offer: JobOffer, end: str) -> tuple[str, ...]:
        """The reports that take a job the router ran to ``end``; a job without
        acknowledgement is completed once the router has it, whatever its script did."""
        if not offer.needs_acknowledgement:
            return (LOADED, COMPLETED)
        return (LOADED, RUNNING, end)

    async def _settle_from_marker(self, offer: JobOffer, state: MarkerState) -> None:
        log.info("job %s: the router's marker says %s; not run again", offer.job_id, state.value)
        if state is MarkerState.FINISHED:
            await self._settle(offer, self._path(offer, COMPLETED), output=OUTPUT_UNKNOWN)
        elif state is MarkerState.FAILED:
            await self._settle(offer, self._path(offer, FAILED), error=FAILED_UNRECORDED)
        elif state is MarkerState.ROLLED_BACK:
            await self._settle(offer, self._path(offer, FAILED), error=ROLLED_BACK_UNRECORDED)
        else:
            await self._settle(offer, self._path(offer, FAILED), error=INTERRUPTED)

    async def _settle(
        self,
        offer: JobOffer,
        statuses: tuple[str, ...],
        *,
        output: str | None = None,
        error: str | None = None,
        already_sent: int = 0,
    ) -> None:
        """Write the outcome to the ledger, then report what the cloud has not had yet."""
        self._note_offer(offer)
        entry = await self.ledger.outcome(
            offer.idempotency_key, statuses, output=output, error=error
        )
        steps.crash_point(Step.OUTCOME_NOTED, entry.key)
        await self._report_outcome(entry, already_sent=already_sent)

    async def settle(
        self,
        offer: JobOffer,
        statuses: tuple[str, ...],
        *,
        output: str | None = None,
        error: str | None = None,
        already_sent: int = 0,
    ) -> None:
        """`_settle` for the safe-apply runner."""
        await self._settle(offer, statuses, output=output, error=error, already_sent=already_sent)

    async def _report_outcome(self, entry: Entry, *, already_sent: int) -> None:
        statuses = entry.statuses[already_sent:]
        for index, status in enumerate(statuses):
            final = index == len(statuses) - 1
            done = await self.outbox.put(
                _report(
                    entry,
                    JobStatus(status),
                    output=entry.output if final else None,
                    error=entry.error if final else None,
                )
            )
            if final:
                steps.crash_point(Step.OUTCOME_REPORTED, entry.key)
                self._note_when_acknowledged(entry.key, done)

    def _note_when_acknowledged(self, key: str, done: asyncio.Future[ReportAck]) -> None:
        """Once the cloud acknowledges the key's last report, the ledger says so (the
        line is written in the background; a crash before it only sends the report again)."""

        def noted(written: asyncio.Future[Entry]) -> None:
            if not written.cancelled() and (error := written.exception()) is not None:
                log.error("could not note the acknowledgement of %s: %s", key, error)

        def acknowledged(future: asyncio.Future[ReportAck]) -> None:
            if not future.cancelled():
                steps.crash_point(Step.OUTCOME_ACKNOWLEDGED, key)
                self.ledger.reported(key).add_done_callback(noted)

        done.add_done_callback(acknowledged)

    async def _marker(self, key: str) -> tuple[MarkerState | None, str | None]:
        """The state of the key's marker on the router and its ``.id`` (None, None: no marker)."""
        return _marker_of(await self.pool.run(*_marker_query(key), timeout=QUERY_TIMEOUT))

    # -- running ----------------------------------------------------------------------

    async def _report(self, offer: JobOffer, status: JobStatus) -> asyncio.Future[ReportAck]:
        entry = self._note_offer(offer)
        return await self.outbox.put(_report(entry, status))

    async def _run(self, offer: JobOffer) -> None:
        async with contextlib.AsyncExitStack() as held:
            await self._run_holding(offer, held)

    async def _run_holding(self, offer: JobOffer, held: contextlib.AsyncExitStack) -> None:
        """`_run`; a connection read while ``loaded`` is answered is released by ``held``."""
        started_at = time.monotonic()
        key = offer.idempotency_key
        loaded = await self._report(offer, JobStatus.LOADED)
        steps.crash_point(Step.LOADED_REPORTED, key)
        early = await self._marker_while_loading(offer, loaded, held)
        ack = await loaded
        never_started = ack.status is JobStatus.RUNNING and offer.needs_acknowledgement
        if not ack.accepted and not never_started:
            # The cloud is the arbiter: a job deleted (or ended) before the router took it
            # must not run. Nothing has changed on the router yet (its marker may have
            # been read).
            log.warning("job %s was not handed over: %s", offer.job_id, ack.reason)
            return
        if never_started:
            # The cloud has the job running, yet the ledger has no "started" and the router
            # no marker: the agent stopped between reporting running and sending the
            # script, so the script provably never started. It runs now, under the marker
            # that keeps every key to one run (the backup, if any, was taken before
            # running was reported).
            log.info("job %s: running in the cloud but never started; it runs now", key)
        else:
            steps.crash_point(Step.LOADED_ACKNOWLEDGED, key)
            refusal = self.safe.refusal(offer)
            if refusal is not None:
                log.warning("job %s: %s", offer.job_id, refusal)
                await self._settle(offer, (LOADED, FAILED), error=refusal, already_sent=1)
                return
            if offer.make_backup:
                try:
                    await self._backup(offer)
                except BackupFailed as error:
                    log.warning("job %s: %s", offer.job_id, error)
                    await self._settle(
                        offer, (LOADED, FAILED), error=f"backup failed: {error}", already_sent=1
                    )
                    return
            if not offer.needs_acknowledgement:
                await self._hand_over(offer)
                return
            await self._report(offer, JobStatus.RUNNING)
            steps.crash_point(Step.RUNNING_REPORTED, key)
        if offer.rollback_after is not None and not await self.safe.arm(offer):
            return
        deadline = started_at + offer.timeout
        wrapped = markers.wrap(offer.script, key)
        answer: Answer | None = None
        async with self._started_connection(offer, early) as connection:
            if connection is None:
                return
            log.info("job %s: running its script on %s", offer.job_id, self.settings.label)
            try:
                answer = await run_wrapped(
                    connection,
                    wrapped,
                    key,
                    version=self.facts().software_version,
                    timeout=max(deadline - time.monotonic(), 1.0),
                )
            except RouterTimeout:
                log.warning("job %s: no answer within %g s", offer.job_id, offer.timeout)
            except RouterUnreachable as error:
                log.warning("job %s: the router dropped during the run: %s", offer.job_id, error)
        steps.crash_point(Step.SCRIPT_ANSWERED, key)
        await self._conclude(offer, answer, deadline)

    async def _marker_while_loading(
        self,
        offer: JobOffer,
        loaded: asyncio.Future[ReportAck],
        held: contextlib.AsyncExitStack,
    ) -> _EarlyRead | None:
        """For a plain job, the connection to send its script on and the marker read on it
        while the cloud answered ``loaded``; None for any other job, or when the answer took
        longer than `EARLY_MARKER_WAIT` (the connection is given back). The connection goes
        back to the pool when the script's run is over, or with ``held`` on a path that
        never runs it."""
        if offer.make_backup or offer.rollback_after is not None or not offer.needs_acknowledgement:
            return None
        key = offer.idempotency_key
        async with contextlib.AsyncExitStack() as reading:
            read = await reading.enter_async_context(
                self.pool.answered_connection(*_marker_query(key), timeout=QUERY_TIMEOUT)
            )
            await asyncio.wait([loaded], timeout=EARLY_MARKER_WAIT)
            if not loaded.done():
                return None
            release = reading.pop_all()
        held.push_async_callback(release.aclose)
        return _EarlyRead(*read, release)

    @contextlib.asynccontextmanager
    async def _started_connection(
        self, offer: JobOffer, early: _EarlyRead | None = None
    ) -> AsyncIterator[RouterConnection | None]:
        """The connection to send the job's script on, once its marker has been read on it
        (``early``: read already, see `_marker_while_loading`) and "started" is in the
        ledger; None when the marker says the key already ran (the job is then settled
        from it)."""
        if early is not None:
            async with early.release:
                yield await self._start_on(offer, early.connection, early.marker)
            return
        key = offer.idempotency_key
        async with self.pool.answered_connection(*_marker_query(key), timeout=QUERY_TIMEOUT) as (
            connection,
            marker,
        ):
            yield await self._start_on(offer, connection, marker)

    async def _start_on(
        self, offer: JobOffer, connection: RouterConnection, marker: Answer
    ) -> RouterConnection | None:
        """Note "started" and answer ``connection``, unless ``marker`` says the key already
        ran: the job is then settled from it, and None answered."""
        state, _ = _marker_of(marker)
        if state is not None:
            await self._settle_from_marker(offer, state)
            return None
        key = offer.idempotency_key
        await self.ledger.started(key)
        steps.crash_point(Step.STARTED_NOTED, key)
        return connection

    async def _conclude(self, offer: JobOffer, answer: Answer | None, deadline: float) -> None:
        """Tell from the answer, or else from the marker, what the run did, and report it."""
        key = offer.idempotency_key
        printed = _finished(answer, key)
        if printed is not None and offer.rollback_after is None:
            await self._end(offer, self._path(offer, COMPLETED), output=printed, error=None)
            return
        try:
            state, marker_id = await self._marker_when_back(key, deadline)
        except LoginRefused as refused:
            if offer.rollback_after is None:
                raise
            # The router rebooted, or dropped the agent's sessions, after a script that
            # locked the agent out: the change cannot be confirmed.
            await self.safe.roll_back(offer, safe_apply.login_failure(refused))
            return
        except RouterUnreachable:
            if offer.rollback_after is not None:
                await self.safe.roll_back(offer, "the router did not answer after the script")
                return
            log.warning("job %s: the router did not come back in time; outcome open", key)
            return
        said = _said(answer)
        output: str | None = None
        if state is MarkerState.FINISHED:
            output = printed
            if output is None:
                output = answer.ret if answer is not None and not answer.traps else OUTPUT_UNKNOWN
            await self._end(offer, self._path(offer, COMPLETED), output=output, error=None)
            return
        if state is None:
            error = markers.script_error(said, offer.script) if said else NEVER_STARTED
        elif answer is None or answer.traps:
            error = INTERRUPTED
        else:
            output, message = markers.split_failure(said)
            error = markers.script_error(message, offer.script) or INTERRUPTED
        if marker_id is not None and state is MarkerState.STARTED:
            await self._mark_failed(marker_id)
        await self._end(offer, self._path(offer, FAILED), output=output, error=error)

    async def _end(
        self, offer: JobOffer, statuses: tuple[str, ...], *, output: str | None, error: str | None
    ) -> None:
        """Settle a run the router answered; a safe-apply job is confirmed first."""
        if offer.rollback_after is not None:
            await self.safe.finish(offer, statuses, output=output, error=error, already_sent=2)
        else:
            await self._settle(offer, statuses, output=output, error=error, already_sent=2)

    async def _marker_when_back(
        self, key: str, deadline: float
    ) -> tuple[MarkerState | None, str | None]:
        while True:
            try:
                return await self._marker(key)
            except RouterUnreachable:
                if not await self.router_back(deadline):
                    raise

    async def _mark_failed(self, marker_id: str) -> None:
        try:
            answer = await self.pool.run(
                "/system/script/set",
                [f"=.id={marker_id}", f"=comment={markers.FAILED}"],
                timeout=QUERY_TIMEOUT,
            )
            answer.raise_traps()
        except RouterError as error:
            log.warning("could not mark %s failed on the router: %s", marker_id, error)

    async def _hand_over(self, offer: JobOffer) -> None:
        """Start the script in the background on the router; report ``completed``."""
        key = offer.idempotency_key
        async with self._started_connection(offer) as connection:
            if connection is None:
                return
            try:
                answer = await connection.command(
                    "/execute",
                    [f"=script={markers.wrap(offer.script, key)}"],
                    timeout=self.settings.connect_timeout,
                )
                if answer.traps:
                    log.warning("job %s: the router refused it: %s", offer.job_id, _said(answer))
            except RouterError as error:
                log.info("job %s: handed over; the router then went away: %s", offer.job_id, error)
        steps.crash_point(Step.SCRIPT_ANSWERED, key)
        await self._settle(offer, (LOADED, COMPLETED), already_sent=1)

    # -- backups ----------------------------------------------------------------------

    async def upload(self, offer: JobOffer, files: Sequence[BackupFile]) -> None:
        """Send a job's files to the cloud, which lists them with the job. `BackupFailed`."""
        for file in files:
            encoded = base64.b64encode(file.content).decode("ascii")
            if len(encoded) > MAX_FRAME_BYTES - 4096:
                raise BackupFailed(f"{file.name} is too large for the tunnel")
            frame = BackupUpload(
                job_id=offer.job_id,
                kind=file.kind,
                name=file.name,
                content_b64=encoded,
                sha256=file.sha256,
            )
            try:
                async with asyncio.timeout(self.settings.backup_timeout):
                    ack = await self.uploads.upload(frame)
            except TimeoutError:
                raise BackupFailed(f"the cloud did not take {file.name} in time") from None
            if not ack.accepted:
                raise BackupFailed(f"the cloud refused {file.name}: {ack.reason}")
            log.info("job %s: %s uploaded", offer.job_id, file.name)

    async def _backup(self, offer: JobOffer) -> None:
        # paramiko (SFTP) is imported only when a job asks for a backup: it would add
        # about 19 MiB to every agent's memory, most of which never takes one.
        from tikjobs.agent.backup import backup_names, take_backup

        key = offer.idempotency_key
        names = list(backup_names(key))
        try:
            files = await take_backup(self.pool, self.settings, key)
            steps.crash_point(Step.BACKUP_TAKEN, key)
            await self.upload(offer, files)
            steps.crash_point(Step.BACKUP_UPLOADED, key)
        finally:
            if not self.settings.keep_backups_on_router:
                await self._remove(names)

    async def remove(self, names: Sequence[str]) -> None:
        await self._remove(names)

    async def _remove(self, names: Sequence[str]) -> None:
        from tikjobs.agent.backup import remove_files

        try:
            await remove_files(self.settings, names)
        except FileTransferError as error:
            log.warning("could not remove %s from the router: %s", ", ".join(names), error)

    # -- markers ----------------------------------------------------------------------

    async def prune(self) -> None:
        """Remove the markers of the oldest acknowledged jobs, keeping the newest
        ``keep_markers``; never a marker whose outcome the cloud has not acknowledged.

        Markers go in batches of a fifth of ``keep_markers`` (at least one): each prune
        lists the router's scripts, so pruning after every job cost a listing per job.
        """
        keep = self.settings.keep_markers
        doomed = self.ledger.prunable(keep)
        if len(doomed) < max(1, keep // PRUNE_BATCH_DIVISOR):
            return
        try:
            answer = await self.pool.run(
                "/system/script/print", ["=.proplist=.id,name"], timeout=QUERY_TIMEOUT
            )
            answer.raise_traps()
            wanted = {entry.key for entry in doomed}
            ids = [
                row[".id"]
                for row in answer.rows
                if markers.key_of(row.get("name", "")) in wanted and ".id" in row
            ]
            if ids:
                removal = await self.pool.run(
                    "/system/script/remove", [f"=.id={','.join(ids)}"], timeout=QUERY_TIMEOUT
                )
                removal.raise_traps()
        except AgentError as error:
            log.warning("could not prune job markers: %s", error)
            return
        written = [self.ledger.pruned(entry.key) for entry in doomed]
        for outcome in await asyncio.gather(*written, return_exceptions=True):
            if isinstance(outcome, LedgerError):
                log.error("could not note a pruned marker: %s", outcome)
                return


def _report(
    entry: Entry, status: JobStatus, *, output: str | None = None, error: str | None = None
) -> JobReport:
    return JobReport(
        job_id=entry.job_id,
        idempotency_key=entry.key,
        status=status,
        at=datetime.now(UTC),
        output=output,
        error=error,
    )


def _marker_query(key: str) -> tuple[str, list[str]]:
    """The read of a key's marker: its ``.id``, name and comment, if it exists."""
    return "/system/script/print", [
        "=.proplist=.id,name,comment",
        f"?name={markers.marker_name(key)}",
    ]


def _marker_of(answer: Answer) -> tuple[MarkerState | None, str | None]:
    """The marker's state and ``.id`` from its read (None, None: no marker)."""
    answer.raise_traps()
    if not answer.rows:
        return None, None
    row = answer.rows[0]
    return markers.state_of(row.get("comment")), row.get(".id")


def _finished(answer: Answer | None, key: str) -> str | None:
    """What the script printed, when the answer says its wrapped run reached the end."""
    if answer is None or answer.traps or answer.ret is None:
        return None
    return markers.finished_output(answer.ret, key)


def _said(answer: Answer | None) -> str:
    """What the router said about a run: its traps, or its ``=ret=``."""
    if answer is None:
        return ""
    if answer.traps:
        return "; ".join(trap.message for trap in answer.traps)
    return answer.ret or ""
