"""``tikjobs contract``: check a MikroCloud-compatible server against the contract suite.

    tikjobs contract --base-url https://mkcld.io --token KEY --router-id ID \
        [--second-token KEY2] [--notify-sink URL] [--allow-writes] [--admin-token T]

Every option also reads from the environment (``MIKROCLOUD_URL``, ``MIKROCLOUD_TOKEN``,
``MIKROCLOUD_ROUTER``, ``MIKROCLOUD_SECOND_TOKEN``, ``MIKROCLOUD_NOTIFY_SINK``,
``MIKROCLOUD_NOTIFY_SINK_CA``, ``MIKROCLOUD_ADMIN_TOKEN``), so keys need not appear on a
command line. Prints one line per property as it ends — PASS, FAIL with the violation,
SKIP with what it needs, ERROR when it could not be checked — then a summary; the exit
status is 0 when nothing failed, 1 otherwise, 2 for unusable arguments. Without
``--allow-writes`` the router only sees read commands and harmless scripts.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from tikjobs.contracts.suite import (
    NAMES,
    PROPERTIES,
    Target,
    report_line,
    run_suite,
    succeeded,
    summary,
)
from tikjobs.contracts.suite.target import DEFAULT_EXAMPLES, DEFAULT_WAIT, ENVIRONMENT, REQUIRED


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``tikjobs contract`` options."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = "properties:\n" + "\n".join(f"  {item.name}" for item in PROPERTIES)
    parser.add_argument("--base-url", help="the server, e.g. https://mkcld.io [MIKROCLOUD_URL]")
    parser.add_argument("--token", help="an API key of the customer [MIKROCLOUD_TOKEN]")
    parser.add_argument("--router-id", help="a router of that customer [MIKROCLOUD_ROUTER]")
    parser.add_argument(
        "--second-token", help="another customer's API key, for tenancy [MIKROCLOUD_SECOND_TOKEN]"
    )
    parser.add_argument(
        "--notify-sink",
        metavar="URL",
        help="an https URL the server can post notifications to, whose GET lists what it "
        "received (as tikjobs up's sink does) [MIKROCLOUD_NOTIFY_SINK]",
    )
    parser.add_argument(
        "--notify-sink-ca",
        type=Path,
        metavar="FILE",
        help="certificate to trust when reading the sink [MIKROCLOUD_NOTIFY_SINK_CA]",
    )
    parser.add_argument(
        "--admin-token",
        help="the emulator's admin token, to make the router check in [MIKROCLOUD_ADMIN_TOKEN]",
    )
    parser.add_argument(
        "--allow-writes",
        action="store_true",
        help="let jobs change the router's configuration (default: read and log only)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=NAMES,
        metavar="PROPERTY",
        help="check only this property (repeatable)",
    )
    parser.add_argument(
        "--examples",
        type=int,
        default=DEFAULT_EXAMPLES,
        help=f"examples per property (default {DEFAULT_EXAMPLES})",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_WAIT,
        metavar="SECONDS",
        help=f"how long a job or notification may take (default {DEFAULT_WAIT:g})",
    )
    parser.add_argument(
        "--shrink", action="store_true", help="shrink failing examples (many more requests)"
    )


def target_from(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> Target:
    """The `Target` the arguments (and the environment) describe; `ValueError` naming
    what is missing or unusable."""
    values = {
        name: getattr(args, name, None) or environ.get(variable) or None
        for name, variable in ENVIRONMENT.items()
    }
    missing = [name for name in REQUIRED if not values[name]]
    if missing:
        wanted = ", ".join(f"--{name.replace('_', '-')} ({ENVIRONMENT[name]})" for name in missing)
        raise ValueError(f"missing {wanted}")
    if args.examples < 1 or args.wait <= 0:
        raise ValueError("--examples must be at least 1 and --wait positive")
    ca = values["notify_sink_ca"]
    return Target(
        base_url=str(values["base_url"]),
        token=str(values["token"]),
        router_id=str(values["router_id"]),
        second_token=values["second_token"],
        notify_sink=values["notify_sink"],
        notify_sink_ca=Path(ca) if ca is not None else None,
        admin_token=values["admin_token"],
        allow_writes=args.allow_writes,
        max_examples=args.examples,
        wait=args.wait,
        shrink=args.shrink,
    )


def run(args: argparse.Namespace) -> int:
    """Check the server; 0 when nothing failed, 1 otherwise, 2 for unusable arguments."""
    try:
        target = target_from(args)
    except ValueError as error:
        print(f"tikjobs contract: {error}", file=sys.stderr)
        return 2
    mode = "writes allowed" if target.allow_writes else "read-only and harmless scripts"
    print(f"tikjobs contract: {target.base_url}, router {target.router_id} ({mode})", flush=True)
    outcomes = run_suite(
        target, only=args.only, on_outcome=lambda outcome: print(report_line(outcome), flush=True)
    )
    print(summary(outcomes), flush=True)
    return 0 if succeeded(outcomes) else 1
