"""The least the synchronous call's stack can cost: a bare cloud and a bare agent.

How this works
--------------
``python -m bench.bare_tunnel cloud`` serves a plain ASGI app on uvicorn with the
emulator's own stack settings (`emulator.serve.STACK`): uvloop, httptools with the
emulator's one-write connection (`emulator.http_protocol`), websockets-sansio without
compression or pings, no proxy-header or server-header work.
An agent connects a WebSocket to ``/tunnel``; ``POST /api/synchronous/{anything}`` with
``{"command": "/x/print"}`` sends ``{"id": n, "command": ...}`` to the agent that
connected last, waits for the frame carrying the same ``id`` and answers
``{"status": "success", "data": rows}``. With no agent connected, or when the agent's
tunnel closes before it answered, it answers 503. It prints ``bare cloud listening on
URL`` once it accepts.

``python -m bench.bare_tunnel agent URL HOST PORT [USER [PASSWORD]]`` logs in to the
router at HOST:PORT with librouteros (by default as ``admin`` with no password),
connects to the cloud at URL with websockets' asyncio client as ``tikjobs agent`` does,
and runs each frame's command in a task of its own on that one API session (one command
at a time), reading the answer with the project's sentence decoder, as the agent does.
It prints ``bare agent connected`` once its tunnel is up, and stops when the tunnel
closes.

Neither checks a key, validates a body or a frame, stores, counts, keeps a timeout or
reconnects: what a call through the pair costs is what the stack the emulator and the
agent are built on costs for it, before any of the product's own work. `bench.system`
times it beside the system's call and librouteros straight to the router.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
from typing import Any

import librouteros
import orjson
import uvicorn
from librouteros.protocol import encode_sentence
from websockets.asyncio.client import ClientConnection, connect

from tikjobs.emulator.serve import STACK, EmulatorServer
from tikjobs.loops import fast_loop_factory
from tikjobs.vm.sim.protocol import Decoder, NeedData

CLOUD_LISTENING = "bare cloud listening on {url}"
AGENT_CONNECTED = "bare agent connected"
USER = "admin"
PASSWORD = ""

Scope = dict[str, Any]


class BareCloud:
    """The cloud's side: HTTP calls in, frames to the last agent to connect, rows out."""

    def __init__(self) -> None:
        self._agent: Any = None
        self._waiting: dict[int, asyncio.Future[list[dict[str, str]]]] = {}
        self._numbers = itertools.count(1)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
        elif scope["type"] == "websocket":
            await self._tunnel(receive, send)
        else:
            await self._call(receive, send)

    async def _tunnel(self, receive: Any, send: Any) -> None:
        await receive()  # websocket.connect
        await send({"type": "websocket.accept"})
        self._agent = send
        try:
            while (message := await receive())["type"] == "websocket.receive":
                answer = orjson.loads(message["text"])
                waiting = self._waiting.pop(answer["id"], None)
                if waiting is not None and not waiting.done():
                    waiting.set_result(answer["rows"])
        finally:
            if self._agent is send:
                self._agent = None
                waiting_calls, self._waiting = self._waiting, {}
                for waiting in waiting_calls.values():
                    if not waiting.done():
                        waiting.set_exception(ConnectionError("the agent's tunnel closed"))

    async def _call(self, receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        if self._agent is None:
            await _answer(send, 503, {"status": "error", "message": "no agent connected"})
            return
        number = next(self._numbers)
        waiting = asyncio.get_running_loop().create_future()
        self._waiting[number] = waiting
        command = orjson.loads(body)["command"]
        frame = orjson.dumps({"id": number, "command": command}).decode()
        await self._agent({"type": "websocket.send", "text": frame})
        try:
            rows = await waiting
        except ConnectionError as error:
            await _answer(send, 503, {"status": "error", "message": str(error)})
            return
        await _answer(send, 200, {"status": "success", "data": rows})


async def _lifespan(receive: Any, send: Any) -> None:
    while (await receive())["type"] == "lifespan.startup":
        await send({"type": "lifespan.startup.complete"})
    await send({"type": "lifespan.shutdown.complete"})


async def _answer(send: Any, status: int, document: object) -> None:
    body = orjson.dumps(document)
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def serve_cloud() -> None:
    config = uvicorn.Config(
        BareCloud(), host="127.0.0.1", port=0, log_level="warning", access_log=False, **STACK
    )
    EmulatorServer(
        config, announce=lambda url: print(CLOUD_LISTENING.format(url=url), flush=True)
    ).run()


class BareRouter:
    """One logged-in API session, one command at a time, answers read by `Decoder`."""

    def __init__(self, api: Any) -> None:
        transport = api.protocol.transport
        self._reader: asyncio.StreamReader = transport.reader
        self._writer: asyncio.StreamWriter = transport.writer
        self._decoder = Decoder()
        self._turn = asyncio.Lock()

    async def run(self, command: str) -> list[dict[str, str]]:
        """The ``!re`` rows of ``command``'s answer."""
        async with self._turn:
            self._writer.write(encode_sentence(command, encoding="utf-8"))
            rows = []
            while True:
                while isinstance(sentence := self._decoder.next_sentence(), NeedData):
                    data = await self._reader.read(65536)
                    if not data:
                        raise EOFError("the router closed the connection")
                    self._decoder.feed(data)
                if sentence[0] == "!re":
                    rows.append(dict(word[1:].partition("=")[::2] for word in sentence[1:]))
                elif sentence[0] in ("!done", "!trap", "!fatal"):
                    return rows


async def run_agent(url: str, host: str, port: int, user: str, password: str) -> None:
    api = await librouteros.async_connect(host=host, username=user, password=password, port=port)
    router = BareRouter(api)
    tasks: set[asyncio.Task[None]] = set()
    async with connect(url, ping_interval=None) as tunnel:
        print(AGENT_CONNECTED, flush=True)
        async for message in tunnel:
            task = asyncio.get_running_loop().create_task(_serve(router, tunnel, message))
            tasks.add(task)
            task.add_done_callback(tasks.discard)


async def _serve(router: BareRouter, tunnel: ClientConnection, message: str | bytes) -> None:
    frame = orjson.loads(message)
    rows = await router.run(frame["command"])
    await tunnel.send(orjson.dumps({"id": frame["id"], "rows": rows}).decode())


def main() -> None:
    arguments = sys.argv[1:]
    if arguments == ["cloud"]:
        serve_cloud()
    elif 4 <= len(arguments) <= 6 and arguments[0] == "agent" and arguments[3].isdigit():
        url, host, port = arguments[1], arguments[2], int(arguments[3])
        user = arguments[4] if len(arguments) > 4 else USER
        password = arguments[5] if len(arguments) > 5 else PASSWORD
        with asyncio.Runner(loop_factory=fast_loop_factory()) as runner:
            runner.run(run_agent(url, host, port, user, password))
    else:
        sys.exit("usage: python -m bench.bare_tunnel cloud | agent URL HOST PORT [USER [PASSWORD]]")


if __name__ == "__main__":
    main()
