"""``/api/routers/{router_id}/backups``: the files agents took from a router before jobs.

- ``GET .../backups`` lists the router's backups and exports, newest first (the seed's
  envelope, each entry a `contracts.api.BackupFile`).
- ``GET .../backups/{name}`` downloads one as it came from the router: a binary
  ``.backup`` as ``application/octet-stream``, an ``.rsc`` export as UTF-8 text; the
  ``ETag`` is its SHA-256. A name taken twice answers the newest file of that name.
- ``GET .../backups/{a}/diff/{b}`` answers a unified diff (``text/x-diff``) from export
  ``a`` to export ``b``. The ``# <date> by RouterOS <version>`` line an export starts
  with is left out of the comparison, so two exports of the same configuration answer an
  empty diff. Comparing a binary backup answers 422.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated

from fastapi import APIRouter, Path, Response

from tikjobs.contracts.api import BackupFile, Envelope
from tikjobs.emulator.api.deps import RouterCall
from tikjobs.emulator.api.errors import documented
from tikjobs.emulator.api.jobs import backup_view
from tikjobs.emulator.exceptions import BackupNotFound, InvalidRequest
from tikjobs.emulator.store import BackupRecord, RouterRecord, Store

router = APIRouter(prefix="/api/routers/{router_id}/backups", tags=["backups"])

DATE_HEADER = re.compile(r"^#.* by RouterOS\b.*$")
"""The first line of an export (``# 2024-05-28 08:05:28 by RouterOS 7.15``)."""

BackupName = Annotated[str, Path(min_length=1, max_length=255, description="The file name.")]


@router.get(
    "",
    response_model=Envelope[list[BackupFile]],
    summary="List a router's backups",
    responses=documented(401, 404, 422, 429),
)
async def list_backups(call: RouterCall) -> Envelope[list[BackupFile]]:
    """Every backup and export taken from the router, newest first."""
    records = await call.store.list_backups(router_id=call.router.id)
    return Envelope(data=[backup_view(record) for record in reversed(records)])


@router.get(
    "/{name}",
    response_class=Response,
    summary="Download a backup or export",
    responses={
        **documented(401, 404, 422, 429),
        200: {
            "description": "The file as it came from the router.",
            "content": {"application/octet-stream": {}, "text/plain": {}},
        },
    },
)
async def download_backup(call: RouterCall, name: BackupName) -> Response:
    """The file's bytes; ``Content-Disposition`` names it, ``ETag`` is its SHA-256."""
    owned, store = call.router, call.store
    record = await _newest(store, owned, name)
    content = await store.read_backup(record.id)
    media_type = (
        "text/plain; charset=utf-8" if record.kind == "export" else "application/octet-stream"
    )
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{safe_filename(record.name)}"',
            "ETag": f'"{record.sha256}"',
        },
    )


@router.get(
    "/{name}/diff/{other}",
    response_class=Response,
    summary="Compare two exports",
    responses={
        **documented(401, 404, 422, 429),
        200: {"description": "A unified diff, empty when equal.", "content": {"text/x-diff": {}}},
    },
)
async def diff_exports(
    call: RouterCall,
    name: BackupName,
    other: BackupName,
) -> Response:
    """What changed from export ``name`` to export ``other`` (date header ignored)."""
    owned, store = call.router, call.store
    first = await _export(store, owned, name, "name")
    second = await _export(store, owned, other, "other")
    diff = difflib.unified_diff(
        _lines(await store.read_backup(first.id)),
        _lines(await store.read_backup(second.id)),
        fromfile=first.name,
        tofile=second.name,
    )
    return Response("".join(diff), media_type="text/x-diff; charset=utf-8")


async def _newest(store: Store, owned: RouterRecord, name: str) -> BackupRecord:
    matching = [
        record for record in await store.list_backups(router_id=owned.id) if record.name == name
    ]
    if not matching:
        raise BackupNotFound(f"router {owned.id} has no backup named {name!r}")
    return max(matching, key=lambda record: record.created_at)


async def _export(store: Store, owned: RouterRecord, name: str, field: str) -> BackupRecord:
    record = await _newest(store, owned, name)
    if record.kind != "export":
        reason = f"{name!r} is a binary backup; only exports (.rsc) can be compared"
        raise InvalidRequest(reason, {field: [reason]})
    return record


def _lines(content: bytes) -> list[str]:
    """An export's lines for comparison, without its date header; every line ends in a
    newline so the last line compares like the others."""
    lines = content.decode("utf-8", errors="replace").replace("\r\n", "\n").splitlines()
    return [line + "\n" for line in lines if not DATE_HEADER.match(line)]


def safe_filename(name: str) -> str:
    return re.sub(r'["\\\r\n]', "_", name)
