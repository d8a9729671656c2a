"""Readiness is a real /login: against the simulator, a port that accepts and never
answers, one that accepts and closes (QEMU's forward before the guest listens), one that
starts answering part way; refused credentials; the admin password set over the API."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import librouteros
import pytest
from librouteros.exceptions import TrapError

from tikjobs.vm.chr.login import set_password, wait_for_login
from tikjobs.vm.exceptions import BootFailed, ChrError
from tikjobs.vm.sim.router import RouterThread, SimulatedRouter


@pytest.fixture
def router() -> Iterator[RouterThread]:
    with SimulatedRouter.start_in_thread() as running:
        yield running


class Listener:
    """A TCP listener on 127.0.0.1 port 0 that treats connections as QEMU's user network
    does: ``closing`` ones are closed at once (the guest refused), others are held open
    without a word (the guest took them but says nothing), and once ``forward_to`` is
    set they are spliced through to that port (the guest's API is up)."""

    def __init__(self, *, closing: bool) -> None:
        self.closing = closing
        self.forward_to: int | None = None
        self.accepted = 0
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.server.getsockname()[1]
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> Listener:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self.server.close()
        for connection in self.held:
            with contextlib.suppress(OSError):
                connection.close()
        self.thread.join(5)

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.accepted += 1
            self.held.append(connection)
            if self.forward_to is not None:
                _splice(connection, socket.create_connection(("127.0.0.1", self.forward_to)))
            elif self.closing:
                connection.close()


def _splice(left: socket.socket, right: socket.socket) -> None:
    def pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    for source, sink in ((left, right), (right, left)):
        threading.Thread(target=pump, args=(source, sink), daemon=True).start()


def test_the_simulator_is_ready_at_the_first_login(router: RouterThread) -> None:
    wait_for_login(router.host, router.api_port, "admin", "", timeout=10)


def test_a_port_that_accepts_but_never_answers_is_not_ready() -> None:
    with Listener(closing=False) as silent:
        with pytest.raises(BootFailed, match=r"did not answer /login .* within 1 s") as failure:
            wait_for_login(
                "127.0.0.1", silent.port, "admin", "", timeout=1.0, console=lambda: "Booting..."
            )

    assert "(last attempt: no answer in time)" in str(failure.value)
    assert str(failure.value).endswith("last console lines:\nBooting...")
    assert failure.value.console == "Booting..."


def test_a_port_that_accepts_and_closes_is_tried_again_until_the_timeout() -> None:
    with Listener(closing=True) as refusing:
        with pytest.raises(BootFailed, match="did not answer /login"):
            wait_for_login("127.0.0.1", refusing.port, "admin", "", timeout=1.5)

    assert refusing.accepted >= 2


def test_a_router_that_starts_answering_part_way_is_ready(router: RouterThread) -> None:
    with Listener(closing=True) as forward:

        def guest_up() -> None:
            if forward.accepted >= 2:
                forward.forward_to = router.api_port
            else:
                threading.Timer(0.05, guest_up).start()

        booted = threading.Timer(0.05, guest_up)
        booted.start()
        wait_for_login("127.0.0.1", forward.port, "admin", "", timeout=15)

    assert forward.accepted >= 3


def test_nothing_listening_is_tried_again_until_the_timeout() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
    with pytest.raises(BootFailed, match=r"last attempt: connection refused"):
        wait_for_login("127.0.0.1", port, "admin", "", timeout=1.0)


def test_refused_credentials_end_the_wait_at_once(router: RouterThread) -> None:
    with pytest.raises(ChrError, match=r"refused the login of 'admin': invalid user name"):
        wait_for_login(router.host, router.api_port, "admin", "wrong", timeout=60)


def test_a_machine_that_stops_ends_the_wait_with_its_reason() -> None:
    with Listener(closing=False) as silent:
        with pytest.raises(BootFailed, match=r"^qemu exited with status 1: no disk$"):
            wait_for_login(
                "127.0.0.1", silent.port, "admin", "", timeout=60,
                gone=lambda: "qemu exited with status 1: no disk",
            )  # fmt: skip


def test_the_admin_password_is_set_and_proven(router: RouterThread) -> None:
    set_password(router.host, router.api_port, "admin", "", "n3w-password")

    librouteros.connect(router.host, "admin", "n3w-password", port=router.api_port).close()
    with pytest.raises(TrapError):
        librouteros.connect(router.host, "admin", "", port=router.api_port)


def test_setting_a_password_with_the_wrong_current_one_is_refused(router: RouterThread) -> None:
    with pytest.raises(ChrError, match="refused the login of 'admin'"):
        set_password(router.host, router.api_port, "admin", "not-it", "n3w-password")
