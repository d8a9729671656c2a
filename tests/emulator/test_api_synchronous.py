"""POST /api/synchronous/{router_id} on a real server with a scripted agent on the tunnel:
rows as the seed shows them, how parameters become API words, traps, offline routers,
timeouts with cancellation, correlation of concurrent calls, faults and bad input."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.emulator.api_harness import EmulatorThread, ok, refused, settings_for
from tests.emulator.tunnel_agent import ScriptedAgent
from tikjobs.contracts.api import SynchronousRequest
from tikjobs.contracts.tunnel import SyncCancel, SyncRequest, SyncResult, Trap
from tikjobs.emulator.api.synchronous import (
    SyncEnvelope,
    answer_body,
    answer_rows,
    command_words,
    split_parameters,
)
from tikjobs.emulator.exceptions import InvalidRequest

SYNC_TIMEOUT = 1.5

ARP_ROW = {
    ".id": "*1",
    "address": "",
    "mac-address": "50:32:37:7B:93:49",
    "interface": "bridge",
    "published": "false",
    "invalid": "false",
    "DHCP": "false",
    "dynamic": "true",
    "complete": "true",
    "disabled": "false",
}
SEED_ARP_ANSWER = {
    "id": "*1",
    "address": "",
    "mac_address": "50:32:37:7B:93:49",
    "interface": "bridge",
    "published": "false",
    "invalid": "false",
    "DHCP": "false",
    "dynamic": "true",
    "complete": "true",
    "disabled": "false",
}


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorThread]:
    settings = settings_for(tmp_path_factory.mktemp("emulator"), sync_timeout=SYNC_TIMEOUT)
    with EmulatorThread(settings) as running:
        yield running


class Connected:
    """An account whose first router has a scripted agent on the tunnel."""

    def __init__(self, emulator: EmulatorThread) -> None:
        self.emulator = emulator
        self.account = emulator.account()
        self.agent = ScriptedAgent(emulator.tunnel_url, self.account.tunnel_token)
        self.client = emulator.async_client(self.account.api_key)

    async def __aenter__(self) -> Connected:
        await self.agent.connect()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.client.aclose()
        await self.agent.close()

    def call(self, body: Any) -> Awaitable[httpx.Response]:
        """Start a synchronous call; await it after the agent has answered."""
        url = f"/api/synchronous/{self.account.router_id}"
        return asyncio.ensure_future(self.client.post(url, json=body))

    async def answer(self, **result: Any) -> SyncRequest:
        """Receive the next SyncRequest and answer it with ``result``."""
        request = await self.agent.expect(SyncRequest)
        await self.agent.send(SyncResult(request_id=request.request_id, **result))
        return request

    async def run(self, body: Any, **result: Any) -> tuple[SyncRequest, httpx.Response]:
        pending = self.call(body)
        request = await self.answer(**result)
        return request, await pending


@pytest.mark.anyio
async def test_the_seeds_arp_listing_answers_normalised_rows(emulator: EmulatorThread) -> None:
    async with Connected(emulator) as connected:
        request, response = await connected.run({"command": "/ip/arp/print"}, rows=[ARP_ROW])
    assert request.command == "/ip/arp/print"
    assert request.words == []
    assert request.timeout == SYNC_TIMEOUT
    assert response.json() == {"status": "success", "data": [SEED_ARP_ANSWER]}


@pytest.mark.anyio
async def test_an_empty_print_answers_an_empty_list(emulator: EmulatorThread) -> None:
    async with Connected(emulator) as connected:
        _, response = await connected.run({"command": "/ip/route/print"}, rows=[])
    assert ok(response) == []


@pytest.mark.anyio
async def test_the_seeds_execute_script_is_one_word(emulator: EmulatorThread) -> None:
    script = "=script=/ip address add address=192.168.88.1/24 interface=ether1 disabled=no"
    async with Connected(emulator) as connected:
        request, response = await connected.run(
            {"command": "/execute", "parameters": script}, ret="*7"
        )
    assert request.words == [script]
    assert ok(response) == [{"ret": "*7"}]


@pytest.mark.anyio
async def test_a_proplist_and_a_query_are_two_words(emulator: EmulatorThread) -> None:
    async with Connected(emulator) as connected:
        request, response = await connected.run(
            {"command": "/ip/address/print", "parameters": "=.proplist=address ?interface=bridge"},
            rows=[{"address": "192.168.88.1/24"}],
        )
    assert request.words == ["=.proplist=address", "?interface=bridge"]
    assert ok(response) == [{"address": "192.168.88.1/24"}]


@pytest.mark.anyio
async def test_a_list_of_words_is_sent_as_it_is(emulator: EmulatorThread) -> None:
    words = ['=script=:put [:len "a =b=c ?d"]\n:log info x', "=as-string="]
    async with Connected(emulator) as connected:
        request, response = await connected.run(
            {"command": "/execute", "parameters": words}, ret="6"
        )
    assert request.words == words
    assert ok(response) == [{"ret": "6"}]


@pytest.mark.anyio
async def test_a_trap_is_400_with_its_message_and_category(emulator: EmulatorThread) -> None:
    trap = Trap(message="failure: already have such address", category=1)
    async with Connected(emulator) as connected:
        _, response = await connected.run(
            {"command": "/ip/address/add", "parameters": "=address=10.0.0.1/24 =interface=ether1"},
            traps=[trap],
        )
    answer = refused(response, 400)
    assert answer["code"] == "router_trap"
    assert answer["message"] == trap.message
    assert answer["errors"] == {"command": [trap.message]}
    assert answer["details"]["category"] == 1


@pytest.mark.anyio
async def test_an_agent_that_cannot_reach_its_router_is_503(emulator: EmulatorThread) -> None:
    async with Connected(emulator) as connected:
        _, response = await connected.run({"command": "/system/identity/print"}, error="refused")
    assert refused(response, 503)["code"] == "router_offline"


@pytest.mark.anyio
async def test_no_answer_in_time_is_504_and_the_call_is_cancelled(emulator: EmulatorThread) -> None:
    async with Connected(emulator) as connected:
        pending = connected.call({"command": "/tool/ping", "parameters": "=address=10.0.0.9"})
        request = await connected.agent.expect(SyncRequest)
        cancel = await connected.agent.expect(SyncCancel)
        response = await pending
        await connected.agent.send(SyncResult(request_id=request.request_id, rows=[{"a": "1"}]))
        _, after = await connected.run({"command": "/system/identity/print"}, rows=[{"b": "2"}])
    assert cancel.request_id == request.request_id
    assert refused(response, 504)["code"] == "router_timeout"
    assert ok(after) == [{"b": "2"}]


@pytest.mark.anyio
async def test_concurrent_calls_get_their_own_answers(emulator: EmulatorThread) -> None:
    async with Connected(emulator) as connected:
        calls = [
            connected.call({"command": "/system/identity/print", "parameters": f"=.proplist=n{n}"})
            for n in range(5)
        ]
        requests = [await connected.agent.expect(SyncRequest) for _ in calls]
        for request in reversed(requests):
            await connected.agent.send(
                SyncResult(request_id=request.request_id, rows=[{"word": request.words[0]}])
            )
        responses = [await call for call in calls]
    assert [ok(response) for response in responses] == [
        [{"word": f"=.proplist=n{n}"}] for n in range(5)
    ]


def test_a_router_without_an_agent_is_503(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        response = client.post(
            f"/api/synchronous/{account.router_id}", json={"command": "/ip/arp/print"}
        )
    assert refused(response, 503)["code"] == "router_offline"


def test_an_offline_router_is_logged_in_one_line_without_a_traceback(
    emulator: EmulatorThread, caplog: pytest.LogCaptureFixture
) -> None:
    account = emulator.account()
    with caplog.at_level(logging.WARNING, logger="tikjobs.emulator.api"):
        with emulator.client(account.api_key) as client:
            response = client.post(
                f"/api/synchronous/{account.router_id}", json={"command": "/ip/arp/print"}
            )
    assert refused(response, 503)["code"] == "router_offline"
    lines = [record for record in caplog.records if str(account.router_id) in record.getMessage()]
    assert len(lines) == 1
    assert lines[0].levelno == logging.WARNING
    assert lines[0].exc_info is None
    assert "offline" in lines[0].getMessage()


@pytest.mark.anyio
async def test_another_customers_router_is_404_and_its_agent_hears_nothing(
    emulator: EmulatorThread,
) -> None:
    intruder = emulator.account()
    async with Connected(emulator) as victim:
        with emulator.client(intruder.api_key) as client:
            response = client.post(
                f"/api/synchronous/{victim.account.router_id}", json={"command": "/user/print"}
            )
        _, own = await victim.run({"command": "/system/identity/print"}, rows=[{"name": "r1"}])
    assert refused(response, 404)["code"] == "router_not_found"
    assert ok(own) == [{"name": "r1"}]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"command": "ip/arp/print"}, "command"),
        ({"command": ""}, "command"),
        ({"command": "/ip/arp print"}, "command"),
        ({"command": "/"}, "command"),
        ({}, "command"),
        ({"command": 7}, "command"),
        ({"command": "/x", "parameters": 5}, "parameters"),
        ({"command": "/x", "parameters": "address=1.2.3.4"}, "parameters"),
        ({"command": "/x", "parameters": ["=a=1", ""]}, "parameters"),
        ({"command": "/x", "parameters": ".tag=5"}, "parameters"),
        ({"command": "/x", "parameters": ["=name=x", ".tag=5"]}, "parameters"),
        ({"command": "/x", "parameters": ["=a=1"] * 257}, "parameters"),
    ],
)
def test_bad_commands_and_parameters_are_422_before_the_router_is_asked(
    emulator: EmulatorThread, body: Any, field: str
) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        answer = refused(client.post(f"/api/synchronous/{account.router_id}", json=body), 422)
    assert field in answer["errors"]


def test_an_unknown_router_is_404(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.client(account.api_key) as client:
        response = client.post(
            "/api/synchronous/00000000-0000-0000-0000-000000000003",
            json={"command": "/ip/arp/print"},
        )
    refused(response, 404)


# -- injected faults ---------------------------------------------------------------------


@pytest.mark.anyio
async def test_a_sync_failure_fault_is_503_until_cleared(emulator: EmulatorThread) -> None:
    with emulator.admin() as admin:
        ok(admin.put("/_emulator/faults", json={"sync": {"failure_rate": 1}}))
    try:
        async with Connected(emulator) as connected:
            failed = await connected.client.post(
                f"/api/synchronous/{connected.account.router_id}", json={"command": "/user/print"}
            )
            with emulator.admin() as admin:
                ok(admin.delete("/_emulator/faults"))
            _, answered = await connected.run({"command": "/user/print"}, rows=[{"name": "a"}])
    finally:
        with emulator.admin() as admin:
            ok(admin.delete("/_emulator/faults"))
    assert refused(failed, 503)["code"] == "router_offline"
    assert "injected" in failed.json()["message"]
    assert ok(answered) == [{"name": "a"}]


def test_latency_beyond_the_sync_timeout_is_504(emulator: EmulatorThread) -> None:
    account = emulator.account()
    with emulator.admin() as admin:
        ok(admin.put("/_emulator/faults", json={"sync": {"latency": SYNC_TIMEOUT}}))
    try:
        with emulator.client(account.api_key) as client:
            response = client.post(
                f"/api/synchronous/{account.router_id}", json={"command": "/user/print"}
            )
    finally:
        with emulator.admin() as admin:
            ok(admin.delete("/_emulator/faults"))
    assert refused(response, 504)["code"] == "router_timeout"


# -- the word rules without the server -------------------------------------------------------

NAME = st.from_regex(r"[a-z][a-z0-9.-]{0,10}", fullmatch=True)
PLAIN_TOKEN = st.from_regex(r"[^\s=?][^\s]{0,8}", fullmatch=True)
WORD = st.one_of(
    st.builds(
        lambda name, tokens: f"={name}=" + " ".join(tokens),
        NAME,
        st.lists(PLAIN_TOKEN, max_size=4),
    ),
    st.builds(lambda name: f"?{name}", NAME),
    st.builds(lambda name, value: f"?{name}={value}", NAME, PLAIN_TOKEN),
)


@given(words=st.lists(WORD, max_size=6), separator=st.sampled_from([" ", "  ", "\n", "\t "]))
def test_words_joined_by_whitespace_split_back(words: list[str], separator: str) -> None:
    assert split_parameters(separator.join(words)) == words


@given(text=st.text(max_size=80))
def test_any_parameters_string_splits_or_is_refused_keeping_every_token(text: str) -> None:
    refusal: InvalidRequest | None = None
    try:
        words = command_words(text)
    except InvalidRequest as error:
        refusal, words = error, []
    if refusal is not None:
        assert list(refusal.errors) == ["parameters"]
    else:
        assert "".join(text.split()) == "".join("".join(word.split()) for word in words)


def schema_pattern_matches(pattern: str, text: str) -> bool:
    """Whether a JSON Schema ``pattern`` matches ``text`` as the standard reads it (an
    ECMA-262 search, where ``$`` is the end of the text): Python's ``$`` also matches
    before a final newline, so ``/0\\n`` would seem allowed by ``^/...$``."""
    assert "\\$" not in pattern  # every ``$`` here is an anchor
    return re.search(pattern.replace("$", r"\Z"), text) is not None


def _documented_parameters() -> dict[str, Any]:
    schema = SynchronousRequest.model_json_schema()["properties"]["parameters"]
    return {option["type"]: option for option in schema["anyOf"]}


@given(
    word=WORD
    | st.text(max_size=12)
    | st.sampled_from(["", "?", "=.tag=7", ".tag=7", "=a=", "==", "=a b=c", "=.proplist=x"])
)
def test_a_word_is_taken_exactly_when_the_document_allows_it(word: str) -> None:
    """What the document says of a word is what the emulator takes: a client that checks
    its words against /openapi.json is never refused for one."""
    pattern = _documented_parameters()["array"]["items"]["pattern"]
    try:
        command_words([word])
    except InvalidRequest:
        assert not schema_pattern_matches(pattern, word), word
    else:
        assert schema_pattern_matches(pattern, word), word


@given(
    command=st.builds(lambda rest: "/" + rest, st.text(max_size=10))
    | st.text(max_size=10)
    | st.sampled_from(
        ["/ip/arp/print", "/ip arp", "//ip", "/ip\x85", "/ip\u3000a", "/\ufeff", "/ip\n"]
    )
)
def test_a_command_is_taken_exactly_when_the_document_allows_it(command: str) -> None:
    """The document's pattern for a command word is the emulator's rule, whitespace
    included: JSON Schema's ``\\s`` is not Python's, so a ``\\s`` pattern would say a
    command with U+0085 is allowed when the emulator refuses it."""
    schema = SynchronousRequest.model_json_schema()["properties"]["command"]
    fits = schema["minLength"] <= len(command) <= schema["maxLength"]
    documented = fits and schema_pattern_matches(schema["pattern"], command)
    try:
        SynchronousRequest(command=command)
    except ValidationError as error:
        assert not documented, command
        [problem] = error.errors()
        assert problem["loc"] == ("command",)
    else:
        assert documented, command


def test_a_list_of_words_is_refused_past_its_documented_count() -> None:
    most = _documented_parameters()["array"]["maxItems"]
    assert len(command_words(["?a"] * most)) == most
    with pytest.raises(InvalidRequest):
        command_words(["?a"] * (most + 1))


def test_a_parameters_string_is_refused_past_its_documented_length() -> None:
    longest = _documented_parameters()["string"]["maxLength"]
    assert command_words("=comment=" + "x" * (longest - len("=comment="))) != []
    with pytest.raises(InvalidRequest):
        command_words("=comment=" + "x" * (longest + 1 - len("=comment=")))


def test_a_script_keeps_its_line_breaks() -> None:
    script = "=script=:log info a\n:log info b\n\n:put done"
    assert split_parameters(script) == [script]


def test_a_string_of_only_whitespace_is_no_words() -> None:
    assert command_words("  \n\t ") == []
    assert command_words(None) == []


ROUTEROS_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=24
) | st.sampled_from(["mac-address", ".id", "*1A", "\u2028", '"quoted" \\ back', "\x00\x1f\x7f"])


@given(
    rows=st.lists(st.dictionaries(ROUTEROS_TEXT, ROUTEROS_TEXT, max_size=6), max_size=4),
    ret=st.none() | ROUTEROS_TEXT,
)
def test_the_answer_is_byte_for_byte_what_its_documented_model_writes(
    rows: list[dict[str, str]], ret: str | None
) -> None:
    result = SyncResult(request_id="1", rows=rows, ret=ret)
    documented = SyncEnvelope(data=answer_rows(result)).model_dump_json().encode()
    assert answer_body(result) == documented


@pytest.mark.anyio
async def test_json_only_pythons_parser_reads_is_answered_too(emulator: EmulatorThread) -> None:
    """UTF-16 is JSON to Python's parser (and FastAPI's), not to pydantic's."""
    body = json.dumps({"command": "/ip/arp/print"}).encode("utf-16")
    async with Connected(emulator) as connected:
        url = f"/api/synchronous/{connected.account.router_id}"
        headers = {"Content-Type": "application/json"}
        pending = asyncio.ensure_future(connected.client.post(url, content=body, headers=headers))
        request = await connected.answer(rows=[ARP_ROW])
        response = await pending
    assert request.command == "/ip/arp/print"
    assert ok(response) == [SEED_ARP_ANSWER]


@pytest.mark.parametrize(
    "parameters", [b'"=comment=\\ud83d"', b'["=comment=\\ud83d"]', b'["=a=1", "=b=\\udc00x"]']
)
def test_half_a_character_in_the_parameters_is_422_naming_them(
    emulator: EmulatorThread, parameters: bytes
) -> None:
    """A lone surrogate escape cannot be sent to a router as UTF-8."""
    account = emulator.account()
    body = b'{"command": "/ip/arp/print", "parameters": ' + parameters + b"}"
    with emulator.client(account.api_key) as client:
        answer = client.post(
            f"/api/synchronous/{account.router_id}",
            content=body,
            headers={"Content-Type": "application/json"},
        )
    assert answer.status_code == 422
    errors = answer.json()["errors"]
    assert {field.split(".")[0] for field in errors} == {"parameters"}
    assert any(
        "Input should be a valid string, unable to parse raw data as a unicode string" in messages
        for messages in errors.values()
    )
