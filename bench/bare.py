"""The framework's floor for the submit benchmark: FastAPI on the emulator's uvicorn stack.

``python -m bench.bare`` serves one ``POST /api/asynchronous/{router_id}`` route that
validates the same JSON body as the emulator's (`contracts.api.AsynchronousRequest`) and
answers a fixed envelope, with no authentication, no store and no engine, on uvicorn with
the same loop and HTTP parser choice as ``tikjobs emulator``. It prints ``bare listening
on URL`` once it answers. What the emulator does beyond this is what a submission costs.
"""

from __future__ import annotations

import asyncio
import socket

import uvicorn
from fastapi import FastAPI, Response

from tikjobs.contracts.api import AsynchronousRequest

app = FastAPI()
ANSWER = b'{"status":"success","data":{}}'


@app.post("/api/asynchronous/{router_id}")
async def submit(router_id: str, payload: AsynchronousRequest) -> Response:
    return Response(ANSWER, media_type="application/json")


class _Announcing(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, port: int) -> None:
        super().__init__(config)
        self._port = port

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        print(f"bare listening on http://127.0.0.1:{self._port}", flush=True)


def main() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, loop="auto", http="auto", log_level="warning", access_log=False)
    server = _Announcing(config, listener.getsockname()[1])
    with asyncio.Runner(loop_factory=config.get_loop_factory()) as runner:
        runner.run(server.serve(sockets=[listener]))


if __name__ == "__main__":
    main()
