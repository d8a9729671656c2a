"""A bare RouterOS API client on the project's codec, for what librouteros cannot do.

librouteros has no tags and crashes on an unexpected ``.tag``; tests of tags, ``/cancel``,
``/quit``, ``!empty`` and garbage bytes talk to the server through this instead.
"""

from __future__ import annotations

import asyncio
from types import TracebackType

from tikjobs.vm.sim.protocol import Decoder, NeedData, Sentence, encode_sentence

TIMEOUT = 10.0


class RawApi:
    """One connection: send sentences, read sentences, each read bounded by a timeout."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.decoder = Decoder()

    @classmethod
    async def connect(cls, host: str, port: int) -> RawApi:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), TIMEOUT)
        return cls(reader, writer)

    @classmethod
    async def logged_in(cls, host: str, port: int, user: str, password: str) -> RawApi:
        api = await cls.connect(host, port)
        assert await api.talk("/login", f"=name={user}", f"=password={password}") == [("!done",)]
        return api

    async def send(self, *words: str) -> None:
        self.writer.write(encode_sentence(words))
        await self.writer.drain()

    async def send_bytes(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def read(self, within: float = TIMEOUT) -> Sentence:
        """The next sentence; raises `EOFError` when the server closes the connection."""
        async with asyncio.timeout(within):
            while isinstance(sentence := self.decoder.next_sentence(), NeedData):
                data = await self.reader.read(65536)
                if not data:
                    raise EOFError("the server closed the connection")
                self.decoder.feed(data)
            return sentence

    async def read_until_done(self, tag: str | None = None) -> list[Sentence]:
        """Sentences up to and including the ``!done`` (of ``tag`` when given)."""
        sentences = []
        while True:
            sentence = await self.read()
            sentences.append(sentence)
            if sentence[0] == "!done" and (tag is None or f".tag={tag}" in sentence):
                return sentences

    async def talk(self, *words: str) -> list[Sentence]:
        await self.send(*words)
        return await self.read_until_done()

    async def read_until_closed(self) -> list[Sentence]:
        """Every sentence the server sends before it closes the connection."""
        sentences = []
        try:
            while True:
                sentences.append(await self.read())
        except (EOFError, ConnectionError):
            return sentences

    async def closed_by_server(self) -> bool:
        """Whether the server closes the connection (after any sentences still queued)."""
        await self.read_until_closed()
        return True

    async def close(self) -> None:
        self.writer.close()
        try:
            await self.writer.wait_closed()
        except ConnectionError:
            pass

    async def __aenter__(self) -> RawApi:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()
