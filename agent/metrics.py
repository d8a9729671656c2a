"""The agent's Prometheus metrics: router command latency, tunnel reconnects, ledger fsyncs.

`AgentMetrics` owns a registry of its own (several agents in one process, as in tests
and ``tikjobs up``, never collide) and gives each router's parts their observer hooks:
`RouterPool.on_command` (every RouterOS API command by its outcome, with its seconds),
`CloudTunnel.on_reconnect`/``on_up`` (reconnects and whether the tunnel is up) and
`Ledger.on_fsync` (the seconds each write-and-fsync of the ledger took). Metrics carry
the router's label (``--name``, or the router's address). ``tikjobs agent
--metrics-port`` serves them with `tikjobs.exposition.MetricsEndpoint`.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

COMMAND_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 30.0)
FSYNC_BUCKETS = (0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)


class AgentMetrics:
    """Every metric of one agent process (or one `run_agents` call)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.commands = Counter(
            "tikjobs_agent_router_commands_total",
            "RouterOS API commands sent, by router and outcome (ok, timeout, unreachable,"
            " too_large).",
            ["router", "outcome"],
            registry=r,
        )
        self.command_seconds = Histogram(
            "tikjobs_agent_router_command_duration_seconds",
            "Seconds from sending a RouterOS API command to the end of its answer.",
            ["router"],
            buckets=COMMAND_BUCKETS,
            registry=r,
        )
        self.reconnects = Counter(
            "tikjobs_agent_tunnel_reconnects_total",
            "Times the tunnel to the cloud was lost or refused and is tried again.",
            ["router"],
            registry=r,
        )
        self.tunnel_up = Gauge(
            "tikjobs_agent_tunnel_up",
            "1 while the tunnel to the cloud is up.",
            ["router"],
            registry=r,
        )
        self.fsync_seconds = Histogram(
            "tikjobs_agent_ledger_fsync_duration_seconds",
            "Seconds each ledger write took, fsync included (one per group of lines).",
            ["router"],
            buckets=FSYNC_BUCKETS,
            registry=r,
        )

    def command_observer(self, router: str) -> Callable[[str, float], None]:
        """`RouterPool.on_command` for one router: (outcome, seconds)."""
        seconds = self.command_seconds.labels(router)
        outcomes = {
            outcome: self.commands.labels(router, outcome)
            for outcome in ("ok", "timeout", "unreachable", "too_large")
        }

        def observe(outcome: str, took: float) -> None:
            (outcomes.get(outcome) or self.commands.labels(router, outcome)).inc()
            seconds.observe(took)

        return observe

    def reconnect_observer(self, router: str) -> Callable[[], None]:
        counter = self.reconnects.labels(router)
        return counter.inc

    def tunnel_observer(self, router: str) -> Callable[[bool], None]:
        gauge = self.tunnel_up.labels(router)

        def observe(up: bool) -> None:
            gauge.set(1 if up else 0)

        return observe

    def fsync_observer(self, router: str) -> Callable[[float], None]:
        return self.fsync_seconds.labels(router).observe
