"""The device model's files, snapshots and backups: what SFTP, ``/file``, ``/export
file=`` and ``/system/backup`` see."""

from __future__ import annotations

import pytest

from tikjobs.vm.exceptions import InvalidValue, NoSuchItem
from tikjobs.vm.sim.command import Command, Reply
from tikjobs.vm.sim.model import RouterModel

STAMP = 1_716_883_528.0  # 2024-05-28 08:05:28 UTC


def run(model: RouterModel, word: str, *args: str) -> Reply:
    return model.execute(Command.from_sentence([word, *args]))


def rows(model: RouterModel, word: str, *args: str) -> list[dict[str, str]]:
    return run(model, word, *args).rows


@pytest.fixture
def model() -> RouterModel:
    return RouterModel(clock=lambda: STAMP)


# -- files ----------------------------------------------------------------------------


def test_files_round_trip_and_list(model: RouterModel) -> None:
    model.write_file("notes.txt", b"hello")
    model.write_file("pub/data.bin", bytes(range(256)))
    assert model.read_file("notes.txt") == b"hello"
    listing = {f.name: f for f in model.list_files()}
    assert listing["pub"].folder
    assert (listing["notes.txt"].type, listing["notes.txt"].size) == (".txt file", 5)
    printed = {r["name"]: r for r in rows(model, "/file/print")}
    assert printed["notes.txt"]["contents"] == "hello"
    assert "contents" not in printed["pub/data.bin"]
    model.remove_file("notes.txt")
    with pytest.raises(NoSuchItem):
        model.read_file("notes.txt")
    with pytest.raises(NoSuchItem):
        model.remove_file("notes.txt")


def test_file_menu_adds_sets_and_removes(model: RouterModel) -> None:
    run(model, "/file/add", "=name=motd.txt", "=contents=welcome")
    assert model.read_file("motd.txt") == b"welcome"
    run(model, "/file/set", "=numbers=motd.txt", "=contents=bye")
    assert model.read_file("motd.txt") == b"bye"
    run(model, "/file/remove", "=numbers=motd.txt")
    assert model.list_files() == []


def test_export_file_and_backup_show_in_file_list(model: RouterModel) -> None:
    run(model, "/export", "=file=config")
    run(model, "/system/backup/save", "=name=nightly", "=dont-encrypt=yes")
    types = {r["name"]: r["type"] for r in rows(model, "/file/print")}
    assert types == {"config.rsc": "script", "nightly.backup": "backup"}
    assert model.read_file("config.rsc").startswith(b"# 2024-05-28 08:05:28 by RouterOS 7.16")


# -- snapshots and backups ------------------------------------------------------------


def test_snapshot_restore_round_trips_the_configuration(model: RouterModel) -> None:
    run(model, "/system/identity/set", "=name=core-1")
    run(model, "/ip/firewall/address-list/add", "=list=a", "=address=1.1.1.1")
    run(model, "/user/add", "=name=ops", "=group=write", "=password=pw")
    model.write_file("keep.txt", b"kept")
    saved = model.snapshot()
    exported = model.export_text()
    model.reset()
    model.restore(saved)
    assert model.export_text() == exported
    assert model.identity == "core-1"
    assert model.check_password("ops", "pw")
    assert model.read_file("keep.txt") == b"kept"
    added = run(model, "/ip/firewall/address-list/add", "=list=a", "=address=2.2.2.2").ret
    assert added == "*2", "id counters survive a restore"


def test_backup_load_restores_configuration_but_keeps_files(model: RouterModel) -> None:
    run(model, "/system/identity/set", "=name=before")
    run(model, "/system/backup/save", "=name=b1", "=password=pw")
    run(model, "/system/identity/set", "=name=after")
    model.write_file("later.txt", b"x")
    with pytest.raises(InvalidValue):
        model.load_backup("b1.backup", "wrong")
    model.load_backup("b1", "pw")
    assert model.identity == "before"
    assert model.read_file("later.txt") == b"x"


def test_restore_refuses_garbage(model: RouterModel) -> None:
    with pytest.raises(InvalidValue):
        model.restore(b"not a snapshot")
    model.write_file("fake.backup", b"\x00" * 40)
    with pytest.raises(InvalidValue):
        model.load_backup("fake.backup")


def test_renaming_a_file_keeps_its_bytes(model: RouterModel) -> None:
    model.write_file("image.bin", b"\xff\x00\xfe")
    run(model, "/file/set", "=numbers=image.bin", "=name=renamed.bin")
    assert model.read_file("renamed.bin") == b"\xff\x00\xfe"
    with pytest.raises(NoSuchItem):
        model.read_file("image.bin")


def test_directories_hold_files_and_go_with_them(model: RouterModel) -> None:
    model.write_file("logs/a.txt", b"a")
    with pytest.raises(InvalidValue):
        model.write_file("logs", b"not a file")
    with pytest.raises(InvalidValue):
        model.write_file("../escape.txt", b"x")
    model.remove_file("logs")
    assert model.list_files() == []
