"""The contract suite and a local MikroCloud as a pytest plugin (registered as ``mikrocloud``).

What it adds to pytest
----------------------
- ``pytest --mikrocloud-url URL --mikrocloud-token KEY --mikrocloud-router ID`` adds one
  test per property of the contract suite (``mikrocloud-contract::<property>``), run
  against that server; ``--mikrocloud-second-token``, ``--mikrocloud-notify-sink``
  (``--mikrocloud-notify-sink-ca``), ``--mikrocloud-admin-token`` and
  ``--mikrocloud-allow-writes`` open the properties that need them, as for ``tikjobs
  contract``. Values missing from the command line come from ``MIKROCLOUD_TOKEN``,
  ``MIKROCLOUD_ROUTER`` ... (see `contracts.suite.target.ENVIRONMENT`).
- The ``mikrocloud`` fixture: a `contracts.local.LocalCloud` — emulator, a simulated
  router and its agent, and a notification sink, on free ports of 127.0.0.1 — started
  once per test session, for an integrator's own tests.
- The ``real_mikrocloud`` marker and fixture: a test marked so runs against the account
  the options (or the environment) name, and is skipped with the reason when there is
  none; the fixture yields that account as a `contracts.suite.Target`.

pytest loads this plugin wherever tikjobs is installed, also where only the base install
(the agent) is: at import it needs pytest and the standard library alone. The suite
(hypothesis, httpx) is imported when properties are collected, and the local system
(emulator, simulator, agent) when the fixture is used; without the contract extra either
one stops with a message naming it (``pip install 'tikjobs[contract]'``).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pytest

from tikjobs.contracts.suite.target import (
    DEFAULT_EXAMPLES,
    DEFAULT_WAIT,
    ENVIRONMENT,
    REQUIRED,
    Target,
)

if TYPE_CHECKING:
    from tikjobs.contracts.local import LocalCloud
    from tikjobs.contracts.suite import Property
    from tikjobs.contracts.suite.run import Run

MARKER: Final = "real_mikrocloud"
SUITE_NAME: Final = "mikrocloud-contract"
NO_ACCOUNT: Final = (
    "needs a MikroCloud account: pass --mikrocloud-url, --mikrocloud-token and "
    "--mikrocloud-router (or set MIKROCLOUD_URL, MIKROCLOUD_TOKEN and MIKROCLOUD_ROUTER)"
)
_RUN: Final[pytest.StashKey[Run]] = pytest.StashKey()
_OPTIONS: Final = {
    "base_url": "--mikrocloud-url",
    "token": "--mikrocloud-token",
    "router_id": "--mikrocloud-router",
    "second_token": "--mikrocloud-second-token",
    "notify_sink": "--mikrocloud-notify-sink",
    "notify_sink_ca": "--mikrocloud-notify-sink-ca",
    "admin_token": "--mikrocloud-admin-token",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mikrocloud", "MikroCloud contract suite (tikjobs)")
    helps = {
        "base_url": "run the contract suite against this server",
        "token": "API key of the customer",
        "router_id": "a router of that customer",
        "second_token": "another customer's API key (tenancy)",
        "notify_sink": "https URL that receives notifications and lists them on GET",
        "notify_sink_ca": "certificate to trust when reading the sink",
        "admin_token": "the emulator's admin token (make the router check in)",
    }
    for name, option in _OPTIONS.items():
        group.addoption(option, dest=f"mikrocloud_{name}", default=None, help=helps[name])
    group.addoption(
        "--mikrocloud-allow-writes",
        action="store_true",
        dest="mikrocloud_allow_writes",
        help="let the suite's jobs change the router's configuration",
    )
    group.addoption(
        "--mikrocloud-examples",
        type=int,
        default=DEFAULT_EXAMPLES,
        dest="mikrocloud_examples",
        help="examples per property",
    )
    group.addoption(
        "--mikrocloud-wait",
        type=float,
        default=DEFAULT_WAIT,
        dest="mikrocloud_wait",
        help="seconds a job or notification may take",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}: runs against a real MikroCloud account; skipped without one"
    )


def account(config: pytest.Config) -> Target | None:
    """The account the options (or the environment) name; ``None`` when incomplete.
    Works without the plugin's options too (then only the environment counts)."""
    values: dict[str, Any] = {
        name: config.getoption(f"mikrocloud_{name}", default=None)
        or os.environ.get(variable)
        or None
        for name, variable in ENVIRONMENT.items()
    }
    if not all(values[name] for name in REQUIRED):
        return None
    ca = values.pop("notify_sink_ca")
    return Target(
        **values,
        notify_sink_ca=Path(ca) if ca else None,
        allow_writes=bool(config.getoption("mikrocloud_allow_writes", default=False)),
        max_examples=int(config.getoption("mikrocloud_examples", default=DEFAULT_EXAMPLES)),
        wait=float(config.getoption("mikrocloud_wait", default=DEFAULT_WAIT)),
    )


