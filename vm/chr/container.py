"""A RouterOS CHR in a Docker container, started with testcontainers.

How this works
--------------
Container images that run a CHR (such as evilfreelancer/docker-routeros) run QEMU
inside the container and publish the router's ports. testcontainers (the optional
``docker`` extra) starts the image with the API (8728), API-SSL (8729) and SSH (22)
published on free host ports, NET_ADMIN and /dev/net/tun for the container's own
network plumbing, and /dev/kvm when this machine can use it. Readiness is the same real
``/login`` round trip as for a VM; the container's log tail explains a failure.
testcontainers and the Docker client are imported only here and only when used, and
their errors become `DockerUnavailable` or `ChrError`.
"""

from __future__ import annotations

import contextlib
import importlib
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from tikjobs.vm.chr.login import set_password, wait_for_login
from tikjobs.vm.chr.qemu import GUEST_API, GUEST_API_SSL, GUEST_SSH, KVM_DEVICE, kvm_usable
from tikjobs.vm.chr.target import RouterTarget
from tikjobs.vm.exceptions import ChrError, DockerUnavailable

DEFAULT_BOOT_TIMEOUT = 300.0
"""Seconds from starting the container to a successful login (QEMU boots inside it)."""
PING_TIMEOUT = 5
LOG_LINES = 20
TUN_DEVICE = Path("/dev/net/tun")


def docker_client() -> Any:
    """A Docker client whose engine has answered a ping. `DockerUnavailable`."""
    try:
        importlib.import_module("testcontainers.core.container")
        docker = importlib.import_module("docker")
    except ImportError:
        raise DockerUnavailable(
            "testcontainers is not installed (pip install 'tikjobs[docker]')"
        ) from None
    try:
        client = docker.from_env(timeout=PING_TIMEOUT)
        client.ping()
    except Exception as error:  # any failure here: no engine answers
        raise DockerUnavailable(f"no Docker engine answers: {_first_line(error)}") from None
    return client


class ChrContainer:
    """A CHR container image run by testcontainers; a context manager, or `start` then
    `close`."""

    def __init__(
        self,
        image: str,
        *,
        boot_timeout: float = DEFAULT_BOOT_TIMEOUT,
        user: str = "admin",
        password: str = "",
        admin_password: str | None = None,
        kvm_device: Path = KVM_DEVICE,
    ) -> None:
        if boot_timeout <= 0:
            raise ValueError("the boot timeout must be positive")
        self.image = image
        self.boot_timeout = boot_timeout
        self.user = user
        self.password = password
        self.admin_password = admin_password
        self.kvm_device = kvm_device
        self.container: Any = None
        self.target: RouterTarget | None = None

    def start(self) -> RouterTarget:
        """Start the container and answer the router's facts once a login succeeds.

        `DockerUnavailable`, `BootFailed`, `ChrError`; a failure removes the container.
        """
        try:
            return self._start()
        except BaseException:
            self.close()
            raise

    def _start(self) -> RouterTarget:
        docker_client()
        containers = importlib.import_module("testcontainers.core.container")
        devices = [f"{TUN_DEVICE}:{TUN_DEVICE}"] if TUN_DEVICE.exists() else []
        if kvm_usable(self.kvm_device):
            devices.append(f"{self.kvm_device}:{self.kvm_device}")
        container = containers.DockerContainer(
            self.image, cap_add=["NET_ADMIN"], devices=devices
        ).with_exposed_ports(GUEST_API, GUEST_API_SSL, GUEST_SSH)
        self.container = container
        deadline = time.monotonic() + self.boot_timeout
        try:
            container.start()
            host = str(container.get_container_host_ip())
            api = int(container.get_exposed_port(GUEST_API))
            api_ssl = int(container.get_exposed_port(GUEST_API_SSL))
            ssh = int(container.get_exposed_port(GUEST_SSH))
        except Exception as error:  # docker-py and testcontainers errors
            raise ChrError(
                f"cannot start the container {self.image}: {_first_line(error)}"
            ) from None
        wait_for_login(
            host,
            api,
            self.user,
            self.password,
            timeout=self.boot_timeout,
            deadline=deadline,
            gone=self.stopped,
            console=self.log_tail,
        )
        password = self.password
        if self.admin_password is not None:
            set_password(host, api, self.user, password, self.admin_password)
            password = self.admin_password
        self.target = RouterTarget(
            kind="docker",
            host=host,
            api_port=api,
            api_ssl_port=api_ssl,
            ssh_port=ssh,
            user=self.user,
            password=password,
        )
        return self.target

    def stopped(self) -> str | None:
        """Why the container is no longer running, or None while it runs."""
        if self.container is None:
            return "the container is not running"
        try:
            wrapped = self.container.get_wrapped_container()
            wrapped.reload()
            status = str(wrapped.status)
        except Exception as error:  # docker-py errors
            return f"the container is gone: {_first_line(error)}"
        if status in {"created", "running", "restarting"}:
            return None
        return f"the container is {status}"

    def log_tail(self, lines: int = LOG_LINES) -> str:
        """The container's last log lines (its QEMU console, for CHR images)."""
        if self.container is None:
            return ""
        try:
            out, err = self.container.get_logs()
        except Exception:  # no logs is no reason to fail
            return ""
        text = (out or b"").decode("utf-8", "replace") + (err or b"").decode("utf-8", "replace")
        kept = [line.rstrip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
        return "\n".join(kept[-lines:])

    def close(self) -> None:
        """Stop and remove the container; idempotent."""
        container, self.container = self.container, None
        self.target = None
        if container is not None:
            with contextlib.suppress(Exception):
                container.stop()

    def __enter__(self) -> ChrContainer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
