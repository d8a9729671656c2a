"""The device runtime: script runs and their counts, jobs, globals, scheduler, reboots, state."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.waiting import eventually_blocking
from tikjobs.vm.exceptions import (
    Interrupted,
    InvalidValue,
    NoSuchItem,
    UnknownParameter,
    VmError,
)
from tikjobs.vm.sim.command import Command, Reply
from tikjobs.vm.sim.device import Device, RunOutcome
from tikjobs.vm.sim.model import RouterModel


def command(word: str, **attrs: str) -> Command:
    path, verb = Command.parse_word(word)
    return Command(path, verb, attrs)


@pytest.fixture
def device() -> Iterator[Device]:
    device = Device(RouterModel(), tick=0.02)
    device.start()
    yield device
    device.close()


def run(device: Device, word: str, **attrs: str) -> Reply:
    return device.execute(command(word, **attrs))


def rows(device: Device, word: str) -> list[dict[str, str]]:
    return run(device, word).rows


def test_every_run_is_recorded_and_counted_by_marker(device: Device) -> None:
    script = ':log info "job-17 applied"'
    device.run_script(script, origin="test")
    device.run_script(script, origin="test")
    assert device.execution_count("job-17") == 2
    assert device.execution_count("job-18") == 0
    assert [r.outcome for r in device.runs] == [RunOutcome.COMPLETED, RunOutcome.COMPLETED]
    assert any("job-17 applied" in row.get("message", "") for row in rows(device, "/log/print"))


def test_a_failing_run_is_still_counted(device: Device) -> None:
    with pytest.raises(VmError):
        device.run_script(':error "job-9 refused"', origin="test")
    assert device.execution_count("job-9") == 1
    assert device.runs[-1].outcome is RunOutcome.FAILED


def test_execute_runs_in_the_background_as_a_job(device: Device) -> None:
    job_id = run(device, "/execute", script=":delay 30s; :global finished yes").ret
    assert job_id is not None
    assert job_id.startswith("*")
    (job,) = rows(device, "/system/script/job/print")
    assert job[".id"] == job_id
    assert job["type"] == "command"
    run(device, "/system/script/job/remove", **{".id": job_id})
    eventually_blocking(
        lambda: not rows(device, "/system/script/job/print"), "no script job is left"
    )
    assert device.runs[-1].outcome is RunOutcome.INTERRUPTED
    assert "finished" not in device.globals


def test_removing_an_unknown_job_is_no_such_item(device: Device) -> None:
    with pytest.raises(NoSuchItem):
        run(device, "/system/script/job/remove", **{".id": "*99"})


def test_execute_as_string_answers_the_output(device: Device) -> None:
    reply = run(device, "/execute", script=':put "one"; :put "two"', **{"as-string": ""})
    assert reply.ret is not None
    assert reply.ret.startswith("one\r\ntwo")
    assert reply.ret.splitlines() == ["one", "two"]


def test_execute_as_string_answers_script_errors_as_text(device: Device) -> None:
    reply = run(device, "/execute", script=":put (", **{"as-string": ""})
    assert reply.ret is not None
    assert reply.ret.startswith("syntax error (line 1 column")


def test_execute_as_string_answers_the_output_then_the_error(device: Device) -> None:
    reply = run(device, "/execute", script=':put "a"; :error "x"', **{"as-string": ""})
    assert reply.ret == "a\r\nx"
    assert device.runs[-1].output == "a\n"


def test_a_script_run_from_a_script_writes_to_the_callers_output(device: Device) -> None:
    run(device, "/system/script/add", name="inner", source=':put "inner"')
    run(device, "/system/script/add", name="failing", source=':put "partial"; :error "no"')
    outer = ':put "before"; /system script run inner; :put "after"'
    assert device.run_script(outer, origin="test") == "before\ninner\nafter\n"
    reply = run(device, "/execute", script=outer, **{"as-string": ""})
    assert reply.ret == "before\r\ninner\r\nafter\r\n"
    reply = run(device, "/execute", script="/system script run failing", **{"as-string": ""})
    assert reply.ret == "partial\r\nno"


def test_as_string_is_an_unknown_parameter_before_routeros_7() -> None:
    device = Device(RouterModel(version="6.48.6"))
    device.start()
    try:
        with pytest.raises(UnknownParameter):
            run(device, "/execute", script=":put 1", **{"as-string": ""})
    finally:
        device.close()


def test_script_run_runs_the_item_and_counts_its_runs(device: Device) -> None:
    item = run(device, "/system/script/add", name="greet", source=":global greeted yes").ret
    assert item is not None
    run(device, "/system/script/run", number="greet")
    run(device, "/system/script/run", number=item)
    assert device.globals.get("greeted") is not None
    (script,) = [r for r in rows(device, "/system/script/print") if r["name"] == "greet"]
    assert script["run-count"] == "2"
    assert device.execution_count("greet") == 2
    with pytest.raises(NoSuchItem):
        run(device, "/system/script/run", number="absent")


def test_import_runs_a_file(device: Device) -> None:
    device.model.write_file("setup.rsc", b"/ip address add address=10.1.1.1/24 interface=ether2\n")
    run(device, "/import", **{"file-name": "setup.rsc"})
    addresses = {r["address"] for r in rows(device, "/ip/address/print")}
    assert "10.1.1.1/24" in addresses
    assert device.runs[-1].origin == "import"


def test_environment_lists_and_removes_globals(device: Device) -> None:
    device.run_script(":global colour blue; :global size 3", origin="test")
    listed = {r["name"]: r["value"] for r in rows(device, "/system/script/environment/print")}
    assert listed == {"colour": "blue", "size": "3"}
    run(device, "/system/script/environment/remove", numbers="colour")
    assert [r["name"] for r in rows(device, "/system/script/environment/print")] == ["size"]


def test_environment_shows_values_as_routeros_writes_them(device: Device) -> None:
    device.run_script(
        ':global list {1;2;3}; :global empty; :global map {a=1;b="x"}; :global wait 90s',
        origin="test",
    )
    listed = {r["name"]: r["value"] for r in rows(device, "/system/script/environment/print")}
    assert listed == {"list": "1;2;3", "empty": "", "map": "a=1;b=x", "wait": "00:01:30"}


def test_environment_and_jobs_can_be_found_by_name_from_scripts(device: Device) -> None:
    output = device.run_script(
        ":global colour blue; :global size 3\n"
        ":put [/system script environment find name=size]\n"
        "/system script environment remove [find name=colour]\n"
        ":put [:len [/system script job find]]",
        origin="test",
    )
    assert output.splitlines() == ["*2", "0"]
    assert [r["name"] for r in rows(device, "/system/script/environment/print")] == ["size"]


def test_reboot_clears_globals_interrupts_scripts_and_restarts_the_log(device: Device) -> None:
    device.run_script(":global kept yes; :log info before-reboot", origin="test")
    run(device, "/execute", script=":delay 30s; :log info never-logged")
    eventually_blocking(
        lambda: bool(rows(device, "/system/script/job/print")), "a script job is running"
    )
    device.reboot(delay=30)
    assert not device.is_up
    eventually_blocking(
        lambda: device.runs[-1].outcome is RunOutcome.INTERRUPTED, "the run was interrupted"
    )
    device.power_on()
    assert device.is_up
    assert dict(device.globals) == {}
    assert rows(device, "/system/script/job/print") == []
    messages = [r.get("message", "") for r in rows(device, "/log/print")]
    assert messages[0] == "router rebooted"
    assert not any("before-reboot" in m or "never-logged" in m for m in messages)


def test_a_script_that_reboots_is_interrupted_by_it(device: Device) -> None:
    device.faults.reboot_delay = 30
    with pytest.raises(Interrupted):
        device.run_script("/system reboot; :global after yes", origin="test")
    assert not device.is_up
    device.power_on()
    assert "after" not in device.globals


def test_scheduler_runs_items_every_interval(device: Device) -> None:
    run(
        device,
        "/system/scheduler/add",
        name="tick",
        interval="1s",
        **{"on-event": ":log info tick-marker"},
    )
    eventually_blocking(
        lambda: device.execution_count("tick-marker") >= 2, "the scheduler ran tick twice"
    )
    (item,) = rows(device, "/system/scheduler/print")
    assert int(item["run-count"]) >= 2


def test_scheduler_runs_a_timed_item_at_its_start_time(device: Device) -> None:
    when = device.model.now().replace(microsecond=0) + timedelta(seconds=2)
    run(
        device,
        "/system/scheduler/add",
        name="once",
        **{
            "start-date": f"{when:%Y-%m-%d}",
            "start-time": f"{when:%H:%M:%S}",
            "on-event": ":log info timed-marker",
        },
    )

    def next_run() -> str:
        return rows(device, "/system/scheduler/print")[0].get("next-run", "")

    eventually_blocking(
        lambda: next_run() != "" or device.execution_count("timed-marker") > 0,
        "the timed script was scheduled",
    )
    assert next_run() in (f"{when:%Y-%m-%d %H:%M:%S}", "")
    eventually_blocking(
        lambda: device.execution_count("timed-marker") == 1, "the timed script ran once"
    )
    eventually_blocking(lambda: next_run() == "", "the timed script has no next run")


def test_scheduler_runs_a_named_script_at_startup(device: Device) -> None:
    run(device, "/system/script/add", name="on-boot", source=":global booted yes")
    run(
        device,
        "/system/scheduler/add",
        name="boot",
        **{"start-time": "startup", "on-event": "on-boot"},
    )
    assert device.execution_count("on-boot") == 0
    device.reboot(delay=0)
    eventually_blocking(lambda: device.execution_count("on-boot") == 1, "the on-boot script ran")
    eventually_blocking(
        lambda: device.globals.get("booted") is not None, "the on-boot script set booted"
    )


def test_a_rebooted_device_shows_no_next_run_from_before_until_it_plans_again(
    tmp_path: Path,
) -> None:
    state = tmp_path / "router.state"
    first = Device(RouterModel(), state_file=state, tick=0.02)
    first.start()
    when = first.model.now().replace(microsecond=0) + timedelta(seconds=30)
    run(
        first,
        "/system/scheduler/add",
        name="once",
        **{"start-date": f"{when:%Y-%m-%d}", "start-time": f"{when:%H:%M:%S}"},
        **{"on-event": ":log info timed-marker"},
    )
    eventually_blocking(
        lambda: rows(first, "/system/scheduler/print")[0].get("next-run"), "the entry planned"
    )
    first.close()
    # Back up with a ticker that has not planned anything yet: a next-run kept from
    # before the reboot would promise a run the new plan may not make.
    second = Device(RouterModel(), state_file=state, tick=3600)
    second.start()
    try:
        (item,) = rows(second, "/system/scheduler/print")
        assert item["name"] == "once"
        assert item.get("next-run", "") == ""
    finally:
        second.close()


def test_state_file_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "router.state"
    first = Device(RouterModel(), state_file=state)
    first.start()
    run(first, "/ip/address/add", address="10.44.0.1/24", interface="ether5")
    run(first, "/system/identity/set", name="kept")
    first.close()
    second = Device(RouterModel(), state_file=state)
    second.start()
    try:
        assert "10.44.0.1/24" in {r["address"] for r in rows(second, "/ip/address/print")}
        assert rows(second, "/system/identity/print") == [{"name": "kept"}]
    finally:
        second.close()
    assert not list(tmp_path.glob("*.tmp"))


def test_state_file_is_written_without_a_clean_shutdown(tmp_path: Path) -> None:
    state = tmp_path / "router.state"
    device = Device(RouterModel(), state_file=state, tick=0.02)
    device.start()
    run(device, "/ip/address/add", address="10.45.0.1/24", interface="ether3")

    def saved() -> bool:
        if not state.exists():
            return False
        copy = RouterModel()
        copy.restore(state.read_bytes())
        return any(r["address"] == "10.45.0.1/24" for r in copy.items("ip/address"))

    try:
        eventually_blocking(saved, "the state file holds the address")
    finally:
        device.close()


def test_a_corrupt_state_file_is_a_clear_error(tmp_path: Path) -> None:
    state = tmp_path / "router.state"
    state.write_bytes(b"not a snapshot")
    device = Device(RouterModel(), state_file=state)
    with pytest.raises(VmError, match=r"router\.state"):
        device.start()


def test_a_state_file_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "states"
    device = Device(RouterModel(), state_file=folder / "router.state")
    device.start()
    folder.write_text("a file where the state folder should be")
    run(device, "/system/identity/set", name="unsaved")
    device.reboot(delay=0)
    assert device.wait_until_up(10), "a failed save does not stop a reboot"
    with pytest.raises(VmError, match=r"cannot write state file .*router\.state"):
        device.close()


def test_backup_load_restores_and_reboots(device: Device) -> None:
    run(device, "/system/backup/save", name="before")
    run(device, "/ip/address/add", address="10.66.0.1/24", interface="ether4")
    device.faults.reboot_delay = 30
    run(device, "/system/backup/load", name="before.backup")
    assert not device.is_up
    device.power_on()
    assert "10.66.0.1/24" not in {r["address"] for r in rows(device, "/ip/address/print")}


def test_a_loaded_backup_takes_effect_only_once_the_device_is_down(
    device: Device, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(device, "/system/identity/set", name="saved")
    run(device, "/system/backup/save", name="before")
    run(device, "/system/identity/set", name="changed")
    up_when_applied = []
    read = device.model.backup_restorer

    def watched(name: str, password: str = "") -> Callable[[], None]:
        restore = read(name, password)

        def apply() -> None:
            up_when_applied.append(device.is_up)
            restore()

        return apply

    monkeypatch.setattr(device.model, "backup_restorer", watched)
    device.faults.reboot_delay = 30
    run(device, "/system/backup/load", name="before.backup")
    assert up_when_applied == [False], "no session may see the restored configuration"
    device.power_on()
    assert rows(device, "/system/identity/print") == [{"name": "saved"}]


def test_a_change_that_fails_while_down_does_not_keep_the_device_down(
    device: Device, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise RuntimeError("half a restore")

    device.reboot(delay=0, while_down=broken)
    assert device.wait_until_up(10), "the device comes back"
    assert "could not be changed while down" in caplog.text
    assert rows(device, "/system/identity/print") == [{"name": "MikroTik"}]


def test_a_backup_that_cannot_be_read_is_refused_without_a_reboot(device: Device) -> None:
    run(device, "/system/backup/save", name="locked", password="right")
    with pytest.raises(InvalidValue, match="password"):
        run(device, "/system/backup/load", name="locked.backup", password="wrong")
    with pytest.raises(NoSuchItem):
        run(device, "/system/backup/load", name="absent.backup")
    assert device.is_up


def test_jobname_is_the_name_of_the_script_running(device: Device) -> None:
    run(device, "/system/script/add", name="nightly-backup", source=':put "[$[:jobname]]"')
    assert device.run_script("/system script run nightly-backup", origin="test") == (
        "[nightly-backup]\n"
    )
    assert device.run_script(':put "[$[:jobname]]"', origin="test") == "[]\n"
