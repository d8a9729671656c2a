"""The marker wrapping: what the router runs for a job, and errors placed in the job's own
script — checked against the simulated router's interpreter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tikjobs.agent import markers
from tikjobs.agent.markers import MarkerState
from tikjobs.vm.exceptions import RouterOSError
from tikjobs.vm.sim.device import Device
from tikjobs.vm.sim.device_commands import error_text
from tikjobs.vm.sim.model import RouterModel

KEY = "7bbb8378-1675-515d-8ef4-ddb784fd0e52"


@pytest.fixture
def device() -> Iterator[Device]:
    device = Device(RouterModel())
    device.start()
    yield device
    device.close()


def run(device: Device, source: str) -> str:
    """What ``/execute =as-string=`` answers: the output, or the error as text."""
    try:
        return device.run_script(source, origin="test")
    except RouterOSError as error:
        return error_text(error)


def marker(device: Device, key: str = KEY) -> MarkerState | None:
    rows = [r for r in device.model.items("system/script") if r.get("name") == f"tikjobs-{key}"]
    return markers.state_of(rows[0].get("comment")) if rows else None


def test_a_script_that_runs_through_leaves_a_finished_marker(device: Device) -> None:
    output = run(device, markers.wrap(':put "hello"', KEY))

    assert output.splitlines() == ["hello", f"tikjobs: finished {KEY}"]
    assert markers.finished_output(output, KEY) == "hello\n"
    assert marker(device) is MarkerState.FINISHED


def test_a_script_that_prints_nothing_is_finished_with_no_output(device: Device) -> None:
    output = run(device, markers.wrap("/ip address add address=10.1.1.1/24 interface=ether2", KEY))

    assert markers.finished_output(output, KEY) == ""
    assert marker(device) is MarkerState.FINISHED


def test_a_script_that_stops_part_way_leaves_a_started_marker(device: Device) -> None:
    output = run(device, markers.wrap(':put "one"\n:error "stop here"\n:put "two"', KEY))

    assert markers.finished_output(output, KEY) is None
    assert marker(device) is MarkerState.STARTED


def test_a_script_that_prints_the_finished_line_itself_and_fails_is_not_finished(
    device: Device,
) -> None:
    script = f':put "tikjobs: finished {KEY}"\n:error "stop here"'

    output = run(device, markers.wrap(script, KEY))

    assert markers.finished_output(output, KEY) is None
    assert marker(device) is MarkerState.STARTED


def test_a_second_run_of_the_same_key_is_refused_by_the_router(device: Device) -> None:
    run(device, markers.wrap("/ip address add address=10.1.1.1/24 interface=ether2", KEY))

    answer = run(device, markers.wrap("/ip address add address=10.1.1.2/24 interface=ether2", KEY))

    addresses = [row.get("address") for row in device.model.items("ip/address")]
    assert "10.1.1.2/24" not in addresses
    assert "already" in answer
    assert marker(device) is MarkerState.FINISHED


@pytest.mark.parametrize(
    "script",
    [
        ':put "a"\n:foo',
        ':put "a"\n/ip/adress/print',
        ':put "a"\n:put (1+',
        ':put "a"\n:put (1+\n',
        ':put "a"\n:if (true) do={\n',
        ":put (1+",
    ],
)
def test_an_error_is_placed_where_routeros_places_it_in_the_bare_script(
    device: Device, script: str
) -> None:
    bare = run(device, script)

    wrapped = markers.script_error(run(device, markers.wrap(script, KEY)), script)

    assert wrapped == bare


def test_errors_without_a_place_are_kept_as_they_are() -> None:
    message = "input does not match any value of interface"

    assert markers.script_error(message, ":put 1") == message


@given(st.text())
def test_any_key_either_names_a_marker_that_maps_back_or_is_refused(key: str) -> None:
    if markers.is_usable_key(key):
        assert markers.key_of(markers.marker_name(key)) == key
        assert not set(key) & set('"\\$[]{}; \n\r\t')
    else:
        with pytest.raises(ValueError, match="cannot name a marker"):
            markers.marker_name(key)


def test_unexpected_comments_count_as_started() -> None:
    assert markers.state_of("edited by hand") is MarkerState.STARTED
    assert markers.state_of(None) is MarkerState.STARTED
    assert markers.state_of("tikjobs: failed") is MarkerState.FAILED
    assert markers.key_of("backup-script") is None
