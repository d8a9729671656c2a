"""The ticker the devices of a process share: every device's schedule runs, from one
thread, and a device closed is never ticked again."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from tests.support.waiting import eventually_blocking
from tikjobs.vm.sim.command import Command
from tikjobs.vm.sim.device import Device
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.ticker import Ticker

FLEET = 30


def ticker_threads(name: str) -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == name]


@pytest.fixture
def fleet() -> Iterator[list[Device]]:
    devices = [Device(RouterModel(identity=f"r{index}"), tick=0.02) for index in range(FLEET)]
    for device in devices:
        device.start()
    yield devices
    for device in devices:
        device.close()


def test_a_fleets_schedules_all_run_from_one_thread(fleet: list[Device]) -> None:
    for index, device in enumerate(fleet):
        device.execute(
            Command(
                ("system", "scheduler"),
                "add",
                {"name": "beat", "interval": "1s", "on-event": f":log info beat-{index}"},
            )
        )

    eventually_blocking(
        lambda: all(device.execution_count(f"beat-{i}") >= 2 for i, device in enumerate(fleet)),
        "every device's scheduler ran its item twice",
    )
    assert len(ticker_threads("device-ticker")) == 1


def test_a_device_removed_mid_tick_is_waited_for_and_never_ticked_again() -> None:
    ticker = Ticker("test-ticker")
    ticking, release = threading.Event(), threading.Event()
    ticks: list[str] = []

    def slow() -> None:
        ticks.append("slow")
        ticking.set()
        release.wait(10)

    ticker.add("slow", 0.01, slow)
    assert ticking.wait(10)
    removed = threading.Event()
    remover = threading.Thread(target=lambda: (ticker.remove("slow"), removed.set()))
    remover.start()

    assert not removed.wait(0.2)  # the tick in progress is still running
    release.set()
    assert removed.wait(10)
    remover.join()
    count = len(ticks)
    ticker.add("probe", 0.01, lambda: ticks.append("probe"))
    eventually_blocking(lambda: ticks.count("probe") >= 3, "the ticker went on ticking")
    ticker.remove("probe")
    assert ticks.count("slow") == count
    assert "slow" not in ticker


def test_a_failing_tick_is_logged_and_the_other_devices_go_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ticker = Ticker("test-ticker")
    ticks: list[str] = []

    def broken() -> None:
        ticks.append("broken")
        raise RuntimeError("state file unreadable")

    ticker.add("broken", 0.01, broken)
    ticker.add("healthy", 0.01, lambda: ticks.append("healthy"))
    eventually_blocking(
        lambda: ticks.count("healthy") >= 3 and ticks.count("broken") >= 3,
        "both devices ticked again and again",
    )
    ticker.remove("broken")
    ticker.remove("healthy")
    assert "device ticker failed" in caplog.text
    assert "state file unreadable" in caplog.text


def test_the_thread_ends_with_the_last_device_and_starts_again_with_the_next() -> None:
    ticker = Ticker("test-ticker-life")
    ticks: list[str] = []
    ticker.add("first", 0.01, lambda: ticks.append("first"))
    eventually_blocking(lambda: "first" in ticks, "the first device ticked")
    ticker.remove("first")

    eventually_blocking(
        lambda: not ticker_threads("test-ticker-life"), "the thread ended with no device left"
    )
    ticker.add("second", 0.01, lambda: ticks.append("second"))
    eventually_blocking(lambda: "second" in ticks, "a new device is ticked")
    ticker.remove("second")


def test_an_interval_that_is_not_positive_is_refused() -> None:
    with pytest.raises(ValueError, match="positive number of seconds"):
        Ticker().add("device", 0, lambda: None)
