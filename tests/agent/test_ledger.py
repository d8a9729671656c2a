"""The local ledger on real files: what survives a restart, a torn last line, the lock, and
that its disk work leaves the event loop free."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tikjobs.agent import ledger as ledger_module
from tikjobs.agent.exceptions import LedgerError
from tikjobs.agent.ledger import Entry, Ledger

pytestmark = pytest.mark.anyio


async def test_an_entry_survives_closing_and_opening_again(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    ledger.offered("k1", "job-1", needs_acknowledgement=True)
    await ledger.started("k1")
    await ledger.outcome("k1", ("loaded", "running", "failed"), error="boom")
    ledger.offered("k2", "job-2", needs_acknowledgement=False)
    await ledger.started("k2")
    await ledger.close()

    again = Ledger.open(path)

    entry = again.get("k1")
    assert entry is not None
    assert entry.started
    assert entry.statuses == ("loaded", "running", "failed")
    assert entry.error == "boom"
    assert [e.key for e in again.unreported()] == ["k1"]
    second = again.get("k2")
    assert second is not None
    assert second.started
    assert not second.has_outcome
    assert not second.needs_acknowledgement
    await again.close()


async def test_a_key_only_offered_is_not_on_disk_so_it_would_run(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    ledger.offered("k1", "job-1", needs_acknowledgement=True)
    assert ledger.get("k1") is not None
    await ledger.close()

    again = Ledger.open(path)

    assert again.get("k1") is None
    await again.close()


async def test_opening_compacts_to_one_line_per_key(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    ledger.offered("k1", "job-1", needs_acknowledgement=True)
    await ledger.started("k1")
    await ledger.outcome("k1", ("loaded", "running", "completed"), output="ok")
    await ledger.reported("k1")
    await ledger.close()

    await Ledger.open(path).close()

    header, *lines = path.read_text().splitlines()
    assert json.loads(header) == {"format": "tikjobs-ledger", "version": 2}
    assert len(lines) == 1


async def test_a_line_torn_by_a_crash_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    ledger.offered("k1", "job-1", needs_acknowledgement=True)
    await ledger.started("k1")
    await ledger.close()
    with path.open("a") as handle:
        handle.write('{"key":"k1","job_id":"job-1","started":true,"statu')

    again = Ledger.open(path)

    entry = again.get("k1")
    assert entry is not None
    assert entry.started
    assert not entry.has_outcome
    await again.close()


async def test_writes_made_together_are_all_on_disk_in_the_order_made(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    keys = [f"k{number}" for number in range(40)]
    written: list[asyncio.Future[Entry]] = []
    for number, key in enumerate(keys):
        ledger.offered(key, f"job-{number}", needs_acknowledgement=True)
        written.append(ledger.started(key))
    for key in keys:
        written.append(ledger.outcome(key, ("loaded", "running", "completed"), output=key))
        written.append(ledger.reported(key))

    durable = await asyncio.gather(*written)

    assert all(entry.key in keys for entry in durable)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    for key in keys:
        steps = [line for line in lines if line.get("key") == key]
        assert [(s["started"], s["statuses"], s["reported"]) for s in steps] == [
            (True, [], False),
            (True, ["loaded", "running", "completed"], False),
            (True, ["loaded", "running", "completed"], True),
        ]
    await ledger.close()
    again = Ledger.open(path)
    assert [entry.key for entry in again.entries.values() if entry.settled] == keys
    assert again.unreported() == []
    await again.close()


async def test_closing_waits_for_the_lines_on_their_way_to_the_disk(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    ledger.offered("k1", "job-1", needs_acknowledgement=True)
    started = ledger.started("k1")
    outcome = ledger.outcome("k1", ("loaded", "running", "completed"), output="ok")

    await ledger.close()

    assert started.done()
    assert outcome.done()
    again = Ledger.open(path)
    entry = again.get("k1")
    assert entry is not None
    assert entry.output == "ok"
    await again.close()


async def test_a_slow_write_leaves_the_loop_serving_another_router(tmp_path: Path) -> None:
    """While one router's line is stuck on its way to the disk (its file busy in another
    thread), the event loop goes on: another router's ledger writes and answers."""
    slow = Ledger.open(tmp_path / "ledger-slow.jsonl")
    other = Ledger.open(tmp_path / "ledger-other.jsonl")
    slow.offered("k1", "job-1", needs_acknowledgement=True)
    other.offered("k2", "job-2", needs_acknowledgement=True)
    busy = slow._lock
    busy.acquire()
    release = threading.Timer(10.0, busy.release)
    release.start()
    try:
        stuck = slow.started("k1")
        async with asyncio.timeout(5.0):
            served = await other.started("k2")
        assert served.started
        assert not stuck.done()
    finally:
        release.cancel()
        if busy.locked():
            busy.release()
    async with asyncio.timeout(5.0):
        entry = await stuck
    assert entry.started
    await slow.close()
    await other.close()
    again = Ledger.open(tmp_path / "ledger-slow.jsonl")
    reopened = again.get("k1")
    assert reopened is not None
    assert reopened.started
    await again.close()


async def test_writing_to_a_closed_ledger_is_a_clear_error(tmp_path: Path) -> None:
    ledger = Ledger.open(tmp_path / "ledger.jsonl")
    ledger.offered("k1", "job-1", needs_acknowledgement=True)
    await ledger.close()

    with pytest.raises(LedgerError, match="is closed"):
        await ledger.started("k1")


