"""The ``tikjobs`` command: one entry point, one subcommand per part of the system.

Each subcommand lives beside the code it runs, in a module that offers
``add_arguments(parser)`` and ``run(args) -> int``; it is imported only when chosen, so
``tikjobs agent`` on a customer's box never loads the emulator's web stack. The base
install serves ``agent``, ``sim`` and ``chr``; a subcommand that needs an extra says
which one when its dependencies are missing. Every subcommand takes ``--log-format
text|json`` (`tikjobs.logs`); logging is set up before the subcommand runs, so its own
set-up only adds to it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol, cast

from tikjobs.logs import LOG_FORMATS, configure

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "up": ("tikjobs.up", "run the whole system: emulator, simulated routers and their agents"),
    "emulator": ("tikjobs.emulator.serve", "run the MikroCloud-compatible job API"),
    "agent": ("tikjobs.agent.cli", "run the router-side agent (also: agent enroll, agent check)"),
    "sim": ("tikjobs.vm.sim.cli", "run simulated RouterOS devices"),
    "chr": ("tikjobs.vm.chr.cli", "boot a real RouterOS CHR image under QEMU"),
    "contract": (
        "tikjobs.contracts.cli",
        "check a MikroCloud-compatible server against the contract",
    ),
}


ACTIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("agent", "enroll"): ("tikjobs.agent.enroll", "adopt a router with a one-time code"),
    ("agent", "check"): ("tikjobs.agent.check", "check a site's set-up, with a fix for each"),
}
"""Subcommands of a subcommand: ``tikjobs agent enroll`` and ``tikjobs agent check``."""


EXTRAS: dict[str, str] = {"up": "emulator", "emulator": "emulator", "contract": "contract"}
"""The extra each subcommand needs beyond the base install."""


class SubcommandModule(Protocol):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def _overview() -> str:
    width = max(map(len, SUBCOMMANDS))
    lines = [f"  {name:<{width}}  {text}" for name, (_, text) in SUBCOMMANDS.items()]
    return "commands:\n" + "\n".join(lines)


def _missing(name: str, module_name: str, error: ModuleNotFoundError) -> int:
    """Say what to install when a subcommand cannot be imported; re-raise a broken install."""
    missing = error.name or ""
    if module_name == missing or module_name.startswith(missing + "."):
        print(f"tikjobs {name}: not available in this build", file=sys.stderr)
        return 2
    extra = EXTRAS.get(name)
    if extra is None or missing.split(".")[0] == "tikjobs":
        raise error
    print(
        f"tikjobs {name} needs the {extra} extra ({missing} is not installed): "
        f"pip install 'tikjobs[{extra}]'",
        file=sys.stderr,
    )
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``tikjobs``; answers the process exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    top = argparse.ArgumentParser(
        prog="tikjobs",
        description="MikroCloud job API, router agent, simulated RouterOS and contract suite.",
        epilog=_overview(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("command", choices=SUBCOMMANDS, metavar="command", help="see below")
    if not argv or argv[0] not in SUBCOMMANDS:
        top.parse_args(argv[:1])  # prints usage, or the error for an unknown command
        return 2
    name, rest = argv[0], argv[1:]
    module_name, text = SUBCOMMANDS[name]
    if rest and (name, rest[0]) in ACTIONS:
        module_name, text = ACTIONS[name, rest[0]]
        name, rest = f"{name} {rest[0]}", rest[1:]
    try:
        module = cast(SubcommandModule, importlib.import_module(module_name))
    except ModuleNotFoundError as error:
        return _missing(name, module_name, error)
    parser = argparse.ArgumentParser(prog=f"tikjobs {name}", description=text)
    module.add_arguments(parser)
    parser.add_argument(
        "--log-format",
        choices=LOG_FORMATS,
        default="text",
        help="text lines, or one JSON object per line (time, level, message, ids)",
    )
    args = parser.parse_args(rest)
    level = str(getattr(args, "log_level", None) or "info")
    configure(args.log_format, level.upper())
    return module.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
