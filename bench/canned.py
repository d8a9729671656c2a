"""A server that answers every API sentence with fixed bytes: the floor a client can reach.

It logs any client in and answers every other command with the reply the simulator gives
to ``/interface/print`` on a fresh device, so a benchmark against it measures the client,
the loopback and the codec, and none of the simulator's work. Run as
``python -m bench.canned``; it prints ``canned listening api=HOST:PORT``.
"""

from __future__ import annotations

import asyncio

from tikjobs.vm.sim.command import Command, encode_reply
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.protocol import Decoder, NeedData, encode_sentence

LOGIN_DONE = encode_sentence(["!done"])


def interface_reply() -> bytes:
    reply = RouterModel().execute(Command(("interface",), "print"))
    return b"".join(encode_sentence(sentence) for sentence in encode_reply(reply))


async def _serve_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    answer, decoder = interface_reply(), Decoder()
    try:
        while data := await reader.read(65536):
            decoder.feed(data)
            while not isinstance(sentence := decoder.next_sentence(), NeedData):
                writer.write(LOGIN_DONE if sentence[0] == "/login" else answer)
            await writer.drain()
    finally:
        writer.close()


async def _main() -> None:
    server = await asyncio.start_server(_serve_client, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    print(f"canned listening api={host}:{port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(_main())
