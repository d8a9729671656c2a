"""The committed OpenAPI document: it is what the models generate, and drift is reported
with where it is and how to regenerate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tikjobs.contracts import openapi


def test_the_committed_document_is_what_the_models_generate() -> None:
    drift = openapi.differences(openapi.committed(), openapi.generate())
    assert not drift, (
        "contracts/openapi.json has drifted from the models; regenerate it with "
        "`python -m tikjobs.contracts.openapi --write`:\n" + "\n".join(drift[:20])
    )


def test_the_document_carries_the_seed_routes_and_models() -> None:
    document = openapi.committed()
    assert {"/api/synchronous/{router_id}", "/api/asynchronous/{router_id}"} <= set(
        document["paths"]
    )
    assert "/api/routers/{router_id}/jobs" in document["paths"]
    schemas = document["components"]["schemas"]
    assert {"AsynchronousRequest", "SubmitResult", "Job", "ErrorBody"} <= set(schemas)
    assert schemas["AsynchronousRequest"]["properties"]["description"]["maxLength"] == 100


def test_check_reports_where_a_drifted_copy_differs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drifted = openapi.committed()
    drifted["components"]["schemas"]["AsynchronousRequest"]["properties"]["script"]["maxLength"] = (
        3000
    )
    copy = tmp_path / "openapi.json"
    copy.write_text(json.dumps(drifted), encoding="utf-8")

    assert openapi.main(["--check", "--path", str(copy)]) == 1

    shown = capsys.readouterr().out
    assert "/components/schemas/AsynchronousRequest/properties/script/maxLength" in shown
    assert "committed 3000, generated 2000" in shown
    assert "python -m tikjobs.contracts.openapi --write" in shown


def test_write_regenerates_a_document_check_then_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "openapi.json"
    target.write_text("{}", encoding="utf-8")

    assert openapi.main(["--write", "--path", str(target)]) == 0
    assert openapi.main(["--check", "--path", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == openapi.COMMITTED.read_text(encoding="utf-8")
    assert "matches the models" in capsys.readouterr().out
