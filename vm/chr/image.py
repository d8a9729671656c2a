"""The CHR disk image: checks that it is a bootable disk, and its throwaway overlay.

How this works
--------------
Before any VM starts, the image must exist, must not be the downloaded ``.img.zip``,
must be a disk image ``qemu-img info`` recognises, and the first sector of the disk it
holds must end with the PC boot signature ``55 AA`` (read through ``qemu-img dd``, so
.vdi, .vmdk and .qcow2 images are checked the same way as raw ones). RouterOS leaves
no signature of its own there that could be checked reliably, so a bootable disk that
is not a CHR is caught later, when it never answers ``/login``.

The VM then runs on a qcow2 overlay in a temporary directory whose backing file is the
image; QEMU only ever reads the image, so the user's file is never modified. The
commands are built by pure functions; `check_image` and `create_overlay` run them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tikjobs.vm.exceptions import ChrError, ImageNotFound, NotBootable, QemuNotFound

QEMU_IMG = "qemu-img"
SECTOR = 512
BOOT_SIGNATURE = b"\x55\xaa"
ZIP_MAGIC = b"PK\x03\x04"
TOOL_TIMEOUT = 60.0
"""Seconds any one qemu-img run may take."""

PACKAGES = {"qemu-img": "qemu-utils", "qemu-system-x86_64": "qemu-system-x86"}


@dataclass(frozen=True)
class DiskImage:
    """A checked image: its absolute path and the format qemu-img found."""

    path: Path
    format: str
    virtual_size: int


def info_command(qemu_img: str, image: Path) -> list[str]:
    return [qemu_img, "info", "--output=json", str(image)]


def first_sector_command(qemu_img: str, image: DiskImage, out: Path) -> list[str]:
    return [
        qemu_img, "dd", "-f", image.format, "-O", "raw",
        f"bs={SECTOR}", "count=1", f"if={image.path}", f"of={out}",
    ]  # fmt: skip


def overlay_command(qemu_img: str, image: DiskImage, overlay: Path) -> list[str]:
    """``qemu-img create`` for a qcow2 overlay backed by the image (never written)."""
    return [
        qemu_img, "create", "-q", "-f", "qcow2",
        "-F", image.format, "-b", str(image.path), str(overlay),
    ]  # fmt: skip


def parse_info(text: str) -> tuple[str, int]:
    """The format and virtual size from ``qemu-img info --output=json``. `ValueError`."""
    try:
        info = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"qemu-img answered no JSON: {error}") from None
    if not isinstance(info, dict):
        raise ValueError("qemu-img answered no JSON object")
    fmt, size = info.get("format"), info.get("virtual-size")
    if not isinstance(fmt, str) or not fmt:
        raise ValueError("qemu-img named no format")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise ValueError("qemu-img gave no virtual size")
    return fmt, size


def is_boot_sector(sector: bytes) -> bool:
    """Whether a first sector ends with the PC boot signature (MBR or protective MBR)."""
    return len(sector) >= SECTOR and sector[SECTOR - 2 : SECTOR] == BOOT_SIGNATURE


def find_tool(name: str, given: str | None = None) -> str:
    """The executable to run for ``name`` (or the one ``given``). `QemuNotFound`."""
    wanted = given or name
    found = shutil.which(wanted)
    if found is None:
        package = PACKAGES.get(name, "qemu")
        raise QemuNotFound(
            f"{wanted} is not installed or not on PATH (Debian/Ubuntu: apt-get install {package})"
        )
    return found


def require_file(path: Path) -> Path:
    """The path, once it names a file. `ImageNotFound`."""
    path = path.expanduser()
    if not path.exists():
        raise ImageNotFound(f"{path}: no such file")
    if not path.is_file():
        raise ImageNotFound(f"{path}: not a file")
    return path


def check_image(path: Path, qemu_img: str) -> DiskImage:
    """The image, once known to be a bootable disk image.

    `ImageNotFound` for a missing path, `NotBootable` for anything that is not a disk a
    PC could boot, `QemuNotFound` when qemu-img cannot be run.
    """
    path = require_file(path)
    try:
        with path.open("rb") as handle:
            start = handle.read(len(ZIP_MAGIC))
    except OSError as error:
        raise ImageNotFound(f"{path}: cannot read it: {error.strerror or error}") from None
    if start == ZIP_MAGIC:
        raise NotBootable(f"{path} is a zip archive; unzip it and give the .img inside")
    absolute = path.resolve()
    answer = _run(info_command(qemu_img, absolute))
    if answer.returncode != 0:
        raise NotBootable(f"{path} is not a disk image qemu can open: {_last_line(answer)}")
    try:
        fmt, size = parse_info(answer.stdout)
    except ValueError as error:
        raise NotBootable(f"{path}: {error}") from None
    image = DiskImage(absolute, fmt, size)
    with tempfile.TemporaryDirectory(prefix="tikjobs-chr-check-") as scratch:
        out = Path(scratch) / "sector"
        answer = _run(first_sector_command(qemu_img, image, out))
        if answer.returncode != 0:
            raise NotBootable(f"{path}: cannot read its first sector: {_last_line(answer)}")
        sector = out.read_bytes() if out.exists() else b""
    if not is_boot_sector(sector):
        raise NotBootable(
            f"{path} is not a bootable disk image ({fmt}): its first sector has no boot"
            " signature; a CHR image is the .img (or .vdi, .vmdk) from mikrotik.com/download"
        )
    return image


def create_overlay(image: DiskImage, directory: Path, qemu_img: str) -> Path:
    """A qcow2 overlay of the image in ``directory``; writes go there. `ChrError`."""
    overlay = directory / "overlay.qcow2"
    answer = _run(overlay_command(qemu_img, image, overlay))
    if answer.returncode != 0 or not overlay.exists():
        raise ChrError(f"cannot create the overlay for {image.path}: {_last_line(answer)}")
    return overlay


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(  # noqa: S603 - a fixed tool with file names, no shell
            command,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TOOL_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise QemuNotFound(f"{command[0]} is not installed or not on PATH") from None
    except PermissionError:
        raise QemuNotFound(f"{command[0]} cannot be run (permission denied)") from None
    except subprocess.TimeoutExpired:
        raise ChrError(
            f"{command[0]} {command[1]} did not finish within {TOOL_TIMEOUT:g} s"
        ) from None


def _last_line(answer: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in (answer.stderr or answer.stdout).splitlines()]
    said = [line for line in lines if line]
    return said[-1] if said else f"exit status {answer.returncode}"
