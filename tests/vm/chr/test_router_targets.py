"""What the agent relies on, checked against every router available: the simulator here,
and a real CHR wherever one is given (``make test-chr TIKJOBS_CHR_IMAGE=...``).

Each test runs once per target of the ``routeros`` fixture. Where these tests pass on
the simulator and fail on a CHR, the simulator differs from RouterOS; docs/chr.md keeps
the list. The routers are shared by the whole session, so every test names what it
makes uniquely and removes it again.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import librouteros
import pytest
from librouteros.exceptions import TrapError

from tikjobs.agent import markers
from tikjobs.agent.backup import remove_files, take_backup
from tikjobs.agent.config import RouterSettings, validate
from tikjobs.agent.router import RouterPool, read_facts
from tikjobs.vm.chr.target import RouterTarget

pytestmark = pytest.mark.anyio

TEST_NET = "192.0.2"
"""Addresses from TEST-NET-1 (RFC 5737), which no real network uses."""


def settings_for(target: RouterTarget, state_dir: Path, **overrides: Any) -> RouterSettings:
    values: dict[str, Any] = {
        "cloud": "http://127.0.0.1:1",
        "router_token": "unused",
        "router": target.host,
        "api_port": target.api_port,
        "ssh_port": target.ssh_port,
        "user": target.user,
        "password": target.password,
        "state_dir": state_dir,
        "connect_timeout": 10.0,
        "backup_timeout": 60.0,
    }
    values.update(overrides)
    return validate(values)


@pytest.fixture
async def pool(routeros: RouterTarget, tmp_path: Path) -> AsyncIterator[RouterPool]:
    """The agent's own connection pool to the target."""
    connections = RouterPool(settings_for(routeros, tmp_path / "state"), 2)
    yield connections
    await connections.close()


def unique(stem: str) -> str:
    return f"{stem}-{uuid.uuid4().hex[:10]}"


async def remove_script(pool: RouterPool, name: str) -> None:
    found = await pool.run("/system/script/print", ["=.proplist=.id", f"?name={name}"])
    for row in found.rows:
        await pool.run("/system/script/remove", [f"=.id={row['.id']}"])


async def test_login_succeeds_and_a_wrong_password_is_refused(routeros: RouterTarget) -> None:
    api = librouteros.connect(
        routeros.host, routeros.user, routeros.password, port=routeros.api_port, timeout=10
    )
    api.close()

    with pytest.raises(TrapError) as refused:
        librouteros.connect(
            routeros.host, routeros.user, "not-the-password", port=routeros.api_port, timeout=10
        )

    assert refused.value.message == "invalid user name or password (6)"


async def test_system_resource_reads_as_the_strings_routeros_sends(pool: RouterPool) -> None:
    answer = (await pool.run("/system/resource/print", timeout=30)).raise_traps()
    facts = await read_facts(pool, 30)

    [resource] = answer.rows
    assert all(isinstance(value, str) for value in resource.values())
    assert re.match(r"\d+\.\d+", resource["version"])
    assert resource["free-memory"].isdigit()
    assert resource["total-memory"].isdigit()
    assert resource["cpu-count"].isdigit()
    assert resource["board-name"] == "CHR"
    assert resource["architecture-name"] == "x86_64"
    assert resource["uptime"]
    assert facts.software_version == resource["version"].split(" ")[0]
    assert facts.board_name == "CHR"
    assert facts.identity == "MikroTik"


async def test_arp_rows_are_strings_with_ids(pool: RouterPool) -> None:
    answer = (await pool.run("/ip/arp/print", timeout=30)).raise_traps()

    for row in answer.rows:
        assert all(isinstance(value, str) for value in row.values())
        assert re.fullmatch(r"\*[0-9A-F]+", row[".id"])
        assert row["dynamic"] in {"true", "false"}
        assert "address" in row


async def test_an_address_is_added_refused_twice_and_removed(pool: RouterPool) -> None:
    address = f"{TEST_NET}.77/24"
    added = await pool.run("/ip/address/add", [f"=address={address}", "=interface=ether1"])
    try:
        again = await pool.run("/ip/address/add", [f"=address={address}", "=interface=ether1"])
        listed = await pool.run("/ip/address/print", [f"?address={address}"])
    finally:
        if added.ret is not None:
            removed = await pool.run("/ip/address/remove", [f"=.id={added.ret}"])
    after = await pool.run("/ip/address/print", [f"?address={address}"])

    assert not added.traps
    assert added.ret is not None
    assert re.fullmatch(r"\*[0-9A-F]+", added.ret)
    assert [trap.message for trap in again.traps] == ["failure: already have such address"]
    assert [(row[".id"], row["interface"], row["network"]) for row in listed.rows] == [
        (added.ret, "ether1", f"{TEST_NET}.0")
    ]
    assert not removed.traps
    assert after.rows == []


