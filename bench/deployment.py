"""The whole system on loopback for the system benchmarks, started and torn down here.

How this works
--------------
`deployed` starts, as real processes on 127.0.0.1 with port 0 in a temporary directory:
``tikjobs emulator`` (SQLite, trusting the notification sink's throwaway certificate for
127.0.0.1), one ``tikjobs sim`` with a single router and one ``tikjobs sim --count N``
with the fleet. Through the ``/_emulator`` controls it creates a customer, an API key
and one registered router per simulated one, then starts two ``tikjobs agent --config
FILE`` processes: one serving the single router, one serving the whole fleet. Two
`bench.relay` processes, one behind the other, forward to the single router's API port:
the same number of hops as through the emulator and the agent, doing nothing but
forwarding. A `bench.bare_tunnel` cloud and agent serve the single router too: the same
hops on the same stack (uvicorn, an ASGI WebSocket, websockets' client, librouteros's
login), with none of the product's work. It yields once every router is online, and on
the way out (error or not) stops every process and removes the directory.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx

from bench.customer import Customer
from bench.lean import LeanHttp
from bench.processes import Processes, ServerProcess
from bench.sink import JobEndings
from tikjobs.sink import SinkCertificate

EMULATOR_LISTENING = re.compile(r"tikjobs emulator listening on (http://\S+)")
SIM_LISTENING = re.compile(r"sim listening api=([\d.]+):(\d+) ssh=[\d.]+:(\d+)")
AGENT_SERVING = re.compile(r"tikjobs agent serving (\d+) router\(s\)")
BARE_LISTENING = re.compile(r"bare listening on (http://\S+)")
RELAY_LISTENING = re.compile(r"relay listening on [\d.]+:(\d+)")
BARE_CLOUD_LISTENING = re.compile(r"bare cloud listening on (http://\S+)")
BARE_AGENT_CONNECTED = re.compile(r"bare agent connected")
ONLINE_WAIT = 60.0
"""Seconds every agent has to bring its routers online."""
USER = "admin"
PASSWORD = ""


@dataclass(frozen=True)
class Router:
    """A simulated router as the benchmarks reach it: through the cloud and directly."""

    router_id: str
    host: str
    api_port: int
    ssh_port: int
    tunnel_token: str


@dataclass(frozen=True)
class Deployment:
    """The running system: its URL, the customer's key, routers, processes and sink."""

    base_url: str
    api_key: str
    single: Router
    single_relayed: Router
    """The single router reached through two `bench.relay` processes (its API port is the
    near relay's)."""
    fleet: list[Router]
    sink: JobEndings
    emulator: ServerProcess
    fleet_sim: ServerProcess
    """The ``tikjobs sim`` process that runs every router of the fleet."""
    single_agent: ServerProcess
    fleet_agent: ServerProcess
    bare: ServerProcess
    bare_url: str
    relays: list[ServerProcess]
    bare_cloud: ServerProcess
    bare_cloud_url: str
    """A `bench.bare_tunnel` cloud, its bare agent connected and serving the single router."""
    bare_agent: ServerProcess
    database: Path
    """The emulator's SQLite file, which a benchmark may read (never write) to learn when
    its jobs really ended."""

    def customer(self, connections: int = 10) -> Customer:
        """A public-API client for the customer."""
        return Customer(self.base_url, self.api_key, connections=connections)

    def lean_customer(self) -> LeanHttp:
        """One keep-alive connection of the lean client to the public API, with the
        customer's key: what the latency rows call the API over."""
        return LeanHttp(self.base_url, {"Authorization": f"Bearer {self.api_key}"})


async def _simulated(process: ServerProcess, count: int) -> list[tuple[str, int, int]]:
    matches = await process.announced(SIM_LISTENING, count)
    return [(match[1], int(match[2]), int(match[3])) for match in matches]


async def _admin(http: httpx.AsyncClient, path: str, body: dict[str, Any]) -> Any:
    response = await http.post(path, json=body)
    if response.status_code != 200:
        raise RuntimeError(f"POST {path} answered {response.status_code}: {response.text}")
    return response.json()["data"]


def _agent_config(path: Path, cloud: str, state_dir: Path, routers: list[Router]) -> Path:
    tables = "".join(
        f'[[routers]]\nname = "bench-{index}"\nrouter = "{router.host}"\n'
        f"api_port = {router.api_port}\nssh_port = {router.ssh_port}\n"
        f'router_token = "{router.tunnel_token}"\n\n'
        for index, router in enumerate(routers, start=1)
    )
    path.write_text(
        f'cloud = "{cloud}"\ninsecure = true\nstate_dir = "{state_dir}"\nuser = "{USER}"\n'
        f'password = "{PASSWORD}"\n\n{tables}'
    )
    return path


