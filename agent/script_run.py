"""Sending a job's wrapped script to the router and reading back what it printed, on
RouterOS 7 and on RouterOS 6.

How this works
--------------
RouterOS 7 has ``/execute =as-string=``: the command blocks until the script ends and
answers its console output, or the output and then RouterOS's error on the last line.

RouterOS 6 (6.43 and later) has no ``as-string``: ``/execute`` only starts the script in
the background and answers the id of its ``/system/script/job``. There the script is
started with ``=file=tikjobs-<key>-output``, so RouterOS writes what it printed (and
the error that stopped it) to ``tikjobs-<key>-output.txt``; the agent watches the job
list until the job is gone, reads the file's ``contents`` and removes the file. At most
once holds exactly as on RouterOS 7: the marker script the wrapped script adds first is
what refuses a second run, and it is the marker, not the output, that says whether the
script finished. A script that outlives its time is stopped with
``/system/script/job/remove``. RouterOS 6 shows a file's ``contents`` only below 4 KiB;
a longer output is reported as cut off.

Both paths answer an `Answer` whose ``ret`` is what the script printed, so
`agent.jobs` concludes a run the same way on either version.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time

from tikjobs.agent import markers
from tikjobs.agent.exceptions import RouterError, RouterTimeout
from tikjobs.agent.router import Answer, RouterConnection

log = logging.getLogger(__name__)

OUTPUT_SUFFIX = "-output"
JOB_POLL_FIRST = 0.05
JOB_POLL_MAX = 1.0
FILE_WAIT = 2.0
"""Seconds to wait for the output file to appear once the script's job is gone."""
OUTPUT_CUT = "[output longer than RouterOS 6 shows in a file's contents; cut off]"
QUERY_TIMEOUT = 30.0


def version_tuple(version: str | None) -> tuple[int, ...]:
    """``6.49.10`` -> ``(6, 49, 10)``; None or unreadable -> ``()`` (unknown)."""
    match = re.match(r"\d+(?:\.\d+)*", (version or "").strip())
    return tuple(int(part) for part in match.group().split(".")) if match else ()


def has_as_string(version: str | None) -> bool:
    """Whether ``/execute`` takes ``as-string`` (RouterOS 7); an unknown version is
    taken as 7, the version the agent is built for."""
    parts = version_tuple(version)
    return not parts or parts[0] >= 7


def output_file(key: str) -> str:
    """The name ``/execute =file=`` is given for a key (RouterOS adds ``.txt``)."""
    return markers.marker_name(key) + OUTPUT_SUFFIX


async def run_wrapped(
    connection: RouterConnection,
    wrapped: str,
    key: str,
    *,
    version: str | None,
    timeout: float,  # noqa: ASYNC109 - the script is stopped on the router at the limit
) -> Answer:
    """Run ``wrapped`` (see `agent.markers.wrap`) and answer what it printed.

    `RouterTimeout` when it runs longer than ``timeout`` (it is stopped on the router);
    `RouterUnreachable` when the router goes away meanwhile.
    """
    if has_as_string(version):
        return await connection.command(
            "/execute", [f"=script={wrapped}", "=as-string="], timeout=timeout
        )
    return await _run_in_background(connection, wrapped, key, timeout)


async def _run_in_background(
    connection: RouterConnection,
    wrapped: str,
    key: str,
    timeout: float,  # noqa: ASYNC109 - the script's job is removed on the router at the limit
) -> Answer:
    deadline = time.monotonic() + timeout
    name = output_file(key)
    started = await connection.command(
        "/execute", [f"=script={wrapped}", f"=file={name}"], timeout=timeout
    )
    if started.traps or not started.ret:
        return started
    job_id = started.ret
    pause = JOB_POLL_FIRST
    while await _job_running(connection, job_id, deadline):
        if time.monotonic() + pause > deadline:
            await _stop(connection, job_id)
            raise RouterTimeout(f"the script ran longer than {timeout:g} s and was stopped")
        await asyncio.sleep(pause)
        pause = min(pause * 2, JOB_POLL_MAX)
    printed = await _read_output(connection, name + ".txt")
    await _remove_output(connection, name + ".txt")
    return Answer(ret=printed)


async def _job_running(connection: RouterConnection, job_id: str, deadline: float) -> bool:
    answer = await connection.command(
        "/system/script/job/print",
        ["=.proplist=.id", f"?.id={job_id}"],
        timeout=max(min(QUERY_TIMEOUT, deadline - time.monotonic()), 1.0),
    )
    return bool(answer.raise_traps().rows)


async def _stop(connection: RouterConnection, job_id: str) -> None:
    try:
        await connection.command(
            "/system/script/job/remove", [f"=.id={job_id}"], timeout=QUERY_TIMEOUT
        )
    except RouterError as error:
        log.warning("could not stop script job %s on the router: %s", job_id, error)


async def _read_output(connection: RouterConnection, name: str) -> str:
    """The output file's text; RouterOS may write it a moment after the job ends."""
    give_up = time.monotonic() + FILE_WAIT
    while True:
        answer = await connection.command(
            "/file/print", ["=.proplist=size,contents", f"?name={name}"], timeout=QUERY_TIMEOUT
        )
        rows = answer.raise_traps().rows
        if rows:
            row = rows[0]
            contents = row.get("contents", "")
            size = row.get("size", "0")
            if not contents and size.isdigit() and int(size) > 0:
                return OUTPUT_CUT
            return contents
        if time.monotonic() > give_up:
            return ""
        await asyncio.sleep(JOB_POLL_FIRST)


async def _remove_output(connection: RouterConnection, name: str) -> None:
    try:
        answer = await connection.command(
            "/file/remove", [f"=numbers={name}"], timeout=QUERY_TIMEOUT
        )
        answer.raise_traps()
    except RouterError as error:
        log.warning("could not remove %s from the router: %s", name, error)
