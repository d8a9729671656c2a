"""The framework's floor for the submit benchmark: FastAPI on the emulator's uvicorn stack.

``python -m bench.bare`` serves one ``POST /api/asynchronous/{router_id}`` route that
validates the same JSON body as the emulator's (`contracts.api.AsynchronousRequest`) and
answers a fixed envelope, with no authentication, no store and no engine, on uvicorn with
the same loop and HTTP parser choice as ``tikjobs emulator``. It prints ``bare listening
on URL`` once it answers. What the emulator does beyond this is what a submission costs.
"""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI, Response

from tikjobs.contracts.api import AsynchronousRequest
from tikjobs.emulator.serve import EmulatorServer

app = FastAPI()
ANSWER = b'{"status":"success","data":{}}'


@app.post("/api/asynchronous/{router_id}")
async def submit(router_id: str, payload: AsynchronousRequest) -> Response:
    return Response(ANSWER, media_type="application/json")


def main() -> None:
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        loop="auto",
        http="auto",
        log_level="warning",
        access_log=False,
    )
    EmulatorServer(config, announce=lambda url: print(f"bare listening on {url}", flush=True)).run()


if __name__ == "__main__":
    main()