class MissingExtra(Exception):
    """What the plugin was asked for needs the contract extra, which is not installed."""


@contextmanager
def contract_extra(what: str) -> Iterator[None]:
    """Turn a missing dependency of the suite or the local system into `MissingExtra`."""
    try:
        yield
    except ModuleNotFoundError as error:
        if (error.name or "tikjobs").partition(".")[0] == "tikjobs":
            raise
        raise MissingExtra(
            f"{what} needs the contract extra ({error.name} is not installed): "
            "pip install 'tikjobs[contract]'"
        ) from None


class ContractFailure(Exception):
    """A property of the contract the server does not keep."""


class PropertyItem(pytest.Item):
    """One property of the contract suite, as a test."""

    def __init__(self, *, prop: Property, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.prop = prop

    def runtest(self) -> None:
        from tikjobs.contracts.suite import Verdict, check_property

        outcome = check_property(self.config.stash[_RUN], self.prop)
        if outcome.verdict is Verdict.SKIPPED:
            pytest.skip(outcome.detail)
        if outcome.verdict is not Verdict.PASSED:
            raise ContractFailure(f"{outcome.verdict.value}: {outcome.detail}")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ContractFailure):
            return f"{self.prop.title}\n{excinfo.value}"
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[str, int | None, str]:
        return SUITE_NAME, None, f"{SUITE_NAME}::{self.prop.name}"


class ContractSuite(pytest.Collector):
    """The contract suite's properties, as pytest items."""

    def collect(self) -> list[pytest.Item]:
        from tikjobs.contracts.suite import PROPERTIES

        return [PropertyItem.from_parent(self, name=item.name, prop=item) for item in PROPERTIES]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    if config.getoption("mikrocloud_base_url") is None:
        return
    target = account(config)
    if target is None:
        raise pytest.UsageError(f"--mikrocloud-url is given, but the suite {NO_ACCOUNT}")
    try:
        with contract_extra("--mikrocloud-url (the contract suite)"):
            from tikjobs.contracts.suite import run as suite_run
    except MissingExtra as error:
        raise pytest.UsageError(str(error)) from None
    run = config.stash[_RUN] = suite_run.Run(target)
    config.add_cleanup(run.close)
    suite = ContractSuite.from_parent(session, name=SUITE_NAME, nodeid=SUITE_NAME)
    collected = suite.collect()
    report = pytest.CollectReport(suite.nodeid, "passed", None, list(collected))
    config.hook.pytest_collectreport(report=report)
    items.extend(collected)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker(MARKER) is not None and account(item.config) is None:
        pytest.skip(NO_ACCOUNT)


@pytest.fixture(scope="session")
def real_mikrocloud(pytestconfig: pytest.Config) -> Target:
    """The real MikroCloud account the options (or the environment) name."""
    target = account(pytestconfig)
    if target is None:
        pytest.skip(NO_ACCOUNT)
    return target


@pytest.fixture(scope="session")
def mikrocloud() -> Iterator[LocalCloud]:
    """A local MikroCloud for the session: emulator, a simulated router with its agent,
    and a notification sink, on free ports of 127.0.0.1 (`contracts.local.LocalCloud`)."""
    try:
        with contract_extra("the mikrocloud fixture (a local MikroCloud)"):
            importlib.import_module("tikjobs.system")  # the emulator it starts
            from tikjobs.contracts.local import local_cloud
    except MissingExtra as error:
        raise pytest.fail.Exception(str(error), pytrace=False) from None
    with local_cloud() as cloud:
        yield cloud