async def test_removing_an_item_that_is_not_there_is_refused(pool: RouterPool) -> None:
    answer = await pool.run("/ip/address/remove", ["=.id=*FFFFFF"])

    assert [trap.message for trap in answer.traps] == ["no such item (4)"]


async def test_execute_as_string_answers_the_console_output(pool: RouterPool) -> None:
    answer = await pool.run("/execute", ["=script=:put hello\n:put world", "=as-string="])

    assert not answer.traps
    assert answer.ret == "hello\r\nworld\r\n"


async def test_execute_as_string_answers_a_syntax_error_as_text(pool: RouterPool) -> None:
    answer = await pool.run("/execute", ["=script=:put (", "=as-string="])

    assert not answer.traps
    assert answer.ret is not None
    assert re.fullmatch(r"syntax error \(line 1 column \d+\)", answer.ret)


async def test_execute_as_string_answers_output_then_a_runtime_error(pool: RouterPool) -> None:
    answer = await pool.run("/execute", ['=script=:put "before"\n:error "it broke"', "=as-string="])

    assert not answer.traps
    assert answer.ret == "before\r\nit broke"


async def test_execute_in_the_background_answers_a_job_id(pool: RouterPool) -> None:
    answer = await pool.run("/execute", ["=script=:put quietly"])

    assert not answer.traps
    assert answer.ret is not None
    assert re.fullmatch(r"\*[0-9A-F]+", answer.ret)


async def test_a_job_marker_lets_a_script_run_once_and_refuses_the_second_run(
    pool: RouterPool,
) -> None:
    key = unique("targets")
    name = markers.marker_name(key)
    wrapped = markers.wrap(':put "ran once"', key)
    try:
        first = await pool.run("/execute", [f"=script={wrapped}", "=as-string="])
        second = await pool.run("/execute", [f"=script={wrapped}", "=as-string="])
        marker = await pool.run(
            "/system/script/print", ["=.proplist=.id,name,comment,source", f"?name={name}"]
        )
    finally:
        await remove_script(pool, name)

    assert first.ret == f"ran once\r\ntikjobs: finished {key}\r\n"
    assert markers.finished_output(first.ret, key) == "ran once\r\n"
    assert second.ret == "failure: item with such name already exists"
    [row] = marker.rows
    assert markers.state_of(row.get("comment")) is markers.MarkerState.FINISHED
    assert row["source"] == ""


async def test_a_job_marker_records_a_script_that_stopped_part_way(pool: RouterPool) -> None:
    key = unique("targets")
    name = markers.marker_name(key)
    script = ':put "first"\n:error "second failed"\n:put "third"'
    try:
        answer = await pool.run("/execute", [f"=script={markers.wrap(script, key)}", "=as-string="])
        marker = await pool.run("/system/script/print", ["=.proplist=comment", f"?name={name}"])
    finally:
        await remove_script(pool, name)

    assert answer.ret == "first\r\nsecond failed"
    [row] = marker.rows
    assert markers.state_of(row.get("comment")) is markers.MarkerState.STARTED


async def test_a_syntax_error_leaves_no_marker_and_is_placed_in_the_jobs_script(
    pool: RouterPool,
) -> None:
    key = unique("targets")
    script = ':put "fine"\n:put ('
    answer = await pool.run("/execute", [f"=script={markers.wrap(script, key)}", "=as-string="])
    marker = await pool.run("/system/script/print", [f"?name={markers.marker_name(key)}"])

    assert answer.ret is not None
    assert re.fullmatch(
        r"syntax error \(line 2 column \d+\)", markers.script_error(answer.ret, script)
    )
    assert marker.rows == []


async def test_backup_and_export_are_made_and_fetched_over_sftp(
    routeros: RouterTarget, pool: RouterPool, tmp_path: Path
) -> None:
    settings = settings_for(routeros, tmp_path / "state")
    key = unique("targets")

    files = await take_backup(pool, settings, key)
    await remove_files(settings, [file.name for file in files])
    left = await pool.run("/file/print", ["=.proplist=name"])

    by_kind = {file.kind: file for file in files}
    assert by_kind["backup"].name == f"{markers.marker_name(key)}.backup"
    assert len(by_kind["backup"].content) > 0
    assert by_kind["export"].name == f"{markers.marker_name(key)}.rsc"
    export = by_kind["export"].content.decode()
    assert re.match(r"# .* by RouterOS \d+\.\d+", export)
    assert any(line.startswith("/") for line in export.splitlines())
    assert not any(markers.marker_name(key) in row.get("name", "") for row in left.rows)
