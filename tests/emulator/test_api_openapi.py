"""/openapi.json and /docs on a real server: served, secured, and built from the
`contracts` models so the document cannot drift from what the server accepts and answers."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from tests.emulator.api_harness import EmulatorThread
from tikjobs.contracts.api import (
    AsynchronousRequest,
    ErrorBody,
    Job,
    JobDetail,
    Router,
    SubmitResult,
    SynchronousRequest,
)
from tikjobs.emulator.api.body_limit import MAX_BODY_BYTES


@pytest.fixture(scope="module")
def document(emulator: EmulatorThread) -> dict[str, Any]:
    with emulator.client() as client:
        response = client.get("/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def comparable(schema: Any) -> Any:
    """A schema without what FastAPI moves or leaves out (``$defs``, ``default: null``)."""
    if isinstance(schema, dict):
        return {
            key: comparable(value)
            for key, value in schema.items()
            if key != "$defs" and not (key == "default" and value is None)
        }
    if isinstance(schema, list):
        return [comparable(item) for item in schema]
    return schema


@pytest.mark.parametrize(
    ("model", "mode"),
    [
        (AsynchronousRequest, "validation"),
        (SynchronousRequest, "validation"),
        (SubmitResult, "serialization"),
        (Job, "serialization"),
        (JobDetail, "serialization"),
        (Router, "serialization"),
        (ErrorBody, "serialization"),
    ],
)
def test_components_are_the_contracts_models(
    document: dict[str, Any], model: type[BaseModel], mode: str
) -> None:
    expected = model.model_json_schema(ref_template="#/components/schemas/{model}", mode=mode)
    served = document["components"]["schemas"][model.__name__]
    assert comparable(served["properties"]) == comparable(expected["properties"])
    assert sorted(served.get("required", [])) == sorted(expected.get("required", []))


def schema_ref(operation: dict[str, Any], status: str = "200") -> str:
    ref: str = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[1]


def test_every_route_of_the_seed_is_documented_with_its_models(document: dict[str, Any]) -> None:
    paths = document["paths"]
    submit = paths["/api/asynchronous/{router_id}"]["post"]
    assert submit["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/AsynchronousRequest"
    )
    assert schema_ref(submit) == "Envelope_SubmitResult_"
    assert any(parameter["name"] == "Idempotency-Key" for parameter in submit["parameters"])

    sync = paths["/api/synchronous/{router_id}"]["post"]
    assert sync["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/SynchronousRequest"
    )
    assert {"400", "404", "503", "504"} <= set(sync["responses"])

    jobs = paths["/api/routers/{router_id}/jobs"]["get"]
    assert schema_ref(jobs) == "Envelope_list_Job__"
    assert {parameter["name"] for parameter in jobs["parameters"]} >= {"status", "limit", "offset"}
    job = paths["/api/routers/{router_id}/jobs/{job_id}"]
    assert schema_ref(job["get"]) == "Envelope_JobDetail_"
    assert "409" in job["delete"]["responses"]
    assert schema_ref(paths["/api/routers"]["get"]) == "Envelope_list_Router__"


def test_errors_are_documented_as_error_bodies(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")):
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorBody"), (path, method, status)
    assert "HTTPValidationError" not in document["components"]["schemas"]


UNREADABLE_BODIES = [
    pytest.param(b'{"name": ', "application/json", 400, "malformed_json", id="not JSON"),
    pytest.param(b"{}", "text/plain", 415, "unsupported_media_type", id="not sent as JSON"),
    pytest.param(
        b" " * (MAX_BODY_BYTES + 1), "application/json", 413, "body_too_large", id="too large"
    ),
]


@pytest.mark.parametrize(("body", "content_type", "status", "code"), UNREADABLE_BODIES)
def test_every_route_that_reads_a_body_documents_the_answer_to_one_it_cannot_read(
    emulator: EmulatorThread,
    document: dict[str, Any],
    body: bytes,
    content_type: str,
    status: int,
    code: str,
) -> None:
    """A client generated from the document knows every answer a body can get: each
    operation with a request body is sent one it cannot read, with valid credentials."""
    account = emulator.account()
    tried = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if "requestBody" not in operation:
                continue
            url = path.format(router_id=account.router_id, customer_id=account.customer_id)
            caller = (
                emulator.admin()
                if path.startswith("/_emulator/")
                else emulator.client(account.api_key)
            )
            response = caller.request(
                method.upper(), url, content=body, headers={"Content-Type": content_type}
            )
            label = f"{method.upper()} {path}"
            assert (response.status_code, response.json()["code"]) == (status, code), label
            assert str(status) in operation["responses"], f"{label} does not document {status}"
            tried.append(label)
    assert {"POST /api/synchronous/{router_id}", "POST /agent/enroll"} <= set(tried)


def test_public_routes_declare_the_bearer_api_key(document: dict[str, Any]) -> None:
    scheme = document["components"]["securitySchemes"]["ApiKey"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    for path, operations in document["paths"].items():
        if path.startswith("/api/"):
            for operation in operations.values():
                assert {"ApiKey": []} in operation["security"], path


def test_the_docs_page_is_served(emulator: EmulatorThread) -> None:
    with emulator.client() as client:
        response = client.get("/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()
    assert "/openapi.json" in response.text
