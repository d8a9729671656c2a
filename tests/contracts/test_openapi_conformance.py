"""schemathesis against the emulator with the committed OpenAPI document: for requests
generated from the document (valid and invalid), no server error and every answer as the
document says — status, content type, body schema.

Every public operation is tried, half the time on the customer's real router (so job
lists, submissions, synchronous calls and backups answer for real) and half the time on
ids schemathesis makes up. An Idempotency-Key it generates is replaced by a fresh one, as
a client makes one per request: schemathesis would otherwise send one key with many bodies,
which the server rightly refuses. The controls that only add (customers, keys, routers,
enrollment codes) are tried too, with the admin token; those that reset the emulator or
inject faults would change what the other operations answer, and have tests of their own.
The number of examples is kept small so the whole run stays well under a minute.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

from tikjobs.contracts.local import LocalCloud
from tikjobs.contracts.openapi import committed

EXAMPLES = 12


TRIED = r"^/api/|^/_emulator/(customers|routers)(/[^/]+/(keys|enrollment-codes))?$"
"""The public operations and the controls that only add something."""


def tried_operations() -> list[Any]:
    schema = schemathesis.openapi.from_dict(committed()).include(path_regex=TRIED)
    return [
        operation
        for operation in (result.ok() for result in schema.get_all_operations())
        if operation.method.upper() != "GET" or operation.path.startswith("/api/")
    ]


@pytest.fixture(scope="module")
def schema(cloud: LocalCloud) -> Any:
    """The document the running emulator serves (the committed copy is checked for drift
    by `test_openapi`)."""
    served = httpx.get(f"{cloud.base_url}/openapi.json", timeout=10.0).raise_for_status()
    loaded = schemathesis.openapi.from_dict(served.json()).include(path_regex=TRIED)
    loaded.config.update(base_url=cloud.base_url)
    return loaded


def is_control(label: str) -> bool:
    """Whether the operation ``METHOD /path`` is one of the emulator's controls."""
    return label.split(" ", 1)[1].startswith("/_emulator/")


def excluded(label: str) -> list[Any]:
    """Checks that do not apply: a synchronous command the document allows may still be
    one RouterOS does not have, and its trap (a documented 400) is the right answer; a
    control sent ``X-Emulator-Admin-Token`` reads that header and not ``Authorization``
    (so that a client whose ``Authorization`` carries an API key can use the controls),
    which schemathesis's check of a made-up ``Authorization`` takes for ignored auth."""
    if label.startswith("POST /api/synchronous/"):
        return [positive_data_acceptance]
    if is_control(label):
        return [ignored_auth]
    return []


@pytest.mark.parametrize("label", [operation.label for operation in tried_operations()])
def test_every_answer_conforms_to_the_document(schema: Any, cloud: LocalCloud, label: str) -> None:
    [operation] = [
        result.ok() for result in schema.get_all_operations() if result.ok().label == label
    ]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), on_real_router=st.booleans())
    def check(case: Any, on_real_router: bool) -> None:
        if on_real_router and "router_id" in (case.path_parameters or {}):
            case.path_parameters["router_id"] = cloud.router_id
        if on_real_router and "customer_id" in (case.path_parameters or {}):
            case.path_parameters["customer_id"] = cloud.customer_id
        credentials = (
            {"X-Emulator-Admin-Token": cloud.admin_token} if is_control(label) else cloud.headers
        )
        headers = {**(case.headers or {}), **credentials}
        if "Idempotency-Key" in headers:
            headers["Idempotency-Key"] = str(uuid4())
        case.headers = headers
        case.call_and_validate(excluded_checks=excluded(label))

    check()
