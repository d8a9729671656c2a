"""A simulated RouterOS device that speaks the real API wire protocol and SSH/SFTP.

The names tests use most are importable from here; each is loaded on first use, so
importing the wire codec does not pull in the device, its servers or paramiko.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vm.sim.api_server import ApiServer
    from vm.sim.device import Device
    from vm.sim.faults import Faults
    from vm.sim.router import RouterThread, SimulatedRouter

_EXPORTS = {
    "ApiServer": "vm.sim.api_server",
    "Device": "vm.sim.device",
    "Faults": "vm.sim.faults",
    "RouterThread": "vm.sim.router",
    "SimulatedRouter": "vm.sim.router",
}

__all__ = ["ApiServer", "Device", "Faults", "RouterThread", "SimulatedRouter"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
