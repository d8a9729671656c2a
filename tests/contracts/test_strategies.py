"""The suite's own parts without a server: lengths at the limits, harmless scripts, the
shape tables against the contracts models, and the shape checks on good and bad values."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from tikjobs.contracts.api import Job, Notification, SubmitResult
from tikjobs.contracts.suite import checks, strategies
from tikjobs.contracts.suite.exceptions import ContractViolation


@given(length=st.integers(1, 9000), words=st.text(strategies.SAFE_CHARACTERS, max_size=30))
def test_a_harmless_script_has_the_length_asked_and_only_logs(length: int, words: str) -> None:
    script = strategies.harmless_script(length, words)
    assert len(script) == length
    if script.startswith(":log info "):
        assert script.endswith('"')
        assert script.count('"') == 2
    else:
        assert script.startswith("#")
        assert "\n" not in script


@given(data=st.data())
def test_lengths_stay_inside_or_beyond_their_limit(data: st.DataObject) -> None:
    inside = data.draw(strategies.descriptions(strategies.around(1, 100)))
    beyond = data.draw(strategies.descriptions(strategies.beyond(100, 1000)))
    assert 1 <= len(inside) <= 100
    assert inside[0].isalpha()
    assert 101 <= len(beyond) <= 1000


@given(url=strategies.not_https_urls())
def test_urls_refused_by_the_contract_never_start_with_https(url: str) -> None:
    assert not url.strip().lower().startswith("https")


@given(value=strategies.wrong_booleans())
def test_wrong_booleans_are_never_booleans_or_their_usual_spellings(value: Any) -> None:
    assert not isinstance(value, bool)
    assert value not in (0, 1, "0", "1")


@pytest.mark.parametrize(
    ("table", "model"),
    [
        (checks.SUBMIT_RESULT, SubmitResult),
        (checks.JOB, Job),
        (checks.NOTIFICATION, Notification),
    ],
)
def test_each_shape_table_names_exactly_the_models_fields(
    table: dict[str, checks.Kind], model: type[BaseModel]
) -> None:
    assert set(table) == set(model.model_fields)


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (checks.moment, "2024-05-28T08:05:28+00:00", "2024-05-28T08:05:28.000000Z"),
        (checks.moment, "2024-05-28T08:05:28+00:00", "2024-05-28 08:05:28"),
        (checks.uuid, "7bbb8378-1675-515d-8ef4-ddb784fd0e52", "7bbb8378"),
        (checks.status, "completed", "done"),
        (checks.boolean, False, "false"),
        (checks.integer, 1234567890, True),
    ],
)
def test_kinds_accept_the_seeds_values_and_name_what_is_wrong(
    kind: checks.Kind, good: Any, bad: Any
) -> None:
    assert kind(good) is None
    assert kind(bad)


def test_a_row_with_raw_keys_or_typed_values_is_a_violation() -> None:
    assert checks.normalised_row({"id": "*1", "mac_address": "x", "DHCP": "false"}, "arp") == {
        "id": "*1",
        "mac_address": "x",
        "DHCP": "false",
    }
    with pytest.raises(ContractViolation, match="mac-address"):
        checks.normalised_row({"mac-address": "x"}, "arp")
    with pytest.raises(ContractViolation, match="should be a string"):
        checks.normalised_row({"dynamic": True}, "arp")


def test_a_refusal_must_be_a_4xx_with_a_message_naming_the_field() -> None:
    from tikjobs.contracts.suite.client import Answer

    body = {"status": "error", "message": "invalid", "errors": {"description": ["too long"]}}
    refused = Answer("POST", "/api/asynchronous/x", 422, body, "", {})
    checks.refused_naming(refused, "description", "a long description")
    with pytest.raises(ContractViolation, match="does not name 'script'"):
        checks.refused_naming(refused, "script", "a long script")
    crashed = Answer("POST", "/api/asynchronous/x", 500, body, "", {})
    with pytest.raises(ContractViolation, match="server error"):
        checks.refusal(crashed, "a bad body")
