"""Serving an async context manager from its own thread and event loop, for synchronous code.

`LoopThread` starts a thread that runs an event loop, enters the served object's
``async with`` on it and waits there until `stop`; `start` returns once the object is
entered, or raises why it could not be. `call` runs a coroutine on that loop. Its
attributes are the served object's. A simulated router (`vm.sim.router.RouterThread`)
and the whole emulated system (`tikjobs.system.SystemThread`) are served this way.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
from collections.abc import Coroutine
from contextlib import AbstractAsyncContextManager
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

ServedT = TypeVar("ServedT", bound=AbstractAsyncContextManager[Any])
ResultT = TypeVar("ResultT")


class LoopThread(Generic[ServedT]):
    """``served`` entered on its own thread and event loop until `stop`.

    ``subject`` names it in errors ("the simulated router did not start within 10 s");
    ``failure`` is the exception class those errors are raised as.
    """

    def __init__(
        self,
        served: ServedT,
        *,
        name: str,
        subject: str,
        failure: type[Exception],
        start_timeout: float,
        stop_timeout: float,
    ) -> None:
        self.served = served
        self._subject = subject
        self._failure = failure
        self._start_timeout = start_timeout
        self._stop_timeout = stop_timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._entered = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.served, name)

    def start(self, timeout: float | None = None) -> Self:
        """Start serving (once; later calls only wait until it serves), or raise why not."""
        timeout = self._start_timeout if timeout is None else timeout
        if self._thread.ident is None:
            self._thread.start()
        if not self._ready.wait(timeout):
            raise self._failure(f"{self._subject} did not start within {timeout:g} s")
        if self._error is not None and not self._entered:
            raise self._error
        return self

    def stop(self, timeout: float | None = None) -> None:
        """Leave the served object's context and wait for the thread.

        Raises what the served object raised while serving or closing.
        """
        timeout = self._stop_timeout if timeout is None else timeout
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stop.set)
        if self._thread.ident is not None:
            self._thread.join(timeout)
        if self._error is not None and self._entered:
            error, self._error = self._error, None
            raise error

    def call(self, coroutine: Coroutine[Any, Any, ResultT], timeout: float = 60.0) -> ResultT:
        """Run ``coroutine`` on the served object's loop and answer its result."""
        if self._loop is None:
            coroutine.close()
            raise self._failure(f"{self._subject} is not running")
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _serve(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            async with self.served:
                self._entered = True
                self._ready.set()
                await self._stop.wait()
        except BaseException as error:
            self._error = error
        finally:
            self._ready.set()
