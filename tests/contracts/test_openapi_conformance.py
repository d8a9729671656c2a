"""schemathesis against the emulator with the committed OpenAPI document: for requests
generated from the document (valid and invalid), no server error and every answer as the
document says — status, content type, body schema.

Every public operation is tried, half the time on the customer's real router (so job
lists, submissions, synchronous calls and backups answer for real) and half the time on
ids schemathesis makes up. An Idempotency-Key it generates is replaced by a fresh one, as
a client makes one per request: schemathesis would otherwise send one key with many bodies,
which the server rightly refuses. The number of examples is kept small so the whole run
stays well under a minute.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tikjobs.contracts.local import LocalCloud
from tikjobs.contracts.openapi import committed

EXAMPLES = 12


def public_operations() -> list[Any]:
    schema = schemathesis.openapi.from_dict(committed()).include(path_regex="^/api/")
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture(scope="module")
def schema(cloud: LocalCloud) -> Any:
    """The document the running emulator serves (the committed copy is checked for drift
    by `test_openapi`)."""
    served = httpx.get(f"{cloud.base_url}/openapi.json", timeout=10.0).raise_for_status()
    loaded = schemathesis.openapi.from_dict(served.json()).include(path_regex="^/api/")
    loaded.config.update(base_url=cloud.base_url)
    return loaded


def excluded(label: str) -> list[Any]:
    """Checks that do not apply: a synchronous command the document allows may still be
    one RouterOS does not have, and its trap (a documented 400) is the right answer."""
    return [positive_data_acceptance] if label.startswith("POST /api/synchronous/") else []


@pytest.mark.parametrize("label", [operation.label for operation in public_operations()])
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
        headers = {**(case.headers or {}), **cloud.headers}
        if "Idempotency-Key" in headers:
            headers["Idempotency-Key"] = str(uuid4())
        case.headers = headers
        case.call_and_validate(excluded_checks=excluded(label))

    check()