async def test_a_second_agent_cannot_open_a_ledger_in_use(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    first = Ledger.open(path)

    with pytest.raises(LedgerError, match="in use by another agent"):
        Ledger.open(path)

    await first.close()
    await Ledger.open(path).close()


def test_an_unusable_state_directory_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")

    with pytest.raises(LedgerError, match="cannot open the ledger"):
        Ledger.open(blocker / "ledger.jsonl")


async def test_an_acknowledgement_rides_with_the_next_jobs_line_and_is_never_lost(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    fsyncs: list[float] = []
    ledger.on_fsync = fsyncs.append
    ledger.offered("k1", "job-1", needs_acknowledgement=True)
    await ledger.started("k1")
    await ledger.outcome("k1", ("loaded", "running", "completed"), output="ok")
    acknowledged = ledger.reported("k1")
    ledger.offered("k2", "job-2", needs_acknowledgement=True)
    await ledger.started("k2")

    assert acknowledged.done()
    assert len(fsyncs) == 3  # started, outcome, then the acknowledgement with k2's start
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [(line["key"], line["reported"]) for line in lines[-2:]] == [
        ("k1", True),
        ("k2", False),
    ]

    await ledger.outcome("k2", ("loaded", "running", "completed"), output="ok")
    await ledger.reported("k2")  # alone, it still reaches the disk
    again_lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert (again_lines[-1]["key"], again_lines[-1]["reported"]) == ("k2", True)
    await ledger.close()


async def _settle(ledger: Ledger, key: str) -> None:
    """A job's whole life in the ledger, up to its acknowledged outcome."""
    ledger.offered(key, f"job-{key}", needs_acknowledgement=False)
    await ledger.started(key)
    await ledger.outcome(key, ("loaded", "completed"), output=f"out {key}")
    ledger.reported(key)


async def test_the_markers_to_prune_are_the_oldest_settled_beyond_those_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    for n in range(5):
        await _settle(ledger, f"k{n}")
    ledger.offered("busy", "job-busy", needs_acknowledgement=True)
    await ledger.started("busy")
    await ledger.pruned("k1")

    assert [entry.key for entry in ledger.prunable(2)] == ["k0", "k2"]
    assert [entry.key for entry in ledger.prunable(0)] == ["k0", "k2", "k3", "k4"]
    assert ledger.prunable(4) == []
    await ledger.close()
    again = Ledger.open(path)
    assert [entry.key for entry in again.prunable(2)] == ["k0", "k2"]
    await again.close()


async def test_a_ledger_that_runs_for_long_stays_small_on_disk_and_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_module, "MAX_ENTRIES", 20)
    monkeypatch.setattr(ledger_module, "COMPACT_AT_LEAST", 40)
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    ledger.offered("stuck", "job-stuck", needs_acknowledgement=True)
    await ledger.started("stuck")
    most_lines = 0
    for n in range(300):
        await _settle(ledger, f"k{n}")
        for entry in ledger.prunable(5):
            await ledger.pruned(entry.key)
        most_lines = max(most_lines, len(path.read_text().splitlines()))
    await ledger.written()

    assert len(ledger.entries) <= 21
    assert most_lines < 200  # 300 jobs wrote about 1,200 lines
    stuck = ledger.get("stuck")
    assert stuck is not None
    assert stuck.started
    assert not stuck.has_outcome
    remembered = dict(ledger.entries)
    await ledger.close()
    again = Ledger.open(path)
    assert again.entries == remembered
    assert [entry.key for entry in again.prunable(0)] == [f"k{n}" for n in range(295, 300)]
    await again.close()


async def test_a_compaction_whose_rename_may_not_last_stops_the_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_module, "COMPACT_AT_LEAST", 5)
    monkeypatch.setattr(ledger_module, "COMPACT_FACTOR", 1)
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)

    def refused(directory: Path) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(ledger_module, "_sync_directory", refused)
    ended = []
    refusal = None
    for n in range(10):
        try:
            await _settle(ledger, f"k{n}")
        except LedgerError as error:
            refusal = str(error)
            break
        ended.append(f"k{n}")
    assert refusal is not None
    assert "cannot sync the directory" in refusal
    ledger.offered("later", "job-later", needs_acknowledgement=True)
    with pytest.raises(LedgerError, match="cannot sync the directory"):
        await ledger.started("later")
    await ledger.close()
    monkeypatch.undo()

    again = Ledger.open(path)
    assert ended
    for key in ended:
        entry = again.get(key)
        assert entry is not None
        assert entry.has_outcome
    assert again.get("later") is None
    await again.close()


_texts = st.text(max_size=40)


@given(
    st.builds(
        Entry,
        key=_texts,
        job_id=_texts,
        needs_acknowledgement=st.booleans(),
        offered_at=_texts,
        started=st.booleans(),
        statuses=st.lists(st.sampled_from(["loaded", "running", "completed", "failed"])).map(tuple),
        output=st.none() | _texts,
        error=st.none() | _texts,
        reported=st.booleans(),
        pruned=st.booleans(),
        rollback=st.none() | _texts,
        restored=st.booleans(),
    )
)
def test_every_field_of_an_entry_reads_back_from_its_line(entry: Entry) -> None:
    line = entry.to_json()

    assert "\n" not in line
    assert Entry.from_json(line) == entry
    assert json.loads(line)["statuses"] == list(entry.statuses)
