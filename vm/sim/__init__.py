"""A simulated RouterOS device that speaks the real API wire protocol and SSH/SFTP.

The names tests use most are importable from here; each is loaded on first use, so
importing the wire codec does not pull in the device, its servers or paramiko.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tikjobs.vm.sim.api_server import ApiServer
    from tikjobs.vm.sim.device import Device
    from tikjobs.vm.sim.faults import Faults
    from tikjobs.vm.sim.router import RouterThread, SimulatedRouter

_EXPORTS = {
    "ApiServer": "tikjobs.vm.sim.api_server",
    "Device": "tikjobs.vm.sim.device",
    "Faults": "tikjobs.vm.sim.faults",
    "RouterThread": "tikjobs.vm.sim.router",
    "SimulatedRouter": "tikjobs.vm.sim.router",
}

__all__ = ["ApiServer", "Device", "Faults", "RouterThread", "SimulatedRouter"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
