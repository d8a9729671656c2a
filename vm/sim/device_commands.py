"""Commands the device answers itself: scripts, globals, jobs, reboots and backups.

These need the script interpreter or the device's life cycle, so the model cannot
answer them. Each is a handler in `RUNTIME_COMMANDS`, keyed by menu path and verb;
`vm.sim.device.Device.execute` looks there before it asks the model.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from tikjobs.vm.exceptions import (
    Interrupted,
    MissingProperty,
    NoSuchItem,
    RouterOSError,
    ScriptError,
)
from tikjobs.vm.sim.command import Command, Reply, Row
from tikjobs.vm.sim.query import compile_query, where_equal
from tikjobs.vm.sim.script import Write
from tikjobs.vm.sim.script.values import Value, to_str
from tikjobs.vm.sim.tools import TOOL_COMMANDS
from tikjobs.vm.sim.tools import Handler as ToolHandler

if TYPE_CHECKING:
    from tikjobs.vm.sim.device import Device


@dataclass(frozen=True)
class Caller:
    """Who a command runs for: what stops a script it runs (a ``/cancel``, a closed SSH
    channel), and where that script's console output goes (the calling script's own
    output, an SSH channel); without ``write`` the output is dropped, as the API does."""

    cancel: threading.Event | None = None
    write: Write | None = None


Handler = Callable[["Device", Command, Caller], Reply]


def error_text(error: RouterOSError) -> str:
    """A script error as the console shows it: ``syntax error (line 1 column 6)``."""
    if isinstance(error, ScriptError) and error.line is not None and "(line " not in error.message:
        return f"{error.message} (line {error.line} column {error.column})"
    return error.message


def _check_params(device: Device, command: Command, allowed: frozenset[str]) -> None:
    for name in command.attrs:
        if name not in allowed:
            raise device.model.unknown_parameter(name)


def _required(command: Command, name: str) -> str:
    value = command.attrs.get(name)
    if value is None:
        raise MissingProperty(f"missing value(s) of argument(s) {name}")
    return value


def _select(command: Command, rows: list[Row]) -> Reply:
    predicate = compile_query(command.query)
    if predicate is not None:
        rows = [row for row in rows if predicate(row)]
    if command.attrs.get("count-only") is not None:
        return Reply(ret=str(len(rows)))
    if command.proplist is not None:
        rows = [{k: v for k, v in row.items() if k in command.proplist} for row in rows]
    return Reply(rows=rows)


def _find(command: Command, rows: list[Row]) -> Reply:
    """``find``: the ids of the rows its filters and query select, ``;``-separated."""
    equal = where_equal(command.attrs)
    predicate = compile_query(command.query)
    found = [
        row[".id"]
        for row in rows
        if (equal is None or equal(row)) and (predicate is None or predicate(row))
    ]
    return Reply(ret=";".join(found))


def _references(command: Command) -> list[str]:
    text = command.attrs.get(".id", command.attrs.get("numbers"))
    if text is None:
        raise MissingProperty("missing value(s) of argument(s) numbers")
    return [part for part in text.split(",") if part]


def _execute(device: Device, command: Command, caller: Caller) -> Reply:
    """``/execute``: a background job, or with ``as-string`` (RouterOS 7) the console
    output, lines ending in CR LF as the console writes them; a script that fails
    answers what it wrote, then its error as text."""
    _check_params(device, command, frozenset({"script", "as-string", "file"}))
    source = _required(command, "script")
    if "as-string" not in command.attrs:
        job = device.start_job(
            source, origin="execute", kind="command", output_file=command.attrs.get("file")
        )
        return Reply(ret=job.id)
    if device.version_info < (7,):
        raise device.model.unknown_parameter("as-string")
    written: list[str] = []
    try:
        device.run_script(source, origin="execute", cancel=caller.cancel, write=written.append)
    except Interrupted:
        raise
    except RouterOSError as error:
        written.append(error_text(error))
    output = "".join(written)
    return Reply(ret=output.replace("\r\n", "\n").replace("\n", "\r\n"))


def _script_run(device: Device, command: Command, caller: Caller) -> Reply:
    _check_params(device, command, frozenset({"number", ".id"}))
    reference = command.attrs.get("number", command.attrs.get(".id"))
    if reference is None:
        raise MissingProperty("missing value(s) of argument(s) number")
    device.run_named_script(reference, origin="script", caller=caller)
    return Reply()


def _import(device: Device, command: Command, caller: Caller) -> Reply:
    _check_params(device, command, frozenset({"file-name", "verbose", "dry-run"}))
    name = _required(command, "file-name")
    source = device.read_text_file(name)
    device.run_script(source, origin="import", name=name, cancel=caller.cancel, write=caller.write)
    return Reply()


def _environment_rows(device: Device) -> list[Row]:
    items = device.global_items()
    return [
        {".id": f"*{number:X}", "name": name, "value": to_str(cast(Value, value))}
        for number, (name, value) in enumerate(items, start=1)
    ]


def _environment_print(device: Device, command: Command, caller: Caller) -> Reply:
    return _select(command, _environment_rows(device))


def _environment_find(device: Device, command: Command, caller: Caller) -> Reply:
    return _find(command, _environment_rows(device))


def _environment_remove(device: Device, command: Command, caller: Caller) -> Reply:
    rows = _environment_rows(device)
    names = []
    for reference in _references(command):
        row = next((r for r in rows if reference in (r[".id"], r["name"])), None)
        if row is None:
            raise NoSuchItem("no such item")
        names.append(row["name"])
    device.remove_globals(names)
    return Reply()


def _job_print(device: Device, command: Command, caller: Caller) -> Reply:
    return _select(command, [job.row() for job in device.jobs])


def _job_find(device: Device, command: Command, caller: Caller) -> Reply:
    return _find(command, [job.row() for job in device.jobs])


def _job_remove(device: Device, command: Command, caller: Caller) -> Reply:
    references = _references(command)
    known = {job.id for job in device.jobs}
    for reference in references:
        if reference not in known:
            raise NoSuchItem("no such item")
    for reference in references:
        device.cancel_job(reference)
    return Reply()


def _reboot(device: Device, command: Command, caller: Caller) -> Reply:
    _check_params(device, command, frozenset())
    device.reboot()
    return Reply()


def _shutdown(device: Device, command: Command, caller: Caller) -> Reply:
    _check_params(device, command, frozenset())
    device.shutdown()
    return Reply()


def _backup_load(device: Device, command: Command, caller: Caller) -> Reply:
    _check_params(device, command, frozenset({"name", "password"}))
    name = _required(command, "name")
    restore = device.model.backup_restorer(name, command.attrs.get("password", ""))
    device.reboot(while_down=restore)
    return Reply()


ENVIRONMENT = ("system", "script", "environment")
JOB = ("system", "script", "job")

RUNTIME_COMMANDS: dict[tuple[tuple[str, ...], str], Handler] = {
    ((), "execute"): _execute,
    (("system", "script"), "run"): _script_run,
    ((), "import"): _import,
    (ENVIRONMENT, "print"): _environment_print,
    (ENVIRONMENT, "getall"): _environment_print,
    (ENVIRONMENT, "find"): _environment_find,
    (ENVIRONMENT, "remove"): _environment_remove,
    (("environment",), "print"): _environment_print,
    (JOB, "print"): _job_print,
    (JOB, "getall"): _job_print,
    (JOB, "find"): _job_find,
    (JOB, "remove"): _job_remove,
    (("system",), "reboot"): _reboot,
    (("system",), "shutdown"): _shutdown,
    (("system", "backup"), "load"): _backup_load,
}


def _tool(handler: ToolHandler) -> Handler:
    def run(device: Device, command: Command, caller: Caller) -> Reply:
        return handler(device, command)

    return run


RUNTIME_COMMANDS.update({key: _tool(handler) for key, handler in TOOL_COMMANDS.items()})
RUNTIME_MENUS = frozenset({ENVIRONMENT, JOB})
RUNTIME_TREE = frozenset(
    words[:end]
    for path, verb in RUNTIME_COMMANDS
    for words in [(*path, verb)]
    for end in range(1, len(words) + 1)
)
"""Every menu and command path the runtime answers, prefixes included."""
BLOCKING_COMMANDS = frozenset(
    {
        ((), "execute"),
        (("system", "script"), "run"),
        ((), "import"),
        (("system", "backup"), "load"),
        (("tool",), "fetch"),
    }
)
