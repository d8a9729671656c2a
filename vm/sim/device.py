"""The device runtime: a `RouterModel` brought to life with scripts, jobs and reboots.

`Device` is what every server of the simulated router talks to. It answers a `Command`
the way RouterOS does: commands that need the script interpreter or the device's life
cycle (``/execute``, ``/system/script/run``, ``/import``, ``/system/reboot``,
``/system/backup/load``, ``/system/script/environment``, ``/system/script/job``) are
handled here, everything else goes to the model. It implements the `Console` protocol,
so the interpreter runs scripts against it, and it records every script run so tests can
count executions.

Its life cycle, which the API and SSH servers follow through `PowerListener`::

    up --reboot()--> down (sessions dropped, scripts interrupted, globals cleared)
       <--delay----  model.boot(): uptime restarts, boot lines logged, startup schedules run

Everything here is threads and `threading.Event`; no asyncio. The scheduler and the
state file live in `vm.sim.schedule` and run on the ticker thread every device of the
process shares (`vm.sim.ticker`).
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import logging
import re
import threading
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tikjobs.vm.exceptions import Interrupted, NoSuchCommand, NoSuchItem, RouterOSError, VmError
from tikjobs.vm.sim.command import Command, Reply, Row
from tikjobs.vm.sim.device_commands import (
    BLOCKING_COMMANDS,
    RUNTIME_COMMANDS,
    RUNTIME_MENUS,
    RUNTIME_TREE,
    Caller,
    error_text,
)
from tikjobs.vm.sim.faults import Faults
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.schedule import Scheduler, StateFile
from tikjobs.vm.sim.script import Write
from tikjobs.vm.sim.script import run_script as interpret
from tikjobs.vm.sim.ticker import TICKER
from tikjobs.vm.sim.tree import Found

logger = logging.getLogger(__name__)

READ_VERBS = frozenset({"print", "getall", "get", "find", "export"})


def version_info(version: str) -> tuple[int, ...]:
    """``7.18.2`` -> ``(7, 18, 2)``; a suffix such as ``beta2`` or ``rc1`` is ignored."""
    match = re.match(r"\d+(?:\.\d+)*", version.strip())
    return tuple(int(part) for part in match.group().split(".")) if match else (0,)


class RunOutcome(enum.Enum):
    """How a script run ended."""

    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    INTERRUPTED = "interrupted"


@dataclass
class ScriptRun:
    """One run of a script: where it came from, what it ran and how it ended."""

    origin: str
    name: str | None
    source: str
    outcome: RunOutcome = RunOutcome.RUNNING
    output: str = ""
    error: str | None = None


@dataclass
class Job:
    """A script running in the background (``/system/script/job``)."""

    id: str
    kind: str
    script: str | None
    owner: str
    started: str
    cancel: threading.Event = field(default_factory=threading.Event)

    def row(self) -> Row:
        row = {".id": self.id, "type": self.kind, "owner": self.owner, "policy": POLICY}
        if self.script is not None:
            row["script"] = self.script
        row["started"] = self.started
        return row


POLICY = "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon"


class PowerListener(Protocol):
    """A server that follows the device down and up again."""

    def device_went_down(self) -> None: ...

    def device_came_up(self) -> None: ...


class ScriptConsole:
    """The console one script run sees: the device, stoppable through ``cancel``; a
    script it runs (``/system script run``) writes to the run's own ``write``;
    ``job_name`` is what ``:jobname`` answers (the script's name)."""

    def __init__(
        self, device: Device, cancel: threading.Event, write: Write, job_name: str = ""
    ) -> None:
        self.device = device
        self.cancel = cancel
        self.write = write
        self.job_name = job_name

    @property
    def globals(self) -> MutableMapping[str, object]:
        return self.device.globals

    def knows(self, path: tuple[str, ...]) -> bool:
        return self.device.knows(path)

    def resolve(self, path: tuple[str, ...], word: str) -> Found | list[str] | None:
        return self.device.resolve(path, word)

    def argument(self, path: tuple[str, ...], verb: str, word: str) -> str | list[str] | None:
        return self.device.model.argument(path, verb, word)

    def execute(self, command: Command) -> Reply:
        if self.cancel.is_set():
            raise Interrupted()
        reply = self.device.execute(command, cancel=self.cancel, write=self.write)
        if self.cancel.is_set():
            raise Interrupted()
        return reply

    def sleep(self, seconds: float) -> None:
        if self.cancel.wait(max(seconds, 0.0)):
            raise Interrupted()


class Device:
    """A simulated RouterOS device: the model plus scripts, jobs, scheduler and power.

    Thread-safe; call `start` before use and `close` when done.
    """

    def __init__(
        self,
        model: RouterModel,
        *,
        faults: Faults | None = None,
        state_file: Path | str | None = None,
        owner: str = "admin",
        tick: float = 0.1,
    ) -> None:
        self.model = model
        self.faults = faults if faults is not None else Faults()
        self.owner = owner
        self._globals: dict[str, object] = {}
        self._lock = threading.RLock()
        self._runs: list[ScriptRun] = []
        self._active: set[threading.Event] = set()
        self._jobs: dict[str, Job] = {}
        self._next_job = 1
        self._listeners: list[PowerListener] = []
        self._up = threading.Event()
        self._down = threading.Event()
        self._closed = threading.Event()
        self._boot_timer: threading.Timer | None = None
        self._power = threading.Lock()
        self._generation = 0
        self._tick = tick
        self.scheduler = Scheduler(self)
        self.state_file = StateFile(Path(state_file), model) if state_file is not None else None

    # -- life cycle ---------------------------------------------------------------

    @property
    def version(self) -> str:
        """The RouterOS version the device emulates."""
        return self.model.version

    @property
    def version_info(self) -> tuple[int, ...]:
        return version_info(self.version)

    @property
    def is_up(self) -> bool:
        return self._up.is_set()

    def start(self) -> None:
        """Load the state file if there is one, boot, and start the ticker."""
        if self.state_file is not None and self.state_file.load():
            self.model.boot()
        self._up.set()
        self.scheduler.booted()
        TICKER.add(self, self._tick, self._tick_once)

    def close(self) -> None:
        """Stop the ticker and every script, and save the state file."""
        self._closed.set()
        timer = self._boot_timer
        if timer is not None:
            timer.cancel()
        self._interrupt_all()
        TICKER.remove(self)
        if self.state_file is not None:
            self.state_file.save()

    def add_listener(self, listener: PowerListener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: PowerListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def reboot(
        self, delay: float | None = None, *, while_down: Callable[[], None] | None = None
    ) -> None:
        """Go down now and come back after ``delay`` seconds (the faults' reboot delay);
        ``while_down`` changes the configuration once no session can see it (a backup
        loaded), before the state is saved.

        Returns once the device is down; a reboot while down does nothing.
        """
        seconds = self.faults.reboot_delay if delay is None else delay
        generation = self._go_down(while_down)
        if generation is None:
            return
        timer = threading.Timer(seconds, self._come_up, args=(generation,))
        timer.daemon = True
        self._boot_timer = timer
        timer.start()

    def shutdown(self) -> None:
        """Go down and stay down (until `power_on`)."""
        self._go_down()

    def power_on(self) -> None:
        """Come up now if down, without waiting for the rest of a reboot's delay."""
        self._come_up(self._generation)

    def wait_until_up(self, timeout: float) -> bool:
        return self._up.wait(timeout)

    def _go_down(self, while_down: Callable[[], None] | None = None) -> int | None:
        with self._power:
            if not self._up.is_set():
                return None
            with self._lock:
                self._up.clear()
                self._down.set()
                self._generation += 1
                self._globals.clear()
            self._interrupt_all()
            if while_down is not None:
                try:
                    while_down()
                except Exception:
                    # The reboot goes on: a device that never came back would hide the
                    # error behind a router that no longer answers.
                    logger.exception("the configuration could not be changed while down")
            if self.state_file is not None:
                try:
                    self.state_file.save()
                except VmError as error:
                    logger.error("%s; the device reboots without saving", error)
            for listener in list(self._listeners):
                listener.device_went_down()
            return self._generation

    def _come_up(self, generation: int) -> None:
        with self._power:
            if self._closed.is_set() or self._up.is_set() or generation != self._generation:
                return
            if self._boot_timer is not None:
                self._boot_timer.cancel()
            self.model.boot()
            with self._lock:
                self._down.clear()
                self._up.set()
            self.scheduler.booted()
            for listener in list(self._listeners):
                listener.device_came_up()

    def _interrupt_all(self) -> None:
        with self._lock:
            events = list(self._active)
            jobs = list(self._jobs.values())
        for event in events:
            event.set()
        for job in jobs:
            job.cancel.set()

    def _tick_once(self) -> None:
        """Run what the scheduler has due and save a changed state (`vm.sim.ticker`)."""
        if self._up.is_set():
            self.scheduler.tick()
        if self.state_file is not None:
            self.state_file.save_if_changed()

    def logged_in(self, user: str, *, via: str, address: str) -> None:
        """Log a successful login as RouterOS does."""
        self.model.note_login(user, address, via)

    def login_failed(self, user: str, *, via: str, address: str) -> None:
        """Log a refused login as RouterOS does."""
        self.model.log(
            "system,error,critical", f"login failure for user {user} from {address} via {via}"
        )

    def check_challenge(self, user: str, challenge: bytes, response: str) -> bool:
        """Whether ``response`` answers the pre-6.43 login ``challenge`` for ``user``:
        ``00`` + hex MD5 of a zero byte, the password and the challenge."""
        password = self.model.password_of(user)
        if password is None:
            return False
        digest = hashlib.md5(b"\x00" + password.encode() + challenge, usedforsecurity=False)
        return hmac.compare_digest(response.lower().encode(), b"00" + digest.hexdigest().encode())

    # -- Console --------------------------------------------------------------------

    @property
    def globals(self) -> MutableMapping[str, object]:
        """The ``:global`` variables; a reboot clears them."""
        return self._globals

    def global_items(self) -> list[tuple[str, object]]:
        """The globals in the order they were first set."""
        with self._lock:
            return list(self._globals.items())

    def remove_globals(self, names: list[str]) -> None:
        with self._lock:
            for name in names:
                self._globals.pop(name, None)

    def sleep(self, seconds: float) -> None:
        """Wait, unless the device goes down first (then `Interrupted`)."""
        if self._down.wait(max(seconds, 0.0)):
            raise Interrupted()

    def execute(
        self,
        command: Command,
        *,
        cancel: threading.Event | None = None,
        user: str | None = None,
        write: Write | None = None,
    ) -> Reply:
        """Answer one command, or raise the `RouterOSError` RouterOS would trap with.

        ``cancel`` stops a script the command runs (a ``/cancel`` of its API command);
        ``write`` receives that script's console output; ``user`` is who the change
        log names (the device's owner when not given).
        """
        handler = RUNTIME_COMMANDS.get((command.path, command.verb))
        if handler is not None:
            return handler(self, command, Caller(cancel, write))
        if command.path in RUNTIME_MENUS:
            raise NoSuchCommand(f"no such command or directory ({command.verb})")
        reply = self.model.execute(command, user=user or self.owner)
        if command.verb not in READ_VERBS:
            self.persist()
        return reply

    def persist(self) -> None:
        """Put a change on disk now (when the device has a state file), as RouterOS keeps
        its configuration and files on flash as they change: a power cut after the answer
        loses nothing that was answered. Commands call it; so does SFTP, whose writes,
        renames and removals reach the model directly."""
        if self.state_file is None:
            return
        self.state_file.mark_changed()
        try:
            self.state_file.save()
        except VmError as error:
            logger.error("%s; the ticker tries again", error)

    def knows(self, path: tuple[str, ...]) -> bool:
        """Whether ``path`` names a menu or a command of the device."""
        return path in RUNTIME_TREE or self.model.knows(path)

    def resolve(self, path: tuple[str, ...], word: str) -> Found | list[str] | None:
        """What ``word`` typed at the menu ``path`` names, the runtime's own commands
        included (see `vm.sim.model.RouterModel.resolve`)."""
        found = self.model.resolve(path, word)
        if found is not None:
            return found
        words = (*path, word)
        if words not in RUNTIME_TREE:
            return None
        longer = any(
            len(node) > len(words) and node[: len(words)] == words for node in RUNTIME_TREE
        )
        return Found(word, "dir" if longer else "cmd")

    def argument(self, path: tuple[str, ...], verb: str, word: str) -> str | list[str] | None:
        """The full name of a command's argument (see `RouterModel.argument`)."""
        return self.model.argument(path, verb, word)

    def may_block(self, command: Command) -> bool:
        """Whether answering ``command`` may take a while (it runs a script)."""
        return (command.path, command.verb) in BLOCKING_COMMANDS

    # -- scripts ----------------------------------------------------------------------

    def run_script(
        self,
        source: str,
        *,
        origin: str,
        name: str | None = None,
        cancel: threading.Event | None = None,
        write: Write | None = None,
    ) -> str:
        """Run a script to its end and answer its console output (``:put``, ``print``
        and the output of scripts it runs).

        ``write`` receives that output piece by piece as the script writes it, so what
        a failing script wrote reaches the caller before its error. Every run is
        recorded with its output (see `runs`, `execution_count`). Raises `ScriptError`
        when the script fails and `Interrupted` when it is cancelled or the device
        goes down.
        """
        run = ScriptRun(origin, name, source)
        event = cancel if cancel is not None else threading.Event()
        written: list[str] = []

        def collect(text: str) -> None:
            written.append(text)
            if write is not None:
                write(text)

        with self._lock:
            self._runs.append(run)
            if not self._up.is_set():
                run.outcome = RunOutcome.INTERRUPTED
                raise Interrupted()
            self._active.add(event)
        try:
            interpret(source, ScriptConsole(self, event, collect, name or ""), collect)
        except Interrupted:
            run.outcome = RunOutcome.INTERRUPTED
            raise
        except RouterOSError as error:
            run.outcome, run.error = RunOutcome.FAILED, error.message
            raise
        except Exception as error:
            run.outcome, run.error = RunOutcome.FAILED, str(error)
            raise
        else:
            run.outcome = RunOutcome.COMPLETED
        finally:
            run.output = "".join(written)
            with self._lock:
                self._active.discard(event)
        return run.output

    @property
    def runs(self) -> list[ScriptRun]:
        """Every script run since the device started, oldest first."""
        with self._lock:
            return list(self._runs)

    def execution_count(self, marker: str) -> int:
        """How many runs had ``marker`` in their source or as their name."""
        with self._lock:
            return sum(1 for run in self._runs if marker in run.source or run.name == marker)

    def start_job(
        self,
        source: str,
        *,
        origin: str,
        kind: str,
        name: str | None = None,
        output_file: str | None = None,
    ) -> Job:
        """Run a script in a background thread, listed in ``/system/script/job``."""
        with self._lock:
            if not self._up.is_set():
                raise Interrupted()
            job = Job(f"*{self._next_job:X}", kind, name, self.owner, self._stamp())
            self._next_job += 1
            self._jobs[job.id] = job
        thread = threading.Thread(
            target=self._run_job,
            args=(job, source, origin, output_file),
            name=f"script-job-{job.id}",
            daemon=True,
        )
        thread.start()
        return job

    def _run_job(self, job: Job, source: str, origin: str, output_file: str | None) -> None:
        written: list[str] = []
        output: str | None
        try:
            output = self.run_script(
                source, origin=origin, name=job.script, cancel=job.cancel, write=written.append
            )
        except Interrupted:
            output = None
        except RouterOSError as error:
            output = "".join(written) + error_text(error)
            self._log_failure(job, error)
        except Exception:
            logger.exception("script job %s crashed", job.id)
            output = None
        finally:
            with self._lock:
                self._jobs.pop(job.id, None)
        if output_file is not None and output is not None:
            self.model.write_file(_with_suffix(output_file, ".txt"), output.encode())

    def _log_failure(self, job: Job, error: RouterOSError) -> None:
        if job.kind == "script" and job.script is not None:
            self.model.log(
                "script,error",
                f"executing script {job.script} from {job.owner} failed, please check it manually",
            )
        self.model.log("script,error", f"script error: {error_text(error)}")

    def cancel_job(self, job_id: str) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NoSuchItem("no such item")
        job.cancel.set()

    @property
    def jobs(self) -> list[Job]:
        with self._lock:
            return list(self._jobs.values())

    def script_item(self, reference: str) -> Row:
        """The ``/system/script`` item named ``reference`` (a name or an ``.id``)."""
        for row in self.model.items("system/script"):
            if reference in (row.get(".id"), row.get("name")):
                return row
        raise NoSuchItem("no such item")

    def run_named_script(self, reference: str, *, origin: str, caller: Caller) -> str:
        """Run a ``/system/script`` item by name or id, counting the run on the item."""
        item = self.script_item(reference)
        self.model.count_run("system/script", item[".id"])
        return self.run_script(
            item.get("source", ""),
            origin=origin,
            name=item.get("name"),
            cancel=caller.cancel,
            write=caller.write,
        )

    def _stamp(self) -> str:
        return f"{self.model.now():%Y-%m-%d %H:%M:%S}"

    def read_text_file(self, name: str) -> str:
        """A file's contents as text (``/import`` reads scripts this way)."""
        data = self.model.read_file(name)
        return data.decode("utf-8", errors="replace")


def _with_suffix(name: str, suffix: str) -> str:
    return name if name.endswith(suffix) else name + suffix
