"""The contract suite: properties any MikroCloud-compatible server keeps, and their runner.

``run_suite(Target(base_url, token, router_id, ...))`` checks a server against every
property in `PROPERTIES` and answers one `Outcome` per property. ``tikjobs contract``
(`contracts.cli`) and the pytest plugin (`contracts.pytest_plugin`) are its two faces.
Names load on first use, so `contracts.suite.target` (what a run is pointed at) imports
without the suite's own dependencies (hypothesis, httpx): the pytest plugin reads its
options with only pytest installed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tikjobs.contracts.suite.exceptions import ContractViolation, SuiteError
    from tikjobs.contracts.suite.runner import (
        NAMES,
        PROPERTIES,
        Outcome,
        Property,
        Verdict,
        check_property,
        report_line,
        run_suite,
        succeeded,
        summary,
    )
    from tikjobs.contracts.suite.target import Need, Target

_EXPORTS = {
    "ContractViolation": "tikjobs.contracts.suite.exceptions",
    "SuiteError": "tikjobs.contracts.suite.exceptions",
    "NAMES": "tikjobs.contracts.suite.runner",
    "PROPERTIES": "tikjobs.contracts.suite.runner",
    "Outcome": "tikjobs.contracts.suite.runner",
    "Property": "tikjobs.contracts.suite.runner",
    "Verdict": "tikjobs.contracts.suite.runner",
    "check_property": "tikjobs.contracts.suite.runner",
    "report_line": "tikjobs.contracts.suite.runner",
    "run_suite": "tikjobs.contracts.suite.runner",
    "succeeded": "tikjobs.contracts.suite.runner",
    "summary": "tikjobs.contracts.suite.runner",
    "Need": "tikjobs.contracts.suite.target",
    "Target": "tikjobs.contracts.suite.target",
}

__all__ = [
    "NAMES",
    "PROPERTIES",
    "ContractViolation",
    "Need",
    "Outcome",
    "Property",
    "SuiteError",
    "Target",
    "Verdict",
    "check_property",
    "report_line",
    "run_suite",
    "succeeded",
    "summary",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
