"""Errors of the contract suite: a broken contract, or a run that could not go on.

    Exception
     ├── AssertionError
     │    └── ContractViolation    the server broke the contract (the property fails)
     └── SuiteError                the run could not check a property (no verdict)
          ├── ServerUnreachable    the server did not answer at all (connection, timeout)
          └── SinkUnreadable       the notification sink could not be read

`ContractViolation` is an `AssertionError` so that hypothesis treats it as the failure it
looks for. httpx's errors are translated into `SuiteError`s in `contracts.suite.client`;
nothing above it sees them.
"""

from __future__ import annotations


class ContractViolation(AssertionError):
    """The server answered something the contract does not allow."""


class SuiteError(Exception):
    """A property could not be checked; it neither passed nor failed."""


class ServerUnreachable(SuiteError):
    """A request got no HTTP answer (refused connection, timeout, broken TLS)."""


class SinkUnreadable(SuiteError):
    """The notification sink did not answer its list of received notifications."""
