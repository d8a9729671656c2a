"""The local ledger on real files: what survives a restart, a torn last line, the lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.exceptions import LedgerError
from agent.ledger import Ledger


def test_an_entry_survives_closing_and_opening_again(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    ledger.offered("k1", "job-1", needs_acknowledgement=True)
    ledger.started("k1")
    ledger.outcome("k1", ("loaded", "running", "failed"), error="boom")
    ledger.offered("k2", "job-2", needs_acknowledgement=False)
    ledger.close()

    again = Ledger.open(path)

    entry = again.get("k1")
    assert entry is not None
    assert entry.started
    assert entry.statuses == ("loaded", "running", "failed")
    assert entry.error == "boom"
    assert [e.key for e in again.unreported()] == ["k1"]
    second = again.get("k2")
    assert second is not None
    assert not second.started
    assert not second.needs_acknowledgement
    again.close()


def test_opening_compacts_to_one_line_per_key(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    ledger.offered("k1", "job-1", needs_acknowledgement=True)
    ledger.started("k1")
    ledger.outcome("k1", ("loaded", "running", "completed"), output="ok")
    ledger.reported("k1")
    ledger.close()

    Ledger.open(path).close()

    assert len(path.read_text().splitlines()) == 1


def test_a_line_torn_by_a_crash_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger.open(path)
    ledger.offered("k1", "job-1", needs_acknowledgement=True)
    ledger.started("k1")
    ledger.close()
    with path.open("a") as handle:
        handle.write('{"key":"k1","job_id":"job-1","started":true,"statu')

    again = Ledger.open(path)

    entry = again.get("k1")
    assert entry is not None
    assert entry.started
    assert not entry.has_outcome
    again.close()


def test_a_second_agent_cannot_open_a_ledger_in_use(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    first = Ledger.open(path)

    with pytest.raises(LedgerError, match="in use by another agent"):
        Ledger.open(path)

    first.close()
    Ledger.open(path).close()


def test_an_unusable_state_directory_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")

    with pytest.raises(LedgerError, match="cannot open the ledger"):
        Ledger.open(blocker / "ledger.jsonl")
