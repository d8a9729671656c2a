"""The configuration round trip, run only with ``--allow-writes``: a job changes the
router, a synchronous read sees the change, a second job takes it back.

The change is an entry in an address list of the suite's own (``tikjobs-contract-<run>``,
an address from the documentation range 192.0.2.0/24), added and then removed; the first
job may ask for a backup before it runs. Nothing else on the router is touched.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tikjobs.contracts.suite import checks
from tikjobs.contracts.suite.exceptions import ContractViolation
from tikjobs.contracts.suite.run import Run
from tikjobs.contracts.suite.strategies import submission


def _address_list(run: Run, name: str) -> list[dict[str, Any]]:
    answer = run.api.sync("/ip/firewall/address-list/print", f"?list={name}")
    rows = checks.success(answer, f"reading address list {name}")
    if not isinstance(rows, list):
        raise ContractViolation(f"reading address list {name} answered {rows!r:.200}")
    return [checks.normalised_row(row, f"address list {name}") for row in rows]


def _run_job(run: Run, body: dict[str, Any], what: str) -> None:
    key = run.submitted(body, what=what)["idempotency_key"]
    if not body["express_execute"]:
        run.api.poll()
    job = run.ended([key])[key]
    if job["status"] != "completed":
        raise ContractViolation(f"{what} should complete, it is {job['status']}")


def configuration_round_trip(run: Run) -> None:
    """A job's configuration change is what a synchronous read then shows, and a second
    job takes it back."""

    @run.settings(max(1, run.target.max_examples // 3))
    @given(host=st.integers(1, 254), make_backup=st.booleans(), express=run.express_values())
    def check(host: int, make_backup: bool, express: bool) -> None:
        name = f"tikjobs-contract-{run.tag}"
        address = f"192.0.2.{host}"
        add = f'/ip firewall address-list add list={name} address={address} comment="tikjobs"'
        remove = f'/ip firewall address-list remove [find list="{name}"]'
        body = submission("tikjobs contract: add", add, make_backup=make_backup, express=express)
        _run_job(run, body, f"adding {address} to {name}")
        rows = _address_list(run, name)
        if [row.get("address") for row in rows] != [address]:
            raise ContractViolation(f"after adding {address}, address list {name} shows {rows}")
        body = submission("tikjobs contract: remove", remove, express=express)
        _run_job(run, body, f"removing {name}")
        rows = _address_list(run, name)
        if rows:
            raise ContractViolation(f"after removing it, address list {name} still shows {rows}")

    check()
