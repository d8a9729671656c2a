"""A Prometheus scrape endpoint on an address of its own, for the emulator and the agent.

`MetricsEndpoint.start(registry, host, port)` serves ``GET /metrics`` (any path, in fact)
in the text format from a daemon thread, with prometheus-client's own small WSGI server,
and no authentication: it is meant for an address only the scraper reaches
(``--metrics-host``/``--metrics-port``). ``port`` 0 picks a free port; `url` says which.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, start_http_server


@dataclass
class MetricsEndpoint:
    """A running scrape endpoint; `close` stops it."""

    server: WSGIServer
    thread: threading.Thread
    url: str

    @classmethod
    def start(cls, registry: CollectorRegistry, host: str, port: int) -> MetricsEndpoint:
        server, thread = start_http_server(port, addr=host, registry=registry)
        bound_host, bound_port = server.server_address[:2]
        text = bound_host.decode() if isinstance(bound_host, bytes) else str(bound_host)
        shown = f"[{text}]" if ":" in text else text
        return cls(server, thread, f"http://{shown}:{bound_port}/metrics")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5.0)
