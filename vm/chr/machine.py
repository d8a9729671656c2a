"""A RouterOS CHR booted under QEMU for as long as it is needed, and nothing left after.

How this works
--------------
`ChrMachine.start` checks the image (exists, qemu installed, a bootable disk), makes a
temporary directory with the qcow2 overlay, starts qemu-system-x86_64 in a session of
its own (its own process group), and waits until a real ``/login`` succeeds (see
`vm.chr.login`). When qemu stops before that, its own words decide what happens next::

    "host forwarding" in its error   a local port was taken meanwhile: new ports, again
    KVM chosen automatically and
    "kvm" in its error               KVM is there but unusable: again under TCG
    anything else                    `BootFailed` with qemu's error and the console tail

Then the admin password is set when one was asked for. `close` (also on any failure,
Ctrl-C included, while starting) sends SIGTERM to the whole process group, SIGKILL after
``stop_timeout`` seconds to whatever is left in it, reaps qemu and removes the temporary
directory with the overlay and logs. Nothing survives but the user's image, untouched.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

from tikjobs.vm.chr.image import QEMU_IMG, check_image, create_overlay, find_tool, require_file
from tikjobs.vm.chr.login import set_password, wait_for_login
from tikjobs.vm.chr.qemu import (
    DEFAULT_MEMORY_MB,
    KVM_DEVICE,
    QEMU_SYSTEM,
    Accelerator,
    Forwards,
    MachineSpec,
    choose_accelerator,
    free_forwards,
    qemu_command,
)
from tikjobs.vm.chr.target import RouterTarget
from tikjobs.vm.exceptions import BootFailed, ChrError

log = logging.getLogger(__name__)

DEFAULT_BOOT_TIMEOUT = 180.0
"""Seconds from starting QEMU to a successful login: ~5 s with KVM, 30 s+ under TCG."""
STOP_TIMEOUT = 10.0
"""Seconds QEMU has to exit after SIGTERM before its process group is killed."""
LAUNCH_ATTEMPTS = 3
CONSOLE_LINES = 20
MIN_MEMORY_MB = 128

_ESCAPES = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|[0-~])")


class ChrMachine:
    """A CHR under QEMU; a context manager, or `start` then `close`.

    ``qemu`` and ``qemu_img`` name other executables to run; ``accelerator`` forces
    KVM or TCG instead of choosing by /dev/kvm. After `start`, `target` holds the
    connection facts and `command` the qemu command line.
    """

    def __init__(
        self,
        image: Path | str,
        *,
        boot_timeout: float = DEFAULT_BOOT_TIMEOUT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        user: str = "admin",
        password: str = "",
        admin_password: str | None = None,
        qemu: str | None = None,
        qemu_img: str | None = None,
        accelerator: Accelerator | None = None,
        kvm_device: Path = KVM_DEVICE,
        stop_timeout: float = STOP_TIMEOUT,
    ) -> None:
        if boot_timeout <= 0:
            raise ValueError("the boot timeout must be positive")
        if memory_mb < MIN_MEMORY_MB:
            raise ValueError(f"a CHR needs at least {MIN_MEMORY_MB} MiB of memory")
        self.image = Path(image)
        self.boot_timeout = boot_timeout
        self.memory_mb = memory_mb
        self.user = user
        self.password = password
        self.admin_password = admin_password
        self.stop_timeout = stop_timeout
        self._qemu = qemu
        self._qemu_img = qemu_img
        self._accelerator = accelerator
        self._kvm_device = kvm_device
        self.workdir: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.command: list[str] = []
        self.accelerator: Accelerator | None = None
        self.target: RouterTarget | None = None

    # -- lifecycle ------------------------------------------------------------------

    def start(self) -> RouterTarget:
        """Boot the CHR and answer its connection facts once it logs in.

        `ImageNotFound`, `QemuNotFound`, `NotBootable`, `BootFailed`, `ChrError`; on any
        failure everything started so far is torn down first.
        """
        try:
            return self._start()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Stop QEMU and its whole process group; remove the overlay and logs. Idempotent."""
        process, self.process = self.process, None
        if process is not None:
            _stop_group(process, self.stop_timeout)
        workdir, self.workdir = self.workdir, None
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
        self.target = None

    def __enter__(self) -> ChrMachine:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def console_log(self) -> Path | None:
        return None if self.workdir is None else self.workdir / "console.log"

    @property
    def qemu_log(self) -> Path | None:
        return None if self.workdir is None else self.workdir / "qemu.log"

    def console_tail(self, lines: int = CONSOLE_LINES) -> str:
        """The last lines the router wrote to its serial console, escapes removed."""
        return _tail(self.console_log, lines)

    # -- starting ---------------------------------------------------------------------

    def _start(self) -> RouterTarget:
        require_file(self.image)
        qemu = find_tool(QEMU_SYSTEM, self._qemu)
        qemu_img = find_tool(QEMU_IMG, self._qemu_img)
        image = check_image(self.image, qemu_img)
        self.workdir = Path(tempfile.mkdtemp(prefix="tikjobs-chr-"))
        overlay = create_overlay(image, self.workdir, qemu_img)
        forwards = self._boot(qemu, overlay)
        password = self.password
        if self.admin_password is not None:
            set_password(forwards.host, forwards.api, self.user, password, self.admin_password)
            password = self.admin_password
        self.target = RouterTarget(
            kind="chr",
            host=forwards.host,
            api_port=forwards.api,
            api_ssl_port=forwards.api_ssl,
            ssh_port=forwards.ssh,
            user=self.user,
            password=password,
        )
        return self.target

    def _boot(self, qemu: str, overlay: Path) -> Forwards:
        deadline = time.monotonic() + self.boot_timeout
        accelerator = self._accelerator or choose_accelerator(self._kvm_device)
        for attempt in range(1, LAUNCH_ATTEMPTS + 1):
            forwards = free_forwards()
            self._launch(qemu, overlay, forwards, accelerator)
            try:
                wait_for_login(
                    forwards.host,
                    forwards.api,
                    self.user,
                    self.password,
                    timeout=self.boot_timeout,
                    deadline=deadline,
                    gone=self.stopped,
                    console=self.console_tail,
                )
            except BootFailed:
                said = self._qemu_said()
                retry = self._retry_with(accelerator)
                if retry is None or attempt == LAUNCH_ATTEMPTS:
                    raise
                log.warning("qemu stopped at once: %s; starting it again with %s", said, retry)
                accelerator = retry
                continue
            return forwards
        raise ChrError("qemu could not be started")  # pragma: no cover - the loop raises

    def _launch(
        self, qemu: str, overlay: Path, forwards: Forwards, accelerator: Accelerator
    ) -> None:
        workdir = overlay.parent
        console = workdir / "console.log"
        spec = MachineSpec(
            disk=overlay,
            console_log=console,
            forwards=forwards,
            accelerator=accelerator,
            memory_mb=self.memory_mb,
            qemu=qemu,
        )
        self.command = qemu_command(spec)
        self.accelerator = accelerator
        console.write_bytes(b"")
        with open(workdir / "qemu.log", "wb") as errors:
            try:
                self.process = subprocess.Popen(  # noqa: S603 - our own argument list, no shell
                    self.command,
                    stdin=subprocess.DEVNULL,
                    stdout=errors,
                    stderr=subprocess.STDOUT,
                    cwd=workdir,
                    start_new_session=True,
                )
            except OSError as error:
                raise ChrError(f"cannot run {qemu}: {error.strerror or error}") from None
        log.info("started %s (pid %d, %s)", qemu, self.process.pid, accelerator)

    def stopped(self) -> str | None:
        """Why QEMU is no longer running, or None while it runs."""
        if self.process is None:
            return "qemu is not running"
        status = self.process.poll()
        if status is None:
            return None
        how = f"was killed by signal {-status}" if status < 0 else f"exited with status {status}"
        said = self._qemu_said()
        return f"qemu {how}" + (f": {said}" if said else "")

    def _qemu_said(self) -> str:
        return " / ".join(_tail(self.qemu_log, 3).splitlines())

    def _retry_with(self, accelerator: Accelerator) -> Accelerator | None:
        """The accelerator to start QEMU again with after it stopped, or None: give up."""
        if self.process is None or self.process.poll() is None:
            return None
        said = self._qemu_said().lower()
        _stop_group(self.process, self.stop_timeout)
        self.process = None
        if "host forwarding" in said:
            return accelerator
        if accelerator == "kvm" and self._accelerator is None and "kvm" in said:
            return "tcg"
        return None


def _stop_group(process: subprocess.Popen[bytes], timeout: float) -> None:
    """SIGTERM the process group, SIGKILL what is left after ``timeout``, reap the leader."""
    group = process.pid
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        log.warning("qemu (pid %d) ignored SIGTERM for %g s; killing it", group, timeout)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout)


def _tail(path: Path | None, lines: int) -> str:
    """The last ``lines`` non-empty lines of a log file (up to 64 KiB read)."""
    if path is None:
        return ""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 65536))
            data = handle.read()
    except OSError:
        return ""
    text = _ESCAPES.sub("", data.decode("utf-8", errors="replace")).replace("\r", "\n")
    kept = [line.rstrip() for line in text.split("\n") if line.strip()]
    return "\n".join(kept[-lines:])
