"""The whole contract suite against the emulator, its agent and a simulated router, both as
a library and as ``tikjobs contract``: every property holds, and the report says so."""

from __future__ import annotations

import pytest

from tikjobs.cli import main
from tikjobs.contracts.local import LocalCloud
from tikjobs.contracts.suite import NAMES, Verdict, report_line, run_suite, succeeded, summary

EXAMPLES = 6


def test_every_property_holds_for_the_emulator_agent_and_simulator(cloud: LocalCloud) -> None:
    outcomes = run_suite(cloud.target(allow_writes=True, max_examples=EXAMPLES, wait=20))

    report = "\n".join(report_line(outcome) for outcome in outcomes)
    assert [outcome.name for outcome in outcomes] == list(NAMES)
    assert all(outcome.verdict is Verdict.PASSED for outcome in outcomes), report
    assert succeeded(outcomes)
    assert summary(outcomes) == f"{len(NAMES)} properties: {len(NAMES)} passed"


def test_properties_without_their_extras_are_skipped_saying_what_they_need(
    cloud: LocalCloud,
) -> None:
    target = cloud.target(second_token=None, notify_sink=None, max_examples=2)
    outcomes = {
        outcome.name: outcome
        for outcome in run_suite(
            target, only=["tenancy", "notifications_follow_lifecycle", "configuration_round_trip"]
        )
    }

    assert {outcome.verdict for outcome in outcomes.values()} == {Verdict.SKIPPED}
    assert "--second-token" in outcomes["tenancy"].detail
    assert "--notify-sink" in outcomes["notifications_follow_lifecycle"].detail
    assert "--allow-writes" in outcomes["configuration_round_trip"].detail


def test_an_unknown_property_is_refused_with_the_known_ones(cloud: LocalCloud) -> None:
    with pytest.raises(ValueError, match="no such properties: tenacity; known: "):
        run_suite(cloud.target(), only=["tenacity"])


def test_tikjobs_contract_prints_a_line_per_property_and_exits_zero(
    cloud: LocalCloud, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "contract",
            "--base-url", cloud.base_url,
            "--token", cloud.api_key,
            "--router-id", cloud.router_id,
            "--admin-token", cloud.admin_token,
            "--examples", "3",
            "--only", "description_length",
            "--only", "synchronous_reads",
            "--only", "tenancy",
        ]
    )  # fmt: skip

    shown = capsys.readouterr().out
    assert status == 0, shown
    assert f"tikjobs contract: {cloud.base_url}, router {cloud.router_id}" in shown
    assert "read-only and harmless scripts" in shown
    assert "PASS   description_length" in shown
    assert "PASS   synchronous_reads" in shown
    assert "SKIP   tenancy" in shown
    assert "needs --second-token" in shown
    assert "3 properties: 2 passed, 1 skipped" in shown


def test_tikjobs_contract_reads_keys_from_the_environment(
    cloud: LocalCloud, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MIKROCLOUD_URL", cloud.base_url)
    monkeypatch.setenv("MIKROCLOUD_TOKEN", cloud.api_key)
    monkeypatch.setenv("MIKROCLOUD_ROUTER", cloud.router_id)

    status = main(["contract", "--examples", "2", "--only", "answers_are_seed_shaped"])

    assert status == 0
    assert "1 properties: 1 passed" in capsys.readouterr().out


def test_tikjobs_contract_without_a_server_names_what_is_missing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("MIKROCLOUD_URL", "MIKROCLOUD_TOKEN", "MIKROCLOUD_ROUTER"):
        monkeypatch.delenv(variable, raising=False)

    status = main(["contract", "--base-url", "http://127.0.0.1:9"])

    assert status == 2
    error = capsys.readouterr().err
    assert "--token (MIKROCLOUD_TOKEN)" in error
    assert "--router-id (MIKROCLOUD_ROUTER)" in error


def test_a_server_that_does_not_answer_is_an_error_not_a_pass(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(
        [
            "contract",
            "--base-url", "http://127.0.0.1:9",
            "--token", "a:b:c",
            "--router-id", "00000000-0000-0000-0000-000000000003",
            "--only", "synchronous_reads",
        ]
    )  # fmt: skip

    shown = capsys.readouterr().out
    assert status == 1
    assert "ERROR  synchronous_reads" in shown
    assert "1 properties: 1 could not be checked" in shown
