"""The whole contract suite against a real MikroCloud account, when one is named.

Set MIKROCLOUD_URL, MIKROCLOUD_TOKEN and MIKROCLOUD_ROUTER (optionally
MIKROCLOUD_SECOND_TOKEN, MIKROCLOUD_NOTIFY_SINK) — or pass the ``--mikrocloud-*`` options
with the plugin loaded — and this test checks that account; without one it is skipped
saying what it needs. Only read commands and harmless scripts reach the router.
"""

from __future__ import annotations

import pytest

from tikjobs.contracts.pytest_plugin import NO_ACCOUNT, account
from tikjobs.contracts.suite import report_line, run_suite, succeeded


def test_the_real_cloud_keeps_the_contract(pytestconfig: pytest.Config) -> None:
    target = account(pytestconfig)
    if target is None:
        pytest.skip(NO_ACCOUNT)

    outcomes = run_suite(target)

    assert succeeded(outcomes), "\n".join(report_line(outcome) for outcome in outcomes)
