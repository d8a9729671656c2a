"""Image checks and the overlay: a missing file, a zip, a file that is no disk, a disk
that cannot boot; the overlay leaves the image untouched. The parsing is checked
everywhere; the runs of qemu-img where it is installed."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.programs import require_programs
from tests.vm.chr.fakes import boot_disk
from tikjobs.vm.chr.image import (
    DiskImage,
    check_image,
    create_overlay,
    is_boot_sector,
    overlay_command,
    parse_info,
)
from tikjobs.vm.exceptions import ImageNotFound, NotBootable


@pytest.fixture
def qemu_img() -> str:
    """qemu-img's path (qemu-io comes with it and the checks use both)."""
    return require_programs("qemu-img", "qemu-io", install="qemu-utils")["qemu-img"]


def test_qemu_img_info_gives_format_and_size() -> None:
    text = json.dumps({"virtual-size": 134217728, "filename": "chr.vdi", "format": "vdi"})

    assert parse_info(text) == ("vdi", 134217728)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("qemu-img: Could not open", "no JSON"),
        ("[]", "no JSON object"),
        (json.dumps({"virtual-size": 1}), "no format"),
        (json.dumps({"format": "raw", "virtual-size": "big"}), "no virtual size"),
        (json.dumps({"format": "raw", "virtual-size": True}), "no virtual size"),
    ],
)
def test_qemu_img_info_that_says_nothing_usable_is_an_error(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_info(text)


def test_a_boot_sector_ends_with_55_aa() -> None:
    sector = bytearray(512)
    assert not is_boot_sector(bytes(sector))
    sector[510:] = b"\x55\xaa"
    assert is_boot_sector(bytes(sector))
    assert not is_boot_sector(bytes(sector[:511]))


def test_the_overlay_names_the_image_as_its_read_only_backing_file() -> None:
    image = DiskImage(Path("/images/chr-7.16.vdi"), "vdi", 1)

    command = overlay_command("qemu-img", image, Path("/run/x/overlay.qcow2"))

    assert command == [
        "qemu-img", "create", "-q", "-f", "qcow2",
        "-F", "vdi", "-b", "/images/chr-7.16.vdi", "/run/x/overlay.qcow2",
    ]  # fmt: skip


def test_a_missing_image_and_a_directory_are_named(tmp_path: Path) -> None:
    with pytest.raises(ImageNotFound, match=r"chr\.img: no such file"):
        check_image(tmp_path / "chr.img", "qemu-img")
    with pytest.raises(ImageNotFound, match="not a file"):
        check_image(tmp_path, "qemu-img")


def test_the_downloaded_zip_is_recognised(tmp_path: Path) -> None:
    archive = tmp_path / "chr-7.16.img.zip"
    archive.write_bytes(b"PK\x03\x04" + bytes(100))

    with pytest.raises(NotBootable, match="is a zip archive; unzip it"):
        check_image(archive, "qemu-img")


def test_a_text_file_is_no_bootable_disk(qemu_img: str, tmp_path: Path) -> None:
    notes = tmp_path / "chr.img"
    notes.write_text("these are not the sectors you are looking for\n")

    with pytest.raises(NotBootable, match=r"not a bootable disk image \(raw\)"):
        check_image(notes, qemu_img)


def test_an_empty_qcow2_is_no_bootable_disk(qemu_img: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.qcow2"
    subprocess.run([qemu_img, "create", "-q", "-f", "qcow2", str(empty), "64M"], check=True)  # noqa: S603

    with pytest.raises(NotBootable, match=r"not a bootable disk image \(qcow2\)"):
        check_image(empty, qemu_img)


@pytest.mark.parametrize("fmt", ["raw", "vdi", "vmdk", "qcow2"])
def test_a_bootable_disk_passes_in_every_format_and_its_overlay_leaves_it_alone(
    qemu_img: str, tmp_path: Path, fmt: str
) -> None:
    raw = boot_disk(tmp_path / "boot-sector.bin")
    disk = tmp_path / f"disk.{fmt}"
    subprocess.run(  # noqa: S603
        [qemu_img, "convert", "-f", "raw", "-O", fmt, str(raw), str(disk)], check=True
    )
    before = hashlib.sha256(disk.read_bytes()).hexdigest()
    work = tmp_path / "work"
    work.mkdir()

    image = check_image(disk, qemu_img)
    overlay = create_overlay(image, work, qemu_img)
    subprocess.run(  # noqa: S603
        [
            shutil.which("qemu-io") or "qemu-io",
            "-f",
            "qcow2",
            "-c",
            "write -P 0x41 0 1M",
            str(overlay),
        ],
        check=True,
        capture_output=True,
    )

    assert image.format == fmt
    assert image.path == disk.resolve()
    info = json.loads(
        subprocess.run(  # noqa: S603
            [qemu_img, "info", "--output=json", str(overlay)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    assert info["format"] == "qcow2"
    assert info["backing-filename"] == str(disk.resolve())
    assert hashlib.sha256(disk.read_bytes()).hexdigest() == before
    with pytest.raises(NotBootable, match="no boot signature"):
        check_image(overlay, qemu_img)
