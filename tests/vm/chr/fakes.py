"""Stand-ins for QEMU on this machine: executables that behave like a VM would, a boot
disk that boots and says so, and ways to look for anything a run leaves behind.

The fake ``qemu-system-x86_64`` reads the same command line the real one gets (the
serial log file, the host forwards, the accelerator) and acts one of these parts:

    hung        writes boot lines to the console, starts a child, ignores SIGTERM, never
                answers: a VM that never boots, and a process group that must be killed
    silent      the same, but only its child ignores SIGTERM: QEMU ends on SIGTERM, and
                what it left in its process group must still be killed
    router      writes a login prompt, then becomes ``tikjobs sim`` on the forwarded
                API and SSH ports: a CHR that boots and answers /login
    no-kvm      fails as QEMU does when /dev/kvm opens but KVM cannot run; under TCG it
                is a router
    port-taken  fails once as QEMU does when a forwarded port is taken, then is a router
    crash       fails at once with QEMU's words for a disk it cannot open

The fake ``qemu-img`` answers ``info``, ``dd`` and ``create`` for raw files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.support.waiting import eventually_blocking

WAIT = 20.0
"""Upper bound for anything the tests wait for; reached only when something is broken."""

_QEMU = r"""#!{python}
import os, re, signal, subprocess, sys, time
from pathlib import Path

PART = {part!r}
HERE = Path({here!r})
args = sys.argv[1:]
console = Path(args[args.index("-serial") + 1][len("file:"):])
accelerator = args[args.index("-accel") + 1]
network = args[args.index("-netdev") + 1]
forwards = re.findall(r"hostfwd=tcp:[\d.]+:(\d+)-:(\d+)", network)
ports = {{guest: host for host, guest in forwards}}
with open(HERE / "runs", "a") as runs:
    runs.write(accelerator + "\n")

def note(*pids):
    with open(HERE / "pids", "a") as out:
        out.write(" ".join(map(str, pids)) + "\n")

def say(text):
    with open(console, "a") as out:
        out.write(text)

def router():
    note(os.getpid())
    say("\x1b[9999B\rMikroTik 7.16 (stable)\r\nMikroTik Login: ")
    os.execv(sys.executable, [sys.executable, "-m", "tikjobs.cli", "sim", "--host", "127.0.0.1",
             "--api-port", ports["8728"], "--ssh-port", ports["22"]])

if PART in ("hung", "silent"):
    if PART == "hung":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sleeper = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)"
    child = subprocess.Popen([sys.executable, "-c", sleeper, str(console)])
    note(os.getpid(), child.pid)
    say("SeaBIOS (fake)\r\nBooting from Hard Disk...\r\nno operating system found\r\n")
    while True:
        time.sleep(60)
elif PART == "no-kvm" and accelerator == "kvm":
    print("qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69", file=sys.stderr)
    print("qemu-system-x86_64: kvm_buf_set_msrs: Assertion failed.", file=sys.stderr)
    os.abort()
elif PART == "port-taken" and not (HERE / "taken").exists():
    (HERE / "taken").write_text("once")
    rule = f"tcp:127.0.0.1:{{ports['8728']}}-:8728"
    print(f"qemu-system-x86_64: Could not set up host forwarding rule '{{rule}}'", file=sys.stderr)
    sys.exit(1)
elif PART == "crash":
    print("qemu-system-x86_64: -drive file=disk: Could not open backing file", file=sys.stderr)
    sys.exit(1)
else:
    router()
"""

_QEMU_IMG = r"""#!{python}
import json, os, sys
args = sys.argv[1:]
if args[0] == "info":
    path = args[-1]
    print(json.dumps({{"format": "raw", "virtual-size": os.path.getsize(path), "filename": path}}))
elif args[0] == "dd":
    options = dict(arg.split("=", 1) for arg in args if "=" in arg)
    with open(options["if"], "rb") as source, open(options["of"], "wb") as target:
        target.write(source.read(int(options["bs"]) * int(options["count"])))
elif args[0] == "create":
    with open(args[-1], "wb") as overlay:
        overlay.write(b"QFI\xfb")
else:
    print(f"qemu-img: unknown command {{args[0]}}", file=sys.stderr)
    sys.exit(1)
"""


def _executable(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(0o755)
    return path


def fake_qemu(directory: Path, part: str) -> Path:
    """A fake qemu-system-x86_64 that plays ``part``; it notes its runs beside itself."""
    directory.mkdir(parents=True, exist_ok=True)
    script = _QEMU.format(python=sys.executable, part=part, here=str(directory))
    return _executable(directory / "qemu-system-x86_64", script)


def fake_qemu_img(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return _executable(directory / "qemu-img", _QEMU_IMG.format(python=sys.executable))


def started(directory: Path) -> list[int]:
    """Every process the fake qemu in ``directory`` started, as it noted them."""
    path = directory / "pids"
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []


def assert_all_ended(directory: Path) -> None:
    """Every process the fake qemu in ``directory`` started has ended."""
    for pid in started(directory):
        eventually_blocking(lambda pid=pid: not alive(pid), f"process {pid} ended")  # type: ignore[misc]


def runs(directory: Path) -> list[str]:
    """The accelerators the fake qemu in ``directory`` was started with, in order."""
    path = directory / "runs"
    return path.read_text().split() if path.exists() else []


def boot_disk(path: Path) -> Path:
    """A raw disk whose boot sector writes a line to the serial port and halts.

    Real-mode code at 0x7C00: turn interrupts off (so the firmware's serial console,
    which flushes its own output from the timer interrupt, cannot cut into the line),
    point DS:SI at the message, write it byte by byte to COM1 (0x3F8), then loop
    forever; 55 AA ends the sector.
    """
    message = b"tikjobs test disk: no RouterOS here\r\n\x00"
    code = bytes.fromhex("fa 31c0 8ed8 fc baf803 be207c ac 84c0 7403 ee ebf8 ebfe")
    sector = bytearray(512)
    sector[: len(code)] = code
    sector[0x20 : 0x20 + len(message)] = message
    sector[510:512] = b"\x55\xaa"
    path.write_bytes(bytes(sector) + bytes(1024 * 1024 - 512))
    return path


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting to be reaped does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\x00", b" ").decode()
        except OSError:
            continue
        if text in command and alive(int(entry.name)):
            found.append(int(entry.name))
    return found
