"""The rows a synchronous call answers: every key normalised as the seed shows it, the
same way every time, without what is remembered for that growing without end."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tikjobs.contracts import api
from tikjobs.contracts.api import normalise_key, normalise_row


def test_the_seeds_keys_are_normalised() -> None:
    row = {".id": "*1", "mac-address": "50:32:37:7B:93:49", "DHCP": "false"}
    assert normalise_row(row) == {"id": "*1", "mac_address": "50:32:37:7B:93:49", "DHCP": "false"}


@given(st.lists(st.dictionaries(st.text(max_size=12), st.text(max_size=4), max_size=8), max_size=6))
def test_a_rows_keys_are_normalised_the_same_every_time(rows: list[dict[str, str]]) -> None:
    for _ in range(2):
        for row in rows:
            assert normalise_row(row) == {normalise_key(key): value for key, value in row.items()}


def test_rows_with_ever_new_keys_do_not_grow_what_is_remembered() -> None:
    for number in range(3 * api._NORMALISED_MAX):
        assert normalise_row({f"-key-{number}": "x"}) == {f"_key_{number}": "x"}
    assert len(api._NORMALISED) <= api._NORMALISED_MAX
