"""The synchronous reads property: the seed's read commands answer rows of strings.

``/ip/arp/print``, ``/system/resource/print`` and ``/interface/print``, with or without
an ``=.proplist=``, answer ``{"status": "success", "data": [...]}``: a list of objects
whose keys are normalised as the seed shows (``.id`` -> ``id``, ``mac-address`` ->
``mac_address``, case kept) and whose values are the strings RouterOS sent — never
booleans or numbers. With a proplist, rows carry no other keys.
"""

from __future__ import annotations

from typing import Final

from hypothesis import example, given
from hypothesis import strategies as st

from tikjobs.contracts.api import normalise_key
from tikjobs.contracts.suite import checks
from tikjobs.contracts.suite.exceptions import ContractViolation
from tikjobs.contracts.suite.run import Run

READS: Final[dict[str, tuple[str, ...]]] = {
    "/ip/arp/print": (
        ".id", "address", "mac-address", "interface", "published", "invalid", "DHCP",
        "dynamic", "complete", "disabled",
    ),
    "/system/resource/print": (
        "uptime", "version", "build-time", "free-memory", "total-memory", "cpu", "cpu-count",
        "cpu-load", "architecture-name", "board-name", "platform",
    ),
    "/interface/print": (
        ".id", "name", "default-name", "type", "mtu", "mac-address", "running", "disabled",
        "rx-byte", "tx-byte", "link-downs",
    ),
}  # fmt: skip
"""Each read command and properties RouterOS answers for it."""
IDENTIFIED: Final = frozenset({"/ip/arp/print", "/interface/print"})
"""Commands whose rows are items with an ``.id``."""


def synchronous_reads(run: Run) -> None:
    """Read commands answer lists of rows with string values under the seed's keys."""

    @run.settings()
    @given(
        command=st.sampled_from(sorted(READS)),
        proplist=st.none() | st.lists(st.integers(0, 9), min_size=1, max_size=4, unique=True),
    )
    @example(command="/ip/arp/print", proplist=None)
    @example(command="/system/resource/print", proplist=None)
    @example(command="/interface/print", proplist=[0, 5])
    def check(command: str, proplist: list[int] | None) -> None:
        names = None if proplist is None else [READS[command][i] for i in proplist]
        parameters = None if names is None else "=.proplist=" + ",".join(names)
        what = command if parameters is None else f"{command} {parameters}"
        rows = checks.success(run.api.sync(command, parameters), what)
        if not isinstance(rows, list):
            raise ContractViolation(f"{what} should answer a list of rows, not {rows!r:.200}")
        for row in rows:
            checks.normalised_row(row, what)
        if names is not None:
            allowed = {normalise_key(name) for name in names}
            for row in rows:
                if not row.keys() <= allowed:
                    raise ContractViolation(
                        f"{what} answered keys {sorted(row.keys() - allowed)} it did not ask for"
                    )
        elif command in IDENTIFIED:
            if any("id" not in row for row in rows):
                raise ContractViolation(f"{what}: every row should carry its id (.id -> id)")
        elif len(rows) != 1 or "uptime" not in rows[0]:
            raise ContractViolation(f"{what} should answer one row with an uptime: {rows!r:.300}")

    check()