async def _all_online(customer: Customer, count: int) -> None:
    deadline = time.monotonic() + ONLINE_WAIT
    while True:
        online = sum(1 for router in await customer.routers() if router["online"])
        if online >= count:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {online} of {count} routers came online")
        await asyncio.sleep(0.1)


@asynccontextmanager
async def deployed(fleet_size: int) -> AsyncIterator[Deployment]:
    """The system with one single-router agent and one agent serving ``fleet_size``."""
    with (
        tempfile.TemporaryDirectory(prefix="tikjobs-bench-") as name,
        Processes(Path(name)) as processes,
    ):
        directory = Path(name)
        certificate = SinkCertificate.create(directory)
        admin_token = secrets.token_urlsafe(24)
        emulator = processes.tikjobs(
            "emulator",
            "emulator", "--host", "127.0.0.1", "--port", "0",
            "--db", str(directory / "tikjobs.db"),
            "--notify-allow-host", "127.0.0.1",
            "--notify-ca-bundle", str(certificate.cert_path),
            "--log-level", "warning",
            environment={"TIKJOBS_ADMIN_TOKEN": admin_token},
        )  # fmt: skip
        sim_args = ("--api-port", "0", "--ssh-port", "0")
        single_sim = processes.tikjobs("sim", "sim", *sim_args)
        fleet_sim = processes.tikjobs("sim-fleet", "sim", "--count", str(fleet_size), *sim_args)
        bare = processes.bench("bare", "bare")
        [listening] = await emulator.announced(EMULATOR_LISTENING)
        base_url = listening[1]
        addresses = await _simulated(single_sim, 1) + await _simulated(fleet_sim, fleet_size)

        admin = httpx.AsyncClient(
            base_url=base_url, headers={"Authorization": f"Bearer {admin_token}"}, timeout=30.0
        )
        async with admin:
            customer = await _admin(admin, "/_emulator/customers", {"name": "bench"})
            key = await _admin(admin, f"/_emulator/customers/{customer['customer_id']}/keys", {})
            routers = []
            for host, api_port, ssh_port in addresses:
                registered = await _admin(
                    admin, "/_emulator/routers", {"customer_id": customer["customer_id"]}
                )
                routers.append(
                    Router(
                        registered["router_id"],
                        host,
                        api_port,
                        ssh_port,
                        registered["tunnel_token"],
                    )
                )
        single, fleet = routers[0], routers[1:]
        relays, port = [], single.api_port
        for name in ("far relay", "near relay"):
            relay = processes.bench(name, "relay", single.host, str(port))
            port = int((await relay.announced(RELAY_LISTENING))[0][1])
            relays.append(relay)
        bare_cloud = processes.bench("bare cloud", "bare_tunnel", "cloud")
        bare_cloud_url = (await bare_cloud.announced(BARE_CLOUD_LISTENING))[0][1]
        bare_agent = processes.bench(
            "bare agent",
            "bare_tunnel", "agent",
            bare_cloud_url.replace("http:", "ws:", 1) + "/tunnel",
            single.host, str(single.api_port),
        )  # fmt: skip
        await bare_agent.announced(BARE_AGENT_CONNECTED)

        agents = []
        for label, served in (("agent-single", [single]), ("agent-fleet", fleet)):
            config = _agent_config(directory / f"{label}.toml", base_url, directory / label, served)
            agents.append(
                processes.tikjobs(label, "agent", "--config", str(config), "--log-level", "warning")
            )
        for agent in agents:
            await agent.announced(AGENT_SERVING)

        async with JobEndings(certificate) as sink:
            deployment = Deployment(
                base_url=base_url,
                api_key=key["api_key"],
                single=single,
                single_relayed=replace(single, host="127.0.0.1", api_port=port),
                fleet=fleet,
                sink=sink,
                emulator=emulator,
                fleet_sim=fleet_sim,
                single_agent=agents[0],
                fleet_agent=agents[1],
                bare=bare,
                bare_url=(await bare.announced(BARE_LISTENING))[0][1],
                relays=relays,
                bare_cloud=bare_cloud,
                bare_cloud_url=bare_cloud_url,
                bare_agent=bare_agent,
                database=directory / "tikjobs.db",
            )
            async with deployment.customer() as customer:
                await _all_online(customer, len(routers))
            yield deployment
