"""A safe-apply job's path in the agent: arm, confirm or roll back, resume after a restart.

How this works
--------------
`JobRunner` hands a job with ``rollback_after`` to this runner at four places:

    on an offer the ledger   `recover`: what the router holds of the key may say it ran
    has not seen started     (the ledger was lost, or "offered" never reached it)
    before the script        `arm`: save the configuration and arm the restore
                             (`agent.safe_apply`); a failure fails the job, nothing runs
    after the script         `finish`: `confirm` (fresh login, check script, entry
                             removed) -> the saved files are uploaded and removed, the
                             run's own outcome reported; otherwise `roll_back`
    on a restart             `resume`, when the ledger says the script was sent

`roll_back` writes its reason to the ledger first (``rollback decided``), so a restarted
agent waits for the restore instead of confirming: never both. It waits for the router
to come back without the scheduler entry; if the job's marker is still there (and does
not say ``rolled back``) a confirmation removed the entry, not the restore, and the
change was kept. Otherwise it writes "restored" to the ledger (``restore seen``: the
script never runs again, whatever is lost after this), compares the configuration with
the saved export, puts back the job's marker saying ``rolled back`` (the restore
removed it; the key must never run again), uploads the saved files (taken off the
router only once the marker is back) and reports ``failed`` with ``rolled back:
<reason>``.

`resume` and `recover` read the router over a fresh login (`agent.safe_apply.look`)::

    ledger has a rollback reason        -> roll_back (wait for the restore)
    no login (resume only)              -> roll_back: the change is not confirmed
    marker says rolled back             -> roll_back (finish what was left)
    entry armed, no marker              -> the script never started: resume fails it
                                           (as any job noted started without a marker);
                                           recover lets it run
    entry armed, marker present         -> finish (confirm now, or roll back)
    entry gone, marker present          -> confirmed before the restart: its outcome
    entry gone, no marker, saved files  -> the restore fired meanwhile: roll_back
    nothing of the key on the router    -> resume: roll_back; recover: it runs
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from tikjobs.agent import markers, safe_apply
from tikjobs.agent.exceptions import (
    BackupFailed,
    FileTransferError,
    LoginRefused,
    RouterError,
    RouterUnreachable,
)
from tikjobs.agent.ledger import Entry
from tikjobs.agent.markers import MarkerState
from tikjobs.agent.safe_apply import RouterSide
from tikjobs.contracts import steps
from tikjobs.contracts.status import ROLLED_BACK, JobStatus
from tikjobs.contracts.steps import Step
from tikjobs.contracts.tunnel import JobOffer

if TYPE_CHECKING:
    from tikjobs.agent.jobs import JobRunner

log = logging.getLogger(__name__)

LOADED, RUNNING = JobStatus.LOADED.value, JobStatus.RUNNING.value
COMPLETED, FAILED = JobStatus.COMPLETED.value, JobStatus.FAILED.value
NEVER_ARMED_RUN = "interrupted: the router never started the script; the rollback was disarmed"
DIFFERENCES_SHOWN = 5
SAVED_ATTEMPTS = 2
"""Tries to compare the restored configuration, or to fetch and upload the saved files;
the second once the router answers again (a reboot or a dropped connection between)."""


class SafeApplyRunner:
    """The safe-apply steps of one router's `JobRunner`."""

    def __init__(self, runner: JobRunner) -> None:
        self.runner = runner

    def refusal(self, offer: JobOffer) -> str | None:
        """Why a safe-apply job cannot run on this router (RouterOS 6); None if it can."""
        if offer.rollback_after is None:
            return None
        return safe_apply.refusal_for_version(self.runner.facts().software_version)

    async def arm(self, offer: JobOffer) -> bool:
        """Arm the restore; False (the job failed and is reported) when it cannot be."""
        assert offer.rollback_after is not None  # noqa: S101 - only safe-apply jobs come here
        runner = self.runner
        try:
            await safe_apply.arm(
                runner.pool, runner.settings, offer.idempotency_key, offer.rollback_after
            )
        except BackupFailed as error:
            log.warning("job %s: %s", offer.job_id, error)
            await runner.remove(list(safe_apply.saved_names(offer.idempotency_key)))
            await runner.settle(
                offer, (LOADED, RUNNING, FAILED), error=f"backup failed: {error}", already_sent=2
            )
            return False
        steps.crash_point(Step.ROLLBACK_ARMED, offer.idempotency_key)
        return True

    async def finish(
        self,
        offer: JobOffer,
        statuses: tuple[str, ...],
        *,
        output: str | None,
        error: str | None,
        already_sent: int,
    ) -> None:
        """Confirm the change and report the run's outcome, or roll it back."""
        key = offer.idempotency_key
        reason = await safe_apply.confirm(self.runner.settings, key, offer.rollback_check)
        if reason is not None:
            await self.roll_back(offer, reason)
            return
        steps.crash_point(Step.CHANGE_CONFIRMED, key)
        log.info("job %s: the router answered after the script; the change is kept", key)
        await self._keep_saved(offer)
        await self.runner.settle(
            offer, statuses, output=output, error=error, already_sent=already_sent
        )

    async def roll_back(self, offer: JobOffer, reason: str) -> None:
        """Leave the restore to fire, wait for it, check it, and report the job failed."""
        runner, key = self.runner, offer.idempotency_key
        assert offer.rollback_after is not None  # noqa: S101 - only safe-apply jobs come here
        entry = runner.ledger.get(key)
        if entry is None or entry.rollback is None:
            log.warning("job %s: not confirmed (%s); the router restores itself", key, reason)
            runner.note_offer(offer)
            entry = await runner.ledger.rollback_decided(key, reason)
            steps.crash_point(Step.ROLLBACK_DECIDED, key)
        deadline = time.monotonic() + offer.rollback_after + safe_apply.RESTORE_GRACE
        side = await safe_apply.wait_restored(runner.settings, key, deadline)
        if side is None:
            log.warning("job %s: the router has not restored itself yet; outcome open", key)
            return
        state = markers.state_of(side.marker_comment) if side.has_marker else None
        if state is not None and state is not MarkerState.ROLLED_BACK:
            # The restore would have taken the marker away: a confirmation removed the
            # entry (its answer lost, or before the agent restarted). The change is kept.
            log.info("job %s: the rollback was disarmed by a confirmation; kept", key)
            await self._keep_saved(offer)
            statuses, output, error = _from_marker(state)
            await runner.settle(offer, statuses, output=output, error=error)
            return
        if not entry.restored:
            await runner.ledger.restore_seen(key)
            steps.crash_point(Step.RESTORE_SEEN, key)
        differences = await self._verify(key)
        marked = await safe_apply.mark_rolled_back(runner.pool, key)
        await self._keep_saved(offer, remove=marked)
        said = f"{ROLLED_BACK}{entry.rollback or reason}"
        if differences:
            shown = "; ".join(differences[:DIFFERENCES_SHOWN])
            said += (
                f"; the restored configuration differs from the saved export "
                f"({len(differences)} lines: {shown})"
            )
            log.error("job %s: %s", key, said)
        await runner.settle(offer, (LOADED, RUNNING, FAILED), error=said)

    async def resume(self, offer: JobOffer, entry: Entry) -> None:
        """Finish a safe-apply job whose script was sent before the agent restarted.
        `RouterError` when the router cannot be read (the offer comes again)."""
        if entry.rollback is not None:
            await self.roll_back(offer, entry.rollback)
            return
        try:
            side = await safe_apply.look(self.runner.settings, offer.idempotency_key)
        except (LoginRefused, RouterUnreachable) as error:
            # What `finish` would have found: the change cannot be confirmed.
            await self.roll_back(offer, safe_apply.login_failure(error))
            return
        await self._from_side(offer, side, started=True)

    async def recover(self, offer: JobOffer) -> bool:
        """For a safe-apply offer the ledger has not seen started: finish it when the
        router says the key ran or was armed and restored; False when it may run.
        `RouterError` when the router cannot be read (the offer comes again)."""
        side = await safe_apply.look(self.runner.settings, offer.idempotency_key)
        return await self._from_side(offer, side, started=False)

    async def _from_side(self, offer: JobOffer, side: RouterSide, *, started: bool) -> bool:
        """Act on what the router holds of the key (the table in the module docstring);
        False when nothing says the script ran and it may run now."""
        runner, key = self.runner, offer.idempotency_key
        state = markers.state_of(side.marker_comment) if side.has_marker else None
        log.info(
            "job %s on the router: rollback %s, marker %s, saved files %s",
            key,
            "armed" if side.scheduler_id else "gone",
            state.value if state else "absent",
            "present" if side.saved else "absent",
        )
        if state is MarkerState.ROLLED_BACK:
            await self.roll_back(offer, "the router restored its saved configuration")
        elif side.scheduler_id is not None and state is None:
            if not started:
                return False
            await safe_apply.disarm(runner.pool, key)
            await runner.remove(list(safe_apply.saved_names(key)))
            await runner.settle(offer, (LOADED, RUNNING, FAILED), error=NEVER_ARMED_RUN)
        elif side.scheduler_id is not None and state is not None:
            statuses, output, error = _from_marker(state)
            await self.finish(offer, statuses, output=output, error=error, already_sent=0)
        elif state is not None:
            await self._keep_saved(offer)
            statuses, output, error = _from_marker(state)
            await runner.settle(offer, statuses, output=output, error=error)
        elif side.saved or started:
            window = offer.rollback_after
            await self.roll_back(
                offer, f"not confirmed within {window} s: the router restored itself"
            )
        else:
            return False
        return True

    async def _verify(self, key: str) -> list[str]:
        """`safe_apply.verify`, tried again once the router answers (its SSH service may
        come up after its API when it has just rebooted)."""
        runner = self.runner
        for attempt in range(SAVED_ATTEMPTS):
            try:
                return await safe_apply.verify(runner.pool, runner.settings, key)
            except (RouterError, FileTransferError) as failure:
                back = time.monotonic() + runner.settings.backup_timeout
                if attempt + 1 == SAVED_ATTEMPTS or not await runner.router_back(back):
                    return [f"(the restored configuration could not be compared: {failure})"]
        return []

    async def _keep_saved(self, offer: JobOffer, *, remove: bool = True) -> None:
        """Upload the saved backup and export (listed with the job's backups), then take
        them off the router unless told not to; a failed upload leaves them there and is
        logged."""
        from tikjobs.agent.backup import BackupFile, fetch_files

        runner = self.runner
        names = safe_apply.saved_names(offer.idempotency_key)
        for attempt in range(SAVED_ATTEMPTS):
            try:
                contents = await fetch_files(runner.settings, list(names))
                files = [BackupFile(name, kind, contents[name]) for name, kind in names.items()]
                await runner.upload(offer, files)
                break
            except (FileTransferError, BackupFailed) as error:
                back = time.monotonic() + runner.settings.backup_timeout
                if attempt + 1 == SAVED_ATTEMPTS or not await runner.router_back(back):
                    log.warning(
                        "job %s: the saved configuration was not uploaded: %s", offer.job_id, error
                    )
                    return
        if remove and not runner.settings.keep_backups_on_router:
            await runner.remove(list(names))


def _from_marker(state: MarkerState) -> tuple[tuple[str, ...], str | None, str | None]:
    from tikjobs.agent.jobs import FAILED_UNRECORDED, INTERRUPTED, OUTPUT_UNKNOWN

    if state is MarkerState.FINISHED:
        return (LOADED, RUNNING, COMPLETED), OUTPUT_UNKNOWN, None
    if state is MarkerState.FAILED:
        return (LOADED, RUNNING, FAILED), None, FAILED_UNRECORDED
    return (LOADED, RUNNING, FAILED), None, INTERRUPTED
