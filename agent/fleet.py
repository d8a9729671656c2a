"""The routers one ``tikjobs agent`` process serves, and changing them while it runs.

How this works
--------------
`Fleet.serve` runs one `RouterAgent` per router in a task group, keyed by the router's
label. `Fleet.reload` takes a new list of settings (the settings file read again on
SIGHUP): a router whose settings are gone or changed is drained (it takes no new job
and its job in hand runs to its end) and then stopped, which closes its tunnel and its
ledger; a router that is new, or whose settings changed, is started. Reloads run one at
a time. Reading the new settings is the caller's: a file that cannot be read or is not
valid never reaches `reload`, so the routers being served stay as they are.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tikjobs.agent.config import RouterSettings
from tikjobs.agent.runtime import RouterAgent

if TYPE_CHECKING:
    from tikjobs.agent.metrics import AgentMetrics

log = logging.getLogger(__name__)


@dataclass
class _Serving:
    settings: RouterSettings
    agent: RouterAgent
    task: asyncio.Task[None]


class Fleet:
    """Every router of the process; `serve` until cancelled, `reload` meanwhile."""

    def __init__(self, metrics: AgentMetrics | None = None) -> None:
        self.metrics = metrics
        self.serving: dict[str, _Serving] = {}
        self._tasks: asyncio.TaskGroup | None = None
        self._reloading = asyncio.Lock()

    async def serve(self, routers: Sequence[RouterSettings]) -> None:
        """Serve ``routers`` (and whatever reloads bring) until cancelled; an agent that
        fails with an error stops the fleet, as `runtime.run_agents` does."""
        async with asyncio.TaskGroup() as tasks:
            self._tasks = tasks
            for settings in routers:
                self._start(settings)
            await asyncio.Event().wait()

    async def reload(self, routers: Sequence[RouterSettings]) -> tuple[list[str], list[str]]:
        """Serve ``routers`` from now on; answers the labels stopped and started."""
        async with self._reloading:
            wanted = {settings.label: settings for settings in routers}
            stopping = [
                serving
                for label, serving in self.serving.items()
                if wanted.get(label) != serving.settings
            ]
            await asyncio.gather(*(self._stop(serving) for serving in stopping))
            started = [
                self._start(settings).label
                for label, settings in wanted.items()
                if label not in self.serving
            ]
            return [serving.settings.label for serving in stopping], started

    def _start(self, settings: RouterSettings) -> RouterSettings:
        assert self._tasks is not None  # noqa: S101 - reload only runs while serving
        agent = RouterAgent(settings, self.metrics)
        task = self._tasks.create_task(agent.run(), name=f"agent {settings.label}")
        self.serving[settings.label] = _Serving(settings, agent, task)
        return settings

    async def _stop(self, serving: _Serving) -> None:
        label = serving.settings.label
        log.info("%s: finishing the job in hand before letting the router go", label)
        await serving.agent.drain()
        serving.task.cancel()
        await asyncio.gather(serving.task, return_exceptions=True)
        if self.serving.get(label) is serving:
            del self.serving[label]
        log.info("%s: no longer served", label)
