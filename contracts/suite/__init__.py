"""The contract suite: properties any MikroCloud-compatible server keeps, and their runner.

``run_suite(Target(base_url, token, router_id, ...))`` checks a server against every
property in `PROPERTIES` and answers one `Outcome` per property. ``tikjobs contract``
(`contracts.cli`) and the pytest plugin (`contracts.pytest_plugin`) are its two faces.
"""

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
