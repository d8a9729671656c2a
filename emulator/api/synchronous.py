"""``POST /api/synchronous/{router_id}``: one RouterOS API command, run through the tunnel.

How ``parameters`` becomes API words
------------------------------------
A list of strings is taken as it is: each string is one API word, and must start as
one (``=name=`` or ``?``), since RouterOS drops a connection that sends anything else.
A single string is split at whitespace into tokens; a token that looks like the start
of an API word begins a new word:

- an attribute ``=name=value`` (``name`` made of letters, digits, ``.``, ``-``, ``_``,
  so ``=.proplist=`` and ``=.id=`` too),
- a query ``?name``, ``?=name=value``, ``?<name=x``, ``?#|``,

and every other token continues the word before it, with the whitespace between them
kept exactly. So ``=script=/ip address add address=192.168.88.1/24 interface=ether1`` is
one word (its value runs on until the next token that starts a word), and
``=.proplist=address ?interface=bridge`` is two. A string whose first token does not
start a word is refused. A script containing a token such as ``=x=y`` or ``?y`` would be
cut there: send a list of words for such scripts.

``.tag`` words are refused: the tunnel correlates calls itself, and the router-side
client (librouteros) cannot handle tagged replies.

The answer
----------
Each ``!re`` row with its keys normalised (``.id`` -> ``id``, ``mac-address`` ->
``mac_address``) and its values as RouterOS sent them; a ``!done`` that carries
``=ret=`` (``add``, ``/execute``) adds a last row ``{"ret": value}``. A ``!trap``
answers 400 ``router_trap`` with the message and category; so does an answer whose rows
pass the agent's limit (its ``sync_answer_max`` setting, 4 MiB of text by default: the
agent abandons the command and says so, category 2); an unknown router 404; a
router without a connected agent 503; no answer within the sync timeout 504 (the call
is cancelled on the router).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence

import orjson
from fastapi import APIRouter, Response

from tikjobs.contracts.api import (
    API_WORD_START,
    PARAMETERS_LENGTH_MAX,
    WORDS_MAX,
    Envelope,
    SynchronousRequest,
    SyncRow,
    normalise_row,
)
from tikjobs.contracts.tunnel import SyncResult
from tikjobs.emulator.api.deps import KeyedRoute, RouterCall
from tikjobs.emulator.api.errors import documented
from tikjobs.emulator.exceptions import InvalidRequest, RouterOffline, RouterTimeout
from tikjobs.emulator.faults import FaultTarget

router = APIRouter(prefix="/api/synchronous", tags=["synchronous"], route_class=KeyedRoute)

SyncEnvelope = Envelope[list[SyncRow]]

_WORD_START = re.compile(f"^(?:{API_WORD_START})")
_TOKEN = re.compile(r"\S+")


def _refuse(reason: str) -> InvalidRequest:
    return InvalidRequest(f"invalid parameters: {reason}", {"parameters": [reason]})


def split_parameters(parameters: str) -> list[str]:
    """The API words a ``parameters`` string stands for (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    for token in _TOKEN.finditer(parameters):
        if _WORD_START.match(token.group()):
            spans.append((token.start(), token.end()))
        elif spans:
            spans[-1] = (spans[-1][0], token.end())
        else:
            raise _refuse(
                f"{token.group()[:40]!r} does not start an API word "
                "(=name=value or ?query); send a list of words to pass words as they are"
            )
    return [parameters[start:end] for start, end in spans]


def command_words(parameters: str | Sequence[str] | None) -> list[str]:
    """The words to send after the command; `InvalidRequest` names what is refused."""
    if parameters is None:
        return []
    if isinstance(parameters, str):
        if len(parameters) > PARAMETERS_LENGTH_MAX:
            raise _refuse(f"must be at most {PARAMETERS_LENGTH_MAX} characters")
        words = split_parameters(parameters)
    else:
        words = list(parameters)
        if sum(map(len, words)) > PARAMETERS_LENGTH_MAX:
            raise _refuse(f"must be at most {PARAMETERS_LENGTH_MAX} characters in all")
    if len(words) > WORDS_MAX:
        raise _refuse(f"must be at most {WORDS_MAX} words")
    for word in words:
        if not word:
            raise _refuse("words must not be empty (an empty word ends a RouterOS sentence)")
        if word.startswith(".tag=") or word.startswith("=.tag="):
            raise _refuse(".tag words are not accepted; each call is correlated by the tunnel")
        if not _WORD_START.match(word):
            raise _refuse(f"{word[:40]!r} is not an API word (=name=value or ?query)")
    return words


def answer_body(result: SyncResult) -> bytes:
    """The answer's JSON, byte for byte what `SyncEnvelope` writes, without building it
    (the model cost more than the rows; FastAPI would also have validated every row
    again against the response model)."""
    return orjson.dumps({"status": "success", "data": answer_rows(result)})


def answer_rows(result: SyncResult) -> list[SyncRow]:
    """The rows a synchronous call answers: normalised ``!re`` rows, then ``ret``."""
    rows = [normalise_row(row) for row in result.rows]
    if result.ret is not None:
        rows.append({"ret": result.ret})
    return rows


@router.post(
    "/{router_id}",
    response_model=SyncEnvelope,
    summary="Run one RouterOS API command now",
    responses=documented(400, 401, 404, 422, 429, 503, 504),
)
async def run_command(payload: SynchronousRequest, call: RouterCall) -> Response:
    """Send the command to the router through its agent and answer the rows RouterOS sent
    (keys normalised: `.id` -> `id`, `mac-address` -> `mac_address`; a `ret` value comes
    as a last row `{"ret": ...}`).

    `parameters` as a list: each string is one API word, sent as it is. As one string: a
    new word starts at each whitespace-separated token that begins with `=name=` or `?`;
    any other token continues the word before it, whitespace kept. So
    `=script=/ip address add address=192.168.88.1/24 interface=ether1` is one word and
    `=.proplist=address ?interface=bridge` two. `.tag` words are refused.

    A RouterOS `!trap` answers 400 `router_trap` with its message and category, as does
    an answer larger than the agent carries (its `sync_answer_max`, 4 MiB of text by
    default: the command is abandoned, category 2); a router without a connected agent
    503; no answer within the sync timeout 504 (the command is cancelled on the router).
    """
    words = command_words(payload.parameters)
    owned, services = call.router, call.services
    timeout = services.settings.sync_timeout
    fault = services.faults.draw(FaultTarget.SYNC)
    if fault.delay > 0:
        await asyncio.sleep(min(fault.delay, timeout))
        if fault.delay >= timeout:
            raise RouterTimeout(f"router {owned.id} did not answer within {timeout:g} s")
    if fault.fail:
        raise RouterOffline(f"router {owned.id} is unreachable (injected fault)")
    result = await services.links.call_sync(owned.id, payload.command, words, timeout - fault.delay)
    return Response(answer_body(result), media_type="application/json")
