"""The harness that boots a real RouterOS CHR, so the router-level tests that run against
the simulator can run against real RouterOS too.

`ChrMachine` boots a CHR image under QEMU on a throwaway overlay, `ChrContainer` runs a
CHR container image with testcontainers, and both answer a `RouterTarget` with the
connection facts. ``tikjobs chr`` (`vm.chr.cli`) runs either from the command line, and
`vm.chr.pytest_fixtures` offers the ``routeros`` fixture that runs one test against
every router available. Names load on first use, so importing the package starts
nothing and needs neither QEMU nor Docker.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tikjobs.vm.chr.container import ChrContainer
    from tikjobs.vm.chr.machine import ChrMachine
    from tikjobs.vm.chr.target import RouterTarget

_EXPORTS = {
    "ChrContainer": "tikjobs.vm.chr.container",
    "ChrMachine": "tikjobs.vm.chr.machine",
    "RouterTarget": "tikjobs.vm.chr.target",
}

__all__ = ["ChrContainer", "ChrMachine", "RouterTarget"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
