"""The ``routeros`` pytest fixture: one router-level test, run against every router there is.

A test that takes ``routeros`` runs once per target and gets a `RouterTarget` (host,
ports, user, password, kind)::

    sim      the simulator, always (one per test session, served from a thread)
    chr      a CHR booted under QEMU from the image in TIKJOBS_CHR_IMAGE
    docker   a CHR container started from TIKJOBS_CHR_DOCKER_IMAGE, when Docker answers

A target that is not configured is skipped with the reason; one that is configured but
does not come up fails its tests with the harness's error. Each real router boots once
per session with the admin password `TEST_PASSWORD` (the simulator gets the same), so
tests share it: they name what they create uniquely and remove it again. The ``chr``
and ``docker`` runs carry the ``chr`` marker (``pytest -m chr``, ``make test-chr``) and
a timeout long enough for a boot under TCG; TIKJOBS_CHR_BOOT_TIMEOUT changes the boot
timeout and TIKJOBS_CHR_QEMU the qemu-system-x86_64 that is run. Load it with
``pytest_plugins = ["tikjobs.vm.chr.pytest_fixtures"]``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tikjobs.vm.chr.container import ChrContainer
from tikjobs.vm.chr.machine import DEFAULT_BOOT_TIMEOUT, ChrMachine
from tikjobs.vm.chr.target import RouterTarget
from tikjobs.vm.exceptions import ChrError, DockerUnavailable

CHR_IMAGE_ENV = "TIKJOBS_CHR_IMAGE"
DOCKER_IMAGE_ENV = "TIKJOBS_CHR_DOCKER_IMAGE"
BOOT_TIMEOUT_ENV = "TIKJOBS_CHR_BOOT_TIMEOUT"
QEMU_ENV = "TIKJOBS_CHR_QEMU"
TEST_PASSWORD = "tikjobs-test"  # noqa: S105 - a throwaway router's password
TEST_TIMEOUT = 900
"""Seconds a test on a real router may take, the session's boot included."""

_REAL = (pytest.mark.chr, pytest.mark.timeout(TEST_TIMEOUT))
TARGETS = (
    pytest.param("sim", id="sim"),
    pytest.param("chr", id="chr", marks=_REAL),
    pytest.param("docker", id="docker", marks=_REAL),
)


def boot_timeout(default: float = DEFAULT_BOOT_TIMEOUT) -> float:
    """The boot timeout TIKJOBS_CHR_BOOT_TIMEOUT asks for, or ``default``."""
    text = os.environ.get(BOOT_TIMEOUT_ENV, "").strip()
    if not text:
        return default
    try:
        seconds = float(text)
    except ValueError:
        raise pytest.UsageError(f"{BOOT_TIMEOUT_ENV}={text!r} is not a number of seconds") from None
    if not seconds > 0:
        raise pytest.UsageError(f"{BOOT_TIMEOUT_ENV} must be more than 0 seconds")
    return seconds


@pytest.fixture(scope="session")
def routeros_sim() -> Iterator[RouterTarget]:
    """The simulator as a target."""
    from tikjobs.vm.sim.router import SimulatedRouter  # only sessions that use it pay for it

    router = SimulatedRouter.start_in_thread(password=TEST_PASSWORD, api_ssl_port=0)
    try:
        yield RouterTarget(
            kind="sim",
            host=router.host,
            api_port=router.api_port,
            api_ssl_port=router.api_ssl_port,
            ssh_port=router.ssh_port,
            user=router.user,
            password=router.password,
        )
    finally:
        router.stop()


@pytest.fixture(scope="session")
def routeros_chr() -> Iterator[RouterTarget]:
    """A CHR under QEMU booted from TIKJOBS_CHR_IMAGE."""
    image = os.environ.get(CHR_IMAGE_ENV, "").strip()
    if not image:
        pytest.skip(f"no CHR image: set {CHR_IMAGE_ENV}=/path/to/chr.img")
    machine = ChrMachine(
        image,
        boot_timeout=boot_timeout(),
        admin_password=TEST_PASSWORD,
        qemu=os.environ.get(QEMU_ENV) or None,
    )
    try:
        target = machine.start()
    except ChrError as error:
        failure = f"the CHR from {CHR_IMAGE_ENV} did not start: {error}"
    else:
        try:
            yield target
        finally:
            machine.close()
        return
    pytest.fail(failure, pytrace=False)


@pytest.fixture(scope="session")
def routeros_docker() -> Iterator[RouterTarget]:
    """A CHR container started from TIKJOBS_CHR_DOCKER_IMAGE."""
    image = os.environ.get(DOCKER_IMAGE_ENV, "").strip()
    if not image:
        pytest.skip(f"no CHR container image: set {DOCKER_IMAGE_ENV}=NAME")
    container = ChrContainer(image, admin_password=TEST_PASSWORD)
    if BOOT_TIMEOUT_ENV in os.environ:
        container.boot_timeout = boot_timeout()
    try:
        target = container.start()
    except DockerUnavailable as error:
        missing, failure = f"{DOCKER_IMAGE_ENV} is set, but {error}", ""
    except ChrError as error:
        missing, failure = "", f"the CHR container {image} did not start: {error}"
    else:
        try:
            yield target
        finally:
            container.close()
        return
    if missing:
        pytest.skip(missing)
    pytest.fail(failure, pytrace=False)


@pytest.fixture(params=TARGETS)
def routeros(request: pytest.FixtureRequest) -> RouterTarget:
    """Every router available, one test run each: the simulator, a CHR VM, a CHR container."""
    target: RouterTarget = request.getfixturevalue(f"routeros_{request.param}")
    return target
