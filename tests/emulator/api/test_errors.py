"""The exception handlers on a small app of their own: a genuine bug answers a logged 500
ErrorBody, the emulator's errors keep their status, code and headers."""

from __future__ import annotations

import logging

import httpx
import pytest
from fastapi import FastAPI

from tikjobs.contracts.tunnel import Trap
from tikjobs.emulator.api.errors import error_response, field_name, install_error_handlers
from tikjobs.emulator.exceptions import RateLimited, RouterTrap, StoreError

pytestmark = pytest.mark.anyio


def app_raising(error: Exception) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    async def boom() -> None:
        raise error

    return app


async def get_boom(app: FastAPI) -> httpx.Response:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        return await client.get("/boom")


async def test_a_bug_is_logged_and_answers_a_bare_500(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="tikjobs.emulator.api"):
        response = await get_boom(app_raising(ZeroDivisionError("secret detail")))
    assert response.status_code == 500
    assert response.json() == {
        "status": "error",
        "message": "internal error",
        "code": "internal_error",
        "errors": {},
    }
    assert "secret detail" not in response.text
    assert any(record.exc_info for record in caplog.records)


async def test_a_store_failure_is_a_500_with_its_code() -> None:
    response = await get_boom(app_raising(StoreError("disk full")))
    assert response.status_code == 500
    assert response.json()["code"] == "store_error"


async def test_a_rate_limit_carries_retry_after() -> None:
    response = await get_boom(app_raising(RateLimited("slow down", retry_after=7)))
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"


async def test_a_trap_without_a_category_is_still_described() -> None:
    response = await get_boom(app_raising(RouterTrap([Trap(message="no such command prefix")])))
    body = response.json()
    assert response.status_code == 400
    assert body["message"] == "no such command prefix"
    assert body["details"] == {
        "category": None,
        "traps": [{"message": "no such command prefix", "category": None}],
    }


@pytest.mark.parametrize(
    ("location", "name"),
    [
        (("body", "script"), "script"),
        (("body",), "body"),
        (("query", "limit"), "limit"),
        (("header", "idempotency-key"), "Idempotency-Key"),
        (("body", "parameters", "list[str]", 1), "parameters.1"),
        (("body", "parameters", "str"), "parameters"),
        (("body", "sync", "failure_rate"), "sync.failure_rate"),
    ],
)
def test_field_names_leave_out_locations_and_union_members(
    location: tuple[str | int, ...], name: str
) -> None:
    assert field_name(location) == name


def test_an_error_response_leaves_out_empty_details() -> None:
    response = error_response(404, "router not found", code="router_not_found")
    assert response.body == (
        b'{"status":"error","message":"router not found","code":"router_not_found","errors":{}}'
    )
